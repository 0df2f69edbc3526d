"""The exam's outline as study mode reads it: domains, task statements, Anki tags.

>>> from graph.store import load_store
>>> ex = exam_outline(load_store())
>>> d3 = ex.domain_by_number("3")
>>> d3.notation, d3.label("en").startswith("Domain 3")
('3', True)
>>> sorted(t.notation for t in ex.tasks_of(d3.iri))
['3.1', '3.2', '3.3']
>>> ex.tag(ex.task_by_notation("3.1").iri)
'mla-c01::domain-3::task-3-1'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from graph.errors import UsageError
from graph.store.base import Store
from graph.store.cache import per_store

__all__ = ["Concept", "ExamOutline", "exam_outline", "subjects_of"]


@dataclass(eq=False)
class Concept:
    """A domain or a task statement: notation ("3" or "3.1"), labels, its domain."""

    iri: URIRef
    kind: str
    notation: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    domain: URIRef | None = None

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language, else the notation."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or self.notation


@dataclass
class ExamOutline:
    """Domains and task statements by IRI, in notation order."""

    domains: dict[URIRef, Concept]
    tasks: dict[URIRef, Concept]

    def tasks_of(self, domain: URIRef) -> list[Concept]:
        """The task statements of ``domain``, by notation."""
        return [t for t in self.tasks.values() if t.domain == domain]

    def domain_of(self, task: URIRef) -> Concept | None:
        """The domain of a task statement (or the domain itself)."""
        if task in self.domains:
            return self.domains[task]
        t = self.tasks.get(task)
        return self.domains.get(t.domain) if t and t.domain else None

    def domain_by_number(self, number: str | int) -> Concept:
        """A domain by its number (``3``, ``d3``, ``domain-3``); one clear error otherwise."""
        key = str(number).strip().lower().removeprefix("domain").removeprefix("-").removeprefix("d").strip()
        for d in self.domains.values():
            if d.notation == key:
                return d
        known = ", ".join(d.notation for d in self.domains.values()) or "none"
        raise UsageError(f"no exam domain {str(number)[:20]!r} (the domains are {known})")

    def task_by_notation(self, notation: str) -> Concept | None:
        """A task statement by its notation (``3.1``)."""
        return next((t for t in self.tasks.values() if t.notation == notation), None)

    def tag(self, task: URIRef) -> str:
        """The Anki tag of a task statement: ``mla-c01::domain-3::task-3-1``."""
        t = self.tasks.get(task)
        d = self.domain_of(task)
        if t is None or d is None:
            return f"mla-c01::domain-{d.notation}" if d else "mla-c01"
        return f"mla-c01::domain-{d.notation}::task-{t.notation.replace('.', '-')}"


def _order(c: Concept) -> tuple:
    return tuple(int(p) if p.isdigit() else 10**6 for p in c.notation.split(".")) or (10**6,)


@per_store
def exam_outline(store: Store) -> ExamOutline:
    """The domains and task statements of the graph's exam scheme (one query, cached per store)."""
    found: dict[URIRef, Concept] = {}
    for r in store.select("study_exam"):
        c = found.setdefault(r["concept"], Concept(r["concept"], str(r["kind"])))
        if r["domain"] is not None:
            c.domain = r["domain"]
        if r["notation"] is not None:
            c.notation = str(r["notation"])
        if r["label"] is not None:
            c.labels[getattr(r["label"], "language", None) or "en"] = str(r["label"])
    ordered = sorted(found.values(), key=_order)
    return ExamOutline({c.iri: c for c in ordered if c.kind == "domain"},
                       {c.iri: c for c in ordered if c.kind == "task"})


def subjects_of(store: Store, entities: list[URIRef]) -> dict[URIRef, list[URIRef]]:
    """The task statements each entity is tagged with (``dcterms:subject``), sorted; an entity
    with none gets those its topics are related to (``awskg:topic`` → ``skos:related``).

    >>> from graph.store import load_store
    >>> from ontology import KB
    >>> [str(t).rsplit("/", 1)[1] for t in subjects_of(load_store(), [KB["scenario-13"]])[KB["scenario-13"]]]
    ['mla-c01-t3-1']
    """
    found: dict[str, dict[URIRef, set[URIRef]]] = {"subject": {}, "topic": {}}
    if entities:
        for r in store.select("study_subjects", entity=list(entities)):
            found[str(r["via"])].setdefault(r["entity"], set()).add(r["task"])
    return {e: sorted(found["subject"].get(e) or found["topic"].get(e) or ()) for e in entities}
