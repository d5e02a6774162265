"""Front matter naming a news agency as the author (`author: 新华社`) gives the source, not a
writer; a person whose name ends in 社 stays the author (tester's finding)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.engine.ingest import read_document

READOUT = Path(__file__).parents[1] / "real/tester3/jnsw-shandong-20220729-excerpt.txt"


def _with_front_matter(tmp_path: Path, author: str) -> Path:
    body = READOUT.read_text(encoding="utf-8")
    path = tmp_path / "readout.md"
    path.write_text(f"---\ntitle: 省委常委会召开会议\nauthor: {author}\n---\n\n{body}",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("agency", ["新华社", "中新社", "中央社", "路透社"])
def test_an_agency_named_as_author_is_the_source(tmp_path: Path, agency: str) -> None:
    document = read_document(_with_front_matter(tmp_path, agency))
    assert document.author is None
    assert document.source == agency


def test_a_person_whose_name_ends_in_she_stays_the_author(tmp_path: Path) -> None:
    document = read_document(_with_front_matter(tmp_path, "王建社"))
    assert document.author == "王建社"
