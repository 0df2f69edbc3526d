"""``awskg drill``: a scenario from the notes as a question; choose, then see why.

    awskg drill                       # a random scenario; interactive in a terminal
    awskg drill --scenario 13 --seed 7
    awskg drill --list                # the scenarios
    awskg drill --scenario 13 --json  # question, shuffled options, answer, reasons, sources
    awskg drill --scenario 13 --seed 1 --choose B --json   # answer without a terminal; recorded

Every answer (``--choose``, typed in a terminal or piped) is recorded in the learner's
progress file (:mod:`graph.study.progress`) and schedules the scenario's next review. Without
``--scenario``, a scenario not yet answered is asked before any repeats.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from graph.errors import UsageError
from graph.reason.drill import Drill, list_scenarios, make_drill

from ._common import dump_json, result_head
from ._study import existing_progress, progress, when
from .fit import MARK, Footnotes, correction_lines, invalid_lines, reason_lines


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("drill", help="practise a scenario from the notes: question, answer, explanation",
                       description="Ask a scenario from the notes with shuffled options. In a terminal you "
                                   "choose an option and see whether you were right; otherwise the question "
                                   "is printed with its answer and explanation.")
    p.add_argument("--scenario", "-s", default=None, metavar="ID", help="scenario id, e.g. 13 (default: random)")
    p.add_argument("--seed", type=int, default=None, help="seed for the scenario choice and option order")
    p.add_argument("--list", action="store_true", help="list the scenarios")
    p.add_argument("--choose", default=None, metavar="KEY",
                   help="answer with this option (a letter or number) without being asked; recorded")
    p.add_argument("--json", action="store_true", help="machine-readable output (never interactive)")
    p.set_defaults(run=run)


def _unseen(ctx, seed: int) -> str | None:
    """A scenario the learner has not answered yet (by ``seed``), when a progress file exists."""
    from graph.reason.drill import scenarios
    from graph.study.cards import local_id

    p = existing_progress()
    if p is None:
        return None
    with p:
        seen = {a.card for a in p.attempts()}
    ids = [s for s in scenarios(ctx.store) if s.answer is not None and len(s.options) >= 2]
    pool = [s.id for s in ids if local_id(s.iri) not in seen]
    return random.Random(seed).choice(pool) if pool and len(pool) < len(ids) else None


def _record(d: Drill, chosen: str, seconds: float | None):
    from graph.study.cards import local_id

    with progress() as p:
        return p.record(local_id(d.scenario.iri), "scenario", chosen,
                        chosen == d.options[d.answer_index].key, seconds=seconds, source="cli")


def run(args: argparse.Namespace, ctx) -> int:
    if args.list:
        rows = list_scenarios(ctx.store, ctx.lang)
        if args.json:
            dump_json([{"id": i, "label": label, "iri": str(iri)} for i, label, iri in rows], ctx.out)
        else:
            ctx.out.write("".join(f"  {i:>4}  {label}\n" for i, label, _ in rows))
        return 0
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1_000_000)
    scenario = args.scenario if args.scenario is not None else _unseen(ctx, seed)
    d = make_drill(ctx.store, scenario, seed)
    chosen, seconds = None, None
    if args.choose is not None:
        from graph.study.questions import parse_choice

        chosen = parse_choice(args.choose, [o.key for o in d.options])
    if args.json:
        out = d.to_json_dict(ctx.lang)
        if chosen is not None:
            attempt = _record(d, chosen, None)
            out.update(chosen=chosen, correct=attempt.correct, next_review=attempt.due.isoformat())
        dump_json(out, ctx.out)
        return 0
    ctx.out.write(question_text(d, ctx.lang))
    stdin = sys.stdin
    if chosen is None and stdin is not None and not stdin.closed:
        start = time.monotonic()
        if stdin.isatty() and getattr(ctx.out, "raw", ctx.out) is sys.stdout:
            chosen = _ask(d, ctx.lang)
            seconds = time.monotonic() - start if chosen else None
        else:
            chosen = _piped_choice(d)  # "echo B | awskg drill": the piped line is the answer
    attempt = _record(d, chosen, seconds) if chosen is not None else None
    ctx.out.write(explanation_text(d, ctx.lang, chosen))
    if attempt is not None:
        ctx.out.write(("次の復習: " if ctx.lang == "ja" else "Next review: ") + when(attempt.due, ctx.lang) + "\n")
    return 0


def _piped_choice(d: Drill) -> str | None:
    """The first line of piped input as a choice (a letter or a number); nothing piped: ``None``."""
    try:
        line = sys.stdin.readline(64)
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    got = line.strip().upper()
    if not got:
        return None
    keys = [o.key for o in d.options]
    if got.isdigit() and 1 <= int(got) <= len(keys):
        return keys[int(got) - 1]
    if got not in keys:
        raise UsageError(f"choose one of {', '.join(keys)} (read {got[:10]!r} from standard input)")
    return got


def question_text(d: Drill, lang: str) -> str:
    """The question and its lettered options."""
    ja = lang == "ja"
    head = f"{'シナリオ' if ja else 'Scenario'} {d.scenario.id}: {d.scenario.label(lang)}"
    lines = [head, "", d.question(lang), ""]
    lines += [f"  {o.key}. {o.label(lang)}" for o in d.options]
    return "\n".join(lines) + "\n"


def _ask(d: Drill, lang: str) -> str | None:
    keys = [o.key for o in d.options]
    prompt = f"\n{'答えを選んでください' if lang == 'ja' else 'Your answer'} [{'/'.join(keys)}]: "
    for _ in range(3):
        try:
            got = input(prompt).strip().upper()
        except EOFError:
            return None
        if got in keys:
            return got
        if got.isdigit() and 1 <= int(got) <= len(keys):
            return keys[int(got) - 1]
    raise UsageError(f"choose one of {', '.join(keys)}")


def explanation_text(d: Drill, lang: str, chosen: str | None = None) -> str:
    """The answer, then every option's reasons, corrections and sources."""
    ja = lang == "ja"
    right = d.options[d.answer_index]
    lines = result_head(chosen, right.key, right.label(lang), lang)
    note = next((o for o in d.options if o.iri == d.note_answer), None)
    if note is not None:
        codes = ", ".join(c.labels.get(lang) or c.labels.get("en", "") for c in d.key_corrections)
        lines.append((f"ノートの答え: {note.key}. {note.label(lang)}（ドキュメントに基づく答えは {right.key}。{codes}）")
                     if ja else (f"The notes' answer: {note.key}. {note.label(lang)} (the documented answer is "
                                 f"{right.key}: {codes})"))
    notes = Footnotes(lang)
    label = d.requirement_label
    lines += ["", "解説:" if ja else "Why:"]
    for o in d.options:
        star = " ★" if o.correct else ""
        lines.append(f"  {o.key}. {MARK.get(o.verdict, '?')} {o.label(lang)}{star}")
        shown: set = set()
        for r in o.reasons:
            lines += reason_lines(r, lang, label, notes, seen=shown)
        for c in o.corrections:
            if c.iri not in shown:
                lines += correction_lines(c, lang, notes, "      ")
        lines += invalid_lines(o.invalid_settings, lang, "      ")
    lines.append("")
    lines.append(("出典: " if ja else "Source: ") + ", ".join(
        f"ノート §{s[5:]}" if ja and s.startswith("note:") else f"note §{s[5:]}" if s.startswith("note:") else s
        for s in d.scenario.sources))
    lines += notes.lines(lang)
    return "\n".join(lines) + "\n"
