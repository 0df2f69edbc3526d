"""The vocabulary file and its Python namespace agree; every named query parses and is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.sparql import parser

from graph.store import check_read_only
from ontology import AWSKG, ONTOLOGY_DIR

ROOT = Path(__file__).resolve().parent.parent
QUERIES = sorted((ONTOLOGY_DIR / "queries").glob("*.rq"))
CHECKS = sorted((ONTOLOGY_DIR / "checks").glob("*.rq"))


def test_namespace_class_matches_core_ttl():
    g = Graph().parse(ONTOLOGY_DIR / "core.ttl")
    ns = str(AWSKG._NS)
    in_ttl = {str(s)[len(ns):] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    in_py = set(AWSKG.__annotations__)
    assert in_ttl == in_py


def test_every_term_has_bilingual_label_and_comment():
    g = Graph().parse(ONTOLOGY_DIR / "core.ttl")
    from rdflib.namespace import RDFS

    for name in AWSKG.__annotations__:
        term = AWSKG[name]
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"en", "ja"} <= langs, f"{name} lacks {prop} in en/ja"


@pytest.mark.parametrize("path", QUERIES + CHECKS, ids=lambda p: p.name)
def test_query_parses_and_is_read_only(path: Path):
    text = path.read_text(encoding="utf-8")
    parsed = parser.parseQuery(text)
    assert parsed[1].name in ("SelectQuery", "AskQuery", "ConstructQuery")
    # The same gate as the console: no updates, no SERVICE anywhere in the algebra.
    assert check_read_only(text) == parsed[1].name


def test_every_named_query_is_used_by_the_code():
    code = "\n".join(p.read_text() for p in (ROOT / "graph").rglob("*.py"))
    unused = [q.stem for q in QUERIES if not re.search(rf"[\"']{q.stem}[\"']", code)]
    assert unused == []


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.name)
def test_checks_return_focus_and_message(path: Path):
    assert "?focus" in path.read_text() and "?message" in path.read_text()
