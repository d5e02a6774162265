"""The formulations table with its search box and status filter; a double click asks the
window to show the formulation's occurrences side by side."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tifa.engine.compare.model import Comparison, Formulation, FormulationStatus
from tifa.gui.labels import status_label
from tifa.gui.models.formulations import FormulationFilter, FormulationModel
from tifa.gui.plain import plain_label, tooltip

STATUS_CHOICES: tuple[FormulationStatus | None, ...] = (
    None,
    FormulationStatus.SHARED,
    FormulationStatus.NEW,
    FormulationStatus.DROPPED,
    FormulationStatus.VARIANT,
)


class FormulationsPanel(QWidget):
    occurrences_requested = Signal(object)  # Formulation

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FormulationModel(self)
        self.proxy = FormulationFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.status = QComboBox(self)
        self.status.currentIndexChanged.connect(self._status_chosen)
        self.pair_label = plain_label(QLabel(self))  # document titles
        self.pair_label.setWordWrap(True)
        self.count_label = QLabel(self)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(FormulationModel.TOTAL, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # left-aligned: a title too long for its column is cut on the right ("10. 北京…"),
        # never on the left, where the number is
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setAcceptDrops(False)

        top = QHBoxLayout()
        self.search_label = QLabel(self)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 2)
        self.status_label = QLabel(self)
        top.addWidget(self.status_label)
        top.addWidget(self.status)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.pair_label)
        layout.addWidget(self.table, 1)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.search_label.setText(self.tr("Search:"))
        self.search.setPlaceholderText(self.tr("phrase, variant, category or gloss"))
        self.status_label.setText(self.tr("Status:"))
        current = max(0, self.status.currentIndex())
        self.status.blockSignals(True)
        self.status.clear()
        for choice in STATUS_CHOICES:
            self.status.addItem(self.tr("all") if choice is None else status_label(choice))
        self.status.setCurrentIndex(current)
        self.status.blockSignals(False)
        self._update_pair_label()
        self._update_count()
        self.table.viewport().update()  # statuses and categories are words too
        if self.model.columnCount():
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_comparison(
        self, comparison: Comparison | None, columns: tuple[int, ...],
        pair: tuple[int, int] | None,
    ) -> None:
        self.model.set_comparison(comparison, columns, pair)
        self._set_column_widths()
        self._update_pair_label()
        self._update_count()

    def _set_column_widths(self) -> None:
        """Fixed widths: sizing to contents asks every cell of hundreds of rows × 35 columns
        for its size (two seconds of frozen window for 31 documents)."""
        model = self.model
        n = model.columnCount()
        if n == 0:
            return
        em = self.table.fontMetrics().horizontalAdvance("国")
        widths = {model.PHRASE: 15 * em, model.CATEGORY: 6 * em, model.STATUS: 5 * em,
                  model.TOTAL: 4 * em}
        after = model.FIXED_BEFORE + len(model.columns)
        for column in range(model.FIXED_BEFORE, after):
            widths[column] = 6 * em
        widths[after] = 14 * em  # variants
        widths[after + 1] = 5 * em  # first year
        for column, width in widths.items():
            if column < n:
                self.table.setColumnWidth(column, width)

    def set_pair(self, pair: tuple[int, int] | None) -> None:
        self.model.set_pair(pair)
        # the model says its status column changed: a proxy sorted by status re-sorts on
        # its own; only a status filter needs the rows filtered again (not a full
        # invalidate, which re-sorts every row: a pause with hundreds of documents)
        self.proxy.refilter_statuses()
        self._update_pair_label()
        self._update_count()

    def _update_pair_label(self) -> None:
        comparison = self.model.comparison
        pair = self.model.pair
        if comparison is None or pair is None:
            self.pair_label.setText("")
            return
        a, b = (self.model.label(i) for i in pair)
        self.pair_label.setText(
            self.tr("Status from %s to %s (choose another pair in the similarity view)")
            % (a, b)
        )
        self.pair_label.setToolTip(tooltip("\n".join(
            f"{self.model.label(i)}: {comparison.documents[i].title} "
            f"({comparison.documents[i].name})" for i in pair)))

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%d of %d") % (self.proxy.rowCount(), self.model.rowCount())
        )

    def _status_chosen(self, index: int) -> None:
        choice = STATUS_CHOICES[index] if 0 <= index < len(STATUS_CHOICES) else None
        self.proxy.set_statuses(None if choice is None else frozenset({choice}))
        self._update_count()

    def formulation_at(self, proxy_row: int) -> Formulation:
        source = self.proxy.mapToSource(self.proxy.index(proxy_row, 0))
        return self.model.formulation(source.row())

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.occurrences_requested.emit(self.formulation_at(index.row()))
