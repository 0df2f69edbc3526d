"""``awskg review``: the study cards due now (then new ones), asked one by one and rescheduled.

    awskg review                      # in a terminal: ask each due card, record, reschedule
    awskg review --json --limit 20    # the queue: due cards first, then new ones
    awskg review --card scenario-13 --choose B [--json]   # answer one card without a terminal
    printf 'A\\nB\\n' | awskg review  # piped lines answer the queue in order
"""

from __future__ import annotations

import argparse
import sys

from graph.errors import UsageError
from graph.store.base import Store
from graph.study.cards import Card, all_cards, find_card, stable_int
from graph.study.progress import Progress
from graph.study.questions import ask_card, parse_choice
from graph.study.schedule import utcnow

from ._common import dump_json
from ._study import answer_text, interactive, progress, question_text, read_answer, when


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="spaced repetition: the cards due now, asked and rescheduled (FSRS)",
                       description="Ask the study cards that are due (scenarios and confusable pairs), then new "
                                   "ones; each answer is recorded and schedules the card's next review: a wrong "
                                   "answer makes it due again in ten minutes.")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N cards (default 10)")
    p.add_argument("--new", type=int, default=5, metavar="N",
                   help="add up to N cards never answered after the due ones (default 5)")
    p.add_argument("--card", default=None, metavar="ID", help="one card by id (or a scenario id such as 13)")
    p.add_argument("--choose", default=None, metavar="KEY", help="answer --card with this option; recorded")
    p.add_argument("--seed", type=int, default=None, help="option order (default: fixed per card)")
    p.add_argument("--json", action="store_true", help="machine-readable output (never interactive)")
    p.set_defaults(run=run)


def queue(store: Store, p: Progress, limit: int, new: int) -> list[tuple[Card, object]]:
    """``(card, due date or None)``: due cards, most overdue first, then up to ``new`` unseen ones."""
    if limit < 1 or new < 0:
        raise UsageError("--limit must be at least 1 and --new at least 0")
    cards = {c.id: c for c in all_cards(store)}
    states = p.states()
    due = [(cards[s.card], s.due) for s in p.due(utcnow()) if s.card in cards]
    fresh = sorted((c for c in cards.values() if c.id not in states),
                   key=lambda c: (c.kind != "scenario", stable_int(c.id)))
    return (due + [(c, None) for c in fresh[:new]])[:limit]


def _item(card: Card, due) -> dict:
    return {"card": card.id, "kind": card.kind, "label": {"en": card.label("en"), "ja": card.label("ja")},
            "due": due.isoformat() if due else None, "new": due is None, "tasks": [str(t) for t in card.tasks]}


def _one(args, ctx) -> int:
    card = find_card(ctx.store, args.card)
    q = ask_card(ctx.store, card, args.seed)
    if args.choose is None:
        if args.json:
            out = q.to_json_dict()
            for o in out["options"]:
                o.pop("correct"), o.pop("why")
            out.pop("answer_key")
            dump_json(out, ctx.out)
        else:
            ctx.out.write(question_text(q, ctx.lang))
        return 0
    chosen = parse_choice(args.choose, [o.key for o in q.options])
    with progress() as p:
        a = p.record(card.id, card.kind, chosen, chosen == q.answer_key, source="review")
    if args.json:
        dump_json({**q.to_json_dict(), "chosen": chosen, "correct": a.correct,
                   "next_review": a.due.isoformat()}, ctx.out)
    else:
        ctx.out.write(question_text(q, ctx.lang) + answer_text(q, ctx.lang, chosen)
                      + ("次の復習: " if ctx.lang == "ja" else "Next review: ") + when(a.due, ctx.lang) + "\n")
    return 0


def run(args: argparse.Namespace, ctx) -> int:
    if args.choose is not None and args.card is None:
        raise UsageError("--choose needs --card ID (the card to answer)")
    if args.card is not None:
        return _one(args, ctx)
    ja = ctx.lang == "ja"
    with progress() as p:
        items = queue(ctx.store, p, args.limit, args.new)
        if args.json:
            dump_json({"due_now": sum(d is not None for _, d in items), "cards": [_item(c, d) for c, d in items],
                       "file": str(p.path)}, ctx.out)
            return 0
        if not items:
            ctx.out.write("今は復習するカードがありません。\n" if ja else "Nothing is due now.\n")
            return 0
        stdin = sys.stdin
        asking = stdin is not None and not stdin.closed and (interactive(ctx.out) or not stdin.isatty())
        if not asking:
            for c, d in items:
                ctx.out.write(f"  {c.id}  {c.label(ctx.lang)}  {when(d, ctx.lang) if d else ('新規' if ja else 'new')}\n")
            return 0
        right = done = 0
        for n, (card, _) in enumerate(items, 1):
            q = ask_card(ctx.store, card, args.seed)
            ctx.out.write(question_text(q, ctx.lang, n, len(items)))
            ctx.out.flush()
            chosen, seconds = read_answer([o.key for o in q.options], ctx.lang, ctx.out)
            if chosen is None:
                break
            a = p.record(card.id, card.kind, chosen, chosen == q.answer_key, seconds=seconds, source="review")
            done, right = done + 1, right + a.correct
            ctx.out.write(answer_text(q, ctx.lang, chosen) + ("次の復習: " if ja else "Next review: ")
                          + when(a.due, ctx.lang) + "\n\n")
        ctx.out.write((f"{done} 問中 {right} 問正解。\n" if ja else f"{right} of {done} right.\n") if done else "")
    return 0
