"""Pairwise alignment of paragraphs (or any text units): which units of one document correspond
to which of the other, including splits, merges, moves and units only in one document.

How it works, and why:

1. Every unit becomes a *comparison key*: its normalised text without whitespace, and without
   punctuation / digits when the settings ignore them (unit-level scores should not move
   because one report writes ``,`` and the other ``，``).
2. Scores are Indel similarities (``2·LCS / (len a + len b)``, rapidfuzz ``fuzz.ratio``) of
   the keys. Unless the inputs are tiny, a prefilter first bounds every pair's LCS by the size
   of the intersection of the two keys' character multisets — computed for all pairs at once
   as one sparse product of 0/1 "character, occurrence rank" indicators, cached per document —
   so that rapidfuzz only scores the pairs that could pass. The bound is exact (it never drops
   a pair that passes), which ``tests/engine/test_align.py`` checks against full scoring.
3. An order-aware alignment: every plausible link (1:1 pairs above the threshold, 1:n splits and
   n:1 merges found by scoring the concatenation of adjacent units that are each contained in
   the other side's unit) is a rectangle in the (a, b) plane with a gain; the heaviest chain of
   rectangles increasing in both documents is the monotone alignment (a dynamic programme over
   the candidates, with a Fenwick tree for the prefix maxima). The gain of a link is
   ``(score - threshold / 2) · (characters on both sides)``: long, close matches weigh most,
   and a link only counts for what it adds over leaving both sides unaligned.
4. Links left out of the chain whose units are all still free are *moved* (greedy by gain).
5. Everything is computed in one canonical orientation and mirrored, so ``align(a, b)`` is
   exactly ``align(b, a)`` with the sides swapped.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from tifa.engine.arrays import unique, unique_with
from tifa.engine.bounded_cache import bounded_cache
from tifa.engine.compare.model import CompareSettings, LinkKind, ParagraphLink, SentenceLink
from tifa.engine.model import Document, ParagraphKind

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float32]

# Below this many unit pairs, scoring everything is cheaper than the prefilter's bookkeeping.
PREFILTER_MIN_PAIRS = 200
# Below this many pairs to score, rapidfuzz's threads cost more than they save.
PARALLEL_MIN_PAIRS = 20_000
# A unit of the other side counts as "contained" (a part of a split/merge) when this share of
# its characters is in common subsequence with the whole ...
CONTAINMENT_THRESHOLD = 0.8
# ... and it has at least this many characters (two or three characters prove nothing).
CONTAINMENT_MIN_CHARS = 8
# Keys shorter than this (on average over the pair) need a closer match to link: two short
# headings such as 第一 / 第二 share half their characters and nothing else.
SHORT_KEY_CHARS = 8
# Longest run of consecutive units tried as one side of a split or merge.
MAX_GROUP = 6
# A unit whose text is found whole inside a longer unit of the other side (this share of its
# characters in common subsequence, at least CONTAINED_MIN_CHARS of them) is linked to it when
# it is the cut-off end of its document (a repost cut mid-sentence), and preferred to a link
# between a heading and a lead (the lead linked to the other version's headline although the
# other version has the lead's text in its body). Scored by that share.
CONTAINED_SHARE = 0.9
CONTAINED_MIN_CHARS = 12
# A "heading" for that rule: a unit of at most this many characters facing one at least
# HEADING_LEAD_RATIO times longer.
HEADING_CHARS = 32
HEADING_LEAD_RATIO = 2.0
# What ends a sentence or a quotation: a last paragraph ending otherwise is cut off.
_CLOSING = frozenset("。！？；…!?;.」』”’）)》〉】]—-")


# --------------------------------------------------------------------------- comparison keys


@cache
def _dropped_categories(ignore_punctuation: bool, ignore_numbers: bool) -> frozenset[str]:
    categories = {"Zs", "Zl", "Zp", "Cc", "Cf"}  # whitespace, controls, format characters
    if ignore_punctuation:
        categories |= {"Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"}
    if ignore_numbers:
        categories |= {"Nd"}
    return frozenset(categories)


class _DropTable(dict[int, str | None]):
    """``str.translate`` table deleting what comparison ignores, filled on first sight of each
    character (so keys are made at C speed)."""

    def __init__(self, ignore_punctuation: bool, ignore_numbers: bool) -> None:
        super().__init__()
        self._dropped = _dropped_categories(ignore_punctuation, ignore_numbers)
        self._numbers = ignore_numbers

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        drop = unicodedata.category(char) in self._dropped or (self._numbers and char in "%‰％")
        value = None if drop else char
        self[code] = value
        return value


@cache
def _drop_table(ignore_punctuation: bool, ignore_numbers: bool) -> _DropTable:
    return _DropTable(ignore_punctuation, ignore_numbers)


def comparison_key(
    text: str, *, ignore_punctuation: bool = True, ignore_numbers: bool = False
) -> str:
    """What alignment compares: ``text`` without whitespace and, as asked, punctuation and
    symbols (``ignore_punctuation``) or digits and percent signs (``ignore_numbers``)."""
    return text.translate(_drop_table(ignore_punctuation, ignore_numbers))


def document_keys(document: Document, settings: CompareSettings) -> tuple[str, ...]:
    """The comparison keys of a document's paragraphs, in order."""
    return tuple(
        comparison_key(
            p.normalized,
            ignore_punctuation=settings.ignore_punctuation,
            ignore_numbers=settings.ignore_numbers,
        )
        for p in document.paragraphs
    )


def open_ended(document: Document) -> bool:
    """The document ends mid-sentence: its last paragraph, after at least one other, ends with
    no closing punctuation and has some length (a repost cut off at the end: not a heading)."""
    if len(document.paragraphs) < 2:
        return False
    last = document.paragraphs[-1].normalized.rstrip()
    return len(last) >= CONTAINED_MIN_CHARS and last[-1] not in _CLOSING


def heading_units(document: Document) -> frozenset[int]:
    """The paragraphs the reader marked as headings (``ParagraphKind.HEADING``), except a
    cut-off last paragraph (``open_ended``): text cut mid-sentence is not a heading."""
    last = len(document.paragraphs) - 1
    cut = open_ended(document)
    return frozenset(
        p.index
        for p in document.paragraphs
        if p.kind is ParagraphKind.HEADING and not (cut and p.index == last)
    )


# --------------------------------------------------------------------------- scoring


def _lengths(keys: Sequence[str]) -> IntArray:
    return np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))


def _rank_features(keys: Sequence[str]) -> IntArray:
    """For each character occurrence, in the order of the units (then of the features): a
    feature ``(rank << 21) | code point`` where ``rank`` counts earlier occurrences of the same
    character in the unit. Two units' count of shared features is exactly the size of their
    character-multiset intersection. Unit ``u``'s features are the ``len(keys[u])`` after
    those of the units before it."""
    text = "".join(keys)
    if not text:
        return np.zeros(0, dtype=np.int64)
    # (unit << 21) | code point, sorted in place: the occurrences by unit then character,
    # without an index sort and its copies (a 19 MB text peaked at ~300 MB here)
    pairs = np.repeat(np.arange(len(keys), dtype=np.int64) << 21, _lengths(keys))
    pairs |= np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    del text
    pairs.sort()
    codes = (pairs & _CODE_MASK).astype(np.int32)
    run_starts = np.ones(len(pairs), dtype=bool)
    np.not_equal(pairs[1:], pairs[:-1], out=run_starts[1:])
    positions = np.arange(len(codes), dtype=np.int32)
    first_of_run = np.where(run_starts, positions, 0)
    del run_starts
    np.maximum.accumulate(first_of_run, out=first_of_run)
    # the ranks overwrite the sorted pairs (no second 8-byte array per character)
    np.subtract(positions, first_of_run, out=pairs, casting="unsafe")
    del positions, first_of_run
    pairs <<= 21
    pairs |= codes
    return pairs


_CODE_MASK = (1 << 21) - 1


@dataclass(frozen=True, slots=True, eq=False)
class _Features:
    """A list of keys as a sparse 0/1 matrix: units × their distinct (character, rank)."""

    features: IntArray  # sorted distinct feature ids
    matrix: csr_matrix  # units × len(features)


#: Characters of the keys whose features (``_features``, ~12 bytes a character) and bits
#: (``_feature_bits``) are kept, in at most 256 lists of keys: as before for county readouts;
#: reports of 40,000 characters kept ~40 MB of features and ~1 MB of bits each.
FEATURE_CACHE_CHARS = 2_000_000


def _keys_chars(keys: tuple[str, ...]) -> int:
    return sum(map(len, keys))


@bounded_cache(maxsize=256, budget=FEATURE_CACHE_CHARS, cost=_keys_chars)
def _features(keys: tuple[str, ...]) -> _Features:
    """Computed once per list of keys: comparing one document with many reuses it."""
    from scipy.sparse import csr_matrix  # only documents big enough for the prefilter

    feats = _rank_features(keys)
    distinct = unique(feats)
    # built as CSR directly: the occurrences come unit by unit, so the row pointers are the
    # keys' cumulative lengths (no unit per occurrence, no COO copies: 4 bytes of column and 4
    # of value per character stay, where building peaked near 60)
    index = np.int32 if len(feats) < 2**31 else np.int64
    columns = np.searchsorted(distinct, feats).astype(index)
    del feats
    indptr = np.zeros(len(keys) + 1, dtype=index)
    np.cumsum(_lengths(keys), out=indptr[1:])
    matrix = csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, indptr),
        shape=(len(keys), len(distinct)),
    )
    return _Features(distinct, matrix)


def clear_caches() -> None:
    """Forget the per-document features kept for repeated comparisons (frees their memory)."""
    _feature_bits.cache_clear()  # (the bit positions stay: a comparison may be using them)
    _features.cache_clear()


#: Bit-counted overlaps (instead of SciPy's sparse product, whose Python overhead, ~0.5 ms a
#: call, dominates small pairs): at most this many 64-bit words ANDed at once, and documents
#: of at most _BIT_ROWS_MAX units × bit positions
_BIT_PRODUCT_WORDS = 1 << 20
_BIT_ROWS_MAX = 1 << 23  # bits: 1 MB a document at most (its booleans 8 MB while made)
_HAS_BITWISE_COUNT = hasattr(np, "bitwise_count")  # NumPy 2.0+
# feature id -> bit position, shared by the documents counted with bits: it only grows, so
# bits made earlier stay valid (a shorter row is a row whose later bits are 0). Every
# character of a unit is a feature of its own, so it is bounded: documents of more characters
# than _BIT_CHARS_MAX, or that would take it past _VOCABULARY_MAX, keep the sparse product.
_VOCABULARY: dict[int, int] = {}
_VOCABULARY_MAX = 1 << 18
_BIT_CHARS_MAX = 1 << 17
_VOCABULARY_LOCK = threading.Lock()
_GENERATION = 0  # bumped whenever _VOCABULARY starts again


@bounded_cache(maxsize=256, budget=FEATURE_CACHE_CHARS, cost=_keys_chars)
def _feature_bits(keys: tuple[str, ...]) -> tuple[int, npt.NDArray[np.uint64]] | None:
    """Each unit's features (``_rank_features``) as bits at their ``_VOCABULARY`` positions,
    in 64-bit words, with the vocabulary's generation (bits of two generations do not
    compare); None for documents too big for it."""
    global _GENERATION
    chars = sum(map(len, keys))
    if chars > _BIT_CHARS_MAX or len(keys) * chars > _BIT_ROWS_MAX * 16:
        return None  # too big: not worth trying
    feats = _rank_features(keys)  # unit u's are the len(keys[u]) after the units before it
    units = np.repeat(np.arange(len(keys), dtype=np.int64), _lengths(keys))
    distinct, columns = unique_with(feats, return_inverse=True)
    with _VOCABULARY_LOCK:
        if len(distinct) > _VOCABULARY_MAX:
            return None
        if len(_VOCABULARY) + len(distinct) > _VOCABULARY_MAX:  # full: start again (a
            _VOCABULARY.clear()  # long-running app would otherwise stop using bits)
            _GENERATION += 1
        generation = _GENERATION
        add = _VOCABULARY.setdefault
        positions = np.fromiter(
            (add(f, len(_VOCABULARY)) for f in distinct.tolist()),
            dtype=np.int64,
            count=len(distinct),
        )
    width = -(-(int(positions.max(initial=-1)) + 1) // 64) * 64
    if len(keys) * width > _BIT_ROWS_MAX:
        return None
    rows = np.zeros((len(keys), width), dtype=np.bool_)
    rows[units, positions[columns]] = True
    return generation, np.packbits(rows, axis=1).view(np.uint64)


def _overlap_blocks(
    keys_a: Sequence[str], keys_b: Sequence[str], block_pairs: int = 1_000_000
) -> Iterator[tuple[int, IntArray]]:
    """The multiset intersections of ``keys_a`` × ``keys_b`` in blocks of rows: (first row,
    block). Each unit's features as bits, the counts by popcount of their AND; documents too
    big for that: a sparse product, single-threaded (BLAS threads cost more than they save
    here). The same integers either way: the features are 0/1. Blocks of a million pairs:
    each is filtered through several temporaries of 8 bytes a pair (at 4 million, 6,000 ×
    6,000 paragraphs peaked 120 MB higher, no faster)."""
    n, m = len(keys_a), len(keys_b)
    made_a = _feature_bits(tuple(keys_a)) if _HAS_BITWISE_COUNT else None
    made_b = _feature_bits(tuple(keys_b)) if made_a is not None else None
    # both made under the same vocabulary (it is started again when full or cleared)
    if made_a is not None and made_b is not None and made_a[0] == made_b[0]:
        bits_a, bits_b = made_a[1], made_b[1]
        words = min(bits_a.shape[1], bits_b.shape[1])  # past it, one side's bits are all 0
        right = bits_b[None, :, :words]
        block = max(1, min(block_pairs // max(1, m), _BIT_PRODUCT_WORDS // max(1, m * words)))
        for start in range(0, n, block):
            shared = np.bitwise_count(bits_a[start : start + block, None, :words] & right)
            yield start, shared.sum(axis=2, dtype=np.int64)
        return
    fa, fb = _features(tuple(keys_a)), _features(tuple(keys_b))
    _, in_a, in_b = np.intersect1d(
        fa.features, fb.features, assume_unique=True, return_indices=True
    )
    block = max(1, block_pairs // max(1, m))
    if len(in_a) == 0:
        for start in range(0, n, block):
            yield start, np.zeros((min(n, start + block) - start, m), dtype=np.int64)
        return
    from scipy.sparse import csr_matrix

    # b's matrix with its columns moved to a's feature positions (features a lacks dropped)
    to_a = np.full(len(fb.features), -1, dtype=np.int64)
    to_a[in_b] = in_a
    coo = fb.matrix.tocoo()
    keep = to_a[coo.col] >= 0
    b_in_a = csr_matrix(
        (coo.data[keep], (coo.row[keep], to_a[coo.col[keep]])), shape=(m, len(fa.features))
    )
    b_t = b_in_a.T.tocsc()
    for start in range(0, n, block):
        product = fa.matrix[start : start + block] @ b_t
        yield start, np.rint(product.toarray()).astype(np.int64)


def multiset_overlap(keys_a: Sequence[str], keys_b: Sequence[str]) -> IntArray:
    """``out[i, j]`` = size of the intersection of the character multisets of ``keys_a[i]`` and
    ``keys_b[j]``: an upper bound of their longest common subsequence."""
    out = np.zeros((len(keys_a), len(keys_b)), dtype=np.int64)
    for start, block in _overlap_blocks(keys_a, keys_b):
        out[start : start + len(block)] = block
    return out


@dataclass(frozen=True, slots=True)
class PairScores:
    """Longest-common-subsequence lengths of the candidate pairs of two lists of keys.

    ``rows[k]``, ``cols[k]``, ``lcs[k]``: candidate ``k``. Pairs not listed cannot reach the
    cut-offs they were computed for (count their score as 0).
    """

    lengths_a: IntArray
    lengths_b: IntArray
    rows: IntArray
    cols: IntArray
    lcs: IntArray

    def ratios(self) -> FloatArray:
        """Indel similarity ``2·LCS / (len a + len b)`` of each candidate (0 for two empties)."""
        return _ratio(self.lcs, self.lengths_a[self.rows], self.lengths_b[self.cols])

    def containments(self) -> FloatArray:
        """Share of the shorter key covered by the common subsequence, per candidate."""
        return _containment(self.lcs, self.lengths_a[self.rows], self.lengths_b[self.cols])

    def ratio_matrix(self) -> FloatArray:
        out = np.zeros((len(self.lengths_a), len(self.lengths_b)), dtype=np.float32)
        out[self.rows, self.cols] = self.ratios()
        return out


def _ratio(lcs: IntArray, len_a: IntArray, len_b: IntArray) -> FloatArray:
    total = len_a + len_b
    return np.where(total > 0, 2.0 * lcs / np.maximum(total, 1), 0.0).astype(np.float32)


def _containment(lcs: IntArray, len_a: IntArray, len_b: IntArray) -> FloatArray:
    shorter = np.minimum(len_a, len_b)
    return np.where(shorter > 0, lcs / np.maximum(shorter, 1), 0.0).astype(np.float32)


@dataclass(frozen=True, slots=True)
class _Cutoffs:
    ratio: float
    containment: float | None
    containment_min_chars: int

    def passing(self, lcs: IntArray, len_a: IntArray, len_b: IntArray) -> npt.NDArray[np.bool_]:
        """Which pairs (arrays broadcast together) reach a cut-off given their LCS."""
        keep = (_ratio(lcs, len_a, len_b) >= self.ratio) & (lcs > 0)
        if self.containment is not None:
            keep |= (_containment(lcs, len_a, len_b) >= self.containment) & (
                np.minimum(len_a, len_b) >= self.containment_min_chars
            )
        return np.asarray(keep, dtype=np.bool_)


def _lcs_of_pairs(
    keys_a: Sequence[str], keys_b: Sequence[str], rows: IntArray, cols: IntArray,
    workers: int = -1,
) -> IntArray:
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    left = [keys_a[i] for i in rows.tolist()]
    right = [keys_b[j] for j in cols.tolist()]
    if len(left) < PARALLEL_MIN_PAIRS:
        # rapidfuzz starts its threads on every call: not worth it for a few pairs
        dist = np.fromiter(map(Indel.distance, left, right), dtype=np.int64, count=len(left))
    else:
        dist = process.cpdist(left, right, scorer=Indel.distance, workers=workers, dtype=np.int32)
    total = _lengths(left) + _lengths(right)
    return (total - dist.astype(np.int64)) // 2


def _prefiltered_candidates(
    keys_a: Sequence[str], keys_b: Sequence[str], cutoffs: _Cutoffs
) -> tuple[IntArray, IntArray]:
    """Pairs whose multiset bound reaches a cut-off."""
    len_a, len_b = _lengths(keys_a), _lengths(keys_b)
    rows: list[IntArray] = [np.zeros(0, dtype=np.int64)]
    cols: list[IntArray] = [np.zeros(0, dtype=np.int64)]
    for start, bound in _overlap_blocks(keys_a, keys_b):
        stop = start + len(bound)
        keep = cutoffs.passing(bound, len_a[start:stop, None], len_b[None, :])
        r, c = np.nonzero(keep)
        rows.append(r.astype(np.int64) + start)
        cols.append(c.astype(np.int64))
    return np.concatenate(rows), np.concatenate(cols)


def pair_scores(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    *,
    ratio_cutoff: float = 0.0,
    containment_cutoff: float | None = None,
    containment_min_chars: int = CONTAINMENT_MIN_CHARS,
    prefilter: bool | None = None,
    workers: int = -1,
) -> PairScores:
    """Score the pairs of ``keys_a`` × ``keys_b`` that reach ``ratio_cutoff`` (Indel similarity)
    or, when given, ``containment_cutoff`` (LCS over the shorter key, for keys of at least
    ``containment_min_chars``). ``prefilter=None`` prefilters when there are enough pairs and
    a cut-off; the result is the same either way (the prefilter's bound is exact).
    ``workers``: threads for a big matrix (rapidfuzz's: -1, every core; a GUI leaves one
    core to its own thread, see ``background_workers``)."""
    len_a, len_b = _lengths(keys_a), _lengths(keys_b)
    n, m = len(keys_a), len(keys_b)
    cutoffs = _Cutoffs(ratio_cutoff, containment_cutoff, containment_min_chars)
    if n == 0 or m == 0:
        empty = np.zeros(0, dtype=np.int64)
        return PairScores(len_a, len_b, empty, empty, empty)
    if prefilter is None:  # worth it when the cut-offs rule pairs out
        selective = ratio_cutoff > 0 or containment_cutoff is not None
        prefilter = selective and n * m >= PREFILTER_MIN_PAIRS
    if prefilter:
        rows, cols = _prefiltered_candidates(keys_a, keys_b, cutoffs)
        lcs = _lcs_of_pairs(keys_a, keys_b, rows, cols, workers)
    else:
        workers = workers if n * m >= PARALLEL_MIN_PAIRS else 1
        dist = process.cdist(keys_a, keys_b, scorer=Indel.distance, workers=workers, dtype=np.int32)
        lcs_full = (len_a[:, None] + len_b[None, :] - dist.astype(np.int64)) // 2
        r, c = np.nonzero(cutoffs.passing(lcs_full, len_a[:, None], len_b[None, :]))
        rows, cols = r.astype(np.int64), c.astype(np.int64)
        lcs = lcs_full[rows, cols]
    keep = cutoffs.passing(lcs, len_a[rows], len_b[cols])
    return PairScores(len_a, len_b, rows[keep], cols[keep], lcs[keep])


def score_matrix(
    keys_a: Sequence[str], keys_b: Sequence[str], *, cutoff: float = 0.0, workers: int = -1
) -> FloatArray:
    """Indel similarity (0..1) of every pair of keys; pairs below ``cutoff`` are 0."""
    return pair_scores(keys_a, keys_b, ratio_cutoff=cutoff, workers=workers).ratio_matrix()


def background_workers() -> int:
    """Threads for a big matrix made while a GUI runs: every core but one, left to the GUI
    thread (on 2 cores the dot plot's matrix on both made the long pair's window stall
    longer: the GUI thread had a third of the machine, not half)."""
    from tifa.engine.processes import usable_cores

    return max(1, usable_cores() - 1)


def indel_ratio(a: str, b: str) -> float:
    """Indel similarity of two keys, 0 when both are empty (nothing to link)."""
    if not a and not b:
        return 0.0
    return float(Indel.normalized_similarity(a, b))


def link_threshold_for(length_a: int, length_b: int, threshold: float) -> float:
    """The score a pair of keys needs to link: ``threshold``, raised towards 1 for short keys."""
    mean = (length_a + length_b) / 2
    if mean >= SHORT_KEY_CHARS:
        return threshold
    return threshold + (1.0 - threshold) * (SHORT_KEY_CHARS - mean) / SHORT_KEY_CHARS


#: Float slack of ``may_link``'s bound: the scores it bounds are float32 (rounded up by at
#: most ~6e-8), so a bound this far under a cut-off still counts as reaching it.
_BOUND_SLACK = 1e-6


def may_link(
    overlap: IntArray, len_a: IntArray, len_b: IntArray, threshold: float
) -> npt.NDArray[np.bool_]:
    """Which unit pairs (arrays broadcast together) might give ``align_keys`` a link, from
    ``overlap``, their character-multiset intersections (``multiset_overlap``, an upper bound
    of their LCS): when no pair of two lists of keys does, ``align_keys`` (without
    ``open_end``) links nothing. Exact, as every link starts from a candidate:

    - a 1:1 candidate needs ``lcs > 0`` and ``2·lcs / (la + lb) >= link_threshold_for``;
    - a split or merge needs its parts ``contained`` (``lcs / min(la, lb) >=
      CONTAINMENT_THRESHOLD``, ``min(la, lb) >= CONTAINMENT_MIN_CHARS``);
    - a unit found whole in another (``_contained_candidates``) needs a rival candidate or a
      cut-off end (``open_end``), and the chain, moves, absorbed neighbours and
      ``_sandwiched`` links all grow from candidates;

    and ``lcs <= overlap`` makes each condition hold for ``overlap`` when it holds for
    ``lcs`` (within ``_BOUND_SLACK``)."""
    total = len_a + len_b
    mean = total / 2
    short = np.maximum(SHORT_KEY_CHARS - mean, 0) / SHORT_KEY_CHARS
    needed = threshold + (1.0 - threshold) * short  # link_threshold_for, vectorised
    one_to_one = (overlap > 0) & (2 * overlap >= (needed - _BOUND_SLACK) * total)
    shorter = np.minimum(len_a, len_b)
    contained = (shorter >= CONTAINMENT_MIN_CHARS) & (
        overlap >= (CONTAINMENT_THRESHOLD - _BOUND_SLACK) * shorter
    )
    return np.asarray(one_to_one | contained, dtype=np.bool_)


#: ``linkable_groups`` multiplies this many unit pairs at a time, at most (~12 bytes each).
_LINKABLE_BLOCK_PAIRS = 250_000


def linkable_groups(groups: Sequence[Sequence[str]], threshold: float) -> set[tuple[int, int]]:
    """The pairs ``(g, h)``, ``h < g``, of lists of keys between which ``align_keys`` (with
    ``threshold``, no ``open_end``) might link something: some pair of their units passes
    ``may_link``. Every other pair of lists aligns to nothing, exactly.

    For the many lists of the N-way table's slots (at 300 unrelated documents, 299 lists of
    ~12 paragraphs, 44,000 pairs of lists, 3 % of them passing): all units' character
    multisets as one sparse matrix of (character, rank) features, the intersections of every
    two units by its product with itself, in blocks of rows (each block against the units of
    its lists and the lists before). Aligning every pair took ~0.5 ms a pair, mostly scoring
    unrelated paragraphs that could never link."""
    from scipy.sparse import csr_matrix

    sizes = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
    keys = [key for group in groups for key in group]
    if len(groups) < 2 or not keys:
        return set()
    owner = np.repeat(np.arange(len(groups), dtype=np.int64), sizes)
    lengths = _lengths(keys)
    feats = _rank_features(keys)
    _, columns = unique_with(feats, return_inverse=True)
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    matrix = csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, indptr),
        shape=(len(keys), int(columns.max(initial=-1)) + 1),
    )
    found: list[IntArray] = []
    starts = np.concatenate(([0], np.cumsum(sizes)))
    g = 0
    while g < len(groups):
        # the lists g..h-1 against themselves and every list before
        h = g + 1
        while h < len(groups) and (starts[h + 1] - starts[g]) * starts[h + 1] <= (
            _LINKABLE_BLOCK_PAIRS
        ):
            h += 1
        lo, hi = int(starts[g]), int(starts[h])
        product = (matrix[lo:hi] @ matrix[:hi].T).tocoo()
        rows = product.row.astype(np.int64) + lo
        cols = product.col.astype(np.int64)
        earlier = owner[cols] < owner[rows]
        rows, cols = rows[earlier], cols[earlier]
        overlap = np.rint(product.data[earlier]).astype(np.int64)
        del product
        passing = may_link(overlap, lengths[rows], lengths[cols], threshold)
        found.append(owner[rows[passing]] * len(groups) + owner[cols[passing]])
        g = h
    codes = np.unique(np.concatenate(found)).tolist()
    return {(code // len(groups), code % len(groups)) for code in codes}


# --------------------------------------------------------------------------- the chain


@dataclass(frozen=True, slots=True)
class _Candidate:
    a0: int
    a1: int  # inclusive
    b0: int
    b1: int  # inclusive
    score: float
    gain: float


class _PrefixMax:
    """Fenwick tree of (value, id) prefix maxima over positions 0..size-1."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)

    def update(self, position: int, value: float, ident: int) -> None:
        i = position + 1
        while i <= self._size:
            if value > self._tree[i][0]:
                self._tree[i] = (value, ident)
            i += i & -i

    def query(self, position: int) -> tuple[float, int]:
        """Best (value, id) among positions 0..position (inclusive); (0, -1) if none."""
        best = (0.0, -1)
        i = position + 1
        while i > 0:
            if self._tree[i][0] > best[0]:
                best = self._tree[i]
            i -= i & -i
        return best


def _heaviest_chain(candidates: Sequence[_Candidate], size_b: int) -> list[int]:
    """Indices of the candidates forming the heaviest chain strictly increasing on both sides."""
    if not candidates:
        return []
    by_start = sorted(range(len(candidates)), key=lambda k: (candidates[k].a0, candidates[k].b0))
    by_end = sorted(range(len(candidates)), key=lambda k: candidates[k].a1)
    tree = _PrefixMax(size_b)
    best_total = [0.0] * len(candidates)
    previous = [-1] * len(candidates)
    inserted = 0
    for k in by_start:
        cand = candidates[k]
        while inserted < len(by_end) and candidates[by_end[inserted]].a1 < cand.a0:
            done = by_end[inserted]
            tree.update(candidates[done].b1, best_total[done], done)
            inserted += 1
        before_total, before = tree.query(cand.b0 - 1) if cand.b0 > 0 else (0.0, -1)
        best_total[k] = before_total + cand.gain
        previous[k] = before
    end = max(range(len(candidates)), key=lambda k: (best_total[k], -k))
    chain = []
    while end != -1:
        chain.append(end)
        end = previous[end]
    return chain[::-1]


def _group_candidates(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    contained: dict[int, list[int]],
    best_single: dict[tuple[int, int], float],
    threshold: float,
    *,
    split: bool,
) -> list[_Candidate]:
    """1:n candidates: runs of consecutive ``keys_b`` each contained in one ``keys_a`` unit,
    kept when their concatenation scores better than any single part (``split=False`` is the
    same with the sides swapped, already swapped by the caller)."""
    out: list[_Candidate] = []
    for i, parts in contained.items():
        parts = sorted(parts)
        runs: list[list[int]] = []
        for j in parts:
            if runs and j == runs[-1][-1] + 1:
                runs[-1].append(j)
            else:
                runs.append([j])
        for run in runs:
            for lo in range(len(run)):
                for hi in range(lo + 1, min(len(run), lo + MAX_GROUP)):
                    j0, j1 = run[lo], run[hi]
                    singles = max(best_single.get((i, j), 0.0) for j in range(j0, j1 + 1))
                    # The Indel ratio is at most 2·min/(sum of the lengths): a 16,000-character
                    # unit against a few short ones cannot reach it, and is not scored (each
                    # such score took milliseconds).
                    size_a = len(keys_a[i])
                    size_b = sum(len(keys_b[j]) for j in range(j0, j1 + 1))
                    if size_a + size_b == 0:
                        continue
                    bound = 2 * min(size_a, size_b) / (size_a + size_b)
                    if bound < threshold - 1e-9 or bound < singles - 1e-9:  # float slack
                        continue
                    joined = "".join(keys_b[j0 : j1 + 1])
                    score = indel_ratio(keys_a[i], joined)
                    if score < threshold or score <= singles:
                        continue
                    gain = (score - threshold / 2) * (len(keys_a[i]) + len(joined))
                    if split:
                        out.append(_Candidate(i, i, j0, j1, score, gain))
                    else:
                        out.append(_Candidate(j0, j1, i, i, score, gain))
    return out


Scorer = Callable[[Sequence[str], Sequence[str], float], PairScores]


def candidate_scores(keys_a: Sequence[str], keys_b: Sequence[str], threshold: float) -> PairScores:
    """The pairs alignment needs scored: those that may link 1:1 or be part of a split/merge."""
    return pair_scores(
        keys_a, keys_b, ratio_cutoff=threshold, containment_cutoff=CONTAINMENT_THRESHOLD
    )


def _contained_candidates(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    contained: Sequence[tuple[int, int, float]],
    candidates: list[_Candidate],
    open_end: tuple[bool, bool],
    headings: tuple[Collection[int], Collection[int]],
    threshold: float,
) -> list[_Candidate]:
    """``candidates`` with links for units found whole in a longer unit of the other side
    (``contained``: (i, j, share)) where that unit is the cut-off end of its document, or where
    it is linked to a heading of the other side (a lead linked to the other version's headline
    while the other version has the lead's text in its body): the heading link gives way."""
    n, m = len(keys_a), len(keys_b)

    def heading(side: int, unit: int) -> bool:
        return unit in headings[side]

    def heading_link(c: _Candidate, inner_a: bool) -> bool:
        """A 1:1 link from the inner unit to a heading of the other side (marked as one, or
        short facing a unit at least HEADING_LEAD_RATIO times longer)."""
        if c.a0 != c.a1 or c.b0 != c.b1:
            return False
        la, lb = len(keys_a[c.a0]), len(keys_b[c.b0])
        if inner_a:
            return heading(1, c.b0) or (lb <= HEADING_CHARS and la >= HEADING_LEAD_RATIO * lb)
        return heading(0, c.a0) or (la <= HEADING_CHARS and lb >= HEADING_LEAD_RATIO * la)

    out = list(candidates)
    for i, j, share in contained:
        la, lb = len(keys_a[i]), len(keys_b[j])
        inner_a = la < lb  # which side is the contained one
        if share < CONTAINED_SHARE or min(la, lb) < CONTAINED_MIN_CHARS:
            continue
        if heading(0, i) or heading(1, j):
            continue  # headings are not leads, nor do they hold one
        cut_off = (inner_a and open_end[0] and i == n - 1) or (
            not inner_a and open_end[1] and j == m - 1
        )
        rivals = [
            c
            for c in out
            if (c.a0 <= i <= c.a1 if inner_a else c.b0 <= j <= c.b1) and heading_link(c, inner_a)
        ]
        if not (cut_off or rivals):
            continue
        out = [c for c in out if c not in rivals]
        if any((c.a0, c.a1, c.b0, c.b1) == (i, i, j, j) for c in out):
            continue
        gain = (share - threshold / 2) * 2 * min(la, lb)
        out.append(_Candidate(i, i, j, j, share, gain))
    return out


def _align_canonical(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    threshold: float,
    scorer: Scorer,
    open_end: tuple[bool, bool] = (False, False),
    headings: tuple[Collection[int], Collection[int]] = ((), ()),
) -> list[tuple[_Candidate, bool]]:
    """The links as (candidate, moved) pairs, for keys in canonical orientation."""
    n, m = len(keys_a), len(keys_b)
    if n == 0 or m == 0:
        return []
    scores = scorer(keys_a, keys_b, threshold)
    ratios = scores.ratios()
    containments = scores.containments()
    candidates: list[_Candidate] = []
    best_single: dict[tuple[int, int], float] = {}
    contained_in_a: dict[int, list[int]] = {}  # a unit -> b units contained in it
    contained_in_b: dict[int, list[int]] = {}
    contained: list[tuple[int, int, float]] = []
    for i, j, lcs, ratio, containment in zip(
        scores.rows.tolist(),
        scores.cols.tolist(),
        scores.lcs.tolist(),
        ratios.tolist(),
        containments.tolist(),
        strict=True,
    ):
        la, lb = len(keys_a[i]), len(keys_b[j])
        best_single[(i, j)] = ratio
        if lcs > 0 and ratio >= link_threshold_for(la, lb, threshold):
            candidates.append(_Candidate(i, i, j, j, ratio, (ratio - threshold / 2) * (la + lb)))
        if containment >= CONTAINED_SHARE and la != lb:
            contained.append((i, j, containment))
        if containment >= CONTAINMENT_THRESHOLD and min(la, lb) >= CONTAINMENT_MIN_CHARS:
            if lb < la:
                contained_in_a.setdefault(i, []).append(j)
            elif la < lb:
                contained_in_b.setdefault(j, []).append(i)
    candidates += _group_candidates(
        keys_a, keys_b, contained_in_a, best_single, threshold, split=True
    )
    swapped_best = {(j, i): s for (i, j), s in best_single.items()}
    candidates += _group_candidates(
        keys_b, keys_a, contained_in_b, swapped_best, threshold, split=False
    )
    candidates = _contained_candidates(
        keys_a, keys_b, contained, candidates, open_end, headings, threshold
    )
    chain = _heaviest_chain(candidates, m)
    links = [(candidates[k], False) for k in chain]
    used_a = [False] * n
    used_b = [False] * m
    for cand, _ in links:
        for i in range(cand.a0, cand.a1 + 1):
            used_a[i] = True
        for j in range(cand.b0, cand.b1 + 1):
            used_b[j] = True
    in_chain = set(chain)
    leftovers = sorted(
        (k for k in range(len(candidates)) if k not in in_chain),
        key=lambda k: (-candidates[k].gain, candidates[k].a0, candidates[k].b0),
    )
    for k in leftovers:
        cand = candidates[k]
        span_a = range(cand.a0, cand.a1 + 1)
        span_b = range(cand.b0, cand.b1 + 1)
        if any(used_a[i] for i in span_a) or any(used_b[j] for j in span_b):
            continue
        for i in span_a:
            used_a[i] = True
        for j in span_b:
            used_b[j] = True
        links.append((cand, True))
    links = [_absorb_neighbours(c, moved, keys_a, keys_b, used_a, used_b) for c, moved in links]
    return links + _sandwiched(links, keys_a, keys_b, used_a, used_b, threshold)


def _sandwiched(
    links: Sequence[tuple[_Candidate, bool]],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    used_a: list[bool],
    used_b: list[bool],
    threshold: float,
) -> list[tuple[_Candidate, bool]]:
    """Links for units facing each other right after (or right before) the same link in order,
    or at a document's start or end, walking into the gap between two links: there, context
    vouches for a short pair, so the plain threshold suffices (the heading 谋大事 rewritten
    干大事 just before the same linked paragraph)."""
    ordered = sorted((c for c, moved in links if not moved), key=lambda c: c.a0)
    if not ordered:
        return []  # no context to vouch for anything
    starts = [(c.a0, c.b0) for c in ordered] + [(len(keys_a), len(keys_b))]
    ends = [(-1, -1)] + [(c.a1, c.b1) for c in ordered]
    out: list[tuple[_Candidate, bool]] = []

    def take(i: int, j: int) -> bool:
        if used_a[i] or used_b[j] or not keys_a[i] or not keys_b[j]:
            return False
        score = indel_ratio(keys_a[i], keys_b[j])
        if score < threshold:
            return False
        used_a[i] = used_b[j] = True
        gain = (score - threshold / 2) * (len(keys_a[i]) + len(keys_b[j]))
        out.append((_Candidate(i, i, j, j, score, gain), False))
        return True

    for (end_a, end_b), (next_a, next_b) in zip(ends, starts, strict=True):
        lo_a, lo_b, hi_a, hi_b = end_a + 1, end_b + 1, next_a - 1, next_b - 1
        walking_up = walking_down = True
        while (walking_up or walking_down) and lo_a <= hi_a and lo_b <= hi_b:
            if walking_up and take(lo_a, lo_b):
                lo_a, lo_b = lo_a + 1, lo_b + 1
            else:
                walking_up = False
            if lo_a <= hi_a and lo_b <= hi_b and walking_down and take(hi_a, hi_b):
                hi_a, hi_b = hi_a - 1, hi_b - 1
            else:
                walking_down = False
    return out


def _lcs(a: str, b: str) -> int:
    return (len(a) + len(b) - int(Indel.distance(a, b))) // 2


def _absorb_neighbours(
    cand: _Candidate,
    moved: bool,
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    used_a: list[bool],
    used_b: list[bool],
) -> tuple[_Candidate, bool]:
    """Grow a link by unlinked neighbouring units whose text the other side contains: the
    short heading merged into the paragraph after it, the last sentence split off as a
    paragraph of its own. A unit shorter than ``CONTAINMENT_MIN_CHARS`` is taken only when it
    is exactly where the other side begins (or ends)."""
    a0, a1, b0, b1 = cand.a0, cand.a1, cand.b0, cand.b1

    def free(keys: Sequence[str], used: list[bool], unit: int) -> bool:
        return 0 <= unit < len(keys) and not used[unit] and bool(keys[unit])

    if not (
        (b0 == b1 and (free(keys_a, used_a, a0 - 1) or free(keys_a, used_a, a1 + 1)))
        or (a0 == a1 and (free(keys_b, used_b, b0 - 1) or free(keys_b, used_b, b1 + 1)))
    ):
        return cand, moved  # nothing around to take
    text_a = "".join(keys_a[a0 : a1 + 1])
    text_b = "".join(keys_b[b0 : b1 + 1])
    lcs = _lcs(text_a, text_b)
    grown = True
    while grown:
        grown = False
        options = []
        if b0 == b1:  # the a side may grow (a merge)
            options += [("a", a0 - 1, True), ("a", a1 + 1, False)]
        if a0 == a1:  # the b side may grow (a split)
            options += [("b", b0 - 1, True), ("b", b1 + 1, False)]
        for side, unit, before in options:
            keys, used = (keys_a, used_a) if side == "a" else (keys_b, used_b)
            if not 0 <= unit < len(keys) or used[unit] or not keys[unit]:
                continue
            key = keys[unit]
            other = text_b if side == "a" else text_a
            if len(key) < CONTAINMENT_MIN_CHARS and not (
                other.startswith(key) if before else other.endswith(key)
            ):
                continue
            new_a, new_b = text_a, text_b
            if side == "a":
                new_a = key + text_a if before else text_a + key
            else:
                new_b = key + text_b if before else text_b + key
            new_lcs = _lcs(new_a, new_b)
            if new_lcs - lcs < CONTAINMENT_THRESHOLD * len(key):
                continue
            used[unit] = True
            text_a, text_b, lcs = new_a, new_b, new_lcs
            if side == "a":
                a0, a1 = (unit, a1) if before else (a0, unit)
            else:
                b0, b1 = (unit, b1) if before else (b0, unit)
            grown = True
            break
    if (a0, a1, b0, b1) == (cand.a0, cand.a1, cand.b0, cand.b1):
        return cand, moved
    score = 2 * lcs / (len(text_a) + len(text_b))
    return _Candidate(a0, a1, b0, b1, score, cand.gain), moved


def _to_link(
    cand: _Candidate, moved: bool, keys_a: Sequence[str], keys_b: Sequence[str]
) -> ParagraphLink:
    a = tuple(range(cand.a0, cand.a1 + 1))
    b = tuple(range(cand.b0, cand.b1 + 1))
    if moved:
        kind = LinkKind.MOVED
    elif len(a) > 1:
        kind = LinkKind.MERGE
    elif len(b) > 1:
        kind = LinkKind.SPLIT
    elif keys_a[cand.a0] == keys_b[cand.b0]:
        kind = LinkKind.EQUAL
    else:
        kind = LinkKind.EDITED
    return ParagraphLink(a=a, b=b, score=round(cand.score, 6), kind=kind)


_MIRRORED_KIND = {LinkKind.SPLIT: LinkKind.MERGE, LinkKind.MERGE: LinkKind.SPLIT}
AnyLink = TypeVar("AnyLink", ParagraphLink, SentenceLink)


def flip_link(link: AnyLink) -> AnyLink:
    """One link seen from the other document: sides swapped, a split becomes a merge."""
    kind = _MIRRORED_KIND.get(link.kind, link.kind)
    return type(link)(a=link.b, b=link.a, score=link.score, kind=kind)


def mirror_links(links: Sequence[AnyLink]) -> tuple[AnyLink, ...]:
    """The same paragraph (or sentence) links seen from the other document, sorted by their
    first unit on the new ``a`` side."""
    return tuple(sorted(map(flip_link, links), key=lambda link: (link.a[0], link.b[0])))


def align_keys(
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    *,
    threshold: float = 0.5,
    scorer: Scorer = candidate_scores,
    open_end: tuple[bool, bool] = (False, False),
    headings: tuple[Collection[int], Collection[int]] = ((), ()),
) -> tuple[ParagraphLink, ...]:
    """Align two lists of comparison keys; links sorted by their first unit in ``keys_a``.

    Units in no link are only in their document (or too different to say). ``scorer`` gives
    the LCS of the pairs that matter (a benchmark swaps in another implementation).
    ``open_end`` says whether each list's last unit is cut off (see ``open_ended``);
    ``headings`` which units of each list are headings (``heading_units``)."""
    keys_a, keys_b = tuple(keys_a), tuple(keys_b)
    swapped = keys_b < keys_a
    first, second = (keys_b, keys_a) if swapped else (keys_a, keys_b)
    ends = (open_end[1], open_end[0]) if swapped else open_end
    heads = (headings[1], headings[0]) if swapped else headings
    links = tuple(
        sorted(
            (
                _to_link(c, moved, first, second)
                for c, moved in _align_canonical(first, second, threshold, scorer, ends, heads)
            ),
            key=lambda link: (link.a[0], link.b[0]),
        )
    )
    return mirror_links(links) if swapped else links


def align_paragraphs(
    doc_a: Document, doc_b: Document, *, settings: CompareSettings | None = None
) -> tuple[ParagraphLink, ...]:
    """Align the paragraphs of two documents (see the module docstring)."""
    settings = settings or CompareSettings()
    return align_keys(
        document_keys(doc_a, settings),
        document_keys(doc_b, settings),
        threshold=settings.link_threshold,
        open_end=(open_ended(doc_a), open_ended(doc_b)),
        headings=(heading_units(doc_a), heading_units(doc_b)),
    )


def unlinked(
    links: Sequence[ParagraphLink], count_a: int, count_b: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Paragraphs of each side in no link: only in that document."""
    in_a = {i for link in links for i in link.a}
    in_b = {j for link in links for j in link.b}
    return (
        tuple(i for i in range(count_a) if i not in in_a),
        tuple(j for j in range(count_b) if j not in in_b),
    )
