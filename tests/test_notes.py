"""Note sections are derived from the notes file with exact line ranges."""

from __future__ import annotations

import re
from pathlib import Path

from graph.store.notes import parse_sections

NOTES = Path(__file__).resolve().parent.parent / "data" / "notes" / "cloudtech-study.md"


def test_every_heading_becomes_a_section_with_its_lines():
    text = NOTES.read_text(encoding="utf-8")
    lines = text.splitlines()
    headings = [int(m.group(1)) for line in lines if (m := re.match(r"^## (\d+)\.", line))]
    sections = parse_sections(text)
    assert [s.number for s in sections] == headings == [11, 12, 13, 14, 17, 18, 19, 20]
    for s in sections:
        assert lines[s.start_line - 1].startswith(f"## {s.number}.")
        assert lines[s.end_line - 1].strip(), "a section ends on its last non-blank line"
        assert s.body.splitlines()[-1] == lines[s.end_line - 1]


def test_subheadings_stay_inside_their_section():
    secs = parse_sections("## 1.\ntext\n### sub\nmore\n## 2.\nx\n")
    assert [(s.number, s.start_line, s.end_line) for s in secs] == [(1, 1, 4), (2, 5, 6)]


def test_notes_copy_matches_what_the_product_ships():
    # The product reads its own copy; it must keep the learner's text verbatim (typos included).
    text = NOTES.read_text(encoding="utf-8")
    assert "InitiallnstanceCount" in text and "SageMaker Clarity" in text
