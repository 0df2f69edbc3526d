"""Spaced repetition with FSRS (the ``fsrs`` package, the scheduler modern Anki uses).

A right answer is rated *Good* (*Easy* when answered within :data:`QUICK_SECONDS`,
*Hard* when slower than :data:`SLOW_SECONDS`), a wrong one *Again*. One learning step
of ten minutes: a wrong answer is due again in ten minutes, a first right one in days.

>>> from datetime import datetime, timezone
>>> now = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
>>> wrong, right = review(None, False, now), review(None, True, now)
>>> wrong.due - now, (right.due - now).days >= 1
(datetime.timedelta(seconds=600), True)
>>> again = review(right.state, True, right.due)
>>> again.due > right.due + (right.due - now)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import fsrs

__all__ = ["QUICK_SECONDS", "SLOW_SECONDS", "Scheduled", "rating_for", "review", "scheduler", "utcnow"]

QUICK_SECONDS = 10.0
SLOW_SECONDS = 90.0

_SCHEDULER: fsrs.Scheduler | None = None


def scheduler() -> fsrs.Scheduler:
    """The one scheduler: default FSRS-6 parameters, 90 % retention, no fuzz (reproducible dates)."""
    global _SCHEDULER
    if _SCHEDULER is None:
        _SCHEDULER = fsrs.Scheduler(learning_steps=(timedelta(minutes=10),),
                                    relearning_steps=(timedelta(minutes=10),), enable_fuzzing=False)
    return _SCHEDULER


def utcnow() -> datetime:
    """Now, timezone-aware in UTC."""
    return datetime.now(timezone.utc)


def rating_for(correct: bool, seconds: float | None = None) -> fsrs.Rating:
    """The FSRS rating of an answer.

    >>> rating_for(False).name, rating_for(True).name, rating_for(True, 3).name, rating_for(True, 300).name
    ('Again', 'Good', 'Easy', 'Hard')
    """
    if not correct:
        return fsrs.Rating.Again
    if seconds is not None and seconds <= QUICK_SECONDS:
        return fsrs.Rating.Easy
    if seconds is not None and seconds > SLOW_SECONDS:
        return fsrs.Rating.Hard
    return fsrs.Rating.Good


@dataclass
class Scheduled:
    """A card's new FSRS state (JSON text) and when it is due."""

    state: str
    due: datetime
    rating: int


def review(state: str | None, correct: bool, now: datetime | None = None,
           seconds: float | None = None) -> Scheduled:
    """Apply one answer to a card's FSRS state (``None``: a new card)."""
    now = now or utcnow()
    card = fsrs.Card.from_json(state) if state else fsrs.Card(card_id=1, due=now)
    rating = rating_for(correct, seconds)
    card, _log = scheduler().review_card(card, rating, now)
    return Scheduled(card.to_json(), card.due, int(rating))
