"""Explore page: search in both languages, ego graph, filters, cap note, path, details, URL."""

from __future__ import annotations

import re

import pytest

from graph.reason.resolve import search
from ontology import KB

SI = str(KB["serverless-inference"])


def _graph(ui, at):
    [graph] = ui.graphs(at)
    return graph["nodes"], graph["edges"]


def _labels(ui, at, lang="en"):
    nodes, _ = _graph(ui, at)
    return {n["id"]: n["label"] for n in nodes}


def test_empty_page_invites_a_search(ui):
    at = ui.open_page("explore")
    assert not at.exception
    assert "Type a name above" in ui.text_of(at)
    assert not ui.iframes(at) and not ui.graphs(at)


def test_search_finds_entities_in_either_language(ui, kb):
    cases = [("en", "サーバーレス推論", "Serverless Inference · サーバーレス推論 (Capability)"),
             ("ja", "serverless inference", "サーバーレス推論 · Serverless Inference (機能)"),
             ("en", "Ａｍａｚｏｎ　SageMaker", "Amazon SageMaker (Service)")]
    for lang, query, option in cases:
        at = ui.open_page("explore", lang=lang, params={"q": query})
        assert not at.exception
        box = at.selectbox(key=f"explore_entity__{lang}")
        assert option in box.options
        best = search(kb, query, limit=1)[0].iri
        assert box.value == str(best)  # the best match is focused …
        assert at.query_params["entity"] == "kb:" + str(best).rsplit("/", 1)[1]  # … and in the URL


def test_typing_a_new_search_moves_the_focus(ui):
    at = ui.open_page("explore", params={"entity": "kb:serverless-inference"})
    at.text_input(key="explore_q").input("Amazon SageMaker").run()
    assert not at.exception
    assert at.selectbox(key="explore_entity__en").value == str(KB["sagemaker"])
    assert "Amazon SageMaker" in _labels(ui, at).values()


def test_ego_graph_is_offline_and_labelled_in_the_chosen_language(ui):
    at = ui.open_page("explore", params={"entity": "kb:serverless-inference"})
    assert not ui.iframes(at)  # drawn by the component, not in an iframe
    [graph] = ui.graphs(at)
    assert graph["options"]["physics"] == {"enabled": False}  # positions come from Python
    assert all("x" in n and "y" in n for n in graph["nodes"])
    labels = _labels(ui, at)
    assert labels[SI] == "Serverless Inference"
    assert labels[str(KB["sagemaker"])] == "Amazon SageMaker"
    _, edges = _graph(ui, at)
    assert any(e.get("label") == "part of" for e in edges)

    ja = ui.open_page("explore", lang="ja", params={"entity": "kb:serverless-inference"})
    assert _labels(ui, ja)[SI] == "サーバーレス推論"
    assert "グラフを探索" in ui.text_of(ja)
    assert any(e.get("label") == "の一部" for e in _graph(ui, ja)[1])


def test_more_hops_show_more_and_the_cap_is_reported(ui):
    one = ui.open_page("explore", params={"entity": "kb:sagemaker"})
    two = ui.open_page("explore", params={"entity": "kb:sagemaker", "hops": "2"})
    assert len(_labels(ui, two)) > len(_labels(ui, one))
    capped = ui.open_page("explore", params={"entity": "kb:sagemaker", "hops": "2", "cap": "10"})
    assert len(_labels(ui, capped)) <= 10
    assert re.search(r"\d+ more neighbours not shown \(node cap 10\)", ui.text_of(capped))


def test_class_filter_keeps_only_that_class(ui):
    at = ui.open_page("explore", params={"entity": "kb:sagemaker", "classes": "Service"})
    nodes, _ = _graph(ui, at)
    assert at.multiselect(key="explore_classes").value == ["Service"]
    others = [n for n in nodes if n["id"] != str(KB["sagemaker"])]
    assert all("Service" in n["title"] for n in others)

    at.multiselect(key="explore_classes").set_value(["Capability"]).run()
    nodes, _ = _graph(ui, at)
    assert str(KB["serverless-inference"]) in {n["id"] for n in nodes}
    assert at.query_params["classes"] == "Capability"


def test_path_finder_highlights_the_path(ui):
    at = ui.open_page("explore",
                      params={"entity": "kb:serverless-inference", "to": "kb:model-registry"})
    assert not at.exception
    steps = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert steps and "Serverless Inference" in steps[0] and "Model Registry" in steps[0]
    nodes, edges = _graph(ui, at)
    highlighted = {n["id"] for n in nodes if n["borderWidth"] == 4}
    assert {SI, str(KB["model-registry"])} <= highlighted
    assert any(e["width"] == 4 for e in edges)


def test_details_panel_shows_facts_with_sources(ui):
    at = ui.open_page("explore", params={"entity": "kb:serverless-inference"})
    text = ui.text_of(at)
    assert "Facts and constraints" in text
    assert "https://docs.aws.amazon.com/" in text


def test_hostile_label_is_text(ui, monkeypatch):
    monkeypatch.setenv("AWSKG_DATA", str(ui.XSS))
    at = ui.open_page("explore", params={"q": "<img src=x onerror=alert(1)>"})
    assert not at.exception
    assert at.selectbox(key="explore_entity__en").value == str(KB["xss-capability"])
    [bidi] = at.get("bidi_component")
    # The component is the same trusted JS and CSS for every graph; labels are JSON data only.
    assert bidi.proto.html_content == "" and bidi.proto.js_content == ""
    nodes, _ = _graph(ui, at)
    node = next(n for n in nodes if n["id"] == str(KB["xss-capability"]))
    assert node["label"] == "<img src=x onerror=alert(1)>"  # drawn on a canvas, as text
    assert node["title"].startswith("<img src=x")  # a plain-text tooltip (set with textContent)
    for md in at.markdown:
        assert not re.search(r"(?<!\\)<", md.value), md.value
    assert any("img src=x onerror=alert\\(1\\)" in h.value for h in at.subheader)


def test_switching_language_twice_keeps_the_entity(ui):
    at = ui.open_page("explore", lang="ja", params={"q": "EMR", "entity": "kb:emr"})
    for lang in ("en", "ja", "en"):
        at.radio(key="lang").set_value(lang).run()
        assert not at.exception
        assert at.selectbox(key=f"explore_entity__{lang}").value == str(KB["emr"])
        assert at.query_params["entity"] == "kb:emr"


def test_a_closed_service_shows_its_dated_badge_in_both_languages(ui):
    for lang, words in (("en", "closed to new customers since 2026-07-30"), ("ja", "新規顧客への提供終了")):
        at = ui.open_page("explore", lang=lang, params={"entity": "kb:model-monitor"})
        assert not at.exception
        assert words in ui.text_of(at)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_type_to_find_lists_every_entity_services_first_and_focuses_the_pick(ui, lang):
    at = ui.open_page("explore", lang=lang)
    find = at.selectbox(key=f"explore_find__{lang}")
    assert find.value is None  # nothing is focused before the learner picks
    assert len(find.options) > 500  # services, capabilities, requirements, solutions …
    service = {"en": "(Service)", "ja": "(サービス)"}[lang]
    assert find.options[0].endswith(service)
    # Labels carry both languages, so typing either finds the entity.
    assert any("Serverless Inference" in o and "サーバーレス推論" in o for o in find.options)
    find.select(str(KB["serverless-inference"])).run()
    assert not at.exception
    assert at.selectbox(key=f"explore_entity__{lang}").value == str(KB["serverless-inference"])
    assert at.query_params["entity"] == "kb:serverless-inference"
    assert ui.graphs(at)  # the graph is drawn around it


def test_type_to_find_offers_at_most_find_max_entities_services_first(ui, monkeypatch):
    # On a big store the options would travel with every run: they are capped.
    import graph.ui.explore as explore

    monkeypatch.setattr(explore, "FIND_MAX", 40)
    at = ui.open_page("explore")
    find = at.selectbox(key="explore_find__en")
    assert len(find.options) == 40 and all(o.endswith("(Service)") for o in find.options)
