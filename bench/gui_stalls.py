"""Benchmark: the GUI thread's longest stall per action, with many documents (offscreen).

Builds N county readouts of one provincial meeting (bench/scale.py's generator: a real core
readout kept with small edits plus local paragraphs from other real documents), opens them in
the app and records, for each action a user takes, the longest the GUI thread was busy: a
QTimer ticks every 10 ms on the GUI thread and the largest gap between two ticks is the stall.
Target (issue 12): no stall over 100 ms. Each action also reports "busy": the GUI thread's largest
CPU time between two ticks, which load on the machine does not lengthen (the stall does: on a
loaded machine compare stalls of two checkouts run alternately, and their "busy" times).

Actions: comparing (open → comparison on screen, every row measured), scrolling the side by
side down and sideways, switching to each tab (formulations, similarity, corpus, back), clicking
a heatmap cell (the dot plot of the pair), filtering the heatmap, showing a subset side by side.

``--long-pair`` opens bench/compare.py's long pair instead (2 × ~400 paragraphs, nearly all in
linked rows: every row scrolled to needs word diffs).

``--verbose`` lists each stall over 50 ms with the GUI thread's CPU time within it and what the
GUI thread was doing: a thread samples the GUI thread's Python stack every 2 ms, and the stall
is put down to its most frequent sample — the innermost Tifa function and the outermost one
(the handler Qt called: a slot, a timer, a paint), or "Qt" when no Tifa code was on the stack
(Qt's own work, named by the last event delivered: ``--events`` records them, at a cost). A
stall with little CPU is time the thread waited (load on the machine, or another thread
holding the GIL: then the worker threads' samples are named too).

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
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scale import SHAPES, county_readouts, long_pair, write_documents
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
SAMPLE_S = 0.002
REPORTED_MS = 50  # stalls this long are listed with what the GUI thread was doing (--verbose)
TIFA = os.sep + "tifa" + os.sep


def _where(frame: object) -> str:
    """A stack sample's name: the innermost Tifa function ← the outermost one (the handler
    Qt called), or the innermost frame when no Tifa code is on the stack."""
    from types import FrameType

    tifa: list[str] = []
    innermost = ""
    f = frame if isinstance(frame, FrameType) else None
    while f is not None:
        code = f.f_code
        name = f"{Path(code.co_filename).stem}.{getattr(code, 'co_qualname', code.co_name)}"
        if not innermost:
            innermost = f"{name}:{f.f_lineno}"
        if TIFA in code.co_filename:
            tifa.append(name if tifa else f"{name}:{f.f_lineno}")
        f = f.f_back
    if not tifa:
        return f"Qt (no Tifa code; in {innermost})"
    return tifa[0] if len(tifa) == 1 else f"{tifa[0]} ← {tifa[-1]}"


class EventLog(QObject):
    """The last event Qt started to deliver (an application-wide event filter: ``--events``)."""

    def __init__(self) -> None:
        super().__init__()
        self.last = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.last = f"{event.type().name} → {type(watched).__name__}"
        return False


class Sampler:
    """Samples the GUI thread's Python stack (and the other threads' that run Python) every
    ``SAMPLE_S``; ``explain`` names what it was doing over a stretch of time."""

    def __init__(self, events: EventLog | None) -> None:
        self.gui = threading.get_ident()
        self.events = events
        self.samples: deque[tuple[float, str, str, str]] = deque(maxlen=50_000)
        self.running = True
        self.thread = threading.Thread(target=self._run, name="stall-sampler", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        me = threading.get_ident()
        while self.running:
            frames = sys._current_frames()
            gui = frames.get(self.gui)
            others = [_where(f) for ident, f in frames.items() if ident not in (me, self.gui)]
            busy = [o for o in others if not o.startswith("Qt (") and "wait" not in o]
            where = _where(gui)
            # no frame may outlive the sample: a frame kept alive keeps its locals (a paint
            # event's QPainter would stay active after the paint)
            del frames, gui
            event = self.events.last if self.events is not None else ""
            self.samples.append((time.perf_counter(), where, event, "; ".join(busy)))
            time.sleep(SAMPLE_S)

    def explain(self, start: float, end: float) -> str:
        inside = [s for s in tuple(self.samples) if start <= s[0] <= end]  # (a copy: the
        # sampler appends meanwhile)
        if not inside:
            return "no sample"
        counts = Counter(s[1] for s in inside)
        parts = [f"{n * 100 // len(inside)}% {where}" for where, n in counts.most_common(2)]
        events = Counter(s[2] for s in inside if s[2])
        if events:
            parts.append(f"event {events.most_common(1)[0][0]}")
        workers = Counter(s[3] for s in inside if s[3])
        if workers:
            where, n = workers.most_common(1)[0]
            parts.append(f"other threads ({n * 100 // len(inside)}%): {where}")
        return "; ".join(parts)

    def stop(self) -> None:
        self.running = False


class StallMeter:
    """A 10 ms timer on the GUI thread; ``worst_ms`` is its largest gap since ``reset``."""

    def __init__(self, on_reset: Callable[[], None] = lambda: None) -> None:
        self.started = on_reset  # called at each reset (a profiler starts there)
        self.clock = QElapsedTimer()
        self.since = QElapsedTimer()
        self.worst_ms = 0
        self.worst_cpu_ms = 0  # the GUI thread's largest CPU time between two ticks
        self.late: list[tuple[int, int]] = []  # (ms since reset at the tick, its gap) > 100 ms
        # every gap over REPORTED_MS: (perf_counter at its end, gap ms, GUI thread CPU ms in it)
        self.long: list[tuple[float, int, int]] = []
        self.tick_cpu = time.thread_time()
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
        self.worst_cpu_ms = 0
        self.late = []
        self.gaps = []
        self.long = []
        self.cpu_start = time.thread_time()  # this (the GUI) thread's CPU time
        self.tick_cpu = self.cpu_start
        self.started()

    def _tick(self) -> None:
        gap = self.clock.restart()
        cpu = time.thread_time()
        self.worst_ms = max(self.worst_ms, gap)
        self.worst_cpu_ms = max(self.worst_cpu_ms, round((cpu - self.tick_cpu) * 1000))
        if gap > REPORTED_MS:
            self.long.append((time.perf_counter(), gap, round((cpu - self.tick_cpu) * 1000)))
        self.tick_cpu = cpu
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


def _opening_rows(comparison: object, session: Session) -> object | None:
    """The side-by-side rows the comparing worker lays out with a comparison (checkouts
    that have it: ``tifa.gui.models.table_rows``), here for a stored one, before it is
    timed; None for older checkouts (the GUI thread lays them out)."""
    try:
        from tifa.gui.models.table_rows import table_rows
        from tifa.gui.session import column_order
    except ImportError:
        return None
    return table_rows(comparison, column_order(comparison, session.documents))  # type: ignore[arg-type]


def run(paths: Sequence[Path], cache: Path | None, *, verbose: bool = False,
        profile: bool = False, events: bool = False) -> dict[str, int]:
    app = application()
    event_log = EventLog() if events else None
    if event_log is not None:
        app.installEventFilter(event_log)
    sampler = Sampler(event_log) if verbose or events else None
    reset_at = [time.perf_counter()]
    load_word_list()  # as the app does before its window shows (tifa.gui.app.run)
    session = Session()
    window = MainWindow(session, restore_geometry=False)
    window.persist_state = False
    window.resize(1400, 900)
    window.show()
    settle(200)
    profiler = Profiler(profile)

    def started() -> None:
        reset_at[0] = time.perf_counter()
        profiler.restart()

    meter = StallMeter(on_reset=started)
    meter.start()
    stalls: dict[str, int] = {}
    gaps: list[int] = []
    cpu: list[int] = []
    busiest: dict[str, int] = {}

    worker = getattr(window.side_by_side, "diff_worker", None)  # word diffs off the GUI thread
    diffs_before = [0]

    def record(name: str) -> None:
        stalls[name] = meter.worst_ms
        busiest[name] = meter.worst_cpu_ms
        gaps.extend(meter.gaps)
        cpu.append(meter.cpu_ms())
        diffs = ""
        if worker is not None:
            diffs = f"; diffs on the worker: {worker.computed_count - diffs_before[0]}"
            diffs_before[0] = worker.computed_count
        print(f"  {name:<40} {meter.worst_ms:>5} ms, busy {meter.worst_cpu_ms:>3} ms "
              f"(GUI thread CPU {cpu[-1]:>5} ms; "
              f"gaps > 50 ms: {len(meter.gaps)}{diffs})", flush=True)
        if sampler is not None and meter.long:
            worst = sorted(meter.long, key=lambda g: -g[1])[:6]
            print(f"      {len(meter.long)} stalls over {REPORTED_MS} ms; the longest:", flush=True)
            for end, gap, gap_cpu in sorted(worst):
                at = round((end - reset_at[0]) * 1000)
                why = sampler.explain(end - gap / 1000, end)
                print(f"        at {at:>5} ms: {gap:>4} ms (GUI CPU {gap_cpu:>3} ms): {why}",
                      flush=True)
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
        rows = _opening_rows(comparison, session)  # as the comparing worker lays them out
        meter.reset()
        if rows is None:
            session._set_comparison(comparison)  # a stored result, shown as new
        else:
            session._set_comparison(comparison, rows)
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
    worst = max(busiest, key=busiest.__getitem__)
    print(f"  busiest stretch: {busiest[worst]} ms of GUI-thread CPU between two ticks "
          f"({worst})", flush=True)
    print(f"  gaps over 50 ms: {len(over)}, over 100 ms: {sum(g > 100 for g in over)}; "
          f"GUI thread CPU in all: {sum(cpu)} ms; load average {os.getloadavg()[0]:.1f}",
          flush=True)
    session.shutdown()
    window.close()
    if sampler is not None:
        sampler.stop()
    return stalls


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=300, metavar="N")
    parser.add_argument("--long-pair", action="store_true",
                        help="the long pair (2 documents, ~400 linked rows) instead")
    parser.add_argument("--shape", metavar="NAME[:N]",
                        help=f"bench/scale.py's input shape instead ({', '.join(SHAPES)})")
    parser.add_argument("--cache", type=Path, help="pickle of the comparison: made, then reused")
    parser.add_argument("--verbose", action="store_true",
                        help="also list each stall over 100 ms and when the result arrived")
    parser.add_argument("--events", action="store_true",
                        help="with --verbose: also name the last event Qt delivered in each "
                        "stall (an application-wide event filter: slows every event)")
    parser.add_argument("--profile", action="store_true",
                        help="print where the GUI thread spent its time in each action")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        # with a cache, the documents stay beside it (the cached comparison names their paths)
        folder = args.cache.with_name(args.cache.stem + "-docs") if args.cache else Path(scratch)
        if args.long_pair:
            paths = write_documents(folder, long_pair(), "long")
            what = "the long pair"
        elif args.shape:
            name, _, n = args.shape.partition(":")
            maker, default = SHAPES[name]
            count = int(n) if n else default
            paths = write_documents(folder, maker(count), name)
            what = f"shape {name}, {count} documents"
        else:
            paths = write_documents(folder, county_readouts(args.counties), "county")
            what = f"{args.counties} county readouts"
        print(f"{what}: longest GUI-thread stall per action "
              f"(a {TICK_MS} ms timer's largest gap; target ≤ 100 ms)", flush=True)
        stalls = run(paths, args.cache, verbose=args.verbose, profile=args.profile,
                     events=args.events)
    print(f"  worst: {max(stalls.values())} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
