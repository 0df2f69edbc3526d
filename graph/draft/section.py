"""Draft one notes section: its scenario, options with verdicts, reasons, definitions, steps.

No language model and no network: the outline of the notes (:mod:`.outline`), the
verdict words of the reasons (:mod:`.cues`) and the graph's own names
(:mod:`.mentions`). Where the text does not say, the draft says so: an option's
``basis`` is ``"cues"`` (its reasons' words), ``"position"`` (no verdict words: the
note's first option is read as its choice, a later one as not) or ``"disagree"``
(the words disagree → ``unknown``), and every such reading is a warning.

>>> from graph.store import load_store
>>> d = draft_section(load_store(), 21, "", 1, 5, "- Use A.\\n  - A is ideal.\\n- Use B.\\n  - B is too expensive.")
>>> [(o.text, o.verdict, o.basis) for o in d.options]
[('Use A.', 'fits', 'cues'), ('Use B.', 'does-not-fit', 'cues')]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.draft.cues import cue
from graph.draft.mentions import Mentions, new_names, read_mentions
from graph.draft.outline import (
    Node,
    is_action,
    is_context,
    is_definition,
    is_flow_heading,
    parse_outline,
)
from graph.store.base import Store

__all__ = ["Option", "Reason", "SectionDraft", "draft_section", "note_language"]

# 「…という要件」, 「… 要件」, "the requirement to …": a phrase the note calls a requirement.
_REQ_PHRASE = re.compile(r"([^、。,.「」（）()]{2,30}?)(?:という|を求める)?\s*要件|"
                         r"requirements? (?:of|for|to) ([^,.;]{3,50})|must ([^,.;]{3,50})", re.IGNORECASE)


def note_language(text: str) -> str:
    """``"ja"`` when the text has kana or kanji, else ``"en"``.

    >>> note_language("サーバーレス推論を使用"), note_language("Use Serverless Inference")
    ('ja', 'en')
    """
    return "ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) else "en"


@dataclass
class Reason:
    """One reason under an option: its words' verdict and the requirements it names."""

    text: str
    line: int
    verdict: str | None
    requirements: list[dict] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # slips read as meant (Clarity → Clarify)

    def to_json(self) -> dict:
        return {"text": self.text, "line": self.line, "verdict": self.verdict or "unknown",
                "requirements": self.requirements}


@dataclass
class Option:
    """One option of the section as drafted."""

    text: str
    line: int
    end_line: int
    verdict: str
    basis: str
    mentions: Mentions
    reasons: list[Reason] = field(default_factory=list)
    new_entities: list[str] = field(default_factory=list)
    other_label: str = ""  # the label in the other language, given on review

    def to_json(self, lang: str) -> dict:
        return {"text": self.text, "lines": [self.line, self.end_line],
                "label": {lang: short_label(self.text), ("en" if lang == "ja" else "ja"): self.other_label},
                "verdict": self.verdict, "basis": self.basis, "entities": self.mentions.entities,
                "new_entities": self.new_entities, "settings": self.mentions.settings,
                "reasons": [r.to_json() for r in self.reasons]}


@dataclass
class SectionDraft:
    """Everything drafted from one ``## N.`` section."""

    number: int
    heading: str
    start_line: int
    end_line: int
    lang: str
    context: str = ""
    context_mentions: Mentions = field(default_factory=Mentions)
    options: list[Option] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    topics: list = field(default_factory=list)
    definitions: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def recommended(self) -> Option | None:
        """The option the note recommends: the first that fits."""
        return next((o for o in self.options if o.verdict == "fits"), None)

    def to_json(self) -> dict:
        rec = self.recommended
        return {"number": str(self.number), "heading": self.heading, "lines": [self.start_line, self.end_line],
                "language": self.lang,
                "scenario": {"text": self.context, "entities": self.context_mentions.entities,
                             "requirements": self.requirements,
                             "new_requirements": self.suggestions,
                             "topics": [str(t) for t in self.topics],
                             "answer": self.options.index(rec) + 1 if rec else None},
                "options": [o.to_json(self.lang) for o in self.options],
                "definitions": self.definitions, "steps": self.steps, "warnings": self.warnings}


def short_label(text: str, limit: int = 80) -> str:
    """The first sentence of an option, cut at ``limit`` characters.

    >>> short_label("Use A. Then B.")
    'Use A.'
    """
    first = re.split(r"(?<=[。．.])\s*", text.strip(), maxsplit=1)[0] or text.strip()
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


_COMPARATIVE = re.compile(r"の方が|のほうが|よりも|\b(?:better|cheaper|more [\w-]+) than\b|\binstead\b", re.IGNORECASE)


def _reasons(store: Store, nodes: list[Node], option: Mentions) -> list[Reason]:
    """Each reason with its verdict; praise of *another* option (「X の方が優れています」) counts against this one."""
    mine = {e["iri"] for e in option.entities}
    out = []
    for n in nodes:
        for sub in n.walk():
            m = read_mentions(store, sub.text)
            reqs = [r for r in m.requirements if not r["negated"]]
            verdict = cue(sub.text)
            others = {e["iri"] for e in m.entities}
            if verdict == "fits" and _COMPARATIVE.search(sub.text) and others and not others & mine:
                verdict = "does-not-fit"
            out.append(Reason(sub.text, sub.line, verdict, reqs, m.repairs))
    return out


def _verdict(option_text: str, reasons: list[Reason], first: bool) -> tuple[str, str]:
    """(verdict, basis) from the option's own words and its reasons' (module docs)."""
    found = Counter(v for v in [cue(option_text)] + [r.verdict for r in reasons] if v)
    if not found:
        return ("fits" if first else "does-not-fit"), "position"
    if len(found) == 1:
        return next(iter(found)), "cues"
    fits, bad, part = found["fits"], found["does-not-fit"], found["partial"]
    if part and not bad:
        return "partial", "cues"
    if fits >= 2 * (bad + part) and fits >= 2:
        return "fits", "cues"
    if bad >= 2 * (fits + part) and bad >= 2:
        return "does-not-fit", "cues"
    return "unknown", "disagree"


def _requirement_suggestions(store: Store, texts: list[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        for m in _REQ_PHRASE.finditer(text):
            phrase = next(g for g in m.groups() if g).strip(" 、,の")
            phrase = re.sub(r"^.*(?:では|には|は|が|も)(?=[^はがも]{2,}$)", "", phrase).strip()
            if len(phrase) < 3 or re.search(r"[\u3040-\u309f]$", phrase):  # ends in kana: a verb, not a need
                continue
            if read_mentions(store, phrase).requirements:
                continue  # the phrase names a requirement the graph knows
            if phrase not in out:
                out.append(phrase)
    return out


def _alternative(store: Store, text: str) -> str | None:
    """「X を全ノードに適用すると高コストになるため…」: a reason that judges another option X."""
    m = re.match(r"^(.{4,60}?)(?:すると|した場合|する場合|では)[、,]?", text) or re.match(
        r"^(?:if|when) (?:you )?(.{4,80}?),", text, re.IGNORECASE)
    if m and cue(text) == "does-not-fit" and (is_action(m.group(1) + "する")
                                               or read_mentions(store, m.group(1)).entities):
        return m.group(1).strip()
    return None


def draft_section(store: Store, number: int, heading: str, start_line: int, end_line: int,
                  body: str) -> SectionDraft:
    """Draft section ``number`` whose ``body`` starts on the line after ``start_line``."""
    lang = note_language(body or heading)
    d = SectionDraft(number, heading, start_line, end_line, lang)
    roots = parse_outline(body, start_line + 1)
    option_nodes: list[tuple[Node, list[Node]]] = []  # (option, its reason nodes)
    i = 0
    while i < len(roots):
        node = roots[i]
        if is_flow_heading(node) or node.numbered:
            steps = [node] if node.numbered else []
            while i + 1 < len(roots) and roots[i + 1].numbered:
                i += 1
                steps.append(roots[i])
            for k, s in enumerate(steps, 1):
                text = re.sub(r"^\d+[.)．]\s*", "", s.text)
                details = [c.text for c in s.children]
                named = read_mentions(store, " ".join([text] + details)).entities
                d.steps.append({"order": k, "text": text, "line": s.line, "details": details, "entities": named})
        elif is_definition(node):
            d.definitions.append({"term": node.text, "line": node.line,
                                  "text": " ".join(c.text for c in node.walk() if c is not node)})
        elif is_context(node):
            d.context = (d.context + " " + node.text).strip()
            current: tuple[Node, list[Node]] | None = None
            for c in node.children:
                if is_action(c.text):
                    current = (c, list(c.children))
                    option_nodes.append(current)
                elif current is not None and (alt := _alternative(store, c.text)):
                    alt_node = Node(alt, c.line, c.end_line, c.indent, children=[c])
                    option_nodes.append((alt_node, [c]))
                elif current is not None:
                    current[1].append(c)
                else:
                    d.context = (d.context + " " + c.text).strip()
        else:
            option_nodes.append((node, list(node.children)))
        i += 1
    for k, (node, reason_nodes) in enumerate(option_nodes):
        m = read_mentions(store, node.text)
        reasons = _reasons(store, reason_nodes, m)
        verdict, basis = _verdict(node.text, reasons, k == 0)
        end = max([node.end_line] + [n.end_line for r in reason_nodes for n in r.walk()])
        opt = Option(node.text, node.line, end, verdict, basis, m, reasons, new_names(store, node.text, m.entities))
        d.options.append(opt)
        label = short_label(node.text, 40)
        if basis == "position" and k > 0:
            d.warnings.append(f"§{number} option {k + 1} ({label}): no verdict words; read as not the note's "
                              f"choice because it is not the first option")
        if basis == "disagree":
            d.warnings.append(f"§{number} option {k + 1} ({label}): its reasons disagree "
                              f"({', '.join(sorted({r.verdict for r in reasons if r.verdict}))}); verdict left unknown")
        if not m.entities and not m.settings:
            d.warnings.append(f"§{number} option {k + 1} ({label}): names no service or capability the graph knows")
        for name in opt.new_entities:
            d.warnings.append(f"§{number} option {k + 1}: '{name}' is not in the graph; drafted as a new entity "
                              f"(label in {lang} only)")
        slips = [(node.line, s) for s in m.repairs]
        slips += [(r.line, s) for r in reasons for s in r.repairs]
        for line, slip in slips:
            d.warnings.append(f"§{number} line {line}: read '{slip}'")
    d.warnings = list(dict.fromkeys(d.warnings))
    _scenario_requirements(store, d)
    if not d.options:
        d.warnings.append(f"§{number}: no options found (expected top-level bullets)")
    elif d.recommended is None:
        d.warnings.append(f"§{number}: no option reads as the note's choice")
    return d


def _scenario_requirements(store: Store, d: SectionDraft) -> None:
    """The scenario asks for what its context and the chosen option's reasons name."""
    seen: dict[str, dict] = {}
    ctx = read_mentions(store, d.context) if d.context else Mentions()
    d.context_mentions = ctx
    rec = d.recommended
    for q in ctx.requirements + [q for reason in (rec.reasons if rec else []) for q in reason.requirements]:
        if not q.get("negated"):
            seen.setdefault(q["iri"], {k: v for k, v in q.items() if k != "negated"})
    d.requirements = list(seen.values())
    topics = set(ctx.topics)
    for o in d.options:
        topics |= set(o.mentions.topics)
    # and the topics of what it names: Batch Transform is about offline scoring
    named = {URIRef(e["iri"]) for o in d.options for e in o.mentions.entities}
    named |= {URIRef(e["iri"]) for e in ctx.entities} | {URIRef(r["iri"]) for r in d.requirements}
    if named:
        topics |= {row["topic"] for row in store.select("fit_topics", entity=sorted(named))
                   if isinstance(row["topic"], URIRef)}
    d.topics = sorted(topics)
    texts = [d.context] + [r.text for o in d.options for r in o.reasons]
    d.suggestions = _requirement_suggestions(store, texts)
