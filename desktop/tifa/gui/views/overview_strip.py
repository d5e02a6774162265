"""A narrow strip beside the side-by-side table's scroll bar: where the changes (amber) and
the shared passages (green) are in the whole table, and the part on screen; a click goes
there."""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QWidget

from tifa.gui.views.side_by_side import SideBySideView

CHANGE_COLOUR = QColor("#d98b00")
SHARED_COLOUR = QColor("#2e8b57")
VISIBLE_COLOUR = QColor(0, 0, 0, 28)
WIDTH = 12


class OverviewStrip(QWidget):
    def __init__(self, view: SideBySideView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setFixedWidth(WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._changes: list[int] = []
        self._shared: list[int] = []
        # the marks, drawn once for the rows' current heights (a thousand marks redrawn at
        # every scroll step made scrolling stutter); the part on screen is drawn over them
        self._marks: QPixmap | None = None
        self._stale = True  # the rows to mark are worked out when first painted or asked
        model = view.alignment
        model.modelReset.connect(self.refresh)
        view.verticalHeader().sectionResized.connect(lambda *_: self._marks_changed())
        view.verticalScrollBar().valueChanged.connect(lambda _: self.update())
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, 100)

    def refresh(self) -> None:
        """The table changed: its rows to mark are found again when next painted (300
        columns: a model reset then does not also walk every row and column)."""
        self._stale = True
        self._marks = None
        self.setToolTip(self.tr("Where the changes (amber) and the shared passages (green) "
                                "are: click to go there"))
        self.update()

    def _rows_to_mark(self) -> None:
        if self._stale:
            self._stale = False
            self._changes, self._shared = self.view.alignment.overview_rows()

    def marks(self) -> dict[str, list[int]]:
        """The rows marked, by kind (for tests: model rows, not pixels)."""
        self._rows_to_mark()
        return {"changes": list(self._changes), "shared": list(self._shared)}

    # -- geometry: table content position <-> strip position -----------------------------

    def _length(self) -> int:
        return max(1, self.view.verticalHeader().length(), self.view.viewport().height())

    def row_at(self, fraction: float) -> int:
        """The row at ``fraction`` (0..1) of the whole table's height."""
        rows = self.view.alignment.rowCount()
        if rows == 0:
            return -1
        header = self.view.verticalHeader()
        starts = [header.sectionPosition(r) for r in range(rows)]
        return max(0, min(rows - 1, bisect_right(starts, fraction * self._length()) - 1))

    # -- painting and clicks -------------------------------------------------------------

    def _marks_changed(self) -> None:
        self._marks = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._marks = None
        super().resizeEvent(event)

    def _draw_marks(self) -> QPixmap:
        self._rows_to_mark()
        pixmap = QPixmap(self.size())
        pixmap.fill(QColor("#f4f5f7"))
        painter = QPainter(pixmap)
        height = self.height()
        length = self._length()
        header = self.view.verticalHeader()
        for rows, colour, x in ((self._shared, SHARED_COLOUR, 1), (self._changes,
                                                                   CHANGE_COLOUR, 5)):
            for row in rows:
                if row >= self.view.alignment.rowCount():
                    continue
                y = header.sectionPosition(row) / length * height
                h = max(2.0, header.sectionSize(row) / length * height)
                painter.fillRect(x, int(y), WIDTH - x - 1 if x == 5 else 4, int(h), colour)
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._marks is None or self._marks.size() != self.size():
            self._marks = self._draw_marks()
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._marks)
        length = self._length()
        height = self.height()
        top = self.view.verticalHeader().offset() / length * height
        visible = self.view.viewport().height() / length * height
        painter.fillRect(0, int(top), WIDTH, max(4, int(visible)), VISIBLE_COLOUR)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.height() > 0:
            row = self.row_at(event.position().y() / self.height())
            if row >= 0:
                self.view.go_to(row, max(0, self.view.currentIndex().column()))
                self.view.scrollTo(self.view.alignment.index(row, 0),
                                   self.view.ScrollHint.PositionAtTop)
        super().mousePressEvent(event)
