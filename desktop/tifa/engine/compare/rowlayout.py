"""The rows of the side-by-side table: linked rows, and between them labelled bands of
paragraphs that only some documents have, which fold.

The engine's alignment gives one row per group of corresponding paragraphs and one row per
paragraph without a counterpart. Shown as they are, paragraphs without a counterpart make a
staircase; packed side by side, unrelated paragraphs look like counterparts. Here a run of
rows that link no two *shown* documents becomes a band: a header row ("only in B: 3
paragraphs") and, unfolded, the band's paragraphs one row each, in each document's order.
Rows that hold nothing in the shown documents are left out. From ``MANY_DOCUMENTS`` shown
that mostly correspond, a run is one band, folded at first, that also takes in the local
paragraphs a few documents share (``gathers``, ``bands``): at 300 county readouts the text
they share otherwise starts 200 rows down, under bands of documents off screen.

For two documents, the passages they share can lead the table: a section of one row per
pair of paragraphs that share wording, all their shared passages in it (``shared_rows`` finds
the passages, ``shared_groups`` gathers them by paragraph pair).

Pure functions over the engine's values: no Qt, nothing compared anew.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import compress

from tifa.engine.compare.model import (
    AlignmentRow,
    Comparison,
    LinkKind,
    PairComparison,
    SharedPassage,
    SpanRef,
)
from tifa.engine.lazy_re import lazy_compile


class RowRole(StrEnum):
    LINKED = "linked"  # at least two shown documents have text: they correspond
    UNALIGNED = "unaligned"  # one shown document's paragraphs, inside a band
    BAND = "band"  # the header of a band of unaligned paragraphs: a label, folds
    SHARED_HEADER = "shared-header"  # the header of the shared-passages section
    SHARED = "shared"  # a pair of paragraphs of the two shown documents, with what they share


HEADER_ROLES = frozenset({RowRole.BAND, RowRole.SHARED_HEADER})

SHARED_SECTION = -2  # the band key of the shared-passages section (folds like a band)


#: From this many documents shown, not all fit side by side (the window shows four columns
#: at a time): a band naming one document would often stand over cells left blank on screen.
#: When they mostly correspond (``MOSTLY_LINKED`` of their paragraphs in linked rows), each
#: run between linked rows is one band ("only in some documents: 40 paragraphs in 32
#: documents"), folded at first, so the text most documents share comes first (``gathers``).
MANY_DOCUMENTS = 5
MOSTLY_LINKED = 1 / 3


class RowFilter(StrEnum):
    ALL = "all"
    DIFFERENCES = "differences"  # rows where the shown documents differ, and bands
    SHARED = "shared"  # linked rows and the shared passages only


@dataclass(frozen=True, slots=True)
class Band:
    key: int  # the index of its first alignment row: stays the same when others fold
    sources: tuple[int, ...]  # its alignment rows
    counts: tuple[int, ...]  # per comparison document: its paragraphs in the band


@dataclass(frozen=True, slots=True)
class SharedRow:
    """A passage two documents share, with its place in each (spans on normalised text)."""

    text: str
    spans: tuple[tuple[int, SpanRef], ...]  # (document, span), one per document
    weight: float


@dataclass(frozen=True, slots=True)
class SharedGroup:
    """The passages one pair of paragraphs shares: one row of the shared section."""

    paragraphs: tuple[tuple[int, int], ...]  # (document, paragraph), one per document
    passages: tuple[SharedRow, ...]  # in the first document's order

    def paragraph_of(self, document: int) -> int | None:
        return dict(self.paragraphs).get(document)


def shared_groups(passages: Sequence[SharedRow]) -> tuple[SharedGroup, ...]:
    """``passages`` gathered by the paragraphs holding them (two passages of one pair of
    paragraphs make one group), groups in the order of their first passage."""
    found: dict[tuple[tuple[int, int], ...], list[SharedRow]] = {}
    for passage in passages:
        key = tuple((d, span.paragraph) for d, span in passage.spans)
        found.setdefault(key, []).append(passage)
    return tuple(SharedGroup(key, tuple(members)) for key, members in found.items())


@dataclass(frozen=True, slots=True)
class ViewRow:
    role: RowRole
    cells: tuple[tuple[int, ...], ...]  # per comparison document: its paragraphs here
    kind: LinkKind | None = None
    moved: tuple[bool, ...] = ()
    packed: bool = False  # (packed layout only) unaligned paragraphs side by side
    source: int = -1  # the alignment row shown, or -1
    band: int = -1  # BAND / UNALIGNED / SHARED(_HEADER), a gathered band's LINKED: its key
    counts: tuple[int, ...] = ()  # BAND: per document its paragraphs; SHARED_HEADER:
    # (passages, rows)
    folded: bool = False  # headers: their rows are hidden
    passage: int = -1  # SHARED: index into the shared groups

    @property
    def header(self) -> bool:
        return self.role in HEADER_ROLES


def _present(rows: Sequence[AlignmentRow], documents: Sequence[int]) -> list[list[int]]:
    """For each row, which of ``documents`` have paragraphs in it (in no particular order).
    Picked with ``compress`` (no Python loop per document): a table of hundreds of
    documents is laid out on the GUI thread."""
    docs = list(dict.fromkeys(documents))
    wanted = set(docs)
    top = max(docs, default=-1)
    every = {len(docs)} if wanted == set(range(len(docs))) else set()  # all shown, n cells
    out: list[list[int]] = []
    for row in rows:
        cells = row.cells
        if len(cells) in every:
            out.append(list(compress(range(len(cells)), cells)))  # every document shown
        elif top < len(cells):
            out.append(list(compress(docs, map(cells.__getitem__, docs))))
        else:
            out.append([d for d in docs if d < len(cells) and cells[d]])
    return out


def _cells(row: AlignmentRow) -> tuple[tuple[int, ...], ...]:
    """The row's cells as tuples (the engine's already are: then not copied)."""
    cells = row.cells
    if type(cells) is tuple and set(map(type, cells)) <= {tuple}:
        return cells
    return tuple(tuple(c) for c in cells)


def _moved(row: AlignmentRow, n: int) -> tuple[bool, ...]:
    return tuple(row.moved) if len(row.moved) == n else (False,) * n


def _runs(present: Sequence[Sequence[int]],
          joins: Callable[[Sequence[int]], bool] | None = None) -> list[list[int]]:
    """Runs of rows that link no two of the documents (``present``: each row's documents
    with text; rows empty in all of them are skipped and do not break a run). With
    ``joins``, a row of two documents or more that it accepts joins the run too."""
    runs: list[list[int]] = []
    current: list[int] = []
    for s, here in enumerate(present):
        shown = len(here)
        if shown == 1 or (shown >= 2 and joins is not None and joins(here)):
            current.append(s)
        elif shown >= 2 and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _local(reference: int | None, shown: int) -> Callable[[Sequence[int]], bool] | None:
    """Which linked rows a gathered band takes in: rows without the reference's text that
    under a tenth of the shown documents hold (a county's local paragraph that two or three
    others copied), when the reference is shown."""
    if reference is None:
        return None
    return lambda here: len(here) * 10 < shown and reference not in here


def _run_bands(
    rows: Sequence[AlignmentRow], run: Sequence[int], documents: Sequence[int], n: int,
    present: Sequence[Sequence[int]], position: dict[int, int], gathered: bool = False,
) -> list[Band]:
    if gathered:  # one band: its rows in the engine's order, counted per document
        counts = [0] * n
        for s in run:
            cells = rows[s].cells
            for d in present[s]:
                counts[d] += len(cells[d])
        return [Band(run[0], tuple(run), tuple(counts))]
    mine: dict[int, list[int]] = {}
    for s in run:  # a run's rows each hold one of the documents
        mine.setdefault(present[s][0], []).append(s)
    out = []
    # in the order of ``documents``: only those with rows here (a run has a few of 300)
    order = documents if len(mine) == len(documents) else [
        d for d in sorted(mine, key=position.__getitem__)]
    for d in order:
        sources = mine.get(d)
        if sources:
            counts = [0] * n
            counts[d] = sum(len(rows[s].cells[d]) for s in sources)
            out.append(Band(sources[0], tuple(sources), tuple(counts)))
    return out


def gathers(documents: Collection[int], share: float) -> bool:
    """Whether the bands of these shown documents are gathered: ``MANY_DOCUMENTS`` or more
    that mostly correspond (``share``: their ``linked_share``; unrelated documents keep a
    band each, read document by document)."""
    return len(set(documents)) >= MANY_DOCUMENTS and share >= MOSTLY_LINKED


def bands(rows: Sequence[AlignmentRow], documents: Sequence[int], n: int, *,
          gather: bool = False, reference: int | None = None) -> tuple[Band, ...]:
    """The bands between linked rows: in each run of rows that link no two of ``documents``,
    one band per document (in the order of ``documents``) holding its paragraphs in order.
    Nothing corresponds within a run, so regrouping it by document loses nothing.

    With ``gather`` (``gathers``), a run is one band (its rows in order), and it takes in the
    rows without the ``reference``'s text that few documents hold (``_local``)."""
    documents = list(dict.fromkeys(documents))
    present = _present(rows, documents)
    position = {d: i for i, d in enumerate(documents)}
    joins = _local(reference if reference in position else None, len(documents)) \
        if gather else None
    return tuple(b for run in _runs(present, joins)
                 for b in _run_bands(rows, run, documents, n, present, position, gather))


def linked_share(rows: Sequence[AlignmentRow], documents: Collection[int]) -> float:
    """The share of the shown documents' paragraphs that are in linked rows (0..1)."""
    docs = list(dict.fromkeys(documents))
    linked = total = 0
    for row, here in zip(rows, _present(rows, docs), strict=True):
        count = sum(len(row.cells[d]) for d in here)
        total += count
        if len(here) >= 2:
            linked += count
    return linked / total if total else 1.0


def layout_rows(
    rows: Sequence[AlignmentRow],
    documents: Sequence[int],
    n: int,
    *,
    folded: Collection[int] = (),
    row_filter: RowFilter = RowFilter.ALL,
    differs: Callable[[int], bool] | None = None,
    shared: Sequence[SharedGroup] = (),
    gather: bool = False,
    reference: int | None = None,
) -> tuple[ViewRow, ...]:
    """The table's rows for ``documents`` (the shown columns) out of ``n``.

    ``folded`` holds the keys of folded bands (``SHARED_SECTION`` for the shared passages,
    ``shared``: one row per group);
    ``differs(source)`` says whether a linked alignment row shows a difference (for the
    DIFFERENCES filter; without it, a row differs unless it is EQUAL and nothing moved);
    ``gather`` and ``reference`` (the document the others are read against): see ``bands``."""
    shown = list(dict.fromkeys(documents))
    folded_keys = set(folded)
    present = _present(rows, shown)
    position = {d: i for i, d in enumerate(shown)}
    joins = _local(reference if reference in position else None, len(shown)) \
        if gather else None
    found = _runs(present, joins)
    runs = {run[0]: _run_bands(rows, run, shown, n, present, position, gather)
            for run in found}
    # rows of two documents or more that a gathered band took in
    taken = {s for run in found for s in run if len(present[s]) >= 2} if joins else set()
    out: list[ViewRow] = []
    empty = tuple(() for _ in range(n))

    if shared and row_filter is not RowFilter.DIFFERENCES:
        fold = SHARED_SECTION in folded_keys
        passages = sum(len(g.passages) for g in shared)
        out.append(ViewRow(RowRole.SHARED_HEADER, empty, band=SHARED_SECTION,
                           counts=(passages, len(shared)), folded=fold))
        if not fold:
            for i, group in enumerate(shared):
                places = dict(group.paragraphs)
                cells = tuple((places[d],) if d in places else () for d in range(n))
                out.append(ViewRow(RowRole.SHARED, cells, band=SHARED_SECTION,
                                   passage=i))

    def row_differs(s: int) -> bool:
        if differs is not None:
            return differs(s)
        row = rows[s]
        return row.kind is not LinkKind.EQUAL or any(row.moved) or any(
            not row.cells[d] for d in shown if d < len(row.cells)
        )

    for s, row in enumerate(rows):
        count = len(present[s])
        if count == 0:
            continue
        if count >= 2 and s not in taken:
            if row_filter is RowFilter.DIFFERENCES and not row_differs(s):
                continue
            out.append(ViewRow(RowRole.LINKED, _cells(row), row.kind,
                               _moved(row, n), source=s))
            continue
        if row_filter is RowFilter.SHARED or s not in runs:
            continue  # a run's bands are all laid out at its first row
        for band in runs[s]:
            fold = band.key in folded_keys
            out.append(ViewRow(RowRole.BAND, empty, band=band.key, counts=band.counts,
                               folded=fold))
            if not fold:
                for t in band.sources:
                    source = rows[t]
                    if t in taken:  # a few documents' shared paragraph: linked, in the band
                        out.append(ViewRow(RowRole.LINKED, _cells(source), source.kind,
                                           _moved(source, n), source=t, band=band.key))
                        continue
                    out.append(ViewRow(RowRole.UNALIGNED, _cells(source),
                                       None, _moved(source, n), source=t, band=band.key))
    return tuple(out)


# a date or a time said alone (7月28日, 2022年7月, 下午3时, 今天（7月28日）, 7月28日（星期四）,
# 凌晨): shared by any two reports of one day
_BARE_DATE = lazy_compile(
    r"(?:[0-9０-９〇零一二三四五六七八九十百]+(?:年|月|日|号|时|点|分)|[上下中]午|晚上?|早上?"
    r"|[今昨前明当本][天日]|凌晨|傍晚|晚间|夜间|深夜|(?:星期|礼拜|周)[一二三四五六日天]"
    r"|[(（]|[)）]|\s)+"
)


def bare_date(text: str) -> bool:
    """Whether the passage is only a date or a time (``7月28日``), no wording of its own."""
    return _BARE_DATE.fullmatch(text) is not None


#: what a reader is shown of two documents' shared passages (the window's shared section,
#: the reports' pair tables, ``tifa compare``'s summary): at least this long, more distinctive
#: than stock phrases (会议强调, weight 0.05), no date alone
MIN_SHOWN_CHARS = 4
MIN_SHOWN_WEIGHT = 0.1


def notable_shared(
    pair: PairComparison, *, min_chars: int = MIN_SHOWN_CHARS,
    min_weight: float = MIN_SHOWN_WEIGHT,
) -> list[SharedPassage]:
    """The pair's shared passages a reader is shown, in the pair's order: at least
    ``min_chars`` long, more distinctive than stock phrases, dates alone left out. The one
    filter for the window, the reports and the command line, so they count the same."""
    return [p for p in pair.shared if len(p.text) >= min_chars and p.weight >= min_weight
            and not bare_date(p.text)]


@dataclass(frozen=True, slots=True)
class SharedCount:
    """How much two documents share, as the window and the reports say it: ``passages``
    (``notable_shared``) in ``paragraph_pairs`` pairs of paragraphs (a row each in the
    window's shared section)."""

    passages: int
    paragraph_pairs: int


def shared_count(shown: Sequence[SharedPassage]) -> SharedCount:
    """The count of ``shown`` (``notable_shared``): passages, and pairs of paragraphs."""
    return SharedCount(len(shown), len({(p.a.paragraph, p.b.paragraph) for p in shown}))


def shared_rows(
    comparison: Comparison, a: int, b: int, *, min_chars: int = MIN_SHOWN_CHARS,
    min_weight: float = MIN_SHOWN_WEIGHT, limit: int = 200,
) -> tuple[SharedRow, ...]:
    """The passages documents ``a`` and ``b`` share (``notable_shared``), in ``a``'s order
    (the ``limit`` most distinctive when there are more)."""
    pair = comparison.pair(a, b)
    flipped = a > b
    found = notable_shared(pair, min_chars=min_chars, min_weight=min_weight)
    if len(found) > limit:
        found = sorted(found, key=lambda p: -p.weight)[:limit]
    out = []
    for p in found:
        mine, theirs = (p.b, p.a) if flipped else (p.a, p.b)
        out.append(SharedRow(p.text, ((a, mine), (b, theirs)), p.weight))
    out.sort(key=lambda r: (r.spans[0][1].paragraph, r.spans[0][1].start))
    return tuple(out)
