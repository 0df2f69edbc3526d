"""What a question is about, and which candidates may answer it.

A question names topics in two ways: with topic words ("inference", 「推論」,
"EMR", "training" — the labels of ``awskg:Topic`` concepts) and through the
requirements it states, where a requirement belongs to a topic ("completes within
one minute" is about inference hosting; "minimise cost" belongs to none). A
candidate answers the question only if it shares one of those topics: an EMR
option never answers an inference question, whatever it is assessed on. A topic
named together with its broader one is the more specific reading and replaces it
("deploy a model to edge devices" is about edge deployment, not hosting in
general). When the question names no topic at all, nothing is narrowed.

>>> from graph.store import load_store
>>> from graph.text.analysis import analyse
>>> from graph.reason.recognise import recognise_all
>>> kb = load_store()
>>> a = analyse("cheapest way to run nightly inference")
>>> reqs, _, topics = recognise_all(kb, a)
>>> s = question_scope(kb, a, topics, [h.key for h in reqs])
>>> sorted(str(t).rsplit("/", 1)[-1] for t in s.topics)
['topic-inference-hosting']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.lexicon.read import catalog
from graph.store.base import Store
from graph.store.cache import per_store
from graph.text.analysis import Analysed
from graph.text.gazetteer import Hit

__all__ = ["Scope", "question_scope"]


@dataclass
class Scope:
    """The topics a question is about: topic → the words that named it ("" when a requirement did)."""

    topics: dict[URIRef, str] = field(default_factory=dict)
    labels: dict[URIRef, dict[str, str]] = field(default_factory=dict)
    #: topics named only through a requirement
    via_requirement: set[URIRef] = field(default_factory=set)
    #: recognised requirements set aside: they belong only to topics the question's words do not name
    #: ("within 60 seconds" read as streaming delivery in a question about hosting a model)
    dropped: list[URIRef] = field(default_factory=list)
    #: word-named topics for which the graph has no assessed candidate at all
    uncovered: set[URIRef] = field(default_factory=set)
    #: the topics of each recognised requirement
    requirement_topics: dict[URIRef, set[URIRef]] = field(default_factory=dict)

    @property
    def named(self) -> set[URIRef]:
        """The topics the question's own words name."""
        return set(self.topics) - self.via_requirement

    def admits(self, topics: Iterable[URIRef]) -> bool:
        """Whether a candidate of these topics may answer (always, when no topic was named)."""
        return not self.topics or bool(set(topics) & set(self.topics))

    def names(self, lang: str = "en") -> list[str]:
        """The topics' labels in ``lang``, in the order they were found."""
        out = []
        for t in self.topics:
            labels = self.labels.get(t, {})
            out.append(labels.get(lang) or labels.get("en") or labels.get("ja") or str(t))
        return out

    def to_json(self) -> list[dict]:
        """The ``topics`` list of the JSON contract."""
        return [{"iri": str(t), "label": {"en": self.labels.get(t, {}).get("en", ""),
                                          "ja": self.labels.get(t, {}).get("ja", "")},
                 "matched": words} for t, words in self.topics.items()]


def question_scope(store: Store, a: Analysed, topic_hits: Iterable[Hit],
                   requirements: Iterable[URIRef], requirement_hits: Iterable[Hit] = ()) -> Scope:
    """The scope of a question from its topic words and its recognised requirements.

    When the words name topics, a recognised requirement that belongs only to other
    topics is set aside (``dropped``): the words it matched mean something else here.
    Two guards keep a generic topic word from overruling what the question asks: a
    topic word inside the words of a requirement that has topics ("training" in "compare
    training runs") names no topic of its own, and when *every* requirement that has a topic
    would be set aside, none is (the topic word, not all the requirements, is the
    likelier misreading).
    """
    cat = catalog(store)
    scope = Scope()
    req_hits = list(requirement_hits)
    req_topics = scope.requirement_topics
    reqs = sorted(set(requirements))
    for row in store.select("fit_topics", entity=reqs) if reqs else []:
        if isinstance(row["topic"], URIRef):
            req_topics.setdefault(row["entity"], set()).add(row["topic"])
    for h in topic_hits:
        # A requirement with topics of its own says what its words are about; one with none
        # ("needs a GPU" in "GPU for inference") leaves the topic word its meaning.
        inside = [r for r in req_hits if r.start <= h.start and h.end <= r.end and req_topics.get(r.key)]  # type: ignore[arg-type]
        if inside and not any(h.key in req_topics[r.key] for r in inside):  # type: ignore[index]
            continue
        scope.topics.setdefault(h.key, a.span(h.start, h.end))  # type: ignore[arg-type]
    broader = _broader(store)
    named = set(scope.topics)
    covered = _covered(store)
    # only a named topic the graph covers can overrule a requirement's own topic
    reach = {t for t in named if t in covered}
    reach |= {b for t in reach for b in broader.get(t, ())}
    if reach:
        scope.dropped = [r for r in reqs if req_topics.get(r) and not req_topics[r] & reach]
        if scope.dropped and len(scope.dropped) == sum(1 for r in reqs if req_topics.get(r)):
            scope.dropped = []
    kept = {t for r, ts in req_topics.items() if r not in scope.dropped for t in ts}
    for topic in sorted(kept):  # sorted: stores return rows in different orders
        if topic not in scope.topics:
            scope.topics[topic] = ""
            scope.via_requirement.add(topic)
    for t in [t for t in scope.topics if t not in scope.via_requirement]:
        for b in broader.get(t, ()):
            if b in scope.topics:
                del scope.topics[b]
                scope.via_requirement.discard(b)
    scope.uncovered = {t for t in scope.named if t not in covered}
    for t in scope.topics:
        scope.labels[t] = cat.labels_of(t)
    return scope


@per_store
def _broader(store: Store) -> dict[URIRef, set[URIRef]]:
    """Topic → its broader topics (read once per store)."""
    out: dict[URIRef, set[URIRef]] = {}
    for row in store.select("topic_broader"):
        out.setdefault(row["topic"], set()).add(row["broader"])
    return out


@per_store
def _covered(store: Store) -> set[URIRef]:
    """Topics with at least one assessed candidate (read once per store)."""
    return {row["topic"] for row in store.select("topic_coverage") if isinstance(row["topic"], URIRef)}
