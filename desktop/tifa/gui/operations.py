"""What the menu entries do that involves a dialog: open files, workspaces, settings.

Kept apart from the window so each is a short function with its dialogs in one place, and
tests can replace ``QFileDialog``'s static functions to drive them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from tifa.engine.paths import sample_documents
from tifa.gui import preferences
from tifa.gui.session import Session
from tifa.gui.workspace import SUFFIX, save_workspace

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")

DOCUMENT_FILTER = "*.txt *.md *.markdown *.html *.htm *.docx *.pdf"


def _start_dir() -> str:
    """Where the file dialogs start: the folder of the most recent file that still exists,
    else the home folder (never a folder that is not there, such as a missing Documents)."""
    for recent in preferences.recent_files():
        if recent.parent.is_dir():
            return str(recent.parent)
    return str(Path.home())


def open_documents(parent: QWidget, session: Session) -> list[Path]:
    """Ask for documents and open them; the chosen paths (none when cancelled)."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        translate("operations", "Open documents"),
        _start_dir(),
        translate("operations", "Documents (%s);;All files (*)") % DOCUMENT_FILTER,
    )
    paths = [Path(n) for n in names]
    open_paths(session, paths)
    return paths


def open_paths(session: Session, paths: list[Path]) -> None:
    """Open documents (remembered as recent files) or, for a workspace file, the workspace."""
    workspaces = [p for p in paths if p.name.endswith(SUFFIX)]
    documents = [p for p in paths if not p.name.endswith(SUFFIX)]
    if workspaces:
        open_workspace_file(session, workspaces[0])
    if documents:
        preferences.add_recent_files(documents)
        session.open_paths(documents)


def open_samples(session: Session) -> None:
    session.open_paths(sample_documents())


def open_workspace(parent: QWidget, session: Session) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("operations", "Open workspace"),
        _start_dir(),
        translate("operations", "Tifa workspaces (*%s)") % SUFFIX,
    )
    if not name:
        return None
    path = Path(name)
    open_workspace_file(session, path)
    return path


def open_workspace_file(session: Session, path: Path) -> None:
    """Open a workspace: the session reads and checks it on a worker, then loads it (or names
    the file and the reason in the message area)."""
    session.open_workspace(path)


def save_workspace_as(parent: QWidget, session: Session) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        translate("operations", "Save workspace"),
        str(Path(_start_dir()) / f"tifa{SUFFIX}"),
        translate("operations", "Tifa workspaces (*%s)") % SUFFIX,
    )
    if not name:
        return None
    path = Path(name)
    if not path.name.endswith(SUFFIX):
        path = path.with_name(path.name.removesuffix(".json") + SUFFIX)
    from tifa.engine.atomic import OutputIsInputError, refuse_inputs

    try:  # a link named x.tifa.json to an open document: never written through
        refuse_inputs([path], [d.path for d in session.documents])
        save_workspace(path, session.workspace())
    except OutputIsInputError as e:
        session.problem_reported.emit(str(path), e.reason)
        return None
    except OSError as e:
        session.problem_reported.emit(str(path), e.strerror or str(e))
        return None
    return path


def last_workspace_path() -> Path:
    """Where the session is saved on quit and restored from on start."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder) / f"last{SUFFIX}"


def save_last_workspace(session: Session) -> None:
    if session.documents:
        # on failure there is nothing to restore next time; not worth stopping the quit for
        with contextlib.suppress(OSError):
            save_workspace(last_workspace_path(), session.workspace())
    else:
        last_workspace_path().unlink(missing_ok=True)
