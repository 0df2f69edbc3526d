"""The catalogue ``fit`` matches against: names, classes and a gazetteer, read once from a store.

>>> from graph.store import load_store
>>> cat = build_catalog(lexicon_rows(load_store()))
>>> cat.label(cat.requirements[0], "en") != ""
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.lexicon.names import local_name
from graph.store.base import Store
from graph.text.analysis import normalize
from graph.text.gazetteer import Gazetteer
from ontology import AWSKG

__all__ = ["MENTION_TYPES", "TOPIC_TYPES", "Catalog", "lexicon_rows", "build_catalog"]

_TYPE_ORDER = [AWSKG.Requirement, AWSKG.Solution, AWSKG.Capability, AWSKG.Service, AWSKG.Parameter,
               AWSKG.Topic]


MENTION_TYPES = {AWSKG.Capability, AWSKG.Service}
#: Classes whose names tell what a question is about (they narrow the candidates).
TOPIC_TYPES = {AWSKG.Topic}


@dataclass
class Catalog:
    """What matching needs from a store, read once: names, classes, a gazetteer.

    This one holds everything in memory; :class:`graph.lexicon.index.IndexedCatalog`
    answers the same methods from an index file kept next to a persistent store.
    """

    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    names: dict[URIRef, list[tuple[str, str]]] = field(default_factory=dict)  # (label, lang)
    types: dict[URIRef, URIRef] = field(default_factory=dict)
    gazetteer: Gazetteer | None = None  # requirements + capability/service mentions
    vocabulary: set[str] = field(default_factory=set)
    extra: dict[str, object] = field(default_factory=dict)  # caches of answer/drill
    _requirements: list[URIRef] | None = None

    def label(self, iri: URIRef, lang: str = "en") -> str:
        """Display label in ``lang`` (falls back to the other language, then the IRI)."""
        labels = self.labels_of(iri)
        return labels.get(lang) or labels.get("en") or labels.get("ja") or local_name(iri)

    def labels_of(self, iri: URIRef) -> dict[str, str]:
        """Preferred labels by language tag."""
        return self.labels.get(iri, {})

    def type_of(self, iri: object) -> URIRef | None:
        """The class matching uses for ``iri`` (requirement before solution before …)."""
        return self.types.get(iri)  # type: ignore[call-overload]

    def names_of(self, iri: URIRef) -> list[tuple[str, str]]:
        """Every name of ``iri`` as (text, language)."""
        return self.names.get(iri, [])

    def of_type(self, typ: URIRef) -> list[URIRef]:
        """Every entity of that class, sorted."""
        return sorted(i for i, t in self.types.items() if t == typ)

    @property
    def requirements(self) -> list[URIRef]:
        """Every requirement, sorted."""
        if self._requirements is None:
            self._requirements = self.of_type(AWSKG.Requirement)
        return self._requirements

    def is_requirement(self, iri: URIRef) -> bool:
        """Whether ``iri`` is a requirement."""
        return self.type_of(iri) == AWSKG.Requirement

    def requirement_names(self) -> Iterable[tuple[URIRef, str, str]]:
        """(requirement, name, language) for every name of every requirement."""
        for iri in self.requirements:
            for text, lang in self.names_of(iri):
                yield iri, text, lang

    def requirement_named(self, key: str) -> URIRef | None:
        """The first requirement with a name that normalises to ``key``."""
        for iri, text, _lang in self.requirement_names():
            if normalize(text) == key:
                return iri
        return None

    def verdicts(self, requirements: Iterable[URIRef]) -> list[tuple[URIRef, URIRef, URIRef, str]] | None:
        """``fit_verdicts`` rows for these requirements if this catalogue keeps them, else ``None``."""
        return None


def lexicon_rows(store: Store) -> Iterable[tuple[URIRef, URIRef, str, str, str]]:
    """(entity, class, name, language, kind) for every name ``fit_lexicon`` returns."""
    for row in store.select("fit_lexicon"):
        iri, label = row["entity"], row["label"]
        if isinstance(iri, URIRef) and label is not None:
            yield (iri, row["type"], str(label), getattr(label, "language", None) or "",
                   str(row["kind"]))


def build_catalog(rows: Iterable[tuple[URIRef, URIRef, str, str, str]]) -> Catalog:
    """A :class:`Catalog` in memory from :func:`lexicon_rows`.

    Rows are sorted first: stores return them in different orders, and the order
    of names decides ties between equally good matches.
    """
    cat = Catalog()
    rank = {t: i for i, t in enumerate(_TYPE_ORDER)}
    kinds = {"pref": 0, "alt": 1, "api": 2}
    for iri, typ, label, lang, kind in sorted(rows, key=lambda r: (r[0], kinds.get(r[4], 3),
                                                                   r[3], r[2], r[1])):
        old = cat.types.get(iri)
        if old is None or rank.get(typ, 99) < rank.get(old, 99):
            cat.types[iri] = typ
        if kind == "pref":
            cat.labels.setdefault(iri, {})[lang] = label
        cat.names.setdefault(iri, []).append((label, lang))
    entries = [(iri, text) for iri, names in cat.names.items()
               if cat.types[iri] == AWSKG.Requirement or cat.types[iri] in MENTION_TYPES | TOPIC_TYPES
               for text, _ in names]
    cat.gazetteer = Gazetteer(entries)
    cat.vocabulary = cat.gazetteer.vocabulary()
    return cat
