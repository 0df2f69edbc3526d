"""The SPARQL console's read-only gate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.errors import QueryError

__all__ = ["check_read_only"]


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
