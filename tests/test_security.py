"""The console's gate against parser differentials, and limits that stop the work.

A local listener stands in for any address a query could reach: no console
query, through any store, may open a connection to it. The listener is first
shown to work (the engine itself, called past the gate, does reach it).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path

import pytest

from graph.errors import QueryError
from graph.store import SparqlStore
from graph.store.bounded import rss_mb
from graph.store.gate import canonical_text, gate_query

sys.path.insert(0, str(Path(__file__).resolve().parent))
from oxserver import oxigraph_server  # noqa: E402,F401 (fixture)

EMPTY_RESULTS = b'{"head":{"vars":["a"]},"results":{"bindings":[]}}'


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections and answers an empty result."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            self.hits += 1
            try:
                conn.settimeout(1)
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                             b"Content-Length: " + str(len(EMPTY_RESULTS)).encode() + b"\r\n"
                             b"Connection: close\r\n\r\n" + EMPTY_RESULTS)
            except OSError:
                pass
            finally:
                conn.close()

    def close(self) -> None:
        self._stop.set()
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def listener():
    srv = Listener()
    yield srv
    srv.close()


def bypasses(port: int) -> list[str]:
    """The reported bypasses and variants: line ends, codepoint escapes, comments, case."""
    url = f"http://127.0.0.1:{port}/x"
    s = f"SERVICE <{url}> {{ ?a ?b ?c }}"
    escaped_keyword = s.replace("SERVICE", "SERVIC\\u0045")
    escaped_iri = s.replace("/x>", "/\\u0078>")
    return [
        f"SELECT ?a WHERE {{ # \r {s} \n }}",
        f"SELECT ?a WHERE {{ # \r\n {s} }}",
        f'SELECT ?a WHERE {{ BIND("\\u005C" AS ?x) {s} #" AS ?y)\n}}',
        f'SELECT ?a WHERE {{ BIND("\\U0000005C" AS ?x) {s} #" AS ?y)\n}}',
        f'SELECT ?a WHERE {{ BIND("\\u005c" AS ?x) {s} #" AS ?y)\n}}',
        f"SELECT ?a WHERE {{ # \\u000A {s} \n }}",
        f"SELECT ?a WHERE {{ # \\u000D {s} \n }}",
        f"SELECT ?a WHERE {{ \\u0023 x \n {s} }}",
        f"SELECT ?a WHERE {{ {s.replace('SERVICE', 'SeRvIcE')} }}",
        f"SELECT ?a WHERE {{ {s.replace('SERVICE', 'service')} }}",
        f"SELECT ?a WHERE {{ {escaped_keyword} }}",
        f"SELECT ?a WHERE {{ {s.replace('SERVICE', 'SERVICE SILENT')} }}",
        f"SELECT ?a WHERE {{ '''\\u0027''' {s} }}",
        f'SELECT ?a WHERE {{ BIND("a\\u0022 AS ?x) {s} #" AS ?y)\n}}',
        f"SELECT ?a WHERE {{ {escaped_iri} }}",
        f"PREFIX l: <http://127.0.0.1:{port}/>\nSELECT ?a WHERE {{ SERVICE l:x {{ ?a ?b ?c }} }}",
        f"SELECT ?a WHERE {{ ?a ?b ?c . {{ {s} }} }}",
        f"ASK {{ {s} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {s} }}",
        f"DESCRIBE ?a WHERE {{ {s} }}",
        f"SELECT ?a WHERE {{ ?a ?b ?c }} # \r\n LOAD <{url}>",
    ]


def test_the_listener_sees_a_query_that_skips_the_gate(listener):
    # Proof the test can fail: the engine itself, given SERVICE, connects.
    import pyoxigraph as ox

    store = ox.Store()
    list(store.query(f"SELECT ?a WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/x> {{ ?a ?b ?c }} }}"))
    time.sleep(0.2)
    assert listener.hits >= 1


@pytest.fixture(params=["memory", "oxigraph", "sparql"])
def any_store(request, kb, tmp_path):
    if request.param == "memory":
        return kb
    if request.param == "oxigraph":
        return request.getfixturevalue("native_ox")
    server = request.getfixturevalue("oxigraph_server")
    return SparqlStore(server.query_url, timeout=10)


def test_no_bypass_reaches_the_listener_on_any_store(any_store, listener):
    for text in bypasses(listener.port):
        try:
            any_store.sparql(text, timeout=5)
        except QueryError:
            pass
    time.sleep(0.3)
    assert listener.hits == 0


def test_the_text_that_runs_is_the_text_that_was_checked(kb, monkeypatch, tmp_path):
    log = tmp_path / "ran.txt"  # the query runs in a child process: it writes what it ran
    real = type(kb)._run

    def spy(self, text, timeout=None):
        log.write_text(text, encoding="utf-8")
        return real(self, text, timeout)

    monkeypatch.setattr(type(kb), "_run", spy)
    text = 'SELECT ?a WHERE { BIND("\\u005C" AS ?x) ?a ?b ?c #" AS ?y)\n} LIMIT 1'
    kb.sparql(text)
    ran = log.read_text(encoding="utf-8")
    assert ran == gate_query(text).text
    assert "\\u" not in ran


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?s ?p 'it''s' }",            # not a valid short string
    'SELECT * WHERE { ?s ?p "a\\qb" }',             # not an escape SPARQL knows
    'SELECT * WHERE { ?s ?p "never closed }',
    "SELECT * WHERE { ?s ?p ?o } \\",
    "SELECT * WHERE { ?s ?p ?o \x00 }",
    "SELECT * WHERE { ?s ?p '\\u005Cu0041' }",     # an escape that spells another one
])
def test_text_the_lexer_cannot_read_exactly_is_refused(text):
    with pytest.raises(QueryError):
        gate_query(text)


@pytest.mark.parametrize("text", [
    "SELECT ?service WHERE { ?service a <https://w3id.org/awskg/ontology#Service> }",
    "PREFIX awskg: <https://w3id.org/awskg/ontology#>\nSELECT ?s WHERE { ?s a awskg:Service }",
    'SELECT ?s WHERE { ?s ?p "Amazon service # not a comment" }',
    "SELECT ?s WHERE { ?s ?p ?o FILTER(?o < 3 && ?o >= 1) }",
    "SELECT ?s WHERE { ?s <http://x/a#b> ?o }",
    "select ?s where { ?s ?p '''it's ''quoted'' ''' }",
])
def test_ordinary_queries_still_pass(kb, text):
    kb.sparql(text)


def test_comments_and_line_ends_are_normalised():
    text, code = canonical_text('SELECT ?s # c "\rWHERE { ?s ?p "x#y" }')
    assert text == 'SELECT ?s  \nWHERE { ?s ?p "x#y" }'
    assert "x#y" not in code


@pytest.mark.parametrize("kind,text", [
    ("memory", "CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }"),
    ("oxigraph", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"),
])
def test_a_query_past_its_time_limit_is_stopped_and_its_memory_returned(kind, text, kb, request):
    store = kb if kind == "memory" else request.getfixturevalue("native_ox")
    before = rss_mb()
    start = time.monotonic()
    with pytest.raises(QueryError, match="did not finish within 2 s and was stopped"):
        store.sparql(text, timeout=2)
    assert time.monotonic() - start < 4
    time.sleep(0.5)
    assert rss_mb() - before < 100
    # the store still answers afterwards
    assert store.sparql("ASK { ?s ?p ?o }").boolean is True


def test_a_query_past_its_memory_limit_is_stopped(kb, monkeypatch):
    monkeypatch.setenv("AWSKG_QUERY_MEMORY_MB", "200")
    before = rss_mb()
    with pytest.raises(QueryError, match="needed more than 200 MB and was stopped"):
        kb.sparql("SELECT ?a ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f", timeout=60)
    assert rss_mb() - before < 100


# ---------------------------------------------------------------- faults and data safety (issue 15 §3, §4)

def _cli(*argv, env=None, stdin=None):
    import os
    import subprocess

    full = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "graph", *argv], capture_output=True, text=True,
                          env=full, input=stdin, timeout=120)


@pytest.mark.parametrize("argv, env", [
    (["app", "--port", "-5"], {}),
    (["app", "--port", "99999"], {}),
    (["stats"], {"AWSKG_LANG": "xx"}),
    (["--endpoint", "http://127.0.0.1:9/q", "stats"], {"AWSKG_TIMEOUT": "nan"}),
    (["--endpoint", "http://127.0.0.1:9/q", "stats"], {"AWSKG_TIMEOUT": "inf"}),
    (["show", "x" * 120_000], {}),
    (["path", "x" * 120_000, "AWS Lambda"], {}),
    (["compare", "x" * 120_000, "AWS Lambda"], {}),
])
def test_bad_input_is_one_line_and_exit_2(argv, env):
    start = time.monotonic()
    out = _cli(*argv, env=env)
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("awskg: error:") and len(out.stderr.splitlines()) <= 3
    assert "Traceback" not in out.stderr
    assert time.monotonic() - start < 30


def test_control_characters_never_reach_a_terminal():
    import io

    from graph.cli import TerminalText

    buf = io.StringIO()
    TerminalText(buf).write("label \x1b]0;pwned\x07\x1b[2J ok\n")
    assert buf.getvalue() == "label 0;pwned ok\n" or "\x1b" not in buf.getvalue()


def test_export_never_writes_into_a_data_or_store_folder(tmp_path, native_ox):
    from graph.store.paths import default_data_dir

    for target in (default_data_dir() / "kb" / "copy.ttl", native_ox.location / "copy.ttl"):
        out = _cli("--location", str(native_ox.location), "export", "-o", str(target))
        assert out.returncode == 2 and "refusing to write inside the data directory" in out.stderr
        assert not target.exists()


def test_export_files_follow_the_umask(tmp_path):
    target = tmp_path / "kb.ttl"
    out = _cli("export", "-o", str(target))
    assert out.returncode == 0
    import os
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_section_loaded_twice_is_reported(tiny_copy):
    import shutil

    notes = next((tiny_copy / "notes").glob("*.md"))
    shutil.copy(notes, notes.with_name("copy-" + notes.name))
    out = _cli("--data", str(tiny_copy), "validate")
    assert out.returncode == 1 and "comes from two notes files" in out.stderr
