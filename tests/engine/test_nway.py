"""N-way alignment table: every paragraph exactly once, orders kept, rows agree with the
pairwise links, orphans of several documents share rows when they correspond."""

from __future__ import annotations

import random
from functools import cache
from itertools import combinations

import pytest
from _witness import seed_paragraph_texts
from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.compare.align import align_keys, comparison_key
from tifa.engine.compare.model import Alignment, LinkKind, ParagraphLink
from tifa.engine.compare.nway import links_between, nway_alignment


@cache
def pool() -> tuple[str, ...]:
    keys = sorted({comparison_key(t) for t in seed_paragraph_texts() if len(t) >= 40})
    return tuple(keys)


def pair_links(docs: list[list[str]]) -> dict[tuple[int, int], tuple[ParagraphLink, ...]]:
    return {(a, b): align_keys(docs[a], docs[b]) for a, b in combinations(range(len(docs)), 2)}


def variant(base: list[str], rnd: random.Random, others: list[str]) -> list[str]:
    out = list(base)
    for _ in range(rnd.randint(0, 6)):
        op = rnd.choice(["delete", "insert", "move", "split", "merge", "edit"])
        if not out:
            break
        k = rnd.randrange(len(out))
        if op == "delete":
            del out[k]
        elif op == "insert":
            out.insert(rnd.randrange(len(out) + 1), rnd.choice(others))
        elif op == "move":
            out.insert(rnd.randrange(len(out)), out.pop(k))
        elif op == "split" and len(out[k]) > 20:
            half = len(out[k]) // 2
            out[k : k + 1] = [out[k][:half], out[k][half:]]
        elif op == "merge" and k + 1 < len(out):
            out[k : k + 2] = [out[k] + out[k + 1]]
        elif op == "edit":
            i = rnd.randrange(len(out[k]))
            out[k] = out[k][:i] + "改" + out[k][i + 1 :]
    return out


def check_table(docs: list[list[str]], links: dict, table: Alignment) -> None:
    n = len(docs)
    seen: dict[tuple[int, int], int] = {}
    for r, row in enumerate(table.rows):
        assert len(row.cells) == n and len(row.moved) == n
        for d, cell in enumerate(row.cells):
            for p in cell:
                assert (d, p) not in seen, "a paragraph in two rows"
                seen[(d, p)] = r
    assert set(seen) == {(d, p) for d in range(n) for p in range(len(docs[d]))}
    pivot = table.pivot
    for r, row in enumerate(table.rows):
        for d in range(n):
            moved_links = [
                lk
                for lk in links_between(links, pivot, d)
                if d != pivot and lk.kind is LinkKind.MOVED and seen[(d, lk.b[0])] == r
            ]
            assert row.moved[d] == bool(moved_links)
    for d in range(n):
        sequence = [p for row in table.rows if not row.moved[d] for p in row.cells[d]]
        assert sequence == sorted(sequence), f"document {d} out of order"
    for d in range(n):
        if d == pivot:
            continue
        for link in links_between(links, pivot, d):
            rows = {seen[(pivot, p)] for p in link.a} | {seen[(d, q)] for q in link.b}
            assert len(rows) == 1, "a link's paragraphs share a row"
            (r,) = rows
            if link.kind is LinkKind.MOVED:
                assert table.rows[r].moved[d]


@given(st.integers(2, 6), st.randoms(use_true_random=False), st.data())
def test_table_invariants(count: int, rnd: random.Random, data: st.DataObject) -> None:
    keys = list(pool())
    base = rnd.sample(keys, 8)
    others = [k for k in keys if k not in base]
    docs = [base] + [variant(base, rnd, others) for _ in range(count - 1)]
    rnd.shuffle(docs)
    links = pair_links(docs)
    pivot = data.draw(st.integers(0, count - 1))
    check_table(docs, links, nway_alignment([len(d) for d in docs], links, pivot))


def test_rows_follow_the_pivot_and_join_corresponding_orphans() -> None:
    x, y, z, w, v = pool()[:5]
    z_edited = z[:10] + "改" + z[11:]
    docs = [
        [x, y, w],  # pivot
        [x, z, y, w],  # z inserted
        [x, z_edited, y, w[:20], w[20:]],  # the same insertion, edited; w split
        [v, w, x, y],  # w and x swapped... and v new
    ]
    links = pair_links(docs)
    table = nway_alignment([len(d) for d in docs], links, pivot=0)
    check_table(docs, links, table)
    cells = [row.cells for row in table.rows]
    assert ((), (1,), (1,), ()) in cells, "z and its edit share a row"
    assert ((2,), (3,), (3, 4), (1,)) in cells or ((2,), (3,), (3, 4), ()) in cells
    assert ((), (), (), (0,)) in cells
    rows_with_moved = [row for row in table.rows if any(row.moved)]
    assert rows_with_moved and all(row.kind is LinkKind.MOVED for row in rows_with_moved)


def test_merges_join_pivot_rows() -> None:
    x, y, z = pool()[5:8]
    docs = [[x, y, z], [x + y, z]]
    table = nway_alignment([3, 2], pair_links(docs), pivot=0)
    assert [row.cells for row in table.rows] == [((0, 1), (0,)), ((2,), (1,))]
    assert table.rows[0].kind is LinkKind.MERGE
    flipped = nway_alignment([3, 2], pair_links(docs), pivot=1)
    assert [row.cells for row in flipped.rows] == [((0, 1), (0,)), ((2,), (1,))]
    assert flipped.rows[0].kind is LinkKind.SPLIT


def test_bad_pivot() -> None:
    with pytest.raises(ValueError, match="pivot"):
        nway_alignment([1, 1], {}, 2)


def test_fifty_documents_in_one_table() -> None:
    """The most Tifa compares: 50 reports of one text, each edited its own way."""
    rnd = random.Random(50)
    keys = list(pool())
    base = rnd.sample(keys, 12)
    others = [k for k in keys if k not in base]
    docs = [base] + [variant(base, rnd, others) for _ in range(49)]
    links = pair_links(docs)
    for pivot in (0, 37):
        table = nway_alignment([len(d) for d in docs], links, pivot)
        check_table(docs, links, table)
        # unedited paragraphs of the base line up across the documents that kept them
        full_rows = [row for row in table.rows if all(row.cells)]
        assert len(full_rows) >= 3
