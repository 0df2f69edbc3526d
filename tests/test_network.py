"""Bounded projections: ego graphs with caps and hidden counts, folded assessments, paths."""

from __future__ import annotations

import pytest

from graph.errors import UsageError
from graph.views import ego_graph, explain_graph, shortest_path
from ontology import AWSKG, KB


def test_ego_graph_folds_assessments_into_verdict_edges(tiny):
    view = ego_graph(tiny, KB["req-infrequent-invocation"], hops=1)
    G = view.G
    fits = G.get_edge_data(str(KB["sol-1-serverless"]), str(KB["req-infrequent-invocation"]))
    bad = G.get_edge_data(str(KB["sol-1-real-time"]), str(KB["req-infrequent-invocation"]))
    assert [e["verdict"] for e in fits.values()] == ["fits"]
    assert [e["verdict"] for e in bad.values()] == ["does-not-fit"]
    # The n-ary Assessment resources are not drawn as nodes.
    assert not any("asm-" in n for n in G.nodes)
    assert G.nodes[str(KB["sol-1-serverless"])]["label_ja"] == "サーバーレスエンドポイント"


def test_edge_key_is_the_predicate_and_labels_are_words(tiny):
    G = ego_graph(tiny, KB["sol-1-serverless"], hops=1).G
    data = G.get_edge_data(str(KB["sol-1-serverless"]), str(KB["serverless-inference"]))
    assert list(data) == [str(AWSKG.uses)]
    assert data[str(AWSKG.uses)]["label_en"] == "uses" and data[str(AWSKG.uses)]["label_ja"] == "使用する"


def test_node_cap_and_hidden_counts(tiny):
    full = ego_graph(tiny, KB["sagemaker"], hops=2)
    capped = ego_graph(tiny, KB["sagemaker"], hops=2, max_nodes=2)
    assert capped.G.number_of_nodes() == 2 < full.G.number_of_nodes()
    assert capped.capped and capped.hidden_total == full.G.number_of_nodes() - 2 or capped.hidden_total > 0


def test_per_node_cap_summarises_hubs(tiny):
    view = ego_graph(tiny, KB["scenario-1"], hops=1, per_node=1)
    assert view.G.number_of_nodes() == 2
    assert view.hidden[str(KB["scenario-1"])] >= 3


def test_class_filter(tiny):
    view = ego_graph(tiny, KB["scenario-1"], hops=1, classes={AWSKG.Solution})
    types = {d["type"] for n, d in view.G.nodes(data=True) if n != str(KB["scenario-1"])}
    assert types == {"Solution"}


def test_hops_are_bounded(tiny):
    with pytest.raises(UsageError):
        ego_graph(tiny, KB["sagemaker"], hops=4)


def test_shortest_path_explained(tiny):
    view = shortest_path(tiny, KB["serverless-inference"], KB["req-infrequent-invocation"])
    assert view.nodes == [str(KB["serverless-inference"]), str(KB["sol-1-serverless"]),
                          str(KB["req-infrequent-invocation"])]
    words = view.describe("en")
    assert words[0] == "Serverless Inference ←uses— Serverless endpoint"
    assert "fits" in words[1]


def test_no_path(tiny):
    with pytest.raises(UsageError, match="no path"):
        shortest_path(tiny, KB["serverless-inference"], KB["sagemaker"], max_hops=0)


def test_explain_graph_keeps_only_verdicts(tiny):
    G = explain_graph(tiny, [KB["req-infrequent-invocation"]], [KB["sol-1-serverless"], KB["sol-1-real-time"]])
    assert G.number_of_nodes() == 3
    assert sorted(d["verdict"] for _, _, d in G.edges(data=True)) == ["does-not-fit", "fits"]
