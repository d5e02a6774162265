"""Benchmark: the GUI thread's longest stall per action, with many documents (offscreen).

Builds N county readouts of one provincial meeting (bench/scale.py's generator: a real core
readout kept with small edits plus local paragraphs from other real documents), opens them in
the app and records, for each action a user takes, the longest the GUI thread was busy: a
QTimer ticks every 10 ms on the GUI thread and the largest gap between two ticks is the stall.
Target (issue 12): no stall over 100 ms.

Actions: comparing (open → comparison on screen, every row measured), scrolling the side by
side down and sideways, switching to each tab (formulations, similarity, corpus, back), clicking
a heatmap cell (the dot plot of the pair), filtering the heatmap, showing a subset side by side.

``--long-pair`` opens bench/compare.py's long pair instead (2 × ~400 paragraphs, nearly all in
linked rows: every row scrolled to needs word diffs).

``--profile`` prints, after each action, where the GUI thread spent its time (cProfile of the
GUI thread only: workers are not in it; the profiler slows Python down, so stalls read longer).

``--cache FILE`` keeps the comparison computed on the first run (pickled) and later runs show it
without comparing again (the "comparing" action is then "showing the comparison").

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui_stalls.py [--counties 300] [--cache F]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scale import county_readouts, long_pair, write_documents
from tifa.gui.app import application, load_word_list
from tifa.gui.main_window import (
    TAB_CORPUS,
    TAB_FORMULATIONS,
    TAB_SIDE_BY_SIDE,
    TAB_SIMILARITY,
    MainWindow,
)
from tifa.gui.session import Session

TICK_MS = 10


class StallMeter:
    """A 10 ms timer on the GUI thread; ``worst_ms`` is its largest gap since ``reset``."""

    def __init__(self, on_reset: Callable[[], None] = lambda: None) -> None:
        self.started = on_reset  # called at each reset (a profiler starts there)
        self.clock = QElapsedTimer()
        self.since = QElapsedTimer()
        self.worst_ms = 0
        self.late: list[tuple[int, int]] = []  # (ms since reset at the tick, its gap) > 100 ms
        self.gaps: list[int] = []  # every gap over 50 ms since reset
        self.cpu_start = 0.0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def reset(self) -> None:
        QApplication.processEvents()
        self.clock.restart()
        self.since.start()
        self.worst_ms = 0
        self.late = []
        self.gaps = []
        self.cpu_start = time.thread_time()  # this (the GUI) thread's CPU time
        self.started()

    def _tick(self) -> None:
        gap = self.clock.restart()
        self.worst_ms = max(self.worst_ms, gap)
        if gap > 50:
            self.gaps.append(gap)
        if gap > 100:
            self.late.append((self.since.elapsed(), gap))

    def cpu_ms(self) -> int:
        """The GUI thread's CPU time since ``reset`` (load on the machine does not count)."""
        return round((time.thread_time() - self.cpu_start) * 1000)

    def stop(self) -> None:
        self.timer.stop()


def settle(ms: int) -> None:
    """Let the event loop run (timers, queued work, paints) for ``ms``."""
    QTest.qWait(ms)


def wait_for(condition: Callable[[], bool], timeout_ms: int = 60_000) -> bool:
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            return False
        QTest.qWait(20)
    return True


def scroll(bar: object, steps: int) -> int:
    """Page through a scroll bar in ``steps`` steps, letting the view paint each position."""
    from PySide6.QtWidgets import QScrollBar

    assert isinstance(bar, QScrollBar)
    span = bar.maximum() - bar.minimum()
    if span <= 0:
        return 0
    for k in range(steps + 1):
        bar.setValue(bar.minimum() + span * k // steps)
        settle(30)
    return steps


class Profiler:
    """cProfile of the GUI thread, one profile per action (``--profile``)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.profile: cProfile.Profile | None = None

    def restart(self) -> None:
        if self.enabled:
            if self.profile is not None:
                self.profile.disable()
            self.profile = cProfile.Profile()
            self.profile.enable()

    def report(self) -> None:
        if self.profile is None:
            return
        self.profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(self.profile, stream=out)
        stats.sort_stats("cumulative").print_stats(18)
        lines = [line for line in out.getvalue().splitlines() if line.strip()]
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        print("\n".join("      " + line[:150] for line in lines[start:]), flush=True)
        self.profile = None


def run(paths: Sequence[Path], cache: Path | None, *, verbose: bool = False,
        profile: bool = False) -> dict[str, int]:
    application()
    load_word_list()  # as the app does before its window shows (tifa.gui.app.run)
    session = Session()
    window = MainWindow(session, restore_geometry=False)
    window.persist_state = False
    window.resize(1400, 900)
    window.show()
    settle(200)
    profiler = Profiler(profile)
    meter = StallMeter(on_reset=profiler.restart)
    meter.start()
    stalls: dict[str, int] = {}
    gaps: list[int] = []
    cpu: list[int] = []

    worker = getattr(window.side_by_side, "diff_worker", None)  # word diffs off the GUI thread
    diffs_before = [0]

    def record(name: str) -> None:
        stalls[name] = meter.worst_ms
        gaps.extend(meter.gaps)
        cpu.append(meter.cpu_ms())
        diffs = ""
        if worker is not None:
            diffs = f"; diffs on the worker: {worker.computed_count - diffs_before[0]}"
            diffs_before[0] = worker.computed_count
        print(f"  {name:<44} {meter.worst_ms:>6} ms   (GUI thread CPU {cpu[-1]:>5} ms; "
              f"gaps > 50 ms: {len(meter.gaps)}{diffs})", flush=True)
        if verbose and meter.late:
            worst = sorted(meter.late, key=lambda late: -late[1])[:8]
            print(f"      {len(meter.late)} stalls over 100 ms; the longest (ending at ms: gap):",
                  ", ".join(f"{t}: {gap}" for t, gap in sorted(worst)), flush=True)
        profiler.report()

    def mark(what: str) -> None:
        if verbose:
            print(f"      [{meter.since.elapsed()} ms: {what}]", flush=True)

    session.comparison_changed.connect(lambda: mark("the comparison arrives"))

    loop = QEventLoop()
    window.comparison_shown.connect(loop.quit)
    QTimer.singleShot(3_600_000, loop.quit)
    start = time.perf_counter()
    comparison = None
    if cache is not None and cache.exists():
        from tifa.engine.ingest import read_document

        session.documents = [read_document(p) for p in paths]
        session.documents_changed.emit()
        comparison = pickle.loads(cache.read_bytes())
        meter.reset()
        session._set_comparison(comparison)  # a stored result, shown as new
        loop.exec()
        record("showing the comparison (cached)")
    else:
        meter.reset()
        session.open_paths(paths)
        loop.exec()
        record("comparing (open → on screen)")
        if cache is not None and session.comparison is not None:
            cache.write_bytes(pickle.dumps(session.comparison))
    print(f"  ({time.perf_counter() - start:.1f} s to the comparison on screen)", flush=True)
    view = window.side_by_side

    meter.reset()
    scroll(view.verticalScrollBar(), 40)
    record("scrolling side by side (down)")
    meter.reset()
    scroll(view.horizontalScrollBar(), 40)
    record("scrolling side by side (sideways)")

    for name, tab in (("formulations", TAB_FORMULATIONS), ("similarity", TAB_SIMILARITY),
                      ("corpus", TAB_CORPUS), ("side by side", TAB_SIDE_BY_SIDE)):
        meter.reset()
        window.tabs.setCurrentIndex(tab)
        settle(400)
        record(f"switching to {name}")

    window.tabs.setCurrentIndex(TAB_FORMULATIONS)
    settle(200)
    meter.reset()
    scroll(window.formulations.table.verticalScrollBar(), 20)
    record("scrolling the formulations")

    window.tabs.setCurrentIndex(TAB_SIMILARITY)
    settle(200)
    heatmap = window.heatmap
    order = heatmap.model.documents_at(0, 0)[0], heatmap.model.documents_at(0, 1)[1]
    meter.reset()
    heatmap.click_cell(order[0], order[1] if order[1] != order[0] else 1)
    wait_for(lambda: heatmap.dot_plot.matrix is not None)
    settle(200)
    record("clicking a heatmap cell (dot plot)")
    meter.reset()
    scroll(heatmap.table.verticalScrollBar(), 20)
    record("scrolling the heatmap")

    filter_box = getattr(heatmap, "filter_box", None)
    if filter_box is not None:
        meter.reset()
        for typed in ("第", "第1", "第12"):  # typing (QTest types ASCII only)
            filter_box.setText(typed)
            settle(60)
        settle(400)
        record("filtering the heatmap (typing a name)")
        filter_box.clear()
        settle(200)
    threshold = getattr(heatmap, "threshold_box", None)
    if threshold is not None:
        meter.reset()
        threshold.setValue(0.9)
        settle(400)
        record("filtering the heatmap (similarity ≥ 0.9)")
        threshold.setValue(0.0)
        settle(200)

    subset = getattr(window, "show_subset_side_by_side", None)
    if subset is not None and len(session.documents) > 6:
        meter.reset()
        subset(tuple(heatmap.model.documents_at(0, c)[1] for c in range(6)))
        wait_for(lambda: not view.layout_pending)
        settle(200)
        record("six documents side by side (subset)")
        meter.reset()
        window.show_all_documents()
        wait_for(lambda: not view.layout_pending)
        settle(200)
        record("back to all documents side by side")
    over = sorted(gaps)
    print(f"  gaps over 50 ms: {len(over)}, over 100 ms: {sum(g > 100 for g in over)}; "
          f"GUI thread CPU in all: {sum(cpu)} ms; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    session.shutdown()
    window.close()
    return stalls


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=300, metavar="N")
    parser.add_argument("--long-pair", action="store_true",
                        help="the long pair (2 documents, ~400 linked rows) instead")
    parser.add_argument("--cache", type=Path, help="pickle of the comparison: made, then reused")
    parser.add_argument("--verbose", action="store_true",
                        help="also list each stall over 100 ms and when the result arrived")
    parser.add_argument("--profile", action="store_true",
                        help="print where the GUI thread spent its time in each action")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        # with a cache, the documents stay beside it (the cached comparison names their paths)
        folder = args.cache.with_name(args.cache.stem + "-docs") if args.cache else Path(scratch)
        if args.long_pair:
            paths = write_documents(folder, long_pair(), "long")
            what = "the long pair"
        else:
            paths = write_documents(folder, county_readouts(args.counties), "county")
            what = f"{args.counties} county readouts"
        print(f"{what}: longest GUI-thread stall per action "
              f"(a {TICK_MS} ms timer's largest gap; target ≤ 100 ms)", flush=True)
        stalls = run(paths, args.cache, verbose=args.verbose, profile=args.profile)
    print(f"  worst: {max(stalls.values())} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
