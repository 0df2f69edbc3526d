"""SPARQL page: a read-only console with example queries, a table and a CSV download.

The store refuses anything but SELECT/ASK/CONSTRUCT/DESCRIBE (no updates, no
SERVICE) and caps rows and time; this page shows its refusals as messages.
URL state: ``?q=<the last query run>``; opening such a link fills the box and waits
for Run (a link never runs a query by itself).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from rdflib import Graph, URIRef

from graph.errors import KGError
from graph.ui import common as c
from graph.ui.i18n import t
from graph.ui.messages import translate
from ontology import PREFIXES

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
ROW_LIMIT = 1000
TIMEOUT = 10.0


def examples() -> list[tuple[str, dict[str, str], str]]:
    """(file stem, titles by language, query text) of each shipped example.

    >>> any(stem.endswith("class_counts") for stem, _, _ in examples())
    True
    """
    out = []
    for path in sorted(EXAMPLES_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        titles = {}
        for line in text.splitlines():
            if line.startswith("# ") and ":" in line[:6]:
                code, _, title = line[2:].partition(":")
                titles[code.strip()] = title.strip()
        out.append((path.stem, titles, text))
    return out


def _short(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in PREFIXES.items():
            if s.startswith(str(ns)) and len(s) > len(str(ns)):
                return f"{prefix}:{s[len(str(ns)):]}"
        return s
    return str(term)


@st.cache_data(show_spinner=False, max_entries=64)
def _run(key: str, text: str) -> dict[str, Any]:
    """Run once per (store, text); errors come back as data so they are cached too."""
    try:
        res = c.get_store().sparql(text, limit=ROW_LIMIT, timeout=TIMEOUT)
    except KGError as err:
        return {"error": str(err)}
    except Exception as err:  # a malformed query can surface as any parser error
        return {"error": f"{type(err).__name__}: {err}"}
    out: dict[str, Any] = {"form": res.form, "truncated": res.truncated, "ms": res.seconds * 1000}
    if res.form == "SELECT":
        out["columns"] = res.variables
        out["short"] = [[_short(r.get(v)) for v in res.variables] for r in res.rows]
        out["full"] = [["" if r.get(v) is None else str(r.get(v)) for v in res.variables]
                       for r in res.rows]
    elif res.form == "ASK":
        out["boolean"] = res.boolean
    else:
        g = res.graph if res.graph is not None else Graph()
        triples = sorted(g, key=lambda tr: tuple(map(str, tr)))
        out["columns"] = ["subject", "predicate", "object"]
        out["short"] = [[_short(x) for x in tr] for tr in triples]
        out["full"] = [[str(x) for x in tr] for tr in triples]
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        out["turtle"] = g.serialize(format="turtle")
    return out


def _on_example() -> None:
    stem = st.session_state.get("sparql_example")
    for name, _titles, text in examples():
        if name == stem:
            st.session_state["sparql_query"] = text


def render() -> None:
    """Draw the SPARQL page."""
    lang = c.current_lang()
    st.header(t("sparql.title", lang))
    st.caption(t("sparql.intro", lang, rows=ROW_LIMIT, secs=TIMEOUT))
    shipped = examples()
    by_stem = {stem: (titles, text) for stem, titles, text in shipped}
    c.url_state("sparql_query", shipped[0][2] if shipped else "", param="q")
    if "sparql_last" not in st.session_state:
        # A link fills the box but never runs: opening a URL must not run someone else's query.
        st.session_state["sparql_last"] = st.session_state.get("_keep.sparql_last", "")

    st.selectbox(t("sparql.example", lang), list(by_stem), index=None, key="sparql_example",
                 format_func=lambda s: by_stem[s][0].get(lang) or by_stem[s][0].get("en") or s,
                 on_change=_on_example, placeholder=t("sparql.pick", lang))
    text = st.text_area(t("sparql.query", lang), key="sparql_query", height=220)
    if st.button(t("sparql.run", lang), key="sparql_run", type="primary"):
        st.session_state["sparql_last"] = text
    last = st.session_state.get("sparql_last", "")
    st.session_state["_keep.sparql_last"] = last
    if not last.strip():
        if text.strip() and st.query_params.get("q") == text:
            st.info(t("sparql.from_link", lang))
        return
    c.sync_url("q", last, key="sparql_query")
    out = _run(c.store_key(), last)
    if "error" in out:
        st.error(t("sparql.error", lang, error=translate(out["error"], lang)))
        return
    if out["form"] == "ASK":
        st.success(t("sparql.ask", lang, answer=str(out["boolean"]).lower()))
        return
    n = len(out["short"])
    st.caption(t("sparql.rows" if out["form"] == "SELECT" else "sparql.triples", lang, n=n,
                 ms=out["ms"]))
    if out["truncated"]:
        st.warning(t("sparql.truncated", lang, n=ROW_LIMIT))
    table = pd.DataFrame(out["short"], columns=out["columns"])
    with st.container(key="sparql_results"):
        st.dataframe(table, hide_index=True, width="stretch")
    buf = io.StringIO()
    pd.DataFrame(out["full"], columns=out["columns"]).to_csv(buf, index=False)
    cols = st.columns(4)
    cols[0].download_button(t("common.download_csv", lang), buf.getvalue().encode("utf-8"),
                            file_name="awskg-query.csv", mime="text/csv", key="sparql_csv")
    if out.get("turtle"):
        cols[1].download_button(t("sparql.download_ttl", lang), out["turtle"].encode("utf-8"),
                                file_name="awskg-query.ttl", mime="text/turtle", key="sparql_ttl")


if __name__ == "__main__":  # run by st.navigation: use the imported module (one set of caches)
    from graph.ui.sparql import render as _render

    _render()
