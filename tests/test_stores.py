"""The persistent and remote backends: same answers as memory, and clear errors when they fail."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

# pytest runs with --import-mode=importlib: the server helpers are found by path.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from oxserver import FakeEndpoint, fake_endpoint, reply  # noqa: E402,F401 (fixture)

from graph.cli import main
from graph.errors import KGError, StoreError, UsageError
from graph.ops.load import OxigraphTarget, collect, load
from graph.store import OxigraphStore, SparqlStore, load_store, read_query
from ontology import KB

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def tiny_ox(tmp_path_factory) -> Path:
    """The tiny data set in a persistent Oxigraph directory."""
    loc = tmp_path_factory.mktemp("ox") / "store"
    target = OxigraphTarget(loc)
    load(target, collect([TINY]))
    target.close()
    return loc


def _canon(rows):
    return sorted(tuple(sorted((k, repr(v)) for k, v in r.items())) for r in rows)


@pytest.mark.parametrize("name", ["lexicon", "class_counts", "predicate_labels", "triple_count"])
def test_persistent_oxigraph_answers_like_memory(tiny, tiny_ox, name):
    ox = OxigraphStore(tiny_ox)
    assert _canon(ox.select(name)) == _canon(tiny.select(name))
    assert ox.count() == tiny.count()


def test_persistent_oxigraph_takes_bindings(tiny_ox):
    rows = OxigraphStore(tiny_ox).select("entity_labels", entity=KB["serverless-inference"])
    assert {(str(r["label"]), r["label"].language) for r in rows} == {
        ("Serverless Inference", "en"), ("サーバーレス推論", "ja")}


def test_persistent_oxigraph_console_and_construct(tiny_ox):
    ox = OxigraphStore(tiny_ox)
    res = ox.sparql("SELECT ?s WHERE { ?s ?p ?o }", limit=3)
    assert len(res.rows) == 3 and res.truncated
    assert len(ox.to_graph()) == ox.count()


def test_missing_or_foreign_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no Oxigraph store .* awskg load --location"):
        OxigraphStore(tmp_path / "nope")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(UsageError, match="no Oxigraph store"):
        OxigraphStore(tmp_path)


def test_a_store_being_written_is_reported_as_in_use(tiny_ox):
    holder = OxigraphTarget(tiny_ox)  # holds the RocksDB lock
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            OxigraphStore(tiny_ox, read_only=False)
    finally:
        holder.close()


def test_cli_reads_a_persistent_store(tiny_ox, capsys):
    assert main(["--location", str(tiny_ox), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["triples"] == load_store(TINY).count()


# ---------------------------------------------------------------- remote endpoint failures


def test_endpoint_down_is_one_clear_line():
    from oxserver import free_port

    store = SparqlStore(f"http://127.0.0.1:{free_port()}/query", timeout=2)
    with pytest.raises(StoreError, match="refused the connection: is the server running"):
        store.count()


def test_slow_endpoint_times_out_in_time(fake_endpoint):
    fake_endpoint.handler = lambda h: (time.sleep(3), reply(h, 200, JSON, "{}"))
    store = SparqlStore(fake_endpoint.url, timeout=0.5)
    start = time.monotonic()
    with pytest.raises(StoreError, match=r"did not answer within 0.5 s"):
        store.select("triple_count")
    assert time.monotonic() - start < 2.5


def test_trickling_endpoint_hits_the_overall_deadline(fake_endpoint):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", JSON)
        h.end_headers()
        for _ in range(40):  # one byte every 0.1 s: each read is quick, the whole is not
            h.wfile.write(b" ")
            h.wfile.flush()
            time.sleep(0.1)

    fake_endpoint.handler = trickle
    start = time.monotonic()
    with pytest.raises(StoreError, match="did not answer within 1 s"):
        SparqlStore(fake_endpoint.url, timeout=1).select("triple_count")
    assert time.monotonic() - start < 3


@pytest.mark.parametrize("status, body, message", [
    (500, "java.lang.OutOfMemoryError: boom", r"answered HTTP 500: java.lang.OutOfMemoryError: boom"),
    (404, "Not Found", r"HTTP 404 \(wrong URL\?"),
    (401, "", r"HTTP 401 \(check the credentials\)"),
])
def test_http_errors_name_the_status(fake_endpoint, status, body, message):
    fake_endpoint.handler = lambda h: reply(h, status, "text/plain", body)
    with pytest.raises(StoreError, match=message):
        SparqlStore(fake_endpoint.url).select("triple_count")


@pytest.mark.parametrize("ctype, body", [
    ("text/html", "<html><body>Welcome to nginx</body></html>"),
    (JSON, '{"head": {"vars": ["n"]}, "results": {"bindings": "oops"}}'),
    (JSON, '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"value": "1"}}]}}'),
    (JSON, '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "uri", "value": 5}}]}}'),
    (JSON, '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "x", "value": "1"}}]}}'),
    (JSON, '["not", "an", "object"]'),
    (JSON, '{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"'),
])
def test_malformed_select_results_are_refused(fake_endpoint, ctype, body):
    fake_endpoint.handler = lambda h: reply(h, 200, ctype, body)
    with pytest.raises(StoreError, match="returned malformed"):
        SparqlStore(fake_endpoint.url).select("triple_count")


def test_malformed_ask_and_construct_are_refused(fake_endpoint):
    fake_endpoint.handler = lambda h: reply(h, 200, JSON, '{"head": {}, "boolean": "yes"}')
    with pytest.raises(StoreError, match="malformed ASK"):
        SparqlStore(fake_endpoint.url).ask("entity_exists", entity=KB["x"])
    fake_endpoint.handler = lambda h: reply(h, 200, "application/n-triples", "<a> <b> oops .")
    with pytest.raises(StoreError, match="malformed N-Triples"):
        SparqlStore(fake_endpoint.url).to_graph()


def test_credentials_never_reach_a_message(fake_endpoint):
    fake_endpoint.handler = lambda h: reply(h, 500, "text/plain", "no")
    url = fake_endpoint.url.replace("http://", "http://bob:s3cret@")
    with pytest.raises(StoreError) as info:
        SparqlStore(url).count()
    assert "s3cret" not in str(info.value) and "127.0.0.1" in str(info.value)


def test_good_answers_from_a_plain_endpoint_are_read(fake_endpoint):
    body = {"head": {"vars": ["entity", "label"]}, "results": {"bindings": [
        {"entity": {"type": "uri", "value": str(KB["a"])},
         "label": {"type": "literal", "value": "推論", "xml:lang": "ja"}},
        {"entity": {"type": "uri", "value": str(KB["b"])}}]}}
    fake_endpoint.handler = lambda h: reply(h, 200, JSON + "; charset=utf-8", json.dumps(body))
    rows = SparqlStore(fake_endpoint.url).select("entity_labels", entity=KB["a"])
    assert rows[0]["label"].language == "ja" and str(rows[0]["label"]) == "推論"
    assert rows[1]["label"] is None


def test_queries_are_sent_as_the_protocol_says(fake_endpoint):
    seen = {}

    def record(h):
        length = int(h.headers["Content-Length"])
        seen["ctype"] = h.headers["Content-Type"]
        seen["accept"] = h.headers["Accept"]
        reply(h, 200, JSON, '{"head": {"vars": []}, "results": {"bindings": []}}')
        seen["length"] = length

    fake_endpoint.handler = record
    SparqlStore(fake_endpoint.url).select("triple_count")
    assert seen["ctype"] == "application/x-www-form-urlencoded"
    assert seen["accept"] == JSON


@pytest.mark.parametrize("mode", ["down", "500", "html", "slow"])
def test_cli_prints_one_line_never_a_traceback(mode, tmp_path):
    """Each failure, end to end in a fresh process: exit 1 and one line on stderr."""
    script = f"""
import sys, time
sys.path[:0] = [{str(ROOT / 'tests')!r}, {str(ROOT)!r}]
from oxserver import FakeEndpoint, reply, free_port
fake = FakeEndpoint()
mode = {mode!r}
if mode == "500": fake.handler = lambda h: reply(h, 500, "text/plain", "internal error")
if mode == "html": fake.handler = lambda h: reply(h, 200, "text/html", "<html>hi</html>")
if mode == "slow": fake.handler = lambda h: (time.sleep(3), reply(h, 200, "text/plain", ""))
url = f"http://127.0.0.1:{{free_port()}}/q" if mode == "down" else fake.url
from graph.cli import main
code = main(["--endpoint", url, "show", "kb:sagemaker"])
fake.close()
sys.exit(code)
"""
    env = {"AWSKG_TIMEOUT": "0.5", "PATH": "/usr/bin:/bin"}
    import os

    env = {**os.environ, **env}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env=env, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("awskg: error: SPARQL endpoint http://127.0.0.1:")


def test_store_errors_are_kg_errors():
    assert issubclass(StoreError, KGError)
    assert "SELECT" in read_query("triple_count")
