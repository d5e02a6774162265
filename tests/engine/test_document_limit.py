"""More documents than one comparison takes: a clear error type in the engine, a usage
message and exit 2 on the command line (nothing is read)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.cli import main
from tifa.engine.compare.pipeline import (
    MAX_DOCUMENTS,
    TooManyDocuments,
    check_document_count,
    compare_steps,
)
from tifa.engine.ingest import read_document
from tifa.engine.model import Document


def _cuts(count: int, *, shift: int, length: int) -> list[Document]:
    """``count`` short documents cut from two real readouts (Beijing, Chengdu) in turn:
    document k is ``length`` paragraphs from paragraph ``k % shift`` on, named ``kk.txt``."""
    sources = [read_document(BEIJING_2022), read_document(CHENGDU_2022)]
    return [
        replace(
            sources[k % 2],
            path=Path(f"{k:02d}.txt"),
            paragraphs=sources[k % 2].paragraphs[k % shift : k % shift + length],
        )
        for k in range(count)
    ]


def test_the_limit_is_a_named_error_with_the_count_and_the_limit() -> None:
    check_document_count(MAX_DOCUMENTS)  # the limit itself is fine
    with pytest.raises(TooManyDocuments) as caught:
        check_document_count(MAX_DOCUMENTS + 1)
    assert caught.value.count == MAX_DOCUMENTS + 1 and caught.value.limit == MAX_DOCUMENTS
    assert f"at most {MAX_DOCUMENTS}" in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers that caught ValueError still do


def test_the_pipeline_refuses_before_any_work() -> None:
    document = read_document(BEIJING_2022)
    steps = compare_steps([document] * (MAX_DOCUMENTS + 1))
    with pytest.raises(TooManyDocuments):
        next(steps)


def test_the_command_line_gives_a_usage_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the files need not exist: the count is checked before anything is read
    files = [str(tmp_path / f"{i}.txt") for i in range(MAX_DOCUMENTS + 1)]
    code = main(["compare", *files])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("usage: tifa compare")
    assert f"{MAX_DOCUMENTS + 1} documents" in err and f"at most {MAX_DOCUMENTS}" in err
    assert "Traceback" not in err and out == ""


def test_more_than_the_old_limit_of_50_is_compared(capsys: pytest.CaptureFixture[str]) -> None:
    """60 documents (short cuts of two real readouts) are one comparison: every pair is there
    and found by ``Comparison.pair`` in either order."""
    from tifa.engine.compare import compare

    assert MAX_DOCUMENTS >= 300
    documents = _cuts(60, shift=5, length=3)
    comparison = compare(documents)
    assert comparison.pair_count == 60 * 59 // 2
    assert len(comparison.pairs) == 59  # the pivot's; the others computed when asked for
    for a, b in [(0, 1), (59, 3), (17, 42), (58, 59)]:
        found = comparison.pair(a, b)
        assert (found.a, found.b) == (min(a, b), max(a, b))
    # documents cut from the same readout at the same place are alike
    assert comparison.pair(0, 10).similarity > comparison.pair(0, 1).similarity


def test_the_help_states_the_limit(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    assert f"(2 to {MAX_DOCUMENTS:,})" in capsys.readouterr().out


@pytest.mark.parametrize("n", [2, 3, 47, 48, 49, 100, 131])
def test_tiled_pairs_are_every_pair_once(n: int) -> None:
    from itertools import combinations

    from tifa.engine.compare.pipeline import tiled_pairs

    pairs = list(tiled_pairs(n))
    assert len(pairs) == len(set(pairs)) and set(pairs) == set(combinations(range(n), 2))


def test_worker_processes_give_the_same_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pairs compared by worker processes (used from PARALLEL_MIN_PAIRS pairs on) give the
    comparison the calling process gives."""
    from tifa.engine.compare import compare, pipeline

    documents = _cuts(30, shift=7, length=4)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    alone = compare(documents)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(pipeline, "PAIR_TILE", 32)  # several tiles of 8, some cut short
    batches: list[int] = []
    real = pipeline._parallel_pairs

    def counted(*args: object, **kwargs: object) -> Iterator[object]:
        for results in real(*args, **kwargs):  # type: ignore[arg-type]
            # every pair compared in full: a list of results; else (similarities, spans)
            batches.append(len(results if isinstance(results, list) else results[0]))
            yield results

    monkeypatch.setattr(pipeline, "_parallel_pairs", counted)
    shared = compare(documents)
    assert sum(batches) == 30 * 29 // 2 and len(batches) == 10
    assert shared == alone
    assert sum(len(p.shared) for p in shared.pairs) > 0
    # many documents (only the pivot's pairs compared up front): the same with workers
    batches.clear()
    lazy = compare(documents, full_pairs=0)
    assert sum(batches) == 30 * 29 // 2 and len(batches) == 10
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    assert lazy == compare(documents, full_pairs=0)
    assert lazy.similarities == alone.similarities and lazy.marks == alone.marks
    assert all(lazy.pair(p.a, p.b) == p for p in alone.pairs)


def test_the_calling_process_helps_from_any_thread_and_gives_the_same_comparison(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The calling process compares tiles too (one worker process fewer), on the main thread
    (the command line) and on another (a GUI's job runner), with what it is passed, not the
    workers' module state: two comparisons on two threads at once each give what one process
    gives."""
    from concurrent.futures import ThreadPoolExecutor

    from tifa.engine.compare import compare, pipeline

    documents = _cuts(24, shift=5, length=3)
    others = _cuts(20, shift=7, length=4)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "1")
    alone, others_alone = compare(documents, full_pairs=0), compare(others, full_pairs=0)
    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(pipeline, "PAIR_TILE", 16)  # tiles of 4
    own_tiles: list[str] = []
    real = pipeline._share_tiles

    def counted(*args: Any) -> Iterator[object]:
        *given, own = args

        def counted_own(work: object) -> object:
            own_tiles.append(threading.current_thread().name)
            return own(work)

        yield from real(*given, counted_own)

    monkeypatch.setattr(pipeline, "_share_tiles", counted)
    with ThreadPoolExecutor(2, thread_name_prefix="job") as threads:
        first = threads.submit(compare, documents, full_pairs=0)
        second = threads.submit(compare, others, full_pairs=0)
        from_thread, others_from_thread = first.result(), second.result()
    assert own_tiles and all(name.startswith("job") for name in own_tiles)
    own_tiles.clear()
    helped = compare(documents, full_pairs=0)
    assert own_tiles and set(own_tiles) == {threading.main_thread().name}
    assert from_thread == alone == helped
    assert others_from_thread == others_alone
    assert from_thread.similarities == helped.similarities == alone.similarities
    assert not pipeline._WORKER  # the calling process keeps no workers' state


def test_a_comparison_closed_on_a_thread_while_it_shares_tiles_stops_its_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A GUI's cancel closes the comparison's generator on its job thread: that thread compares
    tiles too now, and closing it after the first shared tile stops the worker processes
    and leaves nothing behind (no workers' state in this process, no temporary folder)."""
    import multiprocessing
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    from tifa.engine.compare import pipeline
    from tifa.engine.progress import Progress

    monkeypatch.setenv(pipeline.WORKERS_ENV, "2")
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_PAIRS", 1)
    monkeypatch.setattr(pipeline, "PAIR_TILE", 8)  # tiles of 2: many tiles
    documents = _cuts(24, shift=5, length=3)
    folders_before = {p.name for p in Path(tempfile.gettempdir()).glob("tifa-*")}
    shared_out: list[int] = []
    real = pipeline._share_tiles

    def counted(*args: Any) -> Iterator[object]:
        shared_out.append(len(multiprocessing.active_children()))
        yield from real(*args)

    monkeypatch.setattr(pipeline, "_share_tiles", counted)

    def until_shared() -> list[str]:
        stages: list[str] = []
        steps = pipeline.compare_steps(documents, full_pairs=0)
        for item in steps:
            if isinstance(item, Progress):
                stages.append(item.stage)
                if item.stage == "shared":
                    steps.close()  # what a cancel does
                    break
        return stages

    with ThreadPoolExecutor(1) as thread:
        stages = thread.submit(until_shared).result()
    assert stages[-1] == "shared"
    assert shared_out == [1]  # the tiles were shared with a worker process
    assert not multiprocessing.active_children()
    assert not pipeline._WORKER
    assert {p.name for p in Path(tempfile.gettempdir()).glob("tifa-*")} <= folders_before
