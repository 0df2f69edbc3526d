"""Layer ``views``: NetworkX projections of the part being looked at, and their pyvis HTML.

May import: ``graph.reason``, ``graph.lexicon``, ``graph.store``, ``graph.errors``, ``ontology``.

>>> from graph.store import load_store
>>> view = ego_graph(load_store(), KB["serverless-inference"], hops=1)
>>> "<html" in to_html(view.G)
True
"""

from graph.views.html import to_html
from graph.views.network import ego_graph, explain_graph, shortest_path
from ontology import KB

__all__ = ["ego_graph", "shortest_path", "explain_graph", "to_html", "KB"]
