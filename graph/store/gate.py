"""The SPARQL console's read-only gate: the text it checks is the text that runs.

Two parsers see a console query: rdflib's (to check it) and the engine's
(Oxigraph, or the endpoint's, to run it). Where they read the same text
differently — where a comment ends, whether ``\\u005C`` is a backslash before or
after tokenising — a check on one reading says nothing about the other. So the
gate first rewrites the query into a canonical text on which the readings
cannot differ, checks *that* text, and hands it back to be run:

1. codepoint escapes (``\\uXXXX``, ``\\UXXXXXXXX``) are expanded once, before
   anything else, as the SPARQL grammar says (§19.2); text that still spells
   one afterwards is refused, so no later pass can expand it again;
2. every line break (CR LF, CR) becomes LF, and other control characters are
   refused, so "end of line" means one thing;
3. a strict lexer, written from the grammar's terminals, splits the text into
   code, strings, IRIs and comments; a string or IRI it cannot read to its end
   is refused rather than guessed; comments are dropped;
4. the code parts must not hold the keyword ``SERVICE`` (or ``LOAD``) at all,
   wherever a parser would put it; then rdflib parses the canonical text and
   only SELECT, ASK, CONSTRUCT and DESCRIBE without SERVICE pass.

>>> check_read_only("SELECT * WHERE { ?s ?p ?o }")
'SelectQuery'
>>> gate_query("SELECT ?s # a comment\\r\\nWHERE { ?s ?p ?o }").text
'SELECT ?s  \\nWHERE { ?s ?p ?o }'
>>> check_read_only("SELECT ?a WHERE { # \\r SERVICE <http://127.0.0.1:9/x> { ?a ?b ?c } \\n }")
Traceback (most recent call last):
...
graph.errors.QueryError: SERVICE (federated queries) is not allowed
>>> check_read_only("DROP ALL")
Traceback (most recent call last):
...
graph.errors.QueryError: only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graph.errors import QueryError

__all__ = ["CheckedQuery", "gate_query", "check_read_only", "canonical_text", "MAX_QUERY_CHARS"]

MAX_QUERY_CHARS = 50_000
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_CODEPOINT_LIKE = re.compile(r"\\[uU]")
_BAD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_ECHAR = set('tbnrf"\'\\')
_PN_LOCAL_ESC = set("_~.-!$&'()*+,;=/?#@%")
#: Keywords that reach outside the store. Matched in code only, not after ``?``/``$``
#: (variables) or ``:`` (prefixed names), and not as a prefix (``service:``).
_FORBIDDEN = re.compile(r"(?<![\w?$:\\])(SERVICE|LOAD)(?![\w:-])", re.I)


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the gate: its form and the canonical text to run."""

    form: str  # "SelectQuery", "AskQuery", "ConstructQuery" or "DescribeQuery"
    text: str


def _expand_codepoints(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise QueryError(f"invalid codepoint escape {m.group(0)!r}")
        return chr(code)

    out = _CODEPOINT.sub(one, text)
    if _CODEPOINT_LIKE.search(out) and _CODEPOINT.search(out):
        raise QueryError("a codepoint escape spells another one (\\u…): not allowed in the console")
    return out


def _string_end(text: str, i: int) -> int:
    """Index just past the string literal starting at ``text[i]`` (SPARQL §19.8 terminals)."""
    quote = text[i]
    long = text.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    n = len(text)
    while j < n:
        ch = text[j]
        if ch == "\\":
            if j + 1 >= n or text[j + 1] not in _ECHAR:
                raise QueryError(f"invalid escape in a string at character {j + 1}")
            j += 2
            continue
        if long:
            if text.startswith(quote * 3, j):  # content quotes come in runs of one or two
                return j + 3
        elif ch == quote:
            return j + 1
        elif ch == "\n":
            raise QueryError(f"a line break inside a short string at character {j + 1}")
        j += 1
    raise QueryError(f"a string that starts at character {i + 1} never ends")


def canonical_text(text: str) -> tuple[str, str]:
    """(the text to parse and run, its code parts alone) — see the module docs.

    >>> canonical_text('SELECT * { ?s ?p "a#b" } # c')
    ('SELECT * { ?s ?p "a#b" }  ', 'SELECT * { ?s ?p   }  ')
    """
    text = _expand_codepoints(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _BAD_CONTROL.search(text)
    if bad:
        raise QueryError(f"control character U+{ord(bad.group()):04X} at character {bad.start() + 1}")
    out: list[str] = []
    code: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            out.append(" ")
            code.append(" ")
        elif ch in "\"'":
            j = _string_end(text, i)
            out.append(text[i:j])
            code.append(" ")
            i = j
        elif ch == "<":
            m = _IRIREF.match(text, i)
            if m:  # an IRI; otherwise the operator < or <=
                out.append(m.group())
                code.append(" ")
                i = m.end()
            else:
                out.append(ch)
                code.append(ch)
                i += 1
        elif ch == "\\":
            if i + 1 < n and text[i + 1] in _PN_LOCAL_ESC:  # ex:a\#b is a name, not a comment
                out.append(text[i:i + 2])
                code.append("_")
                i += 2
            else:
                raise QueryError(f"a stray backslash at character {i + 1}")
        else:
            out.append(ch)
            code.append(ch)
            i += 1
    return "".join(out), "".join(code)


def gate_query(text: str) -> CheckedQuery:
    """Check a console query and return the canonical text that will run (module docs)."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql import parser

    if not text or not text.strip():
        raise QueryError("the query is empty")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError("the query is longer than 50,000 characters")
    canon, code = canonical_text(text)
    hit = _FORBIDDEN.search(code)
    if hit and hit.group(1).upper() == "SERVICE":
        raise QueryError("SERVICE (federated queries) is not allowed")
    if hit:
        raise QueryError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed")
    try:
        parsed = parser.parseQuery(canon)
    except ParseException as err:
        try:
            parser.parseUpdate(canon)
        except Exception:
            raise QueryError(f"SPARQL syntax error at line {err.lineno}, column {err.col}") from None
        raise QueryError("only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed") from None
    except Exception as err:  # rdflib raises assorted errors on odd input
        raise QueryError(f"SPARQL syntax error: {str(err)[:200]}") from None
    query = parsed[1]
    if _contains(query, "ServiceGraphPattern"):
        raise QueryError("SERVICE (federated queries) is not allowed")
    return CheckedQuery(str(query.name), canon)


def check_read_only(text: str) -> str:
    """The query form of a console query, or a :class:`QueryError` (see :func:`gate_query`)."""
    return gate_query(text).form


def _contains(node: Any, name: str) -> bool:
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, Mapping):
        return any(_contains(v, name) for v in node.values())
    if isinstance(node, (list, tuple)):
        return any(_contains(v, name) for v in node)
    return False
