"""The Corpus tab (``CorpusTab``): its widgets (``tab``), Qt models (``models``), the timeline
chart (``chart``) and the engine calls its workers run (``operations``)."""

from tifa.gui.corpus.tab import CorpusTab

__all__ = ["CorpusTab"]
