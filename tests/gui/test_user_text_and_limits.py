"""User text is shown as text, workspaces load off the GUI thread with checked settings, and
more documents than one comparison takes is a message, not a failure."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.pipeline import MAX_DOCUMENTS
from tifa.engine.ingest import read_document
from tifa.engine.model import Document
from tifa.gui import session as session_module
from tifa.gui.main_window import MainWindow
from tifa.gui.plain import menu_text, tooltip
from tifa.gui.workspace import Workspace, save_workspace

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000
HOSTILE = "<img src=x><script>alert(1)</script><b>粗</b>"
HOSTILE_SOURCE = "<i>来源</i> & <u>co</u>"


def shown_as(text: str) -> str:
    """What Qt shows for a tooltip or auto-format label string: rich text is rendered."""
    if GuiQt.mightBeRichText(text):  # the test Qt applies to tooltips and AutoText labels
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


@pytest.mark.parametrize("text", [HOSTILE, "a & b", "&lt;b&gt;", "一\n二  三", "plain 文字"])
def test_a_tooltip_shows_its_text_literally(text: str) -> None:
    assert shown_as(tooltip(text)) == text


def test_a_file_name_in_a_menu_keeps_its_ampersand() -> None:
    assert menu_text("R&D 报告.txt") == "R&&D 报告.txt"


@pytest.fixture
def hostile_document(tmp_path: Path) -> Path:
    body = BEIJING_2022.read_text(encoding="utf-8").splitlines()[2:40]
    path = tmp_path / "hostile.md"
    path.write_text(
        f"---\ntitle: {json.dumps(HOSTILE, ensure_ascii=False)}\n"
        f"source: {json.dumps(HOSTILE_SOURCE, ensure_ascii=False)}\n---\n\n"
        + "\n".join(body) + "\n",
        encoding="utf-8",
    )
    assert read_document(path).title == HOSTILE
    return path


@pytest.fixture
def window(open_window: object) -> MainWindow:
    return open_window()  # type: ignore[no-any-return, operator]


def test_a_hostile_title_shows_literally_everywhere(
    qtbot: object, window: MainWindow, hostile_document: Path
) -> None:
    session = window.session
    with qtbot.waitSignal(window.comparison_shown, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_paths([hostile_document, CHENGDU_2022])
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    comparison = session.comparison
    assert comparison is not None
    hostile = next(i for i, d in enumerate(comparison.documents) if d.title == HOSTILE)

    # the documents list: the title as its text, tooltips render to the literal title
    from tifa.gui.models.documents import DocumentListModel

    documents = window.documents.model
    row = next(r for r in range(documents.rowCount())
               if HOSTILE in str(documents.index(r, DocumentListModel.TITLE).data()))
    title_tip = documents.index(row, DocumentListModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert HOSTILE in shown_as(str(title_tip))
    source = documents.index(row, DocumentListModel.SOURCE)
    assert source.data() == HOSTILE_SOURCE
    assert HOSTILE in shown_as(str(source.data(Qt.ItemDataRole.ToolTipRole)))

    # side-by-side headers: the text is the label, the tooltip renders to the title and path
    alignment = window.side_by_side.alignment
    column = next(c for c in range(alignment.columnCount())
                  if alignment.document_at(c) == hostile)
    tip = alignment.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert shown_as(str(tip)).splitlines()[0].endswith(": " + HOSTILE)  # "A: <title>"

    # the similarity view: header and cell tooltips
    similarity = window.heatmap.model
    section = next(s for s in range(similarity.columnCount())
                   if HOSTILE in shown_as(str(similarity.headerData(
                       s, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole))))
    other = 1 - section if similarity.columnCount() == 2 else (section + 1) % 2
    cell_tip = similarity.index(section, other).data(Qt.ItemDataRole.ToolTipRole)
    assert HOSTILE in shown_as(str(cell_tip))

    # labels naming the current pair are plain text and hold the title as it is
    for label in (window.formulations.pair_label, window.heatmap.pair_title):
        assert label.textFormat() == Qt.TextFormat.PlainText
    # the pair is named by labels; the titles are in the tooltip, shown literally
    assert HOSTILE in shown_as(window.formulations.pair_label.toolTip())

    # the formulations table's column headers
    formulations = window.formulations.model
    tips = [shown_as(str(formulations.headerData(c, Qt.Orientation.Horizontal,
                                                 Qt.ItemDataRole.ToolTipRole)))
            for c in range(formulations.columnCount())]
    assert any(HOSTILE in t for t in tips)

    # the detail pane (the pair view of a paragraph): the heading is the literal title
    row = next(r for r in range(alignment.rowCount()) if alignment.paragraphs_at(r, column))
    window._cell_selected(row, column)
    assert HOSTILE in window.detail.toPlainText()

    # the message area: a file named like markup, shown as it is
    window.messages.add_problem(str(hostile_document.parent / f"{HOSTILE}.txt"), HOSTILE)
    rendered = shown_as(window.messages.label.text())
    assert f"{HOSTILE}.txt" in rendered and rendered.count(HOSTILE) == 2
    window.messages.add_error(f"Traceback\nValueError: {HOSTILE}")
    assert HOSTILE in shown_as(window.messages.label.toolTip())


def test_open_recent_shows_a_markup_file_name_as_it_is(
    window: MainWindow, tmp_path: Path
) -> None:
    from tifa.gui import preferences

    name = tmp_path / "<b>R&D<img src=x>.txt"
    preferences.add_recent_files([name])
    window._rebuild_recent_menu()
    entry = next(a for a in window.actions_.recent_menu.actions() if a.text())
    assert entry.text() == "<b>R&&D<img src=x>.txt"  # && shows one &
    assert shown_as(entry.toolTip()) == str(name.resolve())


# -- workspaces through the session ---------------------------------------------------------


def _workspace_file(tmp_path: Path, settings: dict[str, object]) -> Path:
    path = tmp_path / "w.tifa.json"
    save_workspace(path, Workspace((BEIJING_2022, CHENGDU_2022)))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["settings"].update(settings)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_workspace_is_read_on_a_worker_and_bad_settings_are_named(
    qtbot: object, make_session: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _workspace_file(tmp_path, {"link_threshold": "abc", "min_shared_chars": 10**30})
    threads: list[int] = []
    real = session_module.load_workspace

    def recording(p: Path) -> Workspace:
        threads.append(threading.get_ident())
        return real(p)

    monkeypatch.setattr(session_module, "load_workspace", recording)
    session = make_session()  # type: ignore[operator]
    notes: list[str] = []
    session.notice.connect(notes.append)
    with qtbot.waitSignal(session.comparison_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_workspace(path)
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert threads and threads[0] != threading.get_ident()  # not the GUI thread
    assert [d.path for d in session.documents] == [BEIJING_2022, CHENGDU_2022]
    assert session.comparison is not None
    assert session.settings.link_threshold == 0.5 and session.settings.min_shared_chars == 4
    assert len(notes) == 2
    assert all(str(path) in n for n in notes)
    assert "link_threshold" in notes[0] and "min_shared_chars" in notes[1]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_a_workspace_is_a_message_and_the_window_keeps_working(
    qtbot: object, make_session: object, tmp_path: Path
) -> None:
    fifo = tmp_path / "x.tifa.json"
    os.mkfifo(fifo)
    session = make_session()  # type: ignore[operator]
    with qtbot.waitSignal(session.problem_reported, timeout=TIMEOUT_MS) as blocker:  # type: ignore[attr-defined]
        session.open_workspace(fifo)
    assert blocker.args[0] == str(fifo) and "not a regular file" in blocker.args[1]
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def test_bad_stored_settings_fall_back_to_the_defaults() -> None:
    from PySide6.QtCore import QSettings

    from tifa.engine.compare.model import CompareSettings
    from tifa.gui import preferences

    store = QSettings()
    store.beginGroup("compare")
    for key, value in {"link_threshold": "nan", "min_shared_chars": "1e30",
                       "ignore_numbers": "maybe", "granularity": "chapter",
                       "ignore_punctuation": "false"}.items():
        store.setValue(key, value)
    store.endGroup()
    assert preferences.load_compare_settings(store) == CompareSettings(ignore_punctuation=False)


# -- the document limit ---------------------------------------------------------------------


def test_more_documents_than_the_limit_is_a_message_and_they_stay_open(
    qtbot: object, make_session: object, tmp_path: Path
) -> None:
    one = read_document(BEIJING_2022)
    paths = [tmp_path / f"{i:02d}.txt" for i in range(MAX_DOCUMENTS + 1)]

    def reader(wanted: Sequence[Path]) -> Iterator[object]:
        return iter([replace(one, path=p) for p in wanted])

    compared: list[int] = []

    def comparer(documents: Sequence[Document], **_: object) -> Iterator[object]:
        compared.append(len(documents))
        return iter(())

    session = make_session(reader=reader, comparer=comparer)  # type: ignore[operator]
    notes: list[str] = []
    session.notice.connect(notes.append)
    errors: list[str] = []
    session.error_reported.connect(errors.append)
    with qtbot.waitSignal(session.notice, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_paths(paths)
    assert len(session.documents) == MAX_DOCUMENTS + 1
    assert session.comparison is None and compared == [] and errors == []
    assert f"{MAX_DOCUMENTS + 1} documents" in notes[0]
    assert f"at most {MAX_DOCUMENTS}" in notes[0]
    session.remove(0)  # back within the limit: compared again
    qtbot.waitUntil(lambda: compared == [MAX_DOCUMENTS], timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def test_the_app_starts_whatever_the_last_session_file_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A last-session file with an integer of 5,000 digits (more than Python converts) used
    to stop the app at launch: it now starts on the sample pair."""
    from tifa.gui import app, operations

    last = tmp_path / "last.tifa.json"
    last.write_text('{"format": "tifa-workspace", "version": 1, "documents": [], '
                    f'"settings": {{"min_shared_chars": {"9" * 5000}}}}}', encoding="utf-8")
    monkeypatch.setattr(operations, "last_workspace_path", lambda: last)
    startup = app.choose_startup([], restore=True)
    assert startup.workspace is None
    assert [p.name for p in startup.files] == [BEIJING_2022.name, CHENGDU_2022.name]
