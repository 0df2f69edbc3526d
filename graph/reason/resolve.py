"""Find entities by name in either language, or by IRI, with did-you-mean.

>>> from graph.store import load_store
>>> kb = load_store()
>>> str(resolve(kb, "サーバーレス推論"))
'https://w3id.org/awskg/id/serverless-inference'
>>> str(resolve(kb, "serverless inference")) == str(resolve(kb, "kb:serverless-inference"))
True
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rdflib import URIRef

from graph.errors import UsageError
from graph.lexicon.names import label_of, norm
from graph.lexicon.read import lexicon
from graph.store.base import Store
from ontology import AWSKG, KB, PREFIXES

__all__ = ["Match", "search", "resolve"]


@dataclass
class Match:
    """An entity found by a search, with its labels and how well it matched."""

    iri: URIRef
    labels: dict[str, str]
    type: URIRef | None
    score: float
    matched: str = ""

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language, else the IRI's last part."""
        return label_of(self.labels, self.iri, lang)


def _expand(text: str) -> URIRef | None:
    t = text.strip()
    if t.startswith("<") and t.endswith(">"):
        t = t[1:-1]
    if t.startswith(("http://", "https://")):
        return URIRef(t)
    prefix, sep, local = t.partition(":")
    if sep and prefix in PREFIXES and local and " " not in local:
        return URIRef(PREFIXES[prefix] + local)
    return None


#: Longer text is no entity's name: refused at once instead of fuzzy-matched for seconds.
MAX_NAME_CHARS = 500


def search(
    store: Store, text: str, *, limit: int = 20, types: set[URIRef] | None = None
) -> list[Match]:
    """Entities whose names match ``text`` (exact, prefix, substring, fuzzy), best first.

    >>> from graph.store import load_store
    >>> [m.label("en") for m in search(load_store(), "serverles inferance", limit=1)]
    ['Serverless Inference']
    """
    q = norm(text[:MAX_NAME_CHARS])
    if not q:
        return []
    lex = lexicon(store)
    best: dict[URIRef, Match] = {}
    own: set[URIRef] = set()  # found by the start of their own name, not a synonym's
    raw: dict[URIRef, float] = {}  # unclamped fuzzy score: breaks ties among the clamped

    def offer(iri: URIRef, score: float, matched: str) -> None:
        if types and lex.types.get(iri) not in types:
            return
        if iri not in best or best[iri].score < score:
            best[iri] = Match(iri, lex.labels.get(iri, {}), lex.types.get(iri), score, matched)

    iri = _expand(text)
    if iri is not None and iri in lex.types:
        offer(iri, 101.0, str(iri))
    for found in lex.exact.get(q, []):
        # An entity's own name beats another entity's synonym that happens to be equal.
        offer(found, 100.0 if (q, found) in lex.preferred else 98.0, text)
    for name, (found, original) in zip(lex.names, lex.entries):
        if name.startswith(q):
            offer(found, 95.0 - min(len(name) - len(q), 20) * 0.1, original)
            if (name, found) in lex.preferred:
                own.add(found)
        elif q in name:
            offer(found, 90.0 - min(len(name) - len(q), 20) * 0.1, original)
    if len(best) < limit:
        scorer = fuzz.WRatio if len(q) > 3 else fuzz.ratio
        # every name above the cutoff, then a fixed order: stores list names in different orders,
        # and a cut among equal scores must not depend on it
        hits = process.extract(q, lex.names, scorer=scorer, limit=None, score_cutoff=70)
        for name, score, idx in sorted(hits, key=lambda h: (-h[1], h[0], h[2]))[: limit * 3]:
            found, original = lex.entries[idx]
            offer(found, min(float(score), 89.0), original)
            raw[found] = max(raw.get(found, 0.0), float(score))
        if " " not in q and len(q) >= 4:
            # A misspelt word is compared with each word of a name ("monitr" ~ "monitor" of
            # "Model Monitor"), which a whole-name ratio scores below longer names.
            words = lex.words()
            for word, score, _ in sorted(process.extract(q, list(words), scorer=fuzz.ratio,
                                                         limit=None, score_cutoff=80),
                                         key=lambda h: (-h[1], h[0]))[:limit]:
                for idx in words[word]:
                    found, original = lex.entries[idx]
                    # the more the name says besides this word, the less it is what was typed
                    rest = len(lex.names[idx]) - len(word)
                    offer(found, min(float(score), 89.0) - min(15.0, 0.5 * rest), original)

    def order(m: Match) -> tuple:
        # Exact and prefix matches by score; a fuzzy match (< 90) only in bands of 5, inside
        # which what a learner most likely means comes first.
        band = round(m.score) if m.score >= 90 else int(m.score // 5) * 5
        return (-band, m.iri not in own, _PREFERENCE.get(m.type, 9), -m.score,
                -raw.get(m.iri, 0.0), m.label("en").casefold(), str(m.iri))

    return sorted(best.values(), key=order)[:limit]


#: Among equally good matches, what a learner most likely means: a service or capability,
#: then a requirement or solution, then parameters and settings, topics and groups last.
_PREFERENCE = {AWSKG.Service: 0, AWSKG.Capability: 0, AWSKG.Requirement: 1, AWSKG.Solution: 2,
               AWSKG.Scenario: 2, AWSKG.Setting: 3, AWSKG.Parameter: 3, AWSKG.Topic: 5,
               AWSKG.ComparisonGroup: 5}


def resolve(store: Store, text: str) -> URIRef:
    """The one entity ``text`` names (IRI, ``kb:slug`` or a label in ja/en).

    Raises :class:`UsageError` with did-you-mean suggestions in both languages.
    """
    if not text or not text.strip():
        raise UsageError("an entity name or IRI is required")
    if len(text) > MAX_NAME_CHARS:
        raise UsageError(f"a name or IRI is at most {MAX_NAME_CHARS:,} characters (got {len(text):,})")
    iri = _expand(text)
    if iri is not None:
        if iri in lexicon(store).types or store.ask("entity_exists", entity=iri):
            return iri
        raise UsageError(f"no entity {iri} in the graph", _suggest(store, text))
    matches = search(store, text, limit=8)
    if matches and matches[0].score >= 95 and (
        len(matches) == 1 or matches[1].score < matches[0].score
    ):
        return matches[0].iri
    raise UsageError(f"unknown entity {text.strip()[:80]!r}", _suggest(store, text, matches))


#: A did-you-mean needs this search score (0–101): "Clarity" → SageMaker Clarify (85.7) is offered,
#: "Nope" → "Start from a pre-trained model" (77, through "open model") is not.
SUGGEST_FLOOR = 80.0


def _suggest(store: Store, text: str, matches: list[Match] | None = None) -> list[str]:
    matches = matches if matches is not None else search(store, text, limit=8)
    return [f"{m.label('en')} / {m.label('ja')}  ({_short(m.iri)})" for m in matches
            if m.score >= SUGGEST_FLOOR]


def _short(iri: URIRef) -> str:
    s = str(iri)
    return "kb:" + s[len(str(KB)):] if s.startswith(str(KB)) else s
