#!/usr/bin/env python3
"""Regenerate the README screenshots (docs/screenshots/*.png) from a real browser run.

Starts ``streamlit run app.py`` on a free 127.0.0.1 port (or uses ``--url``), opens
each page in Debian's Chromium at 1100×800, waits until the script has finished
and any graph has settled, and writes small palette PNGs.

    python scripts/screenshots.py                 # all pages
    python scripts/screenshots.py --only explore  # one page, both languages

Needs /usr/bin/chromium and a Japanese font (Debian: fonts-ipafont-gothic or
fonts-noto-cjk) for the Japanese shots.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SIZE = {"width": 1100, "height": 800}
#: Pages shown wider: Compare at the 1400 px the issue asks its tables to read well at.
WIDE = {"compare": {"width": 1400, "height": 900}}
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"

NIGHTLY = {
    "en": "The model is invoked once every night, must finish within a minute, at the lowest cost",
    "ja": "毎晩1回だけ推論を実行し、1分以内に完了させ、コストを最小にしたい",
}
EXAMPLE_QUERY = (ROOT / "graph" / "ui" / "examples" / "01_capabilities.rq")

#: (file stem, URL path and query, languages); the drill shot answers its question first.
SHOTS = [
    ("map", "/", ("en", "ja")),
    # As after a click on Amazon SageMaker in Serverless Inference's graph (focus moved, drawing kept).
    ("explore", "/explore?entity=kb:sagemaker&root=kb:serverless-inference", ("en", "ja")),
    # Suggestions while typing a misspelt name.
    ("search", "/explore", ("en",)),
    ("fit", "/fit?q={nightly}", ("en", "ja")),
    ("compare", "/compare", ("en", "ja")),
    ("drill", "/drill?scenario=13&seed=7", ("en",)),
    ("study", "/study", ("ja",)),
    ("sparql", "/sparql?q={query}", ("en",)),
    ("sources", "/sources?section=13", ("ja",)),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> tuple[str, subprocess.Popen]:
    """The app on the shipped data, on a free loopback port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWSKG_")}
    # An empty learner's folder: the shots show the shipped data, not your imports or progress.
    env["AWSKG_USER_DATA"] = tempfile.mkdtemp(prefix="awskg-shots-")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return url, proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("the app did not start")


def small_png(png: bytes) -> bytes:
    """A 256-colour, optimised PNG (screenshots of flat UI lose nothing visible)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True)
    return out.getvalue()


def shoot(base: str, only: set[str] | None) -> list[Path]:
    """Take every screenshot; returns the files written."""
    from playwright.sync_api import sync_playwright

    query = EXAMPLE_QUERY.read_text(encoding="utf-8")
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for stem, path, langs in SHOTS:
            if only and stem not in only:
                continue
            for lang in langs:
                context = browser.new_context(viewport=WIDE.get(stem, SIZE), device_scale_factor=1)
                context.route(lambda u: not u.startswith(("http://127.0.0.1", "ws://127.0.0.1",
                                                           "data:", "blob:", "about:")),
                              lambda route: route.abort())
                page = context.new_page()
                target = path.format(nightly=quote(NIGHTLY[lang]), query=quote(query))
                sep = "&" if "?" in target else "?"
                page.goto(f"{base}{target}{sep}lang={lang}")
                page.wait_for_selector("[data-testid='stMainBlockContainer'] h2", timeout=60_000)
                page.wait_for_selector(IDLE, timeout=60_000)
                if stem == "drill":
                    choice = page.locator(".st-key-drill_choice")
                    choice.get_by_text("Serverless endpoint with MaxConcurrency").click()
                    check = page.locator(".st-key-drill_check button")
                    page.wait_for_function("b => !b.disabled", arg=check.element_handle())
                    page.wait_for_selector(IDLE)  # a click during the radio's rerun can be lost
                    check.click()
                    page.wait_for_selector(".st-key-drill_graph_box", timeout=30_000)
                    # Show the verdict, the explanation and the highlighted path.
                    page.locator("[data-testid='stAlert']").first.evaluate(
                        "e => e.scrollIntoView({block: 'start'})")
                    page.wait_for_selector(IDLE)
                if stem == "search":
                    box = page.locator(".st-key-explore_search_box input")
                    box.click()
                    box.type("monitr", delay=40)
                    page.locator(".st-key-explore_search_box .awskg-search[data-for='monitr']").wait_for(
                        state="attached", timeout=30_000)
                    page.wait_for_selector(IDLE)
                # the clickable graphs (custom component)
                for box in ("graph_view", "home_map", "fit_graph", "drill_graph"):
                    if page.locator(f".st-key-{box}_box").count():
                        page.wait_for_function(
                            "(k) => window.awskgDrawn && window.awskgRev"
                            " && window.awskgDrawn[k] === window.awskgRev[k]", arg=box,
                            timeout=60_000)
                page.wait_for_timeout(600)
                file = OUT / f"{stem}-{lang}.png"
                file.write_bytes(small_png(page.screenshot()))
                written.append(file)
                context.close()
        browser.close()
    return written


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="use an app already running at this URL")
    ap.add_argument("--only", action="append", help="page stem (repeatable)")
    args = ap.parse_args()
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"needs Chromium at {CHROMIUM} (apt-get install -y chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    proc = None
    base = args.url
    if not base:
        base, proc = start_server()
    try:
        for f in shoot(base.rstrip("/"), set(args.only or [])):
            print(f"{f.relative_to(ROOT)}  {f.stat().st_size / 1024:.0f} KiB")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
