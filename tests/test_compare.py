"""Comparison tables: cells equal the data, every cell is sourced, exports round-trip, diff-only."""

from __future__ import annotations

import csv
import io
import json
import re

import pandas as pd
import pytest
from rdflib import URIRef

from graph.compare import (
    compare,
    compare_names,
    list_groups,
    resolve_group,
    resolve_items,
    to_csv,
    to_dict,
    to_json,
    to_markdown,
    to_text,
)
from graph.compare.build import find_group
from graph.compare.table import MISSING
from graph.errors import UsageError
from ontology import KB

P = """PREFIX awskg: <https://w3id.org/awskg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
LANGS = ["en", "ja"]


def rows(kb, query: str) -> list[dict]:
    return kb.sparql(P + query, limit=100_000).rows


def pref(kb, iri: URIRef, lang: str) -> str:
    found = rows(kb, f"""SELECT ?l WHERE {{ <{iri}> skos:prefLabel ?l
        FILTER(LANG(?l) = "{lang}") }}""")
    return str(found[0]["l"])


def group_iris(kb) -> list[URIRef]:
    return [r["g"] for r in rows(kb, "SELECT ?g WHERE { ?g a awskg:ComparisonGroup }")]


def data_cells(kb, group: URIRef, lang: str) -> dict[tuple, str]:
    """(member, dimension) → text in ``lang``, read straight from the triples."""
    found = rows(kb, f"""SELECT ?m ?d ?t WHERE {{
        <{group}> awskg:member ?m ; awskg:dimension ?d .
        ?v a awskg:ComparisonValue ; awskg:valueOf ?m ; awskg:onDimension ?d ; awskg:text ?t .
        FILTER(LANG(?t) = "{lang}") }}""")
    return {(r["m"], r["d"]): str(r["t"]) for r in found}


# ---------------------------------------------------------------- the inference table


@pytest.mark.parametrize("lang", LANGS)
def test_inference_cells_equal_the_data(kb, lang):
    group = resolve_group(kb, "inference")
    table = compare(kb, group, lang)
    members = {r["m"] for r in rows(kb, f"SELECT ?m WHERE {{ <{group}> awskg:member ?m }}")}
    dims = rows(kb, f"SELECT ?d ?o WHERE {{ <{group}> awskg:dimension ?d . ?d awskg:order ?o }}")
    assert {i.iri for i in table.items} == members and len(members) >= 6
    # columns follow awskg:order
    by_order = sorted(dims, key=lambda r: int(r["o"]))
    assert [d.iri for d in table.dimensions] == [r["d"] for r in by_order]
    expected = data_cells(kb, group, lang)
    assert len(expected) >= 50
    for item in table.items:
        for dim in table.dimensions:
            assert table.text(item.iri, dim.iri) == expected.get((item.iri, dim.iri), MISSING)
    # the DataFrame shows exactly the same texts
    for r, item in enumerate(table.items):
        for c, dim in enumerate(table.dimensions):
            assert table.df.iat[r, c] == table.text(item.iri, dim.iri)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_follow_the_language(kb, lang):
    table = compare(kb, resolve_group(kb, "inference"), lang)
    for entry in table.items + table.dimensions:
        assert entry.label(lang) == pref(kb, entry.iri, lang)
    assert list(table.df.columns) == [d.label(lang) for d in table.dimensions]
    assert list(table.df.index) == [i.label(lang) for i in table.items]
    assert table.df.index.name == ("選択肢" if lang == "ja" else "Option")


def test_languages_differ_but_keep_the_same_shape(kb):
    en, ja = (compare(kb, resolve_group(kb, "inference"), lang) for lang in LANGS)
    assert en.df.shape == ja.df.shape
    assert [i.iri for i in en.items] == [i.iri for i in ja.items]
    assert any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", str(v)) for v in ja.df.to_numpy().ravel())
    assert not any(re.search(r"[\u3040-\u30ff]", str(v)) for v in en.df.to_numpy().ravel())


# ---------------------------------------------------------------- sources


def test_every_comparison_value_has_a_source_in_the_data(kb):
    assert rows(kb, "SELECT ?v WHERE { ?v a awskg:ComparisonValue }")
    missing = rows(kb, """SELECT ?v WHERE { ?v a awskg:ComparisonValue
        FILTER NOT EXISTS { ?v dcterms:source|prov:wasDerivedFrom ?s } }""")
    assert missing == []
    bilingual = rows(kb, """SELECT ?v WHERE { ?v a awskg:ComparisonValue
        FILTER NOT EXISTS { ?v awskg:text ?e FILTER(LANG(?e) = "en")
                            ?v awskg:text ?j FILTER(LANG(?j) = "ja") } }""")
    assert bilingual == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_shown_cell_is_sourced(kb, lang):
    for g in group_iris(kb):
        table = compare(kb, g, lang)
        for item in table.items:
            for dim in table.dimensions:
                cell = table.cell(item.iri, dim.iri)
                if cell.value is None:
                    assert cell.display(lang) == MISSING and not cell.sources
                    continue
                assert cell.sources, (item.iri, dim.iri)
                for s in cell.sources:
                    if s.kind == "note":
                        assert s.section and s.lines and s.lines[0] <= s.lines[1]
                    else:
                        assert s.title and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.checked), s.iri


def test_cells_and_values_are_one_to_one(kb):
    """No (option, dimension) pair has two values: a table cell would hide one."""
    dup = rows(kb, """SELECT ?m ?d (COUNT(?v) AS ?n) WHERE {
        ?v a awskg:ComparisonValue ; awskg:valueOf ?m ; awskg:onDimension ?d }
        GROUP BY ?m ?d HAVING (COUNT(?v) > 1)""")
    assert dup == []


def test_groups_members_and_dimensions_exist(kb):
    groups = list_groups(kb)
    assert {g.iri for g in groups} == set(group_iris(kb)) and len(groups) >= 5
    for g in groups:
        assert g.notation and g.labels.get("en") and g.labels.get("ja")
        assert len(g.members) >= 2 and g.dimensions
        listed = rows(kb, f"SELECT ?m WHERE {{ <{g.iri}> awskg:member ?m }}")
        assert len(g.members) == len(listed)
        assert {m.iri for m in g.members} == {r["m"] for r in listed}
        ordered = rows(kb, f"""PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            SELECT ?m (COUNT(?mid) AS ?pos) WHERE {{ <{g.iri}> skos:memberList ?l .
            ?l rdf:rest* ?mid . ?mid rdf:rest* ?n . ?n rdf:first ?m }} GROUP BY ?m""")
        by_pos = [r["m"] for r in sorted(ordered, key=lambda r: int(r["pos"]))]
        assert [m.iri for m in g.members][: len(by_pos)] == by_pos


# ---------------------------------------------------------------- renderers


@pytest.mark.parametrize("lang", LANGS)
def test_csv_parses_back_to_the_same_table(kb, lang):
    for g in group_iris(kb):
        table = compare(kb, g, lang)
        text = to_csv(table)
        back = pd.read_csv(io.StringIO(text), index_col=0, dtype=str, keep_default_na=False)
        sources = "出典" if lang == "ja" else "Sources"
        assert list(back.columns) == list(table.df.columns) + [sources]
        assert list(back.index) == list(table.df.index)
        # every cell is the table's text, then its footnote numbers and ⚠ codes
        for got, want in zip(back.drop(columns=[sources]).to_numpy().ravel(), table.df.to_numpy().ravel()):
            assert got == want or (got.startswith(want + " ") and re.fullmatch(r"(\[\d+\])*( ?⚠B\d+)*",
                                                                             got[len(want) + 1:]))
        assert all(re.match(r"\[\d+\] ", s) for s in back[sources] if s)
        assert any("(checked" in s or "確認" in s for s in back[sources])
        header = next(csv.reader(io.StringIO(text)))
        assert header[0] == table.df.index.name
        assert header[1:-1] == [d.label(lang) for d in table.dimensions]


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_cells_carry_footnotes_and_correction_marks(kb, lang):
    table = compare(kb, resolve_group(kb, "inference"), lang)
    md = to_markdown(table)
    body = [line for line in md.splitlines() if line.startswith("| ")][1:]
    assert len(body) == len(table.items)
    notes = dict(re.findall(r"^\[(\d+)\] (.+?)\s*$", md, re.M))
    assert len(notes) == len(table.footnotes()) > 0
    for line, item in zip(body, table.items):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        assert len(cells) == 1 + len(table.dimensions)
        for text, dim in zip(cells[1:], table.dimensions):
            cell = table.cell(item.iri, dim.iri)
            if cell.value is None:
                assert text == MISSING
                continue
            refs = re.findall(r"\[(\d+)\]", text)
            assert refs and all(r in notes for r in refs)
            assert {notes[r] for r in refs} == {s.describe(lang) for s in cell.sources}
            assert ("⚠" in text) == bool(cell.corrections)
    assert any(table.cell(i.iri, d.iri).corrections for i in table.items for d in table.dimensions)


def test_json_carries_both_languages_and_sources(kb):
    table = compare(kb, resolve_group(kb, "inference"), "ja")
    data = json.loads(to_json(table))
    assert data == to_dict(table)
    assert data["group"]["notation"] and data["lang"] == "ja"
    assert [d["iri"] for d in data["dimensions"]] == [str(d.iri) for d in table.dimensions]
    ids = {s["id"] for s in data["sources"]}
    for row in data["rows"]:
        assert len(row["cells"]) == len(table.dimensions)
        for c in row["cells"]:
            if c["value"] is None:
                assert c["display"] == MISSING and c["sources"] == []
            else:
                assert set(c["text"]) == {"en", "ja"} and c["sources"] and set(c["sources"]) <= ids


@pytest.mark.parametrize("lang", LANGS)
def test_terminal_table_fits_and_aligns(kb, lang):
    table = compare(kb, resolve_group(kb, "emr"), lang)
    from graph.compare.render import display_width

    text = to_text(table, width=100)
    grid = [line for line in text.splitlines() if line.startswith(("|", "+"))]
    widths = {display_width(line) for line in grid}
    assert len(widths) == 1 and widths.pop() <= 100
    for item in table.items:
        assert item.label(lang)[:8] in text


# ---------------------------------------------------------------- diff-only


@pytest.mark.parametrize("lang", LANGS)
def test_diff_only_drops_exactly_the_constant_columns(kb, lang):
    selections = [[KB["asynchronous-inference"], KB["batch-transform"]],
                  [KB["emr-primary-node"], KB["emr-core-node"]],
                  [KB["model-monitor-data-quality"], KB["model-monitor-model-quality"]]]
    dropped_any = False
    for items in selections + [resolve_group(kb, n) for n in ("inference", "emr")]:
        full = compare(kb, items, lang)
        diff = compare(kb, items, lang, diff_only=True)
        constant = [c for c in full.df.columns if full.df[c].nunique() == 1]
        assert list(diff.df.columns) == [c for c in full.df.columns if c not in constant]
        assert [d.label(lang) for d in diff.dropped] == constant
        assert diff.df.to_numpy().tolist() == full.df.drop(columns=constant).to_numpy().tolist()
        dropped_any = dropped_any or bool(constant)
    assert dropped_any


# ---------------------------------------------------------------- custom selections and names


def test_custom_selection_by_labels_in_either_language_or_iri(kb):
    wanted = [KB["data-firehose"], KB["kinesis-data-streams"], KB["datasync"]]
    names = [pref(kb, wanted[0], "en"), pref(kb, wanted[1], "ja"), str(wanted[2])]
    table = compare_names(kb, names, "en")
    assert table.group is None and [i.iri for i in table.items] == wanted
    with_values = {r["d"] for r in rows(kb, f"""SELECT DISTINCT ?d WHERE {{
        VALUES ?m {{ {' '.join(f'<{w}>' for w in wanted)} }}
        ?v a awskg:ComparisonValue ; awskg:valueOf ?m ; awskg:onDimension ?d }}""")}
    assert {d.iri for d in table.dimensions} == with_values


def test_single_and_unrelated_items_still_make_a_table(kb):
    one = compare(kb, [KB["serverless-inference"]], "en")
    assert one.df.shape[0] == 1 and one.df.shape[1] >= 10
    plain = rows(kb, """SELECT ?x WHERE { ?x a awskg:Service
        FILTER NOT EXISTS { ?v awskg:valueOf ?x } } LIMIT 1""")
    assert plain, "need a service with no comparison values"
    bare = plain[0]["x"]
    alone = compare(kb, [bare], "ja")
    assert alone.df.shape == (1, 0) and "比較できる値がありません" in to_text(alone)
    mixed = compare(kb, [KB["emr-task-node"], bare], "en")
    assert (mixed.df.iloc[1] == MISSING).all() and (mixed.df.iloc[0] != MISSING).all()
    pd.read_csv(io.StringIO(to_csv(mixed)), index_col=0)  # still valid CSV


def test_group_names_in_either_language(kb):
    for g in list_groups(kb):
        for name in [g.notation, g.labels["en"], g.labels["ja"], str(g.iri), *g.alt_labels]:
            assert find_group(kb, name) == g.iri, name
            assert compare_names(kb, [name.upper() if name.isascii() else name]).group.iri == g.iri


def test_unknown_group_gives_suggestions_in_both_languages(kb):
    with pytest.raises(UsageError) as err:
        resolve_group(kb, "infrence")
    assert err.value.exit_code == 2
    assert re.search(r"[\u3040-\u30ff]", str(err.value)) and "unknown" in str(err.value)
    assert err.value.suggestions and err.value.suggestions[0].startswith("inference ")


def test_unknown_option_gives_did_you_mean(kb):
    with pytest.raises(UsageError) as err:
        compare_names(kb, ["Serverles inferance", "Amazon Data Firehose"])
    assert err.value.exit_code == 2 and re.search(r"[\u3040-\u30ff]", str(err.value))
    assert any("serverless-inference" in s for s in err.value.suggestions)
    with pytest.raises(UsageError) as err:
        compare_names(kb, ["zzqqxxyy nothing like it"])
    assert err.value.suggestions  # falls back to the list of groups
    with pytest.raises(UsageError):
        compare_names(kb, ["  "])


def test_dimensions_are_not_options(kb):
    dim = rows(kb, "SELECT ?d WHERE { ?d a awskg:Dimension } LIMIT 1")[0]["d"]
    with pytest.raises(UsageError):
        resolve_items(kb, [pref(kb, dim, "en")])


def test_few_queries_per_table(kb):
    calls = []
    real = kb.select

    def counting(name, **bindings):
        calls.append(name)
        return real(name, **bindings)

    kb.select = counting
    try:
        compare(kb, resolve_group(kb, "monitoring"), "en")
    finally:
        del kb.select
    assert len(calls) <= 12 and calls.count("compare_cells") == 1


def test_native_oxigraph_gives_the_same_table(kb, native_ox):
    native = native_ox
    for name in ("inference", "emr"):
        a = compare(kb, resolve_group(kb, name), "ja")
        b = compare(native, resolve_group(native, name), "ja")
        assert a.df.equals(b.df)

        def ids(t):
            return [[s.id for s in t.cell(i.iri, d.iri).sources]
                    for i in t.items for d in t.dimensions]

        assert ids(a) == ids(b)
