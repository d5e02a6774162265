"""The compact forms many documents are compared with, each checked against the plain
computation it replaced: similarity matrices as one read-only NumPy array (was tuples of
Python floats), the JSON written a matrix row at a time, the ranking of pairs, the heatmap
range, the TF-IDF / bigram matrices from 4-byte indices, and freed memory given back."""

from __future__ import annotations

import json
import pickle
import random
from functools import cache

import numpy as np
import pytest
from _witness import seed_document
from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.compare.model import Comparison, SimilarityMatrix
from tifa.engine.compare.pipeline import compare
from tifa.engine.compare.report import _matrix, _matrix_pieces, iter_report_json, report_dict
from tifa.engine.compare.similarity import (
    SHARED_TEXT,
    _tfidf_cosine,
    similarity_matrix,
)
from tifa.engine.export.view import STRETCH_MIN_SPREAD, heat_range
from tifa.engine.memory import release_freed_memory

scores = st.floats(min_value=-0.5, max_value=1.5, allow_nan=False, width=64)


@st.composite
def square(draw: st.DrawFn) -> list[list[float]]:
    n = draw(st.integers(min_value=1, max_value=7))
    return [[draw(scores) for _ in range(n)] for _ in range(n)]


@given(square())
def test_a_matrix_holds_the_values_the_tuples_held(values: list[list[float]]) -> None:
    """``similarity_matrix`` clips, sets the diagonal and rounds as the tuples of Python floats
    did (``round(float(v), 6)`` value by value): the same numbers, read-only."""
    n = len(values)
    plain = tuple(
        tuple(1.0 if i == j else round(min(1.0, max(0.0, values[i][j])), 6) for j in range(n))
        for i in range(n)
    )
    matrix = similarity_matrix(SHARED_TEXT, np.array(values))
    assert matrix.rows() == [list(row) for row in plain]
    assert all(type(v) is float for row in matrix.rows() for v in row)
    assert all(matrix.at(i, j) == plain[i][j] for i in range(n) for j in range(n))
    assert type(matrix.at(0, 0)) is float
    assert matrix.values[n - 1][0] == plain[n - 1][0]  # row-then-column indexing still works
    assert matrix == SimilarityMatrix(SHARED_TEXT, plain)
    assert hash(matrix) == hash(SimilarityMatrix(SHARED_TEXT, plain))
    with pytest.raises(ValueError, match="read-only"):
        matrix.values[0, 0] = 0.5


def test_a_matrix_is_immutable_copied_and_survives_pickling() -> None:
    source = np.array([[1.0, 0.25], [0.25, 1.0]])
    matrix = SimilarityMatrix("m", source)
    source[0, 1] = 0.75  # the matrix holds its own copy
    assert matrix.at(0, 1) == 0.25
    with pytest.raises(AttributeError):
        matrix.metric = "other"  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(matrix))
    assert again == matrix and not again.values.flags.writeable
    assert matrix != SimilarityMatrix("other", source) != SimilarityMatrix("m", source)
    assert matrix != SimilarityMatrix("m", [[1.0]])
    with pytest.raises(ValueError, match="square"):
        SimilarityMatrix("m", [[1.0, 0.5]])
    assert SimilarityMatrix("m", ()).values.shape == (0, 0)


@given(square())
def test_the_json_text_of_a_matrix_is_the_compact_encoders(values: list[list[float]]) -> None:
    """Written a row at a time, the text is what encoding the whole matrix gave."""
    matrix = similarity_matrix("tfidf-cosine", np.array(values))
    encode = json.JSONEncoder(ensure_ascii=False).encode
    assert "".join(_matrix_pieces(matrix)) == encode(_matrix(matrix))


@cache
def pair_comparison() -> Comparison:
    return compare([seed_document(0), seed_document(3)])


def comparison_of(values: list[list[float]]) -> Comparison:
    """A comparison of ``len(values)`` documents with ``values`` as its primary matrix."""
    n = len(values)
    base = pair_comparison()
    documents = (base.documents * n)[:n]
    return Comparison(
        documents=documents,
        settings=base.settings,
        pairs=(),
        formulations=(),
        similarities=(similarity_matrix(SHARED_TEXT, np.array(values)),),
        order=tuple(range(n)),
        alignment=base.alignment,
        marks=(base.marks * n)[:n],
    )


@given(square(), st.integers(min_value=0, max_value=3))
def test_ranked_pairs_and_the_heat_range_are_the_plain_computations(
    values: list[list[float]], ties: int
) -> None:
    n = len(values)
    rounded = [[round(v * ties) / ties if ties else v for v in row] for row in values]
    comparison = comparison_of(rounded)
    plain = comparison.similarities[0].rows()
    expected = sorted(
        ((a, b, plain[a][b]) for a in range(n) for b in range(a + 1, n)),
        key=lambda p: (-p[2], p[0], p[1]),
    )
    assert comparison.ranked_pairs() == expected
    off = [plain[i][j] for i in range(n) for j in range(n) if i != j]
    wide = off and max(off) - min(off) >= STRETCH_MIN_SPREAD
    assert heat_range(comparison.similarities[0]) == ((min(off), max(off)) if wide else (0.0, 1.0))


def test_the_streamed_report_holds_the_matrices_of_the_report_dict() -> None:
    comparison = compare([seed_document(i) for i in range(3)])
    data = json.loads("".join(iter_report_json(comparison)))
    plain = report_dict(comparison)
    assert data["similarity"] == plain["similarity"]
    assert data["similarities"] == plain["similarities"]
    assert data["similarity"]["matrix"] == [
        [float(v) for v in row] for row in comparison.similarities[0].values
    ]


@pytest.mark.parametrize("dense_cells", [0, 10**9])  # the sparse path, the dense path
def test_four_byte_indices_give_the_eight_byte_values(
    dense_cells: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tifa.engine.compare import similarity

    monkeypatch.setattr(similarity, "DENSE_TFIDF_CELLS", dense_cells)
    rnd = random.Random(7)
    rows = np.repeat(np.arange(6), 40)
    cols = np.concatenate([np.sort(rnd.sample(range(90), 40)) for _ in range(6)])
    counts = np.array([rnd.randint(1, 9) for _ in rows])
    wide = _tfidf_cosine(rows.astype(np.int64), cols.astype(np.int64), 6, 90, counts)
    narrow = _tfidf_cosine(
        rows.astype(np.int32), cols.astype(np.int32), 6, 90, counts.astype(np.float64)
    )
    assert np.array_equal(wide, narrow)


def test_freed_memory_is_given_back_on_linux() -> None:
    import platform

    given_back = release_freed_memory()
    assert given_back is (platform.system() == "Linux" and platform.libc_ver()[0] == "glibc")
