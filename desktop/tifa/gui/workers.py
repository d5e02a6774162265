"""Run the engine's long jobs off the GUI thread and relay what they yield.

An engine job is a generator yielding ``Progress`` values and other items (documents, input
errors, the final result). ``Job`` runs one on a ``QThread`` and re-emits every item as a Qt
signal, so the receiving slots run on the GUI thread. Cancelling sets a flag the worker checks
after each item; the worker then closes the generator (a generator can only be closed by the
thread running it). Progress is thinned to a few updates a second: a job yielding thousands
of them must not flood the event queue.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterator

from PySide6.QtCore import QObject, QThread, Signal

from tifa.engine.progress import Progress

JobFactory = Callable[[], Iterator[object]]
PROGRESS_INTERVAL_S = 0.05


class Job(QThread):
    """One engine generator on its own thread. Signals arrive on the GUI thread."""

    progressed = Signal(object)  # Progress
    produced = Signal(object)  # any item that is not Progress
    failed = Signal(str)  # an unexpected exception, with its traceback
    ended = Signal(bool)  # True when cancelled

    def __init__(self, name: str, factory: JobFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._factory = factory
        self._cancel = threading.Event()
        self.setObjectName(f"tifa-job-{name}")

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs on the worker thread
        last_progress = 0.0
        pending: Progress | None = None
        steps: Iterator[object] | None = None
        try:
            steps = self._factory()
            for item in steps:
                if self._cancel.is_set():
                    break
                if isinstance(item, Progress):
                    now = time.monotonic()
                    if now - last_progress >= PROGRESS_INTERVAL_S:
                        self.progressed.emit(item)
                        last_progress, pending = now, None
                    else:
                        pending = item
                    continue
                if pending is not None:
                    self.progressed.emit(pending)
                    pending = None
                self.produced.emit(item)
        except Exception:
            self.failed.emit(traceback.format_exc())
        finally:
            close = getattr(steps, "close", None)
            if close is not None:
                close()
            self.ended.emit(self._cancel.is_set())


class JobRunner(QObject):
    """Keeps track of running jobs so none is garbage-collected mid-run, and cancels them.

    ``busy`` is true while any job runs; ``progressed`` forwards the latest job's progress.
    Jobs have no Qt parent and no ``deleteLater``: finished ones are kept until the next
    ``start`` (or ``wait_all``) and then simply released, so a thread object is never
    destroyed from its own ``finished`` signal nor after its owner (both crashed PySide).
    """

    busy_changed = Signal(bool)
    progressed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._jobs: list[Job] = []
        self._finished: list[Job] = []

    def start(
        self,
        name: str,
        factory: JobFactory,
        *,
        on_item: Callable[[object], None],
        on_end: Callable[[bool], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> Job:
        self._finished.clear()  # threads that ended earlier: safe to release now
        job = Job(name, factory)
        job.produced.connect(on_item)
        job.progressed.connect(self.progressed)
        if on_error is not None:
            job.failed.connect(on_error)
        if on_end is not None:
            job.ended.connect(on_end)
        # a bound method, not a lambda holding the job: a closure that owns the job's wrapper
        # would be freed inside the job's own C++ destructor (deleteLater), which crashes
        job.finished.connect(self._job_finished)
        was_busy = self.busy
        self._jobs.append(job)
        job.start()
        if not was_busy:
            self.busy_changed.emit(True)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def running(self, name: str) -> list[Job]:
        return [j for j in self._jobs if j.name == name and not j.cancelled]

    def cancel(self, name: str | None = None) -> None:
        """Cancel the running jobs called ``name``, or all of them."""
        for job in self._jobs:
            if name is None or job.name == name:
                job.cancel()

    def wait_all(self, timeout_ms: int = 30_000) -> bool:
        """Cancel everything and wait for the threads to stop (on quit)."""
        self.cancel()
        # the jobs stay listed until their queued ``finished`` arrives (or this runner is
        # destroyed with its pending events): releasing them now would leave those events a
        # dangling sender
        return all(job.wait(timeout_ms) for job in list(self._jobs))

    def _job_finished(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            self._forget(job)

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            self._finished.append(job)
            if not self._jobs:
                self.busy_changed.emit(False)
