"""The files a data directory holds, and parsing them into one rdflib graph."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from graph.errors import DataError, UsageError
from graph.store.notes import sections_graph
from graph.store.paths import NOTES_GLOB, default_data_dir
from graph.store.userdata import user_layer
from ontology import ONTOLOGY_DIR, PREFIXES

__all__ = ["RDF_SUFFIXES", "data_files", "ontology_files", "parse_into", "build_graph", "layers"]

#: Files loaded from a data directory, by suffix, with the Oxigraph parser name.
RDF_SUFFIXES = {".ttl": "ox-turtle", ".nt": "ox-ntriples", ".rdf": "ox-xml"}


def data_files(data_dir: Path, *, required: bool = True) -> tuple[list[Path], list[Path]]:
    """(RDF files, notes files) under ``data_dir``, sorted for stable loads.

    Hidden files (``.x.ttl.tmp-…`` of a write in progress) are never read.
    """
    if not data_dir.is_dir():
        raise UsageError(f"data directory not found: {data_dir}")
    rdf = sorted(p for p in data_dir.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file()
                 and not p.name.startswith("."))
    notes = sorted(p for p in data_dir.glob(NOTES_GLOB) if not p.name.startswith("."))
    if not rdf and required:
        raise UsageError(f"no RDF files (*.ttl, *.nt, *.rdf) in {data_dir}")
    return rdf, notes


def layers(data_dir: Path | None = None) -> list[tuple[Path, list[Path], list[Path]]]:
    """(folder, RDF files, notes files) to load: the data directory, then the learner's folder.

    ``--data`` replaces the shipped data; the learner's imported notes and drafts
    (:func:`graph.store.userdata.user_layer`) are read on top of either.
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    out = [(data_dir, *data_files(data_dir))]
    user = user_layer()
    if user is not None and user.resolve() != data_dir.resolve():
        rdf, notes = data_files(user, required=False)
        if rdf or notes:
            out.append((user, rdf, notes))
    return out


def ontology_files() -> list[Path]:
    """Vocabulary files loaded with the data (the SHACL shapes are not data)."""
    return [p for p in sorted(ONTOLOGY_DIR.glob("*.ttl")) if p.name != "shapes.ttl"]


def parse_into(g: Graph, path: Path) -> None:
    """Parse one file into ``g``; a syntax error names the file and line."""
    try:
        g.parse(path, format=RDF_SUFFIXES.get(path.suffix, "ox-turtle"))
    except SyntaxError as err:
        msg = str(err.msg if hasattr(err, "msg") else err)
        line = err.lineno or "?"
        raise DataError(f"{path}:{line}: {msg}") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise DataError(f"{path}: {err}") from None


def build_graph(data_dir: Path | None = None) -> Graph:
    """The ontology, the data and the notes' sections in one Oxigraph-backed graph."""
    g = Graph(store="Oxigraph")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for path in ontology_files():
        parse_into(g, path)
    for folder, rdf, notes in layers(data_dir):
        for path in rdf:
            parse_into(g, path)
        for path in notes:
            g += sections_graph(path, str(path.relative_to(folder)))
    return g
