"""What a comparison table is made of: options, dimensions and sourced cells."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import URIRef

from graph.lexicon.names import label_of
from graph.reason.describe import Source

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MISSING", "Entry", "Cell", "GroupInfo", "ComparisonTable", "natural_key"]

#: What an unknown cell shows.
MISSING = "—"


@dataclass
class Entry:
    """Something with labels: an option, a dimension, a correction."""

    iri: URIRef
    labels: dict[str, str] = field(default_factory=dict)
    notation: str = ""
    order: float | None = None

    def label(self, lang: str = "en") -> str:
        """Label in ``lang`` (then en, ja, the IRI's last part)."""
        return label_of(self.labels, self.iri, lang)

    @property
    def code(self) -> str:
        """Short mark of a correction: its notation, else ``B4`` from ``kb:correction-b4``.

        >>> from ontology import KB
        >>> Entry(KB["correction-b4"]).code
        'B4'
        """
        if self.notation:
            return self.notation
        m = re.search(r"correction-(\w+)$", str(self.iri))
        return m.group(1).upper() if m else "!"


@dataclass
class Cell:
    """One (option, dimension) value: text in both languages, sources, corrections."""

    value: URIRef | None = None
    text: dict[str, str] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    corrections: list[URIRef] = field(default_factory=list)
    detail: str = ""

    def display(self, lang: str = "en") -> str:
        """Text in ``lang`` (or the other language), else ``—``."""
        return self.text.get(lang) or self.text.get("en") or self.text.get("ja") or MISSING


@dataclass
class GroupInfo:
    """A comparison group: names, members (display order) and dimensions."""

    iri: URIRef
    notation: str
    labels: dict[str, str]
    alt_labels: list[str]
    definition: dict[str, str]
    members: list[Entry]
    dimensions: list[URIRef]
    order: float | None = None

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``."""
        return label_of(self.labels, self.iri, lang)


@dataclass
class ComparisonTable:
    """A generated table: ``df`` holds the cell texts, ``cells`` the values behind them."""

    lang: str
    group: GroupInfo | None
    items: list[Entry]
    dimensions: list[Entry]
    cells: dict[tuple[URIRef, URIRef], Cell]
    corrections: dict[URIRef, Entry]
    df: pd.DataFrame
    diff_only: bool = False
    dropped: list[Entry] = field(default_factory=list)

    def cell(self, item: URIRef, dim: URIRef) -> Cell:
        """The cell of ``item`` on ``dim`` (an empty cell when unknown)."""
        return self.cells.get((item, dim)) or Cell()

    def text(self, item: URIRef, dim: URIRef) -> str:
        """What the table shows for ``item`` on ``dim`` in its language."""
        return self.cell(item, dim).display(self.lang)

    def footnotes(self) -> list[Source]:
        """Every source of the shown cells, numbered by first appearance (row by row)."""
        seen: dict[URIRef, Source] = {}
        for item in self.items:
            for dim in self.dimensions:
                for s in self.cell(item.iri, dim.iri).sources:
                    seen.setdefault(s.iri, s)
        return list(seen.values())

    def shown_corrections(self) -> list[Entry]:
        """Corrections that back a shown cell, B1 before B14."""
        used = {c for i in self.items for d in self.dimensions
                for c in self.cell(i.iri, d.iri).corrections}
        return sorted((self.corrections[c] for c in used if c in self.corrections),
                      key=lambda e: natural_key(e.code))


def natural_key(text: str) -> list:
    """Sort key that puts B2 before B14.

    >>> sorted(["B14", "B2", "B1"], key=natural_key)
    ['B1', 'B2', 'B14']
    """
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]
