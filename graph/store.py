"""One read interface over three backends, driven by named SPARQL queries.

* ``memory`` (default): an rdflib ``Graph`` on the Oxigraph store (oxrdflib), so
  SPARQL runs at Oxigraph speed while pySHACL and rdflib serialisers still work;
* ``oxigraph``: a persistent pyoxigraph store in a directory (``awskg load``);
* ``sparql``: any SPARQL 1.1 query endpoint (Oxigraph server, Fuseki, Neptune …).

All reads are named queries from ``ontology/queries/*.rq``. Values never enter a
query by string formatting of user text: they are rdflib terms, serialised by
rdflib into a ``VALUES`` block at the query's ``# @values`` marker.

>>> kb = load_store()
>>> rows = kb.select("entity_labels", entity=KB["serverless-inference"])
>>> sorted(str(r["label"]) for r in rows if r["label"].language == "en")
['Serverless Inference']
"""

from __future__ import annotations

import functools
import gc
import itertools
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from ontology import KB, ONTOLOGY_DIR, PREFIXES, query_path

from .errors import DataError, QueryError, UsageError
from .notes import sections_graph
from .paths import NOTES_GLOB, default_data_dir

__all__ = [
    "Store",
    "MemoryStore",
    "OxigraphStore",
    "SparqlStore",
    "SparqlResult",
    "load_store",
    "data_files",
    "read_query",
    "check_read_only",
    "KB",
]

Binding = Union[Node, Iterable[Node]]
Row = dict[str, Any]

#: Files loaded from a data directory, by suffix, with the Oxigraph parser name.
RDF_SUFFIXES = {".ttl": "ox-turtle", ".nt": "ox-ntriples", ".rdf": "ox-xml"}
VALUES_MARKER = "# @values"
_BAD_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\b": "\\b", "\f": "\\f"})


# ---------------------------------------------------------------- query text


@functools.cache
def read_query(name: str) -> str:
    """Text of the named query ``ontology/queries/<name>.rq``.

    >>> "SELECT" in read_query("entity_labels")
    True
    """
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"bad query name {name!r}")
    path = query_path(name)
    if not path.is_file():
        raise ValueError(f"no named query {name!r} in {path.parent}")
    return path.read_text(encoding="utf-8")


def term_sparql(term: Node) -> str:
    """A term in SPARQL syntax, escaped by rdflib; hostile IRIs are refused.

    >>> print(term_sparql(Literal('say "hi"\\n} DROP ALL', lang="en")))
    "say \\"hi\\"\\n} DROP ALL"@en
    """
    if isinstance(term, URIRef):
        if _BAD_IRI.search(str(term)):
            raise UsageError(f"not a valid IRI: {str(term)[:80]!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        # Single-line form with every SPARQL ECHAR escaped: nothing can close the string.
        body = str(term).translate(_ECHAR)
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise UsageError(f"not a valid language tag: {term.language[:20]!r}")
            return f'"{body}"@{term.language}'
        if term.datatype is not None:
            return f'"{body}"^^{term_sparql(URIRef(term.datatype))}'
        return f'"{body}"'
    raise TypeError(f"cannot bind {type(term).__name__} into a query")


def values_clause(bindings: Mapping[str, Binding]) -> str:
    """A SPARQL ``VALUES`` block: the cartesian product of the bound values.

    >>> values_clause({"x": URIRef("http://ex/a"), "y": [Literal(1), Literal(2)]})
    'VALUES (?x ?y) { (<http://ex/a> "1"^^<http://www.w3.org/2001/XMLSchema#integer>) \
(<http://ex/a> "2"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    """
    names, columns = [], []
    for name, value in bindings.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ValueError(f"bad variable name {name!r}")
        names.append(name)
        if isinstance(value, (URIRef, Literal)):
            columns.append([value])
        else:
            columns.append(list(value))
    rows = " ".join(
        "(" + " ".join(term_sparql(t) for t in combo) + ")"
        for combo in itertools.product(*columns)
    )
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {rows} }}"


def bind_query(name: str, bindings: Mapping[str, Binding]) -> str:
    """The named query with ``bindings`` placed at its ``# @values`` marker."""
    text = read_query(name)
    if not bindings:
        return text
    if VALUES_MARKER not in text:
        raise ValueError(f"query {name!r} takes no bindings (no {VALUES_MARKER!r} line)")
    return text.replace(VALUES_MARKER, values_clause(bindings), 1)


def check_read_only(text: str) -> str:
    """Refuse anything but one SELECT/ASK/CONSTRUCT/DESCRIBE without SERVICE.

    Returns the query form. rdflib's parser is used only to look at the query;
    it is then run unchanged by the backend.

    >>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
    'SelectQuery'
    >>> check_read_only("DROP ALL")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import parser

    if not text.strip():
        raise QueryError("the query is empty")
    if len(text) > 50_000:
        raise QueryError("the query is longer than 50,000 characters")
    try:
        parsed = parser.parseQuery(text)
    except ParseException as err:
        try:
            parser.parseUpdate(text)
        except Exception:
            raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}") from None
        raise QueryError(
            "only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed"
        ) from None
    except Exception as err:  # rdflib raises assorted errors on odd input
        raise QueryError(f"SPARQL syntax error: {err}") from None
    query = parsed[1]
    if _contains(query, "ServiceGraphPattern"):
        raise QueryError("SERVICE (federated queries) is not allowed")
    return str(query.name)


def _contains(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, Mapping):
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_contains(v, name) for v in node)
    return False


# ---------------------------------------------------------------- results


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


# ---------------------------------------------------------------- data files


def data_files(data_dir: Path) -> tuple[list[Path], list[Path]]:
    """(RDF files, notes files) under ``data_dir``, sorted for stable loads."""
    if not data_dir.is_dir():
        raise UsageError(f"data directory not found: {data_dir}")
    rdf = sorted(p for p in data_dir.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())
    notes = sorted(data_dir.glob(NOTES_GLOB))
    if not rdf:
        raise UsageError(f"no RDF files (*.ttl, *.nt, *.rdf) in {data_dir}")
    return rdf, notes


def ontology_files() -> list[Path]:
    """Vocabulary files loaded with the data (the SHACL shapes are not data)."""
    return [p for p in sorted(ONTOLOGY_DIR.glob("*.ttl")) if p.name != "shapes.ttl"]


def parse_into(g: Graph, path: Path) -> None:
    """Parse one file into ``g``; a syntax error names the file and line."""
    try:
        g.parse(path, format=RDF_SUFFIXES.get(path.suffix, "ox-turtle"))
    except SyntaxError as err:
        msg = str(err.msg if hasattr(err, "msg") else err)
        line = err.lineno or "?"
        raise DataError(f"{path}:{line}: {msg}") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise DataError(f"{path}: {err}") from None


def build_graph(data_dir: Path | None = None) -> Graph:
    """The ontology, the data and the notes' sections in one Oxigraph-backed graph."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    rdf, notes = data_files(data_dir)
    g = Graph(store="Oxigraph")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for path in ontology_files() + rdf:
        parse_into(g, path)
    for path in notes:
        g += sections_graph(path, str(path.relative_to(data_dir)))
    return g


# ---------------------------------------------------------------- backends


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
        """Rows of the named SELECT query; unbound variables are ``None``."""
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
        """Run a user's read-only query with a row cap and a time limit."""
        form = check_read_only(text)
        start = time.perf_counter()
        result = _with_timeout(lambda: self._collect(form, text, limit, timeout), timeout)
        result.seconds = time.perf_counter() - start
        return result

    def _collect(self, form: str, text: str, limit: int, timeout: float) -> SparqlResult:
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
            return SparqlResult("SELECT", variables, rows[:limit], truncated=len(rows) > limit)
        if form == "AskQuery":
            return SparqlResult("ASK", boolean=bool(self._boolean(raw)))
        g = self._graph(raw)
        truncated = len(g) > limit
        if truncated:
            small = Graph()
            for t in itertools.islice(g, limit):
                small.add(t)
            g = small
        return SparqlResult(form.replace("Query", "").upper(), graph=g, truncated=truncated)

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
        return int(rows[0]["n"]) if rows else 0

    def to_graph(self) -> Graph:
        """The whole graph as an rdflib ``Graph`` (export and validation only)."""
        return self.construct("all_triples")


_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def _plain(term: Any) -> Any:
    """``"x"^^xsd:string`` → ``"x"``: oxrdflib spells the datatype out, the other
    backends (and rdflib's parsers) do not, and rdflib does not equate the two.

    >>> _plain(Literal("x", datatype=_XSD_STRING)) == Literal("x")
    True
    """
    if type(term) is Literal and term.datatype == _XSD_STRING:
        return Literal(str(term))
    return term


class MemoryStore(Store):
    """rdflib ``Graph`` on the Oxigraph store, loaded from a data directory."""

    kind = "memory"

    def __init__(self, g: Graph, data_dir: Path | None = None) -> None:
        self.g = g
        self.data_dir = data_dir

    @classmethod
    def from_dir(cls, data_dir: Path | None = None) -> MemoryStore:
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        return cls(build_graph(data_dir), data_dir)

    def _run(self, text: str, timeout: float | None = None) -> Any:
        try:
            return self.g.query(text)
        except SyntaxError as err:
            raise QueryError(f"SPARQL error: {err}") from None

    def _rows(self, result: Any) -> Iterator[Row]:
        names = [str(v) for v in result.vars]
        for r in result:
            yield {n: _plain(r[i]) for i, n in enumerate(names)}

    def _variables(self, raw: Any, rows: list[Row]) -> list[str]:
        return [str(v) for v in raw.vars]

    def _boolean(self, raw: Any) -> bool:
        return bool(raw.askAnswer)

    def _graph(self, raw: Any) -> Graph:
        out = Graph()
        for s, p, o in raw:
            out.add((s, p, _plain(o)))
        return out

    def count(self) -> int:
        return len(self.g)

    def to_graph(self) -> Graph:
        return self.g


def _with_timeout(fn: Any, timeout: float) -> Any:
    """Run ``fn`` in a worker thread; give up waiting after ``timeout`` seconds.

    In-process engines cannot be interrupted, so a runaway query keeps its
    thread until it ends, but the caller gets its answer (an error) in time.
    """
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn()
        except BaseException as err:  # handed back to the caller below
            box["error"] = err

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        raise QueryError(f"the query did not finish within {timeout:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def load_store(
    data_dir: Path | str | None = None,
    *,
    kind: str = "memory",
    endpoint: str | None = None,
    location: Path | str | None = None,
) -> Store:
    """Open the store the user asked for.

    >>> load_store(kind="nope")
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: unknown store 'nope' (choose memory, oxigraph or sparql)
    """
    if kind == "memory":
        return MemoryStore.from_dir(Path(data_dir) if data_dir else None)
    if kind == "oxigraph":
        if not location:
            raise UsageError("--store oxigraph needs --location DIR")
        from .backends import OxigraphStore

        return OxigraphStore(Path(location))
    if kind == "sparql":
        if not endpoint:
            raise UsageError("--store sparql needs --endpoint URL (or AWSKG_ENDPOINT)")
        from .backends import SparqlStore

        return SparqlStore(endpoint)
    raise UsageError(f"unknown store {kind!r} (choose memory, oxigraph or sparql)")


def __getattr__(name: str) -> Any:
    # The persistent and remote backends live in graph/backends.py (this module would
    # pass 400 lines); they subclass Store, so they are imported on first use.
    if name in ("OxigraphStore", "SparqlStore"):
        from . import backends

        return getattr(backends, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
