"""The similarity heatmap (documents × documents, clustering order) beside the dot plot of
the pair last clicked.

At hundreds of documents the cells are a few pixels wide: the table then paints the visible
part of the model's image in one call instead of asking every cell for its colour, and a
filter (name, similarity threshold) narrows it to the documents wanted, which can then be
read side by side."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QLinearGradient, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
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
from tifa.gui.localize import metric_label, metric_tooltip
from tifa.gui.models.similarity import SimilarityModel, heat_colour
from tifa.gui.plain import plain_label
from tifa.gui.views.dot_plot import DotPlot

CELL_WIDTH = 64
CELL_HEIGHT = 40
MIN_CELL = 8  # many documents: cells shrink to show the whole matrix (45 at 1024x700), down to this
NUMBER_CELL = 14  # smaller cells: no numbers in the headers (they would overlap)
VALUE_CELL = 38  # cells at least this wide still show their value


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


class HeatTable(QTableView):
    """The heatmap's table. When the cells are too small for values it paints the visible
    cells from the model's image (one scaled draw, whatever the number of documents) and the
    selection ring on top; larger cells go through the delegate as usual."""

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if not isinstance(model, SimilarityModel) or not model.compact or model.show_values:
            super().paintEvent(event)
            return
        n = model.rowCount()
        viewport = self.viewport()
        painter = QPainter(viewport)
        painter.fillRect(event.rect(), self.palette().base())
        if n:
            width, height = viewport.width(), viewport.height()
            first_column, first_row = max(0, self.columnAt(0)), max(0, self.rowAt(0))
            last_column = self.columnAt(width - 1)
            last_row = self.rowAt(height - 1)
            last_column = n - 1 if last_column < 0 else last_column
            last_row = n - 1 if last_row < 0 else last_row
            left = self.columnViewportPosition(first_column)
            top = self.rowViewportPosition(first_row)
            right = self.columnViewportPosition(last_column) + self.columnWidth(last_column)
            bottom = self.rowViewportPosition(last_row) + self.rowHeight(last_row)
            source = QRect(first_column, first_row, last_column - first_column + 1,
                           last_row - first_row + 1)
            painter.drawImage(QRect(left, top, right - left, bottom - top), model.image(),
                              source)
            current = self.currentIndex()
            if current.isValid() and self.selectionModel().isSelected(current):
                painter.setPen(QPen(QColor("#e4572e"), 2))
                painter.drawRect(self.visualRect(current).adjusted(0, 0, -1, -1))
        painter.end()


class ScaleBar(QWidget):
    """The heatmap's key: the palette from light to dark with the values it stands for (the
    colours are stretched over the off-diagonal values, so the ends are not 0 and 1)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._range = (0.0, 1.0)
        self.setFixedHeight(self.fontMetrics().height() + 14)

    def set_range(self, low: float, high: float) -> None:
        self._range = (low, high)
        self.setToolTip(self.tr("Colours stretched from %.2f (lightest) to %.2f (darkest); "
                                "the diagonal (a document with itself) is grey") % (low, high))
        self.update()

    @property
    def range(self) -> tuple[float, float]:
        return self._range

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        low, high = (f"{v:.2f}" for v in self._range)
        left = metrics.horizontalAdvance(low) + 8
        right = self.width() - metrics.horizontalAdvance(high) - 8
        width = max(40, min(right - left, 260))
        bar_top, bar_height = 4, self.height() - 8
        gradient = QLinearGradient(left, 0, left + width, 0)
        for i in range(9):
            gradient.setColorAt(i / 8, heat_colour(i / 8))
        painter.fillRect(left, bar_top, width, bar_height, gradient)
        painter.setPen(QColor("#999999"))
        painter.drawRect(left, bar_top, width, bar_height)
        painter.setPen(self.palette().windowText().color())
        baseline = bar_top + (bar_height + metrics.ascent() - metrics.descent()) // 2
        painter.drawText(2, baseline, low)
        painter.drawText(left + width + 6, baseline, high)


class HeatmapPanel(QWidget):
    pair_clicked = Signal(int, int)  # comparison document indices
    pair_opened = Signal(int, int)  # double click: show the pair side by side
    paragraphs_clicked = Signal(int, int, int, int)  # doc a, paragraph, doc b, paragraph
    subset_opened = Signal(tuple)  # the documents shown (filtered): read them side by side

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = SimilarityModel(self)
        self.table = HeatTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAcceptDrops(False)
        self.table.setItemDelegate(HeatCellDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(CELL_WIDTH)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(CELL_HEIGHT)
        for header in (self.table.horizontalHeader(), self.table.verticalHeader()):
            header.setMinimumSectionSize(MIN_CELL)
        self.table.setShowGrid(False)
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(self._double_clicked)

        self.metric_box = QComboBox(self)
        self.metric_box.currentIndexChanged.connect(self._metric_chosen)
        self.scale = ScaleBar(self)
        self.relative_box = QCheckBox(self)
        self.relative_box.toggled.connect(self._relative_toggled)
        self.metric_label = QLabel(self)
        self.filter_box = QLineEdit(self)
        self.filter_box.setClearButtonEnabled(True)
        self.threshold_label = QLabel(self)
        self.threshold_box = QDoubleSpinBox(self)
        self.threshold_box.setRange(0.0, 1.0)
        self.threshold_box.setSingleStep(0.05)
        self.threshold_box.setDecimals(2)
        self.count_label = QLabel(self)
        self.subset_button = QPushButton(self)
        self.subset_button.clicked.connect(
            lambda: self.subset_opened.emit(self.model.shown_documents))
        # typing filters after a short pause, not on every key
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_box.textChanged.connect(lambda _: self._filter_timer.start())
        self.threshold_box.valueChanged.connect(lambda _: self._filter_timer.start())
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#666")
        self.pair_title = plain_label(QLabel(self))  # document titles
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
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter_box, 2)
        filter_row.addWidget(self.threshold_label)
        filter_row.addWidget(self.threshold_box)
        filter_row.addWidget(self.count_label)
        filter_row.addWidget(self.subset_button)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.table, 1)
        scale_row = QHBoxLayout()
        scale_row.addWidget(self.scale, 1)
        scale_row.addWidget(self.relative_box)
        left_layout.addLayout(scale_row)
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
        self.relative_box.setText(self.tr("Relative scale"))
        self.relative_box.setToolTip(self.tr(
            "Off: colours on the absolute scale, 0 (nothing shared, white) to 1 (the same "
            "text, dark blue). On: colours stretched from the lowest to the highest value "
            "shown, to tell close scores apart (the key gives the values)."))
        self.hint.setText(self.tr("Rows and columns in clustering order. Click a cell for the "
                                  "paragraph dot plot of that pair; double-click to read the "
                                  "pair side by side."))
        self.filter_box.setPlaceholderText(self.tr("Filter documents by name or number"))
        self.threshold_label.setText(self.tr("Similarity ≥"))
        self.threshold_box.setToolTip(self.tr(
            "Show only documents with at least one other document shown at least this "
            "similar (the metric chosen); 0 shows all"))
        self.subset_button.setText(self.tr("Side by side"))
        self.subset_button.setToolTip(self.tr(
            "Read the documents shown here side by side (narrow them with the filter)"))
        self._update_count()
        if self.dot_plot.matrix is None:
            self.dot_plot.set_message(self.tr("Click a cell of the heatmap"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fit_cells(self) -> None:
        """Up to a dozen documents: roomy cells with values and titled rows. More: square
        cells as large as fit the panel, values only where they fit (tooltips have them)."""
        n = self.model.rowCount()
        horizontal = self.table.horizontalHeader()
        vertical = self.table.verticalHeader()
        if not self.model.compact:
            self.model.show_values = True
            self.model.show_numbers = True
            horizontal.setDefaultSectionSize(CELL_WIDTH)
            vertical.setDefaultSectionSize(CELL_HEIGHT)
            self.table.setFont(self.font())
            return
        viewport = self.table.viewport().size()
        room = min(viewport.width() + (vertical.width() if vertical.isVisible() else 0)
                   - vertical.sizeHint().width(), viewport.height())
        size = max(MIN_CELL, min(CELL_WIDTH, room // max(1, n)))
        show = size >= VALUE_CELL
        if show != self.model.show_values:
            self.model.show_values = show
            self.table.viewport().update()
        numbers = size >= NUMBER_CELL
        if numbers != self.model.show_numbers and n:
            self.model.show_numbers = numbers
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, n - 1)
            self.model.headerDataChanged.emit(Qt.Orientation.Vertical, 0, n - 1)
        horizontal.setDefaultSectionSize(size)
        vertical.setDefaultSectionSize(size)
        font = self.table.font()
        font.setPointSizeF(max(6.5, min(9.0, size / 5)))
        self.table.setFont(font)

    def apply_filter(self) -> None:
        """Narrow the heatmap to the documents the filter box and the threshold let through."""
        self._filter_timer.stop()
        self.model.set_filter(self.filter_box.text(), self.threshold_box.value())
        self._fit_cells()
        self._update_count()
        self._select_pair_cell()

    def _select_pair_cell(self) -> None:
        pair = self._pair
        if pair is not None and self.model.rowCount():
            index = self.model.index(self.model.position_of(pair[0]),
                                     self.model.position_of(pair[1]))
            if index.isValid() and self.table.currentIndex() != index:
                self.table.setCurrentIndex(index)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        self.count_label.setText(self.tr("%d of %d") % (shown, total) if total else "")
        self.subset_button.setEnabled(1 < shown < total)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_cells()

    def show_comparison(self, comparison: Comparison | None) -> None:
        self.model.set_comparison(comparison)
        self._filter_timer.stop()
        for box in (self.filter_box, self.threshold_box):
            box.blockSignals(True)
        self.filter_box.clear()
        self.threshold_box.setValue(0.0)
        for box in (self.filter_box, self.threshold_box):
            box.blockSignals(False)
        self._update_count()
        self._fit_cells()
        self.metric_box.blockSignals(True)
        self.metric_box.clear()
        for i, metric in enumerate(self.model.metrics()):
            self.metric_box.addItem(metric_label(metric), metric)
            self.metric_box.setItemData(i, metric_tooltip(metric), Qt.ItemDataRole.ToolTipRole)
        self.metric_box.blockSignals(False)
        self.metric_box.setToolTip(str(self.metric_box.itemData(
            0, Qt.ItemDataRole.ToolTipRole) or ""))
        self.scale.set_range(*self.model.scale_range)
        self._pair = None
        self.dot_plot.set_message(self.tr("Click a cell of the heatmap"))
        self._update_title()

    def _relative_toggled(self, relative: bool) -> None:
        self.model.set_relative(relative)
        self.scale.set_range(*self.model.scale_range)

    def _metric_chosen(self, index: int) -> None:
        self.metric_box.setToolTip(str(self.metric_box.itemData(
            index, Qt.ItemDataRole.ToolTipRole) or ""))
        self.model.set_metric(index)
        self.scale.set_range(*self.model.scale_range)
        if self.model.filter[1] > 0:  # the threshold now reads another metric
            self._fit_cells()
            self._update_count()

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
        self._select_pair_cell()
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
