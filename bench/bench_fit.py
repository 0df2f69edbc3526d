"""Time ``fit`` in-process on the shipped KB, and ``awskg fit`` end to end.

    python bench/bench_fit.py [--runs 50] [--cli-runs 5]

In-process: the catalogue is read once per store (first call, reported apart);
each later call matches the text in Python and sends one VALUES query.
Target: in-process median under 10 ms. Prints medians with min–max.
Timings on a shared machine are noisy: compare numbers from one run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import fmt, timed  # noqa: E402  (bench/ is the script's folder)

QUERIES = [
    "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい",
    "nightly inference, under a minute, cheapest",
    "EMR で大規模なバッチ処理を安く回したいが、HDFS のデータは失いたくない",
    "monitor bias drift of a model deployed to an endpoint",
    "serverles inferance for rarely used model, low cost",
    "what's the weather in Tokyo tomorrow",
]





def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=50, help="in-process calls per query")
    ap.add_argument("--cli-runs", type=int, default=5, help="end-to-end CLI runs")
    args = ap.parse_args()

    from graph.reason.fit import fit
    from graph.store import load_store

    kb = load_store()
    first = timed(lambda: fit(kb, QUERIES[0]), 1)
    print(f"shipped KB: {kb.count()} triples")
    print(f"first fit on a new store (reads the catalogue)  {fmt(first)}")
    everything = []
    for q in QUERIES:
        samples = timed(lambda q=q: fit(kb, q), args.runs)
        everything += samples
        print(f"  {q[:44]:44}  {fmt(samples)}")
    print(f"fit in-process, all queries                     {fmt(everything)}")
    long = "nightly inference, cheapest, under a minute. " * 2500
    print(f"fit in-process, 110 KB of text (cut at 10k)     {fmt(timed(lambda: fit(kb, long), 10))}")
    cmd = [sys.executable, "-m", "graph", "fit", QUERIES[0], "--json"]
    cli = timed(lambda: subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True), args.cli_runs)
    print(f"awskg fit --json, end to end (new process)      {fmt(cli)}")
    py = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.cli_runs)
    print(f"  of which bare Python start-up                 {fmt(py)}")


if __name__ == "__main__":
    main()
