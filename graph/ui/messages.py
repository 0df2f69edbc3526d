"""The query console's refusals and limits in the reader's language.

The gate and the stores raise one-line English messages (the CLI prints them as they are);
the app shows a Japanese page in Japanese. Each pattern names one message; its groups (a
line, a column, a limit) are kept. A message no pattern knows is shown as it is, after a
Japanese lead-in, so nothing is hidden.

>>> translate("SPARQL syntax error at line 2, column 7", "ja")
'SPARQL の構文エラー（2 行目 7 列目）'
>>> translate("the query did not finish within 10 s and was stopped", "ja")
'クエリが 10 秒以内に終わらなかったため停止しました'
>>> translate("the query is empty", "en")
'the query is empty'
"""

from __future__ import annotations

import re

__all__ = ["translate"]

_JA: list[tuple[str, str]] = [
    (r"the query is empty", "クエリが空です"),
    (r"the query is longer than ([\d,]+) characters", "クエリが長すぎます（最大 {0} 文字）"),
    (r"SERVICE \(federated queries\) is not allowed", "SERVICE（外部エンドポイントへの連携クエリ）は使えません"),
    (r"only SELECT, ASK, CONSTRUCT and DESCRIBE queries are allowed",
     "使えるのは SELECT・ASK・CONSTRUCT・DESCRIBE のクエリだけです（更新はできません）"),
    (r"SPARQL syntax error at line (\d+), column (\d+)", "SPARQL の構文エラー（{0} 行目 {1} 列目）"),
    (r"SPARQL syntax error: (.*)", "SPARQL の構文エラー: {0}"),
    (r"SPARQL error: (.*)", "SPARQL のエラー: {0}"),
    (r"invalid codepoint escape (.*)", "無効なコードポイントのエスケープ {0}"),
    (r"a codepoint escape spells another one .*", "別のエスケープを表すコードポイントのエスケープ（\\u…）はコンソールでは使えません"),
    (r"invalid escape in a string at character (\d+)", "{0} 文字目: 文字列の中の無効なエスケープ"),
    (r"a line break inside a short string at character (\d+)", "{0} 文字目: 短い文字列の中に改行があります"),
    (r"a string that starts at character (\d+) never ends", "{0} 文字目から始まる文字列が閉じていません"),
    (r"control character (U\+[0-9A-F]{1,6}) at character (\d+)", "{1} 文字目に制御文字 {0} があります"),
    (r"a stray backslash at character (\d+)", "{0} 文字目に余分なバックスラッシュがあります"),
    (r"the query did not finish within ([\d.]+) s and was stopped",
     "クエリが {0} 秒以内に終わらなかったため停止しました"),
    (r"the query did not finish within ([\d.]+) s", "クエリが {0} 秒以内に終わりませんでした"),
    (r"the query needed more than (\d+) MB and was stopped", "クエリが {0} MB を超えるメモリを使ったため停止しました"),
    (r"the query failed: (.*)", "クエリが失敗しました: {0}"),
]
_COMPILED = [(re.compile(p + r"\.?"), text) for p, text in _JA]


def translate(message: str, lang: str) -> str:
    """``message`` (one of the console's English messages) in ``lang``."""
    if lang != "ja":
        return message
    for pattern, text in _COMPILED:
        m = pattern.fullmatch(message.strip())
        if m:
            return text.format(*m.groups())
    return message
