"""``awskg validate``: parse, SHACL-validate and run every ``*-violation.rq``; exit 1 on any problem."""

from __future__ import annotations

import argparse
import sys

from graph.ops.validate import validate_dir, validate_store


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check syntax, SHACL shapes and the checks in ontology/checks")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    report = validate_dir(ctx.data) if ctx.store_kind == "memory" else validate_store(ctx.store)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for problem in report.warnings:
        print(f"warning (draft, not reviewed): {problem}", file=sys.stderr)
    if report.ok:
        drafts = f", {len(report.warnings)} warning(s) on drafts" if report.warnings else ""
        ctx.out.write(f"ok: {report.files} files, {report.triples} triples, shapes conform, "
                      f"{report.checks} checks pass{drafts}\n")
        return 0
    ctx.out.write(f"{len(report.problems)} problem(s)\n")
    return 1
