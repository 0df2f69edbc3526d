"""How many nodes can a view hold? Time awskg's graph pages in headless Chromium.

    python bench/browser.py [--sizes 50 100 150 200 300 500 1000] [--runs 3]

Builds real ego views of increasing size from the 100k-triple benchmark store
(``bench/out/ox-100000``, made by ``bench/run.py``; two hops around the busiest
synthetic requirement), renders them with :func:`graph.views.html.to_html` exactly as the
app does, opens each page in a fresh headless Chromium (``/usr/bin/chromium``,
software rendering, the same flags as the browser tests) and reads two moments
from the page itself: ``data-drawn`` (the first frame with the graph) and
``data-settled`` (stabilisation done, physics switched off; the page forces it at
8 s). Times are ms since navigation start, median (min–max). The cap is the
largest view that settles within about 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Record when the page marks itself drawn and settled (ms since navigation start).
PROBE = """
new MutationObserver(() => {
  const b = document.body; if (!b) return;
  window.__t = window.__t || {};
  if (b.dataset.drawn && !window.__t.drawn) window.__t.drawn = performance.now();
  if (b.dataset.settled && !window.__t.settled) window.__t.settled = performance.now();
}).observe(document, {attributes: true, subtree: true});
"""


def views(sizes: list[int]) -> dict[int, tuple[str, int, int]]:
    """size → (HTML, nodes, edges) of a real ego view capped at that size."""
    from graph.store import OxigraphStore
    from graph.views import ego_graph, to_html
    from ontology import KB

    loc = ROOT / "bench" / "out" / "ox-100000"
    if not loc.is_dir():
        raise SystemExit(f"{loc} is missing: run python bench/run.py --sizes 100000 --backends oxigraph first")
    store = OxigraphStore(loc)
    out = {}
    for n in sizes:
        view = ego_graph(store, KB["syn-req-0"], hops=2, max_nodes=n, per_node=n)
        html = to_html(view.G, lang="ja", focus=str(KB["syn-req-0"]), max_nodes=n)
        out[n] = (html, view.G.number_of_nodes(),
                  view.G.number_of_edges())
    return out


def measure(html: str, runs: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    drawn, settled = [], []
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "view.html"
        page_file.write_text(html, encoding="utf-8")
        with sync_playwright() as p:
            for _ in range(runs):
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1200, "height": 700})
                    page.add_init_script(PROBE)
                    page.goto(page_file.as_uri())
                    page.wait_for_selector("body[data-settled='1']", timeout=30_000)
                    t = page.evaluate("() => window.__t")
                    drawn.append(t.get("drawn", float("nan")))
                    settled.append(t.get("settled", float("nan")))
                finally:
                    browser.close()
    return drawn, settled


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[50, 100, 150, 200, 300, 500, 1000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not CHROMIUM.is_file():
        raise SystemExit(f"needs Chromium at {CHROMIUM}")
    print("| nodes | edges | HTML KiB | first draw, ms | settled, ms |")
    print("|---|---|---|---|---|")
    for n, (html, nodes, edges) in views(args.sizes).items():
        drawn, settled = measure(html, args.runs)
        print(f"| {nodes} | {edges} | {len(html) // 1024} | {_fmt(drawn)} | {_fmt(settled)} |", flush=True)


if __name__ == "__main__":
    main()
