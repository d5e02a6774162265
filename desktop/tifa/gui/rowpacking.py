"""Lay out the engine's alignment rows for reading: paragraphs without a counterpart sit
side by side, in each document's order, instead of one staircase row each.

Between two aligned rows (rows where at least two documents have text), the engine gives one
row per unaligned paragraph. Like a side-by-side diff shows a replaced block's old and new
lines next to each other, these are packed: the k-th unaligned paragraph of every document
goes in the k-th packed row. Packed rows are flagged, so the view can say they are *not*
aligned. No Qt here; nothing is compared, only rows are arranged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tifa.engine.compare.model import AlignmentRow, LinkKind


@dataclass(frozen=True, slots=True)
class DisplayRow:
    cells: tuple[tuple[int, ...], ...]  # per comparison document: its paragraphs in this row
    kind: LinkKind | None
    moved: tuple[bool, ...]
    packed: bool = False  # unaligned paragraphs placed side by side: no link between them


def _filled(row: AlignmentRow) -> int:
    return sum(1 for cell in row.cells if cell)


def _moved(row: AlignmentRow, n: int) -> tuple[bool, ...]:
    return tuple(row.moved) if len(row.moved) == n else (False,) * n


def display_rows(rows: Sequence[AlignmentRow], n_documents: int, *,
                 pack: bool = True) -> tuple[DisplayRow, ...]:
    """The rows to show; with ``pack``, runs of one-document rows are packed."""
    n = n_documents
    if not pack:
        return tuple(DisplayRow(tuple(r.cells), r.kind, _moved(r, n)) for r in rows)
    out: list[DisplayRow] = []
    pending: list[list[tuple[tuple[int, ...], bool]]] = [[] for _ in range(n)]

    def flush() -> None:
        depth = max((len(p) for p in pending), default=0)
        for k in range(depth):
            cells = tuple(p[k][0] if k < len(p) else () for p in pending)
            moved = tuple(p[k][1] if k < len(p) else False for p in pending)
            filled = sum(1 for c in cells if c)
            out.append(DisplayRow(cells, None, moved, packed=filled > 1))
        for p in pending:
            p.clear()

    for row in rows:
        if _filled(row) == 1:
            d = next(i for i, cell in enumerate(row.cells) if cell)
            pending[d].append((row.cells[d], _moved(row, n)[d]))
            continue
        flush()
        out.append(DisplayRow(tuple(row.cells), row.kind, _moved(row, n)))
    flush()
    return tuple(out)
