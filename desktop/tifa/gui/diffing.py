"""Word diffs of side-by-side cells, computed off the GUI thread.

A linked cell's word diff against its counterpart (``lookup.cell_diff``) takes a few
milliseconds; a screenful is dozens of them, and with hundreds of documents every scroll or
view switch brings new ones. The side-by-side view tells ``DiffWorker.want`` which diffs the
rows on screen (and a margin around them) need, in the order they matter; one thread of a
private ``QThreadPool`` computes them and each result comes back to the GUI thread through
``ready``. The cell is shown plain meanwhile and repainted with its highlights when its diff
arrives (the model keeps every diff it received, so nothing is asked for twice).

The thread shares the GIL (and, on a loaded machine, the CPU) with the GUI thread: while the
user scrolls or the view measures its rows, the GUI tells ``gui_busy`` and the worker holds off
(sleeping, so the GIL is free) until the GUI has been quiet for ``QUIET_S``; a diff then takes
the GIL for a few milliseconds, a burst of them ``BURST_S`` at most, before the next check.
Paints count as busy too, briefly (``PAINT_QUIET_S``): the cells repainted as diffs arrive
come in between bursts.

Nothing is computed twice: a key waiting, being computed, or computed and on its way to the
GUI thread is never queued again. A new wish list replaces the keys still waiting (rows the
user scrolled away from, a colour mode without diffs: not computed). ``reset`` starts a new
generation for another comparison: results of the earlier one are dropped by the receiver,
which compares the generation they carry with its own.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Sequence

from PySide6.QtCore import QObject, QThreadPool, Signal

from tifa.engine.compare.lookup import CellDiff, cell_diff
from tifa.engine.compare.model import Comparison
from tifa.engine.compare.tokenize import get_tokenizer

# (reference document, its paragraphs, other document, its paragraphs): what a diff is of
DiffKey = tuple[int, tuple[int, ...], int, tuple[int, ...]]

EMPTY_DIFF = CellDiff((), ())
QUIET_S = 0.05  # after a scroll or a batch of row measuring, no diff for this long
PAINT_QUIET_S = 0.015  # after a paint (as when diffs arrive: the worker goes on soon)
BURST_S = 0.02  # diffs computed one after the other before the worker looks at the GUI again


class DiffWorker(QObject):
    """Computes cell diffs on one background thread, the latest wishes in their order."""

    ready = Signal(int, object, object)  # generation, DiffKey, CellDiff

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: list[DiffKey] = []
        self._running: DiffKey | None = None
        self._running_generation = 0
        self._done: set[DiffKey] = set()  # computed for this generation (maybe not delivered)
        self._generation = 0
        self._comparison: Comparison | None = None
        self._active = False  # a task is draining the queue
        self._stopped = False
        self._busy_until = 0.0  # time.monotonic() until which the GUI thread is busy
        self._sent = 0  # results emitted and not yet ``received`` (queued to the GUI thread)
        self.computed_count = 0  # diffs computed (benchmarks)
        # every key computed, in order, kept only when asked (tests): a long session would
        # otherwise keep one entry per diff ever shown
        self.record_keys = False
        self.computed: list[DiffKey] = []
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # the GIL: a second thread would only add contention
        self._pool.setObjectName("tifa-diffs")

    def reset(self, comparison: Comparison | None) -> int:
        """Work for ``comparison`` from now on (nothing waiting); the new generation."""
        with self._lock:
            self._generation += 1
            self._comparison = comparison
            self._waiting = []
            self._done = set()
            return self._generation

    @property
    def generation(self) -> int:
        return self._generation

    def want(self, keys: Sequence[DiffKey]) -> int:
        """Compute these keys, in this order, instead of the ones still waiting; keys being
        computed or already computed are left out. The number of keys queued."""
        with self._lock:
            done = self._done
            skip: set[DiffKey] = set()
            if self._running is not None and self._running_generation == self._generation:
                skip.add(self._running)  # (one of an earlier comparison is computed again)
            queue: list[DiffKey] = []
            for key in keys:
                if key not in skip and key not in done:
                    skip.add(key)
                    queue.append(key)
            self._waiting = queue
            start = bool(queue) and not self._active and not self._stopped
            if start:
                self._active = True
        if start:
            self._pool.start(self._drain)
        return len(queue)

    def gui_busy(self, seconds: float = QUIET_S) -> None:
        """The GUI thread is busy (scrolling, laying out, painting): no diff for ``seconds``
        (or longer, if an earlier call asked for longer)."""
        self._busy_until = max(self._busy_until, time.monotonic() + seconds)

    def received(self) -> None:
        """The receiver of ``ready`` calls this for every result it gets (kept or not)."""
        with self._lock:
            self._sent -= 1

    @property
    def waiting(self) -> int:
        """Keys waiting, being computed, or computed and not yet received."""
        with self._lock:
            return len(self._waiting) + (self._running is not None) + self._sent

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Drop what waits, let the diff being computed finish, and wait for the thread."""
        with self._lock:
            self._stopped = True
            self._waiting = []
        return self._pool.waitForDone(timeout_ms)

    def _drain(self) -> None:  # on the pool's thread
        tokenizer = get_tokenizer()
        burst = 0.0
        while True:
            if time.monotonic() - burst > BURST_S:
                while (pause := self._busy_until - time.monotonic()) > 0 and not self._stopped:
                    time.sleep(min(pause, QUIET_S))  # the GIL is free meanwhile
                burst = time.monotonic()
            with self._lock:
                if self._stopped or not self._waiting or self._comparison is None:
                    self._active = False
                    self._running = None
                    return
                key = self._running = self._waiting.pop(0)
                generation, comparison = self._generation, self._comparison
                self._running_generation = generation
            try:
                diff = cell_diff(comparison, *key, tokenizer=tokenizer)
            except Exception:  # a bug, not bad input: say so, show the cell without a diff
                traceback.print_exc(file=sys.stderr)
                diff = EMPTY_DIFF
            with self._lock:
                self._running = None
                self.computed_count += 1
                if self.record_keys:
                    self.computed.append(key)
                self._sent += 1
                if generation == self._generation:
                    self._done.add(key)
            try:
                self.ready.emit(generation, key, diff)
            except RuntimeError:  # the view is gone (closed without ``stop``)
                with self._lock:
                    self._active = False
                    self._sent -= 1
                return
