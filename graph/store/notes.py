"""Study notes (Markdown) → ``NoteSection`` triples with exact line ranges.

The sections are derived from the notes file at load time, so a line range can
never drift from the file it points into.

>>> secs = parse_sections("# T\\n\\n## 13.\\n\\n- a\\n- b\\n\\n## 14.\\n- c\\n")
>>> [(s.number, s.start_line, s.end_line) for s in secs]
[(13, 3, 6), (14, 8, 9)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from graph.errors import DataError
from ontology import AWSKG, KB

__all__ = ["NoteSection", "parse_sections", "section_iri", "sections_graph"]

_HEADING = re.compile(r"^##\s+(\d+)\.?\s*(.*?)\s*$")


@dataclass(frozen=True)
class NoteSection:
    """One ``## N.`` section: its number, heading, 1-based line range and body."""

    number: int
    heading: str
    start_line: int
    end_line: int
    body: str


def section_iri(number: int):  # -> URIRef
    """IRI of note section N.

    >>> str(section_iri(13))
    'https://w3id.org/awskg/id/note-13'
    """
    return KB[f"note-{number}"]


def parse_sections(text: str) -> list[NoteSection]:
    """Split Markdown into its ``## N.`` sections (other headings stay inside)."""
    lines = text.splitlines()
    starts = [(i, m) for i, line in enumerate(lines) if (m := _HEADING.match(line))]
    sections = []
    for k, (i, m) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else len(lines)
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        body = "\n".join(lines[i + 1 : end]).strip("\n")
        sections.append(NoteSection(int(m.group(1)), m.group(2), i + 1, end, body))
    return sections


def sections_graph(path: Path, rel_name: str) -> Graph:
    """Triples for every section of the notes file at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"{path}: cannot read notes file ({err})") from err
    g = Graph()
    seen: set[int] = set()
    for s in parse_sections(text):
        if s.number in seen:
            raise DataError(f"{path}:{s.start_line}: section {s.number} appears twice")
        seen.add(s.number)
        iri = section_iri(s.number)
        title = f"§{s.number}" + (f" {s.heading}" if s.heading else "")
        g.add((iri, RDF.type, AWSKG.NoteSection))
        g.add((iri, SKOS.prefLabel, Literal(f"Note {title}", lang="en")))
        g.add((iri, SKOS.prefLabel, Literal(f"ノート {title}", lang="ja")))
        g.add((iri, RDFS.label, Literal(f"note:{s.number}")))
        g.add((iri, AWSKG.sectionNumber, Literal(s.number, datatype=XSD.integer)))
        g.add((iri, AWSKG.startLine, Literal(s.start_line, datatype=XSD.integer)))
        g.add((iri, AWSKG.endLine, Literal(s.end_line, datatype=XSD.integer)))
        g.add((iri, AWSKG.noteFile, Literal(rel_name)))
        g.add((iri, DCTERMS.description, Literal(s.body, lang="ja")))
    return g
