"""Practice sets: N questions (optionally of one exam domain), answered without feedback, scored at the end.

Scenarios of the notes come first (at most half the set when there are pair cards to mix
in), then confusable pairs, each pair of members at most once; the same seed gives the
same set.

>>> from graph.store import load_store
>>> kb = load_store()
>>> s = make_practice(kb, count=4, domain="3", seed=1)
>>> len(s.questions), [q.card.id for q in s.questions] == [q.card.id for q in make_practice(kb, 4, "3", 1).questions]
(4, True)
>>> r = score(s, [q.answer_key for q in s.questions[:3]] + [None])
>>> r.correct, r.total, [x.correct for x in r.items]
(3, 4, [True, True, True, False])
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

from graph.errors import UsageError
from graph.store.base import Store
from graph.study.cards import Card, all_cards, local_id
from graph.study.exam import ExamOutline, exam_outline
from graph.study.progress import Attempt, Progress
from graph.study.questions import Question, ask_card, parse_choice
from graph.study.schedule import utcnow

__all__ = ["PracticeSet", "ItemResult", "PracticeResult", "make_practice", "practice_of", "score",
           "record_result", "MAX_COUNT"]

MAX_COUNT = 100


@dataclass
class PracticeSet:
    """The questions of one set, in order."""

    seed: int
    domain: str | None
    questions: list[Question]
    outline: ExamOutline = field(repr=False, default_factory=lambda: ExamOutline({}, {}))
    started: datetime = field(default_factory=utcnow)

    @property
    def id(self) -> str:
        """An id for the attempts of this set: ``practice-<seed>-<start time>``."""
        return f"practice-{self.seed}-{self.started.strftime('%Y%m%dT%H%M%S')}"


@dataclass
class ItemResult:
    """One question of a set after the end: what was chosen, whether it was right, why."""

    question: Question
    chosen: str | None
    correct: bool

    def to_json_dict(self) -> dict:
        """The question's JSON (options with ``why``, sources) plus ``chosen`` and ``correct``."""
        return {**self.question.to_json_dict(), "chosen": self.chosen, "correct": self.correct}


@dataclass
class PracticeResult:
    """A scored set: per question, per domain, and what to study next."""

    practice: PracticeSet
    items: list[ItemResult]
    by_domain: list[dict]
    study_next: list[dict]
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def correct(self) -> int:
        """Right answers."""
        return sum(i.correct for i in self.items)

    @property
    def total(self) -> int:
        """Questions in the set."""
        return len(self.items)

    def to_json_dict(self) -> dict:
        """JSON-ready, as in docs/json-contract.md (``awskg practice --json``)."""
        return {"practice": self.practice.id, "seed": self.practice.seed, "domain": self.practice.domain,
                "correct": self.correct, "total": self.total,
                "share": round(self.correct / self.total, 3) if self.total else None,
                "questions": [i.to_json_dict() for i in self.items], "by_domain": self.by_domain,
                "study_next": self.study_next,
                "next_review": {a.card: a.due.isoformat() for a in self.attempts}}


def _pool(store: Store, domain: str | None) -> tuple[list[Card], str | None]:
    cards = all_cards(store)
    if domain is None or str(domain).strip() == "":
        return cards, None
    outline = exam_outline(store)
    d = outline.domain_by_number(domain)
    return [c for c in cards if any(outline.domain_of(t) is d for t in c.tasks)], d.notation


def make_practice(store: Store, count: int = 10, domain: str | None = None,
                  seed: int | None = None) -> PracticeSet:
    """A set of ``count`` questions (fewer if the domain has fewer cards), by ``seed``."""
    if not 1 <= int(count) <= MAX_COUNT:
        raise UsageError(f"--count must be between 1 and {MAX_COUNT}, not {count}")
    seed = random.SystemRandom().randrange(1, 1_000_000) if seed is None else int(seed)
    rnd = random.Random(seed)
    cards, notation = _pool(store, domain)
    if not cards:
        raise UsageError(f"no study cards for domain {notation}")
    scenarios = [c for c in cards if c.kind == "scenario"]
    pairs = [c for c in cards if c.kind == "pair"]
    rnd.shuffle(scenarios)
    rnd.shuffle(pairs)
    take = scenarios[: max(1, count // 2) if pairs else count]
    used = set()
    for c in pairs:
        if len(take) >= count:
            break
        if c.pair not in used:
            used.add(c.pair)
            take.append(c)
    for c in pairs + scenarios:  # few distinct pairs: fill with the rest
        if len(take) >= count:
            break
        if c not in take:
            take.append(c)
    return PracticeSet(seed, notation, [ask_card(store, c, rnd.randrange(1_000_000)) for c in take],
                       exam_outline(store))


def practice_of(store: Store, card_ids: list[str], seed: int = 1) -> PracticeSet:
    """A set of the given cards in the given order (the app's "review the due cards").

    >>> from graph.store import load_store
    >>> [q.card.id for q in practice_of(load_store(), ["scenario-13"]).questions]
    ['scenario-13']
    """
    by_id = {c.id: c for c in all_cards(store)}
    take = [by_id[i] for i in card_ids if i in by_id][:MAX_COUNT]
    if not take:
        raise UsageError("none of these cards is in the knowledge graph")
    rnd = random.Random(seed)
    return PracticeSet(seed, None, [ask_card(store, c, rnd.randrange(1_000_000)) for c in take],
                       exam_outline(store))


def _study_next(outline: ExamOutline, wrong: list[Question]) -> list[dict]:
    """The task statements of the missed questions, most missed first, with where to look."""
    out: dict[str, dict] = {}
    for q in wrong:
        tasks = q.card.tasks or [None]
        for t in tasks:
            c = outline.tasks.get(t) if t is not None else None
            key = str(t) if t is not None else "-"
            row = out.setdefault(key, {"task": key if c else None, "notation": c.notation if c else None,
                                       "label": {"en": c.label("en"), "ja": c.label("ja")} if c else {},
                                       "missed": 0, "look_at": []})
            row["missed"] += 1
            hint = (f"awskg drill --scenario {q.card.scenario_id}" if q.card.kind == "scenario" else
                    f"awskg compare {q.card.group_notation or local_id(q.card.group)}" if q.card.group else "")
            if hint and hint not in row["look_at"]:
                row["look_at"].append(hint)
    return sorted(out.values(), key=lambda r: (-r["missed"], r["notation"] or "~"))


def score(practice: PracticeSet, answers: list[str | None]) -> PracticeResult:
    """Score ``answers`` (a letter, a number, or ``None`` for a skipped question) against the set."""
    if len(answers) > len(practice.questions):
        raise UsageError(f"{len(answers)} answers for {len(practice.questions)} questions")
    answers = list(answers) + [None] * (len(practice.questions) - len(answers))
    items = []
    for q, a in zip(practice.questions, answers):
        chosen = parse_choice(a, [o.key for o in q.options]) if a not in (None, "", "-") else None
        items.append(ItemResult(q, chosen, chosen == q.answer_key))
    return PracticeResult(practice, items, _by_domain(practice.outline, items),
                          _study_next(practice.outline, [i.question for i in items if not i.correct]))


def _by_domain(outline: ExamOutline, items: list[ItemResult]) -> list[dict]:
    rows: dict[str, dict] = {}
    for i in items:
        domains = {outline.domain_of(t) for t in i.question.card.tasks} - {None}
        for d in sorted(domains, key=lambda d: d.notation):
            r = rows.setdefault(d.notation, {"domain": d.notation, "iri": str(d.iri),
                                             "label": {"en": d.label("en"), "ja": d.label("ja")},
                                             "total": 0, "correct": 0})
            r["total"] += 1
            r["correct"] += int(i.correct)
    return [rows[k] for k in sorted(rows)]


def record_result(progress: Progress, result: PracticeResult, seconds: list[float | None] | None = None) -> None:
    """Store every answered question of a scored set (one transaction each); fills ``result.attempts``."""
    for n, item in enumerate(result.items):
        if item.chosen is None:
            continue
        secs = seconds[n] if seconds and n < len(seconds) else None
        result.attempts.append(progress.record(item.question.card.id, item.question.card.kind, item.chosen,
                                               item.correct, seconds=secs, source="practice",
                                               practice=result.practice.id))
