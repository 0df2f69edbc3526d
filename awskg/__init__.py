"""The app's Streamlit component package: the clickable graph's browser side.

Streamlit discovers custom components (v2) in installed distributions through a package
named like the distribution (``awskg``) with a ``pyproject.toml`` beside it that declares
``[[tool.streamlit.component.components]]``. This package is that: ``pyproject.toml`` and
``graphview/`` (``component.js``, ``component.css`` and pyvis's vis-network bundle). The
Python side is :mod:`graph.ui.graph_component`.

>>> from awskg import ASSETS
>>> sorted(p.name for p in ASSETS.glob("component.*"))
['component.css', 'component.js']
"""

from pathlib import Path

__all__ = ["ASSETS", "COMPONENT", "PROJECT"]

#: The distribution and component names: Streamlit calls the component ``awskg.graph``.
PROJECT, COMPONENT = "awskg", "graph"
#: The component's asset directory, served by Streamlit on 127.0.0.1.
ASSETS = Path(__file__).resolve().parent / "graphview"
