"""Finding entities by name in either language, by IRI, with typos and width variants."""

from __future__ import annotations

from itertools import pairwise

import pytest

from graph.errors import UsageError
from graph.reason.resolve import resolve, search
from ontology import KB


@pytest.mark.parametrize("text", [
    "Serverless Inference", "serverless inference", "サーバーレス推論", "ｻｰﾊﾞｰﾚｽ推論",
    "ＳＥＲＶＥＲＬＥＳＳ　ＩＮＦＥＲＥＮＣＥ", "kb:serverless-inference",
    "https://w3id.org/awskg/id/serverless-inference", "<https://w3id.org/awskg/id/serverless-inference>",
])
def test_resolves_names_in_both_languages_and_iris(tiny, text):
    assert resolve(tiny, text) == KB["serverless-inference"]


def test_typo_is_found_by_search_but_not_silently_resolved(tiny):
    assert search(tiny, "serverles inferance")[0].iri == KB["serverless-inference"]
    with pytest.raises(UsageError) as err:
        resolve(tiny, "serverles inferance")
    assert any("サーバーレス推論" in s for s in err.value.suggestions)


def test_synonym_finds_requirement(tiny):
    assert search(tiny, "毎晩")[0].iri == KB["req-infrequent-invocation"]


def test_unknown_iri_is_refused(tiny):
    with pytest.raises(UsageError, match="no entity"):
        resolve(tiny, "kb:does-not-exist")


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01"])
def test_empty_input(tiny, text):
    if text.strip():
        assert search(tiny, text) == []
    else:
        with pytest.raises(UsageError):
            resolve(tiny, text)


def test_search_filters_by_type(tiny):
    from ontology import AWSKG

    found = search(tiny, "endpoint", types={AWSKG.Solution})
    assert found and all(m.type == AWSKG.Solution for m in found)


def test_did_you_mean_only_offers_what_is_close(kb):
    from graph.errors import UsageError
    from graph.reason.resolve import resolve

    with pytest.raises(UsageError) as err:
        resolve(kb, "Nope")
    assert err.value.suggestions == []
    with pytest.raises(UsageError) as err:
        resolve(kb, "sagemkaer monitr")
    assert all("/" in s for s in err.value.suggestions)


@pytest.mark.parametrize("typed, meant", [
    ("monitr", "model-monitor"), ("serverles", "serverless-inference"), ("bedrok", "bedrock"),
    ("clarfy", "clarify"), ("frehose", "data-firehose"), ("sagemaker clarfy", "clarify"),
])
def test_search_as_you_type_finds_the_service_meant_despite_a_typo(kb, typed, meant):
    # One misspelt word is compared word by word, so "monitr" finds Model Monitor, not the
    # longer topic and group names that only contain "monitor"-like words.
    assert search(kb, typed, limit=5)[0].iri == KB[meant]


def test_among_equally_close_fuzzy_matches_services_and_capabilities_come_first(kb):
    from ontology import AWSKG

    for typed in ("monitr", "endpont", "pipline", "kinesys"):
        hits = search(kb, typed, limit=8)
        bands = [(int(h.score // 5), h.type) for h in hits if h.score < 90]
        for (band, typ), (next_band, next_typ) in pairwise(bands):
            if band == next_band and next_typ in (AWSKG.Service, AWSKG.Capability):
                assert typ in (AWSKG.Service, AWSKG.Capability), (typed, hits)
