"""Draft triples from the learner's own notes: outline, verdict cues, mentions, RDF, saving.

May import :mod:`graph.reason`, :mod:`graph.lexicon`, :mod:`graph.text`,
:mod:`graph.store` and :mod:`ontology`; imported by the commands and the app.
Modules: ``outline`` (bullets → options, reasons, definitions, steps), ``cues``
(verdict words, ja/en), ``mentions`` (services, settings, requirements, repaired
slips), ``section`` (one section's draft), ``turtle`` (its triples), ``save`` (the
learner's folder).
"""
