"""Time loading the shipped KB in-process and ``awskg stats`` end to end.

    python bench/bench_load.py [--runs 7]

Prints medians with min–max. Timings on a shared 2-core machine are noisy:
compare the numbers printed in one run, not across machines.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import fmt, timed  # noqa: E402  (bench/ is the script's folder)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    from graph.lexicon.read import lexicon
    from graph.store import load_store

    load_store()  # warm imports and the OS file cache
    loads = timed(lambda: load_store(), args.runs)
    kb = load_store()
    print(f"shipped KB: {kb.count()} triples")
    print(f"load (parse ontology + data + notes)   {fmt(loads, 1)}")
    print(f"lexicon (one query, all names)         {fmt(timed(lambda: lexicon(load_store()), args.runs), 1)}")
    cli = timed(lambda: subprocess.run([sys.executable, "-m", "graph", "stats"], cwd=ROOT, check=True,
                                       capture_output=True), args.runs)
    print(f"awskg stats, end to end (new process)  {fmt(cli, 1)}")
    py = timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    print(f"  of which bare Python start-up        {fmt(py, 1)}")


if __name__ == "__main__":
    main()
