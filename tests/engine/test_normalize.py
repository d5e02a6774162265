"""Normalisation: what comparison runs on, and the exact map back to the displayed text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.model import ParagraphKind
from tifa.engine.normalize import (
    make_paragraph,
    normalize_paragraph,
    normalize_paragraphs,
    split_sentences,
)


def norm(text: str) -> str:
    return normalize_paragraph(text)[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("為統(tǒng)籌推進(jìn)疫情", "为统筹推进疫情"),  # glosses go, script simplified
        ("統（tǒng）籌", "统筹"),  # full-width parentheses too
        ("統 (tǒng)(chóu)籌", "统筹"),  # a space before, two glosses in a row
        ("各区(市)县", "各区（市）县"),  # real parenthesised text stays
        ("规划(2020年)", "规划（2020年）"),
        ("国内生产总值(GDP)", "国内生产总值（GDP）"),
        ("增长5.7%,比上年", "增长5.7%，比上年"),  # numbers keep their points
        ("共12,345人;比例1:2", "共12,345人；比例1:2"),
        ("5G基站", "5G基站"),
        ("见http://www.gov.cn/a?b=1,好", "见http://www.gov.cn/a?b=1，好"),
        ('他说:"要干."', "他说：“要干。”"),
        ("「引號」與『書名』", "“引号”与‘书名’"),
        ("ＡＢＣ１２３％", "ABC123%"),
        ("　　会议强调，要　坚持", "会议强调，要坚持"),  # indentation, stray spaces
        ("\u00a0 会议\u200b强调", "会议强调"),  # nbsp, zero-width space
        ("Hello, world! don't 中文", "Hello, world! don't中文"),  # Latin text stays
        ("COVID 19疫情", "COVID 19疫情"),
        ("衞生與隨著發展", "卫生与随着发展"),  # variants t2s alone misses
        ("著名的显著成绩", "著名的显著成绩"),  # 著 that is not 着 stays
        ("⾼质量", "高质量"),  # Kangxi radical from PDF text
    ],
)
def test_normalize_examples(text: str, expected: str) -> None:
    assert norm(text) == expected


def test_offsets_point_at_the_source_characters() -> None:
    text = "　　為統(tǒng)籌推進(jìn),疫情"
    normalized, starts, ends = normalize_paragraph(text)
    assert normalized == "为统筹推进，疫情"
    assert len(starts) == len(ends) == len(normalized)
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == list("為統籌推進,疫情")


def test_display_span_maps_a_phrase_back() -> None:
    p = make_paragraph(3, "　　要統(tǒng)籌推進(jìn)疫情防控", kind=ParagraphKind.BODY)
    i = p.normalized.index("统筹推进")
    a, b = p.display_span(i, i + 4)
    assert p.text[a:b] == "統(tǒng)籌推進"
    assert p.index == 3


def test_batch_equals_one_by_one() -> None:
    texts = ["為統(tǒng)籌", "增长5.7%,比上年", "", "　", "衞生"]
    assert normalize_paragraphs(texts) == [normalize_paragraph(t) for t in texts]


def test_normalizing_twice_changes_nothing_on_examples() -> None:
    for text in ["為統(tǒng)籌,推進(jìn)", 'a "b" 中 "c', "a,（b）中", "(x(y)中", "等.)"]:
        once = norm(text)
        assert norm(once) == once


def test_split_sentences() -> None:
    text = "会议强调。要坚持“两个确立”！这是什么？答：“是。”最后；未完"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == [
        "会议强调。", "要坚持“两个确立”！", "这是什么？", "答：“是。”", "最后；", "未完",
    ]


def test_split_sentences_empty_and_spaces() -> None:
    assert split_sentences("") == ()
    assert split_sentences("  。 ") == ((2, 3),)


@given(st.text(alphabet="著随接意味围绕紧接伴随名作力眼手为有存在本着，x", max_size=30))
def test_zhe_is_replaced_exactly_where_the_pattern_says(text: str) -> None:
    """著 → 着, tried only at each 著 and the two characters before it: what the pattern's
    ``sub`` over the whole text gives."""
    from tifa.engine.normalize import _ZHE_RE, _zhe_to_zhe

    assert _zhe_to_zhe(text) == _ZHE_RE.sub(lambda m: (m.group(1) or "") + "着", text)


def test_a_typed_search_is_matched_in_either_script_and_case() -> None:
    from tifa.engine.normalize import search_form

    assert search_form("兩個維護") == search_form("两个维护") == "两个维护"
    assert search_form("山东") in search_form("山東省委常委會召開會議")
    assert search_form("RCEP 协定") == "rcep协定"
