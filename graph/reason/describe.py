"""Everything the graph says about one entity, with the source of each statement.

>>> from graph.store import load_store
>>> from ontology import KB
>>> kb = load_store()
>>> d = describe(kb, KB["serverless-inference"])
>>> d.label("ja")
'サーバーレス推論'
>>> any(f.kind == "Constraint" for f in d.facts)
True
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.lexicon.names import TYPE_ORDER, label_of, local_name, verdict_name
from graph.reason.badges import badges_for
from graph.store.base import Row, Store
from graph.store.cache import per_store
from ontology import AWSKG

__all__ = [
    "MAX_ASSESSMENTS",
    "section_assessments",
    "Source",
    "Statement",
    "AssessmentInfo",
    "CorrectionInfo",
    "Link",
    "EntityDetails",
    "describe",
    "sources_for",
    "statements",
    "predicate_labels",
]

#: The LIMIT of describe_assessments.rq: a hub requirement shows its first assessments
#: (fits first) and how many there are in all.
MAX_ASSESSMENTS = 300

_STATEMENT_LINKS = {AWSKG.subject, AWSKG.requirement, AWSKG.about, AWSKG.corrects, AWSKG.valueOf}


@dataclass
class Source:
    """A note section or a document that backs a statement."""

    iri: URIRef
    kind: str  # "note" or "doc"
    title: str = ""
    checked: str = ""
    section: int | None = None
    lines: tuple[int, int] | None = None
    file: str = ""

    @property
    def id(self) -> str:
        """``note:13`` for a note section, the URL for a document."""
        return f"note:{self.section}" if self.kind == "note" else str(self.iri)

    def describe(self, lang: str = "en") -> str:
        """One line for a footnote or a tooltip.

        >>> Source(URIRef("https://x"), "note", section=13, lines=(20, 41)).describe()
        'note §13, lines 20–41'
        """
        if self.kind == "note":
            where = f", lines {self.lines[0]}–{self.lines[1]}" if self.lines else ""
            if lang == "ja":
                where = f"、{self.lines[0]}–{self.lines[1]} 行" if self.lines else ""
                return f"ノート §{self.section}{where}"
            return f"note §{self.section}{where}"
        checked = f" (checked {self.checked})" if self.checked and lang != "ja" else (
            f"（{self.checked} 確認）" if self.checked else "")
        return f"{self.title or self.iri} — {self.iri}{checked}"


@dataclass
class Statement:
    """A fact, constraint or step: text in both languages and its sources."""

    iri: URIRef
    kind: str
    text: dict[str, str]
    sources: list[Source] = field(default_factory=list)
    detail: str = ""
    corrections: list[URIRef] = field(default_factory=list)


@dataclass
class AssessmentInfo:
    """A verdict of a subject against a requirement, why, and from where."""

    iri: URIRef
    subject: URIRef
    subject_labels: dict[str, str]
    requirement: URIRef
    requirement_labels: dict[str, str]
    verdict: str
    rationale: dict[str, str]
    sources: list[Source] = field(default_factory=list)
    corrections: list[URIRef] = field(default_factory=list)


@dataclass
class CorrectionInfo:
    """Where the notes are wrong or outdated."""

    iri: URIRef
    labels: dict[str, str]
    note_says: dict[str, str]
    sources_say: dict[str, str]
    verdict: dict[str, str]
    sources: list[Source] = field(default_factory=list)


@dataclass
class Link:
    """An edge to or from another entity, with the predicate's labels."""

    predicate: URIRef
    predicate_labels: dict[str, str]
    target: URIRef
    target_labels: dict[str, str]
    target_type: URIRef | None
    direction: str  # "out" or "in"


@dataclass
class EntityDetails:
    """What ``awskg show`` prints and the app's details panel draws."""

    iri: URIRef
    type: URIRef | None
    types: list[URIRef]
    labels: dict[str, str]
    alt_labels: dict[str, list[str]]
    description: dict[str, str]
    literals: list[tuple[URIRef, dict[str, str], str]]
    links: list[Link]
    facts: list[Statement]
    assessments: list[AssessmentInfo]
    corrections: list[CorrectionInfo]
    sources: list[Source]
    assessments_total: int = 0  # more than len(assessments) when a hub's list was cut
    #: "draft" and availability badges (JSON form, see graph.reason.badges), its own and those of what it uses
    badges: list[dict] = field(default_factory=list)

    def label(self, lang: str = "en") -> str:
        """Display label in ``lang``."""
        return label_of(self.labels, self.iri, lang)


def _by_lang(values: Iterable[Node]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        if isinstance(v, Literal):
            out.setdefault(v.language or "", str(v))
    if "" in out:
        out.setdefault("en", out[""])
    return out


_TYPE_RANK = {t: i for i, t in enumerate(TYPE_ORDER)}


def labels_and_types(
    store: Store, nodes: Iterable[URIRef]
) -> tuple[dict[URIRef, dict[str, str]], dict[URIRef, URIRef]]:
    """Labels by language and the most specific class of each node: one bounded query.

    Views and details use this instead of the whole-store lexicon, so their cost
    follows what is shown, not the size of the graph.
    """
    nodes = [n for n in dict.fromkeys(nodes) if isinstance(n, URIRef)]
    labels: dict[URIRef, dict[str, str]] = defaultdict(dict)
    types: dict[URIRef, URIRef] = {}
    if nodes:
        for r in store.select("node_info", node=nodes):
            node, label, typ = r["node"], r["label"], r["type"]
            if label is not None:
                labels[node].setdefault(label.language or "", str(label))
            elif typ is not None and _TYPE_RANK.get(typ, 99) < _TYPE_RANK.get(types.get(node), 100):
                types[node] = typ
    return dict(labels), types


def sources_for(store: Store, iris: Iterable[URIRef]) -> dict[URIRef, Source]:
    """Source records (title, date, note line range) for the given IRIs, one query."""
    iris = [i for i in dict.fromkeys(iris) if isinstance(i, URIRef)]
    if not iris:
        return {}
    out: dict[URIRef, Source] = {}
    for r in store.select("source_info", source=iris):
        iri = r["source"]
        if r["section"] is not None:
            out[iri] = Source(iri, "note", section=int(r["section"]),
                              lines=(int(r["start"]), int(r["end"])), file=str(r["file"] or ""))
        else:
            out[iri] = Source(iri, "doc", title=str(r["title"] or ""), checked=str(r["checked"] or ""))
    return out


def statements(store: Store, nodes: Iterable[URIRef]) -> dict[URIRef, dict[URIRef, list[Node]]]:
    """Texts, sources and links of statement-like nodes, grouped by node and property.

    Values are sorted, so every backend (whatever its row order) gives the same lists.
    """
    nodes = list(dict.fromkeys(nodes))
    if not nodes:
        return {}
    grouped: dict[URIRef, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for r in sorted(store.select("statement_details", node=nodes), key=lambda r: (str(r["p"]), str(r["o"]))):
        grouped[r["node"]][r["p"]].append(r["o"])
    return grouped


def _sources(props: dict[URIRef, list[Node]], known: dict[URIRef, Source]) -> list[Source]:
    refs = props.get(PROV.wasDerivedFrom, []) + props.get(DCTERMS.source, [])
    found = [known.get(r) or Source(r, "doc") for r in dict.fromkeys(refs) if isinstance(r, URIRef)]
    return sorted(found, key=lambda s: (s.kind != "note", s.section or 0, str(s.iri)))


def _assessment_infos(rows: list[Row], details: dict[URIRef, dict[URIRef, list[Node]]],
                      known: dict[URIRef, Source],
                      labels: dict[URIRef, dict[str, str]]) -> list[AssessmentInfo]:
    """AssessmentInfo per (assessment, subject, requirement, verdict) row, fits first."""
    out = []
    for r in rows:
        props = details.get(r["assessment"], {})
        out.append(AssessmentInfo(
            r["assessment"], r["subject"], labels.get(r["subject"], {}),
            r["requirement"], labels.get(r["requirement"], {}), verdict_name(r["verdict"]),
            _by_lang(props.get(AWSKG.rationale, [])), _sources(props, known),
            sorted(c for c in props.get(AWSKG.backedBy, []) if isinstance(c, URIRef)),
        ))
    order = {"fits": 0, "partial": 1, "does-not-fit": 2}
    out.sort(key=lambda a: (order.get(a.verdict, 3), label_of(a.subject_labels, a.subject), str(a.iri)))
    return out


def section_assessments(store: Store, section: URIRef) -> tuple[list[AssessmentInfo], int]:
    """The assessments derived from a note section (fits first, at most
    :data:`MAX_ASSESSMENTS`) and how many there are in all.

    >>> from graph.store import load_store
    >>> from ontology import KB
    >>> found, total = section_assessments(load_store(), KB["note-13"])
    >>> total == len(found) > 0, found[0].verdict
    (True, 'fits')
    """
    rows = store.select("section_assessments", section=section)
    total = len(rows)
    if total >= MAX_ASSESSMENTS:
        counted = store.select("section_assessment_count", section=section)
        total = max(total, int(counted[0]["n"]) if counted else 0)
    details = statements(store, [r["assessment"] for r in rows])
    known = sources_for(store, [ref for props in details.values()
                                for ref in props.get(PROV.wasDerivedFrom, []) + props.get(DCTERMS.source, [])])
    labels, _types = labels_and_types(store, [r["subject"] for r in rows] + [r["requirement"] for r in rows])
    return _assessment_infos(rows, details, known, labels), total


def describe(store: Store, iri: URIRef) -> EntityDetails:
    """Collect labels, links, facts, assessments, corrections and sources of ``iri``."""
    out_rows = store.select("describe_out", entity=iri)
    in_rows = store.select("describe_in", entity=iri)
    fact_iris = [r["fact"] for r in store.select("describe_facts", entity=iri)]
    asm_rows = store.select("describe_assessments", entity=iri)
    asm_total = len(asm_rows)
    if asm_total >= MAX_ASSESSMENTS:
        counted = store.select("describe_assessment_count", entity=iri)
        asm_total = max(asm_total, int(counted[0]["n"]) if counted else 0)
    corr_iris = [r["correction"] for r in store.select("describe_corrections", entity=iri)]
    details = statements(store, fact_iris + [r["assessment"] for r in asm_rows] + corr_iris)

    source_refs: list[URIRef] = []
    for props in details.values():
        source_refs += props.get(PROV.wasDerivedFrom, []) + props.get(DCTERMS.source, [])
    own: dict[URIRef, list[Node]] = defaultdict(list)
    for r in out_rows:
        own[r["p"]].append(r["o"])
    source_refs += own.get(PROV.wasDerivedFrom, []) + own.get(DCTERMS.source, [])
    known = sources_for(store, source_refs)

    linked = [r["o"] for r in out_rows] + [r["s"] for r in in_rows] + [r["subject"] for r in asm_rows]
    linked += [r["requirement"] for r in asm_rows] + [iri]
    for props in details.values():
        linked += props.get(AWSKG.correctionVerdict, [])
    labels, types_of = labels_and_types(store, linked)
    plabels = predicate_labels(store)
    skip = {RDF.type, SKOS.prefLabel, SKOS.altLabel, RDFS.label, DCTERMS.description}
    literals: list[tuple[URIRef, dict[str, str], str]] = []
    links: list[Link] = []
    # Backends return rows in different orders; sort so every store prints the same page.
    out_rows.sort(key=lambda r: (str(r["p"]), str(r["o"])))
    for r in out_rows:
        p, o = r["p"], r["o"]
        if p in skip:
            continue
        if isinstance(o, Literal):
            literals.append((p, plabels.get(p, {}), str(o) + (f" @{o.language}" if o.language else "")))
        elif isinstance(o, URIRef):
            links.append(Link(p, plabels.get(p, {}), o, labels.get(o, {}), types_of.get(o), "out"))
    for r in in_rows:
        s = r["s"]
        # Statements about the entity have their own sections below.
        if isinstance(s, URIRef) and r["p"] not in _STATEMENT_LINKS:
            links.append(Link(r["p"], plabels.get(r["p"], {}), s, labels.get(s, {}),
                              types_of.get(s), "in"))

    links.sort(key=lambda k: (k.direction, str(k.predicate), label_of(k.target_labels, k.target), str(k.target)))
    facts = []
    for f in sorted(fact_iris):
        props = details.get(f, {})
        kind = "Constraint" if AWSKG.Constraint in props.get(RDF.type, []) else "Fact"
        facts.append(Statement(f, kind, _by_lang(props.get(AWSKG.statement, [])),
                               _sources(props, known),
                               str((props.get(AWSKG.sourceDetail) or [""])[0]),
                               [c for c in props.get(AWSKG.backedBy, []) if isinstance(c, URIRef)]))

    assessments = _assessment_infos(asm_rows, details, known, labels)

    corrections = []
    for c in corr_iris:
        props = details.get(c, {})
        verdict_iris = [v for v in props.get(AWSKG.correctionVerdict, []) if isinstance(v, URIRef)]
        corrections.append(CorrectionInfo(
            c, _by_lang(props.get(SKOS.prefLabel, [])), _by_lang(props.get(AWSKG.noteSays, [])),
            _by_lang(props.get(AWSKG.sourcesSay, [])),
            labels.get(verdict_iris[0], {}) if verdict_iris else {}, _sources(props, known),
        ))
    corrections.sort(key=lambda c: local_name(c.iri))

    alt: dict[str, list[str]] = defaultdict(list)
    for v in sorted(own.get(SKOS.altLabel, []), key=str):
        alt[getattr(v, "language", None) or ""].append(str(v))
    types = [t for t in own.get(RDF.type, []) if isinstance(t, URIRef)]
    all_sources = {s.iri: s for s in _sources(own, known)}
    for group in (facts, assessments, corrections):
        for item in group:
            for s in item.sources:
                all_sources.setdefault(s.iri, s)
    return EntityDetails(
        iri, types_of.get(iri) or (types[0] if types else None), types,
        _by_lang(own.get(SKOS.prefLabel, []) or own.get(RDFS.label, [])) or labels.get(iri, {}),
        dict(alt), _by_lang(own.get(DCTERMS.description, []) + own.get(SKOS.definition, [])),
        literals, links, facts, assessments, corrections,
        sorted(all_sources.values(), key=lambda s: (s.kind != "note", s.section or 0, s.title)),
        asm_total,
        [b.to_json() for b in badges_for(store, iri, [u for u in own.get(AWSKG.uses, []) if isinstance(u, URIRef)])],
    )


@per_store
def predicate_labels(store: Store) -> dict[URIRef, dict[str, str]]:
    """Labels of vocabulary terms (properties and classes) in both languages, cached per store.

    >>> from graph.store import load_store
    >>> predicate_labels(load_store())[AWSKG.uses]["ja"]
    '使用する'
    """
    found: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for r in store.select("predicate_labels"):
        found[r["term"]][r["label"].language or "en"] = str(r["label"])
    return dict(found)

