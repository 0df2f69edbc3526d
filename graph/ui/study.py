"""Study page: what is due now, practice sets (no feedback until the end, then the review
screen), progress by exam domain as a chart, and the history of answers.

Every answer is stored in the learner's progress file (the same one ``awskg review`` and
``awskg progress`` read), so nothing is lost on a reload.
"""

from __future__ import annotations

import random
from datetime import datetime, timezone
from typing import Any

import streamlit as st

from graph.errors import KGError
from graph.ui import common as c
from graph.ui import studydata as sd
from graph.ui.i18n import t

SET_KEY = "study_set"
DOMAINS = ["all", "1", "2", "3", "4"]


@st.cache_data(show_spinner=False, max_entries=64)
def _practice(key: str, count: int, domain: str | None, seed: int, cards: tuple[str, ...] = ()) -> Any:
    from graph.study.practice import make_practice, practice_of

    try:
        if cards:
            return practice_of(c.get_store(), list(cards), seed)
        return make_practice(c.get_store(), count, domain, seed)
    except KGError as err:
        return str(err)


@st.cache_data(show_spinner=False)
def _card_labels(key: str) -> dict[str, dict[str, str]]:
    from graph.study.cards import all_cards

    return {x.id: x.labels for x in all_cards(c.get_store())}


def _start(cards: tuple[str, ...] = ()) -> None:
    domain = st.session_state.get("study_domain") or "all"
    st.session_state[SET_KEY] = {
        "seed": random.SystemRandom().randrange(1, 1_000_000), "cards": list(cards),
        "count": int(st.session_state.get("study_count") or 10),
        "domain": None if domain == "all" else domain,
        "started": datetime.now(timezone.utc).isoformat(), "finished": None}
    for k in [k for k in st.session_state if str(k).startswith("study_q_")]:
        del st.session_state[k]


def _quit() -> None:
    st.session_state.pop(SET_KEY, None)


def _finish(total: int) -> None:
    info = st.session_state[SET_KEY]
    info["answers"] = [st.session_state.get(f"study_q_{n}") for n in range(total)]
    info["finished"] = datetime.now(timezone.utc).isoformat()


def _label(labels: dict[str, str], lang: str) -> str:
    return c.md(c.pick(labels, lang))


def _run_set(lang: str) -> None:
    info = st.session_state[SET_KEY]
    ps = _practice(c.store_key(), info["count"], info["domain"], info["seed"], tuple(info["cards"]))
    if isinstance(ps, str):
        st.error(ps)
        st.button(t("study.quit", lang), key="study_quit", on_click=_quit)
        return
    ps.started = datetime.fromisoformat(info["started"])
    total = len(ps.questions)
    if info["finished"]:
        _review_screen(ps, info, lang)
        return
    answered = sum(st.session_state.get(f"study_q_{n}") is not None for n in range(total))
    st.subheader(t("study.practice", lang))
    st.caption(t("study.started", lang, time=ps.started.strftime("%H:%M"), answered=answered, total=total))
    for n, q in enumerate(ps.questions):
        with st.container(border=True, key=f"study_box_{n}"):
            st.markdown(f"**{t('study.question', lang, n=n + 1, total=total)}** · {c.md(q.card.label(lang))}")
            st.markdown(c.md(q.text(lang)))
            labels = {o.key: o.label(lang) for o in q.options}
            st.radio(t("drill.choose", lang), [o.key for o in q.options], index=None, key=f"study_q_{n}",
                     format_func=lambda k, labels=labels: f"{k}. {c.md(labels[k])}")
    cols = st.columns([1, 1, 3])
    cols[0].button(t("study.finish", lang), key="study_finish", type="primary", on_click=_finish, args=(total,))
    cols[1].button(t("study.quit", lang), key="study_quit", on_click=_quit)


def _review_screen(ps: Any, info: dict, lang: str) -> None:
    from graph.study.practice import score

    result = score(ps, info.get("answers") or [])
    if info.get("recorded") != ps.id:  # one record per finished set, whatever the reruns
        info["recorded"] = ps.id
        for item in result.items:
            if item.chosen is not None:
                _, err = sd.record(item.question.card.id, item.question.card.kind, item.chosen, item.correct,
                                   source="app-practice", practice=ps.id)
                if err:
                    st.error(t("study.no_store", lang, error=err))
                    break
    took = (datetime.fromisoformat(info["finished"]) - ps.started).total_seconds()
    st.subheader(t("study.result", lang, right=result.correct, total=result.total))
    st.caption(t("study.took", lang, minutes=int(took // 60), seconds=int(took % 60)))
    left, right = st.columns([3, 2], gap="medium")
    with left:
        for n, item in enumerate(result.items):
            q = item.question
            with st.container(border=True, key=f"study_result_{n}"):
                mark = c.verdict_icon("fits" if item.correct else "does-not-fit")
                st.markdown(f"{mark} **{t('study.question', lang, n=n + 1, total=result.total)}** · "
                            f"{c.md(q.card.label(lang))}")
                st.markdown(c.md(q.text(lang)))
                st.caption(t("study.your_answer", lang, answer=item.chosen or t("study.no_answer", lang)))
                for o in q.options:
                    icon = c.verdict_icon("fits" if o.correct else "does-not-fit")
                    tag = f" :green-badge[{t('drill.answer', lang)}]" if o.correct else ""
                    st.markdown(f"{icon} **{o.key}. {c.md(o.label(lang))}**{tag}  \n{c.md(c.pick(o.why, lang))}")
                st.caption(t("common.sources", lang) + ": " + " · ".join(c.source_id_md(s, {}, lang)
                                                                        for s in q.sources))
    with right:
        st.markdown(f"**{t('study.by_domain', lang)}**")
        for d in result.by_domain:
            st.markdown(f"- {_label(d['label'], lang)}: {d['correct']} / {d['total']}")
        st.markdown(f"**{t('study.next', lang)}**")
        if not result.study_next:
            st.success(t("study.all_right", lang))
        for s in result.study_next:
            links = []
            for hint in s["look_at"]:
                kind, _, arg = hint.removeprefix("awskg ").partition(" ")
                if kind == "drill":
                    sid = arg.removeprefix("--scenario ")
                    links.append(f"[{c.md(t('study.open_drill', lang, id=sid))}](./drill?scenario={sid}&lang={lang})")
                elif kind == "compare":
                    links.append(f"[{c.md(t('study.open_compare', lang, name=arg))}](./compare?group={arg}&lang={lang})")
            name = _label(s["label"], lang) if s["label"] else "—"
            st.markdown(f"- {name} ({t('study.missed', lang, n=s['missed'])})  \n  " + " · ".join(links))
        st.button(t("study.new_set", lang), key="study_new_set", type="primary", on_click=_quit)


def _overview(lang: str) -> None:
    import pandas as pd

    from graph.study.report import progress_report

    p, err = sd.open_progress_or_error()
    if p is None:
        st.error(t("study.no_store", lang, error=err))
        return
    sd.show_warning()
    with p:
        report = progress_report(c.get_store(), p)
        due = p.due()
        history = p.attempts(limit=50, newest_first=True)
    tot = report["totals"]
    m = st.columns(3)
    m[0].metric(t("study.due", lang), tot["due_now"])
    m[1].metric(t("study.seen", lang), f"{tot['seen']} / {tot['cards']}")
    m[2].metric(t("study.right", lang), "–" if tot["correct_share"] is None else f"{tot['correct_share']:.0%}")
    labels = _card_labels(c.store_key())

    st.subheader(t("study.due", lang))
    if due:
        st.dataframe(pd.DataFrame({t("study.col_card", lang): [c.pick(labels.get(s.card, {}), lang) or s.card
                                                               for s in due],
                                   t("study.col_next", lang): [s.due.strftime("%Y-%m-%d %H:%M") for s in due]}),
                     hide_index=True, width="stretch")
        st.button(t("study.review_due", lang), key="study_review", on_click=_start,
                  args=(tuple(s.card for s in due[:50]),))
    elif tot["seen"]:
        nxt = tot["next_due"][:16].replace("T", " ") + " UTC" if tot["next_due"] else "—"
        st.info(t("study.nothing_due", lang, when=nxt))
    else:
        st.info(t("study.nothing_yet", lang))

    st.subheader(t("study.practice", lang))
    st.caption(t("study.practice_hint", lang))
    cols = st.columns([1, 2, 2], vertical_alignment="bottom")
    cols[0].number_input(t("study.count", lang), min_value=1, max_value=50, value=10, step=1, key="study_count")
    c.select_by_language(cols[1], t("study.domain", lang), DOMAINS, "study_domain", lang,
                         lambda d: t("study.all_domains", lang) if d == "all" else
                         next((c.pick(x["label"], lang) for x in report["domains"] if x["notation"] == d), d))
    cols[2].button(t("study.start", lang), key="study_start", type="primary", on_click=_start)

    st.subheader(t("study.progress", lang))
    doms = report["domains"]
    chart = pd.DataFrame({t("study.chart_seen", lang): [d["seen"] for d in doms],
                          t("study.chart_right", lang): [d["correct"] for d in doms]},
                         index=[f"{'第' if lang == 'ja' else 'D'}{d['notation']}" for d in doms])
    if any(d["seen"] for d in doms):
        st.bar_chart(chart, stack=False, height=260)
    else:  # an empty chart is only an axis at 0.000000
        st.caption(t("study.chart_empty", lang))
    rows = [(c.pick(x["label"], lang), x) for d in doms for x in [d, *d["tasks"]]]
    st.container(key="study_progress").dataframe(pd.DataFrame({
        t("study.col_domain", lang): [name for name, _ in rows],
        t("study.col_seen", lang): [f"{x['seen']} / {x['cards']}" for _, x in rows],
        t("study.col_share", lang): ["–" if x["correct_share"] is None else f"{x['correct_share']:.0%}" for _, x in rows],
        t("study.col_due", lang): [x["due_now"] for _, x in rows]}), hide_index=True, width="stretch")
    if report["weakest_pairs"]:
        st.markdown(f"**{t('study.weakest', lang)}**")
        for w in report["weakest_pairs"]:
            st.markdown(f"- {_label(w['label'], lang)}: {w['correct']} / {w['attempts']}")

    st.subheader(t("study.history", lang))
    if history:
        st.container(key="study_history").dataframe(pd.DataFrame({
            t("study.col_when", lang): [a.answered_at.strftime("%Y-%m-%d %H:%M") for a in history],
            t("study.col_card", lang): [c.pick(labels.get(a.card, {}), lang) or a.card for a in history],
            t("study.col_answer", lang): [a.chosen or "" for a in history],
            t("study.col_right", lang): ["✓" if a.correct else "✗" for a in history],
            t("study.col_next", lang): [a.due.strftime("%Y-%m-%d %H:%M") for a in history],
            t("study.col_from", lang): [a.source for a in history]}), hide_index=True, width="stretch")
    st.caption(t("study.file", lang, path=report["file"]))


def render() -> None:
    """Draw the Study page."""
    lang = c.current_lang()
    st.header(t("study.title", lang))
    if st.session_state.get(SET_KEY):
        _run_set(lang)
        return
    _overview(lang)


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.study import render as _render

    _render()
