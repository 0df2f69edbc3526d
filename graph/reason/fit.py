""""Which service fits this requirement?": recognise requirements, rank what fits, say why.

1. The store's names (requirements, capabilities, services, solutions) come from one
   named query, ``fit_lexicon``, cached per store object (:func:`catalog`).
2. The query text is matched in Python (:mod:`graph.text`, :mod:`graph.text.gazetteer`).
   User text never reaches SPARQL: only the IRIs of recognised requirements do,
   as rdflib terms in a ``VALUES`` block.
3. One ``fit_assessments`` query fetches every assessment of those requirements.
   Each result's reasons *are* its assessments; the score is computed from them:
   per requirement fits = 1, partial = ½, does-not-fit or not assessed = 0,
   weighted by how surely the requirement was recognised. A subject's verdict is
   the worst over the recognised requirements it was assessed on. Results are
   all ``fits`` (score descending), then ``partial``, then ``does-not-fit``.

>>> from graph.store import load_store
>>> r = fit(load_store(), "毎晩")
>>> [q.matched for q in r.requirements]
['毎晩']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.errors import UsageError
from graph.lexicon.catalog import Catalog
from graph.lexicon.names import local_name
from graph.lexicon.read import catalog
from graph.reason.assess import (
    VERDICT_RANK,
    Correction,
    Reason,
    Result,
    assess,
    corrections,
    source_id,
)
from graph.reason.recognise import negated as is_negated
from graph.reason.recognise import recognise, recognise_all
from graph.reason.scope import Scope, question_scope
from graph.store.base import Store
from graph.text.analysis import Analysed, analyse, is_stop_unit, normalize
from graph.text.gazetteer import Hit
from ontology import KB

__all__ = ["Correction", "Reason", "Result",
           "Recognised", "FitResult", "fit", "recognise", "assess", "corrections",
           "resolve_requirement", "source_id", "VERDICT_RANK"]


# ---------------------------------------------------------------- results


@dataclass
class Recognised:
    """A requirement found in the text (or given explicitly), with the words that matched."""

    iri: URIRef
    labels: dict[str, str]
    matched: str
    score: float = 1.0
    explicit: bool = False
    label_matched: str = ""

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or local_name(self.iri)


@dataclass
class FitResult:
    """Everything ``awskg fit`` shows; :meth:`to_json_dict` is the JSON contract."""

    query: str
    requirements: list[Recognised] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    unknown_words: list[str] = field(default_factory=list)
    suggestions: list[tuple[URIRef, dict[str, str]]] = field(default_factory=list)
    mentions: list[tuple[URIRef, dict[str, str], str]] = field(default_factory=list)
    #: requirements the text says it does not need ("no GPU needed"): left out of the ranking
    negated: list[tuple[URIRef, dict[str, str], str]] = field(default_factory=list)
    #: what the question is about; candidates of other topics are left out (counted in off_topic)
    scope: Scope = field(default_factory=Scope)
    off_topic: int = 0
    #: requirements recognised but set aside: they belong to topics the question does not name
    elsewhere: list[Recognised] = field(default_factory=list)
    truncated: bool = False
    total: int = 0

    def message(self, lang: str = "en") -> str:
        """One helpful paragraph in ``lang``: what was understood, what was not, what to try."""
        ja = lang == "ja"
        sep = "、" if ja else ", "
        parts: list[str] = []
        if not self.requirements:
            parts.append("要件を認識できませんでした。" if ja else "No requirement recognised.")
            if self.mentions:
                names = sep.join(_pick(m[1], lang) for m in self.mentions[:5])
                parts.append(f"言及されたもの: {names}。要件（例: 低コスト、毎晩 1 回）も書いてください。" if ja else
                             f"Mentioned: {names}; add what you need (e.g. low cost, once a night).")
            if self.suggestions:
                names = sep.join(_pick(labels, lang) for _, labels in self.suggestions)
                parts.append(f"近い既知の要件: {names}" if ja else f"Known requirements close to your words: {names}.")
        else:
            names = sep.join(f"{r.label(lang)}「{r.matched}」" if ja else f"{r.label(lang)} ('{r.matched}')"
                             for r in self.requirements)
            parts.append(f"認識した要件: {names}。" if ja else f"Recognised: {names}.")
            if self.unknown_words:
                words = sep.join(self.unknown_words[:12])
                parts.append(f"理解できなかった語: {words}。" if ja else f"Not understood: {words}.")
            if not self.total and self.scope.topics:
                about = sep.join(self.scope.names(lang))
                parts.append(f"この質問のトピック（{about}）について、これらの要件で評価された選択肢は知識グラフにありません"
                             f"（未対応）。" if ja else
                             f"This question is about {about}: the knowledge graph has no option on that topic "
                             f"assessed against these requirements (not covered).")
                if self.off_topic:
                    parts.append(f"他のトピックの選択肢 {self.off_topic} 件は除外しました。" if ja else
                                 f"{self.off_topic} option(s) of other topics were left out.")
            elif not self.total:
                parts.append("これらの要件で評価された選択肢は知識グラフにありません。" if ja else
                             "No option in the knowledge graph is assessed against these requirements.")
            elif len(self.results) < self.total:
                parts.append(f"{self.total} 件中 {len(self.results)} 件を表示。" if ja else
                             f"Showing {len(self.results)} of {self.total} options.")
        if self.scope.topics and (self.total or not self.requirements):
            about = sep.join(self.scope.names(lang))
            parts.append(f"トピック: {about}。" if ja else f"About: {about}.")
        if self.negated:
            names = sep.join(_pick(n[1], lang) for n in self.negated)
            parts.append(f"不要とされた要件（順位に使わない）: {names}。" if ja else
                         f"Left out as not needed: {names}.")
        if self.elsewhere:
            names = sep.join(r.label(lang) for r in self.elsewhere)
            parts.append(f"別のトピックの意味に読めるため使わなかった要件: {names}。" if ja else
                         f"Set aside as belonging to another topic than the question's: {names}.")
        if self.truncated:
            parts.append("入力が長いため先頭 10,000 文字だけを読みました。" if ja else
                         "The text is long: only its first 10,000 characters were read.")
        return " ".join(parts)

    def to_json_dict(self, lang: str = "en") -> dict:
        """The object ``awskg fit --json`` prints (see DESIGN.md)."""
        return {
            "query": self.query,
            "message": self.message(lang),
            "requirements": [{"iri": str(r.iri),
                              "label": {"en": r.labels.get("en", ""), "ja": r.labels.get("ja", "")},
                              "matched": r.matched} for r in self.requirements],
            "topics": self.scope.to_json(),
            "negated": [{"iri": str(i), "label": {"en": labels.get("en", ""), "ja": labels.get("ja", "")},
                         "matched": words} for i, labels, words in self.negated],
            "results": [r.to_json() for r in self.results],
        }


def _pick(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get("en") or labels.get("ja") or ""


def _okurigana(a: Analysed, end: int) -> int:
    """Extend a span ending in kanji over its inflection (コストを抑 → コストを抑えたい)."""
    before = [t for t in a.tokens if t.end == end]
    if not before or before[-1].kind != "k" or len(before[-1].form) != 1:
        return end  # only a lone kanji is a verb or adjective stem; 分以内 + に is not
    for t in a.tokens:
        if t.start == end and t.kind == "h":
            return min(t.end, end + 4)
    return end


def _unknown_words(a: Analysed, hits: list[Hit], vocab: set[str]) -> list[str]:
    """Content words no hit covers and no capability/service name uses."""
    out: list[str] = []
    for t in a.tokens:
        if t.kind not in ("w", "k", "t") or is_stop_unit(t):
            continue
        if any(h.start <= t.start and t.end <= h.end for h in hits):
            continue
        if t.form in vocab or (t.kind == "k" and any(len(v) > 1 and v in t.form for v in vocab)):
            continue
        if len(t.surface) < (3 if t.kind == "w" else 2):
            continue  # a lone kanji (終 of 終わる) or a short word says too little to report
        word = a.span(t.start, t.end)
        if word and word not in out:
            out.append(word)
    return out


#: How close (rapidfuzz partial ratio, 0–100) a requirement's name must be to be suggested:
#: "cheapst" → "cheapest" (86) is; "hello world" → "automate the ml workflow" (64) is not.
SUGGEST_FLOOR = 75.0


def _suggest(cat: Catalog, a: Analysed, limit: int = 5,
             exclude: Iterable[URIRef] = ()) -> list[tuple[URIRef, dict[str, str]]]:
    """Requirements whose names are close to the text (never used as results); none when none is close.

    >>> from graph.store import load_store
    >>> _suggest(catalog(load_store()), analyse("hello world"))
    []
    """
    from rapidfuzz import fuzz, process

    ja = any(t.kind in ("k", "t", "h") for t in a.tokens)
    skip = set(exclude)
    choices, keys = [], []
    for iri, text, lang in cat.requirement_names():
        if (lang == "ja") == ja and iri not in skip:
            choices.append(normalize(text))
            keys.append(iri)
    out: list[URIRef] = []
    query = normalize(a.text)
    for _, score, i in process.extract(query, choices, scorer=fuzz.partial_ratio, limit=60):
        if score < SUGGEST_FLOOR:
            break
        if keys[i] not in out:
            out.append(keys[i])
        if len(out) == limit:
            break
    return [(iri, cat.labels_of(iri)) for iri in out]


def resolve_requirement(store: Store, text: str) -> URIRef:
    """A requirement named by IRI, ``kb:slug``, bare slug or a label (either language).

    >>> from graph.store import load_store
    >>> kb = load_store()
    >>> resolve_requirement(kb, "req-minimize-cost") == resolve_requirement(kb, "低コスト")
    True
    """
    cat = catalog(store)
    t = (text or "").strip()
    if not t:
        raise UsageError("--require needs a requirement IRI or label")
    candidates = [t, t.strip("<>")]
    if ":" in t and not t.startswith("http"):
        candidates.append(str(KB) + t.split(":", 1)[1])
    candidates.append(str(KB) + t)
    for c in candidates:
        if cat.is_requirement(URIRef(c)):
            return URIRef(c)
    named = cat.requirement_named(normalize(t))
    if named is not None:
        return named
    reqs, _ = recognise(store, analyse(t))
    if len({h.key for h in reqs}) == 1:
        return reqs[0].key  # type: ignore[return-value]
    hint = [f"{_pick(labels, 'en')} / {_pick(labels, 'ja')}  (kb:{local_name(iri)})"
            for iri, labels in _suggest(cat, analyse(t))]
    raise UsageError(f"unknown requirement {t[:80]!r}", hint)


# ---------------------------------------------------------------- fit


def fit(store: Store, text: str | None, *, require: Iterable[str] = (), top: int | None = None) -> FitResult:
    """Recognise the requirements in ``text`` (plus explicit ``require``), rank what fits.

    Raises :class:`UsageError` for empty or unusable input (nothing but spaces,
    control characters or punctuation) when no requirement is given explicitly.

    >>> from graph.store import load_store
    >>> r = fit(load_store(), "nightly inference, under a minute, cheapest")
    >>> r.results[0].verdict, len(r.requirements)
    ('fits', 3)
    >>> fit(load_store(), "   ")
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: the requirement text is empty
    """
    text = text or ""
    explicit = [resolve_requirement(store, r) for r in require]
    a = analyse(text)
    if not any(t.kind in ("w", "n", "k", "t", "h") for t in a.tokens) and not explicit:
        raise UsageError("the requirement text is empty" if not a.text.strip()
                         else "the text has no words to match (only punctuation or symbols)")
    if top is not None and top < 1:
        raise UsageError("--top must be at least 1")
    cat = catalog(store)
    req_hits, mention_hits, topic_hits = recognise_all(store, a)
    negated = [h for h in req_hits if is_negated(a, h, cat.names_of(h.key))]  # type: ignore[arg-type]
    req_hits = [h for h in req_hits if h not in negated]
    found: dict[URIRef, Recognised] = {}
    for iri, given in zip(explicit, require):
        found.setdefault(iri, Recognised(iri, cat.labels_of(iri), str(given).strip(), 1.0, True))
    for h in req_hits:
        iri = h.key  # type: ignore[assignment]
        if iri not in found:
            found[iri] = Recognised(iri, cat.labels_of(iri), a.span(h.start, _okurigana(a, h.end)),
                                    h.score, label_matched=h.label)
    out = FitResult(text, list(found.values()), truncated=a.truncated)
    out.negated = [(h.key, cat.labels_of(h.key), a.span(h.start, h.end)) for h in negated  # type: ignore[misc]
                   if h.key not in found]
    out.mentions = [(h.key, cat.labels_of(h.key), a.span(h.start, h.end)) for h in mention_hits]  # type: ignore[misc]
    out.scope = question_scope(store, a, topic_hits, found, req_hits)
    for iri in out.scope.dropped:
        if iri in found and not found[iri].explicit:
            out.elsewhere.append(found.pop(iri))
    out.requirements = list(found.values())
    if not found:
        out.suggestions = _suggest(cat, a, exclude=[h.key for h in negated])  # type: ignore[misc]
        return out
    out.unknown_words = _unknown_words(a, req_hits + mention_hits + topic_hits, cat.vocabulary)
    weights = {r.iri: r.score for r in out.requirements}
    skipped: list[URIRef] = []
    ranked = assess(store, weights, mentioned=[m[0] for m in out.mentions],
                    verdicts=cat.verdicts(weights), admits=out.scope.admits, skipped=skipped)
    kept = [r for r in ranked if out.scope.admits(r.topics)]
    out.off_topic = len(skipped) + len(ranked) - len(kept)
    ranked = kept
    out.total = len(ranked)
    out.results = ranked[:top] if top else ranked
    return out
