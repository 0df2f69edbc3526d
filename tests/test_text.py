"""Text handling: normalisation, Japanese runs, loanwords, stemming, typos, and label matching."""

from __future__ import annotations

import pytest

from graph.text import Gazetteer, analyse, normalize
from graph.text.analysis import MAX_QUERY_CHARS, phrase_units, stem


def forms(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.form) for t in analyse(text).tokens]


@pytest.mark.parametrize("a, b", [
    ("Ｓｅｒｖｅｒｌｅｓｓ　ＩＮＦＥＲＥＮＣＥ", "serverless inference"),
    ("ｻｰﾊﾞｰﾚｽ推論", "サーバーレス推論"),
    ("サーバレス", "サーバーレス"),                 # long-vowel mark is optional in katakana
    ("バイアス・ドリフト", "バイアス ドリフト"),
    ("一分以内", "1分以内"),                         # kanji digits
    ("serverless\x00\x1b inference\u200b", "serverless inference"),
])
def test_normalisation_folds_width_case_noise(a, b):
    assert normalize(a) == normalize(b)


def test_positions_map_back_to_the_original_text():
    a = analyse("毎晩ｻｰﾊﾞｰﾚｽで推論")
    loan = next(t for t in a.tokens if t.form == "serverless")
    assert a.span(loan.start, loan.end) == "ｻｰﾊﾞｰﾚｽ"
    kanji = [t for t in a.tokens if t.kind == "k"]
    assert [a.span(t.start, t.end) for t in kanji] == ["毎晩", "推論"]


def test_japanese_without_spaces_is_cut_into_script_runs():
    assert forms("推論は毎晩1回") == [("k", "推論"), ("h", "は"), ("k", "毎晩"), ("n", "1"), ("k", "回")]


def test_katakana_loanwords_become_english_only_when_fully_covered():
    assert forms("マルチモデルエンドポイント") == [("w", "multi"), ("w", "model"), ("w", "endpoint")]
    # スコア must not become "ス" + "core": an unknown word stays as it is
    assert forms("スコア") == [("t", "スコア")]


@pytest.mark.parametrize("words", [
    ("minimise", "minimize", "minimizing", "minimization"),
    ("cheap", "cheaper", "cheapest", "cheaply"),
    ("automate", "automated", "automation"),
    ("approve", "approved", "approval"),
    ("model", "models"),
    ("monitor", "monitoring", "monitored"),
])
def test_stemmer_folds_inflections(words):
    assert len({stem(w) for w in words}) == 1


def test_stemmer_keeps_different_words_apart():
    assert stem("loss") != stem("lose") and stem("cost") != stem("cast")


def test_numbers_units_and_compounds():
    assert forms("1min") == [("n", "1"), ("w", stem("minute"))]
    assert forms("one minute") == forms("1 minute")
    assert forms("real-time") == forms("realtime")
    assert forms("3.5 GB")[0] == ("n", "3.5")


def test_label_units_drop_grammar_words_but_keep_negation_and_leading_adverbs():
    assert [u.form for u in phrase_units("no data loss")] == ["no", "data", "loss"]
    assert [u.form for u in phrase_units("the cost of the model")] == ["cost", "model"]
    assert [u.form for u in phrase_units("コストを抑えたい")] == ["cost", "抑"]
    assert [u.form for u in phrase_units("ほぼリアルタイム")][0] == "ほぼ"


# ---------------------------------------------------------------- the gazetteer

G = Gazetteer([
    ("cost", "minimise cost"), ("cost", "コストを抑える"), ("cost", "安い"),
    ("night", "毎晩"), ("night", "nightly"),
    ("multi", "複数のモデル"),
    ("srv", "Serverless Inference"),
    ("bias", "bias drift"),
    ("rt", "リアルタイム"), ("nrt", "ほぼリアルタイム"), ("cap", "リアルタイム推論"),
])


def keys(text: str) -> set:
    return {h.key for h in G.find(analyse(text))}


@pytest.mark.parametrize("text, expected", [
    ("we must minimize the overall cost", {"cost"}),          # order-free, inflected, one word between
    ("cost, minimised", {"cost"}),
    ("コストはなるべく抑えたい", {"cost"}),                  # conjugation ending does not matter
    ("安くしたい", {"cost"}),
    ("毎晩推論を実行", {"night"}),                            # a word inside a longer kanji run
    ("serverles inferance", {"srv"}),                          # typos in long words
    ("bais drift", {"bias"}),                                  # two swapped letters in a short word
])
def test_labels_are_found_in_paraphrases(text, expected):
    assert keys(text) >= expected


@pytest.mark.parametrize("text, absent", [
    ("クラスタの安定性", "cost"),              # 安 of 安定 is not 安い
    ("複数の AWS アカウントで使えるモデル", "multi"),  # too many words between 複数 and モデル
    ("cast drift", "bias"),                  # a one-letter change of a short word is another word
    ("minimize latency; the cost center pays", "cost"),
])
def test_labels_are_not_found_in_unrelated_text(text, absent):
    assert absent not in keys(text)


def test_long_input_is_cut_and_says_so():
    a = analyse("nightly " * (MAX_QUERY_CHARS // 4))
    assert a.truncated and len(a.original) == MAX_QUERY_CHARS
    assert keys("nightly " * (MAX_QUERY_CHARS // 4)) == {"night"}
