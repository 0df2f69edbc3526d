"""Explore page: search an entity in either language, see its neighbourhood and details,
and find a path to another entity.

URL state: ``?entity=kb:slug&q=text&hops=1&cap=150&to=kb:slug``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from rdflib import URIRef

from graph.errors import KGError
from graph.reason.resolve import search
from graph.ui import common as c
from graph.ui import explore_graph as eg
from graph.ui.i18n import t
from graph.ui.search_box import search_box
from graph.views import ego_graph, shortest_path
from graph.views.html import CLASS_STYLE
from graph.views.network import DEFAULT_MAX_NODES, HARD_MAX_NODES
from ontology import AWSKG

GRAPH_HEIGHT = 560
PANEL_ASSESSMENTS = 50  # a hub requirement has thousands; the panel lists the first, fits first
#: Statement-like nodes: listed in the details panel, drawn only on request (they
#: would otherwise crowd out the services and capabilities around a hub).
STATEMENT_CLASSES = ("Fact", "Constraint", "ComparisonValue", "Dimension", "Assessment", "Document")


@st.cache_data(show_spinner=False, max_entries=256)
def _ego(key: str, iri: str, hops: int, cap: int, classes: tuple, predicates: tuple) -> Any:
    return ego_graph(c.get_store(), URIRef(iri), hops=hops, max_nodes=cap,
                     classes=[c.class_iri(x) for x in classes] or None,
                     predicates=[URIRef(p) for p in predicates] or None)


@st.cache_data(show_spinner=False, max_entries=256)
def _path(key: str, a: str, b: str) -> Any:
    return shortest_path(c.get_store(), URIRef(a), URIRef(b))


@st.cache_data(show_spinner=False, max_entries=256)
def _search(key: str, text: str, limit: int) -> list[str]:
    return [str(m.iri) for m in search(c.get_store(), text, limit=limit)]


def _option_label(iri: str, lang: str) -> str:
    other = "en" if lang == "ja" else "ja"
    main, alt = c.label(iri, lang), c.label(iri, other)
    typ = c.class_label(c.lex().types.get(URIRef(iri)), lang)
    both = main if alt == main else f"{main} · {alt}"
    return f"{both} ({typ})" if typ else both


def _on_pick(iri: str, lang: str) -> None:
    """A suggestion picked in the search box: focus it; the box shows its name."""
    st.session_state["explore_entity"] = iri
    c.name_in_search(iri, lang)


def _on_search() -> None:
    text = st.session_state.get("explore_q", "")
    hits = _search(c.store_key(), text, 15) if text.strip() else []
    if hits:
        st.session_state["explore_entity"] = hits[0]


def _on_jump() -> None:
    target = st.session_state.get("explore_jump")
    if target:
        st.session_state["explore_entity"] = target
        c.name_in_search(target, c.current_lang())
        st.session_state["explore_jump"] = None


def _controls(lang: str) -> tuple[int, int, list[str], Any]:
    c.url_state("explore_hops", 1, param="hops", parse=lambda s: max(1, min(3, int(s))))
    c.url_state("explore_cap", DEFAULT_MAX_NODES, param="cap",
                parse=lambda s: max(10, min(HARD_MAX_NODES, int(s))))
    c.url_state("explore_classes", [], param="classes",
                parse=lambda s: [x for x in s.split(",") if x in CLASS_STYLE])
    c.url_state("explore_rels", [], param="rels", parse=lambda s: [x for x in s.split(",") if x])
    cols = st.columns([1.25, 1.05, 2, 2, 1.5], vertical_alignment="bottom")
    hops = cols[0].radio(t("explore.hops", lang), [1, 2, 3], horizontal=True, key="explore_hops")
    cap = cols[1].number_input(t("explore.cap", lang), min_value=10, max_value=HARD_MAX_NODES,
                               step=10, key="explore_cap")
    present = set(c.lex().types.values())
    class_opts = [n for n in CLASS_STYLE if c.class_iri(n) in present]
    st.session_state["explore_classes"] = [x for x in st.session_state["explore_classes"]
                                           if x in class_opts]
    classes = cols[2].multiselect(t("explore.classes", lang), class_opts, key="explore_classes",
                                  format_func=lambda n: c.class_label(n, lang),
                                  placeholder=t("explore.all", lang))
    c.url_state("explore_facts", False, param="facts", parse=lambda s: s in ("1", "true"))
    facts = cols[4].toggle(t("explore.statements", lang), key="explore_facts")
    c.sync_url("facts", "1" if facts else None, key="explore_facts")
    if not classes and not facts:
        classes = [n for n in class_opts if n not in STATEMENT_CLASSES]
    return int(hops), int(cap), classes, cols[3]


def _details(iri: str, lang: str) -> None:
    d = c.cached_describe(iri)
    other = "en" if lang == "ja" else "ja"
    st.subheader(c.md(d.label(lang)))
    alt = d.label(other)
    bits = [c.md(c.class_label(d.type, lang))] + ([c.md(alt)] if alt != d.label(lang) else [])
    # The IRI is for SPARQL, not for reading: behind the caption's help icon.
    st.caption(" · ".join(bits), help=f"IRI: `{c.short_iri(d.iri)}`")
    if d.badges:
        st.markdown(c.badges_md(d.badges, lang))
        for b in d.badges:
            said = b.get("statement", {})
            if said.get(lang) or said.get(other):
                st.caption(c.md(said.get(lang) or said.get(other)))
    if d.description.get(lang) or d.description.get(other):
        text = d.description.get(lang) or d.description.get(other)
        if d.type == AWSKG.NoteSection:
            with st.expander(t("sources.text", lang)):
                st.markdown(c.md(text))
        else:
            st.markdown(c.md(text))
    alts = d.alt_labels.get(lang, []) + d.alt_labels.get(other, [])
    if alts:
        st.caption(f"{t('explore.also', lang)}: " + c.md(", ".join(alts[:12])))
    if d.corrections:
        st.markdown(f"**{c.correction_badge(lang)} {t('explore.corrections', lang)}**")
        for corr in d.corrections:
            with st.container(border=True):
                st.markdown(f"**{c.md(c.pick(corr.labels, lang) or c.short_iri(corr.iri))}**")
                if corr.note_says:
                    st.markdown(f"*{t('common.note_says', lang)}:* "
                                f"{c.md(c.pick(corr.note_says, lang))}")
                if corr.sources_say:
                    st.markdown(f"*{t('common.sources_say', lang)}:* "
                                f"{c.md(c.pick(corr.sources_say, lang))}")
                c.render_sources(corr.sources, lang)
    if d.facts:
        blocks = [f"**{t('explore.facts', lang)}**"]
        for f in d.facts:
            text = f.text.get(lang) or f.text.get(other) or c.short_iri(f.iri)
            mark = ":red[**■**]" if f.kind == "Constraint" else ":gray[**■**]"
            fix = f" {c.correction_badge(lang)}" if f.corrections else ""
            blocks.append(c.sourced_md(f"{mark} {c.md(text)}{fix}", f.sources, lang))
        st.markdown("\n\n".join(blocks))
    if d.assessments:
        st.markdown("\n\n".join([f"**{t('explore.assessments', lang)}**"] + [
            c.sourced_md(c.assessment_md(a, lang), a.sources, lang)
            for a in d.assessments[:PANEL_ASSESSMENTS]]))
        total = max(d.assessments_total, len(d.assessments))
        if total > PANEL_ASSESSMENTS:
            st.caption(t("explore.more_assessments", lang, shown=PANEL_ASSESSMENTS, total=f"{total:,}"))
    if d.literals:
        st.markdown(f"**{t('explore.values', lang)}**")
        st.markdown("  \n".join(
            f"{c.md(pl.get(lang) or pl.get('en') or c.short_iri(p))}: {c.md(v)}"
            for p, pl, v in d.literals[:30]))
    if d.links:
        with st.expander(f"{t('explore.links', lang)} ({len(d.links)})"):
            lines = []
            for link in d.links[:200]:
                arrow = "→" if link.direction == "out" else "←"
                pred = link.predicate_labels.get(lang) or link.predicate_labels.get("en") or ""
                lines.append(f"{arrow} *{c.md(pred)}* {c.md(c.label(link.target, lang))}")
            st.markdown("  \n".join(lines))
    if d.sources:
        st.markdown(f"**{t('common.sources', lang)}**")
        c.render_sources(d.sources, lang)
        for src in d.sources:
            if src.kind == "note" and src.lines:
                note = c.cached_describe(src.iri)
                body = note.description.get("ja") or note.description.get("en")
                if body:
                    with st.expander(t("explore.note_text", lang, n=src.section, a=src.lines[0],
                                       b=src.lines[1])):
                        st.markdown(c.md(body))


def render() -> None:
    """Draw the Explore page."""
    lang = c.current_lang()
    key = c.store_key()
    st.header(t("explore.title", lang))

    c.url_state("explore_q", "", param="q")
    c.url_state("explore_entity", None, param="entity",
                parse=lambda s: str(c.expand_iri(s)) if c.expand_iri(s) else None)
    if st.session_state.get("explore_entity") and c.expand_iri(st.session_state["explore_entity"]) is None:
        st.session_state["explore_entity"] = None  # never a label where an IRI belongs
    if st.session_state.get("explore_entity") is None and st.session_state["explore_q"].strip():
        _on_search()

    top = st.columns([2, 3])
    query = st.session_state["explore_q"]
    named = st.session_state.get("_explore_q_of")
    if named and query in (c.label(named, "en"), c.label(named, "ja")):
        c.name_in_search(named, lang)  # a name the page put there, not typed text: in this language
        query = st.session_state["explore_q"]
    with top[0]:
        search_box(key="explore_search", label=t("explore.search", lang), value=query, lang=lang,
                   find=lambda text: _search(key, text, 15), on_pick=lambda iri: _on_pick(iri, lang),
                   placeholder=t("explore.find_hint", lang), help=t("explore.search_help", lang),
                   nothing=t("explore.nothing", lang, q="{q}"))
    hits = _search(key, query, 15) if query.strip() else []
    focus = st.session_state.get("explore_entity")
    options = ([focus] if focus else []) + [h for h in hits if h != focus]
    if query.strip() and not hits:
        top[0].caption(t("explore.nothing", lang, q=c.md(query.strip())))
    if not options:
        c.sync_url("q", query, key="explore_q")
        c.sync_url("entity", None)
        st.info(t("explore.start", lang))
        return
    focus = c.select_by_language(top[1], t("explore.pick", lang), options, "explore_entity", lang,
                                 lambda iri: _option_label(iri, lang))
    c.sync_url("q", query, key="explore_q")
    c.sync_url("entity", c.short_iri(focus), key="explore_entity")

    hops, cap, classes, rel_col = _controls(lang)

    def ego(iri: str, h: int, n: int, cl: tuple, rl: tuple) -> Any:
        return _ego(key, iri, h, n, cl, rl)

    root, opened = eg.state(focus)
    try:
        if focus not in eg.grown(ego, root, opened, hops, cap, tuple(classes), ())[1]:
            root, opened = focus, []  # not drawn: start a new drawing around it
        base = _ego(key, root, hops, cap, tuple(classes), ())
    except KGError as err:
        st.error(str(err))
        return
    rel_opts = sorted({k for _u, _v, k in base.G.edges(keys=True)})
    verdict_keys = {str(AWSKG.fits), str(AWSKG.partial), str(AWSKG.doesNotFit)}
    rel_opts = sorted({str(AWSKG.verdict) if k in verdict_keys else k for k in rel_opts}
                      | set(st.session_state["explore_rels"]))
    plabels = c.predicate_labels_for(lang)
    rels = rel_col.multiselect(t("explore.predicates", lang), rel_opts, key="explore_rels",
                               format_func=lambda p: plabels.get(p, c.short_iri(p)),
                               placeholder=t("explore.all", lang))
    c.sync_url("hops", hops if hops != 1 else None, key="explore_hops")
    c.sync_url("cap", cap if cap != DEFAULT_MAX_NODES else None, key="explore_cap")
    c.sync_url("classes", st.session_state["explore_classes"], key="explore_classes")
    c.sync_url("rels", rels, key="explore_rels")
    view, drawn = eg.grown(ego, root, opened, hops, cap, tuple(classes), tuple(rels))
    eg.keep_state(root, opened, focus)

    # Path finder: highlight a shortest path from the focus.
    c.url_state("explore_to", "", param="to")
    G, highlight_nodes, highlight_edges, path_lines, path_error = drawn, [], [], [], None
    to_text = st.session_state.get("explore_to", "")
    target = None
    if to_text.strip():
        iri = c.expand_iri(to_text)
        if iri is not None and iri in c.lex().types:
            target = str(iri)
        else:
            to_hits = _search(key, to_text, 1)
            target = to_hits[0] if to_hits else None
        if target is None:
            path_error = t("explore.nothing", lang, q=c.md(to_text.strip()))
        else:
            try:
                path = _path(key, focus, target)
                import networkx as nx

                G = nx.compose(drawn, path.G)
                highlight_nodes = path.nodes
                highlight_edges = [(a, b) for a, _p, b, _d in path.hops]
                path_lines = path.describe(lang)
            except KGError as err:
                path_error = t("explore.path_none", lang, error=c.md(err))
    c.sync_url("to", to_text.strip() or None, key="explore_to")

    left, right = st.columns([7, 4], gap="medium")
    with left:
        base_id = f"ego|{root}|{hops}|{cap}|{classes}|{rels}"
        eg.draw(G, view.G, lang=lang, root=root, focus=focus, base_id=base_id,
                graph_id=f"{base_id}|{target}|{opened}", height=GRAPH_HEIGHT,
                highlight_nodes=highlight_nodes, highlight_edges=highlight_edges,
                max_nodes=max(cap, len(highlight_nodes) + 1))
        st.caption(t("explore.counts", lang, nodes=G.number_of_nodes(), edges=G.number_of_edges())
                   + " · " + t("graph.click_hint", lang))
        eg.lonely_note(ego, G, root, hops, cap, tuple(classes), tuple(rels),
                       bool(st.session_state["explore_classes"] or rels), lang)
        if view.hidden_total:
            st.info(t("explore.more", lang, n=view.hidden_total, cap=cap),
                    icon=":material/unfold_more:")
            with st.expander(t("explore.more_detail", lang)):
                rows = sorted(view.hidden.items(), key=lambda kv: -kv[1])
                st.markdown("  \n".join(
                    t("explore.more_row", lang, label=c.md(c.label(n, lang)), n=k)
                    for n, k in rows[:50]))
        neighbours = [n for n in view.G.nodes if n != focus]
        st.selectbox(t("explore.go", lang), neighbours, index=None, key="explore_jump",
                     on_change=_on_jump, format_func=lambda iri: _option_label(iri, lang),
                     placeholder="…")
        st.markdown(f"**{t('explore.path', lang)}**")
        st.text_input(t("explore.path_to", lang), key="explore_to")
        if path_error:
            st.warning(path_error)
        if path_lines:
            st.markdown(f"*{t('explore.path_steps', lang)}*")
            st.markdown("\n".join(f"{i}. {c.md(line)}" for i, line in enumerate(path_lines, 1)))
    with right:
        with st.container(border=True, key="details"):
            _details(focus, lang)


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.explore import render as _render

    _render()
