"""Study page: due now, a practice set answered without feedback then reviewed, progress, history;
the Drill page's score kept in the same progress file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from graph.study.practice import make_practice
from graph.study.progress import Progress
from graph.study.schedule import utcnow


def _questions(at):
    return [r for r in at.radio if str(r.key).startswith("study_q_")]


def _progress(folder: Path) -> Progress:
    return Progress(folder / "progress.sqlite")


def test_the_page_opens_empty_in_both_languages(ui, user_folder):
    at = ui.open_page("study")
    assert not at.exception
    text = ui.text_of(at)
    assert "Nothing answered yet" in text and "Progress by exam domain" in text
    assert at.metric[0].value == "0"
    at = ui.open_page("study", lang="ja")
    assert not at.exception and "まだ解答がありません" in ui.text_of(at)


def test_a_whole_practice_set_is_scored_at_the_end_and_recorded(ui, kb, user_folder):
    at = ui.open_page("study")
    at.number_input(key="study_count").set_value(4).run()
    at.button(key="study_start").click().run()
    assert not at.exception
    info = at.session_state["study_set"]
    ps = make_practice(kb, 4, None, info["seed"])
    assert len(_questions(at)) == 4 and not at.success and not at.error  # no feedback while answering
    answers = [q.answer_key for q in ps.questions[:3]] + [next(o.key for o in ps.questions[3].options
                                                               if not o.correct)]
    for n, a in enumerate(answers):
        at.radio(key=f"study_q_{n}").set_value(a).run()
    assert "4 of 4 answered" in ui.text_of(at)
    at.button(key="study_finish").click().run()
    assert not at.exception
    text = ui.text_of(at)
    assert "3 of 4 right" in text and "What to study next" in text and "Your answer:" in text
    assert "Note §" in text or "https://" in text
    with _progress(user_folder) as p:
        got = p.attempts()
    assert [a.correct for a in got] == [True, True, True, False]
    assert {a.source for a in got} == {"app-practice"} and len({a.practice for a in got}) == 1
    at.run()  # a rerun of the review screen records nothing twice
    with _progress(user_folder) as p:
        assert len(p.attempts()) == 4
    at.button(key="study_new_set").click().run()
    assert not at.exception and "Review history" in ui.text_of(at)
    assert at.metric[1].value.startswith("4 / ")


def test_due_cards_are_listed_and_reviewed(ui, kb, user_folder):
    with _progress(user_folder) as p:
        p.record("scenario-13", "scenario", "B", False, now=utcnow() - timedelta(days=1))
    at = ui.open_page("study")
    assert at.metric[0].value == "1"
    at.button(key="study_review").click().run()
    assert not at.exception and len(_questions(at)) == 1
    assert at.session_state["study_set"]["cards"] == ["scenario-13"]


def test_a_corrupt_progress_file_is_moved_aside_with_a_warning(ui, user_folder):
    (user_folder / "progress.sqlite").write_bytes(b"not a database" * 100)
    at = ui.open_page("study")
    assert not at.exception
    assert any("kept as progress.sqlite.corrupt-" in w.value for w in at.warning)
    assert [p.name for p in user_folder.glob("progress.sqlite.corrupt-*")]


def test_an_unwritable_folder_is_one_error(ui, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("AWSKG_USER_DATA", str(blocker / "awskg"))
    at = ui.open_page("study")
    assert not at.exception
    assert at.error and "cannot write to the user folder" in at.error[0].value


def test_the_drill_score_survives_a_reload(ui, kb, user_folder):
    from graph.reason.drill import make_drill

    d = make_drill(kb, "13", seed=7)
    at = ui.open_page("drill", params={"scenario": "13", "seed": "7"})
    at.radio(key="drill_choice").set_value(d.options[d.answer_index].key).run()
    at.button(key="drill_check").click().run()
    assert at.metric[0].value == "1 / 1"
    again = ui.open_page("drill", params={"scenario": "13", "seed": "8"})  # a new session: a reload
    assert not again.exception and again.metric[0].value == "1 / 1"
    with _progress(user_folder) as p:
        assert [(a.card, a.source) for a in p.attempts()] == [("scenario-13", "app-drill")]


def test_the_drill_asks_a_scenario_not_yet_answered(ui, kb, user_folder):
    from graph.reason.drill import scenarios
    from graph.study.cards import local_id

    infos = [s for s in scenarios(kb) if s.answer is not None and len(s.options) >= 2]
    left = infos[len(infos) // 2]
    with _progress(user_folder) as p:
        for s in infos:
            if s is not left:
                p.record(local_id(s.iri), "scenario", "A", True)
    at = ui.open_page("drill")
    assert not at.exception
    assert at.subheader[0].value.startswith(f"§{left.id} ")
    assert at.metric[0].value == f"{len(infos) - 1} / {len(infos) - 1}"
