"""Renderers of a :class:`graph.compare.ComparisonTable`: CSV, Markdown, JSON and a terminal grid.

Markdown and the terminal grid number every source once (first appearance, row by row) and
end each cell with its footnote numbers and a ⚠ mark per correction backing it.

>>> from graph.store import load_store
>>> from graph.compare import compare, resolve_group
>>> kb = load_store()
>>> t = compare(kb, resolve_group(kb, "emr"), "en")
>>> "| EMR task node | TASK [" in to_markdown(t)
True
"""

from __future__ import annotations

import io
import json
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the table module imports this one
    from rdflib import URIRef

    from graph.compare.table import Cell, ComparisonTable

__all__ = ["to_csv", "to_markdown", "to_dict", "to_json", "to_text", "display_width", "wrap"]

HEAD = {"en": "Option", "ja": "選択肢"}
_NO_LINE_START = set("、。，．）」』】〕・：；！？ーァィゥェォッャュョ),.;:!?")


SOURCES_HEAD = {"en": "Sources", "ja": "出典"}


def to_csv(table: ComparisonTable) -> str:
    """CSV: first column the option's label, one column per dimension, then the row's sources.

    Each cell keeps its footnote numbers and ⚠ correction codes (``4 MB [2] ⚠B1``); the
    last column (``Sources`` / ``出典``) spells out the row's numbered sources, so a
    spreadsheet keeps where every value came from and the table stays rectangular.
    Unknown cells are ``—``.
    """
    numbers = _numbers(table)
    by_number = {numbers[s.iri]: s for s in table.footnotes()}
    df = table.df.copy()
    sources = []
    for r, item in enumerate(table.items):
        used: set[int] = set()
        for k, dim in enumerate(table.dimensions):
            cell = table.cells.get((item.iri, dim.iri))
            if cell is None:
                continue
            marks = _marks(table, cell, numbers)
            if marks:
                df.iat[r, k] = f"{df.iat[r, k]} {marks}"
            used |= {numbers[s.iri] for s in cell.sources if s.iri in numbers}
        sources.append(" | ".join(f"[{n}] {by_number[n].describe(table.lang)}" for n in sorted(used)))
    df[SOURCES_HEAD.get(table.lang, SOURCES_HEAD["en"])] = sources
    buf = io.StringIO()
    df.to_csv(buf, lineterminator="\n")
    return buf.getvalue()


def _numbers(table: ComparisonTable) -> dict[URIRef, int]:
    return {s.iri: n for n, s in enumerate(table.footnotes(), 1)}


def _marks(table: ComparisonTable, cell: Cell, numbers: dict[URIRef, int]) -> str:
    refs = "".join(f"[{numbers[s.iri]}]" for s in cell.sources if s.iri in numbers)
    fixes = " ".join(f"⚠{table.corrections[c].code}" for c in cell.corrections
                     if c in table.corrections)
    return " ".join(p for p in (refs, fixes) if p)


def _shown(table: ComparisonTable, cell: Cell, numbers: dict[URIRef, int]) -> str:
    marks = _marks(table, cell, numbers)
    return cell.display(table.lang) + (f" {marks}" if marks else "")


def _title(table: ComparisonTable) -> str:
    if table.group is not None:
        return table.group.label(table.lang)
    return "比較" if table.lang == "ja" else "Comparison"


def _omitted(table: ComparisonTable) -> str:
    head = "同じ値のため省略した観点: " if table.lang == "ja" else "Omitted (same for all): "
    return head + ", ".join(d.label(table.lang) for d in table.dropped)


def to_markdown(table: ComparisonTable) -> str:
    """A Markdown table with numbered source footnotes and ⚠ correction marks per cell."""
    lang = table.lang
    numbers = _numbers(table)

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    head = [HEAD.get(lang, HEAD["en"])] + [d.label(lang) for d in table.dimensions]
    lines = [f"## {esc(_title(table))}", "", "| " + " | ".join(esc(h) for h in head) + " |",
             "|" + "---|" * len(head)]
    for item in table.items:
        row = [item.label(lang)] + [_shown(table, table.cell(item.iri, d.iri), numbers)
                                    for d in table.dimensions]
        lines.append("| " + " | ".join(esc(c) for c in row) + " |")
    if numbers:
        lines += ["", "出典:" if lang == "ja" else "Sources:", ""]
        lines += [f"[{numbers[s.iri]}] {esc(s.describe(lang))}  " for s in table.footnotes()]
    fixes = table.shown_corrections()
    if fixes:
        lines += ["", "訂正（ノートと AWS ドキュメントの相違）:" if lang == "ja"
                  else "Corrections (notes vs AWS docs):", ""]
        lines += [f"⚠{c.code} {esc(c.label(lang))} ({c.iri})  " for c in fixes]
    if table.dropped:
        lines += ["", esc(_omitted(table))]
    return "\n".join(lines) + "\n"


def to_dict(table: ComparisonTable) -> dict:
    """Everything in the table as JSON-ready data (both languages, sources, corrections)."""
    numbers = _numbers(table)
    g = table.group
    return {
        "group": None if g is None else {"iri": str(g.iri), "notation": g.notation,
                                         "label": g.labels},
        "lang": table.lang,
        "diff_only": table.diff_only,
        "dimensions": [{"iri": str(d.iri), "label": d.labels} for d in table.dimensions],
        "dropped_dimensions": [str(d.iri) for d in table.dropped],
        "rows": [{
            "iri": str(i.iri), "label": i.labels,
            "cells": [{
                "dimension": str(d.iri),
                "value": str(c.value) if c.value is not None else None,
                "text": c.text or None,
                "display": c.display(table.lang),
                "sources": [s.id for s in c.sources],
                "footnotes": [numbers[s.iri] for s in c.sources if s.iri in numbers],
                "corrections": [str(x) for x in c.corrections],
                "detail": c.detail or None,
            } for d in table.dimensions for c in [table.cell(i.iri, d.iri)]],
        } for i in table.items],
        "sources": [{"n": numbers[s.iri], "id": s.id, "iri": str(s.iri), "kind": s.kind,
                     "title": s.title or None, "checked": s.checked or None,
                     "lines": list(s.lines) if s.lines else None} for s in table.footnotes()],
        "corrections": [{"iri": str(c.iri), "code": c.code, "label": c.labels}
                        for c in table.shown_corrections()],
    }


def to_json(table: ComparisonTable) -> str:
    """:func:`to_dict` as pretty UTF-8 JSON text (Japanese stays readable)."""
    return json.dumps(to_dict(table), ensure_ascii=False, indent=2) + "\n"


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (wide CJK characters count 2).

    >>> display_width("GPU 不可")
    8
    """
    return sum(2 if _wide(ch) else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap to ``width`` columns, keeping Latin words whole and anywhere in CJK text.

    >>> wrap("ab cd ef", 5)
    ['ab cd', 'ef']
    >>> wrap("日本語のテキスト", 6)
    ['日本語', 'のテキ', 'スト']
    >>> wrap("MinCapacity ≥ 1); only endpoints", 20)
    ['MinCapacity ≥ 1);', 'only endpoints']
    >>> wrap("あいう、えお", 6)
    ['あい', 'う、え', 'お']
    >>> wrap("YARN NodeManager、Spark", 18)
    ['YARN NodeManager、', 'Spark']
    """
    lines: list[str] = []
    line = ""
    for ch in text:
        if display_width(line + ch) > width:
            # the narrow word at the end of the line, carried over whole when it fits
            k = len(line)
            while k > 0 and line[k - 1] != " " and not _wide(line[k - 1]):
                k -= 1
            word = line[k:]
            carry = ch != " " and (not _wide(ch) or ch in _NO_LINE_START)
            if carry and word and k > 0 and display_width(word + ch) <= width:
                lines.append(line[:k].rstrip())
                line = word
            elif ch in _NO_LINE_START and len(line) > 1:
                # Japanese line breaking: closing punctuation never starts a line.
                lines.append(line[:-1].rstrip())
                line = line[-1]
            else:
                lines.append(line.rstrip())
                line = ""
            if ch == " " and not line:
                continue
        line += ch
    if line or not lines:
        lines.append(line)
    return lines


def to_text(table: ComparisonTable, width: int = 120) -> str:
    """A terminal grid (dimensions down, options across) that fits ``width`` where it can."""
    lang = table.lang
    numbers = _numbers(table)
    out = [f"{_title(table)}  ({len(table.items)} × {len(table.dimensions)})"]
    if not table.dimensions:
        out += ["  " + i.label(lang) for i in table.items]
        out.append("比較できる値がありません。" if lang == "ja" else "No comparison values for this selection.")
        return "\n".join(out) + "\n"
    first = min(max(display_width(d.label(lang)) for d in table.dimensions), 24)
    n = len(table.items)
    widths = [first] + [max(12, (width - first - 3 * n - 4) // n)] * n

    def grid_row(cells: list[str]) -> list[str]:
        wrapped = [wrap(c, w) for c, w in zip(cells, widths)]
        rows = []
        for k in range(max(len(w) for w in wrapped)):
            parts = [(w[k] if k < len(w) else "") for w in wrapped]
            rows.append("| " + " | ".join(p + " " * (widths[j] - display_width(p))
                                          for j, p in enumerate(parts)) + " |")
        return rows

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out += [rule, *grid_row([""] + [i.label(lang) for i in table.items]), rule]
    for dim in table.dimensions:
        cells = [_shown(table, table.cell(i.iri, dim.iri), numbers) for i in table.items]
        out += grid_row([dim.label(lang)] + cells) + [rule]
    if numbers:
        out.append("出典:" if lang == "ja" else "Sources:")
        out += [f"  [{numbers[s.iri]}] {s.describe(lang)}" for s in table.footnotes()]
    fixes = table.shown_corrections()
    if fixes:
        out.append("訂正:" if lang == "ja" else "Corrections:")
        out += [f"  ⚠{c.code} {c.label(lang)}" for c in fixes]
    if table.dropped:
        out.append(_omitted(table))
    return "\n".join(out) + "\n"
