"""``awskg answer``: paste a practice question and its options; see them ranked with reasons.

    awskg answer --question "A model runs once a night ..." \\
        --option "Use a serverless endpoint, MaxConcurrency 1" --option "Use a real-time endpoint ..."
    awskg answer --file question.txt      # the question, then one option per line:
                                          #   A. ...   B) ...   (C) ...   1. ...   - ...
    awskg answer --file -                 # the same, from standard input
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from rdflib import URIRef

from graph.errors import UsageError
from graph.lexicon.read import catalog
from graph.reason.answer import AnswerResult, answer_question
from graph.reason.question_file import parse_question_file

from ._common import dump_json
from .fit import MARK, Footnotes, correction_lines, invalid_lines, reason_lines

FILE_HELP = ("a text file: the question first, then one option per line starting with a marker "
             "such as 'A.', 'B)', '(C)', '1.' or '-'; unmarked lines continue the line before; "
             "'-' reads standard input")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("answer", help="rank the options of a practice exam question, with reasons",
                       description="Recognise the requirements in an exam question and the solution each "
                                   "option describes; rank the options by their assessments.")
    p.add_argument("--question", "-q", default=None, help="the question text")
    p.add_argument("--option", "-o", action="append", default=[], metavar="TEXT",
                   help="one answer option (repeat for each)")
    p.add_argument("--file", "-f", default=None, metavar="FILE", help=FILE_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def _read(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UsageError(f"cannot read {name}: {getattr(err, 'strerror', None) or err}") from None


def run(args: argparse.Namespace, ctx) -> int:
    question, options = args.question or "", list(args.option)
    if args.file:
        q, opts = parse_question_file(_read(args.file))
        question = question or q
        options = options + opts
    if not question.strip() and not options:
        raise UsageError("give --question and --option (or --file)")
    result = answer_question(ctx.store, question, options)
    if args.json:
        dump_json(result.to_json_dict(ctx.lang), ctx.out)
    else:
        ctx.out.write(render(result, ctx.lang, catalog(ctx.store).label))
    return 0


def render(r: AnswerResult, lang: str, label: Callable[[URIRef, str], str]) -> str:
    """The ranked options as text in ``lang``."""
    ja = lang == "ja"
    lines = []
    if r.requirements:
        lines.append("認識した要件:" if ja else "Requirements recognised:")
        for q in r.requirements:
            lines.append(f"  • {q.label(lang)}" + (f"  ← 「{q.matched}」" if ja and q.matched
                                                    else f'  ← "{q.matched}"' if q.matched else ""))
    if r.scope.topics:
        lines.append(("トピック: " if ja else "About: ") + ", ".join(r.scope.names(lang)))
    msg = r.message(lang)
    if msg:
        lines.append(msg)
    notes = Footnotes(lang)
    lines += ["", "選択肢（良い順）:" if ja else "Options, best first:"]
    for n, o in enumerate(r.ranked, 1):
        mark = MARK.get(o.result.verdict, "?") if o.result else "?"
        head = f"  {n}. {mark} ({chr(ord('A') + o.index)}) {o.text}"
        lines.append(head)
        for f in o.flags:
            lines.append("      ⚠ " + (f["text"].get(lang) or f["text"]["en"]))
        for s in o.stated:
            if s.repaired:
                lines.append("      " + (f"（読み替え: {s.repaired}）" if ja else f"(read as: {s.repaired})"))
        if o.off_topic:
            lines.append("      " + ("→ 問題のトピック外の候補として除外" if ja else
                                     f"→ {o.label(lang)}: about another topic than the question, left out"))
            continue
        if o.subject is None:
            lines.append("      " + ("→ 知識グラフの解答候補として認識できませんでした" if ja
                                     else "→ not recognised as any solution in the knowledge graph"))
            continue
        lines.append(f"      → {o.label(lang)}  [{'一致度' if ja else 'match'} {o.match:.2f}]")
        if o.result is None:
            lines.append("      " + ("この要件での評価はありません" if ja else "not assessed against these requirements"))
            continue
        shown: set = set()
        for reason in o.result.reasons:
            lines += reason_lines(reason, lang, label, notes, "        ", shown)
        for c in o.result.corrections:
            if c.iri not in shown:
                lines += correction_lines(c, lang, notes, "        ")
        lines += invalid_lines(o.result.invalid_settings, lang, "        ")
    best = r.best
    lines += ["", (f"答え: ({chr(ord('A') + best.index)}) {best.text}" if ja else
                   f"Answer: ({chr(ord('A') + best.index)}) {best.text}") if best else
              ("答えを決めません: " if ja else "No answer: ") + r.message(lang)]
    lines += notes.lines(lang)
    return "\n".join(lines) + "\n"
