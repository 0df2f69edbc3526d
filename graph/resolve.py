"""Find entities by name in either language, or by IRI, with did-you-mean.

>>> from graph.store import load_store
>>> kb = load_store()
>>> str(resolve(kb, "サーバーレス推論"))
'https://w3id.org/awskg/id/serverless-inference'
>>> str(resolve(kb, "serverless inference")) == str(resolve(kb, "kb:serverless-inference"))
True
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import SKOS
from rapidfuzz import fuzz, process

from ontology import AWSKG, KB, PREFIXES

from .cache import per_store
from .errors import UsageError
from .store import Store

__all__ = ["Match", "Lexicon", "lexicon", "build_lexicon", "search", "resolve", "label_of", "norm"]

#: Which class to report when an entity has several (most specific first).
TYPE_ORDER = [
    AWSKG.Correction, AWSKG.Constraint, AWSKG.Fact, AWSKG.Scenario, AWSKG.Solution,
    AWSKG.Requirement, AWSKG.Setting, AWSKG.Parameter, AWSKG.Capability, AWSKG.Service,
    AWSKG.Step, AWSKG.NoteSection, AWSKG.ComparisonGroup, AWSKG.Assessment, AWSKG.Document,
    SKOS.Concept, SKOS.ConceptScheme,
]


def norm(text: str) -> str:
    """Fold width, case and spacing so that ｓｅｒｖｅｒｌｅｓｓ == Serverless.

    >>> norm("  Ｓｅｒｖｅｒｌｅｓｓ   Inference ")
    'serverless inference'
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


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


def label_of(labels: dict[str, str], iri: URIRef, lang: str = "en") -> str:
    """Pick a display label: the language asked for, then en, ja, any.

    >>> label_of({"ja": "推論"}, URIRef("http://x/a"), "en")
    '推論'
    >>> label_of({}, URIRef("http://x/some-thing"), "en")
    'some-thing'
    """
    for key in (lang, "en", "ja", ""):
        if labels.get(key):
            return labels[key]
    return str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@dataclass
class Lexicon:
    """All names of all typed entities, normalised once per store."""

    names: list[str] = field(default_factory=list)  # normalised name per entry
    entries: list[tuple[URIRef, str]] = field(default_factory=list)  # (iri, original)
    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    types: dict[URIRef, URIRef] = field(default_factory=dict)
    exact: dict[str, list[URIRef]] = field(default_factory=dict)
    preferred: set[tuple[str, URIRef]] = field(default_factory=set)  # (name, iri) of prefLabels


@per_store
def lexicon(store: Store) -> Lexicon:
    """The store's lexicon, built with one query and cached per store object.

    A persistent store reads it from its index file (:mod:`graph.nameindex`) instead.

    >>> from graph.store import load_store
    >>> kb = load_store()
    >>> lexicon(kb) is lexicon(kb), lexicon(kb).types[KB["sagemaker"]] == AWSKG.Service
    (True, True)
    """
    from .nameindex import stored_lexicon

    found = stored_lexicon(store)
    return found if found is not None else build_lexicon(store)


def build_lexicon(store: Store) -> Lexicon:
    """Read every searchable name of ``store`` (the ``lexicon`` query) into a :class:`Lexicon`."""
    lex = Lexicon()
    rank = {t: i for i, t in enumerate(TYPE_ORDER)}
    rows = store.select("lexicon")
    for row in rows:
        iri, typ = row["entity"], row["type"]
        if typ is not None and isinstance(iri, URIRef):
            old = lex.types.get(iri)
            if old is None or rank.get(typ, 99) < rank.get(old, 99):
                lex.types[iri] = typ
    for row in rows:
        iri, label, kind = row["entity"], row["label"], str(row["kind"])
        # Only entities of our classes are searchable (not the vocabulary's own terms).
        if label is None or iri not in lex.types:
            continue
        text = str(label)
        if kind == "pref" or (kind == "label" and not lex.labels.get(iri, {}).get(label.language or "")):
            lex.labels.setdefault(iri, {})[label.language or ""] = text
        key = norm(text)
        if key:
            if kind == "pref":
                lex.preferred.add((key, iri))
            known = lex.exact.setdefault(key, [])
            if iri not in known:
                known.append(iri)
                lex.names.append(key)
                lex.entries.append((iri, text))
    return lex


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


def search(
    store: Store, text: str, *, limit: int = 20, types: set[URIRef] | None = None
) -> list[Match]:
    """Entities whose names match ``text`` (exact, prefix, substring, fuzzy), best first.

    >>> from graph.store import load_store
    >>> [m.label("en") for m in search(load_store(), "serverles inferance", limit=1)]
    ['Serverless Inference']
    """
    q = norm(text)
    if not q:
        return []
    lex = lexicon(store)
    best: dict[URIRef, Match] = {}

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
        elif q in name:
            offer(found, 90.0 - min(len(name) - len(q), 20) * 0.1, original)
    if len(best) < limit:
        scorer = fuzz.WRatio if len(q) > 3 else fuzz.ratio
        for name, score, idx in process.extract(q, lex.names, scorer=scorer, limit=limit * 3):
            if score >= 70:
                found, original = lex.entries[idx]
                offer(found, min(float(score), 89.0), original)
    ranked = sorted(best.values(), key=lambda m: (-m.score, m.label("en").casefold()))
    return ranked[:limit]


def resolve(store: Store, text: str) -> URIRef:
    """The one entity ``text`` names (IRI, ``kb:slug`` or a label in ja/en).

    Raises :class:`UsageError` with did-you-mean suggestions in both languages.
    """
    if not text or not text.strip():
        raise UsageError("an entity name or IRI is required")
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


def _suggest(store: Store, text: str, matches: list[Match] | None = None) -> list[str]:
    matches = matches if matches is not None else search(store, text, limit=8)
    return [f"{m.label('en')} / {m.label('ja')}  ({_short(m.iri)})" for m in matches]


def _short(iri: URIRef) -> str:
    s = str(iri)
    return "kb:" + s[len(str(KB)):] if s.startswith(str(KB)) else s
