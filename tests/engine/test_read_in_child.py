"""`tifa compare` reads files in a forked process (``read_in_child``): the same documents,
positions and messages as reading them in the process itself, then (with enough text) the
same formulations, and a reading done here after all when the child fails or cannot be made
safely.

A fork is made only while the process has one thread; a test session has others (a
tokenizer built in the background, pools of earlier tests), so the forking parts run in a
fresh interpreter (``_fresh``), which is what `tifa compare` is."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.commands import compare as command
from tifa.engine.compare.formulations import find_formulations

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
MAX_BYTES = 20 * 1024 * 1024

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="forks only on Linux")

# Run in a fresh interpreter: read PATHS in a forked child (optionally with pickle.dumps
# failing in it, or the formulations threshold lowered) and print what came back as JSON.
_CHILD_SCRIPT = """
import io, json, pickle, sys
from contextlib import redirect_stderr
from pathlib import Path
from tifa.commands import compare as command
from tifa.engine.compare.formulations import find_formulations
options = json.loads(sys.argv[1])
paths = [Path(p) for p in options["paths"]]
if options.get("refuse_pickle"):
    def refuse(*args, **kwargs):
        raise MemoryError("no room for the documents")
    pickle.dumps = refuse
if "chars" in options:
    command.FORMULATIONS_IN_CHILD_CHARS = options["chars"]
err = io.StringIO()
with redirect_stderr(err):
    reading = command.read_in_child(paths, whole_files=False, max_bytes=20 * 1024 * 1024)
    forked = reading is not None
    documents, positions, failed = reading.documents()
    ended_before_asked = None
    if options.get("wait_ended"):  # the child's state, until it has ended (a zombie)
        import time
        for _ in range(6000):
            with open(f"/proc/{reading._pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    ended_before_asked = True
                    break
            time.sleep(0.01)
    if options.get("end_only"):
        reading.end()
        found = None
    else:
        found = reading.formulations()
print(json.dumps({
    "ended_before_asked": ended_before_asked,
    "forked": forked,
    "documents": [[d.title, [p.text for p in d.paragraphs]] for d in documents],
    "positions": positions, "failed": failed, "err": err.getvalue(),
    "formulations": None if found is None else [
        [f.phrase, f.counts] for f in found],
    "same_formulations": None if found is None else found == find_formulations(documents),
}, ensure_ascii=False, default=list))
"""


def _fresh(**options: object) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    done = subprocess.run([sys.executable, "-c", _CHILD_SCRIPT, json.dumps(options,
                           default=str)], capture_output=True, text=True, env=env, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def _inputs(tmp_path: Path) -> list[Path]:
    """Two real documents, a missing file and one that does not decode, in that order."""
    missing = tmp_path / "missing.txt"
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(b"\xff\xfe\x00")
    return [Path(BEIJING_2022), missing, damaged, Path(CHENGDU_2022)]


def _read_here(paths: list[Path]) -> tuple[tuple[list, list[int], bool], str]:
    err = io.StringIO()
    found = command.read_all(paths, err, whole_files=False, max_bytes=MAX_BYTES)
    return found, err.getvalue()


def _shown(found: tuple[list, list[int], bool]) -> list[object]:
    documents, positions, failed = found
    return [[[d.title, [p.text for p in d.paragraphs]] for d in documents], positions, failed]


@linux_only
def test_the_child_reads_what_this_process_would(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    expected, expected_err = _read_here(paths)
    got = _fresh(paths=paths)
    assert got["forked"]
    assert [got["documents"], got["positions"], got["failed"]] == _shown(expected)
    assert expected[2] and expected[1] == [0, 3]
    assert got["err"] == expected_err and "missing.txt" in expected_err
    assert "damaged.txt" in expected_err


@linux_only
def test_a_failing_child_leaves_the_reading_to_this_process(tmp_path: Path) -> None:
    paths = _inputs(tmp_path)
    expected, expected_err = _read_here(paths)
    got = _fresh(paths=paths, refuse_pickle=True)  # the forked copy fails to send
    assert got["forked"]
    assert [got["documents"], got["positions"], got["failed"]] == _shown(expected)
    assert got["err"] == expected_err  # said once: by this process, not the child
    assert got["formulations"] is None  # nothing more from a child that failed


@linux_only
def test_the_child_finds_the_formulations_this_process_would() -> None:
    """After the documents, the child sends their formulations (found while this process
    compares the pairs): the same as finding them here."""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the child finds formulations only with a second core")
    paths = [Path(BEIJING_2022), Path(CHENGDU_2022)]
    small, _ = _read_here(paths)
    assert not command._formulations_pay(small[0])  # two short readouts: found here
    assert _fresh(paths=paths)["formulations"] is None
    got = _fresh(paths=paths, chars=1_000)
    assert got["same_formulations"] is True
    phrases = [f[0] for f in got["formulations"]]  # type: ignore[union-attr]
    assert phrases == [f.phrase for f in find_formulations(small[0])]
    assert "疫情要防住、经济要稳住、发展要安全" in phrases


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
def test_the_command_gives_the_same_report_either_way(tmp_path: Path) -> None:
    """`tifa compare` (a fresh process: it forks) and the same with the reading done in the
    process itself give the same report, byte for byte."""
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    forked, here = tmp_path / "forked.json", tmp_path / "here.json"
    env = dict(os.environ, PYTHONPATH=str(DESKTOP))
    script = """
import sys
from tifa.commands import compare as command
real = command.read_in_child
made = []
def recorded(*args, **kwargs):
    made.append(real(*args, **kwargs))
    with open(sys.argv[2] + ".forked", "w") as mark:  # the command may end with os._exit
        mark.write(str(made[-1] is not None))
    return made[-1]
command.read_in_child = recorded if sys.argv[1] == "fork" else (lambda *a, **k: None)
from tifa.cli import main
sys.exit(main(["compare", *sys.argv[3:], "--json", sys.argv[2], "-q"]))
"""
    for how, out in (("fork", forked), ("here", here)):
        subprocess.run([sys.executable, "-c", script, how, str(out), *map(str, seeds)],
                       env=env, check=True, capture_output=True)
    assert Path(f"{forked}.forked").read_text() == "True"  # read by a child
    assert not Path(f"{here}.forked").exists()
    assert forked.read_bytes() == here.read_bytes()


def test_formulations_come_from_the_child_only_when_it_finds_them() -> None:
    """The comparison waits (after its pairs) for the child's formulations only when the
    child finds them; otherwise it finds them itself, before the pairs."""
    paths = [Path(BEIJING_2022), Path(CHENGDU_2022)]
    (small, _, _), _ = _read_here(paths)

    class Reading:
        def formulations(self) -> None:
            return None

    reading = Reading()
    assert command._formulations_from(None, small) is None
    assert not command._formulations_pay(small)  # two short readouts
    assert command._formulations_from(reading, small) is None  # type: ignore[arg-type]
    many = small * 11  # 22 documents: a worker started ahead takes the second core
    assert not command._formulations_pay(many)
    assert command._formulations_from(reading, many) is None  # type: ignore[arg-type]
    if len(os.sched_getaffinity(0)) >= 2:
        long = [replace(small[0], paragraphs=small[0].paragraphs * 60), small[1]]
        assert command._formulations_pay(long)  # from 50,000 characters
        given = command._formulations_from(reading, long)  # type: ignore[arg-type]
        assert given == reading.formulations


@linux_only
def test_the_child_ends_once_it_has_sent_the_formulations(tmp_path: Path) -> None:
    """The child's formulations are read as they come, so that it ends without waiting for
    the comparison to ask for them (blocked on a full pipe, it kept ~95 MB through the
    comparison's peak); they are still the same as finding them here. A reading ended
    without asking for them ends the child too. (The Beijing readout 40 times over: its
    formulations' pickle is more than a pipe holds.)"""
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the child finds formulations only with a second core")
    long = tmp_path / "beijing-40.txt"
    long.write_text("\n\n".join([Path(BEIJING_2022).read_text(encoding="utf-8")] * 40),
                    encoding="utf-8")
    paths = [long, Path(CHENGDU_2022)]
    got = _fresh(paths=paths, chars=1_000, wait_ended=True)
    assert got["ended_before_asked"] is True
    assert got["same_formulations"] is True
    assert _fresh(paths=paths, chars=1_000, end_only=True)["formulations"] is None


def test_many_long_documents_not_compared_in_full_leave_the_formulations_here() -> None:
    """From 3 documents the child finds formulations only when every pair is compared up front
    (``pipeline.compared_in_full``): else the comparison never asks for them."""
    paths = [Path(BEIJING_2022), Path(CHENGDU_2022)]
    (small, _, _), _ = _read_here(paths)
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("the child finds formulations only with a second core")
    long = replace(small[0], paragraphs=small[0].paragraphs * 60)
    assert command._formulations_pay([long, long, small[1]])
    assert not command._formulations_pay([long] * 10)  # too long for every pair up front
