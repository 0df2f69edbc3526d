"""The one place ``fit``, search and the views take names from.

A store's catalogue (what ``fit`` matches) and lexicon (what search matches) are
read once per store object: from the index file beside a persistent store
(:mod:`graph.lexicon.index`), else from the store itself with one query each.

>>> from graph.store import load_store
>>> kb = load_store()
>>> catalog(kb) is catalog(kb), KB["req-minimize-cost"] in catalog(kb).requirements
(True, True)
>>> lexicon(kb) is lexicon(kb), lexicon(kb).types[KB["sagemaker"]] == AWSKG.Service
(True, True)
"""

from __future__ import annotations

from graph.lexicon.catalog import Catalog, build_catalog, lexicon_rows
from graph.lexicon.index import stored
from graph.lexicon.indexed import IndexedCatalog, read_lexicon
from graph.lexicon.names import Lexicon, build_lexicon
from graph.store.base import Store
from graph.store.cache import per_store
from ontology import AWSKG, KB  # noqa: F401 - the doctests above

__all__ = ["catalog", "lexicon", "stored_catalog", "stored_lexicon"]


def stored_catalog(store: Store) -> Catalog | None:
    """The catalogue of a store that keeps an index; ``None`` for other stores.

    Opens the index when its fingerprint matches the store, else rebuilds it first.
    """
    return stored(store, IndexedCatalog, "catalog", lambda s: build_catalog(lexicon_rows(s)))


def stored_lexicon(store: Store) -> Lexicon | None:
    """The search lexicon of a store that keeps an index; ``None`` for other stores."""
    return stored(store, read_lexicon, "lexicon", lambda s: build_lexicon(s))


@per_store
def catalog(store: Store) -> Catalog:
    """The store's catalogue, read once per store object (from its index where it has one)."""
    found = stored_catalog(store)
    return found if found is not None else build_catalog(lexicon_rows(store))


@per_store
def lexicon(store: Store) -> Lexicon:
    """The store's search lexicon, read once per store object (from its index where it has one)."""
    found = stored_lexicon(store)
    return found if found is not None else build_lexicon(store)
