"""Fit page: describe what you need (日本語 or English), get ranked answers with the
reason for each requirement (✓ / ✗), their sources, corrections, and a small graph
of requirements → answers.

URL state: ``?q=text&req=kb:req-a,kb:req-b``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from rdflib import URIRef

from graph.errors import KGError
from graph.ui import common as c
from graph.ui.i18n import t

GRAPH_HEIGHT = 480
GRAPH_ANSWERS = 8
EXAMPLES = {
    "en": ["The model is invoked once every night, must finish within a minute, at the lowest cost",
           "Monitor bias drift of a deployed model",
           "Large batch processing on EMR without losing data, as cheaply as possible"],
    "ja": ["毎晩1回だけ推論を実行し、1分以内に完了させ、コストを最小にしたい",
           "デプロイ済みモデルのバイアスドリフトを監視したい",
           "EMR で大量のバッチ処理をデータを失わずに低コストで"],
}


@st.cache_data(show_spinner=False, max_entries=128)
def _fit(key: str, text: str, reqs: tuple[str, ...]) -> Any:
    from graph.reason.fit import fit

    try:
        return fit(c.get_store(), text, require=list(reqs))
    except KGError as err:
        return str(err)


@st.cache_data(show_spinner=False)
def _requirements(key: str) -> list[str]:
    from graph.lexicon.read import catalog

    return [str(r) for r in catalog(c.get_store()).requirements]


@st.cache_data(show_spinner=False, max_entries=256)
def doc_titles(key: str, urls: tuple[str, ...]) -> dict[str, str]:
    """Titles of the cited documents (one query), for links under the reasons."""
    from graph.reason.describe import sources_for

    found = sources_for(c.get_store(), [URIRef(u) for u in urls])
    return {str(k): v.title for k, v in found.items() if v.title}


@st.cache_data(show_spinner=False, max_entries=128)
def explain(key: str, reqs: tuple[str, ...], subjects: tuple[str, ...]) -> Any:
    """The requirements → answers graph (verdict edges only)."""
    from graph.views import explain_graph

    return explain_graph(c.get_store(), [URIRef(r) for r in reqs], [URIRef(s) for s in subjects])


def reason_lines(reasons: list[Any], req_label: Any, titles: dict[str, str],
                 lang: str) -> list[str]:
    """One Markdown paragraph per reason: verdict, requirement, why, sources."""
    lines = []
    for reason in reasons:
        src = " · ".join(c.source_id_md(s, titles, lang) for s in reason.sources)
        fix = f" {c.correction_badge(lang)}" if reason.corrections else ""
        lines.append(f"{c.verdict_icon(reason.verdict)} **{c.md(req_label(reason.requirement))}**"
                     f" — {c.md(c.pick(reason.text, lang))}{fix}"
                     + (f"  \n:small[{src}]" if src else ""))
    return lines


def _card(i: int, r: Any, res: Any, titles: dict[str, str], lang: str) -> None:
    labels = {q.iri: q.label(lang) for q in res.requirements}
    with st.container(border=True, key=f"fit_card_{i}"):
        kind = c.md(c.class_label(r.type, lang))
        verdict = c.md(t("verdict." + r.verdict, lang))
        fix = f" {c.correction_badge(lang)}" if r.corrections else ""
        st.markdown(f"{c.verdict_icon(r.verdict)} **{i + 1}. {c.md(r.label(lang))}** "
                    f":gray-badge[{kind}] :gray[{verdict} · {r.score:.2f} · {c.md(r.summary(lang))}]{fix}")
        if getattr(r, "badges", None):
            st.markdown(c.badges_md(r.badges, lang))
        lines = reason_lines(r.reasons, lambda q: labels.get(q) or c.label(q, lang), titles, lang)
        assessed = {x.requirement for x in r.reasons}
        lines += [f":gray[**?**] **{c.md(q.label(lang))}** — "
                  f":gray[{c.md(t('fit.not_assessed', lang))}]"
                  for q in res.requirements if q.iri not in assessed]
        lines += [f":red[**!**] {c.md(t('common.invalid', lang, setting=c.pick(bad, lang)))}"
                  for bad in getattr(r, "invalid_settings", [])]
        st.markdown("\n\n".join(lines))
        fixes = {x.iri: x for x in r.corrections}
        fixes.update({y.iri: y for reason in r.reasons for y in reason.corrections})
        c.render_corrections(fixes.values(), lang)
        c.page_link_query("explore", t("common.open_in_explore", lang),
                          {"entity": c.short_iri(r.iri)})


def render() -> None:
    """Draw the Fit page."""
    lang = c.current_lang()
    key = c.store_key()
    st.header(t("fit.title", lang))
    all_reqs = _requirements(key)
    c.url_state("fit_q", "", param="q")
    c.url_state("fit_req", [], param="req",
                parse=lambda s: [str(c.expand_iri(x)) for x in s.split(",") if c.expand_iri(x)])
    st.session_state["fit_req"] = [r for r in st.session_state["fit_req"] if r in all_reqs]
    text = st.text_area(t("fit.query", lang), key="fit_q", height=80,
                        placeholder=EXAMPLES[lang][0])
    reqs = st.multiselect(t("fit.facets", lang), all_reqs, key="fit_req",
                          format_func=lambda r: c.label(r, lang),
                          placeholder=t("fit.facets_hint", lang))
    c.sync_url("q", text.strip() or None, key="fit_q")
    c.sync_url("req", [c.short_iri(r) for r in reqs], key="fit_req")
    if not text.strip() and not reqs:
        st.caption(t("fit.examples", lang) + "  \n" + "  \n".join(
            f"[{c.md(e)}](./fit?q={e.replace(' ', '+')}&lang={lang})" for e in EXAMPLES[lang]))
        return
    res = _fit(key, text, tuple(reqs))
    if isinstance(res, str):
        st.error(res)
        return
    if res.requirements:
        st.markdown(" ".join(f":blue-badge[{c.md(q.label(lang))}]" + (
            f" :gray[«{c.md(q.matched)}»]" if q.matched and not q.explicit else "")
            for q in res.requirements))
    st.caption(c.md(res.message(lang)))
    if not res.results:
        if not res.requirements and res.suggestions:
            names = ", ".join(c.pick(labels, lang) for _, labels in res.suggestions)
            st.info(t("fit.try", lang, names=names))
        return
    urls = tuple(sorted({s for r in res.results for reason in r.reasons for s in reason.sources
                         if s.startswith("https://")}))
    titles = doc_titles(key, urls)
    good = [r for r in res.results if r.verdict != "does-not-fit"]
    bad = [r for r in res.results if r.verdict == "does-not-fit"]
    left, right = st.columns([3, 2], gap="medium")
    with left:
        with st.container(key="fit_results"):
            for i, r in enumerate(good):
                _card(i, r, res, titles, lang)
            if bad:
                st.markdown(f"**{t('fit.why_not', lang)}**")
                for j, r in enumerate(bad, len(good)):
                    _card(j, r, res, titles, lang)
    with right:
        st.markdown(f"**{t('fit.graph', lang)}**")
        # The best answers and the most tempting wrong ones, so the graph shows both colours.
        picked = (good[:GRAPH_ANSWERS - min(3, len(bad))] + bad[:3])[:GRAPH_ANSWERS]
        subjects = tuple(str(r.iri) for r in picked)
        reqs_shown = tuple(str(q.iri) for q in res.requirements)
        G = explain(key, reqs_shown, subjects)
        from graph.ui.graph_component import cached_layered, small_graph

        view = f"fit|{subjects}|{reqs_shown}"
        data = cached_layered(G, view, lang=lang, edge_labels=False,
                              focus=subjects[0] if good else None)
        small_graph(data, key="fit_graph", height=GRAPH_HEIGHT, view=view)
        st.caption(t("fit.graph_hint", lang))


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.fit import render as _render

    _render()
