"""The app's Streamlit component package: the browser side of the clickable graph and the search box.

Streamlit discovers custom components (v2) in installed distributions through a package
named like the distribution (``awskg``) with a ``pyproject.toml`` beside it that declares
``[[tool.streamlit.component.components]]``. This package is that: ``pyproject.toml`` and
``graphview/`` (``component.js``, ``component.css`` and pyvis's vis-network bundle) and
``searchbox/`` (suggestions as you type). The Python sides are :mod:`graph.ui.graph_component`
and :mod:`graph.ui.search_box`.

>>> from awskg import ASSETS
>>> sorted(p.name for p in ASSETS.glob("component.*"))
['component.css', 'component.js']
"""

from pathlib import Path

__all__ = ["ASSETS", "COMPONENT", "PROJECT", "SEARCH", "SEARCH_ASSETS"]

#: The distribution and component names: Streamlit calls the component ``awskg.graph``.
PROJECT, COMPONENT = "awskg", "graph"
#: The search box's name: Streamlit calls it ``awskg.search``.
SEARCH = "search"
#: The components' asset directories, served by Streamlit on 127.0.0.1.
ASSETS = Path(__file__).resolve().parent / "graphview"
SEARCH_ASSETS = Path(__file__).resolve().parent / "searchbox"
