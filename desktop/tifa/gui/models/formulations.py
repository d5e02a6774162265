"""Formulations (提法) as a table: phrase, category, status between the current pair, counts
per document; and the proxy that filters it for the search box.

The model sorts its own rows (``FormulationModel.sort``, asked through the proxy): Python
sorts every row's cached sort value at once, where ``QSortFilterProxyModel`` would call
``data()`` from C++ twice per comparison — ~15,000 calls, 80–200 ms of frozen window, for
each new comparison of 300 documents (1,300 formulations).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from tifa.engine.compare.formulations import formulation_status
from tifa.engine.compare.model import Comparison, Formulation, FormulationStatus
from tifa.engine.compare.vocabulary import short_labels, term
from tifa.engine.normalize import search_form
from tifa.gui.labels import category_label, document_label, status_label, status_meaning
from tifa.gui.localize import gloss_text
from tifa.gui.models import SORT_ROLE, VALUE_ROLE
from tifa.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex

# the vocabulary's colours (tifa.engine.compare.vocabulary), as in the side-by-side view,
# its key and the reports
STATUS_COLOURS = {s: QColor(term(s).swatch.css_background) for s in FormulationStatus}
STATUS_INKS = {s: QColor(term(s).swatch.css_ink) for s in FormulationStatus}


class FormulationModel(QAbstractTableModel):
    PHRASE, CATEGORY, STATUS, TOTAL = range(4)
    FIXED_BEFORE = 4  # columns before the per-document counts
    # after the counts: variants, first year, gloss

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._comparison: Comparison | None = None
        self._formulations: tuple[Formulation, ...] = ()
        self._columns: tuple[int, ...] = ()
        self._pair: tuple[int, int] | None = None
        self._status: list[FormulationStatus] = []
        self._labels: tuple[str, ...] = ()  # short labels, worked out once per comparison
        self._totals: tuple[int, ...] = ()
        self._column_count = 0
        # column → every row's sort value: the proxy asks each row's several times a sort
        # (thousands of calls at each new comparison); dropped when the values change
        self._sort_keys: dict[int, list[object]] = {}
        # row → index into ``_formulations``: the rows in the sorted order
        self._order: list[int] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_comparison(
        self, comparison: Comparison | None, columns: Sequence[int], pair: tuple[int, int] | None
    ) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._formulations = comparison.formulations if comparison else ()
        self._columns = tuple(columns) if comparison else ()
        self._pair = pair
        self._status = self._statuses()
        self._labels = short_labels(comparison.documents) if comparison else ()
        self._totals = tuple(sum(f.counts) for f in self._formulations)
        self._column_count = 0 if comparison is None else self._after + 3
        self._sort_keys = {}
        # as a sorting proxy re-sorts a reset model: from the engine's order
        self._order = self._sorted(list(range(len(self._formulations))))
        self.endResetModel()

    def set_pair(self, pair: tuple[int, int] | None) -> None:
        self._pair = pair
        self._status = self._statuses()
        self._sort_keys.pop(self.STATUS, None)
        if self._formulations:
            self.dataChanged.emit(
                self.index(0, self.STATUS), self.index(len(self._formulations) - 1, self.STATUS)
            )
        if self.columnCount() > self.STATUS:  # a signal about a missing column crashes views
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.STATUS, self.STATUS)
        if self._sort_column == self.STATUS and self._order:
            # sorted by status: every row's changed, so every row is placed again, ties in
            # the engine's order (as a sorting proxy re-sorts rows whose value changed)
            self._reorder(self._sorted(list(range(len(self._order)))))

    # -- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column`` (-1: the engine's order), stably from the current
        order, as ``QSortFilterProxyModel`` sorts: by each row's ``SORT_ROLE`` value, text by
        UTF-16 code units, case-sensitive; kept for the comparisons that follow."""
        self._sort_column, self._sort_order = column, order
        if self._order:
            self._reorder(self._sorted(
                self._order if column >= 0 else list(range(len(self._order)))))

    def _reorder(self, after: list[int]) -> None:
        """Show the rows in this order (formulation indices), telling views (a layout
        change: persistent indexes, the selection, follow their rows)."""
        self.layoutAboutToBeChanged.emit()
        before = self._order
        row_now = {f: r for r, f in enumerate(after)}
        old = self.persistentIndexList()
        self._order = after
        self.changePersistentIndexList(
            old, [self.index(row_now[before[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _sorted(self, order: list[int]) -> list[int]:
        """``order`` (formulation indices) sorted by the sort column, stably."""
        column = self._sort_column
        if column < 0 or column >= self._column_count:
            return order
        keys = [_qt_order(k) for k in self._column_keys(column)]
        return sorted(order, key=keys.__getitem__,
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _column_keys(self, column: int) -> list[object]:
        """Every formulation's sort value in ``column`` (in ``_formulations``' order)."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._sort_keys[column] = [
                self._sort_value(f, i, column) for i, f in enumerate(self._formulations)
            ]
        return keys

    def _statuses(self) -> list[FormulationStatus]:
        if self._pair is None:
            return [FormulationStatus.ABSENT] * len(self._formulations)
        a, b = self._pair
        return [formulation_status(f, a, b) for f in self._formulations]

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def columns(self) -> tuple[int, ...]:
        return self._columns

    @property
    def pair(self) -> tuple[int, int] | None:
        return self._pair

    def label(self, document: int) -> str:
        """The document's short label (A, B…), as everywhere else."""
        if self._comparison is None or not 0 <= document < len(self._labels):
            return ""
        return self._labels[document]

    def status_note(self, row: int) -> str:
        """The row's status word and its meaning between the pair's labels."""
        if self._pair is None:
            return ""
        status = self._status[self._order[row]]
        a, b = (self.label(d) for d in self._pair)
        return f"{status_label(status)}: {status_meaning(status, a, b)}"

    def formulation(self, row: int) -> Formulation:
        return self._formulations[self._order[row]]

    def status(self, row: int) -> FormulationStatus:
        return self._status[self._order[row]]

    def row_of(self, phrase: str) -> int | None:
        for row, i in enumerate(self._order):
            if self._formulations[i].phrase == phrase:
                return row
        return None

    @property
    def _after(self) -> int:
        return self.FIXED_BEFORE + len(self._columns)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._formulations)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        # asked thousands of times a paint with hundreds of document columns: kept, not summed
        return 0 if parent.isValid() else self._column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical or self._comparison is None:
            return None
        if not 0 <= section < self.columnCount():
            return None
        docs = self._comparison.documents
        if self.FIXED_BEFORE <= section < self._after:
            position = section - self.FIXED_BEFORE
            doc = docs[self._columns[position]]
            label = self.label(self._columns[position])
            if role == Qt.ItemDataRole.DisplayRole:  # the document's short label
                return f"{label} {document_label(doc.title, doc.name, limit=5)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(
                    self.tr("Occurrences in: %s") % f"{label}: {doc.title or doc.name}")
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == self.STATUS and self._pair:
            a, b = (self.label(d) for d in self._pair)
            return tooltip("\n".join(
                f"{status_label(s)}: {status_meaning(s, a, b)}"
                for s in (FormulationStatus.SHARED, FormulationStatus.NEW,
                          FormulationStatus.DROPPED, FormulationStatus.VARIANT)))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.PHRASE:
            return self.tr("Formulation")
        if section == self.CATEGORY:
            return self.tr("Category")
        if section == self.STATUS:
            return self.tr("Status")
        if section == self.TOTAL:
            return self.tr("Total")
        return (self.tr("Variants"), self.tr("First year"), self.tr("Gloss"))[section - self._after]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._formulations):
            return None
        column = index.column()
        i = self._order[index.row()]  # the formulation's index in the comparison
        if role == SORT_ROLE:
            return self._column_keys(column)[i]
        f = self._formulations[i]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(f, i, column)
        if role == VALUE_ROLE and column == self.STATUS:
            return self._status[i].value
        if role == Qt.ItemDataRole.BackgroundRole and column == self.STATUS:
            return QBrush(STATUS_COLOURS[self._status[i]])
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QBrush(STATUS_INKS[self._status[i]])
        if role == Qt.ItemDataRole.ForegroundRole and self.FIXED_BEFORE <= column < self._after:
            count = f.counts[self._columns[column - self.FIXED_BEFORE]]
            return QBrush(QColor("#b0b0b0")) if count == 0 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column == self.TOTAL or self.FIXED_BEFORE <= column < self._after
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.STATUS and self._pair is not None:
                return tooltip(self.status_note(index.row()))
            return tooltip(self._tooltip(f))
        return None

    def _display(self, f: Formulation, i: int, column: int) -> object:
        """``f`` (the comparison's formulation ``i``) as ``column`` shows it."""
        if column == self.PHRASE:
            return f.phrase
        if column == self.CATEGORY:
            return category_label(f.category)
        if column == self.STATUS:
            status = self._status[i]
            if self._pair is None or status is FormulationStatus.ABSENT:
                return "—" if self._pair else ""
            return status_label(status)
        if column == self.TOTAL:
            return self._totals[i]
        if column < self._after:
            return f.counts[self._columns[column - self.FIXED_BEFORE]]
        extra = column - self._after
        if extra == 0:
            return "、".join(f.variants)
        if extra == 1:
            return str(f.first_year) if f.first_year else ""
        return gloss_text(f.gloss)

    def _sort_value(self, f: Formulation, i: int, column: int) -> object:
        if column == self.STATUS:
            return self._status[i].value
        if column == self.TOTAL or self.FIXED_BEFORE <= column < self._after:
            return self._display(f, i, column)
        if column == self._after + 1:
            return f.first_year or 0
        return self._display(f, i, column)

    def _tooltip(self, f: Formulation) -> str:
        assert self._comparison is not None
        docs = self._comparison.documents
        lines = [f.phrase, self.tr("Category: %s") % category_label(f.category)]
        if f.gloss:
            lines.append(gloss_text(f.gloss))
        if f.first_year:
            lines.append(self.tr("First used: %d") % f.first_year)
        if f.variants:
            lines.append(self.tr("Variants: %s") % "、".join(f.variants))
        present = [f"{self.label(d)} {docs[d].title or docs[d].name}"
                   for d in self._columns if f.counts[d]]
        if present:
            lines.append(self.tr("In: %s") % "; ".join(present))
        lines.append(self.tr("Double-click to show the occurrences."))
        return "\n".join(lines)


def _qt_order(value: object) -> object:
    """A sort value as Qt orders it: text by its UTF-16 code units (Python orders code
    points: a character beyond U+FFFF would sort after U+E000–U+FFFF, in Qt before)."""
    return value.encode("utf-16-be") if isinstance(value, str) else value


class FormulationFilter(QSortFilterProxyModel):
    """Search box and status filter: a row shows when its phrase, variants, category or gloss
    contains the text, and its status is among those wanted. Sorting is passed on to the
    ``FormulationModel`` (it sorts its rows itself, at once); the proxy keeps its order."""

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._text = ""
        self._simplified = ""
        self._statuses: frozenset[FormulationStatus] | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, FormulationModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def sortColumn(self) -> int:
        model = self.sourceModel()
        return model.sort_column if isinstance(model, FormulationModel) else super().sortColumn()

    def sortOrder(self) -> Qt.SortOrder:
        model = self.sourceModel()
        return model.sort_order if isinstance(model, FormulationModel) else super().sortOrder()

    def set_text(self, text: str) -> None:
        self._text = text.strip().casefold()
        # formulations are kept in simplified script: 兩個維護 is looked for as 两个维护
        self._simplified = search_form(self._text) if self._text else ""
        self.invalidate()

    def set_statuses(self, statuses: frozenset[FormulationStatus] | None) -> None:
        self._statuses = statuses
        self.invalidate()

    def refilter_statuses(self) -> None:
        """The statuses changed (another pair): filter again when filtering by status."""
        if self._statuses is not None:
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, FormulationModel):
            return True
        if self._statuses is not None and model.status(source_row) not in self._statuses:
            return False
        if not self._text:
            return True
        f = model.formulation(source_row)
        haystack = " ".join((f.phrase, *f.variants, f.category, category_label(f.category),
                             f.gloss)).casefold()
        return self._text in haystack or (bool(self._simplified) and self._simplified in haystack)

