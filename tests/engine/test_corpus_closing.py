"""Findings of the tester on the corpus (issue 13), each fixed with its test: read-only
media, outlier dates, empty arguments, a busy store, renamed files, case in search."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from _corpus_helpers import build_store, day_files

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def _tifa(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    return subprocess.run([sys.executable, "-m", "tifa", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=600)


READ_COMMANDS = (("search", "两个确立"), ("list",), ("info",), ("timeline", "两个确立"),
                 ("new", "--since", "2021-01-01"), ("echoes", "1", "--limit", "1"))


def _on_read_only_folder(folder: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Run each tifa command with ``folder`` read-only: a read-only bind mount in a private
    mount namespace when running as root (root writes through permissions), else the folder's
    write permission taken away."""
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        try:
            return [(r.returncode, r.stderr) for r in (_tifa(*c) for c in commands)]
        finally:
            folder.chmod(stat.S_IRWXU)
    if shutil.which("unshare") is None:
        pytest.skip("root without unshare: cannot make a read-only folder")
    script = [f"mount --bind '{folder}' '{folder}' && "
              f"mount -o remount,ro,bind '{folder}' || exit 99"]
    for c in commands:
        quoted = " ".join(f"'{a}'" for a in c)
        script.append(f"'{sys.executable}' -m tifa {quoted} >/dev/null 2>>'{folder}.err';"
                      f" echo $? >> '{folder}.codes'")
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    done = subprocess.run(["unshare", "-rm", "sh", "-c", "\n".join(script)], env=env,
                          capture_output=True, text=True, timeout=1200)
    if done.returncode == 99 or not Path(f"{folder}.codes").exists():
        pytest.skip(f"cannot mount read-only here: {done.stderr.strip()}")
    codes = Path(f"{folder}.codes").read_text().split()
    errors = Path(f"{folder}.err").read_text()
    return [(int(c), errors) for c in codes]


def test_a_store_on_read_only_media_can_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "c.sqlite"
    build_store(db, day_files("2021111[5-6]"), workers=1)
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    results = _on_read_only_folder(folder, [["corpus", *c, "--db", str(db)] for c in READ_COMMANDS])
    assert len(results) == len(READ_COMMANDS)
    for command, (code, errors) in zip(READ_COMMANDS, results, strict=True):
        assert code == 0, (command, errors)
    assert sorted(p.name for p in folder.iterdir()) == ["c.sqlite"]  # nothing written


def test_outlier_dates_are_no_dates_and_the_timeline_stays_whole(tmp_path: Path) -> None:
    import datetime as dt
    import sqlite3

    from tifa.engine.corpus import CorpusStore
    from tifa.engine.corpus.timeline import phrase_timelines
    from tifa.engine.ingest import read_document
    from tifa.engine.ingest.metadata import parse_date

    assert parse_date("-2022-01-01") is None and parse_date(dt.date(1, 1, 1)) is None
    assert parse_date(dt.date(9999, 12, 31)) is None and parse_date("2022-01-01")
    folder = tmp_path / "in"
    folder.mkdir()
    body = "两个确立很重要。这是正文第一段，说的是两个确立。\n"
    for n, date in enumerate(("0001-01-01", "9999-12-31", "-2022-01-01")):
        (folder / f"odd{n}.md").write_text(f"---\ndate: {date}\ntitle: 标题\n---\n\n{body}",
                                           encoding="utf-8")
        document = read_document(folder / f"odd{n}.md")
        assert document.date is None
        assert any(date in w.message and "not a plausible date" in w.message
                   for w in document.warnings)
    days = day_files("2021111[5-6]")
    for day in days:
        shutil.copy(day, folder / day.name)
    db = tmp_path / "c.sqlite"
    build_store(db, [folder], workers=1)
    with CorpusStore(db, readonly=True) as store:
        (line,) = phrase_timelines(store, ["两个确立"], by="month")
    assert line.first is not None and line.first.startswith("2021-11")
    assert sum(p.documents for p in line.series) == line.documents
    # a store made by an older Tifa kept such dates: they count as undated, never a series
    # over millennia cut short at 100,000 periods
    with sqlite3.connect(db) as con:
        con.execute("UPDATE documents SET date = '0001-01-01' WHERE file_id IN "
                    "(SELECT id FROM files WHERE path LIKE '%odd0.md')")
        con.execute("UPDATE documents SET date = '9999-12-31' WHERE file_id IN "
                    "(SELECT id FROM files WHERE path LIKE '%odd1.md')")
    with CorpusStore(db, readonly=True) as store:
        (old,) = phrase_timelines(store, ["两个确立"], by="month")
    assert (old.first, old.last, old.documents, old.series) == (
        line.first, line.last, line.documents, line.series)
    done = _tifa("corpus", "timeline", "两个确立", "--db", str(db), "--html",
                 str(tmp_path / "t.html"), "--json", str(tmp_path / "t.json"))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "t.html").stat().st_size < 200_000


def test_a_store_locked_by_another_writer_is_named_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from tifa import cli, exit_codes
    from tifa.engine.corpus import store as store_module

    db = tmp_path / "c.sqlite"
    days = day_files("2021111[5-6]")
    build_store(db, days[:1], workers=1)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)  # the wait, not the test
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        code = cli.main(["corpus", "add", "--quiet", "--db", str(db), str(days[1])])
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    error = capsys.readouterr().err
    assert code == exit_codes.UNWRITABLE
    assert "busy: another `tifa corpus add` may be writing to it; try again" in error
    assert "not a usable corpus" not in error


@pytest.mark.parametrize("stop", [KeyboardInterrupt, "terminated"])
def test_a_stopped_add_says_what_it_kept(stop: object,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import argparse
    import types

    from tifa import cli, exit_codes

    def run(args: argparse.Namespace) -> int:
        raise KeyboardInterrupt if stop is KeyboardInterrupt else cli.Terminated()

    module = types.SimpleNamespace(run=run)
    add = argparse.Namespace(command="corpus", corpus_command="add")
    code = cli._run_interruptible(module, add)
    assert code in (exit_codes.INTERRUPTED, exit_codes.TERMINATED)
    error = capsys.readouterr().err
    assert "what was added is kept; run the same command again" in error
    assert "half-written" not in error
    cli._run_interruptible(module, argparse.Namespace(command="compare"))
    assert "no report was left half-written" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [
    ["add", "--quiet", ""], ["add", "--quiet", "  "], ["search", ""], ["search", "  "],
    ["timeline", "两个确立", ""], ["echoes", "5", "--all"],
])
def test_empty_arguments_are_usage_errors(argv: list[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tifa import cli, exit_codes

    db = tmp_path / "c.sqlite"
    build_store(db, day_files("20211115"), workers=1)
    before = db.stat().st_size, sorted(p.name for p in tmp_path.iterdir())
    (tmp_path / "here").mkdir()
    shutil.copy(day_files("20211116")[0], tmp_path / "here" / "day.md")
    monkeypatch.chdir(tmp_path / "here")  # `add ''` added the current folder
    try:
        code = cli.main(["corpus", *argv, "--db", str(db)])
    except SystemExit as stop:  # argparse's usage error
        code = int(stop.code or 0)
    assert code == exit_codes.USAGE
    error = capsys.readouterr().err
    assert ("empty" in error) or ("not both" in error), error
    from tifa.engine.corpus import CorpusStore

    with CorpusStore(db, readonly=True) as store:
        assert len({d.path for d in store.documents()}) == 1
    assert before[0] == db.stat().st_size


def _sigterm_handler_name() -> str:
    import signal

    handler = signal.getsignal(signal.SIGTERM)
    return "default" if handler == signal.SIG_DFL else repr(handler)


def _parent_sigterm(signum: int, frame: object) -> None:
    raise SystemExit("the parent's handler ran in a worker")


def test_add_workers_do_not_inherit_the_parents_sigterm_handler() -> None:
    import multiprocessing
    import signal
    from concurrent.futures import ProcessPoolExecutor

    from tifa.engine.corpus.add import _worker_init

    previous = signal.signal(signal.SIGTERM, _parent_sigterm)  # as tifa.cli sets it
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_worker_init) as pool:
            assert pool.submit(_sigterm_handler_name).result() == "default"
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_symlinked_folders_are_followed_once(tmp_path: Path) -> None:
    from tifa.engine.corpus.add import collect_files

    days = day_files("2021111[5-6]")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(days[1], elsewhere / days[1].name)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(days[0], folder / days[0].name)
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "back").symlink_to(folder, target_is_directory=True)  # a loop
    found = collect_files([folder])
    assert sorted(p.name for p in found) == sorted(d.name for d in days)


def test_a_renamed_file_is_stored_under_its_new_name(tmp_path: Path) -> None:
    from tifa.engine.corpus import CorpusStore

    folder = tmp_path / "in"
    folder.mkdir()
    day = day_files("20211115")[0]
    shutil.copy(day, folder / "a.md")
    db = tmp_path / "c.sqlite"
    build_store(db, [folder], workers=1)
    (folder / "a.md").rename(folder / "b.md")
    summary = build_store(db, [folder], workers=1)
    assert (summary.added, summary.unchanged) == (0, 1)
    with CorpusStore(db, readonly=True) as store:
        paths = {d.path for d in store.documents(current_only=False)}
        hits = store.search("两个确立")
    assert paths == {str((folder / "b.md").resolve())}
    assert hits and all(Path(h.path).exists() for h in hits)


def test_search_finds_latin_letters_in_either_case(tmp_path: Path) -> None:
    from tifa.engine.corpus import CorpusStore

    db = tmp_path / "c.sqlite"
    build_store(db, day_files("2021102[4-5]|20211123"), workers=1)
    with CorpusStore(db, readonly=True) as store:
        for query in ("RCEP", "5G"):  # the trigram index, and a scan (two characters)
            found = store.search(query)
            assert found, query
            for other in (query.lower(), query.title(), f"{query.lower()}"):
                same = store.search(other)
                assert [(h.id, h.count) for h in same] == [(h.id, h.count) for h in found]
                assert [h.snippet for h in same] == [h.snippet for h in found]
            assert all(query in h.snippet for h in found)  # shown as the document writes it
            limited = store.search(query.lower(), limit=1)
            assert [h.snippet for h in limited] == [h.snippet for h in found[:1]]


def test_timelines_count_latin_letters_in_either_case(tmp_path: Path) -> None:
    from tifa.engine.corpus import CorpusStore
    from tifa.engine.corpus.timeline import phrase_timelines

    db = tmp_path / "c.sqlite"
    build_store(db, day_files("2021102[4-5]|20211123"), workers=1)
    with CorpusStore(db, readonly=True) as store:
        for query in ("RCEP", "5G"):
            (upper,) = phrase_timelines(store, [query])
            (lower,) = phrase_timelines(store, [query.lower()])
            assert upper.documents > 0, query
            assert (lower.documents, lower.occurrences, lower.series, lower.first) == (
                upper.documents, upper.occurrences, upper.series, upper.first)
