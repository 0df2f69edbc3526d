"""A whole practice set in a real browser: start, answer every question without feedback,
finish, read the review screen; the answers are in the learner's progress file and the
history shows them after a reload."""

from __future__ import annotations

import pytest

from graph.study.progress import Progress

pytestmark = pytest.mark.browser

COUNT = 3


def test_a_whole_practice_set(app_server, tab, br):
    page = tab.page
    br.open_app(tab, app_server.url, "/study?lang=en")
    box = page.locator(".st-key-study_count input")
    box.fill(str(COUNT))
    box.press("Enter")
    br.wait_idle(tab)
    page.locator(".st-key-study_start button").click()
    page.wait_for_selector(f".st-key-study_box_{COUNT - 1}", timeout=30_000)
    br.wait_idle(tab)
    assert page.locator(".st-key-study_box_0").count() == 1
    assert page.locator("[data-testid='stAlert']").count() == 0  # no feedback while answering
    for n in range(COUNT):
        page.locator(f".st-key-study_q_{n} [role='radiogroup'] label").first.click()
        br.wait_idle(tab)
    from playwright.sync_api import expect

    expect(page.locator("[data-testid='stMainBlockContainer']")).to_contain_text(f"{COUNT} of {COUNT} answered",
                                                                                  timeout=30_000)
    page.locator(".st-key-study_finish button").click()
    page.wait_for_selector(".st-key-study_result_0", timeout=30_000)
    br.wait_idle(tab)
    text = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    assert f"of {COUNT} right" in text and "Your answer: A" in text
    assert "What to study next" in text and "By domain" in text
    assert page.locator(f".st-key-study_result_{COUNT - 1}").count() == 1
    assert page.locator("[data-testid='stException']").count() == 0

    with Progress(app_server.user / "progress.sqlite") as p:
        mine = [a for a in p.attempts() if a.source == "app-practice"]
    assert len(mine) == COUNT and all(a.chosen == "A" for a in mine)

    br.open_app(tab, app_server.url, "/study?lang=en")  # a reload: the history is still there
    text = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    assert "Review history" in text and "Progress by exam domain" in text
    page.wait_for_selector(".st-key-study_history [data-testid='stDataFrame']", timeout=30_000)  # on a canvas
    assert page.locator(".st-key-study_progress [data-testid='stDataFrame']").count() == 1
