"""A count of one in the reports Tifa writes takes the singular: a warning's "1 place" in the
DOCX and PDF reports, "1 document, 1 occurrence" in a corpus timeline's HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.cli import main

XWLB = Path(__file__).resolve().parents[1] / "real" / "corpus" / "xwlb"


def test_a_warning_with_one_place_says_one_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beijing's readout with one U+FFFD put in it: one corrupted character, one place."""
    text = BEIJING_2022.read_text("utf-8")
    at = text.index("。", 300)
    damaged = tmp_path / "beijing.txt"
    damaged.write_text(text[:at] + "\ufffd" + text[at:], "utf-8")
    docx, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    assert main(["compare", str(damaged), str(CHENGDU_2022), "--docx", str(docx),
                 "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    assert "warning: 1 corrupted character (?" in out and "in 1 paragraph;" in out
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    words = re.sub(r"<[^>]+>", "", xml)
    assert "(1 place, marked in red in the text)" in words
    assert "1 places" not in words
    if shutil.which("pdftotext"):  # pypdf misreads our CJK PDFs (DEVELOPERS.md)
        shown = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout
        assert "(1 place, marked in red in the text)" in " ".join(shown.split())


def test_a_timeline_of_one_document_says_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    assert main(["corpus", "add", "--quiet", "--workers", "1", "--db", str(db),
                 str(XWLB / "20211115.md")]) == 0
    capsys.readouterr()
    html = tmp_path / "t.html"
    assert main(["corpus", "timeline", "--db", str(db), "--json", "-", "--html", str(html),
                 "两个确立"]) == 0
    page = html.read_text("utf-8")
    assert re.search(r"last use [\d-]+: 1 document, \d+ occurrences?\.", page), page[-2000:]
    assert ": 1 document</title>" in page
    assert "1 documents" not in page
