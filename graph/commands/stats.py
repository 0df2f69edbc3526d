"""``awskg stats``: placeholder until the command lands."""

from __future__ import annotations

import argparse

from ..errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="(not yet available)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    raise UsageError("'awskg stats' is not available yet")
