"""The side-by-side table's rows for a comparison's shown columns, as plain values: worked out
on any thread, no Qt.

Laying out 300 documents' alignment (thousands of rows × 300 cells) takes 100–200 ms of
Python: done on the GUI thread when a comparison arrives, it froze the window that long. The
session lays the rows out on the comparing worker instead, right after the comparison
(``TableRows``, handed over with it), and ``AlignmentModel`` only swaps them in; the model
lays out the same way (these functions) whatever no worker prepared: another folding,
filter or packing, other columns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from tifa.engine.compare.model import Comparison, LinkKind
from tifa.engine.compare.rowlayout import (
    SHARED_SECTION,
    RowFilter,
    RowRole,
    SharedCount,
    SharedGroup,
    SharedRow,
    ViewRow,
    bands,
    gathers,
    layout_rows,
    linked_share,
    notable_shared,
    shared_count,
    shared_groups,
    shared_rows,
)
from tifa.gui.rowpacking import display_rows

# Two documents sharing less than this share of their paragraphs in linked rows open with
# their bands folded and the passages they share first.
FEW_LINKS = 1 / 3
NOTHING_SHARED = SharedCount(0, 0)


@dataclass(frozen=True, slots=True)
class Folding:
    """What a set of columns opens with: the folded band keys, whether bands are gathered
    (``rowlayout.gathers``) and, for two documents, the passages they share (the shared
    section's rows) and how many the reports count."""

    folded: frozenset[int] = frozenset()
    shared: tuple[SharedRow, ...] = ()
    groups: tuple[SharedGroup, ...] = ()
    shared_count: SharedCount = NOTHING_SHARED
    gather: bool = False


def reference_of(comparison: Comparison, columns: Sequence[int]) -> int | None:
    """The document the others are diffed against: the pivot when it is shown, else the
    first column (in a pair view, the pair's first document)."""
    if not columns:
        return None
    pivot = comparison.alignment.pivot
    return pivot if pivot in columns else columns[0]


def default_folding(comparison: Comparison, columns: Sequence[int]) -> Folding:
    """Bands start unfolded (gathered and folded for many documents that correspond: one
    band per run between linked rows, the text most documents share first); two documents
    that hardly correspond lead with the passages they share (otherwise that section starts
    folded)."""
    if len(columns) < 2:
        return Folding()
    shared: tuple[SharedRow, ...] = ()
    groups: tuple[SharedGroup, ...] = ()
    count = NOTHING_SHARED
    if len(columns) == 2:
        shared = shared_rows(comparison, *columns)
        groups = shared_groups(shared)
        count = shared_count(notable_shared(comparison.pair(*columns)))
    rows = comparison.alignment.rows
    share = linked_share(rows, columns)
    folded = {SHARED_SECTION} if share >= FEW_LINKS else set()
    gather = gathers(columns, share)
    if gather:
        folded.update(b.key for b in bands(rows, columns, len(comparison.documents),
                                           gather=True,
                                           reference=reference_of(comparison, columns)))
    return Folding(frozenset(folded), shared, groups, count, gather)


def source_differs(comparison: Comparison, columns: Sequence[int], source: int) -> bool:
    """Whether alignment row ``source`` shows a difference between ``columns``: not all
    equal, a document without text or moved, or a paragraph with new wording."""
    c = comparison
    row = c.alignment.rows[source]
    cells = [row.cells[d] if d < len(row.cells) else () for d in columns]
    return (
        row.kind is not LinkKind.EQUAL
        or any(not cell for cell in cells)
        or any(row.moved[d] for d in columns if d < len(row.moved))
        or any(
            c.marks[d][p].new
            for d in columns
            for p in (row.cells[d] if d < len(row.cells) else ())
            if d < len(c.marks) and p < len(c.marks[d])
        )
    )


def view_rows(
    comparison: Comparison, columns: Sequence[int], *, folded: Collection[int],
    row_filter: RowFilter = RowFilter.ALL, pack: bool = False,
    groups: Sequence[SharedGroup] = (), gather: bool = False,
) -> tuple[ViewRow, ...]:
    """The table's rows: one document's paragraphs one row each; packed (see
    ``rowpacking``); or linked rows and folding bands (see ``rowlayout``; ``gather``:
    ``Folding.gather``)."""
    c = comparison
    if len(c.documents) == 1:
        # one document shown to be read: a row per paragraph, no bands to fold
        return tuple(ViewRow(RowRole.UNALIGNED, r.cells, source=s)
                     for s, r in enumerate(c.alignment.rows))
    if pack:
        return tuple(
            ViewRow(RowRole.LINKED if r.kind is not None or (sum(map(bool, r.cells)) > 1
                    and not r.packed) else RowRole.UNALIGNED,
                    r.cells, r.kind, r.moved, packed=r.packed)
            for r in display_rows(c.alignment.rows, len(c.documents), pack=True)
        )
    shown = tuple(columns)
    return layout_rows(
        c.alignment.rows, shown, len(c.documents), folded=folded, row_filter=row_filter,
        differs=lambda source: source_differs(c, shown, source), shared=groups,
        gather=gather, reference=reference_of(c, shown),
    )


@dataclass(frozen=True, slots=True)
class TableRows:
    """A comparison's table as it opens for ``columns``: default folding, every row, not
    packed. Immutable: made on a worker, read on the GUI thread."""

    comparison: Comparison
    columns: tuple[int, ...]
    folding: Folding
    rows: tuple[ViewRow, ...]

    def fits(self, comparison: Comparison | None, columns: Sequence[int]) -> bool:
        """Whether these are the rows of ``comparison`` shown in ``columns``."""
        return comparison is self.comparison and tuple(columns) == self.columns


def table_rows(comparison: Comparison, columns: Sequence[int]) -> TableRows:
    """The rows ``comparison`` opens with in ``columns`` (on any thread: pure values)."""
    shown = tuple(columns)
    folding = default_folding(comparison, shown)
    rows = view_rows(comparison, shown, folded=folding.folded, groups=folding.groups,
                     gather=folding.gather)
    return TableRows(comparison, shown, folding, rows)
