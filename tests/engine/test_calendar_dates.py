"""Dates written otherwise than in Arabic digits: Chinese numerals (an office document's
sign-off, 二〇二四年七月三十日) are read wherever digits are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import document_from_string
from tifa.engine.ingest.metadata import calendar_digits, parse_date, parse_info_bar

READOUT = (Path(__file__).resolve().parents[1] / "real" / "readouts"
           / "hubei-edulxw-20211112-excerpt.txt")


@pytest.mark.parametrize(("text", "expected"), [
    ("二〇二四年七月三十日", dt.date(2024, 7, 30)),
    ("二○二四年七月三十日", dt.date(2024, 7, 30)),  # ○ for 〇, the common misprint
    ("二零二一年十一月十二日", dt.date(2021, 11, 12)),
    ("二O二三年十二月三十一日", dt.date(2023, 12, 31)),
    ("二O二O年五月一日", dt.date(2020, 5, 1)),
    ("二〇二〇年元月一日", dt.date(2020, 1, 1)),
    ("一九四九年十月一日", dt.date(1949, 10, 1)),
    ("二〇二四年 七月 三十日", dt.date(2024, 7, 30)),
])
def test_dates_in_chinese_numerals_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected
    assert parse_info_bar(text) == {"date": f"{expected.year}年{expected.month}月"
                                            f"{expected.day}日"}


@pytest.mark.parametrize("text", [
    "二〇二四年七月四十日", "二〇二四年十三月一日", "二十二年一月一日", "十四五年规划",
    "三年二月一日",
])
def test_what_is_not_such_a_date_stays(text: str) -> None:
    assert parse_date(text) is None
    assert calendar_digits(text) == text


def _with_ending(date_line: str) -> str:
    return READOUT.read_text(encoding="utf-8").rstrip() + f"\n\n中共湖北省委办公厅\n{date_line}\n"


@pytest.mark.parametrize("date_line", ["二〇二一年十一月十二日", "二○二一年十一月十二日"])
def test_a_sign_off_in_chinese_numerals_is_the_date_as_in_digits(date_line: str) -> None:
    """A real readout (no date of its own) ending with its issuing body and a date: in
    Chinese numerals it reads as the same ending in digits, date taken out of the text."""
    digits = document_from_string(_with_ending("2021年11月12日"), path="digits.txt")
    numerals = document_from_string(_with_ending(date_line), path="numerals.txt")
    assert digits.date == dt.date(2021, 11, 12)
    assert numerals.date == digits.date
    assert [p.text for p in numerals.paragraphs] == [p.text for p in digits.paragraphs]
    assert not any(date_line in p.text for p in numerals.paragraphs)
    assert not any(w.code == "no-date" for w in numerals.warnings)


# --- years of the Republic of China (民國): Taiwan's government pages -----------------------

TAIWAN = READOUT.parent / "nextapple-20240730-excerpt.txt"


@pytest.mark.parametrize(("text", "expected"), [
    ("民國113年7月30日", dt.date(2024, 7, 30)),
    ("中華民國113年7月30日", dt.date(2024, 7, 30)),
    ("中华民国113年7月30日", dt.date(2024, 7, 30)),
    ("民國 99 年 1 月 5 日", dt.date(2010, 1, 5)),
])
def test_roc_years_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("發布日期：民國113年7月30日", "2024年7月30日"),
    ("發布日期：113年7月30日", "2024年7月30日"),  # after a date label, the year is 民國's
    ("發布日期：113-07-30 資料來源：行政院", "2024年7月30日"),
    ("更新時間：113/07/30 14:20", "2024年7月30日 14:20"),
])
def test_roc_dates_in_info_bars(line: str, expected: str) -> None:
    assert parse_info_bar(line)["date"] == expected
    assert parse_date(parse_info_bar(line)["date"]) == dt.date(2024, 7, 30)


def test_a_bare_three_digit_year_is_not_taken_for_roc_outside_a_date_label() -> None:
    assert parse_date("113年7月30日") is None
    assert parse_info_bar("共有113年7月30日") == {}


@pytest.mark.parametrize("bar", ["發布日期：民國113年7月30日", "發布日期：113年7月30日",
                                 "中華民國113年7月30日"])
def test_a_taiwan_page_dated_in_roc_years_is_dated_as_in_gregorian(bar: str) -> None:
    """A real report (壹蘋新聞網, 2024-07-30) under a headline and an info bar: the bar in
    民國 years dates it as the bar in Gregorian years does, and leaves the text the same."""
    body = TAIWAN.read_text(encoding="utf-8")
    page = "中共召開黨外人士座談會\n\n{}\n\n" + body
    gregorian = document_from_string(page.format("發布日期：2024年7月30日"), path="g.txt")
    roc = document_from_string(page.format(bar), path="roc.txt")
    assert gregorian.date == dt.date(2024, 7, 30)
    assert roc.date == gregorian.date
    assert [p.text for p in roc.paragraphs] == [p.text for p in gregorian.paragraphs]
