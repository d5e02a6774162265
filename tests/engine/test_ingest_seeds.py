"""Reading the five sample reports: expectations written from reading the files themselves."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import (
    ALL_SEEDS,
    BEIJING_2017,
    BEIJING_2022,
    CHENGDU_2022,
    HAIDIAN_2020,
    QIUSHI_2020,
)
from tifa.engine.ingest import read_document
from tifa.engine.model import Document, ParagraphKind, Script

_MARKUP = re.compile(r"<[a-zA-Z/!]|&nbsp;|&#\d+;|&[a-z]+;|\{|\}")
_GLOSS = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔù]+[)）]")


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    return {p.name[:3]: read_document(p) for p in ALL_SEEDS}


def _codes(doc: Document) -> list[str]:
    return [w.code for w in doc.warnings]


@pytest.mark.parametrize("path", ALL_SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_reads_clean(path) -> None:  # type: ignore[no-untyped-def]
    doc = read_document(path)
    for p in doc.paragraphs:
        assert not _MARKUP.search(p.text), p.text[:60]
        assert p.text == p.text.strip() and not p.text.startswith("\u3000")
        assert p.normalized and not re.search(r"\s{2}|\u3000|\u00a0", p.normalized)
        assert len(p.starts) == len(p.normalized)
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))


def test_000_beijing_2022_markdown_with_html_body(docs: dict[str, Document]) -> None:
    doc = docs["000"]
    assert doc.format == "markdown" and doc.encoding == "utf-8"
    assert doc.script is Script.SIMPLIFIED
    assert doc.title == (
        "北京市委利用一天时间召开工作务虚会，明确下半年工作重点，要求以实际行动迎接党的二十大胜利召开"
    )
    assert doc.date == dt.date(2022, 7, 21)  # "Thu, 21 Jul 2022 23:44:13 GMT" as written
    assert doc.source == "新浪财经"  # front matter "author: 新浪财经" is the outlet
    assert doc.author == "祁梦竹 范俊生"  # from the byline "识政 撰文 | 祁梦竹 范俊生"
    extra = dict(doc.extra)
    assert extra["editor"] == "梁斌" and extra["column"] == "识政"
    # 12 <p> in the body: the byline goes, the editor line (<p class="article-editor">) too.
    assert len(doc.paragraphs) == 11
    assert all(p.kind is ParagraphKind.BODY for p in doc.paragraphs)
    assert doc.paragraphs[0].text.startswith("7月21日，市委利用一天时间召开工作务虚会")
    assert doc.paragraphs[-1].text.endswith("市各有关部门和十六区负责同志参加。")
    # The stock-quote links keep their words inside the sentence.
    assert "消费是大头，线上线下都要促回暖" in doc.text
    assert "办好中国国际服务贸易交易会、中关村论坛、金融街论坛。" in doc.text
    assert "要让老百姓有更多获得感" in doc.text
    for junk in ("尽在新浪财经APP", "责任编辑", "撰文", "appendQr", "正文下iframe", "SF055"):
        assert junk not in doc.text
    assert "corrupted-characters" not in _codes(doc)


def test_001_haidian_2020_title_line_over_div_soup(docs: dict[str, Document]) -> None:
    doc = docs["001"]
    assert doc.format == "html"  # a .txt holding HTML: the content decides
    assert doc.script is Script.SIMPLIFIED
    assert doc.title == "区委十二届十三次全会召开"
    # "7月31日" opens the report; the year is the one the text names (2020年上半年).
    assert doc.date == dt.date(2020, 7, 31)
    assert "date-inferred" in _codes(doc)
    assert doc.author == "唐炜"  # "（记者 唐炜）" at the end, cut from the text
    texts = [p.text for p in doc.paragraphs]
    assert len(texts) == 9  # nine <span> paragraphs; the &nbsp; spacer divs are not text
    assert texts[0].startswith("7月31日，中国共产党北京市海淀区第十二届委员会第十三次全体会议")
    assert texts[-1].endswith("第十三次全体会议决议》。")
    assert "记者" not in doc.text


def test_002_qiushi_2020_traditional_with_glosses(docs: dict[str, Document]) -> None:
    doc = docs["002"]
    assert doc.format == "txt" and doc.script is Script.TRADITIONAL
    assert doc.title == "為統籌推進疫情防控和經濟社會發展作出首都新貢獻"  # glosses out
    assert doc.date == dt.date(2020, 9, 16)  # from the source line "… 2020-09-16 09:00:00"
    assert doc.source == "《求是》2020/18"
    assert doc.author == "中共北京市委理論學習中心組"
    assert dict(doc.extra)["editor"] == "王慧"
    # 35 non-empty lines: title, source line, 3 photo captions, 標簽 and 網站編輯 go.
    assert len(doc.paragraphs) == 28
    headings = [p.text for p in doc.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings[0] == "始終以習(xí)近平總書記重要講話精神為根本指引"
    assert len(headings) == 3
    for junk in ("來源", "標(biāo)簽", "網(wǎng)站編輯", "/攝", "圖為"):
        assert junk not in doc.text
    assert "dropped-captions" in _codes(doc)
    # The display keeps the document's own script and glosses; the normal form has neither.
    first = doc.paragraphs[0]
    assert "發(fā)生" in first.text
    assert first.normalized.startswith("新冠肺炎疫情是百年来全球发生的最严重的传染病大流行，")
    assert "统筹推进疫情防控和经济社会发展工作" in first.normalized
    assert not any(_GLOSS.search(p.normalized) for p in doc.paragraphs)


def test_002_corrupted_characters_are_kept_and_reported(docs: dict[str, Document]) -> None:
    doc = docs["002"]
    warning = next(w for w in doc.warnings if w.code == "corrupted-characters")
    found = [doc.paragraphs[pi].text[off] for pi, off in warning.positions]
    assert set(found) == {"?", "\ue266", "\ue5d6"}
    # Read from the file: "總要求??倳\ue266涍€", "對比??v觀", "冷鏈?zhǔn)", "外援?!",
    # "防控?!拔铱梢?,", "“六?!比蝿?wù)" twice, "社會(huì)?!痹诔\ue5d6", "溫度?!",
    # "辦理?!敖幽芙幼?、", "貫穿到?jīng)Q" — 19 characters outside the dropped captions.
    assert len(found) == 19
    assert "??倳\ue266涍€" in doc.text  # kept as it is
    # A real question mark is not damage.
    assert all(doc.paragraphs[pi].text[off + 1: off + 2] != "”" for pi, off in warning.positions)


def test_003_chengdu_2022_plain_text_ascii_punctuation(docs: dict[str, Document]) -> None:
    doc = docs["003"]
    assert doc.format == "txt" and doc.script is Script.SIMPLIFIED
    assert doc.source == "成都发布"  # "来源:成都发布" at the end, removed from the text
    assert "来源" not in doc.text
    # No year in the text: "迎接党的二十大胜利召开" puts 7月27日 in 2022, said so in a warning.
    assert doc.date == dt.date(2022, 7, 27)
    assert "date-inferred" in _codes(doc)
    assert doc.title == "7月27日,成都市委工作会议召开"  # no title line: the first clauses
    assert len(doc.paragraphs) == 9  # ten lines, one paragraph a line, minus the source
    assert doc.paragraphs[0].text.startswith("7月27日,成都市委工作会议召开,")  # shown as is
    normalized = doc.normalized
    assert "," not in normalized and ";" not in normalized
    assert "7月27日，成都市委工作会议召开，" in normalized
    assert "各区（市）县和市直有关部门作交流发言。" in normalized


def test_004_beijing_2017_portal_page(docs: dict[str, Document]) -> None:
    doc = docs["004"]
    assert doc.title == "蔡奇:把方向谋大事抓党建保平安"
    assert doc.source == "新京报"
    # "昨天上午" and no year anywhere: 2017 is only guessable from 十九大, so no date.
    assert doc.date is None and "no-date" in _codes(doc)
    # 37 lines: 新浪新闻 国内, title, 新京报, 关注, 原标题, pull quote, ——蔡奇 go.
    assert len(doc.paragraphs) == 30
    headings = [p.text for p in doc.paragraphs if p.kind is ParagraphKind.HEADING]
    assert headings == ["[第一]", "把方向", "[第二]", "谋大事", "[第三]", "抓党建", "[第四]",
                        "保平安"]
    assert doc.paragraphs[0].text.startswith("昨天上午,市委召开区委书记会")
    for junk in ("新浪新闻", "原标题", "——蔡奇"):
        assert junk not in doc.text
    assert not any(p.text in ("关注", "新京报") for p in doc.paragraphs)
    assert "蔡奇重点围绕“把方向、谋大事、抓党建、保平安”四句话" in doc.paragraphs[3].normalized


def test_004_pull_quote_counted_once(docs: dict[str, Document]) -> None:
    doc = docs["004"]
    quote = "各区都要坚持守土有责，看好自家门、管好自家人，确保首都安全稳定、不出事"
    assert sum(p.normalized.count(quote) for p in doc.paragraphs) == 1
    warning = next(w for w in doc.warnings if w.code == "pull-quote")
    (paragraph, offset), = warning.positions
    assert doc.paragraphs[paragraph].text[offset:].startswith("各区都要坚持守土有责")
    assert doc.paragraphs[paragraph].text.startswith("蔡奇指出,党的十九大即将召开。")


def test_display_spans_land_on_the_displayed_words(docs: dict[str, Document]) -> None:
    """A highlight computed on the normal form covers exactly the right displayed text."""
    p = next(p for p in docs["002"].paragraphs if "疫情防控和經(jīng)濟(jì)" in p.text)
    i = p.normalized.index("疫情防控和经济社会发展")
    a, b = p.display_span(i, i + len("疫情防控和经济社会发展"))
    assert p.text[a:b] == "疫情防控和經(jīng)濟(jì)社會(huì)發(fā)展"
    p = docs["003"].paragraphs[0]
    i = p.normalized.index("，成都市委")
    assert p.text[slice(*p.display_span(i, i + 5))] == ",成都市委"


def test_paths_are_kept(docs: dict[str, Document]) -> None:
    assert docs["000"].path == BEIJING_2022 and docs["001"].path == HAIDIAN_2020
    assert docs["002"].path == QIUSHI_2020 and docs["003"].path == CHENGDU_2022
    assert docs["004"].path == BEIJING_2017


def test_002_no_gloss_is_left_behind_a_damaged_character(docs: dict[str, Document]) -> None:
    """In 002 “六?!比蝿?wù)” the “(” of 務(wù) went into a damaged character: the rest of the
    gloss, “wù)”, is left out of the compared and the displayed text alike (it was shown next
    to the red box)."""
    from tifa.engine.export.display import display_text

    doc = docs["002"]
    raw = [p for p in doc.paragraphs if "?wù)" in p.text]
    assert raw  # the damaged place is in the seed
    for p in raw:
        assert "wù)" not in p.normalized and "wù)" not in display_text(p).text
        assert "?" in display_text(p).text or "\ufffd" in display_text(p).text  # still marked


def test_a_pull_quote_held_by_another_pull_quote_is_shown_where_the_body_has_it(
        tmp_path: Path) -> None:
    """Three lines near the top, each inside the next (a quote, a longer quote, the body
    paragraph): both quotes are left out and both are shown in the body paragraph. Reading
    such a file ended in a KeyError (the first quote's holder was itself left out; hypothesis
    found it through tests/engine/test_shared.py)."""

    from tifa.engine.ingest.reader import read_document

    quote = "坚持稳中求进，推动高质量发展。"
    longer = f"会议强调，{quote}统筹发展和安全。"
    body = f"今年以来，全市上下按照{longer}经济运行总体平稳，发展质量稳步提升，民生保障有力有效。"
    path = tmp_path / "quotes.txt"
    path.write_text(f"市委召开常委会会议\n\n{quote}\n\n{longer}\n\n{body}\n\n后面还有一段正文，说的是别的事情。\n",
                    encoding="utf-8")
    document = read_document(path)
    texts = [p.text for p in document.paragraphs]
    assert quote not in texts and longer not in texts and body in texts
    (warning,) = [w for w in document.warnings if w.code == "pull-quote"]
    where = texts.index(body)
    assert warning.positions == ((where, body.index(quote)), (where, body.index(longer)))
