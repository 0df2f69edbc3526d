"""The default store: an rdflib ``Graph`` on the Oxigraph store (oxrdflib), in memory.

SPARQL runs at Oxigraph speed while pySHACL and rdflib's serialisers still work.

>>> from graph.store.open import load_store
>>> kb = load_store()
>>> rows = kb.select("entity_labels", entity=KB["serverless-inference"])
>>> sorted(str(r["label"]) for r in rows if r["label"].language == "en")
['Serverless Inference']
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef

from graph.errors import QueryError
from graph.store.base import ResultRow, Row, Store
from graph.store.files import build_graph
from graph.store.paths import default_data_dir
from ontology import KB  # noqa: F401 - the doctest above

__all__ = ["MemoryStore"]

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
            yield ResultRow((n, _plain(r[i])) for i, n in enumerate(names))

    def _variables(self, raw: Any, rows: list[Row]) -> list[str]:
        return [str(v) for v in raw.vars]

    def _boolean(self, raw: Any) -> bool:
        return bool(raw.askAnswer)

    def _graph(self, raw: Any) -> Graph:
        out = Graph()
        for s, p, o in raw:
            out.add((s, p, _plain(o)))
        return out

    def _triples(self, raw: Any) -> Iterator[tuple]:
        for s, p, o in raw:
            yield s, p, _plain(o)

    def count(self) -> int:
        return len(self.g)

    def to_graph(self) -> Graph:
        return self.g
