"""The pieces of reading: paragraph splitting, headings, dates, boilerplate rules, script."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from tifa.engine.ingest import read_document
from tifa.engine.ingest.boilerplate import load_rules, rules_data, strip_boilerplate
from tifa.engine.ingest.metadata import date_from_text, is_outlet, parse_date, title_from_lede
from tifa.engine.ingest.paragraphs import blocks_from_text, is_heading_text
from tifa.engine.ingest.script import detect_script
from tifa.engine.model import Script
from tifa.engine.normalize import make_paragraph
from tifa.engine.paths import resource


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("[第一]", True), ("【二】", True), ("第一部分", True), ("把方向", True),
        ("一、总结经验", True), ("（三）坚持稳中求进", True),
        ("始终以习近平总书记重要讲话精神为根本指引", True),
        ("会议就开展“三个做优做强”重点片区项目集群攻坚大会战作了部署。", False),
        ("蔡奇强调了八项重点：", False), ("成都市委副书记、市长王凤朝，", False), ("", False),
    ],
)
def test_headings(line: str, heading: bool) -> None:
    assert is_heading_text(line) is heading


def test_one_paragraph_a_line_and_blank_lines() -> None:
    text = "　　第一段。\n　　第二段，\n\n\n第三段。\r\n第四段。\r最后"
    assert [b.text for b in blocks_from_text(text)] == [
        "第一段。", "第二段，", "第三段。", "第四段。", "最后"]


def test_indented_wrapped_lines_join_at_indents() -> None:
    lines = [
        "　　会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构",
        "建新发展格局，着力推动高质量发展。",
        "　　会议指出，要统筹疫情防控和经济社会发展，统筹发展和安全，保持经济运行",
        "在合理区间。要全力以赴稳增长、稳就业、稳物价，切实保障和改善民生，防范",
        "化解重大风险。",
    ]
    assert [b.text for b in blocks_from_text("\n".join(lines), wrapped=True)] == [
        lines[0][2:] + lines[1], lines[2][2:] + lines[3] + lines[4]]


def test_unwrapped_text_is_not_joined() -> None:
    text = "会议强调，要坚持稳中求进工作总基调\n会议指出，要统筹疫情防控和经济社会发展"
    assert len(blocks_from_text(text)) == 2


@pytest.mark.parametrize(
    ("lede", "whole", "expected"),
    [
        ("7月21日，市委召开", "迎接党的二十大胜利召开", dt.date(2022, 7, 21)),
        ("12月3日，市委召开", "迎接党的二十大", dt.date(2021, 12, 3)),  # the year before
        ("6月30日，区委召开", "十九大即将召开", dt.date(2017, 6, 30)),
        # the year in the lede (seeds/001), as the lede of a real report names it: a year
        # named once after the lede is not taken (tests/engine/test_tester18_reading.py)
        ("7月31日，全会研究了2020年上半年工作", "，到2025年基本实现", dt.date(2020, 7, 31)),
        ("2019年3月5日，大会开幕", "", dt.date(2019, 3, 5)),
        ("昨天上午，市委召开", "迎接党的十九大", None),
        ("7月8日，市委召开", "没有年份", None),
        # tests/real/readouts/chinawriter-20200330-excerpt.txt: a 2020 meeting on a report
        # about 2019 — a year in a title is not the document's
        ("3月27日召开会议", "审议《关于2019年脱贫攻坚成效考核等情况的汇报》", None),
        ("3月27日召开会议，审议《关于2019年工作的汇报》，2020年要", "", dt.date(2020, 3, 27)),
    ],
)
def test_dates_from_the_text(lede: str, whole: str, expected: dt.date | None) -> None:
    assert date_from_text(lede, lede + whole)[0] == expected


def test_parse_date_never_guesses_a_year() -> None:
    assert parse_date("7月21日") is None and parse_date("21") is None
    assert parse_date(dt.datetime(2022, 7, 21, 23, 0)) == dt.date(2022, 7, 21)
    assert parse_date("2022-02-30") is None


def test_outlets_and_titles() -> None:
    assert all(is_outlet(x) for x in ("新浪财经", "新京报", "成都发布", "人民日报", "新华网"))
    assert not any(is_outlet(x) for x in ("祁梦竹 范俊生", "唐炜", "中共北京市委理论学习中心组"))
    assert title_from_lede("7月27日，成都市委工作会议召开，深入学习贯彻") == \
        "7月27日，成都市委工作会议召开"
    # gdstc.gd.gov.cn (tests/real/readouts): a long headline in parts, no punctuation — it
    # was cut after 40 characters, inside 在中央政治局…
    headline = ("省委常委会暨省新冠肺炎防控领导小组(指挥部)召开会议 认真学习贯彻习近平总书记"
                "在中央政治局常委会会议上的重要讲话精神 李希主持会议")
    assert title_from_lede(headline) == "省委常委会暨省新冠肺炎防控领导小组(指挥部)召开会议"
    assert title_from_lede("没有标点也没有空格" * 6) == ("没有标点也没有空格" * 6)[:40]


def test_rules_file_loads_and_matches_both_scripts() -> None:
    rules = load_rules()
    assert {r.name for r in rules.lines} >= {"editor line", "source line", "original title"}
    texts = ["新浪新闻 国内", "關注", "原標題:蔡奇:把方向", "會議強調,要堅持穩中求進工作總基調,"
             "完整準確全面貫徹新發展理念,加快構建新發展格局。", "網(wǎng)站編輯 - 王慧",
             "來源:成都發布"]
    paragraphs = [make_paragraph(i, t) for i, t in enumerate(texts)]
    result = strip_boilerplate(paragraphs)
    assert result.kept == [3]
    assert result.metadata["editor"] == "王慧" and result.metadata["source"] == "成都發布"
    assert result.metadata["original_title"] == "蔡奇:把方向"


@pytest.mark.parametrize(
    ("text", "script"),
    [("会议强调要坚持稳中求进工作总基调", Script.SIMPLIFIED),
     ("會議強調要堅持穩中求進工作總基調", Script.TRADITIONAL),
     ("会议强调要坚持穩中求進工作總基調和经济发展", Script.MIXED),
     ("中国人民", Script.UNKNOWN), ("Hello world", Script.UNKNOWN)],
)
def test_script(text: str, script: Script) -> None:
    assert detect_script(text) is script


def test_rules_are_read_as_the_pure_python_safe_loader_reads_them() -> None:
    """The rules file is read with libyaml when PyYAML has it: the values must be the same."""
    text = resource("boilerplate.yaml").read_text(encoding="utf-8")
    expected = yaml.safe_load(text)
    assert rules_data() == expected
    assert len(expected["lines"]) > 10


def test_front_matter_values_that_are_no_names(tmp_path: Path) -> None:
    """Front matter with a mapping or a list of mappings as source or author: the source was
    the mapping's Python repr ("{'x': 1}"); the page's own info bar is used instead."""
    real = Path(__file__).parents[1] / "real/readouts/gdstc-20200321-excerpt.txt"
    page = tmp_path / "fm.md"
    page.write_text("---\ntitle: [甲, 乙]\nsource: {x: 1}\nauthor: [{name: 张三}]\n---\n\n"
                    + real.read_text(encoding="utf-8"), encoding="utf-8")
    doc = read_document(page)
    assert doc.title == "甲"
    assert doc.source == "南方日报网络版"
    assert doc.author is None or "{" not in doc.author


def test_every_rule_compiles_when_first_used_to_its_own_pattern() -> None:
    """Rules are compiled when first tried (on a line short enough for them): each one's
    pattern is its source compiled, the same object every time."""
    import re

    rules = load_rules()
    for rule in (*rules.lines, *rules.captions, *rules.inline):
        assert rule.pattern.pattern == rule.source
        assert rule.pattern is rule.pattern
        assert rule.pattern.flags == re.compile(rule.source).flags

