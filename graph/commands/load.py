"""``awskg load``: bulk-load files into a persistent Oxigraph store or a remote one.

    awskg load --location DIR [FILES…]          # persistent Oxigraph directory
    awskg load --gsp URL [--endpoint URL] [FILES…]   # SPARQL 1.1 Graph Store protocol
    awskg load --update URL [FILES…]            # SPARQL update (INSERT DATA)

Without FILES the data directory (``--data``, default: the shipped KB) is loaded.
The vocabulary is always added first (``--no-ontology`` to skip). Each file goes
in whole or not at all; rerunning the same command after an interruption skips
the files already in and loads the rest.

After loading into an Oxigraph directory it writes ``DIR/awskg-names.sqlite``, the
index of names and verdicts that ``fit``, search and the app read instead of every
label (:mod:`graph.lexicon.index`); it is rewritten whenever the store has changed.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from graph.errors import UsageError
from graph.ops.load import LoadReport, OxigraphTarget, RemoteTarget, Source, collect, load
from graph.store.paths import default_data_dir


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "load",
        help="bulk-load RDF files and notes into a persistent Oxigraph store or a remote store",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="RDF files (.ttl .nt .nq .trig .rdf .jsonld), notes (.md) or data directories")
    p.add_argument("--location", dest="load_location", type=Path, default=None,
                   help="Oxigraph store directory (created if missing; env AWSKG_LOCATION)")
    p.add_argument("--endpoint", dest="load_endpoint", default=None,
                   help="SPARQL query URL of the remote store, used to count triples (env AWSKG_ENDPOINT)")
    p.add_argument("--gsp", default=os.environ.get("AWSKG_GSP") or None,
                   help="Graph Store protocol URL, e.g. http://localhost:7878/store (env AWSKG_GSP)")
    p.add_argument("--update", default=os.environ.get("AWSKG_UPDATE") or None,
                   help="SPARQL update URL, used when there is no Graph Store URL (env AWSKG_UPDATE)")
    p.add_argument("--state", type=Path, default=None,
                   help="progress file for remote loads (Oxigraph keeps its own in the store directory)")
    p.add_argument("--timeout", type=float, default=None,
                   help="seconds one remote file may take (default: 300 or AWSKG_TIMEOUT)")
    p.add_argument("--no-ontology", action="store_true", help="do not add ontology/*.ttl")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=run)


def _target(args: argparse.Namespace, ctx) -> OxigraphTarget | RemoteTarget:
    location = args.load_location or ctx.location
    endpoint = args.load_endpoint or ctx.endpoint
    if location and (args.gsp or args.update):
        raise UsageError("give either --location (Oxigraph directory) or --gsp/--update (remote), not both")
    if location:
        return OxigraphTarget(location)
    if args.gsp or args.update:
        return RemoteTarget(gsp=args.gsp, update=args.update, count_endpoint=endpoint,
                            state_path=args.state, timeout=args.timeout)
    if endpoint:
        raise UsageError("--endpoint is for queries; to load into that store give --gsp URL "
                         "(Oxigraph: …/store, Fuseki: …/DATASET/data) or --update URL")
    raise UsageError("awskg load needs --location DIR (persistent Oxigraph) or --gsp/--update URL")


class _Progress:
    """A byte-counting tqdm bar on stderr that names the file and its phase."""

    def __init__(self, total: int, enabled: bool) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024,
                        disable=not enabled, file=sys.stderr, leave=False)
        self.left = 0
        self.name = ""

    def on_file(self, source: Source, phase: str) -> None:
        if phase == "start":
            self.name, self.left = source.name, source.size
            self.bar.set_postfix_str(f"reading {source.name}")
        elif phase == "skip":
            self.bar.update(source.size)

    def on_bytes(self, n: int) -> None:
        self.bar.update(n)
        self.left -= n
        if self.left <= 0:
            # The bytes are in; the loader now sorts and writes its indexes.
            self.bar.set_postfix_str(f"indexing {self.name}")

    def close(self) -> None:
        self.bar.close()


def run(args: argparse.Namespace, ctx) -> int:
    paths = args.files or [Path(ctx.data) if ctx.data else default_data_dir()]
    sources = collect(paths, with_ontology=not args.no_ontology)
    marker_before = _marker(args.load_location or ctx.location)
    target = _target(args, ctx)
    interactive = not args.no_progress and sys.stderr.isatty()
    progress = _Progress(sum(s.size for s in sources), interactive)
    cancel = threading.Event()
    previous = None
    if threading.current_thread() is threading.main_thread():
        def stop(signum, frame):  # first Ctrl-C: stop cleanly; second: the default
            cancel.set()
            signal.signal(signal.SIGINT, signal.default_int_handler)

        previous = signal.signal(signal.SIGINT, stop)
    try:
        report = load(target, sources, on_file=progress.on_file, on_bytes=progress.on_bytes,
                      cancel=cancel)
    finally:
        progress.close()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        target.close()
    if isinstance(target, OxigraphTarget):
        from graph.lexicon.index import record_content

        record_content(target.location, marker_before, changed=bool(report.loaded) or report.cancelled)
    _print(report, target, ctx)
    if report.cancelled:
        return 130
    if cancel.is_set():
        # Ctrl-C came while the last file was finishing: everything is loaded, but the user asked
        # to stop, so the index (seconds to minutes) is left for a rerun or the first fit to write.
        print("awskg: interrupted after the last file was loaded; the name index was not written. "
              "Run the same command again to write it.", file=sys.stderr)
        return 130
    if isinstance(target, OxigraphTarget):
        _index(target.location, ctx)
    return 0


def _marker(location: Path | None) -> str:
    from graph.lexicon.index import content_marker

    return content_marker(Path(location)) if location else ""


def _index(location: Path, ctx) -> None:
    """Write the name, verdict and search index the library reads (:mod:`graph.lexicon.index`)."""
    import time

    from graph.lexicon.index import build_index, fingerprint, index_is_current, index_path
    from graph.store import OxigraphStore

    store = OxigraphStore(location)
    stamp = fingerprint(store)  # counts every triple: once, for the check and the build
    if index_is_current(store, stamp):
        ctx.out.write(f"name index up to date: {index_path(store)}\n")
        return
    start = time.perf_counter()
    written = build_index(store, stamp).path
    if written is None:
        print(f"awskg: could not write the name index in {location}; fit and search will read "
              "every name at their first call instead", file=sys.stderr)
    else:
        ctx.out.write(f"name index written: {written} ({time.perf_counter() - start:.1f} s)\n")


def _print(report: LoadReport, target, ctx) -> None:
    out = ctx.out
    width = max((len(f.name) for f in report.files), default=10)
    for f in report.files:
        if f.status == "skipped":
            out.write(f"skipped  {f.name:<{width}}  (already loaded)\n")
        else:
            added = f"+{f.added:,} triples" if f.added is not None else "sent"
            word = "loaded " if f.status == "loaded" else "settled"  # settled: finished by a run that was cut short
            out.write(f"{word}  {f.name:<{width}}  {added:>16}  {f.seconds:6.2f} s\n")
    total = f"{report.total:,} triples" if report.total is not None else "triple count unknown (no --endpoint)"
    out.write(f"{target.label}: {total}\n")
    if report.cancelled:
        print("awskg: interrupted; the file being read was not loaded. "
              "Run the same command again to load the rest.", file=sys.stderr)
