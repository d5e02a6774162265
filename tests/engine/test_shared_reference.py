"""The optimised shared wording (per-document k-gram index, prefix-hash extension, bisected
word boundaries, cached tiles) finds exactly what the algorithm did before it was optimised
(``_shared_reference``, a verbatim copy), on seed-derived documents: the five seeds and witness
variants of them (edits, splits, merges, moves, insertions, other script, HTML). The similarity
metrics built on it agree with their plain computation."""

from __future__ import annotations

import itertools
import random
from functools import cache

import _shared_reference as reference
import pytest
from _witness import build_witness, seed_document
from hypothesis import example, given
from hypothesis import strategies as st

from tifa.engine.compare.align import document_keys
from tifa.engine.compare.model import CompareSettings
from tifa.engine.compare.shared import (
    covered_spans,
    distinctiveness_weights,
    greedy_tiles,
    new_wording,
    shared_and_new,
    shared_passages,
)
from tifa.engine.compare.similarity import (
    char_bigram_cosine_matrix,
    cosine_matrix,
    shared_text_similarity,
)
from tifa.engine.model import Document


@cache
def corpus() -> tuple[Document, ...]:
    rnd = random.Random(1729)
    variants = [build_witness(seed, rnd).b for seed in (0, 0, 2, 3, 4)]
    return tuple(seed_document(i) for i in range(5)) + tuple(variants)


def reference_similarity(a: Document, b: Document, passages: tuple[object, ...]) -> float:
    """shared-text as it was computed before (content characters counted span by span)."""
    content = reference.content_length
    total = content(a.normalized) + content(b.normalized)
    covered = 0
    for document, side in ((a, "a"), (b, "b")):
        for paragraph, spans in enumerate(reference.covered_spans(document, passages, side=side)):
            text = document.paragraphs[paragraph].normalized
            covered += sum(content(text[s:e]) for s, e in spans)
    return min(1.0, covered / total) if total else 0.0


@pytest.mark.parametrize("min_chars", [4, 2, 9])
def test_shared_passages_equal_the_reference(min_chars: int) -> None:
    documents = corpus()
    weights = distinctiveness_weights(documents)
    reference_weights = reference.distinctiveness_weights(documents)
    pairs = list(itertools.combinations(range(len(documents)), 2))
    if min_chars != 4:
        pairs = pairs[::5]
    compared = 0
    for i, j in pairs:
        a, b = documents[i], documents[j]
        found = shared_passages(a, b, min_chars=min_chars, weights=weights)
        expected = reference.shared_passages(a, b, min_chars=min_chars, weights=reference_weights)
        assert found == expected, (i, j)
        assert shared_text_similarity(a, b, found) == pytest.approx(
            reference_similarity(a, b, expected), abs=1e-12
        )
        compared += bool(found)
    assert compared >= len(pairs) // 2  # most pairs share something: the test has teeth


def test_shared_and_new_wording_equal_the_reference() -> None:
    """Highlights of one document against all the others, as the pipeline gathers them
    (overlapping and touching spans from many pairs)."""
    documents = corpus()
    weights = distinctiveness_weights(documents)
    for d in (0, 5):
        spans = []
        for other in range(len(documents)):
            if other != d:
                a, b = sorted((d, other))
                passages = shared_passages(documents[a], documents[b], weights=weights)
                spans += [p.a if a == d else p.b for p in passages]
        document = documents[d]
        assert covered_spans(document, spans) == reference.covered_spans(document, spans)
        assert new_wording(document, spans) == reference.new_wording(document, spans)
        assert shared_and_new(document, spans) == (
            reference.covered_spans(document, spans),
            reference.new_wording(document, spans),
        )


def test_char_bigram_cosine_equals_the_bag_of_strings_computation() -> None:
    """The bigram metric counts integer-coded bigrams; the plain way counts strings."""
    documents = corpus()
    settings = CompareSettings()
    bags = [
        [k[i : i + 2] for k in document_keys(d, settings) for i in range(len(k) - 1)]
        for d in documents
    ]
    plain = cosine_matrix(bags)
    coded = char_bigram_cosine_matrix(documents, settings=settings).values
    for i, row in enumerate(coded):
        for j, value in enumerate(row):
            expected = 1.0 if i == j else min(1.0, max(0.0, float(plain[i, j])))
            assert value == pytest.approx(expected, abs=2e-6)


def test_greedy_tiles_equal_the_reference_on_repetitive_text() -> None:
    """Repeats stress the seed join and the extension (long runs, many equal k-grams)."""
    rnd = random.Random(7)
    clauses = ["坚持稳中求进", "疫情要防住", "经济要稳住", "发展要安全", "。", "，"]
    for _ in range(30):
        # paragraphs joined by the separators shared_passages uses ("\x00" in a, "\x01" in b)
        a = "\x00".join(
            "".join(rnd.choice(clauses) for _ in range(rnd.randint(1, 20))) for _ in range(3)
        )
        b = "\x01".join(
            "".join(rnd.choice(clauses) for _ in range(rnd.randint(1, 20))) for _ in range(3)
        )
        for min_length in (2, 4, 7):
            assert greedy_tiles(a, b, min_length) == reference.greedy_tiles(a, b, min_length)


def brute_force_maximal_matches(a: str, b: str, k: int) -> list[tuple[int, int, int]]:
    """Every (i, j, length ≥ k) with a[i:i+length] == b[j:j+length] that extends neither left
    nor right, found character by character; the separators "\\x00" / "\\x01" never match."""
    found = []
    for i in range(len(a)):
        for j in range(len(b)):
            if i and j and a[i - 1] == b[j - 1] and a[i - 1] not in "\x00\x01":
                continue  # extends to the left
            n = 0
            while (
                i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]
                and a[i + n] not in "\x00\x01"
            ):
                n += 1
            if n >= k:
                found.append((i, j, n))
    return sorted(found)


_SMALL_ALPHABET = st.text(alphabet="疫情要防住经济稳\x00", max_size=60)


@given(_SMALL_ALPHABET, _SMALL_ALPHABET, st.integers(min_value=2, max_value=8))
def test_maximal_matches_equal_the_brute_force(a: str, b: str, k: int) -> None:
    """Maximal matches read off the diagonal runs of the matching k-grams are exactly the
    brute-force ones, on text with many repeats (small alphabet) and paragraph breaks."""
    from tifa.engine.compare.shared import _maximal_matches, _side

    b = b.replace("\x00", "\x01")
    ia, jb, length = _maximal_matches(_side(a, k, False), _side(b, k, True), k)
    found = sorted(zip(ia.tolist(), jb.tolist(), length.tolist(), strict=True))
    assert found == brute_force_maximal_matches(a, b, k)


@given(
    _SMALL_ALPHABET,
    _SMALL_ALPHABET,
    st.integers(min_value=2, max_value=9),
    st.sampled_from([1, 2, 5, 1024]),
)
def test_greedy_tiles_equal_the_reference_on_generated_text(
    a: str, b: str, n: int, chunk: int
) -> None:
    """Also with candidates screened a few at a time (those already wholly tiled on one side
    are dropped a chunk at once): the tiles are the same."""
    from unittest import mock

    from tifa.engine.compare import shared

    b = b.replace("\x00", "\x01")
    with mock.patch.multiple(
        shared, _FIRST_TILE_CHUNK=chunk, _TILE_CHUNK=chunk, _CHARS_A_SCREEN=10**9
    ):
        assert greedy_tiles(a, b, n) == reference.greedy_tiles(a, b, n)


_PASSAGE_TEXT = st.lists(
    st.sampled_from([*"疫情要防住经济稳发展安全会议强调坚持推进，。、“”（） ", "高质量", "全面"]),
    max_size=30,
).map("".join)


@given(st.lists(_PASSAGE_TEXT, min_size=1, max_size=8), st.integers(min_value=0, max_value=40))
@example(["会议强调坚持，推进高质量发展", "疫情要防住，经济要稳住"], 12)
def test_passage_weights_equal_the_reference_to_the_last_bit(
    texts: list[str], paragraphs: int
) -> None:
    """Word weights kept per word and the counted characters in a bytearray: every passage
    weighs exactly what it did (same float, compared by its hex form), stock phrases too."""
    from tifa.engine.compare.shared import DistinctivenessWeights

    frequency = {"疫情": 3, "经济": 9, "发展": 1, "会议": 40, "强调": 25, "安全": 7, "坚持": 13,
                 "推进": 2, "防住": 5, "稳住": 11, "全面": 17, "高质量": 4}
    stock = ("会议强调", "坚持，推进", "高质量发展")  # one across punctuation (not counted)
    fast = DistinctivenessWeights(paragraphs, frequency, stock)
    slow = reference.DistinctivenessWeights(paragraphs, frequency, stock)
    for text in (*texts, *texts):  # the second time from the caches
        assert fast.passage_weight(text).hex() == slow.passage_weight(text).hex()
