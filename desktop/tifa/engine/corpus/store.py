"""The corpus store: one SQLite file (WAL, FTS5 trigram index) holding every document Tifa
was given, with its metadata, display and normalised text, offset map, formulation counts and
its file's content hash.

Schema (version in ``PRAGMA user_version``; ``MIGRATIONS`` applied in order):

- ``files``: one row per file *version* — path, sha256 of its bytes (unique per path since
  schema 6: adding the same file again changes nothing; the same bytes at another path are
  that path's own row, a copy), version number, ``current`` (the newest version of a path).
- ``documents``: the file's items (one for a plain file), with ``current`` copied from the
  file for fast filtering; ``text`` = normalised text (as it is from 4 KB since schema 5:
  what a search reads thousands of), display text (only of the paragraphs where it differs)
  and, since schema 7, the map of where they differ and the counts of the most common
  characters (``codec.encode_texts``), ``layout`` = paragraphs + offset map (``codec``).
- ``documents_fts``: FTS5 trigram index over the normalised text (contentless,
  ``detail=none``: the index only proposes candidates; the text confirms them). Queries of
  one or two characters, too short for trigrams, take ``documents_chars`` (schema 3: the
  documents holding each character), punctuation alone scans the texts.
- ``formulations`` (phrase, key, category, origin) and ``occurrences`` (document,
  formulation, count, positions as (paragraph, start, end) int32 triples).
- ``sketches`` (document, distinct shingles, MinHash signature) and ``sketch_params`` (how
  they were made): schema 2, for echoes (``sketch.py``, ``echoes.py``); ``sketch_keys``
  (schema 3) the same signatures as an index of (permutation, value) -> documents.

Only the parent process writes; readers may run while an add is going on (WAL). Opening a
store checks that every table, index and column its schema has is there (else
``CorpusError``: a damaged corpus, naming what is missing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import struct
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from tifa.engine.corpus import codec
from tifa.engine.errors import NO_SUCH_FILE, PERMISSION_DENIED, file_problem
from tifa.engine.model import Document, Paragraph, Script
from tifa.engine.normalize import normalize_paragraph

if TYPE_CHECKING:  # the store is imported alone by searches: no reader, no lexicon
    from tifa.engine.corpus.prepare import FormulationCount, PreparedFile

DB_NAME = "corpus.sqlite"
MIN_FTS_CHARS = 3  # the trigram index needs three characters; shorter queries scan the texts
MMAP_BYTES = 1 << 30  # the part of the store file read through a memory map
BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another one (another add) to commit


def default_db_path() -> Path:
    """``$XDG_DATA_HOME/tifa/corpus.sqlite`` (``~/.local/share/tifa`` without it);
    ``%APPDATA%\\tifa`` on Windows, ``~/Library/Application Support/tifa`` on macOS."""
    if os.name == "nt" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "tifa" / DB_NAME


_V1 = """
CREATE TABLE files(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL,
    added TEXT NOT NULL
);
CREATE INDEX files_path ON files(path, version);
CREATE TABLE documents(
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id),
    item INTEGER NOT NULL,
    current INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    source TEXT,
    author TEXT,
    format TEXT NOT NULL,
    script TEXT NOT NULL,
    extra TEXT NOT NULL,
    chars INTEGER NOT NULL,
    text BLOB NOT NULL,
    layout BLOB NOT NULL
);
CREATE INDEX documents_file ON documents(file_id, item);
CREATE INDEX documents_date ON documents(current, date);
CREATE VIRTUAL TABLE documents_fts USING fts5(
    normalized, content='', tokenize='trigram', detail='none', columnsize=0
);
CREATE TABLE formulations(
    id INTEGER PRIMARY KEY,
    phrase TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    origin TEXT NOT NULL
);
CREATE TABLE occurrences(
    formulation_id INTEGER NOT NULL REFERENCES formulations(id),
    document_id INTEGER NOT NULL REFERENCES documents(id),
    count INTEGER NOT NULL,
    positions BLOB NOT NULL,
    PRIMARY KEY(formulation_id, document_id)
) WITHOUT ROWID;
CREATE INDEX occurrences_document ON occurrences(document_id);
"""

# Echoes (sketch.py, echoes.py): one MinHash signature a document; ``sketch_params`` names
# how signatures were made (a store made with other parameters is sketched again).
_V2 = """
CREATE TABLE sketches(
    document_id INTEGER PRIMARY KEY REFERENCES documents(id),
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE sketch_params(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT NOT NULL
);
"""

# Schema 3: what makes searches and echoes fast on large stores.
# - ``documents_chars``: an FTS5 index of single characters (the text inserted one character
#   a token), the candidates of one- and two-character queries that the trigram index cannot
#   serve (a two-character query: documents holding both characters; the text confirms).
# - ``sketch_keys``: the MinHash signatures as an index, one row per (permutation, value)
#   ``key = permutation << 32 | value`` and document, so the documents whose signature
#   values a query's shingles take are found by index look-ups (``echoes.containment``),
#   without reading every signature.
_V3 = """
CREATE VIRTUAL TABLE documents_chars USING fts5(
    chars, content='', tokenize='unicode61', detail='none', columnsize=0
);
CREATE TABLE sketch_keys(
    key INTEGER NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY(key, document_id)
) WITHOUT ROWID;
"""

# Schema 4: no new table. Texts are re-encoded (``codec.encode_texts``: the normalised text
# as an LZ4 block, which a search decompresses ~2.7x faster than zstd; the display text
# only of the paragraphs displayed otherwise than normalised), and dates outside
# 1900-2100 that an older Tifa took from front matter (9999-12-31) are cleared, as the
# reader now leaves such documents undated (``_fill_v4``).
_V4 = ""

# Schema 5: no new table. The normalised text (frame 1) is stored as it is, no longer as
# LZ4 (``codec.encode_texts``): a search that reads every document spent about a quarter
# of its time decompressing (~27 of ~100 ms on 10,000 documents), for a store ~15 % larger
# (``_fill_v5``: frame 1 of every text decompressed, nothing else rewritten).
_V5 = ""

# Schema 6: one ``files`` row per (path, content), no longer one per content (``hash`` was
# unique): a byte-identical copy of a stored file at another path is stored under its own
# path (listed, found, folded as a copy), and a file that comes to hold another file's
# earlier text holds it as a version of its own. SQLite cannot drop a column's UNIQUE: the
# table is made again (``_upgrade_v6``: with foreign keys off, as SQLite's documentation
# asks of a table made again), the same ids, paths and versions.
_V6 = """
CREATE TABLE files_v6(
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL,
    added TEXT NOT NULL,
    UNIQUE(path, hash)
);
INSERT INTO files_v6(id, path, hash, size, version, current, added)
    SELECT id, path, hash, size, version, current, added FROM files;
DROP TABLE files;
ALTER TABLE files_v6 RENAME TO files;
CREATE INDEX files_path ON files(path, version);
CREATE INDEX files_hash ON files(hash);
"""


# Schema 7: no new table. Each text blob holds a map of where its display text differs from
# its normalised text (``codec.encode_texts``, ``codec.differences``): a search cuts from the
# normalised text the snippet of a match in a paragraph that is not plain (a space dropped
# between two sentences), unless a difference lies near the match; before, such a snippet
# decompressed the display text and the layout (~16 µs each, ~2,600 of the 10,000 snippets
# of a one-character query on bench/corpus.py's store). ``_fill_v7``: every text re-encoded.
_V7 = ""

# Migration n (1-based) brings a store from user_version n-1 to n. Append, never edit.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7)
SCHEMA_VERSION = len(MIGRATIONS)
# A store at this schema or later is read as it is (read-only media cannot be upgraded):
# schemas 4 and 5 changed only how texts are encoded, and every encoding is read; schema 6
# only lets a content be stored under more than one path (the columns are the same); schema 7
# texts hold a map of differences and common counts that a reader of any schema >= 3 decodes.
READ_AS_IS = 3
FIRST_DATE, LAST_DATE = "1900-01-01", "2100-12-31"  # the dates the reader takes


def _dated(column: str = "d.date") -> str:
    """The SQL condition of a date the reader would take: what first uses, periods and
    info count (a store made before the bound may hold 9999-12-31; read-only, it keeps it)."""
    return f"{column} BETWEEN '{FIRST_DATE}' AND '{LAST_DATE}'"


class CorpusError(Exception):
    """A store Tifa cannot use (not a corpus, newer schema, unwritable); one-line message."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A stored document's metadata (no text): what lists and results show."""

    id: int
    path: str
    item: int
    version: int
    current: bool
    title: str
    date: str | None  # YYYY-MM-DD
    source: str | None
    author: str | None
    format: str
    script: str
    chars: int
    hash: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    path: str
    title: str
    date: str | None
    source: str | None
    snippet: str  # display text around the first match, the match in 【】
    count: int  # matches in the document (what ranks the hits)
    #: other current documents with the same normalised text (one text stored from two
    #: encodings, a copy in another script): ``(id, path)``, folded into this hit
    copies: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class StoreInfo:
    path: str
    schema_version: int
    files: int
    file_versions: int
    documents: int  # current documents
    stored_documents: int  # every version
    formulations: int
    occurrences: int
    text_bytes: int  # UTF-8 size of the current documents' display text
    size_bytes: int  # the database file (with its WAL)
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What storing one prepared file did: ``added`` (a new path), ``version`` (a changed
    file: new version, the old kept), ``unchanged`` (this file with this content already
    stored); an added file or version may be a copy of another path's (``copy_of``)."""

    path: Path
    status: str
    file_id: int
    document_ids: tuple[int, ...]
    #: a new row whose bytes were stored already under another path: ``(that path, whether
    #: it is that path's current version)``
    copy_of: tuple[str, bool] | None = None


@dataclass(frozen=True, slots=True)
class FormulationRow:
    id: int
    phrase: str
    key: str
    category: str
    origin: str


_DOC_COLUMNS = (
    "d.id, f.path, d.item, f.version, d.current, d.title, d.date, d.source, d.author, "
    "d.format, d.script, d.chars, f.hash"
)


def _info(row: Sequence[object]) -> DocumentInfo:
    (id_, path, item, version, current, title, date, source, author, fmt, script, chars,
     digest) = row
    return DocumentInfo(
        int(id_), str(path), int(item), int(version), bool(current), str(title),  # type: ignore[call-overload]
        None if date is None else str(date), None if source is None else str(source),
        None if author is None else str(author), str(fmt), str(script), int(chars),  # type: ignore[call-overload]
        str(digest),
    )


def normalize_query(query: str) -> str:
    """The query as documents are normalised (OpenCC t2s, punctuation), spaces trimmed."""
    return normalize_paragraph(query.strip())[0].strip()


class CorpusStore:
    """An open corpus. ``CorpusStore(path)`` creates or migrates the file; use as a context
    manager or call ``close()``. Not shared between threads."""

    def __init__(self, path: Path | str, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._readonly = readonly
        try:
            problem = file_problem(self.path)  # SQLite would write into a pipe and leave
            if readonly:                          # /dev/null-journal behind
                if problem == NO_SUCH_FILE:
                    raise CorpusError(f"{self.path}: no corpus there (run `tifa corpus add`)")
                if problem is not None:
                    raise CorpusError(f"{self.path}: {problem}")
                if not os.access(self.path, os.R_OK):  # SQLite: "unable to open database"
                    raise CorpusError(f"{self.path}: {PERMISSION_DENIED}")
                self._db = _connect_readonly(self.path)
            else:
                if problem is not None and problem != NO_SUCH_FILE:
                    raise CorpusError(f"{self.path}: {problem}")
                if problem is None and not os.access(self.path, os.R_OK | os.W_OK):
                    raise CorpusError(f"{self.path}: {PERMISSION_DENIED} (Tifa needs to "
                                      "read and write the corpus file)")
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            # pages read through a memory map, not a system call each: a search reading
            # thousands of texts (two or three pages each) runs 25-40 % faster
            self._db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._refuse_foreign()  # before WAL: that pragma rewrites another program's file
            if not readonly:
                self._db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # only when new
                self._db.execute("PRAGMA journal_mode = WAL")
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate(readonly)
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise CorpusError(f"{self.path}: busy: another `tifa corpus add` may be "
                                  f"writing to it; try again when it is done ({error})"
                                  ) from None
            raise CorpusError(f"{self.path}: not a usable corpus ({error})") from None
        except OSError as error:
            raise CorpusError(f"{self.path}: {error.strerror or error}") from None

    # --- life cycle ---------------------------------------------------------------------

    def _refuse_foreign(self) -> None:
        """CorpusError for a database made by a newer Tifa or by another program, found
        before anything is written to it."""
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise CorpusError(f"{self.path}: made by a newer Tifa (schema {version}, "
                              f"this one knows {SCHEMA_VERSION})")
        if version == 0:
            tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise CorpusError(f"{self.path}: an SQLite file that is not a Tifa corpus")

    def _migrate(self, readonly: bool) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version != 0:
            self._check_schema(version)
        if version == SCHEMA_VERSION or (readonly and version >= READ_AS_IS):
            return
        if readonly:
            raise CorpusError(f"{self.path}: needs an upgrade (schema {version} -> "
                              f"{SCHEMA_VERSION}); run `tifa corpus info` once to upgrade")
        for n in range(version, SCHEMA_VERSION):
            if n + 1 == 6:
                self._upgrade_v6()
                continue
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[n]):
                    self._db.execute(statement)
                if n + 1 == 3:
                    self._fill_v3()
                if n + 1 == 4:
                    self._fill_v4()
                if n + 1 == 5:
                    self._fill_v5()
                if n + 1 == 7:
                    self._fill_v7()
                self._db.execute(f"PRAGMA user_version = {n + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        if 0 < version < 7:  # schema 7 rewrote every text (and 6 the files table): the
            # store written again compactly
            self._compact()

    def _upgrade_v6(self) -> None:
        """Schema 5 -> 6 in one transaction: the files table made again without ``hash``
        unique (``_V6``). Foreign keys are off meanwhile (dropping ``files`` would otherwise
        delete what documents refer to) and checked before the commit."""
        self._db.execute("PRAGMA foreign_keys = OFF")  # not inside a transaction
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(_V6):
                    self._db.execute(statement)
                broken = self._db.execute("PRAGMA foreign_key_check").fetchone()
                if broken is not None:
                    raise CorpusError(f"{self.path}: a damaged corpus ({broken[0]} row "
                                      f"{broken[1]} refers to a missing {broken[2]} row)")
                self._db.execute("PRAGMA user_version = 6")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        finally:
            self._db.execute("PRAGMA foreign_keys = ON")

    def _compact(self) -> None:
        """The whole store rewritten without the room the upgrade's rewritten texts left
        (VACUUM; a schema 3 store upgraded in place to 4 was 2.35x its text, a new one 2.16x),
        with incremental vacuuming on from then on, then checkpointed. Only after an
        upgrade, on a store opened for writing. When it cannot be done now (another
        connection reading, a full disk) the store stays as it is, upgraded."""
        try:
            self._db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # a store made before it
            self._db.execute("VACUUM")
            self.checkpoint()
        except sqlite3.OperationalError:
            with contextlib.suppress(sqlite3.OperationalError):
                self._db.executescript("PRAGMA incremental_vacuum;")

    def _fill_v3(self) -> None:
        """Schema 3's indexes for the documents and signatures stored before it."""
        for doc_id, blob in self._db.execute("SELECT id, text FROM documents").fetchall():
            self._db.execute("INSERT INTO documents_chars(rowid, chars) VALUES (?, ?)",
                             (doc_id, _char_tokens(codec.decode_normalized(blob))))
        for doc_id, signature in self._db.execute(
                "SELECT document_id, signature FROM sketches").fetchall():
            self.insert_sketch_keys(int(doc_id), bytes(signature))

    def _fill_v4(self) -> None:
        """Schema 4: every text re-encoded (frame 1 as LZ4), implausible dates cleared."""
        rows = self._db.execute("SELECT id, text, layout FROM documents").fetchall()
        for doc_id, blob, layout in rows:
            if not codec.is_schema_4(blob):
                self._db.execute("UPDATE documents SET text = ? WHERE id = ?",
                                 (_encoded_again(blob, layout), doc_id))
        self._db.execute("UPDATE documents SET date = NULL WHERE date IS NOT NULL"
                         f" AND NOT ({_dated('date')})")

    def _fill_v5(self) -> None:
        """Schema 5: frame 1 of every schema 4 text as it is (``codec.as_schema_5``)."""
        for doc_id, blob in self._db.execute("SELECT id, text FROM documents").fetchall():
            if not codec.is_schema_5(blob):
                self._db.execute("UPDATE documents SET text = ? WHERE id = ?",
                                 (codec.as_schema_5(blob), doc_id))

    def _fill_v7(self) -> None:
        """Schema 7: every text re-encoded with its map of differences (``codec.encode_texts``:
        from its display and normalised text and its layout's offset maps), the blob a fresh
        add writes."""
        for doc_id, blob, layout in self._db.execute(
                "SELECT id, text, layout FROM documents").fetchall():
            if not codec.is_schema_7(blob):
                self._db.execute("UPDATE documents SET text = ? WHERE id = ?",
                                 (_encoded_again(blob, layout), doc_id))

    def _check_schema(self, version: int) -> None:
        """A store whose tables, indexes or columns are not all there (a table dropped by
        hand, a half-copied file) is named as damaged, whatever the command, rather than
        failing in the middle of one."""
        want_objects, want_columns = _expected_schema(version)
        have = {(str(t), str(n)) for t, n in self._db.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        missing = [f"{t} {n}" for t, n in sorted(want_objects - have)]
        for table, columns in sorted(want_columns.items()):
            if ("table", table) in have:
                got = {str(r[1]) for r in self._db.execute(f'PRAGMA table_info("{table}")')}
                missing.extend(f"column {table}.{c}" for c in columns if c not in got)
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more"
                                              if len(missing) > 5 else "")
            raise CorpusError(f"{self.path}: a damaged corpus (schema {version}; missing: "
                              f"{shown}); restore a copy, or move it away and add the "
                              "documents again")

    def insert_sketch_keys(self, doc_id: int, signature: bytes) -> None:
        """The index rows of one document's signature (``sketch_keys``); a document is
        sketched once (new parameters empty the whole index first)."""
        from tifa.engine.corpus.sketch import signature_keys

        self._db.executemany("INSERT OR IGNORE INTO sketch_keys(key, document_id) VALUES (?,?)",
                             ((k, doc_id) for k in signature_keys(signature)))

    def close(self) -> None:
        if not self._readonly:
            self._leave_wal()
        self._db.close()

    def _leave_wal(self) -> None:
        """A writer leaves the store in rollback-journal mode: a read-only connection to a
        WAL store creates ``-wal`` and ``-shm`` files next to it that it cannot remove when
        it closes, so every search would leave two files in the store's folder. Writers
        switch back to WAL when they open (readers and one writer at once), and when another
        connection is open at this moment (a search during an add) the store stays in WAL
        mode: the switch needs the store to itself and is not waited for."""
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")  # what was not committed is not kept
            self._db.execute("PRAGMA busy_timeout = 0")
            self._db.execute("PRAGMA journal_mode = DELETE").fetchone()
        except sqlite3.DatabaseError:
            pass  # busy, or read-only media: stays as it is

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (a batch of files): committed on success, else rolled back."""
        self.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def begin(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        if self._db.in_transaction:
            self._db.execute("COMMIT")

    def rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    # --- writing ------------------------------------------------------------------------

    def file_by_hash(self, digest: str) -> tuple[int, str, bool] | None:
        """``(file id, path, current)`` of a stored file with this content, if any: a
        current one first, then the first stored."""
        rows = self.files_by_hash(digest)
        return rows[0] if rows else None

    def files_by_hash(self, digest: str) -> tuple[tuple[int, str, bool], ...]:
        """``(file id, path, current)`` of every stored file with this content (the same
        bytes at several paths: copies), current ones first, then in the order stored."""
        return tuple((int(r[0]), str(r[1]), bool(r[2])) for r in self._db.execute(
            "SELECT id, path, current FROM files WHERE hash = ? ORDER BY current DESC, id",
            (digest,)))

    def file_at(self, path: str, digest: str) -> tuple[int, bool] | None:
        """``(file id, current)`` of the version of ``path`` with this content, if stored."""
        row = self._db.execute("SELECT id, current FROM files WHERE path = ? AND hash = ?",
                               (path, digest)).fetchone()
        return None if row is None else (int(row[0]), bool(row[1]))

    def known_hashes(self) -> frozenset[str]:
        return frozenset(r[0] for r in self._db.execute("SELECT DISTINCT hash FROM files"))

    def store_file(self, prepared: PreparedFile) -> FileOutcome:
        """Store one read file (inside a ``transaction()``, or alone in its own)."""
        if prepared.error is not None:
            raise ValueError("a file that could not be read is not stored")
        if not self._db.in_transaction:
            with self.transaction():
                return self.store_file(prepared)
        self._db.execute("SAVEPOINT store_file")  # a file is stored whole or not at all
        try:
            outcome = self._store_file(prepared)
        except BaseException:
            self._db.execute("ROLLBACK TO store_file")
            self._db.execute("RELEASE store_file")
            raise
        self._db.execute("RELEASE store_file")
        return outcome

    def _store_file(self, prepared: PreparedFile) -> FileOutcome:
        path = str(prepared.path.resolve())
        known = self.file_at(path, prepared.hash)
        if known is not None:
            file_id, current = known
            if not current:  # a file changed back: that version again
                self._make_current(path, file_id)
                return FileOutcome(prepared.path, "version", file_id, self._doc_ids(file_id))
            return FileOutcome(prepared.path, "unchanged", file_id, self._doc_ids(file_id))
        elsewhere = self.file_by_hash(prepared.hash)  # the same bytes at another path
        copy_of = None if elsewhere is None else (elsewhere[1], elsewhere[2])
        last = self._db.execute(
            "SELECT max(version) FROM files WHERE path = ?", (path,)
        ).fetchone()[0]
        version = 1 if last is None else int(last) + 1
        cur = self._db.execute(
            "INSERT INTO files(path, hash, size, version, current, added) VALUES (?,?,?,?,0,?)",
            (path, prepared.hash, prepared.size, version,
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
        )
        file_id = int(cur.lastrowid or 0)
        ids = tuple(self._insert_document(file_id, item.item, item.document, item.formulations)
                    for item in prepared.items)
        for doc_id, item in zip(ids, prepared.items, strict=True):
            if item.sketch is not None:  # echoes.ensure_sketches redoes them if PARAMS differ
                self._db.execute("INSERT OR IGNORE INTO sketch_params(id, params) VALUES (1,?)",
                                 (item.sketch.params,))
                self._db.execute("INSERT OR REPLACE INTO sketches(document_id, shingles,"
                                 " signature) VALUES (?,?,?)",
                                 (doc_id, item.sketch.shingles, item.sketch.signature))
                self.insert_sketch_keys(doc_id, item.sketch.signature)
        self._make_current(path, file_id)
        return FileOutcome(prepared.path, "added" if version == 1 else "version", file_id, ids,
                           copy_of)

    def restore_version(self, file_id: int) -> FileOutcome:
        """Make a stored version of a file its current one again (the file changed back)."""
        row = self._db.execute("SELECT path FROM files WHERE id = ?", (file_id,)).fetchone()
        if row is None:
            raise KeyError(file_id)
        with self.transaction() if not self._db.in_transaction else _nothing():
            self._make_current(str(row[0]), file_id)
        return FileOutcome(Path(row[0]), "version", file_id, self._doc_ids(file_id))

    def rename_file(self, old: str, new: str) -> bool:
        """A stored file was moved or renamed (same content, nothing left at ``old``): its
        versions take the ``new`` path, unless files are stored there already."""
        if self._db.execute("SELECT 1 FROM files WHERE path = ? LIMIT 1", (new,)).fetchone():
            return False
        with self.transaction() if not self._db.in_transaction else _nothing():
            self._db.execute("UPDATE files SET path = ? WHERE path = ?", (new, old))
        return True

    def _make_current(self, path: str, file_id: int) -> None:
        self._db.execute("UPDATE files SET current = (id = ?) WHERE path = ?", (file_id, path))
        self._db.execute(
            "UPDATE documents SET current = (file_id = ?) WHERE file_id IN "
            "(SELECT id FROM files WHERE path = ?)", (file_id, path))

    def _doc_ids(self, file_id: int) -> tuple[int, ...]:
        return tuple(int(r[0]) for r in self._db.execute(
            "SELECT id FROM documents WHERE file_id = ? ORDER BY item", (file_id,)))

    def _insert_document(
        self, file_id: int, item: int, document: Document,
        formulations: Sequence[FormulationCount],
    ) -> int:
        normalized = document.normalized
        cur = self._db.execute(
            "INSERT INTO documents(file_id, item, current, title, date, source, author, format,"
            " script, extra, chars, text, layout)"
            " VALUES (?,?,0,?,?,?,?,?,?,?,?,?,?)",
            (file_id, item, document.title,
             document.date.isoformat() if document.date else None,
             document.source, document.author, document.format, document.script.value,
             json.dumps(dict(document.extra), ensure_ascii=False), document.size,
             codec.encode_texts(codec.display_of(document), normalized, document.paragraphs),
             codec.encode_layout(document)),
        )
        doc_id = int(cur.lastrowid or 0)
        self._db.execute("INSERT INTO documents_fts(rowid, normalized) VALUES (?, ?)",
                         (doc_id, normalized))
        self._db.execute("INSERT INTO documents_chars(rowid, chars) VALUES (?, ?)",
                         (doc_id, _char_tokens(normalized)))
        for f in formulations:
            fid = self._formulation_id(f.phrase, f.key, f.category, f.origin)
            self._db.execute(
                "INSERT OR REPLACE INTO occurrences(formulation_id, document_id, count, "
                "positions) VALUES (?,?,?,?)",
                (fid, doc_id, f.count, codec.encode_positions(f.positions)))
        return doc_id

    def _formulation_id(self, phrase: str, key: str, category: str, origin: str) -> int:
        row = self._db.execute("SELECT id, origin FROM formulations WHERE key = ?",
                               (key,)).fetchone()
        if row is not None:
            if origin == "lexicon" and row[1] != "lexicon":
                self._db.execute("UPDATE formulations SET phrase=?, category=?, origin=? "
                                 "WHERE id=?", (phrase, category, origin, row[0]))
            return int(row[0])
        cur = self._db.execute(
            "INSERT INTO formulations(phrase, key, category, origin) VALUES (?,?,?,?)",
            (phrase, key, category, origin))
        return int(cur.lastrowid or 0)

    # --- reading ------------------------------------------------------------------------

    def documents(self, *, current_only: bool = True) -> tuple[DocumentInfo, ...]:
        """Every (current) document, by date then path then item."""
        where = "WHERE d.current = 1" if current_only else ""
        rows = self._db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d JOIN files f ON f.id = d.file_id {where}"
            " ORDER BY d.date IS NULL, d.date, f.path, f.version, d.item")
        return tuple(_info(r) for r in rows)

    def document_info(self, doc_id: int) -> DocumentInfo | None:
        row = self._db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d JOIN files f ON f.id = d.file_id"
            " WHERE d.id = ?", (doc_id,)).fetchone()
        return None if row is None else _info(row)

    def infos(self, ids: Sequence[int]) -> dict[int, DocumentInfo]:
        result: dict[int, DocumentInfo] = {}
        for chunk in _chunks(list(ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents d JOIN files f ON f.id = d.file_id"
                f" WHERE d.id IN ({marks})", chunk):
                info = _info(row)
                result[info.id] = info
        return result

    def document(self, doc_id: int) -> Document:
        """The stored document as the engine's ``Document`` (paragraphs, offset maps,
        metadata), ready for comparison; an item of a file is addressed ``file#n``.
        KeyError for an unknown id."""
        row = self._db.execute(
            "SELECT f.path, d.item, d.title, d.date, d.source, d.author, d.format, d.script,"
            " d.extra, d.text, d.layout FROM documents d JOIN files f"
            " ON f.id = d.file_id WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        path, item, title, date, source, author, fmt, script, extra, text, layout = row
        from tifa.engine.ingest.items import item_path

        paragraphs = codec.decode_paragraphs(*codec.decode_texts(text), layout)
        # an item of a file has the address the reader gives it (``file#n``): a workspace
        # saves it and reads that item back
        return Document(
            item_path(Path(path), int(item)) if item else Path(path), paragraphs, title,
            dt.date.fromisoformat(date) if date else None, source, author,
            script=Script(script), format=fmt,
            extra=tuple(json.loads(extra).items()),
        )

    def normalized_texts(
        self, ids: Sequence[int] | None = None
    ) -> Iterator[tuple[int, str]]:
        """``(id, normalised text)`` of the given documents (all current ones if None)."""
        for doc_id, blob in self._blobs(ids):
            yield doc_id, codec.decode_normalized(blob)

    def normalized_bytes(
        self, ids: Sequence[int] | None = None
    ) -> Iterator[tuple[int, bytes]]:
        """``normalized_texts`` as UTF-8 (what substring counting scans: no decoding)."""
        for doc_id, blob in self._blobs(ids):
            yield doc_id, codec.decode_normalized_bytes(blob)

    def _blobs(self, ids: Sequence[int] | None) -> Iterator[tuple[int, bytes]]:
        if ids is None:
            yield from ((int(r[0]), bytes(r[1])) for r in self._db.execute(
                "SELECT id, text FROM documents WHERE current = 1 ORDER BY id"))
            return
        for chunk in _chunks(sorted(ids), 500):
            marks = ",".join("?" * len(chunk))
            yield from ((int(r[0]), bytes(r[1])) for r in self._db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk))

    def candidates(self, normalized_query: str) -> tuple[int, ...] | None:
        """Current documents that may contain the query, from the trigram index (the
        character index for one or two characters); None when neither serves the query
        (punctuation: every document is a candidate)."""
        match = _trigram_match(normalized_query)
        if match is None:
            chars = _chars_match(normalized_query)
            if chars is None:
                return None
            return tuple(int(r[0]) for r in self._db.execute(
                "SELECT d.id FROM documents_chars JOIN documents d ON d.id ="
                " documents_chars.rowid WHERE documents_chars MATCH ? AND d.current = 1",
                (chars,)))
        return tuple(int(r[0]) for r in self._db.execute(
            "SELECT d.id FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
            " WHERE documents_fts MATCH ? AND d.current = 1", (match,)))

    def containing(self, normalized_query: str) -> tuple[tuple[int, str], ...]:
        """``(id, normalised text)`` of every current document whose normalised text
        contains ``normalized_query``: the trigram index proposes (3+ characters), the text
        confirms; shorter queries scan every current text."""
        q = normalized_query
        if not q:
            return ()
        return tuple((doc_id, text) for doc_id, text in
                     self.normalized_texts(self.candidates(q)) if q in text)

    def search(self, query: str, *, limit: int | None = None) -> tuple[SearchHit, ...]:
        """Current documents containing the query (either script: normalised like the
        documents), one hit a document, ranked by matches then date (newest first).

        One SQL query brings the candidates (the trigram index's, or every current document
        for one or two characters) in id order with their metadata and layout; each
        candidate's normalised text (frame 1 alone) confirms and counts the matches as
        UTF-8 bytes. A document whose display text is its normalised text in the paragraph
        of the match (``codec.plain_paragraph``: most simplified-Chinese text) has its
        snippet cut from that text at once; the others map the match onto their display
        text through their layout, after ranking, and only for the hits returned. Copies
        (the same normalised text) have the same count, first match and length: only texts
        alike in those three are compared."""
        q = normalize_query(query)
        if not q:
            return ()
        qb = q.encode("utf-8")  # UTF-8 is searched as bytes: a match is a character match
        fold = qb.lower() != qb.upper()  # Latin letters: either case (rcep finds RCEP)
        qb = qb.lower() if fold else qb  # bytes.lower() is ASCII only: offsets stay the same
        n = len(qb)
        snip = limit is None  # with a limit, snippets only for the hits kept
        found: list[_Hit] = []
        append = found.append
        search_span, plain_at, cut_snippet = codec.search_span, _plain_at, _cut_snippet
        # one of the characters whose counts a text holds (schema 7): not counted again
        common = 2 * codec.COMMON.find(q) if len(q) == 1 else -1
        held, saturated = _U16.unpack_from, codec.SATURATED
        for doc_id, date, blob, path, title, source in self._search_rows(q):
            # the normalised text is text[lo:hi]: searched in the blob itself (schema 5)
            text, lo, hi, bitmap, all_plain, points, counts = search_span(blob)
            if fold:
                text, lo, hi = text[lo:hi], 0, hi - lo
                hay = text.lower()
            else:
                hay = text
            at = hay.find(qb, lo, hi)
            if at < 0:
                continue
            later: str | _Later | None = None
            if snip:
                if all_plain:
                    later = cut_snippet(text, at, at + n, lo, hi, ())
                elif points is not None:  # None when a difference lies near the match
                    later = cut_snippet(text, at, at + n, lo, hi, points)
                elif bitmap >= 0 and plain_at(blob, bitmap, text, lo, at):
                    later = cut_snippet(text, at, at + n, lo, hi, ())
            if later is None:
                later = (blob, None if text is blob else text)
            count = held(blob, counts + common)[0] if common >= 0 and counts >= 0 \
                else saturated
            if count == saturated:
                count = hay.count(qb, at, hi)
            append((doc_id, count, at - lo, date or "", path, title, source, later, hi - lo))
        # most matches first, then newest (undated last), then by id (the rows' order): a
        # reversed stable sort keeps equal keys in their order
        found.sort(key=itemgetter(1, 3), reverse=True)
        found, copies = self._fold_copies(found)
        if limit is not None:
            found = found[:limit]
        # the others map the match onto their display text through their layout
        layouts = self._layouts([h[0] for h in found if not isinstance(h[7], str)])
        return tuple(SearchHit(
            doc_id, path, title, date or None, source,
            later if isinstance(later, str) else _snippet_of(*later, layouts[doc_id], at, n),
            count, copies.get(doc_id, ()))
            for doc_id, count, at, date, path, title, source, later, _ in found)

    def _layouts(self, ids: Sequence[int]) -> dict[int, bytes]:
        """The layout blobs of the given documents."""
        layouts: dict[int, bytes] = {}
        for chunk in _chunks(sorted(ids), 500):
            marks = ",".join("?" * len(chunk))
            layouts.update(self._db.execute(
                f"SELECT id, layout FROM documents WHERE id IN ({marks})", chunk).fetchall())
        return layouts

    def _fold_copies(
        self, found: list[_Hit],
    ) -> tuple[list[_Hit], dict[int, tuple[tuple[int, str], ...]]]:
        """The ranked hits with one hit a normalised text: the same text stored twice (from
        UTF-8 and from UTF-16 or Big5, in either script) is its first hit, the others its
        copies ``(id, path)`` (sorted). Copies have the same count, first match and length;
        only the texts of hits alike in those three are compared (read again when the
        search did not keep them)."""
        keys = list(map(_ALIKE, found))
        last = dict(zip(keys, range(len(keys)), strict=True))  # C loops: copies are rare
        if len(last) == len(keys):
            return found, {}
        earliest = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
        twice = {k for k, i in earliest.items() if last[k] != i}
        alike: dict[tuple[int, int, int], list[int]] = {}
        for i, key in enumerate(keys):
            if key in twice:
                alike.setdefault(key, []).append(i)
        groups = list(alike.values())
        texts: dict[int, bytes] = {}
        for i in (i for g in groups for i in g):
            later = found[i][7]
            if not isinstance(later, str) and later[1] is not None:
                texts[found[i][0]] = later[1]
        texts.update(self.normalized_bytes(
            [found[i][0] for g in groups for i in g if found[i][0] not in texts]))
        same = _same_texts(([found[i][0] for i in g] for g in groups), texts)  # rank order
        dropped: set[int] = set()
        copies: dict[int, list[tuple[int, str]]] = {}
        for i in (i for g in groups for i in g):
            doc_id = found[i][0]
            if doc_id in same:
                copies.setdefault(same[doc_id], []).append((doc_id, found[i][4]))
                dropped.add(i)
        return [h for i, h in enumerate(found) if i not in dropped], \
            {k: tuple(sorted(v)) for k, v in copies.items()}

    def _search_rows(self, q: str) -> sqlite3.Cursor:
        """``(id, date, text blob, path, title, source)`` of the current documents
        the trigram index proposes for ``q`` (every current one for a shorter query), in id
        order."""
        sql = ("SELECT d.id, d.date, d.text, f.path, d.title, d.source FROM"
               " documents d JOIN files f ON f.id = d.file_id WHERE d.current = 1")
        match = _trigram_match(q)
        if match is not None:
            rows = self._db.execute(sql + " AND d.id IN (SELECT rowid FROM documents_fts"
                                    " WHERE documents_fts MATCH ?) ORDER BY d.id", (match,))
        elif (chars := _chars_match(q)) is not None:
            rows = self._db.execute(sql + " AND d.id IN (SELECT rowid FROM documents_chars"
                                    " WHERE documents_chars MATCH ?) ORDER BY d.id", (chars,))
        else:
            rows = self._db.execute(sql + " ORDER BY d.id")
        return rows  # sqlite3 gives int, str, bytes and None as they are

    def snippet(self, doc_id: int, start: int, length: int, *, context: int = 30) -> str:
        """Display text around normalised span ``[start, start + length)`` of the document
        (offsets in the newline-joined normalised text), the match marked 【】, within its
        paragraph."""
        found = self.snippets([(doc_id, start, start + length)], context=context)
        if doc_id not in found:
            raise KeyError(doc_id)
        return found[doc_id]

    def snippets(
        self, spans: Sequence[tuple[int, int, int]], *, context: int = 30
    ) -> dict[int, str]:
        """``snippet`` for many ``(document id, start, end)`` at once (one span a document)."""
        wanted = {d: (a, b) for d, a, b in spans}
        result: dict[int, str] = {}
        for chunk in _chunks(sorted(wanted), 500):
            marks = ",".join("?" * len(chunk))
            for doc_id, blob, layout in self._db.execute(
                f"SELECT id, text, layout FROM documents WHERE id IN ({marks})", chunk):
                a, b = wanted[doc_id]
                display, normalized = codec.decode_texts(blob)
                k = normalized.count("\n", 0, a)
                p0 = normalized.rfind("\n", 0, a) + 1
                paragraph = codec.decode_paragraphs(display, normalized, layout)[k]
                result[doc_id] = _shown_snippet(paragraph, a - p0, b - p0, context)
        return result

    def formulation_rows(self, keys: Sequence[str] | None = None) -> tuple[FormulationRow, ...]:
        if keys is None:
            rows = self._db.execute("SELECT id, phrase, key, category, origin FROM formulations")
        else:
            marks = ",".join("?" * len(keys))
            rows = self._db.execute(
                "SELECT id, phrase, key, category, origin FROM formulations"
                f" WHERE key IN ({marks})", list(keys))
        return tuple(FormulationRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]))
                     for r in rows)

    def occurrence_counts(
        self, formulation_ids: Sequence[int]
    ) -> tuple[tuple[int, int, int], ...]:
        """``(document id, formulation id, count)`` in current documents."""
        if not formulation_ids:
            return ()
        marks = ",".join("?" * len(formulation_ids))
        rows = self._db.execute(
            "SELECT o.document_id, o.formulation_id, o.count FROM occurrences o JOIN documents d"
            f" ON d.id = o.document_id WHERE d.current = 1 AND o.formulation_id IN ({marks})",
            list(formulation_ids))
        return tuple((int(r[0]), int(r[1]), int(r[2])) for r in rows)

    def occurrence_positions(
        self, formulation_ids: Sequence[int]
    ) -> Iterator[tuple[int, int, tuple[tuple[int, int, int], ...]]]:
        """``(document id, formulation id, positions)`` in current documents; positions are
        (paragraph, start, end) on the paragraphs' normalised text."""
        if not formulation_ids:
            return
        marks = ",".join("?" * len(formulation_ids))
        for r in self._db.execute(
            "SELECT o.document_id, o.formulation_id, o.positions FROM occurrences o JOIN"
            " documents d ON d.id = o.document_id WHERE d.current = 1 AND"
            f" o.formulation_id IN ({marks})", list(formulation_ids)):
            yield int(r[0]), int(r[1]), codec.decode_positions(bytes(r[2]))

    def first_uses(
        self, leave_out: Iterable[int] = ()
    ) -> Iterator[tuple[int, str, str, str, str, int, int]]:
        """Per formulation in dated current documents but ``leave_out`` (copies): ``(id,
        phrase, category, origin, first date, documents, occurrences)``."""
        rows = self._db.execute(
            "SELECT f.id, f.phrase, f.category, f.origin, min(d.date), count(*), sum(o.count)"
            " FROM occurrences o JOIN documents d ON d.id = o.document_id"
            " JOIN formulations f ON f.id = o.formulation_id"
            f" WHERE d.current = 1 AND {_dated()}"
            " AND d.id NOT IN (SELECT value FROM json_each(?)) GROUP BY f.id",
            (json.dumps(sorted(leave_out)),))
        for r in rows:
            yield (int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), int(r[5]), int(r[6]))

    def documents_on(self, formulation_id: int, date: str) -> tuple[int, ...]:
        return tuple(int(r[0]) for r in self._db.execute(
            "SELECT d.id FROM occurrences o JOIN documents d ON d.id = o.document_id"
            " WHERE o.formulation_id = ? AND d.current = 1 AND d.date = ? ORDER BY d.id",
            (formulation_id, date)))

    def documents_per_period(self, by: str) -> dict[str, int]:
        """Current dated documents per ``YYYY-MM`` / ``YYYY-Qn`` / ``YYYY``, a copy of a
        document (``copies_among``) counted once, as the timelines count them."""
        from tifa.engine.corpus.timeline import period_of

        counts: dict[str, int] = {}
        for month, n in self._db.execute(
            "SELECT substr(date, 1, 7), count(*) FROM documents WHERE current = 1 AND"
            f" {_dated('date')} GROUP BY 1"):
            period = period_of(f"{month}-01", by)
            counts[period] = counts.get(period, 0) + int(n)
        for date in self.dates(list(self.copies_among())).values():
            if date:
                period = period_of(f"{str(date)[:7]}-01", by)
                if counts.get(period, 0) > 0:
                    counts[period] -= 1
        return counts

    def copies_among(self, ids: Iterable[int] | None = None) -> dict[int, int]:
        """``{id: first id}`` for each of ``ids`` (default: every current document) whose
        normalised text and date are those of a lower id among them: the same text stored
        twice (read from UTF-8 and from GBK or Big5, a file saved again under another name).
        Timelines and first uses count such a copy once, as search folds it. Only documents
        alike in date and length are read."""
        alike: dict[tuple[object, int], list[int]] = defaultdict(list)
        if ids is None:
            rows: Iterable[tuple[int, object, int]] = self._db.execute(
                "SELECT id, date, chars FROM documents WHERE current = 1")
            for doc_id, date, chars in rows:
                alike[(date, chars)].append(int(doc_id))
        else:
            for chunk in _chunks(sorted(set(ids)), 500):
                marks = ",".join("?" * len(chunk))
                for doc_id, date, chars in self._db.execute(
                        f"SELECT id, date, chars FROM documents WHERE id IN ({marks})", chunk):
                    alike[(date, chars)].append(int(doc_id))
        groups = [sorted(g) for g in alike.values() if len(g) > 1]
        if not groups:
            return {}
        return _same_texts(groups, dict(self.normalized_bytes([i for g in groups for i in g])))

    def dates(self, ids: Sequence[int]) -> dict[int, str | None]:
        """``{id: date}`` (YYYY-MM-DD or None) of the given documents."""
        result: dict[int, str | None] = {}
        for chunk in _chunks(sorted(ids), 500):
            marks = ",".join("?" * len(chunk))
            result.update((int(r[0]), r[1]) for r in self._db.execute(
                f"SELECT id, date FROM documents WHERE id IN ({marks})", chunk))
        return result

    def info(self) -> StoreInfo:
        one: Callable[[str], object] = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        text_bytes = 0
        for (blob,) in self._db.execute("SELECT text FROM documents WHERE current = 1"):
            text_bytes += len(codec.decode_texts(blob)[0].encode("utf-8"))
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal"))
                   if p.exists())
        first, last = self._db.execute(
            "SELECT min(date), max(date) FROM documents WHERE current = 1 AND"
            f" {_dated('date')}").fetchone()
        return StoreInfo(
            str(self.path), self.schema_version,
            int(one("SELECT count(*) FROM files WHERE current = 1")),  # type: ignore[call-overload]
            int(one("SELECT count(*) FROM files")),  # type: ignore[call-overload]
            int(one("SELECT count(*) FROM documents WHERE current = 1")),  # type: ignore[call-overload]
            int(one("SELECT count(*) FROM documents")),  # type: ignore[call-overload]
            int(one("SELECT count(*) FROM formulations")),  # type: ignore[call-overload]
            int(one("SELECT count(*) FROM occurrences")),  # type: ignore[call-overload]
            text_bytes, size, first, last,
        )

    def checkpoint(self) -> None:
        """Fold the WAL back into the database file (after a large add)."""
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def optimize(self) -> None:
        """Merge the search index into one segment (smaller, faster) and checkpoint; after
        an add that stored documents."""
        self.commit()
        self._db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('optimize')")
        self._db.executescript("PRAGMA incremental_vacuum;")  # all free pages back to the disk
        self._db.execute("PRAGMA optimize")
        self.checkpoint()


_CONTEXT = 30  # characters of a snippet on each side of the match
# what makes a snippet after ranking (with the layout): the text blob, and its normalised
# text when kept
_Later = tuple[bytes, bytes | None]
# a hit while searching: id, matches, first match (byte offset), date, path, title, source,
# the snippet or what makes it later, and the normalised text's length in bytes
_Hit = tuple[int, int, int, str, str, str, str | None, str | _Later, int]
_ALIKE = itemgetter(1, 2, 8)  # what copies share: count, first match, length
_U16 = struct.Struct("<H")


_SCHEMAS: dict[int, tuple[frozenset[tuple[str, str]], dict[str, tuple[str, ...]]]] = {}


def _expected_schema(
    version: int,
) -> tuple[frozenset[tuple[str, str]], dict[str, tuple[str, ...]]]:
    """What a store at ``version`` holds: its ``(type, name)`` objects (tables, indexes,
    FTS5 shadow tables) and each table's columns, from the migrations run in memory."""
    if version not in _SCHEMAS:
        with contextlib.closing(sqlite3.connect(":memory:")) as db:
            for script in MIGRATIONS[:version]:
                for statement in _statements(script):
                    db.execute(statement)
            objects = frozenset((str(t), str(n)) for t, n in db.execute(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
            columns = {n: tuple(str(r[1]) for r in db.execute(f'PRAGMA table_info("{n}")'))
                       for t, n in objects if t == "table"}
        _SCHEMAS[version] = (objects, columns)
    return _SCHEMAS[version]


def _trigram_match(q: str) -> str | None:
    """The FTS5 query (every trigram of ``q``) or None when ``q`` is too short for one."""
    if len(q) < MIN_FTS_CHARS:
        return None
    grams = sorted({q[i:i + 3] for i in range(len(q) - 2)})
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _indexed_char(ch: str) -> bool:
    """A character ``documents_chars`` holds as a token of its own (CJK unified ideographs
    of the basic plane and ASCII letters and digits; SQLite's unicode61 tables may be older
    than Python's for the rest)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or (
        ch.isascii() and ch.isalnum())


def _char_tokens(normalized: str) -> str:
    """The text as ``documents_chars`` indexes it: its distinct indexed characters, a token
    each (presence is all the index keeps)."""
    return " ".join(sorted({ch for ch in normalized if _indexed_char(ch)}))


def _chars_match(q: str) -> str | None:
    """The ``documents_chars`` query for a short query (every character present), or None
    when one of its characters is not indexed (punctuation: the texts are scanned)."""
    if not q or not all(_indexed_char(ch) for ch in q):
        return None
    return " AND ".join(f'"{ch}"' for ch in sorted(set(q)))


def _same_texts(groups: Iterable[Sequence[int]], texts: dict[int, bytes]) -> dict[int, int]:
    """``{id: first id}``: in each group (document ids in the order that decides which comes
    first), every id whose normalised text (``texts``) is that of an earlier id of the group.
    How search folds copies into one hit and timelines count them once."""
    copies: dict[int, int] = {}
    for group in groups:
        first: dict[bytes, int] = {}
        for doc_id in group:
            at = first.setdefault(texts[doc_id], doc_id)
            if at != doc_id:
                copies[doc_id] = at
    return copies


def _snippet_of(blob: bytes, text: bytes | None, layout: bytes, at: int, length: int) -> str:
    """The snippet of a match at byte ``at`` (``length`` bytes) of the document's
    normalised text (``text``, decompressed from ``blob`` when None)."""
    if text is None:
        text = codec.decode_normalized_bytes(blob)
    k = text.count(b"\n", 0, at)
    if codec.plain_paragraph(blob, k):
        return _plain_snippet(text, at, at + length, _CONTEXT)
    # only the match's paragraph is decoded and mapped (its display text, when the
    # display text has one paragraph a line, as the layout says it has)
    from tifa.engine.export.display import may_leave_out  # ~45 ms: not for every search

    paragraph = codec.display_paragraph(blob, text, k)
    p0 = text.rfind(b"\n", 0, at) + 1
    start = len(text[p0:at].decode("utf-8"))
    end = start + len(text[at:at + length].decode("utf-8"))
    if paragraph is not None and not may_leave_out(paragraph):
        return _snippet(paragraph, codec.paragraph_span(layout, k, start, end), _CONTEXT)
    # glosses (统(tǒng)筹) or invisible characters maybe: shown as the app shows them
    if paragraph is not None:
        p1 = text.find(b"\n", at)
        normalized = text[p0:p1 if p1 >= 0 else len(text)].decode("utf-8")
        shown = codec.paragraph_at(layout, k, paragraph, normalized)
    else:
        display, all_normalized = codec.decode_display(blob, text), text.decode("utf-8")
        shown = codec.decode_paragraphs(display, all_normalized, layout)[k]
    return _shown_snippet(shown, start, end, _CONTEXT)


def _encoded_again(blob: bytes, layout: bytes) -> bytes:
    """A stored text blob as ``codec.encode_texts`` writes it now (what upgrades write)."""
    display, normalized = codec.decode_texts(blob)
    return codec.encode_texts(display, normalized,
                              codec.decode_paragraphs(display, normalized, layout))


def _plain_at(blob: bytes, bitmap: int, text: bytes, lo: int, at: int) -> bool:
    """Whether the paragraph holding byte ``at`` of the normalised text (``text`` from
    ``lo``) is plain (``codec.plain_paragraph`` with the bitmap's place known)."""
    k = text.count(b"\n", lo, at)
    return bool(blob[bitmap + (k >> 3)] >> (k & 7) & 1)


def _plain_snippet(text: bytes, s: int, e: int, context: int) -> str:
    """``_snippet`` on UTF-8 bytes (``s``, ``e`` byte offsets of the match in the
    normalised text ``text``) for a document whose display text is its normalised text
    there."""
    return _cut_snippet(text, s, e, 0, len(text), (), context) or ""


def _cut_snippet(text: bytes, s: int, e: int, lo: int, hi: int, points: Sequence[int],
                 context: int = _CONTEXT) -> str | None:
    """``_snippet`` cut from the normalised text ``text[lo:hi]`` (UTF-8; ``s``, ``e`` byte
    offsets of the match): only the match's neighbourhood is decoded. None when one of
    ``points`` (offsets from ``lo`` where the display text differs: ``codec.differences``)
    lies in that neighbourhood, its ends included: the snippet is then cut from the display
    text."""
    left = text.rfind(b"\n", lo, s)
    left = lo if left < 0 else left + 1
    right = text.find(b"\n", e, hi)
    right = hi if right < 0 else right
    # 4 bytes at most a character: context + 1 characters whole in the window
    a = max(left, s - 4 * (context + 1))
    b = min(right, e + 4 * (context + 1))
    if points:
        i = bisect_left(points, a - lo)
        if i < len(points) and points[i] <= b - lo:
            return None
    before = text[a:s].decode("utf-8", "ignore")
    cut_left = a > left or len(before) > context
    after = text[e:b].decode("utf-8", "ignore")
    cut_right = b < right or len(after) > context
    return ("…" if cut_left else "") + before[-context:] + "【" + \
        text[s:e].decode("utf-8") + "】" + after[:context] + ("…" if cut_right else "")


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only. A WAL store needs its -shm file, which SQLite cannot create in
    a folder it may not write (read-only media, a copy on a CD): there the file is opened
    ``immutable`` (nobody can be writing to it), also when the plain read-only open fails."""
    uri = path.resolve().as_uri() + "?mode=ro"
    if os.access(path.resolve().parent, os.W_OK):
        db = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            db.execute("PRAGMA user_version").fetchone()
            return db
        except sqlite3.OperationalError as error:
            db.close()
            if "unable to open" not in str(error):
                raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


def _shown_snippet(paragraph: Paragraph, start: int, end: int, context: int) -> str:
    """``_snippet`` of normalised span ``[start, end)`` of ``paragraph`` on the text the app
    shows for it (``export.display``: without pinyin glosses)."""
    from tifa.engine.export.display import display_text

    end = min(end, len(paragraph.normalized))
    start = min(start, end)
    shown = display_text(paragraph)
    return _snippet(shown.text, shown.span(start, end), context)


def _snippet(display: str, span: tuple[int, int], context: int) -> str:
    s, e = span
    left = display.rfind("\n", 0, s) + 1
    right = display.find("\n", e)
    right = len(display) if right < 0 else right
    a, b = max(left, s - context), min(right, e + context)
    return ("…" if a > left else "") + display[a:s] + "【" + display[s:e] + "】" + \
        display[e:b] + ("…" if b < right else "")


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]
