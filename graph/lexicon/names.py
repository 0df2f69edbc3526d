"""Names of entities: display labels, IRI local names, verdict spellings, the search lexicon.

>>> label_of({"ja": "推論"}, URIRef("http://x/a"), "en")
'推論'
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from graph.store.base import Store
from ontology import AWSKG

__all__ = ["TYPE_ORDER", "VERDICTS", "norm", "label_of", "local_name", "verdict_name", "Lexicon",
           "build_lexicon"]

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
    _words: dict[str, list[int]] | None = field(default=None, repr=False, compare=False)

    def words(self) -> dict[str, list[int]]:
        """Each word of a name (≥ 4 characters) → the entries whose name has it (built once).

        >>> lex = Lexicon(names=["model monitor", "monitor"], entries=[(URIRef("x:a"), ""), (URIRef("x:b"), "")])
        >>> lex.words()["monitor"]
        [0, 1]
        """
        if self._words is None:
            words: dict[str, list[int]] = {}
            for i, name in enumerate(self.names):
                for word in dict.fromkeys(name.split()):
                    if len(word) >= 4:
                        words.setdefault(word, []).append(i)
            self._words = words
        return self._words


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


VERDICTS = {AWSKG.fits: "fits", AWSKG.partial: "partial", AWSKG.doesNotFit: "does-not-fit"}


def verdict_name(iri: Node | None) -> str:
    """``awskg:fits`` → ``"fits"`` (the JSON contract's spelling).

    >>> verdict_name(AWSKG.doesNotFit)
    'does-not-fit'
    """
    return VERDICTS.get(iri, local_name(iri) if iri is not None else "")


def local_name(iri: Node) -> str:
    """Last segment of an IRI.

    >>> local_name(AWSKG.Solution)
    'Solution'
    """
    return str(iri).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
