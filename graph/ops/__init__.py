"""Layer ``ops``: operations on a whole store — bulk load, validation, export, counts.

Imported one module at a time by the commands (``graph.ops.load``,
``graph.ops.validate`` …) so that a command pays only for what it uses. May
import: ``graph.store``, ``graph.errors``, ``ontology``.
"""
