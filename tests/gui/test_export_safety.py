"""The GUI's exports keep the engine's promises (issue 9): an export aimed at one of the open
documents is refused with a message naming both files, and the document is left as it was."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.engine.atomic import TEMP_SUFFIX
from tifa.gui.exporting import ExportFailed, export_steps
from tifa.gui.main_window import MainWindow

TIMEOUT_MS = 60_000


@pytest.fixture
def html_input(tmp_path: Path) -> Path:
    """Beijing 2022 as an HTML document: what the user might save a report over."""
    lines = [ln for ln in BEIJING_2022.read_text(encoding="utf-8").splitlines() if ln.strip()]
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines[1:])
    path = tmp_path / "beijing.html"
    path.write_text(f"<html><head><title>{html.escape(lines[0])}</title></head><body>\n"
                    f"<h1>{html.escape(lines[0])}</h1>\n{body}</body></html>\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def window(open_window: object, html_input: Path) -> MainWindow:
    return open_window([html_input, CHENGDU_2022])  # type: ignore[no-any-return, operator]


def test_exporting_over_an_open_document_is_refused_and_says_why(
    qtbot: object, window: MainWindow, html_input: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hashlib.sha256(html_input.read_bytes()).hexdigest()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(html_input), ""))
    with qtbot.waitSignal(window.session.notice, timeout=TIMEOUT_MS) as blocker:  # type: ignore[attr-defined]
        window.actions_.exports["html"].trigger()
    qtbot.waitUntil(lambda: not window.session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    message = blocker.args[0]
    assert message.count(str(html_input)) == 2 and "is the input" in message
    assert "Traceback" not in message and "Something went wrong" not in message
    assert hashlib.sha256(html_input.read_bytes()).hexdigest() == before
    assert not [p for p in html_input.parent.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert window.session.comparison is not None  # the window carries on


def test_the_export_job_names_both_files_for_a_hard_link(
    window: MainWindow, html_input: Path
) -> None:
    comparison = window.session.comparison
    assert comparison is not None
    alias = html_input.with_name("alias.json")
    alias.hardlink_to(html_input)
    results = list(export_steps(comparison, alias, "json"))
    failed = results[-1]
    assert isinstance(failed, ExportFailed)
    assert failed.target == alias and str(html_input) in failed.reason
    assert "<html>" in alias.read_text(encoding="utf-8")
