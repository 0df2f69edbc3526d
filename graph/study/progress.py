"""The learner's progress: every attempt and every card's schedule, in SQLite in their own folder.

``progress.sqlite`` in :func:`graph.store.userdata.user_data_dir` (``$AWSKG_USER_DATA``, else
the platform's user data folder), never under the shipped data. Each attempt is one
transaction (the attempt and the card's new schedule together), so a crash loses at most
the answer being written. A file that is not a readable progress database is moved aside
to ``progress.sqlite.corrupt-<timestamp>`` (nothing in it is deleted), :attr:`Progress.warning`
says so, and a fresh file is started. A folder that cannot be written is one
:class:`~graph.errors.UsageError`.

>>> import tempfile; from pathlib import Path
>>> p = Progress(Path(tempfile.mkdtemp()) / "progress.sqlite")
>>> a = p.record("scenario-13", "scenario", "B", False, source="doctest")
>>> [(x.card, x.chosen, x.correct) for x in p.attempts()], p.warning
([('scenario-13', 'B', False)], None)
>>> (a.due - a.answered_at).seconds
600
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from graph.errors import UsageError
from graph.store.userdata import writable_user_dir
from graph.study.schedule import review, utcnow

__all__ = ["FILE", "SCHEMA_VERSION", "Attempt", "CardState", "Progress", "open_progress"]

FILE = "progress.sqlite"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    card TEXT NOT NULL, kind TEXT NOT NULL, chosen TEXT, correct INTEGER NOT NULL,
    answered_at TEXT NOT NULL, seconds REAL, source TEXT NOT NULL, practice TEXT,
    rating INTEGER NOT NULL, due TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_card ON attempts (card);
CREATE TABLE IF NOT EXISTS cards (
    card TEXT PRIMARY KEY, kind TEXT NOT NULL, state TEXT NOT NULL, due TEXT NOT NULL,
    reviews INTEGER NOT NULL, lapses INTEGER NOT NULL, last_review TEXT NOT NULL);
"""


@dataclass
class Attempt:
    """One answer to one card."""

    id: int
    card: str
    kind: str
    chosen: str | None
    correct: bool
    answered_at: datetime
    seconds: float | None
    source: str
    practice: str | None
    rating: int
    due: datetime

    def to_json(self) -> dict:
        """JSON-ready (dates as ISO 8601 in UTC)."""
        return {"id": self.id, "card": self.card, "kind": self.kind, "chosen": self.chosen,
                "correct": self.correct, "answered_at": self.answered_at.isoformat(),
                "seconds": self.seconds, "source": self.source, "practice": self.practice,
                "next_review": self.due.isoformat()}


@dataclass
class CardState:
    """What the schedule knows of a card that has been answered at least once."""

    card: str
    kind: str
    due: datetime
    reviews: int
    lapses: int
    last_review: datetime


def _dt(text: str) -> datetime:
    return datetime.fromisoformat(text)


class Progress:
    """The progress file; :func:`open_progress` opens the learner's own."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.warning: str | None = None
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError) and not self._looks_corrupt(err):
                raise self._usage(err) from None
            self._move_aside(err)
            try:
                self._conn = self._open()
            except sqlite3.Error as again:
                raise self._usage(again) from None

    # -- opening -----------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
            if not row or row[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check: {row[0] if row else 'no answer'}")
            conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA + "COMMIT;")
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if version is None:
                conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif not str(version[0]).isdigit():
                raise sqlite3.DatabaseError(f"schema version {version[0]!r} is not a number")
            elif int(version[0]) > SCHEMA_VERSION:
                conn.close()
                raise UsageError(f"{self.path} was written by a newer awskg (schema {version[0]}, "
                                 f"this one reads {SCHEMA_VERSION}): upgrade awskg")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _looks_corrupt(err: sqlite3.Error) -> bool:
        text = str(err).lower()
        return any(w in text for w in ("malformed", "not a database", "corrupt", "no such column",
                                       "integrity", "schema"))

    def _move_aside(self, err: Exception) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            self.path.replace(aside)
            for extra in ("-journal", "-wal", "-shm"):
                side = self.path.with_name(self.path.name + extra)
                if side.exists():
                    side.replace(aside.with_name(aside.name + extra))
        except OSError as move:
            raise UsageError(f"{self.path} cannot be read ({err}) and cannot be moved aside: "
                             f"{move.strerror or move}") from None
        self.warning = (f"{self.path} could not be read ({err}); it was kept as {aside.name} "
                        f"and a new progress file was started")

    def _usage(self, err: Exception) -> UsageError:
        return UsageError(f"cannot use the progress file {self.path}: {err} "
                          f"(set $AWSKG_USER_DATA to a writable folder)")

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------

    def record(self, card: str, kind: str, chosen: str | None, correct: bool, *,
               seconds: float | None = None, source: str = "cli", practice: str | None = None,
               now: datetime | None = None) -> Attempt:
        """Store one answer and the card's next review, in one transaction."""
        now = now or utcnow()
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                row = self._conn.execute("SELECT state, reviews, lapses FROM cards WHERE card = ?",
                                         (card,)).fetchone()
                nxt = review(row[0] if row else None, correct, now, seconds)
                reviews, lapses = (row[1], row[2]) if row else (0, 0)
                cur = self._conn.execute(
                    "INSERT INTO attempts (card, kind, chosen, correct, answered_at, seconds, source, "
                    "practice, rating, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (card, kind, chosen, int(bool(correct)), now.isoformat(), seconds, source, practice,
                     nxt.rating, nxt.due.isoformat()))
                self._conn.execute(
                    "INSERT OR REPLACE INTO cards VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (card, kind, nxt.state, nxt.due.isoformat(), reviews + 1, lapses + (not correct),
                     now.isoformat()))
                self._conn.execute("COMMIT")
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as err:
            raise self._usage(err) from None
        return Attempt(int(cur.lastrowid or 0), card, kind, chosen, bool(correct), now, seconds, source,
                       practice, nxt.rating, nxt.due)

    # -- reading -------------------------------------------------------------------

    def attempts(self, card: str | None = None, limit: int | None = None,
                 newest_first: bool = False) -> list[Attempt]:
        """Attempts, oldest first (or newest first), of one card or all."""
        sql = "SELECT * FROM attempts" + (" WHERE card = ?" if card else "")
        sql += " ORDER BY id DESC" if newest_first else " ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        try:
            rows = self._conn.execute(sql, (card,) if card else ()).fetchall()
        except sqlite3.Error as err:
            raise self._usage(err) from None
        return [Attempt(r[0], r[1], r[2], r[3], bool(r[4]), _dt(r[5]), r[6], r[7], r[8], r[9], _dt(r[10]))
                for r in rows]

    def states(self) -> dict[str, CardState]:
        """Every answered card's schedule, by card id."""
        try:
            rows = self._conn.execute("SELECT card, kind, due, reviews, lapses, last_review FROM cards").fetchall()
        except sqlite3.Error as err:
            raise self._usage(err) from None
        return {r[0]: CardState(r[0], r[1], _dt(r[2]), r[3], r[4], _dt(r[5])) for r in rows}

    def due(self, now: datetime | None = None) -> list[CardState]:
        """Answered cards due at ``now``, most overdue first."""
        now = now or utcnow()
        return sorted((s for s in self.states().values() if s.due <= now), key=lambda s: s.due)


def open_progress() -> Progress:
    """The learner's progress file (created if needed); :class:`UsageError` if the folder cannot be written."""
    return Progress(writable_user_dir() / FILE)
