"""Drill page: shuffled options (seeded, shareable), checking, explanation, path, score."""

from __future__ import annotations

from graph.reason.drill import make_drill
from graph.ui.common import md


def _answer_key(ui, kb, scenario, seed):
    d = make_drill(kb, scenario, seed=seed)
    return d.options[d.answer_index].key, [o.key for o in d.options if not o.correct]


def test_a_shared_link_gives_the_same_question(ui, kb):
    at = ui.open_page("drill", params={"scenario": "13", "seed": "7"})
    assert not at.exception
    assert at.selectbox(key="drill_scenario__" + _lang(at)).value == "13"
    d = make_drill(kb, "13", seed=7)
    expected = [f"{o.key}. {md(o.label('en'))}" for o in d.options]
    assert at.radio(key="drill_choice").options == expected
    assert at.query_params["seed"] == "7" and at.query_params["scenario"] == "13"
    assert d.question("en")[:30] in ui.text_of(at)
    assert not ui.graphs(at)  # nothing is revealed before checking


def test_right_answer_scores_and_shows_the_path(ui, kb):
    right, _ = _answer_key(ui, kb, "13", 7)
    at = ui.open_page("drill", params={"scenario": "13", "seed": "7"})
    at.radio(key="drill_choice").set_value(right).run()
    at.button(key="drill_check").click().run()
    assert not at.exception
    assert at.success and at.success[0].value.startswith(f"Correct: {right}.")
    assert at.metric[0].value == "1 / 1"
    text = ui.text_of(at)
    assert "Note §13" in text and "https://" in text
    (graph,) = ui.graphs(at)
    nodes, edges = graph["nodes"], graph["edges"]
    highlighted = [n for n in nodes if n["borderWidth"] == 4]
    assert len(highlighted) >= 2
    assert any(e["width"] == 4 for e in edges)
    # Checking the same question again does not count twice.
    at.button(key="drill_check").click().run()
    assert at.metric[0].value == "1 / 1"


def test_wrong_answer_is_explained_in_japanese(ui, kb):
    right, wrong = _answer_key(ui, kb, "13", 7)
    at = ui.open_page("drill", lang="ja", params={"scenario": "13", "seed": "7"})
    at.radio(key="drill_choice").set_value(wrong[0]).run()
    at.button(key="drill_check").click().run()
    assert at.error[0].value.startswith(f"不正解です。正解は {right}.")
    assert at.metric[0].value == "0 / 1"
    assert "ノート §13" in ui.text_of(at)


def test_new_question_reshuffles(ui):
    at = ui.open_page("drill", params={"scenario": "13", "seed": "7"})
    before = at.query_params["seed"]
    at.button(key="drill_new").click().run()
    assert not at.exception
    assert at.query_params["seed"] != before
    assert at.radio(key="drill_choice").value is None


def test_random_scenario_and_every_scenario_renders(ui):
    at = ui.open_page("drill")
    ids = at.selectbox(key="drill_scenario__" + _lang(at)).options
    assert len(ids) >= 5 and ids[0] == "Any scenario (random)"
    assert at.radio(key="drill_choice").options  # a random scenario is asked at once
    for sid in ("11", "14", "17"):
        at.selectbox(key="drill_scenario__" + _lang(at)).set_value(sid).run()
        assert not at.exception and at.radio(key="drill_choice").options


def _lang(at):
    """The language the page is shown in (its selectboxes are keyed per language)."""
    return at.radio(key="lang").value


def test_switching_language_keeps_the_scenario_and_relabels_it(ui):
    at = ui.open_page("drill", lang="en", params={"scenario": "14", "seed": "1"})
    for lang in ("ja", "en", "ja"):
        at.radio(key="lang").set_value(lang).run()
        assert not at.exception
        box = at.selectbox(key=f"drill_scenario__{lang}")
        assert box.value == "14" and at.query_params["scenario"] == "14"
        assert box.options[0] == ("ランダムに出題" if lang == "ja" else "Any scenario (random)")


def test_random_questions_cover_every_scenario_before_repeating(ui):
    at = ui.open_page("drill", lang="en")
    seen = []
    for _ in range(8):
        sub = at.subheader[0].value
        seen.append(sub.split(" ", 1)[0])
        at.radio(key="drill_choice").set_value(at.radio(key="drill_choice").options[0]).run()
        at.button(key="drill_check").click().run()
        at.button(key="drill_new").click().run()
        assert not at.exception
    assert len(set(seen)) == 8, seen


def test_changing_the_answer_after_checking_needs_a_new_check(ui):
    at = ui.open_page("drill", lang="en", params={"scenario": "13", "seed": "1"})
    opts = at.radio(key="drill_choice").options
    at.radio(key="drill_choice").set_value(opts[0]).run()
    at.button(key="drill_check").click().run()
    assert at.success or at.error
    at.radio(key="drill_choice").set_value(opts[1]).run()
    assert not at.success and not at.error, "the old verdict must not follow a new choice"
    score = at.session_state["drill_score"]
    at.button(key="drill_check").click().run()
    assert at.success or at.error
    assert at.session_state["drill_score"]["answered"] == score["answered"]  # one question, counted once
