"""Layer ``reason``: what the graph says about a question.

``resolve`` (names → entities), ``describe`` (an entity's facts and sources),
``assess`` (verdicts of candidates against requirements), ``fit``, ``answer``
(practice questions; ``question_file`` splits a pasted one) and ``drill``. Import from the module, e.g.
``from graph.reason.fit import fit``: the package re-exports nothing, so that no
function hides the module of the same name. May import: ``graph.lexicon``,
``graph.text``, ``graph.store``, ``graph.errors``, ``ontology``.
"""
