"""Check a practice exam question: rank its options by what the graph says about them.

1. Requirements are recognised in the question as in ``awskg fit``.
2. Each option is recognised as a known Solution: the share of a solution's label
   words found in the option (typos tolerated), plus the capabilities it names
   and the settings it applies (``MaxConcurrency = 1``). The options are read
   together: when they fit the options of one scenario, that reading wins.
   Options that name no solution fall back to the capability they name.
   Values count (:mod:`graph.reason.values`): an option that states
   ``MaxConcurrency 200`` is never the solution that sets ``MaxConcurrency=1``;
   "core nodes on Spot" is never "task nodes on Spot"; a solution defined by an
   invalid setting is read only from an option that states that setting.
3. Only options on the question's topics count (:mod:`graph.reason.scope`).
4. Each recognised option is ranked with the assessments of its subject against
   the requirements (see :mod:`graph.reason.assess`).
5. The answer is the top option only if it fits every requirement. Otherwise the
   result *abstains* and says why: no requirement recognised (requirements are
   never borrowed from a scenario), the question is about a topic the graph does
   not cover, no option was recognised, or none fits.

>>> from graph.store import load_store
>>> r = answer_question(load_store(), "A model runs once a night, must finish in under a minute, cheapest?",
...                     ["Use a real-time endpoint that scales to zero",
...                      "Use a serverless endpoint and set MaxConcurrency to 1"])
>>> r.ranked[0].index, r.ranked[0].result.verdict
(1, 'fits')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from graph.errors import UsageError
from graph.lexicon.catalog import Catalog
from graph.lexicon.read import catalog
from graph.reason.assess import Result, assess, subject_facts
from graph.reason.fit import Recognised
from graph.reason.recognise import negated as is_negated
from graph.reason.recognise import recognise, recognise_all
from graph.reason.scope import Scope, question_scope
from graph.reason.values import Stated, conflicts, range_problems, stated_values, value_model
from graph.store.base import Store
from graph.text.analysis import analyse, is_stop_unit
from graph.text.gazetteer import Gazetteer
from ontology import AWSKG

__all__ = ["AnswerOption", "AnswerResult", "answer_question", "solution_index"]

#: An option is linked to a subject only above this match score (0–1).
MIN_MATCH = 0.5


@dataclass
class AnswerOption:
    """One option as given, what it was recognised as, and how it fares."""

    index: int
    text: str
    subject: URIRef | None = None
    labels: dict[str, str] = field(default_factory=dict)
    match: float = 0.0
    result: Result | None = None
    #: values the option states, values outside their documented range, solutions it is not
    stated: list[Stated] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)
    rejected: list[tuple[URIRef, str]] = field(default_factory=list)  # (solution, why)
    off_topic: bool = False

    def label(self, lang: str = "en") -> str:
        """The recognised subject's label, or the option's own text."""
        return self.labels.get(lang) or self.labels.get("en") or self.labels.get("ja") or self.text


@dataclass
class AnswerResult:
    """The options ranked best first; ``best`` is the answer, or ``None`` with a reason."""

    question: str
    requirements: list[Recognised]
    options: list[AnswerOption]
    ranked: list[AnswerOption]
    scenario: URIRef | None = None
    scope: Scope = field(default_factory=Scope)
    negated: list[tuple[URIRef, dict[str, str], str]] = field(default_factory=list)
    elsewhere: list[Recognised] = field(default_factory=list)
    asks_for_misfit: bool = False

    @property
    def _top(self) -> AnswerOption | None:
        top = self.ranked[0] if self.ranked else None
        if top is None or top.result is None or top.result.verdict != "fits":
            return None
        return top

    @property
    def _guessing(self) -> bool:
        """The question names a topic the graph lacks, and fewer than two recognised requirements
        place it in the top option's topic: a match there would be a guess."""
        top = self._top
        if top is None or top.result is None or not self.scope.uncovered:
            return False
        support = sum(bool(self.scope.requirement_topics.get(r.iri, set()) & set(top.result.topics))
                      for r in self.requirements)
        return support < 2

    @property
    def best(self) -> AnswerOption | None:
        """The top option if it fits every requirement and the question is one the graph covers."""
        if self.asks_for_misfit or self._guessing:
            return None
        return self._top

    @property
    def abstain_reason(self) -> str:
        """Why no option is given: ``asks-for-misfit``, ``no-requirement``, ``not-covered``,
        ``no-option`` or ``none-fits`` (empty when an option is given)."""
        if self.best is not None:
            return ""
        if self.asks_for_misfit:
            return "asks-for-misfit"
        if not self.requirements:
            return "no-requirement"
        if self._guessing or (self.scope.topics and not any(o.result for o in self.options)):
            return "not-covered"
        if not any(o.subject for o in self.options):
            return "no-option"
        return "none-fits"

    def message(self, lang: str = "en") -> str:
        """What was understood, and why no answer is given when none is, in ``lang``."""
        ja = lang == "ja"
        sep = "、" if ja else ", "
        parts = []
        about = sep.join(self.scope.names(lang))
        why = self.abstain_reason
        if why == "asks-for-misfit":
            parts.append("この問題は「適合しない選択肢」を問うているため、適合順の順位からは答えを決めません。" if ja else
                         "The question asks for the option that does not fit; the ranking answers the opposite "
                         "question, so no option is given.")
        if why == "not-covered" and self.scope.uncovered:
            about = sep.join(self.scope.labels.get(t, {}).get(lang) or str(t) for t in self.scope.uncovered)
        if why == "no-requirement":
            parts.append("問題文から要件を認識できなかったため、選択肢を決めません。" if ja else
                         "No requirement recognised in the question, so no option is chosen.")
            if about:
                parts.append(f"問題のトピック: {about}。" if ja else f"The question is about: {about}.")
        elif why == "not-covered" and not self.scope.uncovered and not self._guessing:
            # the graph covers the topic; none of the options given is on it
            parts.append(f"この問題は「{about}」についてのものですが、どの選択肢もこのトピックの解答候補ではありません。"
                         if ja else f"This question is about {about}, but none of the options is an answer on that "
                         f"topic in the knowledge graph.")
        elif why == "not-covered":
            parts.append(f"この問題は「{about}」についてのもので、知識グラフはこのトピックの選択肢を評価していません（未対応）。"
                         if ja else f"This question is about {about}, which the knowledge graph does not cover: "
                         f"no option on that topic is assessed against its requirements.")
        elif why == "no-option":
            parts.append("どの選択肢も知識グラフの解答候補として認識できませんでした。" if ja else
                         "No option was recognised as a solution in the knowledge graph.")
        elif why == "none-fits":
            parts.append("すべての要件に適合すると評価された選択肢はありません。" if ja else
                         "No option is assessed as fitting every requirement.")
        if self.negated:
            names = sep.join(n[1].get(lang) or n[1].get("en", "") for n in self.negated)
            parts.append(f"不要とされた要件: {names}。" if ja else f"Read as not needed: {names}.")
        unknown = [o.index + 1 for o in self.options if o.subject is None]
        if unknown:
            nums = ", ".join(map(str, unknown))
            parts.append(f"認識できなかった選択肢: {nums}" if ja else f"Options not recognised: {nums}.")
        return " ".join(parts)

    def to_json_dict(self, lang: str = "en") -> dict:
        """A JSON-ready dict (requirements and results shaped as in ``fit --json``)."""
        def option(o: AnswerOption) -> dict:
            return {"index": o.index + 1, "text": o.text, "iri": str(o.subject) if o.subject else None,
                    "label": {"en": o.labels.get("en", ""), "ja": o.labels.get("ja", "")},
                    "match": round(o.match, 3), "result": o.result.to_json() if o.result else None,
                    "off_topic": o.off_topic,
                    "values": [{"parameter": str(s.parameter), "value": s.value,
                                "role": str(s.role) if s.role else None, "text": s.text,
                                "repaired": s.repaired} for s in o.stated],
                    "flags": o.flags,
                    "not": [{"iri": str(s), "why": why} for s, why in o.rejected]}

        return {"question": self.question, "message": self.message(lang),
                "requirements": [{"iri": str(r.iri), "label": {"en": r.labels.get("en", ""),
                                                               "ja": r.labels.get("ja", "")},
                                  "matched": r.matched} for r in self.requirements],
                "topics": self.scope.to_json(),
                "negated": [{"iri": str(i), "label": {"en": lb.get("en", ""), "ja": lb.get("ja", "")},
                             "matched": w} for i, lb, w in self.negated],
                "options": [option(o) for o in self.ranked],
                "answer": self.best.index + 1 if self.best else None,
                "abstained": self.best is None,
                "abstain_reason": self.abstain_reason or None}


@dataclass
class SolutionIndex:
    """Solutions as exam options name them: their words, capabilities and settings."""

    gazetteer: Gazetteer
    uses: dict[URIRef, set[URIRef]]
    settings: dict[URIRef, set[URIRef]]
    setting_names: Gazetteer
    scenarios: dict[URIRef, set[URIRef]]


def solution_index(store: Store) -> SolutionIndex:
    """Built from ``fit_lexicon`` (cached) and one ``fit_solutions`` query, cached per store.

    >>> from graph.store import load_store
    >>> from ontology import KB
    >>> idx = solution_index(load_store())
    >>> sorted(str(c).rsplit("/", 1)[-1] for c in idx.uses[KB["sol-13-serverless-max-concurrency-1"]])
    ['sagemaker', 'serverless-inference']
    """
    cat = catalog(store)
    found = cat.extra.get("solutions")
    if isinstance(found, SolutionIndex):
        return found
    uses: dict[URIRef, set[URIRef]] = {}
    settings: dict[URIRef, set[URIRef]] = {}
    scenarios: dict[URIRef, set[URIRef]] = {}
    names: list[tuple[URIRef, str]] = []
    for row in store.select("fit_solutions"):
        sol, key, value = row["solution"], str(row["key"]), row["value"]
        if key == "uses":
            uses.setdefault(sol, set()).add(value)
        elif key == "setting":
            settings.setdefault(sol, set()).add(value)
        elif key == "settingLabel":
            names.append((sol, str(value)))
        elif key == "scenario":
            scenarios.setdefault(sol, set()).add(value)
    sols = cat.of_type(AWSKG.Solution)
    index = SolutionIndex(Gazetteer((s, text) for s in sols for text, _ in cat.names_of(s)),
                          uses, settings, Gazetteer(names), scenarios)
    cat.extra["solutions"] = index
    return index


def _option_scores(store: Store, cat: Catalog, idx: SolutionIndex, text: str,
                   stated: list[Stated]) -> tuple[Counter, set]:
    """How well an option's text names each solution (0–1+), and the capabilities it names.

    A solution whose settings contradict a value the option states scores 0.
    """
    a = analyse(text)
    occ = idx.gazetteer.occurrences(a)
    content = [t for t in a.tokens if not is_stop_unit(t) and t.kind != "h"]
    scores: Counter[URIRef] = Counter()
    for key, _label, units, _ in idx.gazetteer.phrases:
        found = [u for u in units if u in occ]
        if not found:
            continue
        spans = [(s, e) for u in found for s, e, _ in occ[u]]
        covered = sum(any(s < t.end and t.start < e for s, e in spans) for t in content)
        recall = len(found) / len(units)
        precision = covered / len(content) if content else 0.0
        scores[key] = max(scores[key], recall * (0.6 + 0.4 * precision))
    _, mentions = recognise(store, a)
    named = {h.key for h in mentions if cat.type_of(h.key) == AWSKG.Capability}
    setting_hits = {h.key for h in idx.setting_names.find(a)}
    for sol in list(idx.uses):
        caps = {c for c in idx.uses[sol] if cat.type_of(c) == AWSKG.Capability}
        if caps and named:
            scores[sol] += 0.3 * len(caps & named) / len(caps | named)
        if sol in setting_hits:
            scores[sol] += 0.2
    model = value_model(store)
    named_params = {s.parameter for s in stated if s.role is None}
    for sol in list(scores):
        # says another value; or names settings, but not the invalid one that defines this solution
        if conflicts(model, sol, stated) or (named_params and model.invalid.get(sol, set()) - named_params):
            del scores[sol]
    return scores, named


def _choose(all_scores: list[tuple[Counter, set]], idx: SolutionIndex,
            prefer: URIRef | None) -> list[tuple[URIRef | None, float]]:
    """One subject per option, reading the options together.

    Exam options come from one question: if restricting every option to the
    options of one scenario loses little (≤ 20 %) of the total match, that
    reading wins ("Glue Data Quality" is then §19's option, not §17's).
    """
    def best(scores: Counter, allowed: set[URIRef] | None) -> tuple[URIRef | None, float]:
        pool = [(k, v) for k, v in scores.items() if allowed is None or k in allowed]
        if not pool:
            return None, 0.0
        k, v = max(pool, key=lambda kv: (kv[1], str(kv[0])))
        return (k, v) if v >= MIN_MATCH else (None, 0.0)

    free = [best(sc, None) for sc, _ in all_scores]
    total = sum(v for _, v in free)
    members: dict[URIRef, set[URIRef]] = {}
    for sol, scen in idx.scenarios.items():
        for s in scen:
            members.setdefault(s, set()).add(sol)
    chosen = free
    if members and total:
        def together(s: URIRef) -> tuple[float, bool]:
            return sum(best(sc, members[s])[1] for sc, _ in all_scores), s == prefer

        scen = max(sorted(members), key=together)
        if together(scen)[0] >= 0.8 * total:
            chosen = [best(sc, members[scen]) if best(sc, members[scen])[0] else f
                      for (sc, _), f in zip(all_scores, free)]
    out = []
    for (subject, v), (_, named) in zip(chosen, all_scores):
        if subject is None and len(named) == 1:  # an option that only names a capability is that capability
            subject, v = next(iter(named)), 0.5
        out.append((subject, min(v, 1.0)))
    return out


def answer_question(store: Store, question: str, options: list[str]) -> AnswerResult:
    """Rank the ``options`` of an exam ``question`` with reasons from the graph (module docs)."""
    options = [o.strip() for o in options if o and o.strip()]
    if len(options) < 2:
        raise UsageError("give the question's options (at least two)")
    cat = catalog(store)
    qa = analyse(question or "")
    req_hits, _, topic_hits = recognise_all(store, qa)
    negated = [h for h in req_hits if is_negated(qa, h, cat.names_of(h.key))]  # type: ignore[arg-type]
    req_hits = [h for h in req_hits if h not in negated]
    reqs = [Recognised(h.key, cat.labels_of(h.key), qa.span(h.start, h.end),  # type: ignore[arg-type]
                       h.score, label_matched=h.label) for h in req_hits]
    reqs = list({r.iri: r for r in reqs}.values())
    scope = question_scope(store, qa, topic_hits, [r.iri for r in reqs], req_hits)
    elsewhere = [r for r in reqs if r.iri in scope.dropped]
    reqs = [r for r in reqs if r.iri not in scope.dropped]
    idx = solution_index(store)
    # the scenario whose requirements the question states is the likelier reading of a tie
    asked = {r.iri for r in reqs}
    scen_reqs = _scenario_requirements(store)
    prefer = max(sorted(scen_reqs), key=lambda s: len(scen_reqs[s] & asked), default=None) if asked else None
    stated = [stated_values(store, text) for text in options]
    scored = [_option_scores(store, cat, idx, text, s) for text, s in zip(options, stated)]
    picks = _choose(scored, idx, prefer)
    model = value_model(store)
    opts = []
    for i, (text, (subject, score)) in enumerate(zip(options, picks)):
        o = AnswerOption(i, text, subject, cat.labels_of(subject) if subject else {}, score)
        o.stated = stated[i]
        o.flags = range_problems(model, o.stated)
        o.rejected = [(sol, "; ".join(f"{s.text} ≠ {v}" for s, v in found))
                      for sol in sorted(model.solutions) if (found := conflicts(model, sol, o.stated))]
        opts.append(o)
    facts = subject_facts(store, [o.subject for o in opts if o.subject])
    for o in opts:
        if o.subject and not scope.admits(facts.get(o.subject).topics if o.subject in facts else ()):
            o.off_topic = True
    scenario = None
    common = set.intersection(*[idx.scenarios.get(o.subject, set()) for o in opts if o.subject] or [set()])
    if common:
        scenario = sorted(common)[0]
    weights = {r.iri: r.score for r in reqs}
    results = {r.iri: r for r in assess(store, weights)} if weights else {}
    for o in opts:
        o.result = results.get(o.subject) if o.subject and not o.off_topic else None
    _reread(store, cat, scope, opts, scored, results)
    order = {r: n for n, r in enumerate(results)}
    ranked = sorted(opts, key=lambda o: (o.result is None, order.get(o.subject, 0), o.index))
    negs = [(h.key, cat.labels_of(h.key), qa.span(h.start, h.end)) for h in negated]  # type: ignore[misc]
    return AnswerResult(question, reqs, opts, ranked, scenario, scope, negs, elsewhere,  # type: ignore[arg-type]
                        bool(_MISFIT.search(question or "")))


def _reread(store: Store, cat: Catalog, scope: Scope, opts: list[AnswerOption],
            scored: list[tuple[Counter, set]], results: dict[URIRef, Result]) -> None:
    """An option read as a solution that nothing asked was assessed against (often another
    scenario's option of the same name) is read again: as a solution its words name as well
    that is assessed, else as a capability its words name that is ("Model Monitor data
    quality monitoring" in a drift question is the data-quality capability). Only when
    those readings agree on the verdict; the option then names its new subject, whose own
    assessments give the verdict: nothing is inherited.
    """
    for o, (scores, caps) in zip(opts, scored):
        if o.result is not None or not o.subject or cat.type_of(o.subject) != AWSKG.Solution:
            continue
        tied = {k for k, v in scores.items() if v >= 0.95 * scores.get(o.subject, 0.0)}  # as well: within 5 %
        for pool in (tied, caps):
            assessed = [c for c in results if c in pool]  # best-ranked first
            if not assessed or len({results[c].verdict for c in assessed}) != 1:
                continue  # none, or readings that disagree: no reading is safer than another
            new = assessed[0]
            facts = subject_facts(store, [new])
            if scope.admits(facts.get(new).topics if new in facts else ()):
                o.subject, o.labels, o.off_topic, o.result = new, cat.labels_of(new), False, results[new]
                break


#: A question that asks for the option that does *not* fit ("Which is NOT valid?", 「適切でないもの」):
#: the ranking answers the opposite question, so no option is given.
_MISFIT = re.compile(r"\b(?:NOT|EXCEPT|LEAST)\b|\b(?:is|are|would be|does) not (?:valid|correct|true|"
                     r"appropriate|suitable|recommended|meet)|\bincorrect\b|\binvalid\b|"
                     r"適切でない|適切ではない|誤って(?:いる)?もの|正しくない(?:もの)?|当てはまらない|不適切な(?:もの)?")


def _scenario_requirements(store: Store) -> dict[URIRef, set[URIRef]]:
    from graph.reason.drill import scenarios

    return {s.iri: set(s.requirements) for s in scenarios(store)}
