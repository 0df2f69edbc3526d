"""The measurements of ``bench/run.py``; each runs in its own process.

    python bench/workers.py KIND BACKEND SIZE URL TARGET

KIND is ``view``, ``fit``, ``compare`` (one operation, first call and warm), ``load``,
``plain`` (the rdflib → NetworkX → pyvis way) or ``bounded`` (a prototype view that
asks only bounded queries). The result is one ``RESULT {json}`` line on stdout; every
named query is reported on stderr as it starts and ends, so a run killed for taking
too long still says where it was.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

FIT_TEXT = "nightly inference, under a minute, cheapest"
ENTITY = "serverless-inference"  # a capability with a small neighbourhood
HUB = "req-minimize-cost"        # default hub; synth-<N>.json names the real one
GROUP = "cmp-inference"
WARM = 5


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _open(backend: str, size: int, url: str | None) -> Any:
    from graph.store import OxigraphStore, SparqlStore, load_store

    if backend == "memory":
        return load_store(data_dir(size))
    if backend == "oxigraph":
        return OxigraphStore(OUT / f"ox-{size}")
    return SparqlStore(url, timeout=120)


def hub(size: int) -> str:
    """Slug of the requirement the synthetic assessments point at most."""
    meta = OUT / f"synth-{size}.json"
    iri = json.loads(meta.read_text()).get("hub") if meta.is_file() else None
    return iri.rsplit("/", 1)[-1] if iri else HUB


def _view(store: Any, center: str, hops: int = 1) -> dict:
    from graph.views import ego_graph, to_html
    from ontology import KB

    view = ego_graph(store, KB[center], hops=hops)
    html = to_html(view.G, lang="ja", focus=str(KB[center]))
    return {"nodes": view.G.number_of_nodes(), "edges": view.G.number_of_edges(),
            "hidden": view.hidden_total, "cap": view.max_nodes, "html_kb": len(html) // 1024}


def _trace_queries() -> None:
    """Report every named query's time on stderr, so a killed run still says where it was."""
    from graph.store import Store

    def wrap(method: Any) -> Any:
        def timed(self: Any, name: str, **bindings: Any) -> Any:
            print(f"QUERY-START {name}", file=sys.stderr, flush=True)
            s = time.perf_counter()
            result = method(self, name, **bindings)
            size = len(result) if isinstance(result, list) else 1
            print(f"QUERY {name} {time.perf_counter() - s:.6f} {size}", file=sys.stderr, flush=True)
            return result
        return timed

    for attr in ("select", "ask", "construct"):
        setattr(Store, attr, wrap(getattr(Store, attr)))


def _phase(name: str) -> None:
    print(f"PHASE {name}", file=sys.stderr, flush=True)


def bounded_view(store: Any, center: str, cap: int = 150, per_node: int = 40) -> dict:
    """A prototype ego view that only asks bounded questions (bench only, for comparison).

    One ``ego_neighbours`` query for the centre; assessments are recognised by the
    predicate that links them (``awskg:subject``/``awskg:requirement``), so no
    whole-graph type or label table is needed; ``assessment_ends`` and
    ``describe_out`` then run only for what is drawn (at most ``cap`` nodes).
    """
    import networkx as nx
    from rdflib.namespace import RDF, RDFS, SKOS

    from graph.views import to_html
    from ontology import AWSKG, KB

    c = KB[center]
    rows = store.select("ego_neighbours", node=[c])
    links = {AWSKG.subject, AWSKG.requirement}
    asm = sorted({r["m"] for r in rows if r["p"] in links and str(r["dir"]) == "in"})
    other = sorted({(r["p"], r["m"], str(r["dir"])) for r in rows if r["m"] not in set(asm)})
    shown_asm, shown_other = asm[:per_node], other[: max(0, cap - 1 - min(len(asm), per_node))]
    hidden = len(asm) - len(shown_asm) + len(other) - len(shown_other)
    ends = store.select("assessment_ends", assessment=shown_asm) if shown_asm else []
    edges = [(r["subject"], r["requirement"], r["verdict"]) for r in ends]
    edges += [(c, m, p) if d == "out" else (m, c, p) for p, m, d in shown_other]
    nodes = sorted({c} | {u for u, _, _ in edges} | {v for _, v, _ in edges})[:cap]
    attrs: dict[Any, dict[str, str]] = {n: {"label_en": "", "label_ja": "", "type": ""} for n in nodes}
    for r in store.select("describe_out", entity=nodes):
        a = attrs[r["entity"]]
        if r["p"] == RDF.type and str(r["o"]).startswith(str(AWSKG)):
            a["type"] = str(r["o"]).rsplit("#", 1)[-1]
        elif r["p"] in (SKOS.prefLabel, RDFS.label) and getattr(r["o"], "language", None) in ("en", "ja"):
            a.setdefault("label_" + r["o"].language, "")
            a["label_" + r["o"].language] = a["label_" + r["o"].language] or str(r["o"])
    G = nx.MultiDiGraph()
    for n, a in attrs.items():
        G.add_node(str(n), label_en=a["label_en"] or str(n).rsplit("/", 1)[-1],
                   label_ja=a["label_ja"] or a["label_en"], type=a["type"])
    for u, v, p in edges:
        if u in attrs and v in attrs:
            G.add_edge(str(u), str(v), key=str(p), label_en=str(p).rsplit("#", 1)[-1],
                       label_ja=str(p).rsplit("#", 1)[-1])
    html = to_html(G, lang="ja", focus=str(c))
    return {"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "hidden": hidden,
            "html_kb": len(html) // 1024}


def worker_bounded(backend: str, size: int, url: str | None) -> dict:
    """Open the store and draw the hub's view with bounded queries only (first and warm)."""
    import graph.views.html  # noqa: F401
    import graph.views.network  # noqa: F401 (imports are outside the clock, as in the plain worker)

    _trace_queries()
    t = time.perf_counter
    start = t()
    store = _open(backend, size, url)
    out: dict[str, Any] = {"hub": hub(size), "open": t() - start}
    out["view"] = bounded_view(store, out["hub"])
    out["first_view"] = t() - start
    warm = []
    for _ in range(WARM):
        s = t()
        bounded_view(store, out["hub"])
        warm.append(t() - s)
    out["view_hub_warm"] = statistics.median(warm)
    out["peak_mb"] = _peak_mb()
    return out


def worker_session(op: str, backend: str, size: int, url: str | None) -> dict:
    """One operation in a fresh process: ``view``, ``fit`` or ``compare``, first call and warm.

    Separate processes, so a slow operation does not hide the others and each
    "first" number pays for exactly the caches that operation builds.
    """
    import graph.views.html  # noqa: F401
    import graph.views.network  # noqa: F401 (imports are outside the clock, as in the plain worker)
    from graph.compare import compare
    from graph.reason.fit import fit
    from ontology import KB

    _trace_queries()
    t = time.perf_counter
    out: dict[str, Any] = {"hub": hub(size)}
    start = t()
    _phase("open")
    store = _open(backend, size, url)
    out["open"] = t() - start
    _phase(op)
    if op == "view":
        out["view"] = _view(store, out["hub"])
        out["first_view"] = t() - start  # open + first ego view: what a user waits for after start
        runs = {"view_hub": lambda: _view(store, out["hub"]), "view_entity": lambda: _view(store, ENTITY)}
    elif op == "fit":
        s = t()
        out["fit_results"] = fit(store, FIT_TEXT).total
        out["fit_first"] = t() - s
        runs = {"fit": lambda: fit(store, FIT_TEXT)}
    else:
        s = t()
        compare(store, KB[GROUP])
        out["compare_first"] = t() - s
        runs = {"compare": lambda: compare(store, KB[GROUP])}
    _phase(f"{op}, warm")
    for name, fn in runs.items():
        samples = []
        for _ in range(WARM):
            s = t()
            fn()
            samples.append(t() - s)
        out[f"{name}_warm"] = statistics.median(samples)
    out["triples"] = store.count()
    out["peak_mb"] = _peak_mb()
    return out


def worker_load(backend: str, size: int, url: str | None, target: str | None) -> dict:
    t = time.perf_counter
    start = t()
    if backend == "memory":
        from graph.store import load_store

        n = load_store(data_dir(size)).count()
    elif backend == "oxigraph":
        from graph.lexicon.index import build_index
        from graph.ops.load import OxigraphTarget, collect, load
        from graph.store import OxigraphStore

        tgt = OxigraphTarget(Path(target))
        report = load(tgt, collect([data_dir(size)]))
        tgt.close()
        n = report.total
        # as `awskg load` does: the name and verdict index fit reads (graph.lexicon.index)
        indexed = t()
        build_index(OxigraphStore(Path(target)))
        return {"load": t() - start, "index": t() - indexed, "triples": n, "peak_mb": _peak_mb()}
    else:
        from graph.ops.load import RemoteTarget, collect, load

        report = load(RemoteTarget(gsp=url.rsplit("/", 1)[0] + "/store", count_endpoint=url),
                      collect([data_dir(size)]))
        n = report.total
    return {"load": t() - start, "triples": n, "peak_mb": _peak_mb()}


def worker_plain(size: int) -> dict:
    """The plain way: the whole graph into rdflib, then NetworkX, then an ego graph, then pyvis."""
    import networkx as nx
    from pyvis.network import Network
    from rdflib import Graph, URIRef
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    from graph.store import data_files, ontology_files
    from ontology import KB

    t = time.perf_counter
    out: dict[str, Any] = {}
    start = t()
    g = Graph()
    rdf, _notes = data_files(data_dir(size))
    for path in ontology_files() + rdf:
        g.parse(path, format="nt" if path.suffix == ".nt" else "turtle")
    out["parse"] = t() - start
    s = t()
    G = rdflib_to_networkx_multidigraph(g)
    out["networkx"] = t() - s
    s = t()
    H = nx.ego_graph(G, URIRef(KB[hub(size)]), radius=1, undirected=True)
    out["ego"] = t() - s
    s = t()
    net = Network(directed=True, cdn_resources="in_line")
    net.from_nx(H)
    html = net.generate_html()
    out["pyvis"] = t() - s
    out["first_view"] = t() - start
    out["view"] = {"nodes": H.number_of_nodes(), "edges": H.number_of_edges(), "html_kb": len(html) // 1024}
    out["triples"] = len(g)
    out["peak_mb"] = _peak_mb()
    return out


def data_dir(size: int) -> Path:
    return OUT / f"data-{size}"


def worker_main(argv: list[str]) -> None:
    kind, backend, size, url, target = argv[0], argv[1], int(argv[2]), argv[3] or None, argv[4] or None
    if kind in ("view", "fit", "compare"):
        result = worker_session(kind, backend, size, url)
    elif kind == "bounded":
        result = worker_bounded(backend, size, url)
    elif kind == "load":
        result = worker_load(backend, size, url, target)
    else:
        result = worker_plain(size)
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    worker_main(sys.argv[1:])
