"""Shared wording (text reuse) between two documents, and the new wording that is left.

``shared_passages`` tiles the two documents' normalised text with maximal common passages,
one-to-one and without overlap on either side, longest first: Greedy String Tiling (Wise
1993) over candidate maximal exact matches. Candidates come from k-gram seeds joined with NumPy
and extended while the characters agree, so two documents of 100,000 characters take a fraction
of a second. Tiles never cross a paragraph break; each is then snapped to word boundaries
common to both sides and stripped of particles and punctuation at its ends (的, 了, 和, 、…).

Passages are ranked by length × distinctiveness: a word found in many paragraphs of the
documents at hand, or in the built-in list of stock phrases (会议强调, 重要讲话精神…), weighs
little; 疫情要防住 weighs much.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tifa.engine.bounded_cache import bounded_cache
from tifa.engine.compare.model import SharedPassage, SpanRef
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer, is_punctuation
from tifa.engine.model import Document
from tifa.engine.paths import resource

STOCK_PHRASES = ("lexicon", "stock_phrases.txt")

# Function words a passage must not begin or end with: they carry no wording of their own.
# Prepositions may open a passage (以实际行动…, 于危机中育新机, 把方向…) but not close one.
_EDGE_WORDS_TEXT = """
的 地 得 了 着 过 和 与 及 以及 或 或者 是 在 并 并且 而 也 都 等 之 就 又 且 其 其中 同时
"""
EDGE_WORDS = frozenset(_EDGE_WORDS_TEXT.split())
TRAILING_EDGE_WORDS = EDGE_WORDS | frozenset("对把被为将从向于以由")
MAX_SEED_PAIRS = 2_000_000  # beyond this, the most repeated seeds are dropped (memory bound)
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]+")
_LAST_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?]+(?!.*[，。；：！？,;:!?])", re.DOTALL)
_MIN_CLAUSE_SCRAP = 3
_NOT_CONTENT = re.compile(r"[\W_]")
_STOCK_WEIGHT = 0.05
_MIN_WEIGHT = 0.05
_UNKNOWN: float | None = -1.0  # not yet in a word-weight cache (weights are >= 0.05)

Int64Array = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]


@cache
def stock_phrases() -> tuple[str, ...]:
    """The built-in stock phrases, longest first."""
    lines = resource(*STOCK_PHRASES).read_text(encoding="utf-8").splitlines()
    phrases = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def stock_pattern() -> re.Pattern[str]:
    """The built-in stock phrases as one regular expression (longest alternative first)."""
    return _stock_pattern(stock_phrases())


@cache
def _stock_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of the phrases, longest first (so the longest one wins)."""
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return re.compile("|".join(map(re.escape, ordered)) or r"(?!)")


@dataclass(frozen=True, slots=True, eq=False)
class DistinctivenessWeights:
    """How distinctive each word is among the paragraphs of the documents at hand.

    ``weight(word)`` is the word's inverse paragraph frequency scaled to 0..1: a word in every
    paragraph weighs about 0, a word in one paragraph about 1. Stock phrases weigh 0.05.
    """

    paragraphs: int
    paragraph_frequency: dict[str, int] = field(repr=False)
    stock: tuple[str, ...] = field(default_factory=stock_phrases, repr=False)
    _passages: dict[str, float] = field(default_factory=dict, repr=False, init=False)
    # each word's weight, None for punctuation: passages share most of their words
    _words: dict[str, float | None] = field(default_factory=dict, repr=False, init=False)

    def weight(self, word: str) -> float:
        n = max(self.paragraphs, 1)
        df = self.paragraph_frequency.get(word, 0)
        idf = math.log((n + 1) / (df + 1)) / math.log(n + 2)
        return min(1.0, max(_MIN_WEIGHT, idf))

    def _word_weight(self, word: str) -> float | None:
        """``weight(word)``, None for punctuation; kept per word."""
        known = self._words.get(word, _UNKNOWN)
        if known is _UNKNOWN:
            known = None if is_punctuation(word) else self.weight(word)
            self._words[word] = known
        return known

    def passage_weight(self, text: str, tokenizer: WordTokenizer | None = None) -> float:
        """Character-weighted mean weight of the passage's words, stock phrases at 0.05."""
        known = self._passages.get(text)
        if known is not None:
            return known
        tokenizer = tokenizer or get_tokenizer()
        char_weights = [0.0] * len(text)
        counted = bytearray(len(text))
        known_words, word_weight = self._words, self._word_weight
        for word, start, end in tokenizer.raw_tokens(text):
            # the kept weight read here (passages share most of their words: ~49,000 calls
            # on the long pair), ``_word_weight`` only for a word not seen yet
            weight = known_words.get(word, _UNKNOWN)
            if weight is _UNKNOWN:
                weight = word_weight(word)
            if weight is None:
                continue
            size = end - start
            char_weights[start:end] = [weight] * size
            counted[start:end] = b"\1" * size
        for match in _stock_pattern(self.stock).finditer(text):
            for i in range(match.start(), match.end()):
                if counted[i]:
                    char_weights[i] = _STOCK_WEIGHT
        total = counted.count(1)
        # summed character by character, in order, as before: the same float to the last bit
        result = sum(char_weights) / total if total else 0.0
        self._passages[text] = result
        return result


def distinctiveness_weights(
    documents: Iterable[Document], *, tokenizer: WordTokenizer | None = None
) -> DistinctivenessWeights:
    """Paragraph frequencies of words over ``documents`` (all paragraphs together)."""
    tokenizer = tokenizer or get_tokenizer()
    frequency: Counter[str] = Counter()
    paragraphs = 0
    for document in documents:
        for paragraph in document.paragraphs:
            if paragraph.normalized:
                paragraphs += 1
                frequency.update(set(tokenizer.words(paragraph.normalized)))
    return DistinctivenessWeights(paragraphs, dict(frequency))


# --- matching ------------------------------------------------------------------------------


_SEP_A, _SEP_B = "\x00", "\x01"  # paragraph separators: never equal to each other


def _join(paragraphs: Sequence[str], separator: str) -> tuple[str, list[int]]:
    """Paragraphs joined by ``separator`` (removed from the text itself), and their starts."""
    starts: list[int] = []
    position = 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph) + 1
    clean = (p.replace(_SEP_A, "\ufffd").replace(_SEP_B, "\ufffd") for p in paragraphs)
    return separator.join(clean), starts


def _codes(text: str) -> Int32Array:
    """Code points of ``text``, the two separators as negative (unmatchable) codes (4 bytes a
    character: code points stop at 0x10FFFF)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.int32
    )
    codes[codes == ord(_SEP_A)] = -1
    codes[codes == ord(_SEP_B)] = -2
    return codes


_GRAM_BASE = np.uint64(1_000_003)
UInt64Array = npt.NDArray[np.uint64]


@cache
def _powers(size: int) -> UInt64Array:
    """``_GRAM_BASE ** i`` modulo 2**64 for i < size (grown by doubling, so cached rarely)."""
    out = np.full(size, _GRAM_BASE, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


def _power_table(size: int) -> UInt64Array:
    return _powers(1 << max(10, (size - 1).bit_length()))


@dataclass(frozen=True, slots=True, eq=False)
class _Side:
    """One side of a comparison, prepared once: a document is compared with many others.

    18 bytes a character are kept (with the text's own 2 or 4): the k-gram hashes (8 more)
    are recomputed from the prefix hashes when a pair is matched, and where each paragraph
    ends is looked up among the breaks (4 more)."""

    text: str  # paragraphs joined by the side's separator
    padded: Int32Array  # code points with a sentinel at each end (distinct per side)
    breaks: Int64Array  # positions of the separators, then the text's length
    positions: Int32Array  # starts of its k-grams free of separators, sorted by their hashes
    prefix: UInt64Array  # prefix[i]: polynomial hash of text[:i]
    k: int

    def stops(self, at: Int64Array) -> Int64Array:
        """For each position, where its paragraph ends (a match cannot go on)."""
        found: Int64Array = self.breaks[np.searchsorted(self.breaks, at)]
        return found

    def hashes(self) -> UInt64Array:
        """The hashes of its k-grams (in the order of ``positions``: sorted)."""
        return _kgram_hashes(self.prefix, self.positions, self.k)


def _kgram_hashes(prefix: UInt64Array, starts: Int32Array, k: int) -> UInt64Array:
    """Polynomial hashes of the k-grams at ``starts`` from the prefix hashes: the same values
    as ``_gram_hashes`` (``prefix[i + k] - prefix[i] * B**k``, modulo 2**64), computed a
    million at a time (no whole-length temporaries)."""
    hashes: UInt64Array = np.empty(len(starts), dtype=np.uint64)
    power = _powers(k + 1)[k]
    with np.errstate(over="ignore"):
        for at in range(0, len(starts), _SEARCH_CHUNK):
            chunk = starts[at : at + _SEARCH_CHUNK]
            part = prefix[chunk]
            part *= power
            np.subtract(prefix[chunk + k], part, out=part)
            hashes[at : at + len(chunk)] = part
    return hashes


#: Characters of the documents whose prepared sides (``_side``, ~14 bytes a character) are
#: kept: both sides of a tile's documents (``pipeline.tile_size`` makes tiles that fit). At
#: most 128 of them: county readouts of 3,000 characters keep as many as before; 128 reports
#: of 40,000 kept ~70 MB in each process.
SIDE_CACHE_CHARS = 1_000_000


@bounded_cache(maxsize=128, budget=SIDE_CACHE_CHARS, cost=lambda text, k, second: len(text))
def _side(text: str, k: int, second: bool) -> _Side:
    # the code points with a sentinel at each end (distinct per side); ``codes`` is a view
    codes = _codes(text)
    padded = np.empty(len(codes) + 2, dtype=np.int32)
    padded[0], padded[-1] = (-4, -6) if second else (-3, -5)
    padded[1:-1] = codes
    codes = padded[1:-1]
    prefix = _prefix_hashes(codes)
    n = len(codes) - k + 1
    # k-grams free of separators (negative codes), by their start
    bad = np.zeros(max(n, 0), dtype=bool)
    for t in range(k if n > 0 else 0):
        bad |= codes[t : t + n] < 0
    positions = _free_starts(bad)
    hashes = _kgram_hashes(prefix, positions, k)
    # the starts are found again after the sort: not held beside the hashes and their 8-byte
    # order (a 19 MB text peaked ~17 MB higher here)
    del positions
    # any sort will do: the order of equal hashes' starts never shows (``_diagonal_runs``
    # sorts the seeds, and the tiles are ordered by length and position)
    order = np.argsort(hashes)
    del hashes
    positions = np.take(_free_starts(bad), order)
    del order, bad
    return _Side(
        text=text,
        padded=padded,
        breaks=np.append(np.flatnonzero(codes < 0), len(codes)),
        positions=positions,
        prefix=prefix,
        k=k,
    )


def _free_starts(bad: npt.NDArray[np.bool_]) -> Int32Array:
    """``np.flatnonzero(~bad)`` as 4-byte integers, found a chunk at a time (no 8-byte array
    of the whole length)."""
    starts: Int32Array = np.empty(len(bad) - int(np.count_nonzero(bad)), dtype=np.int32)
    at = 0
    for begin in range(0, len(bad), _SEARCH_CHUNK):
        found = np.flatnonzero(~bad[begin : begin + _SEARCH_CHUNK])
        found += begin
        starts[at : at + len(found)] = found
        at += len(found)
    return starts


_PREFIX_CHUNK = 1 << 16


def _prefix_hashes(codes: Int32Array) -> UInt64Array:
    """``prefix[i]``: the polynomial hash of ``codes[:i]`` (modulo 2**64), computed a chunk at
    a time so that only chunk-sized power tables and temporaries are needed (whole-text tables
    took 8 bytes a character each, for the text's whole length)."""
    n = len(codes)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    powers = _powers(2 * _PREFIX_CHUNK)  # B^i
    inverse = _inverse_power_table(_PREFIX_CHUNK)  # B^-i
    with np.errstate(over="ignore"):
        for start in range(0, n, _PREFIX_CHUNK):
            chunk = codes[start : start + _PREFIX_CHUNK].astype(np.uint64)
            m = len(chunk)
            # local[j] = sum(chunk[t] * B^(j - t), t <= j): cumulative sums of the codes
            # scaled by descending powers, rescaled per position (exact modulo 2**64)
            local = np.cumsum(chunk * powers[:m][::-1], dtype=np.uint64) * inverse[:m][::-1]
            prefix[start + 1 : start + m + 1] = prefix[start] * powers[1 : m + 1] + local
    return prefix


@cache
def _inverse_base() -> int:
    return pow(int(_GRAM_BASE), -1, 1 << 64)


@cache
def _inverse_power_table(size: int) -> UInt64Array:
    out = np.full(size, _inverse_base(), dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(out, dtype=np.uint64)


def _substring_hashes(side: _Side, starts: Int64Array, lengths: Int64Array) -> UInt64Array:
    """Polynomial hashes of ``text[start : start + length]`` (modulo 2**64)."""
    powers = _power_table(int(lengths.max()) + 1 if len(lengths) else 1)
    with np.errstate(over="ignore"):
        hashes: UInt64Array = side.prefix[starts + lengths] - side.prefix[starts] * powers[lengths]
    return hashes


_SEARCH_CHUNK = 1 << 20


def _maximal_matches(
    side_a: _Side, side_b: _Side, k: int
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """Every maximal exact match (i, j, length ≥ k) between the two sides: common substrings
    that can be extended neither left nor right. Separators (negative codes) never match."""
    pa, hb, pb = side_a.positions, side_b.hashes(), side_b.positions
    empty = np.empty(0, dtype=np.int64)
    if not len(pa) or not len(hb):
        return empty, empty, empty
    # where each of a's k-grams is among b's, a chunk of a's at a time (4-byte results: a's
    # whole hashes and 8-byte search results took 32 bytes a character of a)
    index = np.int32 if len(hb) < 2**31 else np.int64
    lo: npt.NDArray[np.signedinteger[Any]] = np.empty(len(pa), dtype=index)
    counts: npt.NDArray[np.signedinteger[Any]] = np.empty(len(pa), dtype=index)
    for start in range(0, len(pa), _SEARCH_CHUNK):
        ha = _kgram_hashes(side_a.prefix, pa[start : start + _SEARCH_CHUNK], k)
        left = np.searchsorted(hb, ha, side="left")
        lo[start : start + len(ha)] = left
        counts[start : start + len(ha)] = np.searchsorted(hb, ha, side="right") - left
    del hb
    total = int(counts.sum())
    capped = total > MAX_SEED_PAIRS
    if capped:
        # Pathological repetition: keep the seeds repeated least, under the memory bound.
        cap = int(counts.max())
        while total > MAX_SEED_PAIRS and cap > 1:
            cap //= 2
            counts = np.where(counts > cap, 0, counts)
            total = int(counts.sum())
    if total == 0:
        return empty, empty, empty
    # only the k-grams found on both sides (sums over all of a's took 16 bytes a character)
    found = np.flatnonzero(counts)
    counts, lo = counts[found], lo[found]
    ia = np.repeat(pa[found], counts)
    del found
    group_start = np.repeat(np.cumsum(counts) - counts, counts)
    jb = pb[np.repeat(lo, counts) + (np.arange(total) - group_start)]
    del group_start, lo, counts
    a_pad, b_pad = side_a.padded, side_b.padded
    if capped:
        # Seeds are missing: a match's length must be found on the text (prefix hashes).
        # Left-maximal seeds only: each maximal match is then found exactly once.
        keep = a_pad[ia] != b_pad[jb]
        keep &= _same_kgrams(a_pad, b_pad, ia, jb, k)  # hash collisions
        ia, jb = ia[keep], jb[keep]
        return ia, jb, _common_lengths(side_a, side_b, ia, jb, k)
    keep = _same_kgrams(a_pad, b_pad, ia, jb, k)  # hash collisions
    return _diagonal_runs(ia[keep].astype(np.int64), jb[keep].astype(np.int64), k, len(a_pad))


_CODE_BITS = 21  # code points are below 2**21: three fit in 63 bits


def _packed(padded: Int32Array, width: int) -> Int64Array:
    """``out[p]``: the ``width`` (2 or 3) codes from ``padded[p]`` in one integer, exact for
    code points (separators and sentinels give other values: never read for a k-gram)."""
    size = len(padded) - width + 1
    out = padded[:size].astype(np.int64)
    for s in range(1, width):
        out <<= _CODE_BITS
        out |= padded[s : s + size]
    return out


def _same_kgrams(
    a_pad: Int32Array, b_pad: Int32Array, ia: npt.NDArray[Any], jb: npt.NDArray[Any], k: int
) -> npt.NDArray[np.bool_]:
    """For each seed, whether ``a[ia : ia + k]`` and ``b[jb : jb + k]`` are the same text
    (equal hashes may, very rarely, be a collision): compared three code points at a time, as
    integers packing them (a pair at a time when ``k`` is 2), a third of the gathers of
    comparing them one by one."""
    width = min(3, k)
    a_packed, b_packed = _packed(a_pad, width), _packed(b_pad, width)
    offsets = list(range(1, k - width + 2, width))  # windows inside the k-gram (padded: +1)
    if offsets[-1] != k - width + 1:
        offsets.append(k - width + 1)
    same: npt.NDArray[np.bool_] = a_packed[ia + offsets[0]] == b_packed[jb + offsets[0]]
    for offset in offsets[1:]:
        same &= a_packed[ia + offset] == b_packed[jb + offset]
    return same


def _diagonal_runs(
    ia: Int64Array, jb: Int64Array, k: int, size_a: int
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """Maximal matches from *every* matching k-gram pair (i, j): a maximal match of length
    L ≥ k is a run of L - k + 1 consecutive seeds on its diagonal j - i, (i, j), (i+1, j+1), …,
    and a run ends where the next k-gram differs (or holds a separator, which ends the match
    there too). Sorting the seeds by (diagonal, i) lays each run out as consecutive keys."""
    width = size_a + 2
    key = (jb - ia + size_a) * width + ia
    key.sort()
    starts = np.empty(len(key), dtype=bool)
    starts[:1] = True
    np.not_equal(np.diff(key), 1, out=starts[1:])
    first = np.flatnonzero(starts)
    lengths = np.diff(np.append(first, len(key))) + (k - 1)
    run_keys = key[first]
    i0 = run_keys % width
    return i0, run_keys // width - size_a + i0, lengths


def _common_lengths(
    side_a: _Side, side_b: _Side, ia: Int64Array, jb: Int64Array, known: int
) -> Int64Array:
    """Length of the longest common prefix of ``a[ia:]`` and ``b[jb:]`` for every pair, given
    that the first ``known`` characters agree: a binary search on prefix hashes for all pairs
    at once, each result then checked on the text (a hash collision, if ever, falls back to
    a plain comparison)."""
    a_text, b_text = side_a.text, side_b.text
    lo = np.full(len(ia), known, dtype=np.int64)
    hi = np.minimum(side_a.stops(ia) - ia, side_b.stops(jb) - jb)
    active = np.flatnonzero(lo < hi)
    while len(active):
        mid = (lo[active] + hi[active] + 1) // 2
        same = _substring_hashes(side_a, ia[active], mid) == _substring_hashes(
            side_b, jb[active], mid
        )
        lo[active] = np.where(same, mid, lo[active])
        hi[active] = np.where(same, hi[active], mid - 1)
        active = active[lo[active] < hi[active]]
    grown = np.flatnonzero(lo > known)
    for idx, i, j, n in zip(
        grown.tolist(), ia[grown].tolist(), jb[grown].tolist(), lo[grown].tolist(), strict=True
    ):
        if a_text[i : i + n] != b_text[j : j + n]:
            lo[idx] = _extend(a_text, b_text, i, j, known)
    return lo


def _extend(a: str, b: str, i: int, j: int, length: int) -> int:
    """Grow a match while the characters agree, a chunk at a time."""
    step = 64
    while step:
        while a[i + length : i + length + step] == b[j + length : j + length + step] and (
            i + length + step <= len(a) and j + length + step <= len(b)
        ):
            length += step
        step //= 4
    while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
        length += 1
    return length


def greedy_tiles(a_text: str, b_text: str, min_length: int) -> list[tuple[int, int, int]]:
    """Greedy String Tiling: repeatedly take the longest common stretch not yet tiled on
    either side. Returns (i, j, length) tiles, disjoint on both sides; no tile contains the
    paragraph separators "\\x00" and "\\x01"."""
    k = max(2, min(min_length, 8))
    ia, jb, length = _maximal_matches(_side(a_text, k, False), _side(b_text, k, True), k)
    keep = length >= min_length
    ia, jb, length = ia[keep], jb[keep], length[keep]
    # Longest first; stretches left over from partly tiled matches wait in a heap and are
    # merged into the sorted stream, so the order stays exactly "longest first".
    sorted_neg, sorted_i, sorted_j = _longest_first(ia, jb, length, len(a_text), len(b_text))
    del ia, jb, length, keep
    count = len(sorted_neg)
    # Candidates are read a chunk at a time; those already wholly tiled on one side (they
    # would be passed over) are dropped from a chunk at once, by prefix sums of the marks.
    # Marks only grow, so a candidate dropped then would have been passed over later too.
    most = max(_TILE_CHUNK, (len(a_text) + len(b_text)) // _CHARS_A_SCREEN)
    chunk = _FIRST_TILE_CHUNK
    loaded = 0
    leftovers: list[tuple[int, int, int]] = []
    marked_a = bytearray(len(a_text))
    marked_b = bytearray(len(b_text))
    find_a, find_b = marked_a.find, marked_b.find
    free_run = re.compile(b"\\x00{%d,}" % min_length)
    tiles: list[tuple[int, int, int]] = []
    candidates: list[tuple[int, int, int]] = []
    position = 0
    while True:
        if position >= len(candidates) and loaded < count:
            stop = min(count, loaded + chunk)
            neg, i_s, j_s = sorted_neg[loaded:stop], sorted_i[loaded:stop], sorted_j[loaded:stop]
            loaded, chunk = stop, min(2 * chunk, most)
            if tiles:
                alive = ~(_wholly_marked(marked_a, i_s, neg) | _wholly_marked(marked_b, j_s, neg))
                neg, i_s, j_s = neg[alive], i_s[alive], j_s[alive]
            candidates = list(zip(neg.tolist(), i_s.tolist(), j_s.tolist(), strict=True))
            position = 0
            continue
        if position < len(candidates):
            if leftovers and leftovers[0] < candidates[position]:
                neg_n, i, j = heapq.heappop(leftovers)
            else:
                neg_n, i, j = candidates[position]
                position += 1
        elif leftovers:
            neg_n, i, j = heapq.heappop(leftovers)
        else:
            break
        n = -neg_n
        if find_a(1, i, i + n) < 0 and find_b(1, j, j + n) < 0:
            marked_a[i : i + n] = marked_b[j : j + n] = b"\x01" * n
            tiles.append((i, j, n))
            continue
        if find_a(0, i, i + n) < 0 or find_b(0, j, j + n) < 0:
            continue  # wholly tiled on one side
        # Partly tiled: its free stretches go back in the queue.
        either = int.from_bytes(marked_a[i : i + n], "big") | int.from_bytes(
            marked_b[j : j + n], "big"
        )
        for run in free_run.finditer(either.to_bytes(n, "big")):
            heapq.heappush(leftovers, (run.start() - run.end(), i + run.start(), j + run.start()))
    return tiles


def _longest_first(
    ia: Int64Array, jb: Int64Array, length: Int64Array, size_a: int, size_b: int
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """(-length, i, j) of the matches ordered by length (longest first), then i, then j:
    ``np.lexsort((jb, ia, -length))``, sorted as one integer key when it fits in 63 bits
    (several times faster: 238,000 matches of the long pair took 34 ms to lexsort)."""
    if not len(length):
        return -length, ia, jb
    longest = int(length.max())
    if (longest + 1) * (size_a + 1) * (size_b + 1) < 2**63:
        key = ((longest - length) * (size_a + 1) + ia) * (size_b + 1) + jb
        key.sort()  # keys are distinct: a match is one (i, j) pair
        rest, j_sorted = np.divmod(key, size_b + 1)
        shorter, i_sorted = np.divmod(rest, size_a + 1)
        return shorter - longest, i_sorted, j_sorted
    order = np.lexsort((jb, ia, -length))
    return -length[order], ia[order], jb[order]


# Candidates screened at once: first this many, then twice as many each time up to the
# larger of _TILE_CHUNK and one per _CHARS_A_SCREEN characters of text (each screening sums
# the marks of both texts).
_FIRST_TILE_CHUNK = 64
_TILE_CHUNK = 1024
_CHARS_A_SCREEN = 4


def _wholly_marked(marked: bytearray, starts: Int64Array, neg_lengths: Int64Array) -> npt.NDArray[
    np.bool_
]:
    """For each stretch (start, -length), whether every byte of ``marked`` in it is 1."""
    # 4-byte sums of a view of the marks, summed in their own type: no copy of the marks and
    # no 8-byte sums (a 19 MB text peaked ~100 MB higher here, at every screening)
    kind = np.int32 if len(marked) < 2**31 else np.int64
    sums = np.zeros(len(marked) + 1, dtype=kind)
    np.cumsum(np.frombuffer(marked, dtype=np.uint8), dtype=kind, out=sums[1:])
    return np.asarray(sums[starts - neg_lengths] - sums[starts] == -neg_lengths)


# --- passages ------------------------------------------------------------------------------


def _is_edge(word: str, words: frozenset[str] = EDGE_WORDS) -> bool:
    return word in words or is_punctuation(word)


def content_length(text: str) -> int:
    """Characters that are not punctuation, symbols or spaces."""
    return len(text) - len(_NOT_CONTENT.findall(text))


_OPENERS = {
    "”": "“",
    "’": "‘",
    "》": "《",
    "）": "（",
    "」": "「",
    "』": "『",
    "〉": "〈",
    ")": "(",
}
_CLOSERS = {opener: closer for closer, opener in _OPENERS.items()}
_BRACKET = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + "]")


def _balance(tile: str, lo: int, hi: int) -> tuple[int, int]:
    """Take in the opening (closing) bracket or quote whose partner the passage contains, so
    “四个中心”功能建设 keeps its opening quote. Stays inside the tile."""
    if not _BRACKET.search(tile, lo, hi):
        return lo, hi
    text = tile[lo:hi]
    for closer, opener in _OPENERS.items():
        if text.count(closer) > text.count(opener) and lo > 0 and tile[lo - 1] == opener:
            lo -= 1
            break
    text = tile[lo:hi]
    for opener, closer in _CLOSERS.items():
        if text.count(opener) > text.count(closer) and hi < len(tile) and tile[hi] == closer:
            hi += 1
            break
    return lo, hi


def _snap(
    text: str,
    start_a: int,
    start_b: int,
    length: int,
    cuts_a: tuple[int, ...],
    cuts_b: frozenset[int],
    context: tuple[str, str, str, str] = ("", "", "", ""),
) -> tuple[int, int] | None:
    """The part of a tile between word boundaries common to both sides, edge words dropped.
    ``context`` holds the characters just before the tile in a and b, then just after it
    ("" at a paragraph's edge). ``cuts_a`` are a's word boundaries in order, ``cuts_b`` b's.
    Returns offsets relative to the tile, or None when nothing is left."""

    def clause_starts(pos: int) -> bool:
        if pos > 0:
            return is_punctuation(text[pos - 1])
        return all(ch == "" or is_punctuation(ch) for ch in context[:2])

    def clause_ends(pos: int) -> bool:
        if pos < len(text):
            return is_punctuation(text[pos])
        return all(ch == "" or is_punctuation(ch) for ch in context[2:])

    inside = cuts_a[bisect_left(cuts_a, start_a) : bisect_right(cuts_a, start_a + length)]
    shift = start_b - start_a
    cuts = [p - start_a for p in inside if p + shift in cuts_b]
    if len(cuts) < 2:
        return None
    first, last = 0, len(cuts) - 1
    while True:
        while first < last and _is_edge(text[cuts[first] : cuts[first + 1]]):
            first += 1
        while last > first and _is_edge(text[cuts[last - 1] : cuts[last]], TRAILING_EDGE_WORDS):
            last -= 1
        if first >= last:
            return None
        # A scrap of a clause before the first (after the last) clause break is coincidence:
        # 会议强调，北京… / 蔡奇强调，北京… share "北京…", not "强调，北京…".
        piece = text[cuts[first] : cuts[last]]
        head = _CLAUSE_BREAK.search(piece)
        tail = _LAST_CLAUSE_BREAK.search(piece)
        if (
            head
            and content_length(piece[: head.start()]) < _MIN_CLAUSE_SCRAP
            and not clause_starts(cuts[first])
            and cuts[first] + head.end() in cuts
        ):
            first = cuts.index(cuts[first] + head.end())
        elif (
            tail
            and content_length(piece[tail.end() :]) < _MIN_CLAUSE_SCRAP
            and not clause_ends(cuts[last])
            and cuts[first] + tail.start() in cuts
        ):
            last = cuts.index(cuts[first] + tail.start())
        else:
            break
    return _balance(text, cuts[first], cuts[last])


#: 2**14 tiles: at 100 documents the cache of 2**16 took ~12 MB more in each worker process
#: for no speed (hits 133,325 → 132,552 of 184,083 calls; CPU 6.64 → 6.56 s).
@lru_cache(maxsize=1 << 14)
def _passage_in_tile(
    text_a: str, start_a: int, text_b: str, start_b: int, n: int, tokenizer: WordTokenizer
) -> tuple[int, int, str, int] | None:
    """The passage a tile of ``n`` characters at ``start_a`` in paragraph ``text_a`` and
    ``start_b`` in ``text_b`` holds, once snapped (``_snap``): (start, end) relative to the
    tile, its text and content length; None when nothing is left. Cached: comparing many
    versions of one text meets the same tiles in pair after pair."""
    context = (
        text_a[start_a - 1 : start_a],
        text_b[start_b - 1 : start_b],
        text_a[start_a + n : start_a + n + 1],
        text_b[start_b + n : start_b + n + 1],
    )
    snapped = _snap(
        text_a[start_a : start_a + n],
        start_a,
        start_b,
        n,
        tokenizer.boundary_offsets(text_a),
        tokenizer.boundaries(text_b),
        context,
    )
    if snapped is None:
        return None
    lo, hi = snapped
    text = text_a[start_a + lo : start_a + hi]
    return lo, hi, text, content_length(text)


def shared_passages(
    doc_a: Document,
    doc_b: Document,
    *,
    min_chars: int = 4,
    weights: DistinctivenessWeights | None = None,
    tokenizer: WordTokenizer | None = None,
) -> tuple[SharedPassage, ...]:
    """Maximal passages of normalised wording common to both documents, best first.

    Each passage has at least ``min_chars`` characters besides punctuation, starts and ends on
    word boundaries of both documents, and neither begins nor ends with a particle or a
    punctuation mark. Passages are disjoint on either side. ``weights`` defaults to the
    paragraph frequencies of the two documents; pass ``distinctiveness_weights(all_docs)``
    when comparing many documents. Ranked by content length × weight.
    """
    if min_chars < 1:
        raise ValueError("min_chars must be at least 1")
    tokenizer = tokenizer or get_tokenizer()
    weights = weights or distinctiveness_weights((doc_a, doc_b), tokenizer=tokenizer)
    paras_a = [p.normalized for p in doc_a.paragraphs]
    paras_b = [p.normalized for p in doc_b.paragraphs]
    joined_a, starts_a = _join(paras_a, _SEP_A)
    joined_b, starts_b = _join(paras_b, _SEP_B)
    tiles = greedy_tiles(joined_a, joined_b, min_chars)
    if not tiles:
        return ()
    tile_i = np.array([t[0] for t in tiles], dtype=np.int64)
    tile_j = np.array([t[1] for t in tiles], dtype=np.int64)
    para_of_a = (np.searchsorted(starts_a, tile_i, side="right") - 1).tolist()
    para_of_b = (np.searchsorted(starts_b, tile_j, side="right") - 1).tolist()
    ranked: list[tuple[float, SharedPassage]] = []
    for (i, j, n), pa, pb in zip(tiles, para_of_a, para_of_b, strict=True):
        start_a = i - starts_a[pa]
        start_b = j - starts_b[pb]
        found = _passage_in_tile(paras_a[pa], start_a, paras_b[pb], start_b, n, tokenizer)
        if found is None:
            continue
        lo, hi, text, size = found
        if size < min_chars:
            continue
        weight = weights.passage_weight(text, tokenizer)
        passage = SharedPassage(
            text=text,
            a=SpanRef(pa, start_a + lo, start_a + hi),
            b=SpanRef(pb, start_b + lo, start_b + hi),
            weight=round(weight, 4),
        )
        ranked.append((size * weight, passage))
    ranked.sort(key=lambda item: (-item[0], item[1].a, item[1].b))
    return tuple(p for _, p in ranked)


def clear_caches() -> None:
    """Forget the prepared documents and snapped tiles kept for repeated comparisons."""
    _side.cache_clear()
    _passage_in_tile.cache_clear()


# --- coverage and new wording --------------------------------------------------------------


def _spans_of(
    covered: Iterable[SharedPassage | SpanRef], side: Literal["a", "b"]
) -> Iterable[SpanRef]:
    for item in covered:
        if isinstance(item, SharedPassage):
            yield item.a if side == "a" else item.b
        else:
            yield item


_RUN_OF_ONES = re.compile(b"\x01+")
_RUN_OF_ZEROS = re.compile(b"\x00+")


@lru_cache(maxsize=16_384)
def _punctuation_mask(text: str) -> bytes:
    """One byte per character of ``text``: 1 for punctuation, symbols and spaces."""
    return bytes(map(is_punctuation, text))  # True/False as 1/0, at C speed


def _coverage_masks(
    doc: Document, covered: Iterable[SharedPassage | SpanRef], side: Literal["a", "b"]
) -> list[bytearray]:
    """Per paragraph, one byte per character: 1 where a shared passage covers it."""
    masks = Coverage(doc)
    masks.cover(_spans_of(covered, side))
    return masks.masks


class Coverage:
    """A document's coverage by shared passages, gathered span by span (a comparison of many
    pairs marks each pair's passages as they come): per paragraph, one byte per character,
    1 where a passage covers it. ``shared_and_new`` of the spans covered so far is
    ``shared_and_new_of(document, coverage.masks)``."""

    __slots__ = ("_ones", "masks")

    def __init__(self, doc: Document) -> None:
        self.masks = [bytearray(len(p.normalized)) for p in doc.paragraphs]
        self._ones = memoryview(b"\x01" * max((len(m) for m in self.masks), default=0))

    def cover(self, spans: Iterable[SpanRef]) -> None:
        masks, ones = self.masks, self._ones
        for paragraph, start, end in spans:
            mask = masks[paragraph]
            end = min(end, len(mask))
            if end > start:
                mask[start:end] = ones[: end - start]

    def cover_passages(self, passages: Iterable[SharedPassage], *, b: bool) -> None:
        """``cover`` the passages' sides ``a`` (``b``: their sides ``b``)."""
        self.cover([p.b for p in passages] if b else [p.a for p in passages])


def _runs(pattern: re.Pattern[bytes], mask: bytes | bytearray) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in pattern.finditer(mask))


def covered_spans(
    doc: Document,
    covered: Iterable[SharedPassage | SpanRef],
    *,
    side: Literal["a", "b"] = "a",
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per paragraph, the merged spans covered by shared passages (``ParagraphMarks.shared``).

    ``covered`` holds passages (their ``side`` span is used: "a" when ``doc`` was the first
    document of ``shared_passages``) or plain SpanRefs, e.g. gathered from several pairs.
    """
    return shared_and_new(doc, covered, side=side)[0]


def new_wording(
    doc: Document,
    covered: Iterable[SharedPassage | SpanRef],
    *,
    side: Literal["a", "b"] = "a",
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per paragraph, the spans of ``doc`` no shared passage covers, punctuation left out
    (``ParagraphMarks.new``). Spans are maximal runs of uncovered non-punctuation text."""
    return shared_and_new(doc, covered, side=side)[1]


def shared_and_new(
    doc: Document,
    covered: Iterable[SharedPassage | SpanRef],
    *,
    side: Literal["a", "b"] = "a",
) -> tuple[tuple[tuple[tuple[int, int], ...], ...], tuple[tuple[tuple[int, int], ...], ...]]:
    """``covered_spans`` and ``new_wording`` at once (the spans are gathered once)."""
    return shared_and_new_of(doc, _coverage_masks(doc, covered, side))


def shared_and_new_of(
    doc: Document, masks: Sequence[bytearray]
) -> tuple[tuple[tuple[tuple[int, int], ...], ...], tuple[tuple[tuple[int, int], ...], ...]]:
    """``shared_and_new`` given the document's coverage masks (``Coverage.masks``)."""
    shared: list[tuple[tuple[int, int], ...]] = []
    new: list[tuple[tuple[int, int], ...]] = []
    for paragraph, mask in zip(doc.paragraphs, masks, strict=True):
        shared.append(_runs(_RUN_OF_ONES, mask))
        punctuation = _punctuation_mask(paragraph.normalized)
        size = len(mask)
        taken = int.from_bytes(mask, "big") | int.from_bytes(punctuation, "big")
        new.append(_runs(_RUN_OF_ZEROS, taken.to_bytes(size, "big")))
    return tuple(shared), tuple(new)
