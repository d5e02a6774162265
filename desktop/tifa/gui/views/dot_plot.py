"""A paragraph-by-paragraph dot plot of one pair of documents.

Each dot is a pair of paragraphs whose similarity (from the engine's ``paragraph_matrix``)
reaches the floor; darker is more similar. Paragraphs the engine linked are ringed, so a
diagonal run reads as text carried over, and dots off it as moved or echoed passages.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tifa.engine.compare.model import ParagraphLink

FLOOR = 0.2  # below this a pair of paragraphs is not drawn
MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM = 56, 46, 12, 12


class DotPlot(QWidget):
    paragraphs_clicked = Signal(int, int)  # paragraph of a, paragraph of b

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix: npt.NDArray[np.float32] | None = None
        self._linked: set[tuple[int, int]] = set()
        self._labels = ("", "")
        self._message = ""
        self.setMouseTracking(True)
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def set_message(self, text: str) -> None:
        self._matrix = None
        self._message = text
        self.update()

    def set_data(
        self,
        matrix: npt.NDArray[np.float32],
        links: tuple[ParagraphLink, ...],
        labels: tuple[str, str],
    ) -> None:
        """``matrix[i, j]``: paragraph i of the first document against j of the second;
        ``links`` oriented the same way."""
        self._matrix = np.asarray(matrix, dtype=np.float32)
        self._linked = {(i, j) for link in links for i in link.a for j in link.b}
        self._labels = labels
        self._message = ""
        self.update()

    @property
    def matrix(self) -> npt.NDArray[np.float32] | None:
        return self._matrix

    def _plot_rect(self) -> QRectF:
        return QRectF(
            MARGIN_LEFT,
            MARGIN_TOP,
            max(1, self.width() - MARGIN_LEFT - MARGIN_RIGHT),
            max(1, self.height() - MARGIN_TOP - MARGIN_BOTTOM),
        )

    def _cell(self) -> tuple[float, float]:
        assert self._matrix is not None
        rows, cols = self._matrix.shape
        rect = self._plot_rect()
        return rect.width() / max(1, rows), rect.height() / max(1, cols)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self._matrix is None or self._matrix.size == 0:
            painter.setPen(QColor("#777777"))
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self._message)
            return
        rect = self._plot_rect()
        rows, cols = self._matrix.shape
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        painter.drawRect(rect)
        # the diagonal a verbatim copy would follow
        painter.setPen(QPen(QColor("#eeeeee"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(rect.topLeft(), rect.bottomRight())
        w, h = self._cell()
        size = max(2.0, min(w, h) * 0.9)
        painter.setPen(Qt.PenStyle.NoPen)
        for i, j in zip(*np.nonzero(self._matrix >= FLOOR), strict=True):
            value = float(self._matrix[i, j])
            colour = QColor("#08306b")
            colour.setAlphaF(min(1.0, 0.15 + 0.85 * value))
            painter.setBrush(colour)
            x = rect.left() + (i + 0.5) * w - size / 2
            y = rect.top() + (j + 0.5) * h - size / 2
            painter.drawEllipse(QRectF(x, y, size, size))
        self._draw_ticks(painter, rect, rows, cols)
        if not np.any(self._matrix >= FLOOR):
            painter.setPen(QColor("#777777"))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                             self.tr("No two paragraphs of this pair are even %.2f similar")
                             % FLOOR)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor("#e4572e"), 1.5))
        ring = size + 3
        for i, j in self._linked:
            if i < rows and j < cols:
                x = rect.left() + (i + 0.5) * w - ring / 2
                y = rect.top() + (j + 0.5) * h - ring / 2
                painter.drawEllipse(QRectF(x, y, ring, ring))
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(rect.left(), 2, rect.width(), 20),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"→ {self._labels[0]}  (1–{rows})",
        )
        painter.save()
        painter.translate(14, rect.top())
        painter.rotate(90)
        painter.drawText(
            QRectF(0, -12, rect.height(), 24),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"→ {self._labels[1]}  (1–{cols})",
        )
        painter.restore()

    def _draw_ticks(self, painter: QPainter, rect: QRectF, rows: int, cols: int) -> None:
        """Paragraph numbers along both axes, every 1, 2, 5, 10… paragraphs (≥ 24 px
        apart), so a dot can be read without hovering."""
        w, h = self._cell()
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.8))
        painter.setFont(small)
        painter.setPen(QColor("#888888"))
        for count, size, across in ((rows, w, True), (cols, h, False)):
            step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9)
                        if s * size >= 24)
            first = (1,) if step >= 5 else ()  # 1 too, when it does not crowd the next
            for n in (*first, *range(step, count + 1, step)):
                centre = (n - 0.5) * size
                if across:
                    x = rect.left() + centre
                    painter.drawLine(QPointF(x, rect.top() - 3), QPointF(x, rect.top()))
                    painter.drawText(QRectF(x - 20, rect.top() - 16, 40, 12),
                                     int(Qt.AlignmentFlag.AlignCenter), str(n))
                else:
                    y = rect.top() + centre
                    painter.drawLine(QPointF(rect.left() - 3, y), QPointF(rect.left(), y))
                    painter.drawText(QRectF(rect.left() - 26, y - 6, 22, 12),
                                     int(Qt.AlignmentFlag.AlignRight
                                         | Qt.AlignmentFlag.AlignVCenter), str(n))
        painter.setFont(self.font())

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        if self._matrix is None or self._matrix.size == 0:
            return None
        rect = self._plot_rect()
        if not rect.contains(point.toPointF()):
            return None
        w, h = self._cell()
        rows, cols = self._matrix.shape
        i = min(rows - 1, int((point.x() - rect.left()) / w))
        j = min(cols - 1, int((point.y() - rect.top()) / h))
        return i, j

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None or self._matrix is None:
                QToolTip.hideText()
                return True
            i, j = cell
            text = self.tr("paragraph %d ↔ paragraph %d: %.2f") % (
                i + 1, j + 1, float(self._matrix[i, j])
            )
            if (i, j) in self._linked:
                text += "\n" + self.tr("linked by the alignment")
            QToolTip.showText(event.globalPos(), text, self)
            return True
        return super().event(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.paragraphs_clicked.emit(*cell)
        super().mouseReleaseEvent(event)
