"""Verdict cues in a reason's wording, in Japanese and English, negation-aware.

A reason says an option fits (「最適」, 「要件を満たす」, "ideal"), does not
(「適していません」, 「高コスト」, "not suitable"), fits in part (「部分的に」,
"partially"), or nothing. Words that only say what a tool is *for* (「追跡するのに
適しています」, 「複数のモデルをホストする場合に有効」, "useful for") describe the
tool, not the scenario, and count as nothing. In a sentence with a contrast
(「〜ですが、〜」, "but", "however") the clause after it decides.

>>> cue("非同期推論はバッチ処理向けであり、即時性が求められるワークロードには適していません。")
'does-not-fit'
>>> cue("使用頻度が低い推論ワークロードに最適であり、要件に完全に適しています。")
'fits'
>>> cue("データドリフトを監視するのに有効ですが、バイアスドリフトには直接的には対応していません。")
'does-not-fit'
>>> cue("It is not suitable for real-time traffic."), cue("This is the most cost-effective choice.")
('does-not-fit', 'fits')
>>> cue("SageMaker Experiments は、ML の実験管理や比較に役立つツール") is None
True
"""

from __future__ import annotations

import re

__all__ = ["VERDICTS", "cue", "cues_of"]

VERDICTS = ("fits", "partial", "does-not-fit")

_NEGATIVE = [
    r"適していません", r"適してない", r"適さない", r"適しません", r"向いていません", r"向いてない", r"向かない",
    r"不向き", r"不適", r"満たしません", r"満たさない", r"満たせません", r"満たせない", r"対応していません",
    r"対応できません", r"対応していない", r"備わっていません", r"備えていません", r"できません", r"できない",
    r"高コスト", r"コストが高く", r"コストが高い", r"コストがかか(?:る|ります)", r"割高", r"ではありません",
    r"ユースケースではない", r"使えません", r"使えない", r"誤り", r"不正解", r"非効率", r"過剰",
    r"\bnot (?:suitable|suited|ideal|appropriate|designed|meant|a good fit|the right|recommended|cost[- ]effective)",
    r"\b(?:does|do|did|will|would|can)(?: not|n['’]t) (?:meet|satisfy|fit|work|support|scale|provide|handle|"
    r"detect|offer|help)", r"\bcannot\b", r"\bcan['’]t\b", r"\bunsuitable\b", r"\binappropriate\b",
    r"\b(?:too|more|very|unnecessarily) (?:expensive|costly|slow)\b", r"\bexpensive\b", r"\bcostly\b",
    r"\bhigh(?:er)? cost\b", r"\bwrong\b", r"\bincorrect\b", r"\boverkill\b", r"\blacks?\b",
    r"\bis not (?:a|an|the)\b", r"\bisn['’]t\b", r"\baren['’]t\b",
]
_POSITIVE = [
    r"最適", r"要件に[^。]{0,10}?適して", r"(?:完全|十分)に適して", r"適しています", r"適している",
    r"満たすことができ", r"満たします", r"満たせます", r"満たす", r"対応できます", r"十分に対応", r"実現(?:します|でき)",
    r"コスト効率が(?:高|良|よ)い", r"コスト効率に優れ", r"優れています", r"推奨", r"ベストプラクティス", r"正解",
    r"効率的に行え", r"保証できます", r"可能にし", r"可能です", r"できます",
    r"\bideal\b", r"\bbest\b", r"\bmeets?\b", r"\bsatisf(?:y|ies)\b", r"\bsuitable\b", r"\bwell[- ]suited\b",
    r"\bsuited\b", r"\bcost[- ]effective\b", r"\brecommended\b", r"\bcorrect\b", r"\bthe right (?:choice|option)\b",
    r"\bfits\b", r"\bworks well\b", r"\bcheapest\b", r"\blowest cost\b",
]
_PARTIAL = [r"部分的", r"ある程度", r"一部(?:の|だけ|のみ)", r"条件付き", r"限定的", r"\bpartial(?:ly)?\b",
            r"\bwith (?:limits|limitations|caveats)\b", r"\bto some extent\b", r"\bin part\b"]
# What a tool is *for*, not a verdict on the scenario (checked on the text just before a positive cue).
_PURPOSE_BEFORE = re.compile(r"(?:のに|ために|場合に|場合は|用途に|向けに|には|の目的に)\s*$|"
                             r"\b(?:for|when|if)\b[^.,;]{0,40}$", re.IGNORECASE)
_CONTRAST = re.compile(r"(?:ですが|ますが|だが|けれど(?:も)?|しかし|一方で?|ただし|ものの)[、,]?|"
                       r"\b(?:but|however|although|though|yet|whereas)\b", re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|never|isn['’]t|aren['’]t|no longer)\s+(?:\w+\s+){0,1}$", re.IGNORECASE)
_NEED_NEGATED = re.compile(r"必要としません|必要ありません|不要です|\bno (?:extra|additional) \w+ (?:is )?needed\b", re.IGNORECASE)

_NEG = [re.compile(p, re.IGNORECASE) for p in _NEGATIVE]
_POS = [re.compile(p, re.IGNORECASE) for p in _POSITIVE]
_PART = [re.compile(p, re.IGNORECASE) for p in _PARTIAL]


def _spans(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for p in patterns:
        for m in p.finditer(text):
            if not any(s <= m.start() < e for s, e in out):
                out.append((m.start(), m.end()))
    return out


def cues_of(text: str) -> list[str]:
    """Every verdict cue in ``text``, in order (one sentence or clause at a time)."""
    found: list[tuple[int, str]] = []
    text = _NEED_NEGATED.sub(" ", text)  # 「追加のツールを必要としません」 is not a negative verdict
    neg = _spans(_NEG, text)
    for s, _e in neg:
        found.append((s, "does-not-fit"))
    for s, e in _spans(_PART, text):
        found.append((s, "partial"))
    for s, e in _spans(_POS, text):
        if any(ns <= s < ne or s <= ns < e for ns, ne in neg):
            continue  # 「適していません」 also contains 「適して」
        before = text[max(0, s - 48):s]
        if _NOT_BEFORE.search(before):
            found.append((s, "does-not-fit"))
        elif not _PURPOSE_BEFORE.search(before):
            found.append((s, "fits"))
    return [v for _s, v in sorted(found)]


def cue(text: str) -> str | None:
    """The verdict one reason gives, or ``None`` when it gives none or its cues disagree.

    With a contrast the last clause decides; otherwise disagreeing cues give ``None``.
    """
    parts = [p for p in _CONTRAST.split(text) if p and p.strip()]
    for part in reversed(parts):
        found = set(cues_of(part))
        if not found:
            continue
        if found == {"fits"}:
            return "fits"
        if "partial" in found and "does-not-fit" not in found:
            return "partial"
        if found == {"does-not-fit"}:
            return "does-not-fit"
        if len(parts) > 1:
            return "partial" if "partial" in found else "does-not-fit"
        return None
    return None
