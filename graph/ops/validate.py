"""``awskg validate``: every file parses, the data conforms to the shapes, every check is empty.

>>> report = validate_dir()
>>> report.files > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

from graph.errors import DataError
from graph.store.base import Store
from graph.store.files import layers, ontology_files, parse_into
from graph.store.memory import MemoryStore
from graph.store.notes import sections_graph
from graph.store.paths import default_data_dir
from ontology import AWSKG, ONTOLOGY_DIR, PREFIXES

__all__ = ["Problem", "Report", "validate_dir", "validate_store", "shacl_problems", "check_problems"]


@dataclass
class Problem:
    """One thing wrong: a syntax error, a shape violation or a check row."""

    kind: str  # "syntax", "shape" or "check"
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.where}: {self.message}"


@dataclass
class Report:
    """What was validated and what was wrong."""

    files: int = 0
    triples: int = 0
    checks: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # problems of unreviewed drafts

    @property
    def ok(self) -> bool:
        return not self.problems


def _short(term: object) -> str:
    s = str(term)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def shacl_problems(g: Graph) -> list[Problem]:
    """SHACL violations of ``g`` against ``ontology/shapes.ttl``, in words."""
    from pyshacl import validate

    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    data = Graph()
    for t in g:  # pySHACL walks the graph many times: a plain in-memory copy is faster here
        data.add(t)
    conforms, results, _text = validate(data, shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    problems = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(r, SH.focusNode)
        message = results.value(r, SH.resultMessage)
        path = results.value(r, SH.resultPath)
        where = _short(focus) + (f" ({_short(path)})" if path is not None else "")
        problems.append(Problem("shape", where, str(message or "violates a shape")))
    return sorted(problems, key=lambda p: (p.where, p.message))


def check_problems(store: Store) -> tuple[int, list[Problem]]:
    """Rows of every ``ontology/checks/*-violation.rq`` (an empty result is a pass)."""
    checks = sorted((ONTOLOGY_DIR / "checks").glob("*-violation.rq"))
    problems = []
    for path in checks:
        for row in store.select_shipped(path):
            problems.append(Problem("check", f"{path.stem}: {_short(row.get('focus'))}",
                                    str(row.get("message") or "violation")))
    return len(checks), problems


def validate_dir(data_dir: Path | None = None) -> Report:
    """Validate the files of a data directory (all syntax errors, not just the first)."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    found_layers = layers(data_dir)
    report = Report(files=sum(len(rdf) + len(notes) for _f, rdf, notes in found_layers))
    g = Graph(store="Oxigraph")
    for path in ontology_files():
        parse_into(g, path)
    for folder, rdf, notes in found_layers:
        for path in rdf:
            try:
                parse_into(g, path)
            except DataError as err:
                where, _, message = str(err).partition(": ")
                report.problems.append(Problem("syntax", where, message))
        for path in notes:
            try:
                g += sections_graph(path, str(path.relative_to(folder)))
            except DataError as err:
                report.problems.append(Problem("syntax", str(path), str(err)))
    if report.problems:
        return report
    report.triples = len(g)
    report.problems += shacl_problems(g)
    report.checks, found = check_problems(MemoryStore(g, data_dir))
    report.problems += found
    _drafts_are_warnings(g, report)
    return report


def _drafts_are_warnings(g: Graph, report: Report) -> None:
    """A problem about a draft (``awskg:status "draft"``) is a warning until the draft is accepted."""
    from rdflib import Literal

    drafts = {_short(s) for s in g.subjects(AWSKG.status, Literal("draft"))}
    if not drafts:
        return
    keep = []
    for p in report.problems:
        focus = p.where.split(" (", 1)[0].split(": ")[-1]
        (report.warnings if focus in drafts else keep).append(p)
    report.problems = keep


def validate_store(store: Store) -> Report:
    """Validate what a (remote or persistent) store holds."""
    g = store.to_graph()
    report = Report(files=0, triples=len(g))
    report.problems += shacl_problems(g)
    report.checks, found = check_problems(store)
    report.problems += found
    return report
