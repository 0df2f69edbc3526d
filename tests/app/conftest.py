"""AppTest helpers: open one page of the real app.py with fresh caches.

Tests get the helpers through the ``ui`` fixture (pytest runs with
``--import-mode=importlib``, so test modules cannot import this file).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
XSS = ROOT / "tests" / "data" / "xss"


@pytest.fixture(autouse=True)
def fresh_caches(monkeypatch: pytest.MonkeyPatch):
    """Streamlit caches outlive an AppTest (streamlit#9139): clear them around each test."""
    for var in ("AWSKG_DATA", "AWSKG_STORE", "AWSKG_ENDPOINT", "AWSKG_LOCATION"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def open_page(page: str, *, lang: str = "en", params: dict[str, str] | None = None,
              timeout: float = 60) -> AppTest:
    """Run app.py, switch to ``graph/ui/<page>.py`` with ``params`` in the URL, run it."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params["lang"] = lang
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    if page != "home":  # the default page at "/" is the map
        at.switch_page(f"graph/ui/{page}.py").run()
    return at


def text_of(at: AppTest) -> str:
    """All Markdown, captions, headers and alerts of the page, joined, with Markdown
    backslash escapes removed (the app escapes every text that comes from the graph)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success", "text"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def iframes(at: AppTest) -> list[str]:
    """The ``srcdoc`` of every ``st.iframe`` on the page."""
    return [e.proto.srcdoc for e in at.get("iframe")]


def graphs(at: AppTest) -> list[dict]:
    """The data of every clickable graph (the ``awskg.graph`` v2 component) on the page.

    AppTest shows a v2 component as an ``UnknownElement`` of type ``bidi_component``; its
    proto carries the component name, the asset paths and the JSON data.
    """
    return components(at, "awskg.graph")


def components(at: AppTest, name: str) -> list[dict]:
    """The data of every v2 component ``name`` on the page (``awskg.graph``, ``awskg.search``)."""
    found = at.get("bidi_component")
    assert all(e.proto.component_name in ("awskg.graph", "awskg.search") for e in found)
    return [json.loads(e.proto.json) for e in found if e.proto.component_name == name]


@pytest.fixture
def ui() -> SimpleNamespace:
    """The helpers above, for the test modules."""
    return SimpleNamespace(open_page=open_page, text_of=text_of, iframes=iframes,
                           graphs=graphs, components=components, APP=APP, XSS=XSS)
