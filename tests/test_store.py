"""The store: named queries, bindings that cannot inject, the read-only console."""

from __future__ import annotations

import time

import pytest
from rdflib import Literal, URIRef

from graph.errors import QueryError, UsageError
from graph.store import MemoryStore, check_read_only, load_store, read_query
from graph.store.query import bind_query, values_clause
from ontology import AWSKG, KB


def test_named_query_with_binding(tiny):
    rows = tiny.select("entity_labels", entity=KB["serverless-inference"])
    assert {(str(r["label"]), r["label"].language) for r in rows} == {
        ("Serverless Inference", "en"), ("サーバーレス推論", "ja")}


def test_list_binding_gives_one_row_per_value(tiny):
    rows = tiny.select("entity_labels", entity=[KB["sagemaker"], KB["serverless-inference"]])
    assert {r["entity"] for r in rows} == {KB["sagemaker"], KB["serverless-inference"]}


def test_hostile_literal_stays_a_literal(tiny):
    evil = Literal('x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "', lang="en")
    text = bind_query("entity_labels", {"entity": evil})
    # The quote is escaped, so the whole payload is one literal term.
    assert '\\" }' in text
    assert tiny.select("entity_labels", entity=evil) == []
    assert tiny.count() > 0


def test_hostile_iri_is_refused():
    with pytest.raises(UsageError):
        values_clause({"x": URIRef("http://x> } DROP ALL { <y")})


def test_unknown_query_name_is_a_programming_error():
    with pytest.raises(ValueError):
        read_query("../../etc/passwd")


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://a>",
])
def test_console_refuses_updates(text):
    with pytest.raises(QueryError, match="only SELECT"):
        check_read_only(text)


def test_console_refuses_service_even_nested():
    q = "SELECT * WHERE { OPTIONAL { { SERVICE <http://evil> { ?s ?p ?o } } } }"
    with pytest.raises(QueryError, match="SERVICE"):
        check_read_only(q)


def test_console_reports_syntax_errors_with_position():
    with pytest.raises(QueryError, match="line 1"):
        check_read_only("SELECT ?s WHERE { ?s ?p }")


def test_console_caps_rows(tiny):
    result = tiny.sparql("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", limit=5)
    assert len(result.rows) == 5 and result.truncated
    assert result.variables == ["s", "p", "o"]


def test_console_ask_and_construct(tiny):
    assert tiny.sparql("ASK { ?s a <https://w3id.org/awskg/ontology#Scenario> }").boolean is True
    res = tiny.sparql("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t }", limit=3)
    assert res.form == "CONSTRUCT" and len(res.graph) == 3 and res.truncated


class SlowStore(MemoryStore):
    def _run(self, text, timeout=None):
        time.sleep(3.0)
        return super()._run(text, timeout)


def test_console_time_limit(tiny):
    slow = SlowStore(tiny.g)
    start = time.perf_counter()
    with pytest.raises(QueryError, match="did not finish"):
        slow.sparql("SELECT * WHERE { ?s ?p ?o }", timeout=0.2)
    # The answer comes at the limit, not when the 3-second query ends.
    assert time.perf_counter() - start < 2.0


def test_console_leaves_data_unchanged(tiny):
    before = tiny.count()
    for q in ["DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <http://a> <http://b> <http://c> }"]:
        with pytest.raises(QueryError):
            tiny.sparql(q)
    assert tiny.count() == before


def test_missing_data_dir(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        load_store(tmp_path / "nope")


def test_notes_sections_are_loaded(tiny):
    rows = tiny.sparql(
        "PREFIX awskg: <https://w3id.org/awskg/ontology#> "
        "SELECT ?s ?a ?b WHERE { ?s awskg:startLine ?a ; awskg:endLine ?b }").rows
    assert [(r["s"], int(r["a"]), int(r["b"])) for r in rows] == [(KB["note-1"], 3, 7)]
    assert AWSKG.NoteSection
