"""The layers of ``graph/``: the allowed import direction, no cycles, no Streamlit below the UI.

The order is written once, here, as data. A module may import modules of its own
subpackage and of any layer below its own; an arrow against that order fails with
the two module names, and so does any import cycle (between modules or between
subpackages).
"""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import graph

ROOT = Path(__file__).resolve().parent.parent

#: Top to bottom. A layer may import itself (within one subpackage) and anything below it.
LAYERS: list[set[str]] = [
    {"graph.__main__"},
    {"graph.cli", "graph.eval"},
    {"graph.eval_answers", "graph.eval_import"},
    {"graph.commands", "graph.ui"},
    {"graph.study"},
    {"graph.compare", "graph.views", "graph.ops", "graph.draft"},
    {"graph.reason"},
    {"graph.lexicon"},
    {"graph.text", "graph.store"},
    {"graph.errors", "graph", "ontology", "awskg"},
]
MAX_LINES = 420


def unit_of(module: str) -> str:
    """The layer entry a module belongs to (its subpackage, or the module itself)."""
    parts = module.split(".")
    if parts[0] in ("ontology", "awskg"):
        return parts[0]
    return ".".join(parts[:2]) if len(parts) > 1 else "graph"


def rank(unit: str) -> int:
    for i, layer in enumerate(LAYERS):
        if unit in layer:
            return i
    raise AssertionError(f"{unit} is in no layer of tests/test_layering.py::LAYERS")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every project module ``path`` imports, at any depth of the file (lazy imports too)."""
    mod = module_name(path)
    package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names]
            out |= {n for n in names if _is_module(n)} or {target}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.split(".")[0] in ("graph", "ontology", "awskg") and _is_module(m)}


def _is_module(name: str) -> bool:
    p = ROOT.joinpath(*name.split("."))
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for path in [*(ROOT / "graph").rglob("*.py"), *(ROOT / "ontology").rglob("*.py"),
                 *(ROOT / "awskg").rglob("*.py")]:
        mod = module_name(path)
        g.add_node(mod)
        for target in imports_of(path):
            if target != mod:
                g.add_edge(mod, target)
    return g


def test_the_import_graph_is_read():
    g = import_graph()
    assert g.has_edge("graph.reason.fit", "graph.lexicon.read")
    assert g.has_edge("graph.store", "graph.store.open")  # a package's __init__ counts too
    assert len(g) > 50


def against_order(g: nx.DiGraph) -> list[str]:
    """Every import from one layer entry into another that is not below it."""
    return [f"{a} imports {b} ({unit_of(b)} is not below {unit_of(a)})" for a, b in sorted(g.edges)
            if unit_of(a) != unit_of(b) and rank(unit_of(b)) <= rank(unit_of(a))]


def test_no_module_imports_a_layer_above_its_own():
    assert against_order(import_graph()) == []


def test_no_import_cycle_between_modules():
    cycles = list(nx.simple_cycles(import_graph()))
    assert cycles == [], " ; ".join(" → ".join(c + [c[0]]) for c in cycles[:5])


def test_no_import_cycle_between_subpackages():
    units = nx.DiGraph()
    for a, b in import_graph().edges:
        if unit_of(a) != unit_of(b):
            units.add_edge(unit_of(a), unit_of(b))
    assert list(nx.simple_cycles(units)) == []


def test_a_new_arrow_against_the_order_would_fail():
    # The checks above must be able to fail: the store importing fit is refused, by name.
    g = import_graph()
    g.add_edge("graph.store.base", "graph.reason.fit")
    assert against_order(g) == ["graph.store.base imports graph.reason.fit "
                                "(graph.reason is not below graph.store)"]
    assert list(nx.simple_cycles(g))  # fit imports the store: now a cycle too


@pytest.mark.parametrize("path", sorted((ROOT / "graph").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def library_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        if not info.name.startswith("graph.ui") and info.name != "graph.__main__":
            names.append(info.name)
    return names


def test_importing_the_whole_library_does_not_load_streamlit():
    mods = library_modules()
    assert "graph.store.base" in mods and "graph.cli" in mods
    code = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in mods) + (
        "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_no_streamlit_import_statement_outside_ui():
    pattern = re.compile(r"^\s*(import|from)\s+streamlit", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "graph").rglob("*.py")
                 if "ui" not in p.relative_to(ROOT / "graph").parts and pattern.search(p.read_text())]
    assert offenders == []


def test_no_sparql_built_by_string_formatting():
    # Queries live in ontology/queries/*.rq; Python never formats one together.
    pattern = re.compile(r'(f"""|f"|f\'|\.format\().*\b(SELECT|CONSTRUCT|ASK|DESCRIBE|WHERE \{)')
    offenders = []
    for p in (ROOT / "graph").rglob("*.py"):
        for i, line in enumerate(p.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{p.relative_to(ROOT)}:{i}")
    assert offenders == []


def test_no_package_name_hides_a_submodule():
    # `graph.reason.fit` must stay the module: a re-exported function of the same
    # name would make `import graph.reason.fit as m` return the function.
    import importlib

    clashes = []
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        if not info.ispkg:
            continue
        pkg = importlib.import_module(info.name)
        for sub in pkgutil.iter_modules(pkg.__path__):
            value = getattr(pkg, sub.name, None)
            if value is not None and getattr(value, "__name__", "") != f"{info.name}.{sub.name}":
                clashes.append(f"{info.name}.{sub.name}")
    assert clashes == []
