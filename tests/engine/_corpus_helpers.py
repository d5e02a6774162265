"""The real corpus slice (tests/real/corpus) and a store built from it once per session."""

from __future__ import annotations

import re
from pathlib import Path

from tifa.engine.corpus import CorpusStore, add_paths
from tifa.engine.corpus.add import AddSummary
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
