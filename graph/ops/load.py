"""Bulk loading into a persistent Oxigraph directory or a remote store, one whole file at a time.

Each file is one atomic unit: after any interruption (Ctrl-C, a kill, a crash,
a dropped connection) the target holds the whole file or none of it.

* Oxigraph directory: pyoxigraph's ``bulk_load`` (measured 2.3× faster than the
  transactional ``Store.load`` at 1M triples on disk, and 5× smaller before
  compaction). In pyoxigraph 0.5 the bulk loader builds its index files aside
  and ingests them in one step at the end; killing the process at any moment
  leaves the store without the file (see ``tests/test_load.py``).
* Remote: one HTTP request per file, over the SPARQL 1.1 Graph Store protocol
  (``POST …?default``) or, failing that, one ``INSERT DATA`` update. Servers
  apply each request as one transaction (Oxigraph, Fuseki, GraphDB, Neptune).

Progress and resume live in a small JSON state file (``awskg-load.json`` inside
the store directory): files are known by their SHA-256, so a rerun skips what is
in and finishes what is not. A file whose load was cut short is settled on the
next run by comparing the triple count with the one noted before it started.

>>> from ontology import ONTOLOGY_DIR
>>> [s.name for s in collect([ONTOLOGY_DIR / "core.ttl"], with_ontology=False)]
['core.ttl']
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from graph.errors import DataError, StoreError, UsageError
from graph.store.files import data_files, ontology_files
from graph.store.notes import sections_graph
from graph.store.oxigraph import is_oxigraph_dir
from graph.store.remote import Http, check_url, env_timeout, redact

__all__ = ["Source", "collect", "LoadState", "OxigraphTarget", "RemoteTarget", "FileOutcome",
           "LoadReport", "LoadCancelled", "load", "STATE_FILE", "FORMATS"]

STATE_FILE = "awskg-load.json"
#: suffix → (pyoxigraph format name, MIME type, holds quads)
FORMATS: dict[str, tuple[str, str, bool]] = {
    ".ttl": ("TURTLE", "text/turtle", False),
    ".nt": ("N_TRIPLES", "application/n-triples", False),
    ".nq": ("N_QUADS", "application/n-quads", True),
    ".trig": ("TRIG", "application/trig", True),
    ".rdf": ("RDF_XML", "application/rdf+xml", False),
    ".owl": ("RDF_XML", "application/rdf+xml", False),
    ".jsonld": ("JSON_LD", "application/ld+json", True),
    ".n3": ("N3", "text/n3", False),
}


class LoadCancelled(Exception):
    """Raised from inside a read when the caller asked to stop; the file is not loaded."""


# ---------------------------------------------------------------- what to load


@dataclass
class Source:
    """One unit of loading: an RDF file, or a notes file turned into its NoteSection triples."""

    name: str
    path: Path
    suffix: str
    notes_name: str | None = None  # the noteFile literal, for notes files
    _bytes: bytes | None = field(default=None, repr=False)
    _digest: str | None = field(default=None, repr=False)

    @property
    def mime(self) -> str:
        return FORMATS[self.suffix][1]

    @property
    def quads(self) -> bool:
        return FORMATS[self.suffix][2]

    def payload(self) -> bytes | None:
        """Derived content (notes → N-Triples), or None for a plain file."""
        if self.notes_name is not None and self._bytes is None:
            g = sections_graph(self.path, self.notes_name)
            # Sorted, so the same notes always give the same bytes (and digest).
            lines = g.serialize(format="nt", encoding="utf-8").splitlines(keepends=True)
            self._bytes = b"".join(sorted(set(lines)))
        return self._bytes

    @property
    def size(self) -> int:
        data = self.payload()
        return len(data) if data is not None else self.path.stat().st_size

    def open(self) -> BinaryIO:
        data = self.payload()
        return io.BytesIO(data) if data is not None else self.path.open("rb")

    @property
    def digest(self) -> str:
        """SHA-256 of the content loaded (notes: of the derived triples)."""
        if self._digest is None:
            h = hashlib.sha256()
            with self.open() as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
            self._digest = h.hexdigest()
        return self._digest


def _notes_source(path: Path, data_dir: Path | None) -> Source:
    if data_dir is not None:
        rel = str(path.relative_to(data_dir))
    else:  # a lone notes file: name it as the data directory would
        rel = f"{path.parent.name}/{path.name}" if path.parent.name == "notes" else path.name
    return Source(rel, path, ".nt", notes_name=rel)


def collect(paths: Sequence[Path], *, with_ontology: bool = True) -> list[Source]:
    """Files and data directories → the sources to load, in a stable order.

    A directory is read like ``--data``: every RDF file under it plus the NoteSections
    of its ``notes/*.md``. The vocabulary (``ontology/*.ttl``) comes first unless
    ``with_ontology`` is false, so a store built from user files works in the app.
    """
    out: list[Source] = []
    if with_ontology:
        out += [Source(f"ontology/{p.name}", p, p.suffix) for p in ontology_files()]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            rdf, notes = data_files(path)
            out += [Source(str(p.relative_to(path)), p, p.suffix) for p in rdf if p.suffix in FORMATS]
            out += [_notes_source(p, path) for p in notes]
        elif path.is_file() and path.suffix == ".md":
            out.append(_notes_source(path, None))
        elif path.is_file() and path.suffix in FORMATS:
            out.append(Source(path.name, path, path.suffix))
        elif path.is_file():
            known = ", ".join(sorted(FORMATS)) + ", .md"
            raise UsageError(f"{path}: unknown file type (known: {known})")
        else:
            raise UsageError(f"no such file or directory: {path}")
    seen: set[Path] = set()
    unique = []
    for s in out:
        key = s.path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique


# ---------------------------------------------------------------- progress and resume


class LoadState:
    """``{"files": {sha256: {...}}, "pending": {...}|null}``, rewritten atomically."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.files: dict[str, dict[str, Any]] = {}
        self.pending: dict[str, Any] | None = None
        if path is not None and path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self.files = dict(data.get("files", {}))
                self.pending = data.get("pending")
            except (ValueError, AttributeError, TypeError):
                raise DataError(f"{path}: load state is unreadable; delete it to reload every file")

    def save(self) -> None:
        if self.path is None:
            return
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            json.dump({"version": 1, "files": self.files, "pending": self.pending}, f,
                      ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)


# ---------------------------------------------------------------- targets


class _Reader:
    """A file wrapper that reports bytes read and stops the load when asked."""

    def __init__(self, f: BinaryIO, size: int, on_bytes: Callable[[int], None] | None,
                 cancel: threading.Event | None) -> None:
        self.f, self.size, self.on_bytes, self.cancel = f, size, on_bytes, cancel

    def read(self, n: int = -1) -> bytes:
        if self.cancel is not None and self.cancel.is_set():
            raise LoadCancelled()
        data = self.f.read(n)
        if self.on_bytes and data:
            self.on_bytes(len(data))
        return data

    def __len__(self) -> int:  # lets requests send a Content-Length
        return self.size

    def __iter__(self):  # requests streams iterables in chunks
        while chunk := self.read(256 * 1024):
            yield chunk


class OxigraphTarget:
    """A persistent Oxigraph directory, created if missing, opened for writing."""

    def __init__(self, location: Path | str) -> None:
        import pyoxigraph as ox

        self.location = Path(location)
        if self.location.exists() and not self.location.is_dir():
            raise UsageError(f"{self.location} is a file, not a store directory")
        if self.location.is_dir() and any(self.location.iterdir()) and not is_oxigraph_dir(self.location):
            raise UsageError(f"{self.location} is not empty and is not an Oxigraph store; "
                             "choose a new directory")
        try:
            self.store = ox.Store(str(self.location))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"the Oxigraph store at {self.location} is in use by another "
                                 "process (another 'awskg load', a server or an open app?)") from None
            raise StoreError(f"cannot open the Oxigraph store at {self.location}: {err}") from None
        self.state_path: Path | None = self.location / STATE_FILE
        self.label = str(self.location)

    def count(self) -> int | None:
        return len(self.store)

    def load(self, source: Source, reader: _Reader) -> None:
        import pyoxigraph as ox

        fmt = getattr(ox.RdfFormat, FORMATS[source.suffix][0])
        base = None if source.notes_name is not None else source.path.resolve().as_uri()
        try:
            self.store.bulk_load(input=reader, format=fmt, base_iri=base)
        except SyntaxError as err:
            raise DataError(f"{source.path}: {err}") from None
        except OSError as err:
            raise StoreError(f"writing {source.name} into {self.location} failed: {err}") from None

    def close(self) -> None:
        self.store.flush()
        del self.store


class RemoteTarget:
    """A remote store: SPARQL 1.1 Graph Store protocol URL, or a SPARQL update URL.

    ``count_endpoint`` (a query URL), if given, lets an interrupted load be settled
    without reloading; ``state_path`` keeps progress between runs.
    """

    def __init__(self, *, gsp: str | None = None, update: str | None = None,
                 count_endpoint: str | None = None, state_path: Path | None = None,
                 timeout: float | None = None) -> None:
        if not gsp and not update:
            raise UsageError("loading into a remote store needs --gsp URL (Graph Store protocol, "
                             "e.g. Oxigraph http://host:7878/store, Fuseki http://host:3030/ds/data) "
                             "or --update URL (SPARQL update)")
        self.gsp = check_url(gsp, "Graph Store") if gsp else None
        self.update = check_url(update, "SPARQL update endpoint") if update else None
        limit = timeout if timeout is not None else max(300.0, env_timeout())
        self.http = Http(self.gsp or self.update or "", limit,
                         "Graph Store" if self.gsp else "SPARQL update endpoint")
        self.counter = None
        if count_endpoint:
            from graph.store.remote import SparqlStore

            self.counter = SparqlStore(count_endpoint)
        self.state_path = state_path
        self.label = redact(self.gsp or self.update or "")

    def count(self) -> int | None:
        return self.counter.count() if self.counter is not None else None

    def load(self, source: Source, reader: _Reader) -> None:
        if self.gsp:
            sep = "&" if "?" in self.gsp else "?"
            url = self.gsp if source.quads else f"{self.gsp}{sep}default"
            self.http.request("POST", url=url, data=reader,
                              headers={"Content-Type": f"{source.mime}; charset=utf-8"})
            return
        if source.quads:
            raise UsageError(f"{source.name}: quad files need --gsp (INSERT DATA here takes triples)")
        body = _as_ntriples(source, reader)
        self.http.request("POST", data={"update": f"INSERT DATA {{\n{body}\n}}"})

    def close(self) -> None:
        pass


def _as_ntriples(source: Source, reader: _Reader) -> str:
    """The file as N-Triples text, for an ``INSERT DATA`` body (escaped by the serialiser)."""
    from rdflib import Graph

    g = Graph()
    fmt = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".n3": "n3"}[source.suffix]
    try:
        g.parse(data=reader.read(), format=fmt)
    except LoadCancelled:
        raise
    except Exception as err:  # rdflib's parsers raise many kinds
        raise DataError(f"{source.path}: {err}") from None
    return g.serialize(format="nt")


# ---------------------------------------------------------------- the load


@dataclass
class FileOutcome:
    """What happened to one source."""

    name: str
    status: str  # "loaded", "skipped", "settled" (an interrupted load found complete)
    added: int | None = None
    seconds: float = 0.0


@dataclass
class LoadReport:
    """The run: per-file outcomes, triples in the target after, and whether it was cut short."""

    files: list[FileOutcome] = field(default_factory=list)
    total: int | None = None
    cancelled: bool = False

    @property
    def loaded(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status in ("loaded", "settled")]


def load(
    target: OxigraphTarget | RemoteTarget,
    sources: Iterable[Source],
    *,
    on_file: Callable[[Source, str], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
) -> LoadReport:
    """Load each source that is not in yet, one atomic unit at a time.

    ``on_file(source, phase)`` is told "skip", "start" and "done"; ``on_bytes(n)``
    counts bytes read. Setting ``cancel`` stops at the next read (the file being
    read is not loaded) or, if the file is already being indexed, after it; either
    way the report says ``cancelled=True``. Bad data raises :class:`DataError`, an
    unreachable or failing target :class:`StoreError`; files before it stay loaded.
    """
    state = LoadState(target.state_path)
    report = LoadReport()
    sources = list(sources)
    if state.pending:
        _settle(target, state, report)
    for source in sources:
        if cancel is not None and cancel.is_set():
            report.cancelled = True
            break
        if source.digest in state.files:
            report.files.append(FileOutcome(source.name, "skipped"))
            if on_file:
                on_file(source, "skip")
            continue
        if on_file:
            on_file(source, "start")
        before = target.count()
        state.pending = {"sha256": source.digest, "name": source.name, "count_before": before}
        state.save()
        start = time.perf_counter()
        try:
            with source.open() as f:
                target.load(source, _Reader(f, source.size, on_bytes, cancel))
        except LoadCancelled:
            state.pending = None
            state.save()
            report.cancelled = True
            break
        except Exception:
            # The load is atomic: a file that failed is not in, so nothing is pending.
            state.pending = None
            state.save()
            raise
        after = target.count()
        added = None if before is None or after is None else after - before
        state.files[source.digest] = {"name": source.name, "added": added,
                                      "loaded": time.strftime("%Y-%m-%dT%H:%M:%S")}
        state.pending = None
        state.save()
        report.files.append(FileOutcome(source.name, "loaded", added, time.perf_counter() - start))
        if on_file:
            on_file(source, "done")
    report.total = target.count()
    return report


def _settle(target: Any, state: LoadState, report: LoadReport) -> None:
    """A previous run stopped inside a file: decide from the count whether it went in."""
    pending, now = state.pending or {}, target.count()
    before = pending.get("count_before")
    if before is not None and now is not None and now != before:
        state.files[pending["sha256"]] = {"name": pending.get("name", "?"), "added": now - before,
                                          "loaded": time.strftime("%Y-%m-%dT%H:%M:%S")}
        report.files.append(FileOutcome(pending.get("name", "?"), "settled", now - before))
    # Otherwise it did not go in (or cannot be checked): it is loaded again, which is
    # harmless for IRIs and literals since a store is a set of triples.
    state.pending = None
    state.save()

