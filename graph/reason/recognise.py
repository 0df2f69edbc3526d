"""Recognising what a text names: requirements, capabilities and services, topics, and negation.

>>> from graph.lexicon.names import local_name
>>> from graph.store import load_store
>>> reqs, named = recognise(load_store(), analyse("リアルタイム推論は毎晩の処理に向く？"))
>>> [local_name(h.key) for h in reqs], [local_name(h.key) for h in named]
(['req-infrequent-invocation'], ['real-time-inference'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rdflib import URIRef

from graph.lexicon.catalog import MENTION_TYPES, TOPIC_TYPES
from graph.lexicon.read import catalog
from graph.store.base import Store
from graph.text.analysis import Analysed, analyse
from graph.text.gazetteer import Hit
from ontology import AWSKG

__all__ = ["recognise", "recognise_all", "negated"]


def _suppresses(g: Hit, h: Hit, hits: list[Hit], types: Mapping[object, URIRef | None]) -> bool:
    """Whether hit ``g`` hides hit ``h`` (which lies inside it).

    A longer requirement hides a shorter one inside it. A capability's name hides
    a one-word requirement inside it (リアルタイム inside リアルタイム推論), but not a
    phrase ("data drift" inside "data drift monitoring" is still asked for), and
    not when the name straddles another requirement (in "near real-time delivery
    streaming", "delivery stream" is not Firehose).
    """
    if g.key == h.key or not g.contiguous or not (g.start <= h.start and h.end <= g.end):
        return False
    if (g.end - g.start, g.units) <= (h.end - h.start, h.units):
        return False
    if types.get(g.key) == AWSKG.Requirement:
        return True
    if h.units != 1 or g.units < 2:
        return False
    return not any(o is not h and types.get(o.key) == AWSKG.Requirement and o.start < g.end
                   and g.start < o.end and not (g.start <= o.start and o.end <= g.end) for o in hits)


def recognise(store: Store, a: Analysed) -> tuple[list[Hit], list[Hit]]:
    """(requirement hits, capability/service mentions) in an analysed text, in text order."""
    reqs, mentions, _topics = recognise_all(store, a)
    return reqs, mentions


def recognise_all(store: Store, a: Analysed) -> tuple[list[Hit], list[Hit], list[Hit]]:
    """Requirement hits, capability/service mentions and topic words, each in text order.

    Topic words neither hide nor are hidden by the other names, and count inside a
    requirement's words too ("monitor" in "monitor bias drift"); a negated one
    ("without training a model") does not count.
    """
    cat = catalog(store)
    assert cat.gazetteer is not None
    found = cat.gazetteer.find(a)
    types = {h.key: cat.type_of(h.key) for h in found}
    hits = [h for h in found if types[h.key] not in TOPIC_TYPES]
    kept = [h for h in hits if not any(_suppresses(g, h, hits, types) for g in hits)]
    reqs = [h for h in kept if types[h.key] == AWSKG.Requirement]
    mentions = [h for h in kept if types[h.key] in MENTION_TYPES]
    topics = [h for h in found if types[h.key] in TOPIC_TYPES and not negated(a, h)]
    return (sorted(reqs, key=lambda h: h.start), sorted(mentions, key=lambda h: h.start),
            sorted(topics, key=lambda h: h.start))


_NEG_BEFORE = re.compile(r"(?:\b(?:don['’]?t|do not|doesn['’]?t|does not|did not|won['’]?t|no need|"
                         r"(?:do|does|did) not have to|doesn['’]?t have to|don['’]?t have to|without)"
                         r"(?:\s+(?:need|want|require|care about|to|for|of|be|a|an|any))?(?:\s+[\w-]+){0,2}\s*)$")
#: "no X needed": "no" right before the name, "needed" within two words after it
_NO_BEFORE = re.compile(r"\bno\s+$")
_NEEDED_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,2}(?:is\s+|are\s+)?(?:needed|required|necessary)\b")
_NEG_AFTER = re.compile(r"^\s*(?:(?:[\w-]+\s+){0,2}(?:is|are)\s+)?(?:not|n['’]t)\s+(?:needed|required|necessary|a concern|"
                        r"important)"
                        r"|^\s*(?:isn['’]t|aren['’]t)\s+(?:needed|required|necessary|important)"
                        r"|^\s*(?:の[^、。,.！？!?\s]{1,8}?)?\s*(?:は|が|も)?\s*(?:不要|いらない|要らない|必要ない|"
                        r"必要なし|必要ありません|必要はない|必要はありません|求められない|求められていない|"
                        r"なくてよい|なくていい|なくても(?:よい|いい|かまわない|構わない)|気にしない|問わない)")
_NEGATIVE_NAME = re.compile(r"\b(?:no|not|without|never)\b|防ぐ|ない")


def negated(a: Analysed, h: Hit, names: Iterable[tuple[str, str]] = ()) -> bool:
    """Whether the text says it does *not* need this ("no need for a GPU", 「GPU は不要」,
    "no real-time response needed", 「リアルタイムの応答は不要」).

    Only the words right around the label count. A requirement that is itself a
    negation ("no data loss") is read as written: "without data loss" asks for it.

    >>> a = analyse("no real-time response needed")
    >>> negated(a, Hit(None, "real-time", 1.0, 3, 12, 9, 1))
    True
    >>> negated(analyse("without data loss"), Hit(None, "data loss", 1.0, 8, 17, 8, 2), [("no data loss", "en")])
    False
    """
    def negative(tokens: list) -> bool:
        return any(t.kind == "w" and (t.surface in ("not", "no", "never", "without")
                                      or t.surface.endswith(("n't", "n’t"))) for t in tokens)

    inside = [t for t in a.tokens if h.start <= t.start and t.end <= h.end]
    if negative(inside) and not negative(analyse(h.label).tokens):
        return True  # "GPU isn't needed" matched the label "needs a GPU" around its negation
    before = a.text[max(0, h.start - 40):h.start]
    after = a.text[h.end:h.end + 28]
    if _NEG_AFTER.search(after):
        return True
    if any(_NEGATIVE_NAME.search(text.casefold()) for text, _ in names):
        return False  # "without data loss" wants the requirement "no data loss"
    if re.match(r"(?:need|require)", a.text[h.start:h.end]) and re.search(r"\b(?:no|not)\s*$", before):
        return True  # "no need for GPUs": the label itself starts with "need"
    if _NO_BEFORE.search(before) and _NEEDED_AFTER.search(after):
        return True
    return bool(_NEG_BEFORE.search(before))
