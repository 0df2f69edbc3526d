"""Study mode: attempts that last, FSRS scheduling, practice sets, progress by domain, Anki decks.

Every test has its own learner's folder (``user_folder`` in tests/conftest.py sets
``$AWSKG_USER_DATA``); nothing here touches the real home.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import UsageError
from graph.reason.drill import make_drill
from graph.study.cards import all_cards, find_card
from graph.study.practice import make_practice, score
from graph.study.progress import Progress
from graph.study.schedule import review, utcnow

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=180, env={**os.environ, **(env or {})})


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


def _progress(folder: Path) -> Progress:
    return Progress(folder / "progress.sqlite")


# ---------------------------------------------------------------- attempts that last


def test_a_chosen_answer_is_recorded_and_survives_a_new_process(kb, user_folder):
    d = make_drill(kb, "13", seed=1)
    wrong = next(o.key for o in d.options if not o.correct)
    out = _cli("drill", "--scenario", "13", "--seed", "1", "--choose", wrong, "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["chosen"] == wrong and got["correct"] is False and got["answer_key"] == d.options[d.answer_index].key
    assert got["next_review"] and got["scenario"].endswith("scenario-13")
    later = _cli("progress", "--json")  # another process reads the same file
    assert later.returncode == 0, later.stderr
    report = json.loads(later.stdout)
    assert report["totals"]["attempts"] == 1 and report["totals"]["correct"] == 0
    assert report["file"] == str(user_folder / "progress.sqlite")
    with _progress(user_folder) as p:
        assert [(a.card, a.chosen, a.correct, a.source) for a in p.attempts()] == [("scenario-13", wrong, False, "cli")]


def test_piped_and_chosen_answers_record_text_output_too(kb, user_folder, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("A\n"))
    assert main(["drill", "--scenario", "13", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "Correct!" in out and "Next review:" in out
    assert main(["--lang", "ja", "drill", "--scenario", "14", "--seed", "1", "--choose", "2"]) == 0
    assert "次の復習:" in capsys.readouterr().out
    with _progress(user_folder) as p:
        assert [a.card for a in p.attempts()] == ["scenario-13", "scenario-14"]


@pytest.mark.parametrize("args, message", [
    (["drill", "--scenario", "13", "--choose", "Z"], "choose one of A, B, C, D"),
    (["drill", "--scenario", "99", "--choose", "A"], "no scenario '99'"),
    (["review", "--card", "pair:nope", "--choose", "A"], "no study card"),
    (["review", "--choose", "A"], "--choose needs --card"),
    (["practice", "--count", "0"], "--count must be between 1 and"),
    (["practice", "--domain", "9"], "no exam domain '9'"),
    (["practice", "--count", "2", "--seed", "1", "--answers", "A,Q"], "choose one of"),
    (["export", "--format", "anki"], "give -o FILE.apkg"),
])
def test_bad_input_is_one_line_and_exit_2(args, message, user_folder, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) <= 9 and "Traceback" not in err
    assert not (user_folder / "progress.sqlite").exists() or not _progress(user_folder).attempts()


def test_bad_choice_in_a_new_process_has_no_traceback():
    out = _cli("drill", "--scenario", "13", "--seed", "1", "--choose", "Z")
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("awskg: error: choose one of A, B, C, D") and "Traceback" not in out.stderr


# ---------------------------------------------------------------- the progress file


def test_a_corrupt_file_is_moved_aside_and_its_history_kept(user_folder, capsys):
    path = user_folder / "progress.sqlite"
    with Progress(path) as p:
        p.record("scenario-13", "scenario", "A", True)
        p.record("scenario-14", "scenario", "B", False)
    good = path.read_bytes()
    path.write_bytes(b"garbage!" * 2 + good[16:])  # the header is gone: not a database any more
    assert main(["progress", "--json"]) == 0
    cap = capsys.readouterr()
    assert cap.err.startswith("awskg: warning: ") and "kept as progress.sqlite.corrupt-" in cap.err
    assert json.loads(cap.out)["totals"]["attempts"] == 0  # a fresh file
    (aside,) = user_folder.glob("progress.sqlite.corrupt-*")
    assert aside.read_bytes() == b"garbage!" * 2 + good[16:]  # nothing of the old file was lost
    restored = user_folder / "restored.sqlite"
    restored.write_bytes(good[:16] + aside.read_bytes()[16:])
    with Progress(restored) as p:
        assert [a.card for a in p.attempts()] == ["scenario-13", "scenario-14"]


def test_a_newer_schema_is_refused_not_overwritten(user_folder):
    path = user_folder / "progress.sqlite"
    Progress(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(UsageError, match="newer awskg"):
        Progress(path)
    assert not list(user_folder.glob("*.corrupt-*"))


def test_an_uncreatable_user_folder_is_one_line_exit_2(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    out = _cli("drill", "--scenario", "13", "--seed", "1", "--choose", "A",
               env={"AWSKG_USER_DATA": str(blocker / "awskg")})
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.startswith("awskg: error: cannot write to the user folder") and len(out.stderr.splitlines()) == 1


def test_a_read_only_user_folder_is_one_line_exit_2(tmp_path):
    if os.geteuid() == 0:  # root writes through permissions: use a folder no one can write (procfs)
        folder = "/proc/self"
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        folder = str(ro)
    out = _cli("progress", env={"AWSKG_USER_DATA": folder})
    assert out.returncode == 2 and "Traceback" not in out.stderr and len(out.stderr.splitlines()) == 1
    assert out.stderr.startswith("awskg: error: cannot write to the user folder")


# ---------------------------------------------------------------- FSRS


def test_a_wrong_answer_is_due_soon_and_a_right_one_later():
    now = utcnow()
    wrong, right = review(None, False, now), review(None, True, now)
    assert wrong.due - now <= timedelta(minutes=10)
    assert right.due - now >= timedelta(days=1)
    again = review(right.state, True, right.due)
    assert again.due - right.due > right.due - now  # intervals grow
    lapse = review(right.state, False, right.due)
    assert lapse.due - right.due <= timedelta(minutes=10)


def test_review_lists_due_cards_first_then_new_ones(kb, user_folder, capsys):
    with _progress(user_folder) as p:
        p.record("scenario-13", "scenario", "B", False, now=utcnow() - timedelta(days=2))
        p.record("scenario-14", "scenario", "A", True)
    assert main(["review", "--json", "--limit", "4", "--new", "3"]) == 0
    got = _json(capsys)
    assert got["due_now"] == 1 and got["cards"][0]["card"] == "scenario-13" and not got["cards"][0]["new"]
    assert [c["new"] for c in got["cards"][1:]] == [True, True, True]
    assert "scenario-14" not in [c["card"] for c in got["cards"]]  # answered right: not due


def test_review_answers_one_card_and_reschedules_it(kb, user_folder, capsys):
    card = "pair:dim-gpu:asynchronous-inference:serverless-inference"
    assert main(["review", "--card", card, "--json"]) == 0
    asked = _json(capsys)
    assert "answer_key" not in asked and all("correct" not in o for o in asked["options"])
    assert main(["review", "--card", card, "--seed", str(asked["seed"]), "--json", "--choose", "A"]) == 0
    got = _json(capsys)
    assert got["chosen"] == "A" and got["correct"] == (got["answer_key"] == "A") and got["next_review"]
    assert {o["label"]["en"] for o in got["options"]} == {"Asynchronous Inference", "Serverless Inference"}
    assert all(o["why"]["en"].startswith("GPU: ") and o["why"]["ja"] for o in got["options"])


def test_piped_lines_answer_the_review_queue():
    out = _cli("review", "--limit", "2", "--new", "2", stdin="A\nB\n")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Next review:") == 2 and "of 2 right" in out.stdout


# ---------------------------------------------------------------- cards


def test_cards_have_stable_ids_tasks_and_both_languages(kb):
    cards = all_cards(kb)
    assert len({c.id for c in cards}) == len(cards)
    assert {c.kind for c in cards} == {"scenario", "pair"}
    assert all(c.tasks for c in cards if c.kind == "scenario")
    pairs = [c for c in cards if c.kind == "pair"]
    assert sum(bool(c.tasks) for c in pairs) >= 0.95 * len(pairs)  # options tagged by subject or topic
    pair = find_card(kb, "pair:dim-max-payload:asynchronous-inference:serverless-inference")
    assert pair.group_notation == "inference"
    assert all(m.text.get("en") and m.text.get("ja") and m.sources for m in pair.members)
    assert pair.members[0].cell("en") != pair.members[1].cell("en")
    assert find_card(kb, "§13").id == "scenario-13"


# ---------------------------------------------------------------- practice sets


def test_a_practice_set_is_scored_at_the_end(kb):
    ps = make_practice(kb, 6, seed=3)
    assert len(ps.questions) == 6 and len({q.card.id for q in ps.questions}) == 6
    assert {q.card.kind for q in ps.questions} == {"scenario", "pair"}
    wrong = [next(o.key for o in q.options if not o.correct) for q in ps.questions]
    right = [q.answer_key for q in ps.questions]
    r = score(ps, right[:4] + wrong[4:5] + [None])
    assert (r.correct, r.total) == (4, 6) and [i.correct for i in r.items] == [True] * 4 + [False, False]
    assert sum(d["total"] for d in r.by_domain) >= 6 and r.study_next
    assert all(s["look_at"] for s in r.study_next)


def test_practice_by_domain_and_the_cli_records_each_answer(kb, user_folder, capsys):
    ps = make_practice(kb, 3, domain="4", seed=5)
    assert all(any(str(t).startswith(str(t).rsplit("-t", 1)[0]) and "-t4-" in str(t) for t in q.card.tasks)
               for q in ps.questions)
    answers = ",".join([ps.questions[0].answer_key, "-", ps.questions[2].answer_key])
    assert main(["practice", "--count", "3", "--domain", "4", "--seed", "5", "--answers", answers, "--json"]) == 0
    got = _json(capsys)
    assert (got["correct"], got["total"], got["domain"]) == (2, 3, "4")
    assert [q["chosen"] for q in got["questions"]][1] is None
    assert all(q["options"] and q["sources"] is not None for q in got["questions"])
    with _progress(user_folder) as p:
        attempts = p.attempts()
    assert len(attempts) == 2 and {a.source for a in attempts} == {"practice"}  # the skipped one is not stored


def test_practice_json_without_answers_hides_the_key(capsys):
    assert main(["practice", "--count", "2", "--seed", "9", "--json"]) == 0
    got = _json(capsys)
    assert len(got["questions"]) == 2
    assert all(set(o) == {"key", "label"} for q in got["questions"] for o in q["options"])


def test_a_piped_practice_set_prints_the_review_at_the_end():
    out = _cli("--lang", "ja", "practice", "--count", "2", "--seed", "4", stdin="A\nA\n")
    assert out.returncode == 0, out.stderr
    assert "結果: 2 問中" in out.stdout and "出典:" in out.stdout
    assert out.stdout.index("結果:") > out.stdout.index("[2/2]")


# ---------------------------------------------------------------- progress by domain


def test_progress_json_per_domain_and_task(kb, user_folder, capsys):
    with _progress(user_folder) as p:
        p.record("scenario-13", "scenario", "B", False)
        p.record("scenario-13", "scenario", "A", True)
        p.record("pair:dim-gpu:asynchronous-inference:serverless-inference", "pair", "A", False)
    assert main(["progress", "--json"]) == 0
    r = _json(capsys)
    assert [d["notation"] for d in r["domains"]] == ["1", "2", "3", "4"]
    d3 = next(d for d in r["domains"] if d["notation"] == "3")
    t31 = next(t for t in d3["tasks"] if t["notation"] == "3.1")
    assert t31["seen"] >= 1 and t31["attempts"] >= 2 and 0 < t31["correct_share"] < 1
    assert r["totals"]["attempts"] == 3 and r["totals"]["correct"] == 1 and r["totals"]["due_now"] == 0
    assert r["weakest_pairs"][0]["label"]["en"] == "Asynchronous Inference / Serverless Inference"
    assert main(["--lang", "ja", "progress"]) == 0
    text = capsys.readouterr().out
    assert "第 3 分野" in text and "間違えやすい組み合わせ:" in text


# ---------------------------------------------------------------- Anki


def _notes(apkg: Path, tmp: Path) -> list[tuple]:
    with zipfile.ZipFile(apkg) as z:
        assert "collection.anki2" in z.namelist()
        z.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    try:
        return conn.execute("SELECT guid, tags, flds FROM notes ORDER BY guid").fetchall()
    finally:
        conn.close()


def test_the_anki_package_opens_and_has_a_note_per_card(kb, tmp_path):
    out = tmp_path / "awskg.apkg"
    assert main(["export", "--format", "anki", "-o", str(out), "--lang", "both"]) == 0
    listing = subprocess.run([sys.executable, "-m", "zipfile", "-l", str(out)], capture_output=True, text=True)
    assert listing.returncode == 0 and "collection.anki2" in listing.stdout
    notes = _notes(out, tmp_path / "a")
    ids = [n[2].rsplit("\x1f", 1)[1] for n in notes]  # the last field is the card id
    assert len(set(ids)) == len(notes) and {"scenario-13", "pair:dim-gpu:asynchronous-inference:serverless-inference"} <= set(ids)
    from graph.store import load_store

    assert len(notes) == len(all_cards(load_store()))  # as the graph is now (others may be adding data)
    tags = " ".join(n[1] for n in notes)
    assert "mla-c01::domain-3::task-3-1" in tags and "awskg::scenario" in tags and "awskg::pair" in tags
    scen = next(n for n in notes if "scenario-13" in n[2])
    assert "lang=\"ja\"" in scen[2] and "lang=\"en\"" in scen[2] and "✗" in scen[2] and "https://" in scen[2]


def test_note_ids_are_stable_across_exports_and_per_language(tmp_path):
    first, second, ja = tmp_path / "1.apkg", tmp_path / "2.apkg", tmp_path / "ja.apkg"
    for path, lang in ((first, "en"), (second, "en"), (ja, "ja")):
        assert main(["export", "--format", "anki", "-o", str(path), "--lang", lang]) == 0
    a, b, j = (_notes(p, tmp_path / p.stem) for p in (first, second, ja))
    assert [n[0] for n in a] == [n[0] for n in b]
    assert not {n[0] for n in a} & {n[0] for n in j}  # a Japanese deck is its own set of notes
    assert any("ノート" in n[2] or "出典" in n[2] for n in j)


def test_the_export_never_writes_inside_the_data_folder(tmp_path, capsys):
    assert main(["export", "--format", "anki", "-o", str(ROOT / "data" / "x.apkg")]) == 2
    assert "refusing to write inside the data directory" in capsys.readouterr().err
    assert not (ROOT / "data" / "x.apkg").exists()
