"""One report view-model, built once from a ``Comparison``, that every export format renders.

The decisions about what a report shows live here — which text is highlighted how, how the
side-by-side table is cut into page-wide chunks, how formulations are sorted and what status
each document gets, the heatmap's colours — so HTML, DOCX and PDF stay in step and each writer
only lays out what it is given.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import numpy as np

import tifa
from tifa.engine.compare.lookup import counterparts
from tifa.engine.compare.model import (
    AlignmentRow,
    Comparison,
    DiffTag,
    Formulation,
    FormulationStatus,
    Granularity,
    GranularityReason,
    PairComparison,
    ParagraphMarks,
    SimilarityMatrix,
    SpanRef,
)
from tifa.engine.compare.rowlayout import notable_shared, shared_count
from tifa.engine.compare.vocabulary import TERMS, Status, letter, short_labels, term
from tifa.engine.compare.worddiff import diff_spans
from tifa.engine.export.clean import clean_view
from tifa.engine.export.display import (
    CHARACTER_WARNINGS,
    damaged_characters,
    display_text,
    is_problem,
)
from tifa.engine.export.i18n import (
    Translate,
    date_basis,
    gloss,
    granularity_reason,
    long_date,
    shared_summary,
    tighten,
    timestamp,
    translator,
    warning_name,
    warning_text,
)
from tifa.engine.model import Document, Paragraph, ParagraphKind, Script
from tifa.engine.palette import SWATCHES, Role

T = TypeVar("T")

#: At most this many documents side by side in one table: beyond four columns of Chinese
#: text a landscape page (or a laptop screen) gets too narrow to read.
MAX_COLUMNS = 4

#: Beyond this many documents their metadata is one table with a row each.
COMPACT_DOCUMENTS = 6

#: The metadata shown per document in that table.
COMPACT_FIELDS = ("date", "source", "script", "paragraphs", "characters")


def _bg(role: Role) -> str:
    return SWATCHES[role].background


class Colour(StrEnum):
    """The report's palette, shared by every format (hex RGB, no ``#`` prefix for DOCX): the
    engine's one palette (``tifa.engine.palette``), as the app paints it. Equal values are
    aliases (a new formulation has the colour of inserted words)."""

    SHARED = _bg(Role.SHARED)  # wording also found in another document
    NEW = _bg(Role.ONLY_HERE)  # wording found in no other document
    INSERTED = _bg(Role.INSERTED)  # linked paragraphs: wording this document has, the pivot's not
    DELETED = _bg(Role.DELETED)  # linked paragraphs: the pivot's wording this document left out
    DELETED_INK = SWATCHES[Role.DELETED].ink
    FORMULATION = SWATCHES[Role.FORMULATION].ink  # underline colour of formulations (提法)
    FLAGGED = _bg(Role.WARNING)  # characters a reading warning points at
    STATUS_SHARED = TERMS[Status.SHARED].swatch.background
    STATUS_NEW = TERMS[Status.NEW].swatch.background
    STATUS_DROPPED = TERMS[Status.DROPPED].swatch.background
    STATUS_VARIANT = TERMS[Status.VARIANT].swatch.background
    STATUS_ABSENT = TERMS[Status.ABSENT].swatch.background
    PIVOT = _bg(Role.PIVOT)
    HEADER = _bg(Role.HEADER)  # header rows of tables
    HEADER_INK = SWATCHES[Role.HEADER].ink

    @property
    def css(self) -> str:
        return f"#{self.value}"


STATUS_COLOURS: dict[FormulationStatus, Colour] = {
    FormulationStatus.SHARED: Colour.STATUS_SHARED,
    FormulationStatus.NEW: Colour.STATUS_NEW,
    FormulationStatus.DROPPED: Colour.STATUS_DROPPED,
    FormulationStatus.VARIANT: Colour.STATUS_VARIANT,
    FormulationStatus.ABSENT: Colour.STATUS_ABSENT,
}

#: Each status's one word (the engine's vocabulary: the app shows the same word).
STATUS_LABELS: dict[FormulationStatus, str] = {s: term(s).en for s in FormulationStatus}

#: What each status means against the pivot, for the reports' keys.
STATUS_MEANINGS: dict[FormulationStatus, str] = {
    s: term(s).meaning(a="the pivot", b="this document") for s in FormulationStatus
}


def status_labels(language: str = "en") -> dict[FormulationStatus, str]:
    """Each status's one word in ``language`` (the app's own words: 共有, 新增, 删去…)."""
    return {s: term(s).word(language) for s in FormulationStatus}


def status_meanings(language: str = "en") -> dict[FormulationStatus, str]:
    """What each status means against the pivot, in ``language``."""
    if language.startswith("zh"):
        return {s: tighten(term(s).meaning("zh", a="基准文档", b="本文档"))
                for s in FormulationStatus}
    return STATUS_MEANINGS


def palette_css() -> str:
    """CSS custom properties of the report's colours, from the one palette."""
    names = {
        "shared": Colour.SHARED, "new": Colour.NEW, "inserted": Colour.INSERTED,
        "deleted": Colour.DELETED, "deleted-ink": Colour.DELETED_INK,
        "formulation": Colour.FORMULATION, "flagged": Colour.FLAGGED, "pivot": Colour.PIVOT,
        "header": Colour.HEADER, "st-shared": Colour.STATUS_SHARED,
        "st-new": Colour.STATUS_NEW, "st-dropped": Colour.STATUS_DROPPED,
        "st-variant": Colour.STATUS_VARIANT,
    }
    inks = {"st-shared": Status.SHARED, "st-new": Status.NEW, "st-dropped": Status.DROPPED,
            "st-variant": Status.VARIANT}
    lines = [f"--{name}: {colour.css};" for name, colour in names.items()]
    lines += [f"--{name}-ink: #{TERMS[status].swatch.ink};" for name, status in inks.items()]
    return ":root { " + " ".join(lines) + " }"


# ColorBrewer "Blues", light to dark: a sequential scale that prints well in grey too.
_HEAT_STOPS: tuple[tuple[int, int, int], ...] = (
    (0xF7, 0xFB, 0xFF),
    (0xDE, 0xEB, 0xF7),
    (0xC6, 0xDB, 0xEF),
    (0x9E, 0xCA, 0xE1),
    (0x6B, 0xAE, 0xD6),
    (0x42, 0x92, 0xC6),
    (0x21, 0x71, 0xB5),
    (0x08, 0x51, 0x9C),
    (0x08, 0x30, 0x6B),
)


def heat_colour(value: float) -> str:
    """Hex RGB (no ``#``) for a similarity in 0..1 on a fixed scale, so reports compare."""
    v = min(1.0, max(0.0, value)) * (len(_HEAT_STOPS) - 1)
    i = min(int(v), len(_HEAT_STOPS) - 2)
    t = v - i
    lo, hi = _HEAT_STOPS[i], _HEAT_STOPS[i + 1]
    r, g, b = (round(a + (c - a) * t) for a, c in zip(lo, hi, strict=True))
    return f"{r:02x}{g:02x}{b:02x}"


def ink_for(fill: str) -> str:
    """Black or white text, whichever reads better on ``fill`` (hex RGB, no ``#``)."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "000000" if luminance > 0.5 else "ffffff"


def lang_of(script: Script) -> str:
    """BCP 47 tag so browsers and Word pick the right glyph forms for the document's script."""
    return "zh-Hant" if script is Script.TRADITIONAL else "zh-Hans"


def document_label(index: int, count: int) -> str:
    """Short column label: A, B, C… for up to 26 documents, else 01, 02… (the vocabulary's
    letters; ``short_labels`` adds the file stem when titles coincide)."""
    return letter(index, count)


def chunked(items: Sequence[T], size: int) -> Iterator[tuple[T, ...]]:
    for i in range(0, len(items), size):
        yield tuple(items[i : i + size])


# --------------------------------------------------------------------------------------------
# Values


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of displayed text with one highlight style.

    In a paragraph linked to the pivot's (a row of corresponding paragraphs) the runs carry
    the word-level diff against it instead of shared/new: ``inserted`` text is this
    document's own, ``deleted`` runs are the pivot's words this document left out, set in
    at the place they would be (not part of the document's text)."""

    text: str
    shared: bool = False
    new: bool = False
    formulation: str | None = None  # the phrase, when the run is (part of) a formulation
    flagged: str | None = None  # warning message, when a reading warning points here
    inserted: bool = False
    deleted: bool = False

    @property
    def css_class(self) -> str:
        parts = []
        if self.deleted:
            parts.append("dl")
        elif self.inserted:
            parts.append("in")
        elif self.new:
            parts.append("nw")
        elif self.shared:
            parts.append("sh")
        if self.formulation is not None:
            parts.append("fm")
        if self.flagged is not None:
            parts.append("fl")
        return " ".join(parts)

    @property
    def background(self) -> Colour | None:
        if self.deleted:
            return Colour.DELETED
        if self.inserted:
            return Colour.INSERTED
        if self.new:
            return Colour.NEW
        if self.shared:
            return Colour.SHARED
        return None


@dataclass(frozen=True, slots=True)
class ParagraphView:
    index: int  # in its document
    heading: bool
    segments: tuple[Segment, ...]
    diffed: bool = False  # segments are the word-level diff against the pivot's paragraphs

    @property
    def text(self) -> str:
        """The document's own text (without the pivot's deleted words set in)."""
        return "".join(s.text for s in self.segments if not s.deleted)


@dataclass(frozen=True, slots=True)
class WarningView:
    code: str
    message: str
    positions: int  # how many damaged characters it marks in the text
    problem: bool = True  # False: how the document was read (date inferred...), not damage
    name: str = ""  # the code as the report shows it (the code itself in English)

    @property
    def shown_code(self) -> str:
        return self.name or self.code

    @property
    def label(self) -> str:
        return "warning" if self.problem else "note"


@dataclass(frozen=True, slots=True)
class DocumentView:
    index: int
    label: str
    name: str
    title: str
    lang: str
    script: str
    fields: tuple[tuple[str, str], ...]  # metadata to show, in order, empty values left out
    warnings: tuple[WarningView, ...]
    paragraph_count: int
    size: int  # normalised characters
    is_pivot: bool
    iso_date: str = ""  # the date as 2022-07-21 whatever the language (for spreadsheets)

    def field(self, key: str) -> str:
        return next((v for k, v in self.fields if k == key), "")

    @property
    def letter(self) -> str:
        """The label's letter alone (A, B…), for tight places such as a heatmap's axis."""
        return self.label.split(" ", 1)[0]

    @property
    def short_title(self) -> str:
        return self.title if len(self.title) <= 14 else self.title[:13] + "…"


@dataclass(frozen=True, slots=True)
class Cell:
    document: int
    paragraphs: tuple[ParagraphView, ...]
    moved: bool = False


UNALIGNED = "unaligned"


@dataclass(frozen=True, slots=True)
class RowView:
    number: int  # 1-based number of the (first) alignment row shown here
    kind: str  # equal, edited, split, merge, moved, "" or UNALIGNED (see _pack_unaligned)
    cells: tuple[Cell, ...]  # one per document of the chunk, in the chunk's order
    last: int = 0  # last alignment row shown here, when several were packed into one

    @property
    def label(self) -> str:
        return f"{self.number}–{self.last}" if self.last > self.number else str(self.number)


@dataclass(frozen=True, slots=True)
class SideBySide:
    """The aligned table for a few documents (at most ``MAX_COLUMNS``)."""

    documents: tuple[int, ...]
    rows: tuple[RowView, ...]
    caption: str

    @property
    def diffed(self) -> bool:
        """Whether some row shows the word-level diff of linked paragraphs."""
        return any(p.diffed for r in self.rows for c in r.cells for p in c.paragraphs)

    @property
    def unlinked(self) -> bool:
        """Whether some paragraph is shown with shared/new wording (not in a linked row)."""
        return any(not p.diffed for r in self.rows for c in r.cells for p in c.paragraphs)


@dataclass(frozen=True, slots=True)
class StatusCell:
    count: int
    status: FormulationStatus | None  # None for the pivot itself
    colour: Colour


@dataclass(frozen=True, slots=True)
class FormulationRow:
    phrase: str
    category: str
    gloss: str
    first_year: int | None
    origin: str
    variants: tuple[str, ...]
    cells: tuple[StatusCell, ...]  # one per document, in document order

    @property
    def present_in(self) -> int:
        return sum(1 for c in self.cells if c.count > 0)


@dataclass(frozen=True, slots=True)
class HeatCell:
    value: float
    fill: str  # hex, no #
    ink: str

    @property
    def text(self) -> str:
        return f"{self.value:.2f}"


@dataclass(frozen=True, slots=True)
class Heatmap:
    metric: str
    order: tuple[int, ...]  # document indices, clustering order
    cells: tuple[tuple[HeatCell, ...], ...]  # rows and columns in ``order``
    low: float = 0.0  # the value the lightest colour stands for
    high: float = 1.0  # the value the darkest colour stands for

    @property
    def stretched(self) -> bool:
        return (self.low, self.high) != (0.0, 1.0)


@dataclass(frozen=True, slots=True)
class PairView:
    a: int
    b: int
    similarities: tuple[float, ...]  # one per metric, in ``ReportView.metrics`` order
    link_kinds: tuple[tuple[str, int], ...]  # (kind, count), kinds that occur
    shared_passages: int  # the passages the window shows too (``rowlayout.notable_shared``)
    top_shared: tuple[str, ...]  # the most distinctive shared passages (normalised text)
    granularity: str = ""  # what the pair was compared by: "sentences (auto)"
    granularity_detail: str = ""  # and why: "one paragraph of x.md holds 95% of its text …"
    shared_paragraph_pairs: int = 0  # the pairs of paragraphs holding them (the window's rows)
    shared_summary: str = ""  # both said: "12 passages in 7 paragraph pairs"


@dataclass(frozen=True, slots=True)
class ReportView:
    title: str
    generated: str
    version: str
    documents: tuple[DocumentView, ...]
    pivot: int
    settings: tuple[tuple[str, str], ...]
    metrics: tuple[str, ...]
    heatmaps: tuple[Heatmap, ...]
    pairs: tuple[PairView, ...]  # the most similar first
    pairs_total: int
    formulations: tuple[FormulationRow, ...]
    side_by_side: tuple[SideBySide, ...]
    lang: str = "en"  # the language of the report's own words: "en" or "zh" (export.i18n)

    @property
    def tr(self) -> Translate:
        """``_(text)``: one of the report's own strings in the report's language."""
        return translator(self.lang)

    def doc(self, index: int) -> DocumentView:
        return self.documents[index]

    @property
    def compact_documents(self) -> bool:
        """Many documents: list them one row each instead of a card (a table) each."""
        return len(self.documents) > COMPACT_DOCUMENTS


# --------------------------------------------------------------------------------------------
# Building


@dataclass(frozen=True, slots=True)
class ParagraphDiff:
    """The word-level diff of one paragraph against the pivot's corresponding paragraphs,
    on the paragraph's normalised text."""

    inserted: tuple[tuple[int, int], ...] = ()  # spans only this document has
    deleted: tuple[tuple[int, str], ...] = ()  # (offset, the pivot's text left out there)


def _segments(paragraph: Paragraph, marks: ParagraphMarks, flags: dict[int, str],
              diff: ParagraphDiff | None = None) -> tuple[Segment, ...]:
    """Cut a paragraph's displayed text into runs of one style each.

    Marks are on normalised text; ``display_span`` and the gloss-free projection
    (``display.display_text``) put them on the shown text, so a traditional-script paragraph
    with pinyin glosses is shown without them and highlighted where the reader sees it.
    ``flags`` are offsets in ``Paragraph.text``.
    """
    shown = display_text(paragraph)
    text = shown.text
    n = len(text)
    if n == 0:
        return ()
    flags = {shown.from_text(k): v for k, v in flags.items() if shown.shows(k)}
    style = [0] * n  # bit 1 shared, bit 2 new, bit 4 inserted (against the pivot)
    formulation: list[str | None] = [None] * n
    spans_by_bit = ((4, diff.inserted),) if diff is not None else (
        (1, marks.shared), (2, marks.new))
    for bit, spans in spans_by_bit:
        for start, end in spans:
            ds, de = shown.span(start, end)
            for i in range(ds, min(de, n)):
                style[i] |= bit
    for start, end, phrase in marks.formulations:
        ds, de = shown.span(start, end)
        for i in range(ds, min(de, n)):
            formulation[i] = phrase
    deletions: dict[int, list[str]] = {}  # shown offset -> the pivot's text left out there
    for offset, removed in diff.deleted if diff is not None else ():
        at = shown.span(offset, offset)[0] if offset < len(paragraph.normalized) else n
        deletions.setdefault(min(at, n), []).append(removed)
    out: list[Segment] = []
    run_start = 0
    for i in range(1, n + 1):
        if i < n and style[i] == style[run_start] and formulation[i] == formulation[run_start] \
                and i not in flags and run_start not in flags and i not in deletions:
            continue
        for removed in deletions.get(run_start, ()) if run_start == 0 else ():
            out.append(Segment(removed, deleted=True))
        s = style[run_start]
        out.append(
            Segment(
                text[run_start:i],
                shared=bool(s & 1),
                new=bool(s & 2),
                formulation=formulation[run_start],
                flagged=flags.get(run_start),
                inserted=bool(s & 4),
            )
        )
        out.extend(Segment(removed, deleted=True) for removed in deletions.get(i, ()))
        run_start = i
    return tuple(out)


_NO_MARKS = ParagraphMarks()




def _shown_text(document: Document, spans: Sequence[SpanRef]) -> str:
    """The shown text under normalised ``spans`` (the pivot's words a diff took out)."""
    parts = []
    for span in spans:
        shown = display_text(document.paragraphs[span.paragraph])
        a, b = shown.span(span.start, span.end)
        parts.append(shown.text[a:b])
    return "".join(parts)


def linked_diffs(comparison: Comparison) -> dict[tuple[int, int], ParagraphDiff]:
    """The word-level diff of every paragraph in a row of corresponding paragraphs against
    the pivot's paragraphs of that row, keyed by (document, paragraph).

    A row counts when the engine linked the document's paragraphs there to the pivot's
    (a paragraph link of the pair); the pivot's own paragraphs in such rows get an empty
    diff (shown plain: the changes are in the other columns)."""
    pivot = comparison.alignment.pivot
    documents = comparison.documents
    out: dict[tuple[int, int], ParagraphDiff] = {}
    for row in comparison.alignment.rows:
        if row.kind is None or pivot >= len(row.cells) or not row.cells[pivot]:
            continue
        mine = row.cells[pivot]
        for d, paragraphs in enumerate(row.cells):
            if d == pivot or not paragraphs:
                continue
            linked = any(set(c.theirs) & set(mine)
                         for c in counterparts(comparison, d, paragraphs, pivot))
            if not linked:
                continue
            ops = diff_spans(
                documents[pivot], [_whole(documents[pivot], p) for p in mine],
                documents[d], [_whole(documents[d], p) for p in paragraphs],
            )
            inserted: dict[int, list[tuple[int, int]]] = {}
            deleted: dict[int, list[tuple[int, str]]] = {}
            for op in ops:
                if op.tag in (DiffTag.INSERT, DiffTag.REPLACE):
                    for span in op.b:
                        if span.start < span.end:
                            inserted.setdefault(span.paragraph, []).append(
                                (span.start, span.end))
                if op.tag in (DiffTag.DELETE, DiffTag.REPLACE) and op.a and op.b:
                    removed = _shown_text(documents[pivot], op.a)
                    if removed:
                        at = op.b[0]  # where the pivot's words would be in this document
                        deleted.setdefault(at.paragraph, []).append((at.start, removed))
            for p in paragraphs:
                out[(d, p)] = ParagraphDiff(tuple(inserted.get(p, ())),
                                            tuple(deleted.get(p, ())))
            for p in mine:
                out.setdefault((pivot, p), ParagraphDiff())
    return out


def _whole(document: Document, paragraph: int) -> SpanRef:
    return SpanRef(paragraph, 0, len(document.paragraphs[paragraph].normalized))


def _document_view(document: Document, index: int, count: int, pivot: int,
                   label: str | None = None, language: str = "en") -> DocumentView:
    _ = translator(language)
    fields: list[tuple[str, str]] = [
        ("file", document.name),
        ("title", document.title),
        ("date", long_date(document.date, language) if document.date else ""),
        ("source", document.source or ""),
        ("author", document.author or ""),
        ("format", document.format),
        ("encoding", document.encoding),
        ("script", _(str(document.script))),
        ("paragraphs", str(len(document.paragraphs))),
        ("characters", f"{document.size:,}"),
    ]
    fields.extend((k, date_basis(v, language)) if k == "date_basis" else (k, v)
                  for k, v in document.extra)
    return DocumentView(
        index=index,
        label=label or document_label(index, count),
        name=document.name,
        title=document.title or document.name,
        lang=lang_of(document.script),
        script=str(document.script),
        fields=tuple((k, v) for k, v in fields if v),
        warnings=tuple(
            WarningView(w.code, warning_text(w, language),
                        len(w.positions) if w.code in CHARACTER_WARNINGS else 0, is_problem(w),
                        warning_name(w.code, language) if language != "en" else "")
            for w in document.warnings
        ),
        paragraph_count=len(document.paragraphs),
        size=document.size,
        is_pivot=index == pivot,
        iso_date=document.date.isoformat() if document.date else "",
    )


def _chunks_of_documents(comparison: Comparison, max_columns: int) -> list[tuple[int, ...]]:
    """Which documents go side by side in each table.

    Up to ``max_columns`` documents: one table, in document order. More: every table starts
    with the pivot (the reference everyone is read against) followed by the next others in
    clustering order, so similar documents sit next to each other.
    """
    count = len(comparison.documents)
    if count <= max_columns:
        return [tuple(range(count))]
    pivot = comparison.alignment.pivot
    order = [d for d in (comparison.order or tuple(range(count))) if d != pivot]
    return [(pivot, *group) for group in chunked(order, max_columns - 1)]


def _row_kind(row: AlignmentRow) -> str:
    return str(row.kind) if row.kind is not None else ""


def _pack_unaligned(rows: Sequence[RowView]) -> list[RowView]:
    """Put runs of one-sided rows next to each other.

    Paragraphs without a counterpart come out of the alignment as rows with one filled cell;
    two documents that are different texts (the Beijing and Chengdu meetings) would make a
    table of which one half is always empty. Like a side-by-side diff, a run of such rows is
    shown with each document's unaligned paragraphs in their own order, side by side, in rows
    marked ``unaligned`` so no one reads them as matched.
    """
    out: list[RowView] = []
    run: list[RowView] = []

    def flush() -> None:
        if not run:
            return
        if len({_filled(r) for r in run}) < 2:
            out.extend(run)
        else:
            width = len(run[0].cells)
            columns: list[list[Cell]] = [[] for _ in range(width)]
            for r in run:
                k = _filled(r)
                columns[k].append(r.cells[k])
            first, last = run[0].number, run[-1].number
            for i in range(max(len(c) for c in columns)):
                cells = tuple(
                    columns[k][i] if i < len(columns[k])
                    else Cell(run[0].cells[k].document, ())
                    for k in range(width)
                )
                out.append(RowView(first, UNALIGNED, cells, last))
        run.clear()

    for row in rows:
        if sum(1 for c in row.cells if c.paragraphs) == 1:
            run.append(row)
        else:
            flush()
            out.append(row)
    flush()
    return out


def _filled(row: RowView) -> int:
    return next(k for k, c in enumerate(row.cells) if c.paragraphs)


def _side_by_side(
    comparison: Comparison,
    docs: Sequence[DocumentView],
    paragraphs: Sequence[Sequence[ParagraphView]],
    max_columns: int,
    language: str = "en",
) -> tuple[SideBySide, ...]:
    _ = translator(language)
    tables: list[SideBySide] = []
    groups = _chunks_of_documents(comparison, max_columns)
    for number, group in enumerate(groups, start=1):
        rows: list[RowView] = []
        for row_number, row in enumerate(comparison.alignment.rows, start=1):
            cells = []
            for d in group:
                indices = row.cells[d] if d < len(row.cells) else ()
                moved = bool(row.moved[d]) if d < len(row.moved) else False
                cells.append(Cell(d, tuple(paragraphs[d][i] for i in indices), moved))
            if any(c.paragraphs for c in cells):
                rows.append(RowView(row_number, _row_kind(row), tuple(cells)))
        labels = " · ".join(f"{docs[d].label} {docs[d].short_title}" for d in group)
        caption = labels if len(groups) == 1 else _("Part {number} of {total}: {labels}").format(
            number=number, total=len(groups), labels=labels)
        tables.append(SideBySide(group, tuple(_pack_unaligned(rows)), caption))
    return tuple(tables)


def _status(f: Formulation, pivot: int, other: int) -> FormulationStatus:
    from tifa.engine.compare.formulations import formulation_status

    status: FormulationStatus = formulation_status(f, pivot, other)
    return status


def _formulation_rows(comparison: Comparison, pivot: int,
                      language: str = "en") -> tuple[FormulationRow, ...]:
    """Formulations found in at least one document, the most widespread first."""
    rows: list[FormulationRow] = []
    for f in comparison.formulations:
        if not any(f.counts):
            continue
        cells = []
        for d, count in enumerate(f.counts):
            if d == pivot:
                colour = Colour.PIVOT if count else Colour.STATUS_ABSENT
                cells.append(StatusCell(count, None, colour))
            else:
                status = _status(f, pivot, d)
                cells.append(StatusCell(count, status, STATUS_COLOURS[status]))
        rows.append(
            FormulationRow(
                phrase=f.phrase,
                category=f.category,
                gloss=gloss(f.gloss, language),
                first_year=f.first_year,
                origin=f.origin,
                variants=f.variants,
                cells=tuple(cells),
            )
        )
    rows.sort(key=lambda r: (-r.present_in, -sum(c.count for c in r.cells), r.phrase))
    return tuple(rows)


#: The diagonal (a document against itself): grey, outside the scale.
DIAGONAL = "d9d9d9"

#: Below this spread between the least and the most similar pair, the colours keep the fixed
#: 0–1 scale (stretching noise to full contrast would mislead); above, they span the spread.
STRETCH_MIN_SPREAD = 0.05


def heat_range(matrix: SimilarityMatrix) -> tuple[float, float]:
    """The values the palette spans: the off-diagonal minimum and maximum, so 31 reports of
    one meeting (all 0.85–0.92) do not come out one flat dark blue; the fixed 0–1 scale when
    they hardly differ (or there is one pair)."""
    values = matrix.values
    n = len(values)
    if n < 2:
        return 0.0, 1.0
    off = values[~np.eye(n, dtype=bool)]
    low, high = float(off.min()), float(off.max())
    if high - low < STRETCH_MIN_SPREAD:
        return 0.0, 1.0
    return low, high


def _heatmap(matrix: SimilarityMatrix, order: Sequence[int]) -> Heatmap:
    low, high = heat_range(matrix)
    rows = matrix.rows()

    def cell(i: int, j: int) -> HeatCell:
        value = rows[i][j]
        fill = DIAGONAL if i == j else heat_colour((value - low) / (high - low))
        return HeatCell(value, fill, ink_for(fill))

    cells = tuple(tuple(cell(i, j) for j in order) for i in order)
    return Heatmap(matrix.metric, tuple(order), cells, low, high)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pairs(comparison: Comparison, limit: int, language: str = "en") -> tuple[PairView, ...]:
    out = []
    for a, b, _ in comparison.ranked_pairs()[:limit]:
        p = comparison.pair(a, b)
        kinds: dict[str, int] = {}
        for link in p.links:
            kinds[str(link.kind)] = kinds.get(str(link.kind), 0) + 1
        # the passages the window's shared section shows (no 7月28日 alone, no 会议强调)
        shown = notable_shared(p)
        ranked = sorted(shown, key=lambda s: -(s.weight * len(s.text)))
        count = shared_count(shown)
        # one wording met at several places is listed once ("领导小组 · 领导小组")
        top = list(dict.fromkeys(_clip(s.text, 40) for s in ranked))[:6]
        out.append(
            PairView(
                a=p.a,
                b=p.b,
                similarities=tuple(m.at(p.a, p.b) for m in comparison.similarities),
                link_kinds=tuple(sorted(kinds.items())),
                shared_passages=count.passages,
                top_shared=tuple(top),
                shared_paragraph_pairs=count.paragraph_pairs,
                shared_summary=shared_summary(count.passages, count.paragraph_pairs, language),
                granularity=granularity_note(p, language),
                granularity_detail=_granularity_detail(p, language),
            )
        )
    return tuple(out)


def granularity_note(pair: PairComparison, language: str = "en") -> str:
    """What a pair was compared by: "sentences (auto)", "paragraphs (as asked)"; why is in
    ``PairComparison.granularity_detail``."""
    _ = translator(language)
    unit = "sentences" if pair.granularity is Granularity.SENTENCE else "paragraphs"
    if pair.granularity_reason is GranularityReason.CHOSEN:
        return _(f"{unit} (as asked)")
    return _(f"{unit} (auto)")


def _granularity_detail(pair: PairComparison, language: str) -> str:
    """Why the pair was compared so: the engine's sentence in English (it names files and
    shares); the app's words for the reason in Chinese (``i18n.granularity_reason``)."""
    if language == "en":
        return pair.granularity_detail
    return granularity_reason(pair.granularity_reason, language)


def _settings(comparison: Comparison, docs: Sequence[DocumentView],
              language: str = "en") -> tuple[tuple[str, str], ...]:
    from tifa.engine.export.i18n import metric_name

    _ = translator(language)
    out: list[tuple[str, str]] = []
    for field in dataclasses.fields(comparison.settings):
        value = getattr(comparison.settings, field.name)
        if field.name == "pivot":
            pivot = comparison.alignment.pivot
            chosen = "chosen by the user" if value is not None else "the most central document"
            shown = f"{docs[pivot].label} {docs[pivot].title}"
            out.append((_("pivot"), _("{document} ({chosen})").format(document=shown,
                                                                       chosen=_(chosen))))
            continue
        out.append((_(field.name.replace("_", " ")), _(str(value))))
    names = (metric_name(m.metric, language) for m in comparison.similarities)
    out.append((_("similarity metrics"), _(", ").join(names) or _("none")))
    return tuple(out)


def build_view(
    comparison: Comparison,
    *,
    max_columns: int = MAX_COLUMNS,
    pair_limit: int = 20,
    generated: dt.datetime | None = None,
    word_diff: bool = True,
    lang: str = "en",
) -> ReportView:
    """Everything a report shows, computed once for all formats. ``word_diff``: paragraphs
    linked to the pivot's show the word-level diff against them (else shared/new only).
    ``lang``: the language of the report's own words, "en" or "zh" (``export.i18n``)."""
    from tifa.engine.export.i18n import report_language

    lang = report_language(lang)
    _ = translator(lang)
    if max_columns < 2:
        raise ValueError("max_columns must be at least 2")
    count = len(comparison.documents)
    pivot = comparison.alignment.pivot
    docs = tuple(
        _document_view(d, i, count, pivot, label, lang)
        for (i, d), label in zip(enumerate(comparison.documents),
                                 short_labels(comparison.documents), strict=True)
    )
    diffs = linked_diffs(comparison) if word_diff else {}
    paragraphs: list[tuple[ParagraphView, ...]] = []
    for d, document in enumerate(comparison.documents):
        flags = damaged_characters(document)
        if lang != "en":  # the warning's message, said in the report's language
            said = {w.message: warning_text(w, lang) for w in document.warnings}
            flags = {i: {k: said.get(m, m) for k, m in at.items()}
                     for i, at in flags.items()}
        marks = comparison.marks[d] if d < len(comparison.marks) else ()
        paragraphs.append(
            tuple(
                ParagraphView(
                    i,
                    p.kind is ParagraphKind.HEADING,
                    _segments(p, marks[i] if i < len(marks) else _NO_MARKS, flags.get(i, {}),
                              diffs.get((d, i))),
                    diffed=(d, i) in diffs,
                )
                for i, p in enumerate(document.paragraphs)
            )
        )
    order = comparison.order if len(comparison.order) == count else tuple(range(count))
    if count == 2:
        title = f"{docs[0].title} — {docs[1].title}"
    else:
        title = _("Comparison of {count} documents").format(count=count)
    when = generated or dt.datetime.now().astimezone()
    view = ReportView(
        title=title,
        generated=timestamp(when, lang),
        version=tifa.__version__,
        documents=docs,
        pivot=pivot,
        settings=_settings(comparison, docs, lang),
        metrics=tuple(m.metric for m in comparison.similarities),
        heatmaps=tuple(_heatmap(m, order) for m in comparison.similarities),
        pairs=_pairs(comparison, pair_limit, lang),
        pairs_total=comparison.pair_count,
        formulations=_formulation_rows(comparison, pivot, lang),
        side_by_side=_side_by_side(comparison, docs, paragraphs, max_columns, lang),
        lang=lang,
    )
    return clean_view(view)  # no control characters reach a writer, whatever the documents


#: One piece of a legend line: (text, is a sample, fill, underline colour, struck, ink).
LegendPiece = tuple[str, bool, str | None, str | None, bool, str | None]


def legend_lines(table: SideBySide, view: ReportView) -> list[list[LegendPiece]]:
    """The side-by-side key for DOCX and PDF (the HTML template has the same, in HTML):
    the word-level diff of corresponding rows when the table has some, shared/new for the
    rest, and the marks found everywhere."""
    def note(text: str) -> LegendPiece:
        return (text, False, None, None, False, None)

    _ = view.tr
    labels = status_labels(view.lang)
    pivot = view.doc(view.pivot)
    lines: list[list[LegendPiece]] = []
    if table.diffed:
        lines.append([
            note(_("Linked rows (equal, edited, split, merge, moved), word by word against the "
                   "pivot {label}, which is shown plain:  ").format(label=pivot.label)),
            (labels[FormulationStatus.DROPPED], True, Colour.DELETED.value, None, True,
             Colour.DELETED_INK.value),
            note(_(" the pivot's wording this document leaves out   ")),
            (labels[FormulationStatus.NEW], True, Colour.INSERTED.value, None, False,
             None),
            note(_(" wording this document has instead or in addition")),
        ])
    if table.unlinked:
        lines.append([
            note(_("Other rows:  ") if table.diffed else _("Wording:  ")),
            (labels[FormulationStatus.SHARED], True, Colour.SHARED.value, None, False,
             None),
            note(_(" wording also in another document   ")),
            (term(Status.ONLY_IN).word(view.lang).format(x=_("this one")), True,
             Colour.NEW.value, None, False, None),
            note(_(" wording in no other document")),
        ])
    lines.append([
        (_("formulation"), True, None, Colour.FORMULATION.value, False, None),
        note(_(" (提法)   ")),
        (_("red"), True, None, None, False, Colour.FLAGGED.value),
        note(_(" reading warning. Unaligned rows set side by side paragraphs without a "
               "counterpart, each document in its own order.")),
    ])
    return lines
