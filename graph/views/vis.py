"""NetworkX projection → the JSON data of a vis-network view (for the app's graph component).

Same styling as :mod:`graph.views.html` (built from :func:`build_page`, through pyvis's
``Network`` data model), but made to be drawn at once and clicked:

* positions come from a NetworkX layout computed here, so the browser starts with physics
  off and draws immediately (no stabilisation);
* a hub's many leaves are folded into one "+N" node (``more:<hub>``), so labels do not
  pile up; labels are shortened, wrapped and sized by importance;
* statement nodes (facts, constraints) are labelled with a short statement, never a slug;
* tooltips are plain text — label, other-language label, class, a one-line statement —
  and never the raw IRI.

Every text is data: the component sets labels on a canvas and tooltips with
``textContent``.

>>> G = nx.MultiDiGraph()
>>> G.add_node("https://w3id.org/awskg/id/a", label_en="<b>A</b>", label_ja="A", type="Service")
>>> G.add_node("https://w3id.org/awskg/id/fact-x", label_en="fact-x", label_ja="fact-x", type="Fact")
>>> G.add_edge("https://w3id.org/awskg/id/a", "https://w3id.org/awskg/id/fact-x", key="p")
'p'
>>> data = view_data(G, focus="https://w3id.org/awskg/id/a",
...                  texts={"https://w3id.org/awskg/id/fact-x": {"en": "Payload is at most 4 MB."}})
>>> [n["label"] for n in data["nodes"]]
['<b>A</b>', 'Payload is at most 4 MB.']
>>> any("https://" in n["title"] for n in data["nodes"])
False
>>> data["options"]["physics"]["enabled"], "x" in data["nodes"][0]
(False, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import networkx as nx
from rdflib import URIRef

from graph.lexicon.names import local_name
from graph.store.base import Store
from graph.views.html import _OTHER, CLASS_STYLE, VERDICT_COLOURS, build_page

__all__ = ["MORE_PREFIX", "fold_leaves", "layout", "node_texts", "view_data"]

#: Id prefix of a "+N" node standing for a hub's folded leaves (``more:<hub IRI>``).
MORE_PREFIX = "more:"
#: Leaves a hub keeps before the rest are folded into "+N".
MAX_LEAVES = 10
#: The same for the node the drawing is centred on (its neighbours are what was asked for).
CENTRE_LEAVES = 40
#: Classes whose label is often a slug and whose statement says more.
_STATEMENTS = {"Fact", "Constraint", "Assessment", "ComparisonValue", "Correction"}
_ORDER = {t: i for i, t in enumerate(CLASS_STYLE)}


def node_texts(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, str]]:
    """One-line text per node and language: a statement, else a description (one query)."""
    iris = [URIRef(n) for n in dict.fromkeys(nodes) if "://" in n]
    out: dict[str, dict[str, str]] = {}
    rank: dict[tuple[str, str], int] = {}
    if not iris:
        return out
    for r in store.select("node_statements", node=iris):
        text, node = r["text"], str(r["node"])
        lang = getattr(text, "language", None) or "en"
        score = 0 if local_name(r["p"]) == "statement" else 1
        if rank.get((node, lang), 9) > score:
            rank[(node, lang)] = score
            out.setdefault(node, {})[lang] = " ".join(str(text).split())
    return out


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    for stop in ("。", ". "):
        cut = text.find(stop)
        if 0 < cut < limit:
            return text[: cut + 1].strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_slug(label: str, node: str) -> bool:
    return not label or label == local_name(node)


def _humanise(node: str) -> str:
    name = local_name(node)
    for prefix in ("fact-", "constraint-", "value-", "assessment-"):
        name = name.removeprefix(prefix)
    return name.replace("-", " ").replace("_", " ").capitalize()


def fold_leaves(
    G: nx.MultiDiGraph, *, keep: Iterable[str] = (), open_hubs: Iterable[str] = (),
    max_leaves: int = MAX_LEAVES, centre: str | None = None, centre_leaves: int = CENTRE_LEAVES,
) -> tuple[nx.MultiDiGraph, dict[str, list[str]]]:
    """Fold the leaves of each hub beyond ``max_leaves`` into one ``more:<hub>`` node.

    A leaf is a node with one neighbour. ``keep`` nodes are never folded; hubs in
    ``open_hubs`` keep all their leaves, ``centre`` up to ``centre_leaves``. Returns the new graph and, per "+N" node, the
    folded node ids (services and capabilities are kept first).

    >>> G = nx.MultiDiGraph()
    >>> G.add_edges_from(("hub", f"leaf{i:02d}", "p") for i in range(15))
    [...]
    >>> H, folded = fold_leaves(G, max_leaves=5)
    >>> H.number_of_nodes(), len(folded["more:hub"])
    (6, 11)
    """
    keep = set(keep)
    U = nx.Graph(G)
    folded: dict[str, list[str]] = {}
    open_hubs = set(open_hubs)
    for hub in list(U.nodes):
        if hub in open_hubs:
            continue
        leaves = [n for n in U.neighbors(hub) if U.degree(n) == 1 and n not in keep]
        limit = centre_leaves if hub == centre else max_leaves
        if len(leaves) <= limit:
            continue
        leaves.sort(key=lambda n: (_ORDER.get(str(G.nodes[n].get("type") or ""), 99), str(n)))
        folded[MORE_PREFIX + hub] = leaves[limit - 1:]
    if not folded:
        return G, {}
    H = G.copy()
    for more, leaves in folded.items():
        H.remove_nodes_from(leaves)
        names = {lang: [_label(G, m, lang) for m in leaves] for lang in ("en", "ja")}
        H.add_node(more, type="", label_en=f"+{len(leaves)}", label_ja=f"+{len(leaves)}",
                   members_en=names["en"], members_ja=names["ja"])
        H.add_edge(more[len(MORE_PREFIX):], more, key="more", label_en="", label_ja="")
    return H, folded


def layout(
    G: nx.Graph, *, seed: int = 7, base: Mapping[str, tuple[float, float]] | None = None,
    centre: str | None = None, aspect: float | None = None,
) -> dict[str, tuple[float, float]]:
    """Canvas positions (pixels) per node, deterministic for a given graph and seed.

    Nodes with more than one neighbour (the core) get a spring layout, spaced so that each
    hub's leaves fit on a ring around it without touching the next ring; ``centre`` sits at
    the origin. With ``base``, those positions stay and new nodes are placed on rings
    around the drawn neighbour they hang from (an expansion grows where it was asked for).
    ``aspect`` (width / height of the canvas) widens a drawing that is narrower than the
    canvas, so a wide canvas is used for room between nodes (never with ``base``).

    >>> pos = layout(nx.star_graph(6), centre=0)
    >>> pos[0], len(pos), min(math.dist(pos[0], pos[i]) for i in range(1, 7)) > _RING_MIN - 1
    ((0.0, 0.0), 7, True)
    """
    U = nx.Graph(G)
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    if len(U) == 0:
        return {}
    base = {k: v for k, v in (base or {}).items() if k in U}
    pos = _grow(U, base) if base else _hubs(U, centre, seed)
    pos = _spread(pos, fixed=set(base) if base else ({centre} if centre else set()))
    if aspect and not base and len(pos) > 2:
        pos = _widen(pos, aspect)
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}


_RING_MIN, _LEAF_GAP, _CORE_GAP = 130.0, 100.0, 90.0
#: Leaves one ring holds before a hub gets two.
_ONE_RING = 16


def _circle(n: int) -> float:
    """The radius of one ring that holds ``n`` leaves ``_LEAF_GAP`` apart."""
    return max(_RING_MIN, _LEAF_GAP * n / (2 * math.pi))


def _ring(hub: tuple[float, float], members: list[str], start: float, radius: float | None = None,
          ) -> dict[str, tuple[float, float]]:
    if radius is None and len(members) > _ONE_RING:
        # Two staggered rings instead of one wide one: the drawing stays small enough to be
        # fitted at a zoom where labels are still readable.
        inner = _circle(math.ceil(len(members) / 2))
        out = _ring(hub, members[0::2], start, inner)
        out.update(_ring(hub, members[1::2], start + math.pi / max(1, len(members)),
                         inner + _LEAF_GAP * 1.1))
        return out
    r = radius or _circle(len(members))
    step = 2 * math.pi / max(1, len(members))
    return {m: (hub[0] + r * math.cos(start + i * step), hub[1] + r * math.sin(start + i * step))
            for i, m in enumerate(members)}


def _ring_radius(n: int) -> float:
    """How far a hub's ring of ``n`` leaves reaches (the outer ring when there are two)."""
    return _circle(math.ceil(n / 2)) + _LEAF_GAP * 1.1 if n > _ONE_RING else _circle(n)


def _hubs(U: nx.Graph, centre: str | None, seed: int) -> dict[str, tuple[float, float]]:
    import numpy as np

    leaves = {n for n in U if U.degree(n) == 1 and n != centre}
    owner = {n: next(iter(U.neighbors(n))) for n in leaves}
    leaves = {n for n in leaves if owner[n] not in leaves}  # a lone pair stays in the core
    core = [n for n in U if n not in leaves]
    rings: dict[str, list[str]] = {}
    for n in sorted(leaves, key=lambda m: (_ORDER.get(str(U.nodes[m].get("type") or ""), 99), m)):
        rings.setdefault(owner[n], []).append(n)
    radius = {h: _ring_radius(len(ms)) for h, ms in rings.items()}
    if len(core) == 1:
        cpos = {core[0]: (0.0, 0.0)}
    else:
        C = U.subgraph(core)
        try:
            cpos = nx.spring_layout(C, seed=seed, iterations=80, k=1.2 / math.sqrt(len(core)))
        except ImportError:  # the sparse solver (≥ 500 nodes) needs SciPy: shells instead
            first = centre if centre in C else core[0]
            dist = nx.single_source_shortest_path_length(C, first)
            shells: dict[int, list] = {}
            for n in core:
                shells.setdefault(dist.get(n, 99), []).append(n)
            cpos = nx.shell_layout(C, [shells[k] for k in sorted(shells)])
        xy = np.array([cpos[n] for n in core], dtype=float)
        r = np.array([radius.get(n, 30.0) for n in core])
        d = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
        need = (r[:, None] + r[None, :] + _CORE_GAP) / np.maximum(d, 1e-3)
        iu = np.triu_indices(len(core), 1)
        scale = float(np.percentile(need[iu], 90)) if len(iu[0]) else 150.0
        scale = max(150.0, min(scale, 120.0 * len(core) + 300.0))
        cpos = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in zip(core, xy)}
    cx, cy = cpos.get(centre, (0.0, 0.0)) if centre else (0.0, 0.0)
    pos = {n: (x - cx, y - cy) for n, (x, y) in cpos.items()}
    mx = sum(x for x, _ in pos.values()) / len(pos)
    my = sum(y for _, y in pos.values()) / len(pos)
    for hub, members in rings.items():
        hx, hy = pos[hub]
        start = math.atan2(hy - my, hx - mx) if (hx, hy) != (mx, my) else 0.0
        pos.update(_ring(pos[hub], members, start))
    return pos


def _widen(pos: dict[str, tuple[float, float]], aspect: float) -> dict[str, tuple[float, float]]:
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    w, h = max(xs) - min(xs), max(ys) - min(ys)
    if w <= 0 or h <= 0 or w / h >= aspect:
        return pos
    k = min(aspect * h / w, 2.5)
    return {n: (x * k, y) for n, (x, y) in pos.items()}


def _spread(pos: dict[str, tuple[float, float]], *, fixed: set[str], radius: float = 46.0,
            rounds: int = 60) -> dict[str, tuple[float, float]]:
    """Push overlapping nodes apart (each node is a disc of ``radius``); ``fixed`` stay put."""
    import numpy as np

    names = list(pos)
    if len(names) < 2:
        return pos
    P = np.array([pos[n] for n in names], dtype=float)
    move = np.array([0.0 if n in fixed else 1.0 for n in names])[:, None]
    rounds = rounds if len(names) <= 300 else 15
    for _ in range(rounds):
        diff = P[:, None, :] - P[None, :, :]
        d = np.sqrt((diff ** 2).sum(-1))
        np.fill_diagonal(d, np.inf)
        overlap = np.clip(2 * radius - d, 0.0, None)
        if not overlap.any():
            break
        d = np.where(np.isinf(d), 1.0, np.maximum(d, 1e-3))
        push = (diff / d[:, :, None] * (overlap / 2)[:, :, None]).sum(1)
        P += push * move
    return {n: (float(x), float(y)) for n, (x, y) in zip(names, P)}


def _grow(U: nx.Graph, base: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    pos = dict(base)
    new = [n for n in U if n not in pos]
    groups: dict[str, list[str]] = {}
    loose = []
    for n in sorted(new, key=lambda m: (_ORDER.get(str(U.nodes[m].get("type") or ""), 99), m)):
        anchors = [m for m in U.neighbors(n) if m in pos]
        if anchors:  # hang it from the drawn neighbour with the most new neighbours
            best = max(anchors, key=lambda m: (sum(1 for k in U.neighbors(m) if k not in pos), m))
            groups.setdefault(best, []).append(n)
        else:
            loose.append(n)
    mx = sum(x for x, _ in base.values()) / len(base)
    my = sum(y for _, y in base.values()) / len(base)
    for hub, members in groups.items():
        hx, hy = pos[hub]
        start = math.atan2(hy - my, hx - mx) if (hx, hy) != (mx, my) else 0.0
        pos.update(_ring((hx, hy), members, start))
    if loose:
        far = max(math.dist((mx, my), p) for p in pos.values()) + 2 * _RING_MIN
        pos.update(_ring((mx, my), loose, 0.0, far))
    return pos


def view_data(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    focus: str | None = None,
    texts: Mapping[str, Mapping[str, str]] | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    class_labels: Mapping[str, str] | None = None,
    verdict_labels: Mapping[str, str] | None = None,
    **kwargs,
) -> dict:
    """``{"nodes", "edges", "options", "legend", "verdicts"}`` for the graph component.

    ``kwargs`` go to :func:`graph.views.html.build_page` (highlights, ``max_nodes``,
    ``edge_labels``, ``layered``). A ``layered`` view (requirements on the left, the options
    that answer them on the right) is placed by vis-network's own hierarchical layout,
    which is deterministic and needs no physics, so no positions are sent.
    """
    from pyvis.network import Network

    texts = texts or {}
    class_labels = dict(class_labels or {})
    other = "ja" if lang == "en" else "en"
    page = build_page(G, lang=lang, focus=focus, class_labels=class_labels,
                      verdict_labels=verdict_labels, **kwargs)
    layered = bool(kwargs.get("layered"))
    if layered:
        positions = {}
    elif positions is None:
        positions = layout(G, centre=focus)
    degree = dict(nx.Graph(G).degree())
    big = len(page.nodes) > 40
    for node in page.nodes:
        n = node["id"]
        data = G.nodes[n]
        typ = str(data.get("type") or "")
        full = str(data.get(f"label_{lang}") or data.get("label_en") or "")
        alt = str(data.get(f"label_{other}") or "")
        said = texts.get(n, {})
        statement = said.get(lang) or said.get(other) or ""
        members = data.get(f"members_{lang}")
        if members is not None:
            full, alt = f"+{len(members)}", ""
        elif _is_slug(full, n):
            full = _one_line(statement, 60) if statement else _humanise(n)
            alt = "" if _is_slug(alt, n) else alt
        limit = 60 if n == focus else (24 if big else 32)
        node["label"] = _one_line(full, limit) if typ in _STATEMENTS else (
            full if len(full) <= limit else full[: limit - 1] + "…")
        lines = [full, alt if alt and alt != full else "", class_labels.get(typ, typ)]
        if statement and _one_line(statement, 160) != full:
            lines.append(_one_line(statement, 160))
        node["title"] = "\n".join(x for x in lines if x)
        node["widthConstraint"] = {"maximum": 170 if n == focus else 130}
        size = 18 if n == focus else (15 if degree.get(n, 0) >= 6 else (12 if big else 13))
        node["font"]["size"] = size
        if members is not None:
            node.update(shape="circle", color={"background": "#ffffff", "border": "#888888"},
                        borderWidth=1, font={"size": 13, "color": "#444444"})
            node["title"] = "\n".join([full] + [f"· {m}" for m in members[:12]]
                                      + (["…"] if len(members) > 12 else []))
        if n in positions:
            node["x"], node["y"] = positions[n]
    for edge in page.edges:
        edge["id"] = f"{edge['from']}|{edge['to']}"
        if edge["to"].startswith(MORE_PREFIX) or edge["from"].startswith(MORE_PREFIX):
            edge.update(title="", dashes=True, arrows="")
            edge.pop("label", None)
    options = dict(page.options)
    options["physics"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    if layered:
        # wider than the pyvis page: node labels wrap at 130 px here, so rows need more room
        options["layout"]["hierarchical"] = dict(page.options["layout"]["hierarchical"],
                                                 nodeSpacing=85, levelSeparation=210)
    options["interaction"] = {**options["interaction"], "zoomView": True, "dragView": True}
    options.pop("autoResize", None)
    net = Network(directed=True, cdn_resources="in_line", heading="")
    net.nodes, net.edges, net.options = page.nodes, page.edges, options
    nodes, edges, *_rest = net.get_network_data()
    present = {d.get("verdict") for _u, _v, d in G.edges(data=True)}
    verdicts = [[VERDICT_COLOURS[k], v] for k, v in (verdict_labels or {}).items()
                if k in VERDICT_COLOURS and k in present]
    typeless = [n for n in G.nodes if not G.nodes[n].get("type")]
    legend = [[label, colour, shape] for label, colour, shape in page.legend
              if not (typeless and all(n.startswith(MORE_PREFIX) for n in typeless)
                      and (colour, shape) == _OTHER)]
    return {"nodes": nodes, "edges": edges, "options": options, "legend": legend,
            "verdicts": verdicts, "focus": focus or "", "dropped": page.dropped}


def _label(G: nx.MultiDiGraph, n: str, lang: str) -> str:
    data = G.nodes[n] if n in G else {}
    full = str(data.get(f"label_{lang}") or data.get("label_en") or "")
    return _humanise(n) if _is_slug(full, n) else full
