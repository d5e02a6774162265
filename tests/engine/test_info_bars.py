"""Info bars, editor lines and bylines as real pages write them (issue 11's examples, from
the pages it was tried on) become metadata and leave the text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.ingest.metadata import date_in_title, parse_info_bar


@pytest.mark.parametrize(("line", "expected"), [
    ("发布时间:2022-01-07 15:15:00来源: 北京日报",
     {"date": "2022-01-07 15:15:00", "source": "北京日报"}),
    ("新华社 / 2022-08-03 16:16:19", {"date": "2022-08-03 16:16:19", "source": "新华社"}),
    ("2022-04-29 12:41·央视新闻", {"date": "2022-04-29 12:41", "source": "央视新闻"}),
    ("2019-09-26 12:11来源：证券时报网作者：李在山",
     {"date": "2019-09-26 12:11", "source": "证券时报网", "author": "李在山"}),
    ("发布日期：2019-03-06 责任编辑：龙慧", {"date": "2019-03-06", "editor": "龙慧"}),
    ("来源: | 发布时间: 2018-05-17 | 浏览次数: 2168", {"date": "2018-05-17"}),
    ("责任编辑：魏瑶 签发:陈晗", {"editor": "魏瑶"}),
    ("作者：网络 时间：2020-01-01", {"date": "2020-01-01"}),  # 网络 names nobody
    ("建立時間：2016/05/21 11:44", {"date": "2016/05/21 11:44"}),
    ("15:312018/09/16", {"date": "2018/09/16"}),
    ("会议强调，要坚持稳中求进工作总基调。", {}),
    ("首页 > 要闻 > 头条 > 正文", {}),
    # gdstc.gd.gov.cn, 2020-03-21 (tests/real/readouts/gdstc-20200321-excerpt.txt): the
    # page's font and print tools follow the source
    ("时间 : 2020-03-21 16:13:04 来源 : 南方日报网络版 【字体: 【打印】",
     {"date": "2020-03-21 16:13:04", "source": "南方日报网络版"}),
])
def test_info_bar(line: str, expected: dict[str, str]) -> None:
    assert parse_info_bar(line) == expected


# Sentences of the 2022-07-28 Politburo readout (tests/real/40_xwlb_frederickpi_20220728.md).
READOUT = [
    "要稳定房地产市场，坚持房子是用来住的、不是用来炒的定位，因城施策用足用好政策工具箱，"
    "支持刚性和改善性住房需求，压实地方政府责任，保交楼、稳民生。",
    "要保持金融市场总体稳定，妥善化解一些地方村镇银行风险，严厉打击金融犯罪。",
]


def test_lines_of_a_copied_report_become_metadata() -> None:
    """The furniture lines issue 11 met on real pages, around two of the readout's sentences."""
    text = "\n".join([
        "中共中央政治局召开会议",
        "发布时间:2022-01-07 15:15:00来源: 北京日报",
        "（记者 邵宪杰）",
        *READOUT,
        "责任编辑：魏瑶 签发:陈晗",
    ])
    doc = document_from_string(text, path="copied.txt")
    assert doc.title == "中共中央政治局召开会议"
    assert doc.date == dt.date(2022, 1, 7)
    assert doc.source == "北京日报"
    assert doc.author == "邵宪杰"
    assert dict(doc.extra).get("editor") == "魏瑶"
    assert [p.text for p in doc.paragraphs] == READOUT


def test_dates_in_titles() -> None:
    assert date_in_title("新闻联播 2022-07-28") == dt.date(2022, 7, 28)
    assert date_in_title("《新闻联播》（20220728）") == dt.date(2022, 7, 28)
    assert date_in_title("中共中央政治局召开会议") is None


@pytest.mark.parametrize("line", [
    "中国西藏网 > 即时新闻 > 地方", "首頁>政治>", "中宏国研信息技术研究院官网",
    "第01版:封面 PDF版阅读",
    "您的IE浏览器版本过低", "[会员中心] [退出]", "相关推荐", "返回顶部",
    # baoshan.cn (tests/real/readouts/baoshan-20200227-excerpt.txt)
    "欢迎访问保山新闻网,您可以选择访问: 保山市 隆阳区 施甸县 腾冲市 龙陵县 昌宁县",
    "    保山搜索", "    首页 保山新闻网 新闻中心 保山要闻",
])
def test_navigation_is_never_the_title(line: str) -> None:
    """The lines issue 11 saw become titles (breadcrumbs, a site name, an e-paper page) and
    other page furniture: left out, the title comes from the text."""
    doc = document_from_string("\n".join([line, *READOUT]), path="copied.txt")
    assert doc.title != line and line not in doc.text


# The lines Chinese news pages print around a headline (issue 11, the store's pages 41–55),
# over sentences of a readout: each becomes metadata or goes, and the text stays whole.
@pytest.mark.parametrize(("lines", "meta"), [
    (["2022-10-16 20:31 桌面版 简体 打賞 8", "小字"], {"date": dt.date(2022, 10, 16)}),
    (["[2022.10.17] 發表"], {"date": dt.date(2022, 10, 17)}),
    ([" date 2026-01-08 聽新聞"], {"date": dt.date(2026, 1, 8)}),
    (["2023/12/29 21:38(12/29 22:08 更新)"], {"date": dt.date(2023, 12, 29)}),
    (["聯合報／ 特派記者陳政錄／北京報導"], {"source": "聯合報", "author": "陳政錄"}),
    (["1242觀看次", "字級"], {}),
    (["请同意我们的隐私权规范，才能启用听新闻的功能。"], {}),
    (["大陆中心综合报导"], {}),
    (["content"], {}),
    (["文/德國之聲中文網"], {"source": "德國之聲中文網"}),
    (["• 時間:2024-07-15 07:36", "• 新聞引據:、香港電台、明報"],
     {"date": dt.date(2024, 7, 15), "source": "香港電台、明報"}),
])
def test_header_lines_of_news_pages(lines: list[str], meta: dict[str, object]) -> None:
    doc = document_from_string("\n".join(["政治局会议部署下半年经济工作", *lines, *READOUT]),
                               path="copied.txt")
    assert doc.title == "政治局会议部署下半年经济工作"
    assert [p.text for p in doc.paragraphs] == READOUT
    for key, value in meta.items():
        assert getattr(doc, key) == value


@pytest.mark.parametrize(("opening", "source", "author"), [
    ("【看中國2022年10月16日訊】(看中國記者苗薇綜合報導)", "看中國", "苗薇"),
    ("(中央社台北29日電)", "中央社", None),
    ("(星島日報報道)", "星島日報", None),
])
def test_datelines_of_news_pages(opening: str, source: str, author: str | None) -> None:
    doc = document_from_string("\n".join(["标题在此行", opening + READOUT[0], READOUT[1]]),
                               path="copied.txt")
    assert doc.source == source and doc.author == author
    assert doc.paragraphs[0].text == READOUT[0]


def test_keyword_line_and_captions_go() -> None:
    """A tag line under the article and captions (图/…, 图为…, a bracketed photo credit)
    are not text; a sentence that merely mentions a picture stays."""
    caption = "会议强调，中国经济要求稳。（图/路透社）"
    shows = "李家超与会。图为2022年李家超向习近平述职。（新华社）"
    kept = "与会者看了一幅图，图上画着长江，大家议论纷纷，认为很有意义。"
    tags = "新華社 中共 習近平 全國人大"
    doc = document_from_string("\n".join(
        ["标题在此行", caption, READOUT[0], shows, kept, READOUT[1], tags]), path="copied.txt")
    assert [p.text for p in doc.paragraphs] == [READOUT[0], kept, READOUT[1]]


def test_original_title_note_and_headline_over_lines() -> None:
    """A repost's （原题为《…》） note is metadata; a headline set over several lines at the
    top of the text, under the same headline given as the title, goes."""
    title = "全国人民代表大会常务委员会关于批准调整国债余额限额的决议"
    doc = document_from_string("\n".join(
        ["全国人民代表大会常务委员会", "关于批准调整国债余额限额的决议", *READOUT,
         "（原题为《保交楼、稳民生》）"]), path="copied.txt", title=title)
    assert [p.text for p in doc.paragraphs] == READOUT
    assert ("original_title", "保交楼、稳民生") in doc.extra


def test_a_welcome_headline_stays() -> None:
    doc = document_from_string("\n".join(["欢迎来到中国国际进口博览会", *READOUT]), path="a.txt")
    assert doc.title == "欢迎来到中国国际进口博览会"


def test_a_local_news_page_copied_with_its_menu() -> None:
    """保山新闻网 (tests/real/readouts): a welcome line, a search box and a path from the home
    page above the headline (too few lines for the copied-page rule): the welcome line was
    the title and the other two headings of the text."""
    path = Path(__file__).parents[1] / "real/readouts/baoshan-20200227-excerpt.txt"
    doc = read_document(path)
    assert doc.title == "市委常委召开扩大会议 统筹推进疫情防控和经济社会发展工作"
    assert doc.date == dt.date(2020, 2, 27)
    assert doc.paragraphs[0].text.startswith("本网讯") or doc.paragraphs[0].text.startswith(
        "2月26日")
    for furniture in ("欢迎访问", "保山搜索", "首页"):
        assert furniture not in doc.text


def test_a_year_alone_is_not_the_pages_date(tmp_path: Path) -> None:
    """The 山東 readout (tests/real/readouts/sd-people-20200321-excerpt.txt) as a page: its
    line "2020年03月21日08:55  來源:大眾日報客戶端" is in the article, and htmldate's extensive
    search, finding a year, said 2020-01-01 — which beat that line. A date the page does not
    write is not taken."""
    import html

    lines = (Path(__file__).parents[1] / "real/readouts/sd-people-20200321-excerpt.txt"
             ).read_text(encoding="utf-8").splitlines()
    body = "".join(f"<p>{html.escape(line.strip())}</p>" for line in lines if line.strip())
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><meta charset='utf-8'><title>山東省委常委會</title></head>"
                    f"<body><div class='article'>{body}</div></body></html>", encoding="utf-8")
    doc = read_document(page)
    assert doc.date == dt.date(2020, 3, 21)
    assert doc.source == "大眾日報客戶端"


def test_a_dateline_running_into_the_text() -> None:
    """湖北日报 (tests/real/readouts/hubei-mingriaudio-20200423-excerpt.txt): "湖北日报讯
    (记者李保林、周呈思)4月22日下午,…" — no colon or space after the bracket, so the dateline
    stayed in the text and made the title "湖北日报讯 (记者李保林、周呈思)4月22日下午"."""
    doc = read_document(Path(__file__).parents[1]
                        / "real/readouts/hubei-mingriaudio-20200423-excerpt.txt")
    assert doc.title == "4月22日下午,省委常委会召开会议"
    assert (doc.source, doc.author) == ("湖北日报", "李保林、周呈思")
    assert doc.paragraphs[0].text.startswith("4月22日下午,省委常委会召开会议")


def test_a_long_headline_above_the_info_bar_is_the_title() -> None:
    """gdstc.gd.gov.cn (tests/real/readouts): a 62-character headline in three parts over
    "时间 : 2020-03-21 … 来源 : 南方日报网络版": longer than a first line may be to pass for a
    title, it stayed in the text and the title was cut from it."""
    doc = read_document(Path(__file__).parents[1] / "real/readouts/gdstc-20200321-excerpt.txt")
    assert doc.title == ("省委常委会暨省新冠肺炎防控领导小组(指挥部)召开会议 "
                         "认真学习贯彻习近平总书记在中央政治局常委会会议上的重要讲话精神 "
                         "李希主持会议")
    assert doc.paragraphs[0].text.startswith("3月20日,省委常委会")
