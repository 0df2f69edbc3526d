"""Reading a name index file: the catalogue and the lexicon answered from SQLite.

The file is written by :mod:`graph.lexicon.index`; this module only reads it,
through one read-only connection shared by Streamlit's script threads.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from rdflib import URIRef

from graph.lexicon.catalog import Catalog
from graph.lexicon.names import Lexicon
from graph.text.analysis import Unit
from graph.text.gazetteer import Gazetteer
from ontology import AWSKG

__all__ = ["IndexedCatalog", "StoredGazetteer", "read_lexicon", "SCHEMA_VERSION"]

SCHEMA_VERSION = "2"
_MEMO = 100_000  # labels and classes an IndexedCatalog remembers before starting afresh

_PHRASES_WITH_ALL_UNITS = """
SELECT key, label, units, length FROM phrases WHERE id IN (
  SELECT phrase FROM postings WHERE unit IN (SELECT value FROM json_each(?))
  GROUP BY phrase HAVING COUNT(*) = MAX(n))
ORDER BY id
"""

# The code whose output the index stores: a change to any of it invalidates the index.


class _Db:
    """One read-only SQLite connection shared by Streamlit's script threads."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                    check_same_thread=False)
        self.lock = threading.Lock()

    def rows(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()


def read_lexicon(path: Path) -> Lexicon:
    """The search :class:`~graph.reason.resolve.Lexicon` stored in an index file."""
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
