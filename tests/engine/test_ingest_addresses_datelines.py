"""Dates from a news site's address, news-flash datelines that name nobody, and a file's
content deciding over its extension (the tester's open findings of session 16)."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pytest

from tifa.engine.errors import InputError
from tifa.engine.ingest import document_from_string, read_document, read_documents
from tifa.engine.ingest.items import original_link, split_items
from tifa.engine.ingest.metadata import date_in_url

READOUTS = Path(__file__).resolve().parents[1] / "real" / "readouts"
ITEM = READOUTS / "xwlb-yuekcc-20230428-item1.md"


def test_an_item_cut_from_a_day_file_is_dated_by_its_address(tmp_path: Path) -> None:
    # the real item, under its own name and under one that says no date
    for path in (ITEM, tmp_path / "item.md"):
        if not path.exists():
            shutil.copyfile(ITEM, path)
        document = read_document(path)
        assert document.date == dt.date(2023, 4, 28), path
        assert "no-date" not in {w.code for w in document.warnings}
        assert dict(document.extra)["url"].startswith("https://tv.cctv.com/2023/04/28/")
        assert not any("查看原文" in p.text for p in document.paragraphs)


def test_an_explicit_date_wins_over_the_address(tmp_path: Path) -> None:
    path = tmp_path / "dated.md"
    path.write_text("---\ndate: 2023-04-29\n---\n" + ITEM.read_text("utf-8"), "utf-8")
    assert read_document(path).date == dt.date(2023, 4, 29)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://tv.cctv.com/2023/04/28/VIDEaXSc3itzz3YeOKKJehzr230428.shtml",
     dt.date(2023, 4, 28)),
    ("http://www.news.cn/politics/2023-04/28/c_1129577603.htm", dt.date(2023, 4, 28)),
    ("http://politics.people.com.cn/n1/2023/0428/c1024-32675713.html", dt.date(2023, 4, 28)),
    ("https://www.chinanews.com.cn/gn/2023/04-28/9998765.shtml", dt.date(2023, 4, 28)),
    ("https://www.gov.cn/xinwen/2023-04/28/content_5753652.htm", dt.date(2023, 4, 28)),
    # not a news site Tifa knows, or no day in the address, or no such day
    ("https://example.com/2023/04/28/post.html", None),
    ("https://www.gov.cn/yaowen/liebiao/202304/content_6857321.htm", None),
    ("https://tv.cctv.com/2023/02/30/x.shtml", None),
    ("not a url", None),
])
def test_dates_in_addresses(url: str, expected: dt.date | None) -> None:
    assert date_in_url(url) == expected


def test_the_splitter_and_the_reader_share_one_link_rule(tmp_path: Path) -> None:
    text = ITEM.read_text("utf-8")
    assert original_link(text) == (
        "https://tv.cctv.com/2023/04/28/VIDEaXSc3itzz3YeOKKJehzr230428.shtml")
    day = "## 详细新闻\n\n" + text + "\n" + text.replace("### 中共中央", "### 又一条 中共中央")
    found = split_items(day)
    assert found is not None
    assert [item.url for item in found.items] == [original_link(text)] * 2
    # items of a day file that says no date take the day from their address
    path = tmp_path / "day.md"
    path.write_text(day, "utf-8")
    assert [d.date for d in read_documents(path)] == [dt.date(2023, 4, 28)] * 2


LEDE = ("1月6日，中共中央政治局召开会议，专题学习贯彻习近平总书记重要讲话精神，"
        "全面贯彻落实党中央决策部署。会议强调，要统筹推进疫情防控和经济社会发展各项工作。")


def test_a_dateline_of_this_paper_or_this_site_names_no_source() -> None:
    # the real page: 保山新闻网's "本网讯(记者 段绍飞) 2月26日下午,…"
    document = read_document(READOUTS / "baoshan-20200227-excerpt.txt")
    assert document.source is None
    assert document.author == "段绍飞"
    for dateline in ("本报讯（记者 邵宪杰）", "本网讯(记者 段绍飞)", "本台消息："):
        document = document_from_string(f"{dateline}{LEDE}", path="flash.txt")
        assert document.source is None, dateline
        assert not document.paragraphs[0].text.startswith(dateline[:3])
    document = document_from_string(f"发布时间：2022-01-07 来源：本报\n{LEDE}", path="bar.txt")
    assert (document.source, document.date) == (None, dt.date(2022, 1, 7))
    # a dateline that names its outlet still gives it
    assert document_from_string(f"湖北日报讯（记者李保林）{LEDE}").source == "湖北日报"


def test_the_page_names_the_source_a_dateline_of_this_paper_does_not() -> None:
    page = ("<html><head><meta property='og:site_name' content='北京日报'>"
            "<title>中共中央政治局召开会议</title></head><body><h1>中共中央政治局召开会议</h1>"
            f"<p>本报讯（记者 邵宪杰）{LEDE}</p><p>{LEDE}</p></body></html>")
    document = document_from_string(page, path="page.html")
    assert document.source == "北京日报"
    assert document.author == "邵宪杰"


def test_the_content_decides_over_an_unsupported_extension(tmp_path: Path) -> None:
    import docx

    paragraphs = [line for line in ITEM.read_text("utf-8").splitlines()
                  if line.startswith("会议")][:3]
    word = docx.Document()
    for line in paragraphs:
        word.add_paragraph(line)
    misnamed = tmp_path / "x.odt"  # a .docx under an OpenDocument name
    word.save(str(misnamed))
    document = read_document(misnamed)
    assert document.format == "docx"
    assert [p.text for p in document.paragraphs][-2:] == paragraphs[-2:]

    real = tmp_path / "real.odt"  # an OpenDocument text stays refused, with the reason
    with zipfile.ZipFile(real, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(InputError, match="OpenDocument files are not supported"):
        read_document(real)
    old = tmp_path / "old.doc"  # an old .doc that is an old .doc: as before
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(InputError, match=r"old Word \.doc files are not supported"):
        read_document(old)
