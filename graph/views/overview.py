"""The map the app opens on: the exam's domains, the topics under them, and their capabilities.

>>> from graph.store import load_store
>>> G = topic_map(load_store())
>>> G.nodes["https://w3id.org/awskg/id/topic-inference-hosting"]["type"]
'Topic'
>>> "https://w3id.org/awskg/id/serverless-inference" in G
True
"""

from __future__ import annotations

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import SKOS

from graph.lexicon.names import local_name
from graph.store.base import Store
from ontology import AWSKG

__all__ = ["domain_view", "domains", "topic_map"]


def topic_map(store: Store) -> nx.MultiDiGraph:
    """A NetworkX graph: member → topic edges (key ``awskg:topic``), labels as node attributes."""
    G = nx.MultiDiGraph()
    labels: dict[str, dict[str, str]] = {}
    for row in store.select("topic_map"):
        topic, member, entity, label = row["topic"], row["member"], row["entity"], row["label"]
        if not isinstance(topic, URIRef) or not isinstance(member, URIRef):
            continue
        G.add_node(str(topic), iri=str(topic), type="Topic")
        G.add_node(str(member), iri=str(member), type=local_name(row["type"]))
        if not G.has_edge(str(member), str(topic), key=str(AWSKG.topic)):
            G.add_edge(str(member), str(topic), key=str(AWSKG.topic))
        if label is not None and entity is not None:
            labels.setdefault(str(entity), {})[getattr(label, "language", None) or "en"] = str(label)
    for row in store.select("topic_domains"):
        topic, domain, scheme = str(row["topic"]), str(row["domain"]), str(row["scheme"])
        if topic not in G:
            continue  # a topic with no members yet stays off the map
        G.add_node(domain, iri=domain, type="Concept")
        G.add_node(scheme, iri=scheme, type="ConceptScheme")
        if not G.has_edge(topic, domain, key=str(SKOS.related)):
            G.add_edge(topic, domain, key=str(SKOS.related))
        if not G.has_edge(domain, scheme, key=str(SKOS.topConceptOf)):
            G.add_edge(domain, scheme, key=str(SKOS.topConceptOf))
        if row["label"] is not None:
            labels.setdefault(str(row["entity"]), {})[getattr(row["label"], "language", None) or "en"] = \
                str(row["label"])
    for node, ls in labels.items():
        if node in G:
            for lang, text in ls.items():
                G.nodes[node][f"label_{lang}"] = text
    return G


def domains(G: nx.MultiDiGraph) -> list[str]:
    """The exam domains on a :func:`topic_map`, in their order (by IRI: ``…-d1`` first)."""
    return sorted(n for n, d in G.nodes(data=True) if d.get("type") == "Concept")


def domain_view(G: nx.MultiDiGraph, domain: str) -> nx.MultiDiGraph:
    """The part of a :func:`topic_map` under one exam domain: it, its topics and their members.

    >>> from graph.store import load_store
    >>> G = topic_map(load_store())
    >>> H = domain_view(G, "https://w3id.org/awskg/id/mla-c01-d3")
    >>> "https://w3id.org/awskg/id/serverless-inference" in H, H.number_of_nodes() < G.number_of_nodes()
    (True, True)
    """
    if domain not in G:
        return G
    topics = [u for u, v in G.in_edges(domain) if G.nodes[u].get("type") == "Topic"]
    keep = {domain, *topics}
    keep.update(v for _u, v in G.out_edges(domain))  # the scheme
    for topic in topics:
        keep.update(u for u, _v in G.in_edges(topic))
    return G.subgraph(keep).copy()
