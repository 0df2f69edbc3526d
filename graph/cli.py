"""``awskg``: the command line. Each sub-command lives in ``graph/commands/<name>.py``.

A command module has ``add_parser(subparsers)`` and ``run(args, ctx) -> int``.
Errors a user can act on (:class:`graph.errors.KGError`) become one line on
stderr and an exit code (2 for bad input, 1 for bad data or a failing store);
nothing is ever printed as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from graph.errors import KGError, UsageError

__all__ = ["main", "Context", "COMMANDS"]

#: Command names that are Python keywords live in a module with another name.
MODULES = {"import": "import_notes"}

#: Sub-commands in the order ``awskg --help`` lists them.
COMMANDS = [
    "fit",
    "answer",
    "drill",
    "review",
    "practice",
    "progress",
    "compare",
    "show",
    "path",
    "sparql",
    "validate",
    "stats",
    "export",
    "import",
    "load",
    "app",
]


@dataclass
class Context:
    """What every command gets: options and a lazily opened store."""

    data: Path | None = None
    store_kind: str = "memory"
    endpoint: str | None = None
    location: Path | None = None
    lang: str = "en"
    out: TextIO = field(default_factory=lambda: sys.stdout)
    _store: Any = None

    @property
    def store(self) -> Any:
        """The store, opened on first use."""
        if self._store is None:
            from graph.store import load_store

            self._store = load_store(
                self.data, kind=self.store_kind, endpoint=self.endpoint, location=self.location
            )
        return self._store


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (global options + every sub-command)."""
    p = _Parser(
        prog="awskg",
        description="Knowledge-graph explorer for AWS ML services (ja/en, every statement sourced).",
    )
    p.add_argument(
        "--data",
        type=Path,
        default=os.environ.get("AWSKG_DATA") or None,
        help="data directory with kb/*.ttl and notes/*.md (default: the shipped data; env AWSKG_DATA)",
    )
    p.add_argument("--store", choices=["memory", "oxigraph", "sparql"], default=None,
                   help="backend (default: memory, or sparql when --endpoint is given)")
    p.add_argument("--endpoint", default=os.environ.get("AWSKG_ENDPOINT") or None,
                   help="SPARQL 1.1 query endpoint URL (env AWSKG_ENDPOINT)")
    p.add_argument("--location", type=Path, default=os.environ.get("AWSKG_LOCATION") or None,
                   help="directory of a persistent Oxigraph store (env AWSKG_LOCATION)")
    p.add_argument("--lang", choices=["ja", "en"], default=os.environ.get("AWSKG_LANG") or "en",
                   help="language of labels and text (default: en)")
    p.add_argument("--no-user-data", action="store_true",
                   help="read the shipped data only, not the notes you imported (env AWSKG_NO_USER_DATA=1)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        module = importlib.import_module(f"graph.commands.{MODULES.get(name, name)}")
        module.add_parser(sub)
    return p


#: C0/C1 control characters and ANSI escape sequences: data (a label, a note) must not drive the terminal.
_CONTROL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class TerminalText:
    r"""A text stream that drops control characters and escape sequences before they reach a terminal.

    >>> import io
    >>> out = io.StringIO()
    >>> _ = TerminalText(out).write("a\x1b[31mred\x1b[0m\x07 label\n")
    >>> out.getvalue()
    'ared label\n'
    """

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        """Write ``text`` without its control characters (tabs and newlines stay)."""
        return self.raw.write(_CONTROL.sub("", text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def _check_env() -> None:
    lang = os.environ.get("AWSKG_LANG")
    if lang and lang not in ("ja", "en"):
        raise UsageError(f"AWSKG_LANG must be ja or en, not {lang[:20]!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``awskg`` and ``python -m graph``."""
    # rdflib logs a warning per odd IRI it is handed; the user gets one clear error line instead
    logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        _check_env()
        parser = build_parser()
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return 2
        if args.no_user_data:
            os.environ["AWSKG_NO_USER_DATA"] = "1"
        kind = args.store or ("sparql" if args.endpoint and not args.location else
                              "oxigraph" if args.location else "memory")
        # A terminal gets text without control characters; files and pipes get the bytes as they are
        out = TerminalText(sys.stdout) if sys.stdout is not None and sys.stdout.isatty() else sys.stdout
        ctx = Context(args.data, kind, args.endpoint, args.location, args.lang, out)  # type: ignore[arg-type]
        return int(args.run(args, ctx) or 0)
    except UnicodeError as err:
        print(f"awskg: error: the input is not valid UTF-8 text ({type(err).__name__})", file=sys.stderr)
        return 2
    except KGError as err:
        print(f"awskg: error: {err}", file=sys.stderr)
        for s in getattr(err, "suggestions", [])[:8]:
            print(f"  did you mean: {s}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("awskg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
