"""The store's schema 5 (the searched text stored as it is; schema 4 held it as LZ4, schema 3
as zstd) and 6 (a file row per (path, content)), stores made before them (read as they are,
upgraded when written), dates an older Tifa kept, and damaged stores."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import lz4.block
import pytest
import zstandard
from _corpus_helpers import build_store, day_files, files_as_schema_5
from hypothesis import given, settings
from hypothesis import strategies as st

from tifa.engine.corpus import CorpusError, CorpusStore, codec
from tifa.engine.corpus.store import SCHEMA_VERSION
from tifa.engine.corpus.timeline import new_formulations, phrase_timelines

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
QUERIES = ("冬奥", "疫", "两个确立", "。", "习近平", "发展", "rcep")


def _tifa(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    return subprocess.run([sys.executable, "-m", "tifa", *args], capture_output=True,
                          text=True, env=env, timeout=600)


def _as_schema_3(blob: bytes) -> bytes:
    """A text blob as schema 3 wrote it: frame 1 in zstd, frame 2 the whole display text."""
    n, paragraphs = struct.unpack_from("<II", blob)
    assert n & 1 << 31 and n & 1 << 30  # written by this Tifa
    display, normalized = codec.decode_texts(blob)
    start = 8 + (paragraphs + 7) // 8
    zstd = zstandard.ZstdCompressor(level=9)
    first = zstd.compress(normalized.encode("utf-8"))
    second = b"" if display == normalized else zstd.compress(display.encode("utf-8"))
    return struct.pack("<II", len(first) | 1 << 31, paragraphs) + blob[8:start] + first \
        + second


def _as_schema_5(blob: bytes) -> bytes:
    """A text blob as schema 5 wrote it: no map of differences, no counts (schema 7)."""
    n, paragraphs = struct.unpack_from("<II", blob)
    assert n & 1 << 28  # written by this Tifa
    start = 8 + (paragraphs + 7) // 8
    (m,) = struct.unpack_from("<H", blob, start)
    first = start + 2 + (0 if m == codec.NO_MAP else 4 * m) + (
        2 * len(codec.COMMON) if n & 1 << 27 else 0)
    return struct.pack("<II", n & ~(3 << 27), paragraphs) + blob[8:start] + blob[first:]


def _as_schema_4(blob: bytes) -> bytes:
    """A text blob as schema 4 wrote it: frame 1 an LZ4 block from 2,048 bytes, zstd below
    (schema 5: as it is from 4,096 bytes, zstd below)."""
    blob = _as_schema_5(blob)
    n, paragraphs = struct.unpack_from("<II", blob)
    assert n & 1 << 29  # written by this Tifa
    start = 8 + (paragraphs + 7) // 8
    end = start + (n & ~(7 << 29))
    text = codec.search_text(blob)[0]
    first = lz4.block.compress(text, mode="high_compression", compression=9) \
        if len(text) >= 2048 else zstandard.ZstdCompressor(level=9).compress(text)
    return struct.pack("<II", len(first) | 3 << 30, paragraphs) + blob[8:start] + first \
        + blob[end:]


def _answers(store: CorpusStore) -> list[object]:
    hits = [[(h.id, h.count, h.snippet, h.date) for h in store.search(q)] for q in QUERIES]
    lines = [(t.first, t.last, t.documents, t.occurrences, t.series)
             for t in phrase_timelines(store, ["两个确立", "冬奥会"], by="month")]
    first = store.documents()[0].id
    return [hits, lines, store.document(first).paragraphs, store.info().first_date]


def _downgrade(db: Path, version: int = 3) -> None:
    """Make ``db`` what schema 3 left (zstd frame 1), schema 4 (LZ4 frame 1) or schema 5
    (no map of differences), with its files table as it was then (``hash`` unique)."""
    encode = {3: _as_schema_3, 4: _as_schema_4, 5: _as_schema_5}[version]
    files_as_schema_5(db)
    with sqlite3.connect(db) as raw:
        for doc_id, blob in raw.execute("SELECT id, text FROM documents").fetchall():
            raw.execute("UPDATE documents SET text = ? WHERE id = ?", (encode(blob), doc_id))
        raw.execute(f"PRAGMA user_version = {version}")


def _fresh_store(db: Path) -> tuple[list[Any], list[bytes]]:
    """A store of four real days' items, as a fresh add writes it: its answers (``_answers``)
    and its blobs, in order."""
    build_store(db, day_files("2021111[56]|2022012[01]"), workers=1)
    with CorpusStore(db, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION == 7
        before = _answers(store)
    with sqlite3.connect(db) as raw:
        return before, [b for (b,) in raw.execute("SELECT text FROM documents ORDER BY id")]


def test_a_schema_3_store_is_read_as_it_is_and_upgraded_when_written(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    before, fresh = _fresh_store(db)
    assert all(before[0][:3])  # every query class found something
    _downgrade(db)
    with sqlite3.connect(db) as raw:
        assert not any(codec.is_schema_4(b) for (b,) in raw.execute("SELECT text FROM documents"))
    blobs = _answers_as_it_is_then_upgraded(db, 3, before)
    assert all(codec.is_schema_4(b) and codec.is_schema_5(b) for b in blobs)
    assert any(codec.frame_1_is_plain(b) for b in blobs)  # the longer items
    assert not all(codec.frame_1_is_plain(b) for b in blobs)  # the short ones: zstd
    assert not any(codec.frame_1_is_lz4(b) for b in blobs)
    assert blobs == fresh  # what a fresh add writes, maps of differences included


def test_a_schema_4_store_is_read_as_it_is_and_upgraded_when_written(tmp_path: Path) -> None:
    """Schema 4 held the searched text as LZ4: read as it is on read-only media, its frame 1
    decompressed when the store is first opened for writing; the same answers throughout,
    and a search reads it without decompressing."""
    db = tmp_path / "c.sqlite"
    before, plain = _fresh_store(db)
    _downgrade(db, 4)
    with sqlite3.connect(db) as raw:
        blobs = [b for (b,) in raw.execute("SELECT text FROM documents")]
    assert any(codec.frame_1_is_lz4(b) for b in blobs)
    assert any(codec.frame_1_is_lz4(b) and len(codec.search_text(b)[0]) < codec.RAW_FROM
               for b in blobs)  # LZ4 in schema 4, zstd in schema 5
    assert not any(codec.is_schema_5(b) for b in blobs)
    # the blobs are those a fresh add writes, byte for byte
    assert _answers_as_it_is_then_upgraded(db, 4, before) == plain


def _answers_as_it_is_then_upgraded(db: Path, version: int, before: object) -> list[bytes]:
    """An old store opened read-only stays at ``version`` and answers ``before``; opened to
    write, it is upgraded to ``SCHEMA_VERSION`` and answers the same. Its blobs, in order."""
    with CorpusStore(db, readonly=True) as store:  # read-only media cannot be upgraded
        assert store.schema_version == version
        assert _answers(store) == before
    with CorpusStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _answers(store) == before
    with sqlite3.connect(db) as raw:
        return [b for (b,) in raw.execute("SELECT text FROM documents ORDER BY id")]


def _size_ratio(db: Path) -> float:
    with CorpusStore(db, readonly=True) as store:
        info = store.info()
    return info.size_bytes / info.text_bytes


@pytest.mark.parametrize("version", [3, 4])
@pytest.mark.parametrize("auto_vacuum", ["NONE", "INCREMENTAL"])
def test_an_upgraded_store_is_as_small_as_a_compacted_one(
    tmp_path: Path, auto_vacuum: str, version: int
) -> None:
    """Schemas 4 and 5 rewrite every text; the store is then written again compactly
    (VACUUM), not left with the room the old texts took (3 -> 4 was 2.35x the text against
    2.16x for a new store, on 10,000 documents). Opened read-only, an old store is not
    touched."""
    db = tmp_path / "c.sqlite"
    build_store(db, day_files("2021111[0-9]"), workers=1)
    new = _size_ratio(db)
    _downgrade(db, version)
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA auto_vacuum = {auto_vacuum}")  # NONE: made before it was set
        raw.execute("VACUUM")
    before = db.read_bytes()
    with CorpusStore(db, readonly=True) as store:
        assert store.schema_version == version
    assert db.read_bytes() == before  # read-only: neither upgraded nor compacted
    with CorpusStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
    upgraded = _size_ratio(db)
    assert not Path(f"{db}-wal").exists()
    compact = tmp_path / "compact.sqlite"
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert raw.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental from now
        page = raw.execute("PRAGMA page_size").fetchone()[0]
        raw.execute("VACUUM INTO ?", (str(compact),))
    assert db.stat().st_size <= compact.stat().st_size + page  # nothing left to win
    assert upgraded <= new  # and no larger than a store made new


def _lone_formulation_document(db: Path) -> tuple[int, str]:
    """A document holding a formulation no other dated document holds, and its phrase."""
    with sqlite3.connect(db) as raw:
        row = raw.execute(
            "SELECT o.document_id, f.phrase FROM occurrences o JOIN formulations f ON"
            " f.id = o.formulation_id GROUP BY o.formulation_id HAVING count(*) = 1"
            " ORDER BY f.phrase LIMIT 1").fetchone()
    assert row is not None
    return int(row[0]), str(row[1])


def test_new_never_reports_a_first_use_outside_1900_2100(tmp_path: Path) -> None:
    """A store made before the reader's date bound may hold 9999-12-31 (or 0001-01-01)
    from front matter: read as it is, such a document counts as undated in first uses,
    periods and info; upgraded, its date is cleared."""
    db = tmp_path / "c.sqlite"
    build_store(db, day_files("2021111[56]"), workers=1)
    doc_id, phrase = _lone_formulation_document(db)
    with CorpusStore(db, readonly=True) as store:
        assert any(f.phrase == phrase for f in new_formulations(store, since=_date("2000-01-01")))
    with sqlite3.connect(db) as raw:
        ids = [int(r[0]) for r in raw.execute("SELECT id FROM documents")]
        early = next(i for i in ids if i != doc_id)
        raw.execute("UPDATE documents SET date = '9999-12-31' WHERE id = ?", (doc_id,))
        raw.execute("UPDATE documents SET date = '0001-01-01' WHERE id = ?", (early,))
    with CorpusStore(db, readonly=True) as store:
        found = new_formulations(store, since=_date("2000-01-01"))
        assert found and all("1900" <= f.first <= "2100" for f in found)
        assert phrase not in {f.phrase for f in found}
        info = store.info()
        assert info.first_date == "2021-11-15" and info.last_date == "2021-11-16"
        assert set(store.documents_per_period("year")) == {"2021"}
    done = _tifa("corpus", "new", "--since", "2000-01-01", "--json", "-", "--db", str(db))
    assert done.returncode == 0, done.stderr
    firsts = {f["first"] for f in json.loads(done.stdout)["formulations"]}
    assert firsts and all("1900" <= d <= "2100" for d in firsts)
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA user_version = 3")
    with CorpusStore(db) as store:  # the upgrade clears them, as the reader now does
        dates = store.dates(ids)
    assert dates[doc_id] is None and dates[early] is None
    assert sum(d is not None for d in dates.values()) == len(ids) - 2


def _date(text: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(text)


COMMANDS = (("search", "两个确立"), ("search", "疫"), ("list",), ("info",),
            ("timeline", "两个确立"), ("new", "--since", "2021-01-01"),
            ("echoes", "1", "--limit", "1"))


@pytest.mark.parametrize("damage", [
    "DROP TABLE occurrences", "DROP TABLE documents_chars", "DROP INDEX documents_date",
    "ALTER TABLE documents DROP COLUMN author", "DROP TABLE sketch_keys",
])
def test_a_store_missing_a_table_index_or_column_is_named_damaged(
    tmp_path: Path, damage: str
) -> None:
    db = tmp_path / "c.sqlite"
    build_store(db, day_files("20211115"), workers=1)
    with sqlite3.connect(db) as raw:
        raw.execute(damage)
    missing = damage.split()[2] if "COLUMN" not in damage else "documents.author"
    for readonly in (True, False):
        with pytest.raises(CorpusError, match=f"damaged corpus.*{missing}"):
            CorpusStore(db, readonly=readonly)


def test_every_command_names_a_damaged_store(tmp_path: Path) -> None:
    """A table dropped by hand (or a bad copy): every command says the store is damaged and
    what is missing, in one line, before answering anything (search and echoes answered,
    info, timeline and new failed, before)."""
    db = tmp_path / "c.sqlite"
    build_store(db, day_files("20211115"), workers=1)
    with sqlite3.connect(db) as raw:
        raw.execute("DROP TABLE occurrences")
    for command in [*COMMANDS, ("add", str(day_files("20211116")[0]))]:
        done = _tifa("corpus", *command, "--db", str(db))
        assert done.returncode == (4 if command[0] == "add" else 3), (command, done.stderr)
        assert done.stdout == ""
        (line,) = done.stderr.splitlines()
        assert str(db) in line and "damaged corpus" in line and "occurrences" in line, line
    with sqlite3.connect(db) as raw:  # nothing was added to it
        assert raw.execute("SELECT count(*) FROM files").fetchone()[0] == 1


_PARAGRAPH = st.text(alphabet=st.sampled_from("两个确立。,，  AbΩ\u3000𠀀"), max_size=12)


@given(pairs=st.lists(st.tuples(_PARAGRAPH, _PARAGRAPH, st.booleans()), min_size=1,
                      max_size=12),
       extra_break=st.booleans(), long=st.sampled_from(["", "plain", "other"]))
@settings(max_examples=300, deadline=None)
def test_texts_come_back_from_their_blob(
    pairs: list[tuple[str, str, bool]], extra_break: bool, long: str
) -> None:
    """Display and normalised text back exactly, and every paragraph's display text alone
    (frame 2 holding only the paragraphs that are not plain, or the whole display text when
    none is plain or the display text has its own line breaks)."""
    normal = [n for n, _, _ in pairs]
    shown = [n if same else d for n, d, same in pairs]
    if long:  # frame 1 as it is (zstd for short texts), frame 2 in LZ4 when it is long too
        normal.append("两个确立" * 400)
        shown.append(normal[-1] if long == "plain" else "兩個確立" * 400)
    if extra_break:
        shown[0] = shown[0] + "\n" + "余"
    display, normalized = "\n".join(shown), "\n".join(normal)
    blob = codec.encode_texts(display, normalized)
    assert codec.is_schema_5(blob) and codec.frame_1_is_plain(blob) == bool(long)
    assert codec.decode_texts(blob) == (display, normalized)
    for k in range(len(normal)):
        alone = codec.display_paragraph(blob, normalized.encode("utf-8"), k)
        if extra_break:
            assert alone is None or alone == shown[k]
        else:
            assert alone == shown[k]
        assert codec.plain_paragraph(blob, k) == (not extra_break and shown[k] == normal[k])
    old = _as_schema_3(blob)  # the same answers from schema 3's layout
    assert codec.decode_texts(old) == (display, normalized)
    for k in range(len(normal)):
        alone = codec.display_paragraph(old, normalized.encode("utf-8"), k)
        assert alone is None or alone == shown[k]
    four = _as_schema_4(blob)  # and from schema 4's, which upgrades to the same blob
    assert codec.frame_1_is_lz4(four) == bool(long) and not codec.is_schema_5(four)
    assert codec.decode_texts(four) == (display, normalized)
    assert codec.search_text(four) == codec.search_text(blob)
    for k in range(len(normal)):
        assert codec.display_paragraph(four, normalized.encode("utf-8"), k) == \
            codec.display_paragraph(blob, normalized.encode("utf-8"), k)
    assert codec.as_schema_5(four) == _as_schema_5(blob)
    assert codec.map_of_differences(blob) == ([] if display == normalized else None)
    for ch in "两个确立。，":  # the counts of the common characters, in long texts
        assert codec.common_count(blob, ch) == (normalized.count(ch) if long and
                                                ch in codec.COMMON else None)
    assert codec.common_count(_as_schema_5(blob), "个") is None
    assert codec.search_text(_as_schema_5(blob)) == codec.search_text(blob)
    assert codec.decode_texts(_as_schema_5(blob)) == (display, normalized)


def test_a_schema_5_store_is_read_as_it_is_and_upgraded_when_written(tmp_path: Path) -> None:
    """Schema 5 held no map of differences: read as it is on read-only media (every
    snippet from the bitmap and the display text), given its maps when first opened for
    writing; the same answers throughout, the blobs a fresh add writes."""
    db = tmp_path / "c.sqlite"
    before, fresh = _fresh_store(db)
    assert any(codec.map_of_differences(b) for b in fresh)  # spaces the reader dropped
    _downgrade(db, 5)
    with sqlite3.connect(db) as raw:
        assert not any(codec.is_schema_7(b) for (b,) in raw.execute("SELECT text FROM documents"))
    assert _answers_as_it_is_then_upgraded(db, 5, before) == fresh


def _sources_that_differ() -> list[Path]:
    """Real documents whose display text differs from their normalised text in every way
    the reader knows: dropped spaces (the broadcast slice), traditional script, pinyin
    glosses, invisible characters, full-width signs."""
    real = DESKTOP.parent / "tests" / "real"
    return [*day_files("2021111[56]|2022012[01]"), *sorted(real.glob("*.txt")),
            *sorted(real.glob("*.html"))[:6], real / "readouts" / "hzyx88-94661-excerpt.txt",
            real / "compare" / "renmin-guandian-20220809-excerpt.txt",
            *sorted((DESKTOP.parent / "seeds").glob("*.txt"))]


@pytest.mark.slow
def test_snippets_cut_from_the_normalised_text_are_those_of_the_display_text(
    tmp_path: Path,
) -> None:
    """Wherever the map of differences lets a snippet be cut from the normalised text, it is
    the snippet the display text gives (what ``CorpusStore.snippets`` makes, glosses left
    out as the app shows them): for matches of one and four characters at every position
    near a difference and at every seventh elsewhere, in every paragraph."""
    from tifa.engine.corpus.store import _cut_snippet, _shown_snippet

    db = tmp_path / "c.sqlite"
    build_store(db, _sources_that_differ(), workers=1)
    cut = fallback = mapped = unmapped = 0
    with CorpusStore(db, readonly=True) as store, sqlite3.connect(db) as raw:
        for doc_id, blob in raw.execute("SELECT id, text FROM documents"):
            points = codec.map_of_differences(blob)
            if points is None:
                unmapped += 1  # traditional script: the display text then, as before
                continue
            mapped += bool(points)
            text = codec.search_text(blob)[0]
            doc = store.document(doc_id)
            base = 0
            for paragraph in doc.paragraphs:
                norm = paragraph.normalized
                at_byte = [base]
                for ch in norm:
                    at_byte.append(at_byte[-1] + len(ch.encode("utf-8")))
                for i in range(len(norm)):
                    if i % 7 and not any(abs(at_byte[i] - p) <= 160 for p in points):
                        continue
                    for length in (1, 4):
                        j = min(i + length, len(norm))
                        got = _cut_snippet(text, at_byte[i], at_byte[j], 0, len(text),
                                           points)
                        if got is None:
                            fallback += 1
                            continue
                        cut += paragraph.text != norm
                        assert got == _shown_snippet(paragraph, i, j, 30), (doc_id, i, j)
                base = at_byte[-1] + 1
    # maps with differences (spaces dropped, signs made full-width); documents in
    # traditional script without one (different almost everywhere)
    assert mapped >= 4 and unmapped > 10
    assert cut > 100 and fallback > 100  # cut from paragraphs that are not plain, and not


def test_counts_a_text_holds_agree_with_a_plain_count(tmp_path: Path) -> None:
    """A one-character search of a common character takes its counts from the texts
    (schema 7); a count beyond a u16 is counted in the text; other characters, short texts
    and longer queries are counted as before: every count that of a plain substring count."""
    texts = {"many.txt": "的" * 70_000 + "\n国。",
             "some.txt": ("中国的发展。" * 800 + "\n") * 2 + "两个确立",
             "short.txt": "的国。两个确立"}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "c.sqlite"
    build_store(db, [tmp_path / name for name in texts], workers=1)
    with sqlite3.connect(db) as raw:
        blobs = [b for (b,) in raw.execute("SELECT text FROM documents")]
    held = [codec.common_count(b, "的") for b in blobs]
    assert sorted(held, key=str) == sorted([None, None, 800 * 2], key=str)  # many, short
    with CorpusStore(db, readonly=True) as store:
        normalized = {Path(d.path).name: store.document(d.id).normalized
                      for d in store.documents()}
        for query in ("的", "国", "。", "展", "两个确立", "确", "中国"):
            got = {Path(h.path).name: h.count for h in store.search(query)}
            assert got == {name: n.count(query) for name, n in normalized.items()
                           if query in n}, query
