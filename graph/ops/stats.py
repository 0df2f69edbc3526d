"""Counts per class.

>>> from graph.store import load_store
>>> from ontology import AWSKG
>>> class_counts(load_store())[AWSKG.NoteSection]
8
"""

from __future__ import annotations

from rdflib import URIRef

from graph.store.base import Store

__all__ = ["class_counts"]


def class_counts(store: Store) -> dict[URIRef, int]:
    """Instances per class of the vocabulary, largest first."""
    return {r["class"]: int(r["n"]) for r in store.select("class_counts")}
