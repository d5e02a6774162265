"""Many documents: pairs compared in full only when asked for (``Comparison.pair``), pairs with
nothing in common skipped, and every result equal to comparing every pair up front."""

from __future__ import annotations

import json
import threading
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema.validators import Draft202012Validator

from tifa.engine.compare import pipeline
from tifa.engine.compare.model import Comparison
from tifa.engine.compare.pipeline import (
    FULL_PAIRS,
    MAX_DOCUMENTS,
    check_document_count,
    compare,
    document_grams,
    grams_meet,
    merge_spans,
)
from tifa.engine.compare.report import iter_report_json, report_schema
from tifa.engine.compare.tokenize import get_tokenizer
from tifa.engine.ingest import document_from_string, read_documents
from tifa.engine.model import Document

REPO = Path(__file__).resolve().parents[2]


@cache
def real_documents() -> tuple[Document, ...]:
    """The seeds and the real comparison set (transcript days split into items): 14 of them,
    the seeds first."""
    paths = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        p for p in (REPO / "tests/real/compare").iterdir() if p.suffix in (".txt", ".md")
    )
    return tuple(d for p in paths for d in read_documents(p))[:14]


@cache
def both() -> tuple[Comparison, Comparison]:
    """The real documents compared every pair up front, and lazily (pivot's pairs only)."""
    docs = real_documents()
    tokenizer = get_tokenizer()  # in this process: no worker pool
    eager = compare(docs, tokenizer=tokenizer, full_pairs=10**9)
    lazy = compare(docs, tokenizer=tokenizer, full_pairs=0)
    return eager, lazy


def test_lazy_comparison_keeps_only_the_pivots_pairs() -> None:
    eager, lazy = both()
    n = len(real_documents())
    assert eager.all_pairs_computed and eager.details is None
    assert not lazy.all_pairs_computed and lazy.details is not None
    pivot = lazy.alignment.pivot
    assert len(lazy.pairs) == n - 1
    assert all(pivot in (p.a, p.b) for p in lazy.pairs)
    assert lazy.pair_count == eager.pair_count == n * (n - 1) // 2


def test_what_is_computed_up_front_equals_the_eager_comparison() -> None:
    eager, lazy = both()
    assert lazy.similarities == eager.similarities
    assert lazy.order == eager.order
    assert lazy.alignment == eager.alignment
    assert lazy.marks == eager.marks
    assert lazy.formulations == eager.formulations


def test_each_pair_computed_on_demand_equals_the_eager_one() -> None:
    eager, lazy = both()
    not_ready = [p for p in eager.pairs if not lazy.pair_ready(p.a, p.b)]
    assert not_ready  # most pairs are computed only now
    for p in eager.pairs:
        assert lazy.pair(p.b, p.a) == p  # either order
    assert all(lazy.pair_ready(p.a, p.b) for p in not_ready)  # kept once computed
    assert lazy.pair(not_ready[0].a, not_ready[0].b) is lazy.pair(
        not_ready[0].a, not_ready[0].b
    )


def test_ranked_pairs_follow_the_similarity() -> None:
    eager, lazy = both()
    ranked = lazy.ranked_pairs()
    expected = sorted(eager.pairs, key=lambda p: (-p.similarity, p.a, p.b))
    assert ranked == [(p.a, p.b, p.similarity) for p in expected]


def test_pairs_are_computed_once_from_several_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = real_documents()[:6]
    lazy = compare(docs, tokenizer=get_tokenizer(), full_pairs=0)
    calls: list[tuple[int, int]] = []
    original = pipeline._compare_pair

    def counting(*args: object) -> pipeline.PairResult:
        calls.append((args[-2], args[-1]))  # type: ignore[arg-type]
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_compare_pair", counting)
    pivot = lazy.alignment.pivot
    a, b = sorted(d for d in range(6) if d != pivot)[:2]
    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(lazy.pair(a, b))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [(a, b)]
    assert len(found) == 8 and all(f is found[0] for f in found)


def _unrelated(count: int, length: int = 60) -> list[Document]:
    """Documents of distinct characters each: no two share anything."""
    docs = []
    for i in range(count):
        base = 0x4E00 + i * length
        text = "".join(chr(base + k) for k in range(length)) + "。"
        docs.append(document_from_string(text, path=Path(f"u{i}.txt"), title=f"u{i}"))
    return docs


def test_pairs_with_nothing_in_common_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    related = list(real_documents()[:3])
    docs = related + _unrelated(4)
    called: list[tuple[str, str]] = []
    original = pipeline.find_shared_passages

    def counting(doc_a: Document, doc_b: Document, **kwargs: object) -> object:
        called.append((doc_a.name, doc_b.name))
        return original(doc_a, doc_b, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "find_shared_passages", counting)
    lazy = compare(docs, tokenizer=get_tokenizer(), full_pairs=0)
    names = {d.name for d in docs[3:]}
    # while folding every pair, only pairs among the related documents were matched
    folded = called[: len(called) - (len(docs) - 1)]  # then the pivot's pairs, in full
    assert sorted(folded) == sorted(
        (related[a].name, related[b].name) for a in range(3) for b in range(a + 1, 3)
    )
    assert not any(a in names and b in names for a, b in folded)
    for a in range(len(docs)):
        for b in range(len(docs)):
            if a != b and (a >= 3 or b >= 3):
                assert lazy.similarity(a, b) == 0.0
                assert lazy.pair(a, b).shared == ()
    eager = compare(docs, tokenizer=get_tokenizer(), full_pairs=10**9)
    assert lazy.similarities == eager.similarities and lazy.marks == eager.marks


def test_report_lists_the_pivots_pairs_or_all_of_them() -> None:
    eager, lazy = both()
    validator = Draft202012Validator(report_schema())
    small = json.loads("".join(iter_report_json(eager)))
    assert small["pairs_listed"] == "all" and len(small["pairs"]) == eager.pair_count
    big = json.loads("".join(iter_report_json(lazy)))
    validator.validate(big)
    assert big["pairs_listed"] == "pivot" and len(big["pairs"]) == len(lazy.pairs)
    assert big["similarity"] == small["similarity"] and big["documents"] == small["documents"]
    every = json.loads("".join(iter_report_json(lazy, pairs="all")))
    validator.validate(every)
    assert every["pairs_listed"] == "all" and every["pairs"] == small["pairs"]


def test_a_thousand_documents_are_accepted() -> None:
    assert MAX_DOCUMENTS >= 1000 > FULL_PAIRS
    check_document_count(1000)


@pytest.mark.slow
def test_a_thousand_small_documents_compare() -> None:
    docs = _unrelated(998, length=20) + list(real_documents()[:2])
    result = compare(docs, tokenizer=get_tokenizer())
    assert len(result.documents) == 1000 and len(result.pairs) == 999
    assert result.similarity(998, 999) > 0.0 and result.similarity(0, 1) == 0.0
    assert result.pair(5, 700).links == () and result.pair(998, 999).shared


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40), st.integers(1, 12)),
                max_size=30))
def test_merged_spans_cover_the_same_characters(raw: list[tuple[int, int, int]]) -> None:
    spans = [(p, s, s + n) for p, s, n in raw]
    merged = merge_spans(spans)

    def covered(found: list[tuple[int, int, int]]) -> set[tuple[int, int]]:
        return {(p, i) for p, s, e in found for i in range(s, e)}

    assert covered(merged) == covered(spans)
    assert merged == sorted(merged)
    for (p, _, e), (q, s, _) in pairwise(merged):
        assert p < q or e < s  # disjoint and not touching


@given(st.text(alphabet="发展安全稳定改革开放，。", max_size=30),
       st.text(alphabet="发展安全稳定改革开放，。", max_size=30))
def test_grams_meet_when_the_texts_share_four_characters(one: str, two: str) -> None:
    docs = [document_from_string(t or "空", path=Path(f"{i}.txt"), title="")
            for i, t in enumerate((one, two))]
    texts = [[p.normalized for p in d.paragraphs] for d in docs]
    grams = [{t[i : i + 4] for t in paras for i in range(len(t) - 3)} for paras in texts]
    expected = bool(grams[0] & grams[1])
    assert grams_meet(document_grams(docs[0], 4), document_grams(docs[1], 4)) == expected


def test_compare_writes_the_pivots_pairs_or_all_with_pairs_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`tifa compare --json`: a big comparison lists the pivot's pairs; `--pairs all` lists
    every pair, as a small comparison would (here "big" is 3 documents: FULL_PAIRS = 0)."""
    from tifa.cli import main

    files = [str(p) for p in sorted((REPO / "seeds").glob("*.txt"))[:4]]
    monkeypatch.setattr(pipeline, "FULL_PAIRS", 0)
    assert main(["compare", *files, "--quiet", "--json", str(tmp_path / "pivot.json")]) == 0
    assert main(["compare", *files, "--quiet", "--pairs", "all",
                 "--json", str(tmp_path / "all.json")]) == 0
    monkeypatch.setattr(pipeline, "FULL_PAIRS", 465)
    assert main(["compare", *files, "--quiet", "--json", str(tmp_path / "small.json")]) == 0
    pivot, every, small = (json.loads((tmp_path / f"{n}.json").read_text(encoding="utf-8"))
                           for n in ("pivot", "all", "small"))
    validator = Draft202012Validator(report_schema())
    for report in (pivot, every, small):
        validator.validate(report)
    assert pivot["pairs_listed"] == "pivot" and len(pivot["pairs"]) == 3
    assert every["pairs_listed"] == small["pairs_listed"] == "all"
    assert every["pairs"] == small["pairs"] and len(every["pairs"]) == 6


def test_a_lazy_comparison_survives_pickling() -> None:
    """A comparison of many documents can be pickled (a cache, another process) and still
    computes its pairs on demand, the same as before."""
    import pickle

    eager, lazy = both()
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy == lazy and copy.details is not None
    a, b = next((p.a, p.b) for p in eager.pairs if not copy.pair_ready(p.a, p.b))
    assert copy.pair(a, b) == eager.pair(a, b)


def test_asking_what_is_kept_never_waits_for_a_computation() -> None:
    """The GUI thread asks ``pair_ready`` while a worker computes a pair: it is answered at
    once, not after the computation."""
    from tifa.engine.compare.model import PairComparison, PairDetails

    started, release = threading.Event(), threading.Event()

    def slow(a: int, b: int) -> PairComparison:
        started.set()
        release.wait(60)
        return PairComparison(a=a, b=b, similarity=0.0, links=(), shared=())

    details = PairDetails(slow)
    worker = threading.Thread(target=details.get, args=(0, 1))
    worker.start()
    assert started.wait(60)
    answered = threading.Event()
    asker = threading.Thread(target=lambda: (details.cached(0, 2), answered.set()))
    asker.start()
    assert answered.wait(60)  # while the computation still waits for ``release``
    assert not release.is_set() and details.cached(0, 1) is None
    release.set()
    worker.join()
    asker.join()
    assert details.cached(0, 1) == PairComparison(a=0, b=1, similarity=0.0, links=(), shared=())


def test_spans_merged_while_gathering_give_the_same_marks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each document's shared spans are merged whenever they pile up (memory stays flat with
    many pairs): the marks are those of all the spans at once."""
    docs = real_documents()[:8]
    tokenizer = get_tokenizer()
    eager = compare(docs, tokenizer=tokenizer, full_pairs=10**9)
    monkeypatch.setattr(pipeline, "_MERGE_SPANS", 3)
    assert compare(docs, tokenizer=tokenizer, full_pairs=0).marks == eager.marks


def test_the_table_is_built_after_the_pivots_pairs_let_go_of_what_they_prepared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many documents: the documents prepared again for the pivot's pairs (shared passages'
    sides, snapped tiles, paragraphs' words) are let go before the N-way table is built, not
    held through it (at 1,000 documents the table then peaked ~145 MB higher); same table."""
    from tifa.engine.bounded_cache import BoundedCache
    from tifa.engine.compare import shared

    docs = real_documents()
    tokenizer = get_tokenizer()
    held: list[tuple[int, int, int]] = []
    build = pipeline.nway_alignment

    def nway(*args: object, **kwargs: object) -> object:
        held.append((
            len(shared._side),
            shared._passage_in_tile.cache_info().currsize,
            sum(cache.held for cache in vars(tokenizer).values()
                if isinstance(cache, BoundedCache)),
        ))
        return build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "nway_alignment", nway)
    lazy = compare(docs, tokenizer=tokenizer, full_pairs=0)
    assert held == [(0, 0, 0)]
    assert lazy.alignment == both()[1].alignment


def test_orphan_links_keep_no_answers_and_a_bounded_number_of_groups(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The N-way table's links between paragraphs linked to no pivot paragraph: each question
    is asked once, so no answer is kept; the characters of at most ``_ORPHAN_GROUPS_KEPT``
    groups are; and the answers are the alignment of those paragraphs alone."""
    from tifa.engine.compare.align import align_keys
    from tifa.engine.compare.model import CompareSettings
    from tifa.engine.compare.pipeline import _OrphanLinks, document_keys

    settings = CompareSettings()
    docs = real_documents()[:5]
    keys = [document_keys(d, settings) for d in docs]
    monkeypatch.setattr(pipeline, "_ORPHAN_GROUPS_KEPT", 3)
    orphans = _OrphanLinks(keys, settings)
    asked = 0
    for d in range(len(docs)):
        for e in range(len(docs)):
            if d == e:
                continue
            mine = list(range(0, len(keys[d]), 2))
            theirs = list(range(1, len(keys[e]), 3))
            found = orphans(d, e, mine, theirs)
            asked += 1
            expected = align_keys([keys[d][j] for j in mine], [keys[e][k] for k in theirs],
                                  threshold=settings.link_threshold)
            assert [(link.a, link.b, link.kind) for link in found] == [
                (tuple(mine[i] for i in link.a), tuple(theirs[k] for k in link.b), link.kind)
                for link in expected
            ]
            assert len(orphans._chars) <= 3
    assert asked == 20
    assert not any(isinstance(v, dict) and len(v) > 3 for k, v in vars(orphans).items()
                   if k != "_bit")
    # two groups with no character in common: nothing linked, nothing aligned
    lone = _OrphanLinks([("甲乙",), ("丙丁",)], settings)
    assert lone(0, 1, [0], [0]) == ()


def test_workers_finding_shared_passages_get_the_normalised_paragraphs_alone(
    tmp_path: Path,
) -> None:
    """The file a worker that only finds shared passages reads (``write_normalized``) holds
    each document's normalised paragraphs and path, nothing else; the passages and the
    shared-text similarity found on it are those found on the whole documents (real
    documents: seeds and the comparison set, traditional script among them)."""
    from tifa.engine.compare.shared import distinctiveness_weights
    from tifa.engine.compare.similarity import shared_text_similarity

    docs = real_documents()
    path = str(tmp_path / "normalized.pickle")
    pipeline.write_normalized(docs, path)
    slim = pipeline.read_normalized(path)
    assert [d.path for d in slim] == [d.path for d in docs]
    assert [[p.normalized for p in d.paragraphs] for d in slim] == [
        [p.normalized for p in d.paragraphs] for d in docs
    ]
    assert any(p.text != p.normalized for d in docs for p in d.paragraphs)  # not a copy
    assert all(p.text == p.normalized and d.title == "" for d in slim for p in d.paragraphs)
    tokenizer = get_tokenizer()
    weights = distinctiveness_weights(docs, tokenizer=tokenizer)
    for a, b in [(0, 1), (0, 3), (2, 9), (5, 13)]:
        whole = pipeline.find_shared_passages(
            docs[a], docs[b], min_chars=4, weights=weights, tokenizer=tokenizer)
        alone = pipeline.find_shared_passages(
            slim[a], slim[b], min_chars=4, weights=weights, tokenizer=tokenizer)
        assert alone == whole
        assert shared_text_similarity(slim[a], slim[b], alone) == shared_text_similarity(
            docs[a], docs[b], whole)


def test_a_tile_is_compared_for_the_pairs_whose_grams_meet_alone() -> None:
    """``overlap_work`` lists the pairs of a tile whose documents share 4 characters; the
    others score 0 and are never matched."""
    related = list(real_documents()[:3])
    docs = tuple(related + _unrelated(3))
    grams = [document_grams(d, 4) for d in docs]
    tile, meeting = pipeline.overlap_work(grams, (0, 0, 6))
    assert tile == (0, 0, 6)
    assert set(meeting) >= {(0, 1), (0, 2), (1, 2)}
    assert all(grams_meet(grams[a], grams[b]) for a, b in meeting)
    assert len(pipeline.tile_pairs(tile, len(docs))) == 15
    from tifa.engine.compare.shared import distinctiveness_weights

    results, _ = pipeline._overlap_pairs(
        docs, distinctiveness_weights(docs), pipeline.CompareSettings(), get_tokenizer(),
        (tile, meeting),
    )
    scores = {(a, b): s for a, b, s in results}
    assert len(scores) == 15
    assert all(scores[p] == 0.0 for p in scores if p not in meeting)
    assert all(scores[p] > 0 for p in [(0, 1), (0, 2), (1, 2)])


def test_documents_too_long_for_every_pair_up_front_are_compared_as_many_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Up to 31 documents every pair is compared up front only while the characters those
    pairs compare stay within ``FULL_PAIR_CHARS`` (30 reports of 40,000 characters held every
    pair's passages at once: 643 MB); beyond, the pivot's pairs are, as for many documents.
    Two documents, and a caller's own ``full_pairs``, go by the pairs alone."""
    docs = real_documents()[:6]
    chars = sum(len(p.normalized) for d in docs for p in d.paragraphs)
    assert pipeline.compared_in_full(docs)
    monkeypatch.setattr(pipeline, "FULL_PAIR_CHARS", chars * 5 - 1)
    assert not pipeline.compared_in_full(docs)
    assert pipeline.compared_in_full(docs[:2])
    assert pipeline.compared_in_full(docs, full_pairs=10**9)
    tokenizer = get_tokenizer()
    lazy = compare(docs, tokenizer=tokenizer)
    assert len(lazy.pairs) == len(docs) - 1  # the pivot's
    assert lazy == compare(docs, tokenizer=tokenizer, full_pairs=0)
    monkeypatch.setattr(pipeline, "FULL_PAIR_CHARS", chars * 5)
    assert len(compare(docs, tokenizer=tokenizer).pairs) == 15


def test_tiles_of_long_documents_fit_the_prepared_documents_cache() -> None:
    """Shared passages are found a tile of documents at a time; for long documents the tile
    is made smaller, so that both its sides hold at most ``TILE_CHARS`` (what a process keeps
    while comparing a tile grows with them), within ``SIDE_CACHE_CHARS`` (else they are
    prepared again pair after pair); real readouts keep tiles of 48."""
    from tifa.engine.compare.shared import SIDE_CACHE_CHARS

    docs = real_documents()
    assert pipeline.tile_size(docs) == pipeline.PAIR_TILE
    long = [
        document_from_string("\n\n".join(p.text for _ in range(20) for p in d.paragraphs),
                             path=Path(f"long-{i}.txt"), title=d.title)
        for i, d in enumerate(docs[:4])
    ]
    tile = pipeline.tile_size(long)
    mean = sum(len(p.normalized) + 1 for d in long for p in d.paragraphs) // len(long)
    assert 1 <= tile < pipeline.PAIR_TILE
    assert 2 * tile * mean <= pipeline.TILE_CHARS < 2 * (tile + 1) * mean
    assert pipeline.TILE_CHARS <= SIDE_CACHE_CHARS
