"""Flows a person walks, not single pages: search, leave, come back; switch the language twice;
open a deep link in a fresh context; press back. None of them may show an exception."""

from __future__ import annotations

import pytest

PAGES = ["explore", "fit", "compare", "drill", "study", "importer", "sources", "sparql"]


def no_exception(tab) -> None:
    page = tab.page
    shown = page.locator("[data-testid='stException']")
    assert shown.count() == 0, shown.first.inner_text()[:500]
    text = page.locator("[data-testid='stMainBlockContainer']").inner_text()
    for marker in ("Traceback", "TypeError", "AttributeError", "not a valid IRI"):
        assert marker not in text, text[:500]


def nav(tab, br, base: str, page: str) -> None:
    tab.page.locator(f"a[href$='/{page}'], a[href*='/{page}?']").first.click()
    tab.page.wait_for_url(f"**/{page}**", timeout=30_000)
    br.wait_idle(tab)


def test_search_on_explore_go_elsewhere_and_come_back(app_server, tab, br):
    br.open_app(tab, app_server.url, "/explore?lang=en")
    box = tab.page.locator(".st-key-explore_search_box input")
    box.click()
    box.type("Clarify", delay=30)
    tab.page.locator(".st-key-explore_search_box [role='option']").first.wait_for(timeout=15_000)
    box.press("Enter")
    tab.page.wait_for_function("() => location.search.includes('entity=')", timeout=15_000)
    br.wait_idle(tab)
    facts = tab.page.locator(".st-key-explore_facts")
    if facts.count():
        facts.locator("label").first.click()  # switch the statements on, then off again
        br.wait_idle(tab)
        facts.locator("label").first.click()
        br.wait_idle(tab)
    no_exception(tab)
    for other in ("fit", "compare", "sources"):
        nav(tab, br, app_server.url, other)
        no_exception(tab)
        nav(tab, br, app_server.url, "explore")
        no_exception(tab)
        assert "Clarify" in tab.page.locator(".st-key-explore_search_box input").input_value()


@pytest.mark.parametrize("page", PAGES)
def test_language_switched_twice_on_every_page(app_server, tab, br, page):
    br.open_app(tab, app_server.url, f"/{page}?lang=en")
    for name in ("日本語", "English", "日本語"):
        tab.page.get_by_text(name, exact=True).first.click()
        br.wait_idle(tab)
        no_exception(tab)


def test_language_switches_on_a_deep_link_keep_the_entity(app_server, tab, br):
    br.open_app(tab, app_server.url, "/?lang=ja&q=EMR&entity=kb:emr")
    for name in ("English", "日本語", "English"):
        tab.page.get_by_text(name, exact=True).first.click()
        br.wait_idle(tab)
        no_exception(tab)
        assert "entity=kb%3Aemr" in tab.page.url or "entity=kb:emr" in tab.page.url, tab.page.url


@pytest.mark.parametrize("path", ["/explore?entity=kb:serverless-inference&lang=ja", "/fit?q=nightly&lang=en",
                                  "/compare?group=inference&lang=ja", "/drill?scenario=20&seed=1&lang=en",
                                  "/sources?lang=en", "/sparql?lang=ja&q=ASK%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D"])
def test_deep_link_in_a_fresh_context_then_back(app_server, tab, br, path):
    br.open_app(tab, app_server.url, path)
    no_exception(tab)
    nav(tab, br, app_server.url, "fit" if "/fit" not in path else "explore")
    no_exception(tab)
    tab.page.go_back()
    br.wait_idle(tab)
    no_exception(tab)


def test_bare_urls_from_the_data_are_text_not_links(app_server, tab, br):
    # A document's page lists predicates without labels by their IRI: text, never a link.
    br.open_app(tab, app_server.url, "/explore?lang=en&entity=https%3A%2F%2Fdocs.aws.amazon.com%2Fstreams"
                                     "%2Flatest%2Fdev%2Fenhanced-consumers.html")
    no_exception(tab)
    texts = tab.page.eval_on_selector_all("[data-testid='stMainBlockContainer'] a",
                                          "els => els.map(e => e.innerText)")
    assert not [x for x in texts if x.strip().startswith(("http://", "https://", "www."))], texts


@pytest.mark.parametrize("locale, nav_text", [("ja-JP", "マップ"), ("en-US", "Map")])
def test_the_default_language_is_the_browsers(app_server, chromium, br, locale, nav_text):
    context = chromium.new_context(viewport={"width": 1100, "height": 800}, locale=locale)
    try:
        page = context.new_page()
        page.goto(app_server.url + "/")
        page.wait_for_selector("[data-testid='stMainBlockContainer'] h2", timeout=30_000)
        assert page.get_by_text(nav_text, exact=True).first.is_visible()
        assert "Traceback" not in page.inner_text("body")
    finally:
        context.close()


def test_import_paste_review_accept_then_fit_finds_it(app_server, tab, br):
    notes = ("## 31.\n\n- SageMaker Batch Transform を使用して、毎週データセット全体に推論を実行する。\n"
             "  - データセット全体を定期的に処理する要件に最適です。\n"
             "- リアルタイムエンドポイントを使用する。\n  - 常時稼働のため高コストになり、要件を満たしません。\n")
    br.open_app(tab, app_server.url, "/importer?lang=ja")
    box = tab.page.locator("textarea").first
    box.fill(notes)
    box.press("Control+Enter")
    br.wait_idle(tab)
    tab.page.get_by_text("§31", exact=False).first.wait_for(timeout=30_000)
    no_exception(tab)
    tab.page.get_by_role("button", name="承認").click()
    br.wait_idle(tab)
    tab.page.get_by_text("§31 を承認しました", exact=False).first.wait_for(timeout=30_000)
    assert (app_server.user / "kb" / "accepted" / "note-31.ttl").is_file()
    nav(tab, br, app_server.url, "fit")
    no_exception(tab)
    tab.page.go_back()
    br.wait_idle(tab)
    no_exception(tab)
