"""The graph you can click: a Streamlit custom component (v2, no iframe) around vis-network.

The browser side lives in the :mod:`awskg` package (``awskg/graphview/component.js``); it
loads pyvis's bundled vis-network (``vis-network.min.js``, copied unchanged, licence beside
it) once per page from Streamlit's component asset route on 127.0.0.1, keeps one
``vis.Network`` per mounted element and updates its DataSets in place, so positions and zoom
survive reruns. Python sends the data of :func:`graph.views.vis.view_data` and gets back two
trigger values: ``clicked`` (a node id, on click) and ``expanded`` (a node id, on
double-click).

Streamlit finds the assets itself, at start-up, from ``awskg/pyproject.toml``
(``[[tool.streamlit.component.components]]``): no registration here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

import streamlit as st
from rdflib import URIRef

from awskg import COMPONENT, PROJECT

__all__ = ["cached_layered", "clicked_node", "component_value", "renderer", "show_graph", "small_graph"]

_renderers: dict[str, Any] = {}


def renderer(name: str = COMPONENT) -> Any:
    """The mount function of our v2 component ``awskg.<name>`` (``component.js`` and
    ``component.css`` from its asset directory, declared in ``awskg/pyproject.toml``)."""
    if name not in _renderers:
        _renderers[name] = st.components.v2.component(f"{PROJECT}.{name}", js="component.js",
                                                      css="component.css", isolate_styles=True)
    return _renderers[name]


def component_value(key: str, name: str) -> Any:
    """Inside a callback or a run: the state or trigger value ``name`` of the component ``key``."""
    state = st.session_state.get(key)
    value = getattr(state, name, None) if state is not None else None
    if value is None and isinstance(state, dict):
        value = state.get(name)
    return value


def clicked_node(key: str, event: str = "clicked") -> str | None:
    """Inside an ``on_change`` callback: the node id the browser sent for ``event``."""
    value = component_value(key, event)
    return value if isinstance(value, str) and value else None


def show_graph(data: dict, *, key: str, height: int = 560, view: str = "",
               on_click: Callable[[], None] | None = None,
               on_expand: Callable[[], None] | None = None) -> Any:
    """Mount the component with ``data`` (nodes, edges, options, legend).

    ``view`` names what is drawn: the browser re-fits the drawing only when it changes, so a
    click that only moves the focus keeps the zoom. ``on_click``/``on_expand`` run before the
    next script run; read the node with :func:`clicked_node`.
    """
    payload = dict(data, key=key, height=int(height), view=view)
    payload["rev"] = hashlib.sha1(json.dumps(payload, sort_keys=True, ensure_ascii=False,
                                             default=str).encode()).hexdigest()[:12]
    callbacks = {}
    if on_click is not None:
        callbacks["on_clicked_change"] = on_click
    if on_expand is not None:
        callbacks["on_expanded_change"] = on_expand
    with st.container(key=key + "_box"):
        return renderer()(key=key, data=payload, **callbacks)


def small_graph(data: dict, *, key: str, height: int, view: str) -> None:
    """Fit's and Drill's explanation graph (the clickable component, no iframe).

    A click on a node offers that node in Explore, below the graph.
    """
    from graph.ui import common as c
    from graph.ui.i18n import t

    picked = f"{key}_picked"

    def _pick() -> None:
        st.session_state[picked] = clicked_node(key)

    show_graph(data, key=key, height=height, view=view, on_click=_pick)
    node = st.session_state.get(picked)
    if node and any(n.get("id") == node for n in data.get("nodes", ())) and \
            URIRef(node) in c.lex().types:
        lang = c.current_lang()
        c.page_link_query("explore", t("common.open_node", lang, name=c.label(node, lang)),
                          {"entity": c.short_iri(node)})


# ---------------------------------------------------------------- cached view data


@st.cache_data(show_spinner=False, max_entries=256)
def _folded(key: str, graph_id: str, _G: Any, keep: tuple, open_hubs: tuple,
            centre: str | None, max_leaves: int) -> Any:
    from graph.views.vis import fold_leaves

    return fold_leaves(_G, keep=keep, open_hubs=open_hubs, centre=centre,
                       max_leaves=max_leaves)[0]


@st.cache_data(show_spinner=False, max_entries=256)
def _positions(key: str, graph_id: str, _H: Any, centre: str | None, base_id: str,
               _base: Any, aspect: float | None) -> dict:
    from graph.views.vis import layout

    return layout(_H, centre=centre, base=_base, aspect=aspect)


@st.cache_data(show_spinner=False, max_entries=256)
def _texts(key: str, graph_id: str, _nodes: tuple) -> dict:
    from graph.views.vis import node_texts

    from . import common as c

    return node_texts(c.get_store(), _nodes)


@st.cache_data(show_spinner=False, max_entries=256)
def _data(key: str, graph_id: str, _H: Any, lang: str, focus: str | None, opts: tuple,
          _texts: Any, _pos: Any) -> dict:
    from graph.views.vis import view_data

    from . import common as c

    return view_data(_H, lang=lang, focus=focus, texts=_texts, positions=_pos,
                     class_labels=c.class_labels(lang), verdict_labels=c.verdict_labels(lang),
                     **dict(opts))


def _hashable(kwargs: dict) -> tuple:
    """View options as a sorted tuple (lists as tuples): part of a cache key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, set, tuple)) else v)
                        for k, v in kwargs.items()))


def cached_view(G: Any, graph_id: str, *, lang: str, focus: str | None = None,
                keep: tuple = (), open_hubs: tuple = (), base: tuple[str, Any] | None = None,
                centre: str | None = None, max_leaves: int | None = None,
                aspect: float | None = None, **kwargs: Any) -> tuple[dict, dict]:
    """The component data for ``G`` (``graph_id`` must name what ``G`` shows) and its positions.

    ``base`` is ``(graph_id, positions)`` of a view whose nodes keep their place (an expansion
    grows around what is already drawn). ``max_leaves``: leaves a hub keeps before "+N";
    ``aspect``: the canvas's width / height, which a new drawing may widen to.
    """
    from graph.views.vis import MAX_LEAVES

    from . import common as c

    key = c.store_key()
    leaves = MAX_LEAVES if max_leaves is None else max_leaves
    gid = f"{graph_id}|open={sorted(open_hubs)}|leaves={leaves}"
    H = _folded(key, gid, G, tuple(keep), tuple(sorted(open_hubs)), centre, leaves)
    base_id, base_pos = base if base else ("", None)
    pos = _positions(key, gid, H, centre, base_id, base_pos, aspect)
    texts = _texts(key, gid, tuple(H.nodes))
    return _data(key, gid, H, lang, focus, _hashable(kwargs), texts, pos), pos


def cached_layered(G: Any, graph_id: str, *, lang: str, focus: str | None = None,
                   **kwargs: Any) -> dict:
    """The component data of a small left-to-right view (Fit's and Drill's explanations).

    ``graph_id`` must name what ``G`` shows. Nothing is folded: every requirement and option
    asked about stays visible.
    """
    from . import common as c

    key = c.store_key()
    texts = _texts(key, graph_id, tuple(G.nodes))
    return _data(key, graph_id, G, lang, focus, _hashable(dict(kwargs, layered=True)), texts, {})
