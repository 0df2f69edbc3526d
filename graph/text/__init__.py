"""Layer ``text``: normalisation and analysis of Japanese/English text, and the gazetteer.

Pure functions of strings: no store, no RDF. May import: ``graph.errors``.

>>> normalize("Ｓｅｒｖｅｒｌｅｓｓ")
'serverless'
"""

from graph.text.analysis import Analysed, analyse, normalize
from graph.text.gazetteer import Gazetteer, Hit

__all__ = ["Analysed", "analyse", "normalize", "Gazetteer", "Hit"]
