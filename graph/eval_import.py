"""Measure ``awskg import`` against the curated KB: does drafting the shipped notes give back its options?

For every section of the shipped notes, the curated options *derived from the
note* (``prov:wasDerivedFrom`` the section; options added from the docs are left
out) are compared with the drafted options, in order: the note's answer must be
drafted as ``fits`` and every other option as ``does-not-fit`` (or ``partial``
where the curated assessments say partial throughout). Services recognised are
compared too: each service (``awskg:Service``) a curated option uses should be
recognised — named in the option, the scene it is set in or (for the note's
answer) its steps, or be the service of a capability named there; of the
capabilities it uses, the share
recognised is printed (curation links some the note only implies, like the Model
Registry behind 「モデルのバージョンが登録されたら」).

    python -m graph.eval_import        # prints the per-section table; exit 1 on any disagreement with --check

>>> from graph.store import load_store
>>> rows = import_agreement(load_store())
>>> all(r.agrees for r in rows)
True
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import PROV

from graph.draft.save import draft_notes
from graph.errors import KGError
from graph.store.base import Store
from graph.store.notes import section_iri
from graph.store.paths import default_data_dir
from ontology import AWSKG

__all__ = ["SectionAgreement", "import_agreement", "main"]


@dataclass
class SectionAgreement:
    """One section: what the curated KB says and what the importer drafted."""

    number: int
    curated: list[str]
    drafted: list[str]
    services_missing: list[str] = field(default_factory=list)
    capabilities: tuple[int, int] = (0, 0)  # (recognised, curated)

    @property
    def agrees(self) -> bool:
        return self.curated == self.drafted and not self.services_missing


def _curated(g, number: int) -> list[tuple[URIRef, str, set[URIRef]]]:
    """(solution, expected verdict, what it uses) for the note-derived options of a section, in order."""
    note = section_iri(number)
    scenario = next((s for s in g.subjects(PROV.wasDerivedFrom, note) if (s, None, AWSKG.Scenario) in g
                     and g.value(s, AWSKG.hasOption) is not None), None)
    if scenario is None:
        return []
    note_answer = g.value(scenario, AWSKG.answer)
    rows = []
    for sol in g.objects(scenario, AWSKG.hasOption):
        if (sol, PROV.wasDerivedFrom, note) not in g:
            continue
        order = g.value(sol, AWSKG.order)
        verdict = "fits" if sol == note_answer else "does-not-fit"
        rows.append((int(order) if order is not None else 99, sol, verdict, set(g.objects(sol, AWSKG.uses))))
    return [(sol, v, uses) for _o, sol, v, uses in sorted(rows, key=lambda r: (r[0], str(r[1])))]


def import_agreement(store: Store, notes: Path | None = None) -> list[SectionAgreement]:
    """Per section of the shipped notes: curated verdicts vs drafted verdicts (module docs)."""
    notes = notes or default_data_dir() / "notes" / "cloudtech-study.md"
    g = store.to_graph()
    out = []
    for d in draft_notes(store, notes.read_text(encoding="utf-8")):
        curated = _curated(g, d.number)
        row = SectionAgreement(d.number, [v for _s, v, _u in curated], [o.verdict for o in d.options])
        got = total = 0
        scene = {URIRef(e["iri"]) for e in d.context_mentions.entities}
        steps = {URIRef(e["iri"]) for s in d.steps for e in s["entities"]}
        for (_sol, _v, uses), opt in zip(curated, d.options):
            found = {URIRef(e["iri"]) for e in opt.mentions.entities} | scene
            if opt is d.recommended:
                found |= steps
            found |= {p for e in list(found) for p in g.objects(e, AWSKG.partOf)}
            services = {u for u in uses if (u, None, AWSKG.Service) in g}
            caps = {u for u in uses if (u, None, AWSKG.Capability) in g}
            row.services_missing += [str(u).rsplit("/", 1)[-1] for u in sorted(services - found)]
            got, total = got + len(caps & found), total + len(caps)
        row.capabilities = (got, total)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the agreement table."""
    ap = argparse.ArgumentParser(prog="python -m graph.eval_import", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when any section disagrees")
    args = ap.parse_args(argv)
    try:
        from graph.store import load_store

        rows = import_agreement(load_store())
    except KGError as err:
        print(f"graph.eval_import: error: {err}", file=sys.stderr)
        return err.exit_code
    print("import agreement with the curated KB (note-derived options, in order)")
    for r in rows:
        mark = "ok " if r.agrees else "DIFF"
        miss = f"  services not recognised: {', '.join(r.services_missing)}" if r.services_missing else ""
        caps = f"  capabilities {r.capabilities[0]}/{r.capabilities[1]}" if r.capabilities[1] else ""
        print(f"  {mark} §{r.number}: curated {r.curated}  drafted {r.drafted}{caps}{miss}")
    good = sum(r.agrees for r in rows)
    print(f"  {good} of {len(rows)} sections agree")
    return 1 if args.check and good < len(rows) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
