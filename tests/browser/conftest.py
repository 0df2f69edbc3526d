"""A real ``streamlit run app.py`` on 127.0.0.1 and Debian's Chromium, driven by Playwright.

Servers are started once per session (one on the shipped data, one on the XSS
fixture), polled on ``/_stcore/health`` and stopped by PID at the end. Every page
records the requests it makes; a test fails if any leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from oxserver import free_port, stop_process  # noqa: E402  (one set of server helpers)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_PREFIXES = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")


@dataclass
class Server:
    """A running app: its base URL and process."""

    url: str
    proc: subprocess.Popen
    log: Path
    user: Path | None = None  # its learner's folder ($AWSKG_USER_DATA)


def start_server(tmp: Path, env_extra: dict[str, str] | None = None, timeout: float = 60) -> Server:
    """``streamlit run app.py`` on a free loopback port; returns once /_stcore/health says ok."""
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if k not in ("AWSKG_DATA", "AWSKG_STORE", "AWSKG_ENDPOINT", "AWSKG_LOCATION")}
    env["AWSKG_USER_DATA"] = str(tmp / f"user-{port}")  # study progress: never the real home
    env.update(env_extra or {})
    user = Path(env["AWSKG_USER_DATA"])
    log = tmp / f"streamlit-{port}.log"
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py",
           "--server.address", "127.0.0.1", "--server.port", str(port),
           "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as resp:
                if resp.read().strip() == b"ok":
                    return Server(url, proc, log, user)
        except OSError:
            time.sleep(0.1)
    stop_server(Server(url, proc, log))
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout} s")


def stop_server(server: Server) -> None:
    """Stop the server we started, by its PID."""
    stop_process(server.proc)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on the shipped knowledge base."""
    server = start_server(tmp_path_factory.mktemp("app"))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def xss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on tests/data/xss (hostile labels)."""
    server = start_server(tmp_path_factory.mktemp("xss"),
                          {"AWSKG_DATA": str(ROOT / "tests" / "data" / "xss")})
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright (never ``playwright install``)."""
    if not CHROMIUM.is_file():
        pytest.fail(f"The browser tests need Chromium at {CHROMIUM}: "
                    "apt-get install -y chromium (scripts/test.sh does this when run as root)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A browser page plus what it asked the network for and any dialogs it opened."""

    page: object
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def external(self) -> list[str]:
        """Requests that left 127.0.0.1."""
        return [u for u in self.requests if not u.startswith(LOCAL_PREFIXES)]


@pytest.fixture
def tab(chromium) -> Iterator[Tab]:
    """A fresh 1100×800 page; asserts at the end that no request left 127.0.0.1."""
    context = chromium.new_context(viewport={"width": 1100, "height": 800}, locale="en-US")
    page = context.new_page()
    t = Tab(page)
    page.on("request", lambda r: t.requests.append(r.url))
    page.on("websocket", lambda ws: t.requests.append(ws.url))

    def on_dialog(d) -> None:
        t.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    # Anything not on loopback is answered locally with an error, and recorded above.
    context.route(lambda url: not url.startswith(LOCAL_PREFIXES), lambda route: route.abort())
    page.set_default_timeout(30_000)
    yield t
    context.close()
    assert not t.external(), f"requests left 127.0.0.1: {t.external()}"


def open_app(tab: Tab, base: str, path: str = "/") -> float:
    """Open a page of the app and wait until Streamlit has drawn it; returns seconds taken."""
    start = time.perf_counter()
    tab.page.goto(base + path)
    tab.page.wait_for_selector("[data-testid='stMainBlockContainer'] h2", timeout=30_000)
    wait_idle(tab)
    return time.perf_counter() - start


def wait_idle(tab: Tab) -> None:
    """Wait until the script run has finished (no running indicator)."""
    tab.page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                               timeout=30_000)


def check_drill_answer(tab: Tab, option: int) -> None:
    """Choose option number ``option`` on the Drill page, press "Check" and wait for the verdict.

    Each step waits for the rerun the previous one started. In CI a choice was once
    gone by the time "Check" was pressed (the button was disabled again), so a lost
    choice is made again, at most three times, before the test gives up.
    """
    from playwright.sync_api import expect

    page = tab.page
    choice = page.locator(".st-key-drill_choice label").nth(option)
    check = page.locator(".st-key-drill_check button")
    verdict = page.locator("[data-testid='stAlert']").first
    for _attempt in range(3):
        if not check.is_enabled():
            choice.click()
            expect(check).to_be_enabled(timeout=30_000)
        wait_idle(tab)
        if check.is_enabled():
            check.click()
        try:
            verdict.wait_for(timeout=10_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: try once more
            wait_idle(tab)
    else:
        raise AssertionError("the Drill page showed no verdict after three tries")
    wait_idle(tab)
    graph_drawn(tab, "drill_graph")


def graph_drawn(tab: Tab, key: str = "graph_view", timeout: float = 30_000) -> None:
    """Wait until the clickable graph ``key`` (custom component) has drawn its current data."""
    tab.page.wait_for_function(
        "(k) => window.awskgNetworks && window.awskgNetworks[k] && window.awskgDrawn"
        " && window.awskgDrawn[k] === window.awskgRev[k]", arg=key, timeout=timeout)


def network(tab: Tab, script: str, key: str = "graph_view", arg=None):
    """Evaluate ``script`` (a JS function of the vis.Network and ``arg``) on graph ``key``."""
    return tab.page.evaluate(f"([k, a]) => ({script})(window.awskgNetworks[k], a)", [key, arg])


def node_point(tab: Tab, node: str, key: str = "graph_view") -> tuple[float, float]:
    """Page coordinates of a node's centre on graph ``key``, with the graph scrolled into view.

    A person scrolls to a graph before clicking it; a click outside the viewport reaches
    nothing (the Map's layout follows the store, so a node may lie below the fold).
    """
    canvas = tab.page.locator(f".st-key-{key}_box canvas").first
    canvas.scroll_into_view_if_needed()
    p = network(tab, "(n, id) => n.canvasToDOM(n.getPositions([id])[id])", key, node)
    box = canvas.bounding_box()
    x, y = box["x"] + p["x"], box["y"] + p["y"]
    view = tab.page.viewport_size
    assert 0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"], \
        f"{node} is drawn outside graph {key}'s canvas at {p}"
    assert 0 <= x <= view["width"] and 0 <= y <= view["height"], \
        f"{node} of graph {key} is outside the viewport at {(x, y)}"
    return x, y


def click_node(tab: Tab, node: str, key: str = "graph_view", double: bool = False) -> None:
    """Click (or double-click) a node of graph ``key`` where it is drawn (and nothing covers it)."""
    x, y = node_point(tab, node, key)
    at = network(tab, "(n, p) => n.getNodeAt(p)", key,
                 network(tab, "(n, id) => n.canvasToDOM(n.getPositions([id])[id])", key, node))
    assert at == node, f"a click on {node} would reach {at} on graph {key}"
    (tab.page.mouse.dblclick if double else tab.page.mouse.click)(x, y)


@pytest.fixture
def br() -> SimpleNamespace:
    """The page helpers above, for the test module (``--import-mode=importlib``)."""
    return SimpleNamespace(open_app=open_app, wait_idle=wait_idle,
                           check_drill_answer=check_drill_answer, graph_drawn=graph_drawn,
                           network=network, node_point=node_point, click_node=click_node)
