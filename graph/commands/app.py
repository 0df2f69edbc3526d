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
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(run=run)


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
           "--browser.gatherUsageStats", "false"]
    return subprocess.call(cmd, env=env)
