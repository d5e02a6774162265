"""Real comparisons for the export tests, computed once per test session.

The 31-document set imitates one meeting as reported by every province: the Beijing 2022
report (seed 000) with the place names changed, one paragraph dropped, two swapped and one
paragraph of the Chengdu report (seed 003) put in, a different one in each variant.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022, QIUSHI_2020
from tifa.engine.compare.model import CompareSettings, Comparison

PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏",
    "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
    "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏",
    "新疆",
)

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@cache
def read(path: Path) -> object:
    from tifa.engine.ingest import read_document

    return read_document(path)


@cache
def comparison_of(*paths: Path) -> Comparison:
    from tifa.engine.compare.pipeline import compare

    return compare([read(p) for p in paths], settings=CompareSettings())  # type: ignore[misc]


def beijing_chengdu() -> Comparison:
    """The user's own example: Beijing 2022 (000) against Chengdu 2022 (003)."""
    return comparison_of(BEIJING_2022, CHENGDU_2022)


def beijing_2017_2022() -> Comparison:
    """Five years of Beijing wording: 2017 (004) against 2022 (000)."""
    return comparison_of(BEIJING_2017, BEIJING_2022)


def with_traditional() -> Comparison:
    """Beijing 2022 against the traditional-script Qiushi article with its corrupted characters."""
    return comparison_of(BEIJING_2022, QIUSHI_2020)


#: The edits ``beijing_revised`` makes to seed 000: (old, new) — one changed character,
#: one changed word, one phrase dropped, one word put in.
REVISIONS = (
    ("干大事", "谋大事"),
    ("四个意识", "四个自信"),
    ("市委书记蔡奇强调，", ""),
    ("全力抓好下半年工作", "全力抓好下半年各项工作"),
)


@cache
def beijing_revised() -> Comparison:
    """Beijing 2022 (000) against a lightly revised copy of itself (``REVISIONS``): every
    paragraph has its counterpart, a few of them edited."""
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.normalize import document_from_text

    original = read(BEIJING_2022)
    text = "\n\n".join(p.text for p in original.paragraphs)  # type: ignore[attr-defined]
    for old, new in REVISIONS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    revised = document_from_text(text, path="000-revised.txt",
                                 title=original.title + "（修订稿）")  # type: ignore[attr-defined]
    return compare([original, revised], settings=CompareSettings())  # type: ignore[list-item]


@cache
def provinces() -> Comparison:
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.normalize import document_from_text

    base = [p.text for p in read(BEIJING_2022).paragraphs]  # type: ignore[attr-defined]
    extra = [p.text for p in read(CHENGDU_2022).paragraphs]  # type: ignore[attr-defined]
    documents = []
    for i, province in enumerate(PROVINCES):
        paragraphs = [t.replace("北京", province).replace("首都", province) for t in base]
        del paragraphs[1 + i % (len(paragraphs) - 1)]
        k = 2 + (i * 7) % (len(paragraphs) - 3)
        paragraphs[k], paragraphs[k + 1] = paragraphs[k + 1], paragraphs[k]
        paragraphs.insert(1 + (i * 5) % (len(paragraphs) - 1), extra[i % len(extra)])
        documents.append(
            document_from_text(
                "\n\n".join(paragraphs), path=f"{i:02d}-{province}.txt",
                title=f"{province}市委工作会议",
            )
        )
    return compare(documents, settings=CompareSettings())


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html: Path, png: Path, *, width: int = 1400, height: int = 2000) -> None:
    """Headless Chromium screenshot of a local file, with no network and a throwaway profile."""
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
             f"--window-size={width},{height}", html.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )
