"""Guard against a Qt binding that drops references to None.

PySide6 6.12.0 returns None from void methods without taking a reference. On Python 3.11,
where None is an ordinary refcounted object, every ``setText``/``setInterval`` call lowers
None's count until the interpreter aborts ("none_dealloc") — in the app after a while of
use, in the test run at exit. pyproject.toml excludes that release; this catches any other.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextDocument

pytestmark = pytest.mark.gui


def test_void_methods_leave_none_alone() -> None:
    holder, timer, document = QObject(), QTimer(), QTextDocument()
    before = sys.getrefcount(None)
    for _ in range(500):
        holder.setObjectName("x")
        timer.setInterval(5)
        document.setPlainText("两个维护")
        document.setTextWidth(200)
    assert sys.getrefcount(None) - before > -100, (
        "this PySide6 release drops references to None on void calls; "
        "install another (pyproject.toml excludes 6.12.0)"
    )
