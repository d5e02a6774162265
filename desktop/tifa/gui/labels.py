"""Translated words for the engine's enums, in one place (``QCoreApplication.translate``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tifa.engine.compare.model import FormulationStatus, Granularity, LinkKind
from tifa.engine.model import Script


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def script_label(script: Script) -> str:
    return {
        Script.SIMPLIFIED: _t("simplified"),
        Script.TRADITIONAL: _t("traditional"),
        Script.MIXED: _t("mixed"),
        Script.UNKNOWN: _t("unknown"),
    }[script]


def status_label(status: FormulationStatus) -> str:
    return {
        FormulationStatus.SHARED: _t("shared"),
        FormulationStatus.NEW: _t("new"),
        FormulationStatus.DROPPED: _t("dropped"),
        FormulationStatus.VARIANT: _t("variant"),
        FormulationStatus.ABSENT: _t("absent"),
    }[status]


def link_label(kind: LinkKind | None) -> str:
    if kind is None:
        return _t("only in one document")
    return {
        LinkKind.EQUAL: _t("equal"),
        LinkKind.EDITED: _t("edited"),
        LinkKind.SPLIT: _t("split"),
        LinkKind.MERGE: _t("merged"),
        LinkKind.MOVED: _t("moved"),
    }[kind]


def granularity_label(granularity: Granularity) -> str:
    return {Granularity.PARAGRAPH: _t("paragraphs"), Granularity.SENTENCE: _t("sentences")}[
        granularity
    ]


def category_label(category: str) -> str:
    """Discovered categories get a word; lexicon categories are shown as the lexicon has them."""
    return {
        "quoted": _t("quoted"),
        "numbered": _t("numbered"),
        "parallel": _t("parallel"),
    }.get(category, category)


def document_label(title: str, name: str, *, limit: int = 18) -> str:
    """A short column or axis label for a document: its title, or its file name."""
    text = title.strip() or name
    return text if len(text) <= limit else text[: limit - 1] + "…"
