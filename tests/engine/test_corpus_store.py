"""The corpus store: adding, versions, resuming, hostile files, schema."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from _corpus_helpers import build_store, day_files

from tifa.engine.corpus import CorpusError, CorpusStore, add_paths, prepare
from tifa.engine.corpus.add import AddEvent, AddSummary
from tifa.engine.corpus.store import SCHEMA_VERSION
from tifa.engine.ingest.items import split_items
from tifa.engine.progress import run_to_end


def _snapshot(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as c:
        return (c.execute("SELECT d.id, d.current, f.path, f.hash, f.version, d.item, d.title, "
                          "d.date FROM documents d JOIN files f ON f.id = d.file_id "
                          "ORDER BY d.id").fetchall()
                + c.execute("SELECT * FROM occurrences ORDER BY 1, 2").fetchall())


def _add(
    store: CorpusStore, paths: list[Path], workers: int = 1
) -> tuple[list[AddEvent], AddSummary]:
    events = []
    summary = None
    for step in add_paths(store, paths, workers=workers):
        if isinstance(step, AddEvent):
            events.append(step)
        elif isinstance(step, AddSummary):
            summary = step
    assert summary is not None
    return events, summary


def test_re_adding_changes_nothing(tmp_path: Path) -> None:
    files = day_files(r"2021111[0-4]")
    db = tmp_path / "c.sqlite"
    first = build_store(db, files, workers=2)
    assert first.added == len(files) and first.documents > 40
    before = _snapshot(db)
    with CorpusStore(db) as store:
        infos = store.documents()
        events, again = _add(store, [files[0].parent / f.name for f in files] + [files[0]])
    assert again.added == again.versions == 0 and again.unchanged == len(files)
    assert {e.status for e in events} == {"unchanged"}
    assert _snapshot(db) == before
    with CorpusStore(db) as store:
        assert store.documents() == infos


def test_a_changed_file_is_a_new_version(tmp_path: Path) -> None:
    day = tmp_path / "docs" / "20211112.md"
    day.parent.mkdir()
    original = day_files("20211112")[0].read_text(encoding="utf-8")
    day.write_text(original, encoding="utf-8")
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        _add(store, [day])
        old = store.documents()
        day.write_text(original.replace("卢旺达", "卢旺达共和国"), encoding="utf-8")
        events, summary = _add(store, [day])
        assert summary.versions == 1 and events[0].status == "version"
        new = store.documents()
        everything = store.documents(current_only=False)
    assert len(everything) == 2 * len(old)
    assert {d.version for d in new} == {2} and {d.version for d in old} == {1}
    assert not set(d.id for d in old) & set(d.id for d in new)
    old_ids = {d.id for d in old}
    assert all(not d.current for d in everything if d.id in old_ids)
    with CorpusStore(db) as store:
        assert store.search("卢旺达共和国") and all(h.id not in old_ids
                                                    for h in store.search("卢旺达"))
        # the old version is kept, readable
        assert "卢旺达共和国" not in store.document(min(old_ids)).text + "".join(
            store.document(i).text for i in old_ids)
        # back to the first content: that version is current again, nothing new stored
        day.write_text(original, encoding="utf-8")
        events, back = _add(store, [day])
        # said as what it is: an earlier version made current again, not a new one
        assert (back.restored, back.versions, back.documents) == (1, 0, 0)
        assert events[0].status == "restored" and events[0].documents == len(old_ids)
        assert {d.id for d in store.documents()} == old_ids


def test_a_file_changed_back_is_reported_as_made_current_again(tmp_path: Path) -> None:
    """The command line says a file changed back to a stored version made that version
    current again (it said "1 new version ... 0 documents stored")."""
    import json
    import subprocess
    import sys

    day = tmp_path / "20211112.md"
    original = day_files("20211112")[0].read_text(encoding="utf-8")
    db = tmp_path / "c.sqlite"

    def add() -> tuple[str, dict[str, object]]:
        out = tmp_path / "add.json"
        done = subprocess.run(
            [sys.executable, "-m", "tifa", "corpus", "--db", str(db), "add", "--quiet",
             "--workers", "1", "--json", str(out), str(day)],
            capture_output=True, text=True, check=True)
        return done.stdout, json.loads(out.read_text(encoding="utf-8"))

    day.write_text(original, encoding="utf-8")
    add()
    day.write_text(original.replace("卢旺达", "卢旺达共和国"), encoding="utf-8")
    said, _ = add()
    assert "1 new version," in said and "made current again" not in said
    day.write_text(original, encoding="utf-8")
    said, report = add()
    assert "0 new versions, 1 earlier version made current again, 0 unchanged" in said
    assert (report["restored"], report["versions"], report["documents"]) == (1, 0, 0)
    assert [e["status"] for e in report["events"]] == ["restored"]  # type: ignore[union-attr]


def test_a_file_that_now_holds_another_stored_file_is_not_listed_with_its_old_text(
        tmp_path: Path) -> None:
    """b.md (one day's readouts) overwritten with a.md's content (another day): with one row
    a content, b.md was reported "unchanged" and stayed listed and found with the text it no
    longer holds. Its old text stops being current, it holds a.md's text as its new version
    (a copy, as the event says); b.md changed back is that version again."""
    folder = tmp_path / "docs"
    folder.mkdir()
    a_text = day_files("20211112")[0].read_text(encoding="utf-8")
    b_text = day_files("20211115")[0].read_text(encoding="utf-8")
    (folder / "a.md").write_text(a_text, encoding="utf-8")
    (folder / "b.md").write_text(b_text, encoding="utf-8")
    with CorpusStore(tmp_path / "c.sqlite") as store:
        _add(store, [folder])
        b_path = str((folder / "b.md").resolve())
        b_ids = {d.id for d in store.documents() if d.path == b_path}
        assert b_ids
        (folder / "b.md").write_text(a_text, encoding="utf-8")
        events, summary = _add(store, [folder])
        assert (summary.unchanged, summary.versions, summary.copies) == (1, 1, 1)
        said = {e.path.name: e.message for e in events}
        assert said["b.md"] == f"a copy of {(folder / 'a.md').resolve()}"
        assert not {d.id for d in store.documents()} & b_ids
        a_path = str((folder / "a.md").resolve())
        a_titles = sorted(d.title for d in store.documents() if d.path == a_path)
        assert sorted(d.title for d in store.documents() if d.path == b_path) == a_titles
        (folder / "b.md").write_text(b_text, encoding="utf-8")
        events, summary = _add(store, [folder])
        assert summary.restored == 1
        assert {d.id for d in store.documents() if d.path == b_path} == b_ids


def test_an_interrupted_add_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = day_files(r"202111(0[1-9])")
    db = tmp_path / "c.sqlite"
    real = prepare.read_items
    calls = {"n": 0}

    def failing(path: Path, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt  # as if the user pressed Ctrl+C in the middle
        return real(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(prepare, "read_items", failing)
    with CorpusStore(db) as store, pytest.raises(KeyboardInterrupt):
        run_to_end(add_paths(store, files, workers=1))
    with CorpusStore(db) as store:
        assert len({d.path for d in store.documents()}) == 5  # the five read before
    monkeypatch.setattr(prepare, "read_items", real)
    with CorpusStore(db) as store:
        _, summary = _add(store, files)
        assert summary.unchanged == 5 and summary.added == len(files) - 5
        resumed = _snapshot(db)
    fresh = tmp_path / "fresh.sqlite"
    build_store(fresh, files, workers=1)
    assert [r[2:] for r in _snapshot(fresh)] == [r[2:] for r in resumed]


def test_a_file_is_stored_whole_or_not_at_all(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    files = day_files(r"2021110[1-3]")
    db = tmp_path / "c.sqlite"
    real_insert = CorpusStore._insert_document
    count = {"n": 0}

    def failing(self: CorpusStore, *args: object, **kwargs: object) -> int:
        count["n"] += 1
        if count["n"] == 20:  # inside the second file
            raise KeyboardInterrupt
        return real_insert(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(CorpusStore, "_insert_document", failing)
    with CorpusStore(db) as store, pytest.raises(KeyboardInterrupt):
        run_to_end(add_paths(store, files, workers=1))
    with CorpusStore(db) as store:
        docs = store.documents()
    assert {d.path for d in docs} == {str(files[0].resolve())}
    assert len(docs) == len(prepare.read_items(files[0]))


def _bomb_docx(path: Path) -> Path:
    chunk = ("<w:p><w:r><w:t>" + "一" * 300 + "</w:t></w:r></w:p>").encode() * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>')
            for _ in range(3 * 1024 * 1024 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def test_hostile_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    _bomb_docx(folder / "bomb.docx")
    good = shutil.copy(day_files("20211115")[0], folder / "20211115.md")
    (folder / "notes.xyz").write_text("not collected from a folder", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with CorpusStore(tmp_path / "c.sqlite") as store:
        events, summary = _add(store, [folder], workers=2)
        assert summary.files == 4 and summary.added == 1 and summary.failed == 3
        failed = {e.path.name: e.message for e in events if e.status == "failed"}
        assert set(failed) == {"empty.txt", "binary.txt", "bomb.docx"}
        assert all(str(folder / name) in message for name, message in failed.items())
        assert "expands to" in failed["bomb.docx"]
        assert {d.path for d in store.documents()} == {str(Path(good).resolve())}
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # inputs untouched


def test_schema_version_and_foreign_files(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        reader = sqlite3.connect(db)  # WAL while a writer has it open: readers go on
        assert reader.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        reader.close()
    with sqlite3.connect(db) as c:  # closed: a rollback journal, so reads leave no -wal/-shm
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(CorpusError, match="newer Tifa"):
        CorpusStore(db)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t(x)")
    with pytest.raises(CorpusError, match="not a Tifa corpus"):
        CorpusStore(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CorpusError, match="not a usable corpus"):
        CorpusStore(junk)
    with pytest.raises(CorpusError, match="no corpus there"):
        CorpusStore(tmp_path / "missing.sqlite", readonly=True)


def test_stored_documents_come_back_exactly(tmp_path: Path) -> None:
    day = day_files("20220429")[0]
    with CorpusStore(tmp_path / "c.sqlite") as store:
        _add(store, [day])
        for original, info in zip(prepare.read_items(day), store.documents(), strict=True):
            back = store.document(info.id)
            assert back.paragraphs == original.paragraphs  # offset maps in the same form
            assert (back.title, back.date, back.source, back.extra) == \
                (original.title, original.date, original.source, original.extra)


def test_split_only_recognised_transcripts() -> None:
    """The corpus splits files with the reader's splitter (``ingest.items``): numbered
    items, or the archives' ``## 详细新闻`` section (untitled items take their first
    sentence); a report with section headings stays whole."""
    titles = ["政治局召开会议", "国务院常务会议", "全国春耕进展"]
    numbered = "# 新闻联播 2022年4月29日\n\n" + "".join(
        f"## {n}. {t}\n\n本台报道：{t}的消息今天发布，讲的是一件重要的事情，有二十多个汉字。\n\n"
        for n, t in enumerate(titles, start=1))
    found = split_items(numbered)
    assert found is not None and [i.title for i in found.items] == titles
    assert found.date == "2022年4月29日"
    detail = ("# 《新闻联播》 (20220429)\n\n## 详细新闻\n\n### (无标题)\n\n"
              "央视网消息（新闻联播）：国务院总理李克强29日在京应约同挪威首相通电话。双方交换了意见。\n\n"
              "[查看原文](https://tv.cctv.com/a.shtml)\n\n### 第二条\n\n"
              "本台记者报道，各地认真学习贯彻全会精神，推动各项工作落到实处。\n")
    found = split_items(detail)
    assert found is not None and found.source == "新闻联播"
    assert [i.title for i in found.items] == [
        "国务院总理李克强29日在京应约同挪威首相通电话。", "第二条"]
    assert found.items[0].url == "https://tv.cctv.com/a.shtml"
    assert "查看原文" not in found.items[0].body
    sections = "# 报告\n\n### 一、总体要求\n\n内容。\n\n### 二、主要任务\n\n内容。\n"
    assert split_items(sections) is None


def test_a_day_file_without_a_dated_heading_takes_the_day_from_its_name(
    tmp_path: Path
) -> None:
    titles = ["政治局召开会议", "国务院常务会议", "全国春耕进展"]
    day = tmp_path / "20220429.md"
    day.write_text("# 新闻联播\n\n" + "".join(
        f"## {n}. {t}\n\n本台报道：{t}的消息今天发布，讲的是一件重要的事情，有二十多个汉字。\n\n"
        for n, t in enumerate(titles, start=1)), encoding="utf-8")
    items = prepare.read_items(day)
    assert [d.title for d in items] == titles
    assert {d.date.isoformat() for d in items if d.date} == {"2022-04-29"}
    assert all(d.date for d in items)


def test_closing_an_add_in_worker_processes_keeps_what_was_stored(tmp_path: Path) -> None:
    """The GUI's cancel (closing the generator) while worker processes read: the pool shuts
    down, the files reported as added are in the store, and the next add finishes the job."""
    files = day_files(r"2021111[0-9]")
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        steps = add_paths(store, files, workers=2)
        added = []
        for step in steps:
            if isinstance(step, AddEvent):
                added.append(step.path)
                if len(added) == 3:
                    break
        steps.close()
        assert {d.path for d in store.documents()} == {str(p.resolve()) for p in added}
        _, summary = _add(store, files, workers=2)
    assert (summary.unchanged, summary.added) == (3, len(files) - 3)


def test_the_other_archives_day_files_split_too() -> None:
    """yuekcc/cctv_news writes the same day with headlines as item titles (tests/real/compare,
    see its SOURCES): each item is one document with its headline, the day and its address."""
    path = Path(__file__).resolve().parents[1] / "real" / "compare" / "xwlb-yuekcc-20220728.md"
    raw = path.read_text(encoding="utf-8").split("\n## 详细新闻", 1)[1]
    headings = [line[4:].strip() for line in raw.split("\n") if line.startswith("### ")]
    items = prepare.read_items(path)
    assert [d.title for d in items] == headings and len(items) > 10
    assert items[0].title.startswith("中共中央政治局召开会议")
    assert {d.date.isoformat() for d in items if d.date} == {"2022-07-28"}
    assert all(dict(d.extra)["url"].startswith("https://tv.cctv.com/2022/07/28/")
               for d in items)


def test_a_schema_2_store_gets_its_indexes_on_upgrade(tmp_path: Path) -> None:
    """Schema 3's character index (short queries) and signature index (echoes) are filled
    from what a schema 2 store holds: the same answers as a store made with them."""
    from tifa.engine.corpus.echoes import indexed_hits
    from tifa.engine.corpus.sketch import shingle_hashes

    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        _add(store, day_files("2021111[56]"))
        queries = ("冬奥", "疫", "两个确立", "。")
        before = [[(h.id, h.count, h.snippet) for h in store.search(q)] for q in queries]
        first = store.documents()[0].id
        hashes = shingle_hashes(store.document(first).normalized)
        echo_before = indexed_hits(store, hashes)
        keys = store._db.execute("SELECT count(*) FROM sketch_keys").fetchone()[0]
        store.checkpoint()
    assert all(before) and keys > 0
    with sqlite3.connect(db) as raw:
        raw.executescript("DROP TABLE sketch_keys; DROP TABLE documents_chars; "
                          "PRAGMA user_version = 2;")
    with CorpusStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store._db.execute("SELECT count(*) FROM sketch_keys").fetchone()[0] == keys
        after = [[(h.id, h.count, h.snippet) for h in store.search(q)] for q in queries]
        echo_after = indexed_hits(store, hashes)
    assert after == before
    assert echo_after.ids.tolist() == echo_before.ids.tolist()
    assert echo_after.hits.tolist() == echo_before.hits.tolist()


def test_a_text_stored_twice_counts_once_in_timelines_and_first_uses(tmp_path: Path) -> None:
    """The same day file as UTF-8 and as GBK (different bytes, one text and date): search
    folds it into one hit, and so do timelines and first uses (they counted 2 documents)."""
    import datetime as dt

    from tifa.engine.corpus.timeline import new_formulations, phrase_timelines

    source = day_files("20211115")[0]
    text = source.read_text(encoding="utf-8")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "utf8.md").write_text(text, encoding="utf-8")
    (folder / "gbk.md").write_bytes(text.encode("gb18030"))
    one = tmp_path / "one.sqlite"
    build_store(one, [folder / "utf8.md"], workers=1)
    both = tmp_path / "both.sqlite"
    build_store(both, [folder], workers=1)
    with CorpusStore(one) as single, CorpusStore(both) as double:
        assert len(double.documents()) == 2 * len(single.documents())
        hits = double.search("两个确立")
        assert len(hits) == len(single.search("两个确立")) and hits[0].copies
        alone, = phrase_timelines(single, ["两个确立"])
        twice, = phrase_timelines(double, ["两个确立"])
        assert alone.documents > 0 and alone.copies == 0
        assert (twice.documents, twice.occurrences, twice.series, twice.first) == (
            alone.documents, alone.occurrences, alone.series, alone.first)
        assert twice.copies == alone.documents
        assert len(double.copies_among()) == len(single.documents())
        # the documents in the corpus the HTML page sets beside the counts: copies once too
        # (it said 2 documents of 4 in the corpus for one text of 2)
        assert double.documents_per_period("month") == single.documents_per_period("month")
        # and the page says how many copies it left out, in either language
        from tifa.engine.corpus.report import render_timeline_html

        docs = double.infos(list(twice.first_documents))
        english = render_timeline_html([twice], "month", docs)
        chinese = render_timeline_html([twice], "month", docs, lang="zh")
        assert f"Copies (the same text and date) counted once: {twice.copies} document" in english
        assert f"副本（正文和日期相同）只计一次：{twice.copies} 篇文档。" in chinese
        assert "counted once" not in render_timeline_html([alone], "month", docs)
        since = dt.date(2021, 11, 1)
        assert [(f.phrase, f.documents, f.occurrences, len(f.first_documents))
                for f in new_formulations(double, since)] == [
            (f.phrase, f.documents, f.occurrences, len(f.first_documents))
            for f in new_formulations(single, since)]
