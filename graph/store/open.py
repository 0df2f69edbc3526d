"""Open the store the user asked for: memory, a persistent Oxigraph directory, or an endpoint."""

from __future__ import annotations

from pathlib import Path

from graph.errors import UsageError
from graph.store.base import Store
from graph.store.memory import MemoryStore

__all__ = ["load_store"]


def load_store(
    data_dir: Path | str | None = None,
    *,
    kind: str = "memory",
    endpoint: str | None = None,
    location: Path | str | None = None,
) -> Store:
    """Open the store the user asked for.

    >>> load_store(kind="nope")
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: unknown store 'nope' (choose memory, oxigraph or sparql)
    """
    if kind == "memory":
        return MemoryStore.from_dir(Path(data_dir) if data_dir else None)
    if kind == "oxigraph":
        if not location:
            raise UsageError("--store oxigraph needs --location DIR")
        from graph.store.oxigraph import OxigraphStore

        return OxigraphStore(Path(location))
    if kind == "sparql":
        if not endpoint:
            raise UsageError("--store sparql needs --endpoint URL (or AWSKG_ENDPOINT)")
        from graph.store.remote import SparqlStore

        return SparqlStore(endpoint)
    raise UsageError(f"unknown store {kind!r} (choose memory, oxigraph or sparql)")
