"""``awskg stats``: triples and instances per class."""

from __future__ import annotations

import argparse

from graph.lexicon.names import local_name
from graph.ops.stats import class_counts

from ._common import dump_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="number of triples and of instances per class")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    total, counts = ctx.store.count(), class_counts(ctx.store)
    if args.json:
        dump_json({"triples": total, "classes": {local_name(c): n for c, n in counts.items()}}, ctx.out)
        return 0
    width = max((len(local_name(c)) for c in counts), default=10)
    ctx.out.write(f"{'triples' if ctx.lang == 'en' else 'トリプル数'}: {total}\n")
    for c, n in counts.items():
        ctx.out.write(f"  {local_name(c):<{width}}  {n:>6}\n")
    return 0
