"""``awskg drill``: a scenario from the notes as a question; choose, then see why.

    awskg drill                       # a random scenario; interactive in a terminal
    awskg drill --scenario 13 --seed 7
    awskg drill --list                # the scenarios
    awskg drill --scenario 13 --json  # question, shuffled options, answer, reasons, sources
"""

from __future__ import annotations

import argparse
import sys

from graph.errors import UsageError
from graph.reason.drill import Drill, list_scenarios, make_drill

from ._common import dump_json
from .fit import MARK, Footnotes, correction_lines, invalid_lines, reason_lines


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("drill", help="practise a scenario from the notes: question, answer, explanation",
                       description="Ask a scenario from the notes with shuffled options. In a terminal you "
                                   "choose an option and see whether you were right; otherwise the question "
                                   "is printed with its answer and explanation.")
    p.add_argument("--scenario", "-s", default=None, metavar="ID", help="scenario id, e.g. 13 (default: random)")
    p.add_argument("--seed", type=int, default=None, help="seed for the scenario choice and option order")
    p.add_argument("--list", action="store_true", help="list the scenarios")
    p.add_argument("--json", action="store_true", help="machine-readable output (never interactive)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    if args.list:
        rows = list_scenarios(ctx.store, ctx.lang)
        if args.json:
            dump_json([{"id": i, "label": label, "iri": str(iri)} for i, label, iri in rows], ctx.out)
        else:
            ctx.out.write("".join(f"  {i:>4}  {label}\n" for i, label, _ in rows))
        return 0
    d = make_drill(ctx.store, args.scenario, args.seed)
    if args.json:
        dump_json(d.to_json_dict(ctx.lang), ctx.out)
        return 0
    ctx.out.write(question_text(d, ctx.lang))
    chosen = None
    stdin = sys.stdin
    if stdin is not None and not stdin.closed:
        if stdin.isatty() and ctx.out is sys.stdout:
            chosen = _ask(d, ctx.lang)
        else:
            chosen = _piped_choice(d)  # "echo B | awskg drill": the piped line is the answer
    ctx.out.write(explanation_text(d, ctx.lang, chosen))
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
    lines = [""]
    if chosen is not None:
        ok = chosen == right.key
        lines.append(("正解！" if ok else f"不正解（選んだのは {chosen}）。") if ja else
                     ("Correct!" if ok else f"Not quite (you chose {chosen})."))
    lines.append(f"{'正解' if ja else 'Answer'}: {right.key}. {right.label(lang)}")
    note = next((o for o in d.options if o.iri == d.note_answer), None)
    if note is not None:
        codes = ", ".join(c.labels.get(lang) or c.labels.get("en", "") for c in d.key_corrections)
        lines.append((f"ノートの答え: {note.key}. {note.label(lang)}（ドキュメントに基づく答えは {right.key}。{codes}）")
                     if ja else (f"The notes' answer: {note.key}. {note.label(lang)} (the documented answer is "
                                 f"{right.key}: {codes})"))
    notes = Footnotes()
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
