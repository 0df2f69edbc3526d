"""``awskg compare GROUP|OPTION… [--format table|csv|markdown|json] [--diff-only]``, ``--list``."""

from __future__ import annotations

import argparse
import shutil

from graph.errors import UsageError

from ._common import dump_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "compare",
        help="comparison table of confusable options, generated from the graph",
        description="Compare a group (e.g. 'inference', '推論') or any options named by label "
                    "(ja/en) or IRI. Every cell carries its source; unknown cells show '—'.",
    )
    p.add_argument("names", nargs="*", metavar="GROUP|OPTION",
                   help="one group name, or one or more options (labels in ja/en, kb:slug or IRI)")
    p.add_argument("--list", action="store_true",
                   help="list the comparison groups and their members")
    p.add_argument("--format", choices=["table", "csv", "markdown", "json"], default="table",
                   help="output format (default: table)")
    p.add_argument("--diff-only", action="store_true",
                   help="keep only the dimensions whose values differ between the options")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    # Imported here: pandas costs ~0.4 s, which every other command should not pay.
    from graph.compare import compare_names, to_csv, to_json, to_markdown, to_text

    if args.list:
        if args.names:
            raise UsageError("--list takes no group or option names")
        return _list(args, ctx)
    table = compare_names(ctx.store, args.names, ctx.lang, args.diff_only)
    if args.format == "csv":
        ctx.out.write(to_csv(table))
    elif args.format == "markdown":
        ctx.out.write(to_markdown(table))
    elif args.format == "json":
        ctx.out.write(to_json(table))
    else:
        ctx.out.write(to_text(table, width=shutil.get_terminal_size((120, 24)).columns))
    return 0


def _list(args: argparse.Namespace, ctx) -> int:
    lang = ctx.lang
    from graph.compare import list_groups

    groups = list_groups(ctx.store, lang)
    if args.format == "json":
        dump_json([{
            "iri": str(g.iri), "notation": g.notation, "label": g.labels,
            "alt_labels": g.alt_labels,
            "members": [{"iri": str(m.iri), "label": m.labels} for m in g.members],
            "dimensions": [str(d) for d in g.dimensions],
        } for g in groups], ctx.out)
        return 0
    other = "en" if lang == "ja" else "ja"
    for g in groups:
        ctx.out.write(f"{g.notation:<14} {g.label(lang)} / {g.label(other)}\n")
        members = ", ".join(m.label(lang) for m in g.members)
        ctx.out.write(f"{'':<14} {'メンバー' if lang == 'ja' else 'members'}: {members}\n")
        ctx.out.write(f"{'':<14} {'観点' if lang == 'ja' else 'dimensions'}: {len(g.dimensions)}\n")
    return 0
