"""The app frame: navigation, language switch, ?page= links, bad URLs, a missing data dir."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest


def test_default_page_is_the_map_in_japanese(ui):
    at = AppTest.from_file(str(ui.APP), default_timeout=60).run()
    assert not at.exception
    assert at.radio(key="lang").value == "ja"
    assert at.header[0].value == "このグラフでわかること"
    assert at.query_params["lang"] == "ja"


def test_language_switch_changes_ui_text(ui):
    at = ui.open_page("explore", lang="ja", params={"entity": "kb:sagemaker"})
    assert "ホップ数" in [r.label for r in at.radio]
    at.radio(key="lang").set_value("en").run()
    assert not at.exception
    assert at.header[0].value == "Explore the graph"
    assert "Hops" in [r.label for r in at.radio]
    assert at.query_params["lang"] == "en"


def test_page_parameter_opens_that_page(ui):
    at = AppTest.from_file(str(ui.APP), default_timeout=60)
    at.query_params["page"] = "sparql"
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert at.header[0].value.startswith("SPARQL console")


def test_garbage_in_the_url_is_ignored(ui):
    at = ui.open_page("explore", params={"entity": "not an iri", "hops": "many", "cap": "-5",
                                      "classes": "<script>", "to": "kb:nothing-here"})
    assert not at.exception
    for page, params in (("fit", {"req": "kb:<x>,zzz"}),
                         ("compare", {"group": "nope", "items": "x"}),
                         ("drill", {"scenario": "999", "seed": "abc"}),
                         ("sources", {"section": "99"})):
        at = ui.open_page(page, params=params)
        assert not at.exception, (page, at.exception)


def test_hostile_labels_are_inert_on_every_page(ui, monkeypatch):
    """On the XSS fixture, no page raises and no Markdown carries an unescaped ``<``."""
    monkeypatch.setenv("AWSKG_DATA", str(ui.XSS))
    pages = [("explore", {"q": "img src"}), ("fit", {"q": "iframe"}), ("compare", {}),
             ("drill", {"scenario": "1", "seed": "1"}), ("sparql", {}), ("sources", {})]
    for page, params in pages:
        at = ui.open_page(page, params=params)
        assert not at.exception, (page, at.exception)
        texts = [m.value for m in at.markdown] + [e.proto.label for e in at.get("expander")]
        texts += [o for r in at.radio for o in r.options]
        for text in texts:
            assert not re.search(r"(?<!\\)<", text), (page, text)
        if page == "drill":
            at.radio(key="drill_choice").set_value("A").run()
            at.button(key="drill_check").click().run()
            assert not at.exception
            assert all(not re.search(r"(?<!\\)<", m.value) for m in at.markdown)


def test_missing_data_directory_is_a_message(ui, monkeypatch, tmp_path):
    monkeypatch.setenv("AWSKG_DATA", str(tmp_path / "nowhere"))
    at = AppTest.from_file(str(ui.APP), default_timeout=60).run()
    assert not at.exception
    assert "could not be loaded" in ui.text_of(at) or "読み込めません" in ui.text_of(at)


JA_PAGES = [("home", {}), ("explore", {"entity": "kb:model-monitor"}),
            ("explore", {"entity": "kb:batch-transform", "facts": "1"}),
            ("fit", {"q": "毎晩1回だけ推論を実行し、1分以内に完了させ、コストを最小にしたい"}),
            ("compare", {}), ("sources", {"section": "14"}), ("drill", {"scenario": "13", "seed": "7"})]


@pytest.mark.parametrize("page, params", JA_PAGES, ids=lambda v: v if isinstance(v, str) else
                         ",".join(f"{k}={w}" for k, w in v.items()))
def test_japanese_pages_show_no_english_markers_slugs_or_iris(ui, page, params):
    at = ui.open_page(page, lang="ja", params=params)
    # What a reader sees: link targets are not text, graph node ids are not shown.
    text = re.sub(r"\]\([^)]*\)", "]", ui.text_of(at))
    text += "\n".join(e.value.to_csv() for e in at.table)
    for graph in ui.graphs(at):
        text += "\n".join(n["label"] + "\n" + n["title"] for n in graph["nodes"])
        text += "\n".join(str(row[0]) for row in graph["legend"])
    found = re.findall(r"UNVERIFIED|INFERENCE|\((?:Service|Capability|Solution)\)|\bConcept\b"
                       r"|\bkb:[a-z][\w-]+|https://w3id\.org/awskg/", text)
    assert not found, found
