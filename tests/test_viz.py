"""graph.views.html: offline, escaped, settled pyvis pages built from NetworkX projections."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from graph.views import ego_graph, to_html
from graph.views.html import VERDICT_COLOURS, build_page, trim
from graph.views.network import HARD_MAX_NODES
from ontology import KB

HOSTILE = "<img src=x onerror=alert(1)>"


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("s", label_en="Serverless", label_ja="サーバーレス", type="Capability")
    G.add_node("r", label_en="Nightly", label_ja="毎晩", type="Requirement")
    G.add_node("x", label_en=HOSTILE, label_ja=HOSTILE, type="Service")
    G.add_node("q", label_en="Real-time", label_ja="リアルタイム", type="Capability")
    G.add_edge("s", "r", key="fits", label_en="fits", label_ja="適合", verdict="fits")
    G.add_edge("q", "r", key="dnf", label_en="does not fit", label_ja="不適合", verdict="does-not-fit")
    G.add_edge("s", "x", key="partOf", label_en="part of", label_ja="の一部")
    G.add_edge("s", "x", key="uses", label_en="uses", label_ja="使用する")
    G.add_edge("x", "s", key="has", label_en="has", label_ja="持つ")
    return G


def _data(html: str) -> tuple[list[dict], list[dict], dict]:
    nodes, edges = re.findall(r"new vis\.DataSet\((\[.*?\])\);\n", html, flags=re.S)
    options = re.search(r"var options = (\{.*?\});\n", html, flags=re.S).group(1)
    return json.loads(nodes), json.loads(edges), json.loads(options)


def test_page_is_offline_and_has_no_menus_or_heading():
    html = to_html(_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    for needle in ("cdn.jsdelivr", "cdnjs", "bootstrap", "tom-select", "TomSelect", "<h1"):
        assert needle not in html
    assert "default-src 'none'" in html  # the page itself forbids any network request
    assert "new vis.Network" in html  # vis-network is inlined


def test_hostile_labels_are_data_not_markup():
    html = to_html(_graph(), legend_title=HOSTILE, class_labels={"Service": HOSTILE})
    assert HOSTILE not in html
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in html  # JSON data, escaped by tojson
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # legend and aria text, HTML-escaped
    nodes, _edges, _ = _data(html)
    node = next(n for n in nodes if n["id"] == "x")
    assert node["label"].startswith("<img") and "\n" not in node["label"]
    assert node["title"].startswith(HOSTILE)  # a plain-text title, shown with innerText


def test_physics_settles_and_stops():
    html = to_html(_graph())
    _n, _e, options = _data(html)
    assert options["edges"]["smooth"] is False
    assert options["physics"]["stabilization"]["iterations"] == 200
    assert isinstance(options["layout"]["randomSeed"], int)
    assert 'network.once("stabilizationIterationsDone", settle)' in html
    assert "network.setOptions({physics: {enabled: false}})" in html


def test_same_graph_same_page():
    assert to_html(_graph(), lang="ja") == to_html(_graph(), lang="ja")


def test_languages_and_verdict_colours():
    page = build_page(_graph(), lang="ja", verdict_labels={"fits": "適合", "does-not-fit": "不適合"})
    labels = {n["id"]: n["label"] for n in page.nodes}
    assert labels["s"] == "サーバーレス" and labels["r"] == "毎晩"
    by_pair = {frozenset((e["from"], e["to"])): e for e in page.edges}
    assert by_pair[frozenset("sr")]["color"]["color"] == VERDICT_COLOURS["fits"]
    assert by_pair[frozenset("qr")]["color"]["color"] == VERDICT_COLOURS["does-not-fit"]
    assert by_pair[frozenset("qr")]["label"] == "不適合"


def test_parallel_edges_are_merged_with_both_words_and_directions():
    page = build_page(_graph())
    merged = [e for e in page.edges if {e["from"], e["to"]} == {"s", "x"}]
    assert len(merged) == 1
    assert merged[0]["label"] == "part of / uses / has"
    assert merged[0]["arrows"] == "from,to"


def test_focus_and_highlights():
    page = build_page(_graph(), focus="s", highlight_nodes=["s", "r"], highlight_edges=[("s", "r")])
    nodes = {n["id"]: n for n in page.nodes}
    assert nodes["s"]["borderWidth"] == 4 and nodes["r"]["borderWidth"] == 4
    assert nodes["q"]["opacity"] < 1 and "opacity" not in nodes["s"]  # the rest is dimmed
    widths = {frozenset((e["from"], e["to"])): e["width"] for e in page.edges}
    assert widths[frozenset("sr")] == 4 and widths[frozenset("qr")] < 4


def test_layered_explanation_graph_has_no_physics():
    _n, _e, options = _data(to_html(_graph(), layered=True))
    assert options["layout"]["hierarchical"]["enabled"] is True
    assert options["physics"] == {"enabled": False}


def test_cap_keeps_focus_and_reports_dropped():
    G = nx.MultiDiGraph()
    for i in range(50):
        G.add_node(f"n{i}", label_en=str(i), type="Capability")
    page = build_page(G, focus="n49", max_nodes=10)
    assert len(page.nodes) == 10 and page.dropped == 40
    assert "n49" in {n["id"] for n in page.nodes}
    H, dropped = trim(G, 10**6)
    assert H is G and dropped == 0
    H, dropped = trim(G, HARD_MAX_NODES + 5)
    assert dropped == 0


def test_input_graph_is_not_mutated():
    G = _graph()
    before = (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))
    to_html(G, focus="s", max_nodes=2)
    assert (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True))) == before


def test_edge_words_move_to_tooltips_on_big_graphs():
    G = nx.MultiDiGraph()
    for i in range(200):
        G.add_edge("hub", f"n{i}", key="p", label_en="related to", label_ja="関連")
    page = build_page(G, max_nodes=300)
    assert all("label" not in e for e in page.edges)
    assert all("related to" in e["title"] for e in page.edges)
    assert all("label" in e for e in build_page(G, max_nodes=300, edge_labels=True).edges)


def test_the_hard_cap_bounds_what_reaches_the_browser():
    G = nx.MultiDiGraph()
    for i in range(1000):
        G.add_node(str(i), label_en=f"node {i}", label_ja=f"ノード {i}", type="Capability")
        if i:
            G.add_edge(str(i // 3), str(i), key="p", label_en="part of", label_ja="の一部")
    nodes, edges, _ = _data(to_html(G, max_nodes=1000))
    assert len(nodes) == HARD_MAX_NODES < 1000
    ids = {n["id"] for n in nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in edges)


@pytest.mark.parametrize("lang,label", [("en", "Serverless Inference"), ("ja", "サーバーレス推論")])
def test_a_real_ego_view(kb, lang, label):
    view = ego_graph(kb, KB["serverless-inference"], hops=1)
    nodes, edges, _ = _data(to_html(view.G, lang=lang, focus=view.center))
    assert {n["id"]: n["label"] for n in nodes}[str(KB["serverless-inference"])] == label
    assert edges
