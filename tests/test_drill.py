"""`awskg drill`: scenarios as questions, seeded shuffles, explanations with sources."""

from __future__ import annotations

import io
import json

import pytest

from graph.cli import main
from graph.errors import UsageError
from graph.reason.assess import VERDICT_RANK
from graph.reason.drill import find_scenario, list_scenarios, make_drill, scenarios
from ontology import KB


def test_every_scenario_of_the_notes_is_listed(kb):
    ids = [i for i, _, _ in list_scenarios(kb, "ja")]
    notes = [i for i in ids if i.isdigit()]
    assert notes == sorted(notes, key=int) and {"11", "13", "14", "17", "20"} <= set(notes)
    assert ids[: len(notes)] == notes  # the notes' scenarios first, then the curated ones


@pytest.mark.parametrize("ref", ["13", "§13", "scenario-13", "kb:scenario-13", str(KB["scenario-13"])])
def test_scenario_references(kb, ref):
    assert find_scenario(kb, ref).iri == KB["scenario-13"]


def test_unknown_scenario_lists_the_known_ones(kb):
    with pytest.raises(UsageError) as err:
        find_scenario(kb, "99")
    assert any(s.startswith("13:") for s in err.value.suggestions)


def test_seed_fixes_the_order_and_the_options_are_shuffled(kb):
    orders = {tuple(o.iri for o in make_drill(kb, "13", seed=s).options) for s in range(12)}
    assert len(orders) > 1
    assert [o.iri for o in make_drill(kb, "13", seed=5).options] == [o.iri for o in make_drill(kb, "13", seed=5).options]
    a, b = make_drill(kb, seed=3), make_drill(kb, seed=3)
    assert a.scenario.iri == b.scenario.iri


def test_drill_explains_every_option(kb):
    d = make_drill(kb, "13", seed=1)
    assert d.options[d.answer_index].iri == KB["sol-13-serverless-max-concurrency-1"]
    assert sum(o.correct for o in d.options) == 1
    for o in d.options:
        assert {r.requirement for r in o.reasons} == set(d.scenario.requirements)
        assert all(r.sources and r.text.get("ja") and r.text.get("en") for r in o.reasons)
        assert o.verdict == ("fits" if o.correct else "does-not-fit")
    wrong = [o for o in d.options if not o.correct]
    assert all(o.all_corrections() for o in wrong)       # B1, B3, B4: the docs disagree with the note


def test_json(kb, capsys):
    assert main(["drill", "--scenario", "17", "--seed", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scenario"] == str(KB["scenario-17"]) and out["seed"] == 2
    assert out["question"]["en"] and out["question"]["ja"]
    keys = [o["key"] for o in out["options"]]
    assert out["answer_key"] in keys and sum(o["correct"] for o in out["options"]) == 1
    assert all(set(r) == {"requirement", "verdict", "text", "sources", "provenance"}
               for o in out["options"] for r in o["reasons"])
    assert "note:17" in out["sources"]


def test_non_interactive_prints_question_and_answer(kb, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--lang", "ja", "drill", "--scenario", "13", "--seed", "4"]) == 0
    out = capsys.readouterr().out
    assert "シナリオ 13" in out and "正解:" in out and "解説:" in out and "ノート §13" in out


def test_interactive_choice_is_checked(kb, capsys, monkeypatch):
    from graph.commands import drill as cmd

    d = make_drill(kb, "13", seed=4)
    wrong = next(o.key for o in d.options if not o.correct)
    monkeypatch.setattr("builtins.input", lambda prompt="": wrong.lower())
    assert cmd._ask(d, "en") == wrong
    assert "Not quite" in cmd.explanation_text(d, "en", wrong)
    assert "Correct!" in cmd.explanation_text(d, "en", d.options[d.answer_index].key)


def test_list_cli(kb, capsys):
    assert main(["drill", "--list"]) == 0
    assert "Nightly inference" in capsys.readouterr().out


# ---------------------------------------------------------------- one answer key


def test_the_drill_accepts_the_documented_answer_and_shows_the_notes_one(kb):
    # §20: the notes chose Firehose zero buffering; correction B9 says it is seconds, not sub-second,
    # and the assessments rank Kinesis Data Streams with enhanced fan-out first.
    d = make_drill(kb, "20", seed=1)
    assert d.answer == KB["sol-20-kds-enhanced-fan-out-consumer"]
    assert d.note_answer == KB["sol-20-firehose-zero-buffering"]
    assert [c.iri for c in d.key_corrections] == [KB["correction-b9"]]
    assert d.options[d.answer_index].verdict == "fits"
    out = d.to_json_dict("en")
    assert out["note_answer"] == str(KB["sol-20-firehose-zero-buffering"]) and out["key_corrections"]


def test_for_every_scenario_the_key_is_what_the_assessments_rank_first(kb):
    for info in scenarios(kb):
        d = make_drill(kb, info.id, seed=3)
        best = max(d.options, key=lambda o: VERDICT_RANK.get(o.verdict, -1))
        assert VERDICT_RANK.get(d.options[d.answer_index].verdict, -1) == VERDICT_RANK.get(best.verdict, -1), info.id
        if d.note_answer is None:
            assert d.answer == info.answer
        else:
            assert d.key_corrections, f"§{info.id}: a changed key needs a correction"


def test_validate_fails_when_the_key_contradicts_the_assessments(tiny_copy, capsys):
    ttl = tiny_copy / "kb" / "tiny.ttl"
    text = ttl.read_text(encoding="utf-8")
    # swap the verdicts: the answer is now partial and the other option fits; nothing explains it
    text = text.replace("awskg:requirement kb:req-infrequent-invocation ; awskg:verdict awskg:fits ;",
                        "awskg:requirement kb:req-infrequent-invocation ; awskg:verdict awskg:partial ;")
    text = text.replace("awskg:requirement kb:req-infrequent-invocation ; awskg:verdict awskg:doesNotFit ;",
                        "awskg:requirement kb:req-infrequent-invocation ; awskg:verdict awskg:fits ;")
    ttl.write_text(text, encoding="utf-8")
    assert main(["--data", str(tiny_copy), "validate"]) == 1
    assert "fits every requirement and the notes' answer does not" in capsys.readouterr().err


def _drill_cli(stdin, input_text=None):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "graph", "drill", "--scenario", "13", "--seed", "1"],
                          input=input_text, stdin=stdin, capture_output=True, text=True, timeout=120)


def test_piped_input_is_read_as_the_answer():
    out = _drill_cli(None, "A\n")
    assert out.returncode == 0 and "Correct!" in out.stdout
    out = _drill_cli(None, "2\n")
    assert out.returncode == 0 and "Not quite (you chose B)" in out.stdout
    out = _drill_cli(None, "Z\n")
    assert out.returncode == 2 and out.stderr.startswith("awskg: error: choose one of A, B, C, D")
    assert "Traceback" not in out.stderr


def test_a_closed_or_empty_stdin_prints_the_answer_without_a_traceback():
    import subprocess

    for stdin in (subprocess.DEVNULL,):
        out = _drill_cli(stdin)
        assert out.returncode == 0 and "Answer: A." in out.stdout and "Traceback" not in out.stderr
    import sys

    closed = subprocess.run([sys.executable, "-c", "import os, sys; os.close(0); sys.stdin = None; "
                             "from graph.cli import main; sys.exit(main(['drill', '--scenario', '13', '--seed', '1']))"],
                            capture_output=True, text=True, timeout=120)
    assert closed.returncode == 0 and "Answer: A." in closed.stdout and "Traceback" not in closed.stderr
