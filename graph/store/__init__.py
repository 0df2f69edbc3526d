"""Layer ``store``: where triples live and how named queries reach them.

The :class:`Store` interface and its three backends (memory, a persistent
Oxigraph directory, a SPARQL endpoint), named queries with bound values, the
console's read-only gate, data paths, note sections as triples, the per-store
cache. May import: ``graph.errors``, ``ontology``.

>>> kb = load_store()
>>> kb.kind, kb.count() > 1000
('memory', True)
"""

from graph.store.base import Row, SparqlResult, Store
from graph.store.files import data_files, ontology_files
from graph.store.gate import check_read_only
from graph.store.memory import MemoryStore
from graph.store.open import load_store
from graph.store.oxigraph import OxigraphStore
from graph.store.query import read_query, term_sparql
from graph.store.remote import SparqlStore
from ontology import KB

__all__ = ["Store", "Row", "SparqlResult", "MemoryStore", "OxigraphStore", "SparqlStore", "load_store",
           "data_files", "ontology_files", "read_query", "term_sparql", "check_read_only", "KB"]
