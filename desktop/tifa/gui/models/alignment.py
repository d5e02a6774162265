"""The N-way alignment table: one row per aligned group, one column per document.

Cells hold ``highlight.CellText`` (under ``CELL_ROLE``) that the side-by-side view's delegate
paints; ``DisplayRole`` gives the plain text. Cells are built on first use and cached, so a
table of 31 documents × hundreds of rows costs only what is on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tifa.engine.compare.lookup import CellDiff, ChangeSpan, cell_diff
from tifa.engine.compare.model import Comparison, LinkKind, Occurrence
from tifa.engine.compare.vocabulary import Status, short_labels
from tifa.engine.export.display import display_text
from tifa.engine.normalize import normalize_paragraph
from tifa.gui.highlight import (
    CellText,
    HighlightMode,
    Mark,
    MarkKind,
    cell_text,
    find_in_cell,
    paragraph_matches,
)
from tifa.gui.labels import document_label, link_label, status_label, status_meaning
from tifa.gui.models import CELL_ROLE
from tifa.gui.plain import tooltip
from tifa.gui.rowpacking import DisplayRow, display_rows

Index = QModelIndex | QPersistentModelIndex
MOVED_ROLE = Qt.ItemDataRole.UserRole + 10  # bool: the cell is out of the pivot's order
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 11  # int: the comparison's document index
PACKED_ROLE = Qt.ItemDataRole.UserRole + 12  # bool: the row packs unaligned paragraphs


class AlignmentModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._comparison: Comparison | None = None
        self._columns: tuple[int, ...] = ()
        self._rows: tuple[DisplayRow, ...] = ()
        self._pack = True
        self._cache: dict[tuple[int, int], CellText] = {}
        self._focus: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self._search = ""
        self._search_normalized = ""
        self._label_chars: dict[int, int] = {}  # column → characters its title may take
        self._row_of: dict[tuple[int, int], int] = {}
        self._mode = HighlightMode.CHANGES
        # diffs of linked cells, computed when a cell is first shown:
        # (reference, its paragraphs, other, its paragraphs) → both sides' spans
        self._diffs: dict[tuple[int, tuple[int, ...], int, tuple[int, ...]], CellDiff] = {}
        self._labels: tuple[str, ...] = ()
        self._plain: dict[tuple[int, int], str] = {}

    # -- content -------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison | None, columns: Sequence[int]) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._columns = tuple(columns) if comparison else ()
        self._focus.clear()
        self._diffs.clear()
        self._labels = short_labels(comparison.documents) if comparison else ()
        self._build_rows()
        self.endResetModel()

    # -- what is coloured ----------------------------------------------------------------

    @property
    def mode(self) -> HighlightMode:
        return self._mode

    def set_mode(self, mode: HighlightMode) -> None:
        """Colour the cells another way (the diff against the counterpart, shared wording…)."""
        if mode != self._mode:
            self._mode = mode
            self._cache.clear()
            self._emit_all_changed()

    def label(self, document: int) -> str:
        """The document's short label (A, B…; with the file stem when titles coincide)."""
        return self._labels[document] if document < len(self._labels) else str(document + 1)

    @property
    def reference(self) -> int | None:
        """The document the others are diffed against: the pivot when it is shown, else the
        first column (in a pair view, the pair's first document)."""
        if not self._columns or self._comparison is None:
            return None
        pivot = self._comparison.alignment.pivot
        return pivot if pivot in self._columns else self._columns[0]

    def counterpart(self, row: int, column: int) -> tuple[int, bool] | None:
        """The document whose cell in ``row`` this cell is diffed against, and whether this
        cell is the reference side; None when the row is not a linked row or either side is
        empty. The reference's own cell is diffed against the first other column with text."""
        if self._comparison is None or self._rows[row].packed:
            return None
        reference = self.reference
        document = self._columns[column]
        if reference is None or not self.paragraphs_at(row, column):
            return None
        cells = self._rows[row].cells
        if document != reference:
            has_text = reference < len(cells) and bool(cells[reference])
            return (reference, False) if has_text else None
        for other in self._columns:
            if other != reference and other < len(cells) and cells[other]:
                return other, True
        return None

    def changes(self, row: int, column: int) -> tuple[ChangeSpan, ...]:
        """The cell's word-level diff spans against its counterpart (computed on first use,
        then kept: only rows that are shown are diffed)."""
        found = self.counterpart(row, column)
        if found is None or self._comparison is None:
            return ()
        partner, is_reference = found
        document = self._columns[column]
        cells = self._rows[row].cells
        reference, other = (document, partner) if is_reference else (partner, document)
        key = (reference, cells[reference], other, cells[other])
        diff = self._diffs.get(key)
        if diff is None:
            diff = self._diffs[key] = cell_diff(self._comparison, *key)
        return diff.side(is_reference)

    def change_note(self, row: int, column: int, kind: MarkKind) -> str:
        """Tooltip for a diff mark: the status word and what it means, naming both cells'
        documents by their labels (reference first)."""
        found = self.counterpart(row, column)
        if found is None or kind not in _CHANGE_STATUS:
            return ""
        partner, is_reference = found
        document = self._columns[column]
        reference, other = (document, partner) if is_reference else (partner, document)
        status = change_status(kind)
        a, b = self.label(reference), self.label(other)
        return f"{status_label(status)}: {status_meaning(status, a, b)}"

    def plain_text(self, row: int, column: int) -> str:
        """The cell's text without highlights (to measure row heights without diffing)."""
        key = (row, self._columns[column])
        text = self._plain.get(key)
        if text is None:
            assert self._comparison is not None
            doc = self._comparison.documents[self._columns[column]]
            text = self._plain[key] = cell_text(doc, self.paragraphs_at(row, column), None).text
        return text

    def set_packing(self, pack: bool) -> None:
        """Pack unaligned paragraphs side by side (see ``rowpacking``), or one row each."""
        if pack != self._pack:
            self.beginResetModel()
            self._pack = pack
            self._build_rows()
            self.endResetModel()

    @property
    def packing(self) -> bool:
        return self._pack

    def _build_rows(self) -> None:
        c = self._comparison
        self._rows = (
            display_rows(c.alignment.rows, len(c.documents), pack=self._pack) if c else ()
        )
        self._cache.clear()
        self._plain.clear()
        self._row_of = {}
        for r, row in enumerate(self._rows):
            for d, paragraphs in enumerate(row.cells):
                for p in paragraphs:
                    self._row_of.setdefault((d, p), r)

    def set_columns(self, columns: Sequence[int]) -> None:
        """Show the comparison's documents in another order, or only some of them."""
        self.beginResetModel()
        self._columns = tuple(columns) if self._comparison else ()
        self.endResetModel()

    def set_label_chars(self, chars: dict[int, int]) -> None:
        """How many characters each column's title may take (from the view's widths)."""
        if chars != self._label_chars:
            self._label_chars = dict(chars)
            if self._columns:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    @property
    def columns(self) -> tuple[int, ...]:
        return self._columns

    def document_at(self, column: int) -> int:
        return self._columns[column]

    def column_of(self, document: int) -> int | None:
        return self._columns.index(document) if document in self._columns else None

    def row_of(self, document: int, paragraph: int) -> int | None:
        """The table row showing ``paragraph`` of ``document`` (None if it is in no row)."""
        return self._row_of.get((document, paragraph))

    def display_row(self, row: int) -> DisplayRow:
        return self._rows[row]

    def paragraphs_at(self, row: int, column: int) -> tuple[int, ...]:
        cells = self._rows[row].cells
        d = self._columns[column]
        return cells[d] if d < len(cells) else ()

    def is_moved(self, row: int, column: int) -> bool:
        moved = self._rows[row].moved
        d = self._columns[column]
        return bool(moved) and d < len(moved) and moved[d]

    # -- highlighting beyond the engine's marks ------------------------------------------

    def set_focus(self, occurrences: Sequence[Occurrence]) -> None:
        """Emphasise these spans (a formulation's occurrences), replacing earlier ones."""
        touched = set(self._focus)
        self._focus.clear()
        for o in occurrences:
            self._focus.setdefault((o.document, o.paragraph), []).append(
                (o.paragraph, o.start, o.end)
            )
        touched |= set(self._focus)
        self._invalidate_cells({self.row_of(d, p) for d, p in touched} - {None})

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self._search_normalized = normalize_paragraph(text)[0] if text.strip() else ""
            self._cache.clear()
            self._emit_all_changed()

    def search_text(self) -> str:
        return self._search

    def _invalidate_cells(self, rows: set[int | None]) -> None:
        for key in [k for k in self._cache if k[0] in rows]:
            del self._cache[key]
        for r in rows:
            if r is not None and self._columns:
                self.dataChanged.emit(self.index(r, 0), self.index(r, len(self._columns) - 1))

    def _emit_all_changed(self) -> None:
        if self._rows and self._columns:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )

    def cell(self, row: int, column: int) -> CellText:
        document = self._columns[column]
        key = (row, document)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        assert self._comparison is not None
        paragraphs = self.paragraphs_at(row, column)
        doc = self._comparison.documents[document]
        marks = self._comparison.marks[document] if document < len(self._comparison.marks) else None
        focus = [s for p in paragraphs for s in self._focus.get((document, p), ())]
        mode = self._mode
        changes: tuple[ChangeSpan, ...] = ()
        if mode is HighlightMode.CHANGES:
            if self.counterpart(row, column) is None:
                mode = HighlightMode.SHARED  # no counterpart: what it shares with the others
            else:
                changes = self.changes(row, column)
        built = cell_text(doc, paragraphs, marks, focus=focus, mode=mode, changes=changes)
        if self._search:
            extra = tuple(
                Mark(a, b, MarkKind.FOCUS, paragraph=_or_minus_one(built.paragraph_at(a)))
                for a, b in find_in_cell(doc, built, self._search, self._search_normalized)
            )
            built = CellText(built.text, built.marks + extra, built.paragraphs, built.offsets)
        self._cache[key] = built
        return built

    # -- navigation ----------------------------------------------------------------------

    def difference_rows(self) -> list[int]:
        """Rows where the documents differ: not all equal, a missing or moved paragraph, or
        new wording in a cell."""
        if self._comparison is None:
            return []
        marks = self._comparison.marks
        result = []
        for r, row in enumerate(self._rows):
            cells = [row.cells[d] if d < len(row.cells) else () for d in self._columns]
            differs = (
                row.packed
                or row.kind not in (LinkKind.EQUAL,)
                or any(not c for c in cells)
                or any(row.moved)
                or any(
                    marks[d][p].new
                    for d in self._columns
                    for p in (row.cells[d] if d < len(row.cells) else ())
                    if d < len(marks) and p < len(marks[d])
                )
            )
            if differs:
                result.append(r)
        return result

    def search_hits(self) -> list[tuple[int, int]]:
        """Cells (row, column) holding the search text or a focused occurrence, in reading order."""
        if self._comparison is None:
            return []
        if self._search:
            hits = []
            for r in range(len(self._rows)):
                for c, d in enumerate(self._columns):
                    paragraphs = self.paragraphs_at(r, c)
                    doc = self._comparison.documents[d]
                    if any(paragraph_matches(doc.paragraphs[p], self._search,
                                             self._search_normalized) for p in paragraphs):
                        hits.append((r, c))
            return hits
        found = set()
        for d, p in self._focus:
            row, column = self.row_of(d, p), self.column_of(d)
            if row is not None and column is not None:
                found.add((row, column))
        return sorted(found)

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._comparison is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        if role == CELL_ROLE:
            return self.cell(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            doc = self._comparison.documents[self._columns[column]]
            return "\n".join(
                display_text(doc.paragraphs[p]).text for p in self.paragraphs_at(row, column)
            )
        if role == MOVED_ROLE:
            return self.is_moved(row, column)
        if role == DOCUMENT_ROLE:
            return self._columns[column]
        if role == PACKED_ROLE:
            return self._rows[row].packed
        if role == Qt.ItemDataRole.ToolTipRole:
            if not self.paragraphs_at(row, column):
                return self.tr("No counterpart in this document")
            if self.is_moved(row, column):
                return self.tr("Moved: out of the pivot document's order")
            if self._rows[row].packed:
                return self.tr("Not aligned with the other cells of this row")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self._comparison is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._rows):
                return None
            row = self._rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1) + (" ·" if row.packed else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.packed:
                    return self.tr("Not aligned: paragraphs without a counterpart, shown side "
                                   "by side in each document's order")
                return link_label(row.kind)
            return None
        if not 0 <= section < len(self._columns):
            return None
        d = self._columns[section]
        doc = self._comparison.documents[d]
        pivot = d == self._comparison.alignment.pivot
        if role == Qt.ItemDataRole.DisplayRole:
            short = self.label(d)
            limit = self._label_chars.get(section, 24) - (1 if pivot else 0) - len(short) - 1
            label = document_label(doc.title, doc.name, limit=max(4, limit))
            date = doc.date.isoformat() if doc.date else ""
            sub = " · ".join(x for x in (date, doc.source or "") if x)
            return ("★ " if pivot else "") + f"{short} {label}" + (f"\n{sub}" if sub else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{self.label(d)}: {doc.title or doc.name}", str(doc.path)]
            if pivot:
                lines.append(self.tr("Pivot: the rows follow this document's order."))
            return tooltip("\n".join(lines))
        return None


def _or_minus_one(value: int | None) -> int:
    return -1 if value is None else value


_CHANGE_STATUS = {
    MarkKind.INSERTED: Status.NEW,
    MarkKind.DELETED: Status.DROPPED,
    MarkKind.CHANGED: Status.VARIANT,
}


def change_status(kind: MarkKind) -> Status:
    """The vocabulary's status for a diff mark: inserted words are new in the other document
    relative to the reference, deleted ones dropped, changed ones a variant."""
    return _CHANGE_STATUS[kind]


def formulation_status_between(model: AlignmentModel, formulation: object, document: int) -> str:
    """A formulation's status as its tooltip states it in ``document``'s column: from the
    reference (the pivot) to the document, or for the reference's own column from it to the
    first other column; the vocabulary's word and meaning, with both documents' labels."""
    from tifa.engine.compare.formulations import formulation_status
    from tifa.engine.compare.model import Formulation

    reference = model.reference
    if not isinstance(formulation, Formulation) or reference is None:
        return ""
    if document == reference:
        others = [d for d in model.columns if d != reference]
        if not others:
            return ""
        a, b = reference, others[0]
    else:
        a, b = reference, document
    status = formulation_status(formulation, a, b)
    return f"{status_label(status)}: {status_meaning(status, model.label(a), model.label(b))}"
