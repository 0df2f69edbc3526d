"""Explore page: search in both languages, ego graph, filters, cap note, path, details, URL."""

from __future__ import annotations

import re

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


def test_the_search_box_suggests_as_the_search_ranks(ui, kb):
    # The box's list comes from the same search as the focus: what is first is what Enter opens.
    for lang, text in (("en", "monitr"), ("en", "serverles"), ("ja", "モデルモニター"), ("en", "bedrok")):
        at = ui.open_page("explore", lang=lang, params={"q": text})
        assert not at.exception
        [box] = ui.components(at, "awskg.search")
        ranked = [str(m.iri) for m in search(kb, text, limit=15)][:10]
        assert [i["id"] for i in box["items"]] == ranked
        assert box["for"] == text and box["value"] == text
        first = box["items"][0]
        assert first["kind"] in ("Service", "Capability", "サービス", "機能"), first
        assert at.selectbox(key=f"explore_entity__{lang}").value == first["id"]


def test_the_search_box_says_when_nothing_matches(ui):
    at = ui.open_page("explore", lang="ja", params={"q": "zzqqxx"})
    [box] = ui.components(at, "awskg.search")
    assert box["items"] == [] and "zzqqxx" in box["nothing"] and "{q}" not in box["nothing"]


def test_a_pick_moves_the_focus(ui):
    at = ui.open_page("explore", params={"entity": "kb:serverless-inference"})
    # What a pick in the search box does (the box itself is driven in tests/browser).
    at.session_state["explore_entity"] = str(KB["sagemaker"])
    at.session_state["explore_q"] = "Amazon SageMaker"
    at.run()
    assert not at.exception
    assert at.selectbox(key="explore_entity__en").value == str(KB["sagemaker"])
    assert "Amazon SageMaker" in _labels(ui, at).values()
    [box] = ui.components(at, "awskg.search")
    assert box["value"] == "Amazon SageMaker"


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
    [bidi] = [e for e in at.get("bidi_component") if e.proto.component_name == "awskg.graph"]
    # The component is the same trusted JS and CSS for every graph; labels are JSON data only.
    assert bidi.proto.html_content == "" and bidi.proto.js_content == ""
    # The search box too: the hostile name travels as JSON text (the browser sets textContent).
    box = [e for e in at.get("bidi_component") if e.proto.component_name == "awskg.search"]
    assert box and all(e.proto.html_content == "" and e.proto.js_content == "" for e in box)
    assert any("<img" in i["name"] for i in ui.components(at, "awskg.search")[0]["items"])
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
