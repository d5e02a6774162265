"""Where Tifa's data lives, both in a source checkout and in an installed wheel or bundle.

In a checkout, ``resources/`` and ``seeds/`` sit at the repository root, beside ``desktop/``.
A wheel carries them as ``tifa/_data/{resources,seeds}`` (see pyproject.toml); a PyInstaller
bundle the same, under ``sys._MEIPASS``.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # .../tifa


@cache
def _data_root(name: str) -> Path:
    candidates = [
        _PACKAGE_DIR.parent.parent / name,  # checkout: desktop/tifa -> repo root
        _PACKAGE_DIR / "_data" / name,  # wheel
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "tifa" / "_data" / name)
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError(f"Tifa's {name} folder is missing (looked in {candidates})")


def resources_dir() -> Path:
    """The folder of data files the code reads (rules, lexicon, templates, icons)."""
    return _data_root("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def seeds_dir() -> Path:
    """The five sample reports Tifa opens by default."""
    return _data_root("seeds")


def sample_documents() -> list[Path]:
    return sorted(p for p in seeds_dir().glob("*.txt"))


def default_pair() -> list[Path]:
    """The user's own example: Beijing (000, 2022-07-21) against Chengdu (003, 2022-07-27)."""
    seeds = seeds_dir()
    return [seeds / "000_9199964eb3750e0c.txt", seeds / "003_3eec6e6b6785901d.txt"]
