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
from array import array
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from tifa.engine.arrays import unique, unique_with
from tifa.engine.bounded_cache import bounded_cache
from tifa.engine.compare.align import document_keys, score_matrix
from tifa.engine.compare.clustering import average_linkage_order
from tifa.engine.compare.model import CompareSettings, SharedPassage, SimilarityMatrix
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer, is_punctuation
from tifa.engine.model import Document

SHARED_TEXT = "shared-text"
TFIDF_COSINE = "tfidf-cosine"
CHAR_BIGRAM_COSINE = "char-bigram-cosine"

FloatMatrix = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Below this many document × term cells, TF-IDF vectors are dense NumPy arrays (no SciPy to
# load: a comparison of a few documents starts faster); above, SciPy's sparse matrices. The
# dense path holds several arrays of 8 bytes a cell (at 4 million cells, two random 3.4 MB
# texts peaked 150 MB higher here); a few real documents are a few tens of thousands.
DENSE_TFIDF_CELLS = 1_000_000


class _KeepContent(dict[int, str | None]):
    """``str.translate`` table deleting punctuation, symbols and spaces, filled on first sight
    of each character (so counting runs at C speed)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = None if is_punctuation(char) else char
        self[code] = value
        return value


_KEEP_CONTENT = _KeepContent()


class _ContentFlags(dict[int, str]):
    """``str.translate`` table making each character "\x01" when it counts as text, else
    "\x00" (one byte a character once encoded), filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        value = "\x00" if _KEEP_CONTENT[code] is None else "\x01"
        self[code] = value
        return value


_CONTENT_FLAGS = _ContentFlags()


def is_content(char: str) -> bool:
    """Characters that count as text: not punctuation, symbols or spaces."""
    return not is_punctuation(char)


def content_length(text: str) -> int:
    return len(text.translate(_KEEP_CONTENT))


@lru_cache(maxsize=16_384)
def _paragraph_content(text: str) -> int:
    """``content_length`` of a paragraph, kept: every pair of a comparison of many documents
    counts both documents' paragraphs again (31 readouts: 930 documents' worth)."""
    return content_length(text)


#: Characters of the paragraphs whose content counts (``_content_before``, 4 bytes a character)
#: are kept: a tile's documents fit (``pipeline.tile_size``). By count alone (16,384
#: paragraphs) 70 reports of 40,000 characters kept ~11 MB in each process, 150 ~27 MB.
CONTENT_CACHE_CHARS = 1_000_000


@bounded_cache(maxsize=16_384, budget=CONTENT_CACHE_CHARS, cost=len)
def _content_before(text: str) -> array[int]:
    """``out[i]``: content characters in ``text[:i]`` (a span's count is a subtraction); 4
    bytes a character (a tuple of ints took ~36)."""
    # at C speed: a byte per character (1: content), summed by NumPy (2.5x faster than a
    # generator over the characters: the long pair's 200,000 characters in 12 ms, not 31)
    flags = np.frombuffer(text.translate(_CONTENT_FLAGS).encode("latin-1"), dtype=np.uint8)
    out = array("i", (0,))
    out.frombytes(np.cumsum(flags, dtype=np.int32).tobytes())
    return out


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
    total = sum(_paragraph_content(p.normalized) for d in (doc_a, doc_b) for p in d.paragraphs)
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
    # rounded as Python rounds (correctly, to the nearest decimal; NumPy's ``round`` scales,
    # rounds and scales back, which can differ in the last bit), a row at a time
    for row in range(len(values)):
        values[row] = [round(v, 6) for v in values[row].tolist()]
    values.flags.writeable = False
    return SimilarityMatrix(metric, values)


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


def _tfidf_cosine(
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    n: int,
    terms: int,
    counts: npt.ArrayLike | None = None,
) -> FloatMatrix:
    """``cosine_matrix`` of term occurrences given as (bag, term id) pairs, each occurring
    once or, with ``counts``, that many times."""
    if not terms:
        return np.zeros((n, n))
    # any integer type (callers with many documents give 4-byte ones): not copied
    rows, cols = _indices(rows), _indices(cols)
    times = np.ones(len(rows)) if counts is None else np.asarray(counts, dtype=np.float64)
    if n * terms > DENSE_TFIDF_CELLS:
        return _sparse_tfidf_cosine(rows, cols, n, terms, times)
    counts = np.zeros((n, terms))
    np.add.at(counts, (rows, cols), times)
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


def _sparse_tfidf_cosine(
    rows: npt.NDArray[np.integer[Any]],
    cols: npt.NDArray[np.integer[Any]],
    n: int,
    terms: int,
    times: FloatMatrix,
) -> FloatMatrix:
    """``_tfidf_cosine`` for many documents: SciPy's sparse matrices (loaded only here)."""
    from scipy.sparse import csr_matrix

    if len(rows) and bool(np.all(rows[1:] >= rows[:-1])):
        # occurrences bag by bag (as both callers give them): CSR directly, no COO copies
        index = np.int32 if max(terms, len(rows)) < 2**31 else np.int64
        indptr = np.searchsorted(rows, np.arange(n + 1)).astype(index)
        counts = csr_matrix(
            (np.asarray(times, dtype=np.float64), cols.astype(index, copy=False), indptr),
            shape=(n, terms),
        )
    else:
        counts = csr_matrix((times, (rows, cols)), shape=(n, terms), dtype=np.float64)
    counts.sum_duplicates()
    document_frequency = np.bincount(counts.indices, minlength=terms)
    idf = np.log((1 + n) / (1 + document_frequency)) + 1.0
    # Every step on the values in place, a row at a time where a whole-array factor would
    # be as big as the values (at 1,000 documents, 2.3 million bigrams: each temporary copy
    # of the values is 18 MB, and the steps as whole-array expressions peaked ~70 MB higher)
    weights = counts  # the counts are not needed again (nor are the caller's ``times``)
    del counts
    data = weights.data
    np.log(data, out=data)
    data += 1.0
    data *= idf[weights.indices]
    del idf
    # squares and scaling on the values alone: no copy of the indices per step
    norms = np.sqrt(_row_sums(np.square(data), weights))
    norms[norms == 0] = 1.0
    indptr = weights.indptr
    for row, scale in enumerate((1.0 / norms).tolist()):
        data[indptr[row] : indptr[row + 1]] *= scale
    # Only terms found in two or more documents add to a product of two different ones: the
    # others are dropped in place (a huge vocabulary of words or bigrams found once, as in
    # random text, took several copies of the matrix; a copy without their columns ~25 MB
    # at 1,000 documents), which leaves every product off the diagonal as it was, summed in
    # the same order; the diagonal is each row's squared norm.
    diagonal = _row_sums(np.square(data), weights)
    data[~(document_frequency >= 2)[weights.indices]] = 0.0
    del document_frequency, data
    weights.eliminate_zeros()
    # the product a block of rows at a time, into one dense result (the whole sparse product,
    # nearly dense for documents sharing a core, and its dense copy took ~50 MB more)
    transposed = weights.T.tocsr()
    result: FloatMatrix = np.empty((n, n))
    for start in range(0, n, _PRODUCT_ROWS):
        block = weights[start : start + _PRODUCT_ROWS] @ transposed
        result[start : start + _PRODUCT_ROWS] = block.toarray()
        del block
    np.fill_diagonal(result, diagonal)
    return result


def _row_sums(values: FloatMatrix, like: Any) -> FloatMatrix:
    """Each row's sum of ``values`` laid out as the CSR matrix ``like``'s values (summed as
    SciPy sums a row)."""
    from scipy.sparse import csr_matrix

    summed = csr_matrix((values, like.indices, like.indptr), like.shape).sum(axis=1)
    return np.asarray(summed).ravel()


#: Rows of the sparse TF-IDF product made at once (``_sparse_tfidf_cosine``).
_PRODUCT_ROWS = 128


def document_words(document: Document, tokenizer: WordTokenizer) -> list[str]:
    return [w for p in document.paragraphs for w in tokenizer.words(p.normalized)]


def tfidf_cosine_matrix(
    documents: Sequence[Document], *, tokenizer: WordTokenizer | None = None
) -> SimilarityMatrix:
    """``tfidf-cosine`` over the words of each document."""
    tokenizer = tokenizer or get_tokenizer()
    # ``cosine_matrix`` over the documents' words, with each word an integer, counted per
    # document (no bags of words held: a text without repeats kept ~200 bytes a word)
    if not documents:
        return _as_matrix(TFIDF_COSINE, np.zeros((0, 0)))
    long_words: dict[str, int] = {}
    counted: list[tuple[IntArray, IntArray, IntArray]] = []  # terms, first places, counts
    offset = 0
    for document in documents:
        # each distinct word's id worked out once per document, the others looked up at C
        # speed (the long pair's 86,000 words: 11 ms, not 20)
        ids = np.fromiter(
            map(
                _WordIds(long_words).__getitem__,
                chain.from_iterable(tokenizer.words(p.normalized) for p in document.paragraphs),
            ),
            dtype=np.int64,
        )
        terms, first, counts = unique_with(ids, return_index=True, return_counts=True)
        counted.append((terms, first + offset, counts))
        offset += len(ids)
        del ids
    del long_words
    sizes = [len(terms) for terms, _, _ in counted]
    # term numbers in order of first occurrence over all the documents, as ``cosine_matrix``
    # numbers them (the same columns, so the same sums in the same order)
    every, where = unique_with(np.concatenate([t for t, _, _ in counted]),
                               return_inverse=True)
    where = where.ravel()
    first_place = np.full(len(every), offset, dtype=np.int64)
    np.minimum.at(first_place, where, np.concatenate([f for _, f, _ in counted]))
    number = np.empty(len(every), dtype=np.int64)
    number[np.argsort(first_place, kind="stable")] = np.arange(len(every))
    # 4-byte rows and columns, counts as the floats they are summed as: at 1,000 documents
    # the 8-byte arrays (and their sorted copies) took ~40 MB more at once
    index = _index_type(len(counted), len(every), len(where))
    rows = np.repeat(np.arange(len(counted), dtype=index), sizes)
    cols = number[where].astype(index)
    del number, where, first_place
    times = np.concatenate([c for _, _, c in counted]).astype(np.float64)
    del counted
    # per document, columns by term id: put each row's columns in order of their numbers
    order = np.lexsort((cols, rows))
    rows, cols, times = rows[order], cols[order], times[order]
    del order
    return _as_matrix(TFIDF_COSINE, _tfidf_cosine(rows, cols, len(documents), len(every), times))


def _indices(values: npt.ArrayLike) -> npt.NDArray[np.integer[Any]]:
    """``values`` as an integer array: as they are when they are integers (any size)."""
    array = np.asarray(values)
    return array if array.dtype.kind in "iu" else array.astype(np.int64)


def _index_type(*sizes: int) -> type[np.signedinteger[Any]]:
    """4-byte integers when every index fits, else 8-byte ones."""
    return np.int32 if max(sizes, default=0) < 2**31 else np.int64


def _word_id(word: str, long_words: dict[str, int]) -> int:
    """A distinct integer per word: up to three characters their code points (21 bits each:
    one character < 2**21 <= two < 2**42 <= three < 2**63), longer words a negative number
    from ``long_words`` (filled as they come)."""
    if len(word) <= 3:
        code = 0
        for char in word:
            code = (code << 21) | ord(char)
        return code
    return -1 - long_words.setdefault(word, len(long_words))


class _WordIds(dict[str, int]):
    """``_word_id`` of each word, computed on first sight (``long_words`` shared)."""

    def __init__(self, long_words: dict[str, int]) -> None:
        super().__init__()
        self.long_words = long_words

    def __missing__(self, word: str) -> int:
        value = self[word] = _word_id(word, self.long_words)
        return value


def char_bigram_cosine_matrix(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None = None,
    keys: Sequence[tuple[str, ...]] | None = None,
) -> SimilarityMatrix:
    """``char-bigram-cosine`` over the character bigrams of each paragraph's comparison key;
    ``keys``: those keys (``document_keys`` with ``settings``), when the caller has them."""
    settings = settings or CompareSettings()
    if keys is None:
        keys = [document_keys(document, settings) for document in documents]
    counted = [_bigram_counts(document_keys_) for document_keys_ in keys]
    sizes = [len(ids) for ids, _ in counted]
    if not sum(sizes):
        return _as_matrix(CHAR_BIGRAM_COSINE, np.zeros((len(counted), len(counted))))
    n = len(counted)
    if n <= PAIRWISE_BIGRAM_DOCUMENTS and n * sum(sizes) > DENSE_TFIDF_CELLS:
        # a huge vocabulary among few documents: pair by pair on the sorted bigram ids, with
        # no matrix over the whole vocabulary (two random 3.4 MB texts, 2.3 million distinct
        # bigrams, peaked ~50 MB higher with SciPy's sparse matrices)
        return _as_matrix(CHAR_BIGRAM_COSINE, _pairwise_tfidf_cosine(counted))
    # each document's distinct bigrams with their counts (not one entry per occurrence: a
    # 19 MB text took ~240 MB more here)
    terms = unique(np.concatenate([ids for ids, _ in counted]))
    # 4-byte rows and columns, counts as floats (at 1,000 documents, 2.3 million entries:
    # the 8-byte arrays and the float copy took ~35 MB more at once)
    index = _index_type(len(counted), len(terms), sum(sizes))
    cols = np.concatenate([np.searchsorted(terms, ids).astype(index) for ids, _ in counted])
    rows = np.repeat(np.arange(len(counted), dtype=index), sizes)
    counts = np.concatenate([c for _, c in counted]).astype(np.float64)
    del counted
    return _as_matrix(
        CHAR_BIGRAM_COSINE, _tfidf_cosine(rows, cols, len(sizes), len(terms), counts)
    )


#: Up to this many documents, a bigram vocabulary too big for dense arrays is compared pair by
#: pair (``_pairwise_tfidf_cosine``); more documents take SciPy's sparse matrices.
PAIRWISE_BIGRAM_DOCUMENTS = 16


def _common(a: IntArray, b: IntArray) -> tuple[IntArray, IntArray]:
    """Where the values both sorted, distinct arrays hold are: indices into ``a`` and ``b``."""
    if len(a) > len(b):
        in_b, in_a = _common(b, a)
        return in_a, in_b
    if not len(a):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    hit = np.flatnonzero(b[at] == a)
    return hit, at[hit].astype(np.int64)


def _pairwise_tfidf_cosine(counted: Sequence[tuple[IntArray, IntArray]]) -> FloatMatrix:
    """``_tfidf_cosine`` of documents given as their sorted distinct term ids with counts,
    computed one pair of documents at a time (the same weights: sublinear tf, smoothed idf,
    L2 rows; the products summed over the pair's common terms)."""
    n = len(counted)
    # document frequency of each document's terms: itself and the others holding them
    frequency = [np.ones(len(ids), dtype=np.int32) for ids, _ in counted]
    for i in range(n):
        for j in range(i + 1, n):
            in_i, in_j = _common(counted[i][0], counted[j][0])
            frequency[i][in_i] += 1
            frequency[j][in_j] += 1
    weights: list[FloatMatrix] = []
    for (_, counts), df in zip(counted, frequency, strict=True):
        row = (1.0 + np.log(counts.astype(np.float64))) * (np.log((1 + n) / (1 + df)) + 1.0)
        norm = float(np.sqrt(np.dot(row, row)))
        row /= norm if norm else 1.0
        weights.append(row)
    del frequency
    result = np.eye(n)
    for i in range(n):
        for j in range(i + 1, n):
            in_i, in_j = _common(counted[i][0], counted[j][0])
            result[i, j] = result[j, i] = float(np.dot(weights[i][in_i], weights[j][in_j]))
    return result


#: ``_bigram_counts`` codes this many characters at a time (a bound on its temporary arrays).
BIGRAM_CHUNK = 1 << 18


def _bigram_counts(
    keys: Sequence[str], chunk: int = BIGRAM_CHUNK
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The distinct bigram ids (``_bigram_ids``) inside the keys, sorted, and how often each
    occurs; the keys are coded about ``chunk`` characters at a time (a longer key in pieces
    overlapping by one character, so that each bigram is counted once)."""
    found: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]] = []
    batch: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if batch:
            ids, counts = unique_with(_bigram_ids(batch), return_counts=True)
            found.append((ids, counts))
            batch.clear()
            size = 0

    for key in keys:
        pieces = [key] if len(key) <= chunk else [
            key[start : start + chunk + 1] for start in range(0, len(key) - 1, chunk)
        ]
        for piece in pieces:
            batch.append(piece)
            size += len(piece) + 1
            if size >= chunk:
                flush()
    flush()
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    if len(found) == 1:
        return found[0][0], found[0][1].astype(np.int64)
    ids, where = unique_with(np.concatenate([i for i, _ in found]), return_inverse=True)
    counts = np.bincount(
        where, weights=np.concatenate([c for _, c in found]), minlength=len(ids)
    ).astype(np.int64)
    return ids, counts


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
    workers: int = -1,
) -> npt.NDArray[np.float32]:
    """Similarity (0..1, rapidfuzz Indel ratio of the comparison keys) of every paragraph of
    ``doc_a`` (rows) with every paragraph of ``doc_b`` (columns); below ``cutoff`` is 0.
    A cutoff above 0 lets big documents skip most pairs (see ``align.pair_scores``);
    ``workers``: threads for a big matrix (``align.pair_scores``)."""
    settings = settings or CompareSettings()
    return score_matrix(
        document_keys(doc_a, settings), document_keys(doc_b, settings), cutoff=cutoff,
        workers=workers,
    )


def as_array(matrix: SimilarityMatrix) -> FloatMatrix:
    """The matrix's values (read-only)."""
    return matrix.values


def cluster_order(matrix: SimilarityMatrix | FloatMatrix) -> tuple[int, ...]:
    """Documents ordered so that similar ones are adjacent: average-linkage clustering of
    ``1 - similarity`` with optimal leaf ordering (SciPy's merges, the best leaf order of
    that tree, in NumPy: ``clustering``)."""
    values = as_array(matrix) if isinstance(matrix, SimilarityMatrix) else np.asarray(matrix)
    n = len(values)
    if n < 3:
        return tuple(range(n))
    # in place: one n × n array (each is 8 MB at 1,000 documents)
    distances = values + values.T
    distances /= 2
    np.subtract(1.0, distances, out=distances)
    np.clip(distances, 0.0, None, out=distances)
    np.fill_diagonal(distances, 0.0)
    return tuple(average_linkage_order(distances))


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
