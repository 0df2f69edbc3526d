"""``awskg export``: the whole graph as Turtle, N-Triples, JSON-LD or GraphML."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from graph.errors import UsageError
from graph.ops.export import FORMATS, export_text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="the whole graph in a standard format")
    p.add_argument("--format", choices=list(FORMATS), default="turtle")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    text = export_text(ctx.store, args.format)
    if not args.output:
        ctx.out.write(text)
        return 0
    target = args.output.resolve()
    data_dir = getattr(ctx.store, "data_dir", None)
    if data_dir is not None and Path(data_dir).resolve() in target.parents:
        raise UsageError(f"refusing to write inside the data directory {data_dir}: choose another -o")
    if target.is_dir():
        raise UsageError(f"{target} is a directory")
    # Write beside the target and rename, so an interrupted export never leaves half a file.
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as err:
        raise UsageError(f"cannot write {target}: {err}") from None
    return 0
