"""The session reads and compares on worker threads, keeps what it could read, cancels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from conftest import ALL_SEEDS, BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.gui import preferences
from tifa.gui.session import Session

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


def _open_and_compare(qtbot: object, session: Session, paths: list[Path]) -> None:
    with qtbot.waitSignal(session.comparison_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_paths(paths)
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


def test_open_the_sample_pair_reads_and_compares(qtbot: object, make_session: object) -> None:
    session = make_session()  # type: ignore[operator]
    _open_and_compare(qtbot, session, [BEIJING_2022, CHENGDU_2022])
    assert [d.path.name for d in session.documents] == [BEIJING_2022.name, CHENGDU_2022.name]
    comparison = session.comparison
    assert comparison is not None
    assert len(comparison.documents) == 2
    assert session.pair is not None and set(session.pair) == {0, 1}
    assert session.column_order() == (0, 1)


def test_an_unreadable_file_is_named_and_the_others_stay(
    qtbot: object, make_session: object, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real docx")
    session = make_session()  # type: ignore[operator]
    problems: list[tuple[str, str]] = []
    session.problem_reported.connect(lambda path, reason: problems.append((path, reason)))
    _open_and_compare(qtbot, session, [BEIJING_2022, bad, CHENGDU_2022])
    assert [p for p, _ in problems] == [str(bad)]
    assert problems[0][1]  # a reason in words
    assert len(session.documents) == 2
    assert session.comparison is not None


def test_cancelling_a_long_comparison_stops_it_and_keeps_the_documents(
    qtbot: object, make_session: object, tmp_path: Path
) -> None:
    """Fifteen documents (the seeds, three times over) take a while to compare; cancelling at
    the first progress report ends the job without a comparison."""
    copies = []
    for k in range(3):
        for seed in ALL_SEEDS:
            target = tmp_path / f"{k}-{seed.name}"
            shutil.copy(seed, target)
            copies.append(target)
    session = make_session()  # type: ignore[operator]
    compare_progress = []
    session.progressed.connect(
        lambda p: compare_progress.append(p) if p.stage != "read" else None
    )
    with qtbot.waitSignal(session.documents_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.open_paths(copies)
    qtbot.waitUntil(lambda: bool(compare_progress), timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    with qtbot.waitSignal(session.compare_cancelled, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.cancel()
    qtbot.waitUntil(lambda: not session.busy, timeout=TIMEOUT_MS)  # type: ignore[attr-defined]
    assert session.comparison is None
    assert len(session.documents) == 15
    assert compare_progress[-1].done < compare_progress[-1].total


def test_reordering_keeps_the_comparison_and_moves_its_columns(
    qtbot: object, make_session: object
) -> None:
    session = make_session()  # type: ignore[operator]
    _open_and_compare(qtbot, session, [BEIJING_2022, CHENGDU_2022, BEIJING_2017])
    comparison = session.comparison
    session.move(2, -2)
    assert session.comparison is comparison
    assert session.documents[0].path == BEIJING_2017
    assert session.column_order() == (2, 0, 1)


def test_picking_the_pivot_recomputes_around_it(qtbot: object, make_session: object) -> None:
    session = make_session()  # type: ignore[operator]
    _open_and_compare(qtbot, session, [BEIJING_2022, CHENGDU_2022, BEIJING_2017])
    with qtbot.waitSignal(session.comparison_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.set_pivot(2)
    assert session.comparison is not None
    assert session.comparison.alignment.pivot == 2
    assert session.comparison.settings.pivot == 2


def test_changing_a_setting_recomputes_and_settings_persist(
    qtbot: object, make_session: object
) -> None:
    session = make_session(preferences.load_compare_settings())  # type: ignore[operator]
    _open_and_compare(qtbot, session, [BEIJING_2022, CHENGDU_2022])
    chosen = CompareSettings(granularity=Granularity.SENTENCE, link_threshold=0.65,
                             min_shared_chars=6, ignore_numbers=True)
    with qtbot.waitSignal(session.comparison_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        session.set_settings(chosen)
    assert session.comparison is not None
    assert session.comparison.settings.granularity is Granularity.SENTENCE
    assert session.comparison.settings.min_shared_chars == 6
    preferences.save_compare_settings(chosen)
    QSettings().sync()
    assert preferences.load_compare_settings() == chosen


def test_recent_files_are_remembered_most_recent_first(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    preferences.add_recent_files([a])
    preferences.add_recent_files([b, a])
    assert preferences.recent_files() == [b.resolve(), a.resolve()]


def test_a_pair_not_compared_up_front_is_compared_on_a_worker(
    qtbot: object, make_session: object
) -> None:
    """With many documents only the pivot's pairs are compared up front: choosing another pair
    compares it on a worker, then shows it (the GUI thread never computes it)."""
    import threading

    from tifa.engine.compare import pipeline

    def lazy_comparer(documents: object, *, settings: CompareSettings) -> object:
        return iter(pipeline.compare_steps(tuple(documents), settings=settings,  # type: ignore[arg-type]
                                           full_pairs=0))

    session = make_session(comparer=lazy_comparer)  # type: ignore[operator]
    _open_and_compare(qtbot, session, list(ALL_SEEDS))
    comparison = session.comparison
    assert comparison is not None and not comparison.all_pairs_computed
    pivot = comparison.alignment.pivot
    a, b = [d for d in range(len(comparison.documents)) if d != pivot][:2]
    assert not comparison.pair_ready(a, b)
    threads: list[threading.Thread] = []
    original = pipeline._compare_pair

    def watched(*args: object) -> object:
        threads.append(threading.current_thread())
        return original(*args)  # type: ignore[arg-type]

    pipeline_patch = pytest.MonkeyPatch()
    pipeline_patch.setattr(pipeline, "_compare_pair", watched)
    try:
        with qtbot.waitSignal(session.pair_changed, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
            session.set_pair(a, b)
            assert session.pair != (a, b)  # not yet: being compared
    finally:
        pipeline_patch.undo()
    assert session.pair == (a, b) and comparison.pair_ready(a, b)
    assert threads and threading.main_thread() not in threads
    # the detail pane's echoes of a pair not compared yet: compared with them, on a worker
    c = [d for d in range(len(comparison.documents)) if d not in (pivot, a)][1]
    assert not comparison.pair_ready(a, c) and session.sentence_links(a, c) is None
    threads.clear()
    pipeline_patch.setattr(pipeline, "_compare_pair", watched)
    try:
        with qtbot.waitSignal(session.sentence_links_ready, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
            session.request_sentence_links([(a, c)])
    finally:
        pipeline_patch.undo()
    assert comparison.pair_ready(a, c) and session.sentence_links(a, c) is not None
    assert threads and threading.main_thread() not in threads
    with qtbot.waitSignal(session.pair_changed, timeout=1000):  # type: ignore[attr-defined]
        session.set_pair(pivot, a)  # computed up front: at once
    assert session.pair == (pivot, a)
