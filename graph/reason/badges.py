"""Badges every view shows: "draft — from your notes", "closed to new customers since …".

A badge belongs to an entity (:file:`ontology/queries/badges.rq`); a solution also
shows the availability badges of what it uses, so an option built on Model Monitor
says that Model Monitor is closed to new customers.

>>> from graph.store import load_store
>>> from ontology import KB
>>> [b.kind for b in badges_for(load_store(), KB["serverless-inference"])]
[]
>>> badge_text(Badge("draft", KB["x"]), "en")
'draft — from your notes, not reviewed'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.lexicon.read import catalog
from graph.store.base import Store
from graph.store.cache import per_store

__all__ = ["Badge", "badge_index", "badge_text", "badges_for", "provenance"]

_TEXT = {
    "draft": {"en": "draft — from your notes, not reviewed", "ja": "下書き — あなたのノートから、未レビュー"},
    "closed-to-new-customers": {"en": "closed to new customers", "ja": "新規顧客への提供終了"},
    "superseded": {"en": "superseded", "ja": "後継あり"},
}


@dataclass
class Badge:
    """One badge: its kind, the entity it is about, and for availability: date, replacement, source."""

    kind: str
    entity: URIRef
    date: str = ""
    replacement: list[URIRef] = field(default_factory=list)
    statement: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    via: URIRef | None = None  # set when the badge comes from something the subject uses
    text: dict[str, str] = field(default_factory=dict)  # the line shown, by language

    def to_json(self) -> dict:
        """The badge as in the JSON contract."""
        out = {"kind": self.kind, "entity": str(self.entity),
               "text": self.text or {"en": badge_text(self, "en"), "ja": badge_text(self, "ja")}}
        if self.date:
            out["date"] = self.date
        if self.replacement:
            out["replacement"] = [str(r) for r in self.replacement]
        if self.statement:
            out["statement"] = dict(self.statement)
        if self.sources:
            out["sources"] = list(self.sources)
        return out


def badge_text(b: Badge, lang: str, cat=None) -> str:
    """The badge as one line in ``lang``."""
    base = _TEXT.get(b.kind, {}).get(lang, b.kind)
    if b.kind == "draft":
        return base
    name = cat.label(b.entity, lang) if cat is not None else ""
    since = (f"（{b.date} から）" if lang == "ja" else f" since {b.date}") if b.date else ""
    repl = ""
    if b.replacement and cat is not None:
        names = ", ".join(cat.label(r, lang) for r in b.replacement)
        repl = f"、移行先: {names}" if lang == "ja" else f"; now: {names}"
    head = f"{name}: " if name and b.via is not None else ""
    return f"{head}{base}{since}{repl}"


@per_store
def badge_index(store: Store) -> dict[URIRef, list[Badge]]:
    """Entity → its own badges (one query per store)."""
    found: dict[tuple[URIRef, str], Badge] = {}
    for row in store.select("badges"):
        entity, owner, kind = row["entity"], row["owner"], str(row["kind"])
        if not isinstance(entity, URIRef) or not isinstance(owner, URIRef):
            continue
        b = found.get((entity, kind))
        if b is None or (b.via is not None and owner == entity):  # its own change before an inherited one
            b = found[(entity, kind)] = Badge(kind, owner, via=None if owner == entity else entity)
        elif b.entity != owner:
            continue
        if row.get("date") is not None:
            b.date = str(row["date"])
        if isinstance(row.get("replacement"), URIRef) and row["replacement"] not in b.replacement:
            b.replacement.append(row["replacement"])
        for lang in ("en", "ja"):
            if row.get(lang) is not None:
                b.statement[lang] = str(row[lang])
        if row.get("source") is not None and str(row["source"]) not in b.sources:
            b.sources.append(str(row["source"]))
    out: dict[URIRef, list[Badge]] = {}
    for (entity, _kind), b in sorted(found.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        b.replacement.sort()  # stores return rows in different orders: every store shows the same
        b.sources.sort()
        out.setdefault(entity, []).append(b)
    return out


def badges_for(store: Store, iri: URIRef, uses: Iterable[URIRef] = ()) -> list[Badge]:
    """The badges of ``iri``, then the availability badges of what it uses."""
    index = badge_index(store)
    out = [Badge(b.kind, b.entity, b.date, b.replacement, b.statement, b.sources, via=b.via)
           for b in index.get(iri, [])]
    def same(a: Badge, b: Badge) -> bool:  # one change shown once, however many of its parts are used
        return a.entity == b.entity or (a.kind, a.date, a.statement) == (b.kind, b.date, b.statement)

    for u in sorted(set(uses), key=str):  # every store lists uses in its own order
        for b in index.get(u, []):
            if b.kind != "draft" and not any(same(x, b) for x in out):
                out.append(Badge(b.kind, b.entity, b.date, b.replacement, b.statement, b.sources, via=iri))
    if out:
        cat = catalog(store)
        for b in out:
            b.text = {lang: badge_text(b, lang, cat) for lang in ("en", "ja")}
    return out


def provenance(sources: Iterable[str]) -> list[str]:
    """Where a statement comes from: ``"notes"`` (a note section) and/or ``"aws-docs"`` (a document).

    >>> provenance(["note:13", "https://docs.aws.amazon.com/x.html"])
    ['notes', 'aws-docs']
    """
    kinds = []
    for s in sources:
        kind = "notes" if s.startswith("note:") else "aws-docs"
        if kind not in kinds:
            kinds.append(kind)
    return kinds
