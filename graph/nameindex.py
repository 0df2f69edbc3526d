"""What ``fit`` and search read of a store, indexed once beside a persistent Oxigraph store.

Matching needs every requirement, capability and service name, analysed into
units (:mod:`graph.match`); ranking needs the verdicts of the recognised
requirements; search needs every label. On the shipped KB that takes
milliseconds; on a million-triple store, reading and analysing 160,000 names
takes seconds every time a process starts, and the verdict join is most of a
warm ``fit``. So a persistent store keeps them in a SQLite file,
``awskg-names.sqlite``, in its directory (next to ``awskg-load.json``):

* the analysed names, with postings from unit to phrase: a query reads only the
  phrases that contain all of its units (one indexed SQL query, bound parameters);
* the verdict of every assessment, by requirement;
* the search lexicon of :mod:`graph.resolve` (read whole once per process:
  1.5 s at 1M triples instead of 6 s from the store).

``awskg load --location DIR`` writes it after loading; the first ``fit`` or search
on a store without a valid index writes it too (when the directory is writable).
It carries a fingerprint of what it was built from: the triple count, the load
state, the named queries and the code that analyses names. A different
fingerprint means rebuild, never trust: a stale index would silently miss names
or rank on old verdicts.

SQLite comes with Python, is safe for several readers, and a file written to a
temporary name and renamed into place is never seen half-written.

>>> from graph.store import load_store
>>> stored_catalog(load_store()) is None   # an in-memory store keeps its catalogue in memory
True
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from rdflib import URIRef

from ontology import AWSKG

from .cache import per_store
from .describe import verdict_name
from .fit import Catalog, build_catalog, lexicon_rows
from .match import Gazetteer, Unit
from .resolve import Lexicon
from .store import Store, read_query
from .text import normalize

__all__ = ["INDEX_FILE", "index_path", "fingerprint", "write_index", "build_index",
           "index_is_current", "read_lexicon", "stored_catalog", "stored_lexicon", "IndexedCatalog"]

INDEX_FILE = "awskg-names.sqlite"
SCHEMA_VERSION = "2"
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
_PHRASES_WITH_ALL_UNITS = """
SELECT key, label, units, length FROM phrases WHERE id IN (
  SELECT phrase FROM postings WHERE unit IN (SELECT value FROM json_each(?))
  GROUP BY phrase HAVING COUNT(*) = MAX(n))
ORDER BY id
"""

# The code whose output the index stores: a change to any of it invalidates the index.
_CODE = [Path(__file__).with_name(n)
         for n in ("text.py", "match.py", "fit.py", "resolve.py", "nameindex.py")]
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


def fingerprint(store: Store) -> str:
    """What an index of ``store`` must have been built from to be used as is."""
    from .load import STATE_FILE

    h = hashlib.sha256(_code_digest().encode())
    h.update(str(store.count()).encode())
    state = Path(getattr(store, "location", ".")) / STATE_FILE
    if state.is_file():
        h.update(state.read_bytes())
    return h.hexdigest()


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


def read_lexicon(path: Path) -> Lexicon:
    """The search :class:`~graph.resolve.Lexicon` stored in an index file."""
    db = _Db(path)
    try:
        lex = Lexicon()
        lex.types = {URIRef(i): URIRef(t) for i, t in db.rows(
            "SELECT iri, type FROM lex_types ORDER BY rowid")}
        for i, lang, text in db.rows("SELECT iri, lang, label FROM lex_labels ORDER BY rowid"):
            lex.labels.setdefault(URIRef(i), {})[lang] = text
        for name, i, original, pref in db.rows(
                "SELECT norm, iri, original, pref FROM lex_names ORDER BY rowid"):
            iri = URIRef(i)
            lex.names.append(name)
            lex.entries.append((iri, original))
            lex.exact.setdefault(name, []).append(iri)
            if pref:
                lex.preferred.add((name, iri))
        return lex
    finally:
        db.conn.close()


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
    return meta.get("schema") == SCHEMA_VERSION and meta.get("fingerprint") == stamp


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


_MEMO = 100_000  # labels and classes an IndexedCatalog remembers before starting afresh
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
    >>> from graph.backends import OxigraphStore
    >>> from graph.load import OxigraphTarget, collect, load
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
    from .resolve import build_lexicon

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


def _stored(store: Store, read: Callable[[Path], T], kept: str, build: Callable[[Store], T]) -> T | None:
    found = _index(store)
    if found is None:
        return None
    if found.path is not None:
        try:
            return read(found.path)
        except sqlite3.Error:
            pass  # removed or damaged since it was checked: read the store instead
    return getattr(found, kept) or build(store)


def stored_catalog(store: Store) -> Catalog | None:
    """The catalogue of a store that keeps an index; ``None`` for other stores.

    Opens the index when its fingerprint matches the store, else rebuilds it first.
    """
    return _stored(store, IndexedCatalog, "catalog", lambda s: build_catalog(lexicon_rows(s)))


def stored_lexicon(store: Store) -> Lexicon | None:
    """The search lexicon of a store that keeps an index; ``None`` for other stores."""
    from . import resolve

    return _stored(store, read_lexicon, "lexicon", lambda s: resolve.build_lexicon(s))


class _Db:
    """One read-only SQLite connection shared by Streamlit's script threads."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                    check_same_thread=False)
        self.lock = threading.Lock()

    def rows(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()


class StoredGazetteer(Gazetteer):
    """A :class:`Gazetteer` whose phrases stay in the index until a query needs them."""

    def __init__(self, db: _Db) -> None:  # noqa: D107 - no super().__init__: nothing to analyse
        self.db = db
        self.unit_by_id = {i: Unit(k, f, s) for i, k, f, s in db.rows(
            "SELECT id, kind, form, surface FROM units")}
        self.unit_ids = {u: i for i, u in self.unit_by_id.items()}
        self.by_unit = {}
        self.phrases = []
        fuzzy = {s: self.unit_by_id[i] for s, i in db.rows("SELECT surface, unit FROM surfaces")}
        self._index_units(list(self.unit_by_id.values()), fuzzy)

    def candidates(self, occ: dict[Unit, list]) -> Iterator[tuple[object, str, tuple[Unit, ...], int]]:
        """The phrases all of whose units occur in the query, read from the index."""
        ids = sorted(self.unit_ids[u] for u in occ if u in self.unit_ids)
        if not ids:
            return
        rows = self.db.rows(_PHRASES_WITH_ALL_UNITS, [json.dumps(ids)])
        for key, label, units, length in rows:
            yield URIRef(key), label, tuple(self.unit_by_id[int(i)] for i in units.split()), length


class IndexedCatalog(Catalog):
    """A :class:`Catalog` answered from an index file (see the module docs)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.db = _Db(path)
        meta = dict(self.db.rows("SELECT key, value FROM meta"))
        if meta.get("schema") != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"{path}: index schema {meta.get('schema')!r}")
        self.stamp = meta.get("fingerprint", "")
        self.gazetteer = StoredGazetteer(self.db)
        self.vocabulary = self.gazetteer.vocabulary()
        self._labels: dict[URIRef, dict[str, str]] = {}
        self._types: dict[object, URIRef | None] = {}

    def close(self) -> None:
        """Close the index file."""
        self.db.conn.close()

    def labels_of(self, iri: URIRef) -> dict[str, str]:
        if iri not in self._labels:
            if len(self._labels) >= _MEMO:
                self._labels.clear()
            self._labels[iri] = dict(self.db.rows("SELECT lang, label FROM labels WHERE iri = ?",
                                                  [str(iri)]))
        return self._labels[iri]

    def type_of(self, iri: object) -> URIRef | None:
        if iri not in self._types:
            rows = self.db.rows("SELECT type FROM entities WHERE iri = ?", [str(iri)])
            if len(self._types) >= _MEMO:
                self._types.clear()
            self._types[iri] = URIRef(rows[0][0]) if rows else None
        return self._types[iri]

    def names_of(self, iri: URIRef) -> list[tuple[str, str]]:
        return self.db.rows("SELECT label, lang FROM names WHERE iri = ? ORDER BY rowid", [str(iri)])

    def of_type(self, typ: URIRef) -> list[URIRef]:
        return [URIRef(i) for (i,) in self.db.rows(
            "SELECT iri FROM entities WHERE type = ? ORDER BY iri", [str(typ)])]

    def requirement_names(self) -> Iterable[tuple[URIRef, str, str]]:
        return [(URIRef(i), text, lang) for i, text, lang in self.db.rows(
            "SELECT n.iri, n.label, n.lang FROM names n JOIN entities e ON e.iri = n.iri "
            "WHERE e.type = ? ORDER BY n.iri, n.rowid", [str(AWSKG.Requirement)])]

    def requirement_named(self, key: str) -> URIRef | None:
        rows = self.db.rows("SELECT n.iri FROM names n JOIN entities e ON e.iri = n.iri "
                            "WHERE n.norm = ? AND e.type = ? ORDER BY n.iri LIMIT 1",
                            [key, str(AWSKG.Requirement)])
        return URIRef(rows[0][0]) if rows else None

    def verdicts(self, requirements: Iterable[URIRef]) -> list[tuple[URIRef, URIRef, URIRef, str]]:
        reqs = [str(r) for r in requirements]
        if not reqs:
            return []
        return [(URIRef(a), URIRef(s), URIRef(r), v) for r, s, a, v in self.db.rows(
            "SELECT requirement, subject, assessment, verdict FROM verdicts "
            "WHERE requirement IN (SELECT value FROM json_each(?)) ORDER BY rowid",
            [json.dumps(reqs)])]
