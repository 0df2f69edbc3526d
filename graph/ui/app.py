"""The Streamlit app's frame: page config, language switch, the one cached store, the router.

``streamlit run app.py`` in a checkout (or ``awskg app``, which also works from an
installed wheel by running this file) calls :func:`main`; each page lives in
``graph/ui/<page>.py`` and is a thin layer over the library.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from graph.errors import KGError
from graph.ui import common as c
from graph.ui.i18n import LANG_NAMES, LANGS, t

UI_DIR = Path(__file__).resolve().parent
PAGES = [  # (url path, title key, icon); the first is the default page at "/"
    ("home", "nav.home", ":material/map:"),
    ("explore", "nav.explore", ":material/hub:"),
    ("fit", "nav.fit", ":material/task_alt:"),
    ("compare", "nav.compare", ":material/table_chart:"),
    ("drill", "nav.drill", ":material/quiz:"),
    ("study", "nav.study", ":material/school:"),
    ("importer", "nav.import", ":material/upload_file:"),
    ("sparql", "nav.sparql", ":material/terminal:"),
    ("sources", "nav.sources", ":material/menu_book:"),
]


def _browser_lang() -> str:
    """The browser's language when the URL names none: English unless it prefers Japanese."""
    try:
        locale = (st.context.locale or "").lower()
    except Exception:  # noqa: BLE001 - no browser context (AppTest, older Streamlit): the notes' language
        return "ja"
    if not locale:
        return "ja"
    return "ja" if locale.startswith("ja") else "en"


TABLE_CSS = (
    ".st-key-compare_table table{border-collapse:separate;border-spacing:0}"
    ".st-key-compare_table th,.st-key-compare_table td{min-width:11em;vertical-align:top}"
    ".st-key-compare_table tr>:first-child{position:sticky;left:0;z-index:1;min-width:10em;"
    "max-width:14em;background:#f7f8fa;font-weight:600;box-shadow:1px 0 0 rgba(49,51,63,.2)}"
    # The Map's starting points, in a narrow column: wrapped, not cut off with "…".
    ".st-key-home_starts [data-testid='stPageLink'] *{white-space:normal;overflow:visible;"
    "text-overflow:clip;height:auto}"
)


def main() -> None:
    """Draw the frame and run the page the URL names."""
    # A local favicon: a Material icon here would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title="awskg", page_icon=str(UI_DIR / "icon.png"), layout="wide")
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGS else _browser_lang()
    lang = st.session_state["lang"]

    pages = {
        name: st.Page(UI_DIR / f"{name}.py", title=t(key, lang), icon=icon, url_path=name,
                      default=(name == PAGES[0][0]))
        for name, key, icon in PAGES
    }
    page = st.navigation(list(pages.values()), position="top")

    # ``?page=fit`` on the root URL opens that page (hand-written links, README).
    wanted_page = st.query_params.get("page")
    if wanted_page in pages and page is not pages[wanted_page]:
        st.switch_page(pages[wanted_page],
                       query_params={k: v for k, v in st.query_params.items() if k != "page"})

    # Static CSS only (no data): tighten the space under the top navigation, and keep
    # Compare's wide tables readable (names frozen while scrolling sideways, no column so
    # narrow that Japanese wraps one character per line).
    st.html("<style>[data-testid='stMainBlockContainer']{padding-top:3.2rem}" + TABLE_CSS + "</style>")
    head = st.columns([5, 2], vertical_alignment="center")
    head[0].markdown(f"**{t('app.title', lang)}** · {t('app.tagline', lang)}")
    head[1].radio(t("app.language", lang), LANGS, format_func=LANG_NAMES.get, horizontal=True,
                  key="lang", label_visibility="collapsed")
    c.sync_url("lang", st.session_state["lang"])

    try:
        c.get_store()
    except KGError as err:
        st.error(t("app.load_error", lang, error=err))
        st.stop()
    page.run()


if __name__ == "__main__":
    main()
