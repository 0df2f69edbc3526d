"""Measure ``fit`` and ``answer`` on the evaluation sets: ``python -m graph.eval [--verbose]``.

Each line of the JSONL file is one query a learner might type::

    {"id": "s13-en-1", "query": "nightly inference, under a minute, cheapest", "lang": "en",
     "expect": "kb:sol-13-serverless-max-concurrency-1",   # or "none", or "error"
     "top3": ["kb:..."],            # also acceptable within the first three results
     "must_not_fit": ["kb:..."],    # never to be shown as "fits"
     "repeat": 2500}                # optional: the query repeated (long input)

``expect: "none"`` means nothing may be recognised and nothing returned;
``"error"`` means the input must be refused (exit 2). Printed: top-1 and top-3
accuracy, options wrongly shown as fitting, and the same per language.

>>> item = EvalItem("x", "毎晩", "ja", "none")
>>> item.expand("kb:req-gpu")
'https://w3id.org/awskg/id/req-gpu'
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import KGError, UsageError
from graph.eval_answers import ANSWER_DIR, evaluate_answers, load_answer_items, read_jsonl
from graph.store import Store
from ontology import KB

__all__ = ["EvalItem", "Outcome", "Report", "load_items", "evaluate", "DEFAULT_FILE", "main"]

#: The checked-in set (present in a checkout, not in the wheel).
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "tests" / "eval" / "fit_eval.jsonl"


@dataclass
class EvalItem:
    """One evaluation query and what must come out of it."""

    id: str
    query: str
    lang: str
    expect: str
    top3: list[str] = field(default_factory=list)
    must_not_fit: list[str] = field(default_factory=list)
    repeat: int = 1

    @staticmethod
    def expand(iri: str) -> str:
        """``kb:slug`` → full IRI."""
        return str(KB) + iri[3:] if iri.startswith("kb:") else iri

    @property
    def text(self) -> str:
        """The query as sent (repeated for the long-input items)."""
        return self.query * max(1, self.repeat)


@dataclass
class Outcome:
    """What happened to one item."""

    item: EvalItem
    top1: bool
    top3: bool
    wrong_fits: list[str]
    got: list[tuple[str, str]]  # (iri, verdict) of the first results
    recognised: list[str]
    error: str = ""


@dataclass
class Report:
    """Accuracy over a set, overall and per language."""

    outcomes: list[Outcome]

    def _rate(self, lang: str | None, what: str) -> float:
        rows = [o for o in self.outcomes if lang is None or o.item.lang == lang]
        return sum(getattr(o, what) for o in rows) / len(rows) if rows else 0.0

    @property
    def top1(self) -> float:
        """Share of items whose first result is the expected one (or correctly none/error)."""
        return self._rate(None, "top1")

    @property
    def top3(self) -> float:
        """Share of items with an acceptable subject among the first three results."""
        return self._rate(None, "top3")

    @property
    def wrong_fits(self) -> int:
        """Options shown as ``fits`` that the notes or the docs say do not fit."""
        return sum(len(o.wrong_fits) for o in self.outcomes)

    def text(self, verbose: bool = False) -> str:
        """The printed summary."""
        langs = sorted({o.item.lang for o in self.outcomes})
        lines = [f"fit evaluation: {len(self.outcomes)} queries",
                 f"  top-1 accuracy   {self.top1:6.1%}",
                 f"  top-3 accuracy   {self.top3:6.1%}",
                 f"  wrongly shown as fitting: {self.wrong_fits}", "  per language:"]
        for lang in langs:
            n = sum(o.item.lang == lang for o in self.outcomes)
            lines.append(f"    {lang:6} n={n:3}  top-1 {self._rate(lang, 'top1'):6.1%}  "
                         f"top-3 {self._rate(lang, 'top3'):6.1%}")
        misses = [o for o in self.outcomes if not o.top1 or o.wrong_fits or (verbose and False)]
        if misses:
            lines.append("  misses:")
            for o in misses:
                got = ", ".join(f"{_short(i)}({v})" for i, v in o.got[:3]) or o.error or "nothing"
                lines.append(f"    {o.item.id}: expected {o.item.expect}; got {got}"
                             + (f"; WRONG FITS {o.wrong_fits}" if o.wrong_fits else ""))
                if verbose:
                    lines.append(f"      query: {o.item.query[:100]!r}; recognised: "
                                 + ", ".join(_short(r) for r in o.recognised))
        return "\n".join(lines)


def _short(iri: str) -> str:
    return "kb:" + iri[len(str(KB)):] if iri.startswith(str(KB)) else iri


def load_items(path: Path) -> list[EvalItem]:
    """Read the JSONL file; a malformed line names its number.

    >>> len(load_items(DEFAULT_FILE)) >= 60
    True
    """
    return read_jsonl(path, lambda d: EvalItem(d["id"], d["query"], d["lang"], d["expect"], d.get("top3", []),
                                               d.get("must_not_fit", []), int(d.get("repeat", 1))))


def evaluate(store: Store, items: list[EvalItem]) -> Report:
    """Run ``fit`` on every item and score the answers.

    >>> from graph.store import load_store
    >>> r = evaluate(load_store(), [EvalItem("a", "nightly, cheapest", "en",
    ...                                      "kb:sol-13-serverless-max-concurrency-1"),
    ...                             EvalItem("b", "  ", "en", "error")])
    >>> r.top1, r.wrong_fits
    (1.0, 0)
    """
    from graph.reason.fit import fit

    outcomes = []
    for item in items:
        try:
            r = fit(store, item.text)
        except UsageError as err:
            ok = item.expect == "error"
            outcomes.append(Outcome(item, ok, ok, [], [], [], str(err)))
            continue
        got = [(str(x.iri), x.verdict) for x in r.results]
        recognised = [str(q.iri) for q in r.requirements]
        banned = {item.expand(i) for i in item.must_not_fit}
        wrong = [_short(i) for i, v in got if v == "fits" and i in banned]
        if item.expect == "none":
            ok = not recognised and not got
            outcomes.append(Outcome(item, ok, ok, wrong, got, recognised))
            continue
        if item.expect == "error":
            outcomes.append(Outcome(item, False, False, wrong, got, recognised, "accepted"))
            continue
        want = item.expand(item.expect)
        accept = {want} | {item.expand(i) for i in item.top3}
        top1 = bool(got) and got[0][0] == want
        top3 = any(i in accept for i, _ in got[:3])
        outcomes.append(Outcome(item, top1, top3, wrong, got, recognised))
    return Report(outcomes)


def main(argv: list[str] | None = None) -> int:
    """Print the evaluation; exit 1 if the thresholds are not met (--check)."""
    ap = argparse.ArgumentParser(prog="python -m graph.eval", description=__doc__.splitlines()[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE, help="JSONL evaluation set of fit queries")
    ap.add_argument("--answers", type=Path, default=ANSWER_DIR,
                    help="JSONL evaluation set of exam-style questions for answer, or a folder of "
                         "answer_eval*.jsonl files (default: tests/eval/)")
    ap.add_argument("--data", type=Path, default=None, help="data directory (default: the shipped KB)")
    ap.add_argument("--verbose", "-v", action="store_true", help="show the query of each miss")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 below top-1 90%%, top-3 98%%, with any wrong 'fits', or with any "
                         "confidently wrong or off-topic answer")
    args = ap.parse_args(argv)
    try:
        from graph.store import load_store

        if not args.file.is_file():
            raise UsageError(f"no evaluation file at {args.file} (use --file)")
        store = load_store(args.data)
        report = evaluate(store, load_items(args.file))
        answers = evaluate_answers(store, load_answer_items(args.answers)) if args.answers.exists() else None
    except KGError as err:
        print(f"graph.eval: error: {err}", file=sys.stderr)
        return err.exit_code
    try:
        print(report.text(args.verbose))
        if answers is not None:
            print()
            print(answers.text())
    except BrokenPipeError:  # e.g. piped into head
        return 0
    if args.check and (report.top1 < 0.90 or report.top3 < 0.98 or report.wrong_fits
                       or (answers is not None and (answers.wrong or answers.off_topic_fits))):
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
