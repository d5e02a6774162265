"""Findings of the tester (closing round 3) on real readouts: what a Word file's properties
say about its author, dates written in Chinese numerals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tifa.engine.ingest import read_document
from tifa.engine.model import ParagraphKind

REAL = Path(__file__).parents[1] / "real/tester3"
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
                                    "Microsoft Office User", "雨林木风",
                                    # names Windows gives a computer, WPS's anonymous account
                                    "DESKTOP-8F3K2L1", "USER-20190312AB", "PC-201501011234",
                                    "zhangsan-PC", "Administrator.PC-20150101ABCD",
                                    "WPS_1590001234"])
def test_a_word_files_machine_author_is_nobody(tmp_path: Path, author: str) -> None:
    """Word fills the author property with the account that saved the file: a readout
    saved on an office PC said "author: Administrator" (python-docx's own files say
    "python-docx") in the documents list, its tooltip and every report."""
    doc = read_document(_docx(tmp_path / "readout.docx", author))
    assert doc.author is None
    assert "李干杰" in "".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize("author", ["张涵博", "李 明", "Li Ming", "Wang-Pc Lee"])
def test_a_word_files_real_author_is_kept(tmp_path: Path, author: str) -> None:
    doc = read_document(_docx(tmp_path / "readout.docx", author))
    assert doc.author == author


def test_a_front_matter_admin_author_is_nobody(tmp_path: Path) -> None:
    body = "\n\n".join(_paragraphs())
    path = tmp_path / "readout.md"
    path.write_text(f"---\ntitle: 省委常委会召开会议\nauthor: Administrator\n---\n\n{body}\n",
                    encoding="utf-8")
    assert read_document(path).author is None


def test_a_pivot_named_by_a_name_two_files_share_says_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two readouts saved as 报道.txt in two folders (山东 2022-07-29 and 广东 2020-03-21):
    `--pivot 报道.txt` said "not one of the files", though both are."""
    from tifa.cli import main

    files = []
    guangdong = REAL.parent / "readouts/gdstc-20200321-excerpt.txt"
    for folder, source in (("山东", SHANDONG), ("广东", guangdong)):
        (tmp_path / folder).mkdir()
        files.append(tmp_path / folder / "报道.txt")
        files[-1].write_bytes(source.read_bytes())
    assert main(["compare", *map(str, files), "--pivot", "报道.txt", "-q"]) == 2
    err = capsys.readouterr().err
    assert "not one of the files" not in err
    assert "2 of the files have that name" in err
    assert f"1 ({files[0]})" in err and f"2 ({files[1]})" in err
    assert main(["compare", *map(str, files), "--pivot", str(files[1]), "-q"]) == 0


def test_a_news_flash_before_the_ledes_date_is_cut() -> None:
    """中国邮政报 2021-08-06: "本报讯 7月30日,中共中央政治局召开会议…" kept 本报讯 in the text
    and the title (the space after 讯 is gone from the normalised form, and the rule wanted
    punctuation or a space there)."""
    doc = read_document(REAL / "chinapostnews-20210806-excerpt.txt")
    assert doc.title == "7月30日,中共中央政治局召开会议"
    assert doc.paragraphs[0].text.startswith("7月30日,中共中央政治局召开会议")
    assert "本报讯" not in "".join(p.text for p in doc.paragraphs)
    assert doc.source is None  # 本报: "this paper" names no outlet


def test_a_sites_menu_between_bars_is_not_text() -> None:
    """长春城市网 2015-07-31: the site's menu below the article ("新闻 | 长春 | 吉林 | 社会 | …",
    23 names) was the report's last paragraph, compared like its text."""
    doc = read_document(REAL / "cccity-20150731-excerpt.txt")
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == 4
    assert not any("|" in t for t in texts)
    assert texts[-1].startswith("分析人士称")
    assert doc.title == "港媒:中国共产党提前一周召开北戴河闭门会议"
    assert (str(doc.date), doc.source) == ("2015-07-31", "南华早报")


def _tracked_docx(path: Path) -> Path:
    """The Shandong readout as a draft from an office: its second paragraph's last words a
    tracked insertion (with a tracked deletion beside it), a date in a smart tag, a name in
    a content control, the third paragraph's opening a moved passage."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def element(tag: str, *children: object, **attrs: str) -> object:
        made = OxmlElement(tag)
        for key, value in attrs.items():
            made.set(qn(key), value)
        for child in children:
            made.append(child)
        return made

    def run(text: str, tag: str = "w:t") -> object:
        t = OxmlElement(tag)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return element("w:r", t)

    first, second, third, fourth = _paragraphs()
    document = docx.Document()
    p = document.add_paragraph()  # 7月29日 in a smart tag, as Chinese Word marks dates
    p._p.append(element("w:smartTag", run("7月29日"), **{
        "w:uri": "urn:schemas-microsoft-com:office:smarttags", "w:element": "chsdate"}))
    p.add_run(first.removeprefix("7月29日"))
    p = document.add_paragraph()  # 省委书记李干杰主持会议[并讲话]。 with 并讲话 inserted
    p.add_run("省委书记")
    p._p.append(element("w:sdt", element("w:sdtPr"), element("w:sdtContent", run("李干杰"))))
    p.add_run("主持会议")
    p._p.append(element("w:ins", run("并讲话"), **{"w:id": "1", "w:author": "张三"}))
    p._p.append(element("w:del", run("（此处删去）", "w:delText"), **{"w:id": "2"}))
    p.add_run(second.removeprefix("省委书记李干杰主持会议并讲话"))
    p = document.add_paragraph()
    p._p.append(element("w:moveTo", run(third[:4]), **{"w:id": "3"}))
    p.add_run(third[4:])
    document.add_paragraph(fourth)
    document.save(str(path))
    return path


def test_a_word_drafts_tracked_insertions_smart_tags_and_controls_are_read(
        tmp_path: Path) -> None:
    """python-docx's Paragraph.text reads only the runs directly in a paragraph: a draft's
    tracked insertion (省委书记李干杰主持会议并讲话 read as …主持会议。), a date in a smart tag
    (7月29日 gone from the lede, and with it the document's date), a name in a content
    control and a moved passage were left out. Now the .docx reads as the text file."""
    doc = read_document(_tracked_docx(tmp_path / "修改稿.docx"))
    assert [p.text for p in doc.paragraphs] == _paragraphs()
    assert "此处删去" not in "".join(p.text for p in doc.paragraphs)
    assert str(doc.date) == "2022-07-29"


def test_a_word_files_nested_table_and_content_controls_are_read_once(tmp_path: Path) -> None:
    """A table in a table's cell was read three times (its paragraphs repeated in the
    text); paragraphs inside a content control (a template's field, w:sdt around whole
    paragraphs) were not read at all. The Shandong readout laid out that way reads as the
    text file, each paragraph once."""
    import docx
    from docx.oxml import OxmlElement

    first, second, third, fourth = _paragraphs()
    document = docx.Document()
    document.add_paragraph(first)
    control = OxmlElement("w:sdt")
    control.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    control.append(content)
    document.element.body.insert(1, control)
    content.append(document.add_paragraph(second)._p)  # moved into the control
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = third
    table.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = fourth
    path = tmp_path / "议程.docx"
    document.save(str(path))
    assert [p.text for p in read_document(path).paragraphs] == _paragraphs()


def test_a_word_file_of_manual_line_breaks_has_its_paragraphs(tmp_path: Path) -> None:
    """Text pasted into Word from a web page keeps its lines apart with manual line breaks
    (Shift+Enter, "软回车"), not paragraph marks: the Shandong readout laid out that way was
    one paragraph of 689 characters, so nothing could be aligned paragraph by paragraph."""
    import docx

    document = docx.Document()
    title = document.add_paragraph(style="Title")
    title.add_run("山东省委常委会召开会议").add_break()
    title.add_run("传达学习中央政治局会议精神")
    body = document.add_paragraph()
    for n, text in enumerate(_paragraphs()):
        run = body.add_run(text)
        if n < 3:
            run.add_break()
    path = tmp_path / "网页粘贴.docx"
    document.save(str(path))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs if p.kind is ParagraphKind.BODY] == _paragraphs()
    assert doc.title == "山东省委常委会召开会议 传达学习中央政治局会议精神"


def test_a_site_and_its_apps_dateline_is_cut_and_dates_the_report() -> None:
    """齊魯網·閃電新聞9月18日訊 今天上午,…: the dateline of a provincial site and its news app
    (joined by ·) stayed in the text and made the title "齊魯網·閃電新聞9月18日訊 今天上午";
    cut, its day must still date the report (the lede says only 今天上午)."""
    doc = read_document(REAL / "meetnikchat-iqilu-20230918-excerpt.txt")
    assert doc.source == "齊魯網·閃電新聞"
    assert doc.paragraphs[0].text.startswith("今天上午,省委副書記")
    assert "9月18日訊" not in doc.title
    assert str(doc.date) == "2023-09-18"  # the year from 2023年中國國際服務貿易交易會


def test_a_papers_subtitle_of_who_attended_is_not_the_title() -> None:
    """湖南日报's front page sets a headline in three lines: 张庆伟在…上强调 / 深入贯彻… /
    毛伟明李微微朱国贤出席. The report was titled "毛伟明李微微朱国贤出席" (the line nearest
    the article); the headline is the line above it."""
    doc = read_document(REAL / "hnrb-20220314-excerpt.txt")
    assert doc.title == ("深入贯彻习近平总书记重要讲话和全国两会精神 "
                         "坚定信心勇毅前行集中精力办好湖南自己的事情")
    assert (str(doc.date), doc.source) == ("2022-03-13", "湖南日报")
    assert doc.paragraphs[-1].text.startswith("张庆伟强调")


def test_the_links_to_the_previous_and_next_article_are_not_text() -> None:
    """黄石日报 repost: "- 上一篇:黄石市通报上半年全市非煤矿山事故" and "- 下一篇:食品安全宣传周
    启动" below the article were kept as its last two paragraphs (the titles of other
    articles, compared like the report's own text)."""
    doc = read_document(REAL / "hbhscoop-3784-excerpt.txt")
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == 3
    assert not any("一篇" in t for t in texts)
    assert doc.source == "黄石日报"


@pytest.mark.parametrize(("name", "lede", "author"), [
    ("xnnews-20220624-excerpt.txt", "6月23日,市政协党组(扩大)会议在温泉召开", "黄柱"),
    ("ezhou-20250903-excerpt.txt", "9月1日,市人大常委会党组召开专题会议", "刘学文 通讯员吕攀"),
    ("hnrb-20220314-excerpt.txt", "13日上午,传达学习全国两会精神会议在长沙召开", "邓晶琎"),
])
def test_a_news_flashs_reporter_in_any_form_is_cut(name: str, lede: str, author: str) -> None:
    """"本报讯 记者黄柱报道:6月23日,…" (咸宁日报) and "本网讯(全媒体记者刘学文 通讯员吕攀)9月1日,
    …" (鄂州) kept the news flash in the lede and the title; 湖南日报's dateline gave the
    author as "全媒体记者 邓晶琎"."""
    doc = read_document(REAL / name)
    body = [p.text for p in doc.paragraphs if p.kind is ParagraphKind.BODY]
    assert body[0].startswith(lede)
    assert doc.author == author
    assert not doc.title.startswith(("本报讯", "本网讯"))


def test_a_law_history_dated_in_republic_of_china_numerals(tmp_path: Path) -> None:
    """全國法規資料庫's history of a regulation: 中華民國一百十二年十二月二十一日 (2023-12-21) in
    Chinese numerals gave no date, and the page's skip link 跳至主要內容 was the title."""
    doc = read_document(REAL / "moj-lawhistory-D0120072-excerpt.txt")
    assert doc.title == "沿革"
    assert str(doc.date) == "2023-12-21"
    assert doc.paragraphs[0].text.startswith("1.中華民國一百十二年")


@pytest.mark.parametrize(("text", "gregorian"), [
    ("中華民國九十年十一月十二日總統(90)華總一義字第", "2001年11月12日總統(90)華總一義字第"),
    ("中華民國七十年一月二十三日總統臺統", "1981年1月23日總統臺統"),
    ("中华民国一百零八年三月", "2019年3月"),
    ("民國元年", "1912年"),
    ("民國一百一十三年十三月五日", "2024年十三月五日"),  # no 13th month: the year alone
    ("民國初年", "民國初年"),
])
def test_republic_of_china_years_in_chinese_numerals(text: str, gregorian: str) -> None:
    """Law histories (law.nfa.gov.tw FL001576, motclaw.motc.gov.tw A0024002) write them so."""
    from tifa.engine.ingest.metadata import calendar_digits

    assert calendar_digits(text) == gregorian


def test_a_no_script_notice_is_page_furniture(tmp_path: Path) -> None:
    """laws.taipei.gov.tw opens every page with this notice and 跳到主要內容."""
    path = tmp_path / "page.txt"
    path.write_text("您的瀏覽器不支援JavaScript功能,若網頁功能無法正常使用時,請開啟瀏覽器"
                    "JavaScript狀態 跳到主要內容\n\n跳到主要內容\n\n" + "\n\n".join(_paragraphs()),
                    encoding="utf-8")
    doc = read_document(path)
    assert not any("JavaScript" in p.text or "主要內容" in p.text for p in doc.paragraphs)


def test_a_pivot_named_as_an_item_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    """新闻联播 2022-07-28 is one file of 16 items, listed as 28_xwlb_yuekcc_20220728.md#1 …
    #16: `--pivot 28_xwlb_yuekcc_20220728.md#3` said "not one of the files"."""
    import json

    from tifa.cli import main

    readout = Path(__file__).parents[1] / "real/28_xwlb_yuekcc_20220728.md"
    other = Path(__file__).parents[1] / "real/50_excerpt_stheadline_20220729.txt"
    assert main(["compare", "--pivot", f"{readout.name}#3", "--json", "-",
                 str(readout), str(other)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["settings"]["pivot"] == 2
    assert main(["compare", "--pivot", f"{readout.name}#30", "--json", "-",
                 str(readout), str(other)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["settings"]["pivot"] == 0
    assert "holds no item 30" in captured.err


def test_ruby_readings_are_left_out_of_a_web_page(tmp_path: Path) -> None:
    """A page that glosses with <ruby> (李<rt>lǐ</rt>, 干<rp>(</rp><rt>gān</rt><rp>)</rp>) put
    the readings in the text: 李lǐ干(gān)杰, and a formulation glossed so no longer matched."""
    paragraphs = _paragraphs()
    marked = [p.replace("李干杰", "<ruby>李<rt>lǐ</rt></ruby><ruby>干<rp>(</rp><rt>gān</rt>"
                                 "<rp>)</rp></ruby>杰") for p in paragraphs]
    assert marked != paragraphs
    body = "".join(f"<p>{p}</p>" for p in marked)
    path = tmp_path / "page.html"
    path.write_text("<html><head><meta charset='utf-8'><title>山东省委常委会召开会议</title>"
                    f"</head><body><article><h1>山东省委常委会召开会议</h1>{body}</article>"
                    "</body></html>", encoding="utf-8")
    text = "".join(p.text for p in read_document(path).paragraphs)
    assert "李干杰" in text and "lǐ" not in text and "gān" not in text
    # the same markup in a Markdown file (inline HTML): 李lǐ干(gān)杰
    md = tmp_path / "readout.md"
    md.write_text("---\ntitle: 山东省委常委会召开会议\n---\n\n" + "\n\n".join(marked) + "\n",
                  encoding="utf-8")
    text = "".join(p.text for p in read_document(md).paragraphs)
    assert "李干杰" in text and "lǐ" not in text and "gān" not in text


def test_word_phonetic_guide_keeps_the_character(tmp_path: Path) -> None:
    """Word's 拼音指南 (w:ruby) over 李 and 干: the characters went from the text
    (python-docx's run text does not read w:ruby), and 李干杰 became 杰."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def ruby(base: str, reading: str) -> Any:
        return parse_xml(
            f'<w:r {nsdecls("w")}><w:ruby><w:rubyPr><w:lid w:val="zh-CN"/></w:rubyPr>'
            f"<w:rt><w:r><w:t>{reading}</w:t></w:r></w:rt>"
            f"<w:rubyBase><w:r><w:t>{base}</w:t></w:r></w:rubyBase></w:ruby></w:r>")

    document = docx.Document()
    document.add_heading("山东省委常委会召开会议 传达学习中央政治局会议精神", 1)
    for text in _paragraphs():
        if "李干杰" not in text:
            document.add_paragraph(text)
            continue
        before, after = text.split("李干杰", 1)
        paragraph = document.add_paragraph(before)
        paragraph._p.append(ruby("李", "lǐ"))
        paragraph._p.append(ruby("干", "gàn"))
        paragraph.add_run("杰" + after)
    path = tmp_path / "readout.docx"
    document.save(str(path))
    text = "".join(p.text for p in read_document(path).paragraphs)
    assert "李干杰" in text and "lǐ" not in text
    assert text.replace("\n", "") == "".join(
        p.text for p in read_document(_docx(tmp_path / "plain.docx", "张涵博")).paragraphs)
