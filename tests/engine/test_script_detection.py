"""Telling a document's script without loading OpenCC's s2t dictionaries (~0.04 s of every
comparison): the character-by-character estimate decides only where the decision is safe,
and must agree with the count by OpenCC's s2t itself on every real document we have."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from opencc import OpenCC

from tifa.engine.ingest import read_documents
from tifa.engine.ingest.script import (
    _HAN_RE,
    _SAMPLE,
    _changed,
    _decision,
    detect_script,
    s2t_characters,
)
from tifa.engine.model import Script
from tifa.engine.normalize import _converter

ROOT = Path(__file__).resolve().parents[2]
READABLE = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


@cache
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def _han(text: str) -> str:
    return "".join(_HAN_RE.findall(text[: _SAMPLE * 3]))[:_SAMPLE]


def _by_opencc(text: str) -> Script:
    """The decision as it was made before: both counts by OpenCC."""
    han = _han(text)
    if not han:
        return Script.UNKNOWN
    return _decision(_changed(han, _converter().convert(han)), _changed(han, _s2t().convert(han)))


def _real_texts() -> list[tuple[str, str]]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "tests" / "real").rglob("*") if p.suffix in READABLE
    )
    texts = []
    for path in paths:
        for document in read_documents(path):
            texts.append((f"{path.name}:{document.name}",
                          "".join(p.text for p in document.paragraphs)))
    return texts


def test_the_character_list_is_what_opencc_s2t_changes() -> None:
    ranges = ((0x3400, 0xA000), (0xF900, 0xFB00))
    derived = {
        chr(cp) for low, high in ranges for cp in range(low, high)
        if _s2t().convert(chr(cp)) != chr(cp)
    }
    assert s2t_characters() == derived
    assert "这" in derived and "這" not in derived and "的" not in derived


@pytest.mark.slow
def test_same_decision_as_opencc_on_every_real_document() -> None:
    texts = _real_texts()
    scripts = {name: detect_script(text) for name, text in texts}
    assert len(texts) > 100
    assert {Script.SIMPLIFIED, Script.TRADITIONAL} <= set(scripts.values())
    for name, text in texts:
        assert scripts[name] is _by_opencc(text), name
        # the estimate's margin holds: s2t's own count lies within it
        han = _han(text)
        estimate = sum(ch in s2t_characters() for ch in han)
        exact = _changed(han, _s2t().convert(han))
        assert estimate // 2 - 5 <= exact <= 2 * estimate + 5, name


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("这个会议发展", Script.SIMPLIFIED),  # too few to be sure from the estimate: s2t counts
        ("這個會議發展", Script.TRADITIONAL),
        ("这个会议發展經濟", Script.MIXED),
        ("中国人民", Script.UNKNOWN),  # only 国 is telling
        ("", Script.UNKNOWN),
        ("abc 123", Script.UNKNOWN),
    ],
)
def test_short_texts_match_opencc(text: str, script: Script) -> None:
    assert _by_opencc(text) is script
    assert detect_script(text) is script
