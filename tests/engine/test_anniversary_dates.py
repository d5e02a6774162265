"""Days named as anniversaries (10月1日是国庆节, 每年的7月1日) and month-day dates the text
looks back on are not a document's date; a readout of the day keeps its date. Real pages
in tests/real/anniversaries (addresses in its SOURCES)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import read_document
from tifa.engine.ingest.metadata import date_from_text

ANNIVERSARIES = Path(__file__).resolve().parents[1] / "real" / "anniversaries"


@pytest.mark.parametrize("name", [
    # "10月1日是中华人民共和国的国庆节。…于1949年10月1日正式成立": was dated 1949-10-01
    "juziqiaoliang-178195-excerpt.txt",
    "zuowen-red-1684292-excerpt.txt",
])
def test_the_event_of_an_anniversary_is_not_the_pages_date(name: str) -> None:
    doc = read_document(ANNIVERSARIES / name)
    assert doc.date is None
    assert "no-date" in [w.code for w in doc.warnings]


_LATER = "2024年，各地举行纪念活动。2024年的活动规模空前。"


@pytest.mark.parametrize("lede", [
    # the next sentence counts years from the day: history (was 2024-08-01, year from text)
    "8月1日，南昌起义爆发。97年来，人民军队从小到大、从弱到强。",
    # the title or the text counts years from the event the date's sentence names
    "8月1日，中国工农红军诞生，打响了武装反抗的第一枪。",
])
def test_a_month_day_the_text_looks_back_on_is_not_the_date(lede: str) -> None:
    whole = f"{lede}\n{_LATER}\n人民军队诞生97周年之际，我们重温历史。"
    assert date_from_text(lede, whole) == (None, "")


def test_a_day_every_year_with_the_events_year_is_not_the_date() -> None:
    lede = ("七一通常指的是每年的7月1日，这一天在中国具有重要的历史意义。"
            "1921年的7月1日，中国共产党第一次全国代表大会在上海召开。")
    whole = lede + "\n中国共产党的成立，是中国历史上开天辟地的大事变。"
    assert date_from_text(lede, whole) == (None, "")  # was 1921-07-01, "year from the text"


@pytest.mark.parametrize(("lede", "expected"), [
    # "75年前的今天": the month-day is today's, the text's year stays
    ("10月1日是国庆节。75年前的今天，毛泽东庄严宣告中华人民共和国成立。",
     dt.date(2024, 10, 1)),
    # a readout of the day counts years in its own sentence
    ("7月1日，庆祝中国人民解放军建军97周年大会在京举行。", dt.date(2024, 7, 1)),
    ("8月1日，市领导走访慰问驻市部队，致以节日的问候。", dt.date(2024, 8, 1)),
])
def test_a_month_day_of_the_report_keeps_its_date(lede: str, expected: dt.date) -> None:
    found, how = date_from_text(lede, f"{lede}\n{_LATER}")
    assert (found, how) == (expected, "year from the text (2024年)")


def test_a_question_headline_over_an_anniversary_and_the_sites_furniture() -> None:
    doc = read_document(ANNIVERSARIES / "gzjll-3098533-excerpt.txt")
    assert doc.title == "建党周年是哪一天?"  # was the question repeated as the first paragraph
    assert doc.date is None  # "建党周年是每年的7月1日。1921年7月23日，…": history (was 1921-07-23)
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("建党周年是每年的7月1日")
    assert not any("侵权" in t or t in ("相关文章", "本类推荐", "本类排行") for t in texts)


def test_a_content_farms_disclaimer_is_not_text() -> None:
    doc = read_document(ANNIVERSARIES / "juziqiaoliang-178195-excerpt.txt")
    assert [p.text[:6] for p in doc.paragraphs] == ["10月1日是", "在这一天,全", "国庆节的设立"]
