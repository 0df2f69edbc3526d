"""``awskg fit TEXT``: which service fits these requirements (ja, en or mixed), and why.

    awskg fit "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい"
    awskg --lang en fit "nightly inference, under a minute, cheapest" --top 3
    awskg fit --require req-gpu --require 低コスト
    awskg fit "..." --json          # the object in DESIGN.md
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from rdflib import URIRef

from graph.lexicon.read import catalog
from graph.reason.assess import Correction, Reason, Result
from graph.reason.fit import FitResult, fit

from ._common import dump_json

MARK = {"fits": "✓", "partial": "△", "does-not-fit": "✗", "not-assessed": "?"}
HEAD = {
    "en": {"fits": "Fits every requirement", "partial": "Partly fits, or not assessed on every requirement",
           "does-not-fit": "Does not fit (tempting alternatives)"},
    "ja": {"fits": "すべての要件に適合", "partial": "一部だけ適合、または未評価の要件あり",
           "does-not-fit": "不適合（紛らわしい選択肢）"},
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fit", help="rank solutions for the requirements in a sentence (ja/en), with reasons",
        description="Recognise requirements in TEXT (Japanese, English or mixed) and rank the "
                    "solutions and capabilities assessed against them: fits first, then partial, "
                    "then does-not-fit, each with its reasons and sources.")
    p.add_argument("text", nargs="?", default="", help="what you need, in your own words")
    p.add_argument("--require", action="append", default=[], metavar="REQ",
                   help="a requirement IRI, kb:slug or label to add (repeatable)")
    p.add_argument("--top", type=int, default=None, metavar="N", help="show at most N results")
    p.add_argument("--json", action="store_true", help="print the JSON object of the CLI contract")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx) -> int:
    result = fit(ctx.store, args.text, require=args.require, top=args.top)
    if args.json:
        dump_json(result.to_json_dict(ctx.lang), ctx.out)
    else:
        ctx.out.write(render(result, ctx.lang, catalog(ctx.store).label))
    return 0


class Footnotes:
    """Numbers each source once, so that long URLs are printed once at the end."""

    def __init__(self, lang: str = "en") -> None:
        self.ids: dict[str, int] = {}
        self.lang = lang

    def ref(self, sources: list[str]) -> str:
        """`` [notes §13][docs 1]``: a note section inline, an AWS document as a numbered footnote.

        >>> Footnotes().ref(["note:13", "https://docs.aws.amazon.com/a.html"])
        ' [notes §13][docs 1]'
        """
        notes, docs = ("ノート", "文書") if self.lang == "ja" else ("notes", "docs")
        out = []
        for s in sources:
            if s.startswith("note:"):
                out.append(f"[{notes} §{s[5:]}]")
            else:
                out.append(f"[{docs} {self.ids.setdefault(s, len(self.ids) + 1)}]")
        return (" " + "".join(out)) if out else ""

    def lines(self, lang: str) -> list[str]:
        """The footnote list: the AWS documents cited (note sections are cited inline)."""
        if not self.ids:
            return []
        head = "出典（AWS ドキュメント・API モデル）:" if lang == "ja" else "Sources (AWS documentation and API models):"
        docs = "文書" if lang == "ja" else "docs"
        return ["", head] + [f"  [{docs} {n}] {s}" for s, n in self.ids.items()]


def correction_lines(c: Correction, lang: str, notes: Footnotes, indent: str) -> list[str]:
    """A correction badge: what the note says vs what AWS documentation says."""
    other = "en" if lang == "ja" else "ja"
    ja = lang == "ja"
    title = c.labels.get(lang) or c.labels.get(other) or str(c.iri)
    verdict = c.verdict.get(lang) or c.verdict.get(other) or ""
    out = [f"{indent}⚠ {'訂正' if ja else 'Correction'}: {title}" + (f" — {verdict}" if verdict else "")
           + notes.ref(c.sources)]
    says = c.sources_say.get(lang) or c.sources_say.get(other)
    if says:
        out.append(f"{indent}  {'AWS ドキュメント' if ja else 'AWS docs'}: {says}")
    return out


def reason_lines(r: Reason, lang: str, label: Callable[[URIRef, str], str], notes: Footnotes, indent: str = "      ",
                 seen: set | None = None) -> list[str]:
    """One reason: the verdict mark, the requirement, the rationale and its sources.

    A correction is shown in full the first time (``seen`` collects them), then by name.
    """
    other = "en" if lang == "ja" else "ja"
    text = r.text.get(lang) or r.text.get(other) or ""
    out = [f"{indent}{MARK.get(r.verdict, '?')} {label(r.requirement, lang)}: {text}{notes.ref(r.sources)}"]
    seen = set() if seen is None else seen
    for c in r.corrections:
        if c.iri in seen:
            title = c.labels.get(lang) or c.labels.get(other) or str(c.iri)
            out.append(f"{indent}  ⚠ {'訂正' if lang == 'ja' else 'Correction'}: {title} "
                       + ("（上記）" if lang == "ja" else "(above)"))
        else:
            seen.add(c.iri)
            out += correction_lines(c, lang, notes, indent + "  ")
    return out


def result_lines(n: int, res: Result, lang: str, label: Callable[[URIRef, str], str],
                 notes: Footnotes) -> list[str]:
    """One ranked result with its reasons."""
    star = " ★" if res.answer_of else ""
    kind = {"Solution": "ソリューション", "Capability": "機能", "Service": "サービス"}.get(res.type, res.type) \
        if lang == "ja" else res.type
    out = [f"  {n}. {MARK.get(res.verdict, '?')} {res.label(lang)}  [{kind}, {res.score:.2f}]{star}",
           f"      ({res.summary(lang)})"]
    shown: set = set()
    for r in res.reasons:
        out += reason_lines(r, lang, label, notes, seen=shown)
    for c in res.corrections:
        if c.iri not in shown:
            shown.add(c.iri)
            out += correction_lines(c, lang, notes, "      ")
    out += invalid_lines(res.invalid_settings, lang, "      ")
    out += badge_lines(res.badges, lang, "      ")
    return out


def badge_lines(badges: list, lang: str, indent: str) -> list[str]:
    """One line per badge: a draft from the learner's notes, or a dated availability change."""
    return [f"{indent}{'✎' if b.kind == 'draft' else '⏱'} {b.text.get(lang) or b.text.get('en', b.kind)}"
            for b in badges]


def invalid_lines(settings: list[dict[str, str]], lang: str, indent: str) -> list[str]:
    """A badge per setting the API would refuse (e.g. InitialInstanceCount = 0)."""
    note = "API が受け付けない値" if lang == "ja" else "not a valid value in the API"
    return [f"{indent}⚠ {s.get(lang) or s.get('en') or s.get('ja', '')}: {note}" for s in settings]


def _name(labels: dict[str, str], lang: str) -> str:
    return labels.get(lang) or labels.get("en") or labels.get("ja") or ""


def render(result: FitResult, lang: str, label: Callable[[URIRef, str], str]) -> str:
    """Human-readable answer in ``lang``: requirements recognised, then ranked results."""
    ja = lang == "ja"
    lines: list[str] = []
    if result.requirements:
        lines.append("認識した要件:" if ja else "Requirements recognised:")
        for r in result.requirements:
            how = ("指定" if ja else "given") if r.explicit else f"「{r.matched}」" if ja else f'"{r.matched}"'
            lines.append(f"  • {r.label(lang)}  ← {how}")
        if result.negated:
            lines.append(("不要とされた要件: " if ja else "Left out as not needed: ")
                         + ", ".join(_name(n[1], lang) for n in result.negated))
        if result.mentions:
            lines.append(("言及: " if ja else "Mentioned: ") + ", ".join(_name(m[1], lang) for m in result.mentions))
        if result.scope.topics:
            lines.append(("トピック: " if ja else "About: ") + ", ".join(result.scope.names(lang))
                         + (f"（他のトピックの {result.off_topic} 件は除外）" if ja and result.off_topic else
                            f" ({result.off_topic} option(s) of other topics left out)" if result.off_topic else ""))
        if result.unknown_words:
            lines.append(("理解できなかった語: " if ja else "Not understood: ") + ", ".join(result.unknown_words))
    else:
        lines.append(result.message(lang))
        return "\n".join(lines) + "\n"
    notes = Footnotes(lang)
    group = None
    for n, res in enumerate(result.results, 1):
        if res.verdict != group:
            group = res.verdict
            lines += ["", HEAD[lang if lang in HEAD else "en"][group] + ":"]
        lines += result_lines(n, res, lang, label, notes)
    if not result.results:
        lines += ["", result.message(lang)]
    elif len(result.results) < result.total:
        lines += ["", f"（{result.total} 件中 {len(result.results)} 件）" if ja
                  else f"({len(result.results)} of {result.total} shown; --top to change)"]
    if any(r.answer_of for r in result.results):
        lines += ["", "★ = ノートの正解" if ja else "★ = the notes' answer to its scenario"]
    lines += notes.lines(lang)
    return "\n".join(lines) + "\n"
