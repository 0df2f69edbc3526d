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
