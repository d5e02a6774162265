"""Worker processes started ahead (``start_workers_early``): the command line starts them
before reading, so that they load the engine while the documents are read; a comparison in
full of 21-31 documents then shares its pairs with them. Same comparison as one process."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.engine.compare import compare, pipeline
from tifa.engine.ingest import read_document
from tifa.engine.model import Document

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def documents(count: int) -> list[Document]:
    sources = [read_document(BEIJING_2022), read_document(CHENGDU_2022)]
    return [
        replace(
            sources[k % 2],
            path=Path(f"{k:02d}.txt"),
            paragraphs=sources[k % 2].paragraphs[k % 7 : k % 7 + 4],
        )
        for k in range(count)
    ]


def test_early_workers_give_the_same_comparison(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    found = documents(22)  # 231 pairs: compared with the early workers
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    alone = compare(found)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the data is shipped
    shared_by: list[str] = []
    real = pipeline._EarlyRun.results

    def counted(self: pipeline._EarlyRun, *args: object) -> Iterator[object]:
        for results in real(self, *args):  # type: ignore[arg-type]
            shared_by.append("tile")
            yield results

    monkeypatch.setattr(pipeline._EarlyRun, "results", counted)
    assert pipeline.start_workers_early(len(found))
    assert not pipeline.start_workers_early(len(found))  # one pool at a time
    early = compare(found)
    assert early == alone
    # 22 documents in tiles of 2: 11 rows of tiles, 66 tiles, each of them done once
    assert len(shared_by) == 66
    assert not pipeline._EARLY and not pipeline._WORKER
    assert not multiprocessing.active_children()
    # the shipped data is deleted (multiprocessing's own folder, pymp-…, may be there)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tifa-")] == []


def test_a_comparison_closed_before_its_pairs_stops_the_workers_it_began_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    found = documents(22)
    assert pipeline.start_workers_early(len(found))
    steps = pipeline.compare_steps(found)
    for _ in range(3):  # into the words: the workers have begun on the pairs
        next(steps)
    run = pipeline._EARLY["run"]
    assert isinstance(run, pipeline._EarlyRun) and Path(run.folder).is_dir()
    steps.close()
    assert not pipeline._EARLY and not multiprocessing.active_children()
    assert not Path(run.folder).exists()


def test_workers_no_comparison_takes_are_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    taken: list[object] = []
    real = pipeline._take_early_pool

    def watched() -> object:
        found = real()
        taken.append(found)
        return found

    monkeypatch.setattr(pipeline, "_take_early_pool", watched)
    assert pipeline.start_workers_early(22)
    two = compare(documents(2))  # too few pairs for workers: compared here
    assert len(two.pairs) == 1
    assert not pipeline._EARLY
    pool = taken[-1][0]  # type: ignore[index]
    assert all(not worker.is_alive() for worker in pool._pool)  # type: ignore[attr-defined]


@pytest.mark.parametrize("count", [2, 20, 32, 300])
def test_no_early_workers_outside_comparisons_in_full_of_enough_pairs(
    monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    assert not pipeline.start_workers_early(count)
    assert not pipeline._EARLY


def test_no_early_workers_with_one_core_or_from_another_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    assert not pipeline.start_workers_early(31)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    started: list[bool] = []
    thread = threading.Thread(target=lambda: started.append(pipeline.start_workers_early(31)))
    thread.start()
    thread.join()
    assert started == [False] and not pipeline._EARLY


@pytest.mark.slow
def test_the_command_with_early_workers_writes_the_same_report(tmp_path: Path) -> None:
    """Two whole ``tifa compare`` processes, with and without workers: the same JSON, and
    nothing on stderr (no semaphore left behind by ending the process at once)."""
    paths = []
    for document in documents(22):
        path = tmp_path / document.name
        path.write_text("\n\n".join(p.text for p in document.paragraphs), encoding="utf-8")
        paths.append(str(path))
    reports = {}
    for workers in ("1", "2"):
        out = tmp_path / f"report-{workers}.json"
        env = {**os.environ, "PYTHONPATH": str(DESKTOP), pipeline.WORKERS_ENV: workers}
        done = subprocess.run(
            [sys.executable, "-m", "tifa", "compare", *paths, "--json", str(out), "--quiet"],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        reports[workers] = json.loads(out.read_text(encoding="utf-8"))
        reports[workers].pop("generator", None)
    assert reports["1"] == reports["2"]


def test_the_command_stops_its_early_workers_when_nothing_is_compared(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tifa import exit_codes
    from tifa.cli import main

    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    paths = [tmp_path / f"{k:02d}.txt" for k in range(22)]
    paths[0].write_text("会议强调，疫情要防住、经济要稳住、发展要安全。\n", encoding="utf-8")
    for path in paths[1:]:
        path.write_bytes(b"")  # unreadable: empty
    started: list[bool] = []
    real = pipeline.start_workers_early

    def watched(count: int) -> bool:
        started.append(real(count))
        return started[-1]

    monkeypatch.setattr(pipeline, "start_workers_early", watched)
    assert main(["compare", *map(str, paths), "--json", str(tmp_path / "r.json")]) == (
        exit_codes.UNREADABLE
    )
    assert started == [True]
    assert not pipeline._EARLY and not multiprocessing.active_children()
    assert "need at least two readable documents" in capsys.readouterr().err


class _StuckResult:
    waited: ClassVar[list[float]] = []

    def ready(self) -> bool:
        return False

    def wait(self, timeout: float) -> None:
        _StuckResult.waited.append(timeout)


class _StuckPool:
    """A pool whose worker never answers (a worker that gets no core)."""

    def __init__(self) -> None:
        self._cache: dict[int, object] = {1: object()}
        self.given: list[object] = []

    def apply_async(self, job: object, args: tuple[object, ...]) -> _StuckResult:
        self.given.append(args[0])
        return _StuckResult()

    def close(self) -> None: ...

    def terminate(self) -> None: ...

    def join(self) -> None: ...


def test_tiles_given_to_a_worker_that_does_not_answer_are_compared_here() -> None:
    from tifa.engine.compare.model import CompareSettings
    from tifa.engine.compare.shared import distinctiveness_weights

    found = tuple(documents(9))
    settings = CompareSettings()
    weights = distinctiveness_weights(found)
    pool = _StuckPool()
    run = pipeline._EarlyRun(pool, 1, found, settings)  # type: ignore[arg-type]
    assert Path(run.folder).is_dir() and pool.given  # a first share given to the worker
    results = [pair for tile in run.results(settings, weights) for pair in tile]
    run.stop()
    # the tiles the worker was comparing were waited for once each, no longer than this
    # process took for its tile before
    assert 0 < len(_StuckResult.waited) <= len(pool.given)
    assert all(0 < seconds < 10 for seconds in _StuckResult.waited)
    # every pair once, each as this process alone compares it
    assert sorted((a, b) for a, b, *_ in results) == [
        (a, b) for a in range(9) for b in range(a + 1, 9)
    ]
    keys = [pipeline.document_keys(d, settings) for d in found]
    tokenizer = pipeline.get_tokenizer()
    for a, b, *rest in results:
        assert tuple(rest) == pipeline._compare_pair(
            found, keys, weights, settings, tokenizer, a, b
        )[2:]
    assert not Path(run.folder).exists() and not pool._cache and not pipeline._WORKER


def test_no_early_workers_when_every_core_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pipeline.WORKERS_ENV, raising=False)
    monkeypatch.setattr(pipeline, "worker_count", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.7, 1.0, 1.0))  # the other core is busy
    assert not pipeline._core_free()
    assert not pipeline.start_workers_early(31) and not pipeline._EARLY
    monkeypatch.setattr(os, "getloadavg", lambda: (0.9, 1.0, 1.0))  # this process's own core
    assert pipeline._core_free()
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")  # asked for: whatever the load
    monkeypatch.setattr(os, "getloadavg", lambda: (14.0, 1.0, 1.0))
    assert pipeline._core_free()


def test_workers_that_cannot_start_leave_the_comparison_to_this_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tifa.engine import processes

    class NoPool:
        def Pool(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    monkeypatch.setattr(processes, "worker_context", lambda: NoPool())
    found = documents(22)
    assert pipeline.start_workers_early(len(found))
    early = compare(found)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    assert early == compare(found)
    assert not pipeline._EARLY


def test_a_worker_ended_while_holding_a_lock_lets_it_go() -> None:
    # Pool.terminate ends the workers by SIGTERM: one killed while sending a result (holding
    # the result queue's lock) left terminate waiting for that lock forever
    context = multiprocessing.get_context("fork")  # the function below is not importable
    lock = context.Lock()
    holding = context.Event()

    def hold() -> None:
        pipeline._leave_on_terminate()
        with lock:
            holding.set()
            time.sleep(60)

    worker = context.Process(target=hold)
    worker.start()
    assert holding.wait(30)
    worker.terminate()
    worker.join(30)
    assert worker.exitcode == 128 + signal.SIGTERM
    assert lock.acquire(timeout=10)
