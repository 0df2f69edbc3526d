"""Fault injection: the CLI against endpoints that misbehave, on 127.0.0.1. Every fault is one
line on stderr and a non-zero exit, never a traceback, and within the time limit."""

from __future__ import annotations

import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading
import time

import pytest

NO_VARS = json.dumps({"head": {"vars": ["entity", "label"]},
                      "results": {"bindings": [{"entity": {"type": "uri", "value": "http://x"}}]}}).encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, ctype: str = "application/sparql-results+json") -> None:
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        mode = self.server.mode  # type: ignore[attr-defined]
        if mode == "stall":  # headers, a few bytes, then nothing
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"head"')
            self.wfile.flush()
            time.sleep(8)
        elif mode == "redirect":  # to a server whose results lack the query's variables
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{self.server.other}/q")  # type: ignore[attr-defined]
            self.end_headers()
        elif mode == "no-vars":
            self._send(NO_VARS)
        elif mode == "deep":
            self._send(b"[" * 100_000 + b"]" * 100_000)
        elif mode == "garbage":
            self._send(b"\x00\xff not json")
        elif mode == "huge-html":
            self._send(b"<html>" + b"x" * 2_000_000 + b"</html>", "text/html")
        elif mode == "reset":
            self.connection.shutdown(2)
            self.connection.close()


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


def _start(mode: str, other: int = 0) -> _Server:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.mode, server.other = mode, other  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def no_vars():
    server = _start("no-vars")
    yield server
    server.shutdown()


@pytest.mark.parametrize("mode", ["stall", "redirect", "no-vars", "deep", "garbage", "huge-html", "reset"])
@pytest.mark.parametrize("command", [["show", "kb:emr"], ["fit", "nightly, cheapest"], ["stats"]])
def test_a_misbehaving_endpoint_gets_one_line(mode, command, no_vars):
    server = _start(mode, no_vars.server_address[1])
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/q"
        start = time.monotonic()
        out = subprocess.run([sys.executable, "-m", "graph", "--endpoint", url, *command],
                             capture_output=True, text=True, timeout=60,
                             env=dict(os.environ, AWSKG_TIMEOUT="3"))
        assert "Traceback" not in out.stderr, out.stderr[-800:]
        if out.returncode:
            assert out.stderr.startswith("awskg: error:") and len(out.stderr.splitlines()) <= 3
        assert time.monotonic() - start < 30
    finally:
        server.shutdown()


@pytest.mark.parametrize("url", ["http://[::1/q", "http://127.0.0.1:99999/q", "http:///q"])
def test_a_malformed_endpoint_url_is_refused(url):
    out = subprocess.run([sys.executable, "-m", "graph", "--endpoint", url, "stats"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and out.stderr.startswith("awskg: error:") and "Traceback" not in out.stderr
