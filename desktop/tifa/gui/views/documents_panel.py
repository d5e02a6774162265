"""The open documents with the buttons that change the set: add, remove, reorder, pivot."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from tifa.gui.localize import date_text
from tifa.gui.models.documents import DocumentListModel
from tifa.gui.session import Session


class DocumentsPanel(QWidget):
    add_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.model = DocumentListModel(session)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # rows are dragged to reorder the columns; files dropped here still reach the
        # window (the model takes only its own row MIME type, so the view ignores them)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # fixed sizes: sizing to contents asks the model about every cell on each layout, and
        # each of those Python calls waits for the GIL while a comparison runs (31 documents:
        # a second of frozen window right after reading)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.doubleClicked.connect(lambda index: self._pivot())

        self.title = QLabel(self)
        self.add_button = self._button(self.add_requested.emit)
        self.remove_button = self._button(self._remove)
        self.up_button = self._button(lambda: self._move(-1))
        self.down_button = self._button(lambda: self._move(1))
        self.pivot_button = self._button(self._pivot)
        self.auto_pivot_button = self._button(lambda: session.set_pivot(None))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button,
                  self.pivot_button, self.auto_pivot_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.model.modelReset.connect(self._after_reset)
        self.model.row_moved.connect(self.select_row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._selected_path = None
        self._widths_set = False
        self.retranslate_ui()
        self._update_buttons()

    def _button(self, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(slot)
        return button

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Documents"))
        self.add_button.setText(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("Open more documents (or drop files on the window)"))
        self.remove_button.setText(self.tr("Remove"))
        self.up_button.setText("↑")
        self.up_button.setToolTip(self.tr("Move up (column order; or drag the row)"))
        self.down_button.setText("↓")
        self.down_button.setToolTip(self.tr("Move down (column order; or drag the row)"))
        self.pivot_button.setText(self.tr("Pivot"))
        self.pivot_button.setToolTip(self.tr("Align the others to the selected document"))
        self.auto_pivot_button.setText(self.tr("Auto"))
        self.auto_pivot_button.setToolTip(self.tr("Let Tifa pick the most central document"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def selected_row(self) -> int | None:
        """The one selected row (None when none, or several, are selected)."""
        rows = self.selected_rows()
        return rows[0] if len(rows) == 1 else None

    def selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)

    def _remove(self) -> None:
        rows = self.selected_rows()
        if rows:
            self._session.remove_many(rows)
            self.select_row(min(rows[0], self.model.rowCount() - 1))

    def _move(self, delta: int) -> None:
        row = self.selected_row()
        if row is not None:
            self._session.move(row, delta)
            self.select_row(row + delta)

    def _pivot(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._session.set_pivot(row)
            self.select_row(row)

    def _after_reset(self) -> None:
        if not self._widths_set and self.model.rowCount():
            self._set_column_widths()
        self._update_buttons()

    def _set_column_widths(self) -> None:
        """Widths from the font, once: the title narrow enough that date and source show in
        the default panel width (the rest scrolls; tooltips give the full title)."""
        em = self.fontMetrics().horizontalAdvance("国")
        digit = self.fontMetrics().horizontalAdvance("0")
        # the longest date as the UI language writes it (2022年12月28日 in Chinese), in the
        # table's font, with the cell's margins
        longest = date_text(dt.date(2022, 12, 28))
        date = self.table.fontMetrics().horizontalAdvance(longest) + 2 * digit
        widths = {DocumentListModel.TITLE: 10 * em + 24, DocumentListModel.DATE: date,
                  DocumentListModel.SOURCE: 6 * em, DocumentListModel.SCRIPT: 6 * em,
                  DocumentListModel.ENCODING: 6 * em, DocumentListModel.PARAGRAPHS: 5 * em,
                  DocumentListModel.WARNINGS: 5 * em}
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        self._widths_set = True


    def _update_buttons(self) -> None:
        row = self.selected_row()
        n = self.model.rowCount()
        self.remove_button.setEnabled(bool(self.selected_rows()))
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < n - 1)
        self.pivot_button.setEnabled(row is not None)
        self.auto_pivot_button.setEnabled(self._session.pivot_path is not None)
