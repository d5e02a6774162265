"""Look-ups over a finished comparison, on a revised copy of seed 000 (linked paragraph by
paragraph) and on the five seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BEIJING_2022
from tifa.engine.compare.lookup import (
    counterparts,
    documents_with,
    echo_sides,
    formulation_by_phrase,
    links_between,
    occurrences,
    oriented,
    sentence_counterparts,
)
from tifa.engine.compare.model import Comparison, DiffOp, DiffTag, LinkKind, SentenceLink, SpanRef
from tifa.engine.compare.pipeline import compare
from tifa.engine.compare.sentences import align_sentences
from tifa.engine.compare.worddiff import diff_link
from tifa.engine.ingest import read_document


@pytest.fixture(scope="module")
def revised_pair(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """000 and a copy where 干大事 became 谋大事: every paragraph links to its copy."""
    text = BEIJING_2022.read_text(encoding="utf-8")
    folder: Path = tmp_path_factory.mktemp("revised")
    revised = folder / "revised.txt"
    revised.write_text(text.replace("干大事", "谋大事"), encoding="utf-8")
    return compare([read_document(BEIJING_2022), read_document(revised)])


def test_counterparts_are_seen_from_either_side(revised_pair: Comparison) -> None:
    original = revised_pair.documents[0]
    p = next(i for i, par in enumerate(original.paragraphs) if "干大事" in par.text)
    (forward,) = counterparts(revised_pair, 0, [p], 1)
    (backward,) = counterparts(revised_pair, 1, forward.theirs, 0)
    assert p in forward.mine and p in backward.theirs
    assert not forward.flipped and backward.flipped
    assert forward.link is backward.link
    assert counterparts(revised_pair, 0, [p], 0) == []


def test_oriented_diff_reads_from_the_other_side(revised_pair: Comparison) -> None:
    original = revised_pair.documents[0]
    p = next(i for i, par in enumerate(original.paragraphs) if "干大事" in par.text)
    (c,) = counterparts(revised_pair, 0, [p], 1)
    ops = diff_link(*revised_pair.documents, c.link)
    changed = [op for op in ops if op.tag is not DiffTag.EQUAL]
    assert changed
    flipped = oriented(ops, True)
    for op, back in zip(ops, flipped, strict=True):
        assert (back.a, back.b) == (op.b, op.a)
        if op.tag is DiffTag.INSERT:
            assert back.tag is DiffTag.DELETE
        if op.tag is DiffTag.REPLACE:
            assert back.tag is DiffTag.REPLACE
    assert oriented(ops, False) == ops


def test_links_between_swaps_sides_and_split_merge(revised_pair: Comparison) -> None:
    forward = links_between(revised_pair, 0, 1)
    backward = links_between(revised_pair, 1, 0)
    assert forward == revised_pair.pair(0, 1).links
    assert [(link.b, link.a) for link in backward] == [(link.a, link.b) for link in forward]
    swap = {LinkKind.SPLIT: LinkKind.MERGE, LinkKind.MERGE: LinkKind.SPLIT}
    assert [link.kind for link in backward] == [swap.get(k.kind, k.kind) for k in forward]


def test_sentence_counterparts_turn_links_to_the_asking_document(
    revised_pair: Comparison,
) -> None:
    docs = revised_pair.documents
    links = align_sentences(docs[0], docs[1], revised_pair.pair(0, 1).links)
    assert links
    first = links[0]
    mine = sentence_counterparts(links, 1, [first.b[0].paragraph], 0)
    assert any(link.a == first.b and link.b == first.a for link in mine)
    assert all(any(span.paragraph == first.b[0].paragraph for span in link.a) for link in mine)


def test_sentence_counterparts_read_a_split_as_a_merge_from_the_other_side() -> None:
    split = SentenceLink(
        a=(SpanRef(0, 0, 20),), b=(SpanRef(3, 0, 9), SpanRef(3, 9, 20)), score=0.9,
        kind=LinkKind.SPLIT,
    )
    (seen_from_b,) = sentence_counterparts([split], 1, [3], 0)
    assert seen_from_b.kind is LinkKind.MERGE
    assert (seen_from_b.a, seen_from_b.b) == (split.b, split.a)
    assert sentence_counterparts([split], 0, [0], 1) == [split]


def test_occurrences_fall_back_to_the_paragraph_marks(revised_pair: Comparison) -> None:
    formulation = formulation_by_phrase(revised_pair)["四个意识"]
    found = occurrences(revised_pair, formulation)
    assert {o.document for o in found} == set(documents_with(formulation)) == {0, 1}
    stripped = type(formulation)(**{**{f: getattr(formulation, f) for f in (
        "phrase", "category", "counts", "variants", "gloss", "first_year", "origin",
        "variant_counts")}, "occurrences": ()})
    from_marks = occurrences(revised_pair, stripped)
    assert sorted(from_marks, key=lambda o: (o.document, o.paragraph, o.start)) == sorted(
        found, key=lambda o: (o.document, o.paragraph, o.start)
    )


def test_cell_diff_marks_the_changed_characters_on_both_sides(
    revised_pair: Comparison,
) -> None:
    """Each link's diff: the reference side shows 干 changed, the other 谋, nothing else."""
    from tifa.engine.compare.lookup import ChangeKind, cell_diff

    changed_links = 0
    for link in revised_pair.pair(0, 1).links:
        diff = cell_diff(revised_pair, 0, link.a, 1, link.b)
        ref_text = [revised_pair.documents[0].paragraphs[s.paragraph].normalized[s.start:s.end]
                    for s in diff.reference]
        other_text = [revised_pair.documents[1].paragraphs[s.paragraph].normalized[s.start:s.end]
                      for s in diff.other]
        assert set(ref_text) <= {"干"} and set(other_text) <= {"谋"}
        assert {s.kind for s in diff.reference + diff.other} <= {ChangeKind.CHANGED}
        assert len(diff.reference) == len(diff.other)
        changed_links += bool(diff.reference)
        assert diff.side(True) == diff.reference
    assert changed_links >= 1


def test_echo_sides_split_each_sentence_into_shared_and_own_runs() -> None:
    """A replace gives each side its own words; equal text is shared on both sides, each in
    its own document's spans; an insert adds to the other side only."""
    ops = (
        DiffOp(DiffTag.EQUAL, (SpanRef(0, 0, 4),), (SpanRef(5, 2, 6),)),
        DiffOp(DiffTag.REPLACE, (SpanRef(0, 4, 6),), (SpanRef(5, 6, 9),)),
        DiffOp(DiffTag.INSERT, (), (SpanRef(5, 9, 12),)),
        DiffOp(DiffTag.EQUAL, (SpanRef(0, 6, 8),), (SpanRef(5, 12, 14),)),
    )
    mine, theirs = echo_sides(ops)
    assert [(p.spans[0].start, p.shared) for p in mine] == [(0, True), (4, False), (6, True)]
    assert [(p.spans[0].start, p.shared) for p in theirs] == [
        (2, True), (6, False), (9, False), (12, True)]
    assert {p.spans[0].paragraph for p in mine} == {0}
    assert {p.spans[0].paragraph for p in theirs} == {5}
