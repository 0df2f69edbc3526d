"""``awskg import``: the learner's notes become draft triples in their own folder, read by every command."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest

from graph.cli import main
from graph.draft.cues import cue
from graph.draft.outline import parse_outline
from graph.draft.save import draft_notes
from graph.eval_import import import_agreement

ROOT = Path(__file__).resolve().parent.parent
NEW = """# More notes

## 21.

- SageMaker Batch Transform を使用して、毎週データセット全体に推論を実行する。
  - リアルタイムの応答が不要で、データセット全体を定期的に処理する要件に最適です。
  - エンドポイントを常時稼働させないため、コスト効率が高いです。
- リアルタイムエンドポイントを使用する。
  - 常時稼働のため高コストになり、要件を満たしません。

## 22.

- Use SageMaker Clarity to detect bias in the training data before training.
  - It computes pre-training bias metrics such as class imbalance, which is ideal here.
- Use Amazon CloudWatch alarms.
  - CloudWatch does not detect bias in data.
"""


@pytest.fixture
def user(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "user"
    monkeypatch.setenv("AWSKG_USER_DATA", str(folder))
    return folder


@pytest.fixture
def notes(tmp_path) -> Path:
    p = tmp_path / "my-notes.md"
    p.write_text(NEW, encoding="utf-8")
    return p


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- drafting the shipped notes

def test_drafting_the_shipped_notes_gives_back_every_curated_verdict(kb, capsys):
    rows = import_agreement(kb)
    for r in rows:
        print(f"§{r.number}: curated {r.curated} drafted {r.drafted} services missing {r.services_missing} "
              f"capabilities {r.capabilities}")
    assert len(rows) == 8
    assert [r.number for r in rows if r.curated != r.drafted] == []
    assert [r.number for r in rows if r.services_missing] == []
    got, total = map(sum, zip(*(r.capabilities for r in rows)))
    assert got >= 0.6 * total


def test_structure_options_reasons_definitions_steps(kb):
    drafts = {d.number: d for d in draft_notes(kb, (ROOT / "data" / "notes" / "cloudtech-study.md").read_text())}
    assert "デプロイ" in drafts[13].context and len(drafts[13].options) == 4
    assert len(drafts[17].options) == 3 and drafts[17].definitions[0]["term"].endswith("バイアスドリフト")
    assert [s["order"] for s in drafts[18].steps] == [1, 2, 3, 4] and len(drafts[18].options) == 1
    assert drafts[14].options[1].text.startswith("オンデマンドインスタンスをすべてのノード")
    assert {s["parameter"] for s in drafts[13].options[0].mentions.settings} == {"MaxConcurrency"}
    warnings = " ".join(w for d in drafts.values() for w in d.warnings)
    for slip in ("Clarity → Clarify", "InitiallnstanceCount → InitialInstanceCount", "O → 0"):
        assert slip in warnings


@pytest.mark.parametrize("text, want", [
    ("要件に完全に適しています。", "fits"), ("リアルタイム処理には向いていません。", "does-not-fit"),
    ("データドリフトの監視に有効ですが、バイアスドリフトには対応していません。", "does-not-fit"),
    ("履歴を追跡するのに適しています。", None),  # what the tool is for, not a verdict
    ("It is not ideal for spiky traffic.", "does-not-fit"), ("This meets the latency requirement.", "fits"),
    ("It only partially meets the need.", "partial"), ("A tool for experiment tracking.", None),
])
def test_verdict_words_in_both_languages_with_negation(text, want):
    assert cue(text) == want


def test_flow_details_written_unindented_belong_to_their_step():
    roots = parse_outline("- 具体的なフロー\n\n1. A\n\n- a1\n- a2\n\n2. B\n\n- b1\n")
    assert [n.text for n in roots] == ["具体的なフロー", "A", "B"]
    assert [c.text for c in roots[1].children] == ["a1", "a2"]


# ---------------------------------------------------------------- the command

def test_import_writes_drafts_to_the_user_folder_only(kb, user, notes, capsys):
    before = _digest(ROOT / "data")
    assert main(["import", str(notes), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["number"] for s in out["sections"]] == ["21", "22"]
    s21 = out["sections"][0]
    assert s21["lines"] == [3, 9] and [o["verdict"] for o in s21["options"]] == ["fits", "does-not-fit"]
    assert {"text", "label", "verdict", "entities", "settings", "reasons"} <= set(s21["options"][0])
    assert any("batch-transform" in e["iri"] for e in s21["options"][0]["entities"])
    assert {r["verdict"] for r in s21["options"][1]["reasons"]} == {"does-not-fit"}
    assert any("Clarity → Clarify" in w for w in out["sections"][1]["warnings"])
    assert (user / "notes" / "my-notes.md").read_text(encoding="utf-8") == NEW
    assert sorted(p.name for p in (user / "kb" / "drafts").iterdir()) == ["note-21.ttl", "note-22.ttl"]
    assert _digest(ROOT / "data") == before


def test_every_command_reads_the_drafts_with_a_badge(kb, user, notes, capsys):
    assert main(["import", str(notes)]) == 0
    capsys.readouterr()
    assert main(["validate"]) == 0
    assert "warning(s) on drafts" in capsys.readouterr().out
    assert main(["fit", "score the whole dataset weekly, no persistent endpoint, cheapest", "--json"]) == 0
    res = json.loads(capsys.readouterr().out)["results"]
    drafted = [r for r in res if "draft-21" in r["iri"]]
    assert drafted and drafted[0]["verdict"] == "fits"
    assert [b["kind"] for b in drafted[0]["badges"]] == ["draft"]
    assert main(["fit", "score the whole dataset weekly, no persistent endpoint, cheapest"]) == 0
    assert "draft — from your notes, not reviewed" in capsys.readouterr().out
    assert main(["--no-user-data", "fit", "score the whole dataset weekly, cheapest", "--json"]) == 0
    assert not any("draft-" in r["iri"] for r in json.loads(capsys.readouterr().out)["results"])


def test_a_section_imported_twice_needs_replace(kb, user, notes, capsys):
    assert main(["import", str(notes)]) == 0
    assert main(["import", str(notes)]) == 2
    assert "already imported: §21" in capsys.readouterr().err
    other = notes.with_name("other.md")
    other.write_text(NEW.replace("## 22.", "## 23."), encoding="utf-8")
    assert main(["import", str(other), "--replace"]) == 0
    capsys.readouterr()
    assert main(["import", "--list", "--json"]) == 0
    listed = {r["number"]: Path(r["file"]).name for r in json.loads(capsys.readouterr().out)}
    assert listed == {21: "other.md", 22: "my-notes.md", 23: "other.md"}
    assert main(["validate"]) == 0  # the old copy of §21 was blanked: no section loaded twice


def test_dry_run_writes_nothing(kb, user, notes, capsys):
    assert main(["import", str(notes), "--dry-run"]) == 0
    assert "dry run: nothing written" in capsys.readouterr().out
    assert not user.exists()


@pytest.mark.parametrize("content, message", [
    (b"# just a title\n\nsome text\n", "has no '## N.' sections"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
    (b"## 21.\n- \xff\xfe bad bytes\n", "not UTF-8 text"),
    (b"## 13.\n- Use Serverless Inference.\n", "section 13 is in the shipped notes"),
])
def test_bad_files_are_one_line_and_exit_2(kb, user, tmp_path, capsys, content, message):
    p = tmp_path / "bad.md"
    p.write_bytes(content)
    assert main(["import", str(p)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (user / "kb").exists()


def test_a_huge_file_and_a_missing_file_are_refused(kb, user, tmp_path, capsys):
    big = tmp_path / "big.md"
    with open(big, "wb") as fh:
        fh.truncate(10 * 1024 * 1024)
    assert main(["import", str(big)]) == 2
    assert "10.5 MB" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nope.md")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_an_unwritable_user_folder_is_one_line(kb, user, notes, capsys):
    user.parent.mkdir(exist_ok=True)
    user.write_text("a file where the folder should be")  # unwritable even for root
    assert main(["import", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "cannot write to the user folder" in err and err.count("\n") == 1
    if os.geteuid() != 0:  # a read-only folder (root ignores permissions)
        user.unlink()
        user.mkdir()
        user.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            assert main(["import", str(notes)]) == 2
            assert "cannot write to the user folder" in capsys.readouterr().err
        finally:
            user.chmod(stat.S_IRWXU)


def test_a_user_folder_inside_the_shipped_data_is_refused(kb, monkeypatch, notes, capsys):
    monkeypatch.setenv("AWSKG_USER_DATA", str(ROOT / "data" / "mine"))
    assert main(["import", str(notes)]) == 2
    assert "inside the shipped files" in capsys.readouterr().err
    assert not (ROOT / "data" / "mine").exists()
