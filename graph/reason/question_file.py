"""A pasted exam question, split into the question and its options (``awskg answer --file``)."""

from __future__ import annotations

import re

__all__ = ["parse_question_file"]


def parse_question_file(text: str) -> tuple[str, list[str]]:
    """Split a pasted question into (question, options).

    Options are lines starting with a marker — ``A.`` ``B)`` ``(C)`` ``1.`` ``-``
    ``*`` ``①`` ``Ａ．`` (letters A–J); a line without a marker continues the line
    before it. Lines before the first option are the question (a leading ``Q:`` or
    ``問:`` is dropped). Lines starting with ``#`` are comments.

    >>> parse_question_file("Which fits?\\nnightly job\\nA. serverless\\nB) real-time\\n   scaled to 0\\n")
    ('Which fits? nightly job', ['serverless', 'real-time scaled to 0'])
    """
    marker = re.compile(r"^\s*(?:[-*•・]|\(?[A-Ja-jＡ-Ｊ1-9][.)．）:：]|\([A-Ja-j1-9]\)|[①-⑩])\s*")
    question: list[str] = []
    options: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = marker.match(line)
        if m and line[m.end():].strip():
            options.append([line[m.end():].strip()])
        elif options:
            options[-1].append(line.strip())
        else:
            question.append(re.sub(r"^\s*(?:Q[.:：]|問[.:：]?)\s*", "", line).strip())
    return " ".join(question).strip(), [" ".join(o) for o in options]
