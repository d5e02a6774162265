"""Benchmark the desktop app: time to first paint, responsiveness, scrolling (offscreen).

Two cases: the sample pair (Beijing 000 against Chengdu 003) and 31 documents, "one meeting
as reported by every province" (generated from the seeds as in bench/compare.py). For each:

- seconds from opening the files to the comparison on screen (every row measured);
- the longest the GUI thread was unresponsive meanwhile (a 10 ms timer's largest gap);
- scrolling: the time to repaint the side-by-side view at successive scroll positions,
  vertically through the whole table and sideways across the columns (median and worst).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from compare import province_reports, seed_paragraphs
from tifa.engine.paths import default_pair
from tifa.gui.app import application
from tifa.gui.main_window import MainWindow
from tifa.gui.session import Session


def write_provinces(folder: Path) -> list[Path]:
    reports = province_reports(seed_paragraphs(), random.Random(7))
    paths = []
    for k, paragraphs in enumerate(reports, start=1):
        path = folder / f"province-{k:02d}.txt"
        path.write_text(f"第{k}省传达学习会议精神\n" + "\n".join(paragraphs) + "\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


class StallMeter:
    """A 10 ms timer on the GUI thread: its largest gap is the longest the window froze."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.worst_ms = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        self.worst_ms = max(self.worst_ms, self.clock.restart())

    def stop(self) -> None:
        self.timer.stop()


def paint_times(window: MainWindow, *, horizontal: bool) -> list[float]:
    view = window.side_by_side
    QApplication.processEvents()  # let the scroll bars take the measured rows' range
    bar = view.horizontalScrollBar() if horizontal else view.verticalScrollBar()
    page = max(1, bar.pageStep() // 2)
    times = []
    for value in range(bar.minimum(), bar.maximum() + page, page):
        bar.setValue(min(value, bar.maximum()))
        start = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - start)
    return times


def run_case(name: str, paths: Sequence[Path], *, size: tuple[int, int]) -> None:
    application()
    session = Session()
    window = MainWindow(session, restore_geometry=False)
    window.persist_state = False
    window.resize(*size)
    window.show()
    meter = StallMeter()
    loop = QEventLoop()
    window.comparison_shown.connect(loop.quit)
    meter.start()
    start = time.perf_counter()
    session.open_paths(paths)
    QTimer.singleShot(600_000, loop.quit)
    loop.exec()
    on_screen = time.perf_counter() - start
    meter.stop()
    view = window.side_by_side
    rows, columns = view.alignment.rowCount(), view.alignment.columnCount()
    down = paint_times(window, horizontal=False)
    across = paint_times(window, horizontal=True) if columns > 4 else []
    print(f"{name}: {len(paths)} documents, {rows} rows × {columns} columns")
    print(f"  open → comparison on screen: {on_screen:.2f} s "
          f"(row heights measured in {view.measure_seconds:.2f} s of GUI time)")
    print(f"  longest GUI stall meanwhile: {meter.worst_ms} ms")
    print(f"  vertical scroll repaint: median {statistics.median(down) * 1000:.1f} ms, "
          f"worst {max(down) * 1000:.1f} ms over {len(down)} positions")
    if across:
        print(f"  sideways scroll repaint: median {statistics.median(across) * 1000:.1f} ms, "
              f"worst {max(across) * 1000:.1f} ms over {len(across)} positions")
    switches = []
    for index in [*range(1, window.tabs.count()), 0]:  # each view in turn, then back
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        window.repaint()
        QApplication.processEvents()
        switches.append(time.perf_counter() - start)
    print(f"  switching views (shown and painted): worst {max(switches) * 1000:.0f} ms over "
          f"{len(switches)} switches (target: no stall over 100 ms)")
    session.shutdown()
    window.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the sample pair")
    parser.add_argument("--counties", type=int, default=0, metavar="N",
                        help="also N county readouts of one meeting (bench/scale.py's corpus)")
    args = parser.parse_args(argv)
    run_case("sample pair (000 × 003)", default_pair(), size=(1400, 900))
    if not args.quick:
        with tempfile.TemporaryDirectory() as folder:
            run_case("31 provinces", write_provinces(Path(folder)), size=(1400, 900))
    if args.counties:
        from scale import county_readouts, write_documents

        with tempfile.TemporaryDirectory() as folder:
            paths = write_documents(Path(folder), county_readouts(args.counties), "county")
            run_case(f"{args.counties} county readouts", paths, size=(1400, 900))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
