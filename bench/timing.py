"""Repeat a call and print its median with min–max (shared by the bench_* scripts)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    """Seconds taken by each of ``runs`` calls of ``fn``."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def fmt(samples: list[float], digits: int = 2) -> str:
    """``median X ms (min, max, n)`` for samples in seconds."""
    ms = [s * 1000 for s in samples]
    return (f"median {statistics.median(ms):8.{digits}f} ms   "
            f"(min {min(ms):.{digits}f}, max {max(ms):.{digits}f}, n={len(ms)})")
