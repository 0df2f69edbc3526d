"""The vocabulary's IRIs, defined once, and where the ontology files live.

>>> str(AWSKG.Service)
'https://w3id.org/awskg/ontology#Service'
>>> str(KB["serverless-inference"])
'https://w3id.org/awskg/id/serverless-inference'
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["AWSKG", "KB", "PREFIXES", "ONTOLOGY_DIR", "query_path"]


class AWSKG(DefinedNamespace):
    """Terms of ``ontology/core.ttl`` (a test checks both stay in step)."""

    _NS = Namespace("https://w3id.org/awskg/ontology#")
    _fail = True

    # classes
    Entity: URIRef
    Service: URIRef
    Capability: URIRef
    Parameter: URIRef
    Setting: URIRef
    Fact: URIRef
    Constraint: URIRef
    Requirement: URIRef
    Solution: URIRef
    Step: URIRef
    Assessment: URIRef
    Verdict: URIRef
    Scenario: URIRef
    NoteSection: URIRef
    Document: URIRef
    Correction: URIRef
    ComparisonGroup: URIRef
    Dimension: URIRef
    ComparisonValue: URIRef
    Topic: URIRef
    AvailabilityChange: URIRef
    AvailabilityKind: URIRef
    # verdicts
    fits: URIRef
    partial: URIRef
    doesNotFit: URIRef
    # availability kinds
    closedToNewCustomers: URIRef
    superseded: URIRef
    # object properties
    partOf: URIRef
    uses: URIRef
    sets: URIRef
    ofParameter: URIRef
    parameterOf: URIRef
    about: URIRef
    subject: URIRef
    requirement: URIRef
    verdict: URIRef
    hasRequirement: URIRef
    hasOption: URIRef
    answer: URIRef
    hasStep: URIRef
    corrects: URIRef
    correctionVerdict: URIRef
    member: URIRef
    dimension: URIRef
    valueOf: URIRef
    onDimension: URIRef
    backedBy: URIRef
    relatedTo: URIRef
    replacedBy: URIRef
    topic: URIRef
    valueMeans: URIRef
    availability: URIRef
    availabilityKind: URIRef
    # datatype properties
    rationale: URIRef
    statement: URIRef
    apiName: URIRef
    minValue: URIRef
    maxValue: URIRef
    defaultValue: URIRef
    allowedValue: URIRef
    unit: URIRef
    value: URIRef
    validValue: URIRef
    order: URIRef
    text: URIRef
    question: URIRef
    noteSays: URIRef
    sourcesSay: URIRef
    sectionNumber: URIRef
    startLine: URIRef
    endLine: URIRef
    noteFile: URIRef
    checked: URIRef
    sourceDetail: URIRef
    effective: URIRef
    status: URIRef


#: Instance data (services, requirements, note sections, ...).
KB = Namespace("https://w3id.org/awskg/id/")

#: Prefixes bound in every graph and offered to SPARQL users.
PREFIXES: dict[str, str] = {
    "awskg": str(AWSKG._NS),
    "kb": str(KB),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}

ONTOLOGY_DIR: Path = Path(str(resources.files(__name__)))


def query_path(name: str) -> Path:
    """Path of the named query ``ontology/queries/<name>.rq``.

    >>> query_path("entity_labels").name
    'entity_labels.rq'
    """
    return ONTOLOGY_DIR / "queries" / f"{name}.rq"
