"""The library never imports Streamlit; only graph/ui/ and app.py may."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import graph

ROOT = Path(__file__).resolve().parent.parent


def library_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        if not info.name.startswith("graph.ui") and info.name != "graph.__main__":
            names.append(info.name)
    return names


def test_importing_the_whole_library_does_not_load_streamlit():
    mods = library_modules()
    assert "graph.store" in mods and "graph.cli" in mods
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
