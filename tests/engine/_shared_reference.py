"""The shared-wording algorithm as it was before it was optimised (tifa commit 0496031), kept
verbatim as the reference the optimised ``tifa.engine.compare.shared`` must agree with
(tests/engine/test_shared_reference.py). Not used by Tifa itself.
"""
# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np
import numpy.typing as npt

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

Int64Array = npt.NDArray[np.int64]


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

    def weight(self, word: str) -> float:
        n = max(self.paragraphs, 1)
        df = self.paragraph_frequency.get(word, 0)
        idf = math.log((n + 1) / (df + 1)) / math.log(n + 2)
        return min(1.0, max(_MIN_WEIGHT, idf))

    def passage_weight(self, text: str, tokenizer: WordTokenizer | None = None) -> float:
        """Character-weighted mean weight of the passage's words, stock phrases at 0.05."""
        known = self._passages.get(text)
        if known is not None:
            return known
        tokenizer = tokenizer or get_tokenizer()
        char_weights = [0.0] * len(text)
        counted = [False] * len(text)
        for token in tokenizer.tokenize(text, cache=False):
            if is_punctuation(token.word):
                continue
            w = self.weight(token.word)
            for i in range(token.start, token.end):
                char_weights[i], counted[i] = w, True
        for match in _stock_pattern(self.stock).finditer(text):
            for i in range(match.start(), match.end()):
                if counted[i]:
                    char_weights[i] = _STOCK_WEIGHT
        total = sum(counted)
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


def _codes(text: str) -> Int64Array:
    """Code points of ``text``, the two separators as negative (unmatchable) codes."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.int64
    )
    codes[codes == ord(_SEP_A)] = -1
    codes[codes == ord(_SEP_B)] = -2
    return codes


def _gram_hashes(codes: Int64Array, k: int) -> tuple[npt.NDArray[np.uint64], Int64Array]:
    """Hashes of every k-gram free of separators, and the k-grams' start positions."""
    n = len(codes) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    unsigned = codes.astype(np.uint64)  # separators wrap to huge values: filtered below
    h = np.zeros(n, dtype=np.uint64)
    bad = np.zeros(n, dtype=bool)
    prime = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for t in range(k):
            h = h * prime + unsigned[t : t + n]
            bad |= codes[t : t + n] < 0
    positions = np.flatnonzero(~bad).astype(np.int64)
    return h[positions], positions


def _maximal_matches(
    a: Int64Array, b: Int64Array, k: int, a_text: str, b_text: str
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """Every maximal exact match (i, j, length ≥ k) between ``a`` and ``b``: common substrings
    that can be extended neither left nor right. Separators (negative codes) never match.
    ``a_text``/``b_text`` are the same sequences as strings, separators distinct."""
    ha, pa = _gram_hashes(a, k)
    hb, pb = _gram_hashes(b, k)
    empty = np.empty(0, dtype=np.int64)
    if not len(ha) or not len(hb):
        return empty, empty, empty
    order = np.argsort(hb, kind="stable")
    sorted_hb, sorted_pb = hb[order], pb[order]
    lo = np.searchsorted(sorted_hb, ha, side="left")
    counts = np.searchsorted(sorted_hb, ha, side="right") - lo
    total = int(counts.sum())
    if total > MAX_SEED_PAIRS:
        # Pathological repetition: keep the seeds repeated least, under the memory bound.
        cap = int(counts.max())
        while total > MAX_SEED_PAIRS and cap > 1:
            cap //= 2
            counts = np.where(counts > cap, 0, counts)
            total = int(counts.sum())
    if total == 0:
        return empty, empty, empty
    ia = np.repeat(pa, counts)
    group_start = np.repeat(np.cumsum(counts) - counts, counts)
    jb = sorted_pb[np.repeat(lo, counts) + (np.arange(total) - group_start)]
    # Pad both ends with distinct sentinels so that neighbours of the ends never agree.
    a_pad = np.concatenate(([-3], a, [-5]))
    b_pad = np.concatenate(([-4], b, [-6]))
    # Left-maximal seeds only: each maximal match is then found exactly once.
    keep = a_pad[ia] != b_pad[jb]
    for t in range(k):  # hash collisions
        keep &= a_pad[ia + 1 + t] == b_pad[jb + 1 + t]
    ia, jb = ia[keep], jb[keep]
    length = np.full(len(ia), k, dtype=np.int64)
    active = np.arange(len(ia))
    while len(active) > 256:
        grows = a_pad[ia[active] + 1 + length[active]] == b_pad[jb[active] + 1 + length[active]]
        active = active[grows]
        length[active] += 1
    if len(active):
        for idx in active.tolist():
            length[idx] = _extend(a_text, b_text, int(ia[idx]), int(jb[idx]), int(length[idx]))
    return ia, jb, length


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
    ia, jb, length = _maximal_matches(_codes(a_text), _codes(b_text), k, a_text, b_text)
    keep = length >= min_length
    ia, jb, length = ia[keep], jb[keep], length[keep]
    order = np.lexsort((jb, ia, -length))
    # Longest first; stretches left over from partly tiled matches wait in a heap and are
    # merged into the sorted stream, so the order stays exactly "longest first".
    candidates = list(
        zip((-length[order]).tolist(), ia[order].tolist(), jb[order].tolist(), strict=True)
    )
    leftovers: list[tuple[int, int, int]] = []
    marked_a = bytearray(len(a_text))
    marked_b = bytearray(len(b_text))
    free_run = re.compile(b"\\x00{%d,}" % min_length)
    tiles: list[tuple[int, int, int]] = []
    position = 0
    while position < len(candidates) or leftovers:
        if leftovers and (position >= len(candidates) or leftovers[0] < candidates[position]):
            neg, i, j = heapq.heappop(leftovers)
        else:
            neg, i, j = candidates[position]
            position += 1
        n = -neg
        if marked_a.find(1, i, i + n) < 0 and marked_b.find(1, j, j + n) < 0:
            marked_a[i : i + n] = b"\x01" * n
            marked_b[j : j + n] = b"\x01" * n
            tiles.append((i, j, n))
            continue
        if marked_a.find(0, i, i + n) < 0 or marked_b.find(0, j, j + n) < 0:
            continue  # wholly tiled on one side
        # Partly tiled: its free stretches go back in the queue.
        either = int.from_bytes(marked_a[i : i + n], "big") | int.from_bytes(
            marked_b[j : j + n], "big"
        )
        for run in free_run.finditer(either.to_bytes(n, "big")):
            heapq.heappush(leftovers, (run.start() - run.end(), i + run.start(), j + run.start()))
    return tiles


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


def _balance(tile: str, lo: int, hi: int) -> tuple[int, int]:
    """Take in the opening (closing) bracket or quote whose partner the passage contains, so
    “四个中心”功能建设 keeps its opening quote. Stays inside the tile."""
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
    cuts_a: frozenset[int],
    cuts_b: frozenset[int],
    context: tuple[str, str, str, str] = ("", "", "", ""),
) -> tuple[int, int] | None:
    """The part of a tile between word boundaries common to both sides, edge words dropped.
    ``context`` holds the characters just before the tile in a and b, then just after it
    ("" at a paragraph's edge). Returns offsets relative to the tile, or None when nothing
    is left."""

    def clause_starts(pos: int) -> bool:
        if pos > 0:
            return is_punctuation(text[pos - 1])
        return all(ch == "" or is_punctuation(ch) for ch in context[:2])

    def clause_ends(pos: int) -> bool:
        if pos < len(text):
            return is_punctuation(text[pos])
        return all(ch == "" or is_punctuation(ch) for ch in context[2:])

    cuts = [p for p in range(length + 1) if start_a + p in cuts_a and start_b + p in cuts_b]
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
        text_a, text_b = paras_a[pa], paras_b[pb]
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
            tokenizer.boundaries(text_a),
            tokenizer.boundaries(text_b),
            context,
        )
        if snapped is None:
            continue
        lo, hi = snapped
        text = text_a[start_a + lo : start_a + hi]
        size = content_length(text)
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


# --- coverage and new wording --------------------------------------------------------------


def _spans_of(
    covered: Iterable[SharedPassage | SpanRef], side: Literal["a", "b"]
) -> Iterable[SpanRef]:
    for item in covered:
        if isinstance(item, SharedPassage):
            yield item.a if side == "a" else item.b
        else:
            yield item


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif end > start:
            merged.append((start, end))
    return merged


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
    per_paragraph: list[list[tuple[int, int]]] = [[] for _ in doc.paragraphs]
    for span in _spans_of(covered, side):
        per_paragraph[span.paragraph].append((span.start, span.end))
    return tuple(tuple(_merge(spans)) for spans in per_paragraph)


def new_wording(
    doc: Document,
    covered: Iterable[SharedPassage | SpanRef],
    *,
    side: Literal["a", "b"] = "a",
) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per paragraph, the spans of ``doc`` no shared passage covers, punctuation left out
    (``ParagraphMarks.new``). Spans are maximal runs of uncovered non-punctuation text."""
    shared = covered_spans(doc, covered, side=side)
    result: list[tuple[tuple[int, int], ...]] = []
    for paragraph, spans in zip(doc.paragraphs, shared, strict=True):
        text = paragraph.normalized
        free = bytearray(b"\x01") * len(text)
        for start, end in spans:
            free[start:end] = bytes(end - start)
        runs: list[tuple[int, int]] = []
        run_start = -1
        for pos, ch in enumerate(text):
            if free[pos] and not is_punctuation(ch):
                if run_start < 0:
                    run_start = pos
            elif run_start >= 0:
                runs.append((run_start, pos))
                run_start = -1
        if run_start >= 0:
            runs.append((run_start, len(text)))
        result.append(tuple(runs))
    return tuple(result)
