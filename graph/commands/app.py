"""``awskg app``: start the Streamlit app (same as ``streamlit run app.py``)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="start the Streamlit app on 127.0.0.1")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=_port, default=8501, help="port on 127.0.0.1 (1–65535, default 8501)")
    p.set_defaults(run=run)


def _port(text: str) -> int:
    """A TCP port number, or a clear error (argparse turns ValueError into one line).

    >>> _port("8501")
    8501
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text[:20]!r}") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 1 and 65535, not {value}")
    return value


def app_script() -> Path:
    """The app's entry script: the repo's app.py in a checkout, else the packaged one."""
    checkout = Path(__file__).resolve().parents[2] / "app.py"
    return checkout if checkout.is_file() else Path(__file__).resolve().parents[1] / "ui" / "app.py"


def run(args: argparse.Namespace, ctx) -> int:
    env = dict(os.environ)
    if ctx.data:
        env["AWSKG_DATA"] = str(ctx.data)
    env["AWSKG_STORE"] = ctx.store_kind
    if ctx.endpoint:
        env["AWSKG_ENDPOINT"] = ctx.endpoint
    if ctx.location:
        env["AWSKG_LOCATION"] = str(ctx.location)
    cmd = [sys.executable, "-m", "streamlit", "run", str(app_script()),
           "--server.address", args.host, "--server.port", str(args.port),
           "--browser.gatherUsageStats", "false", "--runner.magicEnabled", "false",
           "--runner.postScriptGC", "false"]
    return subprocess.call(cmd, env=env)
