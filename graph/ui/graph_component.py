"""The graph you can click: a Streamlit custom component (v2, no iframe) around vis-network.

The browser side is ``graphview/component.js``; it loads pyvis's bundled vis-network
(``graphview/vis-network.min.js``, copied unchanged, licence beside it) once per page from
Streamlit's component asset route on 127.0.0.1, keeps one ``vis.Network`` per mounted
element and updates its DataSets in place, so positions and zoom survive reruns. Python
sends the data of :func:`graph.views.vis.view_data` and gets back two trigger values:
``clicked`` (a node id, on click) and ``expanded`` (a node id, on double-click).

The asset directory is declared in ``pyproject.toml`` (``[[tool.streamlit.component.components]]``).
Streamlit finds such declarations only for a distribution with an importable package of the
same name, and ours is ``awskg`` with packages ``graph`` …, so the same declaration is also
registered here, on the running app's component manager, before the first mount.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

__all__ = ["ASSETS", "NAME", "clicked_node", "show_graph"]

PROJECT, COMPONENT = "awskg", "graph"
NAME = f"{PROJECT}.{COMPONENT}"
ASSETS = Path(__file__).resolve().parent / "graphview"
_renderer: Any = None


def _manager() -> Any:
    from streamlit.components.v2.get_bidi_component_manager import get_bidi_component_manager

    return get_bidi_component_manager()


def _ensure_registered() -> None:
    """Register the asset directory on the running app's component manager (once per runtime)."""
    manager = _manager()
    if manager.get_component_asset_root(NAME) is not None:
        return
    from streamlit.components.v2.manifest_scanner import ComponentConfig, ComponentManifest

    package_root = ASSETS.parent.parent  # the ``graph`` package
    manifest = ComponentManifest(
        name=PROJECT, version="0",
        components=[ComponentConfig(name=COMPONENT, asset_dir=str(ASSETS.relative_to(package_root)))])
    manager.register_from_manifest(manifest, package_root)


def _component() -> Any:
    global _renderer
    _ensure_registered()
    if _renderer is None:
        _renderer = st.components.v2.component(NAME, js="component.js", css="component.css",
                                               isolate_styles=True)
    return _renderer


def clicked_node(key: str, event: str = "clicked") -> str | None:
    """Inside an ``on_change`` callback: the node id the browser sent for ``event``."""
    state = st.session_state.get(key)
    value = getattr(state, event, None) if state is not None else None
    if value is None and isinstance(state, dict):
        value = state.get(event)
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
        return _component()(key=key, data=payload, **callbacks)


# ---------------------------------------------------------------- cached view data


@st.cache_data(show_spinner=False, max_entries=256)
def _folded(key: str, graph_id: str, _G: Any, keep: tuple, open_hubs: tuple,
            centre: str | None) -> Any:
    from graph.views.vis import fold_leaves

    return fold_leaves(_G, keep=keep, open_hubs=open_hubs, centre=centre)[0]


@st.cache_data(show_spinner=False, max_entries=256)
def _positions(key: str, graph_id: str, _H: Any, centre: str | None, base_id: str,
               _base: Any) -> dict:
    from graph.views.vis import layout

    return layout(_H, centre=centre, base=_base)


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


def cached_view(G: Any, graph_id: str, *, lang: str, focus: str | None = None,
                keep: tuple = (), open_hubs: tuple = (), base: tuple[str, Any] | None = None,
                centre: str | None = None,
                **kwargs: Any) -> tuple[dict, dict]:
    """The component data for ``G`` (``graph_id`` must name what ``G`` shows) and its positions.

    ``base`` is ``(graph_id, positions)`` of a view whose nodes keep their place (an expansion
    grows around what is already drawn).
    """
    from . import common as c

    key = c.store_key()
    gid = f"{graph_id}|open={sorted(open_hubs)}"
    H = _folded(key, gid, G, tuple(keep), tuple(sorted(open_hubs)), centre)
    base_id, base_pos = base if base else ("", None)
    pos = _positions(key, gid, H, centre, base_id, base_pos)
    texts = _texts(key, gid, tuple(H.nodes))
    opts = tuple(sorted((k, tuple(v) if isinstance(v, (list, set, tuple)) else v)
                        for k, v in kwargs.items()))
    return _data(key, gid, H, lang, focus, opts, texts, pos), pos
