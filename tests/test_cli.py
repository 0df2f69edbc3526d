"""The CLI's contract: exit codes, one-line errors, no tracebacks, data never written."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "data" / "tiny"


def awskg(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True,
                          cwd=ROOT, input=stdin, timeout=120)


def assert_clean_error(proc: subprocess.CompletedProcess, code: int) -> str:
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("awskg: error:")
    return proc.stderr


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def test_malformed_turtle_names_file_and_line(tiny_copy):
    bad = tiny_copy / "kb" / "broken.ttl"
    bad.write_text('@prefix kb: <https://w3id.org/awskg/id/> .\n\nkb:a kb:b "unterminated .\n')
    err = assert_clean_error(awskg("--data", str(tiny_copy), "stats"), 1)
    assert "broken.ttl:3:" in err
    proc = awskg("--data", str(tiny_copy), "validate")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "broken.ttl:3: Parser error" in proc.stderr


def test_shacl_violation_names_focus_node_and_message(tiny_copy):
    path = tiny_copy / "kb" / "tiny.ttl"
    path.write_text(path.read_text().replace(
        'skos:prefLabel "Real-time Inference"@en , "リアルタイム推論"@ja', 'skos:prefLabel "Real-time Inference"@en'))
    proc = awskg("--data", str(tiny_copy), "validate")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "kb:real-time-inference" in proc.stderr and "Japanese (@ja)" in proc.stderr


def test_missing_source_is_a_violation(tiny_copy):
    path = tiny_copy / "kb" / "tiny.ttl"
    text = path.read_text()
    text = text.replace('    prov:wasDerivedFrom kb:note-1 .\nkb:asm-1-real-time', '    .\nkb:asm-1-real-time')
    path.write_text(text)
    proc = awskg("--data", str(tiny_copy), "validate")
    assert proc.returncode == 1
    assert "kb:asm-1-serverless" in proc.stderr and "has no source" in proc.stderr


def test_missing_data_directory(tmp_path):
    err = assert_clean_error(awskg("--data", str(tmp_path / "missing"), "stats"), 2)
    assert "not found" in err


def test_unknown_entity_suggests_in_both_languages():
    err = assert_clean_error(awskg("--data", str(TINY), "show", "serverles infrence"), 2)
    assert "did you mean: Serverless Inference / サーバーレス推論" in err


@pytest.mark.parametrize("query,needle", [
    ("DELETE WHERE { ?s ?p ?o }", "only SELECT"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ("LOAD <http://example.org/x>", "only SELECT"),
    ("SELECT ?s WHERE { ?s ", "syntax"),
])
def test_sparql_refusals(query, needle):
    err = assert_clean_error(awskg("--data", str(TINY), "sparql", query), 2)
    assert needle in err


def test_sparql_json_and_csv():
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/awskg/ontology#Solution> } ORDER BY ?s"
    proc = awskg("--data", str(TINY), "sparql", q, "--format", "json")
    data = json.loads(proc.stdout)
    assert [b["s"] for b in data["results"]["bindings"]] == [
        "https://w3id.org/awskg/id/sol-1-real-time", "https://w3id.org/awskg/id/sol-1-serverless"]
    proc = awskg("--data", str(TINY), "sparql", q, "--format", "csv")
    assert proc.stdout.splitlines()[0] == "s" and len(proc.stdout.splitlines()) == 3


def test_sparql_from_stdin_and_file(tmp_path):
    q = "ASK { ?s a <https://w3id.org/awskg/ontology#Scenario> }"
    assert awskg("--data", str(TINY), "sparql", "-", stdin=q).stdout.strip() == "true"
    f = tmp_path / "q.rq"
    f.write_text(q)
    assert awskg("--data", str(TINY), "sparql", "-f", str(f)).stdout.strip() == "true"


def test_bad_arguments_exit_2_without_traceback():
    assert_clean_error(awskg("stats", "--no-such-flag"), 2)
    assert_clean_error(awskg("--store", "sparql", "stats"), 2)


def test_read_commands_never_write_data(tiny_copy, tmp_path):
    before = tree_digest(tiny_copy)
    for args in (["stats"], ["validate"], ["show", "kb:sol-1-serverless"], ["export", "--format", "nt"],
                 ["path", "kb:sol-1-serverless", "kb:sol-1-real-time"],
                 ["sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 3"]):
        assert awskg("--data", str(tiny_copy), *args).returncode == 0, args
    err = assert_clean_error(
        awskg("--data", str(tiny_copy), "export", "-o", str(tiny_copy / "kb" / "tiny.ttl")), 2)
    assert "refusing" in err
    assert tree_digest(tiny_copy) == before


def test_export_to_file(tmp_path):
    out = tmp_path / "kb.nt"
    assert awskg("--data", str(TINY), "export", "--format", "nt", "-o", str(out)).returncode == 0
    assert "<https://w3id.org/awskg/id/scenario-1>" in out.read_text()


def test_show_and_path_json():
    d = json.loads(awskg("--data", str(TINY), "show", "サーバーレスエンドポイント", "--json").stdout)
    assert d["iri"].endswith("sol-1-serverless") and d["assessments"][0]["verdict"] == "fits"
    p = json.loads(awskg("--data", str(TINY), "path", "Serverless Inference", "Real-time Inference",
                         "--json").stdout)
    assert p["nodes"][0]["iri"].endswith("serverless-inference")
    assert p["nodes"][-1]["iri"].endswith("real-time-inference")
    assert len(p["hops"]) == len(p["nodes"]) - 1


def test_stats_counts_classes():
    data = json.loads(awskg("--data", str(TINY), "stats", "--json").stdout)
    assert data["classes"]["Solution"] == 2 and data["classes"]["NoteSection"] == 1
    assert data["triples"] > 0
