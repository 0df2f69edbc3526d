"""``awskg export``: the whole graph as Turtle, N-Triples, JSON-LD or GraphML; or the study cards
as an Anki deck (``--format anki -o awskg.apkg [--lang en|ja|both]``)."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from graph.errors import UsageError
from graph.ops.export import FORMATS, export_text
from graph.store.paths import default_data_dir


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="the whole graph in a standard format")
    p.add_argument("--format", choices=[*FORMATS, "anki"], default="turtle",
                   help="a graph format, or anki: the study cards as an Anki package (needs -o)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.add_argument("--lang", dest="anki_lang", choices=["en", "ja", "both"], default=None,
                   help="language of an Anki deck (default: both)")
    p.set_defaults(run=run)


def _protected(ctx) -> list[Path]:
    """Folders an export must never write into, whatever the store: any data folder the
    process reads (a later load would read the copy too) and a persistent store's directory."""
    dirs = [ctx.data, getattr(ctx, "location", None)]
    try:
        dirs.append(default_data_dir())
    except Exception:  # noqa: BLE001 - no shipped data in this install: nothing to protect there
        pass
    return [Path(d).resolve() for d in dirs if d]


def run(args: argparse.Namespace, ctx) -> int:
    target = args.output.resolve() if args.output else None
    if target is not None:
        for folder in _protected(ctx):
            if folder == target or folder in target.parents:
                raise UsageError(f"refusing to write inside the data directory {folder}: choose another -o")
        if target.is_dir():
            raise UsageError(f"{target} is a directory")
    if args.format == "anki":
        return _anki(args, ctx, target)
    if args.anki_lang is not None:
        raise UsageError("--lang after export is for --format anki; put a global --lang before the command")
    text = export_text(ctx.store, args.format)
    if target is None:
        ctx.out.write(text)
        return 0
    # Write beside the target and rename, so an interrupted export never leaves half a file.
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; an export is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as err:
        raise UsageError(f"cannot write {target}: {err}") from None
    return 0


def _anki(args: argparse.Namespace, ctx, target: Path | None) -> int:
    """Write the Anki package beside the target and rename it into place."""
    from graph.study.anki import build_package, write_apkg

    if target is None:
        raise UsageError("--format anki writes a binary package: give -o FILE.apkg")
    package = build_package(ctx.store, args.anki_lang or "both")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".apkg")
        os.close(fd)
        try:
            write_apkg(package, tmp)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as err:
        raise UsageError(f"cannot write {target}: {err.strerror or err}") from None
    return 0
