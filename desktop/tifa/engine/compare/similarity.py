"""How alike documents are: document × document matrices under several metrics, the
paragraph × paragraph scores of a pair (for the dot plot), and an order of the documents by
hierarchical clustering so that similar reports sit together.

Metrics (values 0..1, 1.0 on the diagonal):

- ``shared-text``: the share of both documents' text inside passages they share (punctuation
  and spaces not counted): what a reader sees highlighted as common wording.
- ``tfidf-cosine``: cosine of TF-IDF word vectors (sublinear term frequency, smoothed IDF;
  words from the shared tokenizer, punctuation left out): common vocabulary, in any order.
- ``char-bigram-cosine``: the same over character bigrams of the comparison keys: robust to
  segmentation differences, and needs no tokenizer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import accumulate

import numpy as np
import numpy.typing as npt

from tifa.engine.compare.align import document_keys, score_matrix
from tifa.engine.compare.model import CompareSettings, SharedPassage, SimilarityMatrix
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer, is_punctuation
from tifa.engine.model import Document

SHARED_TEXT = "shared-text"
TFIDF_COSINE = "tfidf-cosine"
CHAR_BIGRAM_COSINE = "char-bigram-cosine"

FloatMatrix = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Below this many document × term cells, TF-IDF vectors are dense NumPy arrays (no SciPy to
# load: a comparison of a few documents starts faster); above, SciPy's sparse matrices.
DENSE_TFIDF_CELLS = 4_000_000


class _KeepContent(dict[int, str | None]):
    """``str.translate`` table deleting punctuation, symbols and spaces, filled on first sight
    of each character (so counting runs at C speed)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = None if is_punctuation(char) else char
        self[code] = value
        return value


_KEEP_CONTENT = _KeepContent()


def is_content(char: str) -> bool:
    """Characters that count as text: not punctuation, symbols or spaces."""
    return not is_punctuation(char)


def content_length(text: str) -> int:
    return len(text.translate(_KEEP_CONTENT))


@lru_cache(maxsize=16_384)
def _content_before(text: str) -> tuple[int, ...]:
    """``out[i]``: content characters in ``text[:i]`` (a span's count is a subtraction)."""
    return (0, *accumulate(1 if _KEEP_CONTENT[ord(ch)] is not None else 0 for ch in text))


def covered_content(document: Document, spans: Sequence[tuple[int, int, int]]) -> int:
    """Content characters of ``document`` inside the union of ``(paragraph, start, end)``."""
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for paragraph, start, end in spans:
        by_paragraph.setdefault(paragraph, []).append((start, end))
    total = 0
    for paragraph, ranges in by_paragraph.items():
        before = _content_before(document.paragraphs[paragraph].normalized)
        reach = 0
        for start, end in sorted(ranges):
            begin = max(start, reach)
            if end > begin:
                total += before[end] - before[begin]
            reach = max(reach, end)
    return total


def shared_text_similarity(
    doc_a: Document, doc_b: Document, passages: Sequence[SharedPassage]
) -> float:
    """Share of the content characters of both documents covered by the shared passages."""
    total = sum(_content_before(p.normalized)[-1] for d in (doc_a, doc_b) for p in d.paragraphs)
    if total == 0:
        return 0.0
    covered = covered_content(doc_a, [p.a for p in passages]) + covered_content(
        doc_b, [p.b for p in passages]
    )
    return min(1.0, covered / total)


def similarity_matrix(metric: str, values: FloatMatrix) -> SimilarityMatrix:
    """A metric's matrix from its values (clipped to 0..1, 1.0 on the diagonal, rounded)."""
    return _as_matrix(metric, values)


def _as_matrix(metric: str, values: FloatMatrix) -> SimilarityMatrix:
    values = np.clip(values, 0.0, 1.0)
    np.fill_diagonal(values, 1.0)
    return SimilarityMatrix(
        metric=metric,
        values=tuple(tuple(round(float(v), 6) for v in row) for row in values),
    )


def shared_text_matrix(
    documents: Sequence[Document],
    shared: Mapping[tuple[int, int], Sequence[SharedPassage]],
) -> SimilarityMatrix:
    """``shared-text`` for every pair; ``shared[(a, b)]`` (``a < b``) are the pair's passages,
    spans ``a`` in ``documents[a]``."""
    n = len(documents)
    values = np.eye(n)
    for (a, b), passages in shared.items():
        score = shared_text_similarity(documents[a], documents[b], passages)
        values[a, b] = values[b, a] = score
    return _as_matrix(SHARED_TEXT, values)


def cosine_matrix(bags: Sequence[Sequence[str]]) -> FloatMatrix:
    """TF-IDF cosine similarities of bags of terms (sublinear tf, smoothed idf, L2 rows)."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for row, bag in enumerate(bags):
        for term in bag:
            rows.append(row)
            cols.append(vocabulary.setdefault(term, len(vocabulary)))
    return _tfidf_cosine(np.asarray(rows), np.asarray(cols), len(bags), len(vocabulary))


def _tfidf_cosine(rows: npt.ArrayLike, cols: npt.ArrayLike, n: int, terms: int) -> FloatMatrix:
    """``cosine_matrix`` of term occurrences given as (bag, term id) pairs."""
    if not terms:
        return np.zeros((n, n))
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    if n * terms > DENSE_TFIDF_CELLS:
        return _sparse_tfidf_cosine(rows, cols, n, terms)
    counts = np.zeros((n, terms))
    np.add.at(counts, (rows, cols), 1.0)
    document_frequency = np.count_nonzero(counts, axis=0)
    idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
    present = counts > 0
    weights = np.zeros_like(counts)
    weights[present] = (1.0 + np.log(counts[present])) * np.broadcast_to(idf, counts.shape)[
        present
    ]
    norms = np.sqrt((weights * weights).sum(axis=1))
    norms[norms == 0] = 1.0
    weights /= norms[:, None]
    result: FloatMatrix = weights @ weights.T
    return result


def _sparse_tfidf_cosine(rows: IntArray, cols: IntArray, n: int, terms: int) -> FloatMatrix:
    """``_tfidf_cosine`` for many documents: SciPy's sparse matrices (loaded only here)."""
    from scipy.sparse import csr_matrix

    counts = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, terms), dtype=np.float64)
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=terms)
    idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
    weights = counts.copy()
    weights.data = (1.0 + np.log(weights.data)) * idf[weights.indices]
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weights = csr_matrix(weights.multiply(1.0 / norms[:, None]))
    result: FloatMatrix = np.asarray((weights @ weights.T).todense(), dtype=np.float64)
    return result


def document_words(document: Document, tokenizer: WordTokenizer) -> list[str]:
    return [w for p in document.paragraphs for w in tokenizer.words(p.normalized)]


def tfidf_cosine_matrix(
    documents: Sequence[Document], *, tokenizer: WordTokenizer | None = None
) -> SimilarityMatrix:
    """``tfidf-cosine`` over the words of each document."""
    tokenizer = tokenizer or get_tokenizer()
    return _as_matrix(
        TFIDF_COSINE, cosine_matrix([document_words(d, tokenizer) for d in documents])
    )


def char_bigram_cosine_matrix(
    documents: Sequence[Document], *, settings: CompareSettings | None = None
) -> SimilarityMatrix:
    """``char-bigram-cosine`` over the character bigrams of each paragraph's comparison key."""
    settings = settings or CompareSettings()
    ids = [_bigram_ids(document_keys(document, settings)) for document in documents]
    rows = np.repeat(np.arange(len(ids)), [len(i) for i in ids])
    if not len(rows):
        return _as_matrix(CHAR_BIGRAM_COSINE, np.zeros((len(ids), len(ids))))
    terms, cols = np.unique(np.concatenate(ids), return_inverse=True)
    return _as_matrix(CHAR_BIGRAM_COSINE, _tfidf_cosine(rows, cols, len(ids), len(terms)))


def _bigram_ids(keys: Sequence[str]) -> npt.NDArray[np.int64]:
    """One integer per character bigram inside each key (none across keys)."""
    codes = np.frombuffer(
        "\x00".join(keys).encode("utf-32-le", "surrogatepass"), dtype=np.uint32
    ).astype(np.int64)
    ids = (codes[:-1] << 21) | codes[1:]
    inside: npt.NDArray[np.int64] = ids[(codes[:-1] != 0) & (codes[1:] != 0)]
    return inside


def paragraph_matrix(
    doc_a: Document,
    doc_b: Document,
    *,
    settings: CompareSettings | None = None,
    cutoff: float = 0.0,
) -> npt.NDArray[np.float32]:
    """Similarity (0..1, rapidfuzz Indel ratio of the comparison keys) of every paragraph of
    ``doc_a`` (rows) with every paragraph of ``doc_b`` (columns); below ``cutoff`` is 0.
    A cutoff above 0 lets big documents skip most pairs (see ``align.pair_scores``)."""
    settings = settings or CompareSettings()
    return score_matrix(
        document_keys(doc_a, settings), document_keys(doc_b, settings), cutoff=cutoff
    )


def as_array(matrix: SimilarityMatrix) -> FloatMatrix:
    return np.asarray(matrix.values, dtype=np.float64).reshape(len(matrix.values), -1)


def cluster_order(matrix: SimilarityMatrix | FloatMatrix) -> tuple[int, ...]:
    """Documents ordered so that similar ones are adjacent: average-linkage clustering of
    ``1 - similarity`` with optimal leaf ordering."""
    values = as_array(matrix) if isinstance(matrix, SimilarityMatrix) else np.asarray(matrix)
    n = len(values)
    if n < 3:
        return tuple(range(n))
    symmetric = (values + values.T) / 2
    distances = np.clip(1.0 - symmetric, 0.0, None)
    np.fill_diagonal(distances, 0.0)
    condensed = distances[np.triu_indices(n, 1)]  # scipy's squareform, row by row
    from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering

    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return tuple(int(i) for i in leaves_list(tree))


def most_central(matrix: SimilarityMatrix | FloatMatrix) -> int:
    """The document with the highest mean similarity to the others (first one on ties)."""
    values = as_array(matrix) if isinstance(matrix, SimilarityMatrix) else np.asarray(matrix)
    n = len(values)
    if n == 0:
        raise ValueError("no documents")
    if n == 1:
        return 0
    means = (values.sum(axis=1) - np.diag(values)) / (n - 1)
    best = float(means.max())
    return int(next(i for i in range(n) if math.isclose(float(means[i]), best)))
