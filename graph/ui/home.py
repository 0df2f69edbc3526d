"""Home page: what to do first, starting points, and a map of the topics the graph covers.

Links made for the root URL before this page existed (``/?entity=…``, ``/?q=…``) still open
Explore with their state.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph.ui import common as c
from graph.ui import graph_component as gc
from graph.ui.i18n import t
from graph.views.network import HARD_MAX_NODES
from graph.views.vis import MORE_PREFIX

MAP_HEIGHT = 560
ALL = "all"
#: Leaves a topic keeps on the whole map (services first; the rest behind "+N"), and on one domain's map.
ALL_LEAVES, DOMAIN_LEAVES = 4, 10
GROUP_TYPES, GROUP_FONT = ("Topic", "Concept", "ConceptScheme"), 34
#: (page, title key, URL state by language)
STARTS = [
    ("fit", "home.start_nightly", {"en": {"q": "nightly inference, under a minute, cheapest"},
                                   "ja": {"q": "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい"}}),
    ("fit", "home.start_bias", {"en": {"q": "monitor bias drift of a deployed model"},
                                "ja": {"q": "デプロイ済みモデルのバイアスドリフトを監視したい"}}),
    ("fit", "home.start_emr", {"en": {"q": "EMR batch jobs on Spot at low cost without losing HDFS data"},
                               "ja": {"q": "EMR の大規模バッチをスポットで安く、HDFS のデータは失いたくない"}}),
    ("compare", "home.start_compare", {"en": {"group": "inference"}, "ja": {"group": "inference"}}),
    ("drill", "home.start_drill", {"en": {}, "ja": {}}),
    ("explore", "home.start_explore", {"en": {"entity": "kb:serverless-inference"},
                                       "ja": {"entity": "kb:serverless-inference"}}),
]


@st.cache_data(show_spinner=False, max_entries=8)
def _map(key: str) -> Any:
    from graph.views.overview import topic_map

    return topic_map(c.get_store())


def _on_map_click() -> None:
    node = gc.clicked_node("home_map")
    if node and node.startswith(MORE_PREFIX):
        hubs = st.session_state.setdefault("home_unfold", [])
        if node[len(MORE_PREFIX):] not in hubs:
            hubs.append(node[len(MORE_PREFIX):])
    elif node:
        st.session_state["_home_goto"] = node


def _open_in_explore(iri: str, lang: str) -> None:
    """A click on the map: Explore, focused on that node, with a new drawing around it."""
    st.session_state["explore_entity"] = iri
    st.session_state["explore_root"] = iri
    st.session_state["explore_open"] = []
    st.session_state["_explore_last_focus"] = iri
    c.name_in_search(iri, lang)
    st.switch_page(c.page_path("explore"), query_params={"entity": c.short_iri(iri), "lang": lang})


def render() -> None:
    """Draw the Home page."""
    if any(k in st.query_params for k in ("entity", "q", "hops", "to")):
        st.switch_page(c.page_path("explore"), query_params=dict(st.query_params))
    lang = c.current_lang()
    goto = st.session_state.pop("_home_goto", None)
    if goto:
        _open_in_explore(goto, lang)
    st.header(t("home.title", lang))
    st.markdown(t("home.how", lang))
    from graph.views.overview import domain_view, domains

    G = _map(c.store_key())
    # The map first, beside the starting points: on a laptop's screen it is in view on arrival.
    left, right = st.columns([4, 1.25], gap="medium")
    with right:
        choices = [ALL, *domains(G)]
        c.url_state("home_domain", ALL, param="domain",
                    parse=lambda s: str(c.expand_iri(s)) if str(c.expand_iri(s)) in choices else ALL)
        domain = c.select_by_language(st, t("home.domain", lang), choices, "home_domain", lang,
                                      lambda d: t("home.all_domains", lang) if d == ALL
                                      else c.label(d, lang))
        c.sync_url("domain", None if domain == ALL else c.short_iri(domain), key="home_domain")
        st.markdown(f"**{t('home.starts', lang)}**")
        with st.container(key="home_starts", gap="small"):
            for page, key, params in STARTS:
                c.page_link_query(page, t(key, lang), dict(params.get(lang) or params["en"]))
    shown = G if domain == ALL else domain_view(G, domain)
    view = f"home|map|{domain}"
    unfold = tuple(st.session_state.get("home_unfold") or ())
    data, _pos = gc.cached_view(shown, view, lang=lang, edge_labels=False,
                                max_nodes=HARD_MAX_NODES, open_hubs=unfold,
                                max_leaves=ALL_LEAVES if domain == ALL else DOMAIN_LEAVES,
                                aspect=1.2)
    # The domains' and topics' names large enough to be drawn when the whole map is in view;
    # the services and capabilities around them are read by zooming in or picking a domain.
    groups = {n for n, d in shown.nodes(data=True) if d.get("type") in GROUP_TYPES}
    data = dict(data, nodes=[dict(n, font=dict(n["font"], size=GROUP_FONT),
                                  widthConstraint={"maximum": 260}) if n["id"] in groups else n
                             for n in data["nodes"]])
    with left:
        gc.show_graph(data, key="home_map", height=MAP_HEIGHT, view=view, on_click=_on_map_click)
        st.caption(f"**{t('home.map', lang)}**: " + t("home.map_hint", lang) + " "
                   + t("home.map_click", lang))


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.home import render as _render

    _render()
