"""Compare page: a comparison group (or your own selection) as a generated table,
with numbered sources, correction marks and CSV / Markdown downloads.

URL state: ``?group=inference&diff=1`` or ``?items=kb:a,kb:b``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from rdflib import URIRef

from graph.errors import KGError
from graph.ui import common as c
from graph.ui.i18n import t
from ontology import AWSKG

CUSTOM = "custom"
_OPTION_CLASSES = (AWSKG.Service, AWSKG.Capability, AWSKG.Solution)


@st.cache_data(show_spinner=False)
def _groups(key: str, lang: str) -> list[Any]:
    from graph.compare import list_groups

    return list_groups(c.get_store(), lang)


@st.cache_data(show_spinner=False, max_entries=128)
def _table(key: str, target: tuple[str, ...], is_group: bool, lang: str, diff: bool) -> Any:
    from graph.compare import compare

    what = URIRef(target[0]) if is_group else [URIRef(x) for x in target]
    return compare(c.get_store(), what, lang, diff)


def _display(table: Any, lang: str) -> tuple[pd.DataFrame, list[Any]]:
    """Cell texts with their footnote numbers and correction codes, and the footnotes."""
    notes = table.footnotes()
    numbers = {s.iri: n for n, s in enumerate(notes, 1)}
    rows = []
    for item in table.items:
        row = []
        for dim in table.dimensions:
            cell = table.cell(item.iri, dim.iri)
            marks = "".join(f"[{numbers[s.iri]}]" for s in cell.sources if s.iri in numbers)
            fixes = " ".join(f"⚠{table.corrections[x].code}" for x in cell.corrections
                             if x in table.corrections)
            row.append(" ".join(p for p in (cell.display(lang), marks, fixes) if p))
        rows.append(row)
    df = pd.DataFrame(rows, index=pd.Index([i.label(lang) for i in table.items],
                                           name=t("compare.option", lang)),
                      columns=[d.label(lang) for d in table.dimensions])
    return df, notes


def render() -> None:
    """Draw the Compare page."""
    from graph.compare import to_csv, to_markdown  # pandas: only when this page is opened

    lang = c.current_lang()
    key = c.store_key()
    st.header(t("compare.title", lang))
    groups = _groups(key, lang)
    by_notation = {g.notation: g for g in groups}
    choices = [g.notation for g in groups] + [CUSTOM]
    c.url_state("compare_group", choices[0], param="group",
                parse=lambda s: s if s in choices else choices[0])
    if st.query_params.get("items") and "compare_group" not in st.query_params:
        st.session_state["compare_group"] = CUSTOM
    cols = st.columns([3, 1], vertical_alignment="bottom")
    chosen = c.select_by_language(
        cols[0], t("compare.group", lang), choices, "compare_group", lang,
        lambda n: t("compare.custom", lang) if n == CUSTOM else
        f"{by_notation[n].label(lang)} ({len(by_notation[n].members)})")
    c.url_state("compare_diff", False, param="diff", parse=lambda s: s in ("1", "true"))
    diff = cols[1].toggle(t("compare.diff", lang), key="compare_diff")
    c.sync_url("group", chosen, key="compare_group")
    c.sync_url("diff", "1" if diff else None, key="compare_diff")

    if chosen == CUSTOM:
        types = c.lex().types
        options = sorted((str(i) for i, typ in types.items() if typ in _OPTION_CLASSES),
                         key=lambda i: c.label(i, lang).casefold())
        c.url_state("compare_items", [], param="items",
                    parse=lambda s: [str(c.expand_iri(x)) for x in s.split(",") if c.expand_iri(x)])
        kept = [x for x in st.session_state["compare_items"] if x in options]
        st.session_state["compare_items"] = kept
        items = st.multiselect(t("compare.items", lang), options, key="compare_items",
                               format_func=lambda i: f"{c.label(i, lang)} "
                               f"({c.class_label(types.get(URIRef(i)), lang)})",
                               max_selections=8, placeholder=t("compare.items_hint", lang))
        c.sync_url("items", [c.short_iri(i) for i in items], key="compare_items")
        if not items:
            st.info(t("compare.items_hint", lang))
            return
        target, is_group = tuple(items), False
    else:
        group = by_notation[chosen]
        definition = group.definition.get(lang) or group.definition.get("en") or ""
        if definition:
            st.caption(c.md(definition))
        target, is_group = (str(group.iri),), True
    try:
        table = _table(key, target, is_group, lang, diff)
    except KGError as err:
        st.error(str(err))
        return
    if not table.dimensions:
        st.info(t("compare.empty", lang))
        return
    df, notes = _display(table, lang)
    with st.container(key="compare_table"):
        # A static table wraps long cells; a dataframe grid would cut them off.
        st.table(df)
    total = len(table.dimensions) + len(table.dropped)
    if table.dropped:
        dims = ", ".join(c.md(d.label(lang)) for d in table.dropped)
        st.caption(t("compare.dropped", lang, n=len(table.dropped), total=total, dims=dims))
    elif diff:
        st.caption(t("compare.all_differ", lang, total=total))
    dl = st.container(horizontal=True)
    dl.download_button(t("common.download_csv", lang), to_csv(table).encode("utf-8"),
                          file_name=f"awskg-compare-{chosen}-{lang}.csv", mime="text/csv",
                          key="compare_csv")
    dl.download_button(t("common.download_md", lang), to_markdown(table).encode("utf-8"),
                          file_name=f"awskg-compare-{chosen}-{lang}.md", mime="text/markdown",
                          key="compare_md")
    fixes = table.shown_corrections()
    if fixes:
        st.markdown(f"**{c.correction_badge(lang)} {t('explore.corrections', lang)}**")
        # Correction labels already start with their code ("B1: …").
        st.markdown("  \n".join(
            f"⚠{c.md(f.code)} {c.md(f.label(lang).removeprefix(f.code + ':').strip())}"
            for f in fixes))
    if notes:
        st.markdown(f"**{t('common.sources', lang)}**")
        st.caption("  \n".join(f"\\[{n}\\] " + c.source_line(s, lang)
                               for n, s in enumerate(notes, 1)))


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.compare import render as _render

    _render()
