"""Sources page: note sections with what derives from them, corrections, documents."""

from __future__ import annotations

import re

from ontology import KB


def test_sections_are_listed_and_shown_verbatim(ui):
    at = ui.open_page("sources", params={"section": "13"})
    assert not at.exception
    box = at.selectbox(key="sources_section__" + _lang(at))
    assert box.value.endswith("note-13")
    numbers = [int(re.search(r"(\d+)$", o).group(1)) for o in box.options]
    assert numbers == sorted(numbers) and {11, 13, 14} <= set(numbers)
    text = ui.text_of(at)
    assert "MaxConcurrency" in text  # the note's own words
    assert "cloudtech-study.md, lines" in text


def test_section_lists_derived_entities_and_assessments(ui):
    at = ui.open_page("sources", params={"section": "13"})
    text = ui.text_of(at)
    assert "Derived from this section" in text
    assert "Assessments from this section" in text
    assert "./?entity=kb:" in text  # each entity links to Explore
    assert re.search(r"✓.*fits", text) and re.search(r"✗.*does not fit", text)


def test_switching_section_updates_the_url(ui):
    at = ui.open_page("sources")
    assert at.selectbox(key="sources_section__" + _lang(at)).value == str(KB["note-11"])
    at.selectbox(key="sources_section__" + _lang(at)).set_value(str(KB["note-14"])).run()
    assert not at.exception
    assert at.query_params["section"] == "14"
    assert "EMR" in ui.text_of(at)


def test_corrections_and_documents_are_listed(ui):
    at = ui.open_page("sources", lang="ja")
    text = ui.text_of(at)
    assert "ノートの記述" in text and "出典の記述" in text
    assert "https://docs.aws.amazon.com/" in text


def test_hostile_note_text_is_inert(ui, monkeypatch):
    monkeypatch.setenv("AWSKG_DATA", str(ui.XSS))
    at = ui.open_page("sources")
    assert not at.exception
    for md in at.markdown:
        assert not re.search(r"(?<!\\)<", md.value), md.value
    assert "<script>alert(13)</script>" in ui.text_of(at)


def _lang(at):
    """The language the page is shown in (its selectboxes are keyed per language)."""
    return at.radio(key="lang").value
