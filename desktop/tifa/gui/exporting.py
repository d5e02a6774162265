"""The Export menu: report files written by ``tifa.engine.export`` (when that is present).

The entries stay visible but disabled, with a tooltip, while the engine has no exporter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from tifa.gui.session import Session


def export_function() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("tifa.engine.export")
    except ImportError:
        return None
    function = getattr(module, "export", None)
    return function if callable(function) else None


def export_available() -> bool:
    return export_function() is not None


def run_export_dialog(parent: QWidget, session: Session, fmt: str) -> None:
    """Ask where to write the report in ``fmt`` and write it on a worker thread."""
    if export_function() is None or session.comparison is None:
        return
