"""The key to the side-by-side view's colours and marks, one line above the table, and the
chooser of what is coloured (the colour mode), which the key follows.

Colours come from the delegate's constants (themselves the engine's one palette) and status
words from the engine's vocabulary, so the key cannot drift from what is painted, the
Formulations tab or the reports.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from tifa.engine.compare.vocabulary import Status
from tifa.gui.highlight import HighlightMode
from tifa.gui.labels import status_label
from tifa.gui.plain import tooltip
from tifa.gui.views.cell_delegate import (
    CHANGED_BACKGROUND,
    CHANGED_FOREGROUND,
    DELETED_BACKGROUND,
    DELETED_FOREGROUND,
    EMPTY_BACKGROUND,
    FORMULATION_COLOUR,
    INSERTED_BACKGROUND,
    INSERTED_FOREGROUND,
    MOVED_COLOUR,
    NEW_BACKGROUND,
    NEW_FOREGROUND,
    SHARED_BACKGROUND,
    SHARED_FOREGROUND,
    WARNING_BACKGROUND,
    WARNING_FOREGROUND,
)

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")

MODES = (HighlightMode.CHANGES, HighlightMode.SHARED, HighlightMode.NEW,
         HighlightMode.FORMULATIONS, HighlightMode.NONE)


def mode_name(mode: HighlightMode) -> str:
    """The mode's name in menus and the chooser (translated)."""
    return {
        HighlightMode.CHANGES: translate("Legend", "Changes vs counterpart"),
        HighlightMode.SHARED: translate("Legend", "Shared with the others"),
        HighlightMode.NEW: translate("Legend", "New here"),
        HighlightMode.FORMULATIONS: translate("Legend", "Formulations only"),
        HighlightMode.NONE: translate("Legend", "No colour"),
    }[mode]


def _filled(background: QColor, foreground: QColor, extra: str = "") -> str:
    return f"background:{background.name()};color:{foreground.name()};{extra}"


class Legend(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(6, 2, 6, 2)
        self._mode = HighlightMode.CHANGES
        self._reference = "A"
        self._packed = False  # View › Pack Unaligned Paragraphs (off by default)
        self._gathered = False  # bands gather a few documents' paragraphs (many documents)
        self.retranslate_ui()

    @property
    def packed(self) -> bool:
        return self._packed

    def set_packing(self, packed: bool) -> None:
        """The key names the packed rows' dot when unaligned paragraphs are packed side by
        side, else the band that gathers the paragraphs only one document has."""
        self._packed = packed
        self.retranslate_ui()

    def set_gathered(self, gathered: bool) -> None:
        """At many documents a band holds the paragraphs only some documents have (one or a
        few each: ``AlignmentModel.gathered``); the key says so."""
        if gathered != self._gathered:
            self._gathered = gathered
            self.retranslate_ui()

    @property
    def mode(self) -> HighlightMode:
        return self._mode

    def set_mode(self, mode: HighlightMode, reference: str | None = None) -> None:
        """Show the key of ``mode``; ``reference`` is the label of the document the others
        are diffed against (the pivot)."""
        self._mode = mode
        if reference is not None:
            self._reference = reference
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def entries(self) -> list[tuple[str, str]]:
        """(sample HTML, explanation) pairs for the current mode, in the order shown."""
        def sample(text: str, style: str) -> str:
            return f"<span style='{style}'>&nbsp;{html.escape(text)}&nbsp;</span>"

        ref = self._reference
        mode = self._mode
        out: list[tuple[str, str]] = []
        if mode is HighlightMode.CHANGES:
            out += [
                (sample(status_label(Status.NEW), _filled(INSERTED_BACKGROUND,
                                                          INSERTED_FOREGROUND)),
                 self.tr("words %s lacks") % ref),
                (sample(status_label(Status.DROPPED), _filled(
                    DELETED_BACKGROUND, DELETED_FOREGROUND, "text-decoration:line-through")),
                 self.tr("%s's words the other lacks") % ref),
                (sample(status_label(Status.VARIANT), _filled(
                    CHANGED_BACKGROUND, CHANGED_FOREGROUND, "text-decoration:underline")),
                 self.tr("changed characters")),
                (sample("|", f"color:{INSERTED_FOREGROUND.name()};font-weight:bold"),
                 self.tr("the other side's words go here")),
                (sample(status_label(Status.SHARED), _filled(SHARED_BACKGROUND,
                                                             SHARED_FOREGROUND)),
                 self.tr("in unmatched rows")),
            ]
        elif mode is HighlightMode.SHARED:
            out.append((sample(status_label(Status.SHARED),
                               _filled(SHARED_BACKGROUND, SHARED_FOREGROUND)),
                        self.tr("wording other open documents have too")))
        elif mode is HighlightMode.NEW:
            out.append((sample(status_label(Status.ONLY_IN, x=self.tr("this")),
                               _filled(NEW_BACKGROUND, NEW_FOREGROUND)),
                        self.tr("wording in no other open document")))
        if mode is not HighlightMode.NONE:
            out.append((sample(self.tr("blue"), f"color:{FORMULATION_COLOUR.name()};"
                                                "text-decoration:underline"),
                        self.tr("formulation (hover it)")))
        out += [
            (sample("?", _filled(WARNING_BACKGROUND, WARNING_FOREGROUND)),
             self.tr("damaged character")),
            (sample("▌↕", f"color:{MOVED_COLOUR.name()}"), self.tr("moved")),
            (sample("▨", f"color:#6b6b6b;background:{EMPTY_BACKGROUND.name()}"),
             self.tr("no counterpart")),
        ]
        if self._packed:
            out.append((sample("·", "color:#555"), self.tr("unaligned row")))
        elif self._gathered:
            out.append((sample("▸", "color:#555"), self.tr(
                "band: paragraphs only some documents have; click to unfold")))
        else:
            out.append((sample("▾", "color:#555"), self.tr(
                "band: paragraphs only one document has; click to fold")))
        return out

    def retranslate_ui(self) -> None:
        parts = [f"{sample} {html.escape(text)}" for sample, text in self.entries()]
        self.setText("<span style='color:#333'>" + " &nbsp; ".join(parts) + "</span>")
        if self._mode is HighlightMode.CHANGES:
            first = self.tr(
                "Linked rows show the word-level difference against %s (★, the pivot; in a "
                "pair view the first document): new = words the other document has and %s "
                "lacks, dropped = %s's words the other lacks (struck through), variant = the "
                "characters that changed. %s's own column is compared with the next column "
                "that has text.") % ((self._reference,) * 4)
        elif self._mode is HighlightMode.SHARED:
            first = self.tr("Shared wording is read against all the other open documents.")
        elif self._mode is HighlightMode.NEW:
            first = self.tr("New wording is in no other open document.")
        else:
            first = self.tr("Choose what is coloured in View › Colours.")
        self.setToolTip(tooltip(first + " " + self.tr(
            "A moved paragraph (purple bar) is out of the pivot document's order; hatched "
            "cells have no counterpart. F7 / Shift+F7: next / previous difference.") + " " + (
            self.tr("Rows numbered with a dot set unaligned paragraphs side by side, each "
                    "document in its own order.") if self._packed else
            self.tr("A band (▸) gathers the paragraphs only some documents have, between "
                    "the rows most of them share; click it to unfold or fold.")
            if self._gathered else
            self.tr("A band (▾) gathers the paragraphs only one document has; click it to "
                    "fold or unfold."))))


class ColourBar(QWidget):
    """The colour-mode chooser and the key, one row above the side-by-side table."""

    mode_chosen = Signal(str)  # HighlightMode value

    def __init__(self, legend: Legend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.legend = legend
        self.label = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addWidget(legend, 1)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.retranslate_ui()

    def _chosen(self, index: int) -> None:
        if 0 <= index < len(MODES):
            self.mode_chosen.emit(MODES[index].value)

    def set_mode(self, mode: HighlightMode) -> None:
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(MODES.index(mode))
        self.combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("Colours:"))
        current = max(0, self.combo.currentIndex())
        self.combo.blockSignals(True)
        self.combo.clear()
        for mode in MODES:
            self.combo.addItem(mode_name(mode))
        self.combo.setCurrentIndex(current)
        self.combo.blockSignals(False)
        self.combo.setToolTip(self.tr("What the side-by-side view colours (also View › Colours)"))
