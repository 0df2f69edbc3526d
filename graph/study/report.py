"""Progress by exam domain and task statement, and the confusable pairs answered worst.

>>> import tempfile; from pathlib import Path
>>> from graph.store import load_store
>>> from graph.study.progress import Progress
>>> kb, p = load_store(), Progress(Path(tempfile.mkdtemp()) / "p.sqlite")
>>> _ = p.record("scenario-13", "scenario", "B", False)
>>> r = progress_report(kb, p)
>>> d3 = next(d for d in r["domains"] if d["notation"] == "3")
>>> d3["seen"], d3["attempts"], d3["correct_share"], r["totals"]["due_now"]
(1, 1, 0.0, 0)
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from graph.store.base import Store
from graph.study.cards import Card, all_cards
from graph.study.exam import exam_outline
from graph.study.progress import Progress
from graph.study.schedule import utcnow

__all__ = ["progress_report", "weakest_pairs"]


def _stats(cards: list[Card], tally: dict[str, list[int]], due: set[str]) -> dict:
    seen = [c for c in cards if c.id in tally]
    attempts = sum(tally[c.id][0] for c in seen)
    right = sum(tally[c.id][1] for c in seen)
    return {"cards": len(cards), "seen": len(seen), "attempts": attempts, "correct": right,
            "correct_share": round(right / attempts, 3) if attempts else None,
            "due_now": sum(c.id in due for c in cards)}


def weakest_pairs(store: Store, progress: Progress, limit: int = 5) -> list[dict]:
    """Confusable pairs with the lowest share of right answers (pairs answered at least once)."""
    by_pair: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    cards = {c.id: c for c in all_cards(store) if c.kind == "pair"}
    for a in progress.attempts():
        c = cards.get(a.card)
        if c is not None and c.pair:
            by_pair[c.pair][0] += 1
            by_pair[c.pair][1] += int(a.correct)
    sides = {m.iri: m for c in cards.values() for m in c.members}
    groups = {c.pair: c.group for c in cards.values()}
    ranked = sorted(by_pair.items(), key=lambda kv: (kv[1][1] / kv[1][0], -kv[1][0], str(kv[0])))
    return [{"pair": [str(p[0]), str(p[1])],
             "label": {lang: f"{sides[p[0]].label(lang)} / {sides[p[1]].label(lang)}" for lang in ("en", "ja")},
             "group": str(groups[p]) if groups.get(p) else None,
             "attempts": n, "correct": right, "correct_share": round(right / n, 3)}
            for p, (n, right) in ranked[:limit]]


def progress_report(store: Store, progress: Progress, now: datetime | None = None) -> dict:
    """Seen cards, right answers, cards due now: in total, per domain and per task statement."""
    now = now or utcnow()
    outline = exam_outline(store)
    cards = all_cards(store)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in progress.attempts():
        tally[a.card][0] += 1
        tally[a.card][1] += int(a.correct)
    tally = dict(tally)
    due = {s.card for s in progress.due(now)}
    domains = []
    for d in outline.domains.values():
        task_rows = []
        for t in outline.tasks_of(d.iri):
            row = _stats([c for c in cards if t.iri in c.tasks], tally, due)
            task_rows.append({"iri": str(t.iri), "notation": t.notation,
                              "label": {"en": t.label("en"), "ja": t.label("ja")}, **row})
        in_domain = [c for c in cards if any(outline.domain_of(x) is d for x in c.tasks)]
        domains.append({"iri": str(d.iri), "notation": d.notation,
                        "label": {"en": d.label("en"), "ja": d.label("ja")},
                        **_stats(in_domain, tally, due), "tasks": task_rows})
    states = progress.states()
    upcoming = min((s.due for s in states.values() if s.due > now), default=None)
    return {"totals": {**_stats(cards, tally, due), "next_due": upcoming.isoformat() if upcoming else None},
            "domains": domains, "weakest_pairs": weakest_pairs(store, progress),
            "file": str(progress.path)}
