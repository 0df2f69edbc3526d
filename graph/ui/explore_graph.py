"""Explore's clickable graph: what is drawn around which root, clicks, expansions, "+N" nodes.

A click on a node focuses it (details panel and ``?entity=`` follow) and keeps the drawing as
it is, so the zoom and every position stay. A double-click also expands the node: its
neighbours join the drawing (``?open=``), around the nodes already placed. The drawing is
the neighbourhood of a *root* (``?root=`` when it is not the focus); choosing an entity that
is not drawn (search, a link) starts a new drawing around it. A "+N" node stands for a
hub's folded leaves; clicking it unfolds them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
import streamlit as st
from rdflib import URIRef

from graph.ui import common as c
from graph.ui import graph_component as gc
from graph.ui.i18n import t
from graph.views.vis import MORE_PREFIX

KEY = "graph_view"
#: Neighbours a double-click adds at most.
EXPAND_CAP = 60
#: Width / height of the canvas, which a new drawing is widened to.
ASPECT = 1.1


def _unfold(node: str, state_key: str) -> None:
    hubs = list(st.session_state.get(state_key) or [])
    hub = node[len(MORE_PREFIX):]
    if hub not in hubs:
        hubs.append(hub)
    st.session_state[state_key] = hubs


def _on_click() -> None:
    node = gc.clicked_node(KEY)
    if not node:
        return
    if node.startswith(MORE_PREFIX):
        _unfold(node, "explore_unfold")
    else:
        st.session_state["explore_entity"] = node
        st.session_state["_explore_click"] = True


def _on_expand() -> None:
    node = gc.clicked_node(KEY, "expanded")
    if not node:
        return
    if node.startswith(MORE_PREFIX):
        _unfold(node, "explore_unfold")
        return
    opened = list(st.session_state.get("explore_open") or [])
    if node not in opened and node != st.session_state.get("explore_root"):
        opened.append(node)
    st.session_state["explore_open"] = opened
    st.session_state["explore_entity"] = node
    st.session_state["_explore_click"] = True


def _parse_iri(text: str) -> str | None:
    iri = c.expand_iri(text)
    return str(iri) if iri is not None and iri in c.lex().types else None


def state(focus: str) -> tuple[str, list[str]]:
    """The root of the drawing and the expanded nodes, from this session or the URL."""
    c.url_state("explore_root", None, param="root", parse=_parse_iri)
    c.url_state("explore_open", [], param="open",
                parse=lambda s: [x for x in map(_parse_iri, s.split(",")) if x])
    st.session_state.setdefault("explore_unfold", [])
    root = st.session_state.get("explore_root") or focus
    if URIRef(root) not in c.lex().types:
        root = focus
    opened = [x for x in st.session_state.get("explore_open") or [] if URIRef(x) in c.lex().types]
    clicked = st.session_state.pop("_explore_click", False)
    last = st.session_state.get("_explore_last_focus")
    if last is not None and focus != last and not clicked:
        return focus, []  # focused from a search, a list or a link: a new drawing around it
    return root, opened


def keep_state(root: str, opened: list[str], focus: str) -> None:
    """Remember the drawing and write it to the URL (``root`` only when it is not the focus)."""
    if root != st.session_state.get("explore_root"):
        st.session_state["explore_unfold"] = []
    st.session_state["explore_root"] = root
    st.session_state["explore_open"] = opened
    st.session_state["_explore_last_focus"] = focus
    c.sync_url("root", c.short_iri(root) if root != focus else None)
    c.sync_url("open", [c.short_iri(x) for x in opened])


def grown(ego: Callable[..., Any], root: str, opened: list[str], hops: int, cap: int,
          classes: tuple, rels: tuple) -> tuple[Any, nx.MultiDiGraph]:
    """The root's view and the drawing: that view plus the neighbours of each expanded node."""
    view = ego(root, hops, cap, classes, rels)
    G = view.G
    for node in opened:
        G = nx.compose(G, ego(node, 1, EXPAND_CAP, classes, rels).G)
    return view, G


def draw(G: nx.MultiDiGraph, base: nx.MultiDiGraph, *, lang: str, root: str, focus: str,
         graph_id: str, base_id: str, height: int, **kwargs: Any) -> None:
    """Mount the clickable graph; ``base`` is the root's own view, whose layout stays put."""
    keep = (root, *kwargs.get("highlight_nodes", ()))
    unfold = tuple(st.session_state.get("explore_unfold") or ())
    base_pos = None
    if G is not base:
        _data, base_pos = gc.cached_view(base, base_id, lang=lang, focus=root, keep=keep,
                                         open_hubs=unfold, centre=root, aspect=ASPECT)
    data, _pos = gc.cached_view(G, graph_id, lang=lang, focus=focus, keep=keep, open_hubs=unfold,
                                centre=root, base=(base_id, base_pos) if base_pos else None,
                                aspect=ASPECT, **kwargs)
    gc.show_graph(data, key=KEY, height=height, view=base_id, on_click=_on_click,
                  on_expand=_on_expand)


def lonely_note(ego: Callable[..., Any], G: nx.MultiDiGraph, root: str, hops: int, cap: int,
                classes: tuple, rels: tuple, filtered: bool, lang: str) -> None:
    """When the drawing is one lonely node, say why (and what would bring neighbours back)."""
    if G.number_of_nodes() > 1:
        return
    name = c.md(c.label(root, lang))
    total = ego(root, hops, cap, (), ()).G.number_of_nodes() - 1
    if total <= 0:
        st.info(t("explore.lonely_none", lang, name=name), icon=":material/info:")
    elif filtered:
        st.info(t("explore.lonely_filtered", lang, name=name, n=total), icon=":material/filter_alt:")
    else:
        st.info(t("explore.lonely_statements", lang, name=name, n=total,
                  toggle=t("explore.statements", lang)), icon=":material/filter_alt:")
