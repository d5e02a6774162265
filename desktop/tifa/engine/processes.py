"""How Tifa starts worker processes.

Never by ``fork``: the GUI runs long work on threads, and a process forked while another
thread holds a lock (the import lock, a logging or tokenizer lock) can hang forever in the
child. ``forkserver`` forks from a clean single-threaded server where there is one; ``spawn``
elsewhere and in a PyInstaller bundle (whose spawn support the bundle's entry sets up). The
workers then import their function's module afresh, so it must be importable (module-level).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


def worker_context() -> BaseContext:
    """The multiprocessing context worker pools are started with (``multiprocessing`` is
    imported here: ``usable_cores`` is asked on the command line's start-up path)."""
    import multiprocessing

    forkserver = "forkserver" in multiprocessing.get_all_start_methods()
    frozen = getattr(sys, "frozen", False)
    return multiprocessing.get_context("forkserver" if forkserver and not frozen else "spawn")


def usable_cores() -> int:
    """The cores this process may run on (its affinity on Linux), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
