"""What a note's sentence names: services, capabilities, settings, requirements, topics.

The same gazetteer and normalisation ``fit`` uses (:mod:`graph.reason.recognise`,
:mod:`graph.reason.values`), so a note is read the way a question is. Slips that
real notes have are tolerated and *reported*: a word read as a near name
(``Clarity`` → Clarify), an API name with ``l`` for ``I``
(``InitiallnstanceCount``), the letter ``O`` for the number ``0``.

>>> from graph.store import load_store
>>> m = read_mentions(load_store(), "SageMaker Clarity を使う。InitiallnstanceCount を O に設定")
>>> sorted(e["label"]["en"] for e in m.entities)
['SageMaker Clarify']
>>> [(s["parameter"], s["value"]) for s in m.settings]
[('InitialInstanceCount', '0')]
>>> sorted(m.repairs)
['Clarity → Clarify', 'InitiallnstanceCount → InitialInstanceCount', 'O → 0']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import URIRef

from graph.lexicon.read import catalog
from graph.reason.recognise import negated, recognise_all
from graph.reason.values import range_problems, stated_values, value_model
from graph.store.base import Store
from graph.store.cache import per_store
from graph.text.analysis import analyse

__all__ = ["Mentions", "new_names", "read_mentions"]

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_PARAM_WORD = re.compile(r"\s*(?:パラメーター|パラメータ|の値|\bparameter\b|\bvalue\b)\s*", re.IGNORECASE)


@dataclass
class Mentions:
    """What one text names, as JSON-ready dicts, plus the slips repaired on the way."""

    entities: list[dict] = field(default_factory=list)
    settings: list[dict] = field(default_factory=list)
    requirements: list[dict] = field(default_factory=list)
    topics: list[URIRef] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)


def _labels(store: Store, iri: URIRef) -> dict[str, str]:
    labels = catalog(store).labels_of(iri)
    return {"en": labels.get("en", ""), "ja": labels.get("ja", "")}


def _word_repairs(surface: str, names: list[str]) -> list[str]:
    """Latin words of ``surface`` that are not words of any of its names: typos read as a name."""
    known = {w.casefold() for n in names for w in _WORD.findall(n)}
    out = []
    for w in _WORD.findall(surface):
        if len(w) < 4 or w.casefold() in known or any(w.casefold().startswith(k) for k in known if len(k) >= 4):
            continue
        best = max((k for n in names for k in _WORD.findall(n)), key=lambda k: fuzz.ratio(w.casefold(), k.casefold()),
                   default=None)
        if best and fuzz.ratio(w.casefold(), best.casefold()) >= 80:
            out.append(f"{w} → {best}")
    return out


def read_mentions(store: Store, text: str) -> Mentions:
    """Entities, settings, requirements and topics named in ``text`` (module docs)."""
    cat = catalog(store)
    a = analyse(text)
    reqs, mentions, topics = recognise_all(store, a)
    out = Mentions(topics=sorted({h.key for h in topics}))  # type: ignore[misc]
    seen: set[object] = set()
    for h in mentions:
        if h.key in seen:
            continue
        seen.add(h.key)
        surface = a.span(h.start, h.end)
        out.entities.append({"iri": str(h.key), "label": _labels(store, h.key),  # type: ignore[arg-type]
                             "class": str(cat.type_of(h.key)).rsplit("#", 1)[-1], "matched": surface})
        out.repairs += _word_repairs(surface, [n for n, _ in cat.names_of(h.key)])  # type: ignore[arg-type]
    for h in reqs:
        if h.key in seen:
            continue
        seen.add(h.key)
        out.requirements.append({"iri": str(h.key), "label": _labels(store, h.key),  # type: ignore[arg-type]
                                 "matched": a.span(h.start, h.end),
                                 "negated": negated(a, h, cat.names_of(h.key))})  # type: ignore[arg-type]
    model = value_model(store)
    # 「MaxConcurrency パラメータを 1 に」: the word "parameter" between a name and its value
    stated = stated_values(store, _PARAM_WORD.sub(" ", text))
    problems = {(str(p.get("parameter")), str(p.get("value"))): p for p in range_problems(model, stated)}
    for s in stated:
        names = model.params[s.parameter].names if s.parameter in model.params else []
        written = re.match(r"[A-Za-z][A-Za-z._-]*", s.text)
        plain = [n for n in names if " " not in n] or names
        api = max(plain, key=lambda n: fuzz.ratio(n.casefold(), (written.group() if written else s.text).casefold()),
                  default="")
        if written and api and written.group() != api and written.group().casefold() != api.casefold():
            out.repairs.append(f"{written.group()} → {api}")
        if s.repaired:
            out.repairs.append(s.repaired)
        item = {"parameter": api or _labels(store, s.parameter)["en"], "iri": str(s.parameter), "value": s.value,
                "matched": s.text}
        if s.role is not None:
            item["role"] = str(s.role)
        problem = problems.get((str(s.parameter), s.value))
        if problem:
            item["valid"] = False
        if item not in out.settings:
            out.settings.append(item)
    out.repairs = list(dict.fromkeys(out.repairs))
    return out


_PRODUCT = re.compile(r"\b(?:Amazon|AWS|SageMaker)(?:\s+(?:SageMaker\s+)?[A-Z][A-Za-z0-9-]*){1,3}")


@per_store
def _known_names(store: Store) -> frozenset[str]:
    """Every name of every entity, case-folded (read once per store)."""
    cat = catalog(store)
    return frozenset(n.casefold() for iri in cat.labels for n, _ in cat.names_of(iri))


def new_names(store: Store, text: str, known: list[dict]) -> list[str]:
    """Product-like names (``Amazon X``, ``SageMaker Y``) the graph does not know.

    >>> from graph.store import load_store
    >>> new_names(load_store(), "Use Amazon Froobnicator with SageMaker Clarify", [])
    ['Amazon Froobnicator']
    """
    names = _known_names(store)
    matched = " ".join(e.get("matched", "") for e in known).casefold()
    out = []
    for m in _PRODUCT.finditer(text):
        name = m.group().strip()
        bare = re.sub(r"^(?:Amazon|AWS)\s+", "", name).casefold()
        if {name.casefold(), bare} & names or bare in matched or name.casefold() in matched:
            continue
        if name not in out:
            out.append(name)
    return out
