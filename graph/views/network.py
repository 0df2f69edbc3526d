"""Bounded NetworkX projections of the store: ego graphs, paths, explanations.

The store stays the source of truth; these functions pull only the part being
looked at, hop by hop, with one query per hop. In the projection:

* the edge key is the predicate IRI (as ``str``);
* literals are node attributes (``label_en``, ``label_ja``, ``type``), not nodes;
* an ``Assessment`` is drawn as one edge subject → requirement whose key is the
  verdict IRI and whose ``verdict`` attribute is ``fits``/``partial``/``does-not-fit``.

>>> from graph.store import load_store
>>> from ontology import KB
>>> kb = load_store()
>>> view = ego_graph(kb, KB["serverless-inference"], hops=1, max_nodes=50)
>>> view.G.nodes[str(KB["serverless-inference"])]["label_en"]
'Serverless Inference'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV

from graph.errors import UsageError
from graph.lexicon.names import label_of, local_name, verdict_name
from graph.reason.describe import labels_and_types, predicate_labels
from graph.store.base import Store
from ontology import AWSKG

__all__ = ["EgoView", "PathView", "ego_graph", "shortest_path", "explain_graph", "node_info",
           "DEFAULT_MAX_NODES", "HARD_MAX_NODES"]

#: Default node cap of a view: headless Chromium draws and settles our pyvis page with
#: 150 nodes in ~0.6 s on this 2-core class of machine (bench/browser.py; README "Speed").
DEFAULT_MAX_NODES = 150
#: Never draw more than this, whatever is asked: 700 nodes settle in ~1.5 s, 1,000 in
#: ~2.5 s, so 800 keeps even the largest view within about 2 s.
HARD_MAX_NODES = 800
#: Neighbours shown per node before the rest are summarised as "+N more".
DEFAULT_PER_NODE = 40



@dataclass
class EgoView:
    """An entity's neighbourhood: the graph, what was left out, and the cap used."""

    G: nx.MultiDiGraph
    center: str
    hidden: dict[str, int] = field(default_factory=dict)
    capped: bool = False
    max_nodes: int = DEFAULT_MAX_NODES

    @property
    def hidden_total(self) -> int:
        """How many neighbours exist but are not drawn."""
        return sum(self.hidden.values())


@dataclass
class PathView:
    """A shortest path: node IRIs in order and, per hop, the predicate and its direction."""

    G: nx.MultiDiGraph
    nodes: list[str]
    hops: list[tuple[str, str, str, str]]  # (from, predicate, to, "out"|"in")

    def describe(self, lang: str = "en") -> list[str]:
        """Each hop in words, e.g. ``AWS Lambda —used by→ …``."""
        lines = []
        for a, pred, b, direction in self.hops:
            la, lb = self.G.nodes[a]["label_" + lang], self.G.nodes[b]["label_" + lang]
            plabel = self.G.edges[(a, b, pred) if direction == "out" else (b, a, pred)]["label_" + lang]
            if direction == "out":
                lines.append(f"{la} —{plabel}→ {lb}")
            else:
                lines.append(f"{la} ←{plabel}— {lb}")
        return lines


#: Predicates that lead to provenance (note sections, documents), not to explanations.
_PROVENANCE = {PROV.wasDerivedFrom, DCTERMS.source}


def node_info(store: Store, nodes: Iterable[URIRef]) -> dict[URIRef, dict[str, str]]:
    """Labels and class of each node, as graph attributes (one bounded query).

    >>> from graph.store import load_store
    >>> from ontology import KB
    >>> node_info(load_store(), [KB["emr-task-node"]])[KB["emr-task-node"]]["type"]
    'Capability'
    """
    nodes = [n for n in dict.fromkeys(nodes) if isinstance(n, URIRef)]
    labels, types = labels_and_types(store, nodes)
    return {
        n: {
            "iri": str(n),
            "label_en": label_of(labels.get(n, {}), n, "en"),
            "label_ja": label_of(labels.get(n, {}), n, "ja"),
            "type": local_name(types[n]) if n in types else "",
        }
        for n in nodes
    }


def _edge_attrs(store: Store, pred: URIRef) -> dict[str, str]:
    labels = predicate_labels(store).get(pred, {})
    return {
        "predicate": str(pred),
        "label_en": label_of(labels, pred, "en"),
        "label_ja": label_of(labels, pred, "ja"),
    }


def _neighbours(store: Store, nodes: list[URIRef]) -> dict[URIRef, list[tuple[URIRef, URIRef, str]]]:
    """(predicate, neighbour, direction) per node; assessments folded into their ends.

    Two bounded queries: the neighbours, then the ends of those that are assessments.
    """
    found: dict[URIRef, list[tuple[URIRef, URIRef, str]]] = defaultdict(list)
    if not nodes:
        return found
    rows = store.select("ego_neighbours", node=nodes)
    incoming = sorted({r["m"] for r in rows if str(r["dir"]) == "in"})
    ends = {}
    for r in store.select("assessment_ends", assessment=incoming) if incoming else []:
        ends[r["assessment"]] = (r["subject"], r["requirement"], r["verdict"])
    for r in rows:
        node, pred, m, direction = r["node"], r["p"], r["m"], str(r["dir"])
        if m in ends:
            subj, req, verdict = ends[m]
            # Fold the n-ary assessment into one verdict edge subject → requirement.
            if node == subj:
                found[node].append((verdict, req, "out"))
            elif node == req:
                found[node].append((verdict, subj, "in"))
            else:
                found[node].append((pred, m, direction))
        else:
            found[node].append((pred, m, direction))
    for node in found:
        found[node] = sorted(set(found[node]), key=lambda t: (str(t[0]), str(t[1])))
    return found


def _add_edge(store: Store, G: nx.MultiDiGraph, a: URIRef, pred: URIRef, b: URIRef, direction: str) -> None:
    u, v = (a, b) if direction == "out" else (b, a)
    attrs = _edge_attrs(store, pred)
    if pred in (AWSKG.fits, AWSKG.partial, AWSKG.doesNotFit):
        attrs["verdict"] = verdict_name(pred)
    G.add_edge(str(u), str(v), key=str(pred), **attrs)


def ego_graph(
    store: Store,
    center: URIRef,
    *,
    hops: int = 1,
    max_nodes: int = DEFAULT_MAX_NODES,
    per_node: int = DEFAULT_PER_NODE,
    classes: Iterable[URIRef] | None = None,
    predicates: Iterable[URIRef] | None = None,
) -> EgoView:
    """The ``hops``-neighbourhood of ``center``, at most ``max_nodes`` nodes.

    ``classes`` keeps only neighbours of those classes; ``predicates`` only edges
    with those predicates (the verdict edges count as ``awskg:verdict``).
    """
    if not 1 <= hops <= 3:
        raise UsageError("hops must be 1, 2 or 3")
    max_nodes = max(1, min(int(max_nodes), HARD_MAX_NODES))
    keep_classes = {local_name(c) for c in classes} if classes else None
    keep_preds = set(predicates) if predicates else None
    G = nx.MultiDiGraph()
    view = EgoView(G, str(center), max_nodes=max_nodes)
    shown: set[URIRef] = {center}
    edges: list[tuple[URIRef, URIRef, URIRef, str]] = []
    frontier = [center]
    for _ in range(hops):
        neighbours = _neighbours(store, frontier)
        if keep_classes:
            candidates = {m for items in neighbours.values() for _, m, _ in items} - shown
            info = node_info(store, candidates)
        nxt: list[URIRef] = []
        for node in frontier:
            count = 0
            for pred, m, direction in neighbours.get(node, []):
                is_verdict = pred in (AWSKG.fits, AWSKG.partial, AWSKG.doesNotFit)
                if keep_preds and (AWSKG.verdict if is_verdict else pred) not in keep_preds:
                    continue
                if keep_classes and m not in shown and info[m]["type"] not in keep_classes:
                    continue
                if m not in shown:
                    if count >= per_node or len(shown) >= max_nodes:
                        view.hidden[str(node)] = view.hidden.get(str(node), 0) + 1
                        view.capped = view.capped or len(shown) >= max_nodes
                        continue
                    shown.add(m)
                    nxt.append(m)
                    count += 1
                edges.append((node, pred, m, direction))
        frontier = nxt
        if not frontier:
            break
    for n, attrs in node_info(store, [center, *sorted(shown - {center})]).items():
        G.add_node(str(n), **attrs)
    for node, pred, m, direction in edges:
        _add_edge(store, G, node, pred, m, direction)
    return view


def shortest_path(store: Store, a: URIRef, b: URIRef, *, max_hops: int = 6) -> PathView:
    """Shortest undirected path between two entities, found hop by hop in the store.

    Note sections and documents are not stepped through: "both cite the same
    page" is not an explanation. Raises :class:`UsageError` when none exists.
    """
    if a == b:
        G = nx.MultiDiGraph()
        G.add_node(str(a), **node_info(store, [a])[a])
        return PathView(G, [str(a)], [])
    parents: list[dict[URIRef, tuple[URIRef | None, URIRef | None, str]]] = [
        {a: (None, None, "")}, {b: (None, None, "")}
    ]
    frontiers = [[a], [b]]
    meet = None
    for _ in range(max_hops):
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        if not frontiers[side]:
            break
        nxt: list[URIRef] = []
        neighbours = _neighbours(store, frontiers[side])
        for node in frontiers[side]:
            for pred, m, direction in neighbours.get(node, []):
                # "Both cite the same page" is not an explanation: don't step into provenance.
                if m in parents[side] or pred in _PROVENANCE:
                    continue
                parents[side][m] = (node, pred, direction)
                nxt.append(m)
                if m in parents[1 - side]:
                    meet = m
                    break
            if meet is not None:
                break
        frontiers[side] = nxt
        if meet is not None:
            break
    if meet is None:
        raise UsageError(f"no path of at most {max_hops} hops between the two entities")

    def chain(side: int) -> list[tuple[URIRef, URIRef, URIRef, str]]:
        hops, node = [], meet
        while parents[side][node][0] is not None:
            prev, pred, direction = parents[side][node]
            hops.append((prev, pred, node, direction))
            node = prev
        return hops

    forward = list(reversed(chain(0)))
    backward = [(m, p, n, "in" if d == "out" else "out") for (n, p, m, d) in chain(1)]
    G = nx.MultiDiGraph()
    order = [a] + [h[2] for h in forward] + [h[2] for h in backward]
    for n, attrs in node_info(store, order).items():
        G.add_node(str(n), **attrs)
    out_hops = []
    for frm, pred, to, direction in forward + backward:
        _add_edge(store, G, frm, pred, to, direction)
        out_hops.append((str(frm), str(pred), str(to), direction))
    return PathView(G, [str(n) for n in order], out_hops)


def explain_graph(
    store: Store,
    requirements: Iterable[URIRef],
    subjects: Iterable[URIRef],
) -> nx.MultiDiGraph:
    """Requirements → answers graph: only the verdict edges between the given nodes."""
    reqs, subs = list(dict.fromkeys(requirements)), list(dict.fromkeys(subjects))
    G = nx.MultiDiGraph()
    for n, attrs in node_info(store, reqs + subs).items():
        G.add_node(str(n), **attrs)
    wanted = set(reqs)
    for node, items in _neighbours(store, subs).items():
        for pred, m, direction in items:
            if m in wanted and pred in (AWSKG.fits, AWSKG.partial, AWSKG.doesNotFit):
                _add_edge(store, G, node, pred, m, direction)
    return G

