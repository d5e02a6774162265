"""Application start-up: QApplication, names for QSettings, icon, CJK font, translator, and
which documents to open first.

The desktop file name ("tifa", as ``packaging/linux/tifa.desktop``) lets Wayland compositors
match the window to its launcher and icon. Files opened from the macOS Finder arrive as
``QFileOpenEvent`` on the application (not in ``argv``), possibly before the window exists:
``FileOpenHandler`` keeps them until the window's session takes them.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from tifa.engine.paths import default_pair, resource
from tifa.gui import i18n, operations, preferences
from tifa.gui.fonts import with_cjk_fallback
from tifa.gui.session import Session
from tifa.gui.workspace import load_workspace

ORGANIZATION = "Tifa"
APPLICATION = "Tifa"
DESKTOP_FILE_NAME = "tifa"  # packaging/linux/tifa.desktop


class FileOpenHandler(QObject):
    """Takes ``QFileOpenEvent`` (macOS: a document opened from the Finder or dropped on the
    Dock icon) and hands the file to ``open_paths``, or keeps it until one is set."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pending: list[Path] = []
        self._open: Callable[[list[Path]], None] | None = None

    def set_target(self, open_paths: Callable[[list[Path]], None] | None) -> None:
        self._open = open_paths
        if open_paths is not None and self.pending:
            paths, self.pending = self.pending, []
            open_paths(paths)

    def handle(self, event: QEvent) -> bool:
        """True when ``event`` was a file to open (taken here)."""
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:
            return False
        if self._open is not None:
            self._open([Path(name)])
        else:
            self.pending.append(Path(name))
        return True


class TifaApplication(QApplication):
    """The QApplication with file-open events handled (an event filter on the application
    would run Python for every event of every widget)."""

    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        self.file_open = FileOpenHandler()  # no Qt parent: a child event would come first

    def event(self, event: QEvent) -> bool:
        handler = getattr(self, "file_open", None)  # events arrive during construction
        if handler is not None and handler.handle(event):
            return True
        return super().event(event)


def set_file_open_target(open_paths: Callable[[list[Path]], None] | None) -> None:
    app = QCoreApplication.instance()
    if isinstance(app, TifaApplication):
        app.file_open.set_target(open_paths)


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, created and configured on first call."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QGuiApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication.instance()
    if app is None:
        app = TifaApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("Tifa 提法对读")
    for name in ("tifa.png", "tifa.svg"):  # PNG first: SVG needs Qt's svg icon plugin
        icon = resource("icons", name)
        if icon.exists():
            app.setWindowIcon(QIcon(str(icon)))
            break
    font = QFont(app.font())
    app.setFont(with_cjk_fallback(font))
    return app


@dataclass(frozen=True, slots=True)
class Startup:
    """What to open first and how."""

    files: tuple[Path, ...]
    workspace: Path | None = None


def choose_startup(files: Sequence[Path], *, restore: bool) -> Startup:
    """Files given → those; else the last workspace (when ``restore``); else Beijing 000
    against Chengdu 003, the samples the user's own question was about."""
    if files:
        return Startup(tuple(files))
    last = operations.last_workspace_path()
    if restore and last.exists():
        try:
            workspace = load_workspace(last)
        except Exception:
            pass
        else:
            if workspace.documents:
                return Startup((), last)
    return Startup(tuple(default_pair()))


def start_session(session: Session, startup: Startup) -> None:
    if startup.workspace is not None:
        operations.open_workspace_file(session, startup.workspace)
    else:
        session.open_paths(startup.files)


def load_word_list() -> None:
    """Build the word list before the window shows. rjieba builds its dictionary (0.1–0.3 s)
    holding the GIL: built on the first comparison's worker, it froze the window in the
    middle of comparing (180 ms at 300 documents); every start compares something (the
    files, the last workspace or the samples), so it is needed at once either way."""
    from tifa.engine.compare.tokenize import get_tokenizer

    get_tokenizer()


def run(
    files: Sequence[Path],
    *,
    screenshot: Path | None = None,
    language: str | None = None,
    view: str = "side",
    size: tuple[int, int] | None = None,
    pair: tuple[int, int] | None = None,
    timeout_s: float = 180.0,
) -> int:
    """Open the window; with ``screenshot``, save a grab once the comparison is on screen and
    exit (0; 3 when a file could not be read, 4 when the grab could not be saved).
    ``pair``: 0-based positions of ``files`` to show as the current pair (formulation status,
    dot plot): a file of many items is its first item, an item address ``day.md#3`` that
    item."""
    started = time.perf_counter()
    app = application()
    i18n.install_language(language or preferences.ui_language())
    from tifa.gui.main_window import MainWindow

    session = Session(preferences.load_compare_settings())
    window = MainWindow(session, restore_geometry=screenshot is None)
    window.persist_state = screenshot is None
    if size is not None:
        window.resize(*size)
    startup = choose_startup(files, restore=screenshot is None)
    load_word_list()
    window.show()
    start_session(session, startup)
    set_file_open_target(partial(operations.open_paths, session))
    if screenshot is None:
        return int(app.exec())
    from tifa.gui.screenshot import Screenshotter

    shooter = Screenshotter(window, screenshot, view=view, timeout_s=timeout_s, started=started,
                            pair=pair, files=startup.files)
    shooter.start()
    app.exec()
    return shooter.exit_code
