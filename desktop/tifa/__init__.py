"""Tifa (提法对读): compare Chinese political documents side by side.

``tifa.engine`` reads, cleans, aligns, scores and exports without Qt;
``tifa.gui`` is a thin PySide6 layer on top of it.
"""

__version__ = "0.1.0"
