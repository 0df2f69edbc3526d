"""The clickable graph (custom component v2) on Explore and the Map: its data, in both languages.

Clicks themselves are driven in the browser (tests/browser/test_graph_click.py): AppTest has no
API to send a component's trigger values.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import pytest

from awskg import ASSETS, SEARCH_ASSETS
from ontology import KB

SI, SM = str(KB["serverless-inference"]), str(KB["sagemaker"])
IRI = re.compile(r"https?://|\bkb:[a-z]")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_explore_graph_is_component_data_with_readable_tooltips(ui, lang):
    at = ui.open_page("explore", lang=lang, params={"entity": "kb:serverless-inference",
                                                    "facts": "1"})
    assert not at.exception
    [bidi] = [e for e in at.get("bidi_component") if e.proto.component_name == "awskg.graph"]
    assert bidi.proto.js_source_path == "component.js" and bidi.proto.isolate_styles
    [graph] = ui.graphs(at)
    assert graph["focus"] == SI and graph["legend"]
    for node in graph["nodes"]:
        assert node["title"] and not IRI.search(node["title"]), node["title"]
        assert node["label"] and not IRI.search(node["label"])
    for edge in graph["edges"]:
        assert not IRI.search(edge.get("title", "")), edge
    # Facts and constraints are labelled with a short statement, never with their slug.
    statements = [n for n in graph["nodes"] if n["id"].rsplit("/", 1)[-1].startswith("fact-")]
    assert statements
    for node in statements:
        assert node["label"] != node["id"].rsplit("/", 1)[-1] and "fact-" not in node["label"]
        assert len(node["label"]) <= 32
    classes = {"en": "Capability", "ja": "機能"}[lang]
    assert classes in next(n for n in graph["nodes"] if n["id"] == SI)["title"].splitlines()


def test_hostile_labels_stay_text_in_the_component_data(ui, monkeypatch):
    monkeypatch.setenv("AWSKG_DATA", str(ui.XSS))
    at = ui.open_page("explore", params={"entity": "kb:xss-capability"})
    assert not at.exception
    [bidi] = [e for e in at.get("bidi_component") if e.proto.component_name == "awskg.graph"]
    assert bidi.proto.html_content == "" and bidi.proto.css_content == ""
    [graph] = ui.graphs(at)
    hostile = [n for n in graph["nodes"] if "<" in n["label"]]
    assert hostile  # kept verbatim as data: the canvas draws text, tooltips use textContent
    assert all(n["title"].split("\n")[0] in n["label"] or n["label"].endswith("…")
               for n in hostile)
    assert all(len(legend) == 3 for legend in graph["legend"])


def test_expanded_nodes_join_the_drawing_and_the_rest_stays_put(ui):
    plain = ui.graphs(ui.open_page("explore", params={"entity": "kb:serverless-inference"}))[0]
    at = ui.open_page("explore", params={"entity": "kb:sagemaker", "root": "kb:serverless-inference",
                                         "open": "kb:sagemaker"})
    assert not at.exception
    grown = ui.graphs(at)[0]
    assert grown["focus"] == SM
    before = {n["id"]: (n["x"], n["y"]) for n in plain["nodes"]}
    after = {n["id"]: (n["x"], n["y"]) for n in grown["nodes"]}
    assert len(after) > len(before)
    kept = [k for k in before if k in after and not k.startswith("more:")]
    assert kept and all(before[k] == after[k] for k in kept)
    assert at.query_params["root"] == "kb:serverless-inference"
    assert at.query_params["open"] == "kb:sagemaker"


def test_a_search_starts_a_new_drawing_around_the_entity(ui):
    at = ui.open_page("explore", params={"entity": "kb:sagemaker", "root": "kb:serverless-inference"})
    # What a pick in the search box does (the box itself is driven in tests/browser).
    at.session_state["explore_entity"] = str(KB["batch-transform"])
    at.session_state["explore_q"] = "Batch Transform"
    at.run()
    assert not at.exception
    graph = ui.graphs(at)[0]
    assert graph["focus"] == str(KB["batch-transform"])
    assert "root" not in at.query_params and "open" not in at.query_params


def test_hubs_fold_their_leaves_into_plus_n(ui):
    at = ui.open_page("explore", params={"entity": "kb:sagemaker", "hops": "2"})
    graph = ui.graphs(at)[0]
    more = [n for n in graph["nodes"] if n["id"].startswith("more:")]
    assert more and all(re.fullmatch(r"\+\d+", n["label"]) for n in more)
    assert all(n["title"].count("\n· ") >= 1 for n in more)
    assert all(len(n["label"]) <= 32 for n in graph["nodes"] if n["id"] != SM)


@pytest.mark.parametrize("lang, words", [("en", "filters hide all its"), ("ja", "フィルタが隣接ノード")])
def test_a_filter_that_leaves_one_node_says_why(ui, lang, words):
    at = ui.open_page("explore", lang=lang, params={"entity": "kb:sagemaker",
                                                    "rels": "https://example.org/no-such-relation"})
    assert not at.exception
    graph = ui.graphs(at)[0]
    assert [n["id"] for n in graph["nodes"]] == [SM]
    assert words in ui.text_of(at)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_map_is_the_component_too(ui, lang):
    at = ui.open_page("home", lang=lang)
    assert not at.exception and not ui.iframes(at)
    [graph] = ui.graphs(at)
    assert len(graph["nodes"]) > 50
    assert not any(IRI.search(n["title"]) for n in graph["nodes"])
    topic = {"en": "Topic", "ja": "トピック"}[lang]
    assert topic in [row[0] for row in graph["legend"]]


def test_streamlit_finds_the_component_assets_by_itself():
    # No registration in our code: Streamlit's start-up scan of installed distributions
    # finds awskg/pyproject.toml beside the importable package named like the distribution.
    from streamlit.components.v2.manifest_scanner import scan_component_manifests

    found = {m.name: (m, root) for m, root in scan_component_manifests()}
    manifest, root = found["awskg"]
    assert [c.name for c in manifest.components] == ["graph", "search"]
    assert manifest.components[0].resolve_asset_root(root) == ASSETS
    assert manifest.components[1].resolve_asset_root(root) == SEARCH_ASSETS


def test_the_assets_are_pyvis_vis_network_with_its_licence():
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    assert filecmp.cmp(ASSETS / "vis-network.min.js", lib / "vis-network.min.js", shallow=False)
    # its stylesheet only styles the editing and navigation panels, which stay off
    assert not (ASSETS / "vis-network.css").exists()
    assert "@import" not in (ASSETS / "component.css").read_text()
    assert "MIT License" in (ASSETS / "LICENSE-vis-network.txt").read_text()
    js = (ASSETS / "component.js").read_text()
    assert js.splitlines()[2] == 'import "./vis-network.min.js";'
    assert "innerHTML" not in js and "http" not in js.replace("https://", "")
