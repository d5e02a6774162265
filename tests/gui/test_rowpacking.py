"""Packing unaligned paragraphs side by side keeps every paragraph once, in its order, and
leaves the aligned rows as the engine made them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.compare.model import AlignmentRow, Comparison, LinkKind
from tifa.gui.rowpacking import display_rows


@st.composite
def alignments(draw: st.DrawFn) -> tuple[int, list[AlignmentRow]]:
    """Rows as the engine makes them: each document's paragraphs in order, some rows
    aligned (two or more documents), others holding one document's paragraph."""
    n = draw(st.integers(2, 5))
    next_paragraph = [0] * n
    rows = []
    for _ in range(draw(st.integers(0, 30))):
        members = draw(st.sets(st.integers(0, n - 1), min_size=1, max_size=n))
        cells = []
        for d in range(n):
            if d in members:
                size = draw(st.integers(1, 2))
                cells.append(tuple(range(next_paragraph[d], next_paragraph[d] + size)))
                next_paragraph[d] += size
            else:
                cells.append(())
        kind = None if len(members) == 1 else draw(st.sampled_from(list(LinkKind)))
        rows.append(AlignmentRow(cells=tuple(cells), kind=kind, moved=(False,) * n))
    return n, rows


def _paragraph_orders(rows: object, n: int) -> list[list[int]]:
    return [[p for row in rows for p in row.cells[d]] for d in range(n)]  # type: ignore[attr-defined]


@given(alignments())
def test_packing_keeps_every_paragraph_once_in_order(case: tuple[int, list[AlignmentRow]]) -> None:
    n, rows = case
    packed = display_rows(rows, n)
    assert _paragraph_orders(packed, n) == _paragraph_orders(rows, n)


@given(alignments())
def test_aligned_rows_are_untouched_and_packed_rows_only_hold_unaligned_paragraphs(
    case: tuple[int, list[AlignmentRow]],
) -> None:
    n, rows = case
    packed = display_rows(rows, n)
    aligned_in = [r.cells for r in rows if sum(1 for c in r.cells if c) > 1]
    aligned_out = [r.cells for r in packed if r.kind is not None]
    assert aligned_out == aligned_in
    single = {(d, c) for r in rows for d, c in enumerate(r.cells) if c and
              sum(1 for x in r.cells if x) == 1}
    for row in packed:
        if row.kind is None:
            assert all((d, c) in single for d, c in enumerate(row.cells) if c)
            assert row.packed == (sum(1 for c in row.cells if c) > 1)
    assert len(packed) <= len(rows)


@given(alignments())
def test_without_packing_rows_are_the_engines(case: tuple[int, list[AlignmentRow]]) -> None:
    n, rows = case
    assert [r.cells for r in display_rows(rows, n, pack=False)] == [r.cells for r in rows]


def test_beijing_and_chengdu_read_side_by_side(all_seeds_comparison: Comparison) -> None:
    """000 and 003 are different meetings whose paragraphs hardly correspond: unpacked, the
    table is a staircase of one-sided rows; packed, the two reports run next to each other."""
    c = all_seeds_comparison
    rows = [
        AlignmentRow(cells=(r.cells[0], r.cells[3]), kind=r.kind)
        for r in c.alignment.rows
        if r.cells[0] or r.cells[3]
    ]
    packed = display_rows(rows, 2)
    sizes = (len(c.documents[0].paragraphs), len(c.documents[3].paragraphs))
    if not c.pair(0, 3).links:
        assert len(packed) == max(sizes)
        assert sum(1 for r in packed if all(r.cells)) == min(sizes)
    assert len(packed) < len(rows)
