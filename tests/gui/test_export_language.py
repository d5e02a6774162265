"""The window's exports speak the interface's language: a Chinese interface writes Chinese
reports (headings, keys, legends, settings), an English one English reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.gui import i18n
from tifa.gui.exporting import report_language
from tifa.gui.main_window import MainWindow

TIMEOUT_MS = 60_000


def _export(qtbot: object, window: MainWindow, target: Path,
            monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_.exports["html"].trigger()
    qtbot.waitUntil(lambda: not window.session.busy and target.exists(),  # type: ignore[attr-defined]
                    timeout=TIMEOUT_MS)
    return target.read_text(encoding="utf-8")


def test_exports_follow_the_interface_language(
    qtbot: object, open_window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window: MainWindow = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    assert report_language() == "en"
    english = _export(qtbot, window, tmp_path / "en.html", monkeypatch)
    assert "<h2>Side by side" in english and "并排对读" not in english

    i18n.install_language("zh_CN")
    assert report_language() == "zh"
    chinese = _export(qtbot, window, tmp_path / "zh.html", monkeypatch)
    assert "<h2>并排对读" in chinese and "<h2>Side by side" not in chinese
    assert "基准文档" in chinese and "compared by" not in chinese
