"""The Export menu: report files written by ``tifa.engine.export`` on a worker thread.

Entries stay visible but disabled, with a tooltip, when the engine has no exporter (a build
without it). CSV writes a folder of files, so it asks for a folder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from tifa.engine.atomic import OutputIsInputError
from tifa.engine.compare.model import Comparison
from tifa.engine.progress import Progress
from tifa.gui.session import Session

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")


def _module() -> Any | None:
    try:
        return importlib.import_module("tifa.engine.export")
    except ImportError:
        return None


def export_function() -> Callable[..., Any] | None:
    function = getattr(_module(), "export", None)
    return function if callable(function) else None


def export_available() -> bool:
    return export_function() is not None


def _suggested_name(comparison: Comparison) -> str:
    dates = sorted(d.date.isoformat() for d in comparison.documents if d.date)
    return f"tifa-{dates[-1]}" if dates else "tifa-report"


@dataclass(frozen=True, slots=True)
class ExportFailed:
    """An export that could not be written, for a reason the user can act on."""

    target: Path
    reason: str


def _reason(error: Exception, target: Path) -> str:
    if isinstance(error, OutputIsInputError):  # names the document it would have overwritten
        return error.reason
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename and Path(str(error.filename)) != (
            target) else ""
        return (error.strerror or str(error)) + where
    return str(error)


def report_language() -> str:
    """The reports' language: the interface's (``"zh"`` when the window speaks Chinese)."""
    from tifa.gui.i18n import current_language

    return "zh" if current_language().startswith("zh") else "en"


def export_steps(comparison: Comparison, target: Path, fmt: str,
                 lang: str = "en") -> Iterator[object]:
    """The export as a job: one Progress, then the tuple of files written, or an
    ``ExportFailed`` (cannot write there, no Chinese font for the PDF...). ``lang``: the
    language of the report's own words."""
    function = export_function()
    assert function is not None
    yield Progress("export", 0, 1, translate("exporting", "Writing %s") % target.name)
    missing_font = getattr(_module(), "MissingFontError", OSError)
    try:
        written = tuple(function(comparison, target, format=fmt, lang=lang))
    except (OSError, ValueError, missing_font) as e:
        yield ExportFailed(target, _reason(e, target))
        return
    yield written


def ask_target(parent: QWidget, comparison: Comparison, fmt: str) -> Path | None:
    module = _module()
    spec = getattr(module, "FORMATS", {}).get(fmt)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) / _suggested_name(comparison)
    if spec is not None and spec.is_directory:
        title = translate("exporting", "Export CSV files into a folder")
        name = QFileDialog.getExistingDirectory(parent, title, folder)
        return Path(name) if name else None
    suffix = spec.suffix if spec is not None else f".{fmt}"
    description = spec.description if spec is not None else fmt.upper()
    name, _ = QFileDialog.getSaveFileName(
        parent, translate("exporting", "Export report"), str(base.with_suffix(suffix)),
        f"{description} (*{suffix})",
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def run_export_dialog(parent: QWidget, session: Session, fmt: str) -> None:
    """Ask where to write the report in ``fmt``, then write it on a worker thread; the
    status bar says where it went, the message area why it failed."""
    comparison = session.comparison
    if export_function() is None or comparison is None:
        return
    target = ask_target(parent, comparison, fmt)
    if target is None:
        return
    start_export(session, comparison, target, fmt)


def start_export(session: Session, comparison: Comparison, target: Path, fmt: str) -> None:
    def on_item(item: object) -> None:
        if isinstance(item, ExportFailed):
            session.notice.emit(translate("exporting", "Could not write %s: %s")
                                % (item.target, item.reason))
        elif isinstance(item, tuple) and item:
            shown = str(item[0]) if len(item) == 1 else f"{item[0].parent} ({len(item)})"
            session.status_message.emit(translate("exporting", "Report written: %s") % shown)
            session.report_written.emit(str(item[0]))

    def on_error(details: str) -> None:
        reason = details.strip().splitlines()[-1] if details.strip() else ""
        session.notice.emit(translate("exporting", "Could not write %s: %s") % (target, reason))

    lang = report_language()  # read on the GUI thread, when the user asks
    session.runner.start("export", lambda: export_steps(comparison, target, fmt, lang),
                         on_item=on_item, on_error=on_error)
