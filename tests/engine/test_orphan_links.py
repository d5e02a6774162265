"""The N-way table's orphan links skip the pairs of documents whose paragraphs cannot link
(``align.may_link`` / ``linkable_groups``): the filter is exact — every pair it skips aligns to
nothing — checked against ``align_keys`` itself on random and real paragraphs, and the table
it builds is the table built by asking about every pair."""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SLOGANS
from tifa.engine.compare import align, pipeline
from tifa.engine.compare.align import (
    align_keys,
    comparison_key,
    linkable_groups,
    may_link,
    multiset_overlap,
)
from tifa.engine.ingest import read_documents

REPO = Path(__file__).resolve().parents[2]


@cache
def real_keys() -> tuple[tuple[str, ...], ...]:
    """The comparison keys of the paragraphs of the seeds and the real comparison set, a
    tuple per document."""
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        p for p in (REPO / "tests/real/compare").iterdir() if p.suffix in (".txt", ".md")
    )
    return tuple(
        tuple(comparison_key(p.normalized) for p in document.paragraphs)
        for path in paths
        for document in read_documents(path)
    )


def reference(groups: list[list[str]], threshold: float) -> set[tuple[int, int]]:
    """``linkable_groups`` the slow way: ``may_link`` on each pair of lists' overlaps."""
    found = set()
    for h, g in itertools.combinations(range(len(groups)), 2):
        a, b = groups[h], groups[g]
        if not a or not b:
            continue
        overlap = multiset_overlap(b, a)
        len_b = np.array([len(k) for k in b])[:, None]
        len_a = np.array([len(k) for k in a])[None, :]
        if may_link(overlap, len_b, len_a, threshold).any():
            found.add((g, h))
    return found


def check_exact(groups: list[list[str]], threshold: float) -> set[tuple[int, int]]:
    """Every pair of lists ``linkable_groups`` leaves out aligns to nothing, either way round;
    its answer is the slow reference's, whatever its blocks."""
    found = linkable_groups(groups, threshold)
    assert found == reference(groups, threshold)
    with mock.patch.object(align, "_LINKABLE_BLOCK_PAIRS", 1):  # a list a block
        assert linkable_groups(groups, threshold) == found
    for g, h in itertools.combinations(range(len(groups)), 2):
        if (h, g) in found:
            continue
        assert align_keys(groups[g], groups[h], threshold=threshold) == ()
        assert align_keys(groups[h], groups[g], threshold=threshold) == ()
    return found


# Small alphabets and shared phrases: overlaps, near-copies, splits and merges are common.
small = st.text(alphabet="会议强调发展安全稳住的了", min_size=0, max_size=30)
phrase = st.sampled_from(SLOGANS)
unit = small | st.lists(phrase, min_size=1, max_size=4).map("".join)


@given(
    st.lists(st.lists(unit, min_size=0, max_size=6), min_size=0, max_size=5),
    st.sampled_from([0.3, 0.5, 0.7]),
)
@settings(deadline=None)
def test_skipped_pairs_of_random_lists_align_to_nothing(
    groups: list[list[str]], threshold: float
) -> None:
    check_exact(groups, threshold)


def edited(data: st.DataObject, key: str) -> str:
    """``key`` with a share of its characters dropped and others put in: any score from 0
    to 1 against it, often close to a cut-off."""
    keep = [c for c in key if data.draw(st.integers(0, 9)) >= data.draw(st.integers(0, 9))]
    extra = data.draw(st.text(alphabet="中国共产党人民政府", max_size=max(1, len(key) // 2)))
    at = data.draw(st.integers(0, len(keep)))
    return "".join(keep[:at]) + extra + "".join(keep[at:])


@given(st.data(), st.sampled_from([0.3, 0.5, 0.7]))
@settings(deadline=None, max_examples=200)
def test_skipped_pairs_of_edited_copies_align_to_nothing(
    data: st.DataObject, threshold: float
) -> None:
    """Lists whose units are edited copies of an earlier list's units (some joined, some cut
    in two: splits and merges), scores spread over the cut-offs."""
    first = data.draw(st.lists(unit, min_size=1, max_size=5))
    groups = [first]
    for _ in range(data.draw(st.integers(1, 3))):
        source = groups[data.draw(st.integers(0, len(groups) - 1))]
        copy = [edited(data, key) for key in source]
        if len(copy) > 1 and data.draw(st.booleans()):
            at = data.draw(st.integers(0, len(copy) - 2))
            copy[at : at + 2] = [copy[at] + copy[at + 1]]
        if data.draw(st.booleans()):  # one unit cut in 2 to 5 parts
            at = data.draw(st.integers(0, len(copy) - 1))
            whole = copy[at]
            cuts = sorted(data.draw(st.lists(st.integers(0, len(whole)), min_size=1, max_size=4)))
            copy[at : at + 1] = [whole[i:j] for i, j in itertools.pairwise([0, *cuts, len(whole)])]
        groups.append(copy)
    check_exact(groups, threshold)


@given(st.data(), st.sampled_from([0.3, 0.5, 0.7]))
@settings(deadline=None, max_examples=200)
def test_skipped_pairs_of_a_unit_and_its_parts_align_to_nothing(
    data: st.DataObject, threshold: float
) -> None:
    """A unit against its edited copy cut in parts: each part alone may score under the
    cut-off, their concatenation over it (a split that only containment finds)."""
    whole = data.draw(st.lists(phrase, min_size=2, max_size=5).map("".join))
    copy = edited(data, whole) if data.draw(st.booleans()) else whole
    cuts = sorted(data.draw(st.lists(st.integers(0, len(copy)), min_size=1, max_size=5)))
    parts = [copy[i:j] for i, j in itertools.pairwise([0, *cuts, len(copy)])]
    check_exact([[whole], parts], threshold)


@given(st.data())
@settings(deadline=None, max_examples=60)
def test_skipped_pairs_of_real_paragraphs_align_to_nothing(data: st.DataObject) -> None:
    """Runs of real paragraphs (seeds and the comparison set), cut where hypothesis says."""
    documents = real_keys()
    groups = []
    for _ in range(data.draw(st.integers(2, 6))):
        keys = documents[data.draw(st.integers(0, len(documents) - 1))]
        start = data.draw(st.integers(0, len(keys) - 1))
        size = data.draw(st.integers(1, 8))
        groups.append(list(keys[start : start + size]))
    check_exact(groups, data.draw(st.sampled_from([0.3, 0.5, 0.7])))


def test_unrelated_real_documents_are_mostly_skipped_and_copies_never() -> None:
    """Useful as well as exact: of the real documents' pairs (different texts, some on the
    same meeting), most are ruled out; a document and its copy never are."""
    documents = [list(keys) for keys in real_keys()]
    found = check_exact(documents, 0.5)
    pairs = len(documents) * (len(documents) - 1) // 2
    assert len(found) < pairs / 2
    doubled = documents[:3] + documents[:3]
    assert {(g + 3, g) for g in range(3)} <= linkable_groups(doubled, 0.5)


def test_the_table_is_the_table_of_every_pair_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real documents' N-way table (lazy: the pivot's pairs, the slots' orphan links) is
    the same when the table asks about every pair of a slot's documents."""
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.compare.tokenize import get_tokenizer

    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        p for p in (REPO / "tests/real/compare").iterdir() if p.suffix in (".txt", ".md")
    )
    docs = tuple(d for p in paths for d in read_documents(p))[:14]
    tokenizer = get_tokenizer()
    asked: list[int] = []
    filtered = compare(docs, tokenizer=tokenizer, full_pairs=0)

    def every_pair(self: object, orphans: dict[int, list[int]]) -> set[tuple[int, int]]:
        pairs = {(d, e) for d, e in itertools.permutations(orphans, 2) if e < d}
        asked.append(len(pairs))
        return pairs

    monkeypatch.setattr(pipeline._OrphanLinks, "linkable", every_pair)
    unfiltered = compare(docs, tokenizer=tokenizer, full_pairs=0)
    assert sum(asked) > 0
    assert filtered.alignment == unfiltered.alignment
