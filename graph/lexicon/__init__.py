"""Layer ``lexicon``: the names of a store's entities, read once, in memory or from an index.

The catalogue ``fit`` matches (requirements, capabilities, services with their
gazetteer), the lexicon search matches, display labels and verdict spellings,
and the SQLite index kept beside a persistent store. The one place both ``fit``
and search take names from (:mod:`graph.lexicon.read`). May import: ``graph.text``, ``graph.store``,
``graph.errors``, ``ontology``.

>>> from graph.store import load_store
>>> kb = load_store()
>>> lexicon(kb).types[KB["sagemaker"]] == KB.__class__  # a class IRI, not a string
False
"""

from graph.lexicon.catalog import Catalog
from graph.lexicon.names import Lexicon, label_of, local_name, norm, verdict_name
from graph.lexicon.read import lexicon
from ontology import KB

__all__ = ["Catalog", "Lexicon", "lexicon", "label_of", "local_name", "norm",
           "verdict_name", "KB"]
