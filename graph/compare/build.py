"""Comparison tables generated from the graph: every cell is a sourced ``ComparisonValue``.

A group (``kb:cmp-inference`` …) lists its members and dimensions; a custom selection
takes the dimensions its items have values for. A cell with no value is ``—``, never guessed.

>>> from graph.compare.render import to_csv
>>> from graph.store import load_store
>>> from ontology import KB
>>> kb = load_store()
>>> t = compare(kb, resolve_group(kb, "inference"), lang="en")
>>> t.text(KB["serverless-inference"], KB["dim-gpu"])
'No'
>>> to_csv(t).splitlines()[0].split(",")[:2]
['Option', 'Idle cost']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import pandas as pd
from rapidfuzz import fuzz, process
from rdflib import Literal, URIRef

from graph.compare.render import HEAD
from graph.compare.table import Cell, ComparisonTable, Entry, GroupInfo
from graph.errors import UsageError
from graph.lexicon.names import norm
from graph.lexicon.read import lexicon
from graph.reason.describe import Source, sources_for
from graph.reason.resolve import MAX_NAME_CHARS, resolve, search
from graph.store.base import Store
from ontology import AWSKG, KB

_NOT_OPTIONS = {AWSKG.Dimension, AWSKG.ComparisonValue, AWSKG.ComparisonGroup}

__all__ = ["list_groups", "find_group", "resolve_group", "resolve_items", "compare", "compare_names"]

# ---------------------------------------------------------------- groups


def list_groups(store: Store, lang: str = "en", *,
                only: Sequence[URIRef] | None = None) -> list[GroupInfo]:
    """Every comparison group (or just those in ``only``) with its members, in list order
    (three queries; with ``only`` each is bound to those groups, so a big graph's hundreds
    of groups are not read to draw one).

    >>> from graph.store import load_store
    >>> [g.notation for g in list_groups(load_store())][:3]
    ['inference', 'monitoring', 'emr']
    """
    names: dict[URIRef, dict] = {}
    bound = {"group": list(only)} if only is not None else {}
    for r in store.select("compare_groups", **bound):
        g = names.setdefault(r["group"], {"notation": "", "order": None, "pref": {}, "alt": [],
                                          "definition": {}})
        if r["notation"] is not None:
            g["notation"] = str(r["notation"])
        if r["order"] is not None:
            g["order"] = float(r["order"])
        if r["label"] is not None:
            kind, lab = str(r["kind"]), r["label"]
            if kind == "alt":
                if str(lab) not in g["alt"]:
                    g["alt"].append(str(lab))
            else:
                g[kind][lab.language or "en"] = str(lab)
    members: dict[URIRef, list[tuple[float, URIRef]]] = defaultdict(list)
    dims: dict[URIRef, list[URIRef]] = defaultdict(list)
    for r in store.select("compare_group_parts", **bound):
        if str(r["kind"]) == "member":
            pos = float(r["pos"]) if r["pos"] is not None else float("inf")
            if r["part"] not in [m for _, m in members[r["group"]]]:
                members[r["group"]].append((pos, r["part"]))
        elif r["part"] not in dims[r["group"]]:
            dims[r["group"]].append(r["part"])
    labels = _entries(store, [m for ms in members.values() for _, m in ms])
    out = []
    for iri, g in names.items():
        ordered = sorted(members[iri], key=lambda pm: (pm[0], labels[pm[1]].label(lang).casefold()))
        out.append(GroupInfo(iri, g["notation"], g["pref"], sorted(g["alt"]), g["definition"],
                             [labels[m] for _, m in ordered], sorted(dims[iri]), g["order"]))
    return sorted(out, key=lambda g: (g.order if g.order is not None else 1e9, g.notation))


def _group_names(groups: list[GroupInfo]) -> dict[str, URIRef]:
    names: dict[str, URIRef] = {}
    for g in groups:
        for name in [g.notation, str(g.iri), "kb:" + str(g.iri)[len(str(KB)):],
                     *g.labels.values(), *g.alt_labels]:
            if name:
                names.setdefault(norm(name), g.iri)
    return names


def find_group(store: Store, name: str) -> URIRef | None:
    """The group ``name`` names exactly (notation, label or altLabel in ja/en, IRI), else None.

    >>> from graph.store import load_store
    >>> str(find_group(load_store(), "推論"))
    'https://w3id.org/awskg/id/cmp-inference'
    """
    return _group_names(list_groups(store)).get(norm(name or ""))


def _group_list(groups: list[GroupInfo]) -> str:
    return ", ".join(g.notation for g in groups)


def resolve_group(store: Store, name: str) -> URIRef:
    """Like :func:`find_group`, but an unknown name raises ``UsageError`` with did-you-mean."""
    groups = list_groups(store)
    names = _group_names(groups)
    found = names.get(norm(name or ""))
    if found is not None:
        return found
    raise UsageError(f"unknown comparison group {name!r} / 比較グループ {name!r} はありません; "
                     f"groups: {_group_list(groups)}", _group_suggestions(groups, name))


def _group_suggestions(groups: list[GroupInfo], name: str, fallback: bool = True) -> list[str]:
    """Groups whose names are close to ``name`` (every group when none is and ``fallback``)."""
    by_iri = {g.iri: g for g in groups}
    names = _group_names(groups)
    chosen: list[URIRef] = []
    hits = process.extract(norm(name or ""), list(names), scorer=fuzz.WRatio, limit=12)
    for key, score, _ in hits:
        if score >= 70 and names[key] not in chosen:
            chosen.append(names[key])
    if not chosen and fallback:
        chosen = [g.iri for g in groups]
    picked = [by_iri[i] for i in chosen]
    return [f"{g.notation} — {g.label('en')} / {g.label('ja')}" for g in picked]


# ---------------------------------------------------------------- items


def _option_suggestions(store: Store, name: str) -> list[str]:
    types = lexicon(store).types
    out = []
    for m in search(store, name, limit=12):
        if types.get(m.iri) not in _NOT_OPTIONS:
            iri = str(m.iri)
            short = "kb:" + iri[len(str(KB)):] if iri.startswith(str(KB)) else iri
            out.append(f"{m.label('en')} / {m.label('ja')}  ({short})")
    return out


def resolve_items(store: Store, names: Sequence[str]) -> list[URIRef]:
    """Options named by labels (ja/en) or IRIs, in order, without duplicates.

    An unknown name raises ``UsageError`` with did-you-mean suggestions in both languages.

    >>> from graph.store import load_store
    >>> [str(i)[-20:] for i in resolve_items(load_store(), ["kb:serverless-inference"])]
    ['serverless-inference']
    """
    out: list[URIRef] = []
    types = lexicon(store).types
    for name in names:
        try:
            iri = resolve(store, name)
        except UsageError:
            groups = list_groups(store)
            hint = _group_suggestions(groups, name, fallback=False) if len(names) == 1 else []
            raise UsageError(
                f"unknown comparison group or option {name!r} / 比較グループ・選択肢 {name!r} が見つかりません"
                f" (groups / グループ: {_group_list(groups)})",
                (hint + _option_suggestions(store, name))[:8] or _group_suggestions(groups, name),
            ) from None
        if types.get(iri) in _NOT_OPTIONS:
            raise UsageError(f"{name!r} names a comparison group or dimension, not an option / "
                             f"{name!r} は比較グループか観点で、選択肢ではありません",
                             _option_suggestions(store, name))
        if iri not in out:
            out.append(iri)
    return out


def compare_names(store: Store, names: Sequence[str], lang: str = "en",
                  diff_only: bool = False) -> ComparisonTable:
    """The CLI's rule: one name that is a group → that group; otherwise a custom selection.

    >>> from graph.store import load_store
    >>> compare_names(load_store(), ["emr"]).group.notation
    'emr'
    """
    names = [n for n in names if n and n.strip()]
    for n in names:
        if len(n) > MAX_NAME_CHARS:
            raise UsageError(f"a name or IRI is at most {MAX_NAME_CHARS:,} characters (got {len(n):,})")
    if not names:
        groups = list_groups(store)
        raise UsageError("name a comparison group or at least one option / 比較グループか選択肢を指定してください"
                         f" (groups / グループ: {_group_list(groups)})", _group_suggestions(groups, ""))
    if len(names) == 1:
        group = find_group(store, names[0])
        if group is not None:
            return compare(store, group, lang, diff_only)
    return compare(store, resolve_items(store, names), lang, diff_only)


# ---------------------------------------------------------------- the table


def _entries(store: Store, iris: Sequence[URIRef]) -> dict[URIRef, Entry]:
    iris = list(dict.fromkeys(i for i in iris if isinstance(i, URIRef)))
    out = {i: Entry(i) for i in iris}
    if not iris:
        return out
    plain: dict[URIRef, dict[str, str]] = defaultdict(dict)
    for r in store.select("compare_labels", entity=iris):
        e, kind, lab = out[r["entity"]], str(r["kind"]), r["label"]
        if kind == "pref":
            e.labels[lab.language or "en"] = str(lab)
        elif kind == "label":
            plain[e.iri].setdefault(lab.language or "en", str(lab))
        elif kind == "notation":
            e.notation = str(lab)
        elif kind == "order":
            try:
                e.order = float(lab)
            except (TypeError, ValueError):
                pass
    for iri, labs in plain.items():
        for lang, text in labs.items():
            out[iri].labels.setdefault(lang, text)
    return out


def compare(store: Store, target: URIRef | Sequence[URIRef], lang: str = "en",
            diff_only: bool = False) -> ComparisonTable:
    """The table of a group IRI, or of a list of option IRIs (dimensions = those with values).

    >>> from graph.store import load_store
    >>> t = compare(load_store(), [KB["emr-task-node"]], "ja")
    >>> t.text(KB["emr-task-node"], KB["dim-emr-api-role"])
    'TASK'
    """
    group = None
    if isinstance(target, str):  # one IRI given as text means a group, never a list of characters
        target = URIRef(target)
    if isinstance(target, URIRef):
        group = next((g for g in list_groups(store, lang, only=[target]) if g.iri == target), None)
        if group is None:
            raise UsageError(f"{target} is not a comparison group")
        items, dims = [m.iri for m in group.members], list(group.dimensions)
        rows = store.select("compare_cells", item=items, dim=dims) if items and dims else []
    else:
        items, dims = list(dict.fromkeys(target)), []
        rows = store.select("compare_cells", item=items) if items else []

    raw: dict[tuple[URIRef, URIRef], dict] = {}
    for r in rows:
        c = raw.setdefault((r["item"], r["dim"]), {"value": r["value"], "text": {}, "sources": [],
                                                   "corrections": [], "detail": []})
        kind, o = str(r["kind"]), r["o"]
        if kind == "text" and isinstance(o, Literal):
            c["text"][o.language or "en"] = str(o)
        elif kind in ("source", "correction"):
            key = "sources" if kind == "source" else "corrections"
            if o not in c[key]:
                c[key].append(o)
        elif kind == "detail" and str(o) not in c["detail"]:
            c["detail"].append(str(o))
    if group is None:
        dims = list(dict.fromkeys(d for (_, d) in raw))
    known = sources_for(store, [s for c in raw.values() for s in c["sources"]])
    fix_iris = [f for c in raw.values() for f in c["corrections"]]
    entries = _entries(store, [*items, *dims, *fix_iris])
    cells = {
        key: Cell(c["value"], c["text"],
                  sorted((known.get(s) or Source(s, "doc") for s in c["sources"]),
                         key=lambda s: (s.kind != "note", str(s.iri))),
                  sorted(c["corrections"]), "; ".join(sorted(c["detail"])))
        for key, c in raw.items()
    }
    dim_entries = sorted((entries[d] for d in dims), key=lambda e: (
        e.order if e.order is not None else 1e9, e.label(lang).casefold()))
    item_entries = [entries[i] for i in items]
    dropped: list[Entry] = []
    if diff_only:
        kept = []
        for d in dim_entries:
            shown = {cells.get((i.iri, d.iri), Cell()).display(lang) for i in item_entries}
            (kept if len(shown) > 1 else dropped).append(d)
        dim_entries = kept
    df = pd.DataFrame(
        [[cells.get((i.iri, d.iri), Cell()).display(lang) for d in dim_entries]
         for i in item_entries],
        index=pd.Index([i.label(lang) for i in item_entries], name=HEAD.get(lang, HEAD["en"])),
        columns=[d.label(lang) for d in dim_entries], dtype=object,
    )
    return ComparisonTable(lang, group, item_entries, dim_entries, cells,
                           {f: entries[f] for f in fix_iris}, df, diff_only, dropped)
