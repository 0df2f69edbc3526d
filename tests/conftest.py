"""Shared fixtures: the shipped KB loaded once, and copies of the tiny fixture to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"


@pytest.fixture(autouse=True)
def user_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own learner's folder (``$AWSKG_USER_DATA``): never the real home."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("AWSKG_USER_DATA", str(folder))
    return folder


@pytest.fixture(scope="session")
def kb():
    """The shipped knowledge base in the default (memory) store, loaded once."""
    from graph.store import load_store

    return load_store(ROOT / "data")


@pytest.fixture(scope="session")
def tiny():
    """The tiny fixture data directory, read-only."""
    from graph.store import load_store

    return load_store(TINY)


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A private copy of the tiny data directory that a test may break."""
    target = tmp_path / "tiny"
    shutil.copytree(TINY, target)
    return target


@pytest.fixture
def native_ox(kb, tmp_path):
    """The shipped KB written straight into a pyoxigraph directory (not by ``awskg load``)."""
    import pyoxigraph as ox

    from graph.store import OxigraphStore

    store = ox.Store(str(tmp_path / "ox"))
    store.load(kb.to_graph().serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    del store
    return OxigraphStore(tmp_path / "ox")
