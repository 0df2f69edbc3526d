"""Finding labels inside a query: the gazetteer behind ``fit``, ``answer`` and ``drill``.

Labels and queries are analysed by :mod:`graph.text`; a label matches when all of
its content units occur in the query close together, in any order. Typos are
tolerated per word (rapidfuzz), never per sentence, so a query cannot match a
label it shares no word with.

>>> g = Gazetteer([("night", "毎晩"), ("night", "nightly"), ("cost", "minimise cost")])
>>> sorted(h.key for h in g.find(analyse("毎晩、minimize the costs")))
['cost', 'night']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.text.analysis import (
    FUNCTION_EN,
    FUZZY_CUTOFF,
    FUZZY_MIN_LEN,
    STOPWORDS_EN,
    Analysed,
    Unit,
    analyse,
    normalize,
    phrase_units,
    stem,
)

__all__ = ["Hit", "Gazetteer", "analyse"]



@dataclass(frozen=True)
class Hit:
    """A label found in a query: which entry, how well, and where (normalised positions)."""

    key: object
    label: str
    score: float
    start: int
    end: int
    covered: int
    units: int

    @property
    def contiguous(self) -> bool:
        """True when the units sit together (only spaces or particles between them)."""
        return (self.end - self.start) - self.covered <= 2 * self.units


class Gazetteer:
    """Labels to look for in queries, indexed by their content units.

    ``entries`` are ``(key, label)`` pairs; one key may have many labels. A label
    matches when every one of its units occurs in the query, in any order, close
    together: at most one other content word between them (two for labels of
    three or more units), so that 複数の AWS アカウントで使えるモデル does not
    read as 複数のモデル.

    >>> g = Gazetteer([("cost", "minimise cost"), ("cost", "コストを抑える"), ("gpu", "GPU")])
    >>> [(h.key, h.label) for h in g.find(analyse("cheap, and we must minimize the cost"))]
    [('cost', 'minimise cost')]
    >>> [h.key for h in g.find(analyse("コストはなるべく抑えたい"))]
    ['cost']
    """

    def __init__(self, entries: Iterable[tuple[object, str]]) -> None:
        self.phrases: list[tuple[object, str, tuple[Unit, ...], int]] = []
        self.by_unit: dict[Unit, list[int]] = {}
        seen: dict[tuple, int] = {}
        for key, label in entries:
            units = phrase_units(label)
            if not units:
                continue
            length = len(normalize(label))
            if (key, units) in seen:
                # the same word twice ("at night", then "nightly"): a label that *is* the word
                # replaces one that only reduces to it, which the collapsed-label rule below drops
                i = seen[(key, units)]
                if len(units) == 1 and _is_word(label, units[0]) and not _is_word(self.phrases[i][1], units[0]):
                    self.phrases[i] = (key, label, units, length)
                continue
            seen[(key, units)] = len(self.phrases)
            for u in units:
                self.by_unit.setdefault(u, []).append(len(self.phrases))
            self.phrases.append((key, label, units, length))
        self._drop_collapsed()
        self._index_units(list(self.by_unit), self.surfaces())

    def surfaces(self) -> dict[str, Unit]:
        """Every spelling a word unit has in some label (instance, instances), for typo matching."""
        return {u.surface: u for _, _, units, _ in self.phrases for u in units
                if u.kind == "w" and len(u.surface) >= FUZZY_MIN_LEN}

    def _index_units(self, units: list[Unit], fuzzy: dict[str, Unit]) -> None:
        """The lookups from query tokens to label units (all :meth:`occurrences` needs)."""
        self.words = {u.form: u for u in units if u.kind == "w"}
        self.numbers = {u.form: u for u in units if u.kind == "n"}
        self.single = {u.form: u for u in units if u.kind == "k" and len(u.form) == 1}
        self.substr = [u for u in units if u.kind in ("t", "h") or (u.kind == "k" and len(u.form) > 1)]
        self.fuzzy_surfaces = list(fuzzy)
        self.fuzzy_units = list(fuzzy.values())
        self.short_units: dict[str, list[Unit]] = {}
        for u in units:
            if u.kind == "w" and len(u.surface) == 4 and u.surface.isalpha():
                self.short_units.setdefault("".join(sorted(u.surface)), []).append(u)
        self._vocabulary = {u.form for u in units}

    def _drop_collapsed(self) -> None:
        """Forget labels reduced to one common word (データをきれいに → データ).

        Such a label would fire on any text with that word; what made it
        specific was grammar-looking text the analysis had to drop.
        """
        keys: dict[Unit, set] = {}
        for key, _label, units, _ in self.phrases:
            for u in units:
                keys.setdefault(u, set()).add(key)
        keep = []
        for phrase in self.phrases:
            key, label, units, length = phrase
            if len(units) == 1 and len(keys[units[0]]) >= 3 and length > len(units[0].form) + 2 \
                    and normalize(label) not in (units[0].surface, units[0].form):
                continue
            keep.append(phrase)
        if len(keep) != len(self.phrases):
            self.phrases = keep
            self.by_unit = {}
            for i, (_, _, units, _) in enumerate(keep):
                for u in units:
                    self.by_unit.setdefault(u, []).append(i)

    def vocabulary(self) -> set[str]:
        """Every unit form the labels use (to tell known words from unknown ones)."""
        return self._vocabulary

    def candidates(self, occ: dict[Unit, list]) -> Iterable[tuple[object, str, tuple[Unit, ...], int]]:
        """The phrases all of whose units occur in the query (``occ``)."""
        for i in sorted({i for u in occ for i in self.by_unit.get(u, ())}):
            phrase = self.phrases[i]
            if all(u in occ for u in phrase[2]):
                yield phrase

    def occurrences(self, a: Analysed, fuzzy: bool = True) -> dict[Unit, list[tuple[int, int, float]]]:
        """Where each unit of any label occurs in the analysed query, with a similarity."""
        occ: dict[Unit, list[tuple[int, int, float]]] = {}

        def add(u: Unit | None, s: int, e: int, sim: float = 1.0) -> None:
            if u is not None:
                occ.setdefault(u, []).append((s, e, sim))

        words = [t for t in a.tokens if t.kind == "w"]
        for t in words:
            add(self.words.get(t.form), t.start, t.end)
        for n in (2, 3):  # "real time" and "real-time" are one word
            for i in range(len(words) - n + 1):
                seq = words[i:i + n]
                if all(not a.text[x.end:y.start].strip() for x, y in zip(seq, seq[1:])):
                    add(self.words.get(stem("".join(x.surface for x in seq))), seq[0].start, seq[-1].end)
        if fuzzy:
            done: dict[str, list[tuple[Unit, float]]] = {}
            for t in words:
                if len(t.surface) < 4 or t.form in self.words or t.surface in STOPWORDS_EN:
                    continue
                if t.surface not in done:
                    done[t.surface] = self._typo(t.surface)
                for u, sim in done[t.surface]:
                    add(u, t.start, t.end, sim)
        for t in a.tokens:
            if t.kind == "n":
                add(self.numbers.get(t.form), t.start, t.end)
            elif t.kind == "k" and len(t.form) == 1:
                add(self.single.get(t.form), t.start, t.end)
        if any(t.kind in ("k", "t", "h") for t in a.tokens):
            for u in self.substr:
                i = a.text.find(u.form)
                while i >= 0:
                    add(u, i, i + len(u.form))
                    i = a.text.find(u.form, i + 1)
        return occ

    def _typo(self, word: str) -> list[tuple[Unit, float]]:
        """Label words ``word`` may be a typo of.

        Words of five letters or more: rapidfuzz ratio ≥ FUZZY_CUTOFF. Four-letter
        words: only two swapped neighbours (bais → bias); any other one-letter
        change turns a short word into another word (cost → cast).
        """
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        if len(word) >= FUZZY_MIN_LEN:
            found = process.extract(word, self.fuzzy_surfaces, scorer=fuzz.ratio,
                                    score_cutoff=FUZZY_CUTOFF, limit=3)
            return [(self.fuzzy_units[i], score / 100.0) for _, score, i in found]
        key = "".join(sorted(word))
        return [(u, 0.85) for u in self.short_units.get(key, ()) if OSA.distance(word, u.surface) == 1]

    def find(self, a: Analysed, *, fuzzy: bool = True) -> list[Hit]:
        """The best hit per key, best first."""
        occ = self.occurrences(a, fuzzy)
        best: dict[object, Hit] = {}
        for key, label, units, length in self.candidates(occ):
            window = _min_window([occ[u] for u in units])
            if window is None:
                continue
            start, end, covered, score, spans = window
            if end - start > max(30, 3 * length) or _between(a, start, end, spans) > _slack(units):
                continue
            hit = Hit(key, label, score, start, end, covered, len(units))
            old = best.get(key)
            if old is None or (hit.score, hit.units, hit.covered) > (old.score, old.units, old.covered):
                best[key] = hit
        return sorted(best.values(), key=lambda h: (-h.score, -h.units, h.start))


def _is_word(label: str, unit: Unit) -> bool:
    """Whether a label is just its one unit's word ("nightly"), not words that reduce to it.

    >>> _is_word("nightly", Unit("w", "night", "nightly")), _is_word("at night", Unit("w", "night", "night"))
    (True, False)
    """
    return normalize(label) in (unit.surface, unit.form)


def _slack(units: tuple[Unit, ...]) -> int:
    """Other words allowed among a label's words: one, two for long or Japanese labels.

    Japanese puts objects and adverbs between a noun and its verb (実験の結果を記録して
    比較), English rarely does.
    """
    japanese = all(u.kind in ("k", "t", "h", "n") for u in units) or any(u.kind == "k" for u in units)
    return 2 if len(units) >= 3 or japanese else 1


_BREAK = re.compile(r"[。！？!?;；\n]|\.\s")


def _between(a: Analysed, start: int, end: int, spans: list[tuple[int, int]]) -> int:
    """Words inside ``start``–``end`` other than the matched units and grammar words.

    A sentence break counts as many words: a label never spans two sentences.
    """
    if _BREAK.search(a.text, start, end):
        return 99
    n = 0
    for t in a.tokens:
        if t.start >= start and t.end <= end and t.kind != "h" and t.surface not in FUNCTION_EN:
            if not any(s < t.end and t.start < e for s, e in spans):
                n += 1
    return n


def _min_window(lists: list[list[tuple[int, int, float]]]) -> tuple | None:
    """Smallest stretch holding one occurrence of every unit.

    Returns (start, end, characters covered, mean similarity, unit spans).
    """
    events = sorted((s, e, k, sim) for k, occ in enumerate(lists) for s, e, sim in occ)
    need, have, counts = len(lists), 0, [0] * len(lists)
    best: tuple[int, int, int, float] | None = None
    lo = 0
    for hi, (_s, _e, k, _sim) in enumerate(events):
        counts[k] += 1
        have += counts[k] == 1
        while have == need:
            window = events[lo:hi + 1]
            start, end = window[0][0], max(e for _, e, _, _ in window)
            if best is None or end - start < best[1] - best[0]:
                top: dict[int, tuple[float, int, int]] = {}
                for s, e, kk, sim in window:
                    if kk not in top or sim > top[kk][0]:
                        top[kk] = (sim, s, e)
                best = (start, end, sum(e - s for _, s, e in top.values()),
                        sum(v for v, _, _ in top.values()) / need, [(s, e) for _, s, e in top.values()])
            k0 = events[lo][2]
            counts[k0] -= 1
            have -= counts[k0] == 0
            lo += 1
    return best
