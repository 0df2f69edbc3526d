"""A persistent pyoxigraph store in a directory, filled by ``awskg load``.

Every failure a user can meet (no store there, store locked, I/O error) becomes a
:class:`graph.errors.StoreError` with one clear line, never a traceback.

>>> OxigraphStore("/nonexistent")
Traceback (most recent call last):
...
graph.errors.UsageError: no Oxigraph store at /nonexistent; create one with: awskg load --location /nonexistent [FILES…]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryError, StoreError, UsageError
from graph.store.base import ResultRow, Row, Store

__all__ = ["OxigraphStore", "is_oxigraph_dir", "STATE_FILE"]

#: The load progress ``awskg load`` keeps in a store's directory (see :mod:`graph.ops.load`).
STATE_FILE = "awskg-load.json"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def is_oxigraph_dir(path: Path) -> bool:
    """Whether ``path`` holds an Oxigraph (RocksDB) store.

    >>> is_oxigraph_dir(Path("/nonexistent"))
    False
    """
    return (Path(path) / "CURRENT").is_file()


def _ox_converter() -> Any:
    import pyoxigraph as ox

    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal

    def convert(term: Any) -> Node | None:
        if term is None:
            return None
        kind = type(term)
        if kind is named:
            return URIRef(term.value)
        if kind is literal:
            if term.language:
                return Literal(term.value, lang=term.language)
            dt = term.datatype.value
            return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
        if kind is blank:
            return BNode(term.value)
        raise StoreError(f"unsupported term in result: {term!r}")

    return convert


class OxigraphStore(Store):
    """A persistent pyoxigraph store in a directory, filled by ``awskg load``.

    Opened read-only by default: several readers (the app, CLI calls) may share
    the directory; while ``awskg load`` writes to it, open it again afterwards to
    see the new data.
    """

    kind = "oxigraph"

    def __init__(self, location: Path | str, *, read_only: bool = True) -> None:
        import pyoxigraph as ox

        location = Path(location)
        if not is_oxigraph_dir(location):
            raise UsageError(
                f"no Oxigraph store at {location}; create one with: "
                f"awskg load --location {location} [FILES…]"
            )
        try:
            self.store = ox.Store.read_only(str(location)) if read_only else ox.Store(str(location))
        except OSError as err:
            text = str(err)
            if "lock" in text.lower():
                raise StoreError(f"the Oxigraph store at {location} is in use by another process "
                                 f"(an 'awskg load' or a server?)") from None
            raise StoreError(f"cannot open the Oxigraph store at {location}: {text}") from None
        self.location = location
        self.read_only = read_only
        self._convert = _ox_converter()

    def _run(self, text: str, timeout: float | None = None) -> Any:
        try:
            return self.store.query(text)
        except SyntaxError as err:
            raise QueryError(f"SPARQL error: {err}") from None
        except OSError as err:
            raise StoreError(f"Oxigraph store error at {self.location}: {err}") from None

    def _rows(self, result: Any) -> Iterator[Row]:
        names = [v.value for v in result.variables]
        convert = self._convert
        for sol in result:
            yield ResultRow((n, convert(sol[n])) for n in names)

    def _variables(self, raw: Any, rows: list[Row]) -> list[str]:
        return [v.value for v in raw.variables]

    def _boolean(self, raw: Any) -> bool:
        return bool(raw)

    def _graph(self, raw: Any) -> Graph:
        out, convert = Graph(), self._convert
        for t in raw:
            out.add((convert(t.subject), convert(t.predicate), convert(t.object)))
        return out

    def _triples(self, raw: Any) -> Iterator[tuple]:
        convert = self._convert
        for t in raw:
            yield convert(t.subject), convert(t.predicate), convert(t.object)

    def count(self) -> int:
        return len(self.store)
