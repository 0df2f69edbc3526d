"""Import a notes file into the learner's folder, and accept reviewed drafts.

Layout of the learner's folder (:mod:`graph.store.userdata`), read on top of the
shipped data by every command and the app::

    notes/<file>.md            the imported notes, copied as they are
    kb/drafts/note-<N>.ttl     what was drafted from section N (status "draft")
    kb/accepted/note-<N>.ttl   section N after review (no draft status)

Every file is written whole through a temporary file and a rename; nothing is ever
written under the shipped ``data/``. A section number that the shipped notes have
is refused; one imported before needs ``replace=True``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.draft.section import SectionDraft, draft_section
from graph.draft.turtle import draft_graph
from graph.errors import UsageError
from graph.store.base import Store
from graph.store.notes import NoteSection, parse_sections
from graph.store.paths import default_data_dir
from graph.store.userdata import atomic_write, user_data_dir, writable_user_dir

__all__ = [
    "MAX_BYTES",
    "ImportResult",
    "accept_section",
    "draft_notes",
    "drop_section",
    "import_notes",
    "imported_sections",
    "read_notes",
]

#: Notes files larger than this are refused (the shipped notes are 12 KB).
MAX_BYTES = 1_000_000


@dataclass
class ImportResult:
    """The drafts of one import and the files written (none for a dry run)."""

    source: str
    drafts: list[SectionDraft]
    written: list[Path] = field(default_factory=list)
    folder: Path | None = None

    def to_json(self) -> dict:
        return {"source": self.source, "folder": str(self.folder) if self.folder else None,
                "written": [str(p) for p in self.written], "sections": [d.to_json() for d in self.drafts]}


def read_notes(path: Path) -> str:
    """The text of a notes file, or one clear :class:`UsageError` (missing, binary, too big, no sections).

    >>> import tempfile; p = Path(tempfile.mkdtemp()) / "n.md"; _ = p.write_bytes(b"\\x00\\x01")
    >>> read_notes(p)
    Traceback (most recent call last):
    ...
    graph.errors.UsageError: ... is not a text file (it holds binary data)
    """
    try:
        size = path.stat().st_size
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a Markdown notes file")
    if size > MAX_BYTES:
        raise UsageError(f"{path} is {size / 1e6:.1f} MB; notes files over {MAX_BYTES // 1_000_000} MB are refused")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    return notes_text(raw, str(path))


def notes_text(raw: bytes, name: str) -> str:
    """Decoded notes (UTF-8, BOM allowed) with at least one ``## N.`` section."""
    if b"\x00" in raw:
        raise UsageError(f"{name} is not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{name} is not UTF-8 text; save it as UTF-8 and import again") from None
    if not parse_sections(text):
        raise UsageError(f"{name} has no '## N.' sections (a section starts with a line like '## 21.')")
    return text


def draft_notes(store: Store, text: str) -> list[SectionDraft]:
    """A draft for every section of ``text`` (nothing is written)."""
    return [draft_section(store, s.number, s.heading, s.start_line, s.end_line, s.body)
            for s in parse_sections(text)]


def _sections(folder: Path) -> dict[int, Path]:
    out: dict[int, Path] = {}
    for path in sorted((folder / "notes").glob("*.md")):
        try:
            for s in parse_sections(path.read_text(encoding="utf-8")):
                out.setdefault(s.number, path)
        except (OSError, UnicodeDecodeError):
            continue
    return out


def imported_sections() -> dict[int, Path]:
    """Section number → the imported notes file that holds it."""
    try:
        return _sections(user_data_dir())
    except UsageError:
        return {}


def _copy_name(path: Path) -> str:
    name = re.sub(r"[^\w.\-]+", "_", path.name) or "notes.md"
    return name if name.endswith(".md") else name + ".md"


def import_notes(store: Store, path: Path, *, replace: bool = False, dry_run: bool = False,
                 data_dir: Path | None = None, text: str | None = None) -> ImportResult:
    """Draft every section of ``path`` and, unless ``dry_run``, save the notes and drafts."""
    text = read_notes(path) if text is None else text
    drafts = draft_notes(store, text)
    result = ImportResult(str(path), drafts)
    shipped = _sections(Path(data_dir) if data_dir else default_data_dir())
    for d in drafts:
        if d.number in shipped:
            raise UsageError(f"section {d.number} is in the shipped notes ({shipped[d.number].name}); "
                             f"number your new sections differently")
    if dry_run:
        return result
    folder = writable_user_dir()
    result.folder = folder
    copy = folder / "notes" / _copy_name(path)
    mine = imported_sections()
    clash = {d.number: mine[d.number] for d in drafts if d.number in mine}
    if clash and not replace:
        nums = ", ".join(f"§{n} ({p.name})" for n, p in sorted(clash.items()))
        raise UsageError(f"already imported: {nums}; use --replace to replace them")
    writable_user_dir("notes")
    drafts_dir = writable_user_dir("kb", "drafts")
    for n, old in sorted(clash.items()):
        if old != copy:
            _blank_section(old, n)
        drop_section(n)
    for d in drafts:
        target = drafts_dir / f"note-{d.number}.ttl"
        atomic_write(target, draft_graph(d).serialize(format="turtle"))
        result.written.append(target)
    atomic_write(copy, text)
    result.written.append(copy)
    return result


def _blank_section(path: Path, number: int) -> None:
    """Empty section ``number``'s lines in an imported copy; the other sections keep their line numbers."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for s in parse_sections("\n".join(lines)):
        if s.number == number:
            lines[s.start_line - 1: s.end_line] = [""] * (s.end_line - s.start_line + 1)
    atomic_write(path, "\n".join(lines) + "\n")


def drop_section(number: int) -> None:
    """Remove the draft and the accepted triples of an imported section."""
    folder = user_data_dir()
    for sub in ("drafts", "accepted"):
        (folder / "kb" / sub / f"note-{number}.ttl").unlink(missing_ok=True)


def accept_section(number: int, g: Graph) -> Path:
    """Save reviewed triples of section ``number`` (without draft status) and drop its draft."""
    from graph.draft.turtle import accepted

    target = writable_user_dir("kb", "accepted") / f"note-{number}.ttl"
    atomic_write(target, accepted(g).serialize(format="turtle"))
    (user_data_dir() / "kb" / "drafts" / f"note-{number}.ttl").unlink(missing_ok=True)
    return target


def section_of(text: str, number: int) -> NoteSection | None:
    """Section ``number`` of ``text``."""
    return next((s for s in parse_sections(text) if s.number == number), None)
