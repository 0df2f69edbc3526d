"""A real Oxigraph server and a persistent Oxigraph directory give the memory store's answers.

The shipped KB is loaded into ``oxigraph serve`` over the SPARQL 1.1 Graph Store
protocol (``awskg load --gsp``) and into a directory (``awskg load --location``);
then every named query, the library's features (fit, compare, describe, ego
views, paths, explanations, drills), the CLI commands and the app pages are run
on each backend and compared with the memory store. A feature module that has
not landed yet gets no test here (see ``FEATURES``).
"""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
import os
import re
import sys
import threading
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib: the server helpers are found by path.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from oxserver import oxigraph_server, start_oxigraph  # noqa: E402,F401 (fixture)
from rdflib import URIRef

from graph.cli import Context, build_parser, main
from graph.errors import KGError, StoreError
from graph.ops.load import RemoteTarget, collect, load
from graph.store import OxigraphStore, SparqlStore, check_read_only, read_query
from ontology import AWSKG, KB, ONTOLOGY_DIR

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
QUERIES = sorted(p.stem for p in (ONTOLOGY_DIR / "queries").glob("*.rq"))


# ---------------------------------------------------------------- the three backends


@pytest.fixture(scope="module")
def remote(oxigraph_server, kb) -> SparqlStore:
    """The shipped KB, loaded into the server through the Graph Store protocol."""
    oxigraph_server.clear()
    code = main(["load", "--gsp", oxigraph_server.gsp_url, "--endpoint", oxigraph_server.query_url,
                 "--no-progress"])
    assert code == 0
    return SparqlStore(oxigraph_server.query_url, timeout=30)


@pytest.fixture(scope="module")
def disk(tmp_path_factory, kb) -> OxigraphStore:
    loc = tmp_path_factory.mktemp("parity") / "db"
    assert main(["load", "--location", str(loc), "--no-progress"]) == 0
    return OxigraphStore(loc)


@pytest.fixture(params=["sparql", "oxigraph"])
def other(request, remote, disk):
    """Each non-memory backend in turn."""
    return remote if request.param == "sparql" else disk


def test_the_loaded_stores_hold_the_same_triples(kb, remote, disk, oxigraph_server):
    assert remote.count() == disk.count() == kb.count() == oxigraph_server.count()


def _canon(value):
    """Rows / dataclasses → comparable plain data; blank-node ids differ per store."""
    from rdflib import BNode

    if isinstance(value, BNode):
        return "_:b"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canon(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {_canon(k): _canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    return value


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_answers_alike(kb, other, name):
    text = read_query(name)
    form = check_read_only(text)
    if form == "ConstructQuery":
        from rdflib.compare import isomorphic

        assert isomorphic(kb.construct(name), other.construct(name))
        return
    if form == "AskQuery":
        assert other.ask(name) == kb.ask(name)
        return
    mine = sorted(repr(_canon(sorted(r.items()))) for r in kb.select(name))
    theirs = sorted(repr(_canon(sorted(r.items()))) for r in other.select(name))
    limit = re.search(r"\bLIMIT\s+(\d+)", text)
    if limit and len(mine) == int(limit.group(1)) and "ORDER BY" not in text:
        # Run unbound, a capped query returns an arbitrary slice: only the size is defined.
        assert len(theirs) == len(mine)
        return
    assert theirs == mine


# ---------------------------------------------------------------- the library's features


FIT_TEXTS = [
    "毎晩 1 回だけ推論し、1 分以内に終わり、コストを最小にしたい",
    "nightly inference, under a minute, cheapest",
    "GPU が必要で大きなペイロード",
    "detect data drift and bias drift in production",
    "zzzz qqqq",
]
PATHS = [("lambda", "sagemaker"), ("serverless-inference", "req-minimize-cost"),
         ("emr-task-node", "ec2-spot-instances")]


def _entities(store, classes, per_class: int | None = None):
    """The entities of ``classes``, sorted; with ``per_class``, that many of each class,
    evenly spread over the sorted IRIs (the notes' own entities and the curated ones alike)."""
    from graph.lexicon.read import lexicon

    types = lexicon(store).types
    found = sorted(i for i, t in types.items() if t in classes)
    if per_class is None:
        return found
    picked = []
    for cls in sorted(classes):
        members = [i for i in found if types[i] == cls]
        step = max(1, len(members) // per_class)
        picked += members[::step][:per_class]
    return sorted(picked)


def check_fit(mod, kb, other):
    for text in FIT_TEXTS:
        for lang in ("en", "ja"):
            assert mod.fit(other, text).to_json_dict(lang) == mod.fit(kb, text).to_json_dict(lang), text


def check_compare(mod, kb, other):
    groups = mod.list_groups(kb)
    assert groups, "the shipped KB has comparison groups"
    assert _canon(mod.list_groups(other)) == _canon(groups)
    for g in groups:
        for lang in ("en", "ja"):
            assert mod.to_dict(mod.compare(other, g.iri, lang)) == mod.to_dict(mod.compare(kb, g.iri, lang))


def check_describe(mod, kb, other):
    wanted = {AWSKG.Service, AWSKG.Capability, AWSKG.Requirement, AWSKG.Solution, AWSKG.Scenario,
              AWSKG.Correction, AWSKG.Parameter, AWSKG.NoteSection}
    # Every class, 25 of each: describing all ~900 entities on two stores took 50 s and
    # exercised no other query.
    iris = _entities(kb, wanted, per_class=25)
    assert len(iris) > 100
    for iri in iris:
        assert _canon(mod.describe(other, iri)) == _canon(mod.describe(kb, iri)), iri


def _graph_data(G):
    return (list(G.nodes(data=True)), sorted((u, v, k, sorted(d.items())) for u, v, k, d in G.edges(keys=True, data=True)))


def check_network(mod, kb, other):
    centers = [KB["serverless-inference"], KB["sagemaker"], KB["req-minimize-cost"], KB["note-13"]]
    for c in centers:
        for hops, cap in ((1, 150), (2, 25)):
            a, b = mod.ego_graph(kb, c, hops=hops, max_nodes=cap), mod.ego_graph(other, c, hops=hops, max_nodes=cap)
            assert _graph_data(b.G) == _graph_data(a.G), (c, hops)
            assert (b.hidden, b.capped) == (a.hidden, a.capped)
    for x, y in PATHS:
        a, b = mod.shortest_path(kb, KB[x], KB[y]), mod.shortest_path(other, KB[x], KB[y])
        assert (b.nodes, b.hops) == (a.nodes, a.hops)
        assert b.describe("ja") == a.describe("ja")
    reqs = [KB["req-minimize-cost"], KB["req-infrequent-invocation"]]
    subs = _entities(kb, {AWSKG.Solution, AWSKG.Capability})
    assert _graph_data(mod.explain_graph(other, reqs, subs)) == _graph_data(mod.explain_graph(kb, reqs, subs))


def check_viz(mod, kb, other):
    """The explore view's HTML (ego graph → pyvis page) is byte for byte the same."""
    from graph.views import ego_graph

    for c in (KB["serverless-inference"], KB["sagemaker"]):
        for lang in ("en", "ja"):
            a = mod.to_html(ego_graph(kb, c).G, lang=lang, focus=str(c))
            b = mod.to_html(ego_graph(other, c).G, lang=lang, focus=str(c))
            assert a == b


def check_drill(mod, kb, other):
    scenarios = sorted({str(s.iri) for s in mod.scenarios(kb)}) if hasattr(mod, "scenarios") else []
    assert scenarios, "the shipped KB has scenarios to drill"
    for seed in (1, 2):
        assert _canon(mod.make_drill(other, None, seed=seed)) == _canon(mod.make_drill(kb, None, seed=seed))
        for sc in scenarios:
            a, b = mod.make_drill(kb, URIRef(sc), seed=seed), mod.make_drill(other, URIRef(sc), seed=seed)
            assert _canon(b) == _canon(a), sc


#: (module, attribute that must exist, check). A module not there yet gets no test.
FEATURES = [
    ("graph.reason.fit", "fit", check_fit),
    ("graph.compare", "compare", check_compare),
    ("graph.reason.describe", "describe", check_describe),
    ("graph.views.network", "ego_graph", check_network),
    ("graph.views.html", "to_html", check_viz),
    ("graph.reason.drill", "make_drill", check_drill),
]


def _present(module: str, attr: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), attr)
    except ImportError:
        return False


@pytest.mark.parametrize("module, attr, check",
                         [f for f in FEATURES if _present(f[0], f[1])], ids=lambda v: getattr(v, "__name__", v))
def test_feature_gives_the_same_answers(module, attr, check, kb, other):
    check(importlib.import_module(module), kb, other)


# ---------------------------------------------------------------- the CLI


CLI = [
    ["stats", "--json"],
    ["fit", FIT_TEXTS[0], "--json"],
    ["fit", FIT_TEXTS[1], "--json", "--top", "3"],
    ["compare", "inference", "--format", "csv"],
    ["compare", "--list"],
    ["show", "kb:serverless-inference", "--json"],
    ["show", "サーバーレス推論"],
    ["path", "kb:lambda", "kb:sagemaker", "--json"],
    ["answer", "-q", "夜間に1日1回だけ推論し、コストを最小にしたい。", "-o", "サーバーレス推論で MaxConcurrency=1",
     "-o", "リアルタイム推論エンドポイント", "--json"],
    ["drill", "--seed", "3", "--json"],
    ["drill", "--list"],
    ["sparql", "SELECT ?s WHERE { ?s a <https://w3id.org/awskg/ontology#Service> } ORDER BY ?s",
     "--format", "csv"],
]


def _run(argv: list[str], store_args: list[str], lang: str = "en") -> tuple[int, str]:
    out = io.StringIO()
    parser = build_parser()
    args = parser.parse_args([*store_args, "--lang", lang, *argv])
    kind = args.store or ("oxigraph" if args.location else "sparql" if args.endpoint else "memory")
    ctx = Context(args.data, kind, args.endpoint, args.location, args.lang, out)
    try:
        code = int(args.run(args, ctx) or 0)
    except KGError as err:
        return err.exit_code, str(err)
    return code, out.getvalue()


def _available(argv: list[str]) -> bool:
    from graph.cli import COMMANDS

    mod = importlib.import_module(f"graph.commands.{argv[0]}")
    src = Path(mod.__file__).read_text()
    return argv[0] in COMMANDS and "not available yet" not in src


@pytest.mark.parametrize("argv", [a for a in CLI if _available(a)], ids=lambda a: " ".join(a)[:40])
def test_cli_commands_print_the_same(argv, remote, disk, oxigraph_server):
    mine = _run(argv, [])
    assert mine[0] == 0, mine[1]
    for store_args in (["--endpoint", oxigraph_server.query_url], ["--location", str(disk.location)]):
        theirs = _run(argv, store_args)
        if "--json" in argv:  # the same data; the order of keys in an object carries no meaning
            assert (theirs[0], json.loads(theirs[1])) == (mine[0], json.loads(mine[1])), store_args
        else:
            assert theirs == mine, store_args


def _exported(store_args: list[str]):
    """``awskg export --format nt`` as a graph; ``"x"^^xsd:string`` and ``"x"`` are one RDF 1.1
    term, but oxrdflib (the memory store) writes the first and the other backends the second."""
    from rdflib import Graph, Literal
    from rdflib.namespace import XSD

    g = Graph()
    for s, p, o in Graph().parse(data=_run(["export", "--format", "nt"], store_args)[1], format="nt"):
        g.add((s, p, Literal(str(o)) if isinstance(o, Literal) and o.datatype == XSD.string else o))
    return g


def _same_graph(a, b) -> bool:
    """Isomorphic, checked fast: the triples without blank nodes must be equal, and only the
    few with blank nodes need rdflib's isomorphism (it took 2.3 s on all 30k triples)."""
    from rdflib import BNode, Graph
    from rdflib.compare import isomorphic

    def split(g):
        ground, blank = set(), Graph()
        for t in g:
            (blank.add(t) if any(isinstance(x, BNode) for x in t) else ground.add(t))
        return ground, blank

    (ga, ba), (gb, bb) = split(a), split(b)
    return ga == gb and isomorphic(ba, bb)


def test_validate_and_export_agree(remote, disk, oxigraph_server):
    code, text = _run(["validate"], [])
    assert code == 0, text
    mine = _exported([])
    for store_args in (["--endpoint", oxigraph_server.query_url], ["--location", str(disk.location)]):
        other_code, other_text = _run(["validate"], store_args)
        # A store has no files to count; the rest of the verdict is the same.
        assert (other_code, other_text.split("files, ", 1)[1]) == (code, text.split("files, ", 1)[1])
        assert _same_graph(_exported(store_args), mine), store_args


# ---------------------------------------------------------------- the app


APP_PAGES = [
    ("explore", {"entity": "kb:serverless-inference"}),
    ("explore", {"entity": "kb:sagemaker", "hops": "2", "cap": "30"}),
    ("fit", {"q": FIT_TEXTS[0]}),
    ("compare", {"group": "inference"}),
    ("drill", {"scenario": "13", "seed": "42"}),
    ("sources", {}),
    ("sparql", {}),
]


def _app(page: str, params: dict[str, str], env: dict[str, str], monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    for var in ("AWSKG_DATA", "AWSKG_STORE", "AWSKG_ENDPOINT", "AWSKG_LOCATION"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    if page != "explore" and not at.exception:
        at.switch_page(f"graph/ui/{page}.py").run()
    return at


def _seen(at) -> dict:
    parts = {}
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error",
                 "success"):
        parts[kind] = [str(e.value) for e in getattr(at, kind)]
    parts["iframes"] = [e.proto.srcdoc for e in at.get("iframe")]
    parts["graphs"] = [e.proto.json for e in at.get("bidi_component")]
    parts["tables"] = [e.value.to_csv() for e in at.dataframe] + [e.value.to_csv() for e in at.table]
    return parts


@pytest.mark.parametrize("page_name, params", [p for p in APP_PAGES if (ROOT / "graph" / "ui" / f"{p[0]}.py").is_file()],
                         ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={w}" for k, w in v.items()))
def test_app_pages_show_the_same(page_name, params, remote, disk, oxigraph_server, monkeypatch):
    memory = _app(page_name, params, {}, monkeypatch)
    assert not memory.exception, memory.exception
    served = _app(page_name, params, {"AWSKG_STORE": "sparql", "AWSKG_ENDPOINT": oxigraph_server.query_url},
                  monkeypatch)
    assert not served.exception, served.exception
    assert _seen(served) == _seen(memory)
    # the persistent store answers fit and search from its name index (graph.lexicon.index)
    assert (disk.location / "awskg-names.sqlite").is_file()
    on_disk = _app(page_name, params, {"AWSKG_STORE": "oxigraph", "AWSKG_LOCATION": str(disk.location)},
                   monkeypatch)
    assert not on_disk.exception, on_disk.exception
    assert _seen(on_disk) == _seen(memory)


@pytest.mark.parametrize("mode", ["down", "500", "html", "slow", "garbage"])
def test_app_says_clearly_when_the_endpoint_fails(mode, monkeypatch):
    """A broken endpoint: one clear error on the page, never an exception."""
    import time

    from oxserver import FakeEndpoint, free_port, reply

    fake = FakeEndpoint()
    fake.handler = {
        "500": lambda h: reply(h, 500, "text/plain", "internal error"),
        "html": lambda h: reply(h, 200, "text/html", "<html>login</html>"),
        "slow": lambda h: (time.sleep(2), reply(h, 200, "text/plain", "")),
        "garbage": lambda h: reply(h, 200, "application/sparql-results+json", '{"head": {"vars": ["entity"]}, '
                                   '"results": {"bindings": [{"entity": {"type": "uri"}}]}}'),
    }.get(mode, fake.handler)
    url = f"http://127.0.0.1:{free_port()}/query" if mode == "down" else fake.url
    try:
        at = _app("explore", {}, {"AWSKG_STORE": "sparql", "AWSKG_ENDPOINT": url, "AWSKG_TIMEOUT": "0.5"},
                  monkeypatch)
    finally:
        fake.close()
    assert not at.exception, at.exception
    errors = " ".join(str(e.value) for e in at.error)
    expected = {"down": "refused the connection", "500": "HTTP 500", "html": "malformed results",
                "slow": "did not answer within 0.5 s", "garbage": "malformed"}[mode]
    assert expected in errors and "127.0.0.1" in errors, errors


# ---------------------------------------------------------------- loading over HTTP


@pytest.fixture
def fresh_server(tmp_path):
    server = start_oxigraph(tmp_path / "db", tmp_path / "server.log")
    try:
        yield server
    finally:
        server.stop()


def _nt(path: Path, n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(f'<http://example.org/s{i}> <http://example.org/p> "{i}" .\n')
    return path


def test_remote_load_resumes_and_skips_with_a_state_file(fresh_server, tmp_path, capsys):
    a, b, state = _nt(tmp_path / "a.nt", 300, ), _nt(tmp_path / "b.nt", 10), tmp_path / "state.json"
    argv = ["load", "--gsp", fresh_server.gsp_url, "--endpoint", fresh_server.query_url,
            "--state", str(state), "--no-ontology", "--no-progress", str(a)]
    assert main(argv) == 0
    assert main(argv + [str(b)]) == 0
    out = capsys.readouterr().out
    assert "skipped  a.nt" in out and fresh_server.count() == 300  # b's triples are a's first 10
    assert f"{fresh_server.count():,} triples" in out


def test_remote_load_of_a_broken_file_adds_nothing(fresh_server, tmp_path, capsys):
    bad = _nt(tmp_path / "bad.nt", 5000)
    with bad.open("a") as f:
        f.write("<http://example.org/x> <http://example.org/p> broken .\n")
    assert main(["load", "--gsp", fresh_server.gsp_url, "--no-ontology", "--no-progress", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "HTTP 400" in err and "Traceback" not in err
    assert fresh_server.count() == 0


def test_remote_load_cancelled_mid_upload_adds_nothing(fresh_server, tmp_path):
    big = _nt(tmp_path / "big.nt", 200_000)
    cancel = threading.Event()
    sent = []

    def on_bytes(n: int) -> None:
        sent.append(n)
        if sum(sent) > 2_000_000:
            cancel.set()

    target = RemoteTarget(gsp=fresh_server.gsp_url, count_endpoint=fresh_server.query_url)
    report = load(target, collect([big], with_ontology=False), on_bytes=on_bytes, cancel=cancel)
    assert report.cancelled and not report.loaded
    assert fresh_server.count() == 0


def test_remote_load_by_sparql_update(fresh_server, tmp_path):
    code = main(["load", "--update", fresh_server.update_url, "--endpoint", fresh_server.query_url,
                 "--no-progress", str(ROOT / "tests" / "data" / "tiny")])
    assert code == 0
    from graph.store import load_store

    assert fresh_server.count() == load_store(ROOT / "tests" / "data" / "tiny").count()


def test_remote_load_to_a_dead_server_is_one_line(tmp_path, capsys):
    from oxserver import free_port

    code = main(["load", "--gsp", f"http://127.0.0.1:{free_port()}/store", "--no-progress",
                 str(_nt(tmp_path / "x.nt", 3))])
    assert code == 1
    assert "refused the connection" in capsys.readouterr().err


def test_a_server_that_stops_mid_session_gives_a_clear_error(tmp_path):
    server = start_oxigraph(tmp_path / "db", tmp_path / "log")
    store = SparqlStore(server.query_url, timeout=5)
    assert store.count() == 0
    server.stop()
    with pytest.raises(StoreError, match="refused the connection"):
        store.count()
    assert os.path.isdir(tmp_path / "db")
