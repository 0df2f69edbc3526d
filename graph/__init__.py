"""awskg: a knowledge-graph explorer for AWS machine-learning services.

One subpackage per layer; a module may import its own subpackage and the layers
below it, never one above (``tests/test_layering.py`` holds the order as data
and fails on an arrow against it or on any import cycle):

=========================  ====================================================
``cli``, ``eval``          entry points: ``awskg`` and ``python -m graph.eval``
``commands``, ``ui``       one module per CLI command; the Streamlit pages
``compare``, ``views``,    comparison tables; NetworkX projections and pyvis
``ops``                    HTML; bulk load, validate, export, stats
``reason``                 resolve, describe, assess, fit, answer, drill
``lexicon``                names, classes and verdicts read from a store
``text``, ``store``        text analysis; the store interface and backends
``errors``, ``ontology``   the error types; the vocabulary and named queries
=========================  ====================================================
"""
