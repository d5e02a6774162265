"""Pinyin glosses with and without tone marks, in the four places that leave them out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tifa.engine import gloss
from tifa.engine.export.display import display_text, may_leave_out
from tifa.engine.ingest import document_from_string
from tifa.engine.ingest.boilerplate import clean_value
from tifa.engine.ingest.reader import read_document
from tifa.engine.normalize import make_paragraph, normalize_paragraph
from tifa.engine.paths import resource

REAL = Path(__file__).resolve().parents[1] / "real" / "readouts" / "hzyx88-94661-excerpt.txt"


def test_syllable_table_matches_pypinyin() -> None:
    """The syllables of resources/pinyin/readings.txt are pypinyin's readings without tones
    (when pypinyin changes its readings, regenerate the file: see the reading table's test)."""
    constants = pytest.importorskip("pypinyin.constants")
    from pypinyin.contrib.tone_convert import to_normal

    readings = {to_normal(r) for value in constants.PINYIN_DICT.values()
                for r in value.split(",")}
    assert sorted(gloss._all_syllables()) == sorted(readings)


def test_the_table_is_syllables_and_only_those() -> None:
    table = gloss.syllables()
    assert len(table) > 400
    assert {"dang", "de", "hui", "yue", "ri", "zhuang", "lü", "lüe", "lv", "er", "ai"} <= table
    # letters that list items use, interjections, and what is not pinyin
    assert not {"a", "e", "o", "m", "n", "ng", "hm", "china", "ai ", "cpc", "gdp", "bo y"} & table


@pytest.mark.parametrize(("text", "expected"), [
    ("1月(yue)8日(ri)", "1月8日"),
    ("大會(hui)(hui)在", "大会在"),
    ("黨(dang)(dang)的(de)(de)(de)先進", "党的先进"),
    ("會 （hui） 議", "会议"),
    ("統(tǒng)(tong)籌", "统筹"),
    ("女(nü)子", "女子"),
])
def test_toneless_glosses_after_han_are_left_out(text: str, expected: str) -> None:
    assert normalize_paragraph(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("见(a)条", "见（a）条"),  # a letter list item
    ("见(e)和(o)", "见（e）和（o）"),
    ("人工智能(AI)", "人工智能（AI）"),
    ("中国共产党(CPC)", "中国共产党（CPC）"),
    ("中国(China)", "中国（China）"),
    ("中国(Dang)", "中国（Dang）"),  # upper case
    ("x(dang)", "x(dang)"),  # not after Han
    ("中(dang ri)", "中（dang ri）"),  # two toneless syllables: words, not a gloss
    ("中(n)", "中（n）"),
    # syllables that are not a reading of the character before them: units, list items, words
    ("秒(s)、分钟(min)、小时(h)", "秒（s）、分钟（min）、小时（h）"),
    ("平方米(m²)、公顷(ha)", "平方米（m²）、公顷（ha）"),
    ("丙 (xi) 丁", "丙（xi）丁"),  # the eleventh item of a list numbered (i), (ii) …
    ("粉丝(fan)", "粉丝（fan）"),
    ("大會(hui)(xi)在", "大会（hui）（xi）在"),  # one unit that is no reading: none is a gloss
])
def test_what_is_not_a_toneless_gloss_stays(text: str, expected: str) -> None:
    assert normalize_paragraph(text)[0] == expected


def test_a_real_mirror_page_glossed_without_tones_reads_clean() -> None:
    """hzyx88.com's mirror of the 2020-01-08 report glosses every few characters with
    toneless pinyin, some repeated: the compared text and the shown text leave them out."""
    document = read_document(REAL)
    # its first line is a photo caption, left out (tests/engine/test_caption_credit.py)
    raw = REAL.read_text(encoding="utf-8").splitlines()[1:]
    assert len(document.paragraphs) == len(raw) == 2
    latin_in_brackets = re.compile(r"[(（][a-z]+[)）]")
    for p, line in zip(document.paragraphs, raw, strict=True):
        assert "(dang)(dang)" in line or "(hui)(hui)" in line or "(zhong)(zhong)" in line
        assert not latin_in_brackets.search(p.normalized), p.normalized
        shown = display_text(p).text
        assert shown == latin_in_brackets.sub("", p.text)
        assert may_leave_out(p.text)
    assert "党的先进性" in document.paragraphs[0].normalized
    assert "主题教育总结大会8日在北京召开" in document.paragraphs[0].normalized


def test_the_glossed_page_compares_as_the_clean_text() -> None:
    raw = REAL.read_text(encoding="utf-8")
    clean = re.sub(r"\([a-z]+\)", "", raw)
    glossed = document_from_string(raw, path="glossed.txt")
    plain = document_from_string(clean, path="plain.txt")
    assert [p.normalized for p in glossed.paragraphs] == [p.normalized for p in plain.paragraphs]


@pytest.mark.parametrize("text", ["記(ji)者(zhe) 鞠鵬", "記(jì)者(zhě) 鞠鵬"])
def test_a_gloss_before_a_space_is_left_out_and_the_space_kept(text: str) -> None:
    assert display_text(make_paragraph(0, text)).text == "記者 鞠鵬"


def test_reading_table_matches_pypinyin() -> None:
    """resources/pinyin/readings.txt is pypinyin's characters of each toneless reading. When
    pypinyin changes, regenerate it: below the comment lines, each syllable of
    test_syllable_table_matches_pypinyin's set, sorted, a space, its characters sorted."""
    constants = pytest.importorskip("pypinyin.constants")
    from pypinyin.contrib.tone_convert import to_normal

    by: dict[str, set[str]] = {}
    for code, value in constants.PINYIN_DICT.items():
        for r in value.split(","):
            by.setdefault(to_normal(r), set()).add(chr(code))
    lines = resource("pinyin", "readings.txt").read_text(encoding="utf-8").splitlines()
    assert [x for x in lines if not x.startswith("#")] == [
        f"{s} {''.join(sorted(chars))}" for s, chars in sorted(by.items())]


@pytest.mark.parametrize(("text", "expected"), [
    ("习近平(Xí Jìnpíng)", "习近平"), ("西安(Xī'ān)市", "西安市"), ("中(zhōng)国(guó)", "中国"),
    ("女(nǚ)子", "女子"), ("嗯(ńg)", "嗯"),
    # names and words with accents are no glosses
    ("马杜罗(Nicolás Maduro)表示", "马杜罗（Nicolás Maduro）表示"),
    ("咖啡馆(café)里", "咖啡馆（café）里"),
])
def test_a_toned_gloss_is_pinyin(text: str, expected: str) -> None:
    assert normalize_paragraph(text)[0] == expected


def test_a_spanish_name_after_its_chinese_form_stays() -> None:
    """香港01, 2026-02-05: 西班牙首相桑切斯（Pedro Sánchez）… the name went from the compared
    and the shown text (á is a toned a), 費利佩六世（Felipe VI） stayed."""
    document = read_document(REAL.parents[1] / "tester3" / "hk01-60319470-excerpt.txt")
    first = document.paragraphs[0]
    assert "（Pedro Sánchez）" in display_text(first).text
    assert "Pedro Sánchez" in first.normalized
    assert "Felipe VI" in document.paragraphs[1].normalized


def test_shown_text_keeps_units_spelled_like_syllables() -> None:
    p = make_paragraph(0, "反应时间 (min) 为30，黨(dang)的")
    assert display_text(p).text == "反应时间 (min) 为30，黨的"
    assert clean_value("分钟(min) 記(ji)者") == "分钟(min) 記者"


def test_shown_text_keeps_brackets_that_are_not_glosses() -> None:
    p = make_paragraph(0, "人工智能(AI)与见(a)条，黨(dang)的")
    assert display_text(p).text == "人工智能(AI)与见(a)条，黨的"
    assert not may_leave_out("人工智能(AI)与见(a)条")


def test_metadata_values_lose_glosses_but_keep_abbreviations() -> None:
    assert clean_value("新華社記(ji)者(zhe) 鞠(ju)鵬") == "新華社記者 鞠鵬"
    assert clean_value("記(jì)者 張三") == "記者 張三"
    assert clean_value("中国日报(China Daily)") == "中国日报(China Daily)"


def test_corpus_snippets_leave_toneless_glosses_out(tmp_path: Path) -> None:
    """The corpus shows a search hit in the glossed mirror page without its glosses."""
    from _corpus_helpers import build_store

    from tifa.engine.corpus import CorpusStore

    db = tmp_path / "c.sqlite"
    build_store(db, [REAL], workers=1)
    with CorpusStore(db, readonly=True) as store:
        for query in ("党的先进性", "主题教育总结大会", "政治局常委"):
            (hit,) = store.search(query)
            assert "(" not in hit.snippet and "（" not in hit.snippet, hit.snippet
        (hit,) = store.search("党的先进性")
        assert "黨的先進性" in hit.snippet, hit.snippet
