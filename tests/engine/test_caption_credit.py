"""A photo caption that ends with the photographer's credit and no brackets
("…并發表重要講話。新華社記者 鞠鵬 攝") is a caption, not the lede; and a title made from a
glossed lede is cut after the glosses are out (the real hzyx88 mirror page of 2020-01-08)."""

from __future__ import annotations

from pathlib import Path

from tifa.engine.ingest import read_document

PAGE = Path(__file__).parents[1] / "real/readouts/hzyx88-94661-excerpt.txt"


def test_a_caption_ending_with_the_photographers_credit_is_left_out() -> None:
    document = read_document(PAGE)
    assert not any("鞠(ju)鵬" in p.text or "攝(she)" in p.text for p in document.paragraphs)
    assert any(w.code == "dropped-captions" for w in document.warnings)
    assert document.paragraphs[0].normalized.startswith("“不忘初心、牢记使命”主题教育总结大会8日")


def test_a_title_from_a_glossed_lede_is_the_lede_without_its_glosses() -> None:
    assert read_document(PAGE).title == "“不忘初心、牢記使命”主題教育總結大會8日在北京召開"
