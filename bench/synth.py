"""Synthetic knowledge graphs shaped like awskg's, at any size.

    python bench/synth.py 10000 100000 [1000000] [--out bench/out] [--seed 42]

Writes ``bench/out/synth-<N>.nt`` with exactly N distinct triples (N-Triples,
one per line, so a benchmark can count them without parsing), and
``synth-<N>.json`` naming the hub requirement (the one pointed at most). The shape follows
the real KB: services with capabilities (``awskg:partOf``), parameters with
ranges, constraints, solutions with settings, n-ary assessments (subject,
requirement, verdict, rationale @en/@ja, a source), requirements with
``skos:altLabel`` synonyms, comparison groups with dimensions and one value per
cell, scenarios, and documents. Every labelled entity has ``@en`` and ``@ja``
labels. Targets are Zipf-skewed so a few requirements, note sections and
documents become hubs, as in real notes.

The synthetic entities link into the shipped KB: assessments also point at the
real requirements (``kb:req-minimize-cost`` …) and cite the real note sections,
so the library's named queries (fit, compare, ego views) do real work on real
inputs when the synthetic file is loaded next to the shipped data.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import sys
import time
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rdflib import URIRef  # noqa: E402
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD  # noqa: E402

from ontology import AWSKG, KB  # noqa: E402

OUT = ROOT / "bench" / "out"

# Word pools: labels vary, stay searchable, and the two languages line up.
_EN = ["stream", "batch", "model", "feature", "pipeline", "endpoint", "monitor", "registry",
       "buffer", "cluster", "inference", "training", "tuning", "drift", "label", "catalog",
       "lineage", "quality", "schedule", "cache", "shard", "replica", "export", "ingest"]
_JA = ["ストリーム", "バッチ", "モデル", "特徴量", "パイプライン", "エンドポイント", "モニター",
       "レジストリ", "バッファ", "クラスター", "推論", "学習", "チューニング", "ドリフト",
       "ラベル", "カタログ", "リネージ", "品質", "スケジュール", "キャッシュ", "シャード",
       "レプリカ", "エクスポート", "取り込み"]
_VERDICTS = [AWSKG.fits, AWSKG.partial, AWSKG.doesNotFit]


def _iri(term: str) -> str:
    return f"<{term}>"


def _lit(text: str, lang: str | None = None, dtype: URIRef | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{body}"@{lang}'
    if dtype is not None:
        return f'"{body}"^^<{dtype}>'
    return f'"{body}"'


class Zipf:
    """Draw indexes 0..n-1 with probability ∝ 1/(rank+1)^s (rank 0 most popular)."""

    def __init__(self, n: int, rng: random.Random, s: float = 1.0) -> None:
        self.cum = list(accumulate(1.0 / (k + 1) ** s for k in range(n)))
        self.rng = rng

    def __call__(self) -> int:
        return bisect.bisect_left(self.cum, self.rng.random() * self.cum[-1])


def shipped_anchors() -> tuple[list[str], list[str]]:
    """Real requirements (most assessed in the shipped KB first) and note sections."""
    from collections import Counter

    from graph.store import load_store

    g = load_store().g
    uses = Counter(str(r) for r in g.objects(None, AWSKG.requirement))
    reqs = sorted((str(s) for s in g.subjects(RDF.type, AWSKG.Requirement)),
                  key=lambda r: (-uses[r], r))
    notes = sorted(str(s) for s in g.subjects(RDF.type, AWSKG.NoteSection))
    return reqs, notes


def triples(n_services: int, seed: int, real_reqs: list[str], real_notes: list[str]) -> Iterator[str]:
    """N-Triples lines for ``n_services`` service blocks (plus shared pools)."""
    rng = random.Random(seed)
    a, pref, alt = _iri(RDF.type), _iri(SKOS.prefLabel), _iri(SKOS.altLabel)
    src, derived = _iri(DCTERMS.source), _iri(PROV.wasDerivedFrom)
    P = {name: _iri(AWSKG[name]) for name in (
        "partOf", "uses", "sets", "ofParameter", "parameterOf", "about", "subject", "requirement",
        "verdict", "hasRequirement", "hasOption", "answer", "member", "dimension", "valueOf",
        "onDimension", "relatedTo", "rationale", "statement", "apiName", "minValue", "maxValue",
        "defaultValue", "value", "order", "text", "question", "checked")}
    C = {name: _iri(AWSKG[name]) for name in (
        "Service", "Capability", "Parameter", "Setting", "Constraint", "Requirement", "Solution",
        "Assessment", "Scenario", "Document", "ComparisonGroup", "Dimension", "ComparisonValue")}
    V = [_iri(v) for v in _VERDICTS]

    def words(k: int) -> tuple[str, str]:
        idx = [rng.randrange(len(_EN)) for _ in range(k)]
        return " ".join(_EN[i] for i in idx), "".join(_JA[i] for i in idx)

    def kb(slug: str) -> str:
        return _iri(KB[slug])

    # Shared pools: requirements (real ones mixed into the popular ranks), documents, notes.
    n_reqs = max(8, n_services // 4)
    reqs = [kb(f"syn-req-{i}") for i in range(n_reqs)]
    for k, real in enumerate(real_reqs):
        reqs.insert(min(len(reqs), 1 + 3 * k), _iri(real))
    n_docs = max(4, n_services // 2)
    docs = [_iri(f"https://example.org/awskg-synth/doc/{i}") for i in range(n_docs)]
    notes = [_iri(n) for n in real_notes] or [kb("note-13")]
    pick_req, pick_doc, pick_note = Zipf(len(reqs), rng), Zipf(n_docs, rng), Zipf(len(notes), rng)

    for i in range(n_reqs):
        r = kb(f"syn-req-{i}")
        en, ja = words(3)
        yield f"{r} {a} {C['Requirement']} ."
        yield f"{r} {pref} {_lit(f'need {i}: {en}', 'en')} ."
        yield f"{r} {pref} {_lit(f'要件 {i}: {ja}', 'ja')} ."
        for _ in range(2):
            en, ja = words(2)
            yield f"{r} {alt} {_lit(f'{en} need {i}', 'en')} ."
            yield f"{r} {alt} {_lit(f'{ja}したい {i}', 'ja')} ."
    for i, d in enumerate(docs):
        yield f"{d} {a} {C['Document']} ."
        yield f"{d} {_iri(DCTERMS.title)} {_lit(f'Synthetic documentation page {i}')} ."
        yield f"{d} {P['checked']} {_lit('2026-11-27', dtype=XSD.date)} ."

    caps_so_far: list[str] = []
    for s in range(n_services):
        svc = kb(f"syn-svc-{s}")
        en, ja = words(2)
        yield f"{svc} {a} {C['Service']} ."
        yield f"{svc} {pref} {_lit(f'Synthetic Service {s} {en}', 'en')} ."
        yield f"{svc} {pref} {_lit(f'合成サービス {s} {ja}', 'ja')} ."
        yield f"{svc} {alt} {_lit(f'SynSvc{s}', 'en')} ."
        yield f"{svc} {src} {docs[pick_doc()]} ."
        caps = []
        for c in range(rng.randint(2, 6)):
            cap = kb(f"syn-cap-{s}-{c}")
            caps.append(cap)
            en, ja = words(2)
            yield f"{cap} {a} {C['Capability']} ."
            yield f"{cap} {P['partOf']} {svc} ."
            yield f"{cap} {pref} {_lit(f'{en} capability {s}-{c}', 'en')} ."
            yield f"{cap} {pref} {_lit(f'{ja}機能 {s}-{c}', 'ja')} ."
            if rng.random() < 0.5:
                yield f"{cap} {alt} {_lit(f'{ja} {s}-{c}', 'ja')} ."
            if caps_so_far and rng.random() < 0.4:
                yield f"{cap} {P['relatedTo']} {rng.choice(caps_so_far)} ."
            yield f"{cap} {src} {docs[pick_doc()]} ."
            param = None
            if rng.random() < 0.5:
                param = kb(f"syn-param-{s}-{c}")
                lo, hi = rng.randint(0, 5), rng.randint(10, 1000)
                yield f"{param} {a} {C['Parameter']} ."
                yield f"{param} {P['parameterOf']} {cap} ."
                yield f"{param} {P['apiName']} {_lit(f'SynConfig{s}.Param{c}')} ."
                yield f"{param} {P['minValue']} {_lit(str(lo), dtype=XSD.integer)} ."
                yield f"{param} {P['maxValue']} {_lit(str(hi), dtype=XSD.integer)} ."
                if rng.random() < 0.5:
                    yield f"{param} {P['defaultValue']} {_lit(str(lo + 1), dtype=XSD.integer)} ."
                yield f"{param} {pref} {_lit(f'Param{c} of {s}', 'en')} ."
                yield f"{param} {pref} {_lit(f'パラメータ{c}（{s}）', 'ja')} ."
                yield f"{param} {src} {docs[pick_doc()]} ."
            if rng.random() < 0.7:
                fact = kb(f"syn-fact-{s}-{c}")
                en, ja = words(3)
                yield f"{fact} {a} {C['Constraint']} ."
                yield f"{fact} {P['about']} {cap} ."
                yield f"{fact} {P['statement']} {_lit(f'Capability {s}-{c} limits {en}.', 'en')} ."
                yield f"{fact} {P['statement']} {_lit(f'機能 {s}-{c} は{ja}を制限する。', 'ja')} ."
                yield f"{fact} {src} {docs[pick_doc()]} ."
            sol = kb(f"syn-sol-{s}-{c}")
            yield f"{sol} {a} {C['Solution']} ."
            yield f"{sol} {P['uses']} {cap} ."
            yield f"{sol} {pref} {_lit(f'Use {en} capability {s}-{c}', 'en')} ."
            yield f"{sol} {pref} {_lit(f'{ja}機能 {s}-{c} を使う', 'ja')} ."
            if param is not None:
                st = kb(f"syn-set-{s}-{c}")
                yield f"{sol} {P['sets']} {st} ."
                yield f"{st} {a} {C['Setting']} ."
                yield f"{st} {P['ofParameter']} {param} ."
                yield f"{st} {P['value']} {_lit(str(rng.randint(1, 9)), dtype=XSD.integer)} ."
                yield f"{st} {pref} {_lit(f'Param{c} of {s} set', 'en')} ."
                yield f"{st} {pref} {_lit(f'パラメータ{c}（{s}）の設定', 'ja')} ."
            for k in range(3):
                asm = kb(f"syn-asm-{s}-{c}-{k}")
                v = rng.choices(V, weights=(5, 2, 3))[0]
                yield f"{asm} {a} {C['Assessment']} ."
                yield f"{asm} {P['subject']} {sol if k < 2 else cap} ."
                yield f"{asm} {P['requirement']} {reqs[pick_req()]} ."
                yield f"{asm} {P['verdict']} {v} ."
                yield f"{asm} {P['rationale']} {_lit(f'Because of {en} in {s}-{c}.', 'en')} ."
                yield f"{asm} {P['rationale']} {_lit(f'{s}-{c} の{ja}による。', 'ja')} ."
                if rng.random() < 0.5:
                    yield f"{asm} {derived} {notes[pick_note()]} ."
                else:
                    yield f"{asm} {src} {docs[pick_doc()]} ."
        caps_so_far.extend(caps)
        if len(caps_so_far) > 2000:
            del caps_so_far[:1000]

        if s % 10 == 9:  # a comparison group over recent capabilities
            grp = kb(f"syn-cmp-{s}")
            members = rng.sample(caps_so_far, min(5, len(caps_so_far)))
            yield f"{grp} {a} {C['ComparisonGroup']} ."
            yield f"{grp} {pref} {_lit(f'Compare group {s}', 'en')} ."
            yield f"{grp} {pref} {_lit(f'比較グループ {s}', 'ja')} ."
            dims = []
            for d in range(4):
                dim = kb(f"syn-dim-{s}-{d}")
                dims.append(dim)
                en, ja = words(1)
                yield f"{grp} {P['dimension']} {dim} ."
                yield f"{dim} {a} {C['Dimension']} ."
                yield f"{dim} {pref} {_lit(f'{en} ({d})', 'en')} ."
                yield f"{dim} {pref} {_lit(f'{ja}（{d}）', 'ja')} ."
                yield f"{dim} {P['order']} {_lit(str(d), dtype=XSD.integer)} ."
            for m, cap in enumerate(members):
                yield f"{grp} {P['member']} {cap} ."
                for d, dim in enumerate(dims):
                    val = kb(f"syn-val-{s}-{m}-{d}")
                    yield f"{val} {a} {C['ComparisonValue']} ."
                    yield f"{val} {P['valueOf']} {cap} ."
                    yield f"{val} {P['onDimension']} {dim} ."
                    yield f"{val} {P['text']} {_lit(f'value {m}.{d}', 'en')} ."
                    yield f"{val} {P['text']} {_lit(f'値 {m}.{d}', 'ja')} ."
                    yield f"{val} {src} {docs[pick_doc()]} ."
        if s % 20 == 19:  # a scenario: two requirements, four options, one answer
            sc = kb(f"syn-scenario-{s}")
            yield f"{sc} {a} {C['Scenario']} ."
            yield f"{sc} {pref} {_lit(f'Scenario {s}', 'en')} ."
            yield f"{sc} {pref} {_lit(f'シナリオ {s}', 'ja')} ."
            for _ in range(2):
                yield f"{sc} {P['hasRequirement']} {reqs[pick_req()]} ."
            opts = [kb(f"syn-sol-{s}-{c}") for c in range(len(caps))][:4]
            for o in opts:
                yield f"{sc} {P['hasOption']} {o} ."
            yield f"{sc} {P['answer']} {opts[0]} ."
            yield f"{sc} {P['question']} {_lit(f'Which option fits scenario {s}?', 'en')} ."
            yield f"{sc} {P['question']} {_lit(f'シナリオ {s} に合う選択肢は？', 'ja')} ."
            yield f"{sc} {derived} {notes[pick_note()]} ."


def generate(n_triples: int, out_dir: Path = OUT, seed: int = 42) -> Path:
    """Write ``synth-<n>.nt`` with exactly ``n_triples`` distinct triples; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"synth-{n_triples}.nt"
    real_reqs, real_notes = shipped_anchors()
    # About 90 triples per service block (measured); overshoot, then stop at n.
    n_services = max(4, n_triples // 70)
    seen: set[str] = set()
    tmp = path.with_suffix(".nt.tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for line in triples(n_services, seed, real_reqs, real_notes):
            if line in seen:
                continue
            seen.add(line)
            f.write(line + "\n")
            if len(seen) == n_triples:
                break
    if len(seen) < n_triples:
        tmp.unlink()
        raise SystemExit(f"generator produced only {len(seen)} triples for {n_triples}")
    tmp.replace(path)
    # The hub: the real requirement the synthetic assessments point at most (Zipf rank 1).
    meta = {"triples": n_triples, "seed": seed, "hub": real_reqs[0] if real_reqs else None}
    path.with_suffix(".json").write_text(json.dumps(meta, indent=1))
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="+", type=int, help="triple counts, e.g. 10000 100000 1000000")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    for n in args.sizes:
        start = time.perf_counter()
        path = generate(n, args.out, args.seed)
        mb = path.stat().st_size / 1e6
        print(f"{path}  {n:,} triples  {mb:.1f} MB  {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
