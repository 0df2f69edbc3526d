"""The read interface every backend implements, and the bounded answer of the console.

Subclasses implement ``_run`` (and the result readers); everything else — named
queries with bound values, the console's gate, row cap and time limit — is here.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from graph.errors import StoreError
from graph.store.bounded import run_bounded
from graph.store.gate import gate_query
from graph.store.query import Binding, bind_query

__all__ = ["Row", "ResultRow", "Store", "SparqlResult"]

Row = dict[str, Any]  # a ResultRow at run time: a variable the answer lacks reads as None


def _number(value: Any, what: str) -> int:
    """An integer the store answered, or a :class:`StoreError` naming what was missing."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise StoreError(f"the store's answer lacks {what} (got {str(value)[:40]!r})") from None


class ResultRow(dict):
    """A result row in which a variable the answer lacks is unbound (``None``)."""

    def __missing__(self, key: str) -> None:
        return None


@dataclass
class SparqlResult:
    """A bounded answer of the SPARQL console."""

    form: str  # "SELECT", "ASK", "CONSTRUCT" or "DESCRIBE"
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    seconds: float = 0.0


class Store:
    """Read interface shared by the backends; subclasses implement ``_run``."""

    kind = "abstract"
    #: the data directory, when the store was loaded from files
    data_dir: Path | None = None

    def _run(self, text: str, timeout: float | None = None) -> Any:
        raise NotImplementedError

    def _rows(self, result: Any) -> Iterator[Row]:
        raise NotImplementedError

    # -- named queries -------------------------------------------------------

    def select(self, name: str, **bindings: Binding) -> list[Row]:
        """Rows of the named SELECT query; unbound variables are ``None``.

        Also the variables a remote endpoint left out of its answer (an answer for another
        query, after a redirect): a missing variable reads as unbound, never as a ``KeyError``.
        """
        return list(self._rows(self._run(bind_query(name, bindings))))

    def select_shipped(self, path: Path) -> list[Row]:
        """Rows of a SELECT read from a shipped ``.rq`` file (checks); never user text."""
        return list(self._rows(self._run(path.read_text(encoding="utf-8"))))

    def ask(self, name: str, **bindings: Binding) -> bool:
        """Answer of the named ASK query."""
        return bool(self._boolean(self._run(bind_query(name, bindings))))

    def construct(self, name: str, **bindings: Binding) -> Graph:
        """Graph built by the named CONSTRUCT query."""
        return self._graph(self._run(bind_query(name, bindings)))

    # -- the console -----------------------------------------------------------

    def sparql(self, text: str, *, limit: int = 1000, timeout: float = 10.0) -> SparqlResult:
        """Run a user's read-only query with a row cap, a time limit and a memory limit.

        The gate's canonical text is what runs (:mod:`graph.store.gate`), in a child
        process that is killed at either limit (:mod:`graph.store.bounded`).
        """
        checked = gate_query(text)
        start = time.perf_counter()
        result, triples = run_bounded(lambda: self._collect(checked.form, checked.text, limit, timeout),
                                      timeout=timeout)
        if triples is not None:
            result.graph = Graph()
            for triple in triples:
                result.graph.add(triple)
        result.seconds = time.perf_counter() - start
        return result

    def _collect(self, form: str, text: str, limit: int,
                 timeout: float) -> tuple[SparqlResult, list[tuple] | None]:
        """The bounded answer, with a graph's triples as a list (it crosses a pipe)."""
        raw = self._run(text, timeout=timeout)
        if form == "SelectQuery":
            it = self._rows(raw)
            try:
                rows = list(itertools.islice(it, limit + 1))
                variables = self._variables(raw, rows)
            finally:
                # Native result iterators must die in the thread that made them.
                it.close()
                del raw, it
                gc.collect()
            return SparqlResult("SELECT", variables, rows[:limit], truncated=len(rows) > limit), None
        if form == "AskQuery":
            return SparqlResult("ASK", boolean=bool(self._boolean(raw))), None
        # Read one triple past the cap and stop: a huge CONSTRUCT is never built whole.
        triples = list(itertools.islice(self._triples(raw), limit + 1))
        return SparqlResult(form.replace("Query", "").upper(), truncated=len(triples) > limit), \
            triples[:limit]

    def _triples(self, raw: Any) -> Iterator[tuple]:
        """The triples of a CONSTRUCT/DESCRIBE answer, one at a time."""
        yield from self._graph(raw)

    def _variables(self, raw: Any, rows: list[Row]) -> list[str]:
        return list(rows[0]) if rows else []

    def _boolean(self, raw: Any) -> bool:
        raise NotImplementedError

    def _graph(self, raw: Any) -> Graph:
        raise NotImplementedError

    # -- whole-graph operations (export, validate, stats) ----------------------

    def count(self) -> int:
        """Number of triples."""
        rows = self.select("triple_count")
        return _number(rows[0]["n"], "the triple count") if rows else 0

    def to_graph(self) -> Graph:
        """The whole graph as an rdflib ``Graph`` (export and validation only)."""
        return self.construct("all_triples")
