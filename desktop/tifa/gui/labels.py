"""Translated words for the engine's enums, in one place (``QCoreApplication.translate``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tifa.engine.compare.model import (
    FormulationStatus,
    Granularity,
    LinkKind,
    PairComparison,
)
from tifa.engine.compare.vocabulary import Status, status_word, term
from tifa.engine.export.i18n import granularity_reason
from tifa.engine.model import Script
from tifa.gui import localize

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")



def script_label(script: Script) -> str:
    return {
        Script.SIMPLIFIED: translate("labels", "simplified"),
        Script.TRADITIONAL: translate("labels", "traditional"),
        Script.MIXED: translate("labels", "mixed"),
        Script.UNKNOWN: translate("labels", "unknown"),
    }[script]


def language() -> str:
    from tifa.gui.i18n import current_language

    return current_language()


def status_label(status: FormulationStatus | Status, *, x: str = "") -> str:
    """The status's one word (the engine's vocabulary, in the interface language)."""
    return status_word(status, language(), x=x)


def status_meaning(status: FormulationStatus | Status, a: str, b: str) -> str:
    """What the status means between documents labelled ``a`` (reference) and ``b``."""
    return term(status).meaning(language(), a=a, b=b)


def status_colour(status: FormulationStatus | Status) -> str:
    """The status's background colour as CSS."""
    return term(status).swatch.css_background


def link_label(kind: LinkKind | None) -> str:
    if kind is None:
        return translate("labels", "only in one document")
    return {
        LinkKind.EQUAL: translate("labels", "equal"),
        LinkKind.EDITED: translate("labels", "edited"),
        LinkKind.SPLIT: translate("labels", "split"),
        LinkKind.MERGE: translate("labels", "merged"),
        LinkKind.MOVED: translate("labels", "moved"),
    }[kind]


def granularity_label(granularity: Granularity) -> str:
    if granularity is Granularity.AUTO:
        return translate("labels", "automatic (per pair)")
    if granularity is Granularity.SENTENCE:
        return translate("labels", "sentences")
    return translate("labels", "paragraphs")


def pair_granularity_label(pair: PairComparison) -> str:
    """What a pair was compared by, and why: "by sentences (automatic: a document has few, long
    paragraphs)". The reason in the reports' words (``export/i18n.granularity_reason``, their
    catalogue), as the Chinese report's pair table says it."""
    unit = granularity_label(pair.granularity)
    reason = granularity_reason(pair.granularity_reason, localize.language())
    return translate("labels", "compared by %1 (%2)").replace("%1", unit).replace("%2", reason)


def category_label(category: str) -> str:
    """Discovered categories get a word; lexicon categories are shown as the lexicon has them."""
    return {
        "quoted": translate("labels", "quoted"),
        "numbered": translate("labels", "numbered"),
        "parallel": translate("labels", "parallel"),
    }.get(category, category)


def document_label(title: str, name: str, *, limit: int = 18) -> str:
    """A short column or axis label for a document: its title, or its file name."""
    text = title.strip() or name
    return text if len(text) <= limit else text[: limit - 1] + "…"
