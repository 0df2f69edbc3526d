"""Import page: paste or upload your notes, review the drafted options, accept them.

Nothing is written until you press *Accept* (saves the reviewed section without
the draft status) or *Save as drafts* (what ``awskg import`` does). Everything is
written to your own folder ($AWSKG_USER_DATA or the platform's user data folder),
never to the shipped data.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from graph.errors import KGError
from graph.ui import common as c
from graph.ui.i18n import t

VERDICTS = ["fits", "partial", "does-not-fit", "unknown"]
MARK = {"fits": "✓", "partial": "△", "does-not-fit": "✗", "unknown": "?"}


def _entity_choices(lang: str) -> dict[str, str]:
    from graph.lexicon.read import catalog
    from ontology import AWSKG

    cat = catalog(c.get_store())
    out = {}
    for typ in (AWSKG.Service, AWSKG.Capability):
        for iri in cat.of_type(typ):
            out[str(iri)] = cat.label(iri, lang)
    return dict(sorted(out.items(), key=lambda kv: kv[1].casefold()))


def _drafts(text: str):
    from graph.draft.save import draft_notes, notes_text

    notes_text(text.encode("utf-8"), t("import.pasted", c.current_lang()))  # one clear error for bad input
    return draft_notes(c.get_store(), text)


def _apply_review(d, lang: str, choices: dict[str, str]):
    """The draft with the learner's changes: verdicts, entities, dropped options, other-language labels."""
    from graph.draft.section import SectionDraft

    kept = []
    for k, o in enumerate(d.options):
        key = f"imp.{d.number}.{k}"
        if st.session_state.get(f"{key}.drop"):
            continue
        o.verdict = st.session_state.get(f"{key}.verdict", o.verdict)
        o.other_label = (st.session_state.get(f"{key}.other") or "").strip()
        picked = st.session_state.get(f"{key}.entities")
        if picked is not None:
            o.mentions.entities = [{"iri": i, "label": {lang: choices.get(i, i)}, "matched": ""} for i in picked]
        kept.append(o)
    out = SectionDraft(**{**d.__dict__, "options": kept})
    return out


def _review(d, lang: str, choices: dict[str, str]) -> None:
    head = f"§{d.number} · {t('import.lines', lang, a=d.start_line, b=d.end_line)}"
    with st.expander(head, expanded=True):
        st.caption(f":orange-badge[{t('import.badge', lang)}]")
        if d.context:
            st.markdown(c.md(d.context))
        reqs = ", ".join((r["label"].get(lang) or r["label"].get("en", "")) for r in d.requirements)
        st.markdown(f"**{t('import.requirements', lang)}** {c.md(reqs) if reqs else '—'}")
        if d.suggestions:
            st.markdown(f"**{t('import.new_requirements', lang)}** " + c.md(", ".join(d.suggestions)))
        for k, o in enumerate(d.options):
            key = f"imp.{d.number}.{k}"
            st.markdown(f"**{MARK.get(o.verdict, '?')} {k + 1}.** {c.md(o.text)}")
            cols = st.columns([2, 4, 3, 1])
            cols[0].selectbox(t("import.verdict", lang), VERDICTS, index=VERDICTS.index(o.verdict),
                              key=f"{key}.verdict", format_func=lambda v: t(f"import.v.{v}", lang))
            current = [e["iri"] for e in o.mentions.entities if e["iri"] in choices]
            cols[1].multiselect(t("import.entities", lang), list(choices), default=current, key=f"{key}.entities",
                                format_func=lambda i: choices.get(i, i))
            other = "en" if lang == "ja" and d.lang == "ja" else "ja" if d.lang == "en" else "en"
            cols[2].text_input(t(f"import.label_{other}", lang), key=f"{key}.other")
            cols[3].checkbox(t("import.drop", lang), key=f"{key}.drop")
            st.caption(t(f"import.basis.{o.basis}", lang))
            for r in o.reasons:
                found = ", ".join((q["label"].get(lang) or q["label"].get("en", "")) for q in r.requirements)
                st.markdown(f"- {MARK.get(r.verdict or 'unknown', '?')} {c.md(r.text)}"
                            + (f"  \n  ↳ {c.md(found)}" if found else ""))
            if o.mentions.settings:
                st.markdown(" · ".join(f"`{s['parameter']} = {s['value']}`" for s in o.mentions.settings))
        for x in d.definitions:
            st.info(f"{t('import.definition', lang)}: {c.md(x['term'])}")
        for s in d.steps:
            st.markdown(f"{s['order']}. {c.md(s['text'])}")
        for w in d.warnings:
            st.warning(c.md(w))


def _accept(text: str, name: str, drafts, lang: str, choices: dict[str, str], numbers: list[int]) -> None:
    from graph.draft.save import accept_section, import_notes
    from graph.draft.turtle import draft_graph

    try:
        import_notes(c.get_store(), Path(name), text=text, replace=True)  # the notes and drafts first
        for d in drafts:
            if d.number in numbers:
                g = draft_graph(_apply_review(d, lang, choices))
                accept_section(d.number, g)
    except KGError as err:
        st.error(str(err))
        return
    finally:
        c.forget_user_stamp()  # the next page reads the store with what was just written
    st.success(t("import.accepted", lang, n=", ".join(f"§{n}" for n in numbers)))


def _imported(lang: str) -> None:
    from graph.draft.save import drop_section, imported_sections
    from graph.store.userdata import user_data_dir

    rows = sorted(imported_sections().items())
    st.subheader(t("import.yours", lang))
    try:
        st.caption(t("import.folder", lang, folder=str(user_data_dir())))
    except KGError as err:
        st.caption(str(err))
    if not rows:
        st.caption(t("import.none", lang))
    for n, path in rows:
        cols = st.columns([4, 1])
        cols[0].markdown(f"§{n} · `{c.md(path.name)}`")
        if cols[1].button(t("import.drop_section", lang), key=f"imp.dropsec.{n}"):
            drop_section(n)
            c.forget_user_stamp()
            st.rerun()


def page() -> None:
    """Draw the Import page."""
    lang = c.current_lang()
    st.header(t("import.title", lang))
    st.caption(t("import.help", lang))
    up = st.file_uploader(t("import.upload", lang), type=["md", "txt", "markdown"], key="imp.upload")
    text = st.text_area(t("import.paste", lang), key="imp.text", height=220,
                        placeholder="## 21.\n\n- SageMaker Batch Transform を使用する。\n  - …")
    name = "pasted-notes.md"
    if up is not None:
        raw = up.getvalue()
        try:
            from graph.draft.save import notes_text

            text = notes_text(raw, up.name)
            name = up.name
        except KGError as err:
            st.error(str(err))
            text = ""
    elif text:
        name = f"pasted-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}.md"
    if text.strip():
        try:
            drafts = _drafts(text)
        except KGError as err:
            st.error(str(err))
            drafts = []
        if drafts:
            choices = _entity_choices(lang)
            for d in drafts:
                _review(d, lang, choices)
            numbers = st.multiselect(t("import.choose", lang), [d.number for d in drafts],
                                     default=[d.number for d in drafts], key="imp.accept_which",
                                     format_func=lambda n: f"§{n}")
            cols = st.columns(2)
            if cols[0].button(t("import.accept", lang), type="primary", disabled=not numbers):
                _accept(text, name, drafts, lang, choices, numbers)
            if cols[1].button(t("import.save_drafts", lang)):
                from graph.draft.save import import_notes

                try:
                    import_notes(c.get_store(), Path(name), text=text, replace=True)
                    c.forget_user_stamp()
                    st.success(t("import.saved", lang))
                except KGError as err:
                    st.error(str(err))
    _imported(lang)


page()
