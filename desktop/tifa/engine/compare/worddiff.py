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


#: Characters two changed words must share in a row before that run is shown as unchanged:
#: shorter common runs (one 的 in two rewritten phrases) are coincidence, not kept wording.
MIN_KEPT_RUN = 2

Op = tuple[DiffTag, int, int, int, int]


def refine_replace(text_a: str, text_b: str) -> list[Op]:
    """A replaced run refined to the characters that changed, as ops on ``0..len(text_a)`` and
    ``0..len(text_b)``: the common prefix and suffix are equal, and inside, runs both keep
    (at least ``MIN_KEPT_RUN`` characters, found by rapidfuzz's character opcodes) are
    equal too. 经贸 → 经济 is 经 equal + 贸 → 济 replaced; 全面贯彻落实 → 深入学习贯彻 keeps
    贯彻. Applying the ops to ``text_a`` (each op's ``a`` range replaced by its ``b``
    range) gives ``text_b``; every non-equal op differs at its first and last character."""
    head = _common_prefix(text_a, text_b)
    tail = _common_prefix(text_a[head:][::-1], text_b[head:][::-1])
    out: list[Op] = []
    if head:
        out.append((DiffTag.EQUAL, 0, head, 0, head))
    mid_a, mid_b = text_a[head : len(text_a) - tail], text_b[head : len(text_b) - tail]
    equal_runs: list[tuple[int, int, int, int]] = []
    if mid_a and mid_b:
        for op in Indel.opcodes(mid_a, mid_b):
            if op.tag == "equal" and op.src_end - op.src_start >= MIN_KEPT_RUN:
                equal_runs.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    a_at, b_at = 0, 0
    for a0, a1, b0, b1 in [*equal_runs, (len(mid_a), len(mid_a), len(mid_b), len(mid_b))]:
        if a_at < a0 or b_at < b0:
            tag = (DiffTag.REPLACE if a_at < a0 and b_at < b0
                   else DiffTag.DELETE if a_at < a0 else DiffTag.INSERT)
            out.append((tag, head + a_at, head + a0, head + b_at, head + b0))
        if a0 < a1:
            out.append((DiffTag.EQUAL, head + a0, head + a1, head + b0, head + b1))
        a_at, b_at = a1, b1
    if tail:
        out.append((DiffTag.EQUAL, len(text_a) - tail, len(text_a),
                    len(text_b) - tail, len(text_b)))
    return _trimmed(out, text_a, text_b)


def _trimmed(ops: list[Op], text_a: str, text_b: str) -> list[Op]:
    """Replace ops whose ends still agree (a kept run cut short) trimmed by those characters,
    which join the neighbouring equal ops."""
    out: list[Op] = []
    for tag, a0, a1, b0, b1 in ops:
        if tag is DiffTag.REPLACE:
            head = _common_prefix(text_a[a0:a1], text_b[b0:b1])
            tail = _common_prefix(text_a[a0 + head : a1][::-1], text_b[b0 + head : b1][::-1])
            pieces: list[Op] = []
            if head:
                pieces.append((DiffTag.EQUAL, a0, a0 + head, b0, b0 + head))
            m_a0, m_a1, m_b0, m_b1 = a0 + head, a1 - tail, b0 + head, b1 - tail
            if m_a0 < m_a1 or m_b0 < m_b1:
                mid_tag = (DiffTag.REPLACE if m_a0 < m_a1 and m_b0 < m_b1
                           else DiffTag.DELETE if m_a0 < m_a1 else DiffTag.INSERT)
                pieces.append((mid_tag, m_a0, m_a1, m_b0, m_b1))
            if tail:
                pieces.append((DiffTag.EQUAL, a1 - tail, a1, b1 - tail, b1))
        else:
            pieces = [(tag, a0, a1, b0, b1)]
        for piece in pieces:
            last = out[-1] if out else None
            if last and last[0] is piece[0] is DiffTag.EQUAL:
                out[-1] = (DiffTag.EQUAL, last[1], piece[2], last[3], piece[4])
            else:
                out.append(piece)
    return out


def _character_ops(
    tag: DiffTag, a0: int, a1: int, b0: int, b1: int, side_a: _Side, side_b: _Side
) -> list[Op]:
    """A word-level change as character ranges, refined to the characters that changed."""
    if tag is not DiffTag.REPLACE:
        return [(tag, a0, a1, b0, b1)]
    return [
        (t, a0 + x0, a0 + x1, b0 + y0, b0 + y1)
        for t, x0, x1, y0, y1 in refine_replace(side_a.text[a0:a1], side_b.text[b0:b1])
    ]


def _word_ops(side_a: _Side, side_b: _Side) -> list[Op]:
    """Word opcodes as character ranges, each run of changes between two equal runs merged into
    one delete, insert or replace (as difflib reports them)."""
    merged: list[Op] = []
    for op in Indel.opcodes(side_a.words, side_b.words):
        tag = DiffTag.EQUAL if op.tag == "equal" else DiffTag(op.tag)
        if merged and tag is not DiffTag.EQUAL and merged[-1][0] is not DiffTag.EQUAL:
            prev_tag, a0, _, b0, _ = merged[-1]
            new_tag = prev_tag if prev_tag is tag else DiffTag.REPLACE
            merged[-1] = (new_tag, a0, op.src_end, b0, op.dest_end)
        else:
            merged.append((tag, op.src_start, op.src_end, op.dest_start, op.dest_end))
    out: list[Op] = []
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
