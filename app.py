"""awskg — the Streamlit app: ``streamlit run app.py`` (or ``awskg app``).

The frame (page config, language switch, the one cached store, the router) is
``graph/ui/app.py``; the pages are ``graph/ui/<page>.py``.
"""

from graph.ui.app import main

main()
