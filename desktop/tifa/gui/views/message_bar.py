"""The one place problems are shown: files that could not be read (named, with the reason)
and unexpected failures. It stays until dismissed; the rest of the window keeps working."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from tifa.gui.localize import reason_text
from tifa.gui.plain import tooltip


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setStyleSheet(
            "#MessageBar { background:#fff4e5; border:1px solid #f0b46c; border-radius:4px; }"
        )
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(self.open_link)
        self.opened: list[QUrl] = []  # what the links opened (for tests)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._lines: list[tuple[str, str]] = []  # (kind, text)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def add_problem(self, path: str, reason: str) -> None:
        text = self.tr("Could not read %s: %s") % (
            f"<b>{html.escape(path)}</b>", html.escape(reason_text(reason))
        )
        self._add("problem", text)

    def add_error(self, details: str) -> None:
        last = details.strip().splitlines()[-1] if details.strip() else ""
        text = self.tr("Something went wrong: %s") % html.escape(last)
        self._add("error", text)
        self.label.setToolTip(tooltip(details))

    def add_report(self, path: str) -> None:
        """A report was written: say where, with links to open it and its folder. Stays
        until dismissed."""
        target = Path(path)
        folder = target if target.is_dir() else target.parent
        open_url = QUrl.fromLocalFile(str(target)).toString()
        folder_url = QUrl.fromLocalFile(str(folder)).toString()
        text = self.tr("Report written: %s") % f"<b>{html.escape(str(target))}</b>"
        open_text = self.tr("Open")
        folder_text = self.tr("Show in folder")
        links = (f' &nbsp; <a href="{html.escape(open_url)}">{open_text}</a>'
                 f' · <a href="{html.escape(folder_url)}">{folder_text}</a>')
        self._add("report", text + links)

    def open_link(self, link: str) -> None:
        url = QUrl(link)
        self.opened.append(url)
        QDesktopServices.openUrl(url)

    def add_note(self, text: str) -> None:
        self._add("note", html.escape(text))

    def withdraw_note(self, text: str) -> None:
        """Take back a note that no longer holds; the bar hides when nothing is left."""
        kept = [(k, t) for k, t in self._lines if not (k == "note" and t == html.escape(text))]
        if len(kept) == len(self._lines):
            return
        self._lines = kept
        if kept:
            self.label.setText("<br/>".join(t for _, t in kept[-8:]))
        else:
            self.clear()

    def _add(self, kind: str, text: str) -> None:
        self._lines.append((kind, text))
        self.label.setText("<br/>".join(t for _, t in self._lines[-8:]))
        self.show()

    def messages(self) -> list[str]:
        return [t for _, t in self._lines]

    def clear(self) -> None:
        self._lines.clear()
        self.label.clear()
        self.label.setToolTip("")
        self.hide()
