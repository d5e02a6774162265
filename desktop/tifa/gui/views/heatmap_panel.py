"""The similarity heatmap (documents × documents, clustering order) beside the dot plot of
the pair last clicked."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tifa.engine.compare.model import Comparison, ParagraphLink
from tifa.gui.labels import document_label
from tifa.gui.models.similarity import SimilarityModel
from tifa.gui.views.dot_plot import DotPlot

CELL_WIDTH = 64
CELL_HEIGHT = 40


class HeatCellDelegate(QStyledItemDelegate):
    """Paints the cell's own colour even when selected (a ring marks the selection), so the
    chosen pair keeps its value's colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        painter.save()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush):
            painter.fillRect(rect, background)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QBrush):
            painter.setPen(foreground.color())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter),
                         str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor("#e4572e"), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class HeatmapPanel(QWidget):
    pair_clicked = Signal(int, int)  # comparison document indices
    pair_opened = Signal(int, int)  # double click: show the pair side by side
    paragraphs_clicked = Signal(int, int, int, int)  # doc a, paragraph, doc b, paragraph

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SimilarityModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAcceptDrops(False)
        self.table.setItemDelegate(HeatCellDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(CELL_HEIGHT)
        self.table.setShowGrid(False)
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(self._double_clicked)

        self.metric_box = QComboBox(self)
        self.metric_box.currentIndexChanged.connect(self.model.set_metric)
        self.metric_label = QLabel(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#666")
        self.pair_title = QLabel(self)
        self.pair_title.setWordWrap(True)
        self.dot_plot = DotPlot(self)
        self.dot_plot.paragraphs_clicked.connect(self._dot_clicked)
        self._pair: tuple[int, int] | None = None

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.metric_label)
        row.addWidget(self.metric_box, 1)
        left_layout.addLayout(row)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.hint)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.pair_title)
        right_layout.addWidget(self.dot_plot, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.metric_label.setText(self.tr("Metric:"))
        self.hint.setText(self.tr("Rows and columns in clustering order. Click a cell for the "
                                  "paragraph dot plot of that pair; double-click to read the "
                                  "pair side by side."))
        if self.dot_plot.matrix is None:
            self.dot_plot.set_message(self.tr("Click a cell of the heatmap"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_comparison(self, comparison: Comparison | None) -> None:
        self.model.set_comparison(comparison)
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        self.metric_box.addItems(self.model.metrics())
        self.metric_box.blockSignals(False)
        self._pair = None
        self.dot_plot.set_message(self.tr("Click a cell of the heatmap"))
        self._update_title()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            a, b = self.model.documents_at(index.row(), index.column())
            if a != b:
                self.pair_clicked.emit(a, b)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            a, b = self.model.documents_at(index.row(), index.column())
            if a != b:
                self.pair_opened.emit(a, b)

    def click_cell(self, a: int, b: int) -> None:
        """Select the cell of documents ``a`` and ``b`` as a click would."""
        index = self.model.index(self.model.position_of(a), self.model.position_of(b))
        self.table.setCurrentIndex(index)
        self._clicked(index)

    def set_pair(self, pair: tuple[int, int] | None) -> None:
        self._pair = pair
        self._update_title()
        if pair is not None and self.model.rowCount():
            index = self.model.index(self.model.position_of(pair[0]),
                                     self.model.position_of(pair[1]))
            if self.table.currentIndex() != index:
                self.table.setCurrentIndex(index)
        if pair is None:
            self.dot_plot.set_message(self.tr("Click a cell of the heatmap"))
        else:
            self.dot_plot.set_message(self.tr("Computing…"))

    def _update_title(self) -> None:
        comparison = self.model.comparison
        if comparison is None or self._pair is None:
            self.pair_title.setText("")
            return
        a, b = (comparison.documents[i] for i in self._pair)
        self.pair_title.setText(
            self.tr("Paragraphs of “%s” (across) against “%s” (down); ringed: linked")
            % (a.title or a.name, b.title or b.name)
        )

    def show_matrix(self, a: int, b: int, matrix: npt.NDArray[np.float32],
                    links: tuple[ParagraphLink, ...]) -> None:
        if self._pair != (a, b):
            return
        comparison = self.model.comparison
        assert comparison is not None
        labels = tuple(
            document_label(comparison.documents[i].title, comparison.documents[i].name, limit=20)
            for i in (a, b)
        )
        self.dot_plot.set_data(matrix, links, (labels[0], labels[1]))

    def _dot_clicked(self, i: int, j: int) -> None:
        if self._pair is not None:
            self.paragraphs_clicked.emit(self._pair[0], i, self._pair[1], j)
