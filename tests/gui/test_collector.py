"""Full garbage collections are postponed while a job runs and restored after (issue 12:
they held the GIL for seconds while 100+ documents were compared)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from tifa.gui import collector


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _steps(seen: list[tuple[int, int, int]]) -> Iterator[int]:
    for k in range(3):
        seen.append(gc.get_threshold())
        yield k


def test_full_collections_wait_while_the_job_runs_and_come_back_after() -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    assert list(collector.postponing_full_collections(_steps(seen))) == [0, 1, 2]
    assert all(t[:2] == before[:2] and t[2] > 10**6 for t in seen)  # young ones go on
    assert gc.get_threshold() == before and not collector.postponed()
    assert gc.get_freeze_count() > 0  # what the job left alive is out of later collections


def test_a_cancelled_or_failing_job_restores_the_collector() -> None:
    before = gc.get_threshold()
    steps = collector.postponing_full_collections(_steps([]))
    next(steps)
    assert collector.postponed()
    steps.close()  # the worker closes a cancelled job's generator
    assert gc.get_threshold() == before

    def failing() -> Iterator[int]:
        yield 1
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        list(collector.postponing_full_collections(failing()))
    assert gc.get_threshold() == before and not collector.postponed()


def test_two_jobs_at_once_restore_the_collector_when_the_last_ends() -> None:
    before = gc.get_threshold()
    first = collector.postponing_full_collections(_steps([]))
    second = collector.postponing_full_collections(_steps([]))
    next(first)
    next(second)
    first.close()
    assert gc.get_threshold()[2] > 10**6  # the second still runs
    second.close()
    assert gc.get_threshold() == before


def test_settle_takes_the_living_objects_out_of_later_collections() -> None:
    kept = [object() for _ in range(1000)]
    try:
        collector.settle()
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
