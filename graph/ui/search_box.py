"""Search as you type: a small Streamlit component (v2, no iframe) whose suggestions are
ranked by :func:`graph.reason.resolve.search` (typo-tolerant, both languages, services and
capabilities first), the same ranking Enter uses, so what the list shows first is what Enter
opens.

The browser side is ``awskg/searchbox/component.js``. It sends the typed text (state
``text``, debounced) and a pick (trigger ``picked``, an entity id). The box runs in an
``st.fragment``: a keystroke reruns the box and its suggestions, not the page; a pick reruns
the page.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from rdflib import URIRef

from awskg import SEARCH
from graph.ui import common as c
from graph.ui.graph_component import clicked_node, component_value, renderer

__all__ = ["picked", "search_box", "suggestions", "typed"]

#: Suggestions shown under the box.
SHOWN = 10


def suggestions(hits: list[str], lang: str) -> list[dict[str, str]]:
    """The list under the box for entity ids ``hits``: name, the other language's name, class."""
    other = "en" if lang == "ja" else "ja"
    out = []
    for iri in hits:
        name, alt = c.label(iri, lang), c.label(iri, other)
        out.append({"id": iri, "name": name, "alt": "" if alt == name else alt,
                    "kind": c.class_label(c.lex().types.get(URIRef(iri)), lang)})
    return out


def typed(key: str) -> str | None:
    """The text the browser last sent for box ``key`` (``None`` before the first keystroke)."""
    value = component_value(key, "text")
    return value if isinstance(value, str) else None


def picked(key: str) -> str | None:
    """Inside ``on_pick``: the entity id the learner chose."""
    return clicked_node(key, "picked")


def search_box(*, key: str, label: str, value: str, lang: str, find: Callable[[str], list[str]],
               on_pick: Callable[[str], None], placeholder: str = "", help: str = "",
               nothing: str = "") -> None:
    """Mount the box showing ``value``; ``find(text)`` gives the ranked ids for a text.

    ``on_pick(iri)`` runs when the learner picks a suggestion (click, or Enter on the
    highlighted or first one); the page then reruns as a whole.
    """
    done, seen, text_key = f"_{key}.picked", f"_{key}.value", f"_{key}.text"
    if st.session_state.get(seen) != value:
        # The page changed what the box shows (a pick, a click on the graph, a deep link):
        # that replaces whatever was typed before.
        st.session_state[seen] = value
        st.session_state.pop(text_key, None)

    def _on_text() -> None:
        st.session_state[text_key] = typed(key)

    def _on_pick() -> None:
        iri = picked(key)
        if iri:
            on_pick(iri)
            st.session_state[done] = True

    @st.fragment
    def _box() -> None:
        text = st.session_state.get(text_key)
        if text is None:
            text = value
        hits = find(text) if text.strip() else []
        data = {"label": label, "placeholder": placeholder, "help": help, "value": value,
                "for": text, "items": suggestions(hits[:SHOWN], lang),
                "nothing": nothing.format(q=text.strip()) if nothing else ""}
        with st.container(key=f"{key}_box"):
            renderer(SEARCH)(key=key, data=data, on_text_change=_on_text, on_picked_change=_on_pick)
        if st.session_state.pop(done, False):
            st.rerun()

    _box()
