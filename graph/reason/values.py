"""Values stated in a question or an option: ``MaxConcurrency 200``, ``InitialInstanceCount=0``,
"task nodes on Spot" — read, checked against the API's documented range, and compared with the
settings of known solutions.

Two kinds of statement are read:

* a parameter named (its API name or label, tolerant of OCR slips: ``InitiallnstanceCount``)
  followed by a value (``= 0``, ``of 200``, ``を 1 に``; a letter ``O`` where a digit belongs is
  read as ``0`` and reported as a repair);
* a value that stands for a capability (``MarketType = SPOT`` *means* "EC2 Spot Instances",
  ``awskg:valueMeans``) said of a role the setting is scoped to (an EMR node type,
  ``awskg:relatedTo``): "primary and core On-Demand, task nodes on Spot", "all nodes on Spot".

A solution *conflicts* with an option when it sets the same parameter (for the same role) to
another value; such a solution is never what the option means.

>>> from graph.store import load_store
>>> kb = load_store()
>>> [(s.value, s.text) for s in stated_values(kb, "Serverless Inference with MaxConcurrency 200")]
[('200', 'MaxConcurrency 200')]
>>> sorted({s.value for s in stated_values(kb, "all nodes on Spot")})
['SPOT']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.lexicon.read import catalog
from graph.store.base import Store
from graph.store.cache import per_store
from graph.text.analysis import analyse

__all__ = ["Stated", "ValueModel", "value_model", "stated_values", "conflicts", "range_problems"]

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_VALUE_AFTER = re.compile(
    r"^\s*[\"”')\]]?\s*(?:=|:|＝|：|is|of|to|set to|at|equal to|equals)?\s*(?:を|は|が|＝|=)?\s*"
    r"(?P<v>" + _NUMBER + r"|zero|one|two|three|four|five|ten|[Oo](?![A-Za-z0-9])|[A-Za-z][A-Za-z_-]{1,40})")
_WORD_NUMBERS = {"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "ten": "10"}
_ALL_NODES = re.compile(r"\b(?:all|every|each)\s+(?:of\s+the\s+)?(?:\w+\s+)?(?:nodes?|instances?)\b"
                        r"|全ノー?ド|全てのノー?ド|すべてのノー?ド|全部|全て|すべて", re.I)
#: what joins roles that share one value: "primary and core", "primary, core", "プライマリとコア"
_JOIN = re.compile(r"s?\s*(?:,|and|or|&|/|と|・)\s*", re.I)
_CLAUSE = re.compile(r"[,;、；。]|\band\s+(?=\w+\s+nodes?\s+(?:on|as|use))", re.I)


@dataclass(frozen=True)
class Stated:
    """A value the text gives a parameter (for one role, when the setting is scoped to one)."""

    parameter: URIRef
    value: str
    role: URIRef | None = None
    text: str = ""
    repaired: str = ""  # e.g. "O → 0": an OCR-like slip read as meant


@dataclass
class _Param:
    names: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)  # one per name, OCR-tolerant
    min: float | None = None
    max: float | None = None
    allowed: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class ValueModel:
    """Parameters, settings and which solution sets what; read once per store."""

    params: dict[URIRef, _Param] = field(default_factory=dict)
    #: solution → {(parameter, role or None): value}
    solutions: dict[URIRef, dict[tuple[URIRef, URIRef | None], str]] = field(default_factory=dict)
    #: capability a value stands for → [(parameter, value)]
    means: dict[URIRef, list[tuple[URIRef, str]]] = field(default_factory=dict)
    #: role capability → parameters scoped to it
    roles: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    #: solution → parameters it sets to a value the API refuses (the point of that option)
    invalid: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    #: role capability → the pattern of its names in analysed text
    role_patterns: dict[URIRef, re.Pattern[str]] = field(default_factory=dict)


def _canon(value: object) -> str:
    text = str(value).strip()
    try:
        number = float(text)
    except ValueError:
        return text.upper().replace("-", "_").replace(" ", "_")
    return str(int(number)) if number == int(number) else str(number)


def _fold(text: str) -> str:
    # OCR slips of API names: l for I (InitiallnstanceCount), and case
    return re.sub(r"[\s._-]", "", text).casefold().replace("l", "i")


@per_store
def value_model(store: Store) -> ValueModel:
    """The store's :class:`ValueModel` (one ``stated_values`` query, read once per store)."""
    cat = catalog(store)
    model = ValueModel()
    settings: dict[URIRef, dict[str, list[object]]] = {}
    for row in store.select("stated_values"):
        iri, key, value = row["entity"], str(row["key"]), row["value"]
        if key in ("api", "min", "max", "allowed", "source"):
            p = model.params.setdefault(iri, _Param())
            if key == "api":
                for part in re.split(r"[.()\s]+", str(value)):
                    if len(part) >= 6 and part not in p.names:
                        p.names.append(part)
            elif key in ("min", "max") and isinstance(value, Literal):
                try:
                    setattr(p, key, float(value))
                except ValueError:
                    pass
            elif key == "allowed":
                p.allowed.append(_canon(value))
            else:
                p.sources.append(str(value))
        else:
            settings.setdefault(iri, {}).setdefault(key, []).append(value)
    for p_iri, p in model.params.items():
        for name, _lang in cat.names_of(p_iri):
            if len(name) >= 6 and " " in name.strip() and name not in p.names:
                p.names.append(name)
    for p in model.params.values():
        p.patterns = [_name_pattern(name) for name in p.names]
    for facts in settings.values():
        params, values = facts.get("param", []), facts.get("value", [])
        if not params or not values:
            continue
        param, value = params[0], _canon(values[0])
        role = next((r for r in facts.get("role", []) if isinstance(r, URIRef)), None)
        for cap in facts.get("means", []):
            model.means.setdefault(cap, []).append((param, value))  # type: ignore[arg-type]
        if role is not None and facts.get("means"):
            model.roles.setdefault(role, set()).add(param)  # type: ignore[arg-type]
        for sol in facts.get("solution", []):
            key = (param, role if facts.get("means") else None)
            model.solutions.setdefault(sol, {})[key] = value  # type: ignore[index]
            if any(str(v).lower() == "false" for v in facts.get("valid", [])):
                model.invalid.setdefault(sol, set()).add(param)  # type: ignore[arg-type]
    model.role_patterns = _role_patterns(store, model)
    return model


def _name_pattern(name: str) -> re.Pattern[str]:
    """A parameter name as written in notes: any case, optional separators, l for I."""
    return re.compile(r"(?<![A-Za-z])" + r"[\s._-]?".join(
        "[lI]" if ch.casefold() in "il" else re.escape(ch) for ch in re.sub(r"[\s._-]", "", name))
        + r"(?![A-Za-z])", re.I)


def _named_values(model: ValueModel, text: str) -> list[Stated]:
    out: list[Stated] = []
    folded_text = text
    for p_iri, p in model.params.items():
        for pattern in p.patterns:
            for m in pattern.finditer(folded_text):
                v = _VALUE_AFTER.match(folded_text[m.end():m.end() + 60])
                if not v:
                    continue
                raw = v.group("v")
                repaired = ""
                if raw in ("O", "o"):
                    raw, repaired = "0", f"{raw} → 0"
                raw = _WORD_NUMBERS.get(raw.casefold(), raw)
                if not re.fullmatch(_NUMBER, raw) and _canon(raw) not in p.allowed:
                    continue  # "MaxConcurrency is low": a word that is not one of its values
                out.append(Stated(p_iri, _canon(raw), None, text[m.start():m.end() + v.end()].strip(),
                                  repaired))
            if any(s.parameter == p_iri for s in out):
                break
    return out


_NODE_WORD = re.compile(r"\b(?:nodes?|instances?)\b|ノー?ド|インスタンス")


def _role_patterns(store: Store, model: ValueModel) -> dict[URIRef, re.Pattern[str]]:
    """Each role's names, also without the class noun ("task node" → "task"), as one pattern."""
    cat = catalog(store)
    out = {}
    for role in model.roles:
        words: set[str] = set()
        for name, _lang in cat.names_of(role):
            n = analyse(name).text
            words.add(n)
            short = re.sub(r"^(?:emr|amazon emr)\s*|\s*(?:nodes?|ノー?ド)$", "", n).strip()
            if len(short) >= 3:
                words.add(short)
        alts = sorted(words, key=len, reverse=True)
        out[role] = re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, alts)) + r")(?![a-z])")
    return out


def _role_values(store: Store, model: ValueModel, text: str) -> list[Stated]:
    if not model.roles:
        return []
    a = analyse(text)
    patterns = model.role_patterns
    named = {role for role, pat in patterns.items() if pat.search(a.text)}
    if not _NODE_WORD.search(a.text) and len(named) < 2:
        return []  # "core" and "task" are roles only where nodes (or several roles) are spoken of
    gaz = catalog(store).gazetteer
    hits = gaz.find(a) if gaz is not None else []
    values = sorted({(h.start, h.key) for h in hits if h.key in model.means}, key=lambda x: x[0])
    if not values:
        return []
    spans = sorted({(m.start(), m.end(), role) for role, pat in patterns.items()
                    for m in pat.finditer(a.text)}, key=lambda x: x[0])
    cuts = [m.start() for m in _CLAUSE.finditer(a.text)]

    def clause(pos: int) -> int:
        return sum(c <= pos for c in cuts)

    def value_for(pos: int) -> URIRef | None:
        same = [(s, k) for s, k in values if clause(s) == clause(pos)]
        after = [k for s, k in same if s > pos] or [k for s, k in sorted(same, reverse=True) if s < pos]
        if after:
            return after[0]  # type: ignore[return-value]
        before = [k for s, k in sorted(values, reverse=True) if s < pos]
        return before[0] if before else None  # type: ignore[return-value]

    # "on-demand primary and core nodes and Spot task nodes": a value right before a role is
    # that role's, and roles joined by "and" or a comma share one value — the first one's
    # premodifier, or else what the last one is said to run on ("primary and core nodes on
    # On-Demand").
    value_hits = [hit for hit in hits if hit.key in model.means]
    premod: dict[int, URIRef] = {}
    for i, (start, _end, _role) in enumerate(spans):
        for hit in value_hits:
            if hit.end <= start and not a.text[hit.end:start].strip(" -"):
                premod[i] = hit.key  # type: ignore[assignment]
    groups: list[list[int]] = []
    for i, (start, _end, _role) in enumerate(spans):
        if groups and _JOIN.fullmatch(a.text[spans[groups[-1][-1]][1]:start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    chosen: dict[int, URIRef | None] = {}
    for group in groups:
        shared = premod.get(group[0]) or value_for(spans[group[-1]][0])
        for i in group:
            chosen[i] = premod.get(i) or shared

    out: dict[tuple[URIRef, URIRef], Stated] = {}
    for i, (pos, _end, role) in enumerate(spans):
        cap = chosen[i]
        for param, value in dict.fromkeys(model.means.get(cap, []) if cap is not None else []):
            if param in model.roles[role]:
                out.setdefault((param, role), Stated(param, value, role, a.span(pos, pos + 1)))
    for m in _ALL_NODES.finditer(a.text):
        cap = value_for(m.start())
        for param, value in dict.fromkeys(model.means.get(cap, []) if cap is not None else []):
            for role, params in model.roles.items():
                if param in params:
                    out.setdefault((param, role), Stated(param, value, role, m.group()))
    return list(out.values())


def stated_values(store: Store, text: str) -> list[Stated]:
    """Every parameter value the text states (see the module docs)."""
    model = value_model(store)
    return _named_values(model, text) + _role_values(store, model, text)


def conflicts(model: ValueModel, solution: URIRef, stated: list[Stated]) -> list[tuple[Stated, str]]:
    """(what the text says, what the solution sets instead) for every disagreement."""
    sets = model.solutions.get(solution, {})
    return [(s, sets[(s.parameter, s.role)]) for s in stated
            if (s.parameter, s.role) in sets and sets[(s.parameter, s.role)] != s.value]


def range_problems(model: ValueModel, stated: list[Stated]) -> list[dict]:
    """A stated value outside its parameter's documented range or set, with the range and source."""
    out = []
    for s in stated:
        p = model.params.get(s.parameter)
        if p is None:
            continue
        try:
            number = float(s.value)
        except ValueError:
            number = None
        if number is not None:
            low = p.min is not None and number < p.min
            high = p.max is not None and number > p.max
            if not (low or high):
                continue
            if p.min is not None and p.max is not None:
                span = f"{_canon(p.min)}–{_canon(p.max)}"
                en, ja = f"outside the documented range {span}", f"ドキュメントの範囲 {span} の外"
            elif p.min is not None:
                span = f"≥ {_canon(p.min)}"
                en, ja = f"below the documented minimum {_canon(p.min)}", f"ドキュメントの最小値 {_canon(p.min)} 未満"
            else:
                span = f"≤ {_canon(p.max)}"
                en, ja = f"above the documented maximum {_canon(p.max)}", f"ドキュメントの最大値 {_canon(p.max)} 超"
            en, ja = f"{s.text}: {en}", f"{s.text}: {ja}"
        elif p.allowed and s.value not in p.allowed:
            span = ", ".join(p.allowed)
            en, ja = f"{s.text}: not one of {span}", f"{s.text}: 取りうる値（{span}）のどれでもない"
        else:
            continue
        out.append({"parameter": str(s.parameter), "value": s.value, "range": span,
                    "sources": list(p.sources), "text": {"en": en, "ja": ja}})
    return out
