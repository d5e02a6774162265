"""The whole comparison: progress, cancelling, what the Comparison holds, on the seeds."""

from __future__ import annotations

import random
from functools import cache

import pytest
from _witness import build_witness, seed_document

from tifa.engine.compare import compare, compare_steps
from tifa.engine.compare.align import align_paragraphs
from tifa.engine.compare.formulations import formulation_status
from tifa.engine.compare.lexicon import phrase_key
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    FormulationStatus,
    Granularity,
    GranularityReason,
)
from tifa.engine.compare.pipeline import MAX_DOCUMENTS
from tifa.engine.compare.similarity import as_array, most_central
from tifa.engine.compare.tokenize import is_punctuation
from tifa.engine.progress import Progress


@cache
def seeds_compared() -> Comparison:
    """Beijing 2022 (000), Chengdu 2022 (003), Beijing 2017 (004)."""
    return compare([seed_document(0), seed_document(3), seed_document(4)])


def by_phrase(comparison: Comparison, phrase: str):
    matches = [f for f in comparison.formulations if f.phrase == phrase]
    assert matches, phrase
    return matches[0]


def test_progress_is_reported_often_and_ends_with_the_comparison() -> None:
    documents = [seed_document(0), seed_document(3), seed_document(4)]
    items = list(compare_steps(documents))
    progress = [i for i in items if isinstance(i, Progress)]
    assert isinstance(items[-1], Comparison)
    assert all(isinstance(i, Progress) for i in items[:-1])
    assert len(progress) >= 3 + 2 * 3  # per document, per pair and stage
    assert len({p.total for p in progress}) == 1
    done = [p.done for p in progress]
    assert done == sorted(done) and done[-1] == progress[0].total
    assert {"tokenize", "formulations", "align", "shared", "similarity", "alignment"} <= {
        p.stage for p in progress
    }


def test_closing_the_generator_cancels() -> None:
    steps = compare_steps([seed_document(0), seed_document(3)])
    first = next(steps)
    assert isinstance(first, Progress)
    steps.close()
    with pytest.raises(StopIteration):
        next(steps)


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match=f"2 to {MAX_DOCUMENTS}"):
        compare([seed_document(0)])
    with pytest.raises(ValueError, match="pivot"):
        compare([seed_document(0), seed_document(3)], settings=CompareSettings(pivot=2))


def test_pairs_hold_the_pairwise_alignment() -> None:
    comparison = seeds_compared()
    assert [(p.a, p.b) for p in comparison.pairs] == [(0, 1), (0, 2), (1, 2)]
    for pair in comparison.pairs:
        docs = comparison.documents
        assert pair.links == align_paragraphs(docs[pair.a], docs[pair.b])
        assert pair.similarity == comparison.similarities[0].values[pair.a][pair.b]
        # auto granularity: sentence links exactly where the pair is compared by sentences
        assert pair.granularity is not Granularity.AUTO
        assert pair.granularity_reason is not GranularityReason.CHOSEN
        assert (pair.sentence_links == ()) == (pair.granularity is Granularity.PARAGRAPH)
        assert pair.shared and all(len(p.text) >= 4 for p in pair.shared)
    assert comparison.pair(2, 0) is comparison.pairs[1]


def test_similarities_order_and_pivot() -> None:
    comparison = seeds_compared()
    metrics = [m.metric for m in comparison.similarities]
    assert metrics[:2] == ["shared-text", "tfidf-cosine"]
    assert sorted(comparison.order) == [0, 1, 2]
    assert comparison.alignment.pivot == most_central(as_array(comparison.similarities[0]))
    chosen = compare(list(comparison.documents), settings=CompareSettings(pivot=2)).alignment.pivot
    assert chosen == 2


def test_marks_split_each_paragraph_into_shared_and_new_wording() -> None:
    comparison = seeds_compared()
    for d, document in enumerate(comparison.documents):
        assert len(comparison.marks[d]) == len(document.paragraphs)
        for paragraph, marks in zip(document.paragraphs, comparison.marks[d], strict=True):
            text = paragraph.normalized
            covered = [False] * len(text)
            for start, end in marks.shared:
                assert 0 <= start < end <= len(text)
                covered[start:end] = [True] * (end - start)
            for start, end in marks.new:
                assert not any(covered[start:end])
                assert not is_punctuation(text[start]) and not is_punctuation(text[end - 1])
            in_new = set()
            for start, end in marks.new:
                in_new.update(range(start, end))
            for i, ch in enumerate(text):
                if not covered[i] and not is_punctuation(ch):
                    assert i in in_new, "every character is shared, new or punctuation"
            for start, end, phrase in marks.formulations:
                assert 0 <= start < end <= len(text) and phrase
    # 疫情要防住、经济要稳住、发展要安全 is in 000 and 003: shared wording in both
    beijing = comparison.documents[0]
    p, marks = next(
        (p, m)
        for p, m in zip(beijing.paragraphs, comparison.marks[0], strict=True)
        if "疫情要防住" in p.normalized
    )
    start = p.normalized.index("疫情要防住")
    assert any(s <= start and start + 5 <= e for s, e in marks.shared)


def test_the_issue_examples_hold_end_to_end() -> None:
    """004 → 000: 两个维护 only in 2022, 四个意识 in both, the 把方向 formulas variants;
    000 → 003: the parallel formulas and 动态清零 shared."""
    comparison = seeds_compared()
    beijing, chengdu, beijing_2017 = 0, 1, 2
    assert formulation_status(by_phrase(comparison, "两个维护"), beijing_2017, beijing) is (
        FormulationStatus.NEW
    )
    assert formulation_status(by_phrase(comparison, "四个意识"), beijing_2017, beijing) is (
        FormulationStatus.SHARED
    )
    assert formulation_status(
        by_phrase(comparison, "把方向、谋大事、抓党建、保平安"), beijing_2017, beijing
    ) is (FormulationStatus.VARIANT)
    for phrase in ("疫情要防住、经济要稳住、发展要安全", "外防输入、内防反弹", "动态清零"):
        status = formulation_status(by_phrase(comparison, phrase), beijing, chengdu)
        assert status is FormulationStatus.SHARED, phrase


def test_sentence_granularity_fills_sentence_links() -> None:
    comparison = compare(
        [seed_document(0), seed_document(3)],
        settings=CompareSettings(granularity=Granularity.SENTENCE),
    )
    (pair,) = comparison.pairs
    assert pair.links == ()  # different texts …
    assert pair.sentence_links  # … whose sentences echo
    assert (pair.granularity, pair.granularity_reason) == (
        Granularity.SENTENCE, GranularityReason.CHOSEN
    )


def test_the_users_paragraph_granularity_is_kept() -> None:
    """Auto compares these two meetings by sentences (their paragraphs do not correspond);
    asked for paragraphs, the pair stays at paragraphs and says it was chosen."""
    documents = [seed_document(0), seed_document(3)]
    (auto,) = compare(documents).pairs
    assert auto.granularity is Granularity.SENTENCE and auto.sentence_links
    assert auto.granularity_reason is GranularityReason.WEAK_LINKS
    assert "shared characters" in auto.granularity_detail
    (asked,) = compare(
        documents, settings=CompareSettings(granularity=Granularity.PARAGRAPH)
    ).pairs
    assert (asked.granularity, asked.granularity_reason) == (
        Granularity.PARAGRAPH, GranularityReason.CHOSEN
    )
    assert asked.sentence_links == ()


def test_a_variant_is_aligned_in_the_table() -> None:
    witness = build_witness(4, random.Random(8))
    comparison = compare([witness.a, witness.b], settings=CompareSettings(pivot=0))
    rows = comparison.alignment.rows
    linked = {(row.cells[0], row.cells[1]) for row in rows if row.cells[0] and row.cells[1]}
    assert linked == witness.links


def test_the_public_api_resolves() -> None:
    import tifa.engine.compare as api

    for name in api.__all__:
        assert getattr(api, name) is not None, name
    with pytest.raises(AttributeError):
        api.no_such_function  # noqa: B018


@pytest.mark.slow
def test_fifty_documents() -> None:
    """The most Tifa compares at once: 50 versions of the Chengdu report (003), each with
    its own edits, one of them in traditional script inside an HTML page."""
    rnd = random.Random(5050)
    documents = [seed_document(3)] + [build_witness(3, rnd).b for _ in range(49)]
    comparison = compare(documents, settings=CompareSettings(pivot=7))
    assert comparison.pair_count == 50 * 49 // 2
    # more pairs than are compared up front: the pivot's pairs, the others when asked for
    assert len(comparison.pairs) == 49 and all(7 in (p.a, p.b) for p in comparison.pairs)
    assert comparison.pair(3, 40).a == 3 and comparison.pair_ready(40, 3)
    assert comparison.alignment.pivot == 7
    placed = sorted(
        (d, p)
        for row in comparison.alignment.rows
        for d, cell in enumerate(row.cells)
        for p in cell
    )
    assert placed == [(d, p) for d, doc in enumerate(documents) for p in range(len(doc.paragraphs))]
    assert sorted(comparison.order) == list(range(50))
    central = by_phrase(comparison, "疫情要防住、经济要稳住、发展要安全")
    key = phrase_key(central.phrase)
    present = [key in phrase_key(d.normalized) for d in documents]
    assert [c > 0 for c in central.counts] == present  # where edits left it whole
    assert sum(present) >= 30


def test_prepared_documents_are_let_go_after_a_comparison_or_a_cancel() -> None:
    """The per-document indexes that make many pairs fast are not kept in a long-running
    process (the GUI) once the comparison is over, finished or cancelled."""
    from tifa.engine.compare import shared

    compare([seed_document(0), seed_document(3)])
    assert len(shared._side) == 0
    steps = compare_steps([seed_document(0), seed_document(3), seed_document(4)])
    for item in steps:
        if isinstance(item, Progress) and item.stage == "shared":
            assert len(shared._side) > 0
            break
    steps.close()
    assert len(shared._side) == 0
    assert shared._passage_in_tile.cache_info().currsize == 0


def test_worker_processes_collect_garbage_less_often() -> None:
    """A comparison's worker process (started as the pipeline starts them) runs with the
    import-time objects frozen and the relaxed collector thresholds; this process is left
    as it was."""
    import gc
    import multiprocessing

    from tifa.engine.compare.model import CompareSettings
    from tifa.engine.compare.pipeline import WORKER_GC_THRESHOLDS, _start_worker
    from tifa.engine.compare.shared import distinctiveness_weights

    documents = (seed_document(0), seed_document(3))
    before = gc.get_threshold()
    context = multiprocessing.get_context("spawn")
    with context.Pool(
        1, initializer=_start_worker,
        initargs=(documents, CompareSettings(), distinctiveness_weights(documents)),
    ) as pool:
        assert pool.apply(gc.get_threshold) == WORKER_GC_THRESHOLDS
        assert pool.apply(gc.get_freeze_count) > 0
    assert gc.get_threshold() == before != WORKER_GC_THRESHOLDS


def test_a_single_pair_lets_the_alignment_features_go_before_its_shared_passages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two documents: nothing is compared again, so the per-document alignment features (tens
    of MB for a huge text) are not held while the shared passages are found; with three
    documents they are kept for the next pairs."""
    from tifa.engine.compare import align, pipeline

    held: list[int] = []
    find = pipeline.find_shared_passages

    def recording(*args: object, **kwargs: object) -> object:
        # the features as sparse rows or as bits (small documents)
        held.append(len(align._features)
                    + len(align._feature_bits))
        return find(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "find_shared_passages", recording)
    # seeds 2 and 4: 28 × 30 paragraphs, enough for the prefilter (and so the features)
    compare([seed_document(2), seed_document(4)])
    assert held == [0]
    held.clear()
    compare([seed_document(2), seed_document(4), seed_document(0)])
    assert held[0] > 0
