"""Qt test setup: offscreen, settings in Qt's test locations, no real modal dialogs.

``QStandardPaths.setTestModeEnabled`` sends QSettings and the app-data folder (the last
workspace) to ``~/.qttest``, in the session's own home folder (``tests/conftest.py``: parallel
pytest runs on one machine no longer share them); every test starts with them empty. Modal
dialogs would block an offscreen run forever, so ``QMessageBox`` and ``QDialog.exec`` fail the
test unless a test replaces them on purpose.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QMessageBox

from conftest import ALL_SEEDS, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.model import Comparison
from tifa.engine.model import Document

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    """pytest-qt creates Tifa's own QApplication subclass (it handles file-open events)."""
    from tifa.gui.app import TifaApplication

    return TifaApplication


@pytest.fixture(scope="session", autouse=True)
def tifa_app(qapp: object) -> object:
    from tifa.gui.app import application

    return application()


@pytest.fixture(autouse=True)
def clean_state() -> Iterator[None]:
    """Empty QSettings and app data before each test; English UI unless a test switches."""
    from tifa.gui import i18n

    def wipe() -> None:
        settings = QSettings()
        settings.clear()
        settings.sync()
        data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        if data and ".qttest" in data:
            shutil.rmtree(data, ignore_errors=True)

    wipe()
    i18n.install_language("en")
    yield
    i18n.install_language("en")
    wipe()


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError(f"a modal dialog opened during the test: {args[1:3]!r}")

    for name in ("about", "critical", "information", "question", "warning"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture(scope="session")
def seed_documents() -> tuple[Document, ...]:
    from tifa.engine.ingest import read_document

    return tuple(read_document(p) for p in ALL_SEEDS)


@pytest.fixture(scope="session")
def all_seeds_comparison(seed_documents: tuple[Document, ...]) -> Comparison:
    from tifa.engine.compare.pipeline import compare

    return compare(seed_documents)


@pytest.fixture(scope="session")
def sample_pair() -> tuple[Path, Path]:
    return BEIJING_2022, CHENGDU_2022


@pytest.fixture
def make_session() -> Iterator[object]:
    """Sessions that are shut down (their worker threads waited for) when the test ends:
    a QThread destroyed while running takes the process down."""
    from tifa.gui.session import Session

    made: list[Session] = []

    def make(*args: object, **kwargs: object) -> Session:
        session = Session(*args, **kwargs)  # type: ignore[arg-type]
        made.append(session)
        return session

    yield make
    for session in made:
        session.shutdown()


@pytest.fixture
def diffed_cell(qtbot: object) -> object:
    """``diffed_cell(model, row, column)``: the cell once its word diff has arrived from the
    worker (a view computes diffs off the GUI thread and shows the cell plain meanwhile)."""
    from tifa.gui.highlight import CellText
    from tifa.gui.models.alignment import AlignmentModel

    def get(model: AlignmentModel, row: int, column: int) -> CellText:
        qtbot.waitUntil(lambda: not model.diff_pending(row, column), timeout=30_000)  # type: ignore[attr-defined]
        return model.cell(row, column)

    return get


@pytest.fixture
def open_window(qtbot: object, make_session: object) -> Iterator[object]:
    """``open_window(paths)``: a main window (1300 × 850, shown) once it shows the
    comparison of ``paths`` and its session is idle; ``open_window()``: the window shown,
    nothing opened."""
    from tifa.gui.main_window import MainWindow

    def make(paths: list[Path] | None = None) -> MainWindow:
        session = make_session()  # type: ignore[operator]
        window = MainWindow(session, restore_geometry=False)
        window.persist_state = False
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(1300, 850)
        window.show()
        if paths:
            with qtbot.waitSignal(window.comparison_shown, timeout=60_000):  # type: ignore[attr-defined]
                session.open_paths(paths)
            qtbot.waitUntil(lambda: not session.busy, timeout=60_000)  # type: ignore[attr-defined]
        return window

    yield make


CORPUS_WAIT_MS = 120_000  # a generous cap on a loaded machine: the wait ends on the signal


@pytest.fixture
def corpus_tab(qtbot: object, make_session: object, tmp_path: Path) -> Iterator[object]:
    """A Corpus tab (1200 × 800) on a new store, ``tmp_path / "corpus.sqlite"``, adding in
    one reading process (set ``add_workers`` for more); shut down after the test."""
    from tifa.gui.corpus import CorpusTab

    widget = CorpusTab(make_session(), database=tmp_path / "corpus.sqlite",  # type: ignore[operator]
                       add_workers=1)
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(1200, 800)
    yield widget
    widget.shutdown()


@pytest.fixture
def add_to_corpus(qtbot: object) -> object:
    """``add_to_corpus(tab, paths)``: the tab's own add (on its worker) of ``paths``, waited
    for; what it reports (the summary, or None when stopped)."""

    def add(tab: Any, paths: list[Path]) -> object:
        with qtbot.waitSignal(tab.add_finished, timeout=CORPUS_WAIT_MS) as blocker:  # type: ignore[attr-defined]
            tab.add_paths(paths)
        return blocker.args[0]

    return add
