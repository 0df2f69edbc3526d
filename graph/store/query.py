"""Named queries and the only way values enter them: rdflib terms in a ``VALUES`` block.

Every read is a named query from ``ontology/queries/*.rq``. Values never enter a
query by string formatting of user text: they are rdflib terms, serialised with
every SPARQL escape into a ``VALUES`` block at the query's ``# @values`` marker.

>>> "VALUES (?entity)" in bind_query("entity_labels", {"entity": URIRef("http://ex/a")})
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Union

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph.errors import UsageError
from ontology import query_path

__all__ = ["Binding", "VALUES_MARKER", "read_query", "term_sparql", "values_clause", "bind_query"]

Binding = Union[Node, Iterable[Node]]

VALUES_MARKER = "# @values"
_BAD_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_ECHAR = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\b": "\\b", "\f": "\\f"})


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
