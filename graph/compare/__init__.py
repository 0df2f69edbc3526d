"""Layer ``compare``: comparison tables generated from the graph, and their renderings.

May import: ``graph.reason``, ``graph.lexicon``, ``graph.store``, ``graph.errors``, ``ontology``.

>>> from graph.store import load_store
>>> kb = load_store()
>>> "Idle cost" in to_csv(compare(kb, resolve_group(kb, "inference"))).splitlines()[0]
True
"""

from graph.compare.build import compare, compare_names, list_groups, resolve_group, resolve_items
from graph.compare.render import to_csv, to_dict, to_json, to_markdown, to_text
from graph.compare.table import ComparisonTable

__all__ = ["compare", "compare_names", "list_groups", "resolve_group", "resolve_items", "ComparisonTable",
           "to_csv", "to_dict", "to_json", "to_markdown", "to_text"]
