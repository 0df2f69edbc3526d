"""Helpers shared by the command modules: JSON output and label picking."""

from __future__ import annotations

import json
from typing import Any, TextIO

from rdflib import Literal
from rdflib.term import Node

__all__ = ["dump_json", "result_head", "term_json"]


def term_json(term: Node | None) -> Any:
    """A term as JSON: IRIs and plain literals as strings, numbers as numbers.

    >>> from rdflib import URIRef
    >>> term_json(Literal(3)), term_json(URIRef("http://x"))
    (3, 'http://x')
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    return str(term)


def dump_json(obj: Any, out: TextIO) -> None:
    """Pretty, UTF-8 JSON (Japanese stays readable)."""
    json.dump(obj, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def result_head(chosen: str | None, key: str, label: str, lang: str) -> list[str]:
    """The lines after an answer: right or wrong (when one was chosen), then the right option.

    >>> result_head("B", "A", "Serverless", "en")
    ['', 'Not quite (you chose B).', 'Answer: A. Serverless']
    """
    ja = lang == "ja"
    lines = [""]
    if chosen is not None:
        ok = chosen == key
        lines.append(("正解！" if ok else f"不正解（選んだのは {chosen}）。") if ja else
                     ("Correct!" if ok else f"Not quite (you chose {chosen})."))
    lines.append(f"{'正解' if ja else 'Answer'}: {key}. {label}")
    return lines
