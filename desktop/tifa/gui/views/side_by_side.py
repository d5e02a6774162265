"""The documents side by side: a table whose rows are the engine's alignment rows.

A table keeps the columns in step for free (one vertical scroll bar). Rows are as tall as
their tallest cell; heights are measured in small time-boxed batches on the GUI thread,
visible rows first, so the window stays responsive while 31 columns × hundreds of rows are
measured, and the scroll bar settles as batches land.

Word diffs (the "changes" colours) are computed on a worker (``tifa.gui.diffing``): after each
scroll, resize or new content the view wants those of the rows on screen, then a screenful
below and above, in the visible columns and one either side; cells show plain until theirs
arrive.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from tifa.engine.compare.lookup import Change
from tifa.engine.compare.model import Occurrence
from tifa.engine.compare.rowlayout import RowFilter, RowRole
from tifa.gui.diffing import PAINT_QUIET_S, DiffKey, DiffWorker
from tifa.gui.highlight import HighlightMode
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.models.table_rows import TableRows
from tifa.gui.views.cell_delegate import CellDelegate, FontFor, TooltipFor

MIN_COLUMN_WIDTH = 260
MAX_VISIBLE_COLUMNS = 4
BATCH_BUDGET_S = 0.012
DEFAULT_ROW_HEIGHT = 48
HEADER_ROW_HEIGHT = 30


class SideBySideView(QTableView):
    cell_selected = Signal(int, int)  # row, column (of the view)
    hits_changed = Signal(int, int)  # current (1-based, 0 when none), total
    layout_done = Signal()  # every row has its measured height
    column_move_requested = Signal(int, int)  # column, the column it should go to

    def __init__(self, font_for: FontFor, tooltip_for: TooltipFor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alignment = AlignmentModel(self)
        self.setModel(self.alignment)
        self.diff_worker = DiffWorker(self)
        self.alignment.set_diff_worker(self.diff_worker)
        self._diff_timer = QTimer(self)
        self._diff_timer.setSingleShot(True)
        self._diff_timer.setInterval(0)
        self._diff_timer.timeout.connect(self._want_diffs)
        self.alignment.diffs_wanted.connect(self._diff_timer.start)
        self.cell_delegate = CellDelegate(font_for, tooltip_for, self)
        self.setItemDelegate(self.cell_delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAcceptDrops(False)  # dropped files go to the window
        self.setMouseTracking(True)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(DEFAULT_ROW_HEIGHT)
        vertical.setMinimumSectionSize(20)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        horizontal.sectionResized.connect(self._column_resized)
        # columns are reordered by dragging their header (or its context menu); the order is
        # the documents list's, so the move goes there and the columns follow
        horizontal.setSectionsMovable(True)
        horizontal.sectionMoved.connect(self._section_moved)
        horizontal.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        horizontal.customContextMenuRequested.connect(self._header_menu)
        self._measured: dict[int, int] = {}  # row → height for the current widths
        self._queue: list[int] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._measure_batch)
        self._fitting = False
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._layout_width = -1
        self.measure_seconds = 0.0  # time spent measuring the last layout, for benchmarks
        self._stop: tuple[int, int] | None = None  # (row, change) F7 selected last
        self.current_change: Change | None = None
        self.header_menu: QMenu | None = None  # the last column header menu shown
        self._measured_columns: tuple[int, ...] = ()
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(120)
        self._scroll_timer.timeout.connect(self._columns_scrolled)
        self._left_column: int | None = None  # the start column, until shown (see _fit_columns)
        self.horizontalScrollBar().valueChanged.connect(lambda _: self._scroll_timer.start())
        self.horizontalScrollBar().valueChanged.connect(self._scrolled)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.alignment.modelReset.connect(self._apply_spans)
        self.clicked.connect(self._clicked)

    # -- content -------------------------------------------------------------------------

    def show_comparison(self, comparison: object, columns: Sequence[int],
                        rows: TableRows | None = None) -> None:
        """Show ``comparison`` in ``columns``; ``rows``: its table laid out on a worker."""
        from tifa.engine.compare.model import Comparison

        self.cell_delegate.clear_cache()
        self.alignment.set_comparison(
            comparison if isinstance(comparison, Comparison) else None, columns, rows
        )
        self._reset_hits()
        self._left_column = self.start_column()  # leftmost once the widths are known
        self._fit_columns()
        self.relayout()

    def start_column(self) -> int:
        """The column the first screen starts at: with many documents that correspond
        (``AlignmentModel.gathered``: more than fit side by side), the reference document's
        (the pivot's), whose text the others are read against; else the first."""
        model = self.alignment
        reference = model.reference
        if reference is None or not model.gathered:
            return 0
        return model.column_of(reference) or 0

    def show_start(self) -> None:
        """The first screen: the top of the table, the start column leftmost, its first
        paragraph selected (many documents; else the first cell, as always)."""
        model = self.alignment
        if not model.rowCount():
            return
        column = self.start_column()
        row = 0
        if model.gathered:
            row = next((r for r in range(model.rowCount()) if model.paragraphs_at(r, column)), 0)
        self.go_to(row, column)
        self.horizontalScrollBar().setValue(self.horizontalHeader().sectionPosition(column))
        if row and self.rowViewportPosition(0) < 0 <= self.rowViewportPosition(row):
            self.verticalScrollBar().setValue(0)  # the band above it in view too

    def set_columns(self, columns: Sequence[int]) -> None:
        current = self.currentIndex()
        document = self.alignment.document_at(current.column()) if current.isValid() else None
        self.alignment.set_columns(columns)
        self._fit_columns()
        self.relayout()
        if document is not None and (c := self.alignment.column_of(document)) is not None:
            self.setCurrentIndex(self.alignment.index(current.row(), c))

    def set_mode(self, mode: HighlightMode) -> None:
        """Colour the cells another way (View › Colours)."""
        self.cell_delegate.clear_cache()
        self.alignment.set_mode(mode)
        self.viewport().update()
        self._diff_timer.start()  # none wanted in a mode without diffs: the queue empties

    # -- word diffs on the worker ----------------------------------------------------------

    def wanted_diffs(self) -> list[DiffKey]:
        """The missing diffs of the rows on screen, then a screenful below and above, in the
        visible columns and one either side; then those of other cells built meanwhile."""
        model = self.alignment
        rows = model.rowCount()
        columns = model.columnCount()
        if not rows or not columns or model.mode is not HighlightMode.CHANGES:
            return []
        height = self.viewport().height()
        if not self.isVisible() or height <= 0:  # (shown later: asked again then)
            return model.take_asked()
        first = max(0, self.rowAt(0))
        last = self.rowAt(height - 1)
        if last < 0:  # below the last row: the table ends on screen
            last = rows - 1 if self.verticalHeader().length() < height else first
        margin = max(4, last - first + 1)
        order = list(range(first, last + 1))
        order += range(last + 1, min(rows, last + 1 + margin))
        order += range(first - 1, max(-1, first - 1 - margin), -1)
        shown = self.visible_columns()
        wide = [c for c in (shown[0] - 1, shown[-1] + 1) if 0 <= c < columns]
        keys = [k for r in order for c in (*shown, *wide)
                if (k := model.missing_diff(r, c)) is not None]
        return keys + model.take_asked()

    @property
    def diffs_pending(self) -> bool:
        """True while diffs are to be asked for or computed (False: the cells on screen, and
        the margin, show their highlights)."""
        return self._diff_timer.isActive() or self.diff_worker.waiting > 0

    def _want_diffs(self) -> None:
        self.diff_worker.want(self.wanted_diffs())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.diff_worker.gui_busy(PAINT_QUIET_S)  # a paint may come with more: let it be

    def _scrolled(self, _value: int) -> None:
        self.diff_worker.gui_busy()  # no diffs while the user moves: the cells show plain
        self._diff_timer.start()

    def shutdown(self) -> None:
        """Stop computing diffs (the window closes)."""
        self._diff_timer.stop()
        self.diff_worker.stop()

    def set_packing(self, pack: bool) -> None:
        self.alignment.set_packing(pack)
        self.cell_delegate.clear_cache()
        self._reset_hits()
        self.relayout()

    # -- column widths and row heights ---------------------------------------------------

    def _fit_columns(self) -> None:
        n = self.alignment.columnCount()
        if n == 0:
            return
        available = self.viewport().width()
        width = max(MIN_COLUMN_WIDTH, available // min(n, MAX_VISIBLE_COLUMNS))
        left = self.columnAt(0)
        if self._left_column is not None and self.isVisible():  # the first fit on screen
            left, self._left_column = self._left_column, None
        self._fitting = True
        try:
            for c in range(n):
                self.horizontalHeader().resizeSection(c, width)
        finally:
            self._fitting = False
        if 0 < left < n:  # the column that was leftmost stays so (resizes keep the place)
            self.horizontalScrollBar().setValue(self.horizontalHeader().sectionPosition(left))
        self._fit_header_labels()

    def _fit_header_labels(self) -> None:
        """Cut column titles to what fits their width (the header does not elide two-line
        labels: they would be clipped mid-character)."""
        header = self.horizontalHeader()
        em = max(1, header.fontMetrics().horizontalAdvance("国"))
        self.alignment.set_label_chars(
            {c: max(4, (self.columnWidth(c) - 16) // em)
             for c in range(self.alignment.columnCount())}
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._diff_timer.start()
        if self.alignment.columnCount() and self._layout_width != self.viewport().width():
            self._fit_columns()
            self.relayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        old = event.oldSize().width()
        if old != event.size().width() and self.alignment.columnCount():
            self._fit_columns()
            self.relayout()

    def _column_resized(self, column: int, old: int, new: int) -> None:
        if not self._fitting and old != new:
            self._fit_header_labels()
            self.relayout()

    def visible_columns(self) -> tuple[int, ...]:
        """The columns at least partly on screen (all of them before the first layout)."""
        n = self.alignment.columnCount()
        width = self.viewport().width()
        shown = tuple(c for c in range(n)
                      if self.columnViewportPosition(c) + self.columnWidth(c) > 0
                      and self.columnViewportPosition(c) < width)
        return shown or tuple(range(n))

    def _columns_scrolled(self) -> None:
        if self.visible_columns() != self._measured_columns:
            self.relayout()

    def _apply_spans(self) -> None:
        """Band and section headers run across every column."""
        self.clearSpans()
        self._stop = None
        self.current_change = None
        n = self.alignment.columnCount()
        if n > 1:
            for r in range(self.alignment.rowCount()):
                if self.alignment.is_header(r):
                    self.setSpan(r, 0, 1, n)

    def relayout(self) -> None:
        """Measure every row again (widths changed), the rows on screen first."""
        self._measured.clear()
        self._measured_columns = self.visible_columns()
        rows = self.alignment.rowCount()
        first = max(0, self.rowAt(0))
        visible = list(range(first, min(rows, first + 40)))
        rest = [r for r in range(rows) if r < first or r >= first + 40]
        self._queue = visible + rest
        self._layout_width = self.viewport().width() if self.isVisible() else -1
        self.measure_seconds = 0.0
        self.diff_worker.gui_busy()  # rows are measured first (the visible ones at once)
        self._diff_timer.start()  # other rows or columns on screen
        if rows:
            self._timer.start()
        else:
            self.layout_done.emit()

    def _row_height(self, row: int) -> int:
        tallest = 0
        model = self.alignment
        comparison = model.comparison
        assert comparison is not None
        if model.is_header(row):
            return HEADER_ROW_HEIGHT
        for c in self._measured_columns:
            if c >= model.columnCount():
                continue
            paragraphs = model.paragraphs_at(row, c)
            if not paragraphs:
                continue
            d = model.document_at(c)
            if model.role_at(row) is RowRole.SHARED:
                text = model.cell(row, c).text or " "
            else:
                text = model.plain_text(row, c)  # no highlights: rows off screen stay undiffed
            width = self.cell_delegate.text_width(self.columnWidth(c))
            tallest = max(tallest, self.cell_delegate.measure(text, d, width))
        return max(tallest, 28)

    def _measure_batch(self) -> None:
        self.diff_worker.gui_busy()
        start = time.perf_counter()
        header = self.verticalHeader()
        while self._queue and time.perf_counter() - start < BATCH_BUDGET_S:
            row = self._queue.pop(0)
            if row >= self.alignment.rowCount():
                continue
            height = self._row_height(row)
            self._measured[row] = height
            if header.sectionSize(row) != height:
                header.resizeSection(row, height)
        self.measure_seconds += time.perf_counter() - start
        if self._queue:
            self._timer.start()
        elif self.isVisible() and self.viewport().width() == self._layout_width:
            self.layout_done.emit()  # not for a layout made while hidden: a resize follows

    @property
    def layout_pending(self) -> bool:
        return bool(self._queue)

    # -- selection and navigation --------------------------------------------------------

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if current.isValid():
            self.cell_selected.emit(current.row(), current.column())

    def go_to(self, row: int, column: int) -> None:
        index = self.alignment.index(row, column)
        if not index.isValid():
            return
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        # a row already on screen stays put; otherwise it comes to the top, where reading
        # starts (centring cut the rows above it in half)
        top = self.rowViewportPosition(row)
        if top < 0 or top + self.rowHeight(row) > self.viewport().height():
            self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)  # sideways

    def go_to_paragraph(self, document: int, paragraph: int) -> bool:
        if self.alignment.row_of(document, paragraph) is None:
            self.alignment.reveal(document, paragraph)
            if self.alignment.row_of(document, paragraph) is not None:
                self.relayout()
        row = self.alignment.row_of(document, paragraph)
        column = self.alignment.column_of(document)
        if row is None or column is None:
            return False
        self.go_to(row, column)
        return True

    def step_difference(self, forward: bool) -> bool:
        """Select the next (or previous) change: changed words in a linked row (both sides
        emphasised), a band of unaligned paragraphs, or a row that differs otherwise (a moved
        paragraph); False at the end."""
        model = self.alignment
        current = self.currentIndex()
        if self._stop is not None and current.isValid() and current.row() == self._stop[0]:
            here = self._stop
        elif current.isValid():
            here = (current.row(), 1 << 30 if forward else -1)
        else:
            here = (-1, 0) if forward else (model.rowCount(), 0)
        rows = model.difference_rows()
        ordered = [r for r in rows if r >= here[0]] if forward else \
            [r for r in reversed(rows) if r <= here[0]]
        for row in ordered:
            changes = model.row_changes(row)
            stops = [(row, k) for k in range(len(changes))] or [(row, -1)]
            if not forward:
                stops.reverse()
            for stop in stops:
                if (stop > here) if forward else (stop < here):
                    self._select_stop(stop, changes)
                    return True
        return False

    def _select_stop(self, stop: tuple[int, int], changes: Sequence[Change]) -> None:
        row, k = stop
        model = self.alignment
        change = changes[k] if k >= 0 else None
        if change is None:
            model.set_focus(())
            current = self.currentIndex()
            column = current.column() if current.isValid() and not model.is_header(row) else 0
            self.go_to(row, max(0, column))
        else:
            spans = [Occurrence(change.reference, s.paragraph, s.start, s.end)
                     for s in change.op.a if s.end > s.start]
            spans += [Occurrence(change.other, s.paragraph, s.start, s.end)
                      for s in change.op.b if s.end > s.start]
            model.set_focus(spans)
            column = model.column_of(change.other if change.op.b else change.reference)
            self.go_to(row, column or 0)
        self._stop = stop
        self.current_change = change

    # -- column order ----------------------------------------------------------------------

    def _section_moved(self, logical: int, old_visual: int, new_visual: int) -> None:
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.moveSection(new_visual, old_visual)  # the model's order is the one shown
        header.blockSignals(False)
        if old_visual != new_visual:
            self.column_move_requested.emit(old_visual, new_visual)

    def _header_menu(self, point: QPoint) -> None:
        column = self.horizontalHeader().logicalIndexAt(point)
        if column < 0:
            return
        menu = QMenu(self)
        left = menu.addAction(self.tr("Move Left"))
        left.setEnabled(column > 0)
        left.triggered.connect(lambda: self.column_move_requested.emit(column, column - 1))
        right = menu.addAction(self.tr("Move Right"))
        right.setEnabled(column < self.alignment.columnCount() - 1)
        right.triggered.connect(lambda: self.column_move_requested.emit(column, column + 1))
        menu.popup(self.horizontalHeader().mapToGlobal(point))
        self.header_menu = menu

    # -- bands and shared passages -------------------------------------------------------

    def toggle_fold(self, row: int) -> None:
        header = self.alignment.toggle_fold(row)
        self.relayout()
        if header is not None:
            self.go_to(header, 0)

    def set_all_folded(self, folded: bool) -> None:
        self.alignment.set_all_folded(folded)
        self.relayout()
        if self.alignment.rowCount():
            self.go_to(0, 0)

    def set_row_filter(self, row_filter: RowFilter) -> None:
        self.alignment.set_filter(row_filter)
        self.relayout()
        if self.alignment.rowCount():
            self.go_to(0, 0)

    def open_passage(self, row: int, column: int) -> bool:
        """Go to the paragraph of ``row``'s shared passages in ``column``'s document, every
        passage the row shows emphasised in both documents."""
        group = self.alignment.passage_at(row)
        if group is None:
            return False
        document = self.alignment.document_at(column)
        paragraph = group.paragraph_of(document)
        if paragraph is None or not self.go_to_paragraph(document, paragraph):
            return False
        self.alignment.set_focus([Occurrence(d, span.paragraph, span.start, span.end)
                                  for passage in group.passages for d, span in passage.spans])
        return True

    def _clicked(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        if self.alignment.is_header(index.row()):
            self.toggle_fold(index.row())
        elif self.alignment.role_at(index.row()) is RowRole.SHARED:
            self.open_passage(index.row(), index.column())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        current = self.currentIndex()
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if current.isValid() and event.key() in keys and not event.modifiers():
            if self.alignment.is_header(current.row()):
                self.toggle_fold(current.row())
                return
            if self.open_passage(current.row(), current.column()):
                return
        super().keyPressEvent(event)

    # -- find and occurrences ------------------------------------------------------------

    def _reset_hits(self) -> None:
        self._hits, self._hit = [], -1
        self.hits_changed.emit(0, 0)

    def search(self, text: str) -> int:
        """Highlight ``text`` in every cell and go to the first hit; the number of cells hit."""
        self.alignment.set_focus(())
        if self.alignment.reveal_matches(text):
            self.relayout()
        self.alignment.set_search(text)
        return self._set_hits(self.alignment.search_hits() if text else [])

    def show_occurrences(self, occurrences: Sequence[Occurrence]) -> int:
        """Emphasise these occurrences (of a formulation) and go to the first."""
        self.alignment.set_search("")
        if self.alignment.reveal_all([(o.document, o.paragraph) for o in occurrences]):
            self.relayout()
        self.alignment.set_focus(occurrences)
        return self._set_hits(self.alignment.search_hits())

    def _set_hits(self, hits: list[tuple[int, int]]) -> int:
        self._hits = hits
        self._hit = -1
        if hits:
            self.step_hit(True)
        else:
            self.hits_changed.emit(0, 0)
        return len(hits)

    def step_hit(self, forward: bool) -> None:
        if not self._hits:
            return
        self._hit = (self._hit + (1 if forward else -1)) % len(self._hits)
        row, column = self._hits[self._hit]
        self.go_to(row, column)
        self.hits_changed.emit(self._hit + 1, len(self._hits))

    @property
    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

