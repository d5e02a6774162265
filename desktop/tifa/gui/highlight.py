"""From the engine's normalised spans to the positions Qt highlights.

The engine marks spans on ``Paragraph.normalized`` (code points). A cell shows the paragraph's
displayed text (``export.display.display_text``: ``Paragraph.text`` in the document's own
script, without pinyin glosses) — maybe longer or shorter — so every span goes through
``Paragraph.display_span`` and the gloss-free projection first, then from code points to
UTF-16 code units, because ``QTextCursor`` counts UTF-16 (a CJK Extension-B character is two
units). No Qt here, so this is tested on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from tifa.engine.compare.lookup import ChangeKind, ChangeSpan
from tifa.engine.compare.model import ParagraphMarks
from tifa.engine.export.display import DisplayText, damaged_characters, display_text
from tifa.engine.model import Document, Paragraph, ParagraphKind


class HighlightMode(StrEnum):
    """What the side-by-side view colours (View › Colours; kept in the settings)."""

    CHANGES = "changes"  # the word-level diff against the counterpart, in linked rows
    SHARED = "shared"  # wording the other open documents have too
    NEW = "new"  # wording in no other open document
    FORMULATIONS = "formulations"  # only the formulations (提法)
    NONE = "none"  # plain text


class MarkKind(StrEnum):
    SHARED = "shared"  # wording the other document(s) also have
    NEW = "new"  # wording only this document has
    INSERTED = "inserted"  # against the counterpart: words it lacks
    DELETED = "deleted"  # against the counterpart: the reference's words the other lacks
    CHANGED = "changed"  # against the counterpart: words in another form
    GAP = "gap"  # zero width: where the counterpart's own words (new or dropped) would go
    FORMULATION = "formulation"  # a 提法: underlined, with a tooltip
    WARNING = "warning"  # a corrupted character the reader flagged
    FOCUS = "focus"  # a find match or a formulation occurrence jumped to
    NUMBER = "number"  # the paragraph number in front of each paragraph
    HEADING = "heading"  # a heading paragraph: set in bold (structure, not a colour)


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight on a cell's text, in UTF-16 units of the cell's whole text."""

    start: int
    end: int
    kind: MarkKind
    phrase: str = ""  # the formulation, for FORMULATION marks
    paragraph: int = -1  # the document paragraph the mark lies in


@dataclass(frozen=True, slots=True)
class CellText:
    """What one table cell shows: its paragraphs' displayed text, one per line, and marks."""

    text: str
    marks: tuple[Mark, ...]
    paragraphs: tuple[int, ...]  # document paragraph indices, in order
    offsets: tuple[int, ...]  # UTF-16 offset where each paragraph's text starts in ``text``

    def paragraph_at(self, position: int) -> int | None:
        """The document paragraph that holds UTF-16 ``position`` of ``text``."""
        found: int | None = None
        for index, offset in zip(self.paragraphs, self.offsets, strict=True):
            if position >= offset - len(number_prefix(index)):
                found = index
        return found

    def marks_at(self, position: int) -> tuple[Mark, ...]:
        return tuple(m for m in self.marks if m.start <= position < m.end)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_offsets(text: str) -> list[int]:
    """``result[i]`` is the UTF-16 offset of code point ``i``; one extra entry for the end."""
    offsets = [0] * (len(text) + 1)
    unit = 0
    for i, char in enumerate(text):
        offsets[i] = unit
        unit += 2 if ord(char) > 0xFFFF else 1
    offsets[len(text)] = unit
    return offsets


CHANGE_MARKS = {
    ChangeKind.INSERTED: MarkKind.INSERTED,
    ChangeKind.DELETED: MarkKind.DELETED,
    ChangeKind.CHANGED: MarkKind.CHANGED,
}


def display_marks(
    shown: DisplayText,
    marks: ParagraphMarks,
    mode: HighlightMode | None = None,
    changes: Sequence[ChangeSpan] = (),
) -> list[tuple[int, int, MarkKind, str]]:
    """The paragraph's marks as ``(start, end, kind, phrase)`` on its displayed text, for
    the highlighting ``mode`` (None: shared and new wording both, as the engine marks them);
    ``changes`` are the paragraph's diff spans (CHANGES mode)."""
    result: list[tuple[int, int, MarkKind, str]] = []
    wording: tuple[tuple[MarkKind, tuple[tuple[int, int], ...]], ...] = ()
    if mode is None:
        wording = ((MarkKind.SHARED, marks.shared), (MarkKind.NEW, marks.new))
    elif mode is HighlightMode.SHARED:
        wording = ((MarkKind.SHARED, marks.shared),)
    elif mode is HighlightMode.NEW:
        wording = ((MarkKind.NEW, marks.new),)
    for kind, spans in wording:
        for start, end in spans:
            a, b = shown.span(start, end)
            if a < b:
                result.append((a, b, kind, ""))
    if mode is HighlightMode.CHANGES:
        for change in changes:
            a, b = shown.span(change.start, change.end)
            if a < b:
                result.append((a, b, CHANGE_MARKS[change.kind], ""))
            elif change.start == change.end:  # the other side has words here this one lacks
                result.append((a, a, MarkKind.GAP, str(change.kind)))
    if mode is HighlightMode.NONE:
        return result
    for start, end, phrase in marks.formulations:
        a, b = shown.span(start, end)
        if a < b:
            result.append((a, b, MarkKind.FORMULATION, phrase))
    return result


def number_prefix(index: int) -> str:
    """What goes before each paragraph in a cell: its 1-based number, so users can cite it."""
    return f"{index + 1}\u2002"


def cell_text(
    document: Document,
    paragraphs: Sequence[int],
    marks: Sequence[ParagraphMarks] | None,
    *,
    focus: Iterable[tuple[int, int, int]] = (),
    mode: HighlightMode | None = None,
    changes: Iterable[ChangeSpan] = (),
) -> CellText:
    """Build one cell: the paragraphs' displayed text, each after its number, with marks.

    ``focus`` holds ``(paragraph, start, end)`` spans on the *normalised* text to emphasise
    (formulation occurrences jumped to); ``mode`` says what is coloured, ``changes`` are the
    cell's diff spans against its counterpart (used in ``HighlightMode.CHANGES``).
    """
    changes_by_paragraph: dict[int, list[ChangeSpan]] = {}
    for change in changes:
        changes_by_paragraph.setdefault(change.paragraph, []).append(change)
    focus_by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for p, start, end in focus:
        focus_by_paragraph.setdefault(p, []).append((start, end))
    warnings_by_paragraph = damaged_characters(document)  # only damage, not e.g. pull quotes

    parts: list[str] = []
    result_marks: list[Mark] = []
    offsets: list[int] = []
    unit = 0
    for n, index in enumerate(paragraphs):
        if n:
            parts.append("\n")
            unit += 1
        paragraph = document.paragraphs[index]
        shown = display_text(paragraph)
        prefix = number_prefix(index)
        result_marks.append(Mark(unit, unit + len(prefix), MarkKind.NUMBER, paragraph=index))
        parts.append(prefix)
        unit += len(prefix)
        offsets.append(unit)
        to16 = utf16_offsets(shown.text)
        if paragraph.kind is ParagraphKind.HEADING:
            result_marks.append(Mark(unit, unit + to16[-1], MarkKind.HEADING, paragraph=index))

        def add(a: int, b: int, kind: MarkKind, phrase: str = "", *, base: int = unit,
                to16: list[int] = to16, index: int = index) -> None:
            result_marks.append(Mark(base + to16[a], base + to16[b], kind, phrase, index))

        if marks is not None and index < len(marks):
            for a, b, kind, phrase in display_marks(
                shown, marks[index], mode, changes_by_paragraph.get(index, ())
            ):
                add(a, b, kind, phrase)
        for offset in warnings_by_paragraph.get(index, ()):
            if shown.shows(offset):
                at = shown.from_text(offset)
                add(at, at + 1, MarkKind.WARNING)
        for start, end in focus_by_paragraph.get(index, ()):
            if 0 <= start <= end <= len(paragraph.normalized):
                a, b = shown.span(start, end)
                add(a, b, MarkKind.FOCUS)
        parts.append(shown.text)
        unit += to16[-1]
    return CellText(
        text="".join(parts),
        marks=tuple(result_marks),
        paragraphs=tuple(paragraphs),
        offsets=tuple(offsets),
    )


def paragraph_matches(paragraph: Paragraph, needle: str, normalized_needle: str) -> bool:
    """Whether ``paragraph`` holds ``needle`` as shown, or ``normalized_needle`` (the needle
    normalised: simplified script, unified punctuation) in its normalised text — so 统筹
    finds 統籌 in a traditional-script document."""
    if needle and needle.casefold() in display_text(paragraph).text.casefold():
        return True
    return bool(normalized_needle) and (
        normalized_needle.casefold() in paragraph.normalized.casefold()
    )


def find_in_cell(
    document: Document, cell: CellText, needle: str, normalized_needle: str
) -> list[tuple[int, int]]:
    """UTF-16 spans of ``cell.text`` that match ``needle`` as shown, or ``normalized_needle``
    in the paragraphs' normalised text (mapped back onto the shown text)."""
    spans = set(find_spans(cell.text, needle))
    if normalized_needle:
        for index, offset in zip(cell.paragraphs, cell.offsets, strict=True):
            paragraph = document.paragraphs[index]
            shown = display_text(paragraph)
            to16 = utf16_offsets(shown.text)
            for start, end in _find(paragraph.normalized, normalized_needle):
                a, b = shown.span(start, end)
                if a < b:
                    spans.add((offset + to16[a], offset + to16[b]))
    return sorted(spans)


def _find(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of ``needle`` in ``text`` as code-point spans."""
    haystack, wanted = text.casefold(), needle.casefold()
    if len(haystack) != len(text) or len(wanted) != len(needle):
        haystack, wanted = text, needle  # casefold changed lengths (ß): search as is
    spans = []
    start = haystack.find(wanted)
    while start >= 0 and wanted:
        spans.append((start, start + len(wanted)))
        start = haystack.find(wanted, start + len(wanted))
    return spans


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of ``needle`` in ``text`` as UTF-16 ``(start, end)``."""
    if not needle:
        return []
    haystack, wanted = text.casefold(), needle.casefold()
    if len(haystack) != len(text):  # casefold changed lengths (ß): search the text as is
        haystack, wanted = text, needle
    to16 = utf16_offsets(text)
    spans: list[tuple[int, int]] = []
    start = haystack.find(wanted)
    while start >= 0:
        spans.append((to16[start], to16[start + len(wanted)]))
        start = haystack.find(wanted, start + max(1, len(wanted)))
    return spans
