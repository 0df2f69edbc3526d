"""Compare page: group tables from graph.compare, diff-only, custom selections, downloads."""

from __future__ import annotations


def test_group_table_with_sources_and_downloads(ui):
    at = ui.open_page("compare", params={"group": "inference"})
    assert not at.exception
    assert at.selectbox(key="compare_group__" + _lang(at)).value == "inference"
    df = at.table[0].value
    assert "Serverless Inference" in list(df.index)
    gpu = next(col for col in df.columns if "GPU" in col)
    assert df.loc["Serverless Inference", gpu].startswith("No")
    assert any("[" in v for v in df.loc["Serverless Inference"])  # footnote numbers
    assert "https://docs.aws.amazon.com/" in ui.text_of(at)
    labels = {b.proto.label for b in at.get("download_button")}
    assert labels == {"Download CSV", "Download Markdown"}


def test_group_table_in_japanese(ui):
    at = ui.open_page("compare", lang="ja", params={"group": "inference"})
    df = at.table[0].value
    assert df.index.name == "選択肢"
    assert "サーバーレス推論" in list(df.index)


def test_diff_only_drops_columns(ui):
    full = ui.open_page("compare", params={"group": "inference"})
    n_full = len(full.table[0].value.columns)
    full.toggle(key="compare_diff").set_value(True).run()
    assert not full.exception
    assert len(full.table[0].value.columns) <= n_full
    assert full.query_params["diff"] == "1"


def test_switching_groups_and_custom_selection(ui):
    at = ui.open_page("compare")
    groups = at.selectbox(key="compare_group__" + _lang(at)).options
    assert len(groups) >= 3
    at.selectbox(key="compare_group__" + _lang(at)).set_value("emr").run()
    assert at.query_params["group"] == "emr"
    assert len(at.table[0].value) >= 2
    custom = ui.open_page("compare",
                          params={"items": "kb:serverless-inference,kb:asynchronous-inference"})
    assert custom.selectbox(key="compare_group__" + _lang(at)).value == "custom"
    rows = list(custom.table[0].value.index)
    assert rows == ["Serverless Inference", "Asynchronous Inference"]


def _lang(at):
    """The language the page is shown in (its selectboxes are keyed per language)."""
    return at.radio(key="lang").value
