"""`tifa corpus … --json/--html/--png OUT` never replaces a document the corpus holds, the
store's SQLite journal files, or another output of the same run (found by the tester)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _corpus_helpers import day_files

from tifa.cli import main


@pytest.fixture()
def stored(tmp_path: Path) -> tuple[Path, Path]:
    """A store holding one day file copied into tmp_path, and that file."""
    day = Path(shutil.copy(day_files("20211115")[0], tmp_path / "20211115.md"))
    db = tmp_path / "c.sqlite"
    assert main(["corpus", "add", "--quiet", "--db", str(db), "--workers", "1", str(day)]) == 0
    return db, day


@pytest.mark.parametrize("command", [
    ["search", "两个确立", "--json"],
    ["list", "--json"],
    ["timeline", "两个确立", "--html"],
    ["new", "--since", "2021-01-01", "--json"],
])
def test_an_output_that_is_a_stored_document_is_refused(
    stored: tuple[Path, Path], command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, day = stored
    before = day.read_bytes()
    target = day.parent / "." / day.name  # another spelling of the same file
    assert main(["corpus", command[0], "--db", str(db), *command[1:], str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"refusing to write {day}" in err
    assert day.read_bytes() == before


def test_the_stores_journal_files_are_refused(stored: tuple[Path, Path],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = stored
    for suffix in ("-wal", "-shm", "-journal"):
        target = Path(f"{db}{suffix}")
        before = target.read_bytes() if target.exists() else None
        assert main(["corpus", "timeline", "--db", str(db), "两个确立", "--png",
                     str(target)]) == 2
        assert f"refusing to write {target}" in capsys.readouterr().err
        assert (target.read_bytes() if target.exists() else None) == before


def test_two_outputs_naming_one_file_is_a_usage_error(
    stored: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, _ = stored
    out = tmp_path / "t.out"
    assert main(["corpus", "timeline", "--db", str(db), "两个确立", "--json", str(out),
                 "--html", str(tmp_path / "." / "t.out")]) == 2
    assert "two outputs name the same file" in capsys.readouterr().err
    assert not out.exists()
    assert main(["corpus", "timeline", "--db", str(db), "两个确立", "--json", str(out),
                 "--html", str(tmp_path / "t.html")]) == 0
    assert out.exists() and (tmp_path / "t.html").exists()


def test_a_bad_lexicon_is_one_message_and_nothing_is_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It used to fail every file, each named as "skipped LEXICON: …" (one line a file), and
    to be ignored when the files were already stored."""
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_bytes(bytes(range(128, 256)) * 8)
    db = tmp_path / "c.sqlite"
    days = [str(p) for p in day_files("2021111[56]")]
    assert main(["corpus", "add", "--quiet", "--db", str(db), "--lexicon", str(lexicon),
                 *days]) == 3  # exit_codes.UNREADABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{lexicon}: cannot read the lexicon" in err
    assert "nothing was added" in err and not db.exists()


def test_a_file_name_with_a_line_break_stays_on_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stored file named "new\\nline.txt" broke `corpus list` and `search` output in two
    lines (the path printed raw), though every other command shows such names as \\n."""
    real = Path(__file__).parents[1] / "real/readouts/gdstc-20200321-excerpt.txt"
    odd = tmp_path / "new\nline.txt"
    odd.write_bytes(real.read_bytes())
    store = tmp_path / "c.sqlite"
    assert main(["corpus", "add", "--db", str(store), "--quiet", str(odd)]) == 0
    capsys.readouterr()
    assert main(["corpus", "list", "--db", str(store)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "new\\nline.txt" in out
    assert main(["corpus", "search", "--db", str(store), "两手抓"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 3 and out.endswith("new\\nline.txt\n")
