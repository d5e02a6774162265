"""A file whose text is all page furniture is refused saying so, not "no text found"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.engine.errors import InputError
from tifa.engine.ingest.assemble import ONLY_FURNITURE
from tifa.engine.ingest.reader import read_document

LYD = Path(__file__).resolve().parents[1] / "real" / "readouts" / "lyd-20250828-excerpt.txt"


@pytest.mark.parametrize(("name", "text", "what"), [
    ("editor.txt", "责任编辑：张三\n", "editor line"),
    ("scan.txt", "扫一扫在手机打开当前页面\n", "app promotion"),
    ("both.txt", "责任编辑：张三\n\n扫一扫在手机打开当前页面\n", "editor line, app promotion"),
    ("editor.html", "<html><body><p>责任编辑：张三</p></body></html>", "editor line"),
])
def test_a_file_of_page_furniture_only_is_refused_saying_so(
        tmp_path: Path, name: str, text: str, what: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert refused.value.path == path
    assert refused.value.reason == (f"all its text is page furniture ({what}), "
                                    "no article text to compare")


def test_real_furniture_lines_alone(tmp_path: Path) -> None:
    """The info bar of a real page (洛阳网) alone: furniture, named as such."""
    bar = LYD.read_text(encoding="utf-8").splitlines()[3]
    assert bar.startswith("来源: 洛阳网")
    path = tmp_path / "bar.txt"
    path.write_text(bar + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="all its text is page furniture"):
        read_document(path)


def test_a_file_without_text_is_still_no_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><body><p> </p></body></html>", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert refused.value.reason == "no text found in the file"


def test_a_page_with_text_carries_no_such_warning() -> None:
    document = read_document(LYD)
    assert document.paragraphs
    assert all(w.code != ONLY_FURNITURE for w in document.warnings)
