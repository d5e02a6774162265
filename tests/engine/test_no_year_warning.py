"""A document whose lede gives a day but nothing gives its year says so in its ``no-date``
warning ("…its text says 12月8日"), in English and in the reports' Chinese."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.engine.export.i18n import warning_text
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.model import DocumentWarning

REAL = Path(__file__).resolve().parents[1] / "real"


def _no_date(path: Path) -> DocumentWarning:
    doc = read_document(path)
    assert doc.date is None
    return next(w for w in doc.warnings if w.code == "no-date")


@pytest.mark.parametrize(("name", "day"), [
    ("tester18/hk01-60301564-20251208-excerpt.txt", "12月8日"),  # 今日（12月8日）中共中央…
    ("readouts/chinawriter-20200330-excerpt.txt", "3月27日"),
])
def test_the_warning_names_the_day_whose_year_is_unknown(name: str, day: str) -> None:
    warning = _no_date(REAL / name)
    assert warning.message == f"the document does not say its year: its text says {day}"
    assert warning_text(warning, "zh") == f"文档未注明年份：正文只写 {day}"
    assert warning_text(warning, "en") == warning.message


def test_an_undated_text_without_a_day_says_only_that() -> None:
    doc = document_from_string("市委召开会议\n\n会议强调，要认真贯彻落实。\n\n会议要求，抓好工作。")
    messages = [w.message for w in doc.warnings if w.code == "no-date"]
    assert messages == ["the document does not say its date"]
    assert "date_basis" not in dict(doc.extra)


def test_an_anniversary_gives_no_day_without_a_year() -> None:
    # "10月1日是…国庆节": the day of every year, not a day whose year is missing
    doc = read_document(REAL / "anniversaries" / "juziqiaoliang-178195-excerpt.txt")
    assert [w.message for w in doc.warnings if w.code == "no-date"] == [
        "the document does not say its date"]


def test_an_implausible_date_is_said_in_chinese_too() -> None:
    doc = document_from_string("---\ndate: 0001-01-01\n---\n会议强调，要认真贯彻落实。")
    warning = next(w for w in doc.warnings if w.code == "no-date")
    assert "0001-01-01" in warning.message
    assert warning_text(warning, "zh") == (
        "其日期 0001-01-01 不合常理（应在 1900–2100 年间）；按无日期处理")
