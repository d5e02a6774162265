"""Application start-up: QApplication, names for QSettings, icon, CJK font, translator, and
which documents to open first."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from tifa.engine.paths import default_pair, resource
from tifa.gui import i18n, operations, preferences
from tifa.gui.fonts import with_cjk_fallback
from tifa.gui.session import Session
from tifa.gui.workspace import WorkspaceError, load_workspace

ORGANIZATION = "Tifa"
APPLICATION = "Tifa"


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, created and configured on first call."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
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
        except WorkspaceError:
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
    exit (0, or 2 when a file could not be read). ``pair``: 0-based positions of the opened
    files to show as the current pair (formulation status, dot plot)."""
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
    window.show()
    start_session(session, startup)
    if screenshot is None:
        return int(app.exec())
    from tifa.gui.screenshot import Screenshotter

    shooter = Screenshotter(window, screenshot, view=view, timeout_s=timeout_s, started=started,
                            pair=pair)
    shooter.start()
    app.exec()
    return shooter.exit_code
