"""The shipped knowledge base: every note section modelled, bilingual, sourced, valid."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.ops.validate import validate_dir
from ontology import KB

ROOT = Path(__file__).resolve().parent.parent
NOTES = ROOT / "data" / "notes" / "cloudtech-study.md"
P = """PREFIX awskg: <https://w3id.org/awskg/ontology#>
PREFIX kb: <https://w3id.org/awskg/id/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def rows(kb, query: str) -> list[dict]:
    return kb.sparql(P + query, limit=100_000).rows


def section_numbers() -> list[int]:
    text = NOTES.read_text(encoding="utf-8")
    return [int(m.group(1)) for m in re.finditer(r"^## (\d+)\.", text, re.M)]


def test_shipped_data_validates():
    report = validate_dir(ROOT / "data")
    assert report.problems == []
    assert report.checks >= 6


@pytest.mark.parametrize("number", section_numbers())
def test_every_note_section_is_modelled(kb, number):
    note = KB[f"note-{number}"]
    found = rows(kb, f"""SELECT ?scenario ?option ?req ?a WHERE {{
        ?scenario a awskg:Scenario ; prov:wasDerivedFrom <{note}> ;
                  awskg:hasOption ?option ; awskg:hasRequirement ?req .
        OPTIONAL {{ ?a awskg:subject ?option ; awskg:requirement ?req ; awskg:verdict ?v ;
                       prov:wasDerivedFrom ?src }}
    }}""")
    assert found, f"no scenario derived from §{number}"
    options = {r["option"] for r in found}
    assert len(options) >= 2, f"§{number}: a scenario needs at least two options"
    missing = {(str(r["option"]), str(r["req"])) for r in found if r["a"] is None}
    assert not missing, f"§{number}: options without an assessment: {sorted(missing)[:5]}"


def test_answers_are_options(kb):
    bad = rows(kb, "SELECT ?s WHERE { ?s awskg:answer ?a FILTER NOT EXISTS { ?s awskg:hasOption ?a } }")
    assert bad == []
    assert len(rows(kb, "SELECT ?s WHERE { ?s a awskg:Scenario ; awskg:answer ?a }")) >= len(section_numbers())


@pytest.mark.parametrize("cls", ["Service", "Capability", "Requirement", "Solution", "Scenario", "Setting",
                                 "Parameter", "Correction"])
def test_labels_in_both_languages(kb, cls):
    assert rows(kb, f"SELECT ?x WHERE {{ ?x a awskg:{cls} }}"), f"no {cls} at all"
    missing = rows(kb, f"""SELECT ?x ?lang WHERE {{
        ?x a awskg:{cls} . VALUES ?lang {{ "en" "ja" }}
        FILTER NOT EXISTS {{ ?x skos:prefLabel ?l FILTER(LANG(?l) = ?lang) }} }}""")
    assert missing == []


def test_requirements_carry_synonyms_in_both_languages(kb):
    counts = rows(kb, """SELECT ?r (SUM(IF(LANG(?l) = "en", 1, 0)) AS ?en) (SUM(IF(LANG(?l) = "ja", 1, 0)) AS ?ja)
        WHERE { ?r a awskg:Requirement ; skos:altLabel ?l } GROUP BY ?r""")
    n_reqs = len(rows(kb, "SELECT ?r WHERE { ?r a awskg:Requirement }"))
    assert len(counts) == n_reqs >= 25
    thin = [str(r["r"]) for r in counts if int(r["en"]) < 3 or int(r["ja"]) < 3]
    assert thin == []


@pytest.mark.parametrize("cls", ["Assessment", "Constraint", "Fact", "Correction"])
def test_every_claim_has_a_source(kb, cls):
    assert rows(kb, f"SELECT ?x WHERE {{ ?x a awskg:{cls} }}")
    missing = rows(kb, f"""SELECT ?x WHERE {{ ?x a awskg:{cls}
        FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom|dcterms:source ?s }} }}""")
    assert missing == []


def test_parameter_ranges_have_sources(kb):
    missing = rows(kb, """SELECT ?p WHERE { ?p a awskg:Parameter .
        { ?p awskg:minValue ?v } UNION { ?p awskg:maxValue ?v } UNION { ?p awskg:allowedValue ?v }
        FILTER NOT EXISTS { ?p dcterms:source ?s } }""")
    assert missing == []


def test_sources_are_dated_documents(kb):
    bad = rows(kb, """SELECT DISTINCT ?d WHERE { ?x dcterms:source ?d
        FILTER NOT EXISTS { ?d a awskg:Document ; dcterms:title ?t ; awskg:checked ?c
                            FILTER(DATATYPE(?c) = xsd:date) } }""")
    assert bad == []


def test_all_corrections_b1_to_b14(kb):
    found = rows(kb, """SELECT ?c ?target ?src ?note WHERE { ?c a awskg:Correction ;
        awskg:corrects ?target ; dcterms:source ?src ; prov:wasDerivedFrom ?note ;
        awskg:noteSays ?says ; awskg:sourcesSay ?docs . }""")
    have = {str(r["c"]).rsplit("/", 1)[-1] for r in found}
    assert {f"correction-b{i}" for i in range(1, 15)} <= have


def test_serverless_parameter_ranges(kb):
    def rng(slug: str) -> tuple:
        r = rows(kb, f"SELECT ?min ?max WHERE {{ kb:{slug} awskg:minValue ?min ; awskg:maxValue ?max }}")
        return (int(r[0]["min"]), int(r[0]["max"]))

    assert rng("param-serverless-max-concurrency") == (1, 200)
    assert rng("param-serverless-memory-size") == (1024, 6144)
    assert int(rows(kb, "SELECT ?m WHERE { kb:param-initial-instance-count awskg:minValue ?m }")[0]["m"]) == 1
    assert rng("param-firehose-buffer-interval") == (0, 900)


def test_deciding_constraints_exist(kb):
    for slug, minimum in [("serverless-inference", 5), ("emr-task-node", 1), ("emr-core-node", 1),
                          ("kds-enhanced-fan-out", 1), ("datasync", 1), ("firehose-buffering", 1)]:
        n = len(rows(kb, f"SELECT ?f WHERE {{ ?f a awskg:Constraint ; awskg:about kb:{slug} }}"))
        assert n >= minimum, f"{slug}: {n} constraints"


def test_scenario_13_settings_and_invalid_value(kb):
    answer = rows(kb, """SELECT ?v WHERE { kb:scenario-13 awskg:answer ?s . ?s awskg:sets ?set .
        ?set awskg:ofParameter kb:param-serverless-max-concurrency ; awskg:value ?v }""")
    assert [int(r["v"]) for r in answer] == [1]
    invalid = rows(kb, """SELECT ?set ?c WHERE { kb:scenario-13 awskg:hasOption ?s . ?s awskg:sets ?set .
        ?set awskg:ofParameter kb:param-initial-instance-count ; awskg:value ?v ; awskg:validValue false .
        FILTER(?v = 0) }""")
    assert invalid, "async InitialInstanceCount=0 must be marked invalid"


def test_adjacent_services_and_exam_domains(kb):
    for slug in ["batch-transform", "kinesis-data-streams", "managed-flink", "feature-store", "canvas",
                 "ground-truth", "bedrock", "step-functions", "eventbridge", "codepipeline", "ecr", "s3",
                 "glue-databrew", "glue-data-quality", "application-auto-scaling"]:
        facts = rows(kb, f"SELECT ?f WHERE {{ ?f awskg:about kb:{slug} ; dcterms:source|prov:wasDerivedFrom ?s }}")
        assert facts, f"{slug} has no sourced fact"
    domains = rows(kb, "SELECT ?d WHERE { ?d skos:inScheme kb:mla-c01 ; skos:topConceptOf|^skos:broader ?x }")
    tasks = rows(kb, "SELECT ?t WHERE { ?t skos:inScheme kb:mla-c01 ; skos:broader ?d }")
    assert len({r["d"] for r in domains}) == 4 and len({r["t"] for r in tasks}) == 12
    untagged = rows(kb, "SELECT ?s WHERE { ?s a awskg:Scenario FILTER NOT EXISTS { ?s dcterms:subject ?t } }")
    assert untagged == []


def test_no_assessment_contradicts_another(kb):
    clash = rows(kb, """SELECT ?s ?r WHERE {
        ?a awskg:subject ?s ; awskg:requirement ?r ; awskg:verdict awskg:fits .
        ?b awskg:subject ?s ; awskg:requirement ?r ; awskg:verdict awskg:doesNotFit . }""")
    assert clash == []


def test_the_knowledge_spans_the_exam(kb):
    # Issue #11's targets: the notes' 8 scenarios plus the curated catalogue, every task statement practised.
    from collections import Counter

    from rdflib.namespace import DCTERMS, RDF

    from ontology import AWSKG

    g = kb.to_graph()
    count = {c: len(set(g.subjects(RDF.type, c))) for c in
             (AWSKG.Service, AWSKG.Capability, AWSKG.Scenario, AWSKG.ComparisonGroup)}
    assert count[AWSKG.Service] >= 60 and count[AWSKG.Capability] >= 150
    assert count[AWSKG.Scenario] >= 40 and count[AWSKG.ComparisonGroup] >= 18
    per_task = Counter(t for s in g.subjects(RDF.type, AWSKG.Scenario) for t in set(g.objects(s, DCTERMS.subject)))
    tasks = [t for t in g.subjects(RDF.type, None) if str(t).rsplit("/", 1)[-1].startswith("mla-c01-t")]
    assert len(set(tasks)) == 12 and all(per_task[t] >= 2 for t in set(tasks)), per_task
    closed = {str(s).rsplit("/", 1)[-1] for s in g.subjects(AWSKG.availability, None)}
    assert {"model-monitor", "debugger", "codecommit", "forecast"} <= closed
