"""Progress reports that long engine jobs yield, and a helper to run such a job to the end.

Long work is a generator that yields ``Progress`` values and finally yields its result. The
GUI's worker relays each ``Progress`` to the main thread and cancels by closing the generator;
the command line just drains it. No threads or Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Progress:
    stage: str  # short machine name: "read", "tokenize", "align", "formulations", ...
    done: int
    total: int
    message: str = ""

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


def run_to_end(steps: Iterable[Progress | T]) -> T:
    """Drain a progress-yielding job and return its last, non-progress item."""
    result: T | None = None
    found = False
    for item in steps:
        if not isinstance(item, Progress):
            result, found = item, True
    if not found:
        raise RuntimeError("the job ended without a result")
    return result  # type: ignore[return-value]
