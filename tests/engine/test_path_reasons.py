"""Every path Tifa is given names its problem as it is: a missing path is "no such file", a
folder is a folder, a pipe or a device is "not a regular file", an unreadable or unwritable one
is "permission denied" — for documents, lexicons, workspaces, corpus files and report outputs.

Permission tests make the system call fail (the suite often runs as root, whom file modes do
not stop); the folder, pipe and missing cases are real.
"""

from __future__ import annotations

import errno
import io
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.cli import main
from tifa.engine.compare.lexicon import read_lexicon_file
from tifa.engine.corpus import CorpusError, CorpusStore
from tifa.engine.errors import InputError, file_problem
from tifa.engine.ingest import read_document
from tifa.gui.workspace import WorkspaceError, load_workspace

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path, *, what: str = "open") -> None:
    """Opening (``os.open``, ``io.open``) ``denied`` or a file in it fails as for a user without
    the right; or ``os.access`` says no."""
    for module in (os, io) if what == "open" else (os,):
        real = getattr(module, what)

        def refuse(path: Any, *args: Any, real: Any = real, **kwargs: Any) -> Any:
            if isinstance(path, (str, Path)) and denied in (Path(path), Path(path).parent):
                if what == "access":
                    return False
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        monkeypatch.setattr(module, what, refuse)


def _reason(error: type[InputError | WorkspaceError], read: Callable[[Path], object],
            path: Path) -> str:
    """The reason ``read(path)`` gives, in the ``error`` it raises."""
    with pytest.raises(error) as caught:
        read(path)
    return caught.value.reason


def _lexicon_reason(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        read_lexicon_file(path)
    assert caught.value.path == path and str(path) in str(caught.value)
    return caught.value.reason


# --------------------------------------------------------------------------- the lexicon


def test_a_missing_lexicon_is_no_such_file(tmp_path: Path) -> None:
    """It was "the lexicon is not a regular file"."""
    assert _lexicon_reason(tmp_path / "mine.tsv") == "cannot read the lexicon: no such file"


@needs_fifo
def test_a_lexicon_folder_or_pipe_is_named_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "words.tsv"
    folder.mkdir()
    assert _lexicon_reason(folder) == "cannot read the lexicon: this is a folder, not a file"
    reason = _lexicon_reason(_fifo(tmp_path, "pipe.tsv"))  # and it did not wait for a writer
    assert reason.startswith("cannot read the lexicon: not a regular file (a pipe")


def test_an_unreadable_lexicon_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text("phrase\tcategory\n两个维护\t党建\n", encoding="utf-8")
    _deny(monkeypatch, lexicon)
    assert _lexicon_reason(lexicon) == "cannot read the lexicon: permission denied"


def test_a_lexicon_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_bytes("两个维护\t党建\n".encode("gb18030"))
    reason = _lexicon_reason(lexicon)
    assert reason.startswith("cannot read the lexicon: it is not UTF-8 text (byte 0x")
    assert "codec" not in reason


def test_the_corpus_command_names_a_missing_lexicon(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.tsv"
    db = tmp_path / "c.sqlite"
    assert main(["corpus", "add", "--quiet", "--db", str(db), "--lexicon", str(missing),
                 str(BEIJING_2022)]) == 3
    err = capsys.readouterr().err
    assert f"{missing}: cannot read the lexicon: no such file; nothing was added" in err
    assert main(["corpus", "timeline", "--db", str(db), "--lexicon", str(tmp_path),
                 "两个维护"]) == 3
    assert f"{tmp_path}: cannot read the lexicon: this is a folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- documents


_document_reason = partial(_reason, InputError, read_document)


@needs_fifo
def test_document_paths_each_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes(BEIJING_2022.read_bytes())
    assert _document_reason(tmp_path / "missing.txt") == "no such file"
    assert _document_reason(plain / "x.txt") == (
        "no such file (a part of the path is a file, not a folder)")  # was "Not a directory"
    assert _document_reason(tmp_path) == "this is a folder, not a file"
    assert _document_reason(_fifo(tmp_path, "p.txt")).startswith("not a regular file (a pipe")
    _deny(monkeypatch, plain)
    assert _document_reason(plain) == "permission denied"


@needs_fifo
def test_compare_names_each_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing, pipe = tmp_path / "missing.txt", _fifo(tmp_path, "pipe.txt")
    assert main(["compare", "-q", str(missing), str(tmp_path), str(pipe),
                 str(BEIJING_2022)]) == 3
    err = capsys.readouterr().err
    assert f"{missing}: no such file\n" in err
    assert f"{tmp_path}: this is a folder, not a file\n" in err
    assert f"{pipe}: not a regular file (a pipe" in err


# --------------------------------------------------------------------------- report outputs


def _compare_to(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["compare", "-q", str(BEIJING_2022), str(CHENGDU_2022), *args])
    return code, capsys.readouterr().err


def test_an_unwritable_output_folder_is_named_not_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "Permission denied (…/.r.json.1a2b3c4d.tifa-tmp)": a file the user never
    named."""
    folder = tmp_path / "out"
    folder.mkdir()
    _deny(monkeypatch, folder)
    code, err = _compare_to(["--json", str(folder / "r.json")], capsys)
    assert code == 4
    assert f"cannot write {folder / 'r.json'}: permission denied" in err
    assert f"({folder})" in err and "tifa-tmp" not in err


def test_an_output_folder_that_cannot_be_made_is_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: Any, **kwargs: Any) -> None:
        if self.is_relative_to(tmp_path / "locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse)
    code, err = _compare_to(["--html", str(tmp_path / "locked" / "new" / "r.html")], capsys)
    assert code == 4 and "permission denied: the folder cannot be made" in err


def test_output_folders_missing_or_blocked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing folder is made; a file where a folder should be, or a folder where the report
    should be, is named."""
    code, err = _compare_to(["--json", str(tmp_path / "new" / "r.json")], capsys)
    assert code == 0 and (tmp_path / "new" / "r.json").is_file()
    blocker = tmp_path / "new" / "r.json"
    code, err = _compare_to(["--html", str(blocker / "r.html")], capsys)
    assert code == 4 and f"a file is in the way of the folder ({blocker})" in err
    code, err = _compare_to(["--json", str(tmp_path / "new")], capsys)
    assert code == 4 and "a folder has this name" in err


# --------------------------------------------------------------------------- workspaces


_workspace_reason = partial(_reason, WorkspaceError, load_workspace)


@needs_fifo
def test_workspace_paths_each_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Missing was "No such file or directory"; a folder was "not a regular file (a folder, a
    pipe or a device)"."""
    assert _workspace_reason(tmp_path / "w.tifa.json") == "no such file"
    folder = tmp_path / "f.tifa.json"
    folder.mkdir()
    assert _workspace_reason(folder) == "this is a folder, not a file"
    pipe = _fifo(tmp_path, "p.tifa.json")
    assert _workspace_reason(pipe).startswith("not a regular file (a pipe")
    plain = tmp_path / "ok.tifa.json"
    plain.write_text('{"format": "tifa-workspace", "version": 1, "documents": []}')
    _deny(monkeypatch, plain)
    assert _workspace_reason(plain) == "permission denied"


# --------------------------------------------------------------------------- corpus --db


def _corpus_reason(path: Path, *, readonly: bool) -> str:
    with pytest.raises(CorpusError) as caught:
        CorpusStore(path, readonly=readonly).close()
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


@needs_fifo
def test_corpus_paths_each_named(tmp_path: Path) -> None:
    """Reading (search, list…) said "no corpus there" for a folder and a pipe alike."""
    assert _corpus_reason(tmp_path / "none.sqlite", readonly=True).startswith("no corpus there")
    pipe = _fifo(tmp_path, "p.sqlite")
    for readonly in (True, False):
        assert _corpus_reason(tmp_path, readonly=readonly) == "this is a folder, not a file"
        assert _corpus_reason(pipe, readonly=readonly).startswith("not a regular file (a pipe")
    plain = tmp_path / "plain.txt"
    plain.write_text("x")
    assert _corpus_reason(plain / "c.sqlite", readonly=False) == (
        "no such file (a part of the path is a file, not a folder)")  # was "File exists"


@pytest.mark.parametrize("readonly", [True, False])
def test_a_corpus_without_permission_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readonly: bool
) -> None:
    """It was "not a usable corpus (unable to open database file)" or "(attempt to write a
    readonly database)"."""
    db = tmp_path / "c.sqlite"
    CorpusStore(db).close()
    _deny(monkeypatch, db, what="access")
    assert _corpus_reason(db, readonly=readonly).startswith("permission denied")


def test_the_corpus_command_names_a_folder_given_as_db(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "info", "--db", str(tmp_path)]) == 3
    assert f"{tmp_path}: this is a folder, not a file" in capsys.readouterr().err


# --------------------------------------------------------------------------- the helper


@pytest.mark.parametrize("make, expected", [
    (lambda p: p, "no such file"),
    (lambda p: (p.mkdir(), p)[1], "this is a folder, not a file"),
    (lambda p: (p.write_text("x"), p)[1], None),
])
def test_file_problem(tmp_path: Path, make: Callable[[Path], Path], expected: str | None
                      ) -> None:
    assert file_problem(make(tmp_path / "x")) == expected
    assert file_problem(tmp_path / "a\0b") == "not a usable file name"
