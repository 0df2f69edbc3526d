"""`awskg fit`: recognition, ranking explained by assessments, the JSON contract, bad input, safety."""

from __future__ import annotations

import json

import pytest

from graph.cli import main
from graph.errors import UsageError
from graph.lexicon.read import catalog
from graph.reason.assess import VERDICT_RANK
from graph.reason.fit import fit, resolve_requirement
from ontology import KB

SERVERLESS = KB["sol-13-serverless-max-concurrency-1"]
TEMPTING = {KB["sol-13-real-time-scale-to-zero"], KB["sol-13-async-initial-instance-count-0"],
            KB["sol-13-multi-model-serverless-caching"]}
NIGHTLY = {KB["req-infrequent-invocation"], KB["req-complete-within-one-minute"], KB["req-minimize-cost"]}


@pytest.mark.parametrize("text", [
    "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい",
    "nightly inference, under a minute, cheapest",
    "毎晩 1 回の inference、1 min 以内、low cost",
])
def test_issue_examples_rank_serverless_first_and_reject_the_tempting_options(kb, text):
    r = fit(kb, text)
    assert {q.iri for q in r.requirements} == NIGHTLY
    assert all(q.matched and q.matched in text for q in r.requirements)
    assert r.results[0].iri == SERVERLESS and r.results[0].verdict == "fits"
    verdicts = {x.iri: x.verdict for x in r.results}
    assert all(verdicts[i] == "does-not-fit" for i in TEMPTING)
    for x in r.results:
        if x.iri in TEMPTING:
            bad = [reason for reason in x.reasons if reason.verdict == "does-not-fit"]
            assert bad and all(reason.text["en"] and reason.text["ja"] and reason.sources for reason in bad)


def test_corrections_and_invalid_settings_are_badged(kb):
    r = fit(kb, "nightly inference, under a minute, cheapest")
    by = {x.iri: x for x in r.results}
    async_ = by[KB["sol-13-async-initial-instance-count-0"]]
    assert any(c.iri == KB["correction-b1"] for reason in async_.reasons for c in reason.corrections)
    assert any("InitialInstanceCount" in s["en"] for s in async_.invalid_settings)
    # the documents that disagree with the note are among the reason's sources
    b1 = next(c for reason in async_.reasons for c in reason.corrections if c.iri == KB["correction-b1"])
    docs = [s for s in b1.sources if not s.startswith("note:")]
    assert docs and all(d in reason.sources for reason in async_.reasons if b1 in reason.corrections
                        for d in docs)


def test_ranking_follows_the_verdicts_and_the_score_is_the_share_of_requirements_met(kb):
    r = fit(kb, "EMR で大規模なバッチ処理を安く回したいが、HDFS のデータは失いたくない")
    weights = {q.iri: q.score for q in r.requirements}
    ranks = [VERDICT_RANK[x.verdict] for x in r.results]
    assert ranks == sorted(ranks, reverse=True)
    value = {"fits": 1.0, "partial": 0.5, "does-not-fit": 0.0, "not-assessed": 0.0}
    for x in r.results:
        worst = {}
        for reason in x.reasons:
            if reason.requirement not in worst or VERDICT_RANK[reason.verdict] < VERDICT_RANK[worst[reason.requirement]]:
                worst[reason.requirement] = reason.verdict
        assert set(worst) == set(weights), "every recognised requirement has a reason, assessed or not"
        if "does-not-fit" in worst.values():
            assert (x.verdict, x.score) == ("does-not-fit", 0.0)
        elif set(worst.values()) == {"fits"}:
            assert (x.verdict, x.score) == ("fits", 1.0)
        else:
            expected = sum(weights[q] * value[v] for q, v in worst.items()) / sum(weights.values())
            assert x.verdict == "partial" and x.score == pytest.approx(expected) and 0 < x.score < 1
    scores = [x.score for x in r.results]
    assert scores == sorted(scores, reverse=True), "the score never puts a worse verdict above a better one"


def test_a_candidate_not_assessed_on_a_requirement_is_at_best_partial(kb):
    r = fit(kb, "nightly inference, under a minute, cheapest")
    capability = next(x for x in r.results if x.iri == KB["serverless-inference"])
    assert capability.verdict == "partial" and capability.score == pytest.approx(2 / 3)
    assert capability.summary("en") == "fits 2 of 3 requirements; 1 not assessed"
    assert capability.summary("ja") == "要件 3 件中 2 件に適合、1 件は未評価"
    missing = [x for x in capability.reasons if x.verdict == "not-assessed"]
    assert [x.requirement for x in missing] == [KB["req-complete-within-one-minute"]]
    assert r.results.index(capability) > 0


def test_off_topic_candidates_never_appear(kb):
    # The README's own example: EMR Spot solutions fit "cheapest" but were never about inference.
    r = fit(kb, "nightly inference, under a minute, cheapest")
    assert not any("sol-14" in x.iri or "emr" in x.iri or "spot" in x.iri for x in r.results)
    assert r.off_topic > 0 and KB["topic-inference-hosting"] in r.scope.topics
    # A training question gets training options only, never the EMR Spot ones that are also "cheap".
    r = fit(kb, "cheapest training job")
    assert r.results and all(KB["topic-training"] in x.topics for x in r.results)
    assert not any("sol-14" in x.iri or "emr" in x.iri for x in r.results)


def test_a_topic_word_inside_a_requirement_without_topics_still_scopes(kb):
    # "GPU for inference" is read as "Needs GPU", which belongs to no topic: "inference" in it
    # still says what the question is about, so training-only options that use GPUs stay out.
    for text in ("the model needs a GPU for inference", "推論に GPU が必要"):
        r = fit(kb, text)
        assert KB["topic-inference-hosting"] in r.scope.topics, text
        fitting = [x for x in r.results if x.verdict == "fits"]
        assert fitting and all(KB["topic-inference-hosting"] in x.topics for x in fitting), text
        assert not any(KB["topic-training"] in x.topics and KB["topic-inference-hosting"] not in x.topics
                       for x in r.results), text


def test_a_topic_without_candidates_is_not_covered(tiny_copy):
    # A topic the data names but assesses nothing on: an honest "not covered", never another topic's option.
    (tiny_copy / "kb" / "uncovered.ttl").write_text(
        "@prefix awskg: <https://w3id.org/awskg/ontology#> . @prefix kb: <https://w3id.org/awskg/id/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'kb:topic-quantum a awskg:Topic ; skos:prefLabel "Quantum annealing"@en , "量子アニーリング"@ja ;\n'
        '    skos:altLabel "quantum"@en , "量子"@ja .\n', encoding="utf-8")
    from graph.store import load_store

    store = load_store(tiny_copy)
    r = fit(store, "a nightly quantum job")
    assert r.results == [] and "not covered" in r.message("en") and "Quantum annealing" in r.message("en")
    assert "未対応" in fit(store, "毎晩の量子ジョブ").message("ja")


def test_json_is_exactly_the_contract(kb, capsys):
    assert main(["fit", "nightly inference, under a minute, cheapest", "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"query", "message", "requirements", "topics", "negated", "results"}
    assert all(set(x) == {"iri", "label", "matched"} for x in out["topics"] + out["negated"])
    assert out["query"] == "nightly inference, under a minute, cheapest"
    assert all(set(q) == {"iri", "label", "matched"} and set(q["label"]) == {"en", "ja"} for q in out["requirements"])
    assert len(out["results"]) == 3
    for res in out["results"]:
        assert set(res) == {"iri", "label", "type", "verdict", "score", "coverage", "summary", "reasons", "badges"}
        assert all({"kind", "entity", "text"} <= set(b) for b in res["badges"])
        assert res["verdict"] in ("fits", "partial", "does-not-fit") and 0 <= res["score"] <= 1
        assert set(res["coverage"]) == {"fits", "partial", "does-not-fit", "not-assessed"}
        assert sum(res["coverage"].values()) == len(out["requirements"])
        for reason in res["reasons"]:
            assert set(reason) == {"requirement", "verdict", "text", "sources", "provenance"}
            assert set(reason["text"]) == {"en", "ja"}
            assert set(reason["provenance"]) == {"notes" if s.startswith("note:") else "aws-docs"
                                                 for s in reason["sources"]}
            assert reason["verdict"] == "not-assessed" or any(
                s.startswith(("note:", "https://")) for s in reason["sources"])
    assert out["results"][0]["iri"] == str(SERVERLESS) and out["results"][0]["type"] == "Solution"


def test_human_output_in_both_languages(kb, capsys):
    assert main(["--lang", "ja", "fit", "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい"]) == 0
    ja = capsys.readouterr().out
    assert "認識した要件" in ja and "「毎晩」" in ja and "不適合" in ja and "⚠" in ja and "★" in ja
    assert main(["--lang", "en", "fit", "nightly inference, under a minute, cheapest"]) == 0
    en = capsys.readouterr().out
    assert "Requirements recognised" in en and '"nightly"' in en and "Does not fit" in en


def test_nothing_recognised_returns_nothing_and_suggests_only_what_is_close(kb, capsys):
    for text in ("what's the weather in Tokyo tomorrow", "hello world"):
        r = fit(kb, text)
        assert r.requirements == [] and r.results == [] and r.suggestions == [], text
        assert r.to_json_dict("en")["message"] == "No requirement recognised."
    r = fit(kb, "detcet data drfit")  # typos too far for matching, close enough to suggest
    assert r.results == [] and r.suggestions[0][1]["en"] == "Detect data drift"
    assert "Detect data drift" in r.message("en")
    assert main(["--lang", "ja", "fit", "おすすめのラーメン屋", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["requirements"] == [] and out["results"] == []
    assert out["message"].startswith("要件を認識できませんでした")


def test_unknown_explicit_requirement_suggests_only_what_is_close(kb, capsys):
    with pytest.raises(UsageError) as err:
        resolve_requirement(kb, "zzzz-not-a-requirement")
    assert err.value.suggestions == []
    with pytest.raises(UsageError) as err:
        resolve_requirement(kb, "req-minimise-costs")
    assert any("Minimize cost" in s for s in err.value.suggestions)
    assert main(["fit", "--require", "kb:req-nope"]) == 2
    assert "unknown requirement" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\x00\x01\x1b", "。、！？…", "\u3000\u3000"])
def test_empty_or_unusable_input_exits_2_with_one_line(kb, capsys, text):
    with pytest.raises(UsageError):
        fit(kb, text)
    assert main(["fit", text]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("awskg: error:") and "Traceback" not in err


@pytest.mark.parametrize("text", [
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 10",
    '"} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #',
    "<script>alert('x')</script><b>nightly</b>",
])
def test_hostile_text_gets_a_normal_answer(kb, capsys, text):
    assert main(["fit", text, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == text


def test_100_kb_of_text_is_read_in_part_and_answered(kb, capsys):
    text = "nightly inference, cheapest, under a minute. " * 2500
    assert len(text.encode()) > 100_000
    r = fit(kb, text)
    assert r.truncated and r.results[0].iri == SERVERLESS
    assert "10,000" in r.message("en")
    assert main(["fit", text, "--top", "1"]) == 0


class SpyStore:
    """Wraps a store and keeps every query string sent to it."""

    def __init__(self, inner) -> None:
        self.inner, self.sent = inner, []

    def _run(self, text, timeout=None):
        self.sent.append(text)
        return self.inner._run(text, timeout)

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_no_user_text_reaches_sparql(kb):
    from graph.store import MemoryStore

    spy = SpyStore(kb)
    proxy = MemoryStore(kb.g)      # a fresh store object: no cached catalogue
    proxy._run = spy._run          # every query of the library goes through _run
    marker = "qzxv毎晩 nightly \"}'<>"
    r = fit(proxy, marker + " 低コスト ｻｰﾊﾞｰﾚｽ", require=["低コスト"])
    assert r.requirements and spy.sent
    for query in spy.sent:
        for fragment in ("qzxv", "毎晩", "nightly", "低コスト", "ｻｰﾊﾞｰﾚｽ", "\"}'<>"):
            assert fragment not in query
    # only IRIs of recognised requirements were bound
    assert any(f"<{KB['req-minimize-cost']}>" in q for q in spy.sent)


def test_catalogue_is_read_once_per_store(kb):
    from graph.store import MemoryStore

    store = MemoryStore(kb.g)
    names = []
    real = store.select
    store.select = lambda name, **b: (names.append(name), real(name, **b))[1]
    fit(store, "nightly, cheapest")
    fit(store, "毎晩、安く")
    assert names.count("fit_lexicon") == 1 and names.count("fit_assessments") == 2
    assert catalog(store) is catalog(store)


def test_works_on_native_oxigraph_unchanged(kb, native_ox):
    native = native_ox
    text = "推論は毎晩1回、1分以内に終わればよく、コストを抑えたい"
    assert fit(native, text).to_json_dict("ja") == fit(kb, text).to_json_dict("ja")


def test_small_fixture_works_too(tiny):
    r = fit(tiny, "毎晩")
    assert [x.iri for x in r.results] == [KB["sol-1-serverless"], KB["sol-1-real-time"]]
    assert [x.verdict for x in r.results] == ["fits", "does-not-fit"]


@pytest.mark.server
def test_works_on_a_remote_sparql_endpoint_unchanged(kb, tmp_path):
    import sys
    from pathlib import Path

    import requests

    from graph.reason.answer import answer_question
    from graph.reason.drill import make_drill
    from graph.store import SparqlStore

    sys.path.insert(0, str(Path(__file__).parent))
    from oxserver import start_oxigraph

    server = start_oxigraph(tmp_path / "db", tmp_path / "server.log")
    nt = kb.to_graph().serialize(format="nt")
    try:
        requests.post(server.gsp_url + "?default", data=nt.encode(),
                      headers={"Content-Type": "application/n-triples"}, timeout=60).raise_for_status()
        remote = SparqlStore(server.query_url)
        for text in ("推論は毎晩1回、1分以内に終わればよく、コストを抑えたい", "monitor bias drift"):
            assert fit(remote, text).to_json_dict("en") == fit(kb, text).to_json_dict("en")
        assert make_drill(remote, "13", seed=1).to_json_dict() == make_drill(kb, "13", seed=1).to_json_dict()
        opts = ["serverless endpoint, MaxConcurrency 1", "real-time endpoint scaled to zero"]
        assert answer_question(remote, "nightly, cheapest", opts).best.index == 0
    finally:
        server.stop()


@pytest.mark.parametrize("text", ["I don't need a GPU, just the cheapest nightly option",
                                  "GPU は不要、毎晩1回で安く", "GPUs are not required; nightly, low cost"])
def test_requirements_the_text_negates_are_left_out(kb, text):
    r = fit(kb, text)
    assert KB["req-gpu"] not in {q.iri for q in r.requirements}
    assert [n[0] for n in r.negated] == [KB["req-gpu"]]
    assert {KB["req-infrequent-invocation"], KB["req-minimize-cost"]} <= {q.iri for q in r.requirements}
    assert "GPU" in r.message("en") and "not needed" in r.message("en")


def test_a_label_with_its_own_negation_is_read_as_written(kb):
    assert KB["req-no-data-loss"] in {q.iri for q in fit(kb, "no data loss, please").requirements}
    assert KB["req-low-code"] in {q.iri for q in fit(kb, "no-code で").requirements}


def test_what_the_text_names_breaks_ties(kb):
    r = fit(kb, "EMRのタスクノードにスポットを使ってコスト削減")
    assert r.results[0].mentioned and KB["emr"] in r.results[0].uses


def test_longer_labels_hide_the_ones_inside_them(kb):
    reqs = {q.iri for q in fit(kb, "ほぼリアルタイムでストリーミングデータを配信").requirements}
    assert KB["req-near-real-time-delivery"] in reqs and KB["req-sub-second-latency"] not in reqs


def test_only_contiguous_names_hide_what_is_inside_them():
    from graph.reason.recognise import _suppresses
    from graph.text import Hit
    from ontology import AWSKG

    types = {"cap": AWSKG.Capability, "req": AWSKG.Requirement}
    inner = Hit("req", "y", 1.0, 10, 16, 6, 1)
    tight, spread = Hit("cap", "x", 1.0, 8, 20, 10, 2), Hit("cap", "x", 1.0, 0, 40, 10, 2)
    assert _suppresses(tight, inner, [tight, inner], types)
    assert not _suppresses(spread, inner, [spread, inner], types)


@pytest.mark.parametrize("text", ["サブ秒のレイテンシは不要で、毎週データセット全体にスコアを付けたい",
                                  "sub-second latency is not required, score the whole dataset weekly",
                                  "real-time latency is not needed; we score the entire dataset once a week"])
def test_a_negated_need_is_set_aside_and_said(kb, text):
    r = fit(kb, text)
    assert KB["req-sub-second-latency"] in [n[0] for n in r.negated]
    assert KB["req-sub-second-latency"] not in [q.iri for q in r.requirements]
    assert not any(x.verdict == "fits" and "kds" in x.iri for x in r.results)
    assert ("Left out as not needed" in r.message("en")) and ("不要とされた要件" in r.message("ja"))


def test_without_data_loss_still_asks_for_no_data_loss(kb):
    r = fit(kb, "EMR batch at the lowest cost without data loss")
    assert KB["req-no-data-loss"] in [q.iri for q in r.requirements] and not r.negated
