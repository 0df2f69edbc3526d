"""Helpers the study commands share: the progress file with its warning, asking a question, dates."""

from __future__ import annotations

import sys
import time
from datetime import datetime

from graph.errors import UsageError
from graph.study.progress import FILE, Progress, open_progress
from graph.study.questions import Question, parse_choice
from graph.study.schedule import utcnow

from ._common import result_head

__all__ = [
    "answer_text",
    "ask_question",
    "existing_progress",
    "interactive",
    "progress",
    "question_text",
    "read_answer",
    "when",
]


def progress() -> Progress:
    """The learner's progress file; a corrupt one is moved aside with one warning line on stderr."""
    p = open_progress()
    if p.warning:
        print(f"awskg: warning: {p.warning}", file=sys.stderr)
    return p


def existing_progress() -> Progress | None:
    """The progress file if it exists already (never creates one), else ``None``."""
    from graph.store.userdata import user_data_dir

    try:
        return progress() if (user_data_dir() / FILE).is_file() else None
    except UsageError:
        return None


def when(due: datetime, lang: str = "en", now: datetime | None = None) -> str:
    """``2026-12-01 22:40 UTC (in 10 min)``.

    >>> from datetime import timedelta
    >>> now = datetime(2026, 12, 1, 9, 0, tzinfo=__import__("datetime").timezone.utc)
    >>> when(now + timedelta(minutes=10), "en", now), when(now + timedelta(days=3), "ja", now)
    ('2026-12-01 09:10 UTC (in 10 min)', '2026-12-04 09:00 UTC（3 日後）')
    """
    now = now or utcnow()
    secs = (due - now).total_seconds()
    if secs <= 0:
        rel = ("now", "今すぐ")
    elif secs < 3600:
        n = max(1, round(secs / 60))
        rel = (f"in {n} min", f"{n} 分後")
    elif secs < 82800:
        n = round(secs / 3600)
        rel = (f"in {n} h", f"{n} 時間後")
    else:
        n = round(secs / 86400)
        rel = (f"in {n} day{'s' if n != 1 else ''}", f"{n} 日後")
    stamp = due.strftime("%Y-%m-%d %H:%M UTC")
    return f"{stamp}（{rel[1]}）" if lang == "ja" else f"{stamp} ({rel[0]})"


def interactive(out) -> bool:
    """Whether to ask in the terminal: stdin and stdout are both a terminal."""
    stdin = sys.stdin
    return stdin is not None and not stdin.closed and stdin.isatty() and out.isatty()


def read_answer(keys: list[str], lang: str, out) -> tuple[str | None, float | None]:
    """(choice, seconds): asked in a terminal (three tries), or the next piped line; ``None`` if none."""
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        return None, None
    start = time.monotonic()
    if interactive(out):
        prompt = f"{'答えを選んでください' if lang == 'ja' else 'Your answer'} [{'/'.join(keys)}]: "
        for _ in range(3):
            try:
                got = input(prompt)
            except EOFError:
                return None, None
            try:
                return parse_choice(got, keys), time.monotonic() - start
            except UsageError:
                continue
        raise UsageError(f"choose one of {', '.join(keys)}")
    try:
        line = stdin.readline(64)
    except (OSError, ValueError, UnicodeDecodeError):
        return None, None
    if not line.strip():
        return None, None
    return parse_choice(line, keys), None


def question_text(q: Question, lang: str, n: int | None = None, total: int | None = None) -> str:
    """The question and its lettered options."""
    head = f"[{n}/{total}] " if n is not None else ""
    lines = [f"{head}{q.card.label(lang)}", "", q.text(lang), ""]
    lines += [f"  {o.key}. {o.label(lang)}" for o in q.options]
    return "\n".join(lines) + "\n"


def answer_text(q: Question, lang: str, chosen: str | None) -> str:
    """Right or wrong, the answer, why each option fits or not, the sources."""
    ja = lang == "ja"
    right = next(o for o in q.options if o.correct)
    lines = result_head(chosen, right.key, right.label(lang), lang)
    for o in q.options:
        why = o.why.get(lang) or o.why.get("en", "")
        lines.append(f"  {'✓' if o.correct else '✗'} {o.key}. {o.label(lang)}: {why}")
    lines.append(("出典: " if ja else "Sources: ") + ", ".join(
        (f"ノート §{s[5:]}" if ja else f"note §{s[5:]}") if s.startswith("note:") else s for s in q.sources))
    return "\n".join(lines) + "\n"


def ask_question(q: Question, lang: str, out) -> tuple[str | None, float | None]:
    """Print ``q`` and read an answer (terminal or pipe)."""
    out.write(question_text(q, lang))
    out.flush()
    return read_answer([o.key for o in q.options], lang, out)
