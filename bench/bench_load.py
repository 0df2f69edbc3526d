"""Time loading the shipped KB in-process and ``awskg stats`` end to end.

    python bench/bench_load.py [--runs 7]

Prints medians with min–max. Timings on a shared 2-core machine are noisy:
compare the numbers printed in one run, not across machines.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def fmt(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"median {statistics.median(ms):8.1f} ms   (min {min(ms):.1f}, max {max(ms):.1f}, n={len(ms)})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from graph.resolve import lexicon
    from graph.store import load_store

    load_store()  # warm imports and the OS file cache
    loads = timed(lambda: load_store(), args.runs)
    kb = load_store()
    print(f"shipped KB: {kb.count()} triples")
    print(f"load (parse ontology + data + notes)   {fmt(loads)}")
    print(f"lexicon (one query, all names)         {fmt(timed(lambda: lexicon(load_store()), args.runs))}")
    cli = timed(lambda: subprocess.run([sys.executable, "-m", "graph", "stats"], cwd=ROOT, check=True,
                                       capture_output=True), args.runs)
    print(f"awskg stats, end to end (new process)  {fmt(cli)}")
    py = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    print(f"  of which bare Python start-up        {fmt(py)}")


if __name__ == "__main__":
    main()
