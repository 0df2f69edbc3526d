"""A card asked as a multiple-choice question: seeded option order, the answer, why each option fits or not.

A scenario card is the drill's question (:func:`graph.reason.drill.make_drill`); a pair card
has the pair's two members as options and both sourced cells as its explanation.

>>> from graph.store import load_store
>>> kb = load_store()
>>> q = ask(kb, "pair:dim-gpu:asynchronous-inference:serverless-inference", seed=1)
>>> [o.key for o in q.options], q.answer_key in ("A", "B"), q.check(q.answer_key)
(['A', 'B'], True, True)
>>> q.check("z")
Traceback (most recent call last):
...
graph.errors.UsageError: choose one of A, B (not 'Z')
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.errors import UsageError
from graph.reason.drill import Drill, make_drill
from graph.store.base import Store
from graph.study.cards import Card, find_card, stable_int

__all__ = ["Choice", "Question", "ask", "ask_card", "parse_choice"]


@dataclass
class Choice:
    """One lettered option and why it is or is not the answer (both languages)."""

    key: str
    iri: URIRef
    labels: dict[str, str]
    correct: bool
    why: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or str(self.iri)


@dataclass
class Question:
    """A card with its options in a seeded order."""

    card: Card
    seed: int
    prompt: dict[str, str]
    options: list[Choice]
    sources: list[str]
    drill: Drill | None = None

    @property
    def answer_key(self) -> str:
        """The letter of the answer."""
        return next(o.key for o in self.options if o.correct)

    def text(self, lang: str = "en") -> str:
        """The question in ``lang``, else the other language."""
        return self.prompt.get(lang) or self.prompt.get("en") or self.prompt.get("ja") or ""

    def check(self, choice: str) -> bool:
        """Whether ``choice`` (a letter or a 1-based number) is the answer; a bad one is a UsageError."""
        return parse_choice(choice, [o.key for o in self.options]) == self.answer_key

    def to_json_dict(self) -> dict:
        """JSON-ready: card, kind, prompt, options with their explanations, answer, sources, tasks."""
        return {"card": self.card.id, "kind": self.card.kind, "seed": self.seed,
                "label": {"en": self.card.label("en"), "ja": self.card.label("ja")},
                "question": {"en": self.text("en"), "ja": self.text("ja")},
                "options": [{"key": o.key, "iri": str(o.iri),
                             "label": {"en": o.label("en"), "ja": o.label("ja")}, "correct": o.correct,
                             "why": {"en": o.why.get("en", ""), "ja": o.why.get("ja", "")},
                             "sources": o.sources} for o in self.options],
                "answer_key": self.answer_key, "sources": self.sources,
                "tasks": [str(t) for t in self.card.tasks]}


def parse_choice(choice: str | None, keys: list[str]) -> str:
    """``"b"`` → ``"B"``, ``"2"`` → ``"B"``; anything else is one clear :class:`UsageError`.

    >>> parse_choice(" b ", ["A", "B"]), parse_choice("1", ["A", "B"])
    ('B', 'A')
    """
    got = (choice or "").strip().upper()
    if got.isdigit() and 1 <= int(got) <= len(keys):
        return keys[int(got) - 1]
    if got not in keys:
        raise UsageError(f"choose one of {', '.join(keys)} (not {got[:10]!r})")
    return got


def _why_scenario(o) -> dict[str, str]:
    out = {}
    for lang in ("en", "ja"):
        parts = [r.text.get(lang) or r.text.get("en") or "" for r in o.reasons]
        parts += [c.labels.get(lang) or c.labels.get("en", "") for c in o.all_corrections()]
        out[lang] = " ".join(p for p in parts if p)
    return out


def ask_card(store: Store, card: Card, seed: int | None = None) -> Question:
    """``card`` as a question, options shuffled by ``seed`` (default: derived from the card id)."""
    seed = stable_int(card.id, 20) if seed is None else int(seed)
    if card.kind == "scenario":
        d = make_drill(store, card.scenario_id, seed)
        options = [Choice(o.key, o.iri, dict(o.labels), o.correct, _why_scenario(o),
                          sorted({s for r in o.reasons for s in r.sources})) for o in d.options]
        sources = list(dict.fromkeys([*d.scenario.sources, *(x for o in options for x in o.sources)]))
        return Question(card, seed, dict(d.scenario.question), options, sources, d)
    sides = list(card.members)
    random.Random(seed).shuffle(sides)
    dim = card.dimension_label
    options = [Choice(chr(ord("A") + n), s.iri, dict(s.labels), s.iri == card.answer,
                      {lang: f"{dim(lang)}: {s.cell(lang)}" for lang in ("en", "ja")}, list(s.sources))
               for n, s in enumerate(sides)]
    sources = list(dict.fromkeys(src for s in card.members for src in s.sources))
    return Question(card, seed, card.prompt(), options, sources)


def ask(store: Store, ref: str, seed: int | None = None) -> Question:
    """The card ``ref`` (a card id or a scenario reference) as a question."""
    return ask_card(store, find_card(store, ref), seed)
