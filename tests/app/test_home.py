"""Home page: the map of topics, starting points in both languages, old root links still open Explore."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("lang, title, start", [("en", "What the graph covers", "Nightly inference"),
                                                ("ja", "このグラフでわかること", "毎晩 1 回")])
def test_opens_on_a_map_with_starting_points(ui, lang, title, start):
    at = ui.open_page("home", lang=lang)
    assert not at.exception
    assert title in at.header[0].value
    links = [e.proto.label for e in at.get("page_link")]
    assert any(start in label for label in links) and len(links) >= 6
    [graph] = ui.graphs(at)
    nodes, edges = graph["nodes"], graph["edges"]
    types = {n["id"].rsplit("/", 1)[-1] for n in nodes}
    assert "topic-inference-hosting" in types and "serverless-inference" in types
    assert "mla-c01" in types and len(edges) >= len(nodes) - 1  # one connected map under the exam


def test_an_old_root_link_still_opens_explore(ui):
    at = ui.open_page("home", params={"entity": "kb:serverless-inference"})
    assert not at.exception
    assert at.header and "Explore" in at.header[0].value


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_exam_domain_shows_only_its_topics_and_more_of_each(ui, lang):
    whole = ui.open_page("home", lang=lang)
    [all_map] = ui.graphs(whole)
    at = ui.open_page("home", lang=lang, params={"domain": "kb:mla-c01-d3"})
    assert not at.exception
    [one] = ui.graphs(at)
    ids = {n["id"].rsplit("/", 1)[-1] for n in one["nodes"]}
    assert "mla-c01-d3" in ids and "mla-c01-d1" not in ids  # the other domains are gone
    assert "topic-inference-hosting" in ids and "serverless-inference" in ids
    assert len(one["nodes"]) < len(all_map["nodes"])
    # Picking another domain in the widget moves the URL with it.
    box = next(s for s in at.selectbox if s.key.startswith("home_domain__"))
    d1 = next(o for o in box.options if "1" in o)
    box.select(d1).run()
    assert not at.exception and at.query_params["domain"] == "kb:mla-c01-d1"
    # The whole map: the domains' and topics' names are drawn large enough to be read at once.
    sizes = {n["id"].rsplit("/", 1)[-1]: n["font"]["size"] for n in all_map["nodes"]}
    assert sizes["topic-inference-hosting"] > sizes["serverless-inference"]
