"""Small look-ups over a finished ``Comparison`` that viewers need (the GUI, reports):
which links hold a paragraph, where a formulation occurs, which documents have it, and the
word-level diff of two cells of linked paragraphs (``cell_diff``), computed when asked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tifa.engine.compare.align import flip_link, mirror_links
from tifa.engine.compare.model import (
    Comparison,
    DiffOp,
    DiffTag,
    Formulation,
    Occurrence,
    ParagraphLink,
    SentenceLink,
    SpanRef,
)
from tifa.engine.compare.tokenize import WordTokenizer
from tifa.engine.compare.worddiff import diff_spans


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A link between ``document``'s paragraphs and ``other``'s, seen from ``document``.

    ``mine``/``theirs`` are the link's sides from ``document``'s point of view; ``link`` is the
    engine's link as stored in the pair (its ``a`` side is the lower document index).
    """

    document: int
    other: int
    link: ParagraphLink
    mine: tuple[int, ...]
    theirs: tuple[int, ...]

    @property
    def flipped(self) -> bool:
        """True when ``document`` is the pair's ``b`` side."""
        return self.document > self.other


def counterparts(
    comparison: Comparison, document: int, paragraphs: Iterable[int], other: int
) -> list[Counterpart]:
    """The links of the pair (document, other) that touch any of ``paragraphs``."""
    if document == other:
        return []
    wanted = set(paragraphs)
    pair = comparison.pair(document, other)
    flipped = document > other
    found = []
    for link in pair.links:
        mine, theirs = (link.b, link.a) if flipped else (link.a, link.b)
        if wanted.intersection(mine):
            found.append(Counterpart(document, other, link, mine, theirs))
    return found


def oriented(ops: Iterable[DiffOp], flipped: bool) -> tuple[DiffOp, ...]:
    """Diff operations read from the other side: inserts become deletes and spans swap."""
    if not flipped:
        return tuple(ops)
    swap = {DiffTag.INSERT: DiffTag.DELETE, DiffTag.DELETE: DiffTag.INSERT}
    return tuple(DiffOp(tag=swap.get(op.tag, op.tag), a=op.b, b=op.a) for op in ops)


def formulation_by_phrase(comparison: Comparison) -> dict[str, Formulation]:
    return {f.phrase: f for f in comparison.formulations}


def occurrences(comparison: Comparison, formulation: Formulation) -> tuple[Occurrence, ...]:
    """Where ``formulation`` occurs: the engine's list, or else the paragraphs' formulation
    marks (the same spans, recorded per paragraph)."""
    if formulation.occurrences:
        return formulation.occurrences
    found = []
    for d, document_marks in enumerate(comparison.marks):
        for p, marks in enumerate(document_marks):
            for start, end, phrase in marks.formulations:
                if phrase == formulation.phrase:
                    found.append(Occurrence(d, p, start, end))
    return tuple(found)


def documents_with(formulation: Formulation) -> tuple[int, ...]:
    return tuple(d for d, count in enumerate(formulation.counts) if count > 0)


def sentence_counterparts(
    links: Iterable[SentenceLink], document: int, paragraphs: Iterable[int], other: int
) -> list[SentenceLink]:
    """Sentence ``links`` of the pair (document, other), stored with the lower document on
    the ``a`` side, that have a sentence in any of ``paragraphs``; turned so that their ``a``
    side is ``document``'s."""
    if document == other:
        return []
    wanted = set(paragraphs)
    flipped = document > other
    turned = (flip_link(link) if flipped else link for link in links)
    return [link for link in turned if any(span.paragraph in wanted for span in link.a)]


def links_between(comparison: Comparison, a: int, b: int) -> tuple[ParagraphLink, ...]:
    """The pair's paragraph links with ``a`` on the ``a`` side (swapped when ``a > b``)."""
    pair = comparison.pair(a, b)
    return pair.links if a < b else mirror_links(pair.links)


class ChangeKind(StrEnum):
    """A change as seen in one cell of linked text, read from the reference to the other."""

    INSERTED = "inserted"  # the other document's words the reference lacks
    DELETED = "deleted"  # the reference's words the other document lacks
    CHANGED = "changed"  # words both have in another form (refined to the characters)


@dataclass(frozen=True, slots=True)
class ChangeSpan:
    """A change on a paragraph's normalised text. Zero width: where the counterpart's
    inserted or deleted words would go."""

    paragraph: int
    start: int
    end: int
    kind: ChangeKind


@dataclass(frozen=True, slots=True)
class CellDiff:
    """The word-level diff of two cells of linked paragraphs, as spans for each side:
    ``reference`` shows DELETED and CHANGED, ``other`` INSERTED and CHANGED."""

    reference: tuple[ChangeSpan, ...]
    other: tuple[ChangeSpan, ...]

    def side(self, is_reference: bool) -> tuple[ChangeSpan, ...]:
        return self.reference if is_reference else self.other


def cell_diff(
    comparison: Comparison,
    reference: int,
    reference_paragraphs: Sequence[int],
    other: int,
    other_paragraphs: Sequence[int],
    *,
    tokenizer: WordTokenizer | None = None,
) -> CellDiff:
    """Word-level diff of the ``reference`` document's paragraphs against ``other``'s (whole
    paragraphs, read in order), as spans to highlight on both sides. Computed on demand: a
    viewer asks for the rows it shows and keeps the answers."""
    doc_r = comparison.documents[reference]
    doc_o = comparison.documents[other]
    whole_r = [SpanRef(p, 0, len(doc_r.paragraphs[p].normalized)) for p in reference_paragraphs]
    whole_o = [SpanRef(p, 0, len(doc_o.paragraphs[p].normalized)) for p in other_paragraphs]
    ops = diff_spans(doc_r, whole_r, doc_o, whole_o, tokenizer=tokenizer)
    on_reference: list[ChangeSpan] = []
    on_other: list[ChangeSpan] = []
    kinds = {
        DiffTag.INSERT: ChangeKind.INSERTED,
        DiffTag.DELETE: ChangeKind.DELETED,
        DiffTag.REPLACE: ChangeKind.CHANGED,
    }
    for op in ops:
        if op.tag is DiffTag.EQUAL:
            continue
        kind = kinds[op.tag]
        on_reference.extend(ChangeSpan(s.paragraph, s.start, s.end, kind) for s in op.a)
        on_other.extend(ChangeSpan(s.paragraph, s.start, s.end, kind) for s in op.b)
    return CellDiff(tuple(on_reference), tuple(on_other))


@dataclass(frozen=True, slots=True)
class Change:
    """A word-level change between ``reference``'s text and ``other``'s in one linked row;
    ``op`` is read from ``reference`` (its ``a`` spans are ``reference``'s)."""

    reference: int
    other: int
    op: DiffOp


def linked_changes(
    comparison: Comparison,
    cells: Sequence[Sequence[int]],
    documents: Sequence[int],
    reference: int,
) -> tuple[Change, ...]:
    """The changed words of a row's cells (``cells[d]``: document ``d``'s paragraphs) against
    ``reference``'s cell, for each of ``documents`` in turn: the engine's word diff of every
    link between the reference's paragraphs and the other's."""
    from tifa.engine.compare.worddiff import diff_link

    mine = cells[reference] if reference < len(cells) else ()
    if not mine:
        return ()
    out: list[Change] = []
    for d in documents:
        theirs = set(cells[d]) if d < len(cells) else set()
        if d == reference or not theirs:
            continue
        for cp in counterparts(comparison, reference, mine, d):
            if not theirs.intersection(cp.theirs):
                continue
            lo, hi = sorted((reference, d))
            ops = diff_link(comparison.documents[lo], comparison.documents[hi], cp.link)
            out.extend(Change(reference, d, op) for op in oriented(ops, cp.flipped)
                       if op.tag is not DiffTag.EQUAL)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class EchoPiece:
    """A run of one side of a sentence echo: its spans, and whether the other side has the
    same wording (``shared``)."""

    spans: tuple[SpanRef, ...]
    shared: bool


def echo_sides(
    ops: Iterable[DiffOp],
) -> tuple[tuple[EchoPiece, ...], tuple[EchoPiece, ...]]:
    """The two sentences of an echo, each in its own document's order, split into runs of
    shared wording (the diff's equal text) and wording only that side has: ``a``'s pieces
    first, then ``b``'s."""
    mine: list[EchoPiece] = []
    theirs: list[EchoPiece] = []
    for op in ops:
        shared = op.tag is DiffTag.EQUAL
        if op.a:
            mine.append(EchoPiece(op.a, shared))
        if op.b:
            theirs.append(EchoPiece(op.b, shared))
    return tuple(mine), tuple(theirs)
