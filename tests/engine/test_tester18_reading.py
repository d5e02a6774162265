"""What the tester of stop 18 found Tifa reading wrong in real pages (tests/real/tester18,
addresses in its SOURCES): years borrowed from captions, 中央社's editor line and date code,
a column label taken for the source, an e-paper's subtitle over two lines and its
"continued on page 4", and empty labels and 主题词 lines of official pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import read_document
from tifa.engine.ingest.metadata import date_from_text

REAL = Path(__file__).parents[1] / "real"
TESTER18 = REAL / "tester18"
HK01 = TESTER18 / "hk01-60301564-20251208-excerpt.txt"


def test_no_year_is_taken_from_a_caption_further_down() -> None:
    """B1: 香港01's report of 12月8日 plans 2026 ("分析研究2026年經濟工作"); a related story's
    card further down (headline, a photo "（2021年12月1日攝，無人機照片）", summary) named
    2021 four times and dated the report 2021-12-08. The card is a caption, left out; the
    year planned is not the meeting's: no year is better than a wrong one."""
    document = read_document(HK01)
    assert document.date is None
    text = "".join(p.text for p in document.paragraphs)
    assert "成績單" not in text and "2021年" not in text
    assert text.startswith("今日（12月8日）中共中央政治局召開會議")
    assert any(w.code == "dropped-captions" for w in document.warnings)


def test_the_cards_quoted_word_is_no_formulation() -> None:
    """B7: the card's 「成績單」 was a "quoted" formulation of this report only."""
    from tifa.engine.compare.formulations import find_formulations

    found = {f.phrase for f in find_formulations([read_document(HK01)], discover=True)}
    assert "成绩单" not in found and "稳中求进" in found


def test_a_lede_planning_one_year_and_a_paragraph_on_another_give_no_year() -> None:
    """The same text with the card kept (a caption Tifa cannot tell apart): the years the
    lede names (2026) and the one named further down (2021) disagree, so no year."""
    lede = "今日（12月8日）中共中央政治局召开会议，分析研究2026年经济工作。"
    card = "2021年中国经济增长8.1%。2021年中国经济“成绩单”出炉，2021年国内生产总值…"
    assert date_from_text(lede, f"{lede}\n会议认为，今年是重要的一年。\n{card}") == (
        None, "the document does not say its year: its text says 12月8日")  # its no-date warning


@pytest.mark.parametrize(
    ("lede", "expected"),
    [
        # a meeting in the year's second half planning next year: no year from that
        ("12月8日，中共中央政治局召开会议，分析研究2026年经济工作。", None),
        ("12月20日，市委常委会召开会议，研究部署2024年工作。", None),
        # …in its first half, planning this year: the year it names
        ("1月5日，市委常委会召开会议，研究部署2024年工作。", dt.date(2024, 1, 5)),
        # the year reviewed with the year planned: the year reviewed
        ("12月25日，听取2023年完成情况及2024年计划安排的汇报。", dt.date(2023, 12, 25)),
        ("7月31日，全会研究了2020年上半年工作。", dt.date(2020, 7, 31)),
    ],
)
def test_a_year_planned_is_not_the_year_of_the_meeting(
    lede: str, expected: dt.date | None
) -> None:
    assert date_from_text(lede, lede)[0] == expected


def test_a_year_named_once_after_the_lede_is_not_the_reports() -> None:
    """香港01 of 2026-02-05 (tests/real/tester3): "彭博社2月5日引述…" and, in the next
    paragraph, "自2023年以來的第四次訪華": it was dated 2023-02-05. One mention of a year
    the lede does not name is background, not the report's year; named twice it counts."""
    document = read_document(REAL / "tester3" / "hk01-60319470-excerpt.txt")
    assert document.date is None
    lede = "7月8日，市委召开常委会会议。"
    assert date_from_text(lede, f"{lede}\n自2023年以来，全市…")[0] is None
    assert date_from_text(lede, f"{lede}\n2023年上半年…\n2023年要…")[0] == dt.date(2023, 7, 8)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("tester18/ezhou-cjyun-159947-20231225-excerpt.txt", "2023-12-25"),
        ("tester3/meetnikchat-iqilu-20230918-excerpt.txt", "2023-09-18"),
        ("../../seeds/001_765f369fb89ae45f.txt", "2020-07-31"),
    ],
)
def test_reports_whose_lede_names_their_year_keep_their_dates(path: str, expected: str) -> None:
    """The real documents dated by a year their lede names are dated as before."""
    found = read_document(REAL / path).date
    assert found is not None and found.isoformat() == expected


CNA = TESTER18 / "cna-yahoo-072052024-20251208-excerpt.txt"


def test_a_cna_wires_editor_line_and_date_code_are_furniture_and_date_it() -> None:
    """中央社 ends every wire with "（編輯：廖文綺）1141208": the editor and the day in the
    Republic of China calendar (民國114年12月08日). Not compared text; the editor is kept as
    such, and the code dates the report (its dateline （…北京8日電） says the same day)."""
    document = read_document(CNA)
    assert document.paragraphs[-1].text.endswith("維持資金面寬鬆。")
    assert not any("編輯" in p.text or "1141208" in p.text for p in document.paragraphs)
    assert document.date == dt.date(2025, 12, 8)
    assert dict(document.extra).get("editor") == "廖文綺"
    assert document.author == "呂佳蓉"  # the reporter, not the editor
    assert not any(w.code in ("no-date", "date-inferred") for w in document.warnings)


def _cna_variant(tmp_path: Path, old: str, new: str) -> Path:
    text = CNA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "cna.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_date_code_that_disagrees_with_the_datelines_day_dates_nothing(
    tmp_path: Path,
) -> None:
    """The dateline says 8日, the code 9 December: which is the report's day is not clear."""
    document = read_document(_cna_variant(tmp_path, "）1141208", "）1141209"))
    assert document.date is None
    assert not any("1141209" in p.text for p in document.paragraphs)


def test_a_one_paragraph_wire_loses_both_its_dateline_and_its_editor_line(
    tmp_path: Path,
) -> None:
    """A flash of one paragraph opens with the dateline and ends with the editor line and
    code: both go (one cut at each end of the paragraph), and on a line of its own too."""
    text = CNA.read_text(encoding="utf-8").split("\n\n")
    one = tmp_path / "one.txt"
    one.write_text(text[0] + "（編輯：廖文綺）1141208\n", encoding="utf-8")
    document = read_document(one)
    assert [p.text for p in document.paragraphs] == [
        text[0].removeprefix("（中央社記者呂佳蓉北京8日電）")]
    assert document.date == dt.date(2025, 12, 8) and document.author == "呂佳蓉"
    alone = read_document(_cna_variant(tmp_path, "。（編輯：廖文綺）", "。\n\n（編輯：廖文綺）"))
    assert alone.paragraphs[-1].text.endswith("維持資金面寬鬆。")
    assert alone.date == dt.date(2025, 12, 8)


def test_a_column_label_set_with_spaces_is_not_the_source() -> None:
    """B2: 鄂州's page has "要 闻 快 报" (the column 要闻快报, set out with spaces) between
    headline and lede; it was the source (in the Source column and the side by side's
    header). It is the column; the page names no source."""
    document = read_document(TESTER18 / "ezhou-cjyun-159947-20231225-excerpt.txt")
    assert document.source is None
    assert dict(document.extra).get("column") == "要闻快报"
    assert document.title == "市委常委会召开会议 传达学习习近平总书记系列重要讲话精神"
    assert not any("要 闻" in p.text or "要闻快报" in p.normalized for p in document.paragraphs)


AKXW = TESTER18 / "akxw-epaper-20200109-excerpt.txt"


def test_an_e_papers_subtitle_over_two_lines_is_one_paragraph() -> None:
    """B3: 安康日报's subtitle runs over two lines, the first ending with 、 (听取全国人大
    常委会、…最高人民法院、/ 最高人民检察院党组工作汇报 听取中央书记处工作报告). The first
    half was left out as a "pull quote" and the second kept alone; the two are one line."""
    document = read_document(AKXW)
    first = document.paragraphs[0].text
    assert first == ("听取全国人大常委会、国务院、全国政协、最高人民法院、"
                     "最高人民检察院党组工作汇报 听取中央书记处工作报告")
    assert not any(w.code == "pull-quote" for w in document.warnings)
    assert document.title == "中共中央政治局常务委员会召开会议"


def test_continued_on_page_four_is_page_furniture(tmp_path: Path) -> None:
    """B3: "(下转四版)" ended the last compared paragraph; "（下转第4版）" and, on the next
    page, "(上接一版)" at a paragraph's start or alone on a line are the page's too."""
    document = read_document(AKXW)
    assert document.paragraphs[-1].text.endswith("必须毫不动摇坚持和")
    assert not any("下转" in p.text for p in document.paragraphs)
    text = AKXW.read_text(encoding="utf-8")
    variant = tmp_path / "page4.txt"
    variant.write_text(
        text.replace("(下转四版)", "（下转第4版）").replace("会议指出,", "(上接一版)会议指出,")
        + "\n(上接第一版)\n\n会议强调,要坚持以习近平新时代中国特色社会主义思想为指导。\n",
        encoding="utf-8")
    paragraphs = [p.text for p in read_document(variant).paragraphs]
    assert not any("版）" in t or "版)" in t for t in paragraphs), paragraphs
    assert paragraphs[-2].startswith("会议指出,坚持党的领导")
    assert paragraphs[-2].endswith("必须毫不动摇坚持和")
    assert paragraphs[-1] == "会议强调,要坚持以习近平新时代中国特色社会主义思想为指导。"


def test_a_list_broken_after_an_enumeration_comma_is_joined_in_any_layout() -> None:
    """A line ending in 、 runs on in text of one paragraph a line and in hard-wrapped text;
    a last line ending in 、 (an excerpt cut there) stays as it is."""
    from tifa.engine.ingest.paragraphs import blocks_from_text

    assert [b.text for b in blocks_from_text("听取国务院、\n全国政协工作汇报\n会议指出")] == [
        "听取国务院、全国政协工作汇报", "会议指出"]
    assert [b.text for b in blocks_from_text("会议指出,在化危机、")] == ["会议指出,在化危机、"]
    wrapped = ("会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构\n"
               "建新发展格局、\n"
               "着力推动高质量发展，统筹疫情防控和经济社会发展，统筹发展和安全，保持\n"
               "经济运行在合理区间。\n"
               "会议指出，要全力以赴稳增长、稳就业、稳物价，切实保障和改善民生，防范化\n"
               "解重大风险。")
    assert [b.text for b in blocks_from_text(wrapped, wrapped=True)] == [
        "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局、"
        "着力推动高质量发展，统筹疫情防控和经济社会发展，统筹发展和安全，保持经济运行在合理区间。",
        "会议指出，要全力以赴稳增长、稳就业、稳物价，切实保障和改善民生，防范化解重大风险。"]


def test_empty_labels_of_a_government_page_are_not_text() -> None:
    """岳阳's notice page copies "视力保护色:" (a colour picker) and "浏览量:" (a counter a
    script fills in) with nothing after them: they were the first two compared paragraphs.
    Now the addressee line opens the text."""
    document = read_document(REAL / "notices" / "yueyang-pingjiang-1202379-excerpt.txt")
    texts = [p.text for p in document.paragraphs]
    assert "视力保护色:" not in texts and "浏览量:" not in texts
    assert texts[0].startswith("各县市区委、人民政府")
    assert document.source == "岳阳市政府门户网"
    assert document.date == dt.date(2017, 1, 12)


@pytest.mark.parametrize("label", ["来源:", "作者：", "責任編輯：", "點擊數:"])
def test_an_info_label_alone_is_furniture_but_a_notices_time_is_not(label: str) -> None:
    from tifa.engine.ingest import document_from_string

    body = "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。"
    document = document_from_string(f"{label}\n\n{body}\n\n时间：\n\n2024年5月10日上午")
    assert [p.text for p in document.paragraphs][:2] == [body, "时间："]


def test_an_official_documents_keywords_line_is_not_text() -> None:
    """主题词 (an official document's keywords, 主题词:特殊党费 抗震救灾 通知) was the last
    compared paragraph of the 2008 notice; the letter's last sentence is."""
    document = read_document(REAL / "notices" / "nmlgdz-1731-excerpt.txt")
    assert not any("主题词" in p.text for p in document.paragraphs)
    assert document.paragraphs[-1].text.endswith("一定能早日夺取抗震救灾斗争的伟大胜利。")
    assert document.date == dt.date(2008, 5, 17)


def test_a_reposted_cna_wire_with_two_editors() -> None:
    """A repost of a 中央社 wire (tests/real/wires) ends "(編輯:邱國強/周慧盈)1080804":
    two editors, 民國108年08月04日 = 2019-08-04, the day its dateline (中央社台北4日電) and
    the page's date line give."""
    document = read_document(REAL / "wires" / "fountmedia-27565-20190804-excerpt.txt")
    assert document.paragraphs[-1].text.endswith("也有可能被討論。")
    assert dict(document.extra).get("editor") == "邱國強/周慧盈"
    assert document.date == dt.date(2019, 8, 4) and document.source == "中央社"


def test_a_translated_wires_translator_and_reviser_line_is_furniture() -> None:
    """中央社's translated wires name the translator and the reviser: the first is kept as
    the editor, the line and its code go."""
    from tifa.engine.ingest import document_from_string

    lede = "（中央社台北4日電）新華社3日報導，中共中央組織部長陳希當天在北戴河探望專家。"
    end = "會議強調，要做好工作。（譯者：張三/核稿：李四）1080804"
    document = document_from_string(f"{lede}\n\n{end}\n")
    assert document.paragraphs[-1].text == "會議強調，要做好工作。"
    assert dict(document.extra).get("editor") == "張三"
    assert document.date == dt.date(2019, 8, 4)
