"""SPARQL page: examples, a results table with CSV, refusals and errors as messages, URL state."""

from __future__ import annotations

import re


def _run(ui, at, query):
    at.text_area(key="sparql_query").input(query).run()
    at.button(key="sparql_run").click().run()
    assert not at.exception
    return at


def test_example_query_fills_the_box_and_runs(ui):
    at = ui.open_page("sparql")
    assert not at.exception
    stems = at.selectbox(key="sparql_example").options
    assert len(stems) >= 4
    target = next(s for s in stems if "class" in s.lower() or "クラス" in s)
    at.selectbox(key="sparql_example").select(target).run()
    assert "GROUP BY ?class" in at.text_area(key="sparql_query").value
    at.button(key="sparql_run").click().run()
    df = at.dataframe[0].value
    assert list(df.columns) == ["class", "n"]
    assert "awskg:Service" in set(df["class"])
    assert at.query_params["q"].startswith("# en:")


def test_select_rows_and_csv_download(ui):
    at = _run(ui, ui.open_page("sparql"), "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
              "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l FILTER(lang(?l) = 'ja') } LIMIT 5")
    df = at.dataframe[0].value
    assert len(df) == 5 and list(df.columns) == ["s", "l"]
    assert at.get("download_button"), "a CSV download is offered"


def test_ask_and_construct(ui):
    at = _run(ui, ui.open_page("sparql"), "ASK { ?s a <https://w3id.org/awskg/ontology#Service> }")
    assert at.success[0].value == "ASK → true"
    at = _run(ui, at, "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3")
    assert list(at.dataframe[0].value.columns) == ["subject", "predicate", "object"]


def test_updates_and_bad_syntax_are_refused_with_a_message(ui):
    at = _run(ui, ui.open_page("sparql"), "DROP ALL")
    assert "only SELECT, ASK, CONSTRUCT and DESCRIBE" in at.error[0].value
    at = _run(ui, at, "SELECT WHERE {")
    assert at.error and "syntax" in at.error[0].value.lower()
    at = _run(ui, at, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert "SERVICE" in at.error[0].value


def test_refusals_are_in_japanese_on_the_japanese_page(ui):
    at = _run(ui, ui.open_page("sparql", lang="ja"), "DROP ALL")
    assert "SELECT・ASK・CONSTRUCT・DESCRIBE" in at.error[0].value
    at = _run(ui, at, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert "連携クエリ" in at.error[0].value
    at = _run(ui, at, "SELECT WHERE {")
    assert "構文エラー" in at.error[0].value
    for alert in at.error:
        assert not re.search(r"\b(?:query|allowed|syntax error|only)\b", alert.value), alert.value


def test_every_gate_message_has_a_japanese_wording():
    # Each QueryError the gate and the bounded runner raise, with sample values, is translated.
    import ast
    from pathlib import Path

    from graph.ui.messages import translate

    root = Path(__file__).resolve().parents[2] / "graph" / "store"
    for name in ("gate.py", "bounded.py"):
        for node in ast.walk(ast.parse((root / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QueryError" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.JoinedStr):
                    text = "".join(v.value if isinstance(v, ast.Constant) else "7" for v in arg.values)
                elif isinstance(arg, ast.Constant):
                    text = arg.value
                else:
                    continue  # built elsewhere (a process's cause of death)
                if text.startswith("AWSKG_"):
                    continue  # a setting of the operator, not something a learner typed
                assert translate(text, "ja") != text, text


def test_a_shared_link_fills_the_box_and_waits_for_run(ui, monkeypatch):
    ran = []
    from graph.store.base import Store

    real = Store.sparql
    monkeypatch.setattr(Store, "sparql", lambda self, text, **kw: ran.append(text) or real(self, text, **kw))
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    at = ui.open_page("sparql", lang="ja", params={"q": q})
    assert not at.exception
    assert at.text_area(key="sparql_query").value == q
    assert ran == [] and not at.dataframe, "opening a link must not run its query"
    assert "実行" in at.info[0].value
    at.button(key="sparql_run").click().run()
    assert ran == [q]
    assert int(at.dataframe[0].value["n"][0]) > 100
    assert "SPARQL コンソール" in at.header[0].value
