"""``awskg show IRI|LABEL``: an entity with its facts, assessments, corrections and sources."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from graph.lexicon.names import label_of, local_name
from graph.reason.describe import EntityDetails, describe
from graph.reason.resolve import resolve

from ._common import dump_json

MARK = {"fits": "✓", "partial": "△", "does-not-fit": "✗"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="an entity with its facts, assessments, corrections and sources")
    p.add_argument("entity", help="a label in Japanese or English, kb:slug, or a full IRI")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    iri = resolve(ctx.store, args.entity)
    d = describe(ctx.store, iri)
    if args.json:
        dump_json(asdict(d), ctx.out)
    else:
        ctx.out.write(render(d, ctx.lang))
    return 0


def render(d: EntityDetails, lang: str) -> str:
    """The entity as readable text in ``lang``."""
    other = "ja" if lang == "en" else "en"
    ja = lang == "ja"
    lines = [f"{d.label(lang)}  /  {d.label(other)}", f"  {d.iri}"]
    if d.type is not None:
        lines.append(f"  {'種類' if ja else 'type'}: {local_name(d.type)}")
    for b in d.badges:
        mark = "✎" if b["kind"] == "draft" else "⏱"
        lines.append(f"  {mark} {b['text'].get(lang) or b['text'].get('en', b['kind'])}")
        if b.get("statement", {}).get(lang):
            lines.append(f"      {b['statement'][lang]}")
    if d.description.get(lang):
        lines += ["", "  " + d.description[lang]]
    alts = d.alt_labels.get(lang, []) + d.alt_labels.get(other, [])
    if alts:
        lines.append(f"  {'別名' if ja else 'also'}: " + ", ".join(alts[:12]) + (" …" if len(alts) > 12 else ""))
    if d.literals:
        lines += ["", "属性:" if ja else "Properties:"]
        for _p, plabels, value in d.literals:
            lines.append(f"  {label_of(plabels, _p, lang)}: {value}")
    if d.links:
        lines += ["", "リンク:" if ja else "Links:"]
        for link in d.links[:40]:
            arrow = "→" if link.direction == "out" else "←"
            lines.append(f"  {arrow} {label_of(link.predicate_labels, link.predicate, lang)}: "
                         f"{label_of(link.target_labels, link.target, lang)}")
        if len(d.links) > 40:
            lines.append(f"  … +{len(d.links) - 40}")
    # your notes inline as a section, AWS documents as numbered footnotes: two distinct badges
    docs = [s for s in d.sources if s.kind != "note"]
    sources = {s.iri: i + 1 for i, s in enumerate(docs)}
    note_word, doc_word = ("ノート", "文書") if ja else ("notes", "docs")

    def ref(s) -> str:
        return f"[{note_word} §{s.section}]" if s.kind == "note" else f"[{doc_word} {sources[s.iri]}]"

    def refs(items) -> str:
        return " " + "".join(ref(s) for s in items if s.kind == "note" or s.iri in sources) if items else ""

    if d.facts:
        lines += ["", "事実・制約:" if ja else "Facts and constraints:"]
        for f in d.facts:
            tag = "制約" if (ja and f.kind == "Constraint") else ("事実" if ja else f.kind.lower())
            lines.append(f"  • ({tag}) {f.text.get(lang) or f.text.get(other, '')}{refs(f.sources)}")
    if d.assessments:
        lines += ["", "評価:" if ja else "Assessments:"]
        for a in d.assessments:
            subject = label_of(a.subject_labels, a.subject, lang)
            req = label_of(a.requirement_labels, a.requirement, lang)
            badge = " ⚠" if a.corrections else ""
            lines.append(f"  {MARK.get(a.verdict, '?')} {subject} — {req}{badge}{refs(a.sources)}")
            if a.rationale.get(lang) or a.rationale.get(other):
                lines.append(f"      {a.rationale.get(lang) or a.rationale.get(other)}")
        left = d.assessments_total - len(d.assessments)
        if left > 0:
            lines.append(f"  … 他に {left:,} 件（SPARQL で全件を取得できます）" if ja else
                         f"  … {left:,} more not shown (query them with awskg sparql)")
    if d.corrections:
        lines += ["", "訂正（ノートと AWS ドキュメントの相違）:" if ja else "Corrections (notes vs AWS docs):"]
        for c in d.corrections:
            verdict = label_of(c.verdict, c.iri, lang) if c.verdict else ""
            lines.append(f"  ⚠ {label_of(c.labels, c.iri, lang)}" + (f" — {verdict}" if verdict else "")
                         + refs(c.sources))
            if c.note_says.get(lang):
                lines.append(f"      {'ノート' if ja else 'note'}: {c.note_says[lang]}")
            if c.sources_say.get(lang):
                lines.append(f"      {'出典' if ja else 'docs'}: {c.sources_say[lang]}")
    if d.sources:
        lines += ["", "出典（ノート = あなたのノート、文書 = AWS ドキュメント・API モデル）:" if ja
                  else "Sources (notes = your notes, docs = AWS documentation and API models):"]
        for s in d.sources:
            lines.append(f"  {ref(s)} {s.describe(lang)}")
    return "\n".join(lines) + "\n"
