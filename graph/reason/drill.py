"""Drill the notes' scenarios: a question, shuffled options, the answer and why.

>>> from graph.store import load_store
>>> kb = load_store()
>>> d = make_drill(kb, "13", seed=1)
>>> d.answer == d.options[d.answer_index].iri, sorted(o.key for o in d.options)
(True, ['A', 'B', 'C', 'D'])
>>> [o.iri for o in make_drill(kb, "13", seed=1).options] == [o.iri for o in d.options]
True
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.errors import UsageError
from graph.lexicon.read import catalog
from graph.reason.assess import Correction, Reason, Result, assess, source_id
from graph.store.base import Store
from ontology import KB

__all__ = ["ScenarioInfo", "DrillOption", "Drill", "scenarios", "list_scenarios", "make_drill",
           "find_scenario"]


@dataclass
class ScenarioInfo:
    """A scenario of the notes: its question, options, answer and requirements."""

    iri: URIRef
    id: str
    labels: dict[str, str] = field(default_factory=dict)
    question: dict[str, str] = field(default_factory=dict)
    options: list[URIRef] = field(default_factory=list)
    answer: URIRef | None = None
    requirements: list[URIRef] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    section: int | None = None

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or self.id


def scenarios(store: Store) -> list[ScenarioInfo]:
    """Every scenario, by section number; one query, cached per store.

    >>> from graph.store import load_store
    >>> s = next(s for s in scenarios(load_store()) if s.id == "13")
    >>> s.section, len(s.options), s.answer == KB["sol-13-serverless-max-concurrency-1"]
    (13, 4, True)
    """
    cat = catalog(store)
    found = cat.extra.get("scenarios")
    if isinstance(found, list):
        return found
    by: dict[URIRef, ScenarioInfo] = {}
    for row in store.select("drill_scenarios"):
        iri, key, value = row["scenario"], str(row["key"]), row["value"]
        s = by.setdefault(iri, ScenarioInfo(iri, _short_id(iri)))
        lang = getattr(value, "language", None) or ""
        if key == "label":
            s.labels[lang] = str(value)
        elif key == "question":
            s.question[lang] = str(value)
        elif key == "option" and value not in s.options:
            s.options.append(value)
        elif key == "answer":
            s.answer = value
        elif key == "requirement" and value not in s.requirements:
            s.requirements.append(value)
        elif key == "derived" and source_id(value) not in s.sources:
            s.sources.append(source_id(value))
        elif key == "section":
            s.section = int(value)
    for s in by.values():
        s.options.sort()
        s.requirements.sort()
    out = sorted(by.values(), key=lambda s: (s.section is None, s.section or 0, s.id))
    cat.extra["scenarios"] = out
    return out


def _short_id(iri: URIRef) -> str:
    text = str(iri)
    local = text[len(str(KB)):] if text.startswith(str(KB)) else text
    return local[len("scenario-"):] if local.startswith("scenario-") else local


def list_scenarios(store: Store, lang: str = "en") -> list[tuple[str, str, URIRef]]:
    """``(id, label in lang, iri)`` of every scenario, for a picker.

    >>> from graph.store import load_store
    >>> ("13", "Nightly inference under one minute, at lowest cost") in [
    ...     (i, label) for i, label, _ in list_scenarios(load_store())]
    True
    """
    return [(s.id, s.label(lang), s.iri) for s in scenarios(store)]


def find_scenario(store: Store, ref: str) -> ScenarioInfo:
    """A scenario by id (``13``, ``§13``, ``scenario-13``, ``kb:scenario-13`` or its IRI).

    >>> from graph.store import load_store
    >>> find_scenario(load_store(), "§14").iri == KB["scenario-14"]
    True
    """
    key = re.sub(r"^(?:<|kb:|§|#)", "", (ref or "").strip()).rstrip(">")
    if key.startswith(str(KB)):
        key = key[len(str(KB)):]
    key = key[len("scenario-"):] if key.startswith("scenario-") else key
    for s in scenarios(store):
        if s.id == key or str(s.iri) == ref.strip():
            return s
    known = [f"{s.id}: {s.label('en')} / {s.label('ja')}" for s in scenarios(store)]
    raise UsageError(f"no scenario {ref.strip()[:40]!r}", known)


@dataclass
class DrillOption:
    """One shuffled option with its explanation (its assessments on the scenario's requirements)."""

    key: str
    iri: URIRef
    labels: dict[str, str]
    correct: bool
    verdict: str = ""
    reasons: list[Reason] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    invalid_settings: list[dict[str, str]] = field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or str(self.iri)

    def all_corrections(self) -> list[Correction]:
        """Corrections on the option and on any of its reasons, each once."""
        seen: dict[URIRef, Correction] = {c.iri: c for c in self.corrections}
        for r in self.reasons:
            for c in r.corrections:
                seen.setdefault(c.iri, c)
        return list(seen.values())


@dataclass
class Drill:
    """A scenario as a question: options in a seeded random order, the answer, the reasons."""

    scenario: ScenarioInfo
    options: list[DrillOption]
    answer: URIRef  # the answer the drill accepts: the documented one
    seed: int
    requirement_labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    #: the notes' own answer, when the assessments rank another option first
    note_answer: URIRef | None = None
    #: the corrections that say why the notes' answer is not the documented one
    key_corrections: list[Correction] = field(default_factory=list)

    def requirement_label(self, iri: URIRef, lang: str = "en") -> str:
        """A requirement's label in ``lang``."""
        labels = self.requirement_labels.get(iri, {})
        return labels.get(lang) or labels.get("en") or labels.get("ja") or str(iri)

    @property
    def answer_index(self) -> int:
        """Position of the answer among the shuffled options."""
        return next(i for i, o in enumerate(self.options) if o.iri == self.answer)

    def question(self, lang: str = "en") -> str:
        """The question in ``lang``, else the other language."""
        q = self.scenario.question
        return q.get(lang) or q.get("en") or q.get("ja") or ""

    def to_json_dict(self, lang: str = "en") -> dict:
        """JSON-ready: question, options (with reasons shaped as in ``fit --json``), answer."""

        def corr(c: Correction) -> dict:
            return {"iri": str(c.iri), "label": c.labels, "note_says": c.note_says,
                    "sources_say": c.sources_say, "verdict": c.verdict, "sources": c.sources}

        return {
            "scenario": str(self.scenario.iri), "id": self.scenario.id, "seed": self.seed,
            "label": {"en": self.scenario.labels.get("en", ""), "ja": self.scenario.labels.get("ja", "")},
            "question": {"en": self.scenario.question.get("en", ""), "ja": self.scenario.question.get("ja", "")},
            "requirements": [{"iri": str(r), "label": {"en": self.requirement_label(r, "en"),
                                                       "ja": self.requirement_label(r, "ja")}}
                             for r in self.scenario.requirements],
            "options": [{"key": o.key, "iri": str(o.iri),
                         "label": {"en": o.labels.get("en", ""), "ja": o.labels.get("ja", "")},
                         "correct": o.correct, "verdict": o.verdict,
                         "reasons": [r.to_json() for r in o.reasons],
                         "corrections": [corr(c) for c in o.all_corrections()],
                         "invalid_settings": o.invalid_settings} for o in self.options],
            "answer": str(self.answer), "answer_key": self.options[self.answer_index].key,
            "note_answer": str(self.note_answer) if self.note_answer else None,
            "note_answer_key": next((o.key for o in self.options if o.iri == self.note_answer), None),
            "key_corrections": [corr(c) for c in self.key_corrections],
            "sources": self.scenario.sources,
        }


def make_drill(store: Store, scenario: str | URIRef | None = None, seed: int | None = None) -> Drill:
    """A drill for ``scenario`` (or a random one), options shuffled by ``seed``."""
    seed = random.SystemRandom().randrange(1_000_000) if seed is None else int(seed)
    rnd = random.Random(seed)
    pool = [s for s in scenarios(store) if s.answer is not None and len(s.options) >= 2]
    if not pool:
        raise UsageError("the knowledge graph has no scenarios to drill")
    s = find_scenario(store, str(scenario)) if scenario is not None else rnd.choice(pool)
    if s.answer is None or len(s.options) < 2:
        raise UsageError(f"scenario {s.id} has no answer or fewer than two options")
    weights = {req: 1.0 for req in s.requirements}
    ranked = [r for r in assess(store, weights) if r.iri in set(s.options)]
    results: dict[URIRef, Result] = {r.iri: r for r in ranked}
    answer, note_answer, why = documented_answer(s, ranked)
    cat = catalog(store)
    order = list(s.options)
    rnd.shuffle(order)
    options = []
    for n, iri in enumerate(order):
        r = results.get(iri)
        options.append(DrillOption(
            chr(ord("A") + n), iri, cat.labels_of(iri), iri == answer,
            r.verdict if r else "", r.reasons if r else [], r.corrections if r else [],
            r.invalid_settings if r else []))
    return Drill(s, options, answer, seed, {r: cat.labels_of(r) for r in s.requirements},
                 note_answer, why)


def documented_answer(s: ScenarioInfo, ranked: list[Result]) -> tuple[URIRef, URIRef | None, list[Correction]]:
    """(the answer to accept, the notes' answer if it differs, the corrections that say why).

    The key is the option the assessments rank first, when it fits every requirement and
    the notes' answer does not, and a correction on the notes' answer explains it (the
    validate check ``answer-key-disagrees`` holds the data to that); otherwise the notes' answer.
    """
    assert s.answer is not None
    top = ranked[0] if ranked else None
    note = next((r for r in ranked if r.iri == s.answer), None)
    if top is None or note is None or top.iri == s.answer or top.verdict != "fits" or note.verdict == "fits":
        return s.answer, None, []
    why: dict[URIRef, Correction] = {c.iri: c for c in note.corrections}
    for reason in note.reasons:
        if reason.verdict != "fits":
            for c in reason.corrections:
                why.setdefault(c.iri, c)
    if not why:
        return s.answer, None, []
    return top.iri, s.answer, list(why.values())
