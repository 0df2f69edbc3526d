"""``awskg path A B``: the shortest explained path between two entities."""

from __future__ import annotations

import argparse

from graph.reason.resolve import resolve
from graph.views import shortest_path

from ._common import dump_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("path", help="shortest path between two entities, each hop in words")
    p.add_argument("source", help="label (ja/en), kb:slug or IRI")
    p.add_argument("target", help="label (ja/en), kb:slug or IRI")
    p.add_argument("--max-hops", type=int, default=6, help="give up beyond this many hops (default 6)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    a, b = resolve(ctx.store, args.source), resolve(ctx.store, args.target)
    view = shortest_path(ctx.store, a, b, max_hops=max(1, min(args.max_hops, 10)))
    if args.json:
        dump_json({
            "nodes": [{"iri": n, "label": {"en": view.G.nodes[n]["label_en"], "ja": view.G.nodes[n]["label_ja"]}}
                      for n in view.nodes],
            "hops": [{"from": f, "predicate": p, "to": t, "direction": d} for f, p, t, d in view.hops],
        }, ctx.out)
        return 0
    lines = view.describe(ctx.lang)
    head = f"{len(view.hops)} hop(s)" if ctx.lang == "en" else f"{len(view.hops)} ホップ"
    ctx.out.write(head + "\n" + "\n".join(f"  {line}" for line in lines) + "\n")
    return 0
