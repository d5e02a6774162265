"""The window, driven as a user would: clicks, keys, drops, menus (offscreen)."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.lookup import formulation_by_phrase
from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.engine.palette import Role, swatch
from tifa.gui import operations, preferences
from tifa.gui.app import choose_startup, start_session
from tifa.gui.highlight import MarkKind
from tifa.gui.main_window import TAB_FORMULATIONS, TAB_SIDE_BY_SIDE
from tifa.gui.models import CELL_ROLE
from tifa.gui.models.documents import ROW_MIME_TYPE
from tifa.gui.models.formulations import FormulationModel

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


def test_first_launch_opens_beijing_against_chengdu(qtbot: object, open_window: object) -> None:
    startup = choose_startup([], restore=True)
    assert [p.name for p in startup.files] == [BEIJING_2022.name, CHENGDU_2022.name]
    window = open_window()  # type: ignore[operator]
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        start_session(window.session, startup)
    model = window.side_by_side.alignment
    assert model.columnCount() == 2
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(2)]
    assert any("2022-07-21" in h for h in headers)
    assert any("2022-07-27" in h for h in headers)
    # every row on screen has a measured height, at least one line of text
    assert not window.side_by_side.layout_pending
    # (one line in the fonts the cells use, whatever fonts this machine has)
    from PySide6.QtGui import QFontMetrics

    from tifa.gui.views.cell_delegate import PADDING

    one_line = min(QFontMetrics(window._font_for(model.document_at(c))).lineSpacing()
                   for c in range(model.columnCount()))
    assert min(window.side_by_side.rowHeight(r)  # band headers are one line of the UI font
               for r in range(model.rowCount())
               if not model.is_header(r)) >= one_line + 2 * PADDING


def test_clicking_a_heatmap_cell_opens_that_pair(qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017])  # type: ignore[operator]
    comparison = window.session.comparison
    heatmap = window.heatmap
    model = heatmap.model
    row, column = model.position_of(2), model.position_of(0)  # 2017 against 2022
    window.tabs.setCurrentIndex(2)
    table = heatmap.table
    rect = table.visualRect(model.index(row, column))
    with qtbot.waitSignal(window.session.paragraph_matrix_ready, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    assert window.session.pair == (2, 0)
    matrix = heatmap.dot_plot.matrix
    assert matrix is not None
    assert matrix.shape == (len(comparison.documents[2].paragraphs),
                            len(comparison.documents[0].paragraphs))
    assert window.formulations.model.pair == (2, 0)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    assert window.tabs.currentIndex() == TAB_SIDE_BY_SIDE
    assert window.side_by_side.alignment.columns == (2, 0)
    window.show_all_documents()
    assert window.side_by_side.alignment.columnCount() == 3



def test_the_dot_plots_matrix_leaves_a_core_to_the_window(
    qtbot: object, open_window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dot plot's matrix is made with every core but one (``background_workers``): on
    2 cores, made on both, the long pair's window stalled longer (bench/gui_stalls.py)."""
    from tifa.engine.compare.align import background_workers
    from tifa.gui import session as session_module

    asked: list[object] = []
    real = session_module.paragraph_matrix

    def recorded(*args: object, **kwargs: object) -> object:
        asked.append(kwargs.get("workers"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module, "paragraph_matrix", recorded)
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    with qtbot.waitSignal(window.session.paragraph_matrix_ready, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.session.request_paragraph_matrix(0, 1)
    assert asked == [background_workers()]


def test_typing_in_the_search_box_filters_the_formulations(
    qtbot: object, open_window: object
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    window.tabs.setCurrentIndex(TAB_FORMULATIONS)
    panel = window.formulations
    everything = panel.proxy.rowCount()
    panel.search.insert("动态")  # QTest types ASCII only; insert() edits as typing does
    shown = [panel.formulation_at(r).phrase for r in range(panel.proxy.rowCount())]
    assert "动态清零" in shown
    assert 0 < len(shown) < everything
    assert panel.count_label.text() == f"{len(shown)} of {everything}"


def test_double_clicking_a_formulation_jumps_to_its_occurrences(
    qtbot: object, open_window: object
) -> None:
    """动态清零 is in both reports (quoted in Chengdu's, unquoted in Beijing's)."""
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    window.tabs.setCurrentIndex(TAB_FORMULATIONS)
    panel = window.formulations
    panel.search.setText("动态清零")
    row = next(r for r in range(panel.proxy.rowCount())
               if panel.formulation_at(r).phrase == "动态清零")
    index = panel.proxy.index(row, FormulationModel.PHRASE)
    viewport = panel.table.viewport()
    panel.table.scrollTo(index)
    # the view has laid out the filtered rows: the cell is on screen (no fixed wait)
    qtbot.waitUntil(lambda: viewport.rect().contains(  # type: ignore[attr-defined]
        panel.table.visualRect(index).center()), timeout=TIMEOUT_MS)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    assert window.tabs.currentIndex() == TAB_SIDE_BY_SIDE
    view = window.side_by_side
    formulation = panel.formulation_at(row)
    columns = {view.alignment.document_at(c) for _, c in view.hits}
    assert columns == {d for d, n in enumerate(formulation.counts) if n}
    current = view.currentIndex()
    assert (current.row(), current.column()) == view.hits[0]
    cell = current.data(CELL_ROLE)
    focus = [m for m in cell.marks if m.kind is MarkKind.FOCUS]
    assert focus
    assert any("动态清零" in cell.text[m.start:m.end] for m in focus)
    assert window.find_bar.count.text() == f"1 of {len(view.hits)}"


def test_find_highlights_matches_and_f7_goes_to_the_next_difference(
    qtbot: object, open_window: object
) -> None:
    window = open_window([BEIJING_2022, BEIJING_2017])  # type: ignore[operator]
    view = window.side_by_side
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert window.find_bar.isVisible()
    window.find_bar.edit.insert("四个意识")
    window.find_bar.search_now()
    assert view.hits
    for row, column in view.hits:
        assert "四个意识" in str(view.alignment.index(row, column).data())
    # F7 moves to a row the engine found different, and on
    view.go_to(0, 0)
    differences = view.alignment.difference_rows()
    assert differences
    qtbot.keyClick(view, Qt.Key.Key_F7)  # type: ignore[attr-defined]
    first = next(r for r in differences if r > 0)
    assert view.currentIndex().row() == first
    qtbot.keyClick(view, Qt.Key.Key_F7, Qt.KeyboardModifier.ShiftModifier)  # type: ignore[attr-defined]
    assert view.currentIndex().row() == (0 if 0 in differences else first)


def test_clicking_a_paragraph_shows_its_word_diff(
    qtbot: object, open_window: object, tmp_path: Path
) -> None:
    """A revised copy of 000 (把方向、干大事 back to 谋大事, 四个意识 dropped) is linked
    paragraph by paragraph; clicking the changed one shows exactly those words changed."""
    text = BEIJING_2022.read_text(encoding="utf-8")
    assert "干大事" in text and "四个意识" in text
    revised = tmp_path / "revised.txt"
    revised.write_text(text.replace("干大事", "谋大事").replace("四个意识", "四个自信"),
                       encoding="utf-8")
    window = open_window([BEIJING_2022, revised])  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    original = window.session.comparison.documents[0]
    changed = next(i for i, p in enumerate(original.paragraphs) if "干大事" in p.text)
    row = model.row_of(0, changed)
    assert row is not None and all(model.paragraphs_at(row, c) for c in range(2))
    assert model.display_row(row).kind is not None  # linked, not merely packed
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # type: ignore[attr-defined]
    html = window.detail.toHtml()
    deleted_bg = swatch(Role.DELETED).css_background  # the vocabulary's "dropped" colour
    inserted_bg = swatch(Role.INSERTED).css_background  # and its "new" colour
    deleted = re.findall(rf"background-color:{deleted_bg}[^>]*>([^<]*)<", html)
    inserted = re.findall(rf"background-color:{inserted_bg}[^>]*>([^<]*)<", html)
    assert "干" in "".join(deleted)
    assert "谋" in "".join(inserted)
    assert "revised" in window.detail.toPlainText() or original.title in window.detail.toPlainText()
    # the pane says what the pair was compared by, and why (the automatic choice)
    assert "compared by paragraphs (automatic: paragraph links hold the shared wording)" in (
        window.detail.toPlainText()
    )


def test_an_unreadable_file_shows_a_message_and_the_others_stay(
    qtbot: object, open_window: object, tmp_path: Path
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    missing = tmp_path / "gone.txt"
    with qtbot.waitSignal(window.session.problem_reported, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.session.open_paths([missing])
    qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert window.messages.isVisible()
    assert "gone.txt" in window.messages.label.text()
    assert len(window.session.documents) == 2
    assert window.side_by_side.alignment.columnCount() == 2


def test_dropping_files_on_the_window_opens_them(qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(BEIJING_2017))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.dropEvent(event)
    assert [d.path for d in window.session.documents][-1] == BEIJING_2017
    assert window.side_by_side.alignment.columnCount() == 3
    assert preferences.recent_files()[0] == BEIJING_2017.resolve()


def test_workspace_round_trip_through_the_menus(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017])  # type: ignore[operator]
    settings = CompareSettings(link_threshold=0.6, min_shared_chars=5)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.session.set_settings(settings)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.session.set_pivot(2)
    target = tmp_path / "meetings.tifa.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_.save_workspace.trigger()
    assert target.exists()

    other = open_window()  # type: ignore[operator]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(other.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        other.actions_.open_workspace.trigger()
    assert [d.path for d in other.session.documents] == [
        BEIJING_2022, CHENGDU_2022, BEIJING_2017
    ]
    assert other.session.settings == settings
    assert other.session.pivot_index() == 2
    assert other.session.comparison is not None
    assert other.session.comparison.alignment.pivot == 2


def test_a_workspace_is_never_saved_over_an_open_document(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link named meetings.tifa.json to an open document: the workspace went through it
    (atomic writes follow links) and replaced the document with JSON."""
    import shutil

    document = tmp_path / "beijing.txt"
    shutil.copy(BEIJING_2022, document)
    before = document.read_bytes()
    window = open_window([document, CHENGDU_2022])  # type: ignore[operator]
    link = tmp_path / "meetings.tifa.json"
    link.symlink_to(document)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(link), ""))
    window.actions_.save_workspace.trigger()
    assert document.read_bytes() == before
    (message,) = window.messages.messages()
    assert "never overwrites the documents it reads" in message


def test_the_last_workspace_is_restored_on_start(qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2017, CHENGDU_2022])  # type: ignore[operator]
    window.persist_state = True
    window.close()
    assert operations.last_workspace_path().exists()
    startup = choose_startup([], restore=True)
    assert startup.workspace == operations.last_workspace_path()
    again = open_window()  # type: ignore[operator]
    with qtbot.waitSignal(again.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        start_session(again.session, startup)
    assert [d.path for d in again.session.documents] == [BEIJING_2017, CHENGDU_2022]


def test_settings_dialog_changes_recompute_and_persist(
    qtbot: object, open_window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tifa.gui.dialogs.settings import SettingsDialog

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]

    def accept_with_changes(dialog: SettingsDialog) -> int:
        dialog.granularity.setCurrentIndex(list(Granularity).index(Granularity.SENTENCE))
        dialog.min_shared.setValue(7)
        dialog.ignore_numbers.setChecked(True)
        assert dialog.echo_threshold.value() == preferences.DEFAULT_ECHO_THRESHOLD
        dialog.echo_threshold.setValue(0.7)
        return int(SettingsDialog.DialogCode.Accepted)

    monkeypatch.setattr(SettingsDialog, "exec", accept_with_changes)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.actions_.settings.trigger()
    used = window.session.comparison.settings
    assert (used.granularity, used.min_shared_chars, used.ignore_numbers) == (
        Granularity.SENTENCE, 7, True
    )
    assert preferences.load_compare_settings().min_shared_chars == 7
    # a display setting: kept, applied to the detail pane, nothing compared for it
    assert preferences.echo_threshold() == 0.7
    assert window.detail.echo_threshold == 0.7


def test_switching_the_interface_to_chinese_and_back(qtbot: object, open_window: object) -> None:
    """Qt posts LanguageChange to every widget; each sets its texts again from the .qm."""
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    settings = window.session.settings
    menu = window.actions_.file_menu
    assert menu.title() == "&File"
    window.apply_settings(settings, "zh_CN")
    assert preferences.ui_language() == "zh_CN"
    qtbot.waitUntil(lambda: menu.title() == "文件(&F)", timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert window.tabs.tabText(TAB_SIDE_BY_SIDE) == "并排对读"
    assert window.formulations.search_label.text() == "搜索："
    assert window.documents.model.headerData(0, Qt.Orientation.Horizontal) == "标题"
    status = window.formulations.model.index(0, FormulationModel.STATUS).data()
    assert status in {"共有", "新增", "删去", "变体", "均无"}
    window.apply_settings(settings, "en")
    qtbot.waitUntil(lambda: menu.title() == "&File", timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert window.tabs.tabText(TAB_SIDE_BY_SIDE) == "Side by side"


def test_every_export_format_from_the_menu_writes_its_file_on_a_worker(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each entry of File › Export Report asks where (the dialog replaced here), writes
    there on a worker thread while the window keeps handling events, and says where."""
    import threading

    import tifa.engine.export as export_module

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    threads: list[str] = []
    real_export = export_module.export

    def recording_export(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread().name)
        return real_export(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export_module, "export", recording_export)
    gui_thread = threading.current_thread().name
    for fmt, action in window.actions_.exports.items():
        assert action.isEnabled(), fmt
        spec = export_module.FORMATS[fmt]
        target = tmp_path / (fmt if spec.is_directory else f"report{spec.suffix}")
        if spec.is_directory:
            target.mkdir()
            monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                                lambda *a, _t=target, **k: str(_t))
        else:
            # the user typed no suffix: the format's is added
            monkeypatch.setattr(QFileDialog, "getSaveFileName",
                                lambda *a, _t=target, **k: (str(_t.with_suffix("")), ""))
        ticks = 0

        def tick() -> None:
            nonlocal ticks
            ticks += 1

        from PySide6.QtCore import QTimer

        timer = QTimer()
        timer.setInterval(0)  # every turn of the event loop: counts turns, not milliseconds
        timer.timeout.connect(tick)
        timer.start()
        with qtbot.waitSignal(window.session.status_message, timeout=TIMEOUT_MS) as blocker:  # type: ignore[attr-defined]
            action.trigger()
            assert window.session.runner.running("export"), fmt  # started, not finished
        timer.stop()
        qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
        assert "Report written" in blocker.args[0], (fmt, blocker.args)
        written = sorted(target.iterdir()) if spec.is_directory else [target]
        assert written and all(f.stat().st_size > 0 for f in written), fmt
        if fmt == "html":
            assert "疫情要防住" in target.read_text(encoding="utf-8")
        assert ticks > 0, fmt  # the event loop kept turning while the export ran
    assert threads and gui_thread not in threads
    # no problem said; each report is offered to open, until dismissed
    assert window.messages.messages()
    assert all("Report written" in m and ">Open<" in m for m in window.messages.messages())


def test_an_export_that_cannot_be_written_says_so_in_the_message_area(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "report.docx"  # its folder is a file: cannot be created
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(window.session.notice, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.actions_.exports["docx"].trigger()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert window.messages.isVisible()
    (message,) = window.messages.messages()
    assert str(target) in message
    assert "Traceback" not in message and "Something went wrong" not in message
    assert not target.exists()
    assert window.session.comparison is not None  # the window carries on


def test_export_entries_wait_for_a_comparison(open_window: object) -> None:
    window = open_window()  # type: ignore[operator]
    assert window.session.comparison is None
    assert not any(a.isEnabled() for a in window.actions_.exports.values())
    assert "Compare" in window.actions_.exports["pdf"].toolTip()


def test_gui_command_saves_a_screenshot(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "gui", "--screenshot", str(target), "--size", "1000x700",
         str(BEIJING_2022), str(CHENGDU_2022)],
        capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "comparison on screen" in done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(target))
    assert (image.width(), image.height()) == (1000, 700)




def test_hovering_a_formulation_explains_it(qtbot: object, open_window: object) -> None:
    """The point under 动态清零 in Beijing's column hit-tests to the formulation's mark, whose
    tooltip gives the category and the other document that has it (Chengdu's)."""
    from PySide6.QtGui import QTextCursor

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    beijing = window.session.comparison.documents[0]
    paragraph = next(i for i, p in enumerate(beijing.paragraphs) if "动态清零" in p.text)
    row, column = model.row_of(0, paragraph), model.column_of(0)
    index = model.index(row, column)
    cell = index.data(CELL_ROLE)
    mark = next(m for m in cell.marks
                if m.kind is MarkKind.FORMULATION and m.phrase == "动态清零")
    rect = view.visualRect(index)
    delegate = view.cell_delegate
    document = delegate.text_document(cell, 0, delegate.text_width(rect.width()))
    cursor = QTextCursor(document)
    cursor.setPosition(mark.start + 1)
    caret = document.documentLayout().blockBoundingRect(cursor.block()).topLeft()
    line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
    x = line.cursorToX(cursor.positionInBlock())[0] + 2
    point = delegate.text_origin(rect) + QPointF(
        caret.x() + x, caret.y() + line.y() + line.height() / 2
    )
    position = delegate.position_at(index, rect, point)
    assert position is not None
    assert any(m.phrase == "动态清零" for m in cell.marks_at(position))
    # the tooltip Qt shows for a hover there: category, gloss, first year, who else has it
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    viewport = view.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point.toPoint(), viewport.mapToGlobal(
        point.toPoint()))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    shown = QToolTip.text()
    formulation = formulation_by_phrase(window.session.comparison)["动态清零"]
    assert shown == window.formulation_tooltip(0, "动态清零")
    assert formulation.gloss and formulation.gloss in shown
    assert f"First used: {formulation.first_year}" in shown
    assert "Also in:" in shown and "成都" in shown
    QToolTip.hideText()


def test_dragging_a_document_row_reorders_the_columns_without_comparing_again(
    qtbot: object, open_window: object, qtmodeltester: object
) -> None:
    """The documents list's drag carries the row under Tifa's MIME type; dropping it above
    the first row moves that document to the first column; the comparison stays."""
    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017])  # type: ignore[operator]
    comparison = window.session.comparison
    model = window.documents.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    data = model.mimeData([model.index(2, 0)])
    assert data.formats() == [ROW_MIME_TYPE]
    assert not data.hasUrls()
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    with qtbot.assertNotEmitted(window.session.comparison_changed):  # type: ignore[attr-defined]
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert [d.path for d in window.session.documents] == [BEIJING_2017, BEIJING_2022,
                                                         CHENGDU_2022]
    assert window.session.comparison is comparison
    view = window.side_by_side.alignment
    assert [comparison.documents[view.document_at(c)].path for c in range(3)] == [
        BEIJING_2017, BEIJING_2022, CHENGDU_2022
    ]
    assert window.documents.selected_row() == 0
    # dropped below the last row: to the end
    data = model.mimeData([model.index(0, 0)])
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert [d.path for d in window.session.documents][-1] == BEIJING_2017
    assert window.documents.selected_row() == 2
    # the model's own order and the session's agree (no reset was needed)
    assert [model.document(r).path for r in range(3)] == [d.path for d in window.session.documents]


def test_files_dropped_on_the_documents_list_still_open(qtbot: object, open_window: object) -> None:
    """The list accepts drops for reordering; a file dragged in from outside is not one of
    its rows, so the drop goes on to the window, which opens the file."""
    from PySide6.QtGui import QDragEnterEvent
    from PySide6.QtWidgets import QApplication

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    viewport = window.documents.table.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(BEIJING_2017))])
    point = QPointF(viewport.rect().center())
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        QApplication.sendEvent(viewport, drop)
    assert [d.path for d in window.session.documents][-1] == BEIJING_2017


def test_a_file_opened_from_the_finder_is_added_to_the_session(
    qtbot: object, open_window: object
) -> None:
    """macOS sends a QFileOpenEvent to the application; it is kept until the window's
    session is the target, then opened (and remembered as a recent file)."""
    from PySide6.QtGui import QFileOpenEvent, QGuiApplication
    from PySide6.QtWidgets import QApplication

    from tifa.gui.app import DESKTOP_FILE_NAME, TifaApplication, set_file_open_target

    app = QApplication.instance()
    assert isinstance(app, TifaApplication)
    assert QGuiApplication.desktopFileName() == DESKTOP_FILE_NAME == "tifa"
    desktop_entry = Path(__file__).parents[2] / "packaging" / "linux" / "tifa.desktop"
    assert desktop_entry.exists() and desktop_entry.stem == DESKTOP_FILE_NAME
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    try:
        set_file_open_target(None)
        assert QApplication.sendEvent(app, QFileOpenEvent(str(BEIJING_2017)))
        assert app.file_open.pending == [BEIJING_2017]  # before the window is ready: kept
        with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
            set_file_open_target(partial(operations.open_paths, window.session))
        assert not app.file_open.pending
        assert [d.path for d in window.session.documents][-1] == BEIJING_2017
        assert preferences.recent_files()[0] == BEIJING_2017.resolve()
    finally:
        set_file_open_target(None)


def test_sentence_echoes_are_listed_strongest_first_above_the_display_threshold(
    qtbot: object, open_window: object
) -> None:
    """Beijing's first paragraph has no counterpart in Chengdu's report; the detail pane
    lists the Chengdu sentences that echo it, by falling score, leaving out those below the
    threshold from the settings (and saying how many it left out)."""
    from tifa.engine.compare.lookup import sentence_counterparts
    from tifa.engine.compare.sentences import ECHO_THRESHOLD

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    session, view = window.session, window.side_by_side
    model = view.alignment
    beijing = session.column_order()[0]
    chengdu = session.column_order()[1]
    row = model.row_of(beijing, 0)
    view.go_to(row, model.column_of(beijing))  # sentence links are computed on a worker
    qtbot.waitUntil(lambda: session.sentence_links(beijing, chengdu) is not None,  # type: ignore[attr-defined]
                    timeout=TIMEOUT_MS)
    window.detail.set_echo_threshold(0.0)  # shows the cell again, every echo listed
    assert preferences.DEFAULT_ECHO_THRESHOLD == ECHO_THRESHOLD  # none weaker are found
    links = session.sentence_links(beijing, chengdu)
    assert links is not None
    echoes = sentence_counterparts(links, beijing, model.paragraphs_at(row, 0), chengdu)
    scores = sorted((e.score for e in echoes), reverse=True)
    assert len(scores) >= 2, "000's opening should echo several Chengdu sentences"

    def listed() -> list[float]:
        text = window.detail.toPlainText()
        return [float(x) for x in re.findall(r"^\s*(\d\.\d\d)$", text, flags=re.M)]

    assert listed() == [round(s, 2) for s in scores]
    assert ("compared by sentences (automatic: most shared wording lies outside paragraph "
            "links)") in window.detail.toPlainText()
    cut = (scores[0] + scores[-1]) / 2  # between the strongest and the weakest
    window.apply_settings(session.settings, preferences.ui_language(), echo_threshold=cut)
    assert preferences.echo_threshold() == round(cut, 2)
    shown = listed()
    assert shown == [round(s, 2) for s in scores if s >= round(cut, 2)]
    hidden = len(scores) - len(shown)
    assert f"weaker echoes not shown: {hidden}, below {round(cut, 2):.2f}" in (
        window.detail.toPlainText()
    )


def test_a_sentence_echo_shows_both_sentences_labelled_with_the_shared_wording_marked(
    qtbot: object, open_window: object
) -> None:
    """Each echo is shown as two sentences, this document's and the other's, each after its
    short label; the wording they share is in the shared colour on both lines, and the
    other's words are not struck into this document's sentence."""
    from tifa.engine.compare.lookup import echo_sides, oriented, sentence_counterparts
    from tifa.engine.compare.vocabulary import short_labels
    from tifa.engine.compare.worddiff import diff_link
    from tifa.gui.views.detail_pane import _SHARED, _text

    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    session, view = window.session, window.side_by_side
    model = view.alignment
    beijing, chengdu = session.column_order()[0], session.column_order()[1]
    row = model.row_of(beijing, 0)
    view.go_to(row, model.column_of(beijing))
    qtbot.waitUntil(lambda: session.sentence_links(beijing, chengdu) is not None,  # type: ignore[attr-defined]
                    timeout=TIMEOUT_MS)
    window.detail.set_echo_threshold(0.0)
    links = session.sentence_links(beijing, chengdu)
    assert links is not None
    echoes = sorted(sentence_counterparts(links, beijing, model.paragraphs_at(row, 0), chengdu),
                    key=lambda e: -e.score)
    assert echoes
    docs = session.comparison.documents
    best = echoes[0]
    lo, hi = sorted((beijing, chengdu))
    stored = best if beijing < chengdu else type(best)(a=best.b, b=best.a, score=best.score,
                                                        kind=best.kind)
    mine, theirs = echo_sides(oriented(diff_link(docs[lo], docs[hi], stored), beijing > chengdu))
    mine_text = "".join(_text(docs[beijing], p.spans) for p in mine)
    their_text = "".join(_text(docs[chengdu], p.spans) for p in theirs)
    labels = short_labels(docs)
    lines = window.detail.toPlainText().splitlines()
    assert f"{labels[beijing]} {mine_text}" in lines
    assert f"{labels[chengdu]} {their_text}" in lines
    shared = [_text(docs[beijing], p.spans) for p in mine if p.shared]
    their_shared = [_text(docs[chengdu], p.spans) for p in theirs if p.shared]
    assert len(shared) == len(their_shared)  # the same runs on both sides (punctuation is
    # compared normalised, so a run may differ in its commas)
    longest = max(shared, key=len)
    assert len(longest) >= 4 and longest in their_shared and longest in mine_text
    # the shared runs are painted in the shared colour: read the document's formats
    painted = []
    block = window.detail.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().background().color().name() == _SHARED.css_background:
                painted.append(fragment.text())
            it += 1
        block = block.next()
    assert painted.count(longest) >= 2  # on both sentences of the strongest echo


def test_a_single_document_is_shown_to_be_read(qtbot: object, open_window: object) -> None:
    """One open document is not compared (the engine needs two) but shown: one column, one
    row per paragraph, its text readable; the message area asks for a second document, and
    exports wait for a comparison."""
    from tifa.engine.ingest import read_document

    window = open_window([BEIJING_2022])  # type: ignore[operator]
    model = window.side_by_side.alignment
    assert model.columnCount() == 1
    document = read_document(BEIJING_2022)
    assert not any(model.is_header(r) for r in range(model.rowCount()))  # no band to fold
    shown = [model.paragraphs_at(r, 0) for r in range(model.rowCount())]
    assert [p for ps in shown for p in ps] == list(range(len(document.paragraphs)))
    row = model.row_of(0, 3)
    assert row is not None
    assert document.paragraphs[3].text[:10] in model.plain_text(row, 0)
    assert "Open a second document to compare." in window.messages.messages()
    assert not any(a.isEnabled() for a in window.actions_.exports.values())
    window.side_by_side.go_to(row, 0)  # the detail pane has no other document to diff
    assert "paragraph 4" in window.detail.toPlainText()
    # a second document: the request is met and goes (it stayed over the comparison)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.session.open_paths([CHENGDU_2022])
    assert window.session.comparison is not None and len(window.session.documents) == 2
    assert "Open a second document to compare." not in window.messages.messages()
    assert not window.messages.isVisible()


def test_a_heatmap_of_many_documents_fits_the_panel(
    qtbot: object, open_window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond a dozen documents (here: the threshold lowered to 3, for five seeds) the
    heatmap is numbered, not titled, its square cells sized so the whole matrix shows, and
    values only where they fit; the key gives the range the colours span."""
    from conftest import ALL_SEEDS
    from tifa.gui.models import similarity

    monkeypatch.setattr(similarity, "COMPACT_AFTER", 3)
    window = open_window(list(ALL_SEEDS))  # type: ignore[operator]
    window.resize(900, 600)
    window.tabs.setCurrentIndex(2)
    panel = window.heatmap
    qtbot.waitUntil(lambda: panel.table.isVisible())  # type: ignore[attr-defined]
    panel._fit_cells()
    model, table = panel.model, panel.table
    assert model.compact
    assert model.headerData(0, Qt.Orientation.Vertical) == str(
        model.headerData(0, Qt.Orientation.Horizontal))  # a number, the title in the tooltip
    first = window.session.comparison.documents[model.documents_at(0, 0)[0]]
    assert first.title in model.headerData(0, Qt.Orientation.Vertical,
                                           Qt.ItemDataRole.ToolTipRole)
    size = table.columnWidth(0)
    assert size == table.rowHeight(0) <= 64
    shown = table.horizontalHeader().length() <= table.viewport().width()
    assert shown and table.verticalHeader().length() <= table.viewport().height()
    assert (model.index(0, 1).data() != "") == (size >= 38)
    assert panel.scale.range == model.scale_range


def test_the_open_dialog_starts_in_a_folder_that_exists(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """File › Open starts in the most recent file's folder while it exists, else in the home
    folder, never in a Documents folder that is not there."""
    home = tmp_path / "home"
    home.mkdir()  # no Documents folder in it
    monkeypatch.setenv("HOME", str(home))
    started: list[str] = []

    def fake_open(parent: object, caption: str, folder: str, filters: str) -> tuple[list[str],
                                                                                     str]:
        started.append(folder)
        return [], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    window = open_window()  # type: ignore[operator]
    preferences.clear_recent_files()
    assert operations.open_documents(window, window.session) == []
    assert started[-1] == str(home)
    kept = tmp_path / "kept"
    kept.mkdir()
    gone = tmp_path / "gone"
    preferences.add_recent_files([gone / "a.txt", kept / "b.txt"])
    operations.open_documents(window, window.session)
    assert started[-1] == str(kept.resolve())  # the newest one's folder has gone
    preferences.add_recent_files([BEIJING_2022])
    operations.open_documents(window, window.session)
    assert started[-1] == str(BEIJING_2022.resolve().parent)
    preferences.clear_recent_files()
    preferences.add_recent_files([gone / "a.txt"])
    operations.open_documents(window, window.session)
    assert started[-1] == str(home)
    assert all(Path(f).is_dir() for f in started)


def test_recent_files_menu_reopens_a_file_and_can_be_cleared(
    qtbot: object, open_window: object, tmp_path: Path
) -> None:
    preferences.add_recent_files([BEIJING_2017, tmp_path / "gone.txt"])
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    window._rebuild_recent_menu()
    menu = window.actions_.recent_menu
    entries = [a for a in menu.actions() if a.text() and not a.isSeparator()]
    assert [a.text() for a in entries[:2]] == [BEIJING_2017.name, "gone.txt"]
    assert entries[0].toolTip() == str(BEIJING_2017.resolve())
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        entries[0].trigger()
    assert [d.path for d in window.session.documents][-1] == BEIJING_2017
    # a recent file that has gone: named in the message area, the others stay
    with qtbot.waitSignal(window.session.problem_reported, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        next(a for a in menu.actions() if a.text() == "gone.txt").trigger()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert "gone.txt" in window.messages.label.text()
    assert len(window.session.documents) == 3
    next(a for a in menu.actions() if a.text() == "Clear the list").trigger()
    assert preferences.recent_files() == []
    assert not window.actions_.recent_menu.isEnabled()


def test_the_pivot_button_aligns_the_others_to_the_selected_document(
    qtbot: object, open_window: object
) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022, BEIJING_2017])  # type: ignore[operator]
    panel = window.documents
    panel.select_row(2)
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(panel.pivot_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    comparison = window.session.comparison
    assert comparison.documents[comparison.alignment.pivot].path == BEIJING_2017
    assert panel.model.index(2, 0).data().startswith("★ ")
    assert window.side_by_side.alignment.headerData(
        window.side_by_side.alignment.column_of(comparison.alignment.pivot),
        Qt.Orientation.Horizontal).startswith("★ ")
    assert panel.auto_pivot_button.isEnabled()
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(panel.auto_pivot_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.session.pivot_path is None  # the engine picks: no row starred as chosen
    assert not any(panel.model.index(r, 0).data().startswith("★ ") for r in range(3))
