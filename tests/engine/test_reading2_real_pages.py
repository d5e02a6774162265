"""Five real pages found at stop 19 (notices with a 文号, a 公报, an anniversary meeting's
readout; addresses in the SOURCES of their folders): title, date, source and document
number as the pages give them, and no page furniture in the text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import read_document
from tifa.engine.ingest.metadata import date_from_text

REAL = Path(__file__).resolve().parents[1] / "real"


@pytest.mark.parametrize(("name", "title", "date", "source", "number"), [
    # the title set over two lines above its 文号 (was: the first line alone, the second
    # line and the number left as headings of the text)
    ("notices/imasd-velecdom-41ht5-excerpt.txt",
     "国务院关于推动内蒙古高质量发展奋力书写中国式现代化新篇章的意见",
     dt.date(2024, 11, 1), "sp20241101", "国发〔2023〕16号"),
    ("notices/0798ci-law-8240-excerpt.txt", "山东省人民政府关于深化预算管理制度改革的实施意见",
     dt.date(2016, 1, 17), None, "鲁政发〔2014〕20号"),
    # a government page's list of labels, each value on the next line: the 文号 under 发文字号
    ("notices/zb-gov-49ca3d0c-excerpt.txt", "镇巴县人民政府工作规则", dt.date(2024, 4, 6), None,
     "镇政发〔2024〕7号"),
    # the site's "今天是…星期一" banner is not the title nor the date; 信息发布 is no outlet;
    # an empty 来源 in the info bar does not swallow its 发布时间
    ("anniversaries/njxwhg-470-excerpt.txt",
     "南江县文化馆 收听收看庆祝中国共产党成立100周年大会情况", dt.date(2021, 7, 1), None, None),
    # 中評社北京10月23日電／據新華社消息，: the whole dateline goes; the year from the
    # plenum's days (於2025年10月20日至23日) in the next paragraph
    ("readouts/crntt-107133141-excerpt.txt",
     "10月23日，中國共產黨第二十屆中央委員會第四次全體會議通過公報", dt.date(2025, 10, 23),
     "中評社", None),
])
def test_real_pages_title_date_source_and_number(name: str, title: str, date: dt.date,
                                                 source: str | None,
                                                 number: str | None) -> None:
    doc = read_document(REAL / name)
    assert (doc.title, doc.date, doc.source) == (title, date, source)
    assert dict(doc.extra).get("document_number") == number
    texts = [p.text.strip() for p in doc.paragraphs]
    assert not any(t.startswith(("今天是", "／", "/")) or t in ("信息发布", number) for t in texts)
    assert len(texts) >= 2


def test_a_chapter_heading_between_the_title_and_the_text_stays() -> None:
    doc = read_document(REAL / "notices" / "zb-gov-49ca3d0c-excerpt.txt")
    assert doc.paragraphs[0].text == "第一章总则"  # was dropped with the page's labels


@pytest.mark.parametrize("later", [
    "1921年7月1日，中国共产党成立。",  # the same day with a year: the anniversary's event
    "1921年7月1日至3日，会议在上海举行。2024年，各级党组织开展了纪念活动。",  # a later year
])
def test_days_with_a_year_elsewhere_that_are_history_give_no_year(later: str) -> None:
    lede = "7月1日，市委召开座谈会，重温党的历史。"
    assert date_from_text(lede, f"{lede}\n{later}") == (
        None, "the document does not say its year: its text says 7月1日")
