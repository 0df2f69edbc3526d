"""Fit page: ranked answer cards with reasons and sources, facets, the explanation graph."""

from __future__ import annotations

import re

from ontology import KB

NIGHTLY = {
    "en": "The model is invoked once every night, must finish within a minute, at the lowest cost",
    "ja": "毎晩1回だけ推論を実行し、1分以内に完了させ、コストを最小にしたい",
}


def _card_titles(ui, at):
    card = re.compile(r":(green|orange|red)\[\*\*[✓◐✗]\*\*\] \*\*\d+\. ")
    return [m.value for m in at.markdown if card.match(m.value)]


def test_empty_page_offers_examples(ui):
    at = ui.open_page("fit")
    assert not at.exception
    assert "./fit?q=" in ui.text_of(at)


def test_nightly_query_puts_serverless_first_in_both_languages(ui):
    for lang, word, recognised in (("en", "Serverless", "Infrequent invocation"),
                                   ("ja", "サーバーレス推論", "低頻度")):
        at = ui.open_page("fit", lang=lang, params={"q": NIGHTLY[lang]})
        assert not at.exception
        titles = _card_titles(ui, at)
        assert titles, ui.text_of(at)
        assert titles[0].startswith(":green[**✓**] **1. ") and word in titles[0]
        text = ui.text_of(at)
        assert recognised in text
        assert "note:13" not in text and ("Note §13" in text or "ノート §13" in text)
        assert "https://" in text  # document links under each reason
        # The tempting alternatives are there, with why they do not fit.
        assert any(t.startswith(":red[**✗**]") for t in titles)


def test_explanation_graph_links_requirements_to_answers(ui):
    at = ui.open_page("fit", params={"q": NIGHTLY["en"]})
    assert not ui.iframes(at)  # drawn by the clickable component
    graphs = ui.graphs(at)
    assert len(graphs) == 1 and graphs[0]["key"] == "fit_graph"
    nodes, edges = graphs[0]["nodes"], graphs[0]["edges"]
    kinds = {line for n in nodes for line in n["title"].split("\n")}
    assert {"Requirement", "Solution"} <= kinds
    # Requirements on the left, the options on the right: vis-network's hierarchical layout.
    assert graphs[0]["options"]["layout"]["hierarchical"]["enabled"]
    assert not any("x" in n for n in nodes)
    colours = {e["color"]["color"] for e in edges}
    assert "#2ca02c" in colours and "#d62728" in colours


def test_requirement_facets_and_url_state(ui):
    at = ui.open_page("fit")
    assert "GPU" in " ".join(at.multiselect(key="fit_req").options)
    at.multiselect(key="fit_req").select(str(KB["req-gpu"])).run()
    assert not at.exception
    assert at.query_params["req"] == "kb:req-gpu"
    assert _card_titles(ui, at)


def test_unknown_text_gives_a_message_not_an_error(ui):
    at = ui.open_page("fit", params={"q": "qwertyuiop zxcvb"})
    assert not at.exception and not at.error
    assert "No requirement recognised" in ui.text_of(at)
    at = ui.open_page("fit", params={"q": "!!!"})
    assert at.error and "no words" in at.error[0].value
