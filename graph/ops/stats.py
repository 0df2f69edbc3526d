"""Counts per class.

>>> from graph.store import load_store
>>> from ontology import AWSKG
>>> class_counts(load_store())[AWSKG.NoteSection]
8
"""

from __future__ import annotations

from rdflib import URIRef

from graph.errors import StoreError
from graph.store.base import Store

__all__ = ["class_counts"]


def class_counts(store: Store) -> dict[URIRef, int]:
    """Instances per class of the vocabulary, largest first."""
    out = {}
    for r in store.select("class_counts"):
        if r["class"] is None or r["n"] is None:
            raise StoreError("the store's answer lacks the class counts asked for")
        out[r["class"]] = int(r["n"])
    return out
