"""A section draft as RDF: a Scenario, its Solutions, Settings, Assessments and Steps.

Every node drafted carries ``awskg:status "draft"`` and ``prov:wasDerivedFrom`` its
note section, with ``awskg:sourceDetail`` naming the lines. Text goes in as
literals of the note's language (rdflib escapes it; nothing is formatted into
Turtle by hand). :func:`accepted` drops the draft status once a learner reviews it.

>>> from graph.store import load_store
>>> from graph.draft.section import draft_section
>>> d = draft_section(load_store(), 21, "", 1, 4, "- Use Serverless Inference.\\n  - It is the cheapest.\\n- Use a real-time endpoint.\\n  - Too expensive.")
>>> g = draft_graph(d)
>>> len(set(g.subjects(AWSKG.status, Literal("draft")))) >= 3
True
>>> len(set(accepted(g).subjects(AWSKG.status, None)))
0
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from graph.draft.section import Option, SectionDraft, short_label
from graph.store.notes import section_iri
from ontology import AWSKG, KB, PREFIXES

__all__ = ["VERDICT_IRIS", "accepted", "draft_graph", "draft_iri"]

VERDICT_IRIS = {"fits": AWSKG.fits, "partial": AWSKG.partial, "does-not-fit": AWSKG.doesNotFit}
_DRAFT = Literal("draft")


def draft_iri(number: int, *parts: object) -> URIRef:
    """IRI of a drafted node of section ``number``.

    >>> str(draft_iri(21, "option", 2))
    'https://w3id.org/awskg/id/draft-21-option-2'
    """
    return KB["-".join(["draft", str(number)] + [_slug(p) for p in parts])]


def _slug(part: object) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(part).casefold()).strip("-") or "x"


def _lines(a: int, b: int) -> str:
    return f"lines {a}–{b}" if b > a else f"line {a}"


def draft_graph(d: SectionDraft) -> Graph:
    """The triples of one drafted section (see the module docs)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    note = section_iri(d.number)
    lang = d.lang

    def mark(node: URIRef, lines: tuple[int, int]) -> None:
        g.add((node, AWSKG.status, _DRAFT))
        g.add((node, PROV.wasDerivedFrom, note))
        g.add((node, AWSKG.sourceDetail, Literal(_lines(*lines))))

    sc = draft_iri(d.number, "scenario")
    g.add((sc, RDF.type, AWSKG.Scenario))
    title = d.heading or d.context or (short_label(d.options[0].text, 40) if d.options else "")
    g.add((sc, SKOS.prefLabel, Literal(f"§{d.number} {title}".strip(), lang=lang)))
    question = d.context or d.heading or title
    if question:
        g.add((sc, AWSKG.question, Literal(question, lang=lang)))
    mark(sc, (d.start_line, d.end_line))
    for r in d.requirements:
        g.add((sc, AWSKG.hasRequirement, URIRef(r["iri"])))
    for t in d.topics:
        g.add((sc, AWSKG.topic, URIRef(str(t))))
    rec = d.recommended
    for k, o in enumerate(d.options, 1):
        sol = _option(g, d, o, k, mark)
        g.add((sc, AWSKG.hasOption, sol))
        if o is rec:
            g.add((sc, AWSKG.answer, sol))
            for j, step in enumerate(d.steps, 1):
                st = draft_iri(d.number, "step", j)
                g.add((st, RDF.type, AWSKG.Step))
                g.add((st, AWSKG.order, Literal(j, datatype=XSD.integer)))
                text = step["text"] + (" — " + " / ".join(step["details"]) if step["details"] else "")
                g.add((st, AWSKG.statement, Literal(text, lang=lang)))
                mark(st, (step["line"], step["line"]))
                g.add((sol, AWSKG.hasStep, st))
    return g


def _option(g: Graph, d: SectionDraft, o: Option, k: int, mark) -> URIRef:
    lang = d.lang
    sol = draft_iri(d.number, "option", k)
    g.add((sol, RDF.type, AWSKG.Solution))
    g.add((sol, SKOS.prefLabel, Literal(short_label(o.text), lang=lang)))
    if o.other_label:
        g.add((sol, SKOS.prefLabel, Literal(o.other_label, lang="en" if lang == "ja" else "ja")))
    g.add((sol, DCTERMS.description, Literal(o.text, lang=lang)))
    g.add((sol, AWSKG.order, Literal(k, datatype=XSD.integer)))
    mark(sol, (o.line, o.end_line))
    for e in o.mentions.entities:
        g.add((sol, AWSKG.uses, URIRef(e["iri"])))
    for name in o.new_entities:
        ent = draft_iri(d.number, "entity", name)
        g.add((ent, RDF.type, AWSKG.Service if re.match(r"(?:Amazon|AWS)\s", name) else AWSKG.Capability))
        g.add((ent, SKOS.prefLabel, Literal(name, lang=lang)))
        mark(ent, (o.line, o.line))
        g.add((sol, AWSKG.uses, ent))
    for j, s in enumerate(o.mentions.settings, 1):
        st = draft_iri(d.number, "option", k, "setting", j)
        g.add((st, RDF.type, AWSKG.Setting))
        g.add((st, SKOS.prefLabel, Literal(s["matched"] or f"{s['parameter']} = {s['value']}", lang=lang)))
        g.add((st, AWSKG.ofParameter, URIRef(s["iri"])))
        g.add((st, AWSKG.value, Literal(s["value"])))
        if s.get("valid") is False:
            g.add((st, AWSKG.validValue, Literal(False)))
        mark(st, (o.line, o.line))
        g.add((sol, AWSKG.sets, st))
    verdict = VERDICT_IRIS.get(o.verdict)
    if verdict is None:
        return sol  # unknown: no assessment is drafted; validate lists the gap for review
    for r in d.requirements:
        req = URIRef(r["iri"])
        asm = draft_iri(d.number, "option", k, "asm", str(req).rsplit("/", 1)[-1])
        g.add((asm, RDF.type, AWSKG.Assessment))
        g.add((asm, AWSKG.subject, sol))
        g.add((asm, AWSKG.requirement, req))
        g.add((asm, AWSKG.verdict, verdict))
        why = [x.text for x in o.reasons if any(q["iri"] == r["iri"] for q in x.requirements)] or \
              [x.text for x in o.reasons]
        text = " ".join(why) or ("ノートには理由の記載がない。" if lang == "ja" else "The note gives no reason.")
        g.add((asm, AWSKG.rationale, Literal(text, lang=lang)))
        mark(asm, (o.line, o.end_line))
    return sol


def accepted(g: Graph) -> Graph:
    """A copy of ``g`` without the draft status: what a learner's review saves."""
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    for t in g:
        if not (t[1] == AWSKG.status and t[2] == _DRAFT):
            out.add(t)
    return out
