"""The graph you can click, in a real Chromium, in both languages: a click focuses a node
(details panel and URL follow, zoom and positions stay), a double-click expands it, the
tooltip is readable and carries no IRI, the Map opens a clicked node in Explore. Every test
also checks (through the ``tab`` fixture) that no request left 127.0.0.1."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

KB = "https://w3id.org/awskg/id/"
SI, SM = KB + "serverless-inference", KB + "sagemaker"
NAMES = {"en": ("Amazon SageMaker", "Serverless Inference"), "ja": ("Amazon SageMaker", "サーバーレス推論")}


def _details(tab) -> str:
    return tab.page.locator(".st-key-details h3").first.inner_text()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_click_focuses_and_double_click_expands(app_server, tab, br, lang):
    br.open_app(tab, app_server.url, f"/explore?entity=kb:serverless-inference&lang={lang}")
    br.graph_drawn(tab)
    assert NAMES[lang][1] in _details(tab)
    scale = br.network(tab, "(n) => n.getScale()")
    before = br.network(tab, "(n) => n.getPositions()")

    br.click_node(tab, SM)
    tab.page.wait_for_function("() => location.search.includes('entity=kb%3Asagemaker')")
    br.wait_idle(tab)
    br.graph_drawn(tab)
    assert NAMES[lang][0] in _details(tab)
    assert "root=kb%3Aserverless-inference" in tab.page.url
    # Same drawing, same zoom: only the focus moved.
    assert br.network(tab, "(n) => n.getScale()") == pytest.approx(scale)
    after = br.network(tab, "(n) => n.getPositions()")
    assert after.keys() == before.keys()
    assert all(abs(after[k]["x"] - before[k]["x"]) < 1 for k in before)
    assert br.network(tab, "(n, id) => n.body.data.nodes.get(id).borderWidth", arg=SM) == 4

    count = len(after)
    br.click_node(tab, SM, double=True)
    tab.page.wait_for_function(
        "(c) => window.awskgNetworks.graph_view.body.data.nodes.length > c", arg=count)
    br.wait_idle(tab)
    br.graph_drawn(tab)
    assert "open=kb%3Asagemaker" in tab.page.url
    grown = br.network(tab, "(n) => n.getPositions()")
    assert all(abs(grown[k]["x"] - before[k]["x"]) < 1 for k in before if k in grown)

    # A deep link to that URL in a fresh page draws the same graph.
    url = tab.page.url
    tab.page.goto(url)
    br.graph_drawn(tab)
    assert br.network(tab, "(n) => n.body.data.nodes.length") == len(grown)
    assert NAMES[lang][0] in _details(tab)


@pytest.mark.parametrize("lang, cls", [("en", "Service"), ("ja", "サービス")])
def test_tooltip_is_readable_and_has_no_iri(app_server, tab, br, lang, cls):
    br.open_app(tab, app_server.url, f"/explore?entity=kb:serverless-inference&lang={lang}")
    br.graph_drawn(tab)
    tab.page.mouse.move(*br.node_point(tab, SM))
    tip = tab.page.locator(".st-key-graph_view_box div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    lines = tip.inner_text().splitlines()
    assert lines[0] == "Amazon SageMaker" and cls in lines
    assert not re.search(r"https?://|kb:", tip.inner_text())


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_click_on_the_map_opens_explore(app_server, tab, br, lang):
    br.open_app(tab, app_server.url, f"/?lang={lang}")
    br.graph_drawn(tab, "home_map")
    ids = br.network(tab, "(n) => n.body.data.nodes.getIds()", "home_map")
    assert SI in ids
    br.click_node(tab, SI, "home_map")
    tab.page.wait_for_function("() => location.pathname.endsWith('/explore')", timeout=30_000)
    br.wait_idle(tab)
    br.graph_drawn(tab)
    assert "entity=kb%3Aserverless-inference" in tab.page.url
    assert NAMES[lang][1] in _details(tab)
    assert br.network(tab, "(n) => n.body.data.nodes.length") > 3


_OUTSIDE = """(n) => {
  const c = n.canvas.frame.canvas, w = c.clientWidth, h = c.clientHeight, out = [];
  for (const id of n.body.data.nodes.getIds()) {
    const b = n.getBoundingBox(id);
    const tl = n.canvasToDOM({x: b.left, y: b.top}), br = n.canvasToDOM({x: b.right, y: b.bottom});
    if (tl.x < -1 || tl.y < -1 || br.x > w + 1 || br.y > h + 1) out.push(id);
  }
  return out;
}"""


def test_the_drawing_stays_framed_when_the_window_narrows_until_the_reader_zooms(app_server, tab, br):
    tab.page.set_viewport_size({"width": 1200, "height": 850})  # the page settles after the draw
    br.open_app(tab, app_server.url, "/explore?entity=kb:serverless-inference&lang=en")
    br.graph_drawn(tab)
    tab.page.wait_for_timeout(1500)
    assert br.network(tab, _OUTSIDE) == []
    framed = br.network(tab, "(n) => n.getScale()")
    tab.page.set_viewport_size({"width": 860, "height": 800})
    tab.page.wait_for_function(f"() => ({_OUTSIDE})(window.awskgNetworks.graph_view).length === 0",
                               timeout=10_000)
    narrow = br.network(tab, "(n) => n.getScale()")
    # Once the reader has zoomed in, the view is theirs: widening the window again does not
    # frame the drawing anew (that would undo their zoom).
    tab.page.mouse.move(*br.node_point(tab, SI))
    for _ in range(5):  # vis-network zooms one step per wheel event
        tab.page.mouse.wheel(0, -100)
        tab.page.wait_for_timeout(50)
    tab.page.wait_for_function("(s) => window.awskgNetworks.graph_view.getScale() > s * 1.2", arg=narrow)
    tab.page.set_viewport_size({"width": 1200, "height": 850})
    tab.page.wait_for_timeout(500)
    assert br.network(tab, "(n) => n.getScale()") > framed * 1.15
