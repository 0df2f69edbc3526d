"""A SPARQL 1.1 query endpoint over HTTP (Oxigraph server, Fuseki, GraphDB, Neptune).

It answers the same named queries as the in-process stores. Every failure a user
can meet (endpoint down, too slow, HTTP error, garbage results) becomes a
:class:`graph.errors.StoreError` with one clear line, never a traceback.

>>> SparqlStore("ftp://example.org/sparql")
Traceback (most recent call last):
...
graph.errors.UsageError: not an http(s) SPARQL endpoint URL: 'ftp://example.org/sparql'
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import StoreError, UsageError
from graph.store.base import ResultRow, Row, Store

__all__ = ["SparqlStore", "Http", "check_url", "redact", "env_timeout", "DEFAULT_TIMEOUT"]

#: Seconds a remote query may take before the user is told (env ``AWSKG_TIMEOUT``).
DEFAULT_TIMEOUT = 15.0
#: A remote answer larger than this is refused rather than parsed (named queries are bounded).
MAX_RESPONSE_BYTES = 512 * 1024 * 1024
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def redact(url: str) -> str:
    """A URL fit for messages: any ``user:password@`` is dropped.

    >>> redact("https://bob:secret@db.example.org:8890/sparql")
    'https://db.example.org:8890/sparql'
    """
    parts = urlsplit(url)
    if parts.username or parts.password:
        host = parts.hostname or ""
        netloc = host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return url


def check_url(url: str | None, what: str) -> str:
    """``url`` if it is an http(s) URL, else a :class:`UsageError` naming ``what``.

    >>> check_url("http://localhost:7878/query", "SPARQL endpoint")
    'http://localhost:7878/query'
    """
    if not url or not re.match(r"https?://[^/\s]+", url):
        raise UsageError(f"not an http(s) {what} URL: {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as err:
        raise UsageError(f"not a valid {what} URL: {url[:80]!r} ({err})") from None
    if not parts.hostname:
        raise UsageError(f"not a valid {what} URL: {url[:80]!r} (no host)")
    return url


def env_timeout(default: float = DEFAULT_TIMEOUT) -> float:
    """``$AWSKG_TIMEOUT`` in seconds, else ``default``.

    >>> env_timeout() > 0
    True
    """
    raw = os.environ.get("AWSKG_TIMEOUT", "")
    try:
        value = float(raw) if raw else default
    except ValueError:
        raise UsageError(f"AWSKG_TIMEOUT must be a number of seconds, not {raw!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"AWSKG_TIMEOUT must be a positive, finite number of seconds, not {raw[:20]!r}")
    return value


class Http:
    """One keep-alive session per thread, and requests' errors turned into one line."""

    def __init__(self, url: str, timeout: float, what: str = "SPARQL endpoint") -> None:
        self.url, self.timeout, self.what = url, timeout, what
        self._local = threading.local()

    def session(self) -> Any:
        import requests

        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = requests.Session()
            s.headers["User-Agent"] = "awskg"
        return s

    def fail(self, reason: str) -> StoreError:
        return StoreError(f"{self.what} {redact(self.url)} {reason}")

    def request(self, method: str, *, timeout: float | None = None, url: str | None = None,
                **kwargs: Any) -> Any:
        """Send a request; the whole answer must arrive within ``timeout`` seconds."""
        import requests
        import urllib3

        limit = timeout or self.timeout
        deadline = time.monotonic() + limit
        try:
            resp = self.session().request(method, url or self.url, stream=True,
                                          timeout=(min(5.0, limit), limit), **kwargs)
            body = bytearray()
            # read1 returns whatever has arrived, so a server that trickles bytes still
            # meets the deadline (iter_content would block until 64 KiB or the end).
            read1 = getattr(resp.raw, "read1", None)
            chunks = (iter(lambda: read1(64 * 1024, decode_content=True), b"") if read1
                      else resp.iter_content(64 * 1024))
            for chunk in chunks:
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    resp.close()
                    raise self.fail(f"sent more than {MAX_RESPONSE_BYTES >> 20} MB; narrow the query")
                if time.monotonic() > deadline:
                    resp.close()
                    raise requests.Timeout()
        except (requests.Timeout, urllib3.exceptions.ReadTimeoutError):
            # reading the body with read1 raises urllib3's own timeout, not requests'
            raise self.fail(f"did not answer within {limit:g} s (set AWSKG_TIMEOUT to wait longer)") from None
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.HTTPError) as err:
            raise self.fail(f"broke off its answer ({type(err).__name__})") from None
        except requests.exceptions.SSLError:
            raise self.fail("failed the TLS handshake (certificate?)") from None
        except requests.ConnectionError as err:
            text = str(err)
            if "Name or service not known" in text or "getaddrinfo" in text or "resolve" in text:
                raise self.fail("cannot be reached: unknown host") from None
            if "refused" in text:
                raise self.fail("refused the connection: is the server running?") from None
            raise self.fail("cannot be reached (connection failed)") from None
        except requests.RequestException as err:
            raise self.fail(f"request failed: {type(err).__name__}") from None
        # Hand the body we read (within the deadline) to requests' own accessors.
        resp._content = bytes(body)
        if resp.status_code >= 400:
            detail = " ".join(resp.text.split())[:200]
            hint = {401: " (check the credentials)", 403: " (access denied)",
                    404: " (wrong URL? Oxigraph: /query, Fuseki: /DATASET/sparql, Neptune: /sparql)",
                    405: " (this URL does not accept this kind of request)"}.get(resp.status_code, "")
            raise self.fail(f"answered HTTP {resp.status_code}{hint}: {detail}")
        return resp


class SparqlStore(Store):
    """Any SPARQL 1.1 query endpoint: Oxigraph server, Fuseki, GraphDB, Amazon Neptune.

    Queries go as URL-encoded POSTs (the one form every SPARQL 1.1 server must
    accept). Answers must arrive within ``timeout`` seconds (env ``AWSKG_TIMEOUT``,
    default 15). Nothing is sent until the first query.
    """

    kind = "sparql"

    def __init__(self, endpoint: str, *, timeout: float | None = None) -> None:
        self.endpoint = check_url(endpoint, "SPARQL endpoint")
        self.timeout = timeout if timeout is not None else env_timeout()
        self.http = Http(self.endpoint, self.timeout)

    def _post(self, text: str, accept: str, timeout: float | None) -> Any:
        return self.http.request("POST", data={"query": text}, headers={"Accept": accept},
                                 timeout=timeout)

    def _malformed(self, what: str) -> StoreError:
        return self.http.fail(f"returned malformed {what}")

    def _run(self, text: str, timeout: float | None = None) -> Any:
        form = re.sub(r"(?si)#[^\n]*|PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>", " ", text).split()
        head = form[0].upper() if form else ""
        if head in ("CONSTRUCT", "DESCRIBE"):
            resp = self._post(text, "application/n-triples", timeout)
            g = Graph()
            try:
                g.parse(data=resp.content.decode("utf-8"), format="nt")
            except Exception:  # rdflib raises many kinds on garbage
                raise self._malformed("N-Triples") from None
            return g
        resp = self._post(text, "application/sparql-results+json", timeout)
        try:
            data = json.loads(resp.content)
        except RecursionError:
            raise self._malformed("JSON results (nested too deeply)") from None
        except ValueError:
            kind = resp.headers.get("Content-Type", "?").split(";")[0]
            raise self._malformed(f"results (expected SPARQL JSON, got {kind})") from None
        if not isinstance(data, dict):
            raise self._malformed("JSON results")
        if head == "ASK":
            if not isinstance(data.get("boolean"), bool):
                raise self._malformed("ASK results")
            return data
        try:
            names = data["head"]["vars"]
            bindings = data["results"]["bindings"]
            if not (isinstance(names, list) and isinstance(bindings, list)):
                raise TypeError
            # Convert now, so a bad row fails here (one clear message), not mid-page.
            data["rows"] = [{str(n): _from_json(b.get(n)) for n in names} for b in bindings]
        except (KeyError, TypeError, AttributeError, ValueError):
            raise self._malformed("JSON results") from None
        return data

    def _rows(self, result: Any) -> Iterator[Row]:
        if "rows" not in result:
            raise self._malformed("JSON results (not a SELECT answer)")
        yield from (ResultRow(r) for r in result["rows"])

    def _variables(self, raw: Any, rows: list[Row]) -> list[str]:
        return [str(v) for v in raw.get("head", {}).get("vars", [])]

    def _boolean(self, raw: Any) -> bool:
        if not isinstance(raw.get("boolean"), bool):
            raise self._malformed("ASK results")
        return raw["boolean"]

    def _graph(self, raw: Any) -> Graph:
        return raw


def _from_json(b: Mapping[str, Any] | None) -> Node | None:
    """One SPARQL JSON result term as an rdflib term (``ValueError`` if malformed).

    >>> _from_json({"type": "literal", "value": "推論", "xml:lang": "ja"})
    rdflib.term.Literal('推論', lang='ja')
    """
    if b is None:
        return None
    kind, value = b["type"], b["value"]
    if not isinstance(value, str):
        raise ValueError("term value is not a string")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang, dt = b.get("xml:lang"), b.get("datatype")
        if lang:
            return Literal(value, lang=lang)
        if dt and dt not in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(value, datatype=URIRef(dt))
        return Literal(value)
    raise ValueError(f"unknown term type {kind!r}")
