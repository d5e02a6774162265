"""The N-way alignment table: one row per aligned group, one column per document.

Cells hold ``highlight.CellText`` (under ``CELL_ROLE``) that the side-by-side view's delegate
paints; ``DisplayRole`` gives the plain text. Cells are built on first use and cached, so a
table of 31 documents × hundreds of rows costs only what is on screen.

Word diffs of linked cells (the "changes" colours) are computed on first use too: on the
calling thread, or — once the view gives the model a ``diffing.DiffWorker`` — on the worker,
the cell built without them meanwhile (``diff_pending``) and rebuilt when its diff arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from tifa.engine.compare.lookup import CellDiff, Change, ChangeSpan, cell_diff, linked_changes
from tifa.engine.compare.model import Comparison, LinkKind, Occurrence
from tifa.engine.compare.rowlayout import (
    RowFilter,
    RowRole,
    SharedCount,
    SharedGroup,
    SharedRow,
    ViewRow,
    bands,
)
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.compare.vocabulary import Status, short_labels
from tifa.engine.export.display import display_text
from tifa.engine.export.i18n import shared_summary
from tifa.engine.normalize import normalize_paragraph
from tifa.gui.diffing import DiffKey, DiffWorker
from tifa.gui.highlight import (
    CellText,
    HighlightMode,
    Mark,
    MarkKind,
    cell_text,
    find_in_cell,
    number_prefix,
    paragraph_matches,
    utf16_len,
)
from tifa.gui.labels import document_label, link_label, status_label, status_meaning
from tifa.gui.localize import date_text, language
from tifa.gui.models import CELL_ROLE
from tifa.gui.models.table_rows import (
    Folding,
    TableRows,
    default_folding,
    reference_of,
    view_rows,
)
from tifa.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
MOVED_ROLE = Qt.ItemDataRole.UserRole + 10  # bool: the cell is out of the pivot's order
DOCUMENT_ROLE = Qt.ItemDataRole.UserRole + 11  # int: the comparison's document index
PACKED_ROLE = Qt.ItemDataRole.UserRole + 12  # bool: the row packs unaligned paragraphs
ROW_ROLE = Qt.ItemDataRole.UserRole + 13  # str: the row's ``RowRole`` value
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 14  # bool: a band header whose rows are hidden

SENTENCE_ENDS = "。！？；!?;"
GATHERED_NAMED = 6  # documents a gathered band's label names (then "…")


# asked for every cell painted: combined once (a Python enum "|" per call is slow)
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class AlignmentModel(QAbstractTableModel):
    diffs_wanted = Signal()  # a cell was built without its diff: the worker should compute it

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._comparison: Comparison | None = None
        self._columns: tuple[int, ...] = ()
        self._rows: tuple[ViewRow, ...] = ()
        self._pack = False
        self._gather = False  # a band per run between linked rows (``rowlayout.gathers``)
        self._folded: set[int] = set()
        self._filter = RowFilter.ALL
        self._shared: tuple[SharedRow, ...] = ()
        self._groups: tuple[SharedGroup, ...] = ()  # the shared section's rows
        self._shared_count = SharedCount(0, 0)  # all of them (the reports' count)
        self._changes: dict[int, tuple[Change, ...]] = {}
        self._hidden_in: dict[tuple[int, int], int] = {}  # (doc, paragraph) → folded band row
        self._cache: dict[tuple[int, int], CellText] = {}
        self._focus: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self._search = ""
        self._search_normalized = ""
        self._label_chars: dict[int, int] = {}  # column → characters its title may take
        self._row_of: dict[int, dict[int, int]] = {}  # document → paragraph → row (lazily)
        self._indexed = False
        self._mode = HighlightMode.CHANGES
        # diffs of linked cells, computed when a cell is first shown:
        # (reference, its paragraphs, other, its paragraphs) → both sides' spans
        self._diffs: dict[DiffKey, CellDiff] = {}
        self._worker: DiffWorker | None = None
        self._generation = 0  # the worker's generation for this comparison
        self._awaited: dict[DiffKey, set[tuple[int, int]]] = {}  # → cells (row, document)
        self._asked: list[DiffKey] = []  # keys of cells built without their diff, to want
        self._labels: tuple[str, ...] = ()
        self._tokenizer: WordTokenizer | None = None
        self._plain: dict[tuple[int, int], str] = {}
        # the rows the comparison opens with (laid out on the comparing worker, or here at
        # ``set_comparison``): kept to swap in again (back to all documents side by side)
        self._opening: TableRows | None = None

    # -- content -------------------------------------------------------------------------

    def set_comparison(self, comparison: Comparison | None, columns: Sequence[int],
                       rows: TableRows | None = None) -> None:
        """Show ``comparison`` in ``columns``; ``rows``: its table laid out on a worker
        (``table_rows``), swapped in when it fits (else laid out here)."""
        self.beginResetModel()
        self._comparison = comparison
        self._columns = tuple(columns) if comparison else ()
        self._opening = rows if rows is not None and rows.fits(comparison, self._columns) else None
        self._focus.clear()
        self._diffs.clear()
        self._awaited.clear()
        self._asked.clear()
        if self._worker is not None:
            self._generation = self._worker.reset(comparison)
        self._labels = short_labels(comparison.documents) if comparison else ()
        self._default_folding()
        self._build_rows()
        if comparison is not None and self._opening is None and self._opens_as_laid_out():
            self._opening = TableRows(comparison, self._columns, self._folding(), self._rows)
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
            self._awaited.clear()
            self._emit_all_changed()

    def label(self, document: int) -> str:
        """The document's short label (A, B…; with the file stem when titles coincide)."""
        return self._labels[document] if document < len(self._labels) else str(document + 1)

    @property
    def reference(self) -> int | None:
        """The document the others are diffed against: the pivot when it is shown, else the
        first column (in a pair view, the pair's first document)."""
        if self._comparison is None:
            return None
        return reference_of(self._comparison, self._columns)

    def counterpart(self, row: int, column: int) -> tuple[int, bool] | None:
        """The document whose cell in ``row`` this cell is diffed against, and whether this
        cell is the reference side; None when the row is not a linked row or either side is
        empty. The reference's own cell is diffed against the first other column with text."""
        if self._comparison is None or self._rows[row].packed or (
                self._rows[row].role is not RowRole.LINKED):
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

    def diff_key(self, row: int, column: int) -> tuple[DiffKey, bool] | None:
        """What the cell's word diff is of (reference, its paragraphs, other, its paragraphs)
        and whether the cell is the reference side; None for a cell without a counterpart."""
        found = self.counterpart(row, column)
        if found is None:
            return None
        partner, is_reference = found
        document = self._columns[column]
        cells = self._rows[row].cells
        reference, other = (document, partner) if is_reference else (partner, document)
        return (reference, cells[reference], other, cells[other]), is_reference

    def missing_diff(self, row: int, column: int) -> DiffKey | None:
        """The key of the cell's word diff when the colours need it and it is not computed
        yet (for the view to want from the worker); else None."""
        if self._mode is not HighlightMode.CHANGES or self._comparison is None or not (
                0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        found = self.diff_key(row, column)
        if found is None or found[0] in self._diffs:
            return None
        return found[0]

    def changes(self, row: int, column: int, *, wait: bool = True
                ) -> tuple[ChangeSpan, ...] | None:
        """The cell's word-level diff spans against its counterpart (computed on first use,
        then kept: only rows that are shown are diffed). With ``wait=False`` and the diff not
        computed yet: None (the worker is to compute it)."""
        found = self.diff_key(row, column)
        if found is None or self._comparison is None:
            return ()
        key, is_reference = found
        diff = self._diffs.get(key)
        if diff is None:
            if not wait:
                return None
            if self._tokenizer is None:  # looked up once: each lookup lists the lexicon's words
                self._tokenizer = get_tokenizer()
            diff = self._diffs[key] = cell_diff(self._comparison, *key,
                                                tokenizer=self._tokenizer)
        return diff.side(is_reference)

    # -- diffs from the worker -----------------------------------------------------------

    def set_diff_worker(self, worker: DiffWorker | None) -> None:
        """Compute word diffs on ``worker`` from now on (None: on the calling thread)."""
        if self._worker is not None:
            self._worker.ready.disconnect(self._diff_arrived)
        self._worker = worker
        self._awaited.clear()
        self._asked.clear()
        if worker is not None:
            worker.ready.connect(self._diff_arrived)
            self._generation = worker.reset(self._comparison)

    @property
    def diff_worker(self) -> DiffWorker | None:
        return self._worker

    def take_asked(self) -> list[DiffKey]:
        """Keys of cells built without their diff since last asked (still missing)."""
        asked, self._asked = self._asked, []
        return [k for k in dict.fromkeys(asked) if k not in self._diffs]

    def diff_pending(self, row: int, column: int) -> bool:
        """True while the cell is shown without the word diff it is waiting for (the view
        asks the worker for it; asking here again keeps it wanted)."""
        key = self.missing_diff(row, column)
        if key is None:
            return False
        self.cell(row, column)  # built (and registered) if it was not
        self._asked.append(key)
        self.diffs_wanted.emit()
        return True

    def _diff_arrived(self, generation: int, key: object, diff: object) -> None:
        if self._worker is not None:
            self._worker.received()
        if generation != self._generation or not isinstance(diff, CellDiff):
            return  # for an earlier comparison: dropped
        self._diffs[key] = diff  # type: ignore[index]
        cells = self._awaited.pop(key, ())  # type: ignore[call-overload]
        for row, document in cells:
            if self._cache.pop((row, document), None) is None:
                continue
            column = self.column_of(document)
            if column is not None and row < len(self._rows):
                index = self.index(row, column)
                self.dataChanged.emit(index, index, [CELL_ROLE])

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

    def _default_folding(self) -> None:
        """Bands start unfolded (gathered and folded for many documents that correspond);
        two documents that hardly correspond lead with the passages they share
        (``table_rows.default_folding``)."""
        c = self._comparison
        opening = self._opening
        if c is None:
            folding = Folding()
        elif opening is not None and opening.fits(c, self._columns):
            folding = opening.folding
        else:
            folding = default_folding(c, self._columns)
        self._folded = set(folding.folded)
        self._shared, self._groups = folding.shared, folding.groups
        self._shared_count = folding.shared_count
        self._gather = folding.gather

    def _folding(self) -> Folding:
        return Folding(frozenset(self._folded), self._shared, self._groups,
                       self._shared_count, self._gather)

    def _opens_as_laid_out(self) -> bool:
        """Whether the table is laid out as a comparison opens (every row, not packed)."""
        return not self._pack and self._filter is RowFilter.ALL

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

    @property
    def gathered(self) -> bool:
        """Whether bands are gathered, one per run (many documents that correspond)."""
        return self._gather

    def _build_rows(self) -> None:
        c = self._comparison
        self._cache.clear()
        self._awaited.clear()
        self._plain.clear()
        self._changes.clear()
        self._row_of = {}
        self._hidden_in = {}
        self._indexed = False
        if c is None:
            self._rows = ()
            return
        opening = self._opening
        if opening is not None and opening.fits(c, self._columns) and (
                self._opens_as_laid_out() and self._folded == opening.folding.folded
                and self._groups is opening.folding.groups):
            self._rows = opening.rows  # laid out already (on the worker, or before)
        else:
            self._rows = view_rows(c, self._columns, folded=self._folded,
                                   row_filter=self._filter, pack=self._pack,
                                   groups=self._groups, gather=self._gather)
        self._indexed = False  # row_of / hidden_in: worked out when first asked

    def _rows_of(self, document: int) -> dict[int, int]:
        """Paragraph → the first row showing it, for one document; worked out when first
        asked (300 documents × hundreds of rows: the first paint needs none of it)."""
        found = self._row_of.get(document)
        if found is None:
            found = {}
            for r in range(len(self._rows) - 1, -1, -1):  # last to first: the first is kept
                row = self._rows[r]
                if row.role is RowRole.SHARED or row.header or document >= len(row.cells):
                    continue
                found.update(dict.fromkeys(row.cells[document], r))
            self._row_of[document] = found
        return found

    def _index(self) -> None:
        """The folded band header hiding each hidden paragraph; built on first use."""
        if self._indexed:
            return
        self._indexed = True
        c = self._comparison
        self._hidden_in = {}
        if c is None or not self._folded or self._pack:
            return
        band_rows = {row.band: r for r, row in enumerate(self._rows)
                     if row.role is RowRole.BAND}
        rows = c.alignment.rows
        columns = set(self._columns)
        for band in bands(rows, self._columns, len(c.documents), gather=self._gather,
                          reference=self.reference):
            header = band_rows.get(band.key)
            if header is None or not self._rows[header].folded:
                continue  # an unfolded band's paragraphs have their rows
            for source in band.sources:
                cells = rows[source].cells
                for d in compress(range(len(cells)), cells):  # the documents with text
                    if d in columns:
                        for p in cells[d]:
                            self._hidden_in[(d, p)] = header

    def _rebuild(self) -> None:
        self.beginResetModel()
        self._build_rows()
        self.endResetModel()

    # -- bands, folding and the filter ---------------------------------------------------

    def is_header(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row].header

    def role_at(self, row: int) -> RowRole:
        return self._rows[row].role

    def toggle_fold(self, row: int) -> int | None:
        """Fold or unfold the band (or shared section) whose header is ``row``; the header's
        new row (None if ``row`` is no header)."""
        if not self.is_header(row):
            return None
        key = self._rows[row].band
        if key in self._folded:
            self._folded.discard(key)
        else:
            self._folded.add(key)
        self._rebuild()
        return self.header_row(key)

    def header_row(self, key: int) -> int | None:
        for r, row in enumerate(self._rows):
            if row.header and row.band == key:
                return r
        return None

    def set_all_folded(self, folded: bool) -> None:
        keys = {row.band for row in self._rows if row.header}
        if folded:
            self._folded |= keys
        else:
            self._folded.clear()
        self._rebuild()

    def set_filter(self, row_filter: RowFilter) -> None:
        if row_filter is not self._filter:
            self._filter = row_filter
            self._rebuild()

    @property
    def row_filter(self) -> RowFilter:
        return self._filter

    def reveal(self, document: int, paragraph: int) -> None:
        """Unfold the band that hides ``paragraph`` of ``document``, if one does."""
        self.reveal_all([(document, paragraph)])

    def reveal_all(self, places: Sequence[tuple[int, int]]) -> bool:
        """Unfold the bands hiding any of these (document, paragraph); True if any did."""
        self._index()
        keys = {self._rows[r].band for r in (self._hidden_in.get(p) for p in places)
                if r is not None}
        if not keys:
            return False
        self._folded -= keys
        self._rebuild()
        return True

    def band_label(self, row: int) -> str:
        c = self._comparison
        view_row = self._rows[row]
        if c is None:
            return ""
        arrow = "▸ " if view_row.folded else "▾ "
        if view_row.role is RowRole.SHARED_HEADER:
            # counted as the reports count them: "12 passages in 7 paragraph pairs"
            count = self._shared_count
            summary = shared_summary(count.passages, count.paragraph_pairs, language())
            if len(self._shared) < count.passages:  # the table holds the most distinctive
                summary += self.tr(" (the %1 most distinctive shown)").replace(
                    "%1", f"{len(self._shared):,}")
            return arrow + self.tr("Shared passages: %1 — click one to go to it").replace(
                "%1", summary)
        counts = view_row.counts
        holders = [d for d in self._columns if d < len(counts) and counts[d]]
        if len(holders) > 1:  # a gathered band (many documents): counted, a few named
            comma = "、" if language() == "zh" else ", "
            named = comma.join(self.label(d) for d in holders[:GATHERED_NAMED])
            if len(holders) > GATHERED_NAMED:
                named += comma + "…"
            return arrow + self.tr("Only in some documents: %1 paragraphs in %2 documents "
                                   "(%3)").replace("%1", f"{sum(counts):,}").replace(
                "%2", f"{len(holders):,}").replace("%3", named)
        parts = []
        for d in self._columns:
            n = counts[d] if d < len(counts) else 0
            if n:
                label = (self.tr("Only in %s: 1 paragraph") if n == 1
                         else self.tr("Only in %s: %d paragraphs").replace("%d", str(n)))
                parts.append(label.replace("%s", self.short_name(d)))
        return arrow + " · ".join(parts)

    def short_name(self, document: int) -> str:
        """The document's label (A, B…) and the start of its title, for band headers."""
        assert self._comparison is not None
        doc = self._comparison.documents[document]
        return f"{self.label(document)} {document_label(doc.title, doc.name, limit=12)}"

    def shared_passages(self) -> tuple[SharedRow, ...]:
        return self._shared

    def shared_groups(self) -> tuple[SharedGroup, ...]:
        """The shared section's rows: the passages gathered by pair of paragraphs."""
        return self._groups

    def passage_at(self, row: int) -> SharedGroup | None:
        """The passages a row of the shared section shows (one pair of paragraphs)."""
        view_row = self._rows[row]
        return self._groups[view_row.passage] if view_row.role is RowRole.SHARED else None

    def row_changes(self, row: int) -> tuple[Change, ...]:
        """The changed words of a linked row, against the pivot (or the row's first cell)."""
        if not (0 <= row < len(self._rows)) or self._comparison is None:
            return ()
        if row in self._changes:
            return self._changes[row]
        view_row = self._rows[row]
        found: tuple[Change, ...] = ()
        if view_row.role is RowRole.LINKED and view_row.kind is not LinkKind.EQUAL:
            filled = [d for d in self._columns if d < len(view_row.cells) and view_row.cells[d]]
            pivot = self._comparison.alignment.pivot
            reference = pivot if pivot in filled else (filled[0] if filled else -1)
            if reference >= 0:
                found = linked_changes(self._comparison, view_row.cells, self._columns,
                                       reference)
        self._changes[row] = found
        return found

    def overview_rows(self) -> tuple[list[int], list[int]]:
        """Rows to mark beside the scroll bar: (differences, shared passages)."""
        shared = [r for r, row in enumerate(self._rows)
                  if row.role in (RowRole.SHARED, RowRole.SHARED_HEADER)]
        return self.difference_rows(), shared

    def set_columns(self, columns: Sequence[int]) -> None:
        """Show the comparison's documents in another order, or only some of them."""
        self.beginResetModel()
        changed = tuple(columns) != self._columns
        self._columns = tuple(columns) if self._comparison else ()
        if changed:
            self._default_folding()
        self._build_rows()
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
        return self._rows_of(document).get(paragraph)

    def display_row(self, row: int) -> ViewRow:
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
            self._awaited.clear()
            self._emit_all_changed()

    def search_text(self) -> str:
        return self._search

    def reveal_matches(self, text: str) -> bool:
        """Unfold the bands holding paragraphs that contain ``text``."""
        self._index()
        if self._comparison is None or not text.strip() or not self._hidden_in:
            return False
        normalized = normalize_paragraph(text)[0]
        documents = self._comparison.documents
        return self.reveal_all([(d, p) for d, p in self._hidden_in
                                if paragraph_matches(documents[d].paragraphs[p], text,
                                                     normalized)])

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
        view_row = self._rows[row]
        if view_row.header:
            built = CellText(self.band_label(row), (), (), ())
            self._cache[key] = built
            return built
        passage = self.passage_at(row)
        if passage is not None:
            built = self._passage_cell(passage, document)
            self._cache[key] = built
            return built
        paragraphs = self.paragraphs_at(row, column)
        doc = self._comparison.documents[document]
        marks = self._comparison.marks[document] if document < len(self._comparison.marks) else None
        focus = [s for p in paragraphs for s in self._focus.get((document, p), ())]
        mode = self._mode
        changes: tuple[ChangeSpan, ...] | None = ()
        if mode is HighlightMode.CHANGES:
            if self.counterpart(row, column) is None:
                mode = HighlightMode.SHARED  # no counterpart: what it shares with the others
            else:
                changes = self.changes(row, column, wait=self._worker is None)
                if changes is None:  # on the worker: shown without it until it arrives
                    found = self.diff_key(row, column)
                    assert found is not None
                    self._awaited.setdefault(found[0], set()).add(key)
                    self._asked.append(found[0])
                    self.diffs_wanted.emit()
                    changes = ()
        built = cell_text(doc, paragraphs, marks, focus=focus, mode=mode, changes=changes)
        if self._search:
            extra = tuple(
                Mark(a, b, MarkKind.FOCUS, paragraph=_or_minus_one(built.paragraph_at(a)))
                for a, b in find_in_cell(doc, built, self._search, self._search_normalized)
            )
            built = CellText(built.text, built.marks + extra, built.paragraphs, built.offsets)
        self._cache[key] = built
        return built

    def _passage_cell(self, group: SharedGroup, document: int) -> CellText:
        """The sentences holding the group's passages (" … " between sentences apart), each
        passage emphasised, after the paragraph's number."""
        assert self._comparison is not None
        paragraph_index = group.paragraph_of(document)
        if paragraph_index is None:
            return CellText("", (), (), ())
        paragraph = self._comparison.documents[document].paragraphs[paragraph_index]
        shown = display_text(paragraph)  # as the document is shown: without glosses
        text = shown.text
        spans = sorted(shown.span(span.start, span.end) for p in group.passages
                       for d, span in p.spans if d == document)
        pieces: list[list[int]] = []  # [first, last) of each run of sentences shown
        for start, end in spans:
            first = max((text.rfind(c, 0, start) for c in SENTENCE_ENDS), default=-1) + 1
            while first < start and text[first].isspace():
                first += 1
            ends = [i for i in (text.find(c, end) for c in SENTENCE_ENDS) if i >= 0]
            last = min(ends) + 1 if ends else len(text)
            if pieces and first <= pieces[-1][1]:
                pieces[-1][1] = max(pieces[-1][1], last)
            else:
                pieces.append([first, last])
        prefix = number_prefix(paragraph_index)
        out = prefix
        marks = []
        for i, (first, last) in enumerate(pieces):
            if i:
                out += " … "
            base = utf16_len(out) - utf16_len(text[:first])  # text index → cell's UTF-16
            for start, end in spans:
                if first <= start < last:
                    marks.append(Mark(base + utf16_len(text[:start]),
                                      base + utf16_len(text[:end]), MarkKind.SHARED,
                                      paragraph=paragraph_index))
            out += text[first:last].rstrip()
        return CellText(out, tuple(marks), (paragraph_index,), (utf16_len(prefix),))

    # -- navigation ----------------------------------------------------------------------

    def difference_rows(self) -> list[int]:
        """Rows where the documents differ: band headers (unfolded bands count once), and
        linked rows not all equal, with a missing or moved paragraph, or new wording."""
        if self._comparison is None:
            return []
        marks = self._comparison.marks
        columns = self._columns
        result = []
        for r, row in enumerate(self._rows):
            if row.role is RowRole.BAND:
                result.append(r)
                continue
            if row.role in (RowRole.SHARED, RowRole.SHARED_HEADER) or (
                row.role is RowRole.UNALIGNED and not self._pack
            ):
                continue
            # cheapest tests first; short-circuits (300 columns × every row at each reset)
            if row.packed or row.kind is not LinkKind.EQUAL or any(row.moved):
                result.append(r)
                continue
            cells = row.cells
            n = len(cells)
            if any(d >= n or not cells[d] for d in columns) or any(
                marks[d][p].new
                for d in columns
                if d < len(marks)
                for p in cells[d]
                if p < len(marks[d])
            ):
                result.append(r)
        return result

    def search_hits(self) -> list[tuple[int, int]]:
        """Cells (row, column) holding the search text or a focused occurrence, in reading order."""
        if self._comparison is None:
            return []
        if self._search:
            hits = []
            for r in range(len(self._rows)):
                if self._rows[r].header or self._rows[r].role is RowRole.SHARED:
                    continue
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
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._comparison is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows) and 0 <= column < len(self._columns)):
            return None
        if role == CELL_ROLE:
            return self.cell(row, column)
        view_row = self._rows[row]
        if view_row.header and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Click, or press Space, to fold or unfold")
            return self.band_label(row)
        if view_row.role is RowRole.SHARED and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Shared passage: click to go to it")
        if role == Qt.ItemDataRole.DisplayRole:
            if view_row.role is RowRole.SHARED:
                return self.cell(row, column).text
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
        if role == ROW_ROLE:
            return self._rows[row].role.value
        if role == FOLDED_ROLE:
            return self._rows[row].folded
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
                if row.header:
                    return "▸" if row.folded else "▾"
                if row.role is RowRole.SHARED:
                    return "≡"
                if row.source >= 0:
                    return str(row.source + 1)
                return str(section + 1) + (" ·" if row.packed else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                if row.header or row.role is RowRole.SHARED:
                    return None
                if row.role is RowRole.UNALIGNED and not row.packed:
                    return self.tr("Only in one of the documents shown: no counterpart")
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
            date = date_text(doc.date)
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
