"""Help › User Guide (F1): a short guide to the views, in the interface language. The text is
data: ``resources/guide/guide_<language>.md``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tifa.engine.paths import resource
from tifa.gui import i18n


def guide_text(language: str | None = None) -> str:
    """The guide's Markdown for ``language`` (the interface's by default; English when there
    is no guide in that language)."""
    language = language or i18n.current_language()
    name = "guide_zh.md" if language.startswith("zh") else "guide_en.md"
    path = resource("guide", name)
    if not path.exists():
        path = resource("guide", "guide_en.md")
    return path.read_text(encoding="utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tifa User Guide"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
