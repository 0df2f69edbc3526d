"""Benchmark awskg's stores and bounded views against the plain rdflib → NetworkX → pyvis way.

    python bench/run.py --sizes 10000 100000            # about 2 minutes on 2 cores
    python bench/run.py --sizes 1000000 --limit 150     # 1M triples (about 8 minutes)
    python bench/run.py --sizes 10000 --backends oxigraph --runs 5 --json bench/out/results.json
    python bench/run.py --sizes 0 --backends memory       # the shipped KB alone

Each size is a synthetic graph from ``bench/synth.py`` loaded next to the shipped KB
(``bench/out/data-<N>/``), so the named queries run on real inputs inside a big graph.
Every measurement runs in a fresh Python process (one per run), so "first" numbers
include opening the store and filling every per-store cache (imports are outside the
clock, on both sides), and the peak memory (``ru_maxrss``) belongs to that work alone. A process that passes ``--limit``
seconds is killed by its PID and reported as a timeout.

Measured per size and backend (memory = rdflib on the Oxigraph store, loaded from
files at start; oxigraph = persistent directory, opened; sparql = ``oxigraph serve``
over HTTP, loaded through the Graph Store protocol):

* load: files → ready store (memory: parse; oxigraph: ``awskg load``, including the name
  and verdict index of :mod:`graph.lexicon.index`; sparql: upload);
* first view: open the store, then one ego view (named queries → NetworkX → HTML);
* fit, compare, ego view: first call in the process and warm (median of 5 repeats);
* peak: the process's peak RSS;
* plain: ``Graph.parse`` of every file → ``rdflib_to_networkx_multidigraph`` →
  ``nx.ego_graph`` (radius 1, both directions) → pyvis ``from_nx`` + ``generate_html``,
  and the ratio plain ÷ awskg for the first view after start.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from workers import OUT, ROOT, data_dir  # bench/ is on sys.path when this runs as a script

# ---------------------------------------------------------------- orchestration


def spawn(kind: str, backend: str, size: int, limit: float, url: str = "", target: str = "") -> dict:
    """Run one worker process; a run past ``limit`` seconds is killed by its PID."""
    cmd = [sys.executable, str(Path(__file__).resolve().with_name("workers.py")), kind, backend, str(size),
           url, target]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = proc.communicate(timeout=limit)
        result = next((json.loads(line[7:]) for line in out.splitlines() if line.startswith("RESULT ")),
                      None)
        if result is None:
            result = {"error": (err.strip().splitlines() or ["no output"])[-1][:200]}
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        result = {"error": f"timeout after {limit:g} s"}
    result["queries"], where = _queries(err)
    if "error" in result and where:
        result["error"] += f" ({where})"
    return result


def _queries(stderr: str) -> tuple[dict[str, list[float]], str]:
    """Per named query: [calls, total seconds, rows]; and where a killed run was."""
    stats: dict[str, list[float]] = {}
    phase, running = "", None
    for line in stderr.splitlines():
        parts = line.split()
        if line.startswith("PHASE "):
            phase = line[6:]
        elif line.startswith("QUERY-START "):
            running = parts[1]
        elif line.startswith("QUERY ") and len(parts) == 4:
            entry = stats.setdefault(parts[1], [0, 0.0, 0])
            entry[0] += 1
            entry[1] += float(parts[2])
            entry[2] += int(parts[3])
            running = None
    where = f"in {phase}" + (f", query {running}" if running else "") if phase else ""
    return stats, where


def prepare(size: int) -> None:
    """The synthetic file and a data directory: shipped KB + notes + synthetic triples."""
    synth = OUT / f"synth-{size}.nt"
    if size:  # size 0: the shipped KB alone
        # Always regenerated: the synthetic file links into the shipped KB, which changes.
        subprocess.run([sys.executable, str(ROOT / "bench" / "synth.py"), str(size)], check=True,
                       stdout=subprocess.DEVNULL)
    d = data_dir(size)
    if d.exists():
        shutil.rmtree(d)
    (d / "kb").mkdir(parents=True)
    for p in sorted((ROOT / "data" / "kb").glob("*.ttl")):
        (d / "kb" / p.name).symlink_to(p)
    if size:
        (d / "kb" / "synth.nt").symlink_to(synth)
    (d / "notes").symlink_to(ROOT / "data" / "notes")


class Server:
    """``oxigraph serve`` on 127.0.0.1 for one size; stopped by its PID."""

    def __init__(self, size: int) -> None:
        import socket

        import requests

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            free_port = sock.getsockname()[1]
        self.dir = OUT / f"srv-{size}"
        shutil.rmtree(self.dir, ignore_errors=True)
        self.port = free_port
        self.proc = subprocess.Popen(
            ["oxigraph", "serve", "--location", str(self.dir), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/query"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{self.port}/", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        self.stop()
        raise SystemExit("oxigraph serve did not start")

    def clear(self) -> None:
        import requests

        requests.post(f"http://127.0.0.1:{self.port}/update", data={"update": "CLEAR ALL"},
                      timeout=120).raise_for_status()

    def peak_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def bench_size(size: int, backends: list[str], runs: int, plain_runs: int, limit: float,
               log: Any, prototype: bool = False) -> dict:
    prepare(size)
    res: dict[str, Any] = {"size": size}
    for backend in backends:
        loads, sessions = [], []
        server = Server(size) if backend == "sparql" else None
        try:
            for r in range(runs):
                target = ""
                if backend == "oxigraph":
                    target = str(OUT / f"ox-{size}" if r == 0 else OUT / f"ox-{size}-tmp")
                    shutil.rmtree(target, ignore_errors=True)
                if server and r > 0:
                    server.clear()
                loads.append(spawn("load", backend, size, limit, server.url if server else "", target))
                if backend == "oxigraph" and r > 0:
                    shutil.rmtree(target, ignore_errors=True)
                log(f"  {size:>9,} {backend:<8} load #{r + 1}: {_short(loads[-1], 'load')}")
            if prototype:
                bounded = [spawn("bounded", backend, size, limit, server.url if server else "")
                           for _ in range(runs)]
                log(f"  {size:>9,} {backend:<8} bounded-query view: first {_short(bounded[0], 'first_view')}, "
                    f"warm {_short(bounded[0], 'view_hub_warm')}")
                res[f"{backend}_bounded"] = bounded
            for op in ("view", "fit", "compare"):
                for r in range(runs):
                    sessions.append(spawn(op, backend, size, limit, server.url if server else ""))
                    sessions[-1]["op"] = op
                    key = {"view": "first_view", "fit": "fit_first", "compare": "compare_first"}[op]
                    log(f"  {size:>9,} {backend:<8} {op} #{r + 1}: first {_short(sessions[-1], key)}")
                    if "error" in sessions[-1]:
                        break  # a timeout or a failing store: the next run would only fail the same way
            if server:
                res[f"{backend}_server_peak_mb"] = server.peak_mb()
        finally:
            if server:
                server.stop()
        res[backend] = {"load": loads, "session": sessions}
    res["plain"] = []
    for r in range(plain_runs):
        res["plain"].append(spawn("plain", "plain", size, limit))
        log(f"  {size:>9,} plain    run #{r + 1}: first view {_short(res['plain'][-1], 'first_view')}")
    return res


def _short_error(text: str) -> str:
    """``graph.errors.StoreError: SPARQL endpoint … did not answer within 120 s (…)`` → short."""
    text = re.sub(r"^[\w.]+Error: ", "", text)
    text = re.sub(r"SPARQL endpoint \S+ ", "endpoint ", text)
    return text.replace(" (set AWSKG_TIMEOUT to wait longer)", "")


def _short(d: dict, key: str) -> str:
    return d["error"] if "error" in d else _fmt(d.get(key))


# ---------------------------------------------------------------- report


def _fmt(seconds: float | None, unit: str | None = None, suffix: bool = True) -> str:
    if seconds is None:
        return "–"
    unit = unit or ("ms" if seconds < 1 else "s")
    value = seconds * 1000 if unit == "ms" else seconds
    text = f"{value:.3g}" if value >= 1 else f"{value:.2f}"
    return f"{text} {unit}" if suffix else text


def _stat(samples: list[dict], key: str, mb: bool = False) -> tuple[float | None, str]:
    values = [s[key] for s in samples if key in s and s[key] is not None]
    if not values:
        return None, "–"
    med = statistics.median(values)
    if mb:
        spread = f" ({min(values):,.0f}–{max(values):,.0f})" if len(values) > 1 else ""
        return med, f"{med:,.0f}{spread} MB"
    unit = "ms" if med < 1 else "s"
    spread = (f" ({_fmt(min(values), unit, False)}–{_fmt(max(values), unit, False)})"
              if len(values) > 1 else "")
    return med, f"{_fmt(med, unit, False)}{spread} {unit}"


def table(results: list[dict], backends: list[str], prototype: bool = False) -> str:
    """The Markdown results table (medians, min–max in brackets)."""
    head = ("| triples | backend | load | first view after start | fit (first / warm) | "
            "compare (first / warm) | ego view, hub (warm) | ego view, entity (warm) | peak RSS | "
            "plain first view ÷ this |")
    rows = [head, "|" + "---|" * (head.count("|") - 1)]
    for res in results:
        plain = res.get("plain", [])
        plain_first, _ = _stat(plain, "first_view")
        for backend in backends:
            if backend not in res:
                continue
            loads, sess = res[backend]["load"], res[backend]["session"]
            ops = {op: [x for x in sess if x.get("op") == op] for op in ("view", "fit", "compare")}

            def cell(op: str, key: str) -> str:
                med, text = _stat(ops[op], key)
                errors = [x["error"] for x in ops[op] if "error" in x]
                return f"**{_short_error(errors[0])}**" if med is None and errors else text

            first_med, _ = _stat(ops["view"], "first_view")
            ratio = (f"{plain_first / first_med:.2g}×" if plain_first and first_med else "–")
            peaks = [m for m in (_stat(ops[op], "peak_mb")[0] for op in ops) if m is not None]
            peak = f"{max(peaks):,.0f} MB" if peaks else "–"
            if backend == "sparql" and res.get("sparql_server_peak_mb"):
                peak += f" + server {res['sparql_server_peak_mb']:,.0f} MB"
            total = next((x["triples"] for x in sess if "triples" in x), res["size"])
            fit_cell = cell("fit", "fit_first")
            fit_cell += "" if fit_cell.startswith("**") else f" / {cell('fit', 'fit_warm')}"
            cmp_cell = cell("compare", "compare_first")
            cmp_cell += "" if cmp_cell.startswith("**") else f" / {cell('compare', 'compare_warm')}"
            view_first = cell("view", "first_view")
            load_cell = _stat(loads, "load")[1]
            if any("index" in x for x in loads):
                load_cell += f", of which name index {_stat(loads, 'index')[1]}"
            rows.append(
                f"| {total:,} | {backend} | {load_cell} | {view_first} | {fit_cell} "
                f"| {cmp_cell} | {_stat(ops['view'], 'view_hub_warm')[1]} "
                f"| {_stat(ops['view'], 'view_entity_warm')[1]} | {peak} | {ratio} |")
        for backend in backends:
            bounded = res.get(f"{backend}_bounded")
            if not bounded or not prototype:
                continue
            first_med, first = _stat(bounded, "first_view")
            ratio = f"{plain_first / first_med:.2g}×" if plain_first and first_med else "–"
            total = next((x["triples"] for x in res[backend]["session"] if "triples" in x), res["size"])
            rows.append(f"| {total:,} | {backend}, bounded-query view (prototype) | – | {first} | – | – "
                        f"| {_stat(bounded, 'view_hub_warm')[1]} | – | {_stat(bounded, 'peak_mb', mb=True)[1]} "
                        f"| {ratio} |")
        if plain:
            v = next((p["view"] for p in plain if "view" in p), {})
            total = next((x["triples"] for x in plain if "triples" in x), res["size"])
            rows.append(
                f"| {total:,} | plain rdflib→nx→pyvis | parse {_stat(plain, 'parse')[1]} "
                f"| {_stat(plain, 'first_view')[1]} (nx {_stat(plain, 'networkx')[1]}, ego "
                f"{_stat(plain, 'ego')[1]}, pyvis {_stat(plain, 'pyvis')[1]}; {v.get('nodes', '?')} nodes) "
                f"| – | – | – | – | {_stat(plain, 'peak_mb', mb=True)[1]} | 1× |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000])
    ap.add_argument("--backends", nargs="+", default=["memory", "oxigraph", "sparql"],
                    choices=["memory", "oxigraph", "sparql"])
    ap.add_argument("--runs", type=int, default=3, help="processes per measurement (default 3)")
    ap.add_argument("--plain-runs", type=int, default=None,
                    help="processes for the plain pipeline (default: runs, 1 at 1M and above)")
    ap.add_argument("--limit", type=float, default=180, help="seconds before a process is killed")
    ap.add_argument("--json", type=Path, default=None, help="also write every sample as JSON")
    ap.add_argument("--prototype", action="store_true",
                    help="also time the bounded-query view prototype (workers.bounded_view)")
    ap.add_argument("--report", nargs="+", type=Path, default=None, metavar="JSON",
                    help="print the tables of earlier --json runs instead of measuring")
    args = ap.parse_args()
    if args.report:
        results = [r for path in args.report for r in json.loads(path.read_text())]
        print(table(results, args.backends, args.prototype))
        print("\nWhere the time goes (first view, fit and compare process of each cell: named queries, calls, total time, rows):\n")
        print(hotspots(results, args.backends))
        return
    if "sparql" in args.backends and not shutil.which("oxigraph"):
        raise SystemExit("the sparql backend needs the 'oxigraph' CLI: pip install oxigraph")
    OUT.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    started = time.perf_counter()
    results = []
    for size in args.sizes:
        plain_runs = args.plain_runs if args.plain_runs is not None else (1 if size >= 1_000_000 else args.runs)
        results.append(bench_size(size, args.backends, args.runs, plain_runs, args.limit, log,
                                  args.prototype))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(f"\nawskg benchmark: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
          f"{args.runs} process(es) per cell, medians (min–max); took {time.perf_counter() - started:.0f} s\n")
    print(table(results, args.backends, args.prototype))
    print("\nWhere the time goes (first view, fit and compare process of each cell: named queries, calls, total time, rows):\n")
    print(hotspots(results, args.backends))


def hotspots(results: list[dict], backends: list[str], top: int = 5) -> str:
    """The slowest named queries of each cell's first view, fit and compare processes."""
    lines = []
    for res in results:
        for backend in backends:
            sess = res.get(backend, {}).get("session", [])
            if not sess:
                continue
            merged: dict[str, list[float]] = {}
            firsts = [next((x for x in sess if x.get("op") == op), None) for op in ("view", "fit", "compare")]
            for x in filter(None, firsts):
                for name, (c, sec, n) in x.get("queries", {}).items():
                    m = merged.setdefault(name, [0, 0.0, 0])
                    m[0] += c
                    m[1] += sec
                    m[2] += n
            worst = sorted(merged.items(), key=lambda kv: -kv[1][1])[:top]
            text = ", ".join(f"{name} {int(c)}× {_fmt(sec)} ({int(n):,} rows)" for name, (c, sec, n) in worst)
            errs = sorted({f"{x['op']}: {_short_error(x['error'])}" for x in filter(None, firsts) if "error" in x})
            v = next((x.get("view") for x in filter(None, firsts) if x.get("view")), None)
            shown = (f"; view of kb:{sess[0]['hub']}: {v['nodes']} nodes drawn, {v['hidden']} more "
                     f"summarised (cap {v['cap']}), {v['html_kb']} KiB HTML" if v else "")
            err = (" — " + "; ".join(errs)) if errs else ""
            size = f"{res['size']:,} synthetic" if res["size"] else "shipped KB"
            lines.append(f"- {size}, {backend}: {text or '–'}{shown}{err}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
