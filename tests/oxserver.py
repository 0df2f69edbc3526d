"""A real Oxigraph server for tests, and a fake SPARQL endpoint that misbehaves on purpose.

Import the fixtures into a test module (``from oxserver import oxigraph_server``).
The server runs ``oxigraph serve --location TMP --bind 127.0.0.1:PORT`` on a free
port, is waited for with a deadline and is stopped by its own PID at the end.
A missing ``oxigraph`` binary fails the test with the command to install it: it
is a test dependency (``pip install -e '.[test]'``), never a reason to skip.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

START_TIMEOUT = 20.0


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` CLI, or a test failure that says how to get it."""
    path = shutil.which("oxigraph")
    if not path:
        pytest.fail("the 'oxigraph' server binary is not on PATH; install the test extras: "
                    "pip install -e '.[test]'  (it comes from the PyPI package 'oxigraph')",
                    pytrace=False)
    return path


def stop_process(proc: subprocess.Popen) -> None:
    """Stop a server we started, by its PID: politely, then by force."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class OxigraphServer:
    """A running ``oxigraph serve``; ``stop()`` ends it by PID."""

    proc: subprocess.Popen
    port: int
    location: Path
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    @property
    def update_url(self) -> str:
        return self.base + "/update"

    @property
    def gsp_url(self) -> str:
        return self.base + "/store"

    def count(self) -> int:
        r = requests.post(self.query_url, data={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=10)
        r.raise_for_status()
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    def clear(self) -> None:
        requests.post(self.update_url, data={"update": "CLEAR ALL"}, timeout=30).raise_for_status()

    def stop(self) -> None:
        stop_process(self.proc)


def start_oxigraph(location: Path, log: Path) -> OxigraphServer:
    """Start a server on a free port and wait (bounded) until it answers."""
    binary = oxigraph_binary()
    last = ""
    for _ in range(3):  # the free port may be taken between probe and bind
        port = free_port()
        with log.open("ab") as out:
            proc = subprocess.Popen([binary, "serve", "--location", str(location),
                                     "--bind", f"127.0.0.1:{port}"],
                                    stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        server = OxigraphServer(proc, port, location, log)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if requests.get(server.base + "/", timeout=1).status_code == 200:
                    return server
            except requests.RequestException:
                pass
            time.sleep(0.05)
        server.stop()
        last = log.read_text(errors="replace")[-500:]
    pytest.fail(f"oxigraph serve did not start within {START_TIMEOUT:g} s:\n{last}", pytrace=False)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the session (tests that write to it clear up after themselves)."""
    root = tmp_path_factory.mktemp("oxigraph-server")
    server = start_oxigraph(root / "db", root / "server.log")
    try:
        yield server
    finally:
        server.stop()


# ---------------------------------------------------------------- a misbehaving endpoint


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


class FakeEndpoint:
    """An HTTP server on 127.0.0.1 whose answer to every POST is ``self.handler``."""

    def __init__(self) -> None:
        fake = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                try:
                    fake.handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_GET = do_POST

            def log_message(self, *args: object) -> None:
                pass

        self.handler: Handler = lambda h: reply(h, 200, "application/sparql-results+json", "{}")
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def reply(h: http.server.BaseHTTPRequestHandler, status: int, ctype: str, body: str | bytes) -> None:
    """Send one complete HTTP answer."""
    data = body.encode() if isinstance(body, str) else body
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(data)))
    h.end_headers()
    h.wfile.write(data)


@pytest.fixture
def fake_endpoint() -> Iterator[FakeEndpoint]:
    """A fake SPARQL endpoint; set ``.handler`` to choose how it misbehaves."""
    fake = FakeEndpoint()
    try:
        yield fake
    finally:
        fake.close()
