"""``awskg sparql``: read-only SPARQL with a row cap and a time limit."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from graph.errors import UsageError
from graph.store import SparqlResult

from ._common import dump_json, term_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sparql",
        help="read-only SPARQL (SELECT/ASK/CONSTRUCT/DESCRIBE; no SERVICE, LOAD or updates)",
    )
    p.add_argument("query", nargs="?", help="the query text (or use -f FILE, or - for stdin)")
    p.add_argument("-f", "--file", type=Path, help="read the query from a file")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="SELECT output (CONSTRUCT/DESCRIBE print Turtle, or JSON-LD with json)")
    p.add_argument("--limit", type=int, default=1000, help="row cap (default 1000, at most 100000)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before giving up (default 10)")
    p.set_defaults(run=run)


def _read(args: argparse.Namespace) -> str:
    if args.file and args.query:
        raise UsageError("give the query as text or with -f FILE, not both")
    if args.file:
        try:
            return args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise UsageError(f"cannot read {args.file}: {err}") from None
    if args.query == "-":
        return sys.stdin.read()
    if not args.query:
        raise UsageError("a query is required (text, -f FILE, or - for stdin)")
    return args.query


def run(args: argparse.Namespace, ctx) -> int:
    text = _read(args)
    limit = max(1, min(args.limit, 100_000))
    timeout = max(0.1, min(args.timeout, 300.0))
    result = ctx.store.sparql(text, limit=limit, timeout=timeout)
    write(result, args.format, ctx.out)
    if result.truncated:
        print(f"awskg: note: output cut at {limit} rows (use --limit)", file=sys.stderr)
    return 0


def write(result: SparqlResult, fmt: str, out) -> None:
    """Print a console result as a table, CSV or JSON."""
    if result.form == "ASK":
        if fmt == "json":
            dump_json({"head": {}, "boolean": result.boolean}, out)
        else:
            out.write(("true" if result.boolean else "false") + "\n")
        return
    if result.graph is not None:
        out.write(result.graph.serialize(format="json-ld" if fmt == "json" else "turtle"))
        return
    if fmt == "json":
        dump_json({"head": {"vars": result.variables},
                   "results": {"bindings": [{k: term_json(v) for k, v in r.items() if v is not None}
                                            for r in result.rows]}}, out)
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(result.variables)
        for r in result.rows:
            w.writerow(["" if r.get(v) is None else str(r[v]) for v in result.variables])
    else:
        import pandas as pd

        frame = pd.DataFrame([{v: "" if r.get(v) is None else str(r[v]) for v in result.variables}
                              for r in result.rows], columns=result.variables)
        out.write(frame.to_string(index=False, max_colwidth=80) + "\n")
        out.write(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})\n")
