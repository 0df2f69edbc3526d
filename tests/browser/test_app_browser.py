"""The app in a real Chromium: the graph draws and settles, fit answers, the language
switch, hostile labels run nothing, and nothing leaves 127.0.0.1."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

NIGHTLY_EN = ("The model is invoked once every night, must finish within a minute, "
              "at the lowest cost")
NIGHTLY_JA = "毎晩1回だけ推論を実行し、1分以内に完了させ、コストを最小にしたい"


def test_graph_canvas_draws_nodes_and_settles(app_server, tab, br):
    start = time.perf_counter()
    tab.page.goto(f"{app_server.url}/?entity=kb:serverless-inference&lang=en")
    br.graph_drawn(tab)
    first_paint = time.perf_counter() - start
    canvas = tab.page.locator(".st-key-graph_view_box canvas").first
    assert canvas.is_visible()
    assert br.network(tab, "(n) => n.body.data.nodes.length") >= 5
    assert br.network(tab, "(n) => n.physics.options.enabled") is False
    # Still: positions come from Python and do not drift.
    before = br.network(tab, "(n) => n.getPositions()")
    tab.page.wait_for_timeout(700)
    assert br.network(tab, "(n) => n.getPositions()") == before
    # The canvas has really been painted (not a blank rectangle).
    painted = canvas.evaluate("""(c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
        return n; }""")
    assert painted > 1000
    legend = tab.page.locator(".st-key-graph_view_box .awskg-legend")
    assert "Capability" in legend.inner_text() and "Service" in legend.inner_text()
    # The legend is beside the drawing, not over it.
    assert legend.bounding_box()["x"] >= canvas.bounding_box()["x"] + canvas.bounding_box()["width"]
    print(f"\nfirst paint of the Explore graph: {first_paint:.2f} s")


def test_layout_is_the_same_after_a_reload(app_server, tab, br):
    url = f"{app_server.url}/?entity=kb:sagemaker&lang=en"
    tab.page.goto(url)
    br.graph_drawn(tab)
    first = br.network(tab, "(n) => n.getPositions()")
    tab.page.goto(url)
    br.graph_drawn(tab)
    second = br.network(tab, "(n) => n.getPositions()")
    assert first.keys() == second.keys()
    drift = max(abs(first[k]["x"] - second[k]["x"]) + abs(first[k]["y"] - second[k]["y"])
                for k in first)
    assert drift < 1.0


@pytest.mark.parametrize("lang,query,expected", [
    ("en", NIGHTLY_EN, "Serverless"),
    ("ja", NIGHTLY_JA, "サーバーレス"),
], ids=["en", "ja"])
def test_fit_query_shows_the_expected_first_answer(app_server, tab, lang, query, expected, br):
    tab.page.goto(f"{app_server.url}/fit?lang={lang}&q={quote(query)}")
    card = tab.page.wait_for_selector(".st-key-fit_card_0", timeout=30_000)
    br.wait_idle(tab)
    assert expected in card.inner_text().splitlines()[0] or expected in card.inner_text()[:120]
    assert "✓" in card.inner_text() or "✅" in card.inner_text()


def test_language_switch_changes_labels(app_server, tab, br):
    br.open_app(tab, app_server.url, "/?entity=kb:serverless-inference&lang=en")
    br.graph_drawn(tab)
    assert "Explore the graph" in tab.page.locator("h2").first.inner_text()
    si = "https://w3id.org/awskg/id/serverless-inference"
    label = br.network(tab, "(n, id) => n.body.data.nodes.get(id).label", arg=si)
    assert label == "Serverless Inference"
    tab.page.get_by_text("日本語", exact=True).click()
    tab.page.wait_for_function(
        "() => [...document.querySelectorAll('h2')].some(h => h.innerText.includes('グラフを探索'))")
    br.wait_idle(tab)
    br.graph_drawn(tab)
    label = br.network(tab, "(n, id) => n.body.data.nodes.get(id).label", arg=si)
    assert label == "サーバーレス推論"
    nav = tab.page.locator("[data-testid='stTopNavLinkContainer'], header").first.inner_text()
    assert "探索" in nav or "探索" in tab.page.content()
    assert "lang=ja" in tab.page.url


def test_hostile_labels_run_nothing(xss_server, tab, br):
    br.open_app(tab, xss_server.url, "/?entity=kb:xss-capability&lang=en")
    br.graph_drawn(tab)
    # Hover every node so that its tooltip is built as well.
    for node in br.network(tab, "(n) => n.body.data.nodes.getIds()"):
        tab.page.mouse.move(*br.node_point(tab, node))
        tab.page.wait_for_timeout(250)
    tooltip = tab.page.locator(".st-key-graph_view_box div.vis-tooltip")
    if tooltip.count():
        assert "<" in tooltip.inner_text() or tooltip.inner_text() == ""
    assert tab.page.get_by_text("<img src=x onerror=alert(1)>").first.is_visible()
    # Nothing from the data became markup inside the component (Playwright pierces its shadow root).
    markup = tab.page.locator(".st-key-graph_view_box :is(img, svg, iframe, script, a)")
    assert markup.count() == 0
    # The search box's suggestions are text too.
    assert any("<img src=x" in s for s in _suggestions(tab, "img src"))
    assert tab.page.locator(".st-key-explore_search_box :is(img, svg, iframe, script, a)").count() == 0
    for path in ("/fit?q=iframe&lang=en", "/compare?lang=en", "/drill?scenario=1&seed=1&lang=en",
                 "/sources?lang=en", "/sparql?lang=en"):
        br.open_app(tab, xss_server.url, path)
        if path.startswith("/drill"):
            br.check_drill_answer(tab, 1)
            assert tab.page.get_by_text("<svg/onload=alert(15)>").first.is_visible()
    tab.page.wait_for_timeout(500)
    injected = tab.page.evaluate(
        "() => document.querySelectorAll('img[src=x], img[src=y], svg[onload]').length")
    assert injected == 0
    assert tab.dialogs == []


def test_every_page_stays_on_loopback(app_server, tab, br):
    for path in ("/?entity=kb:sagemaker", "/fit", "/compare", "/drill", "/sparql", "/sources"):
        br.open_app(tab, app_server.url, path)
    assert len(tab.requests) > 10
    assert tab.external() == []


def test_fit_graph_is_clickable_and_opens_a_node_in_explore(app_server, tab, br):
    tab.page.goto(f"{app_server.url}/fit?lang=en&q={quote(NIGHTLY_EN)}")
    br.graph_drawn(tab, "fit_graph")
    assert tab.page.locator(".st-key-fit_graph_box iframe").count() == 0  # no iframe any more
    ids = br.network(tab, "(n) => n.body.data.nodes.getIds()", key="fit_graph")
    req = next(i for i in ids if i.rsplit("/", 1)[-1].startswith("req-"))
    label = br.network(tab, "(n, id) => n.body.data.nodes.get(id).label", key="fit_graph", arg=req)
    br.click_node(tab, req, key="fit_graph")
    link = tab.page.locator("[data-testid='stPageLink'] a", has_text=f"Open {label.rstrip('…')}")
    link.first.wait_for(timeout=30_000)
    link.first.click()
    tab.page.wait_for_url("**/explore?*", timeout=30_000)
    br.wait_idle(tab)
    br.graph_drawn(tab)
    assert "entity=kb%3A" + req.rsplit("/", 1)[-1] in tab.page.url or \
        "entity=kb:" + req.rsplit("/", 1)[-1] in tab.page.url
    assert tab.page.locator(".st-key-graph_view_box .awskg-graph").get_attribute("data-focus") == req


def test_compare_in_japanese_keeps_names_readable_and_frozen_at_1400px(app_server, tab, br):
    tab.page.set_viewport_size({"width": 1400, "height": 1000})
    br.open_app(tab, app_server.url, "/compare?lang=ja&group=inference")
    table = tab.page.locator(".st-key-compare_table table")
    table.wait_for(timeout=30_000)
    em = tab.page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    widths = table.evaluate("(t) => [...t.querySelectorAll('tbody tr > *')].map(c => c.getBoundingClientRect().width)")
    # No column so narrow that Japanese text wraps one character per line.
    assert min(widths) >= 8 * em, widths
    first = tab.page.locator(".st-key-compare_table tbody tr > :first-child").first
    before = first.bounding_box()["x"]
    scrolled = table.evaluate("(t) => { t.parentElement.scrollLeft = 600; return t.parentElement.scrollLeft; }")
    assert scrolled > 100  # the table is wider than the page: it scrolls sideways
    tab.page.wait_for_timeout(100)
    assert abs(first.bounding_box()["x"] - before) < 1  # the names stay where they were


def _suggestions(tab, typed: str) -> list[str]:
    """Type ``typed`` into Explore's search box; the suggestions once they are for that text."""
    box = tab.page.locator(".st-key-explore_search_box input")
    box.click()
    box.fill("")
    box.type(typed, delay=30)
    tab.page.locator(f".st-key-explore_search_box .awskg-search[data-for='{typed}']").wait_for(
        state="attached", timeout=15_000)
    options = tab.page.locator(".st-key-explore_search_box [role='option']")
    options.first.wait_for(timeout=15_000)
    return options.all_inner_texts()


@pytest.mark.parametrize("lang,typed,expected", [("en", "serverles", "Serverless Inference"),
                                                 ("en", "monitr", "SageMaker Model Monitor"),
                                                 ("ja", "モデルモニター", "モデルモニター"),
                                                 ("en", "bedrok", "Amazon Bedrock")])
def test_search_suggests_as_you_type_services_first_and_enter_opens_the_first(
        app_server, tab, br, lang, typed, expected):
    br.open_app(tab, app_server.url, f"/explore?lang={lang}")
    shown = _suggestions(tab, typed)
    assert shown[0].splitlines()[0] == expected, shown[:3]
    assert not any("kb:" in s or "https://" in s for s in shown)
    tab.page.locator(".st-key-explore_search_box input").press("Enter")
    tab.page.wait_for_function("() => location.search.includes('entity=')", timeout=15_000)
    br.wait_idle(tab)
    br.graph_drawn(tab)
    assert expected in tab.page.locator(".st-key-details h3").first.inner_text()
    # The list closes on a pick and stays closed until the learner types again.
    assert tab.page.locator(".st-key-explore_search_box [role='listbox']").is_hidden()
    assert tab.page.locator(".st-key-explore_search_box input").input_value() == expected


def test_search_arrow_keys_and_a_click_pick_other_suggestions(app_server, tab, br):
    br.open_app(tab, app_server.url, "/explore?lang=en")
    shown = _suggestions(tab, "clarify")
    box = tab.page.locator(".st-key-explore_search_box input")
    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("Enter")  # the second suggestion
    second = shown[1].splitlines()[0]
    tab.page.wait_for_function("() => location.search.includes('entity=')", timeout=15_000)
    br.wait_idle(tab)
    assert second in tab.page.locator(".st-key-details h3").first.inner_text()
    shown = _suggestions(tab, "firehose")
    first = shown[0].splitlines()[0]
    tab.page.locator(".st-key-explore_search_box [role='option']").nth(0).click()
    tab.page.wait_for_function(
        "(n) => new URLSearchParams(location.search).get('q') === n", arg=first, timeout=15_000)
    br.wait_idle(tab)
    assert first in tab.page.locator(".st-key-details h3").first.inner_text()


def test_search_says_when_nothing_matches(app_server, tab, br):
    br.open_app(tab, app_server.url, "/explore?lang=ja")
    box = tab.page.locator(".st-key-explore_search_box input")
    box.click()
    box.type("zzqqxx", delay=30)
    note = tab.page.locator(".st-key-explore_search_box li.nothing")
    note.wait_for(timeout=15_000)
    assert "zzqqxx" in note.inner_text() and "一致" in note.inner_text()
