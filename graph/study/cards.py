"""Study cards: one per scenario of the notes, one per confusable pair of a comparison group.

A confusable pair is two members of a group whose sourced cells differ on one dimension:
the card quotes one member's cell and asks which of the two it describes; the answer is
both cells with their sources. Card ids are derived from IRIs, so they stay the same
across runs, machines and exports (``scenario-13``,
``pair:dim-max-payload:asynchronous-inference:serverless-inference``).

>>> from graph.store import load_store
>>> kb = load_store()
>>> cards = all_cards(kb)
>>> find_card(kb, "13").id, find_card(kb, "13").kind
('scenario-13', 'scenario')
>>> pair = find_card(kb, "pair:dim-gpu:asynchronous-inference:serverless-inference")
>>> [m.label("en") for m in pair.members], pair.dimension_label("en")
(['Asynchronous Inference', 'Serverless Inference'], 'GPU')
>>> pair.answer in [m.iri for m in pair.members] and bool(pair.prompt()["ja"])
True
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import URIRef

from graph.compare.build import compare, list_groups
from graph.errors import UsageError
from graph.reason.drill import find_scenario, scenarios
from graph.store.base import Store
from graph.store.cache import per_store
from graph.study.exam import subjects_of
from ontology import KB

__all__ = ["Side", "Card", "all_cards", "find_card", "local_id", "stable_int"]


def local_id(iri: URIRef) -> str:
    """``kb:serverless-inference`` → ``serverless-inference``; other IRIs stay whole.

    >>> local_id(KB["scenario-13"])
    'scenario-13'
    """
    text = str(iri)
    return text[len(str(KB)):] if text.startswith(str(KB)) else text


def stable_int(text: str, bits: int = 62) -> int:
    """A stable positive integer from ``text`` (SHA-256), for Anki ids and seeds.

    >>> stable_int("scenario-13") == stable_int("scenario-13"), 0 < stable_int("x") < 2**62
    (True, True)
    """
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % (2**bits - 1) + 1


@dataclass
class Side:
    """One member of a confusable pair and its cell on the card's dimension."""

    iri: URIRef
    labels: dict[str, str]
    text: dict[str, str]
    sources: list[str]

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or local_id(self.iri)

    def cell(self, lang: str = "en") -> str:
        """The cell text in ``lang``, else the other language."""
        return self.text.get(lang) or self.text.get("en") or self.text.get("ja") or ""


@dataclass
class Card:
    """A scenario card (``iri`` the scenario) or a pair card (``iri`` the dimension)."""

    id: str
    kind: str  # "scenario" or "pair"
    iri: URIRef
    labels: dict[str, str]
    tasks: list[URIRef] = field(default_factory=list)
    scenario_id: str = ""
    group: URIRef | None = None
    group_labels: dict[str, str] = field(default_factory=dict)
    group_notation: str = ""
    dimension_labels: dict[str, str] = field(default_factory=dict)
    members: list[Side] = field(default_factory=list)
    answer: URIRef | None = None  # pair cards: the member whose cell the question quotes

    def label(self, lang: str = "en") -> str:
        """A title: the scenario's label, or "A / B: dimension"."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or self.id

    def dimension_label(self, lang: str = "en") -> str:
        """The compared dimension's label (pair cards)."""
        d = self.dimension_labels
        return d.get(lang) or d.get("en") or d.get("ja") or local_id(self.iri)

    @property
    def pair(self) -> tuple[URIRef, URIRef] | None:
        """The two members of a pair card, in IRI order."""
        return (self.members[0].iri, self.members[1].iri) if self.kind == "pair" else None

    def prompt(self) -> dict[str, str]:
        """The question of a pair card in both languages (scenario cards: their question)."""
        if self.kind != "pair":
            return {}
        a, b = self.members
        shown = next(m for m in self.members if m.iri == self.answer)
        return {
            "en": f"{self.dimension_label('en')}: “{shown.cell('en')}” — which of {a.label('en')} "
                  f"and {b.label('en')} is this?",
            "ja": f"{self.dimension_label('ja')}が「{shown.cell('ja')}」なのは、{a.label('ja')} と "
                  f"{b.label('ja')} のどちら？",
        }


def _scenario_cards(store: Store) -> list[Card]:
    infos = [s for s in scenarios(store) if s.answer is not None and len(s.options) >= 2]
    tags = subjects_of(store, [s.iri for s in infos])
    return [Card(local_id(s.iri), "scenario", s.iri, dict(s.labels), tags.get(s.iri, []), s.id) for s in infos]


def _pair_cards(store: Store) -> list[Card]:
    out: dict[str, Card] = {}
    for group in list_groups(store):
        table = compare(store, group.iri, "en")
        dims = {d.iri: d for d in table.dimensions}
        members = sorted(table.items, key=lambda e: str(e.iri))
        for a, b in combinations(members, 2):
            for dim in table.dimensions:
                ca, cb = table.cell(a.iri, dim.iri), table.cell(b.iri, dim.iri)
                if not (ca.text and cb.text) or ca.display("en") == cb.display("en"):
                    continue
                cid = f"pair:{local_id(dim.iri)}:{local_id(a.iri)}:{local_id(b.iri)}"
                if cid in out:  # the same cells shown by another group: one card
                    continue
                sides = [Side(a.iri, dict(a.labels), dict(ca.text), [s.id for s in ca.sources]),
                         Side(b.iri, dict(b.labels), dict(cb.text), [s.id for s in cb.sources])]
                answer = sides[stable_int(cid) % 2].iri
                labels = {lang: f"{sides[0].label(lang)} / {sides[1].label(lang)}: {dims[dim.iri].label(lang)}"
                          for lang in ("en", "ja")}
                out[cid] = Card(cid, "pair", dim.iri, labels, [], group=group.iri,
                                group_labels=dict(group.labels), group_notation=group.notation,
                                dimension_labels=dict(dim.labels),
                                members=sides, answer=answer)
    cards = list(out.values())
    members = sorted({m.iri for c in cards for m in c.members})
    tags = subjects_of(store, members)
    for c in cards:
        ta, tb = (tags.get(m.iri, []) for m in c.members)
        c.tasks = sorted(set(ta) & set(tb)) or sorted(set(ta) | set(tb))
    return cards


@per_store
def all_cards(store: Store) -> list[Card]:
    """Every card of the graph: scenarios (by section) first, then confusable pairs (cached per store)."""
    return _scenario_cards(store) + _pair_cards(store)


def find_card(store: Store, ref: str) -> Card:
    """A card by id, or a scenario by any of its references (``13``, ``§13``, its IRI)."""
    ref = (ref or "").strip()
    for c in all_cards(store):
        if c.id == ref:
            return c
    if not ref.startswith("pair:"):
        info = find_scenario(store, ref)  # raises with the known scenarios
        for c in all_cards(store):
            if c.iri == info.iri:
                return c
    raise UsageError(f"no study card {ref[:80]!r} (see awskg review --json for card ids)")
