"""What ``fit`` and search read of a store, indexed once beside a persistent Oxigraph store.

Matching needs every requirement, capability and service name, analysed into
units (:mod:`graph.text.gazetteer`); ranking needs the verdicts of the recognised
requirements; search needs every label. On the shipped KB that takes
milliseconds; on a million-triple store, reading and analysing 160,000 names
takes seconds every time a process starts, and the verdict join is most of a
warm ``fit``. So a persistent store keeps them in a SQLite file,
``awskg-names.sqlite``, in its directory (next to ``awskg-load.json``):

* the analysed names, with postings from unit to phrase: a query reads only the
  phrases that contain all of its units (one indexed SQL query, bound parameters);
* the verdict of every assessment, by requirement;
* the search lexicon of :mod:`graph.lexicon.names` (read whole once per process:
  1.5 s at 1M triples instead of 6 s from the store).

``awskg load --location DIR`` writes it after loading; the first ``fit`` or search
on a store without a valid index writes it too (when the directory is writable).
It carries a fingerprint of what it was built from: the triple count, the load
state, the store's own files (RocksDB writes new table, log and manifest files on
every change, and none on a read, so their names, sizes and times mark the
content), the named queries and the code that analyses names. A different
fingerprint means rebuild, never trust: a stale index would silently miss names
or rank on old verdicts. An index file that changed since it was last found sound
(size or time) is checked with SQLite's ``PRAGMA quick_check`` before use; a
damaged one is rebuilt.

SQLite comes with Python, is safe for several readers, and a file written to a
temporary name and renamed into place is never seen half-written.

>>> from graph.store import load_store
>>> index_path(load_store()) is None   # an in-memory store keeps its catalogue in memory
True
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from rdflib import URIRef

from graph.lexicon.catalog import Catalog, build_catalog, lexicon_rows
from graph.lexicon.indexed import SCHEMA_VERSION, _Db
from graph.lexicon.names import Lexicon, build_lexicon, verdict_name
from graph.store.base import Store
from graph.store.cache import per_store
from graph.store.oxigraph import STATE_FILE
from graph.store.query import read_query
from graph.text.analysis import normalize
from ontology import AWSKG

__all__ = ["INDEX_FILE", "index_path", "fingerprint", "write_index", "build_index",
           "index_is_current", "stored", "content_marker", "record_content", "CONTENT_FILE"]

INDEX_FILE = "awskg-names.sqlite"
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entities (iri TEXT PRIMARY KEY, type TEXT NOT NULL);
CREATE INDEX entities_type ON entities (type, iri);
CREATE TABLE labels (iri TEXT NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL);
CREATE INDEX labels_iri ON labels (iri);
CREATE TABLE names (iri TEXT NOT NULL, label TEXT NOT NULL, lang TEXT NOT NULL, norm TEXT);
CREATE INDEX names_iri ON names (iri);
CREATE INDEX names_norm ON names (norm) WHERE norm IS NOT NULL;
CREATE TABLE units (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, form TEXT NOT NULL,
                    surface TEXT NOT NULL);
CREATE TABLE surfaces (surface TEXT PRIMARY KEY, unit INTEGER NOT NULL);
CREATE TABLE phrases (id INTEGER PRIMARY KEY, key TEXT NOT NULL, label TEXT NOT NULL,
                      units TEXT NOT NULL, length INTEGER NOT NULL);
CREATE TABLE verdicts (requirement TEXT NOT NULL, subject TEXT NOT NULL,
                       assessment TEXT NOT NULL, verdict TEXT NOT NULL);
CREATE INDEX verdicts_requirement ON verdicts (requirement);
CREATE TABLE lex_types (iri TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE lex_labels (iri TEXT NOT NULL, lang TEXT NOT NULL, label TEXT NOT NULL);
CREATE TABLE lex_names (norm TEXT NOT NULL, iri TEXT NOT NULL, original TEXT NOT NULL,
                        pref INTEGER NOT NULL);
CREATE TABLE postings (unit INTEGER NOT NULL, phrase INTEGER NOT NULL, n INTEGER NOT NULL,
                       PRIMARY KEY (unit, phrase)) WITHOUT ROWID;
"""

# Lists travel as one JSON parameter (json_each), so no SQL text is ever assembled.
_GRAPH = Path(__file__).resolve().parent.parent
_CODE = [_GRAPH / n for n in ("text/analysis.py", "text/gazetteer.py", "lexicon/catalog.py",
                              "lexicon/names.py", "lexicon/index.py", "lexicon/indexed.py")]
_QUERIES = ("fit_lexicon", "fit_verdicts", "lexicon")


def index_path(store: Store) -> Path | None:
    """Where ``store`` keeps its name index; ``None`` for stores without a directory."""
    location = getattr(store, "location", None)
    if getattr(store, "kind", "") != "oxigraph" or location is None:
        return None
    return Path(location) / INDEX_FILE


@lru_cache(maxsize=1)
def _code_digest() -> str:
    h = hashlib.sha256(SCHEMA_VERSION.encode())
    for path in _CODE:
        h.update(path.read_bytes())
    for name in _QUERIES:
        h.update(read_query(name).encode())
    return h.hexdigest()


def content_marker(location: Path) -> str:
    """The store directory's own files (names, sizes, times) without logs, locks and ours.

    >>> import tempfile; d = Path(tempfile.mkdtemp()); _ = (d / "000001.sst").write_bytes(b"x")
    >>> before = content_marker(d); _ = (d / "LOG").write_text("opened"); content_marker(d) == before
    True
    >>> _ = (d / "000002.sst").write_bytes(b"y"); content_marker(d) == before
    False
    """
    parts = []
    for p in sorted(location.iterdir()) if location.is_dir() else []:
        name = p.name
        if name.startswith((".", "LOG", "LOCK", "awskg-")) or not p.is_file():
            continue
        st = p.stat()
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return "\n".join(parts)


#: Written by ``awskg load``: the store's files as it left them and a content generation.
CONTENT_FILE = "awskg-content.json"


def _recorded(location: Path) -> dict:
    try:
        rec = json.loads((location / CONTENT_FILE).read_text(encoding="utf-8"))
        return rec if isinstance(rec, dict) else {}
    except (OSError, ValueError):
        return {}


def record_content(location: Path, marker_before: str, changed: bool) -> None:
    """After ``awskg load`` closed the store: remember its files and which content they hold.

    Opening RocksDB for writing rewrites its bookkeeping files even when nothing is
    loaded; such a run keeps the content generation (so the index stays current),
    unless the files had changed since the last record (a change outside ``awskg load``).
    """
    rec = _recorded(location)
    marker = content_marker(location)
    if changed or rec.get("marker") != marker_before or "generation" not in rec:
        generation = hashlib.sha256(f"{marker}\n{time.time_ns()}".encode()).hexdigest()
    else:
        generation = rec["generation"]
    tmp = location / f".{CONTENT_FILE}.{os.getpid()}.tmp"
    try:
        tmp.write_text(json.dumps({"marker": marker, "generation": generation}), encoding="utf-8")
        os.replace(tmp, location / CONTENT_FILE)
    except OSError:
        tmp.unlink(missing_ok=True)


def content_id(location: Path) -> str:
    """The content generation ``awskg load`` recorded, if the files are still as it left them;
    else the files themselves (changed since: the index must be rebuilt)."""
    marker = content_marker(location)
    rec = _recorded(location)
    return str(rec["generation"]) if rec.get("marker") == marker and "generation" in rec else marker


def fingerprint(store: Store) -> str:
    """What an index of ``store`` must have been built from to be used as is."""
    h = hashlib.sha256(_code_digest().encode())
    h.update(str(store.count()).encode())
    location = Path(getattr(store, "location", "."))
    state = location / STATE_FILE
    if state.is_file():
        h.update(state.read_bytes())
    if getattr(store, "location", None) is not None:
        h.update(content_id(location).encode())
    return h.hexdigest()


def _stat_key(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size}:{st.st_mtime_ns}"


def _sound(path: Path) -> bool:
    """``PRAGMA quick_check`` on ``path``, once per version of the file (remembered beside it)."""
    marker = path.with_name(path.name + ".checked")
    try:
        if marker.read_text() == _stat_key(path):
            return True
    except OSError:
        pass
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = [r[0] for r in conn.execute("PRAGMA quick_check")] == ["ok"]
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    if ok:
        _remember_sound(path)
    return ok


def _remember_sound(path: Path) -> None:
    try:
        path.with_name(path.name + ".checked").write_text(_stat_key(path))
    except OSError:
        pass  # a read-only directory: check again next time


def write_index(cat: Catalog, path: Path, stamp: str,
                verdicts: Iterable[tuple[str, str, str, str]] = (),
                lexicon: Lexicon | None = None) -> None:
    """Write ``cat`` (built in memory), the (requirement, subject, assessment, verdict
    name) rows ``verdicts`` and the search ``lexicon`` to ``path`` atomically, labelled ``stamp``."""
    assert cat.gazetteer is not None
    gaz = cat.gazetteer
    unit_ids = {u: i for i, u in enumerate(gaz.by_unit)}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.executescript(_SCHEMA)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("fingerprint", stamp), ("schema", SCHEMA_VERSION),
                        ("created", time.strftime("%Y-%m-%dT%H:%M:%S"))])
        db.executemany("INSERT INTO entities VALUES (?, ?)",
                       ((str(i), str(t)) for i, t in cat.types.items()))
        db.executemany("INSERT INTO labels VALUES (?, ?, ?)",
                       ((str(i), lang, text) for i, ls in cat.labels.items()
                        for lang, text in ls.items()))
        db.executemany("INSERT INTO names VALUES (?, ?, ?, ?)",
                       ((str(i), text, lang,
                         normalize(text) if cat.types.get(i) == AWSKG.Requirement else None)
                        for i, names in cat.names.items() for text, lang in names))
        db.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",
                       ((i, u.kind, u.form, u.surface) for u, i in unit_ids.items()))
        db.executemany("INSERT OR IGNORE INTO surfaces VALUES (?, ?)",
                       ((s, unit_ids[u]) for s, u in gaz.surfaces().items() if u in unit_ids))
        db.executemany("INSERT INTO phrases VALUES (?, ?, ?, ?, ?)",
                       ((n, str(key), label, " ".join(str(unit_ids[u]) for u in units), length)
                        for n, (key, label, units, length) in enumerate(gaz.phrases)))
        db.executemany("INSERT OR IGNORE INTO postings VALUES (?, ?, ?)",
                       ((unit_ids[u], n, len(units))
                        for n, (_k, _l, units, _len) in enumerate(gaz.phrases) for u in units))
        db.executemany("INSERT INTO verdicts VALUES (?, ?, ?, ?)", verdicts)
        if lexicon is not None:
            db.executemany("INSERT INTO lex_types VALUES (?, ?)",
                           ((str(i), str(t)) for i, t in lexicon.types.items()))
            db.executemany("INSERT INTO lex_labels VALUES (?, ?, ?)",
                           ((str(i), lang, text) for i, ls in lexicon.labels.items()
                            for lang, text in ls.items()))
            db.executemany("INSERT INTO lex_names VALUES (?, ?, ?, ?)",
                           ((name, str(i), original, int((name, i) in lexicon.preferred))
                            for name, (i, original) in zip(lexicon.names, lexicon.entries)))
        db.commit()
    except BaseException:
        db.close()
        tmp.unlink(missing_ok=True)  # an interrupted build leaves nothing behind
        raise
    db.close()
    os.replace(tmp, path)
    _remember_sound(path)  # just written whole: no need to check it on the next open


def _current(path: Path, stamp: str) -> bool:
    """Whether ``path`` is a readable index labelled ``stamp``."""
    if not path.is_file():
        return False
    try:
        db = _Db(path)
        try:
            meta = dict(db.rows("SELECT key, value FROM meta"))
        finally:
            db.conn.close()
    except sqlite3.Error:
        return False
    return meta.get("schema") == SCHEMA_VERSION and meta.get("fingerprint") == stamp and _sound(path)


def index_is_current(store: Store, stamp: str | None = None) -> bool:
    """Whether ``store`` has an index that matches it (``False`` for stores without one);
    ``stamp`` is its :func:`fingerprint` when the caller has it already."""
    path = index_path(store)
    return path is not None and _current(path, stamp or fingerprint(store))


@dataclass
class _Index:
    """A store's index file, or what was built in memory when it could not be written."""

    path: Path | None
    catalog: Catalog | None = None
    lexicon: Lexicon | None = None


_BUILDING = threading.Lock()  # one build at a time: two would each take seconds to minutes


@per_store
def _index(store: Store) -> _Index | None:
    path = index_path(store)
    if path is None:
        return None
    with _BUILDING:
        stamp = fingerprint(store)
        if _current(path, stamp):
            return _Index(path)
        return build_index(store, stamp)


def build_index(store: Store, stamp: str | None = None) -> _Index:
    """Read the store's names and verdicts and write its index (see the module docs).

    When the index cannot be written (a read-only directory), what was read stays in
    memory for this process: the returned record has no ``path`` then.

    >>> import tempfile
    >>> from graph.store.oxigraph import OxigraphStore
    >>> from graph.ops.load import OxigraphTarget, collect, load
    >>> tmp = tempfile.TemporaryDirectory()
    >>> where = Path(tmp.name) / "store"
    >>> target = OxigraphTarget(where)
    >>> _ = load(target, collect([])); target.close()      # just the vocabulary
    >>> store = OxigraphStore(where)
    >>> index_is_current(store)
    False
    >>> build_index(store).path == where / INDEX_FILE, index_is_current(store)
    (True, True)
    >>> del store; tmp.cleanup()
    """
    cat = build_catalog(lexicon_rows(store))
    lex = build_lexicon(store)
    path = index_path(store)
    if path is None:
        return _Index(None, cat, lex)
    rows = ((str(r["requirement"]), str(r["subject"]), str(r["assessment"]),
             verdict_name(r["verdict"]))
            for r in store.select("fit_verdicts") if isinstance(r["subject"], URIRef))
    try:
        write_index(cat, path, stamp or fingerprint(store), rows, lex)
    except (OSError, sqlite3.Error):
        return _Index(None, cat, lex)  # a read-only directory: match from memory this time
    return _Index(path)


def stored(store: Store, read: Callable[[Path], T], kept: str, build: Callable[[Store], T]) -> T | None:
    """What ``read`` gets from the store's current index (``kept``, or ``build``, when
    it could not be written); ``None`` for stores that keep no index."""
    found = _index(store)
    if found is None:
        return None
    if found.path is not None:
        try:
            return read(found.path)
        except sqlite3.Error:
            pass  # removed or damaged since it was checked: read the store instead
    return getattr(found, kept) or build(store)
