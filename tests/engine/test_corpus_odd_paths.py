"""Odd things on disk handed to `corpus add`: a pipe, a symlink loop, copies of a bad file.
Each is named with its reason and the rest of the folder is added (found by the tester)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from _corpus_helpers import add_with_events, day_files

from tifa.engine.corpus import CorpusError, CorpusStore
from tifa.engine.corpus.add import AddEvent, AddSummary, collect_files


def _add(db: Path, paths: list[Path]) -> tuple[dict[str, AddEvent], AddSummary]:
    with CorpusStore(db) as store:
        return add_with_events(store, paths)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(day_files("20211115")[0], folder / "20211115.md")
    os.mkfifo(folder / "pipe.txt")  # nobody ever writes to it
    result: list[tuple[dict[str, AddEvent], AddSummary]] = []
    worker = threading.Thread(target=lambda: result.append(_add(tmp_path / "c.sqlite",
                                                                [folder])), daemon=True)
    worker.start()
    worker.join(timeout=120)  # a guard against the hang, not a time limit
    if worker.is_alive():  # it waits in open(): give it a writer so the thread can end
        os.close(os.open(folder / "pipe.txt", os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=60)
    assert result, "corpus add waited for a writer on a named pipe"
    events, summary = result[0]
    assert summary.added == 1 and summary.failed == 1
    assert events["pipe.txt"].status == "failed"
    assert "pipe.txt: not a regular file" in events["pipe.txt"].message


def test_a_symlink_loop_is_named_and_the_rest_added(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(day_files("20211115")[0], folder / "20211115.md")
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    assert len(collect_files([folder])) == 3  # used to raise RuntimeError("Symlink loop")
    events, summary = _add(tmp_path / "c.sqlite", [folder, folder / "a.txt"])
    assert summary.added == 1 and summary.failed == 2
    for name in ("a.txt", "b.txt"):
        assert events[name].status == "failed"
        assert "symbolic links" in events[name].message and name in events[name].message


def test_a_copy_of_a_bad_file_is_not_reported_as_stored(tmp_path: Path) -> None:
    """Identical bytes under two names: when the first cannot be read, the second is not
    "unchanged" (it is not in the corpus); when the first is stored, the second is stored
    too, under its own name, as its copy."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"")
    (folder / "b.txt").write_bytes(b"")
    day = day_files("20211115")[0]
    shutil.copy(day, folder / "c.md")
    shutil.copy(day, folder / "d.md")
    events, summary = _add(tmp_path / "c.sqlite", [folder])
    assert {n: e.status for n, e in events.items()} == {
        "a.docx": "failed", "b.txt": "failed", "c.md": "added", "d.md": "added"}
    assert "b.txt: the file is empty" in events["b.txt"].message
    assert events["d.md"].message == f"a copy of {(folder / 'c.md').resolve()}"
    assert summary.failed == 2 and summary.added == 2 and summary.unchanged == 0
    assert summary.copies == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_store_that_is_not_a_regular_file_is_refused_untouched(tmp_path: Path) -> None:
    """`--db` naming a pipe or a folder: refused before SQLite opens it (it wrote into the
    pipe, and `--db /dev/null` left /dev/null-journal behind)."""
    pipe = tmp_path / "pipe.sqlite"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    for target, reason in ((pipe, "not a regular file"), (folder, "a folder, not a file")):
        with pytest.raises(CorpusError, match=reason):
            CorpusStore(target)
        assert not Path(f"{target}-journal").exists() and not Path(f"{target}-wal").exists()
    assert list(folder.iterdir()) == []
