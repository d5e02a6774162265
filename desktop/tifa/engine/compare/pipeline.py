"""The whole comparison of 2 to 1,000 documents, as a job that reports its progress.

``compare_steps`` is a generator: it yields ``Progress`` after every document and every pair
(so a GUI worker can show progress and cancel by closing it) and finally the ``Comparison``.
``compare`` runs it to the end. Work is done once: each paragraph is segmented once (the
tokenizer caches by text), comparison keys are computed once per document, word frequencies
once for all documents.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from itertools import combinations
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import numpy as np
import numpy.typing as npt

from tifa.engine.arrays import unique
from tifa.engine.compare.align import (
    align_keys,
    document_keys,
    heading_units,
    linkable_groups,
    open_ended,
)
from tifa.engine.compare.align import clear_caches as clear_align_caches
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    Formulation,
    Granularity,
    GranularityReason,
    LinkKind,
    PairComparison,
    PairDetails,
    ParagraphLink,
    ParagraphMarks,
    SentenceLink,
    SharedPassage,
    SimilarityMatrix,
    SpanRef,
)
from tifa.engine.compare.nway import nway_alignment
from tifa.engine.compare.sentences import align_sentences
from tifa.engine.compare.shared import (
    Coverage,
    DistinctivenessWeights,
    distinctiveness_weights,
    shared_and_new,
    shared_and_new_of,
)
from tifa.engine.compare.shared import clear_caches as clear_shared_caches
from tifa.engine.compare.shared import shared_passages as find_shared_passages
from tifa.engine.compare.similarity import (
    SHARED_TEXT,
    FloatMatrix,
    as_array,
    char_bigram_cosine_matrix,
    cluster_order,
    most_central,
    shared_text_similarity,
    similarity_matrix,
    tfidf_cosine_matrix,
)
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.memory import release_freed_memory
from tifa.engine.model import Document
from tifa.engine.progress import Progress, run_to_end
from tifa.engine.wording import counted

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.pool import AsyncResult, Pool

T = TypeVar("T")

#: The most documents one comparison takes. Time grows with the pairs, n(n-1)/2, each of which
#: gets its shared passages (``FULL_PAIRS``: the rest of a pair's detail only when asked for);
#: bench/scale.py, 300 county readouts sharing a core: 44,850 pairs, ~90 s of CPU. Beyond,
#: compare a selection.
MAX_DOCUMENTS = 1000

# Automatic granularity (``choose_granularity``). A document is "few long paragraphs" when its
# longest paragraph holds this share of its text and at least this many characters: a
# broadcast transcript puts a whole readout in one paragraph.
LONG_PARAGRAPH_SHARE = 0.6
LONG_PARAGRAPH_CHARS = 300
# Paragraph links are "weak" when the shared wording they hold is less than this share of all
# the wording the pair shares, and the pair shares at least WEAK_LINKS_MIN_SHARED characters
# (an analysis quoting five sentences of a readout: its paragraphs match none of the readout's).
WEAK_LINKS_SHARE = 0.5
WEAK_LINKS_MIN_SHARED = 30


@dataclass(frozen=True, slots=True)
class GranularityChoice:
    granularity: Granularity  # never AUTO
    reason: GranularityReason
    detail: str  # the numbers behind the choice, in English


def _long_paragraph(document: Document) -> tuple[int, float] | None:
    """(length, share of the text) of the document's longest paragraph when it holds most of a
    long text, else None."""
    lengths = [len(p.normalized) for p in document.paragraphs]
    total = sum(lengths)
    if not total:
        return None
    longest = max(lengths)
    share = longest / total
    if longest >= LONG_PARAGRAPH_CHARS and share >= LONG_PARAGRAPH_SHARE:
        return longest, share
    return None


def choose_granularity(
    doc_a: Document,
    doc_b: Document,
    links: Sequence[ParagraphLink],
    shared: Sequence[SharedPassage],
    asked: Granularity = Granularity.AUTO,
) -> GranularityChoice:
    """The granularity to compare a pair at: what the user asked for, or with ``AUTO``
    sentences where a document has few, long paragraphs (``LONG_PARAGRAPH_*``) or where most of
    the wording the pair shares lies outside its paragraph links (``WEAK_LINKS_*``),
    paragraphs otherwise."""
    if asked is not Granularity.AUTO:
        return GranularityChoice(asked, GranularityReason.CHOSEN, f"{asked.value}s as asked")
    for document in (doc_a, doc_b):
        found = _long_paragraph(document)
        if found is not None:
            length, share = found
            return GranularityChoice(
                Granularity.SENTENCE,
                GranularityReason.LONG_PARAGRAPHS,
                f"one paragraph of {document.name} holds {share:.0%} of its text "
                f"({length} characters)",
            )
    linked = {(i, j) for link in links for i in link.a for j in link.b}
    total = sum(p.a.end - p.a.start for p in shared)
    inside = sum(p.a.end - p.a.start for p in shared if (p.a.paragraph, p.b.paragraph) in linked)
    share = inside / total if total else 1.0
    detail = f"paragraph links hold {share:.0%} of {total} shared characters"
    if total >= WEAK_LINKS_MIN_SHARED and share < WEAK_LINKS_SHARE:
        return GranularityChoice(Granularity.SENTENCE, GranularityReason.WEAK_LINKS, detail)
    return GranularityChoice(Granularity.PARAGRAPH, GranularityReason.PARAGRAPHS_MATCH, detail)


#: Pairs are compared in tiles of this many × this many documents, so that the per-document
#: data the matching caches (``shared._side``: 128 entries, ``align._features``: 256) stays
#: cached while a tile is compared: in plain ``combinations`` order, with more than ~120
#: documents, every pair would prepare its second document again.
PAIR_TILE = 48


#: Characters of the documents on both sides of a tile of long documents (``tile_size``):
#: what a process keeps while it compares a tile (prepared sides, words, snapped passages)
#: grows with them. 70 reports of 40,000 characters, two processes: tiles of 12 (1 M
#: characters) peaked at 411 MB, tiles of 5 at 360 MB and took less time (105 tiles shared out
#: more evenly than 21); tiles of 2 saved 5 MB more but prepared each document twice as often.
TILE_CHARS = 400_000


def tile_size(documents: Sequence[Document], largest: int = PAIR_TILE) -> int:
    """Documents on a side of a tile when finding shared passages: at most ``largest``, and
    few enough that both sides hold at most ``TILE_CHARS`` (within ``shared.SIDE_CACHE_CHARS``,
    so that a tile's prepared documents stay cached while it is compared: tiles of 48 reports
    of 40,000 characters prepared their documents again pair after pair)."""
    chars = sum(len(p.normalized) + 1 for d in documents for p in d.paragraphs)
    mean = max(1, chars // max(1, len(documents)))
    return max(1, min(largest, TILE_CHARS // (2 * mean)))


def tiles(n: int, size: int) -> list[tuple[int, int, int]]:
    """The tiles ``(first, second, size)`` that cover every pair of ``n`` documents once:
    rows from ``first`` against columns from ``second``, the same or a later tile."""
    return [
        (first, second, size)
        for first in range(0, n, size)
        for second in range(first, n, size)
    ]


def tiled_pairs(n: int, tile: int = PAIR_TILE) -> Iterator[tuple[int, int]]:
    """Every pair ``a < b`` of ``n`` documents once, tile by tile (``tiles``)."""
    for each in tiles(n, tile):
        yield from tile_pairs(each, n)


#: From this many pairs on, pairs are compared by worker processes (one per core, see
#: ``worker_count``), a tile of documents at a time. As with any ``multiprocessing`` pool
#: started by forkserver or spawn, a script that compares this many pairs must keep its own
#: work under ``if __name__ == "__main__":`` (the workers import the main script).
PARALLEL_MIN_PAIRS = 2000
#: ``TIFA_WORKERS=1`` compares every pair in the calling process.
WORKERS_ENV = "TIFA_WORKERS"

PairResult = tuple[
    int, int, tuple[ParagraphLink, ...], tuple[SharedPassage, ...], "GranularityChoice",
    tuple[SentenceLink, ...],
]


def workers_asked() -> int | None:
    """``TIFA_WORKERS`` when it is a whole number of 1 or more (the command line refuses any
    other value before anything runs), else None."""
    wanted = os.environ.get(WORKERS_ENV, "")
    if wanted.isascii() and wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    return None


def worker_count() -> int:
    """Processes to compare pairs with: ``TIFA_WORKERS``, or the cores this process may use."""
    asked = workers_asked()
    if asked is not None:
        return asked
    from tifa.engine.processes import usable_cores

    return usable_cores()


def _pair_links(
    documents: Sequence[Document],
    keys: Sequence[tuple[str, ...]],
    settings: CompareSettings,
    a: int,
    b: int,
) -> tuple[ParagraphLink, ...]:
    return align_keys(
        keys[a],
        keys[b],
        threshold=settings.link_threshold,
        open_end=(open_ended(documents[a]), open_ended(documents[b])),
        headings=(heading_units(documents[a]), heading_units(documents[b])),
    )


def _compare_pair(
    documents: Sequence[Document],
    keys: Sequence[tuple[str, ...]],
    weights: DistinctivenessWeights,
    settings: CompareSettings,
    tokenizer: WordTokenizer,
    a: int,
    b: int,
    *,
    only_pair: bool = False,
) -> PairResult:
    """Paragraph links, shared passages, granularity and sentence links of one pair.
    ``only_pair``: no other pair follows, so what is cached per document for the next pairs
    is let go as soon as this one is done with it (a 19 MB text's alignment features are
    ~60 MB, and would otherwise be held while its shared passages are found)."""
    links = _pair_links(documents, keys, settings, a, b)
    if only_pair:
        clear_align_caches()
    shared = find_shared_passages(
        documents[a],
        documents[b],
        min_chars=settings.min_shared_chars,
        weights=weights,
        tokenizer=tokenizer,
    )
    if only_pair:
        clear_shared_caches()
    choice = choose_granularity(documents[a], documents[b], links, shared, settings.granularity)
    sentences: tuple[SentenceLink, ...] = ()
    if choice.granularity is Granularity.SENTENCE:
        sentences = align_sentences(documents[a], documents[b], links, settings=settings)
    return a, b, links, shared, choice, sentences


WORKER_GC_THRESHOLDS = (50_000, 20, 100)


#: Up to this many pairs (31 documents), every pair is compared in full up front. Beyond,
#: only the pivot's pairs are; the others get their shared passages (for the similarity
#: matrix and the shared / new wording marks), and their full comparison — paragraph links,
#: granularity, sentence links — is computed when asked for (``Comparison.pair``).
if TYPE_CHECKING:
    #: What gives formulations found elsewhere (``compare_steps``' ``formulations_from``).
    FoundElsewhere = Callable[[], tuple[Formulation, ...] | None]
    #: What is told each pair's links and shared passages as they come (``compare_steps``'
    #: ``pair_done``).
    PairDone = Callable[[tuple[ParagraphLink, ...], tuple[SharedPassage, ...]], None]

FULL_PAIRS = 465
#: ...and only while the characters all those pairs compare, the documents' normalised
#: characters × (documents - 1), are at most this many: 31 county readouts compare ~3 M; 30
#: reports of 40,000 characters (~35 M) held every pair's passages and links at once, 643 MB
#: against 334 (compared as many documents are: 32 of them took 312 MB, in a quarter of the
#: time). Two documents are always compared in full (their one pair is the pivot's).
FULL_PAIR_CHARS = 8_000_000


def compared_in_full(documents: Sequence[Document], full_pairs: int = FULL_PAIRS) -> bool:
    """Whether every pair of ``documents`` is compared up front (``FULL_PAIRS``,
    ``FULL_PAIR_CHARS``), not only the pivot's."""
    n = len(documents)
    if n * (n - 1) // 2 > full_pairs:
        return False
    if n <= 2 or full_pairs != FULL_PAIRS:  # a caller's own limit: pairs alone
        return True
    chars = sum(len(p.normalized) for d in documents for p in d.paragraphs)
    return chars * (n - 1) <= FULL_PAIR_CHARS

SpanTuple = tuple[int, int, int]  # (paragraph, start, end)
OverlapResult = tuple[int, int, float]  # (a, b, shared-text similarity before rounding)


GramArray = npt.NDArray[np.uint32]


def document_grams(document: Document, k: int) -> GramArray:
    """The hashes of every ``k`` characters of the document's normalised paragraphs, cut to
    4 bytes, sorted and unique: two documents share a passage of ``k`` characters only if
    these meet (they may meet by chance, two documents of ~3,000 such hashes about once in
    500 pairs: then the pair is compared for nothing; 8-byte hashes took twice the memory,
    ~26 MB at 1,000 documents in each process). Python's string hashes differ between
    processes: compare only arrays made in the same process (each worker makes its own)."""
    found: set[int] = set()
    for paragraph in document.paragraphs:
        text = paragraph.normalized.replace("\x00", "\ufffd").replace("\x01", "\ufffd")
        found.update(hash(text[i : i + k]) for i in range(len(text) - k + 1))
    hashes = np.fromiter(found, dtype=np.int64, count=len(found)).astype(np.uint32)
    return unique(hashes)


def grams_meet(a: GramArray, b: GramArray) -> bool:
    """Whether two sorted hash arrays have a value in common."""
    if not len(a) or not len(b):
        return False
    if len(a) > len(b):
        a, b = b, a
    where = np.searchsorted(b, a).clip(max=len(b) - 1)
    return bool((b[where] == a).any())


def merge_spans(spans: Sequence[SpanTuple]) -> list[SpanTuple]:
    """The union of ``(paragraph, start, end)`` spans, as few disjoint spans, sorted."""
    merged: list[SpanTuple] = []
    for paragraph, start, end in sorted(spans):
        if merged and merged[-1][0] == paragraph and start <= merged[-1][2]:
            if end > merged[-1][2]:
                merged[-1] = (paragraph, merged[-1][1], end)
        else:
            merged.append((paragraph, start, end))
    return merged


def tile_pairs(tile: tuple[int, int, int], n: int) -> list[tuple[int, int]]:
    """The pairs ``a < b`` of tile ``(first, second, size)`` of ``n`` documents: rows ``a``
    from ``first``, columns ``b`` from ``second``, ``size`` of each (see ``tiled_pairs``)."""
    first, second, size = tile
    return [
        (a, b)
        for a in range(first, min(first + size, n))
        for b in range(max(second, a + 1), min(second + size, n))
    ]


#: A tile of pairs to find shared passages in, with those of its pairs whose documents have
#: ``min_shared_chars`` characters in common (``grams_meet``, worked out by the calling
#: process, which holds every document's grams: a worker holds none, ~12 MB less each at
#: 1,000 documents); the others score 0 without anything computed.
OverlapWork = tuple[tuple[int, int, int], tuple[tuple[int, int], ...]]
OverlapFound = tuple[list[OverlapResult], dict[int, list[SpanTuple]]]


def overlap_work(grams: Sequence[GramArray], tile: tuple[int, int, int]) -> OverlapWork:
    """``tile`` with its pairs whose grams meet."""
    pairs = tile_pairs(tile, len(grams))
    return tile, tuple((a, b) for a, b in pairs if grams_meet(grams[a], grams[b]))


def _overlap_pairs(
    documents: Sequence[Document],
    weights: DistinctivenessWeights,
    settings: CompareSettings,
    tokenizer: WordTokenizer,
    work: OverlapWork,
) -> OverlapFound:
    """The shared-text similarity of each pair of the tile (0 for a pair not among those
    whose grams meet), and per document the union of its sides of the pairs' shared
    passages."""
    results: list[OverlapResult] = []
    spans: dict[int, list[SpanTuple]] = {}
    tile, meeting = work
    compared = set(meeting)
    for a, b in tile_pairs(tile, len(documents)):
        if (a, b) not in compared:
            results.append((a, b, 0.0))
            continue
        passages = find_shared_passages(
            documents[a],
            documents[b],
            min_chars=settings.min_shared_chars,
            weights=weights,
            tokenizer=tokenizer,
        )
        results.append((a, b, shared_text_similarity(documents[a], documents[b], passages)))
        if passages:
            spans.setdefault(a, []).extend(p.a for p in passages)
            spans.setdefault(b, []).extend(p.b for p in passages)
    return results, {d: merge_spans(found) for d, found in spans.items()}


class _FullPair:
    """Computes one pair's full comparison for ``PairDetails``: a plain object (not a closure)
    so that a ``Comparison`` of many documents can be pickled (the comparison's tokenizer is
    not: unpickled, it is the process's default)."""

    def __init__(
        self,
        documents: tuple[Document, ...],
        keys: Sequence[tuple[str, ...]],
        weights: DistinctivenessWeights,
        settings: CompareSettings,
        primary: npt.NDArray[np.float64],
        tokenizer: WordTokenizer | None = None,
    ) -> None:
        self.documents = documents
        self.keys = tuple(keys)
        self.weights = weights
        self.settings = settings
        self.primary = primary
        self.tokenizer = tokenizer

    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "tokenizer": None}

    def __call__(self, a: int, b: int) -> PairComparison:
        tokenizer = self.tokenizer or get_tokenizer()
        *_, links, passages, choice, sentences = _compare_pair(
            self.documents, self.keys, self.weights, self.settings, tokenizer, a, b
        )
        similarity = float(self.primary[a, b])
        return _pair_comparison(a, b, similarity, links, passages, choice, sentences)


#: ``_OrphanLinks`` keeps the characters of at most this many groups of paragraphs (a slot of
#: the N-way table asks about each of its documents' groups again and again, and about no group
#: of another slot).
_ORPHAN_GROUPS_KEPT = 4096


class _OrphanLinks:
    """For the N-way table of many documents: links between two documents' paragraphs that no
    pivot paragraph links to, found by aligning those paragraphs alone (not the whole pair:
    the pivot's pairs are all that is compared in full up front).

    No answer is kept: the table asks each question once (a slot's documents two by two: at
    1,000 county readouts ~190,000 questions, whose answers kept took ~60 MB). A group of
    paragraphs' characters, which decide at once that two groups share none, are kept as the
    bits of an integer (a bit per character: a frozenset of their one-character strings took
    ~15 KB a group), for the last ``_ORPHAN_GROUPS_KEPT`` groups."""

    def __init__(self, keys: Sequence[tuple[str, ...]], settings: CompareSettings) -> None:
        self._keys = keys
        self._threshold = settings.link_threshold
        self._bit: dict[str, int] = {}  # character -> its bit
        self._chars: dict[tuple[int, tuple[int, ...]], int] = {}

    def _characters(self, d: int, paragraphs: tuple[int, ...]) -> int:
        key = (d, paragraphs)
        found = self._chars.get(key)
        if found is None:
            if len(self._chars) >= _ORPHAN_GROUPS_KEPT:
                self._chars.clear()
            bit = self._bit
            found = 0
            for character in set("".join(self._keys[d][j] for j in paragraphs)):
                position = bit.get(character)
                if position is None:
                    position = bit[character] = len(bit)
                found |= 1 << position
            self._chars[key] = found
        return found

    def linkable(self, orphans: Mapping[int, Sequence[int]]) -> set[tuple[int, int]]:
        """The pairs of documents ``(d, e)``, ``e < d``, whose paragraphs ``orphans`` might
        link (``linkable_groups``): asked about any other pair, ``self`` answers no link."""
        documents = sorted(orphans)
        found = linkable_groups(
            [[self._keys[d][j] for j in orphans[d]] for d in documents], self._threshold
        )
        return {(documents[g], documents[h]) for g, h in found}

    def __call__(
        self, d: int, e: int, mine: Sequence[int], theirs: Sequence[int]
    ) -> tuple[ParagraphLink, ...]:
        if not self._characters(d, tuple(mine)) & self._characters(e, tuple(theirs)):
            return ()  # no character in common: nothing to link (no pair scores above 0)
        links = align_keys(
            [self._keys[d][j] for j in mine],
            [self._keys[e][k] for k in theirs],
            threshold=self._threshold,
        )
        return tuple(
            ParagraphLink(
                a=tuple(mine[i] for i in link.a),
                b=tuple(theirs[k] for k in link.b),
                score=link.score,
                kind=link.kind,
            )
            for link in links
        )


# What a worker process holds: set once by ``_start_worker``.
_WORKER: dict[str, object] = {}


def _start_worker(
    documents: tuple[Document, ...], settings: CompareSettings, weights: DistinctivenessWeights
) -> None:
    # A worker process only compares: what it holds is never garbage, and its pairs make
    # many small objects and few cycles; rarer collections save ~5 % (as in tifa.cli).
    _leave_on_terminate()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    tokenizer = get_tokenizer()
    _WORKER.update(
        documents=documents,
        settings=settings,
        weights=weights,
        tokenizer=tokenizer,
    )


def _leave_on_terminate() -> None:
    """In a worker process: ``Pool.terminate``'s SIGTERM ends it by an exception, so that
    a lock it holds (the result queue's, while it sends a result) is let go on the way out.
    Killed while holding it, the worker left the pool's ``terminate`` waiting for the lock
    forever (once in a few dozen comparisons of 31 readouts with an early worker)."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


def _compare_tile(tile: tuple[int, int, int]) -> list[PairResult]:
    documents: tuple[Document, ...] = _WORKER["documents"]  # type: ignore[assignment]
    weights: DistinctivenessWeights = _WORKER["weights"]  # type: ignore[assignment]
    settings: CompareSettings = _WORKER["settings"]  # type: ignore[assignment]
    tokenizer: WordTokenizer = _WORKER["tokenizer"]  # type: ignore[assignment]
    if "keys" not in _WORKER:  # only comparing in full needs them (not _overlap_tile)
        _WORKER["keys"] = [document_keys(d, settings) for d in documents]
    keys: list[tuple[str, ...]] = _WORKER["keys"]  # type: ignore[assignment]
    return _compare_tile_here(documents, keys, weights, settings, tokenizer, tile)


def _overlap_tile(work: OverlapWork) -> OverlapFound:
    documents: tuple[Document, ...] = _WORKER["documents"]  # type: ignore[assignment]
    weights: DistinctivenessWeights = _WORKER["weights"]  # type: ignore[assignment]
    settings: CompareSettings = _WORKER["settings"]  # type: ignore[assignment]
    tokenizer: WordTokenizer = _WORKER["tokenizer"]  # type: ignore[assignment]
    return _overlap_pairs(documents, weights, settings, tokenizer, work)


def write_normalized(documents: Sequence[Document], path: str) -> None:
    """Write what a worker that only finds shared passages reads of the documents (their
    paths and normalised paragraphs), a pickle per document, each paragraph as UTF-8 bytes:
    pickling a ``str`` makes Python keep its UTF-8 form beside it for the string's life (~3
    bytes a character of every paragraph in this process: ~11 MB at 1,000 county readouts,
    when the whole documents went to the workers)."""
    import pickle

    with open(path, "wb") as file:
        pickle.dump(len(documents), file, protocol=pickle.HIGHEST_PROTOCOL)
        for document in documents:
            record = (
                str(document.path),
                tuple(p.normalized.encode("utf-8", "surrogatepass") for p in document.paragraphs),
            )
            pickle.dump(record, file, protocol=pickle.HIGHEST_PROTOCOL)


def read_normalized(path: str) -> tuple[Document, ...]:
    """The documents ``write_normalized`` wrote, each paragraph its normalised text alone
    (shown as itself, no title, no metadata): all that finding shared passages reads."""
    import pickle
    from pathlib import Path

    from tifa.engine.model import Paragraph

    documents: list[Document] = []
    with open(path, "rb") as file:
        for _ in range(pickle.load(file)):
            name, paragraphs = pickle.load(file)
            texts = [p.decode("utf-8", "surrogatepass") for p in paragraphs]
            documents.append(Document(
                path=Path(name),
                paragraphs=tuple(
                    Paragraph(i, text, text, range(len(text)), range(len(text)))
                    for i, text in enumerate(texts)
                ),
                title="",
            ))
    return tuple(documents)


def _start_overlap_worker(
    path: str, settings: CompareSettings, weights: DistinctivenessWeights
) -> None:
    """A worker that only finds shared passages: the documents' normalised paragraphs come
    from the file ``path`` (``write_normalized``), not whole."""
    _start_worker(read_normalized(path), settings, weights)


# --------------------------------------------------------------------------- early workers

#: With worker processes started ahead (``start_workers_early``), a comparison in full of
#: this many pairs or more (21 documents; up to ``FULL_PAIRS``) shares its pairs with them.
EARLY_MIN_PAIRS = 210
#: At most this many workers started ahead: each holds the engine and the documents' data
#: (~100 MB with 31 readouts, whose comparison peaks ~185 MB in this process), and the whole
#: stays within 300 MB + 10 × the input with one.
EARLY_MAX_WORKERS = 1
#: Rows of tiles the documents are cut into when compared with early workers: small tiles,
#: so that this process and the workers end together (with 31 documents, tiles of 2: 136
#: tiles of 1-4 pairs; tiles of 4 left up to 16 pairs, ~0.1 s, to one process at the end).
EARLY_TILE_ROWS = 16
#: Tiles given to each early worker ahead of its results: this process gives more only
#: between its own tiles (~20 ms each), and a worker given 2 waited ~20 ms after every
#: second tile (31 readouts: ~0.4 s idle of its ~1.6 s).
EARLY_QUEUED_TILES = 4

# The pool started ahead: {"thread": the thread starting it, "pool": it, "workers": count}.
_EARLY: dict[str, object] = {}


def start_workers_early(document_count: int) -> bool:
    """Start worker processes for a comparison of ``document_count`` documents in full, now:
    they load the engine (~0.3 s each) while this process reads the documents, and the
    comparison shares its pairs with them. For the command line (this process compares
    tiles too, on its main thread): nothing happens on another thread, with one core,
    ``TIFA_WORKERS=1``, when no core is free (``_core_free``), or for fewer than
    ``EARLY_MIN_PAIRS`` or more than ``FULL_PAIRS`` pairs. The pool is started on a thread
    (starting the forkserver takes ~0.1-0.3 s of waiting); the comparison takes it, or
    ``stop_early_workers`` (called when a comparison ends) lets it go. Returns whether
    workers are being started."""
    pairs = document_count * (document_count - 1) // 2
    if (
        _EARLY
        or threading.current_thread() is not threading.main_thread()
        or not EARLY_MIN_PAIRS <= pairs <= FULL_PAIRS
        or worker_count() < 2
        or not _core_free()
    ):
        return False
    workers = min(worker_count() - 1, EARLY_MAX_WORKERS)

    def start() -> None:
        from tifa.engine.processes import worker_context

        # no worker (it could not start): the pairs are compared in this process
        with suppress(OSError, RuntimeError, ValueError):
            _EARLY["pool"] = worker_context().Pool(workers, initializer=_warm_worker)

    thread = threading.Thread(target=start, name="tifa-early-workers", daemon=True)
    _EARLY.update(thread=thread, workers=workers)
    thread.start()
    return True


def _core_free() -> bool:
    """Whether another core is free for a worker: the load average of the last minute is
    below the cores this process may use less half a core (always, with ``TIFA_WORKERS``
    set). A worker costs ~0.7 s of CPU in all (its own start, the documents prepared twice);
    on a machine whose cores are all busy it only makes the comparison slower."""
    if workers_asked() is not None:
        return True
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available: assume a free core
        return True
    return load < worker_count() - 0.5


def _early_pool_fits(pairs: int) -> bool:
    return bool(_EARLY) and pairs >= EARLY_MIN_PAIRS and (
        threading.current_thread() is threading.main_thread()
    )


def _take_early_pool() -> tuple[Pool, int] | None:
    """The pool started ahead (waiting for it to be up), or None."""
    thread = _EARLY.pop("thread", None)
    if not isinstance(thread, threading.Thread):
        return None
    thread.join()
    pool, workers = _EARLY.pop("pool", None), _EARLY.pop("workers", 0)
    _EARLY.clear()
    if pool is None:  # it could not start: compare alone
        return None
    return pool, workers  # type: ignore[return-value]


def stop_early_workers() -> None:
    """Stop workers started ahead that no comparison took (or that a comparison began with
    but did not get to share its pairs with: it was closed before)."""
    run = _EARLY.pop("run", None)
    if isinstance(run, _EarlyRun):
        run.stop()
    taken = _take_early_pool()
    if taken is not None:
        taken[0].terminate()
        taken[0].join()


def _warm_worker() -> None:
    """A worker started ahead: the engine is loaded (importing this module) and the
    tokenizer built; the comparison's data comes with its first tile (``_shipped_tile``)."""
    _leave_on_terminate()
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    _WORKER["tokenizer"] = get_tokenizer()


# A pair's results as plain tuples, pickled several times faster than the result objects:
# (a, b, links, passages, granularity, sentence links); a passage's text is left out (it is
# its side ``a`` of the document's normalised paragraph).
PackedPair = tuple[
    int, int,
    tuple[tuple[tuple[int, ...], tuple[int, ...], float, str], ...],
    tuple[tuple[int, int, int, int, int, int, float], ...],
    tuple[str, str, str],
    tuple[tuple[tuple[SpanRef, ...], tuple[SpanRef, ...], float, str], ...],
]


def _pack(result: PairResult) -> PackedPair:
    a, b, links, passages, choice, sentences = result
    return (
        a, b,
        tuple((link.a, link.b, link.score, link.kind.value) for link in links),
        tuple((*p.a, *p.b, p.weight) for p in passages),
        (choice.granularity.value, choice.reason.value, choice.detail),
        tuple((s.a, s.b, s.score, s.kind.value) for s in sentences),
    )


def _unpack(documents: Sequence[Document], packed: PackedPair) -> PairResult:
    a, b, links, passages, (granularity, reason, detail), sentences = packed
    paragraphs = documents[a].paragraphs
    return (
        a, b,
        tuple(ParagraphLink(la, lb, score, LinkKind(kind)) for la, lb, score, kind in links),
        tuple(
            SharedPassage(
                paragraphs[pa].normalized[sa:ea], SpanRef(pa, sa, ea), SpanRef(pb, sb, eb), weight
            )
            for pa, sa, ea, pb, sb, eb, weight in passages
        ),
        GranularityChoice(Granularity(granularity), GranularityReason(reason), detail),
        tuple(
            SentenceLink(tuple(map(SpanRef._make, sa)), tuple(map(SpanRef._make, sb)), score,
                         LinkKind(kind))
            for sa, sb, score, kind in sentences
        ),
    )


def _shipped_tile(path: str, tile: tuple[int, int, int]) -> list[PackedPair]:
    """``_compare_tile`` in a worker started ahead, its results packed (``_pack``): on the
    first tile, the documents and settings are read from the file ``path`` (written for this
    comparison) and the distinctiveness weights worked out (as the calling process does)."""
    if _WORKER.get("shipped") != path:
        import pickle

        with open(path, "rb") as file:
            documents, settings = pickle.load(file)
        tokenizer: WordTokenizer = _WORKER["tokenizer"]  # type: ignore[assignment]
        weights = distinctiveness_weights(documents, tokenizer=tokenizer)
        _WORKER.pop("keys", None)
        _WORKER.update(documents=documents, settings=settings, weights=weights, shipped=path)
    return [_pack(result) for result in _compare_tile(tile)]


def _parallel_pairs(
    documents: tuple[Document, ...],
    settings: CompareSettings,
    weights: DistinctivenessWeights,
    n: int,
    job: Callable[[Any], T],
    grams: Sequence[GramArray] = (),
) -> Iterator[T]:
    """Every pair's results, a tile at a time, from worker processes: ``job`` is
    ``_compare_tile`` (pairs in full) or ``_overlap_tile`` (shared passages alone: the workers
    get the documents' normalised paragraphs alone, and each tile with its pairs whose
    ``grams`` meet). The workers start from a clean interpreter (``forkserver`` where there
    is one, else ``spawn``: never ``fork``, which would copy a GUI's threads); closing the
    generator stops them."""
    run = _EARLY.pop("run", None) if job is _compare_tile else None
    if isinstance(run, _EarlyRun):
        try:  # job is _compare_tile: T is its list of results
            yield from run.results(settings, weights)  # type: ignore[misc]
        finally:
            run.stop()
        return
    import shutil
    import tempfile

    from tifa.engine.processes import worker_context  # multiprocessing only when needed

    # smaller tiles than alone: the workers share them out, and each tile's results arrive as
    # one pickle, unpickled in one call that holds the GIL (a GUI thread waits meanwhile)
    tile = tile_size(documents, max(1, PAIR_TILE // 4))
    context = worker_context()
    todo = tiles(n, tile)
    # This process compares tiles too, between the workers' results: one worker process fewer
    # (~110 MB at 300 documents) for as many cores, on the command line's main thread as on a
    # GUI's job thread (the GUI thread waits for the GIL at most a switch interval, 5 ms:
    # the worst stall at 300 readouts did not grow). Its share is compared with what is passed
    # here, not through ``_WORKER`` (two comparisons on two threads would share that).
    workers = max(1, min(worker_count() - 1, len(todo)))
    tokenizer = get_tokenizer()
    own: Callable[[Any], T]
    folder = None
    if job is _overlap_tile:
        folder = tempfile.mkdtemp(prefix="tifa-")
        path = os.path.join(folder, "normalized.pickle")
        write_normalized(documents, path)
        pool = context.Pool(
            workers, initializer=_start_overlap_worker, initargs=(path, settings, weights))
        work: Callable[[tuple[int, int, int]], object] = partial(overlap_work, grams)
        own = partial(_overlap_pairs, documents, weights, settings, tokenizer)  # type: ignore[assignment]
    else:
        pool = context.Pool(
            workers, initializer=_start_worker, initargs=(documents, settings, weights))
        work = _same
        own = partial(  # type: ignore[assignment]
            _compare_tile_here, documents, [document_keys(d, settings) for d in documents],
            weights, settings, tokenizer,
        )
    try:
        yield from _share_tiles(pool, workers, job, todo, work, own)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        getattr(pool, "_cache", {}).clear()  # results never come when closed early: see _EarlyRun
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _compare_tile_here(
    documents: tuple[Document, ...],
    keys: Sequence[tuple[str, ...]],
    weights: DistinctivenessWeights,
    settings: CompareSettings,
    tokenizer: WordTokenizer,
    tile: tuple[int, int, int],
) -> list[PairResult]:
    """``_compare_tile`` in the calling process, given what a worker keeps in ``_WORKER``."""
    return [
        _compare_pair(documents, keys, weights, settings, tokenizer, a, b)
        for a, b in tile_pairs(tile, len(documents))
    ]


def _same(tile: tuple[int, int, int]) -> tuple[int, int, int]:
    return tile


class _EarlyRun:
    """A comparison in full shared with the workers started ahead, begun as soon as the
    documents are known: the workers get the documents (one pickle in a temporary file, read
    once by each; each works out the distinctiveness weights itself, as this process does)
    and a first share of the tiles, which they compare while this process segments the words
    and finds the formulations; ``results`` then shares the other tiles with them (they take
    from the front, this process from the back) in small tiles, so that both end together."""

    def __init__(
        self, pool: Pool, workers: int, documents: tuple[Document, ...],
        settings: CompareSettings,
    ) -> None:
        import pickle
        import tempfile

        self.pool, self.workers, self.documents = pool, workers, documents
        n = len(documents)
        tile = max(1, -(-n // EARLY_TILE_ROWS))
        self.todo = deque(
            (first, second, size)
            for first, second, size in tiles(n, tile)
            if second > first or n - first > 1  # not a last tile of one document: no pair
        )
        self.folder = tempfile.mkdtemp(prefix="tifa-")
        path = os.path.join(self.folder, "comparison.pickle")
        with open(path, "wb") as file:
            pickle.dump((documents, settings), file, protocol=pickle.HIGHEST_PROTOCOL)
        self.job = partial(_shipped_tile, path)
        # (tile, its result to come) in the order given to the workers
        self.pending: list[tuple[tuple[int, int, int], AsyncResult[list[PackedPair]]]] = []
        self._submit(max(2 * workers, len(self.todo) // 4))

    def _submit(self, queued: int) -> None:
        while self.todo and len(self.pending) < queued:
            tile = self.todo.popleft()
            self.pending.append((tile, self.pool.apply_async(self.job, (tile,))))

    def results(
        self, settings: CompareSettings, weights: DistinctivenessWeights
    ) -> Iterator[list[PairResult]]:
        """Every tile's results once, in the order they are done. When only tiles given to
        the workers are left, this process compares them too, the last given first: at once
        the tiles no worker has begun yet; those the workers are comparing once they have
        taken as long as this process took for its last tile (on a loaded machine a worker
        may get little of a core: the comparison waits for no tile much longer than this
        process takes to compare it; on an idle one a worker's tile is nearly done).
        Whichever is first counts."""
        _WORKER.update(
            documents=self.documents, settings=settings, weights=weights,
            tokenizer=get_tokenizer(),
        )
        done: set[tuple[int, int, int]] = set()
        own = 0.0  # seconds this process took for its last tile
        while self.todo or self.pending:
            self._submit(EARLY_QUEUED_TILES * self.workers)
            ready = [(tile, result) for tile, result in self.pending if result.ready()]
            for tile, result in ready:
                self.pending.remove((tile, result))
                if tile not in done:
                    done.add(tile)
                    yield [_unpack(self.documents, packed) for packed in result.get()]
            if ready:
                continue
            left = [(tile, result) for tile, result in self.pending if tile not in done]
            if not self.todo and 0 < len(left) <= self.workers and own > 0:
                waited, own = own, 0.0  # once, as long as this process's last tile took
                left[0][1].wait(waited)
                continue
            if self.todo or left:
                tile = self.todo.pop() if self.todo else left[-1][0]
                done.add(tile)
                started = time.perf_counter()
                compared = _compare_tile(tile)
                own = time.perf_counter() - started
                yield compared
            elif self.pending:  # only tiles this process has compared: theirs are not needed
                break
        self.pool.close()

    def stop(self) -> None:
        import shutil

        _WORKER.clear()
        self.pool.terminate()
        self.pool.join()
        # The results of tiles this process compared itself never came: each still refers to
        # the pool, and the pool's cache to them, a cycle that would keep the pool (and its
        # semaphores) until a full garbage collection, after the command has ended the
        # process at once (the resource tracker would then warn of leaked semaphores).
        self.pending.clear()
        getattr(self.pool, "_cache", {}).clear()
        shutil.rmtree(self.folder, ignore_errors=True)


def _begin_early(documents: tuple[Document, ...], settings: CompareSettings) -> bool:
    """Begin a comparison in full with the workers started ahead (``_EarlyRun``), if there
    are any; ``_parallel_pairs`` takes it up."""
    taken = _take_early_pool()
    if taken is None:
        return False
    try:
        _EARLY["run"] = _EarlyRun(*taken, documents, settings)
    except OSError:  # no temporary file: the pairs are compared as without early workers
        taken[0].terminate()
        taken[0].join()
        return False
    return True


def _share_tiles(
    pool: Pool, workers: int, job: Callable[[Any], T],
    tiles: list[tuple[int, int, int]],
    work: Callable[[tuple[int, int, int]], object],
    own: Callable[[Any], T],
) -> Iterator[T]:
    """Every tile's results, in the order they are done: the pool takes tiles from the front
    (a few queued ahead per worker), this process from the back whenever no result waits;
    the workers' ``job`` and this process's ``own`` are given ``work(tile)``, made as the
    tile is given."""
    todo = deque(tiles)
    pending: list[AsyncResult[T]] = []
    while todo or pending:
        while todo and len(pending) < 2 * workers:
            pending.append(pool.apply_async(job, (work(todo.popleft()),)))
        ready = [result for result in pending if result.ready()]
        for result in ready:
            pending.remove(result)
            yield result.get()
        if ready:
            continue
        if todo:
            yield own(work(todo.pop()))
        else:
            pending[0].wait(0.01)


class TooManyDocuments(ValueError):
    """More documents than one comparison takes; the message says how many and the limit."""

    def __init__(self, count: int, limit: int = MAX_DOCUMENTS) -> None:
        self.count = count
        self.limit = limit
        super().__init__(
            f"{count} documents: Tifa compares at most {limit} at a time; "
            f"compare fewer (or a selection of them)"
        )


def check_document_count(count: int) -> None:
    """Raise ``TooManyDocuments`` when ``count`` documents are more than one comparison takes.

    Callers (the command line, the GUI session) check before reading or comparing, so the
    limit is a message rather than a failure deep inside the comparison.
    """
    if count > MAX_DOCUMENTS:
        raise TooManyDocuments(count)


def _check(documents: Sequence[Document], settings: CompareSettings) -> None:
    check_document_count(len(documents))
    if len(documents) < 2:
        raise ValueError(f"compare 2 to {MAX_DOCUMENTS} documents, not {len(documents)}")
    if settings.pivot is not None and not 0 <= settings.pivot < len(documents):
        raise ValueError(f"pivot {settings.pivot} is not one of the {len(documents)} documents")
    if not 0.0 < settings.link_threshold <= 1.0:
        raise ValueError(f"link threshold {settings.link_threshold} is not in (0, 1]")


def compare_steps(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None = None,
    tokenizer: WordTokenizer | None = None,
    full_pairs: int | None = None,
    formulations_from: FoundElsewhere | None = None,
    pair_done: PairDone | None = None,
) -> Iterator[Progress | Comparison]:
    """Compare ``documents``: yields ``Progress`` values, then the ``Comparison``.

    Up to ``full_pairs`` pairs (default ``FULL_PAIRS``, and ``FULL_PAIR_CHARS``), every pair
    is compared in full; beyond, the pivot's pairs are, and the others when asked for
    (``Comparison.pair``).
    ``formulations_from``: gives ``find_formulations(documents)`` worked out elsewhere (by
    another process, meanwhile), or None if it could not; asked only once the pairs are
    compared, and only when every pair is compared in full. ``pair_done``: when every pair
    is compared in full, called with each pair's links and shared passages (the tuples the
    ``Comparison``'s pair will hold) as they come: with worker processes, while they compare
    other pairs (the command line writes their JSON text then).

    Raises ``TooManyDocuments`` (a ``ValueError``) for more than ``MAX_DOCUMENTS`` documents,
    ``ValueError`` for fewer than 2 or a pivot out of range.
    The documents prepared for matching are let go at the end, or when cancelled.
    """
    try:
        yield from _compare_steps(
            documents,
            settings=settings,
            tokenizer=tokenizer,
            full_pairs=FULL_PAIRS if full_pairs is None else full_pairs,
            formulations_from=formulations_from,
            pair_done=pair_done,
        )
    finally:
        clear_shared_caches()
        stop_early_workers()


def _compare_steps(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None,
    tokenizer: WordTokenizer | None,
    full_pairs: int,
    formulations_from: FoundElsewhere | None = None,
    pair_done: PairDone | None = None,
) -> Iterator[Progress | Comparison]:
    settings = settings or CompareSettings()
    documents = tuple(documents)
    _check(documents, settings)
    n = len(documents)
    # counted, not listed: a list of the pairs held ~31 MB at 1,000 documents for the whole run
    pairs = n * (n - 1) // 2
    # units: a document's words, its formulations, each pair (shared wording and, when
    # compared in full, alignment), the similarity, the alignment table, the marks
    full = compared_in_full(documents, full_pairs)
    if not full and _EARLY:  # workers started ahead for a comparison in full: not needed
        stop_early_workers()
    total = 2 * n + (2 * pairs if full else pairs + n - 1) + 3
    done = 0

    def step(stage: str, message: str, units: int = 1) -> Progress:
        nonlocal done
        done += units
        return Progress(stage, done, total, message)

    yield Progress("tokenize", 0, total, "Loading the word list")
    parallel = tokenizer is None and worker_count() > 1 and (
        pairs >= PARALLEL_MIN_PAIRS or (full and _early_pool_fits(pairs))
    )
    if parallel and full and _EARLY and not _begin_early(documents, settings):
        parallel = pairs >= PARALLEL_MIN_PAIRS  # the workers started ahead did not start
    tokenizer = tokenizer or get_tokenizer()
    keys = []
    for document in documents:
        for paragraph in document.paragraphs:
            tokenizer.tokenize(paragraph.normalized)
        keys.append(document_keys(document, settings))
        yield step("tokenize", f"Words of {document.name}")
    weights = distinctiveness_weights(documents, tokenizer=tokenizer)

    yield Progress("formulations", done, total, "Looking for formulations")
    # imported here: a worker process, which only compares pairs, never loads it (~0.1 s)
    from tifa.engine.compare.formulations import find_formulations

    if full and formulations_from is not None:
        elsewhere = formulations_from

        def found() -> tuple[Formulation, ...]:
            made = elsewhere()
            return made if made is not None else find_formulations(documents)

        yield step("formulations", "Formulations looked for meanwhile", units=n)
        comparison = yield from _all_pairs(
            documents, settings, tokenizer, keys, weights, found, parallel, step, pair_done
        )
        yield step("marks", "Highlights")
        yield comparison
        return
    formulations = find_formulations(documents)
    yield step("formulations", f"{counted(len(formulations), 'formulation')} found", units=n)

    if full:
        comparison = yield from _all_pairs(
            documents, settings, tokenizer, keys, weights, formulations, parallel, step,
            pair_done,
        )
    else:
        comparison = yield from _pivot_pairs(
            documents, settings, tokenizer, keys, weights, formulations, parallel, step
        )
    yield step("marks", "Highlights")
    yield comparison


def _all_pairs(
    documents: tuple[Document, ...],
    settings: CompareSettings,
    tokenizer: WordTokenizer,
    keys: Sequence[tuple[str, ...]],
    weights: DistinctivenessWeights,
    formulations: tuple[Formulation, ...] | Callable[[], tuple[Formulation, ...]],
    parallel: bool,
    step: Callable[..., Progress],
    pair_done: PairDone | None = None,
) -> Generator[Progress, None, Comparison]:
    """Every pair compared in full up front (a small comparison); ``formulations`` may be
    what gives them, asked once the pairs are compared; ``pair_done``: see
    ``compare_steps``."""
    n = len(documents)
    pairs = list(combinations(range(n), 2))
    links: dict[tuple[int, int], tuple[ParagraphLink, ...]] = {}
    shared: dict[tuple[int, int], tuple[SharedPassage, ...]] = {}
    sentence_links: dict[tuple[int, int], tuple[SentenceLink, ...]] = {}
    chosen: dict[tuple[int, int], GranularityChoice] = {}

    # Each pair's shared-text similarity and its passages' cover of both documents are
    # worked out as its results come: with worker processes, while they compare other pairs
    # (after the last pair, this process would do it alone).
    values = np.eye(n)
    coverage = [Coverage(d) for d in documents]

    def keep(results: Sequence[PairResult]) -> None:
        for a, b, pair_links, passages, choice, sentences in results:
            links[(a, b)], shared[(a, b)], chosen[(a, b)] = pair_links, passages, choice
            if sentences:
                sentence_links[(a, b)] = sentences
            values[a, b] = values[b, a] = shared_text_similarity(
                documents[a], documents[b], passages)
            coverage[a].cover_passages(passages, b=False)
            coverage[b].cover_passages(passages, b=True)
            if pair_done is not None:
                pair_done(pair_links, passages)

    # the other similarity matrices need no pair: with worker processes, made while they
    # compare pairs
    others = _other_matrices(documents, tokenizer, settings, keys) if parallel else None
    if parallel:
        for results in _parallel_pairs(documents, settings, weights, n, job=_compare_tile):
            keep(results)
            a, b = results[-1][:2]
            names = f"{documents[a].name} × {documents[b].name} and {len(results) - 1} more"
            yield step("align", f"Aligned {names}", units=len(results))
            yield step("shared", f"Shared wording of {names}", units=len(results))
    else:
        for a, b in tiled_pairs(n):
            keep([
                _compare_pair(
                    documents, keys, weights, settings, tokenizer, a, b,
                    only_pair=len(pairs) == 1,
                )
            ])
            names = f"{documents[a].name} × {documents[b].name}"
            yield step("align", f"Aligned {names}")
            yield step("shared", f"Shared wording of {names}")

    # every pair is matched: the documents prepared for it are let go before the similarity
    # matrices are built (a huge document's preparations are several times its text)
    clear_shared_caches()
    clear_align_caches()
    similarities, primary, order = _ranked(
        documents, similarity_matrix(SHARED_TEXT, values), tokenizer, settings, keys,
        others=others)
    yield step("similarity", "Similarity and order")

    pivot = settings.pivot if settings.pivot is not None else most_central(primary)
    alignment = nway_alignment([len(d.paragraphs) for d in documents], links, pivot)
    yield step("alignment", "Alignment table")

    if callable(formulations):
        formulations = formulations()
    marks = _all_marks(
        documents,
        (shared_and_new_of(d, c.masks) for d, c in zip(documents, coverage, strict=True)),
        formulations,
    )
    coverage.clear()
    pair_results = tuple(
        _pair_comparison(
            a, b, float(primary[a, b]), links[(a, b)], shared[(a, b)],
            chosen[(a, b)], sentence_links.get((a, b), ()),
        )
        for a, b in pairs
    )
    return Comparison(
        documents=documents,
        settings=settings,
        pairs=pair_results,
        formulations=formulations,
        similarities=similarities,
        order=order,
        alignment=alignment,
        marks=marks,
    )


def _ranked(
    documents: Sequence[Document],
    shared_text: SimilarityMatrix,
    tokenizer: WordTokenizer,
    settings: CompareSettings,
    keys: Sequence[tuple[str, ...]],
    *,
    between: Callable[[], object] = lambda: None,
    others: tuple[SimilarityMatrix, ...] | None = None,
) -> tuple[tuple[SimilarityMatrix, ...], FloatMatrix, tuple[int, ...]]:
    """The three similarity matrices (shared text first: the primary one), the primary as an
    array, and the documents' clustering order; ``between`` runs once the matrices are built,
    before the order. ``keys``: the documents' comparison keys (``document_keys``).
    ``others``: the two other matrices (``_other_matrices``), if made already."""
    if others is None:
        others = _other_matrices(documents, tokenizer, settings, keys)
    similarities = (shared_text, *others)
    between()
    return similarities, as_array(similarities[0]), cluster_order(similarities[0])


def _other_matrices(
    documents: Sequence[Document], tokenizer: WordTokenizer, settings: CompareSettings,
    keys: Sequence[tuple[str, ...]],
) -> tuple[SimilarityMatrix, ...]:
    """The similarity matrices besides shared text: TF-IDF of words, character bigrams."""
    return (
        tfidf_cosine_matrix(documents, tokenizer=tokenizer),
        char_bigram_cosine_matrix(documents, settings=settings, keys=keys),
    )


def _pair_comparison(
    a: int,
    b: int,
    similarity: float,
    links: tuple[ParagraphLink, ...],
    shared: tuple[SharedPassage, ...],
    choice: GranularityChoice,
    sentences: tuple[SentenceLink, ...],
) -> PairComparison:
    return PairComparison(
        a=a,
        b=b,
        similarity=similarity,
        links=links,
        shared=shared,
        sentence_links=sentences,
        granularity=choice.granularity,
        granularity_reason=choice.reason,
        granularity_detail=choice.detail,
    )


SharedAndNew = tuple[
    tuple[tuple[tuple[int, int], ...], ...], tuple[tuple[tuple[int, int], ...], ...]
]


def _all_marks(
    documents: Sequence[Document],
    shared_new: Iterable[SharedAndNew],
    formulations: Sequence[Formulation],
) -> tuple[tuple[ParagraphMarks, ...], ...]:
    """Every document's marks given, document by document, its shared and new wording
    (``shared.shared_and_new``)."""
    n = len(documents)
    occurrences: list[list[tuple[int, int, int, str]]] = [[] for _ in range(n)]
    for formulation in formulations:
        for o in formulation.occurrences:
            occurrences[o.document].append((o.paragraph, o.start, o.end, formulation.phrase))
    return tuple(
        _marks(documents[d], found, occurrences[d])
        for d, found in zip(range(n), shared_new, strict=True)
    )


def _let_go_prepared(tokenizer: WordTokenizer) -> None:
    """Forget what comparing pairs kept for the next pair (the documents prepared for shared
    passages and alignment, the paragraphs' words); comparing again makes it again."""
    clear_shared_caches()
    clear_align_caches()
    tokenizer.clear_cache()


#: While gathering many pairs' shared spans, a document's are merged when they pass this many
#: (a tile brings ~100 a document, merged; a county readout's merge to ~100: at 1,000 the
#: spans waiting to be merged were ~1,000 documents × up to 1,000 tuples).
_MERGE_SPANS = 256
#: ...and the memory freed meanwhile goes back to the system every this many tiles.
_TRIM_TILES = 16


def _pivot_pairs(
    documents: tuple[Document, ...],
    settings: CompareSettings,
    tokenizer: WordTokenizer,
    keys: Sequence[tuple[str, ...]],
    weights: DistinctivenessWeights,
    formulations: tuple[Formulation, ...],
    parallel: bool,
    step: Callable[..., Progress],
) -> Generator[Progress, None, Comparison]:
    """Many documents: every pair's shared passages (folded at once into the similarity
    matrix and each document's shared spans, then let go), the pivot's pairs in full, and the
    other pairs' full comparison on demand (``Comparison.pair``)."""
    n = len(documents)
    # The words of every paragraph, kept since the first stage, are let go (the pairs this
    # process compares segment their paragraphs again as they come: ~3 M characters/s), and
    # what finding formulations freed goes back to the system (at 1,000 documents the heap
    # kept ~35 MB), as after each big stage below (see engine.memory).
    tokenizer.clear_cache()
    release_freed_memory()
    values = np.eye(n)
    spans: list[list[SpanTuple]] = [[] for _ in range(n)]

    tiles_done = 0

    def keep(found: tuple[list[OverlapResult], dict[int, list[SpanTuple]]]) -> None:
        nonlocal tiles_done
        results, by_document = found
        for a, b, score in results:
            values[a, b] = values[b, a] = score
        for d, more in by_document.items():
            spans[d] += more
            if len(spans[d]) > _MERGE_SPANS:
                spans[d] = merge_spans(spans[d])
        tiles_done += 1
        if tiles_done % _TRIM_TILES == 0:  # while a worker process holds its own share too
            release_freed_memory()

    grams = [document_grams(d, settings.min_shared_chars) for d in documents]
    found_by_tile: Iterable[OverlapFound] = (
        _parallel_pairs(documents, settings, weights, n, job=_overlap_tile, grams=grams)
        if parallel
        else (
            _overlap_pairs(documents, weights, settings, tokenizer, overlap_work(grams, each))
            for each in tiles(n, tile_size(documents))
        )
    )
    for found in found_by_tile:
        keep(found)
        a, b = found[0][-1][:2]
        names = f"{documents[a].name} × {documents[b].name} and {len(found[0]) - 1} more"
        yield step("shared", f"Shared wording of {names}", units=len(found[0]))
    del grams, found_by_tile

    # Every pair's shared wording is in: what this process kept to compare its own share of
    # the tiles (prepared documents, snapped tiles, paragraphs' words: ~50 MB at 300
    # documents) is let go, and each document's spans are merged (unmerged, ~175,000 small
    # tuples at 300 documents), before the similarity matrices and the pivot's pairs.
    _let_go_prepared(tokenizer)
    for d, kept in enumerate(spans):
        spans[d] = merge_spans(kept)
    release_freed_memory()
    similarities, primary, order = _ranked(
        documents, similarity_matrix(SHARED_TEXT, values), tokenizer, settings, keys,
        between=release_freed_memory)  # the matrices' temporaries: ~110 MB at 1,000 documents
    values = np.empty((0, 0))  # let go: the shared-text matrix holds a copy (8 MB at 1,000)
    yield step("similarity", "Similarity and order")

    full = _FullPair(documents, keys, weights, settings, primary, tokenizer)

    pivot = settings.pivot if settings.pivot is not None else most_central(primary)
    fixed: list[PairComparison] = []
    for other in range(n):
        if other != pivot:
            fixed.append(full(min(pivot, other), max(pivot, other)))
            names = f"{documents[pivot].name} × {documents[other].name}"
            yield step("align", f"Aligned {names}")

    # the pivot's pairs prepared the documents again: let go before the table (which only
    # aligns a few paragraphs' keys at a time) and the marks
    _let_go_prepared(tokenizer)
    release_freed_memory()
    links = {(p.a, p.b): p.links for p in fixed}
    alignment = nway_alignment(
        [len(d.paragraphs) for d in documents],
        links,
        pivot,
        orphan_links=_OrphanLinks(keys, settings),
    )
    del links
    clear_align_caches()  # what aligning the slots' paragraphs kept
    yield step("alignment", "Alignment table")

    marks = _all_marks(
        documents,
        (
            shared_and_new(document, [SpanRef(*s) for s in merge_spans(found)])
            for document, found in zip(documents, spans, strict=True)
        ),
        formulations,
    )
    spans.clear()
    release_freed_memory()
    pivot_pairs = tuple(fixed)
    return Comparison(
        documents=documents,
        settings=settings,
        pairs=pivot_pairs,
        formulations=formulations,
        similarities=similarities,
        order=order,
        alignment=alignment,
        marks=marks,
        details=PairDetails(full, fixed=pivot_pairs),
    )



def document_marks(
    documents: Sequence[Document],
    d: int,
    spans: Sequence[SpanRef],
    formulations: Sequence[Formulation],
) -> tuple[ParagraphMarks, ...]:
    """Highlights of document ``d``: wording it shares with any other document (``spans``,
    its side of every shared passage), the rest of its text (punctuation aside) as new
    wording, and where formulations occur."""
    occurrences = [
        (o.paragraph, o.start, o.end, f.phrase)
        for f in formulations
        for o in f.occurrences
        if o.document == d
    ]
    return _marks(documents[d], shared_and_new(documents[d], spans), occurrences)


def _marks(
    document: Document,
    shared_new: SharedAndNew,
    occurrences: Sequence[tuple[int, int, int, str]],
) -> tuple[ParagraphMarks, ...]:
    """``document_marks`` given the document's shared and new wording and its formulation
    occurrences as (paragraph, start, end, phrase)."""
    shared, new = shared_new
    found: list[list[tuple[int, int, str]]] = [[] for _ in document.paragraphs]
    for paragraph, start, end, phrase in occurrences:
        found[paragraph].append((start, end, phrase))
    return tuple(
        ParagraphMarks(shared=shared[p], new=new[p], formulations=tuple(sorted(found[p])))
        for p in range(len(document.paragraphs))
    )


def compare(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None = None,
    tokenizer: WordTokenizer | None = None,
    full_pairs: int | None = None,
    formulations_from: FoundElsewhere | None = None,
    pair_done: PairDone | None = None,
) -> Comparison:
    """``compare_steps`` run to the end."""
    result: Comparison = run_to_end(
        compare_steps(documents, settings=settings, tokenizer=tokenizer, full_pairs=full_pairs,
                      formulations_from=formulations_from, pair_done=pair_done)
    )
    return result


def primary_similarity(comparison: Comparison) -> SimilarityMatrix:
    return comparison.similarities[0]
