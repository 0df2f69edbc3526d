"""NetworkX projection → a self-contained, offline pyvis (vis-network) HTML page.

The page works in an ``srcdoc`` iframe with no network at all: vis-network is
inlined from the pyvis package, and the template (``graph/views/templates/graph.html``)
has no CDN links (pyvis's own template always loads Bootstrap from jsDelivr).
Physics runs a bounded stabilisation, then is switched off so the picture settles
and stays still; a fixed random seed gives the same layout on every rerun.

Every text that reaches the page is data, never markup: node and edge data go
through ``tojson`` into a ``vis.DataSet`` (vis-network draws labels on a canvas
and sets string tooltips with ``innerText``), and the legend is auto-escaped.

>>> import networkx as nx

from graph.views.network import DEFAULT_MAX_NODES, HARD_MAX_NODES
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label_en="Lambda", label_ja="ラムダ", type="Service")
>>> G.add_node("b", label_en="<b>x</b>", label_ja="x", type="Capability")
>>> G.add_edge("a", "b", key="p", label_en="uses", label_ja="使用する")
'p'
>>> html = to_html(G, lang="ja", focus="a")
>>> "ラムダ" in html and "jsdelivr" not in html and "cdnjs" not in html
True
>>> "<b>x</b>" in html
False
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph.views.network import DEFAULT_MAX_NODES, HARD_MAX_NODES

__all__ = [
    "CLASS_STYLE",
    "VERDICT_COLOURS",
    "DEFAULT_MAX_NODES",
    "HARD_MAX_NODES",
    "GraphPage",
    "build_page",
    "to_html",
    "trim",
]


#: Colour and vis-network shape per class (the node attribute ``type``).
CLASS_STYLE: dict[str, tuple[str, str]] = {
    "Service": ("#ff9900", "box"),
    "Capability": ("#a0cbe8", "ellipse"),
    "Parameter": ("#b07aa1", "diamond"),
    "Setting": ("#9c755f", "triangle"),
    "Requirement": ("#17becf", "hexagon"),
    "Solution": ("#8cd17d", "box"),
    "Scenario": ("#edc948", "star"),
    "Step": ("#76b7b2", "triangleDown"),
    "Fact": ("#bab0ac", "square"),
    "Constraint": ("#e15759", "square"),
    "Correction": ("#d62728", "triangle"),
    "NoteSection": ("#d4d4d4", "database"),
    "Document": ("#7f7f7f", "text"),
    "ComparisonGroup": ("#f28e2b", "dot"),
    "Dimension": ("#ff9da7", "dot"),
    "ComparisonValue": ("#ffbe7d", "dot"),
    "Assessment": ("#c7c7c7", "dot"),
    "Topic": ("#59a14f", "star"),
    "Concept": ("#4e79a7", "box"),
    "ConceptScheme": ("#2f4b7c", "box"),
}
_OTHER = ("#c0c0c0", "dot")
#: Shapes that draw their label inside (so the label needs a readable colour).
_LABEL_INSIDE = {"box", "ellipse", "database", "circle"}

VERDICT_COLOURS = {"fits": "#2ca02c", "partial": "#ff9f1c", "does-not-fit": "#d62728"}
_EDGE_GREY = "#8a8a8a"
_HIGHLIGHT = "#d62728"

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_LABEL_MAX = 38
_AUTO_EDGE_LABELS = 90  # beyond this many edges, edge words go to the tooltips only


@dataclass
class GraphPage:
    """The vis-network data and options of a page, before it is rendered."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    legend: list[tuple[str, str, str]]  # (class label, colour, shape)
    dropped: int = 0


def _short(text: str, limit: int = _LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def trim(
    G: nx.MultiDiGraph, max_nodes: int, keep: Iterable[str] = ()
) -> tuple[nx.MultiDiGraph, int]:
    """At most ``max_nodes`` nodes: ``keep`` first, then insertion (BFS) order.

    Returns the trimmed copy and how many nodes were left out.

    >>> G = nx.MultiDiGraph(); G.add_nodes_from("abcd")
    >>> H, dropped = trim(G, 2, keep=["d"])
    >>> sorted(H.nodes), dropped
    (['a', 'd'], 2)
    """
    max_nodes = max(1, min(int(max_nodes), HARD_MAX_NODES))
    if G.number_of_nodes() <= max_nodes:
        return G, 0
    chosen = [n for n in keep if n in G][:max_nodes]
    for n in G.nodes:
        if len(chosen) >= max_nodes:
            break
        if n not in chosen:
            chosen.append(n)
    return G.subgraph(chosen).copy(), G.number_of_nodes() - len(chosen)


def _tooltip(lines: Iterable[str]) -> str:
    # Plain text with newlines: vis-network shows a string title with innerText.
    return "\n".join(x for x in lines if x)


def build_page(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    focus: str | None = None,
    highlight_nodes: Iterable[str] = (),
    highlight_edges: Iterable[tuple[str, str]] = (),
    class_labels: Mapping[str, str] | None = None,
    verdict_labels: Mapping[str, str] | None = None,
    max_nodes: int = DEFAULT_MAX_NODES,
    edge_labels: bool | None = None,
    layered: bool = False,
    seed: int = 7,
) -> GraphPage:
    """vis-network nodes, edges and options for ``G`` (labels in ``lang``).

    Parallel edges between two nodes (either direction) are merged into one
    edge whose label lists the predicates, because straight edges would draw
    on top of each other. Verdict edges are coloured (fits green, partial
    amber, does not fit red). With highlights, everything else is dimmed.
    ``layered`` draws a left-to-right hierarchy (edge targets on the left, e.g.
    requirements ← answers) with physics off, for small explanation graphs.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("s", "r", key="v", label_en="fits", label_ja="適合", verdict="fits")
    'v'
    >>> page = build_page(G)
    >>> page.edges[0]["color"]["color"], page.edges[0]["label"]
    ('#2ca02c', 'fits')
    """
    other = "ja" if lang == "en" else "en"
    hl_nodes = set(highlight_nodes)
    hl_edges = {frozenset(e) for e in highlight_edges}
    highlighting = bool(hl_nodes or hl_edges)
    keep = ([focus] if focus else []) + [n for n in hl_nodes if n != focus]
    G, dropped = trim(G, max_nodes, keep)
    class_labels = dict(class_labels or {})
    verdict_labels = dict(verdict_labels or {})

    nodes, legend_seen = [], {}
    for n, data in G.nodes(data=True):
        typ = str(data.get("type") or "")
        colour, shape = CLASS_STYLE.get(typ, _OTHER)
        label = str(data.get(f"label_{lang}") or data.get("label_en") or n)
        alt = str(data.get(f"label_{other}") or "")
        type_label = class_labels.get(typ, typ)
        legend_seen.setdefault(typ, (type_label or class_labels.get("", "?"), colour, shape))
        dim = highlighting and n not in hl_nodes and n != focus
        node = {
            "id": str(n),
            "label": _short(label),
            "title": _tooltip([label, alt if alt != label else "", type_label,
                               str(data.get("iri") or n)]),
            "shape": shape,
            "color": {
                "background": colour,
                "border": _HIGHLIGHT if n in hl_nodes else ("#333333" if n == focus else colour),
                "highlight": {"background": colour, "border": "#222222"},
                "hover": {"background": colour, "border": "#222222"},
            },
            "borderWidth": 4 if n == focus or n in hl_nodes else 1,
            "font": {
                "size": 18 if n == focus else 14,
                "color": "#aaaaaa" if dim else "#222222",
            },
        }
        if dim:
            node["opacity"] = 0.35
        if shape not in _LABEL_INSIDE and shape != "text":
            node["size"] = 22 if n == focus else 14
        nodes.append(node)

    merged: dict[frozenset, dict] = {}
    for u, v, _key, data in G.edges(keys=True, data=True):
        pair = frozenset((u, v))
        word = str(data.get(f"label_{lang}") or data.get("label_en") or "")
        verdict = data.get("verdict")
        if verdict:
            word = verdict_labels.get(verdict, word)
        entry = merged.setdefault(pair, {"from": u, "to": v, "words": [], "verdict": None,
                                         "dirs": set()})
        if word and word not in entry["words"]:
            entry["words"].append(word)
        entry["dirs"].add("to" if (u, v) == (entry["from"], entry["to"]) else "from")
        entry["verdict"] = entry["verdict"] or verdict
    show_words = edge_labels if edge_labels is not None else len(merged) <= _AUTO_EDGE_LABELS
    labels = {n: str(d.get(f"label_{lang}") or n) for n, d in G.nodes(data=True)}
    edges = []
    for pair, e in merged.items():
        colour = VERDICT_COLOURS.get(e["verdict"] or "", _EDGE_GREY)
        on_path = pair in hl_edges
        dim = highlighting and not on_path
        text = " / ".join(e["words"])
        edge = {
            "from": e["from"],
            "to": e["to"],
            "arrows": ",".join(sorted(e["dirs"])),
            "title": _tooltip([f"{labels[e['from']]} → {labels[e['to']]}", text]),
            "color": {"color": _HIGHLIGHT if on_path and not e["verdict"] else colour,
                      "highlight": colour, "hover": colour, "opacity": 0.3 if dim else 1.0},
            "width": 4 if on_path else (2.5 if e["verdict"] else 1),
            "font": {"size": 11, "align": "middle", "color": "#bbbbbb" if dim else "#444444",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
        }
        if show_words:
            edge["label"] = _short(text, 40)
        if e["verdict"] == "partial":
            edge["dashes"] = True
        edges.append(edge)

    options = {
        "autoResize": True,
        "layout": {"randomSeed": int(seed), "improvedLayout": len(nodes) <= 150},
        "nodes": {"font": {"face": "Noto Sans CJK JP, Hiragino Sans, Meiryo, sans-serif"}},
        "edges": {"smooth": False,
                  "arrows": {"to": {"scaleFactor": 0.6}, "from": {"scaleFactor": 0.6}}},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": 150,
                          "springConstant": 0.03, "avoidOverlap": 0.3},
            "stabilization": {"enabled": True, "iterations": 200, "updateInterval": 50,
                              "fit": True},
            "minVelocity": 1.0,
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
    }
    # Keep labels readable a little longer when a large view is zoomed out to fit.
    options["nodes"]["scaling"] = {"label": {"drawThreshold": 4}}
    if layered:
        options["layout"]["hierarchical"] = {
            "enabled": True, "direction": "RL", "sortMethod": "directed",
            "levelSeparation": 230, "nodeSpacing": 60, "shakeTowards": "leaves",
        }
        options["physics"] = {"enabled": False}
    order = {t: i for i, t in enumerate(CLASS_STYLE)}
    legend = [legend_seen[t] for t in sorted(legend_seen, key=lambda t: (order.get(t, 99), t))]
    return GraphPage(nodes, edges, options, legend, dropped)


@functools.cache
def _environment():  # -> jinja2.Environment
    import jinja2
    import pyvis

    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(_TEMPLATES)),
            # vis-network itself, inlined from the pinned pyvis package.
            jinja2.FileSystemLoader(str(Path(pyvis.__file__).resolve().parent / "templates")),
        ]),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
    )
    # tojson still escapes < > & ' as \uXXXX; keeping Japanese as UTF-8 keeps pages small.
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def to_html(
    G: nx.MultiDiGraph,
    *,
    lang: str = "en",
    height: int = 600,
    legend_title: str = "",
    verdict_legend: Mapping[str, str] | None = None,
    **kwargs,
) -> str:
    """A complete offline HTML page drawing ``G`` (see :func:`build_page` for options).

    Built with pyvis's ``Network`` data model (nodes and edges filled directly,
    never ``from_nx``: it is quadratic and mutates its input) and rendered
    with this package's template.

    >>> G = nx.MultiDiGraph(); G.add_node("x", label_en="X", type="Service")
    >>> page = to_html(G, height=300)
    >>> "stabilizationIterationsDone" in page
    True
    >>> any(f'{attr}="http' in page for attr in ("src", "href"))
    False
    """
    from pyvis.network import Network

    page = build_page(G, lang=lang, **kwargs)
    present = {d.get("verdict") for _u, _v, d in G.edges(data=True)}
    net = Network(height=f"{int(height)}px", width="100%", directed=True,
                  cdn_resources="in_line", heading="")
    net.nodes, net.edges = page.nodes, page.edges
    net.options = page.options
    nodes, edges, _heading, net_height, width, options = net.get_network_data()
    template = _environment().get_template("graph.html")
    return template.render(
        lang=lang,
        nodes=nodes,
        edges=edges,
        options=json.loads(options) if isinstance(options, str) else options,
        height=net_height,
        width=width,
        legend=page.legend,
        legend_title=legend_title,
        verdicts=[(VERDICT_COLOURS[k], v) for k, v in (verdict_legend or {}).items()
                  if k in VERDICT_COLOURS and k in present],
        node_count=len(nodes),
    )
