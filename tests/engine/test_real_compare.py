"""Comparing real documents as they arrive (issue 11, items 3 and 4): broadcast transcripts with
the 2022-07-28 Politburo readout in one paragraph, an analysis quoting its sentences, reposts
cut off at the end, versions with and without a headline. The documents and their addresses
are in tests/real/compare/SOURCES.

Measured before this work (paragraph granularity, the old default): transcript × analysis 0
links; the paragraph transcript's lead linked to the other transcript's headline; the cut-off
last paragraph of the 人民日报 commentary unlinked.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema.validators import Draft202012Validator

from tifa.engine.compare import compare
from tifa.engine.compare.align import heading_units, open_ended
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    Granularity,
    GranularityReason,
    LinkKind,
    PairComparison,
)
from tifa.engine.compare.report import report_dict, report_schema
from tifa.engine.export.html import render_html
from tifa.engine.export.view import build_view
from tifa.engine.ingest import read_document
from tifa.engine.model import Document, ParagraphKind

REAL = Path(__file__).resolve().parents[1] / "real" / "compare"
ONE_PARAGRAPH = "xwlb-felixjung-20220728-item1.md"  # the readout in one paragraph
PARAGRAPHS = "xwlb-yuekcc-20220728-item1.md"  # the same readout in 12 paragraphs
BODY_ONLY = "xwlb-yuekcc-20220728-item1-body.md"  # the same without its headline
ANALYSIS = "sina-zxjw-analysis-20220729.md"  # quotes sentences of the readout
COMMENTARY = "renmin-guandian-20220809-excerpt.txt"  # cut off mid-sentence at the end


@cache
def real(name: str) -> Document:
    return read_document(REAL / name)


@cache
def compared(a: str, b: str, granularity: Granularity = Granularity.AUTO) -> Comparison:
    return compare([real(a), real(b)], settings=CompareSettings(granularity=granularity))


def sentence_texts(comparison: Comparison, pair: PairComparison) -> list[tuple[str, str]]:
    """Each sentence link as (text in a, text in b), normalised."""
    docs = comparison.documents

    def text(document: Document, spans: tuple[object, ...]) -> str:
        return "".join(
            document.paragraphs[s.paragraph].normalized[s.start : s.end]  # type: ignore[attr-defined]
            for s in spans
        )

    return [(text(docs[pair.a], sl.a), text(docs[pair.b], sl.b)) for sl in pair.sentence_links]


def test_transcripts_link_sentence_for_sentence_by_default() -> None:
    comparison = compared(ONE_PARAGRAPH, PARAGRAPHS)
    (pair,) = comparison.pairs
    assert pair.granularity is Granularity.SENTENCE
    assert pair.granularity_reason is GranularityReason.LONG_PARAGRAPHS
    assert ONE_PARAGRAPH in pair.granularity_detail  # names the one-paragraph transcript
    texts = sentence_texts(comparison, pair)
    equal = [a for a, b in texts if a == b]
    # the readout's 46 sentences (headline and 原文 line aside), each to its copy
    assert len(equal) == len(texts) >= 45
    assert "要保持战略定力，坚定做好自己的事。" in "".join(equal)
    assert all(sl.kind in (LinkKind.EQUAL, LinkKind.EDITED) for sl in pair.sentence_links)


def test_the_users_choice_is_kept() -> None:
    (pair,) = compared(ONE_PARAGRAPH, PARAGRAPHS, Granularity.PARAGRAPH).pairs
    assert (pair.granularity, pair.granularity_reason) == (
        Granularity.PARAGRAPH, GranularityReason.CHOSEN
    )
    assert pair.sentence_links == ()


QUOTED = (  # sentences of the readout the analysis quotes (in its own words around them)
    "对疫情防控和经济社会发展的关系，要综合看、系统看、长远看，特别是要从政治上看、算政治账。",
    "财政货币政策要有效弥补社会需求不足。",
    "要稳定房地产市场，坚持房子是用来住的、不是用来炒的定位，因城施策用足用好政策工具箱，"
    "支持刚性和改善性住房需求，压实地方政府责任，保交楼、稳民生。",
    "要提高产业链供应链稳定性和国际竞争力，畅通交通物流，优化国内产业链布局，"
    "支持中西部地区改善基础设施和营商环境。",
    "要继续实施国企改革三年行动方案。",
)


def test_the_analysis_gets_its_quoted_sentences_linked() -> None:
    for transcript, reason in (
        (ONE_PARAGRAPH, GranularityReason.LONG_PARAGRAPHS),
        (PARAGRAPHS, GranularityReason.WEAK_LINKS),  # 1 paragraph link, most quotes outside
    ):
        comparison = compared(transcript, ANALYSIS)
        (pair,) = comparison.pairs
        assert (pair.granularity, pair.granularity_reason) == (Granularity.SENTENCE, reason)
        linked = {a for a, _ in sentence_texts(comparison, pair)}
        for sentence in QUOTED:
            assert sentence in linked, (transcript, sentence)
    # by paragraphs alone, the one-paragraph transcript and the analysis have nothing linked
    assert compared(ONE_PARAGRAPH, ANALYSIS, Granularity.PARAGRAPH).pairs[0].links == ()


def test_versions_of_one_repost_stay_at_paragraphs() -> None:
    """Two reposts of one 新华述评: their paragraphs correspond, auto keeps paragraphs."""
    (pair,) = compared(
        "xinhua-shuping-chinacer-excerpt.txt", "xinhua-shuping-ccschy-excerpt.txt"
    ).pairs
    assert pair.granularity is Granularity.PARAGRAPH
    assert pair.granularity_reason is GranularityReason.PARAGRAPHS_MATCH
    assert len(pair.links) >= 6 and pair.sentence_links == ()


def test_the_cut_off_last_paragraph_links() -> None:
    commentary = real(COMMENTARY)
    last = commentary.paragraphs[-1]
    assert last.normalized.endswith("在以")  # cut mid-sentence …
    assert last.kind is ParagraphKind.BODY and open_ended(commentary)  # … not a heading
    assert last.index not in heading_units(commentary)
    comparison = compared(COMMENTARY, PARAGRAPHS, Granularity.PARAGRAPH)
    readout = comparison.documents[1]
    (pair,) = comparison.pairs
    holding = [link for link in pair.links if last.index in link.a]
    assert len(holding) == 1
    (paragraph,) = holding[0].b
    assert readout.paragraphs[paragraph].normalized.startswith("会议认为，今年以来")


def test_the_lead_is_not_linked_to_the_other_versions_headline() -> None:
    """The transcript whose readout is one paragraph under a headline, against a copy whose
    first paragraph is the lead: the lead's text is inside the first one's body paragraph."""
    comparison = compared(ONE_PARAGRAPH, BODY_ONLY, Granularity.PARAGRAPH)
    headline, body = comparison.documents[0].paragraphs[:2]
    assert headline.kind is ParagraphKind.HEADING
    lead = comparison.documents[1].paragraphs[0]
    assert lead.normalized.startswith("中共中央政治局7月28日召开会议")  # the dateline is metadata
    (pair,) = comparison.pairs
    assert not any(headline.index in link.a for link in pair.links)
    (holding,) = [link for link in pair.links if lead.index in link.b]
    assert holding.a == (body.index,)


def test_the_report_says_which_granularity_was_used() -> None:
    comparison = compared(ONE_PARAGRAPH, ANALYSIS)
    report = report_dict(comparison)
    Draft202012Validator(report_schema()).validate(report)
    assert report["settings"]["granularity"] == "auto"
    used = report["pairs"][0]["granularity"]
    assert (used["used"], used["reason"]) == ("sentence", "long-paragraphs")
    assert "holds" in used["detail"]
    json.dumps(report, ensure_ascii=False)
    html = render_html(build_view(comparison))
    assert "compared by" in html and "sentences (auto)" in html


def test_the_command_line_says_what_each_pair_was_compared_by(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tifa.cli import main

    assert main(["compare", str(REAL / ONE_PARAGRAPH), str(REAL / ANALYSIS)]) == 0
    out = capsys.readouterr().out
    assert "compared by sentences (long-paragraphs: " in out


def test_the_command_line_lists_no_date_alone_as_shared_wording(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """新闻联播 2022-07-28, items 10 and 11: both say 今天（7月28日） and 7月27日, which the
    summary listed as shared passages; the health commission's sentence stays."""
    from tifa.cli import main

    readout = REAL.parent / "28_xwlb_yuekcc_20220728.md"
    assert main(["compare", f"{readout}#10", f"{readout}#11"]) == 0
    listed = [line.strip() for line in capsys.readouterr().out.splitlines()
              if line.strip().startswith("“")]
    assert "“国家卫生健康委今天（7月28日）”" in listed
    assert "“7月27日”" not in listed
