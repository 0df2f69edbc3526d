"""Shared pieces of the Streamlit pages: the one cached store, language, URL state,
cached library calls and small renderers (sources, verdicts, graphs).

Everything here is thin: data comes from the library (``graph.*``), and this
module only decides how it looks.
"""

from __future__ import annotations

import gc
import os
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import streamlit as st
from rdflib import URIRef
from rdflib.namespace import SKOS

from graph.lexicon.names import Lexicon, label_of
from graph.lexicon.read import lexicon
from graph.reason.describe import EntityDetails, Source, describe, predicate_labels
from graph.store import Store, load_store
from ontology import AWSKG, KB

from .i18n import LANGS, t

__all__ = [
    "get_store", "store_key", "forget_user_stamp", "current_lang", "url_state", "sync_url", "short_iri", "expand_iri",
    "lex", "label", "class_label", "class_labels", "predicate_labels_for", "verdict_labels", "md",
    "cached_describe", "render_sources", "source_line", "sourced_md", "verdict_icon",
    "correction_badge", "page_link_query", "pick", "source_id_md",
    "render_corrections", "assessment_md",
]

# Plain symbols in Streamlit colours: emoji fonts are not everywhere (headless Chromium).
VERDICT_ICON = {"fits": ":green[**✓**]", "partial": ":orange[**◐**]", "does-not-fit": ":red[**✗**]",
                "not-assessed": ":gray[**?**]"}
CORRECTION_MARK = ":red-badge[:material/warning: {text}]"
NOTE_ICON = ":material/description:"
LINK_ICON = ":material/open_in_new:"


# ---------------------------------------------------------------- the store


#: How long the learner's folder and the store are taken as unchanged. Every label on a page
#: asks for the store; looking at the folder and calling Streamlit's cached loader (which
#: inspects its signature) each time was a third of a page's run. An import made in this app
#: forgets them at once (:func:`forget_user_stamp`); one made by the CLI is seen within this.
USER_STAMP_TTL = 1.0


class _Recent:
    """The last value computed for a key, reused for :data:`USER_STAMP_TTL` seconds."""

    def __init__(self) -> None:
        self.entry: tuple[float, Any, Any] | None = None

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        now, entry = time.monotonic(), self.entry
        if entry is not None and entry[1] == key and now - entry[0] < USER_STAMP_TTL:
            return entry[2]
        value = compute()
        self.entry = (now, key, value)
        return value


_stamps, _stores = _Recent(), _Recent()


def forget_user_stamp() -> None:
    """Look at the learner's folder again on the next store access (after an import here)."""
    _stamps.entry = _stores.entry = None


def _store_config() -> tuple[str, str, str, str, str]:
    endpoint = os.environ.get("AWSKG_ENDPOINT", "")
    location = os.environ.get("AWSKG_LOCATION", "")
    # Same default as the CLI: an endpoint means sparql, a location means oxigraph.
    kind = os.environ.get("AWSKG_STORE", "") or (
        "sparql" if endpoint and not location else "oxigraph" if location else "memory")
    stamp = ""
    if kind == "memory":
        env = tuple(os.environ.get(k, "") for k in ("AWSKG_USER_DATA", "AWSKG_NO_USER_DATA", "HOME"))
        stamp = _stamps.get(env, _user_stamp)
    return os.environ.get("AWSKG_DATA", ""), kind, endpoint, location, stamp


def _user_stamp() -> str:
    """Names, sizes and times of the learner's imported files: a new import or accept reloads the store."""
    from graph.store.userdata import user_layer

    folder = user_layer()
    if folder is None:
        return ""
    files = sorted(p for sub in ("kb", "notes") for p in (folder / sub).rglob("*") if p.is_file())
    return ";".join(f"{p.relative_to(folder)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)


# Instant on the shipped KB; on a big store whose name index is missing or stale the first
# load writes it (about 20 s at a million triples), so say what is happening.
@st.cache_resource(show_spinner="Opening the knowledge graph (a big store is indexed once) … / "
                                "ナレッジグラフを開いています（大きなストアは初回のみ索引を作成）…")
def _load(data: str, kind: str, endpoint: str, location: str, _user: str = "") -> Store:
    gc.unfreeze()  # a store replaced by this one (after an import) may be collected again
    store = load_store(data or None, kind=kind, endpoint=endpoint or None,
                       location=location or None)
    # Warm the per-store caches the pages use, so the first click does not pay for them.
    lexicon(store)
    predicate_labels(store)
    # The store's millions of objects live as long as the server: keep them out of the
    # collector's full passes, which otherwise walk them all every few runs.
    gc.collect()
    gc.freeze()
    return store


def get_store() -> Store:
    """The knowledge base, loaded once per process.

    Env AWSKG_DATA / AWSKG_STORE / AWSKG_ENDPOINT / AWSKG_LOCATION, as for the CLI.
    """
    config = _store_config()
    return _stores.get(config, lambda: _load(*config))


def store_key() -> str:
    """A string naming the current store, so cached results never mix two stores."""
    return "|".join(_store_config())


# ---------------------------------------------------------------- language and URL


def current_lang() -> str:
    """The language chosen by the switch (``ja`` or ``en``)."""
    lang = st.session_state.get("lang")
    return lang if lang in LANGS else "ja"


def url_state(key: str, default: Any = None, *, param: str | None = None,
              parse: Callable[[str], Any] | None = None) -> None:
    """Seed widget state ``key`` from ``?param=`` once, else from this session's last value.

    Widget values vanish when their page is left; the copy under ``_keep.<key>``
    brings them back when the user returns.
    """
    if key in st.session_state:
        return
    raw = st.query_params.get(param or key)
    if raw not in (None, ""):
        try:
            st.session_state[key] = parse(raw) if parse else raw
            return
        except Exception:  # noqa: BLE001 - a hand-edited URL must never break the page
            pass
    kept = st.session_state.get(f"_keep.{key}")
    if kept is None:
        kept = default  # e.g. a toggle that was off is kept as "no URL value", not as its widget value
    elif parse is not None and isinstance(kept, str) and not isinstance(default, str):
        try:
            kept = parse(kept)  # the kept copy is the URL text ("1"), the widget wants its value (True)
        except Exception:  # noqa: BLE001 - a stale copy must never break the page
            kept = default
    st.session_state[key] = kept


def sync_url(param: str, value: Any, *, key: str | None = None) -> None:
    """Write a value to the URL (empty values are removed) and remember it for the session."""
    if key:
        st.session_state[f"_keep.{key}"] = value
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
    else:
        text = ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
        if st.query_params.get(param) != text:
            st.query_params[param] = text


def short_iri(iri: str | URIRef) -> str:
    """``kb:slug`` for the project's instances (short, shareable URLs), else the IRI."""
    s = str(iri)
    return "kb:" + s[len(str(KB)):] if s.startswith(str(KB)) else s


def expand_iri(text: str) -> URIRef | None:
    """Inverse of :func:`short_iri`; ``None`` for anything else."""
    text = (text or "").strip()
    if text.startswith("kb:") and re.fullmatch(r"kb:[A-Za-z0-9._~-]+", text):
        return KB[text[3:]]
    if re.fullmatch(r"https?://[^\s<>\"{}|^`\\]+", text):
        return URIRef(text)
    return None


# ---------------------------------------------------------------- labels


def lex() -> Lexicon:
    """Names and classes of every entity (built once per store by the library)."""
    return lexicon(get_store())


def label(iri: str | URIRef, lang: str | None = None) -> str:
    """Display label of an entity in the current language."""
    iri = URIRef(str(iri))
    return label_of(lex().labels.get(iri, {}), iri, lang or current_lang())


def class_iri(name: str) -> URIRef:
    """The class a drawn node type names: ours (``Capability``) or SKOS's (``Concept`` on the map)."""
    try:
        return AWSKG[name]
    except AttributeError:
        return SKOS[name]


def class_label(type_iri: URIRef | str | None, lang: str | None = None) -> str:
    """Label of a class (``Capability`` → 機能) from the ontology."""
    if not type_iri:
        return ""
    iri = URIRef(str(type_iri)) if "://" in str(type_iri) else class_iri(str(type_iri))
    return label_of(predicate_labels(get_store()).get(iri, {}), iri, lang or current_lang())


def class_labels(lang: str | None = None) -> dict[str, str]:
    """Class local name → label, for graph legends."""
    from graph.views.html import CLASS_STYLE

    labels = {name: class_label(name, lang) for name in CLASS_STYLE}
    labels[""] = t("common.other", lang or current_lang())
    return labels


def predicate_labels_for(lang: str | None = None) -> dict[str, str]:
    """Property IRI (str) → its label in ``lang`` (for relation filters)."""
    lang = lang or current_lang()
    found = predicate_labels(get_store())
    return {str(p): label_of(labels, p, lang) for p, labels in found.items()}


def verdict_labels(lang: str | None = None) -> dict[str, str]:
    """``fits`` → 適合 etc."""
    lang = lang or current_lang()
    return {v: t(f"verdict.{v}", lang) for v in ("fits", "partial", "does-not-fit")}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Text from the graph, made inert for ``st.markdown`` (no markup, no HTML, no links).

    Escaping is not enough for bare URLs: the Markdown renderer links ``http://…`` and
    ``www.…`` on its own, so an invisible word joiner (U+2060) breaks them up.

    >>> md("see https://example.org/x_y") == "see https\\\\:\\u2060//example\\\\.org/x\\\\_y"
    True
    """
    text = str(text).replace("://", ":\u2060//").replace("www.", "www\u2060.")
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def correction_badge(lang: str) -> str:
    """A red "correction" badge for statements the notes get wrong."""
    return CORRECTION_MARK.format(text=t("common.correction", lang))


def verdict_icon(verdict: str) -> str:
    """✓ / ◐ / ✗ (coloured Markdown) for a verdict name."""
    return VERDICT_ICON.get(verdict, "•")


# ---------------------------------------------------------------- cached library calls


@st.cache_data(show_spinner=False, max_entries=512)
def _describe(_store: Store, key: str, iri: str) -> EntityDetails:
    return describe(_store, URIRef(iri))


def cached_describe(iri: str | URIRef) -> EntityDetails:
    """``graph.reason.describe.describe`` for the current store, cached per entity."""
    return _describe(get_store(), store_key(), str(iri))


# ---------------------------------------------------------------- renderers


def source_line(src: Source, lang: str) -> str:
    """One source as safe Markdown: a note section, or a linked AWS document."""
    if src.kind == "note":
        where = t("sources.lines", lang, file=src.file or "notes", a=src.lines[0], b=src.lines[1]) \
            if src.lines else ""
        name = ("ノート" if lang == "ja" else "Note") + f" §{src.section}"
        return f"{NOTE_ICON} {md(name)} — {md(where)}"
    url = str(src.iri)
    title = md(src.title or url)
    checked = f" · {md(t('sources.checked', lang, date=src.checked))}" if src.checked else ""
    if re.fullmatch(r"https://[^\s()<>]+", url):
        return f"{LINK_ICON} [{title}]({url}){checked}"
    return f"{LINK_ICON} {title} {md(url)}{checked}"


def pick(text: dict[str, str], lang: str) -> str:
    """Text in ``lang``, else in the other language, else empty."""
    return text.get(lang) or text.get("en" if lang == "ja" else "ja") or ""


def source_id_md(source: str, titles: dict[str, str], lang: str) -> str:
    """A source id of the fit/drill contract (``note:13`` or a URL) as safe Markdown."""
    m = re.fullmatch(r"note:(\d+)", source)
    if m:
        name = ("ノート §" if lang == "ja" else "Note §") + m.group(1)
        return (f":blue-badge[{t('common.from_notes', lang)}] "
                f"{NOTE_ICON} [{md(name)}](./sources?section={m.group(1)}&lang={lang})")
    if re.fullmatch(r"https://[^\s()<>]+", source):
        return f":green-badge[{t('common.from_docs', lang)}] {LINK_ICON} [{md(titles.get(source) or source)}]({source})"
    return md(source)


def badges_md(badges: Iterable[Any], lang: str) -> str:
    """Draft and availability badges (``graph.reason.badges``) as Markdown, escaped."""
    out = []
    for b in badges:
        kind = b["kind"] if isinstance(b, dict) else b.kind
        text = (b["text"] if isinstance(b, dict) else b.text) or {}
        line = md(text.get(lang) or text.get("en") or kind)
        out.append(f":orange-badge[:material/edit_note: {line}]" if kind == "draft"
                   else f":violet-badge[:material/schedule: {line}]")
    return " ".join(out)


def assessment_md(a: Any, lang: str) -> str:
    """An assessment as one Markdown paragraph: subject — verdict → requirement, and why."""
    why = pick(a.rationale, lang)
    verdict = md(t("verdict." + a.verdict, lang))
    return (f"{verdict_icon(a.verdict)} {md(label(a.subject, lang))} — *{verdict}* → "
            f"{md(label(a.requirement, lang))}" + (f"  \n{md(why)}" if why else "")
            + (f" {correction_badge(lang)}" if a.corrections else ""))


def render_corrections(items: Iterable[Any], lang: str) -> None:
    """One expander per correction: what the note says and what the sources say."""
    for corr in items:
        name = pick(corr.labels, lang) or short_iri(corr.iri)
        with st.expander(f"{t('common.correction', lang)}: {md(name)}"):
            if corr.note_says:
                st.markdown(f"*{t('common.note_says', lang)}:* {md(pick(corr.note_says, lang))}")
            if corr.sources_say:
                st.markdown(f"*{t('common.sources_say', lang)}:* "
                            f"{md(pick(corr.sources_say, lang))}")


def render_sources(sources: Iterable[Source], lang: str) -> None:
    """A compact list of sources under a statement."""
    lines = [source_line(s, lang) for s in sources]
    if lines:
        st.caption("  \n".join(lines))


def sourced_md(statement: str, sources: Iterable[Source], lang: str) -> str:
    """A statement (safe Markdown) with its sources in small grey lines under it: one block of a
    list drawn as a single element (a details panel of 40 statements was 80 elements)."""
    return "  \n".join([statement, *(f":small[:gray[{source_line(s, lang)}]]" for s in sources)])


def select_by_language(where: Any, label: str, options: list[Any], key: str, lang: str,
                       format_func: Callable[[Any], str],
                       on_change: Callable[[], None] | None = None) -> Any:
    """A selectbox whose value lives in ``st.session_state[key]`` and whose widget is keyed per
    language.

    Streamlit matches a selectbox's value by its displayed label: when a language switch changes
    the labels, a plain keyed selectbox hands back the old label instead of the option (and keeps
    showing old-language labels). One widget per language, fed from one value, does neither.
    """
    wkey = f"{key}__{lang}"
    value = st.session_state.get(key)
    if value in options and st.session_state.get(wkey) != value:
        st.session_state[wkey] = value
    elif value not in options and st.session_state.get(wkey) not in options:
        st.session_state.pop(wkey, None)

    def picked() -> None:
        st.session_state[key] = st.session_state.get(wkey)
        if on_change is not None:
            on_change()

    chosen = where.selectbox(label, options, key=wkey, format_func=format_func, on_change=picked)
    st.session_state[key] = chosen
    return chosen


def name_in_search(iri: str, lang: str) -> None:
    """Put an entity's name in Explore's search box; it follows a language switch."""
    st.session_state["explore_q"] = label(iri, lang)
    st.session_state["_explore_q_of"] = iri


def page_path(page: str) -> Path:
    """The script of a page (``explore``, ``fit`` …), as ``st.switch_page`` and ``st.page_link`` take it."""
    return Path(__file__).resolve().parent / f"{page}.py"


def page_link_query(page: str, text: str, params: dict[str, str]) -> None:
    """A link to another page (``explore``, ``fit`` …) with its URL state filled in."""
    params = {k: v for k, v in params.items() if v}
    params.setdefault("lang", current_lang())
    st.page_link(page_path(page), label=text, query_params=params)
