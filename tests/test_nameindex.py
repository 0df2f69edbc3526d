"""The name and verdict index beside a persistent store: same answers as memory,
rebuilt whenever it no longer matches the store, never trusted when unreadable."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from rdflib import URIRef

from graph.cli import main
from graph.lexicon import index as nameindex
from graph.lexicon.catalog import Catalog
from graph.lexicon.index import INDEX_FILE
from graph.lexicon.indexed import IndexedCatalog
from graph.lexicon.read import catalog, stored_catalog
from graph.ops.load import OxigraphTarget, collect, load
from graph.reason.answer import answer_question
from graph.reason.drill import list_scenarios, make_drill
from graph.reason.fit import fit
from graph.store import OxigraphStore
from ontology import KB

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "eval" / "fit_eval.jsonl"

NEW_REQUIREMENT = """
@prefix awskg: <https://w3id.org/awskg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix kb: <https://w3id.org/awskg/id/> .
kb:req-test-teleport a awskg:Requirement ;
    skos:prefLabel "quantum teleportation"@en, "量子テレポート"@ja .
"""


def _shipped_store(where: Path) -> Path:
    target = OxigraphTarget(where)
    load(target, collect([ROOT / "data"]))
    target.close()
    return where


@pytest.fixture(scope="module")
def kb_ox(tmp_path_factory) -> Path:
    """The shipped KB in a persistent Oxigraph directory, its index written by a first fit."""
    loc = _shipped_store(tmp_path_factory.mktemp("ox") / "kb")
    fit(OxigraphStore(loc), "nightly")
    return loc


def _queries() -> list[str]:
    rows = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["query"] for r in rows if isinstance(r.get("query"), str) and r["query"].strip()]


def _fit_json(store, text):
    try:
        return fit(store, text).to_json_dict()
    except Exception as err:  # noqa: BLE001 - bad input must fail the same way on both
        return f"{type(err).__name__}: {err}"


def test_a_new_process_reads_the_index_instead_of_every_name(kb_ox):
    assert (kb_ox / INDEX_FILE).is_file()
    cat = catalog(OxigraphStore(kb_ox))
    assert isinstance(cat, IndexedCatalog)
    assert cat.gazetteer is not None and cat.gazetteer.phrases == []  # nothing read up front


def test_every_eval_query_fits_the_same_from_the_index(kb, kb_ox):
    ox = OxigraphStore(kb_ox)
    assert isinstance(catalog(ox), IndexedCatalog)
    queries = _queries()
    assert len(queries) >= 60
    for text in queries:
        assert _fit_json(ox, text) == _fit_json(kb, text), text


def test_requirements_facets_answers_and_drills_agree_with_memory(kb, kb_ox):
    ox = OxigraphStore(kb_ox)
    assert catalog(ox).requirements == catalog(kb).requirements
    assert fit(ox, None, require=["低コスト", "kb:req-infrequent-invocation"]).to_json_dict() == \
        fit(kb, None, require=["低コスト", "kb:req-infrequent-invocation"]).to_json_dict()
    q = "A model runs once a night and must finish within a minute at the lowest cost."
    opts = ["Serverless Inference with MaxConcurrency=1", "Asynchronous inference with "
            "InitialInstanceCount=0", "A real-time endpoint scaled to zero"]
    assert answer_question(ox, q, opts).to_json_dict() == answer_question(kb, q, opts).to_json_dict()
    sid = list_scenarios(kb, "en")[0][0]
    assert make_drill(ox, sid, seed=3) == make_drill(kb, sid, seed=3)


def test_a_changed_store_rebuilds_the_index_and_finds_new_names(tmp_path):
    loc = _shipped_store(tmp_path / "kb")
    fit(OxigraphStore(loc), "nightly")
    before = sqlite3.connect(loc / INDEX_FILE).execute(
        "SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()[0]
    extra = tmp_path / "more.ttl"
    extra.write_text(NEW_REQUIREMENT, encoding="utf-8")
    target = OxigraphTarget(loc)
    load(target, collect([extra], with_ontology=False))
    target.close()
    store = OxigraphStore(loc)
    r = fit(store, "we need quantum teleportation")
    assert [q.iri for q in r.requirements] == [KB["req-test-teleport"]]
    assert isinstance(catalog(store), IndexedCatalog) and catalog(store).stamp != before
    assert fit(OxigraphStore(loc), "量子テレポートが必要").requirements[0].iri == KB["req-test-teleport"]


def test_a_change_outside_awskg_load_with_the_same_triple_count_rebuilds(tmp_path):
    import pyoxigraph

    loc = _shipped_store(tmp_path / "kb")
    store = OxigraphStore(loc)
    fit(store, "nightly")
    count = store.count()
    del store
    # Swap one label for another straight in RocksDB: same count, no awskg-load.json change.
    raw = pyoxigraph.Store(str(loc))
    req = pyoxigraph.NamedNode(str(KB["req-infrequent-invocation"]))
    label = pyoxigraph.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")
    old = next(q for q in raw.quads_for_pattern(req, label, None) if q.object.value == "nightly")
    raw.remove(old)
    raw.add(pyoxigraph.Quad(req, label, pyoxigraph.Literal("quantum teleportation", language="en")))
    raw.flush()
    del raw
    store = OxigraphStore(loc)
    assert store.count() == count
    assert [q.iri for q in fit(store, "we need quantum teleportation").requirements] == [KB["req-infrequent-invocation"]]


def test_an_index_with_overwritten_pages_is_rebuilt(tmp_path):
    loc = _shipped_store(tmp_path / "kb")
    fit(OxigraphStore(loc), "nightly")
    path = loc / INDEX_FILE
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(2, len(data) // page, 3):  # every third page past the header, overwritten
        data[n * page:(n + 1) * page] = bytes([0x5A]) * page
    path.write_bytes(bytes(data))
    store = OxigraphStore(loc)
    r = fit(store, "nightly inference, under a minute, cheapest")
    assert r.results[0].iri == KB["sol-13-serverless-max-concurrency-1"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"  # rebuilt, not trusted
    conn.close()


def test_an_unreadable_index_is_rebuilt_not_trusted(tmp_path):
    loc = _shipped_store(tmp_path / "kb")
    (loc / INDEX_FILE).write_bytes(b"not a database at all" * 100)
    r = fit(OxigraphStore(loc), "nightly inference, under a minute, cheapest")
    assert r.results[0].iri == KB["sol-13-serverless-max-concurrency-1"]
    assert isinstance(catalog(OxigraphStore(loc)), IndexedCatalog)
    assert not [p for p in loc.iterdir() if p.name.endswith(".tmp")]


def test_an_unwritable_directory_falls_back_to_memory(tmp_path, monkeypatch):
    loc = _shipped_store(tmp_path / "kb")

    def refuse(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(nameindex, "write_index", refuse)
    cat = stored_catalog(OxigraphStore(loc))
    assert type(cat) is Catalog
    assert not (loc / INDEX_FILE).exists()
    assert fit(OxigraphStore(loc), "毎晩").requirements[0].iri == KB["req-infrequent-invocation"]


def test_lookups_bind_text_as_parameters(kb_ox):
    cat = catalog(OxigraphStore(kb_ox))
    hostile = "x' OR 1=1; DROP TABLE names; --"
    assert cat.verdicts([URIRef(hostile)]) == []
    assert cat.requirement_named(hostile) is None
    assert cat.type_of(URIRef(hostile)) is None
    assert cat.requirements  # the table is still there


def test_load_writes_the_index_and_says_when_it_is_current(tmp_path, capsys):
    loc = tmp_path / "store"
    assert main(["load", "--location", str(loc), "--no-progress"]) == 0
    assert f"name index written: {loc / INDEX_FILE}" in capsys.readouterr().out
    assert main(["load", "--location", str(loc), "--no-progress"]) == 0
    assert "name index up to date" in capsys.readouterr().out
    assert isinstance(catalog(OxigraphStore(loc)), IndexedCatalog)


def test_search_reads_its_lexicon_from_the_index(kb, kb_ox, monkeypatch):
    import graph.reason.resolve as resolve_mod

    texts = ("serverles inferance", "サーバーレス", "kb:sagemaker", "bias drift", "Firehose")
    expected = {t: sorted((m.iri, m.score) for m in resolve_mod.search(kb, t)) for t in texts}
    types = resolve_mod.lexicon(kb).types

    def refuse(store):
        raise AssertionError("the lexicon was read from the store, not from the index")

    import graph.lexicon.read as read_mod

    monkeypatch.setattr(read_mod, "build_lexicon", refuse)
    ox = OxigraphStore(kb_ox)
    assert resolve_mod.lexicon(ox).types == types
    for text in texts:
        assert sorted((m.iri, m.score) for m in resolve_mod.search(ox, text)) == expected[text], text
    assert resolve_mod.resolve(ox, "サーバーレス推論") == KB["serverless-inference"]


def test_an_interrupted_build_leaves_no_file_behind(tmp_path, monkeypatch):
    loc = _shipped_store(tmp_path / "kb")

    def interrupted():
        yield ("r", "s", "a", "fits")
        raise KeyboardInterrupt

    cat = nameindex.build_catalog(nameindex.lexicon_rows(OxigraphStore(loc)))
    with pytest.raises(KeyboardInterrupt):
        nameindex.write_index(cat, loc / INDEX_FILE, "stamp", interrupted())
    assert sorted(p.name for p in loc.iterdir() if "awskg-names" in p.name) == []
    fit(OxigraphStore(loc), "nightly")  # and the next use writes a whole one
    assert isinstance(catalog(OxigraphStore(loc)), IndexedCatalog)
