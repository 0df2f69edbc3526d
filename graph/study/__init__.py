"""Layer ``study``: the learner's progress, cards, spaced repetition, practice sets and Anki decks.

``exam`` (the MLA-C01 domains and task statements), ``cards`` (a card per scenario and per
confusable pair of a comparison group), ``questions`` (a card asked with seeded options),
``schedule`` (FSRS), ``progress`` (the SQLite file in the learner's folder), ``report``
(progress by domain and task), ``practice`` (a set of questions scored at the end) and
``anki`` (a ``.apkg`` deck).

May import: ``graph.compare``, ``graph.reason``, ``graph.lexicon``, ``graph.store``,
``graph.text``, ``graph.errors``, ``ontology``. Never writes under the shipped data: the
only file it writes is in the learner's folder (:mod:`graph.store.userdata`) or one the
caller names.
"""
