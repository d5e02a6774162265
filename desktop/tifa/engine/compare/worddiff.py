"""Word-level differences between linked text: what stayed, what was inserted, deleted, replaced.

Both sides are cut into words by the shared tokenizer (formulations stay whole), compared with
rapidfuzz's C++ longest-common-subsequence opcodes on the word lists, and each change is then
trimmed to the characters that really differ (谋大事 → 干大事 is a change of one character,
not of a word). Spans are on the paragraphs' normalised text and may run over several
paragraphs when the link is a split or a merge. Fast enough to run on demand, when the user
picks a paragraph: tokens are cached by the tokenizer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Indel

from tifa.engine.compare.model import DiffOp, DiffTag, ParagraphLink, SentenceLink, SpanRef
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.model import Document, Paragraph


@dataclass(frozen=True, slots=True)
class _Side:
    """The text of one side as a stream of characters with their places, cut into words."""

    text: str  # the characters of all words, concatenated
    places: tuple[tuple[int, int], ...]  # (paragraph, offset) of each character
    word_starts: tuple[int, ...]  # index in ``text`` where each word starts, then len(text)
    words: tuple[str, ...]


def _side(document: Document, spans: Sequence[SpanRef], tokenizer: WordTokenizer) -> _Side:
    text: list[str] = []
    places: list[tuple[int, int]] = []
    starts: list[int] = []
    words: list[str] = []
    for span in spans:
        paragraph = document.paragraphs[span.paragraph].normalized
        piece = paragraph[span.start : span.end]
        for token in tokenizer.tokenize(piece):
            if token.word.isspace():
                continue
            starts.append(len(text))
            words.append(token.word)
            for offset in range(token.start, token.end):
                text.append(piece[offset])
                places.append((span.paragraph, span.start + offset))
    starts.append(len(text))
    return _Side("".join(text), tuple(places), tuple(starts), tuple(words))


def _spans(side: _Side, begin: int, end: int) -> tuple[SpanRef, ...]:
    """Characters ``begin:end`` of a side as spans, one per contiguous run in a paragraph
    (zero-width at an insertion point when ``begin == end``)."""
    if begin == end:
        if begin < len(side.places):
            paragraph, offset = side.places[begin]
        elif side.places:
            paragraph, offset = side.places[-1]
            offset += 1
        else:
            return ()
        return (SpanRef(paragraph, offset, offset),)
    out: list[SpanRef] = []
    for paragraph, offset in side.places[begin:end]:
        if out and out[-1].paragraph == paragraph and out[-1].end == offset:
            out[-1] = SpanRef(paragraph, out[-1].start, offset + 1)
        else:
            out.append(SpanRef(paragraph, offset, offset + 1))
    return tuple(out)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _character_ops(
    tag: DiffTag, a0: int, a1: int, b0: int, b1: int, side_a: _Side, side_b: _Side
) -> list[tuple[DiffTag, int, int, int, int]]:
    """A word-level change as character ranges, its common prefix and suffix made equal."""
    if tag is not DiffTag.REPLACE:
        return [(tag, a0, a1, b0, b1)]
    text_a, text_b = side_a.text[a0:a1], side_b.text[b0:b1]
    head = _common_prefix(text_a, text_b)
    tail = _common_prefix(text_a[head:][::-1], text_b[head:][::-1])
    out: list[tuple[DiffTag, int, int, int, int]] = []
    if head:
        out.append((DiffTag.EQUAL, a0, a0 + head, b0, b0 + head))
    mid_a0, mid_a1 = a0 + head, a1 - tail
    mid_b0, mid_b1 = b0 + head, b1 - tail
    if mid_a0 < mid_a1 and mid_b0 < mid_b1:
        out.append((DiffTag.REPLACE, mid_a0, mid_a1, mid_b0, mid_b1))
    elif mid_a0 < mid_a1:
        out.append((DiffTag.DELETE, mid_a0, mid_a1, mid_b0, mid_b0))
    elif mid_b0 < mid_b1:
        out.append((DiffTag.INSERT, mid_a0, mid_a0, mid_b0, mid_b1))
    if tail:
        out.append((DiffTag.EQUAL, a1 - tail, a1, b1 - tail, b1))
    return out


def _word_ops(side_a: _Side, side_b: _Side) -> list[tuple[DiffTag, int, int, int, int]]:
    """Word opcodes as character ranges, each run of changes between two equal runs merged into
    one delete, insert or replace (as difflib reports them)."""
    merged: list[tuple[DiffTag, int, int, int, int]] = []
    for op in Indel.opcodes(side_a.words, side_b.words):
        tag = DiffTag.EQUAL if op.tag == "equal" else DiffTag(op.tag)
        if merged and tag is not DiffTag.EQUAL and merged[-1][0] is not DiffTag.EQUAL:
            prev_tag, a0, _, b0, _ = merged[-1]
            new_tag = prev_tag if prev_tag is tag else DiffTag.REPLACE
            merged[-1] = (new_tag, a0, op.src_end, b0, op.dest_end)
        else:
            merged.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    out: list[tuple[DiffTag, int, int, int, int]] = []
    for tag, a0, a1, b0, b1 in merged:
        chars = (
            side_a.word_starts[a0],
            side_a.word_starts[a1],
            side_b.word_starts[b0],
            side_b.word_starts[b1],
        )
        for piece in _character_ops(tag, *chars, side_a, side_b):
            last = out[-1] if out else None
            if last and last[0] is piece[0] is DiffTag.EQUAL and last[2] == piece[1]:
                out[-1] = (DiffTag.EQUAL, last[1], piece[2], last[3], piece[4])
            else:
                out.append(piece)
    return out


def diff_spans(
    doc_a: Document,
    spans_a: Sequence[SpanRef],
    doc_b: Document,
    spans_b: Sequence[SpanRef],
    *,
    tokenizer: WordTokenizer | None = None,
) -> tuple[DiffOp, ...]:
    """Word-level diff of the text under ``spans_a`` (read in order) against ``spans_b``.

    Every non-space character of both sides is in exactly one op. An insertion's ``a`` (a
    deletion's ``b``) is a zero-width span where the text would go, or ``()`` on an empty
    side."""
    tokenizer = tokenizer or get_tokenizer()
    side_a = _side(doc_a, spans_a, tokenizer)
    side_b = _side(doc_b, spans_b, tokenizer)
    ops = []
    for tag, a0, a1, b0, b1 in _word_ops(side_a, side_b):
        if a0 == a1 and b0 == b1:
            continue
        ops.append(DiffOp(tag, _spans(side_a, a0, a1), _spans(side_b, b0, b1)))
    return tuple(ops)


def _whole(document: Document, paragraphs: Sequence[int]) -> list[SpanRef]:
    return [SpanRef(p, 0, len(document.paragraphs[p].normalized)) for p in paragraphs]


def diff_link(
    doc_a: Document,
    doc_b: Document,
    link: ParagraphLink | SentenceLink,
    *,
    tokenizer: WordTokenizer | None = None,
) -> tuple[DiffOp, ...]:
    """Word-level diff of a paragraph link (whole paragraphs) or a sentence link (its spans)."""
    if isinstance(link, SentenceLink):
        return diff_spans(doc_a, link.a, doc_b, link.b, tokenizer=tokenizer)
    return diff_spans(
        doc_a, _whole(doc_a, link.a), doc_b, _whole(doc_b, link.b), tokenizer=tokenizer
    )


def diff_texts(
    text_a: str, text_b: str, *, tokenizer: WordTokenizer | None = None
) -> tuple[tuple[DiffTag, str, str], ...]:
    """The diff of two strings as (tag, text of a, text of b) triples: for tests and reports
    that show changes without documents around them."""
    tokenizer = tokenizer or get_tokenizer()

    def one(text: str) -> Document:
        paragraph = Paragraph(
            0, text, text, tuple(range(len(text))), tuple(range(1, len(text) + 1))
        )
        return Document(path=Path("<text>"), paragraphs=(paragraph,), title="")

    doc_a, doc_b = one(text_a), one(text_b)
    out = []
    for op in diff_spans(
        doc_a,
        [SpanRef(0, 0, len(text_a))],
        doc_b,
        [SpanRef(0, 0, len(text_b))],
        tokenizer=tokenizer,
    ):
        out.append(
            (
                op.tag,
                "".join(text_a[s.start : s.end] for s in op.a),
                "".join(text_b[s.start : s.end] for s in op.b),
            )
        )
    return tuple(out)
