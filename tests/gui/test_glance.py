"""What changed, at a glance (issue 10): the side-by-side view shows the word-level diff of
linked rows on both sides, refined to the characters; colour modes change the colours and the
key; short labels tell versions with one title apart; a formulation has one status — word and
colour — in the Formulations tab, the tooltip and the reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.lookup import formulation_by_phrase
from tifa.engine.compare.vocabulary import term
from tifa.engine.export.html import render_html
from tifa.engine.export.tables import write_xlsx
from tifa.engine.export.view import build_view
from tifa.gui import preferences
from tifa.gui.highlight import HighlightMode, MarkKind
from tifa.gui.main_window import TAB_SIDE_BY_SIDE, MainWindow
from tifa.gui.models.formulations import STATUS_COLOURS, FormulationModel
from tifa.gui.views.cell_delegate import (
    CHANGED_BACKGROUND,
    SHARED_BACKGROUND,
    highlight_spans,
)

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


@pytest.fixture
def edited_pair(tmp_path: Path) -> list[Path]:
    """Two versions of seed 000 under the same title: one character of one paragraph edited
    (经济要稳住 → 经贸要稳住)."""
    text = BEIJING_2022.read_text(encoding="utf-8")
    assert text.count("经济要稳住") >= 1
    first, second = tmp_path / "beijing_draft.txt", tmp_path / "beijing_final.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("经济要稳住", "经贸要稳住", 1), encoding="utf-8")
    return [first, second]


def _edited_row(window: MainWindow) -> int:
    model = window.side_by_side.alignment
    for row in range(model.rowCount()):
        if any("经贸要稳住" in model.plain_text(row, c) for c in range(model.columnCount())):
            return row
    raise AssertionError("the edited paragraph is in no row")


def test_an_edited_character_is_marked_on_both_sides_with_the_change_format(
    open_window: object, edited_pair: list[Path], diffed_cell: object
) -> None:
    window: MainWindow = open_window(edited_pair)  # type: ignore[operator]
    assert preferences.highlight_mode() is HighlightMode.CHANGES  # the default
    model = window.side_by_side.alignment
    delegate = window.side_by_side.cell_delegate
    row = _edited_row(window)
    changed_text = {}
    for column in range(model.columnCount()):
        cell = diffed_cell(model, row, column)  # type: ignore[operator]
        spans = [(a, b) for a, b, kind in highlight_spans(cell)
                 if kind in (MarkKind.CHANGED, MarkKind.INSERTED, MarkKind.DELETED)]
        changed_text[model.document_at(column)] = [cell.text[a:b] for a, b in spans]
        assert all(kind is MarkKind.CHANGED for _, _, kind in highlight_spans(cell)
                   if kind in (MarkKind.INSERTED, MarkKind.DELETED, MarkKind.CHANGED))
        # the laid-out cell carries the change format exactly there
        (a, b), = spans
        assert b == a + 1  # exactly one character
        doc = delegate.text_document(cell, model.document_at(column), 400)
        cursor = QTextCursor(doc)
        cursor.setPosition(a + 1)  # the format of the character before the cursor
        assert cursor.charFormat().background().color() == CHANGED_BACKGROUND
        cursor.setPosition(a)
        assert cursor.charFormat().background().color() != CHANGED_BACKGROUND
    assert sorted(changed_text.values()) == [["济"], ["贸"]]
    # every other linked row of the two versions is unchanged: nothing coloured there
    for other in range(model.rowCount()):
        if other != row:
            cells = (diffed_cell(model, other, c)  # type: ignore[operator]
                     for c in range(model.columnCount()))
            assert not any(m.kind in (MarkKind.CHANGED, MarkKind.INSERTED, MarkKind.DELETED)
                           for cell in cells for m in cell.marks)
    # the tooltip of the change names the status word with both labels
    column = model.column_of(1) or 0
    note = model.change_note(row, column, MarkKind.CHANGED)
    assert note.startswith("variant") and "A beijing_draft" in note


def test_labels_tell_two_versions_of_one_title_apart(
    open_window: object, edited_pair: list[Path]
) -> None:
    window: MainWindow = open_window(edited_pair)  # type: ignore[operator]
    model = window.side_by_side.alignment
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(2)]
    assert any("A beijing_draft" in h for h in headers)
    assert any("B beijing_final" in h for h in headers)
    listed = [window.documents.model.item(r, 0).text() for r in range(2)]  # type: ignore[attr-defined]
    assert any("A beijing_draft" in t for t in listed) and any("B beijing_final" in t
                                                                for t in listed)
    pair_label = window.formulations.pair_label.text()
    assert "beijing_draft" in pair_label and "beijing_final" in pair_label
    tooltip = str(model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
    assert ".txt" in tooltip  # the file name in full


def test_modes_change_the_colours_and_the_key(
    qtbot: object, open_window: object, edited_pair: list[Path]
) -> None:
    window: MainWindow = open_window(edited_pair)  # type: ignore[operator]
    model = window.side_by_side.alignment
    row = _edited_row(window)
    key_changes = window.legend.text()
    assert "changed characters" in key_changes

    window.colour_bar.combo.setCurrentIndex(1)  # Shared with the others
    assert model.mode is HighlightMode.SHARED
    kinds = {k for c in range(2) for _, _, k in highlight_spans(model.cell(row, c))}
    assert MarkKind.SHARED in kinds and MarkKind.CHANGED not in kinds
    assert "wording other open documents have too" in window.legend.text()
    assert window.legend.text() != key_changes
    cell = model.cell(row, 0)
    a, _, _ = next(s for s in highlight_spans(cell) if s[2] is MarkKind.SHARED)
    doc = window.side_by_side.cell_delegate.text_document(cell, model.document_at(0), 400)
    cursor = QTextCursor(doc)
    cursor.setPosition(a + 1)
    assert cursor.charFormat().background().color() == SHARED_BACKGROUND
    checked = [a.data() for a in window.actions_.colour_modes if a.isChecked()]
    assert checked == ["shared"]

    window.actions_.colour_modes[4].trigger()  # View › Colours › No colour
    assert model.mode is HighlightMode.NONE
    assert window.colour_bar.combo.currentIndex() == 4
    marks = {m.kind for c in range(2) for m in model.cell(row, c).marks}
    assert marks <= {MarkKind.NUMBER, MarkKind.WARNING, MarkKind.FOCUS}
    assert "formulation" not in window.legend.text()
    assert preferences.highlight_mode() is HighlightMode.NONE  # kept in the settings


def test_the_key_names_the_band_unless_unaligned_paragraphs_are_packed(
    qtbot: object, open_window: object, edited_pair: list[Path]
) -> None:
    """Packing is off by default: the key describes the band of one-document paragraphs,
    not the packed rows' dot; View › Pack Unaligned Paragraphs brings the dot back."""
    window: MainWindow = open_window(edited_pair)  # type: ignore[operator]
    band = "band: paragraphs only one document has; click to fold"
    assert not window.actions_.pack_unaligned.isChecked()
    assert band in window.legend.text()
    assert "unaligned row" not in window.legend.text()
    window.actions_.pack_unaligned.trigger()
    assert window.legend.packed
    assert "unaligned row" in window.legend.text()
    assert band not in window.legend.text()
    assert "Rows numbered with a dot" in window.legend.toolTip()
    window.actions_.pack_unaligned.trigger()
    assert band in window.legend.text() and "unaligned row" not in window.legend.text()


def test_a_formulation_has_one_status_in_the_table_the_tooltip_and_the_reports(
    open_window: object, tmp_path: Path
) -> None:
    """000 (Beijing) against 003 (Chengdu): 两个维护 is only in Beijing. The issue found it
    amber "new" side by side, pink "dropped" in the Formulations tab and grey "dropped" in
    the HTML report; now every place says the same word, in the same colour."""
    window: MainWindow = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    comparison = window.session.comparison
    assert comparison is not None
    phrase = "两个维护"
    formulation = formulation_by_phrase(comparison)[phrase]
    beijing = next(i for i, d in enumerate(comparison.documents) if d.path == BEIJING_2022)
    chengdu = 1 - beijing
    pivot = comparison.alignment.pivot

    table: FormulationModel = window.formulations.model
    row = table.row_of(phrase)
    assert row is not None and table.pair is not None and table.pair[0] == pivot
    status = table.status(row)
    shown = str(table.index(row, table.STATUS).data())
    brush = table.index(row, table.STATUS).data(Qt.ItemDataRole.BackgroundRole)
    word = term(status).en
    assert shown == word
    assert brush.color() == STATUS_COLOURS[status]
    assert brush.color().name() == term(status).swatch.css_background

    # the tooltip over the formulation in either column says the same word
    for document in (beijing, chengdu):
        tip = window.formulation_tooltip(document, phrase)
        assert f"{word}: " in tip

    # the reports (status against the pivot, the same reference)
    view = build_view(comparison)
    other = chengdu if pivot == beijing else beijing
    report_row = next(f for f in view.formulations if f.phrase == phrase)
    cell = report_row.cells[other]
    assert cell.status is status and cell.colour.value == term(status).swatch.background
    html = render_html(view)
    assert f'title="{view.doc(other).label}: {word}"' in html
    assert f"--st-{status.value}: {term(status).swatch.css_background};" in html
    path = write_xlsx(comparison, view, tmp_path / "r.xlsx")
    sheet = load_workbook(path)["Formulations"]
    for xl_row in sheet.iter_rows(min_row=2):
        if xl_row[0].value == phrase:
            status_cell = xl_row[-1]
            assert status_cell.value == word
            assert str(status_cell.fill.fgColor.rgb).lower().endswith(
                term(status).swatch.background)
            break
    else:
        raise AssertionError("no XLSX row for the formulation")
    assert formulation.counts[beijing] > 0 and formulation.counts[chengdu] == 0
    # side by side, in the default mode, two different meetings: no cell is painted "new"
    # (the 85 % amber); rows without a counterpart show what is shared
    window.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    model = window.side_by_side.alignment
    kinds = {m.kind for r in range(model.rowCount()) for c in range(model.columnCount())
             for m in model.cell(r, c).marks}
    assert MarkKind.SHARED in kinds and MarkKind.NEW not in kinds


def test_inserted_words_are_marked_and_the_other_side_shows_where_they_go(
    open_window: object, tmp_path: Path, diffed_cell: object
) -> None:
    text = BEIJING_2022.read_text(encoding="utf-8")
    first, second = tmp_path / "draft.txt", tmp_path / "final.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("谋划工作", "谋划全年工作", 1), encoding="utf-8")
    window: MainWindow = open_window([first, second])  # type: ignore[operator]
    model = window.side_by_side.alignment
    delegate = window.side_by_side.cell_delegate
    row = next(r for r in range(model.rowCount())
               if any("谋划全年工作" in model.plain_text(r, c) for c in range(2)))
    by_document = {model.document_at(c): diffed_cell(model, row, c)  # type: ignore[operator]
                   for c in range(2)}
    final = next(d for d in by_document if "谋划全年工作" in by_document[d].text)
    draft = 1 - final
    inserted = [by_document[final].text[a:b] for a, b, k in highlight_spans(by_document[final])
                if k is MarkKind.INSERTED]
    dropped = [by_document[final].text[a:b] for a, b, k in highlight_spans(by_document[final])
               if k is MarkKind.DELETED]
    if inserted:  # the final version is the other side: its words are new
        assert inserted == ["全年"]
    else:  # the final version is the reference: the draft lacks nothing, 全年 is "dropped"
        assert dropped == ["全年"]
    gaps = [m for m in by_document[draft].marks if m.kind is MarkKind.GAP]
    assert len(gaps) == 1
    at = gaps[0].start
    assert by_document[draft].text[at - 2 : at + 2] == "谋划工作"
    doc = delegate.text_document(by_document[draft], draft, 400)
    bars = delegate.gap_markers(by_document[draft], doc)
    assert len(bars) == 1 and bars[0][2] > 0
