"""Findings of the tester (closing round 3) on real readouts: what a Word file's properties
say about its author, dates written in Chinese numerals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.engine.ingest import read_document

REAL = Path(__file__).parents[1] / "real/readouts"
SHANDONG = REAL / "jnsw-shandong-20220729-excerpt.txt"  # 山东省委常委会, 2022-07-29


def _paragraphs() -> list[str]:
    return [p for p in SHANDONG.read_text(encoding="utf-8").splitlines() if p.strip()]


def _docx(path: Path, author: str) -> Path:
    import docx

    document = docx.Document()
    document.add_heading("山东省委常委会召开会议 传达学习中央政治局会议精神", 1)
    for text in _paragraphs():
        document.add_paragraph(text)
    document.core_properties.author = author
    document.save(str(path))
    return path


@pytest.mark.parametrize("author", ["Administrator", "微软用户", "python-docx", "USER",
                                    "Microsoft Office User", "雨林木风"])
def test_a_word_files_machine_author_is_nobody(tmp_path: Path, author: str) -> None:
    """Word fills the author property with the account that saved the file: a readout
    saved on an office PC said "author: Administrator" (python-docx's own files say
    "python-docx") in the documents list, its tooltip and every report."""
    doc = read_document(_docx(tmp_path / "readout.docx", author))
    assert doc.author is None
    assert "李干杰" in "".join(p.text for p in doc.paragraphs)


def test_a_word_files_real_author_is_kept(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path / "readout.docx", "张涵博"))
    assert doc.author == "张涵博"


def test_a_front_matter_admin_author_is_nobody(tmp_path: Path) -> None:
    body = "\n\n".join(_paragraphs())
    path = tmp_path / "readout.md"
    path.write_text(f"---\ntitle: 省委常委会召开会议\nauthor: Administrator\n---\n\n{body}\n",
                    encoding="utf-8")
    assert read_document(path).author is None
