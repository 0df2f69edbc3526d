"""Drill page: a scenario from the notes as a question with shuffled options; check the
answer, read why each option fits or not (with sources), see the justification path.
Every checked answer is stored in the learner's progress file (the one ``awskg review``
reads), so the score survives a reload and a random question is one asked least often.

URL state: ``?scenario=13&seed=42`` (the same link gives the same option order).
"""

from __future__ import annotations

import random
from typing import Any

import streamlit as st

from graph.errors import KGError
from graph.ui import common as c
from graph.ui import studydata as sd
from graph.ui.i18n import t

RANDOM = "random"
GRAPH_HEIGHT = 440


@st.cache_data(show_spinner=False)
def _scenarios(key: str, lang: str) -> list[tuple[str, str]]:
    from graph.reason.drill import list_scenarios

    return [(sid, label) for sid, label, _iri in list_scenarios(c.get_store(), lang)]


@st.cache_data(show_spinner=False, max_entries=256)
def _drill(key: str, scenario: str | None, seed: int) -> Any:
    from graph.reason.drill import make_drill

    try:
        return make_drill(c.get_store(), scenario, seed=seed)
    except KGError as err:
        return str(err)


def _random_unseen(ids: list[str], score: dict, seed: int) -> str | None:
    """A scenario answered least often so far (every one once before any repeats), by ``seed``.

    >>> _random_unseen([RANDOM, "11", "13"], {"seen": ["11:5"]}, 1)
    '13'
    >>> all(_random_unseen([RANDOM, "11", "13"], {"seen": ["11:5", "13:7"]}, s) in ("11", "13") for s in range(9))
    True
    >>> _random_unseen([RANDOM, "11", "13"], {"seen": ["11:5", "13:7", "11:stored"]}, 2)
    '13'
    """
    import random as _random

    all_ids = [i for i in ids if i != RANDOM]
    # answers given to this very question (same seed) do not count: it must not change under the learner
    counts = {i: 0 for i in all_ids}
    for a in score.get("seen", []):
        sid, _, s = a.partition(":")
        if sid in counts and s != str(seed):
            counts[sid] += 1
    least = min(counts.values(), default=0)
    pool = [i for i in all_ids if counts[i] == least]
    return _random.Random(seed).choice(pool) if pool else None


def _stored_score(session: dict) -> dict:
    """The score from the progress file, merged with this session's ``id:seed`` answers."""
    stored, err = sd.scenario_attempts()
    if err:
        st.session_state["drill_store_error"] = err
        return session
    mine: dict[str, int] = {}
    for a in session["seen"]:
        mine[a.partition(":")[0]] = mine.get(a.partition(":")[0], 0) + 1
    seen = list(session["seen"])
    for card, results in stored.items():
        sid = card.removeprefix("scenario-")
        seen += [f"{sid}:stored"] * max(0, len(results) - mine.get(sid, 0))
    return {"answered": sum(len(r) for r in stored.values()),
            "correct": sum(sum(r) for r in stored.values()), "seen": seen}


def _new_question() -> None:
    st.session_state["drill_seed"] = random.SystemRandom().randrange(1, 1_000_000)
    st.session_state["drill_choice"] = None


def _on_scenario() -> None:
    st.session_state["drill_choice"] = None


def _explanation(drill: Any, lang: str) -> None:
    from graph.ui.fit import doc_titles, reason_lines

    urls = tuple(sorted({s for o in drill.options for r in o.reasons for s in r.sources
                         if s.startswith("https://")}))
    titles = doc_titles(c.store_key(), urls)
    for o in sorted(drill.options, key=lambda o: not o.correct):
        with st.container(border=True, key=f"drill_option_{o.key}"):
            mark = c.verdict_icon("fits" if o.correct else (o.verdict or "does-not-fit"))
            tag = f" :green-badge[{t('drill.answer', lang)}]" if o.correct else ""
            st.markdown(f"{mark} **{o.key}. {c.md(o.label(lang))}**{tag}")
            lines = reason_lines(o.reasons, lambda q: drill.requirement_label(q, lang), titles,
                                 lang)
            lines += [f":red[**!**] {c.md(t('common.invalid', lang, setting=c.pick(bad, lang)))}"
                      for bad in o.invalid_settings]
            st.markdown("\n\n".join(lines) or f":gray[{t('fit.not_assessed', lang)}]")
            c.render_corrections(o.all_corrections(), lang)


def render() -> None:
    """Draw the Drill page."""
    lang = c.current_lang()
    key = c.store_key()
    st.header(t("drill.title", lang))
    scenarios = _scenarios(key, lang)
    if not scenarios:
        st.info(t("drill.none", lang))
        return
    ids = [RANDOM] + [sid for sid, _ in scenarios]
    names = dict(scenarios)
    c.url_state("drill_scenario", RANDOM, param="scenario",
                parse=lambda s: s.removeprefix("kb:").removeprefix("scenario-") if
                s.removeprefix("kb:").removeprefix("scenario-") in ids else RANDOM)
    c.url_state("drill_seed", None, param="seed", parse=int)
    if st.session_state.get("drill_seed") is None:
        st.session_state["drill_seed"] = random.SystemRandom().randrange(1, 1_000_000)
    session = st.session_state.setdefault("drill_score", {"answered": 0, "correct": 0, "seen": []})
    score = _stored_score(session)

    top = st.columns([4, 1.3, 1.3], vertical_alignment="bottom")
    chosen = c.select_by_language(top[0], t("drill.scenario", lang), ids, "drill_scenario", lang,
                                  lambda s: t("drill.random", lang) if s == RANDOM else f"§{s} · {names.get(s, s)}",
                                  on_change=_on_scenario)
    top[1].button(t("drill.new", lang), key="drill_new", on_click=_new_question, width="stretch")
    top[2].metric(t("drill.score", lang), f"{score['correct']} / {score['answered']}",
                  help=t("drill.score_help", lang))
    if st.session_state.get("drill_store_error"):
        st.warning(t("study.no_store", lang, error=st.session_state["drill_store_error"]))
    sd.show_warning()
    seed = int(st.session_state["drill_seed"])
    c.sync_url("scenario", None if chosen == RANDOM else chosen, key="drill_scenario")
    c.sync_url("seed", seed, key="drill_seed")

    drill = _drill(key, _random_unseen(ids, score, seed) if chosen == RANDOM else chosen, seed)
    if isinstance(drill, str):
        st.error(drill)
        return
    st.subheader(f"§{drill.scenario.id} · {c.md(drill.scenario.label(lang))}")
    st.markdown(c.md(drill.question(lang)))
    st.caption(t("drill.requirements", lang) + ": " + " · ".join(
        c.md(drill.requirement_label(r, lang)) for r in drill.scenario.requirements))
    keys = [o.key for o in drill.options]
    labels = {o.key: o.label(lang) for o in drill.options}
    choice = st.radio(t("drill.choose", lang), keys, index=None, key="drill_choice",
                      format_func=lambda k: f"{k}. {c.md(labels[k])}")
    attempt = f"{drill.scenario.id}:{seed}"
    # a verdict belongs to the choice that was checked: choosing again needs a new check
    checked = st.session_state.get("drill_checked") == f"{attempt}|{choice}"
    if st.button(t("drill.check", lang), key="drill_check", type="primary",
                 disabled=choice is None):
        checked = True
        st.session_state["drill_checked"] = f"{attempt}|{choice}"
        if attempt not in session["seen"]:
            session["seen"].append(attempt)
            session["answered"] += 1
            session["correct"] += int(choice == drill.options[drill.answer_index].key)
            from graph.study.cards import local_id

            _, err = sd.record(local_id(drill.scenario.iri), "scenario", choice,
                               choice == drill.options[drill.answer_index].key, source="app-drill")
            st.session_state["drill_store_error"] = err
            st.rerun()
    if not checked or choice is None:
        return
    right = drill.options[drill.answer_index]
    if choice == right.key:
        st.success(t("drill.right", lang, letter=right.key, label=right.label(lang)))
    else:
        st.error(t("drill.wrong", lang, letter=right.key, label=right.label(lang)))
    note = next((o for o in drill.options if o.iri == drill.note_answer), None)
    if note is not None:
        st.warning(t("drill.note_answer", lang, letter=note.key, label=c.md(note.label(lang)),
                     right=right.key, why=" · ".join(c.md(c.pick(x.labels, lang)) for x in drill.key_corrections)))
    left, graph_col = st.columns([3, 2], gap="medium")
    with left:
        _explanation(drill, lang)
    with graph_col:
        st.markdown(f"**{t('drill.path', lang)}**")
        reqs = tuple(str(r) for r in drill.scenario.requirements)
        subjects = tuple(str(o.iri) for o in drill.options)
        from graph.ui.fit import explain

        G = explain(key, reqs, subjects)
        answer = str(right.iri)
        path_edges = [(answer, r) for r in reqs]
        from graph.ui.graph_component import cached_layered, small_graph

        view = f"drill|{attempt}|{subjects}"
        data = cached_layered(G, view, lang=lang, edge_labels=False, focus=answer,
                              highlight_nodes=[answer, *reqs], highlight_edges=path_edges)
        small_graph(data, key="drill_graph", height=GRAPH_HEIGHT, view=view)
        st.caption(t("drill.path_hint", lang))
        st.caption(t("common.sources", lang) + ": "
                   + " · ".join(c.source_id_md(s, {}, lang) for s in drill.scenario.sources))


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.drill import render as _render

    _render()
