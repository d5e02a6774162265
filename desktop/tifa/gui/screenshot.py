"""``tifa gui --screenshot``: wait until the comparison is on screen, grab the window, quit.

Used for the README's pictures and by tests. The wait ends when the window has shown a
comparison with every row measured (or reading ended without one); then the requested view
is brought up, given a moment to paint, and grabbed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from tifa import exit_codes
from tifa.engine.safe_text import terminal_safe
from tifa.gui.main_window import (
    TAB_CORPUS,
    TAB_FORMULATIONS,
    TAB_SIDE_BY_SIDE,
    TAB_SIMILARITY,
    MainWindow,
)

VIEWS = ("side", "formulations", "similarity", "pair", "corpus")
SETTLE_MS = 400


class Screenshotter(QObject):
    def __init__(self, window: MainWindow, path: Path, *, view: str, timeout_s: float,
                 started: float, pair: tuple[int, int] | None = None,
                 files: Sequence[Path] = ()) -> None:
        super().__init__(window)
        if view not in VIEWS:
            raise ValueError(f"unknown view {view!r}; one of {', '.join(VIEWS)}")
        self.window = window
        self.path = path
        self.view = view
        self.started = started
        self.pair = pair
        self.files = tuple(files)  # what ``pair``'s positions are positions of
        self.exit_code = 1
        self._done = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.setInterval(int(timeout_s * 1000))
        self._timeout.timeout.connect(self._timed_out)

    def start(self) -> None:
        self.window.comparison_shown.connect(self._on_screen)
        self.window.session.busy_changed.connect(self._busy_changed)
        self._timeout.start()

    def _busy_changed(self, busy: bool) -> None:
        session = self.window.session
        if not busy and session.comparison is None and not self._done:
            QTimer.singleShot(SETTLE_MS, self._grab)  # nothing to compare: show what there is

    def _on_screen(self) -> None:
        if self._done:
            return
        self.window.comparison_shown.disconnect(self._on_screen)
        elapsed = time.perf_counter() - self.started
        layout = self.window.last_first_paint_s or 0.0
        print(
            f"tifa gui: comparison on screen {elapsed:.2f} s after start "
            f"(table laid out in {layout:.2f} s, "
            f"{self.window.side_by_side.alignment.rowCount()} rows × "
            f"{self.window.side_by_side.alignment.columnCount()} documents)",
            file=sys.stderr,
        )
        self._prepare()

    def _prepare(self) -> None:
        w = self.window
        comparison = w.session.comparison
        if self.pair is not None and comparison is not None:
            wanted = self.pair_documents()
            if wanted is not None:
                w.session.set_pair(*wanted)
            else:  # a file not read (named on stderr) or two addresses of one document
                print(f"tifa gui: --pair {self.pair[0] + 1},{self.pair[1] + 1}: not two "
                      "documents that were compared; showing the first pair",
                      file=sys.stderr)
        if self.view == "side":
            w.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
            self._select_interesting_row()
            QTimer.singleShot(SETTLE_MS, self._grab)
        elif self.view == "corpus":  # the saved corpus, once its info is read
            w.corpus.info_shown.connect(lambda: QTimer.singleShot(SETTLE_MS, self._grab))
            w.tabs.setCurrentIndex(TAB_CORPUS)
            w.corpus.refresh_info()
        elif self.view == "formulations":
            w.tabs.setCurrentIndex(TAB_FORMULATIONS)
            QTimer.singleShot(SETTLE_MS, self._grab)
        elif self.view in ("similarity", "pair"):
            w.tabs.setCurrentIndex(TAB_SIMILARITY)
            if comparison is not None and len(comparison.documents) > 1 and w.session.pair:
                w.session.paragraph_matrix_ready.connect(self._matrix_ready)
                a, b = w.session.pair
                w.heatmap.click_cell(a, b)
                w.session.request_paragraph_matrix(a, b)
            else:
                QTimer.singleShot(SETTLE_MS, self._grab)

    def pair_documents(self) -> tuple[int, int] | None:
        """The comparison indices of the pair asked for: positions of the files given (an
        item address ``day.md#3`` is its item, a file of many items its first item; the
        documents of a file of many items do not shift the positions after it), or, with no
        files (a workspace, the samples), positions in the documents list."""
        if self.pair is None:
            return None
        a, b = self.pair
        if self.files:
            if max(a, b) >= len(self.files):
                return None
            found = self.window.session.documents_of_files([self.files[a], self.files[b]])
        else:
            order = self.window.session.column_order()
            found = [order[a], order[b]] if max(a, b) < len(order) else [None, None]
        first, second = found
        if first is None or second is None or first == second:
            return None
        return first, second

    def _matrix_ready(self, a: int, b: int, matrix: object) -> None:
        self.window.session.paragraph_matrix_ready.disconnect(self._matrix_ready)
        if self.view == "pair":
            self.window.show_pair_side_by_side(a, b)
            self._select_interesting_row()
        QTimer.singleShot(SETTLE_MS, self._grab)

    def _select_interesting_row(self) -> None:
        """Select the first row where every column has text and documents differ, so the
        detail pane shows a diff."""
        view = self.window.side_by_side
        model = view.alignment
        view.show_start()  # as the window opens (the pivot's column first, at many documents)
        for row in model.difference_rows():
            cells = [model.paragraphs_at(row, c) for c in range(model.columnCount())]
            if all(cells):
                view.go_to(row, view.start_column())
                return

    def _grab(self) -> None:
        if self._done:
            return
        if self.window.side_by_side.diffs_pending and self._timeout.isActive():
            QTimer.singleShot(50, self._grab)  # the word diffs on screen are still coming
            return
        self._done = True
        self._timeout.stop()
        QApplication.processEvents()
        reason = self._save()
        problems = len(self.window.session.problems)
        if reason:
            print(f"tifa gui: could not write {self.path}: {reason}", file=sys.stderr)
            self.exit_code = exit_codes.UNWRITABLE
        else:
            print(f"tifa gui: screenshot saved to {self.path}", file=sys.stderr)
            for problem in self.window.session.problems:  # named, as every command does
                print(f"tifa gui: {terminal_safe(str(problem))}", file=sys.stderr)
            self.exit_code = exit_codes.UNREADABLE if problems else exit_codes.OK
        self.window.close()
        QApplication.quit()

    def _save(self) -> str:
        """Save the grab through a temporary file renamed over the target (as every report
        is), never over a document open in the window: QImage.save opened the target for
        writing before finding it could not write a ``.txt`` image, which emptied a document
        named as the screenshot. Returns why it could not be saved, or ""."""
        from tifa.engine.atomic import OutputIsInputError, atomic_path, refuse_inputs

        image = self.window.grab()
        kind = (self.path.suffix.lstrip(".") or "png").upper()
        try:
            refuse_inputs([self.path], [d.path for d in self.window.session.documents])
            with atomic_path(self.path) as temporary:
                if not image.save(str(temporary), kind):
                    raise OSError(f"Qt cannot write a {kind} image (give a .png or .jpg name,"
                                  " and a size Qt can allocate)")
        except OutputIsInputError as error:
            return error.reason
        except OSError as error:
            return (error.strerror or str(error)) if error.errno else str(error)
        return ""

    def _timed_out(self) -> None:
        print("tifa gui: timed out waiting for the comparison; grabbing what is there",
              file=sys.stderr)
        self._grab()
        self.exit_code = 1
