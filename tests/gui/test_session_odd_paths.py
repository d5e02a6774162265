"""Opening a symlink loop in the window: named like any unreadable file, the others stay
(`tifa gui loop.txt a.txt b.txt` used to end in a RuntimeError traceback; found by the
tester)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.gui.session import Session

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


def test_a_symlink_loop_is_named_and_the_others_compared(
    qtbot: object, make_session: object, tmp_path: Path
) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "other.txt")
    (tmp_path / "other.txt").symlink_to(loop)
    session: Session = make_session()  # type: ignore[operator]
    problems: list[tuple[str, str]] = []
    session.problem_reported.connect(lambda path, reason: problems.append((path, reason)))
    with qtbot.waitSignal(session.comparison_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_paths([loop, BEIJING_2022, CHENGDU_2022])
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert [p for p, _ in problems] == [str(loop)]
    assert "symbolic links" in problems[0][1]
    assert [d.path.name for d in session.documents] == [BEIJING_2022.name, CHENGDU_2022.name]
    session.open_paths([loop])  # again: no crash comparing it with what is open
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert len(session.documents) == 2
