"""Qt models of the Corpus tab: result documents, timelines, new formulations.

Every cell is plain text (``DisplayRole`` strings are never read as markup by item views);
tooltips of user text go through ``plain.tooltip``. Dates are shown as the rest of the window
shows them (``localize.date_text``: 2021年11月15日 in Chinese); ``SORT_ROLE`` holds what a
column sorts by (the ISO date, numbers as numbers), and the tables' proxies sort by it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from tifa.engine.corpus.timeline import NewFormulation, PhraseTimeline
from tifa.engine.safe_text import shown_name
from tifa.gui.corpus.operations import DocRow
from tifa.gui.localize import period_text, stored_date_text
from tifa.gui.models import SORT_ROLE
from tifa.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

ID_ROLE = Qt.ItemDataRole.UserRole + 10  # a row's document id (documents model)
LEAD_CHARS = 12  # context kept before the match in the table (the tooltip has it all)


def short_snippet(snippet: str) -> str:
    """The snippet on one line with less context before the match (marked 【】), so the
    match shows in a narrow column."""
    text = snippet.replace("\n", " ")
    at = text.find("【")
    if at > LEAD_CHARS + 1:
        text = "…" + text[at - LEAD_CHARS:]
    return text


class DocumentsModel(QAbstractTableModel):
    """Stored documents: title, date, source, count (matches, occurrences, score), snippet."""

    TITLE, DATE, SOURCE, COUNT, SNIPPET = range(5)

    def __init__(self, parent: QObject | None = None, *, count_header: str = "") -> None:
        super().__init__(parent)
        self._rows: tuple[DocRow, ...] = ()
        self._count_header = count_header

    def set_rows(self, rows: Sequence[DocRow]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """Dates again in the interface language (models get no LanguageChange event)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, self.DATE),
                                  self.index(len(self._rows) - 1, self.DATE))

    def set_count_header(self, text: str) -> None:
        self._count_header = text
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, self.COUNT, self.COUNT)

    @property
    def rows(self) -> tuple[DocRow, ...]:
        return self._rows

    def row(self, row: int) -> DocRow:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return (row.title, row.date or "", row.source or "", row.count,
                    row.snippet)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:  # copies folded into the row: said, as the CLI does
                return (f"{row.title}  " + self.tr("(+%n copies)", "", len(row.copies))
                        if row.copies else row.title)
            if column == self.DATE:
                return stored_date_text(row.date)
            if column == self.SOURCE:
                return row.source or ""
            if column == self.COUNT:
                return row.count
            return short_snippet(row.snippet)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TITLE, self.SNIPPET):
            if column == self.SNIPPET:
                return tooltip(row.snippet)
            if not row.copies:
                return tooltip(row.title)
            return tooltip("\n".join((row.title, self.tr("The same text is also stored as:"),
                                      *(shown_name(p) for p in row.copies))))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Date"), self.tr("Source"),
                self._count_header or self.tr("Matches"), self.tr("Snippet"))[section]


class TimelineModel(QAbstractTableModel):
    """Periods (rows) × phrases: documents and occurrences per period, every period from the
    first use of any phrase to the last, empty ones included. The chart draws this model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timelines: tuple[PhraseTimeline, ...] = ()
        self._periods: tuple[str, ...] = ()
        self._cells: dict[tuple[str, int], tuple[int, int]] = {}
        self.by = "month"

    def set_timelines(self, timelines: Sequence[PhraseTimeline], by: str) -> None:
        self.beginResetModel()
        self._timelines = tuple(timelines)
        self.by = by
        self._cells = {(p.period, n): (p.documents, p.occurrences)
                       for n, t in enumerate(self._timelines) for p in t.series}
        self._periods = tuple(sorted({period for period, _ in self._cells}))
        self.endResetModel()

    def retranslate(self) -> None:
        """Periods again in the interface language (models get no LanguageChange event)."""
        if self._periods:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._periods) - 1, 0))

    @property
    def timelines(self) -> tuple[PhraseTimeline, ...]:
        return self._timelines

    @property
    def periods(self) -> tuple[str, ...]:
        return self._periods

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(t.phrase for t in self._timelines)

    def documents(self, period_row: int, phrase: int) -> int:
        return self._cells.get((self._periods[period_row], phrase), (0, 0))[0]

    def occurrences(self, period_row: int, phrase: int) -> int:
        return self._cells.get((self._periods[period_row], phrase), (0, 0))[1]

    def max_documents(self) -> int:
        return max((docs for docs, _ in self._cells.values()), default=0)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._periods)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 1 + 2 * len(self._timelines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row, column = index.row(), index.column()
        if column == 0:
            return period_text(self._periods[row])
        phrase, kind = divmod(column - 1, 2)
        return (self.documents if kind == 0 else self.occurrences)(row, phrase)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return self.tr("Period")
        phrase, kind = divmod(section - 1, 2)
        name = self._timelines[phrase].phrase
        return (self.tr("%s: documents") if kind == 0 else self.tr("%s: occurrences")) % name


class NewFormulationsModel(QAbstractTableModel):
    """Formulations first used after a date: phrase, category, first use, documents,
    occurrences."""

    PHRASE, CATEGORY, FIRST, DOCUMENTS, OCCURRENCES = range(5)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[NewFormulation, ...] = ()

    def set_rows(self, rows: Sequence[NewFormulation]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row(self, row: int) -> NewFormulation:
        return self._rows[row]

    def retranslate(self) -> None:
        """Dates again in the interface language (models get no LanguageChange event)."""
        if self._rows:
            self.dataChanged.emit(self.index(0, self.FIRST),
                                  self.index(len(self._rows) - 1, self.FIRST))

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if index.column() == self.FIRST and role == Qt.ItemDataRole.DisplayRole:
                return stored_date_text(row.first)
            return (row.phrase, row.category, row.first, row.documents,
                    row.occurrences)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.PHRASE:
            return tooltip(row.phrase)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Formulation"), self.tr("Category"), self.tr("First use"),
                self.tr("Documents"), self.tr("Occurrences"))[section]
