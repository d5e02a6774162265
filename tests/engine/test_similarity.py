"""Similarity metrics against plain references, the paragraph matrix, clustering order."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from _witness import build_witness, seed_document
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from tifa.engine.compare.align import comparison_key
from tifa.engine.compare.model import SimilarityMatrix
from tifa.engine.compare.shared import shared_passages
from tifa.engine.compare.similarity import (
    CHAR_BIGRAM_COSINE,
    TFIDF_COSINE,
    _bigram_counts,
    char_bigram_cosine_matrix,
    cluster_order,
    cosine_matrix,
    most_central,
    paragraph_matrix,
    shared_text_similarity,
    tfidf_cosine_matrix,
)


def cosine_reference(bags: list[list[str]]) -> np.ndarray:
    """TF-IDF cosine written out term by term (sublinear tf, smoothed idf)."""
    n = len(bags)
    counts = [Counter(b) for b in bags]
    df = Counter(t for c in counts for t in c)
    vectors = []
    for c in counts:
        v = {t: (1 + math.log(k)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({t: x / norm for t, x in v.items()})
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            out[i, j] = sum(x * vectors[j].get(t, 0.0) for t, x in vectors[i].items())
    return out


@given(st.lists(st.lists(st.sampled_from("甲乙丙丁戊己庚"), max_size=12), min_size=1, max_size=5))
def test_cosine_matrix_matches_the_reference(bags: list[list[str]]) -> None:
    assert cosine_matrix(bags) == pytest.approx(cosine_reference(bags), abs=1e-9)


def test_metrics_rank_a_variant_above_a_different_text() -> None:
    beijing, chengdu = seed_document(0), seed_document(3)
    variant = build_witness(0, random.Random(5)).b
    for metric in (tfidf_cosine_matrix, char_bigram_cosine_matrix):
        values = metric([beijing, variant, chengdu]).values
        assert values[0][0] == 1.0
        assert values[0][1] > 0.8 > 0.5 > values[0][2]
        assert values[0][1] == values[1][0]
    assert tfidf_cosine_matrix([beijing, chengdu]).metric == TFIDF_COSINE
    assert char_bigram_cosine_matrix([beijing, chengdu]).metric == CHAR_BIGRAM_COSINE


def test_shared_text_is_the_share_of_text_in_shared_passages() -> None:
    beijing, chengdu = seed_document(0), seed_document(3)
    itself = shared_text_similarity(beijing, beijing, shared_passages(beijing, beijing))
    assert itself > 0.97
    different = shared_text_similarity(beijing, chengdu, shared_passages(beijing, chengdu))
    assert 0.02 < different < 0.2  # 疫情要防住…, 《习近平谈治国理政》第四卷, 动态清零…
    assert shared_text_similarity(beijing, chengdu, ()) == 0.0


def test_paragraph_matrix_is_the_indel_ratio_of_every_pair() -> None:
    beijing, variant = seed_document(0), build_witness(0, random.Random(2)).b
    matrix = paragraph_matrix(beijing, variant)
    assert matrix.shape == (len(beijing.paragraphs), len(variant.paragraphs))
    for i, p in enumerate(beijing.paragraphs):
        for j, q in enumerate(variant.paragraphs):
            expected = fuzz.ratio(comparison_key(p.normalized), comparison_key(q.normalized))
            assert matrix[i, j] == pytest.approx(expected / 100, abs=1e-5)
    cut = paragraph_matrix(beijing, variant, cutoff=0.5)
    assert np.array_equal(cut, np.where(matrix >= 0.5, matrix, 0))



def test_a_big_paragraph_matrix_is_the_same_on_one_thread_or_several() -> None:
    """A GUI makes the dot plot's matrix leaving one core to its own thread
    (``background_workers``); a matrix big enough for threads (the five seeds' paragraphs
    three times over against the Beijing and Chengdu readouts and a variant, over 20,000
    pairs) is the same with 1 thread, 2 and every core, with and without a cut-off."""
    from tifa.engine.compare.align import PARALLEL_MIN_PAIRS, background_workers
    from tifa.engine.ingest import document_from_string
    from tifa.engine.processes import usable_cores

    seeds = [seed_document(i) for i in range(5)]
    many = document_from_string(
        "\n\n".join(p.text for _ in range(3) for d in seeds for p in d.paragraphs),
        path=Path("three-times.txt"), title="three times")
    other = document_from_string(
        "\n\n".join(p.text for d in (seeds[0], seeds[3], build_witness(0, random.Random(2)).b)
                     for p in d.paragraphs for _ in range(3)),
        path=Path("other.txt"), title="other")
    assert len(many.paragraphs) * len(other.paragraphs) >= PARALLEL_MIN_PAIRS
    assert background_workers() == max(1, usable_cores() - 1)
    for cutoff in (0.0, 0.5):
        every = paragraph_matrix(many, other, cutoff=cutoff)
        assert every.any()
        for workers in (1, 2):
            assert np.array_equal(
                paragraph_matrix(many, other, cutoff=cutoff, workers=workers), every)


def test_cluster_order_keeps_variants_beside_their_originals() -> None:
    documents = [
        seed_document(0),
        seed_document(3),
        build_witness(0, random.Random(11)).b,
        seed_document(4),
        build_witness(3, random.Random(12)).b,
    ]
    order = cluster_order(tfidf_cosine_matrix(documents))
    assert sorted(order) == list(range(5))
    position = {d: k for k, d in enumerate(order)}
    assert abs(position[0] - position[2]) == 1
    assert abs(position[1] - position[4]) == 1


def test_cluster_order_and_centre_of_a_plain_matrix() -> None:
    values = np.array(
        [
            [1.0, 0.1, 0.9, 0.2],
            [0.1, 1.0, 0.2, 0.8],
            [0.9, 0.2, 1.0, 0.3],
            [0.2, 0.8, 0.3, 1.0],
        ]
    )
    order = cluster_order(SimilarityMatrix("m", tuple(map(tuple, values))))
    assert {frozenset(order[:2]), frozenset(order[2:])} == {frozenset({0, 2}), frozenset({1, 3})}
    assert most_central(values) == 2  # mean 0.467, the highest
    assert cluster_order(np.eye(2)) == (0, 1)


bigram_keys = st.lists(st.text(alphabet="会议强调发展安全的了\U00020000", max_size=12), max_size=8)


@given(bigram_keys, st.integers(min_value=1, max_value=6))
def test_bigram_counts_are_the_bigrams_of_each_key_counted_in_chunks(
    keys: list[str], chunk: int
) -> None:
    """The compact per-document bigram counts (coded a few characters at a time, long keys in
    overlapping pieces) are exactly the bigrams inside each key, none across keys."""
    ids, counts = _bigram_counts(keys, chunk=chunk)
    expected = Counter((ord(k[i]) << 21) | ord(k[i + 1]) for k in keys for i in range(len(k) - 1))
    assert list(ids) == sorted(expected)
    assert [int(c) for c in counts] == [expected[int(i)] for i in ids]


def test_the_sparse_tfidf_path_gives_the_dense_paths_values(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Many documents or a huge vocabulary take SciPy's sparse path, which leaves terms found
    in one document out of the products: the matrices are the dense path's."""
    from tifa.engine.compare import similarity

    documents = [seed_document(i) for i in range(5)] + [build_witness(0, random.Random(3)).b]
    dense = [m(documents).values for m in (tfidf_cosine_matrix, char_bigram_cosine_matrix)]
    monkeypatch.setattr(similarity, "DENSE_TFIDF_CELLS", 0)
    sparse = [m(documents).values for m in (tfidf_cosine_matrix, char_bigram_cosine_matrix)]
    for d, s in zip(dense, sparse, strict=True):
        assert np.array(s) == pytest.approx(np.array(d), abs=2e-6)
    # the bigrams of up to PAIRWISE_BIGRAM_DOCUMENTS documents went pair by pair; more, sparse
    monkeypatch.setattr(similarity, "PAIRWISE_BIGRAM_DOCUMENTS", 0)
    bigram_sparse = char_bigram_cosine_matrix(documents).values
    assert np.array(bigram_sparse) == pytest.approx(np.array(dense[1]), abs=2e-6)


@given(
    st.lists(
        st.dictionaries(st.integers(-50, 50), st.integers(1, 9), max_size=15),
        min_size=1,
        max_size=5,
    )
)
def test_pairwise_tfidf_is_the_matrix_computation(bags: list[dict[int, int]]) -> None:
    """Pair by pair on sorted term ids with counts: the values of the matrix computation."""
    from tifa.engine.compare.similarity import _pairwise_tfidf_cosine, _tfidf_cosine

    counted = [
        (np.array(sorted(bag), dtype=np.int64), np.array([bag[t] for t in sorted(bag)]))
        for bag in bags
    ]
    rows = [i for i, bag in enumerate(bags) for _ in bag]
    cols = [t + 50 for bag in bags for t in sorted(bag)]
    times = [bag[t] for bag in bags for t in sorted(bag)]
    expected = _tfidf_cosine(rows, cols, len(bags), 101, times)
    np.fill_diagonal(expected, 1.0)
    assert _pairwise_tfidf_cosine(counted) == pytest.approx(expected, abs=1e-9)


pieces = st.sampled_from(
    ["会议", "强调", "高质量发展", "，", "。", "稳", "中", "求", "进", "a", "\U00020000"]
)


@given(st.lists(st.lists(pieces, max_size=30).map("".join), min_size=1, max_size=4))
def test_tfidf_over_word_numbers_is_the_bag_of_words_computation(texts: list[str]) -> None:
    """``tfidf_cosine_matrix`` numbers words (code points, or a table for long words) and
    counts them per document: exactly the values of ``cosine_matrix`` over bags of words."""
    from tifa.engine.compare.similarity import _as_matrix, document_words
    from tifa.engine.compare.tokenize import get_tokenizer
    from tifa.engine.ingest import document_from_string

    documents = [
        document_from_string(text or "。", path=Path(f"d{i}.txt"), title=f"d{i}")
        for i, text in enumerate(texts)
    ]
    bags = [document_words(d, get_tokenizer()) for d in documents]
    assert tfidf_cosine_matrix(documents) == _as_matrix(TFIDF_COSINE, cosine_matrix(bags))
