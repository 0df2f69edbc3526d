"""Measure ``answer`` on exam-style questions: right, confidently wrong, abstained.

Each line of ``tests/eval/answer_eval*.jsonl`` is one multiple-choice question
(``answer_eval.jsonl`` for the notes' topics, one ``answer_eval_<area>.jsonl`` per
curated area)::

    {"id": "a13-en-1", "lang": "en", "question": "...", "options": ["...", "..."],
     "expect": 3,            # the right option (1-based), or "abstain"
     "in_graph": true}       # false: a topic the graph does not cover

An answer is *right* when it is the expected option, or when the item expects an
abstention and none is given; *confidently wrong* when an option is given that is
not the expected one; *abstained* when none is given though one was expected.
Also counted: options shown as ``fits`` although they are about another topic
than the question (must be zero). ``python -m graph.eval`` prints this report after
the fit report.

>>> from graph.store import load_store
>>> item = AnswerItem("x", "en", "Nightly inference under a minute, cheapest?",
...                   ["Serverless endpoint with MaxConcurrency=1", "Real-time endpoint scaled to zero"], 1)
>>> evaluate_answers(load_store(), [item]).right
1
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from graph.errors import UsageError
from graph.store import Store

__all__ = ["AnswerItem", "AnswerOutcome", "AnswerReport", "load_answer_items", "evaluate_answers",
           "ANSWER_FILE", "ANSWER_DIR", "read_jsonl"]

T = TypeVar("T")

#: The checked-in set (present in a checkout, not in the wheel).
ANSWER_DIR = Path(__file__).resolve().parent.parent / "tests" / "eval"
ANSWER_FILE = ANSWER_DIR / "answer_eval.jsonl"


@dataclass
class AnswerItem:
    """One exam-style question and what a trustworthy answer is."""

    id: str
    lang: str
    question: str
    options: list[str]
    expect: int | str  # 1-based option, or "abstain"
    in_graph: bool = True


@dataclass
class AnswerOutcome:
    """What ``answer`` did with one item."""

    item: AnswerItem
    given: int | None
    verdict: str  # "right", "wrong" (confidently) or "abstained"
    reason: str = ""
    off_topic_fits: list[str] = field(default_factory=list)


@dataclass
class AnswerReport:
    """Counts overall, per language and in/out of the graph."""

    outcomes: list[AnswerOutcome]

    def count(self, verdict: str, rows: list[AnswerOutcome] | None = None) -> int:
        """How many outcomes (of ``rows``) had this verdict."""
        return sum(o.verdict == verdict for o in (self.outcomes if rows is None else rows))

    @property
    def right(self) -> int:
        """Right answers (and right abstentions)."""
        return self.count("right")

    @property
    def wrong(self) -> int:
        """Confidently wrong answers: an option given that is not the right one."""
        return self.count("wrong")

    @property
    def off_topic_fits(self) -> int:
        """Options shown as fitting although they are about another topic than the question."""
        return sum(len(o.off_topic_fits) for o in self.outcomes)

    def text(self) -> str:
        """The printed summary."""
        n = len(self.outcomes)
        lines = [f"answer evaluation: {n} exam-style questions",
                 f"  right {self.right} ({self.right / n:.1%})   confidently wrong {self.wrong}   "
                 f"abstained {self.count('abstained')}   off-topic 'fits' {self.off_topic_fits}"]
        groups = [("ja", lambda o: o.item.lang == "ja"), ("en", lambda o: o.item.lang == "en"),
                  ("in the graph", lambda o: o.item.in_graph), ("outside it", lambda o: not o.item.in_graph)]
        for name, keep in groups:
            rows = [o for o in self.outcomes if keep(o)]
            if rows:
                lines.append(f"    {name:13} n={len(rows):3}  right {self.count('right', rows):3}  "
                             f"wrong {self.count('wrong', rows):2}  abstained {self.count('abstained', rows):2}")
        misses = [o for o in self.outcomes if o.verdict != "right" or o.off_topic_fits]
        if misses:
            lines.append("  not right:")
            for o in misses:
                lines.append(f"    {o.item.id}: expected {o.item.expect}; {o.verdict}"
                             + (f" ({o.given})" if o.given else f" ({o.reason})")
                             + (f"; OFF-TOPIC FITS {o.off_topic_fits}" if o.off_topic_fits else ""))
        return "\n".join(lines)


def read_jsonl(path: Path, make: Callable[[dict], T]) -> list[T]:
    """One item per non-blank line of a JSONL file; a malformed line names its number."""
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(make(json.loads(line)))
        except (ValueError, KeyError, TypeError) as err:
            raise UsageError(f"{path}:{n}: bad evaluation item ({err})") from None
    return items


def _answer_item(d: dict) -> AnswerItem:
    expect = d["expect"]
    if expect != "abstain" and not (isinstance(expect, int) and 1 <= expect <= len(d["options"])):
        raise ValueError(f"expect must be an option number or 'abstain', not {expect!r}")
    return AnswerItem(d["id"], d["lang"], d["question"], list(d["options"]), expect, bool(d.get("in_graph", True)))


def load_answer_items(path: Path) -> list[AnswerItem]:
    """Read a JSONL file of exam-style questions, or every ``answer_eval*.jsonl`` in a folder.

    >>> len(load_answer_items(ANSWER_FILE)) >= 40
    True
    >>> len(load_answer_items(ANSWER_DIR)) >= len(load_answer_items(ANSWER_FILE))
    True
    """
    if path.is_dir():
        items = [i for f in sorted(path.glob("answer_eval*.jsonl")) for i in read_jsonl(f, _answer_item)]
        seen: set[str] = set()
        for i in items:
            if i.id in seen:
                raise UsageError(f"{path}: the id {i.id!r} is used twice")
            seen.add(i.id)
        return items
    return read_jsonl(path, _answer_item)


def evaluate_answers(store: Store, items: list[AnswerItem]) -> AnswerReport:
    """Run ``answer`` on every item and judge it (module docs)."""
    from graph.reason.answer import answer_question

    outcomes = []
    for item in items:
        r = answer_question(store, item.question, item.options)
        given = r.best.index + 1 if r.best else None
        if given is None:
            verdict = "right" if item.expect == "abstain" else "abstained"
        else:
            verdict = "right" if given == item.expect else "wrong"
        off = [o.text for o in r.options if o.result is not None and o.result.verdict == "fits"
               and not r.scope.admits(o.result.topics)]
        outcomes.append(AnswerOutcome(item, given, verdict, r.abstain_reason, off))
    return AnswerReport(outcomes)
