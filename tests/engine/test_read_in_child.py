"""`tifa compare` reads a few files in a forked process (``read_in_child``): the same
documents, positions and messages as reading them in the process itself, and a reading
done here after all when the child fails or cannot be made safely."""

from __future__ import annotations

import io
import pickle
import sys
import threading
from pathlib import Path

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.cli import main
from tifa.commands import compare as command

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MAX_BYTES = 20 * 1024 * 1024

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")


def _inputs(tmp_path: Path) -> list[Path]:
    """Two real documents, a missing file and one that does not decode, in that order."""
    missing = tmp_path / "missing.txt"
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(b"\xff\xfe\x00")
    return [Path(BEIJING_2022), missing, damaged, Path(CHENGDU_2022)]


def _join_other_threads() -> None:
    """Wait for the tokenizer an earlier test started building in the background."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread():
            thread.join(timeout=60)


def _read_here(paths: list[Path]) -> tuple[tuple[list, list[int], bool], str]:
    err = io.StringIO()
    found = command.read_all(paths, err, whole_files=False, max_bytes=MAX_BYTES)
    return found, err.getvalue()


@linux_only
def test_the_child_reads_what_this_process_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = _inputs(tmp_path)
    expected, expected_err = _read_here(paths)
    _join_other_threads()
    reading = command.read_in_child(paths, whole_files=False, max_bytes=MAX_BYTES)
    assert reading is not None
    documents, positions, failed = reading.documents()
    reading.end()
    assert (documents, positions, failed) == expected
    assert [d.title for d in documents] == [d.title for d in expected[0]]
    assert failed and positions == [0, 3]
    err = capsys.readouterr().err
    assert err == expected_err and "missing.txt" in err and "damaged.txt" in err


@linux_only
def test_a_failing_child_leaves_the_reading_to_this_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _inputs(tmp_path)
    expected, expected_err = _read_here(paths)

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise MemoryError("no room for the documents")

    _join_other_threads()
    monkeypatch.setattr(pickle, "dumps", refuse)  # the forked copy fails to send
    reading = command.read_in_child(paths, whole_files=False, max_bytes=MAX_BYTES)
    assert reading is not None
    assert reading.documents() == expected
    assert reading.formulations() is None  # nothing more from a child that failed
    assert capsys.readouterr().err == expected_err  # said once: by this process, not the child


@linux_only
def test_the_child_finds_the_formulations_this_process_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the documents, the child sends their formulations (found while this process
    compares the pairs): the same as finding them here."""
    import os

    from tifa.engine.compare.formulations import find_formulations

    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the child finds formulations only with a second core")
    paths = [Path(BEIJING_2022), Path(CHENGDU_2022)]
    small, _ = _read_here(paths)
    assert not command._formulations_pay(small[0])  # two short readouts: found here
    monkeypatch.setattr(command, "FORMULATIONS_IN_CHILD_CHARS", 1_000)
    assert command._formulations_pay(small[0])
    _join_other_threads()
    reading = command.read_in_child(paths, whole_files=False, max_bytes=MAX_BYTES)
    assert reading is not None
    documents, _, _ = reading.documents()
    found = reading.formulations()
    assert found is not None and found == find_formulations(documents)
    assert any(f.phrase == "疫情要防住、经济要稳住、发展要安全" for f in found)


def test_no_fork_while_threads_run() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait, daemon=True)
    thread.start()
    try:
        assert command.read_in_child([Path(BEIJING_2022)], whole_files=False,
                                     max_bytes=MAX_BYTES) is None
    finally:
        release.set()
        thread.join()


@linux_only
def test_the_command_gives_the_same_report_either_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    forked, here = tmp_path / "forked.json", tmp_path / "here.json"
    made = []
    real = command.read_in_child

    def recorded(*args: object, **kwargs: object) -> object:
        made.append(real(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    _join_other_threads()
    monkeypatch.setattr(command, "read_in_child", recorded)
    assert main(["compare", *map(str, seeds), "--json", str(forked), "-q"]) == 0
    assert len(made) == 1 and made[0] is not None  # read by a child
    monkeypatch.setattr(command, "read_in_child", lambda *a, **k: None)
    assert main(["compare", *map(str, seeds), "--json", str(here), "-q"]) == 0
    assert forked.read_bytes() == here.read_bytes()
    capsys.readouterr()
