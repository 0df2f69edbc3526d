"""The evaluation set is well formed, and fit meets its accuracy thresholds on it (measured)."""

from __future__ import annotations

from collections import Counter

import pytest

from graph.eval import DEFAULT_FILE, evaluate, load_items, main
from graph.lexicon.read import catalog
from graph.text import normalize


@pytest.fixture(scope="module")
def items():
    return load_items(DEFAULT_FILE)


@pytest.fixture(scope="module")
def report(kb, items):
    return evaluate(kb, items)


def test_the_set_is_big_bilingual_and_covers_the_hard_cases(items):
    assert len(items) >= 60
    langs = Counter(i.lang for i in items)
    assert langs["ja"] >= 0.4 * len(items) and langs["en"] >= 0.4 * len(items) and langs["mixed"] >= 3
    expect = Counter(i.expect for i in items)
    assert expect["none"] >= 5 and expect["error"] >= 4
    assert len({i.id for i in items}) == len(items)
    assert any(i.repeat > 1 and len(i.text.encode()) > 100_000 for i in items)


def test_expected_iris_exist_in_the_kb(kb, items):
    known = set(map(str, catalog(kb).types))
    for i in items:
        for iri in [i.expect, *i.top3, *i.must_not_fit]:
            if iri not in ("none", "error"):
                assert i.expand(iri) in known, f"{i.id}: {iri} is not in the KB"


def test_queries_are_not_copies_of_kb_labels(kb, items):
    labels = {normalize(text) for names in catalog(kb).names.values() for text, _ in names}
    copies = [i.id for i in items if normalize(i.query) in labels]
    assert copies == []


def test_fit_meets_the_thresholds(report):
    assert report.top1 >= 0.90, report.text(verbose=True)
    assert report.top3 >= 0.98, report.text(verbose=True)
    assert report.wrong_fits == 0, report.text(verbose=True)


@pytest.fixture(scope="module")
def printed() -> str:
    """What ``python -m graph.eval`` prints on the shipped sets (run once: it evaluates both)."""
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main([]) == 0
    return buf.getvalue()


def test_per_language_figures_are_printed(printed):
    out = printed
    assert "top-1 accuracy" in out and "top-3 accuracy" in out and "wrongly shown as fitting" in out
    assert "ja " in out and "en " in out


def test_check_flag_fails_on_a_bad_set(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "query": "nightly, cheapest", "lang": "en", "expect": "kb:req-gpu"}\n',
                   encoding="utf-8")
    # --answers names no file: only the (bad) fit set is evaluated
    assert main(["--file", str(bad), "--answers", str(tmp_path / "none"), "--check"]) == 1
    assert "expected kb:req-gpu" in capsys.readouterr().out


# ---------------------------------------------------------------- exam-style questions for `answer`

from graph.eval_answers import ANSWER_DIR, evaluate_answers, load_answer_items  # noqa: E402


@pytest.fixture(scope="module")
def answer_items():
    return load_answer_items(ANSWER_DIR)


@pytest.fixture(scope="module")
def answer_report(kb, answer_items):
    return evaluate_answers(kb, answer_items)


def test_the_question_set_is_big_bilingual_and_has_the_hard_cases(answer_items):
    assert len(answer_items) >= 40
    assert sum(i.lang == "ja" for i in answer_items) >= len(answer_items) // 2 - 1
    outside = [i for i in answer_items if not i.in_graph]
    assert len(outside) >= 10 and all(i.expect == "abstain" for i in outside)
    text = " ".join(o for i in answer_items for o in i.options)
    assert "MaxConcurrency 200" in text and "core nodes on Spot" in text.replace("Core nodes on Spot", "core nodes on Spot")
    assert any("不要" in i.question or "No real-time" in i.question for i in answer_items)


def test_answer_is_never_confidently_wrong_on_the_set(answer_report):
    assert answer_report.wrong == 0, answer_report.text()
    assert answer_report.off_topic_fits == 0, answer_report.text()
    assert answer_report.right >= 0.85 * len(answer_report.outcomes), answer_report.text()


def test_the_answer_report_is_printed_per_language_and_coverage(printed):
    out = printed
    assert "answer evaluation:" in out and "confidently wrong 0" in out
    assert "in the graph" in out and "outside it" in out and "ja " in out
