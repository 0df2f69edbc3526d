"""Assessments of recognised requirements: the reasons, the verdict, the score and the ranking.

One ``fit_assessments`` query (the requirement IRIs in a ``VALUES`` block) returns
every assessment of those requirements, one fact per row. A subject's reasons are
its assessments, and nothing else decides its verdict:

* **does-not-fit** if it was judged not to fit any recognised requirement;
* **fits** only if it was judged to fit *every* recognised requirement;
* **partial** otherwise: some requirement fits only partly, or was **not assessed**
  for this subject (shown as "?", never silently ignored).

The **score** is the share of the recognised requirements the subject is
documented to meet — fits = 1, partial = ½, not assessed = 0, each weighted by how
surely the requirement was recognised — and 0 for does-not-fit. So a fit scores
1, a partial between 0 and 1, a does-not-fit 0: the number can never put a
does-not-fit above a fit.

Ranking: every ``fits``, then ``partial`` (score descending), then
``does-not-fit``; ties go to the option assessed on more of the requirements,
then to one that is or uses what the query names (EMR, Clarify …), then to the
one whose scenario states exactly these requirements, then to the notes'
answer, then to the one whose reasons the notes back.

>>> from graph.store import load_store
>>> rs = assess(load_store(), {KB["req-infrequent-invocation"]: 1.0})
>>> rs[0].verdict
'fits'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from graph.lexicon.names import local_name, verdict_name
from graph.reason.badges import Badge, badges_for, provenance
from graph.store.base import Store
from graph.store.cache import per_store
from ontology import AWSKG, KB

__all__ = ["Correction", "Reason", "Result", "assess", "corrections", "source_id", "VERDICT_RANK",
           "NOT_ASSESSED", "rank_key"]

#: Worst first. "not-assessed" is a reason's verdict only, never a result's.
VERDICT_RANK = {"does-not-fit": 0, "not-assessed": 1, "partial": 1, "fits": 2}
NOT_ASSESSED = "not-assessed"
_NOT_ASSESSED_TEXT = {"en": "Not assessed against this requirement in the graph.",
                      "ja": "この要件に対する評価はグラフにありません。"}
_VALUE = {"fits": 1.0, "partial": 0.5, "does-not-fit": 0.0}
#: Above this many assessed subjects, reasons are read only for the best ranked ones.
MAX_SUBJECTS = 200
_TYPE_ORDER = [AWSKG.Solution, AWSKG.Capability, AWSKG.Service]


def source_id(iri: URIRef) -> str:
    """``kb:note-13`` → ``note:13`` (the contract's spelling); documents stay URLs.

    >>> source_id(KB["note-13"]), source_id(URIRef("https://docs.aws.amazon.com/x.html"))
    ('note:13', 'https://docs.aws.amazon.com/x.html')
    """
    text = str(iri)
    if text.startswith(str(KB) + "note-"):
        return "note:" + text[len(str(KB)) + 5:]
    return text


@dataclass
class Correction:
    """Where the notes disagree with AWS documentation (a badge on a reason or result)."""

    iri: URIRef
    labels: dict[str, str] = field(default_factory=dict)
    note_says: dict[str, str] = field(default_factory=dict)
    sources_say: dict[str, str] = field(default_factory=dict)
    verdict: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class Reason:
    """One assessment: how the subject fares on one requirement, why, and the sources."""

    requirement: URIRef
    verdict: str  # fits, partial, does-not-fit, or not-assessed (no assessment exists)
    text: dict[str, str]
    sources: list[str]
    assessment: URIRef | None
    corrections: list[Correction] = field(default_factory=list)
    #: whether the assessment itself (not only a correction of it) comes from the notes
    from_notes: bool = False

    def to_json(self) -> dict:
        """The reason as in the ``awskg fit --json`` contract."""
        return {"requirement": str(self.requirement), "verdict": self.verdict,
                "text": {"en": self.text.get("en", ""), "ja": self.text.get("ja", "")},
                "sources": list(self.sources), "provenance": provenance(self.sources)}


@dataclass
class Result:
    """A ranked subject (a Solution or a Capability) with its reasons."""

    iri: URIRef
    labels: dict[str, str]
    type: str
    verdict: str
    score: float
    reasons: list[Reason]
    corrections: list[Correction] = field(default_factory=list)
    scenarios: list[URIRef] = field(default_factory=list)
    answer_of: list[URIRef] = field(default_factory=list)
    uses: list[URIRef] = field(default_factory=list)
    mentioned: bool = False
    scenario_requirements: list[URIRef] = field(default_factory=list)
    #: settings it applies that the API does not accept, by language ({"en": "InitialInstanceCount = 0"})
    invalid_settings: list[dict[str, str]] = field(default_factory=list)
    #: topics it belongs to (inference hosting, EMR cluster cost …), from its own data or its scenario's
    topics: list[URIRef] = field(default_factory=list)
    #: drafts and availability changes (its own and those of what it uses)
    badges: list[Badge] = field(default_factory=list)

    @property
    def coverage(self) -> dict[str, int]:
        """How many of the recognised requirements it fits, partly fits, fails or was never assessed on."""
        worst: dict[URIRef, str] = {}
        for r in self.reasons:
            if r.requirement not in worst or VERDICT_RANK[r.verdict] < VERDICT_RANK[worst[r.requirement]]:
                worst[r.requirement] = r.verdict
        out = {"fits": 0, "partial": 0, "does-not-fit": 0, NOT_ASSESSED: 0}
        for v in worst.values():
            out[v] += 1
        return out

    def summary(self, lang: str = "en") -> str:
        """"fits 2 of 3 requirements; 1 not assessed" in ``lang``.

        >>> r = Result(KB["a"], {}, "Solution", "partial", 0.5, [
        ...     Reason(KB["r1"], "fits", {}, [], KB["x"]), Reason(KB["r2"], NOT_ASSESSED, {}, [], None)])
        >>> r.summary("en"), r.summary("ja")
        ('fits 1 of 2 requirements; 1 not assessed', '要件 2 件中 1 件に適合、1 件は未評価')
        """
        c = self.coverage
        n = sum(c.values())
        if lang == "ja":
            parts = [f"要件 {n} 件中 {c['fits']} 件に適合"]
            parts += [f"{c['partial']} 件は部分的"] if c["partial"] else []
            parts += [f"{c['does-not-fit']} 件に不適合"] if c["does-not-fit"] else []
            parts += [f"{c[NOT_ASSESSED]} 件は未評価"] if c[NOT_ASSESSED] else []
            return "、".join(parts)
        parts = [f"fits {c['fits']} of {n} requirement{'s' if n != 1 else ''}"]
        parts += [f"{c['partial']} partly"] if c["partial"] else []
        parts += [f"{c['does-not-fit']} not"] if c["does-not-fit"] else []
        parts += [f"{c[NOT_ASSESSED]} not assessed"] if c[NOT_ASSESSED] else []
        return "; ".join(parts)

    def label(self, lang: str = "en") -> str:
        """Label in ``lang``, else the other language."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or local_name(self.iri)

    def to_json(self) -> dict:
        """The result as in the ``awskg fit --json`` contract."""
        return {"iri": str(self.iri), "label": {"en": self.labels.get("en", ""), "ja": self.labels.get("ja", "")},
                "type": self.type, "verdict": self.verdict, "score": round(self.score, 3),
                "coverage": self.coverage, "summary": {"en": self.summary("en"), "ja": self.summary("ja")},
                "reasons": [r.to_json() for r in self.reasons],
                "badges": [b.to_json() for b in self.badges]}



def _by_lang(store: dict[str, str], value: Literal) -> None:
    store.setdefault(getattr(value, "language", None) or "", str(value))


@dataclass
class _Subject:
    labels: dict[str, str] = field(default_factory=dict)
    types: set[URIRef] = field(default_factory=set)
    uses: set[URIRef] = field(default_factory=set)
    scenarios: set[URIRef] = field(default_factory=set)
    answer_of: set[URIRef] = field(default_factory=set)
    scenario_reqs: set[URIRef] = field(default_factory=set)
    corrections: set[URIRef] = field(default_factory=set)
    invalid: dict[str, list[str]] = field(default_factory=dict)
    topics: set[URIRef] = field(default_factory=set)


@per_store
def corrections(store: Store) -> dict[URIRef, Correction]:
    """Every correction in the store, read with one query and cached per store object.

    >>> from graph.store import load_store
    >>> cs = corrections(load_store())
    >>> all(c.sources for c in cs.values())
    True
    """
    found: dict[URIRef, Correction] = {}
    for row in store.select("fit_corrections"):
        iri, key, value = row["correction"], str(row["key"]), row["value"]
        c = found.setdefault(iri, Correction(iri))
        if key in ("label", "noteSays", "sourcesSay", "verdict"):
            _by_lang({"label": c.labels, "noteSays": c.note_says, "sourcesSay": c.sources_say,
                      "verdict": c.verdict}[key], value)
        elif key in ("source", "derived") and source_id(value) not in c.sources:
            c.sources.append(source_id(value))
    for c in found.values():  # the note first, then the documents that disagree with it
        c.sources.sort(key=lambda s: (not s.startswith("note:"), s))
    return found


def subject_facts(store: Store, subjects: Iterable[URIRef]) -> dict[URIRef, _Subject]:
    """What is known about the given subjects (``fit_subjects``, bounded by the subjects asked)."""
    subjects = sorted(set(subjects))
    found: dict[URIRef, _Subject] = {}
    for row in store.select("fit_subjects", subject=subjects) if subjects else []:
        iri, key, value = row["subject"], str(row["key"]), row["value"]
        s = found.setdefault(iri, _Subject())
        if key == "label":
            _by_lang(s.labels, value)
        elif key == "invalidSetting":
            names = s.invalid.setdefault(getattr(value, "language", None) or "", [])
            if str(value) not in names:
                names.append(str(value))
        else:
            {"type": s.types, "uses": s.uses, "scenario": s.scenarios, "answerOf": s.answer_of,
             "scenarioReq": s.scenario_reqs, "correction": s.corrections, "topic": s.topics}[key].add(value)
    return found


#: assessment → (requirement, verdict, rationale by language, sources, corrections)
_Assessments = dict[URIRef, tuple[URIRef, str, dict[str, str], list[str], set[URIRef]]]


def assess(
    store: Store,
    weights: Mapping[URIRef, float],
    *,
    mentioned: Iterable[URIRef] = (),
    verdicts: Iterable[tuple[URIRef, URIRef, URIRef, str]] | None = None,
    admits: Callable[[Iterable[URIRef]], bool] | None = None,
    skipped: list[URIRef] | None = None,
) -> list[Result]:
    """Every subject assessed on any of the requirements in ``weights``, ranked.

    ``weights`` maps a requirement to how surely it was recognised (0–1);
    ``mentioned`` are capabilities or services the learner named (a tie-break).
    ``verdicts`` are the (assessment, subject, requirement, verdict name) rows of
    ``fit_verdicts`` when the caller has them from an index; else they are queried.
    ``admits`` tells from a subject's topics whether it may answer (the question's
    scope); the others are left out before their reasons are read, and listed in
    ``skipped``.
    """
    if not weights:
        return []
    if verdicts is None:
        verdicts = ((row["assessment"], row["subject"], row["requirement"],
                     verdict_name(row["verdict"]))
                    for row in store.select("fit_verdicts", requirement=list(weights)))
    by_subject: dict[URIRef, _Assessments] = defaultdict(dict)
    for assessment, subject, requirement, verdict in verdicts:
        if isinstance(subject, URIRef):
            by_subject[subject][assessment] = (requirement, verdict, {}, [], set())
    if admits is not None and by_subject:
        topics: dict[URIRef, set[URIRef]] = defaultdict(set)
        for row in store.select("subject_topics", subject=sorted(by_subject)):
            topics[row["subject"]].add(row["topic"])
        for s in [s for s in by_subject if not admits(topics.get(s, set()))]:
            del by_subject[s]
            if skipped is not None:
                skipped.append(s)
    if len(by_subject) > MAX_SUBJECTS:
        # A large graph: rank on verdicts alone and read reasons for the best few only.
        keep = sorted(by_subject, key=lambda i: (*_rough_key(by_subject[i], weights), str(i)))[:MAX_SUBJECTS]
        by_subject = defaultdict(dict, {i: by_subject[i] for i in keep})
    wanted = [a for found in by_subject.values() for a in found]
    owner = {a: subject for subject, found in by_subject.items() for a in found}
    for row in store.select("fit_assessments", assessment=wanted) if wanted else []:
        asm, key, value = row["assessment"], str(row["key"]), row["value"]
        if asm not in owner:
            continue
        _, _, text, sources, fixes = by_subject[owner[asm]][asm]
        if key == "rationale":
            _by_lang(text, value)
        elif key in ("derived", "source"):
            if source_id(value) not in sources:
                sources.append(source_id(value))
        elif key == "correction":
            fixes.add(value)
    facts = subject_facts(store, by_subject)
    known = corrections(store) if by_subject else {}
    mentioned = set(mentioned)
    results = [_result(iri, facts.get(iri, _Subject()), found, weights, known, mentioned)
               for iri, found in by_subject.items()]
    results.sort(key=lambda r: rank_key(r, weights))
    for r in results:
        r.badges = badges_for(store, r.iri, r.uses)
    return results


def _verdict_and_score(worst: Mapping[URIRef, str], weights: Mapping[URIRef, float]) -> tuple[str, float]:
    """The module docs' rule, from each recognised requirement's worst verdict (missing = not assessed).

    >>> w = {KB["a"]: 1.0, KB["b"]: 1.0}
    >>> _verdict_and_score({KB["a"]: "fits", KB["b"]: "fits"}, w)
    ('fits', 1.0)
    >>> _verdict_and_score({KB["a"]: "fits"}, w)
    ('partial', 0.5)
    >>> _verdict_and_score({KB["a"]: "fits", KB["b"]: "does-not-fit"}, w)
    ('does-not-fit', 0.0)
    """
    total = sum(weights.values()) or 1.0
    got = {r: worst.get(r, NOT_ASSESSED) for r in weights}
    if "does-not-fit" in got.values():
        return "does-not-fit", 0.0
    if all(v == "fits" for v in got.values()):
        return "fits", 1.0
    return "partial", sum(weights[r] * _VALUE.get(v, 0.0) for r, v in got.items()) / total


def _rough_key(found: _Assessments, weights: Mapping[URIRef, float]) -> tuple:
    """The first three parts of :func:`rank_key` (verdict group, score, coverage), from verdicts only."""
    worst: dict[URIRef, str] = {}
    for req, verdict, *_ in found.values():
        if req not in worst or VERDICT_RANK[verdict] < VERDICT_RANK[worst[req]]:
            worst[req] = verdict
    verdict, score = _verdict_and_score(worst, weights)
    return (-VERDICT_RANK[verdict], -round(score, 6), -len(set(worst) & set(weights)))


def _result(iri: URIRef, s: _Subject, assessments: _Assessments, weights: Mapping[URIRef, float],
            known: dict[URIRef, Correction], mentioned: set[URIRef]) -> Result:
    per_req: dict[URIRef, list[Reason]] = defaultdict(list)
    for asm, (req, verdict, text, sources, fixes) in sorted(assessments.items()):
        fix = [known[c] for c in sorted(fixes) if c in known]
        # a correction adds the documents that disagree with the note, not the note again
        extra = [src for c in fix for src in c.sources if src not in sources and not src.startswith("note:")]
        ordered = sorted(sources, key=lambda x: (not x.startswith("note:"), x)) + extra
        noted = any(x.startswith("note:") for x in sources)
        per_req[req].append(Reason(req, verdict, text, ordered, asm, fix, noted))
    order = list(weights)
    reasons = [r for req in order for r in sorted(per_req.get(req, []), key=lambda r: VERDICT_RANK[r.verdict])]
    for req in order:
        if req not in per_req:  # asked, never assessed for this subject: say so
            reasons.append(Reason(req, NOT_ASSESSED, dict(_NOT_ASSESSED_TEXT), [], None))
    worst = {req: min((r.verdict for r in rs), key=VERDICT_RANK.__getitem__) for req, rs in per_req.items()}
    verdict, score = _verdict_and_score(worst, weights)
    typ = next((t for t in _TYPE_ORDER if t in s.types), next(iter(sorted(s.types)), None))
    return Result(
        iri, s.labels, local_name(typ) if typ is not None else "", verdict, score, reasons,
        [known[c] for c in sorted(s.corrections) if c in known],
        sorted(s.scenarios), sorted(s.answer_of), sorted(s.uses),
        bool(mentioned & ({iri} | s.uses)), sorted(s.scenario_reqs),
        [{lang: names[i] for lang, names in s.invalid.items() if i < len(names)}
         for i in range(max(map(len, s.invalid.values()), default=0))],
        sorted(s.topics),
    )


def rank_key(r: Result, weights: Mapping[URIRef, float]) -> tuple:
    """Sort key: verdict group, score, coverage, then the tie-breaks in the module doc.

    >>> a = Result(KB["a"], {}, "Solution", "partial", 0.9, [])
    >>> b = Result(KB["b"], {}, "Capability", "fits", 0.3, [])
    >>> [r.iri == KB["b"] for r in sorted([a, b], key=lambda r: rank_key(r, {}))]
    [True, False]
    """
    asked = set(weights)
    covered = len({x.requirement for x in r.reasons if x.verdict != NOT_ASSESSED} & asked)
    # a scenario about exactly these requirements knows best which option fits them
    overlap = 0.0
    if r.scenario_requirements:
        overlap = 1.0 - len(set(r.scenario_requirements) ^ asked) / (len(asked) + len(r.scenario_requirements))
    noted = sum(x.from_notes for x in r.reasons)
    return (-VERDICT_RANK[r.verdict], -round(r.score, 6), -covered, not r.mentioned, -overlap,
            not r.answer_of, -noted, r.type != "Solution", r.label("en").casefold())

