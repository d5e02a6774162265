"""N-way alignment: 2 to 1,000 documents in one table, one column per document, around a pivot.

Rows follow the pivot's paragraphs in order. Each row holds, for every other document, the
paragraphs linked to that row's pivot paragraphs (pairwise links pivot × document); a merge in
any document joins the pivot paragraphs it covers into one row. Paragraphs of other documents
not linked to the pivot get rows of their own, placed right after the row of their nearest
preceding paragraph (in that document) that is in order; such rows of several documents at the
same place share a row when those paragraphs are linked to each other. Every paragraph of every
document is in exactly one row.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from tifa.engine.compare.align import mirror_links
from tifa.engine.compare.model import Alignment, AlignmentRow, LinkKind, ParagraphLink

# When a row's documents relate to the pivot in several ways, the row shows the strongest.
_KIND_RANK = {
    LinkKind.EQUAL: 0,
    LinkKind.EDITED: 1,
    LinkKind.SPLIT: 2,
    LinkKind.MERGE: 3,
    LinkKind.MOVED: 4,
}


def links_between(
    links: Mapping[tuple[int, int], Sequence[ParagraphLink]], a: int, b: int
) -> tuple[ParagraphLink, ...]:
    """The links of documents ``a`` and ``b`` oriented from ``a``, from pairs keyed ``lo < hi``."""
    if a < b:
        return tuple(links.get((a, b), ()))
    return mirror_links(links.get((b, a), ()))


def _pivot_groups(count: int, links_by_doc: Mapping[int, Sequence[ParagraphLink]]) -> list[int]:
    """Group id of each pivot paragraph: consecutive paragraphs joined by any merge share one."""
    joined = [False] * count  # joined[p]: paragraph p is in the same row as p - 1
    for links in links_by_doc.values():
        for link in links:
            for p in link.a[1:]:
                joined[p] = True
    groups = []
    current = -1
    for p in range(count):
        if not joined[p]:
            current += 1
        groups.append(current)
    return groups


class OrphanLinks(Protocol):
    """Links between paragraphs linked to no pivot paragraph, at the same place."""

    def __call__(
        self, d: int, e: int, mine: Sequence[int], theirs: Sequence[int]
    ) -> Sequence[ParagraphLink]:
        """Links oriented from document ``d`` to ``e`` between paragraphs ``mine`` of ``d``
        and ``theirs`` of ``e``."""

    def linkable(self, orphans: Mapping[int, Sequence[int]]) -> Collection[tuple[int, int]]:
        """The pairs ``(d, e)``, ``e < d``, of a slot's documents (``orphans``: document ->
        its paragraphs there) that may have links: the table asks about no other pair (at
        300 unrelated documents, ~97 % of the pairs link nothing, each costing an alignment
        to learn it)."""


def nway_alignment(
    paragraph_counts: Sequence[int],
    links: Mapping[tuple[int, int], Sequence[ParagraphLink]],
    pivot: int,
    orphan_links: OrphanLinks | None = None,
) -> Alignment:
    """The alignment table of documents with ``paragraph_counts`` paragraphs, from the pairwise
    ``links`` (keyed ``(a, b)`` with ``a < b``, as in ``Comparison.pairs``).

    Paragraphs linked to no pivot paragraph share a row when their documents' links join them:
    by default the links of the whole pair from ``links``; with ``orphan_links``, the links it
    gives between those paragraphs alone (then ``links`` needs only the pivot's pairs)."""
    n = len(paragraph_counts)
    if not 0 <= pivot < n:
        raise ValueError(f"pivot {pivot} is not one of the {n} documents")
    others = [d for d in range(n) if d != pivot]
    to_pivot = {d: links_between(links, pivot, d) for d in others}
    groups = _pivot_groups(paragraph_counts[pivot], to_pivot)
    group_count = (groups[-1] + 1) if groups else 0

    # Rows of the pivot's groups.
    cells: list[list[list[int]]] = [[[] for _ in range(n)] for _ in range(group_count)]
    moved: list[list[bool]] = [[False] * n for _ in range(group_count)]
    kinds: list[LinkKind | None] = [None] * group_count
    for p, g in enumerate(groups):
        cells[g][pivot].append(p)
    row_of: dict[tuple[int, int], int] = {}  # (document, paragraph) -> pivot row
    in_order: dict[int, set[int]] = {d: set() for d in others}
    for d in others:
        for link in to_pivot[d]:
            g = groups[link.a[0]]
            cells[g][d].extend(link.b)
            for j in link.b:
                row_of[(d, j)] = g
                if link.kind is not LinkKind.MOVED:
                    in_order[d].add(j)
            if link.kind is LinkKind.MOVED:
                moved[g][d] = True
            current = kinds[g]
            if current is None or _KIND_RANK[link.kind] > _KIND_RANK[current]:
                kinds[g] = link.kind

    # Paragraphs not linked to the pivot go by the pivot row they follow (-1: before the
    # first), or into the row around them when the paragraphs before and after share one.
    slots: dict[int, dict[int, list[int]]] = {}
    for d in others:
        anchored = [(j, row_of[(d, j)]) for j in sorted(in_order[d])]
        previous_row, k = -1, 0
        for j in range(paragraph_counts[d]):
            while k < len(anchored) and anchored[k][0] < j:
                previous_row = anchored[k][1]
                k += 1
            if (d, j) in row_of:
                continue
            next_row = anchored[k][1] if k < len(anchored) else None
            if next_row is not None and next_row == previous_row:
                cells[previous_row][d].append(j)
            else:
                slots.setdefault(previous_row, {}).setdefault(d, []).append(j)

    rows: list[AlignmentRow] = []
    # one tuple for every row without a move (most rows of many documents: at 1,000
    # documents, ~4,000 rows of 8 KB each)
    unmoved = (False,) * n

    def emit_slot(slot: int) -> None:
        for row_cells in _slot_rows(slots.get(slot, {}), links, orphan_links):
            # a row of a slot holds a few documents' paragraphs: the others' empty cells in
            # one go (a generator over every document took ~0.5 s at 300 unrelated documents)
            slot_cells: list[tuple[int, ...]] = [()] * n
            for d, paragraphs in row_cells.items():
                slot_cells[d] = tuple(paragraphs)
            rows.append(AlignmentRow(cells=tuple(slot_cells), kind=None, moved=unmoved))

    emit_slot(-1)
    for g in range(group_count):
        rows.append(
            AlignmentRow(
                cells=tuple(tuple(sorted(c)) for c in cells[g]),
                kind=kinds[g],
                moved=tuple(moved[g]) if any(moved[g]) else unmoved,
            )
        )
        emit_slot(g)
    return Alignment(pivot=pivot, rows=tuple(rows))


def _slot_rows(
    orphans: Mapping[int, Sequence[int]],
    links: Mapping[tuple[int, int], Sequence[ParagraphLink]],
    orphan_links: OrphanLinks | None = None,
) -> list[dict[int, list[int]]]:
    """Rows for the paragraphs of several documents that fall at the same place: a document's
    paragraph joins an earlier document's row when the two are linked (and the row is after the
    document's previous row, to keep its order); otherwise it starts a new row. Each row maps
    the documents it holds paragraphs of to them (not a list per document: at 1,000 documents
    a slot's rows took ~56 KB each)."""
    rows: list[dict[int, list[int]]] = []
    row_of: dict[tuple[int, int], int] = {}  # (document, paragraph) -> its row here
    done: list[int] = []  # documents placed so far
    linkable = orphan_links.linkable(orphans) if orphan_links is not None else None
    for d in sorted(orphans):
        mine = set(orphans[d])
        # paragraph of d -> the first row it could join: a row holding a paragraph of an
        # earlier document that a link joins to it
        partner_rows: dict[int, int] = {}
        for e in done:
            between: Sequence[ParagraphLink]
            if orphan_links is None:
                between = links_between(links, d, e)
            elif linkable is not None and (d, e) in linkable:
                between = orphan_links(d, e, orphans[d], orphans[e])
            else:
                continue  # nothing to link
            for link in between:
                hit = [row_of[(e, k)] for k in link.b if (e, k) in row_of]
                if not hit:
                    continue
                first = min(hit)
                for j in link.a:
                    if j in mine and first < partner_rows.get(j, first + 1):
                        partner_rows[j] = first
        last_row = -1
        for j in orphans[d]:
            target = partner_rows.get(j)
            if target is not None and target > last_row and d not in rows[target]:
                rows[target][d] = [j]
                last_row = target
            elif target is not None and target == last_row and rows[target][d][-1] == j - 1:
                rows[target][d].append(j)  # a split: both parts linked into the same row
            else:
                rows.append({d: [j]})
                last_row = len(rows) - 1
            row_of[(d, j)] = last_row
        done.append(d)
    return rows
