"""Import page: paste notes, review what was drafted, accept; nothing written before that."""

from __future__ import annotations

NOTES = """## 21.

- SageMaker Batch Transform を使用して、毎週データセット全体に推論を実行する。
  - データセット全体を定期的に処理する要件に最適です。
- リアルタイムエンドポイントを使用する。
  - 常時稼働のため高コストになり、要件を満たしません。
"""


def test_paste_review_and_accept(ui, tmp_path, monkeypatch):
    user = tmp_path / "user"
    monkeypatch.setenv("AWSKG_USER_DATA", str(user))
    for lang, word in (("en", "Import your notes"), ("ja", "自分のノートを取り込む")):
        at = ui.open_page("importer", lang=lang)
        assert word in ui.text_of(at)
    at = ui.open_page("importer", lang="en")
    at.text_area(key="imp.text").input(NOTES).run()
    assert not at.exception, at.exception
    text = ui.text_of(at)
    assert [e.label for e in at.expander][0].startswith("§21")
    assert "draft — from your notes, not reviewed" in text
    assert at.selectbox(key="imp.21.0.verdict").value == "fits"
    assert at.selectbox(key="imp.21.1.verdict").value == "does-not-fit"
    assert not user.exists()  # nothing written while reviewing
    at.selectbox(key="imp.21.1.verdict").set_value("partial")
    at.text_input(key="imp.21.0.other").input("Batch Transform every week")
    at.button[0].click().run()  # Accept
    assert not at.exception, at.exception
    assert "Accepted §21" in ui.text_of(at)
    saved = (user / "kb" / "accepted" / "note-21.ttl").read_text(encoding="utf-8")
    assert "Batch Transform every week" in saved and "awskg:partial" in saved and '"draft"' not in saved
    assert not (user / "kb" / "drafts" / "note-21.ttl").exists()
    assert (user / "notes").is_dir()


def test_bad_paste_is_a_clear_message(ui, tmp_path, monkeypatch):
    monkeypatch.setenv("AWSKG_USER_DATA", str(tmp_path / "user"))
    at = ui.open_page("importer", lang="ja")
    at.text_area(key="imp.text").input("just text, no sections").run()
    assert not at.exception
    assert any("'## N.'" in e.value for e in at.error)
