"""``awskg progress``: per MLA-C01 domain and task statement, cards seen, right answers, due now;
and the confusable pairs answered worst.

    awskg progress
    awskg --lang ja progress --json
"""

from __future__ import annotations

import argparse

from graph.study.report import progress_report

from ._common import dump_json
from ._study import progress, when


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("progress", help="study progress by exam domain and task; the weakest confusable pairs",
                       description="What the progress file says: per MLA-C01 domain and task statement the cards "
                                   "seen, the share answered right, the cards due now; the confusable pairs "
                                   "answered worst.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def _share(row: dict) -> str:
    return "–" if row["correct_share"] is None else f"{row['correct_share'] * 100:.0f} %"


def run(args: argparse.Namespace, ctx) -> int:
    with progress() as p:
        r = progress_report(ctx.store, p)
    if args.json:
        dump_json(r, ctx.out)
        return 0
    ja, lang = ctx.lang == "ja", ctx.lang
    tot = r["totals"]
    head = ("カード {seen}/{cards} 枚を学習、正答率 {share}、今復習するもの {due} 枚" if ja else
            "{seen} of {cards} cards seen, {share} right, {due} due now")
    lines = [head.format(seen=tot["seen"], cards=tot["cards"], share=_share(tot), due=tot["due_now"])]
    if tot["next_due"]:
        from datetime import datetime

        lines.append(("次の復習: " if ja else "Next review: ") + when(datetime.fromisoformat(tot["next_due"]), lang))
    cols = ("学習/全体", "正答率", "復習") if ja else ("seen/cards", "right", "due")
    lines += ["", f"{'':60} {cols[0]:>10} {cols[1]:>7} {cols[2]:>5}"]
    for d in r["domains"]:
        lines.append(f"{d['label'][lang][:60]:60} {d['seen']:>4}/{d['cards']:<5} {_share(d):>7} {d['due_now']:>5}")
        for t in d["tasks"]:
            lines.append(f"  {t['label'][lang][:58]:58} {t['seen']:>4}/{t['cards']:<5} {_share(t):>7} {t['due_now']:>5}")
    if r["weakest_pairs"]:
        lines += ["", "間違えやすい組み合わせ:" if ja else "Weakest confusable pairs:"]
        lines += [f"  {w['label'][lang]}: {w['correct']}/{w['attempts']}" for w in r["weakest_pairs"]]
    ctx.out.write("\n".join(lines) + "\n")
    return 0
