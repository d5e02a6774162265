"""Highlights land exactly on the displayed text, in Qt's UTF-16 positions."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from conftest import QIUSHI_2020
from tifa.engine.compare.model import Comparison, ParagraphMarks
from tifa.engine.export.display import display_text
from tifa.engine.model import Document, Script
from tifa.engine.normalize import make_paragraphs, normalize_paragraph
from tifa.gui.highlight import (
    MarkKind,
    cell_text,
    display_marks,
    find_in_cell,
    find_spans,
    number_prefix,
    paragraph_matches,
    utf16_offsets,
)

pytestmark = pytest.mark.gui


def _selected(text: str, start: int, end: int) -> str:
    doc = QTextDocument()
    doc.setPlainText(text)
    cursor = QTextCursor(doc)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def test_utf16_offsets_count_supplementary_characters_twice() -> None:
    assert utf16_offsets("a𠀀b") == [0, 1, 3, 4]
    assert utf16_offsets("") == [0]


def test_marks_after_an_extension_b_character_select_the_right_text_in_qt() -> None:
    (paragraph,) = make_paragraphs([("𠀀𠀁坚持动态清零不动摇", "body")])  # type: ignore[list-item]
    start = paragraph.normalized.index("动态清零")
    marks = ParagraphMarks(formulations=((start, start + 4, "动态清零"),))
    document = Document(path=__import__("pathlib").Path("x.txt"), paragraphs=(paragraph,),
                        title="x", script=Script.SIMPLIFIED)
    cell = cell_text(document, (0,), (marks,))
    (mark,) = [m for m in cell.marks if m.kind is MarkKind.FORMULATION]
    assert _selected(cell.text, mark.start, mark.end) == "动态清零"
    # code-point offsets would have been two units short
    assert mark.start == len(number_prefix(0)) + 2 * 2 + 2


def test_formulation_marks_of_the_seeds_map_onto_their_displayed_text(
    all_seeds_comparison: Comparison,
) -> None:
    """Every formulation mark, put on the displayed text (traditional for 002), covers
    exactly the characters it was computed on: the normalised characters whose sources lie
    in the displayed span include the marked normalised text."""
    checked = 0
    for d, document in enumerate(all_seeds_comparison.documents):
        for p, marks in enumerate(all_seeds_comparison.marks[d]):
            paragraph = document.paragraphs[p]
            for start, end, _phrase in marks.formulations:
                a, b = paragraph.display_span(start, end)
                assert paragraph.text[a:b], (document.name, p)
                inside = "".join(
                    ch for ch, s, e in zip(paragraph.normalized, paragraph.starts,
                                           paragraph.ends, strict=True)
                    if a <= s and e <= b
                )
                assert paragraph.normalized[start:end] in inside
                checked += 1
            assert len(display_marks(display_text(paragraph), marks)) <= (
                len(marks.shared) + len(marks.new) + len(marks.formulations)
            )
    assert checked > 50


def test_cell_with_several_paragraphs_keeps_marks_in_their_paragraph(
    all_seeds_comparison: Comparison,
) -> None:
    document = all_seeds_comparison.documents[0]
    marks = all_seeds_comparison.marks[0]
    cell = cell_text(document, (1, 2), marks)
    lines = cell.text.split("\n")
    assert lines[0] == number_prefix(1) + document.paragraphs[1].text
    assert lines[1] == number_prefix(2) + document.paragraphs[2].text
    for mark in cell.marks:
        if mark.kind is MarkKind.NUMBER:
            continue
        assert cell.paragraph_at(mark.start) == mark.paragraph


def test_corrupted_characters_of_seed_002_are_marked(seed_documents: tuple[Document, ...]) -> None:
    qiushi = seed_documents[2]
    positions = [pos for w in qiushi.warnings for pos in w.positions]
    assert positions, "seed 002 should carry corrupted-character warnings"
    paragraph, offset = positions[0]
    cell = cell_text(qiushi, (paragraph,), None)
    warnings = [m for m in cell.marks if m.kind is MarkKind.WARNING]
    assert warnings
    base = len(number_prefix(paragraph))
    shown = display_text(qiushi.paragraphs[paragraph])
    to16 = utf16_offsets(shown.text)
    assert warnings[0].start == base + to16[shown.from_text(offset)]
    # the marked character is the damaged one, not a neighbour shifted by a dropped gloss
    damaged = qiushi.paragraphs[paragraph].text[offset]
    assert cell.text[warnings[0].start:warnings[0].end] == damaged


def test_seed_002_is_shown_in_traditional_script_without_pinyin_glosses(
    all_seeds_comparison: Comparison,
) -> None:
    """統(tǒng)籌 is shown as 統籌; every highlight (formulation, shared, new) computed on the
    normalised text covers, on the shown text, exactly the characters that normalise back to
    the marked text: no shift where a gloss was dropped or OpenCC changed lengths."""
    qiushi = next(d for d in all_seeds_comparison.documents if d.name.startswith("002"))
    d = all_seeds_comparison.documents.index(qiushi)
    assert "統(tǒng)籌" in qiushi.text  # the source carries glosses …
    cells = [cell_text(qiushi, (p,), all_seeds_comparison.marks[d])
             for p in range(len(qiushi.paragraphs))]
    shown = "\n".join(c.text for c in cells)
    assert "(tǒng)" not in shown and "統籌" in shown  # … the reader does not see them
    assert "统筹" not in shown  # and the script stays traditional
    checked = 0
    for p, cell in enumerate(cells):
        marks = all_seeds_comparison.marks[d][p]
        normalized = qiushi.paragraphs[p].normalized
        spans = [*marks.shared, *marks.new, *((a, b) for a, b, _ in marks.formulations)]
        marked = sorted(
            (m for m in cell.marks if m.kind in (MarkKind.SHARED, MarkKind.NEW,
                                                 MarkKind.FORMULATION)),
            key=lambda m: (m.start, m.end),
        )
        expected = sorted(normalized[a:b] for a, b in spans)
        got = sorted(normalize_paragraph(_selected(cell.text, m.start, m.end))[0]
                     for m in marked)
        assert got == expected, p
        checked += len(marked)
    assert checked > 100


def test_find_matches_across_scripts(all_seeds_comparison: Comparison) -> None:
    """Searching 统筹 (simplified) finds 統籌 in the traditional-script seed, highlighted on
    the traditional characters."""
    qiushi = next(d for d in all_seeds_comparison.documents if d.name.startswith("002"))
    p = next(i for i, para in enumerate(qiushi.paragraphs) if "統(tǒng)籌" in para.text)
    assert paragraph_matches(qiushi.paragraphs[p], "统筹", "统筹")
    cell = cell_text(qiushi, (p,), None)
    spans = find_in_cell(qiushi, cell, "统筹", normalize_paragraph("统筹")[0])
    assert spans
    assert all(_selected(cell.text, a, b) == "統籌" for a, b in spans)
    # typed as shown, it is found too
    assert find_in_cell(qiushi, cell, "統籌", normalize_paragraph("統籌")[0]) == spans
    assert not paragraph_matches(qiushi.paragraphs[p], "统筹发展之外", "统筹发展之外")


def test_find_spans_is_case_insensitive_and_in_utf16() -> None:
    assert find_spans("𠀀Abc abc", "ABC") == [(2, 5), (6, 9)]
    assert find_spans("abc", "") == []


def test_only_damaged_characters_are_marked_not_other_warning_positions(
    seed_documents: tuple[Document, ...],
) -> None:
    """004's pull-quote warning points at the body sentence the left-out quote repeated:
    that sentence is fine, and gets no "could not decode" mark."""
    sina = seed_documents[4]
    pull = next(w for w in sina.warnings if w.code == "pull-quote")
    assert pull.positions
    for paragraph, _ in pull.positions:
        cell = cell_text(sina, (paragraph,), None)
        assert not [m for m in cell.marks if m.kind is MarkKind.WARNING]


def test_headings_are_set_in_bold_and_body_text_is_not() -> None:
    """Issue 10: headings looked like body text. A heading paragraph's text gets the HEADING
    mark (bold in the delegate), whatever colour mode; body paragraphs do not."""
    from tifa.engine.ingest import read_document
    from tifa.engine.model import ParagraphKind
    from tifa.gui.highlight import MarkKind, cell_text

    doc = read_document(QIUSHI_2020)
    heading = next(p.index for p in doc.paragraphs if p.kind is ParagraphKind.HEADING)
    body = next(p.index for p in doc.paragraphs if p.kind is ParagraphKind.BODY)
    shown = cell_text(doc, [heading, body], None)
    bold = [m for m in shown.marks if m.kind is MarkKind.HEADING]
    assert [m.paragraph for m in bold] == [heading]
    (mark,) = bold
    assert shown.text[mark.start:mark.end] and "\n" not in shown.text[mark.start:mark.end]
