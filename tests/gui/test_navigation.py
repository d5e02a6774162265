"""Side by side: bands of unaligned paragraphs that fold, the shared passages first, F7 on
changed words, the overview strip and the row filter; Ctrl+, opens the settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.rowlayout import RowRole
from tifa.gui.highlight import MarkKind

TIMEOUT_MS = 60_000


@pytest.fixture
def revised(tmp_path: Path) -> Path:
    """000 with two edits (干大事 → 谋大事, 四个意识 → 四个自信) and a paragraph dropped."""
    from tifa.engine.ingest import read_document

    texts = [p.text for p in read_document(BEIJING_2022).paragraphs]
    del texts[5]
    path = tmp_path / "revised.txt"
    path.write_text("\n\n".join(texts).replace("干大事", "谋大事")
                    .replace("四个意识", "四个自信"), encoding="utf-8")
    return path


def _click(qtbot: object, view: object, row: int, column: int = 0) -> None:
    rect = view.visualRect(view.alignment.index(row, column))  # type: ignore[attr-defined]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]


def test_two_meetings_show_shared_passages_then_labelled_folded_bands(
    qtbot: object, open_window: object
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    roles = [model.role_at(r) for r in range(model.rowCount())]
    assert roles[0] is RowRole.SHARED_HEADER
    assert "疫情要防住、经济要稳住、发展要安全" in [p.text for p in model.shared_passages()]
    bands = [r for r, role in enumerate(roles) if role is RowRole.BAND]
    assert len(bands) == 2  # one per document: nothing links them
    for row, document in zip(bands, (0, 1), strict=True):
        label = str(model.index(row, 0).data())
        n = len(window.session.comparison.documents[document].paragraphs)
        assert label.startswith("▾ Only in ") and f"{n} paragraphs" in label
        assert view.columnSpan(row, 0) == 2  # the header runs across the columns
    # each band holds its document's paragraphs, one a row, nothing beside them
    for row, document in zip(bands, (0, 1), strict=True):
        members = [r for r in range(row + 1, model.rowCount())
                   if model.display_row(r).band == model.display_row(row).band]
        n = len(window.session.comparison.documents[document].paragraphs)
        assert members == list(range(row + 1, row + 1 + n))
        assert all(model.paragraphs_at(r, document) and not model.paragraphs_at(r, 1 - document)
                   for r in members)
    # a click folds the band, Space unfolds it
    before = model.rowCount()
    _click(qtbot, view, bands[0])
    n = len(window.session.comparison.documents[0].paragraphs)
    assert model.rowCount() == before - n
    header = view.currentIndex().row()
    assert model.role_at(header) is RowRole.BAND and model.display_row(header).folded
    assert str(model.index(header, 0).data()).startswith("▸ ")
    assert model.row_of(0, 0) is None  # folded away
    qtbot.keyClick(view, Qt.Key.Key_Space)  # type: ignore[attr-defined]
    assert model.rowCount() == before
    assert str(model.index(header, 0).data()).startswith("▾ ")
    # folded again, going to a paragraph in it (as from the heatmap) unfolds it
    view.toggle_fold(header)
    assert view.go_to_paragraph(0, 3)
    assert model.paragraphs_at(view.currentIndex().row(), 0) == (3,)
    # a shared row jumps to the paragraph holding its passages, every passage emphasised
    shared = roles.index(RowRole.SHARED)
    group = model.passage_at(shared)
    assert group is not None
    _click(qtbot, view, shared, 1)
    row = view.currentIndex().row()
    assert model.role_at(row) is RowRole.UNALIGNED
    assert model.paragraphs_at(row, 1) == (group.paragraph_of(1),)
    focus = [m for m in model.cell(row, 1).marks if m.kind is MarkKind.FOCUS]
    assert len(focus) >= len(group.passages)


def test_f7_selects_the_changed_words_on_both_sides(
    qtbot: object, open_window: object, revised: Path
) -> None:
    window = open_window([BEIJING_2022, revised])  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    view.go_to(0, 0)
    seen: list[tuple[str, str]] = []
    rows: list[int] = []
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_F7)  # type: ignore[attr-defined]
        row = view.currentIndex().row()
        change = view.current_change
        if model.role_at(row) is RowRole.BAND:
            assert change is None
            rows.append(row)
            continue
        assert change is not None and model.role_at(row) is RowRole.LINKED
        texts = []
        for column in range(2):
            cell = model.cell(row, column)
            texts.append("".join(cell.text[m.start:m.end] for m in cell.marks
                                 if m.kind is MarkKind.FOCUS))
        seen.append((texts[0], texts[1]))
        rows.append(row)
    assert rows == sorted(rows)  # forward, never back
    assert any("干" in a and "谋" in b for a, b in seen)
    assert any("意识" in a and "自信" in b for a, b in seen)
    assert any(model.role_at(r) is RowRole.BAND for r in rows)  # the dropped paragraph
    # Shift+F7 goes back to the change before
    before = (view.currentIndex().row(), view.current_change)
    qtbot.keyClick(view, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert (view.currentIndex().row(), view.current_change) != before
    assert view.currentIndex().row() <= before[0]


def test_overview_strip_marks_the_change_rows_and_jumps(
    qtbot: object, open_window: object, revised: Path
) -> None:
    window = open_window([BEIJING_2022, revised])  # type: ignore[operator]
    view, strip = window.side_by_side, window.overview
    model = view.alignment
    marks = strip.marks()
    assert marks["changes"] == model.difference_rows()
    assert marks["changes"]
    assert all(model.role_at(r) in (RowRole.LINKED, RowRole.BAND) for r in marks["changes"])
    assert marks["shared"] == [r for r in range(model.rowCount())
                               if model.role_at(r) in (RowRole.SHARED, RowRole.SHARED_HEADER)]
    target = marks["changes"][-1]
    header = view.verticalHeader()
    length = max(header.length(), view.viewport().height())
    middle = header.sectionPosition(target) + header.sectionSize(target) / 2
    y = int(middle / length * strip.height())
    assert strip.row_at(y / strip.height()) == target
    qtbot.mouseClick(strip, Qt.MouseButton.LeftButton, pos=QPoint(5, y))  # type: ignore[attr-defined]
    assert view.currentIndex().row() == target


def test_row_filter_only_differences_and_only_shared(
    qtbot: object, open_window: object, revised: Path
) -> None:
    window = open_window([BEIJING_2022, revised])  # type: ignore[operator]
    model = window.side_by_side.alignment
    everything = model.rowCount()
    window.actions_.rows_differences.trigger()
    kept = [model.display_row(r) for r in range(model.rowCount())]
    assert 0 < len(kept) < everything
    assert all((r.kind is not None and r.kind.value != "equal") or r.header for r in kept
               if r.role is not RowRole.UNALIGNED)
    window.actions_.rows_shared.trigger()
    roles = {model.role_at(r) for r in range(model.rowCount())}
    assert RowRole.BAND not in roles and RowRole.UNALIGNED not in roles
    window.actions_.rows_all.trigger()
    assert model.rowCount() == everything


def test_ctrl_comma_opens_settings(
    qtbot: object, open_window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tifa.gui.dialogs.settings import SettingsDialog

    opened: list[object] = []

    def fake_exec(dialog: SettingsDialog) -> int:
        opened.append(dialog)
        return int(SettingsDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    assert not window.actions_.settings.shortcut().isEmpty()
    window.activateWindow()
    window.side_by_side.setFocus()
    qtbot.keyClick(window.side_by_side, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert len(opened) == 1


def test_removing_several_documents_and_closing_all_can_be_undone(
    qtbot: object, open_window: object
) -> None:
    from conftest import BEIJING_2017, HAIDIAN_2020

    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017, HAIDIAN_2020])  # type: ignore[operator]
    session, panel = window.session, window.documents
    names = [d.path.name for d in session.documents]
    assert not window.actions_.undo.isEnabled()
    selection = panel.table.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for row in (1, 3):
        selection.select(panel.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    assert panel.selected_rows() == [1, 3] and panel.remove_button.isEnabled()
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        panel.remove_button.click()
    assert [d.path.name for d in session.documents] == [names[0], names[2]]
    assert window.actions_.undo.isEnabled()
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.actions_.undo.trigger()
    assert [d.path.name for d in session.documents] == names
    assert window.side_by_side.alignment.columnCount() == 4
    window.actions_.close_all.trigger()
    assert not session.documents
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.actions_.undo.trigger()
    assert [d.path.name for d in session.documents] == names
    assert not window.actions_.undo.isEnabled()


def test_a_written_report_is_offered_to_open_and_stays(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    from tifa.gui.exporting import export_available, start_export

    if not export_available():
        pytest.skip("the report exporter is not installed")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    target = tmp_path / "report.html"
    with qtbot.waitSignal(window.session.report_written, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        start_export(window.session, window.session.comparison, target, "html")
    assert window.messages.isVisible()
    (line,) = window.messages.messages()
    assert str(target) in line
    links = __import__("re").findall(r'href="([^"]+)"', line)
    assert len(links) == 2
    for link in links:
        window.messages.label.linkActivated.emit(link)
    assert opened == [str(target), str(tmp_path)]
    qtbot.wait(50)  # type: ignore[attr-defined]
    assert window.messages.isVisible()  # no timeout: it stays until dismissed


def test_heatmap_starts_on_the_absolute_scale(qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    panel = window.heatmap
    assert not panel.relative_box.isChecked()
    assert panel.model.scale_range == (0.0, 1.0) == panel.scale.range
    assert panel.metric_box.toolTip()  # says what the metric measures
    assert all(panel.metric_box.itemData(i, Qt.ItemDataRole.ToolTipRole)
               for i in range(panel.metric_box.count()))


def test_f1_opens_the_user_guide_in_the_interface_language(
    qtbot: object, open_window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tifa.gui import i18n
    from tifa.gui.dialogs.guide import GuideDialog, guide_text

    shown: list[str] = []

    def fake_exec(dialog: GuideDialog) -> int:
        shown.append(dialog.browser.toPlainText())
        return 0

    monkeypatch.setattr(GuideDialog, "exec", fake_exec)
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    window.side_by_side.setFocus()
    qtbot.keyClick(window.side_by_side, Qt.Key.Key_F1)  # type: ignore[attr-defined]
    assert len(shown) == 1 and "Side by side" in shown[0] and "F7" in shown[0]
    i18n.install_language("zh_CN")
    window.actions_.guide.trigger()
    assert "并排对读" in shown[1] and "F7" in shown[1]
    assert guide_text("en") != guide_text("zh_CN")


def test_print_renders_the_rows_shown_with_their_colours(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import subprocess

    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from tifa.gui import printing

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    html = printing.side_by_side_html(view)
    band = next(r for r in range(model.rowCount()) if model.role_at(r) is RowRole.BAND)
    assert model.band_label(band) in html
    assert "疫情要防住" in html and "background-color" in html  # the passage, emphasised
    view.toggle_fold(band)  # folded on screen, folded on paper
    folded = printing.side_by_side_html(view)
    assert len(folded) < len(html)
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "view.pdf"
    printer.setOutputFileName(str(pdf))
    printing.render(view, printer)
    assert pdf.stat().st_size > 0
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        import unicodedata

        # poppler reads some glyphs as Kangxi radicals (⽤ for 用): compare NFKC forms
        assert "疫情要防住" in "".join(unicodedata.normalize("NFKC", text).split())
    previews: list[object] = []
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda d: previews.append(d) or 0)
    window.actions_.print_preview.trigger()
    assert len(previews) == 1


def test_columns_reorder_from_their_header_like_the_documents_list(
    qtbot: object, open_window: object
) -> None:
    from conftest import BEIJING_2017

    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017])  # type: ignore[operator]
    view, session = window.side_by_side, window.session
    model = view.alignment

    def titles() -> list[str]:
        docs = session.comparison.documents
        return [docs[model.document_at(c)].path.name for c in range(model.columnCount())]

    before = titles()
    assert before == [d.path.name for d in session.documents]
    view.horizontalHeader().moveSection(0, 2)  # a header dragged to the end
    after = titles()
    assert after == [before[1], before[2], before[0]]
    assert after == [d.path.name for d in session.documents]  # the list follows
    assert view.horizontalHeader().visualIndex(0) == 0  # shown in the model's order
    # the header's context menu: Move Left
    header = view.horizontalHeader()
    point = QPoint(header.sectionViewportPosition(1) + 10, 5)
    view._header_menu(point)
    assert view.header_menu is not None
    left = next(a for a in view.header_menu.actions() if a.text() == "Move Left")
    left.trigger()
    assert titles() == [after[1], after[0], after[2]]
    view.header_menu.close()


def test_row_heights_come_from_the_columns_on_screen(
    qtbot: object, open_window: object
) -> None:
    """Five documents in a narrow window: only the columns on screen are measured; scrolled
    sideways, the rows are measured again for the columns then shown."""
    from conftest import ALL_SEEDS

    window = open_window(list(ALL_SEEDS))  # type: ignore[operator]
    view = window.side_by_side
    window.resize(900, 700)
    qtbot.waitUntil(lambda: not view.layout_pending, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    first = view.visible_columns()
    assert 0 < len(first) < view.alignment.columnCount()
    assert view._measured_columns == first
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    qtbot.waitUntil(lambda: view._measured_columns != first, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert view._measured_columns == view.visible_columns()
    assert view.alignment.columnCount() - 1 in view._measured_columns
