"""Paints alignment-table cells as highlighted rich text, and measures their heights.

Each cell becomes a ``QTextDocument`` with character formats on the UTF-16 ranges of
``highlight.CellText``; laid-out documents are kept in a small LRU cache, so scrolling paints
from cache. Heights are measured with one reusable plain document per font (formats do not
change line heights here), which is what makes 31 columns × hundreds of rows affordable.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from tifa.engine.compare.rowlayout import HEADER_ROLES, RowRole
from tifa.engine.palette import Role, swatch
from tifa.gui.highlight import CellText, MarkKind
from tifa.gui.models import CELL_ROLE
from tifa.gui.models.alignment import DOCUMENT_ROLE, MOVED_ROLE, PACKED_ROLE
from tifa.gui.views.band_painting import paint_header, paint_unaligned_empty, row_role

Index = QModelIndex | QPersistentModelIndex
PADDING = 6
CACHE_SIZE = 600

def _colour(role: Role, *, ink: bool = False) -> QColor:
    sw = swatch(role)
    return QColor(sw.css_ink if ink else sw.css_background)


# every colour comes from the engine's one palette (tifa.engine.palette), as in the reports
SHARED_BACKGROUND = _colour(Role.SHARED)
SHARED_FOREGROUND = _colour(Role.SHARED, ink=True)
SHARED_COLOUR = SHARED_FOREGROUND
NEW_BACKGROUND = _colour(Role.ONLY_HERE)
NEW_FOREGROUND = _colour(Role.ONLY_HERE, ink=True)
INSERTED_BACKGROUND = _colour(Role.INSERTED)
INSERTED_FOREGROUND = _colour(Role.INSERTED, ink=True)
DELETED_BACKGROUND = _colour(Role.DELETED)
DELETED_FOREGROUND = _colour(Role.DELETED, ink=True)
CHANGED_BACKGROUND = _colour(Role.CHANGED)
CHANGED_FOREGROUND = _colour(Role.CHANGED, ink=True)
FORMULATION_COLOUR = _colour(Role.FORMULATION, ink=True)
WARNING_BACKGROUND = _colour(Role.WARNING)
WARNING_FOREGROUND = _colour(Role.WARNING, ink=True)
FOCUS_BACKGROUND = _colour(Role.FOCUS)
FOCUS_FOREGROUND = _colour(Role.FOCUS, ink=True)
NUMBER_COLOUR = _colour(Role.NUMBER, ink=True)
EMPTY_BACKGROUND = _colour(Role.EMPTY)
MOVED_COLOUR = QColor("#8e44ad")
SELECTION_COLOUR = QColor("#2f7de1")
PACKED_LINE = QColor("#9aa6b2")


def _filled(background: QColor, foreground: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(background)
    fmt.setForeground(foreground)
    return fmt


def _formats() -> dict[MarkKind, QTextCharFormat]:
    shared = _filled(SHARED_BACKGROUND, SHARED_FOREGROUND)
    new = _filled(NEW_BACKGROUND, NEW_FOREGROUND)
    inserted = _filled(INSERTED_BACKGROUND, INSERTED_FOREGROUND)
    deleted = _filled(DELETED_BACKGROUND, DELETED_FOREGROUND)
    deleted.setFontStrikeOut(True)  # not by colour alone
    changed = _filled(CHANGED_BACKGROUND, CHANGED_FOREGROUND)
    changed.setFontUnderline(True)
    changed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    changed.setUnderlineColor(CHANGED_FOREGROUND)
    formulation = QTextCharFormat()
    formulation.setFontUnderline(True)
    formulation.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    formulation.setUnderlineColor(FORMULATION_COLOUR)
    formulation.setForeground(FORMULATION_COLOUR)
    warning = _filled(WARNING_BACKGROUND, WARNING_FOREGROUND)
    focus = _filled(FOCUS_BACKGROUND, FOCUS_FOREGROUND)
    number = QTextCharFormat()
    number.setForeground(NUMBER_COLOUR)
    heading = QTextCharFormat()
    heading.setFontWeight(QFont.Weight.Bold)
    return {
        MarkKind.HEADING: heading,
        MarkKind.SHARED: shared,
        MarkKind.NEW: new,
        MarkKind.INSERTED: inserted,
        MarkKind.DELETED: deleted,
        MarkKind.CHANGED: changed,
        MarkKind.FORMULATION: formulation,
        MarkKind.WARNING: warning,
        MarkKind.FOCUS: focus,
        MarkKind.NUMBER: number,
    }


# later kinds win where spans overlap
_ORDER = (MarkKind.HEADING, MarkKind.SHARED, MarkKind.NEW, MarkKind.INSERTED, MarkKind.DELETED,
          MarkKind.CHANGED, MarkKind.FORMULATION, MarkKind.WARNING, MarkKind.FOCUS,
          MarkKind.NUMBER)
CHANGE_KINDS = (MarkKind.INSERTED, MarkKind.DELETED, MarkKind.CHANGED)

FontFor = Callable[[int], QFont]  # comparison document index → font for its text
TooltipFor = Callable[[int, str], str]  # (document, phrase) → formulation tooltip


def highlight_spans(cell: CellText) -> list[tuple[int, int, MarkKind]]:
    """The (start, end, kind) ranges painted with ``kind``'s format, in painting order
    (later ones win where they overlap)."""
    return [(m.start, m.end, kind) for kind in _ORDER for m in cell.marks
            if m.kind is kind and m.start < m.end]


class CellDelegate(QStyledItemDelegate):
    def __init__(self, font_for: FontFor, tooltip_for: TooltipFor, parent: QWidget) -> None:
        super().__init__(parent)
        self._font_for = font_for
        self._tooltip_for = tooltip_for
        self._formats = _formats()
        self._cache: OrderedDict[tuple[int, int], tuple[CellText, QTextDocument]] = OrderedDict()
        self._measurers: dict[str, QTextDocument] = {}
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    def format_for(self, kind: MarkKind) -> QTextCharFormat:
        return self._formats[kind]

    def clear_cache(self) -> None:
        self._cache.clear()

    # -- text documents ------------------------------------------------------------------

    def _new_document(self, font: QFont) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDefaultFont(font)
        doc.setDefaultTextOption(self._option)
        doc.setDocumentMargin(0)
        doc.setUndoRedoEnabled(False)
        return doc

    def text_document(self, cell: CellText, document: int, width: int) -> QTextDocument:
        """The laid-out, highlighted document for ``cell`` at ``width`` pixels (cached)."""
        key = (id(cell), width)
        hit = self._cache.get(key)
        if hit is not None and hit[0] is cell:
            self._cache.move_to_end(key)
            return hit[1]
        doc = self._new_document(self._font_for(document))
        doc.setPlainText(cell.text)
        cursor = QTextCursor(doc)
        length = doc.characterCount() - 1
        for start, end, kind in highlight_spans(cell):
            if 0 <= start < end <= length:
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(self._formats[kind])
        doc.setTextWidth(width)
        self._cache[key] = (cell, doc)
        if len(self._cache) > CACHE_SIZE:
            _, (_, old) = self._cache.popitem(last=False)
            old.deleteLater()
        return doc

    def measure(self, text: str, document: int, width: int) -> int:
        """Height in pixels of ``text`` in ``document``'s font at ``width`` (no highlights)."""
        font = self._font_for(document)
        key = font.key()
        doc = self._measurers.get(key)
        if doc is None:
            doc = self._measurers[key] = self._new_document(font)
        doc.setPlainText(text)
        doc.setTextWidth(width)
        return int(doc.size().height() + 0.999) + 2 * PADDING

    @staticmethod
    def text_width(cell_width: int) -> int:
        return max(40, cell_width - 2 * PADDING - 4)

    @staticmethod
    def text_origin(rect: QRect) -> QPointF:
        """Where a cell's text starts (4 px more on the left, for the moved marker)."""
        return QPointF(rect.left() + PADDING + 4, rect.top() + PADDING)

    @staticmethod
    def gap_markers(cell: CellText, doc: QTextDocument
                    ) -> list[tuple[float, float, float, QColor]]:
        """Thin bars (x, top, height, colour) where the counterpart has words this cell lacks:
        blue where the other document's new words go, orange where the reference's dropped
        words were."""
        out = []
        layout = doc.documentLayout()
        for mark in cell.marks:
            if mark.kind is not MarkKind.GAP:
                continue
            block = doc.findBlock(mark.start)
            line_layout = block.layout()
            if not block.isValid() or line_layout is None:
                continue
            offset = mark.start - block.position()
            line = line_layout.lineForTextPosition(offset)
            if not line.isValid():
                continue
            origin = layout.blockBoundingRect(block).topLeft()
            x = origin.x() + line.cursorToX(offset)[0]
            colour = (DELETED_FOREGROUND if mark.phrase == "deleted"
                      else INSERTED_FOREGROUND)
            out.append((x, origin.y() + line.y(), line.height(), colour))
        return out

    # -- painting ------------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        role = row_role(index)
        if role in HEADER_ROLES:
            paint_header(painter, option, index)
            return
        cell = index.data(CELL_ROLE)
        rect = option.rect
        painter.save()
        try:
            if role is RowRole.UNALIGNED and isinstance(cell, CellText) and not cell.paragraphs:
                paint_unaligned_empty(painter, option)
            elif not isinstance(cell, CellText) or not cell.paragraphs:
                painter.fillRect(rect, EMPTY_BACKGROUND)
                painter.fillRect(rect, QBrush(QColor("#dedede"), Qt.BrushStyle.BDiagPattern))
            else:
                painter.fillRect(rect, QColor("#ffffff"))
                document = int(index.data(DOCUMENT_ROLE))
                doc = self.text_document(cell, document, self.text_width(rect.width()))
                painter.translate(self.text_origin(rect))
                clip = QRectF(0, 0, rect.width() - 2 * PADDING, rect.height() - 2 * PADDING)
                doc.drawContents(painter, clip)
                for x, top, height, colour in self.gap_markers(cell, doc):
                    painter.fillRect(QRectF(x - 1, top, 2, height), colour)
            painter.restore()
            painter.save()
            if index.data(PACKED_ROLE):  # not aligned: a dashed rule instead of a solid one
                painter.setPen(QPen(PACKED_LINE, 1, Qt.PenStyle.DashLine))
                painter.drawLine(rect.left() + 2, rect.top(), rect.right() - 2, rect.top())
            if index.data(MOVED_ROLE):
                painter.fillRect(rect.left(), rect.top(), 4, rect.height(), MOVED_COLOUR)
                painter.setPen(MOVED_COLOUR)
                small = QFont(option.font)
                small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
                painter.setFont(small)
                painter.drawText(
                    rect.adjusted(0, 1, -4, 0),
                    int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                    "↕",
                )
            if option.state & QStyle.StateFlag.State_Selected:
                painter.setPen(QPen(SELECTION_COLOUR, 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
        finally:
            painter.restore()

    # -- tooltips on formulations --------------------------------------------------------

    def position_at(self, index: Index, rect: QRect, point: QPointF) -> int | None:
        """The UTF-16 position in the text of the cell at ``rect`` under ``point``
        (viewport coordinates), or None."""
        cell = index.data(CELL_ROLE)
        if not isinstance(cell, CellText) or not cell.paragraphs:
            return None
        document = int(index.data(DOCUMENT_ROLE))
        doc = self.text_document(cell, document, self.text_width(rect.width()))
        local = point - self.text_origin(rect)
        position = doc.documentLayout().hitTest(local, Qt.HitTestAccuracy.ExactHit)
        return None if position < 0 else position

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        if event is None or event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        rect = option.rect
        position = self.position_at(index, rect, QPointF(event.pos()))
        cell = index.data(CELL_ROLE)
        if position is not None and isinstance(cell, CellText):
            for mark in cell.marks_at(position):
                if mark.kind is MarkKind.FORMULATION:
                    text = self._tooltip_for(int(index.data(DOCUMENT_ROLE)), mark.phrase)
                    QToolTip.showText(event.globalPos(), text, view)
                    return True
            for mark in cell.marks_at(position):
                model = index.model()
                if mark.kind in CHANGE_KINDS and hasattr(model, "change_note"):
                    note = model.change_note(index.row(), index.column(), mark.kind)
                    if note:
                        QToolTip.showText(event.globalPos(), note, view)
                        return True
            for mark in cell.marks_at(position):
                if mark.kind is MarkKind.WARNING:
                    QToolTip.showText(
                        event.globalPos(),
                        self.tr("A character the reader could not decode (corrupted in the "
                                "source file)"),
                        view,
                    )
                    return True
        return super().helpEvent(event, view, option, index)
