"""Keep Python's full garbage collections from freezing the window.

A full (oldest-generation) collection walks every object alive and holds the GIL meanwhile,
whichever thread triggers it. Comparing 100 documents builds millions of small objects (links,
spans, marks), and the collections the comparing worker set off took 0.3–1.3 s each, growing
as the result grew: the GUI thread, which needs the GIL for every Python slot, stood still
that long (measured with bench/gui_stalls.py). So, while a comparison runs, only the young
generations are collected (the comparison's values hold no reference cycles: frozen
dataclasses and tuples, freed by reference counting), and once the result is on the GUI
thread everything alive is moved out of the collector's sight (``gc.freeze``): later
collections walk only what was made since.

Nothing here is specific to the comparison: ``postponing_full_collections`` wraps any long
job's generator; ``settle`` is called when its result has arrived.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] | None = None
_NEVER = 1 << 30  # an oldest-generation threshold that is never reached


def _enter() -> None:
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], _NEVER)
        _active += 1


def _leave() -> None:
    global _active, _saved
    with _lock:
        _active -= 1
        if _active == 0 and _saved is not None:
            # what the job built is alive now (its result on its way to the GUI thread): out
            # of sight first, or the next allocation would start the full collection that
            # was held back, over all of it (seconds at 300 documents)
            gc.freeze()
            gc.set_threshold(*_saved)
            _saved = None


def postponing_full_collections(steps: Iterator[T]) -> Iterator[T]:
    """Run ``steps`` (a job's generator) with full collections postponed until it ends,
    is cancelled or fails; young collections go on. At the end everything alive is frozen
    (``settle``) before full collections are allowed again."""
    _enter()
    try:
        yield from steps
    finally:
        _leave()


def postponed() -> bool:
    """True while some job postpones full collections."""
    return _active > 0


def settle() -> None:
    """A big result has arrived: take every object alive out of later collections (they
    are still freed by reference counting when let go)."""
    gc.freeze()
