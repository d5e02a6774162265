"""The Chinese interface has no English left: every widget's text, tooltip, header, menu
entry and table cell is scanned for Latin words, allowing only names (file formats, keys,
the program's name) and words the documents themselves contain (file names, encodings)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from conftest import ALL_SEEDS, BEIJING_2022
from tifa.gui import i18n
from tifa.gui.main_window import MainWindow

TIMEOUT_MS = 60_000
ALLOWED = {
    "PDF", "DOCX", "HTML", "CSV", "JSON", "XLSX", "Excel", "Word", "Tifa",  # names
    "Ctrl", "Shift", "Alt", "Esc", "Space", "Enter", "Del",  # keys
    "TF", "IDF",  # the metric's name
}
WORD = re.compile(r"[A-Za-z]{2,}")
TAG = re.compile(r"<[^>]+>")


def _texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the user can see or hover."""
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        yield kind + " tooltip", widget.toolTip()
        if isinstance(widget, QLabel | QAbstractButton):
            yield kind, widget.text()
        if isinstance(widget, QLineEdit):
            yield kind + " placeholder", widget.placeholderText()
        if isinstance(widget, QTextEdit):
            yield kind, widget.toPlainText()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield kind + " item", widget.itemText(i)
                yield kind + " item tooltip", str(widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
                                                  or "")
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield "tab", widget.tabText(i)
                yield "tab tooltip", widget.tabToolTip(i)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
                count = model.columnCount() if orientation == Qt.Orientation.Horizontal \
                    else min(model.rowCount(), 300)
                for section in range(count):
                    for role in roles:
                        yield kind + " header", str(model.headerData(section, orientation, role)
                                                    or "")
            for row in range(min(model.rowCount(), 300)):
                for column in range(model.columnCount()):
                    for role in roles:
                        yield f"{kind} cell {column}", str(model.index(row, column).data(role)
                                                          or "")
    for action in window.findChildren(QAction):
        yield "action", action.text()
        yield "action tooltip", action.toolTip()
    for menu in window.findChildren(QMenu):
        yield "menu", menu.title()
    yield "window title", window.windowTitle()


def _document_words(window: MainWindow) -> set[str]:
    """Latin words of the documents themselves: paths, encodings, titles, text."""
    comparison = window.session.comparison
    assert comparison is not None
    words: set[str] = set()
    for doc in comparison.documents:
        for text in (str(doc.path), doc.encoding, doc.title, doc.source or "",
                     *(p.text for p in doc.paragraphs)):
            words.update(WORD.findall(text))
    return words


def _english(window: MainWindow) -> set[tuple[str, str]]:
    allowed = ALLOWED | _document_words(window)
    found = set()
    for where, text in _texts(window):
        plain = unescape(TAG.sub(" ", text))
        # keys: F1..F12 and U+FFFD-style code points are names, not words
        plain = re.sub(r"\bF\d+\b|\bU\+[0-9A-F]+\b", " ", plain)
        # file paths (the corpus database's) are names too
        plain = re.sub(r"(?:[A-Za-z]:)?[/\\][^\s，。；]*", " ", plain)
        left = [w for w in WORD.findall(plain) if w not in allowed]
        if left:
            found.add((where, plain[:100]))
    return found


def test_no_english_left_in_the_chinese_interface(
    qtbot: object, open_window: object, tmp_path: Path
) -> None:
    i18n.install_language("zh_CN")
    window = open_window(list(ALL_SEEDS))  # type: ignore[operator]
    session = window.session
    # a pair chosen (statuses in the formulations table), each tab visited, a cell selected
    session.set_pair(0, 4)
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        qtbot.wait(20)  # type: ignore[attr-defined]
    window.tabs.setCurrentIndex(0)
    window.side_by_side.go_to_paragraph(0, 0)
    found = _english(window)
    assert not found, sorted(found)[:30]
    # the pair view of two documents: the shared passages and band labels
    window.show_pair_side_by_side(0, 3)
    assert not _english(window)
    assert window.side_by_side.alignment.rowCount()


def test_the_scan_finds_english_in_the_english_interface(open_window: object) -> None:
    """The scan above is not blind: in English it finds the menus, tabs and tooltips."""
    window = open_window([BEIJING_2022, ALL_SEEDS[3]])  # type: ignore[operator]
    places = {where for where, _ in _english(window)}
    assert {"menu", "tab", "action"} <= places
