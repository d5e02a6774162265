"""Official documents (通知, 通告, 公告) and commemorations: their titles, dates and issuing
bodies, on real pages (tests/real/notices, addresses in its SOURCES) and on the forms the
testers wrote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.ingest.metadata import date_from_text, issuing_body, number_after_title

NOTICES = Path(__file__).resolve().parents[1] / "real" / "notices"


@pytest.mark.parametrize(("name", "title", "date", "source"), [
    # 文号 above the title; the lede's 2008年5月12日 is the earthquake, the sign-off the day
    ("nmlgdz-1731-excerpt.txt", "关于号召全体共产党员缴纳特殊党费的通知",
     dt.date(2008, 5, 17), "中共bat365官网登录入口委员会"),
    # a site's section label 通知公告 above the title; 信息来源:暂无 names nobody
    ("fzu-jg-1029-excerpt.txt", "关于召开福州大学机关一党委党员大会的通知",
     dt.date(2018, 12, 24), "福州大学机关一党委"),
    # no title line: not the addressee line 各部门单位:, nor the stray "<"
    ("guat-13503-excerpt.txt", "学校定于2019年10月12日(周六)15:00在520会议室召开40周年校庆筹",
     dt.date(2019, 10, 10), "校长办公室"),
    ("wit-rsc-1128-excerpt.txt", "2012年春节将至,为做好生病、生活困难党员的慰问工作",
     dt.date(2011, 12, 13), "党委组织人事部"),
    # 文号《title》 on the first line, the title again in quotes, the number twice
    ("beijing-0798ci-70942-excerpt.txt",
     "北京市人民政府办公厅关于印发〈北京市2016年政务公开工作要点〉的通知",
     dt.date(2016, 5, 28), "北京市人民政府办公厅"),
    ("baoding-bendibao-7953-excerpt.txt", "保定腰山镇人民政府关于取消南腰山村庙会的通告",
     dt.date(2020, 2, 25), "腰山镇人民政府"),
    # the page's archive date (归档时间) is not its date; the source line holds 日期 and 字号
    # too; two issuing bodies and their date before the attached text are no paragraphs
    ("yueyang-pingjiang-1202379-excerpt.txt",
     "中共岳阳市委办公室岳阳市人民政府办公室印发《关于全面推进政务公开工作的实施意见》的通知",
     dt.date(2017, 1, 12), "岳阳市政府门户网"),
    # history in the lede: undated rather than 1931-09-18 / 2014-02-27
    ("liuxue86-2573404-excerpt.txt", "2016年是抗战胜利多少周年", None, None),
    ("bohaigas-109-excerpt.txt", "铭记历史 砥砺前行——纪念中国抗日战争胜利80周年", None, None),
])
def test_real_notices_title_date_and_issuer(name: str, title: str, date: dt.date | None,
                                            source: str | None) -> None:
    doc = read_document(NOTICES / name)
    assert (doc.title, doc.date, doc.source) == (title, date, source)
    texts = [p.text.strip() for p in doc.paragraphs]
    if source:
        assert source not in texts  # the sign-off's issuer is metadata, not a paragraph
    assert "通知公告" not in texts  # the site's section label is neither title nor text


def test_document_number_is_kept_aside() -> None:
    doc = read_document(NOTICES / "beijing-0798ci-70942-excerpt.txt")
    assert dict(doc.extra)["document_number"] == "京政办发〔2016〕26号"
    assert doc.paragraphs[0].text.startswith("各区人民政府")  # no number, no quoted title


def test_a_document_number_after_the_title_is_kept_aside() -> None:
    doc = read_document(NOTICES / "yueyang-pingjiang-1202379-excerpt.txt")
    assert doc.title.endswith("的通知")  # not "…的通知(岳办发〔2017〕2号)"
    assert dict(doc.extra)["document_number"] == "岳办发〔2017〕2号"


@pytest.mark.parametrize(("title", "expected"), [
    ("国务院办公厅关于印发某某方案的通知（国办发〔2024〕12号）",
     ("国务院办公厅关于印发某某方案的通知", "国办发〔2024〕12号")),
    ("关于做好某项工作的通知 京政办发〔2016〕26号",
     ("关于做好某项工作的通知", "京政办发〔2016〕26号")),
    ("关于做好某项工作的通知", None),
    ("（国办发〔2024〕12号）", None),  # nothing but the number: it stays the title
])
def test_number_after_title(title: str, expected: tuple[str, str] | None) -> None:
    assert number_after_title(title) == expected


@pytest.mark.parametrize("lede", [
    "一九四九年十月一日，中华人民共和国成立。七十五年来，各地区各部门要认真组织纪念活动。",
    "1949年10月1日，中华人民共和国成立。七十五年来，各地区各部门要认真组织纪念活动。",
    "1949年10月1日，中华人民共和国成立。各地区各部门要认真组织纪念活动。",
])
def test_a_historical_date_in_the_lede_is_not_the_documents(lede: str) -> None:
    doc = document_from_string(f"关于纪念中华人民共和国成立75周年的通知\n\n{lede}\n\n"
                               "各单位要高度重视。")
    assert doc.title == "关于纪念中华人民共和国成立75周年的通知"
    assert doc.date is None


@pytest.mark.parametrize(("title", "lede", "expected"), [
    ("庆祝中华人民共和国成立75周年招待会在京隆重举行",
     "2024年9月30日，庆祝中华人民共和国成立75周年招待会在北京人民大会堂隆重举行。",
     dt.date(2024, 9, 30)),
    # a count of years from another event (xwlb 2021-12-04) leaves the report its day
    ("", "2021年12月3日，国家主席习近平向中国—拉共体论坛第三届部长会议发表视频致辞。"
     "习近平指出，中国—拉共体论坛成立7年来，已成为双方开展整体合作的主渠道。",
     dt.date(2021, 12, 3)),
    ("", "2022年7月21日，市委召开常委会会议，传达学习重要讲话精神。", dt.date(2022, 7, 21)),
])
def test_readouts_keep_the_date_of_their_lede(title: str, lede: str,
                                              expected: dt.date) -> None:
    assert date_from_text(lede, lede, title) == (expected, "stated")


def test_a_type_alone_on_the_first_line_titles_with_the_issuer_or_the_lede() -> None:
    body = "通知\n\n要学习贯彻党的二十大精神，各单位要认真组织学习。\n\n特此通知。"
    alone = document_from_string(body)
    assert alone.title == "通知：要学习贯彻党的二十大精神"
    signed = document_from_string(body + "\n\n中共某某市委办公厅\n\n2024年9月20日")
    assert (signed.title, signed.source, signed.date) == (
        "中共某某市委办公厅通知", "中共某某市委办公厅", dt.date(2024, 9, 20))
    assert [p.text for p in signed.paragraphs] == [
        "要学习贯彻党的二十大精神，各单位要认真组织学习。", "特此通知。"]


@pytest.mark.parametrize(("text", "title"), [
    ("中共某某市委办公厅\n\n关于开展学习活动的通知", "中共某某市委办公厅关于开展学习活动的通知"),
    ("关于开展学习活动的通知\n\n中共某某市委办公厅", "关于开展学习活动的通知"),
    ("中共某某市委办公厅\n\n2024年9月20日\n\n关于开展学习活动的通知",
     "中共某某市委办公厅关于开展学习活动的通知"),
])
def test_an_issuing_body_line_by_the_title_is_the_source(text: str, title: str) -> None:
    doc = document_from_string(text + "\n\n各区县委：\n\n要学习贯彻党的二十大精神，各单位要认真"
                               "组织学习。")
    assert (doc.title, doc.source) == (title, "中共某某市委办公厅")
    assert doc.paragraphs[0].text == "各区县委："


@pytest.mark.parametrize("line", ["2024-09-20", "2024年9月20日", "二〇二四年九月二十日",
                                  "2024-09-20 关于开展学习活动的通知",
                                  "2024年9月20日 关于开展学习活动的通知"])
def test_a_date_before_the_title_is_the_date(line: str) -> None:
    title = "" if "关于" in line else "\n\n关于开展学习活动的通知"
    doc = document_from_string(f"{line}{title}\n\n各区县委：\n\n要学习贯彻党的二十大精神，"
                               "各单位要认真组织学习。")
    assert (doc.title, doc.date) == ("关于开展学习活动的通知", dt.date(2024, 9, 20))


@pytest.mark.parametrize(("line", "expected"), [
    ("中共某某市委办公厅", True), ("腰山镇人民政府", True), ("党委组织人事部", True),
    ("国务院", True), ("各党支部", False), ("一、参加人员", False), ("会议指出", False),
    ("全体党员", False),
])
def test_issuing_body_lines(line: str, expected: bool) -> None:
    assert (issuing_body(line) is not None) is expected


def test_sign_off_of_two_issuing_bodies_is_no_text() -> None:
    doc = read_document(NOTICES / "yueyang-pingjiang-1202379-excerpt.txt")
    texts = [p.text for p in doc.paragraphs]
    assert "中共岳阳市委办公室" not in texts and "岳阳市人民政府办公室" not in texts
    assert "关于全面推进政务公开工作的实施意见" in texts  # the attached text's own title stays


def test_an_archive_date_is_not_a_date() -> None:
    from tifa.engine.ingest.metadata import parse_info_bar

    assert parse_info_bar("归档时间:2018-11-21") == {"archived": "2018-11-21"}
    assert parse_info_bar("时间:2018-11-21") == {"date": "2018-11-21"}
