"""A paragraph-by-paragraph dot plot of one pair of documents.

Each dot is a pair of paragraphs whose similarity (from the engine's ``paragraph_matrix``)
reaches the floor; darker is more similar. Paragraphs the engine linked are ringed, so a
diagonal run reads as text carried over, and dots off it as moved or echoed passages.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from tifa.engine.compare.model import ParagraphLink

FLOOR = 0.2  # below this a pair of paragraphs is not drawn
MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM = 44, 30, 12, 12


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
            QRectF(rect.left(), 4, rect.width(), MARGIN_TOP - 6),
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
