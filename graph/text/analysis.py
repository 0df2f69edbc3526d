"""Text handling for matching what learners type (ja, en or mixed) against KB labels.

The same analysis runs over a label and over a query, so both meet in one form:

* Unicode: NFKC (full/half width), case folding, control characters dropped,
  katakana long-vowel marks and middle dots ignored (サーバー = サーバ).
* Japanese without spaces: text is cut into script runs (kanji, katakana,
  hiragana, Latin, digits). Hiragana is grammar in almost every label, so a
  label's content is its kanji/katakana/Latin/number runs, and a kanji unit is
  found as a substring of the query (毎晩 in 毎晩推論) — conjugation endings
  never have to match (抑えたい, 抑える, 抑えて all keep 抑).
* Loanwords: a katakana run made entirely of known loanwords becomes those
  English words (サーバーレスエンドポイント → serverless endpoint), so a mixed
  query meets labels in either language.
* English: hyphens and spaces inside compounds join (real-time = real time =
  realtime), a light stemmer folds inflections and British spelling
  (minimise = minimizing), number words become digits, typos are tolerated by
  rapidfuzz on words of five letters or more (serverles inferance).

A Japanese morphological analyser (janome, sudachipy) was not needed: labels are
short and their units are matched as substrings, which is what a tokenizer
would buy here, without a dictionary download or a 50 MB dependency.

>>> [u.form for u in phrase_units("コストを抑えたい")]
['cost', '抑']
>>> [u.form for u in phrase_units("Minimise the cost")]
['minimiz', 'cost']
>>> analyse("ｻｰﾊﾞｰﾚｽ推論").text
'サバレス推論'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "FUNCTION_EN", "Token", "Analysed", "Unit", "analyse", "normalize", "phrase_units", "stem",
    "MAX_QUERY_CHARS", "is_stop_unit", "STOPWORDS_EN", "FUZZY_CUTOFF", "FUZZY_MIN_LEN",
]

#: Longer input is cut here (a pasted exam question is 1–2 KB); the caller says so.
MAX_QUERY_CHARS = 10_000

_DROP = {"ー", "〜", "~"}  # long-vowel mark and wave dash carry no meaning for matching
_SPACE = {"・", "･", "／", "/", "　"}
_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "sixty": "60", "hundred": "100",
}
#: Spelling variants and abbreviations (normalisation, not paraphrase: those live in the KB).
_VARIANTS = {
    "min": "minute", "mins": "minute", "sec": "second", "secs": "second", "hr": "hour",
    "hrs": "hour", "ms": "millisecond", "msec": "millisecond", "async": "asynchronous",
    "infra": "infrastructure", "config": "configuration", "gpus": "gpu", "ml": "ml",
}

#: Grammar words: no meaning of their own, so they may sit between a label's words.
FUNCTION_EN = frozenset("""
a an the of to in on at for by with from into onto as and or but if then than so that this these
those it its is are was were be been being am do does did done have has had having i we you they he
she me us our ours your my their them his her which what who whom whose when where why how can could
would should shall will may might must also very really just there here about over via per
""".split())

#: Framing words: never a unit of a label that has other words, never "not understood".
STOPWORDS_EN = FUNCTION_EN | frozenset("""
need needs needed want wants wanted like please some any each every all both either such use used
using make let get got lot lots way ways best good better option options answer question following
most more service services solution solutions aws amazon choose select pick recommend suitable
appropriate requirement requirements meet meets scenario company team engineer ml kind type
something thing things
""".split())

#: Japanese content runs that frame a question rather than state a need.
STOPUNITS_JA = frozenset("""
場合 必要 方法 要件 最適 選択 使用 利用 適切 可能 機能 対応 実現 満 選 使 何 問題 質問 回答 答
会社 企業 チーム 以下 次 番 最 良 方 事 物 者 為 様 等 中 上 下 時 点 目的 用途 構成 設定 実装
サビス ソリュション シナリオ ベスト エンジニア アプロチ
""".split())

#: Katakana loanwords common in AWS/ML writing → the English word (general vocabulary).
LOANWORDS_RAW = """
サーバーレス:serverless サーバー:server サーバ:server リアルタイム:realtime エンドポイント:endpoint
バッチ:batch コスト:cost モデル:model データ:data ストリーミング:streaming ストリーム:stream
レイテンシ:latency レイテンシー:latency スケール:scale スケーリング:scaling オートスケーリング:autoscaling
オート:auto インスタンス:instance クラスタ:cluster クラスター:cluster ノード:node スポット:spot
オンデマンド:ondemand タスク:task コア:core プライマリ:primary マスター:master パイプライン:pipeline
ワークフロー:workflow レジストリ:registry バージョン:version ロールバック:rollback ガバナンス:governance
コンプライアンス:compliance モニター:monitor モニタ:monitor モニタリング:monitoring ドリフト:drift
バイアス:bias パフォーマンス:performance ファインチューニング:finetuning チューニング:tuning
ファイン:fine ジョブ:job キャッシュ:cache ペイロード:payload メモリ:memory メモリー:memory ゼロ:zero
バッファ:buffer バッファー:buffer バッファリング:buffering コンシューマー:consumer コンシューマ:consumer
ファンアウト:fanout レコード:record ローコード:lowcode ノーコード:nocode アカウント:account
カタログ:catalog セントラル:central リソース:resource ポリシー:policy アクセス:access ラベル:label
リネージ:lineage リネージュ:lineage トラッキング:tracking トラック:track トレーニング:training
デプロイ:deploy デプロイメント:deployment コンテナ:container コンテナー:container イメージ:image
アラーム:alarm メトリクス:metrics スケジュール:schedule ファイル:file シンク:sync クエリ:query
ダッシュボード:dashboard ニア:near セキュリティ:security プロビジョン:provision コンカレンシー:concurrency
マルチ:multi シングル:single ホスト:host ホスティング:hosting オフライン:offline オンライン:online
アノマリー:anomaly アノマリ:anomaly グラフ:graph レポート:report ルール:rule ストレージ:storage
プロンプト:prompt ラムダ:lambda エクスペリメント:experiment レジストリー:registry グループ:group グルー:glue
イベント:event トリガー:trigger フィーチャー:feature フィーチャ:feature ストア:store
エクスプレイナビリティ:explainability ラベリング:labeling アプリケーション:application
ガードレール:guardrail カナリア:canary ブルー:blue グリーン:green トラフィック:traffic テキスト:text
イメージング:imaging ビジュアライゼーション:visualization スクリプト:script インフラ:infrastructure
ネットワーク:network ペタバイト:petabyte テラバイト:terabyte ギガバイト:gigabyte メガバイト:megabyte
ハイパーパラメータ:hyperparameter ハイパー:hyper パラメータ:parameter
パラメーター:parameter ヒューマン:human レビュー:review アプルーバル:approval ステータス:status
"""


def _fold(ch: str) -> str:
    """One character as matched: NFKC, case-folded, noise removed."""
    if ch in _DROP:
        return ""
    if ch in _SPACE:
        return " "
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
        return " "
    out = unicodedata.normalize("NFKC", ch).casefold()
    out = "".join("" if c in _DROP else " " if c in _SPACE else c for c in out)
    return out.translate(_KANJI_DIGITS).replace("ヴ", "ブ")


_fold_cached = functools.lru_cache(maxsize=8192)(_fold)


@dataclass
class Token:
    """A run of one script in the normalised text.

    ``kind``: ``w`` Latin word (``form`` is its stem), ``n`` number, ``k`` kanji,
    ``t`` katakana (not loanwords), ``h`` hiragana. Loanwords become ``w`` tokens
    over their katakana span.
    """

    kind: str
    form: str
    surface: str
    start: int
    end: int


@dataclass
class Analysed:
    """Normalised text, its tokens and a map back to the original characters."""

    original: str
    text: str
    index: list[int]
    tokens: list[Token] = field(default_factory=list)
    truncated: bool = False

    def span(self, start: int, end: int) -> str:
        """The original text behind normalised positions ``start``–``end``.

        >>> a = analyse("毎晩ｻｰﾊﾞｰﾚｽで")
        >>> a.span(2, 6)
        'ｻｰﾊﾞｰﾚｽ'
        """
        if start >= end or not self.index:
            return ""
        lo = self.index[start]
        hi = self.index[end] if end < len(self.index) else len(self.original)
        # extend over characters dropped at the end (e.g. a final long-vowel mark)
        while hi < len(self.original) and _fold_cached(self.original[hi]) == "":
            hi += 1
        return self.original[lo:hi].strip()


def normalize(text: str) -> str:
    """Width, case, spacing and noise folded; what equality of names means here.

    >>> normalize("  ＳｅｒｖｅｒＬｅｓｓ　\\x00エンドポイント ")
    'serverless エンドポイント'
    """
    text = unicodedata.normalize("NFKC", text)  # whole-string NFKC composes ﾊﾞ into バ
    return " ".join("".join(_fold_cached(c) for c in text).split())


_RUN = re.compile(
    r"(?P<w>[a-z0-9]+(?:['’][a-z]+)?(?:[-_.][a-z0-9]+)*)"
    r"|(?P<k>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ]+)"
    r"|(?P<t>[\u30a1-\u30fa\u30fd-\u30ff]+)"
    r"|(?P<h>[\u3041-\u3096ゝゞ]+)"
)
_NUM_UNIT = re.compile(r"(\d+(?:\.\d+)?)([a-z]+)")


def stem(word: str) -> str:
    """A light English stemmer: enough to fold inflections both sides share.

    >>> [stem(w) for w in ["minimise", "minimizing", "cheapest", "nightly", "approved", "approval"]]
    ['minimiz', 'minimiz', 'cheap', 'night', 'approv', 'approv']
    >>> [stem(w) for w in ["automation", "automated", "models", "losing", "lose", "deployment"]]
    ['automat', 'automat', 'model', 'los', 'los', 'deploy']
    """
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    for a, b in (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("ises", "izes"),
                 ("ise", "ize"), ("ysing", "yzing"), ("ysed", "yzed"), ("yse", "yze")):
        if w.endswith(a) and len(w) - len(a) >= 3:
            w = w[: -len(a)] + b
            break
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suf, keep, rest in (("ization", "iz", 3), ("ation", "at", 3), ("tion", "t", 3),
                            ("ment", "", 4), ("able", "", 3), ("ing", "", 3), ("ed", "", 3),
                            ("est", "", 4), ("er", "", 3), ("ly", "", 4), ("al", "", 4)):
        if w.endswith(suf) and len(w) - len(suf) >= rest:
            w = w[: -len(suf)] + keep
            if suf in ("ing", "ed", "est", "er") and len(w) >= 4 and w[-1] == w[-2] \
                    and w[-1] not in "lsaeiou":
                w = w[:-1]
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


@functools.lru_cache(maxsize=1)
def _loanwords() -> dict[str, str]:
    out = {}
    for pair in LOANWORDS_RAW.split():
        kata, _, en = pair.partition(":")
        out[normalize(kata)] = en
    return out


@functools.lru_cache(maxsize=4096)
def _segment_katakana(run: str) -> tuple[tuple[int, int, str], ...] | None:
    """Split a katakana run into loanwords, or None unless the whole run is covered."""
    table = _loanwords()
    longest = max(map(len, table))
    best: list[tuple[tuple[int, int, str], ...] | None] = [None] * (len(run) + 1)
    best[0] = ()
    for i in range(len(run)):
        if best[i] is None:
            continue
        for j in range(min(len(run), i + longest), i, -1):
            en = table.get(run[i:j])
            if en is not None and (best[j] is None or len(best[j]) > len(best[i]) + 1):
                best[j] = best[i] + ((i, j, en),)
    return best[len(run)]


def _word_tokens(surface: str, start: int, end: int) -> list[Token]:
    if re.fullmatch(r"\d+(?:\.\d+)?", surface):
        return [Token("n", surface, surface, start, end)]
    joined = re.sub(r"[-_.]", "", surface.replace("’", "'"))
    m = _NUM_UNIT.fullmatch(joined)
    if m:  # "1min", "60s", "4mb": a number and its unit
        unit = _VARIANTS.get(m.group(2), m.group(2))
        cut = start + len(m.group(1))
        return [Token("n", m.group(1), m.group(1), start, cut), Token("w", stem(unit), unit, cut, end)]
    if "'" in joined:
        if joined.endswith("n't") and len(joined) > 3:  # don't → do + not: the negation stays a word
            return _word_tokens(joined[:-3], start, end - 3) + [Token("w", "not", "not", end - 3, end)]
        joined = joined.split("'")[0] if joined.endswith("'s") else joined.replace("'", "")
    joined = _NUMBER_WORDS.get(joined, joined)
    if joined.isdigit():
        return [Token("n", joined, joined, start, end)]
    joined = _VARIANTS.get(joined, joined)
    return [Token("w", stem(joined), joined, start, end)]


def analyse(text: str, *, limit: int = MAX_QUERY_CHARS) -> Analysed:
    """Normalise ``text`` and cut it into tokens, remembering original positions.

    >>> [(t.kind, t.form) for t in analyse("推論は毎晩1回、serverlessで").tokens]
    [('k', '推論'), ('h', 'は'), ('k', '毎晩'), ('n', '1'), ('k', '回'), ('w', 'serverless'), ('h', 'で')]
    >>> [(t.kind, t.form) for t in analyse("リアルタイムエンドポイント").tokens]
    [('w', 'realtim'), ('w', 'endpoint')]
    """
    truncated = len(text) > limit
    if truncated:
        text = text[:limit]
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_cached(ch)
        if folded and unicodedata.combining(folded[0]):
            # a separate (half-width) voicing mark joins the kana before it: ﾊﾞ → バ
            if chars:
                both = unicodedata.normalize("NFC", chars[-1] + folded[0])
                if len(both) == 1:
                    chars[-1] = both
            folded = folded[1:]
        for c in folded:
            chars.append(c)
            index.append(i)
    norm = "".join(chars)
    out = Analysed(text, norm, index, truncated=truncated)
    for m in _RUN.finditer(norm):
        kind, s, e = m.lastgroup or "", m.start(), m.end()
        surface = m.group()
        if kind == "w":
            out.tokens.extend(_word_tokens(surface, s, e))
        elif kind == "t":
            pieces = _segment_katakana(surface)
            if pieces:
                out.tokens.extend(Token("w", stem(en), en, s + a, s + b) for a, b, en in pieces)
            else:
                out.tokens.append(Token("t", surface, surface, s, e))
        else:
            out.tokens.append(Token(kind, surface, surface, s, e))
    return out


@dataclass(frozen=True)
class Unit:
    """One content unit of a label: what must be found in a query for the label to match."""

    kind: str  # "w", "n", "k" or "t" as in Token
    form: str
    surface: str = field(default="", compare=False)


def is_stop_unit(token: Token) -> bool:
    """Whether a token only frames a question ("which service", 「場合」).

    >>> is_stop_unit(analyse("which").tokens[0]), is_stop_unit(analyse("nightly").tokens[0])
    (True, False)
    """
    if token.kind == "w":
        return token.surface in STOPWORDS_EN or token.form in STOPWORDS_EN
    if token.kind in ("k", "t"):
        return token.form in STOPUNITS_JA
    return token.kind == "h"


@functools.lru_cache(maxsize=16384)
def phrase_units(label: str) -> tuple[Unit, ...]:
    """The content units of a label, in order, without duplicates.

    Grammar words are dropped when anything else remains. Hiragana is grammar
    (particles, inflections) except at the start of a label, where it is an
    adverb that changes the meaning (ほぼリアルタイム is not リアルタイム); a label
    made only of hiragana keeps its hiragana.

    >>> [u.form for u in phrase_units("1日1回の実行")]
    ['1', '日', '回', '実行']
    >>> [u.form for u in phrase_units("no data loss")]
    ['no', 'data', 'loss']
    >>> [u.form for u in phrase_units("やすく")], [u.form for u in phrase_units("ほぼリアルタイム")]
    (['やすく'], ['ほぼ', 'realtim'])
    """
    tokens = analyse(label).tokens
    # A label's author chose its words: only grammar words and Japanese framing runs go.
    content = [t for i, t in enumerate(tokens)
               if (t.surface not in FUNCTION_EN if t.kind == "w" else not is_stop_unit(t))
               or (i == 0 and t.kind == "h" and len(t.form) > 1 and len(tokens) > 1)]
    if not content:
        content = [t for t in tokens if t.kind != "h"] or tokens
    units: list[Unit] = []
    for t in content:
        u = Unit(t.kind, t.form, t.surface)
        if u not in units:
            units.append(u)
    return tuple(units)


#: Typo tolerance: rapidfuzz ratio for words of at least FUZZY_MIN_LEN letters.
FUZZY_CUTOFF = 85.0
FUZZY_MIN_LEN = 5
