"""The learner's progress file for the app's pages (Study, Drill): opened per run, errors as text.

A page calls :func:`open_progress_or_error`; it never raises, so a read-only or corrupt
file shows one message instead of a traceback. A warning (a corrupt file moved aside) is
kept in the session, so it is still shown after the rerun that follows.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from graph.errors import KGError

WARNING_KEY = "study_progress_warning"


def open_progress_or_error() -> tuple[Any, str | None]:
    """``(Progress, None)`` or ``(None, the error's one line)``."""
    from graph.study.progress import open_progress

    try:
        p = open_progress()
    except KGError as err:
        return None, str(err)
    if p.warning:
        st.session_state[WARNING_KEY] = p.warning
    return p, None


def show_warning() -> None:
    """The last corrupt-file warning of this session, if any."""
    if st.session_state.get(WARNING_KEY):
        st.warning(st.session_state[WARNING_KEY])


def scenario_attempts() -> tuple[dict[str, list[bool]], str | None]:
    """Every recorded answer to a scenario card, by card id (``scenario-13``), and an error line."""
    p, err = open_progress_or_error()
    if p is None:
        return {}, err
    out: dict[str, list[bool]] = {}
    with p:
        for a in p.attempts():
            if a.kind == "scenario":
                out.setdefault(a.card, []).append(a.correct)
    return out, None


def record(card: str, kind: str, chosen: str, correct: bool, *, source: str = "app",
           practice: str | None = None, seconds: float | None = None) -> tuple[Any, str | None]:
    """Store one answer; ``(Attempt, None)`` or ``(None, error line)``."""
    p, err = open_progress_or_error()
    if p is None:
        return None, err
    try:
        with p:
            return p.record(card, kind, chosen, correct, source=source, practice=practice, seconds=seconds), None
    except KGError as e:
        return None, str(e)
