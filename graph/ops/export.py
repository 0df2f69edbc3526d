"""Whole-graph export in standard formats (explicitly whole: this is what export is for).

>>> from graph.store import load_store
>>> text = export_text(load_store(), "nt")
>>> "<https://w3id.org/awskg/id/note-13>" in text
True
"""

from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from graph.errors import UsageError
from graph.store.base import Store
from ontology import PREFIXES

__all__ = ["FORMATS", "export_text", "to_graphml_graph"]

FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "graphml": "graphml"}


def to_graphml_graph(g: Graph) -> nx.MultiDiGraph:
    """IRIs and blank nodes as nodes, literals as node attributes, predicates as edge keys."""
    G = nx.MultiDiGraph()
    for s, p, o in g:
        G.add_node(str(s))
        if isinstance(o, Literal):
            if p in (SKOS.prefLabel, RDFS.label) and o.language in ("en", "ja", None):
                G.nodes[str(s)][f"label_{o.language or 'en'}"] = str(o)
            continue
        if p == RDF.type:
            G.nodes[str(s)]["type"] = str(o)
            continue
        G.add_edge(str(s), str(o), key=str(p), predicate=str(p))
    return G


def export_text(store: Store, fmt: str) -> str:
    """The whole graph serialised as ``fmt`` (turtle, nt, jsonld or graphml)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose {', '.join(FORMATS)})")
    g = store.to_graph()
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(to_graphml_graph(g), buf)
        return buf.getvalue().decode("utf-8")
    if fmt == "turtle":
        out = Graph()
        for prefix, ns in PREFIXES.items():
            out.bind(prefix, ns)
        for t in g:
            out.add(t)
        return out.serialize(format="turtle")
    return g.serialize(format=FORMATS[fmt])


