"""The package works installed as a wheel: ontology, queries, data and notes travel with it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_data_and_runs_outside_the_checkout(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
         str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    wheel = next((tmp_path / "dist").glob("awskg-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ["ontology/core.ttl", "ontology/shapes.ttl", "ontology/queries/lexicon.rq",
                   "awskg_data/notes/cloudtech-study.md", "awskg_data/README.md", "graph/cli.py",
                   # the clickable graph: Streamlit finds it from awskg/pyproject.toml
                   "awskg/pyproject.toml", "awskg/graphview/component.js",
                   "awskg/graphview/vis-network.min.js", "awskg/graphview/LICENSE-vis-network.txt",
                   "awskg/searchbox/component.js", "awskg/searchbox/component.css"]:
        assert needed in names, needed
    assert any(n.startswith("ontology/checks/") for n in names)
    assert any(n.startswith("awskg_data/kb/") and n.endswith(".ttl") for n in names)

    target = tmp_path / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                           str(wheel)], capture_output=True, text=True, timeout=300)
    assert inst.returncode == 0, inst.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("AWSKG_DATA", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)
    run = subprocess.run([sys.executable, "-m", "graph", "stats", "--json"], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert '"NoteSection": 8' in run.stdout
    where = subprocess.run([sys.executable, "-c", "import graph, ontology; print(graph.__file__, ontology.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert str(target) in where.stdout and str(ROOT) not in where.stdout
