"""The clickable graph, timed in headless Chromium against a real ``streamlit run app.py``.

    python bench/browser_click.py [--runs 7] [--location bench/out/ox-1000000]

Starts the app on a free 127.0.0.1 port (the shipped KB, or the persistent store at
``--location``), then measures, each ``--runs`` times (medians, min–max, in ms):

* **deep link → graph drawn**: a new browser context (a new session, an empty HTTP cache)
  opens ``/explore?entity=kb:serverless-inference`` until the graph component has drawn its
  data (``window.awskgDrawn`` equals the revision Python sent); the first, cold run is
  reported apart; then the same link in a new tab of one context (the app's files cached);
* **Streamlit's floor**: the same two ways of opening a page, on a second server running a
  two-line Streamlit script (a heading and a sentence), until its heading shows and the run
  has ended: what any Streamlit page costs on this machine, measured in the same run, so the
  deep link is also given as a ratio of it;
* **in-app link → graph drawn**: on the Map (a fresh load each time), the "Explore Serverless
  Inference" starting point is clicked until Explore's graph has drawn (no page load: the
  session and Streamlit's frontend are already there);
* **click → view changed**: a click on a node (Amazon SageMaker, then Serverless Inference,
  alternately) until the details panel names it *and* the graph has drawn the new focus;
* **filter → view changed**: hops 1 → 2 → 1 until the graph has drawn the new data;
* **Fit query → first answer**: on the Fit page, a new question typed and sent
  (Ctrl+Enter) until the first answer card names the expected option.

Every request the pages make is checked to stay on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
KB = "https://w3id.org/awskg/id/"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
DRAWN = ("(k) => window.awskgNetworks && window.awskgNetworks[k] && window.awskgDrawn"
         " && window.awskgDrawn[k] === window.awskgRev[k]")
QUESTIONS = [("The model is invoked once every night, must finish within a minute, at the lowest cost",
              "Serverless"),
             ("monitor bias drift of a deployed model", "bias drift")]


FLOOR_APP = 'import streamlit as st\n\nst.title("Hello")\nst.write("A two-line page.")\n'


def start(location: str | None, log: Path, script: Path | None = None) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWSKG_")}
    env["AWSKG_USER_DATA"] = str(log.parent / "user")
    if location:
        env["AWSKG_LOCATION"] = location
    cmd = [sys.executable, "-m", "streamlit", "run", str(script or "app.py"), "--server.address", "127.0.0.1",
           "--server.port", str(port), "--server.headless", "true",
           "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=script.parent if script else ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=1) as r:
                if r.read().strip() == b"ok":
                    return proc, url
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"streamlit did not start:\n{log.read_text()}")


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def _point(page, node: str, key: str = "graph_view") -> tuple[float, float]:
    p = page.evaluate("([k, id]) => { const n = window.awskgNetworks[k];"
                      " return n.canvasToDOM(n.getPositions([id])[id]); }", [key, node])
    box = page.locator(f".st-key-{key}_box canvas").first.bounding_box()
    return box["x"] + p["x"], box["y"] + p["y"]


VIEW = {"width": 1200, "height": 850}


def _opened(page, url: str, wait) -> float:
    """Milliseconds from ``page.goto(url)`` until ``wait(page)`` returns."""
    t0 = time.perf_counter()
    page.goto(url)
    wait(page)
    return _ms(t0)


def _drawn(page) -> None:
    page.wait_for_function(DRAWN, arg="graph_view", timeout=120_000)


def floor(url: str, runs: int) -> dict[str, list[float]]:
    """A two-line Streamlit page opened in a new context and in a new tab (files cached)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"fresh": [], "cached": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        keep = browser.new_context(viewport=VIEW)
        for i in range(runs + 1):
            for kind in ("fresh", "cached"):
                ctx = browser.new_context(viewport=VIEW) if kind == "fresh" else keep
                page = ctx.new_page()
                ms = _opened(page, url, lambda pg: pg.wait_for_selector(IDLE + " h1", timeout=120_000))
                if i:  # the first of each warms the server (and, for "cached", the cache)
                    out[kind].append(ms)
                (ctx.close if kind == "fresh" else page.close)()
        browser.close()
    return out


def run(url: str, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"cold": [], "deep": [], "tab": [], "link": [], "click": [],
                                   "filter": [], "fit": []}
    external: list[str] = []
    link = f"{url}/explore?entity=kb:serverless-inference&lang=en"

    def recorded(ctx):
        # Requests are recorded, not routed: Playwright's routing turns off the HTTP cache
        # and adds a round trip per request (the tests abort anything off 127.0.0.1).
        ctx.on("request", lambda r: external.append(r.url) if not r.url.startswith(LOCAL) else 0)
        return ctx

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for i in range(runs + 1):  # deep links, each in a new context (a new session)
            ctx = recorded(browser.new_context(viewport=VIEW))
            page = ctx.new_page()
            out["cold" if i == 0 else "deep"].append(_opened(page, link, _drawn))
            if i < runs:
                ctx.close()
        keep = recorded(browser.new_context(viewport=VIEW))
        for i in range(runs + 1):  # the same link in new tabs of one context: files cached
            tab = keep.new_page()
            ms = _opened(tab, link, _drawn)
            if i:  # the first fills the cache
                out["tab"].append(ms)
            tab.close()
        keep.close()
        page.wait_for_selector(IDLE)
        names = [(KB + "sagemaker", "Amazon SageMaker"), (KB + "serverless-inference", "Serverless Inference")]
        for i in range(runs):
            node, name = names[i % 2]
            rev = page.evaluate("() => window.awskgRev.graph_view")
            x, y = _point(page, node)
            t0 = time.perf_counter()
            page.mouse.click(x, y)
            page.wait_for_function(
                "([name, rev]) => { const h = document.querySelector('.st-key-details h3');"
                " return h && h.innerText.includes(name) && window.awskgRev.graph_view !== rev"
                " && window.awskgDrawn.graph_view === window.awskgRev.graph_view; }",
                arg=[name, rev], timeout=60_000)
            out["click"].append(_ms(t0))
            page.wait_for_selector(IDLE)
        for i in range(runs):
            rev = page.evaluate("() => window.awskgRev.graph_view")
            radio = page.locator("[data-testid='stRadio']").filter(has_text="Hops")
            t0 = time.perf_counter()
            radio.get_by_text("2" if i % 2 == 0 else "1", exact=True).click()
            page.wait_for_function(
                "(rev) => window.awskgRev.graph_view !== rev"
                " && window.awskgDrawn.graph_view === window.awskgRev.graph_view",
                arg=rev, timeout=60_000)
            out["filter"].append(_ms(t0))
            page.wait_for_selector(IDLE)
        for _ in range(runs):
            page.goto(f"{url}/?lang=en")
            page.wait_for_selector(IDLE)
            start = page.locator(".st-key-home_starts a").filter(has_text="Serverless Inference")
            t0 = time.perf_counter()
            start.click()
            _drawn(page)
            out["link"].append(_ms(t0))
            page.wait_for_selector(IDLE)
        page.goto(f"{url}/fit?lang=en")
        page.wait_for_selector(IDLE)
        box = page.locator(".st-key-fit_q textarea")
        for i in range(runs + 1):
            question, expected = QUESTIONS[i % 2]
            box.fill(question)
            t0 = time.perf_counter()
            box.press("Control+Enter")
            page.wait_for_function(
                "(word) => { const c = document.querySelector('.st-key-fit_card_0');"
                " return c && c.innerText.slice(0, 200).includes(word); }", arg=expected,
                timeout=60_000)
            if i:  # the first query of the page warms the caches: not counted
                out["fit"].append(_ms(t0))
            page.wait_for_selector(IDLE)
        browser.close()
    if external:
        raise SystemExit(f"requests left 127.0.0.1: {external}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--location", help="a persistent (Oxigraph) store, e.g. bench/out/ox-1000000")
    ap.add_argument("--url", help="time an app already running there (started with that store)")
    args = ap.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"needs Chromium at {CHROMIUM}")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "floor" / "floor.py"
        script.parent.mkdir()
        script.write_text(FLOOR_APP)
        proc, url = start(None, Path(tmp) / "floor.log", script)
        try:
            base = floor(url, args.runs)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        if args.url:
            res = run(args.url.rstrip("/"), args.runs)
        else:
            proc, url = start(args.location, Path(tmp) / "streamlit.log")
            try:
                res = run(url, args.runs)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    store = args.location or "shipped KB (memory store)"
    print(f"{store}, {time.strftime('%Y-%m-%d')}, medians of {args.runs} (min–max), ms")
    print("| what | ms |\n|---|---|")
    print(f"| deep link → graph drawn (first, cold) | {_fmt(res['cold'])} |")
    fresh, cached = statistics.median(base["fresh"]), statistics.median(base["cached"])
    print(f"| Streamlit's floor: a two-line page, new context | {_fmt(base['fresh'])} |")
    print(f"| Streamlit's floor: a two-line page, new tab (files cached) | {_fmt(base['cached'])} |")
    print(f"| deep link → graph drawn (new context, warm server) | {_fmt(res['deep'])},"
          f" {statistics.median(res['deep']) / fresh:.2f}× the floor |")
    print(f"| deep link → graph drawn (new tab, files cached) | {_fmt(res['tab'])},"
          f" {statistics.median(res['tab']) / cached:.2f}× the floor |")
    print(f"| in-app link (the Map's starting point) → graph drawn | {_fmt(res['link'])} |")
    print(f"| click on a node → details and graph changed | {_fmt(res['click'])} |")
    print(f"| filter (hops 1 ↔ 2) → graph changed | {_fmt(res['filter'])} |")
    print(f"| Fit query → first answer shows | {_fmt(res['fit'])} |")


if __name__ == "__main__":
    main()
