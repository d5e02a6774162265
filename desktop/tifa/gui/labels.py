"""Translated words for the engine's enums, in one place (``QCoreApplication.translate``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tifa.engine.compare.model import FormulationStatus, Granularity, LinkKind
from tifa.engine.model import Script

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")



def script_label(script: Script) -> str:
    return {
        Script.SIMPLIFIED: translate("labels", "simplified"),
        Script.TRADITIONAL: translate("labels", "traditional"),
        Script.MIXED: translate("labels", "mixed"),
        Script.UNKNOWN: translate("labels", "unknown"),
    }[script]


def status_label(status: FormulationStatus) -> str:
    return {
        FormulationStatus.SHARED: translate("labels", "shared"),
        FormulationStatus.NEW: translate("labels", "new"),
        FormulationStatus.DROPPED: translate("labels", "dropped"),
        FormulationStatus.VARIANT: translate("labels", "variant"),
        FormulationStatus.ABSENT: translate("labels", "absent"),
    }[status]


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
    if granularity is Granularity.SENTENCE:
        return translate("labels", "sentences")
    return translate("labels", "paragraphs")


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
