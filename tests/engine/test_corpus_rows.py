"""One file row per (path, content), schema 6: a byte-identical copy of a stored file at a
new path is stored under its own path (listed, found, folded as a copy like a re-encoded
one); a file that now holds another file's earlier text holds it as its own new version;
a schema 5 store (one row per content) is upgraded."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from _corpus_helpers import add_with_events, day_files, files_as_schema_5

from tifa.engine.corpus import CorpusStore, add_paths
from tifa.engine.corpus.add import AddEvent, AddSummary
from tifa.engine.corpus.store import SCHEMA_VERSION
from tifa.engine.corpus.timeline import phrase_timelines
from tifa.engine.progress import run_to_end

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = SEEDS / "000_9199964eb3750e0c.txt"  # holds 两个确立 once, 高质量发展 twice
OTHER = SEEDS / "003_3eec6e6b6785901d.txt"


def _add(store: CorpusStore, paths: list[Path]) -> tuple[dict[str, AddEvent], AddSummary]:
    return add_with_events(store, paths)


def _timeline(store: CorpusStore, phrase: str) -> tuple[object, ...]:
    (t,) = phrase_timelines(store, [phrase], by="month")
    return t.first, t.last, t.documents, t.occurrences, t.series


def test_an_exact_copy_at_a_new_path_is_stored_as_a_copy(tmp_path: Path) -> None:
    """The tester's a.txt + a_copy.txt: the copy was "unchanged", never listed nor found,
    while the same text re-encoded (GB18030, CRLF) was stored and folded as a copy."""
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(SEED, alone / "a.txt")
    with CorpusStore(tmp_path / "alone.sqlite") as store:
        _add(store, [alone])
        one_line = _timeline(store, "高质量发展")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "a_copy.txt")
    text = SEED.read_text(encoding="utf-8")
    (folder / "a_gb.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    with CorpusStore(tmp_path / "c.sqlite") as store:
        events, summary = _add(store, [folder])
        a, copy, gb = (str((folder / n).resolve()) for n in ("a.txt", "a_copy.txt", "a_gb.txt"))
        assert (summary.added, summary.unchanged, summary.copies) == (3, 0, 1)
        assert events["a_copy.txt"].status == "added"
        assert events["a_copy.txt"].message == f"a copy of {a}"
        assert events["a.txt"].message == events["a_gb.txt"].message == ""  # not bytes alike
        assert sorted(d.path for d in store.documents()) == sorted([a, copy, gb])
        (hit,) = store.search("两个确立")
        assert hit.path == a
        assert sorted(p for _, p in hit.copies) == sorted([copy, gb])
        assert _timeline(store, "高质量发展") == one_line  # copies counted once
        info = store.info()
        assert (info.files, info.file_versions, info.documents) == (3, 3, 3)
        # again: nothing to do
        events, summary = _add(store, [folder])
        assert (summary.added, summary.unchanged, summary.copies) == (0, 3, 0)
        assert {e.status for e in events.values()} == {"unchanged"}
        assert {e.message for e in events.values()} == {""}


def test_a_file_holding_another_files_earlier_text_is_found_under_its_path(
        tmp_path: Path) -> None:
    """a.txt changed, b.txt now holds a.txt's old text: that text was current nowhere
    (a.txt's old version not current, b.txt retired), so search did not find it."""
    folder = tmp_path / "in"
    folder.mkdir()
    old_a = SEED.read_text(encoding="utf-8")
    b_text = OTHER.read_text(encoding="utf-8")
    assert "两个确立" not in b_text
    (folder / "a.txt").write_text(old_a, encoding="utf-8")
    (folder / "b.txt").write_text(b_text, encoding="utf-8")
    a, b = (str((folder / n).resolve()) for n in ("a.txt", "b.txt"))
    with CorpusStore(tmp_path / "c.sqlite") as store:
        _add(store, [folder])
        b_ids = {d.id for d in store.documents() if d.path == b}
        (folder / "a.txt").write_text(old_a.replace("两个确立", "二个确立"), encoding="utf-8")
        (folder / "b.txt").write_text(old_a, encoding="utf-8")
        events, summary = _add(store, [folder])
        assert (events["a.txt"].status, events["b.txt"].status) == ("version", "version")
        assert events["b.txt"].message == f"a copy of an earlier version of {a}"
        assert (summary.versions, summary.copies, summary.unchanged) == (2, 1, 0)
        assert [h.path for h in store.search("两个确立")] == [b]
        assert [h.path for h in store.search("二个确立")] == [a]
        assert not {d.id for d in store.documents()} & b_ids
        versions = {(d.path, d.version, d.current) for d in store.documents(current_only=False)}
        assert versions == {(a, 1, False), (a, 2, True), (b, 1, False), (b, 2, True)}
        assert _timeline(store, "两个确立")[2] == 1
        info = store.info()
        assert (info.files, info.file_versions, info.documents) == (2, 4, 2)
        # again: unchanged; b.txt changed back: its first version again, nothing read
        _, summary = _add(store, [folder])
        assert summary.unchanged == 2
        (folder / "b.txt").write_text(b_text, encoding="utf-8")
        events, summary = _add(store, [folder])
        assert events["b.txt"].status == "restored" and summary.restored == 1
        assert {d.id for d in store.documents() if d.path == b} == b_ids
        assert store.search("两个确立") == ()


def test_a_schema_5_store_is_upgraded_and_then_keeps_copies(tmp_path: Path) -> None:
    days = day_files("2021111[56]")
    folder = tmp_path / "in"
    folder.mkdir()
    for day in days:
        shutil.copy(day, folder / day.name)
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        run_to_end(add_paths(store, [folder], workers=1))
    with CorpusStore(db, readonly=True) as store:
        before = (store.documents(), [(h.id, h.count, h.snippet) for h in
                                     store.search("两个确立")], store.info().files)
    files_as_schema_5(db)
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA user_version = 5")
    with CorpusStore(db, readonly=True) as store:  # read as it is
        assert store.schema_version == 5
        assert (store.documents(), [(h.id, h.count, h.snippet) for h in
                                    store.search("两个确立")], store.info().files) == before
    with CorpusStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert (store.documents(), [(h.id, h.count, h.snippet) for h in
                                    store.search("两个确立")], store.info().files) == before
        shutil.copy(days[0], folder / "copy.md")
        events, summary = _add(store, [folder])
        assert (summary.added, summary.unchanged, summary.copies) == (1, 2, 1)
        assert events["copy.md"].message == f"a copy of {(folder / days[0].name).resolve()}"
        copy = str((folder / "copy.md").resolve())
        hits = store.search("两个确立")
        assert [h.id for h in hits] == [h[0] for h in before[1]]
        assert all(any(p == copy for _, p in h.copies) for h in hits
                   if h.path.endswith(days[0].name))
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_add_command_says_which_files_are_copies(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "a.txt")
    shutil.copy(SEED, folder / "b.txt")
    out = tmp_path / "add.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "desktop")}
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "corpus", "--db", str(tmp_path / "c.sqlite"), "add",
         "--quiet", "--workers", "1", "--json", str(out), str(folder)],
        capture_output=True, text=True, check=True, env=env)
    assert "2 files: 2 added, 0 new versions, 0 unchanged, 0 skipped (1 copy of files " \
           "stored under another name); 2 documents stored" in done.stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["copies"] == 1
    assert [(e["path"], e["message"]) for e in report["events"]] == [
        (str(folder / "a.txt"), ""),
        (str(folder / "b.txt"), f"a copy of {(folder / 'a.txt').resolve()}")]
