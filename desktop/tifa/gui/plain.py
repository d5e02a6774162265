"""User text (document titles, sources, file names, paragraphs) shown as text, never as markup.

Qt guesses whether a string is rich text (``Qt.mightBeRichText``: a tag near the start) for
tooltips and for labels left at ``Qt.AutoText``, so a title such as
``<img src=x><script>…</script>`` would show a broken image and lose the script. Labels that
show document text use ``Qt.PlainText`` (``plain_label``); tooltips, which are always guessed,
go through ``tooltip``; menu entries escape the mnemonic ``&`` (``menu_text``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def tooltip(text: str) -> str:
    """``text`` as a tooltip that shows literally. Text with no ``<`` or ``&`` is plain to Qt
    already and is returned as it is; otherwise it is escaped inside a rich-text paragraph
    that keeps its line breaks and spaces."""
    if "<" not in text and "&" not in text:
        return text
    return ("<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>")


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text literally (it shows document text)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def menu_text(text: str) -> str:
    """A file name as a menu entry: ``&`` would otherwise mark a keyboard shortcut."""
    return text.replace("&", "&&")
