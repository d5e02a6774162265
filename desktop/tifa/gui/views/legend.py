"""The key to the side-by-side view's colours and marks, one line above the table.

The colours are the delegate's own constants, so the key cannot drift from what is painted.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tifa.gui.views.cell_delegate import (
    EMPTY_BACKGROUND,
    FORMULATION_COLOUR,
    MOVED_COLOUR,
    NEW_BACKGROUND,
    NEW_FOREGROUND,
    SHARED_COLOUR,
    WARNING_BACKGROUND,
)


class Legend(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setContentsMargins(6, 2, 6, 2)
        self.retranslate_ui()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def entries(self) -> list[tuple[str, str]]:
        """(sample HTML, explanation) pairs, in the order shown."""
        def sample(text: str, style: str) -> str:
            return f"<span style='{style}'>&nbsp;{html.escape(text)}&nbsp;</span>"

        return [
            (sample(self.tr("grey"), f"color:{SHARED_COLOUR.name()}"),
             self.tr("shared wording")),
            (sample(self.tr("amber"), f"background:{NEW_BACKGROUND.name()};"
                                      f"color:{NEW_FOREGROUND.name()}"),
             self.tr("new: in no other document")),
            (sample(self.tr("blue"), f"color:{FORMULATION_COLOUR.name()};"
                                     "text-decoration:underline"),
             self.tr("formulation (hover it)")),
            (sample("?", f"background:{WARNING_BACKGROUND.name()};color:#ffffff"),
             self.tr("damaged character")),
            (sample("▌↕", f"color:{MOVED_COLOUR.name()}"),
             self.tr("moved")),
            (sample("▨", f"color:#b8b8b8;background:{EMPTY_BACKGROUND.name()}"),
             self.tr("no counterpart")),
            (sample("·", "color:#555"),
             self.tr("unaligned row")),
        ]

    def retranslate_ui(self) -> None:
        parts = [f"{sample} {html.escape(text)}" for sample, text in self.entries()]
        self.setText("<span style='color:#555'>" + " &nbsp; ".join(parts) + "</span>")
        self.setToolTip(self.tr(
            "Shared and new wording are read against all the other open documents. A moved "
            "paragraph (purple bar) is out of the pivot document's order; hatched cells have "
            "no counterpart; rows numbered with a dot set unaligned paragraphs side by side, "
            "each document in its own order. F7 / Shift+F7: next / previous difference."))
