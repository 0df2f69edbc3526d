"""`awskg answer`: a pasted practice question, its options recognised and ranked with reasons."""

from __future__ import annotations

import json

import pytest

from graph.cli import main
from graph.errors import UsageError
from graph.reason.answer import answer_question
from graph.reason.question_file import parse_question_file
from ontology import KB

QUESTION = ("A company runs an ML model on SageMaker once every night. Each inference must finish in "
            "under a minute, and the company wants the most cost-effective option.")
OPTIONS = [
    "Use a real-time endpoint with an auto scaling policy that scales the model to 0 when it is unused.",
    "Use an asynchronous inference endpoint and set InitialInstanceCount to 0.",
    "Use a serverless inference endpoint and set MaxConcurrency to 1.",
    "Use a multi-model serverless endpoint with caching enabled.",
]
SUBJECTS = [KB["sol-13-real-time-scale-to-zero"], KB["sol-13-async-initial-instance-count-0"],
            KB["sol-13-serverless-max-concurrency-1"], KB["sol-13-multi-model-serverless-caching"]]


def test_each_option_is_recognised_and_the_answer_ranks_first(kb):
    r = answer_question(kb, QUESTION, OPTIONS)
    assert [o.subject for o in r.options] == SUBJECTS
    assert r.best is not None and r.best.index == 2
    assert [o.result.verdict for o in r.ranked] == ["fits", "does-not-fit", "does-not-fit", "does-not-fit"]
    assert all(o.result.reasons for o in r.ranked)


def test_options_in_japanese_and_shuffled(kb):
    opts = ["マルチモデルサーバーレスエンドポイントを使い、キャッシュを有効にする",
            "サーバーレス推論エンドポイントを使い MaxConcurrency を 1 に設定する",
            "リアルタイムエンドポイントを使い、未使用時は 0 にスケールする"]
    r = answer_question(kb, "毎晩1回の推論を1分以内に、最も低コストで", opts)
    assert [o.subject for o in r.options] == [SUBJECTS[3], SUBJECTS[2], SUBJECTS[0]]
    assert r.best.index == 1


def test_unrelated_option_is_not_forced_onto_a_solution(kb):
    r = answer_question(kb, QUESTION, OPTIONS[:2] + ["Order pizza for the team."])
    assert r.options[2].subject is None and r.ranked[-1].index == 2
    assert "3" in r.message("en")


def test_question_without_requirements_abstains_instead_of_borrowing_them(kb):
    r = answer_question(kb, "Which option should the company choose?", OPTIONS)
    assert r.requirements == [] and r.best is None and r.abstain_reason == "no-requirement"
    assert "No requirement recognised" in r.message("en")
    out = r.to_json_dict("en")
    assert out["answer"] is None and out["abstained"] is True


def test_an_edge_question_is_not_answered_with_hosting_options(kb):
    r = answer_question(kb, "A company must deploy a model to edge devices with limited compute at the lowest "
                            "cost. What should it do?",
                        ["Deploy to a SageMaker Serverless Inference endpoint with MaxConcurrency=1",
                         "Compile the model with SageMaker Neo and deploy it to the devices"])
    # Edge deployment is covered now (data/kb/catalogue/deploy-*.ttl): Neo may answer, a hosting option never.
    assert KB["topic-edge-deployment"] in r.scope.topics
    assert r.best is None or r.best.index == 1
    hosting = r.options[0].result
    assert hosting is None or hosting.verdict != "fits"


@pytest.mark.parametrize("option, wrong", [
    ("Use a serverless endpoint with MaxConcurrency 200", "sol-13-serverless-max-concurrency-1"),
    ("Run all nodes on Spot Instances", "sol-14-primary-core-on-demand-task-spot"),
    ("Run the core nodes on Spot Instances", "sol-14-primary-core-on-demand-task-spot"),
    ("Use an asynchronous endpoint with SNS notifications and an auto scaling policy with MinCapacity 0",
     "sol-13-async-initial-instance-count-0"),
])
def test_an_option_that_states_another_value_is_not_that_solution(kb, option, wrong):
    r = answer_question(kb, "Which is the most cost-effective choice?", [option, "Something else entirely"])
    assert r.options[0].subject != KB[wrong]
    if "MaxConcurrency" in option:
        assert any(str(s) == str(KB[wrong]) for s, _ in r.options[0].rejected)


@pytest.mark.parametrize("option", [
    "Amazon EMR with on-demand primary and core nodes and Spot task nodes",  # values before the roles
    "Spot task nodes, with on-demand primary and core nodes",
    "Primary and core nodes on On-Demand, task nodes on Spot",  # one value for roles joined by "and"
    "プライマリノードとコアノードをオンデマンドで、タスクノードをスポットで実行する",
])
def test_values_before_roles_and_roles_joined_by_and_are_read(kb, option):
    r = answer_question(kb, "Run Spark batch jobs on EMR as cheaply as possible without losing data.",
                        [option, "Amazon EMR with all nodes on Spot"])
    assert [o.subject for o in r.options] == [KB["sol-14-primary-core-on-demand-task-spot"], KB["sol-14-all-spot"]]
    assert r.best is r.options[0]


def test_a_value_outside_its_documented_range_is_flagged(kb):
    r = answer_question(kb, "Nightly inference at the lowest cost", [
        "Use an asynchronous endpoint with InitialInstanceCount=0", "Use serverless with MaxConcurrency 500"])
    flags = [f for o in r.options for f in o.flags]
    assert {f["value"] for f in flags} == {"0", "500"}
    assert any(f["range"] == "1–200" for f in flags) and any("minimum 1" in f["text"]["en"] for f in flags)
    assert all(f["sources"] for f in flags)


def test_ocr_slips_in_values_are_read_and_reported(kb):
    r = answer_question(kb, "毎晩 1 回、1 分以内、低コスト", ["InitiallnstanceCount を O に設定した非同期推論", "サーバーレス推論"])
    assert [s.repaired for s in r.options[0].stated] == ["O → 0"]


def test_at_least_two_options(kb):
    with pytest.raises(UsageError):
        answer_question(kb, QUESTION, ["only one"])


def test_file_format():
    q, opts = parse_question_file(
        "# a comment\nQ: Which service fits?\nIt runs nightly.\n\n"
        "A. serverless endpoint\nB) real-time endpoint\n   that scales to zero\n(C) async\n① 4th\n- 5th\n")
    assert q == "Which service fits? It runs nightly."
    assert opts == ["serverless endpoint", "real-time endpoint that scales to zero", "async", "4th", "5th"]


def test_cli_file_and_json(kb, tmp_path, capsys):
    f = tmp_path / "q.txt"
    f.write_text(QUESTION + "\n" + "".join(f"{'ABCD'[i]}. {o}\n" for i, o in enumerate(OPTIONS)),
                 encoding="utf-8")
    assert main(["answer", "--file", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answer"] == 3 and out["options"][0]["iri"] == str(SUBJECTS[2])
    assert out["options"][0]["result"]["verdict"] == "fits"
    assert main(["--lang", "ja", "answer", "-q", QUESTION, *sum((["-o", o] for o in OPTIONS), [])]) == 0
    text = capsys.readouterr().out
    assert "答え: (C)" in text and "⚠" in text


def test_cli_errors_are_one_line(kb, tmp_path, capsys):
    assert main(["answer"]) == 2
    assert main(["answer", "--file", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("awskg: error:") == 2


def test_options_are_read_together(kb):
    # "Glue Data Quality" alone could be §17's or §19's option; its siblings say §19
    r = answer_question(kb, "コードを書かずにデータの異常を検出し、結果を可視化したい",
                        ["SageMaker Data Wrangler を使う", "AWS Glue DataBrew のプロファイルジョブ",
                         "Glue Data Quality のルール"])
    assert [o.subject for o in r.options] == [KB["sol-19-data-wrangler"], KB["sol-19-glue-databrew"],
                                             KB["sol-19-glue-data-quality"]]
    assert r.scenario == KB["scenario-19"] and r.best.index == 0


def test_an_option_named_like_another_scenarios_solution_is_read_as_the_capability_it_names(kb):
    # "Model Monitor data quality monitoring" is also the name of a training scenario's option,
    # which nothing about drift was assessed against: the option is the capability it names.
    r = answer_question(kb, "An ML engineer must detect data drift in the inputs of a production endpoint. "
                            "What should they set up?",
                        ["Configure SageMaker Model Monitor data quality monitoring with a baseline",
                         "Enable AWS CloudTrail on the endpoint",
                         "Use SageMaker Clarify to explain predictions"])
    first = r.options[0]
    assert first.subject in (KB["model-monitor"], KB["model-monitor-data-quality"])
    assert not first.off_topic and first.result is not None and first.result.verdict == "fits"
    assert [x.requirement for x in first.result.reasons if x.verdict == "fits"] == [KB["req-detect-data-drift"]]
    assert r.best is first


def test_drift_in_a_features_distribution_is_data_drift_and_training_data_no_fine_tuning(kb):
    # "training data" in a monitoring question is the baseline, not "train on our data"
    r = answer_question(kb, "A retailer needs to detect when the distribution of live features sent to a "
                            "SageMaker endpoint drifts away from the training data. Which solution needs the "
                            "least development effort?",
                        ["Model Monitor data quality monitoring", "AWS CloudTrail"])
    assert KB["req-detect-data-drift"] in [x.iri for x in r.requirements]
    assert KB["req-fine-tune-llm"] not in [x.iri for x in r.requirements]


def test_an_option_named_almost_as_well_as_an_assessed_solution_is_that_solution(kb):
    # The three options resemble a training scenario's, whose Clarify report was never assessed
    # for explaining single decisions; the SHAP explainability option of the same name was.
    r = answer_question(kb, "A bank must tell each applicant why a loan was denied. What should the ML "
                            "engineer use?",
                        ["SageMaker Clarify SHAP explanations", "Amazon CloudWatch metrics",
                         "SageMaker Model Monitor data quality"])
    assert r.options[0].subject == KB["sol-genai-12-clarify-shap"]
    assert r.options[0].result is not None and r.options[0].result.verdict == "fits"
    assert r.best is r.options[0]
    assert all(o.result is None or o.result.verdict != "fits" for o in r.options[1:])
