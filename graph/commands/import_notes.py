"""``awskg import``: draft triples from your own notes, into your own folder.

    awskg import my-notes.md              # copy the notes, write a draft per section
    awskg import my-notes.md --json       # what was drafted, machine-readable
    awskg import my-notes.md --dry-run    # show the drafts, write nothing
    awskg import my-notes.md --replace    # re-import sections imported before
    awskg import --list                   # the sections you imported
    awskg import --drop 21                # remove an imported section's triples

Drafts are read by every command on top of the shipped data, with a "draft — from
your notes, not reviewed" badge; review and accept them on the app's Import page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rdflib import URIRef

from graph.draft.save import MAX_BYTES, drop_section, import_notes, imported_sections, notes_text
from graph.errors import UsageError
from graph.reason.badges import Badge, badge_text
from graph.store.userdata import user_data_dir

from ._common import dump_json
from .fit import MARK


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="draft triples from your own notes (Markdown with '## N.' sections)",
                       description="Read a notes file written like data/notes/ ('## N.' sections, options as "
                                   "bullets, reasons nested under them), copy it into your user folder "
                                   "($AWSKG_USER_DATA or the platform's user data folder) and write a draft "
                                   "Turtle file per section there. Nothing under the shipped data is written.")
    p.add_argument("file", nargs="?", type=Path, help="the notes file ('-' reads standard input)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--dry-run", action="store_true", help="draft and show, write nothing")
    p.add_argument("--replace", action="store_true", help="replace sections imported before")
    p.add_argument("--list", action="store_true", help="list the imported sections")
    p.add_argument("--drop", type=int, metavar="N", help="remove imported section N's triples")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    if args.list:
        rows = sorted(imported_sections().items())
        if args.json:
            dump_json([{"number": n, "file": str(p)} for n, p in rows], ctx.out)
        else:
            ctx.out.write("".join(f"  §{n}  {p}\n" for n, p in rows) or f"no imported notes in {user_data_dir()}\n")
        return 0
    if args.drop is not None:
        if args.drop not in imported_sections():
            raise UsageError(f"section {args.drop} was not imported (see 'awskg import --list')")
        drop_section(args.drop)
        ctx.out.write(f"dropped the triples of §{args.drop} (its text stays in the imported notes file)\n")
        return 0
    if args.file is None:
        raise UsageError("give a notes file to import (or --list)")
    text = None
    if str(args.file) == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1) if sys.stdin is not None and not sys.stdin.closed else b""
        if len(raw) > MAX_BYTES:
            raise UsageError(f"standard input is over {MAX_BYTES // 1_000_000} MB; notes that large are refused")
        text = notes_text(raw, "standard input")
        args.file = Path("stdin-notes.md")
    result = import_notes(ctx.store, args.file, replace=args.replace, dry_run=args.dry_run,
                          data_dir=ctx.data, text=text)
    if args.json:
        dump_json(result.to_json(), ctx.out)
        return 0
    ctx.out.write(render(result, ctx.lang, args.dry_run))
    return 0


def render(result, lang: str, dry_run: bool) -> str:
    """The drafts as text: per section its options, verdicts, what they name, and the warnings."""
    out = []
    for d in result.drafts:
        out.append(f"§{d.number}  lines {d.start_line}–{d.end_line}  [{badge_text(Badge('draft', URIRef('')), lang)}]")
        if d.context:
            out.append(f"  {d.context}")
        reqs = ", ".join(r["label"][lang] or r["label"]["en"] for r in d.requirements)
        out.append(f"  requirements: {reqs or '—'}")
        if d.suggestions:
            out.append(f"  new requirement?: {', '.join(d.suggestions)}")
        for k, o in enumerate(d.options, 1):
            mark = MARK.get(o.verdict, "?")
            names = ", ".join(e["label"][lang] or e["label"]["en"] for e in o.mentions.entities)
            sets = ", ".join(f"{s['parameter']}={s['value']}" for s in o.mentions.settings)
            out.append(f"  {mark} {k}. {o.text}")
            out.append(f"       {o.verdict} ({o.basis}); names: {names or '—'}" + (f"; sets: {sets}" if sets else ""))
        for x in d.definitions:
            out.append(f"  definition: {x['term']}")
        if d.steps:
            out.append(f"  steps: {len(d.steps)}")
        for w in d.warnings:
            out.append(f"  ! {w}")
        out.append("")
    if dry_run:
        out.append("dry run: nothing written")
    else:
        out.append(f"wrote {len(result.written)} file(s) to {result.folder}")
    return "\n".join(out) + "\n"
