"""The whole comparison of 2 to 500 documents, as a job that reports its progress.

``compare_steps`` is a generator: it yields ``Progress`` after every document and every pair
(so a GUI worker can show progress and cancel by closing it) and finally the ``Comparison``.
``compare`` runs it to the end. Work is done once: each paragraph is segmented once (the
tokenizer caches by text), comparison keys are computed once per document, word frequencies
once for all documents.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from tifa.engine.compare.align import align_keys, document_keys, heading_units, open_ended
from tifa.engine.compare.align import clear_caches as clear_align_caches
from tifa.engine.compare.formulations import find_formulations
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    Formulation,
    Granularity,
    GranularityReason,
    PairComparison,
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
    DistinctivenessWeights,
    distinctiveness_weights,
    shared_and_new,
)
from tifa.engine.compare.shared import clear_caches as clear_shared_caches
from tifa.engine.compare.shared import shared_passages as find_shared_passages
from tifa.engine.compare.similarity import (
    as_array,
    char_bigram_cosine_matrix,
    cluster_order,
    most_central,
    shared_text_matrix,
    tfidf_cosine_matrix,
)
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.model import Document
from tifa.engine.progress import Progress, run_to_end

#: The most documents one comparison takes. Time and memory grow with the pairs, n(n-1)/2
#: (bench/scale.py, 300 county readouts sharing a core: 44,850 pairs, ~2 minutes of CPU,
#: 1.5 GB); 500 documents are ~125,000 pairs, ~4 GB. Beyond, compare a selection.
MAX_DOCUMENTS = 500

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


def tiled_pairs(n: int, tile: int = PAIR_TILE) -> Iterator[tuple[int, int]]:
    """Every pair ``a < b`` of ``n`` documents once, tile by tile (rows ``a`` of one tile
    against columns ``b`` of the same or a later tile)."""
    for first in range(0, n, tile):
        for second in range(first, n, tile):
            for a in range(first, min(first + tile, n)):
                for b in range(max(second, a + 1), min(second + tile, n)):
                    yield a, b


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


def worker_count() -> int:
    """Processes to compare pairs with: ``TIFA_WORKERS``, or the cores this process may use."""
    wanted = os.environ.get(WORKERS_ENV, "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    links = align_keys(
        keys[a],
        keys[b],
        threshold=settings.link_threshold,
        open_end=(open_ended(documents[a]), open_ended(documents[b])),
        headings=(heading_units(documents[a]), heading_units(documents[b])),
    )
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

# What a worker process holds: set once by ``_start_worker``.
_WORKER: dict[str, object] = {}


def _start_worker(
    documents: tuple[Document, ...], settings: CompareSettings, weights: DistinctivenessWeights
) -> None:
    # A worker process only compares: what it holds is never garbage, and its pairs make
    # many small objects and few cycles; rarer collections save ~5 % (as in tifa.cli).
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)
    tokenizer = get_tokenizer()
    _WORKER.update(
        documents=documents,
        settings=settings,
        weights=weights,
        tokenizer=tokenizer,
        keys=[document_keys(d, settings) for d in documents],
    )


def _compare_tile(tile: tuple[int, int, int]) -> list[PairResult]:
    first, second, size = tile
    documents: tuple[Document, ...] = _WORKER["documents"]  # type: ignore[assignment]
    keys: list[tuple[str, ...]] = _WORKER["keys"]  # type: ignore[assignment]
    weights: DistinctivenessWeights = _WORKER["weights"]  # type: ignore[assignment]
    settings: CompareSettings = _WORKER["settings"]  # type: ignore[assignment]
    tokenizer: WordTokenizer = _WORKER["tokenizer"]  # type: ignore[assignment]
    n = len(documents)
    return [
        _compare_pair(documents, keys, weights, settings, tokenizer, a, b)
        for a in range(first, min(first + size, n))
        for b in range(max(second, a + 1), min(second + size, n))
    ]


def _parallel_pairs(
    documents: tuple[Document, ...],
    settings: CompareSettings,
    weights: DistinctivenessWeights,
    n: int,
) -> Iterator[list[PairResult]]:
    """Every pair's results, a tile at a time, from worker processes. The workers start from
    a clean interpreter (``forkserver`` where there is one, else ``spawn``: never ``fork``,
    which would copy a GUI's threads); closing the generator stops them."""
    import multiprocessing

    # smaller tiles than alone: the workers share them out, and each tile's results arrive as
    # one pickle, unpickled in one call that holds the GIL (a GUI thread waits meanwhile)
    tile = max(1, PAIR_TILE // 4)
    forkserver = "forkserver" in multiprocessing.get_all_start_methods()
    frozen = getattr(sys, "frozen", False)  # a bundle: PyInstaller's spawn support
    context = multiprocessing.get_context("forkserver" if forkserver and not frozen else "spawn")
    tiles = [
        (first, second, tile)
        for first in range(0, n, tile)
        for second in range(first, n, tile)
    ]
    pool = context.Pool(
        min(worker_count(), len(tiles)),
        initializer=_start_worker,
        initargs=(documents, settings, weights),
    )
    try:
        yield from pool.imap_unordered(_compare_tile, tiles)
        pool.close()
    finally:
        pool.terminate()
        pool.join()


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
) -> Iterator[Progress | Comparison]:
    """Compare ``documents``: yields ``Progress`` values, then the ``Comparison``.

    Raises ``TooManyDocuments`` (a ``ValueError``) for more than ``MAX_DOCUMENTS`` documents,
    ``ValueError`` for fewer than 2 or a pivot out of range.
    The documents prepared for matching are let go at the end, or when cancelled.
    """
    try:
        yield from _compare_steps(documents, settings=settings, tokenizer=tokenizer)
    finally:
        clear_shared_caches()


def _compare_steps(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None,
    tokenizer: WordTokenizer | None,
) -> Iterator[Progress | Comparison]:
    settings = settings or CompareSettings()
    documents = tuple(documents)
    _check(documents, settings)
    n = len(documents)
    pairs = list(combinations(range(n), 2))
    total = 2 * n + 2 * len(pairs) + 3
    done = 0

    def step(stage: str, message: str, units: int = 1) -> Progress:
        nonlocal done
        done += units
        return Progress(stage, done, total, message)

    yield Progress("tokenize", 0, total, "Loading the word list")
    parallel = tokenizer is None and len(pairs) >= PARALLEL_MIN_PAIRS and worker_count() > 1
    tokenizer = tokenizer or get_tokenizer()
    keys = []
    for document in documents:
        for paragraph in document.paragraphs:
            tokenizer.tokenize(paragraph.normalized)
        keys.append(document_keys(document, settings))
        yield step("tokenize", f"Words of {document.name}")
    weights = distinctiveness_weights(documents, tokenizer=tokenizer)

    yield Progress("formulations", done, total, "Looking for formulations")
    formulations = find_formulations(documents)
    yield step("formulations", f"{len(formulations)} formulations found", units=n)

    links: dict[tuple[int, int], tuple[ParagraphLink, ...]] = {}
    shared: dict[tuple[int, int], tuple[SharedPassage, ...]] = {}
    sentence_links: dict[tuple[int, int], tuple[SentenceLink, ...]] = {}
    chosen: dict[tuple[int, int], GranularityChoice] = {}

    def keep(results: Sequence[PairResult]) -> None:
        for a, b, pair_links, passages, choice, sentences in results:
            links[(a, b)], shared[(a, b)], chosen[(a, b)] = pair_links, passages, choice
            if sentences:
                sentence_links[(a, b)] = sentences

    if parallel:
        for results in _parallel_pairs(documents, settings, weights, n):
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
    similarities = (
        shared_text_matrix(documents, shared),
        tfidf_cosine_matrix(documents, tokenizer=tokenizer),
        char_bigram_cosine_matrix(documents, settings=settings),
    )
    primary = as_array(similarities[0])
    order = cluster_order(similarities[0])
    yield step("similarity", "Similarity and order")

    pivot = settings.pivot if settings.pivot is not None else most_central(primary)
    alignment = nway_alignment([len(d.paragraphs) for d in documents], links, pivot)
    yield step("alignment", "Alignment table")

    spans: list[list[SpanRef]] = [[] for _ in range(n)]  # each document's shared spans
    for (a, b), passages in shared.items():
        spans[a] += [p.a for p in passages]
        spans[b] += [p.b for p in passages]
    occurrences: list[list[tuple[int, int, int, str]]] = [[] for _ in range(n)]
    for formulation in formulations:
        for o in formulation.occurrences:
            occurrences[o.document].append((o.paragraph, o.start, o.end, formulation.phrase))
    marks = tuple(_marks(documents[d], spans[d], occurrences[d]) for d in range(n))
    del spans, occurrences
    pair_results = tuple(
        PairComparison(
            a=a,
            b=b,
            similarity=float(primary[a, b]),
            links=links[(a, b)],
            shared=shared[(a, b)],
            sentence_links=sentence_links.get((a, b), ()),
            granularity=chosen[(a, b)].granularity,
            granularity_reason=chosen[(a, b)].reason,
            granularity_detail=chosen[(a, b)].detail,
        )
        for a, b in pairs
    )
    yield step("marks", "Highlights")
    yield Comparison(
        documents=documents,
        settings=settings,
        pairs=pair_results,
        formulations=formulations,
        similarities=similarities,
        order=order,
        alignment=alignment,
        marks=marks,
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
    return _marks(documents[d], spans, occurrences)


def _marks(
    document: Document,
    spans: Sequence[SpanRef],
    occurrences: Sequence[tuple[int, int, int, str]],
) -> tuple[ParagraphMarks, ...]:
    """``document_marks`` given the document's formulation occurrences as
    (paragraph, start, end, phrase)."""
    covered, new = shared_and_new(document, spans)
    found: list[list[tuple[int, int, str]]] = [[] for _ in document.paragraphs]
    for paragraph, start, end, phrase in occurrences:
        found[paragraph].append((start, end, phrase))
    return tuple(
        ParagraphMarks(shared=covered[p], new=new[p], formulations=tuple(sorted(found[p])))
        for p in range(len(document.paragraphs))
    )


def compare(
    documents: Sequence[Document],
    *,
    settings: CompareSettings | None = None,
    tokenizer: WordTokenizer | None = None,
) -> Comparison:
    """``compare_steps`` run to the end."""
    result: Comparison = run_to_end(
        compare_steps(documents, settings=settings, tokenizer=tokenizer)
    )
    return result


def primary_similarity(comparison: Comparison) -> SimilarityMatrix:
    return comparison.similarities[0]
