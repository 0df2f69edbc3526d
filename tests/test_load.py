"""``awskg load``: whole files or nothing, resume after an interruption, clear errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import DataError, UsageError
from graph.ops.load import STATE_FILE, LoadState, OxigraphTarget, collect, load
from graph.store import OxigraphStore, load_store

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"


def big_nt(path: Path, n: int, tag: str) -> Path:
    """``n`` distinct triples, enough that loading takes a second or two."""
    with path.open("w") as f:
        for i in range(n):
            f.write(f'<http://example.org/{tag}/{i}> <http://example.org/p{i % 7}> "{tag} {i}" .\n')
    return path


def count(loc: Path) -> int:
    return OxigraphStore(loc).count()


def awskg(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_pending(loc: Path, name: str, proc: subprocess.Popen, limit: float = 30) -> None:
    """Until the loader notes it has started on ``name`` (bounded)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            pending = json.loads((loc / STATE_FILE).read_text()).get("pending")
        except (OSError, ValueError):
            pending = None
        if pending and pending["name"] == name:
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.005)
    proc.kill()
    pytest.fail(f"the loader never started on {name}")


def test_data_directory_loads_like_the_memory_store(tmp_path, tiny):
    loc = tmp_path / "db"
    assert main(["load", "--location", str(loc), str(TINY)]) == 0
    ox = OxigraphStore(loc)
    assert ox.count() == tiny.count()
    state = json.loads((loc / STATE_FILE).read_text())
    names = sorted(f["name"] for f in state["files"].values())
    assert names == ["kb/tiny.ttl", "notes/tiny.md", "ontology/core.ttl"]
    assert state["pending"] is None


def test_rerun_skips_what_is_in_and_loads_what_changed(tmp_path, capsys):
    loc, data = tmp_path / "db", tmp_path / "a.nt"
    big_nt(data, 50, "a")
    assert main(["load", "--location", str(loc), "--no-ontology", str(data)]) == 0
    capsys.readouterr()
    assert main(["load", "--location", str(loc), "--no-ontology", str(data)]) == 0
    assert "skipped  a.nt" in capsys.readouterr().out
    with data.open("a") as f:
        f.write('<http://example.org/extra> <http://example.org/p> "new" .\n')
    assert main(["load", "--location", str(loc), "--no-ontology", str(data)]) == 0
    assert "+1 triples" in capsys.readouterr().out
    assert count(loc) == 51


def test_a_syntax_error_loads_nothing_of_the_file(tmp_path, capsys):
    loc, good, bad = tmp_path / "db", tmp_path / "good.nt", tmp_path / "bad.nt"
    big_nt(good, 100, "g")
    big_nt(bad, 20_000, "b")
    with bad.open("a") as f:
        f.write("<http://example.org/x> <http://example.org/p> oops .\n")
    assert main(["load", "--location", str(loc), "--no-ontology", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "20001" in err and "Traceback" not in err
    assert count(loc) == 100  # the 20,000 good lines before the error are not in
    assert len(LoadState(loc / STATE_FILE).files) == 1


@pytest.mark.parametrize("delay", [0.05, 0.8])
def test_killed_load_leaves_whole_file_or_none_and_resumes(tmp_path, delay):
    loc = tmp_path / "db"
    assert main(["load", "--location", str(loc), str(TINY)]) == 0
    before = count(loc)
    big = big_nt(tmp_path / "big.nt", 400_000, "k")
    proc = awskg("load", "--location", str(loc), "--no-ontology", str(big))
    wait_for_pending(loc, "big.nt", proc)
    time.sleep(delay)
    assert proc.poll() is None, "the load finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert count(loc) in (before, before + 400_000)
    # The same command again finishes the job, whichever way the kill fell.
    again = awskg("load", "--location", str(loc), "--no-ontology", str(big))
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert count(loc) == before + 400_000
    assert ("settled  big.nt" in out) or ("loaded   big.nt" in out)
    assert LoadState(loc / STATE_FILE).pending is None


def test_ctrl_c_stops_cleanly_and_the_state_matches_the_store(tmp_path):
    loc = tmp_path / "db"
    files = [big_nt(tmp_path / f"part{i}.nt", 200_000, f"p{i}") for i in range(2)]
    proc = awskg("load", "--location", str(loc), "--no-ontology", *map(str, files))
    wait_for_pending(loc, "part0.nt", proc)
    time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    state = LoadState(loc / STATE_FILE)
    # Whatever is in the store is whole files, and the state says which.
    assert count(loc) == 200_000 * len(state.files)
    assert len(state.files) < 2 and state.pending is None
    again = awskg("load", "--location", str(loc), "--no-ontology", *map(str, files))
    assert again.wait(120) == 0
    assert count(loc) == 400_000


def test_cancel_during_reading_loads_nothing(tmp_path):
    import threading

    loc = tmp_path / "db"
    src = collect([big_nt(tmp_path / "c.nt", 100_000, "c")], with_ontology=False)
    cancel = threading.Event()
    read = []

    def on_bytes(n: int) -> None:
        read.append(n)
        if sum(read) > 1_000_000:
            cancel.set()

    target = OxigraphTarget(loc)
    report = load(target, src, on_bytes=on_bytes, cancel=cancel)
    assert report.cancelled and not report.loaded
    assert report.total == 0
    target.close()


def test_collect_reads_directories_notes_and_refuses_strangers(tmp_path):
    names = [s.name for s in collect([TINY])]
    assert names[0] == "ontology/core.ttl" and "kb/tiny.ttl" in names and "notes/tiny.md" in names
    notes = collect([TINY / "notes" / "tiny.md"], with_ontology=False)[0]
    assert notes.notes_name == "notes/tiny.md" and notes.payload().count(b"\n") > 5
    assert notes.digest == collect([TINY / "notes" / "tiny.md"], with_ontology=False)[0].digest
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(UsageError, match="unknown file type"):
        collect([tmp_path / "x.csv"])
    with pytest.raises(UsageError, match="no such file"):
        collect([tmp_path / "missing.ttl"])


@pytest.mark.parametrize("argv, message", [
    (["load"], "needs --location DIR"),
    (["--endpoint", "http://127.0.0.1:1/q", "load"], "--endpoint is for queries"),
    (["load", "--location", "X", "--gsp", "http://127.0.0.1:1/store"], "not both"),
    (["load", "--gsp", "ftp://nope"], "not an http"),
])
def test_cli_target_mistakes_are_usage_errors(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_refuses_to_write_into_a_directory_that_is_not_a_store(tmp_path, capsys):
    (tmp_path / "mine.txt").write_text("precious")
    assert main(["load", "--location", str(tmp_path), str(TINY)]) == 2
    assert "not an Oxigraph store" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.txt"]


def test_unreadable_state_is_a_data_error(tmp_path):
    (tmp_path / STATE_FILE).write_text("{not json")
    with pytest.raises(DataError, match="delete it"):
        LoadState(tmp_path / STATE_FILE)


def test_store_directory_opens_in_the_default_store_api(tmp_path):
    loc = tmp_path / "db"
    assert main(["load", "--location", str(loc), str(TINY)]) == 0
    kb = load_store(kind="oxigraph", location=loc)
    assert kb.kind == "oxigraph" and kb.count() == load_store(TINY).count()
    assert os.path.isfile(loc / STATE_FILE)


def test_ctrl_c_during_the_last_file_stops_before_the_index(tmp_path, capsys, monkeypatch):
    import graph.commands.load as cmd
    from graph.lexicon.index import INDEX_FILE

    real = cmd.load

    def load_then_ctrl_c(*args, **kwargs):
        report = real(*args, **kwargs)  # the last file completes …
        kwargs["cancel"].set()          # … and Ctrl-C arrives just then
        return report

    monkeypatch.setattr(cmd, "load", load_then_ctrl_c)
    loc = tmp_path / "store"
    assert main(["load", "--location", str(loc), "--no-progress"]) == 130
    out = capsys.readouterr()
    assert "interrupted after the last file was loaded" in out.err and "loaded " in out.out
    assert not (loc / INDEX_FILE).exists()
    monkeypatch.setattr(cmd, "load", real)
    assert main(["load", "--location", str(loc), "--no-progress"]) == 0  # a rerun completes
    assert "skipped" in capsys.readouterr().out and (loc / INDEX_FILE).exists()
