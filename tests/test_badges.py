"""Every view says where a statement comes from and what changed since the notes."""

from __future__ import annotations

import json

from graph.cli import main
from graph.reason.badges import badges_for
from ontology import KB


def test_an_option_built_on_model_monitor_carries_its_dated_badge(kb, capsys):
    assert main(["fit", "monitor bias drift of a deployed model", "--json"]) == 0
    res = {r["iri"].rsplit("/", 1)[-1]: r for r in json.loads(capsys.readouterr().out)["results"]}
    badge = res["sol-17-model-monitor-bias-drift-schedule"]["badges"][0]
    assert badge["kind"] == "closed-to-new-customers" and badge["date"] == "2026-07-30"
    assert badge["sources"] and badge["replacement"] and badge["text"]["ja"]
    assert not res.get("sol-17-glue-data-quality", {}).get("badges")


def test_a_capability_inherits_the_change_of_what_it_is_part_of_once(kb):
    own = badges_for(kb, KB["model-monitor"])
    assert [b.kind for b in own] == ["closed-to-new-customers"]
    via = badges_for(kb, KB["sol-17-model-monitor-bias-drift-schedule"],
                     [KB["model-monitor-bias-drift"], KB["model-monitor"]])
    assert len(via) == 1  # one change, however many of its parts the option uses


def test_show_and_fit_say_notes_or_aws_docs(kb, capsys):
    assert main(["show", "kb:model-monitor"]) == 0
    out = capsys.readouterr().out
    assert "closed to new customers since 2026-07-30" in out and "[docs 1]" in out
    assert main(["--lang", "ja", "fit", "毎晩1回の推論、1分以内、最安"]) == 0
    out = capsys.readouterr().out
    assert "[ノート §13]" in out and "[文書 1]" in out and "出典（AWS ドキュメント・API モデル）" in out
    assert main(["fit", "nightly inference, under a minute, cheapest", "--json"]) == 0
    reasons = [x for r in json.loads(capsys.readouterr().out)["results"] for x in r["reasons"] if x["sources"]]
    assert {"notes", "aws-docs"} <= {p for x in reasons for p in x["provenance"]}
