"""`awskg drill`: scenarios as questions, seeded shuffles, explanations with sources."""

from __future__ import annotations

import io
import json

import pytest

from graph.cli import main
from graph.errors import UsageError
from graph.reason.drill import find_scenario, list_scenarios, make_drill
from ontology import KB


def test_every_scenario_of_the_notes_is_listed(kb):
    ids = [i for i, _, _ in list_scenarios(kb, "ja")]
    assert ids == sorted(ids, key=int) and {"11", "13", "14", "17", "20"} <= set(ids)


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
    assert all(set(r) == {"requirement", "verdict", "text", "sources"} for o in out["options"] for r in o["reasons"])
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
