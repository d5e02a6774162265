"""Word diffs of the side-by-side cells come from a worker (issue 12: no GUI stall while
scrolling or switching views): a cell shows plain, then with its diff; nothing is computed
twice; results of an earlier comparison are dropped; the detail pane says when a pair of many
documents is still being compared. Real seeds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import BEIJING_2022
from tifa.engine.compare import lookup
from tifa.engine.compare.pipeline import compare_steps
from tifa.engine.progress import run_to_end
from tifa.gui import diffing, i18n
from tifa.gui.highlight import HighlightMode, MarkKind
from tifa.gui.main_window import MainWindow
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.views.detail_pane import DetailPane

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000
CHANGE_KINDS = {MarkKind.INSERTED, MarkKind.DELETED, MarkKind.CHANGED}


@pytest.fixture
def computed_on(monkeypatch: pytest.MonkeyPatch) -> list[tuple[object, str]]:
    """Every cell diff computed: (its key, the thread's name)."""
    calls: list[tuple[object, str]] = []
    original = lookup.cell_diff

    def counted(comparison: object, *key: object, **kwargs: object) -> object:
        calls.append((key, threading.current_thread().name))
        return original(comparison, *key, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(diffing, "cell_diff", counted)
    return calls


@pytest.fixture
def revised_pair(tmp_path: Path) -> list[Path]:
    """Seed 000 and a copy with a few words changed in several paragraphs."""
    text = BEIJING_2022.read_text(encoding="utf-8")
    edits = [("经济要稳住", "经贸要稳住"), ("谋划工作", "谋划全年工作"),
             ("高质量发展", "更高质量发展")]
    revised = text
    for old, new in edits:
        assert old in revised
        revised = revised.replace(old, new, 1)
    first, second = tmp_path / "draft.txt", tmp_path / "final.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(revised, encoding="utf-8")
    return [first, second]


@pytest.fixture
def window(open_window: object, revised_pair: list[Path]) -> MainWindow:
    shown: MainWindow = open_window(revised_pair)  # type: ignore[operator]
    return shown


def _changed_row(model: AlignmentModel, words: str) -> int:
    return next(r for r in range(model.rowCount())
                if any(words in model.plain_text(r, c) for c in range(model.columnCount())))


def test_a_cell_shows_plain_then_with_its_diff_computed_off_the_gui_thread(
    qtbot: object, window: MainWindow, computed_on: list[tuple[object, str]]
) -> None:
    view = window.side_by_side
    model = view.alignment
    row = _changed_row(model, "更高质量发展")
    column = model.column_of(1) or 0
    view.go_to(row, column)
    view.show_comparison(model.comparison, model.columns)  # as new: nothing diffed yet
    arrived: list[int] = []
    model.dataChanged.connect(lambda first, last, roles: arrived.append(first.row()))
    assert model.diff_pending(row, column)  # shown without it meanwhile
    plain = model.cell(row, column)
    assert not {m.kind for m in plain.marks} & CHANGE_KINDS
    assert MarkKind.NUMBER in {m.kind for m in plain.marks}  # the rest is there
    qtbot.waitUntil(lambda: not model.diff_pending(row, column), timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert row in arrived  # the cell was repainted
    cell = model.cell(row, column)
    marked = [cell.text[m.start:m.end] for m in cell.marks if m.kind in CHANGE_KINDS]
    assert "更" in "".join(marked)
    main = threading.main_thread().name
    assert computed_on and all(name != main for _, name in computed_on)


def test_rows_on_screen_and_a_margin_are_diffed_and_nothing_twice(
    qtbot: object, computed_on: list[tuple[object, str]], window: MainWindow
) -> None:
    view = window.side_by_side
    model = view.alignment
    worker = view.diff_worker
    worker.record_keys = True
    qtbot.waitUntil(lambda: not view.diffs_pending, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    on_screen = [(r, c) for r in range(first, last + 1) for c in range(model.columnCount())]
    assert not any(model.missing_diff(r, c) for r, c in on_screen)
    below = last + 1  # the margin below the screen is ready before it is scrolled to
    assert any(model.diff_key(r, c) for r in range(below, below + 4) for c in range(2))
    assert not any(model.missing_diff(r, c) for r in range(below, below + 4) for c in range(2))
    # shown again (rows as tall as now, nothing diffed): rows past the margin wait until shown
    view.show_comparison(model.comparison, model.columns)
    computed_on.clear()  # (the worker was idle: nothing of the first generation comes later)
    worker.computed.clear()
    qtbot.waitUntil(lambda: not view.diffs_pending and not view.layout_pending,  # type: ignore[attr-defined]
                    timeout=TIMEOUT_MS)
    assert not any(model.missing_diff(r, c) for r, c in on_screen)
    beyond = range(last + 1 + max(4, last - first + 1), model.rowCount())
    keyed = [(r, c) for r in beyond for c in range(2) if model.diff_key(r, c)]
    assert keyed and all(model.missing_diff(r, c) for r, c in keyed)
    # scroll down and back up, switch colours away and back: each diff computed once
    bar = view.verticalScrollBar()
    for k in [*range(11), *range(10, -1, -1)]:
        bar.setValue(bar.maximum() * k // 10)
        qtbot.wait(10)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: not view.diffs_pending, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    before = len(computed_on)
    view.set_mode(HighlightMode.SHARED)
    view.set_mode(HighlightMode.CHANGES)
    qtbot.wait(50)  # type: ignore[attr-defined]
    assert len(computed_on) == before  # back in the changes mode: all kept
    keys = [key for key, _ in computed_on]
    assert len(keys) == len(set(keys))
    every = {found[0] for r in range(model.rowCount()) for c in range(2)
             if (found := model.diff_key(r, c)) is not None}
    assert set(keys) == every  # every row was on screen once
    assert keys == worker.computed
    assert not any(model.missing_diff(r, c) for r, c in on_screen)


def test_a_mode_without_diffs_wants_none_and_f7_still_finds_the_changed_words(
    qtbot: object, window: MainWindow
) -> None:
    view = window.side_by_side
    view.set_mode(HighlightMode.FORMULATIONS)
    assert view.wanted_diffs() == []
    view.set_mode(HighlightMode.CHANGES)
    view.go_to(0, 0)
    seen = []
    for _ in range(8):
        if not view.step_difference(True):
            break
        if view.current_change is not None:
            seen.append(view.current_change)
    assert seen  # F7 reads the row's changes itself (one row: on the GUI thread)


def test_a_result_for_an_earlier_comparison_is_dropped(
    qtbot: object, window: MainWindow
) -> None:
    view = window.side_by_side
    model = view.alignment
    worker = view.diff_worker
    qtbot.waitUntil(lambda: not view.diffs_pending, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    keys = [found[0] for r in range(model.rowCount()) for c in range(2)
            if (found := model.diff_key(r, c)) is not None]
    assert keys and keys[0] in model._diffs
    old = worker.generation
    view.show_comparison(model.comparison, model.columns)  # shown again: a new generation
    assert worker.generation != old and keys[0] not in model._diffs
    model._diff_arrived(old, keys[0], lookup.CellDiff((), ()))  # late, for the earlier one
    assert keys[0] not in model._diffs
    qtbot.waitUntil(lambda: keys[0] in model._diffs, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def test_the_detail_pane_says_a_pair_is_being_compared(
    qtbot: object, seed_documents: tuple[object, ...]
) -> None:
    comparison = run_to_end(compare_steps(seed_documents, full_pairs=0))  # type: ignore[arg-type]
    pivot = comparison.alignment.pivot
    a, b = [d for d in range(len(comparison.documents)) if d != pivot][:2]
    assert not comparison.pair_ready(a, b) and comparison.pair_ready(a, pivot)
    pane = DetailPane()
    qtbot.addWidget(pane)  # type: ignore[attr-defined]
    missing = pane.show_cell(comparison, a, (0,), (b,), lambda x, y: None)
    assert missing == [(a, b)]
    assert "comparing these two documents…" in pane.toPlainText()
    assert "echo" not in pane.toPlainText()
    i18n.install_language("zh_CN")
    pane.show_cell(comparison, a, (0,), (b,), lambda x, y: None)
    assert "正在比较这两篇文档…" in pane.toPlainText()
    i18n.install_language("en")
    # the pair compared, its echoing sentences not yet looked for: that is what it says
    comparison.pair(a, b)
    pane.show_cell(comparison, a, (0,), (b,), lambda x, y: None)
    assert "comparing these two" not in pane.toPlainText()
