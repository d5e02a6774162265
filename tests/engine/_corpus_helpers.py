"""The real corpus slice (tests/real/corpus) and a store built from it once per session."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tifa.engine.corpus import CorpusStore, add_paths
from tifa.engine.corpus.add import AddEvent, AddSummary
from tifa.engine.corpus.store import MIGRATIONS
from tifa.engine.progress import run_to_end

REAL_CORPUS = Path(__file__).resolve().parents[1] / "real" / "corpus" / "xwlb"


def build_store(path: Path, sources: list[Path], *, workers: int = 2) -> AddSummary:
    with CorpusStore(path) as store:
        summary = run_to_end(add_paths(store, sources, workers=workers))
    assert isinstance(summary, AddSummary)
    return summary


def day_files(pattern: str) -> list[Path]:
    """Day files of the real slice whose name (YYYYMMDD.md) matches ``pattern``."""
    rx = re.compile(pattern)
    return sorted(p for p in REAL_CORPUS.glob("*.md") if rx.fullmatch(p.stem))


def files_as_schema_5(db: Path) -> None:
    """The store's files table as schemas 1-5 made it: one row per content (``hash``
    unique; schema 6 keeps a row per (path, content)); ``user_version`` left as it is."""
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        files = raw.execute("SELECT * FROM files ORDER BY id").fetchall()
        raw.execute("DROP TABLE files")
        script = MIGRATIONS[0]
        raw.execute(script[script.index("CREATE TABLE files("):script.index(";") + 1])
        raw.execute(script[script.index("CREATE INDEX files_path"):].split(";")[0])
        raw.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?)", files)
    with sqlite3.connect(db) as raw:
        assert "hash TEXT NOT NULL UNIQUE" in raw.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'files'").fetchone()[0]


def add_with_events(store: CorpusStore, paths: list[Path]
                    ) -> tuple[dict[str, AddEvent], AddSummary]:
    """Add ``paths`` with one worker: each file's event by file name, and the summary."""
    events: dict[str, AddEvent] = {}
    summary = None
    for step in add_paths(store, paths, workers=1):
        if isinstance(step, AddEvent):
            events[step.path.name] = step
        elif isinstance(step, AddSummary):
            summary = step
    assert summary is not None
    return events, summary
