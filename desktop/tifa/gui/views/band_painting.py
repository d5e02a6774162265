"""Painting of the side-by-side table's structure rows: the header of a band of unaligned
paragraphs ("▸ only in B (3 paragraphs)") and of the shared-passages section, spanning every
column; and the empty cells beside an unaligned paragraph, left plain (not hatched: nothing
is missing there, the paragraph simply has no counterpart)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyleOptionViewItem

from tifa.engine.compare.rowlayout import RowRole
from tifa.gui.models.alignment import ROW_ROLE

Index = QModelIndex | QPersistentModelIndex

BAND_BACKGROUND = QColor("#e8ecf1")
SHARED_HEADER_BACKGROUND = QColor("#e3efe6")
HEADER_TEXT = QColor("#1f2933")
UNALIGNED_EMPTY = QColor("#fafbfc")
RULE = QColor("#9aa6b2")


def row_role(index: Index) -> RowRole | None:
    value = index.data(ROW_ROLE)
    return RowRole(value) if isinstance(value, str) else None


def on_screen(rect: QRect, option: QStyleOptionViewItem) -> QRect:
    """The part of a header's rect inside the table's viewport: a header spans every column,
    and with the columns scrolled sideways (the pivot's column first, among 300) its label
    would be drawn at the first column's place, off screen."""
    view = option.widget
    viewport = view.viewport() if isinstance(view, QAbstractScrollArea) else None
    if viewport is None:
        return rect
    left = max(rect.left(), 0)
    right = min(rect.right(), viewport.width() - 1)
    return QRect(left, rect.top(), right - left + 1, rect.height()) if right > left else rect


def paint_header(painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
    """A band or section header: a tinted bar with its label, bold."""
    rect = option.rect
    shared = row_role(index) is RowRole.SHARED_HEADER
    painter.save()
    try:
        painter.fillRect(rect, SHARED_HEADER_BACKGROUND if shared else BAND_BACKGROUND)
        painter.setPen(QPen(RULE, 1))
        painter.drawLine(rect.left(), rect.top(), rect.right(), rect.top())
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(HEADER_TEXT)
        painter.drawText(on_screen(rect, option).adjusted(10, 0, -10, 0),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor("#2f7de1"), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
    finally:
        painter.restore()


def paint_unaligned_empty(painter: QPainter, option: QStyleOptionViewItem) -> None:
    painter.fillRect(option.rect, UNALIGNED_EMPTY)
