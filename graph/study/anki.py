"""An Anki deck of the study cards (``genanki``): one note per scenario and per confusable pair.

Front: the question and its options (in the card's fixed order). Back: the answer, why
each other option does not fit, and the sources. In English, Japanese or both; tagged
``mla-c01::domain-N::task-N-M``. The model and deck ids and every note's ``guid`` are hashes
of fixed names and of the card's IRIs, so importing an updated deck updates its notes
instead of adding copies.

>>> from graph.store import load_store
>>> kb = load_store()
>>> pkg = build_package(kb, "en")
>>> notes = pkg.decks[0].notes
>>> len(notes) == len(all_cards(kb)), notes[0].guid == build_package(kb, "en").decks[0].notes[0].guid
(True, True)
>>> sorted(t for t in notes[0].tags if t.startswith("mla-c01"))
['mla-c01::domain-3::task-3-3']
"""

from __future__ import annotations

import html
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

from graph.errors import UsageError
from graph.store.base import Store
from graph.study.cards import Card, all_cards, stable_int
from graph.study.exam import exam_outline
from graph.study.questions import Question, ask_card

__all__ = ["LANGS", "build_package", "model", "note_for", "write_apkg"]

LANGS = ("en", "ja", "both")
_FIELDS = ["Question", "Options", "Answer", "Why", "Sources", "Card"]
_CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; color: #222; background: #fff; }
.opt { margin: .2em 0; } .why { margin: .4em 0; } .ok { color: #1a7f37; } .no { color: #b42318; }
.src { font-size: 13px; color: #555; } [lang=ja] { font-family: sans-serif; }"""
_FRONT = "<div class=q>{{Question}}</div><hr>{{Options}}"
_BACK = "{{FrontSide}}<hr id=answer><div class=ans>{{Answer}}</div>{{Why}}<div class=src>{{Sources}}</div>"
_WORDS = {"answer": {"en": "Answer", "ja": "正解"}, "sources": {"en": "Sources", "ja": "出典"},
          "note": {"en": "notes §{n}", "ja": "ノート §{n}"}}


def _id31(name: str) -> int:
    """An id in Anki's usual range [2**30, 2**31) from a fixed name."""
    return (1 << 30) + stable_int(name) % (1 << 30)


def model(lang: str) -> genanki.Model:
    """The note type of one language variant (same id on every export)."""
    return genanki.Model(_id31(f"awskg-mla-c01-model-{lang}"), f"awskg MLA-C01 question ({lang})",
                         fields=[{"name": f} for f in _FIELDS],
                         templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}], css=_CSS)


def _langs(lang: str) -> tuple[str, ...]:
    if lang not in LANGS:
        raise UsageError(f"--lang for an Anki deck must be one of {', '.join(LANGS)}, not {lang[:10]!r}")
    return ("en", "ja") if lang == "both" else (lang,)


def _both(langs: tuple[str, ...], text) -> str:
    """``text(lang)`` for each language, escaped, each in its own ``lang`` block."""
    if len(langs) == 1:
        return html.escape(text(langs[0]))
    return "".join(f'<div lang="{x}">{html.escape(text(x))}</div>' for x in langs)


def _source(s: str, langs: tuple[str, ...]) -> str:
    if s.startswith("note:"):
        return " / ".join(_WORDS["note"][x].format(n=html.escape(s[5:])) for x in langs)
    url = html.escape(s, quote=True)
    return f'<a href="{url}">{url}</a>' if s.startswith("https://") else url


def _why(o, langs: tuple[str, ...]) -> str:
    mark, cls = ("✓", "ok") if o.correct else ("✗", "no")
    text = _both(langs, lambda x: f"{o.label(x)} — {o.why.get(x) or o.why.get('en', '')}")
    return f'<div class="why {cls}"><b>{mark} {o.key}.</b> {text}</div>'


def note_for(q: Question, langs: tuple[str, ...], tags: list[str], variant: str) -> genanki.Note:
    """One note: front, back and tags of a question; the guid hashes the card id and the language variant."""
    options = "".join(f'<div class=opt><b>{o.key}.</b> {_both(langs, o.label)}</div>' for o in q.options)
    right = next(o for o in q.options if o.correct)
    answer = (" / ".join(_WORDS["answer"][x] for x in langs) + f": <b>{right.key}.</b> "
              + _both(langs, right.label))
    why = "".join(_why(o, langs) for o in q.options)
    sources = (" / ".join(_WORDS["sources"][x] for x in langs) + ": "
               + " · ".join(_source(s, langs) for s in q.sources))
    fields = [_both(langs, q.text), options, answer, why, sources, html.escape(q.card.id)]
    return genanki.Note(model=model(variant), fields=fields, tags=tags,
                        guid=genanki.guid_for("awskg", q.card.id, variant))


def _tags(card: Card, store: Store) -> list[str]:
    outline = exam_outline(store)
    return sorted({outline.tag(t) for t in card.tasks}) + [f"awskg::{card.kind}"]


def build_package(store: Store, lang: str = "both") -> genanki.Package:
    """The deck of every card in ``lang`` (``en``, ``ja`` or ``both``), ready to ``write_to_file``."""
    langs = _langs(lang)
    names = {"en": "AWS MLA-C01 · awskg", "ja": "AWS MLA-C01 · awskg（日本語）",
             "both": "AWS MLA-C01 · awskg (en + ja)"}
    deck = genanki.Deck(_id31(f"awskg-mla-c01-deck-{lang}"), names[lang],
                        description="Scenarios of the notes and confusable pairs of the comparison tables, "
                                    "every answer sourced. Generated by awskg export --format anki.")
    for card in all_cards(store):
        deck.add_note(note_for(ask_card(store, card), langs, _tags(card, store), lang))
    return genanki.Package(deck)


def write_apkg(package: genanki.Package, path: str | Path) -> None:
    """``package`` as an ``.apkg`` at ``path`` (a zip with ``collection.anki2``), as
    :meth:`genanki.Package.write_to_file` does, but the temporary collection is removed after.

    >>> import tempfile, zipfile; from pathlib import Path
    >>> from graph.store import load_store
    >>> out = Path(tempfile.mkdtemp()) / "deck.apkg"
    >>> write_apkg(build_package(load_store(), "ja"), out)
    >>> zipfile.ZipFile(out).namelist()
    ['collection.anki2', 'media']
    """
    fd, db = tempfile.mkstemp(suffix=".anki2", dir=Path(path).parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(db)
        try:
            now = time.time()
            package.write_to_db(conn.cursor(), now, itertools.count(int(now * 1000)))
            conn.commit()
        finally:
            conn.close()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.write(db, "collection.anki2")
            z.writestr("media", json.dumps({}))
    finally:
        os.unlink(db)
