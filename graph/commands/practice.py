"""``awskg practice``: an exam-style set of questions, no feedback until the end, then the review.

    awskg practice --count 10 [--domain 3] [--seed 7]      # in a terminal: answer each, then see all
    awskg practice --count 3 --seed 7 --json               # the questions only (no answers)
    awskg practice --count 3 --seed 7 --answers B,A,-      # score these answers ("-" skips one); recorded
    printf 'A\\nB\\nC\\n' | awskg practice --count 3 --seed 7   # piped lines are the answers

Every answered question is recorded in the progress file and rescheduled (FSRS).
"""

from __future__ import annotations

import argparse
import sys
import time

from graph.study.practice import PracticeResult, make_practice, record_result, score

from ._common import dump_json
from ._study import answer_text, interactive, progress, question_text, read_answer


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("practice", help="a timed practice set: questions first, then the scored review",
                       description="A set of questions (scenarios of the notes and confusable pairs) without "
                                   "feedback until the end; then every answer with its explanation, the sources, "
                                   "the score per exam domain and what to study next.")
    p.add_argument("--count", type=int, default=10, metavar="N", help="questions in the set (default 10)")
    p.add_argument("--domain", default=None, metavar="N", help="only exam domain N (1–4)")
    p.add_argument("--seed", type=int, default=None, help="the same seed gives the same set")
    p.add_argument("--answers", default=None, metavar="B,A,C…",
                   help="answers in order, comma-separated ('-' skips one): score without being asked")
    p.add_argument("--json", action="store_true", help="machine-readable output (never interactive)")
    p.set_defaults(run=run)


def result_text(r: PracticeResult, lang: str, seconds: float | None = None) -> str:
    """The review screen as text: score, per question the answer and why, per domain, what next."""
    ja = lang == "ja"
    lines = ["", "=" * 60, (f"結果: {r.total} 問中 {r.correct} 問正解" if ja else
                           f"Result: {r.correct} of {r.total} right")
             + (f"（{seconds:.0f} 秒）" if ja and seconds else f" ({seconds:.0f} s)" if seconds else "")]
    for n, item in enumerate(r.items, 1):
        lines += ["", question_text(item.question, lang, n, r.total).rstrip("\n"),
                  answer_text(item.question, lang, item.chosen or ("（未回答）" if ja else "(none)")).rstrip("\n")]
    if r.by_domain:
        lines += ["", "分野別:" if ja else "By domain:"]
        lines += [f"  {d['label'].get(lang) or d['label'].get('en')}: {d['correct']}/{d['total']}" for d in r.by_domain]
    if r.study_next:
        lines += ["", "次に学ぶこと:" if ja else "Study next:"]
        for s in r.study_next:
            name = s["label"].get(lang) or s["label"].get("en") or ("タスク不明" if ja else "(no task)")
            lines.append(f"  {name} — {s['missed']} {'問不正解' if ja else 'missed'}: {'; '.join(s['look_at'])}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace, ctx) -> int:
    ps = make_practice(ctx.store, args.count, args.domain, args.seed)
    if args.answers is not None:
        given = [a.strip() for a in args.answers.split(",")] if args.answers.strip() else []
        result = score(ps, given)
        secs = None
    elif args.json:
        dump_json({"practice": ps.id, "seed": ps.seed, "domain": ps.domain,
                   "questions": [{"card": q.card.id, "kind": q.card.kind,
                                  "question": {"en": q.text("en"), "ja": q.text("ja")},
                                  "options": [{"key": o.key, "label": {"en": o.label("en"), "ja": o.label("ja")}}
                                              for o in q.options]} for q in ps.questions]}, ctx.out)
        return 0
    else:
        stdin = sys.stdin
        if stdin is None or stdin.closed or (stdin.isatty() and not interactive(ctx.out)):
            for n, q in enumerate(ps.questions, 1):
                ctx.out.write(question_text(q, ctx.lang, n, len(ps.questions)) + "\n")
            ctx.out.write(f"awskg practice --count {args.count} --seed {ps.seed}"
                          + (f" --domain {ps.domain}" if ps.domain else "") + " --answers A,B,…\n")
            return 0
        answers, secs_each = [], []
        start = time.monotonic()
        for n, q in enumerate(ps.questions, 1):
            ctx.out.write(question_text(q, ctx.lang, n, len(ps.questions)))
            ctx.out.flush()
            got, s = read_answer([o.key for o in q.options], ctx.lang, ctx.out)
            answers.append(got)
            secs_each.append(s)
            ctx.out.write("\n")
        secs = time.monotonic() - start if interactive(ctx.out) else None
        result = score(ps, answers)
        with progress() as p:
            record_result(p, result, secs_each)
        ctx.out.write(result_text(result, ctx.lang, secs))
        return 0
    with progress() as p:
        record_result(p, result)
    if args.json:
        dump_json(result.to_json_dict(), ctx.out)
    else:
        ctx.out.write(result_text(result, ctx.lang, secs))
    return 0
