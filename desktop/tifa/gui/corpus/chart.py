"""A small bar chart of a ``TimelineModel``: documents per period, one bar a phrase, drawn
with QPainter (Qt Charts is not in PySide6-Essentials). Clicking a period's bars emits
``period_clicked``; ``period_rect`` gives where a period is drawn, so tests click through
the model's periods rather than pixel positions."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QToolTip, QWidget

from tifa.gui import counts
from tifa.gui.corpus.models import TimelineModel
from tifa.gui.localize import period_text
from tifa.gui.plain import tooltip

COLOURS = ("#3b6fb6", "#d9822b", "#3a9e5f", "#b8433f", "#8060b0", "#7a7a7a")
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 12, 26, 42


class TimelineChart(QWidget):
    period_clicked = Signal(str)

    def __init__(self, model: TimelineModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.selected: str | None = None
        self.setMinimumHeight(180)
        self.setMouseTracking(True)
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.selected = None
        self.update()

    def _plot(self) -> QRect:
        return self.rect().adjusted(MARGIN_LEFT, MARGIN_TOP, -MARGIN_RIGHT, -MARGIN_BOTTOM)

    def period_rect(self, row: int) -> QRect:
        """The slot of the period in ``row`` of the model (its bars and label)."""
        plot = self._plot()
        count = max(1, self.model.rowCount())
        width = plot.width() / count
        left = plot.left() + int(row * width)
        return QRect(left, plot.top(), max(1, int((row + 1) * width) - int(row * width)),
                     plot.height() + MARGIN_BOTTOM)

    def period_at(self, x: int, y: int) -> int | None:
        for row in range(self.model.rowCount()):
            if self.period_rect(row).contains(x, y):
                return row
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        row = self.period_at(point.x(), point.y())
        if row is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.selected = self.model.periods[row]
        self.update()
        self.period_clicked.emit(self.selected)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = event.position().toPoint()
        row = self.period_at(point.x(), point.y())
        if row is None:
            QToolTip.hideText()
            return
        lines = [period_text(self.model.periods[row])]
        for n, phrase in enumerate(self.model.phrases):
            lines.append(self.tr("%1: %2, %3")
                         .replace("%1", phrase)
                         .replace("%2", counts.documents(self.model.documents(row, n)))
                         .replace("%3", counts.occurrences(self.model.occurrences(row, n))))
        QToolTip.showText(event.globalPosition().toPoint(), tooltip("\n".join(lines)), self)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        model = self.model
        plot = self._plot()
        text = self.palette().text().color()
        if not model.rowCount():
            painter.setPen(QColor("#777"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No timeline yet: enter phrases and press Show."))
            return
        top = max(1, model.max_documents())
        painter.setPen(QColor("#bbb"))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.setPen(text)
        painter.drawText(QRect(0, plot.top() - 8, MARGIN_LEFT - 6, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(top))
        painter.drawText(QRect(0, plot.bottom() - 8, MARGIN_LEFT - 6, 16),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, "0")
        phrases = len(model.phrases)
        labels = [period_text(p) for p in model.periods]  # 2021年11月 in Chinese
        widest = max(painter.fontMetrics().horizontalAdvance(t) for t in labels) + 12
        label_every = max(1, int(widest / max(1.0, plot.width() / model.rowCount())) + 1)
        for row in range(model.rowCount()):
            slot = self.period_rect(row)
            if model.periods[row] == self.selected:
                painter.fillRect(QRect(slot.left(), plot.top(), slot.width(), plot.height()),
                                 QColor(255, 220, 120, 90))
            inner = slot.adjusted(max(1, slot.width() // 8), 0, -max(1, slot.width() // 8), 0)
            bar_width = inner.width() / max(1, phrases)
            for n in range(phrases):
                docs = model.documents(row, n)
                if not docs:
                    continue
                height = plot.height() * docs / top
                painter.fillRect(QRectF(inner.left() + n * bar_width, plot.bottom() - height,
                                        max(1.0, bar_width - 1), height),
                                 QColor(COLOURS[n % len(COLOURS)]))
            if row % label_every == 0:
                painter.setPen(text)
                painter.drawText(QRect(slot.center().x() - widest // 2, plot.bottom() + 4,
                                       widest, 18), Qt.AlignmentFlag.AlignHCenter, labels[row])
        x = plot.left()
        for n, phrase in enumerate(model.phrases):
            painter.fillRect(QRect(x, 6, 12, 12), QColor(COLOURS[n % len(COLOURS)]))
            painter.setPen(text)
            width = painter.fontMetrics().horizontalAdvance(phrase)
            painter.drawText(QRect(x + 16, 2, width + 4, 20), Qt.AlignmentFlag.AlignVCenter,
                             phrase)
            x += width + 36
        painter.setPen(QColor("#777"))
        painter.drawText(QRect(plot.left(), plot.bottom() + 22, plot.width(), 18),
                         Qt.AlignmentFlag.AlignRight, self.tr("documents per period"))

    def index_of(self, period: str) -> QModelIndex:
        row = self.model.periods.index(period)
        return self.model.index(row, 0)
