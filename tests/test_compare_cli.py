"""``awskg compare`` end to end: formats, languages, --list, --diff-only and bad input."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent
P = """PREFIX awskg: <https://w3id.org/awskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_names_every_group_with_members(kb, capsys):
    code, out, _ = run(capsys, "compare", "--list", "--format", "json")
    assert code == 0
    groups = json.loads(out)
    found = kb.sparql(P + "SELECT ?n WHERE { ?g a awskg:ComparisonGroup ; skos:notation ?n }").rows
    notations = {str(r["n"]) for r in found}
    assert {g["notation"] for g in groups} == notations
    assert all(g["members"] and g["label"]["ja"] and g["label"]["en"] for g in groups)
    code, text, _ = run(capsys, "--lang", "ja", "compare", "--list")
    assert code == 0 and all(n in text for n in notations) and "メンバー" in text


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_csv_output_is_the_contract(kb, capsys, lang):
    code, out, _ = run(capsys, "--lang", lang, "compare", "inference", "--format", "csv")
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    group = 'SELECT ?x WHERE { ?g skos:notation "inference" ; awskg:%s ?x }'
    members = kb.sparql(P + group % "member").rows
    dims = kb.sparql(P + group % "dimension").rows
    assert len(table) == 1 + len(members) and all(len(r) == 2 + len(dims) for r in table)
    assert table[0][-1] == ("出典" if lang == "ja" else "Sources") and all(r[-1] for r in table[1:])
    assert any("⚠B" in cell for r in table[1:] for cell in r)


def test_markdown_and_json_formats(capsys):
    code, md, _ = run(capsys, "--lang", "ja", "compare", "推論", "--format", "markdown")
    assert code == 0 and md.startswith("## ") and "出典:" in md and re.search(r"\[\d+\] ノート §13", md)
    assert "⚠B" in md
    code, out, _ = run(capsys, "compare", "kb:data-firehose", "kb:datasync", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["group"] is None and len(data["rows"]) == 2


def test_diff_only_flag(capsys):
    pair = ["kb:asynchronous-inference", "kb:batch-transform"]
    _, full, _ = run(capsys, "compare", *pair, "--format", "csv")
    _, diff, _ = run(capsys, "compare", *pair, "--format", "csv", "--diff-only")
    def text(rows):  # footnote numbers depend on the columns shown: compare the values
        return [[re.sub(r"(?: ?\[\d+\])+| ?⚠B\d+", "", c) for c in r[:-1]] for r in rows]

    full_rows, diff_rows = text(csv.reader(io.StringIO(full))), text(csv.reader(io.StringIO(diff)))
    columns = list(zip(*full_rows))
    kept = [c for c in columns[1:] if len(set(c[1:])) > 1]
    assert list(zip(*diff_rows))[1:] == kept and len(kept) < len(columns) - 1


def test_table_format_is_the_default(capsys):
    code, out, _ = run(capsys, "--lang", "ja", "compare", "emr")
    assert code == 0 and out.splitlines()[1].startswith("+-") and "出典:" in out


def awskg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("args", [["compare", "infrence"], ["compare"],
                                  ["compare", "kb:no-such-option-x", "emr"],
                                  ["compare", "--list", "emr"]])
def test_bad_input_exits_2_with_one_line_and_suggestions(args):
    proc = awskg(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("awskg: error:") and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_unknown_group_lists_groups_in_both_languages():
    proc = awskg("compare", "infrence")
    first, *rest = proc.stderr.splitlines()
    assert "inference" in first and re.search(r"[\u3040-\u30ff]", first)
    assert rest and rest[0].startswith("  did you mean: inference")
