"""Sources page: the notes section by section, with what the graph derives from each,
the corrections (where the notes disagree with AWS documentation) and the cited documents.

URL state: ``?section=13``.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from graph.reason.describe import section_assessments, sources_for, statements
from graph.ui import common as c
from graph.ui.i18n import t
from ontology import AWSKG

_DERIVED = {str(PROV.wasDerivedFrom)}
_COUNTED = (AWSKG.ComparisonValue, AWSKG.Dimension)
#: Big graphs cite a section thousands of times: the page lists this many per class / in all.
SHOW_PER_CLASS = 60
SHOW_ASSESSMENTS = 50
SHOW_DOCUMENTS = 500


def _section_number(iri: URIRef) -> int:
    m = re.search(r"note-(\d+)$", str(iri))
    return int(m.group(1)) if m else 10**6


@st.cache_data(show_spinner=False)
def _sections(key: str) -> list[str]:
    types = c.lex().types
    notes = [iri for iri, typ in types.items() if typ == AWSKG.NoteSection]
    return [str(n) for n in sorted(notes, key=_section_number)]


@st.cache_data(show_spinner=False, max_entries=64)
def _section(key: str, note: str) -> dict[str, Any]:
    """Body, line range and everything derived from one note section (bounded for big graphs)."""
    store = c.get_store()
    d = c.cached_describe(note)
    src = sources_for(store, [URIRef(note)]).get(URIRef(note))
    derived = [link for link in d.links
               if link.direction == "in" and str(link.predicate) in _DERIVED]
    assessments, total = section_assessments(store, URIRef(note))
    entities = [link for link in derived if link.target_type != AWSKG.Assessment]
    return {"details": d, "source": src, "entities": entities,
            "assessments": assessments, "assessments_total": total}


@st.cache_data(show_spinner=False)
def _corrections(key: str) -> list[dict[str, Any]]:
    store = c.get_store()
    corr = sorted((iri for iri, typ in c.lex().types.items() if typ == AWSKG.Correction),
                  key=lambda i: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", str(i))])
    props = statements(store, corr)
    refs = [r for p in props.values()
            for r in p.get(PROV.wasDerivedFrom, []) + p.get(DCTERMS.source, [])]
    known = sources_for(store, refs)
    targets: dict[URIRef, list[URIRef]] = {}
    for iri in corr:
        targets[iri] = [x.target for x in c.cached_describe(iri).links
                        if x.direction == "out" and x.predicate == AWSKG.corrects]
    out = []
    for iri in corr:
        p = props.get(iri, {})

        def by_lang(prop: URIRef, p: dict = p) -> dict[str, str]:
            return {getattr(v, "language", None) or "en": str(v) for v in p.get(prop, [])}

        refs = list(dict.fromkeys(p.get(PROV.wasDerivedFrom, []) + p.get(DCTERMS.source, [])))
        out.append({
            "iri": iri, "labels": by_lang(SKOS.prefLabel), "note_says": by_lang(AWSKG.noteSays),
            "sources_say": by_lang(AWSKG.sourcesSay), "targets": targets[iri],
            "sources": [known[r] for r in refs if r in known],
        })
    return out


@st.cache_data(show_spinner=False)
def _documents(key: str) -> list[Any]:
    docs = sorted(iri for iri, typ in c.lex().types.items() if typ == AWSKG.Document)
    found = sources_for(c.get_store(), docs[:SHOW_DOCUMENTS])
    return {"shown": sorted(found.values(), key=lambda s: (s.title or str(s.iri)).casefold()),
            "total": len(docs)}


def _notes_tab(lang: str, key: str) -> None:
    sections = _sections(key)
    if not sections:
        st.info(t("sources.no_sections", lang))
        return
    c.url_state("sources_section", sections[0], param="section",
                parse=lambda s: next(x for x in sections if _section_number(URIRef(x)) == int(s)))
    if st.session_state["sources_section"] not in sections:
        st.session_state["sources_section"] = sections[0]
    note = c.select_by_language(st, t("sources.section", lang), sections, "sources_section", lang,
                                lambda s: c.label(s, lang))
    c.sync_url("section", _section_number(URIRef(note)), key="sources_section")
    info = _section(key, note)
    src = info["source"]
    if src is not None and src.lines:
        st.caption(c.md(t("sources.lines", lang, file=src.file or "notes",
                          a=src.lines[0], b=src.lines[1])))
    left, right = st.columns([1, 1], gap="medium")
    with left:
        st.markdown(f"**{t('sources.text', lang)}**")
        with st.container(border=True, key="note_text"):
            body = c.pick(info["details"].description, "ja")
            st.markdown(c.md(body))
    with right:
        if not info["entities"] and not info["assessments"]:
            st.info(t("sources.none", lang))
        if info["entities"]:
            st.markdown(f"**{t('sources.derived', lang)}**")
            groups: dict[str, list[str]] = {}
            counted: dict[str, int] = {}
            for link in info["entities"]:
                if link.target_type in _COUNTED:
                    name = c.class_label(link.target_type, lang)
                    counted[name] = counted.get(name, 0) + 1
                    continue
                groups.setdefault(c.class_label(link.target_type, lang), []).append(
                    f"[{c.md(c.label(link.target, lang))}](./?entity={c.short_iri(link.target)}"
                    f"&lang={lang})")
            for name, items in sorted(groups.items()):
                more = len(items) - SHOW_PER_CLASS
                st.markdown(f"*{c.md(name)}*: " + " · ".join(sorted(items)[:SHOW_PER_CLASS])
                            + (f" {t('common.more', lang, n=f'{more:,}')}" if more > 0 else ""))
            for name, n in sorted(counted.items()):
                link = f"[{t('sources.count', lang, n=n)}](./compare?lang={lang})"
                st.markdown(f"*{c.md(name)}*: {link}")
        if info["assessments"]:
            st.markdown(f"**{t('sources.assessments', lang)}**")
            order = {"fits": 0, "partial": 1, "does-not-fit": 2}
            shown = sorted(info["assessments"], key=lambda a: (order.get(a.verdict, 3),
                                                               str(a.subject)))[:SHOW_ASSESSMENTS]
            for a in shown:
                st.markdown(c.assessment_md(a, lang))
            if info["assessments_total"] > len(shown):
                st.caption(t("explore.more_assessments", lang, shown=len(shown),
                             total=f"{info['assessments_total']:,}"))


def _corrections_tab(lang: str, key: str) -> None:
    items = _corrections(key)
    if not items:
        st.info(t("sources.no_corrections", lang))
        return
    for item in items:
        with st.container(border=True):
            name = c.pick(item["labels"], lang) or c.short_iri(item["iri"])
            st.markdown(f"{c.correction_badge(lang)} **{c.md(name)}**")
            if item["note_says"]:
                st.markdown(f"*{t('common.note_says', lang)}:* "
                            f"{c.md(c.pick(item['note_says'], lang))}")
            if item["sources_say"]:
                st.markdown(f"*{t('common.sources_say', lang)}:* "
                            f"{c.md(c.pick(item['sources_say'], lang))}")
            if item["targets"]:
                st.caption(f"{t('sources.corrects', lang)}: "
                           + ", ".join(c.md(c.label(x, lang)) for x in item["targets"]))
            c.render_sources(item["sources"], lang)


def render() -> None:
    """Draw the Sources page."""
    lang = c.current_lang()
    key = c.store_key()
    st.header(t("sources.title", lang))
    notes_tab, corr_tab, docs_tab = st.tabs([
        t("sources.section", lang), t("explore.corrections", lang), t("sources.documents", lang)])
    with notes_tab:
        _notes_tab(lang, key)
    with corr_tab:
        st.caption(t("sources.corrections", lang))
        _corrections_tab(lang, key)
    with docs_tab:
        docs = _documents(key)
        lines = [c.source_line(s, lang) for s in docs["shown"]]
        st.markdown("  \n".join(lines) or t("common.no_results", lang))
        if docs["total"] > len(lines):
            st.caption(t("sources.more_documents", lang, shown=len(lines), total=f"{docs['total']:,}"))


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.sources import render as _render

    _render()
