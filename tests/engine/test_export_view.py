"""The report view-model: highlights land on the displayed text, tables cover every paragraph."""

from __future__ import annotations

import re

import pytest
from _export_helpers import (
    beijing_2017_2022,
    beijing_chengdu,
    beijing_revised,
    provinces,
    with_traditional,
)
from hypothesis import given
from hypothesis import strategies as st

from conftest import QIUSHI_2020
from tifa.engine.compare.model import FormulationStatus, ParagraphMarks
from tifa.engine.export.display import DisplayText, display_text
from tifa.engine.export.view import (
    MAX_COLUMNS,
    Colour,
    _segments,
    build_view,
    heat_colour,
    ink_for,
    legend_lines,
)
from tifa.engine.normalize import make_paragraph

# Real traditional-script lines with pinyin glosses: displayed and normalised text differ.
QIUSHI_LINES = [
    line.strip()
    for line in QIUSHI_2020.read_text(encoding="utf-8").splitlines()
    if "(" in line and len(line.strip()) > 40
][:5]


@st.composite
def paragraph_and_marks(draw: st.DrawFn) -> tuple[object, ParagraphMarks]:
    paragraph = make_paragraph(0, draw(st.sampled_from(QIUSHI_LINES)))
    n = len(paragraph.normalized)
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=12)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    shared = tuple(s for k, s in enumerate(spans) if k % 2 == 0)
    new = tuple(s for k, s in enumerate(spans) if k % 2 == 1)
    forms = tuple((a, b, paragraph.normalized[a:b]) for a, b in spans[:2])
    return paragraph, ParagraphMarks(shared=shared, new=new, formulations=forms)


def _exactly_the_sources(shown: DisplayText, a: int, b: int) -> bool:
    """The shown span of normalised ``[a, b)`` holds the shown sources of those normalised
    characters and nothing else but spaces: no neighbour, no gloss, no shift."""
    paragraph = shown.paragraph
    sources = {
        shown.from_text(k)
        for i in range(a, b)
        for k in range(paragraph.starts[i], paragraph.ends[i])
        if shown.shows(k)
    }
    ds, de = shown.span(a, b)
    inside = {j for j in range(ds, de) if not shown.text[j].isspace()}
    return sources <= set(range(ds, de)) and inside <= sources


@given(paragraph_and_marks())
def test_segments_rebuild_the_displayed_text_and_carry_each_mark(
    case: tuple[object, ParagraphMarks],
) -> None:
    paragraph, marks = case
    segments = _segments(paragraph, marks, {})  # type: ignore[arg-type]
    shown = display_text(paragraph)  # type: ignore[arg-type]
    # the shown text: the paragraph's own script, its pinyin glosses left out
    assert "".join(s.text for s in segments) == shown.text
    assert not re.search(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔù]", shown.text)
    style = []
    for s in segments:
        style.extend([(s.shared, s.new, s.formulation)] * len(s.text))
    for a, b in marks.shared:
        ds, de = shown.span(a, b)
        assert all(style[i][0] for i in range(ds, de))
        assert _exactly_the_sources(shown, a, b)
    for a, b in marks.new:
        ds, de = shown.span(a, b)
        assert all(style[i][1] for i in range(ds, de))
    for a, b, phrase in marks.formulations:
        ds, de = shown.span(a, b)
        # a later formulation may overlap an earlier one; each char carries one phrase
        assert all(style[i][2] is not None for i in range(ds, de))
        assert phrase in {style[i][2] for i in range(ds, de)}


def test_heat_scale_runs_light_to_dark_and_ink_stays_readable() -> None:
    def lum(hex_colour: str) -> float:
        return sum(int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))

    values = [i / 20 for i in range(21)]
    lums = [lum(heat_colour(v)) for v in values]
    assert lums == sorted(lums, reverse=True)
    assert heat_colour(-1) == heat_colour(0) and heat_colour(2) == heat_colour(1)
    assert ink_for(heat_colour(0.0)) == "000000"
    assert ink_for(heat_colour(1.0)) == "ffffff"


def test_every_paragraph_of_both_documents_is_in_the_side_by_side_table() -> None:
    comparison = beijing_chengdu()
    view = build_view(comparison)
    assert len(view.side_by_side) == 1
    seen: dict[int, list[int]] = {0: [], 1: []}
    for row in view.side_by_side[0].rows:
        for cell in row.cells:
            seen[cell.document].extend(p.index for p in cell.paragraphs)
            for p in cell.paragraphs:
                original = comparison.documents[cell.document].paragraphs[p.index]
                assert p.text == original.text
    for d, document in enumerate(comparison.documents):
        assert sorted(seen[d]) == list(range(len(document.paragraphs)))


def test_beijing_chengdu_highlights_shared_and_new_wording_and_formulations() -> None:
    view = build_view(beijing_chengdu())
    segments = [
        s
        for row in view.side_by_side[0].rows
        for cell in row.cells
        for p in cell.paragraphs
        for s in p.segments
    ]
    shared = "".join(s.text for s in segments if s.shared)
    new = "".join(s.text for s in segments if s.new)
    assert "疫情要防住" in shared  # the central line both meetings quote
    assert "五子联动" in new or "三城三都" in new  # local vocabulary of one city only
    assert any(s.formulation == "动态清零" for s in segments)


def test_formulation_status_against_the_pivot_2017_to_2022() -> None:
    comparison = beijing_2017_2022()
    view = build_view(comparison)
    pivot = view.pivot
    other = 1 - pivot
    by_phrase = {f.phrase: f for f in view.formulations}
    assert by_phrase["四个意识"].cells[other].status is FormulationStatus.SHARED
    two = by_phrase["两个维护"].cells[other].status
    # 两个维护 is only in 2022 (document 1): new if 2017 is the pivot, dropped otherwise
    assert two is (FormulationStatus.NEW if pivot == 0 else FormulationStatus.DROPPED)
    assert by_phrase["两个维护"].cells[pivot].status is None
    assert by_phrase["四个意识"].cells[pivot].colour is Colour.PIVOT
    # no formulation absent from every document is listed
    assert all(any(c.count for c in f.cells) for f in view.formulations)


def test_traditional_document_gets_zh_hant_and_its_warning_positions_flagged() -> None:
    comparison = with_traditional()
    view = build_view(comparison)
    assert [d.lang for d in view.documents] == ["zh-Hans", "zh-Hant"]
    assert view.documents[1].warnings
    flagged = set()
    for row in view.side_by_side[0].rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                offset = 0
                for s in p.segments:
                    if s.flagged:
                        assert len(s.text) == 1
                        flagged.add((cell.document, p.index, offset, s.text))
                    offset += len(s.text)
    # on the shown text (glosses left out), each flag is on the damaged character itself
    expected = set()
    for d, document in enumerate(comparison.documents):
        for w in document.warnings:
            if w.code != "corrupted-characters":
                continue
            for paragraph, offset in w.positions:
                shown = display_text(document.paragraphs[paragraph])
                if shown.shows(offset):
                    damaged = document.paragraphs[paragraph].text[offset]
                    expected.add((d, paragraph, shown.from_text(offset), damaged))
    assert expected, "the Qiushi article's corrupted characters should carry positions"
    assert flagged == expected


@pytest.mark.slow
def test_31_documents_are_cut_into_tables_of_the_pivot_and_three_others() -> None:
    comparison = provinces()
    view = build_view(comparison)
    tables = view.side_by_side
    assert all(len(t.documents) <= MAX_COLUMNS for t in tables)
    assert all(t.documents[0] == view.pivot for t in tables)
    others = [d for t in tables for d in t.documents[1:]]
    assert sorted(others) == sorted(set(range(31)) - {view.pivot})
    assert len(tables) == 10


def test_display_text_leaves_out_glosses_only() -> None:
    """Glosses go; parentheses that are text — (市), (2020), (GDP) — and spaces stay."""
    glossed = make_paragraph(0, "統(tǒng)籌推進(jìn)疫情防控(市) GDP (2020)")
    shown = display_text(glossed)
    assert shown.text == "統籌推進疫情防控(市) GDP (2020)"
    start = glossed.normalized.index("推进")
    assert shown.text[slice(*shown.span(start, start + 2))] == "推進"
    assert not shown.shows(glossed.text.index("tǒng"))
    plain = make_paragraph(0, "坚持动态清零（不动摇）")
    assert display_text(plain).text == plain.text
    assert display_text(plain).position is None


def _marked(view: object, document: int) -> list[tuple[int, str, str]]:
    """(paragraph, "del"/"ins", text) of every diff run of ``document`` in the table."""
    found = []
    for row in view.side_by_side[0].rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if cell.document != document:
                continue
            for p in cell.paragraphs:
                for s in p.segments:
                    if s.deleted or s.inserted:
                        found.append((p.index, "del" if s.deleted else "ins", s.text))
    return found


def test_linked_paragraphs_show_the_word_level_diff_against_the_pivot() -> None:
    """000 against its revised copy: every paragraph is linked; the copy's column shows
    exactly the revisions — the pivot's words struck where they went, the new ones green —
    and neither column uses shared/new there (everything would be "shared")."""
    comparison = beijing_revised()
    view = build_view(comparison)
    pivot = comparison.alignment.pivot
    other = 1 - pivot
    revised = comparison.documents[other]
    marks = _marked(view, other)
    # derived from REVISIONS: 干→谋 (one character), 意识→自信, 市委书记蔡奇强调， dropped,
    # 各项 put in
    assert sorted((kind, text) for _, kind, text in marks) == sorted([
        ("del", "干"), ("ins", "谋"), ("del", "意识"), ("ins", "自信"),
        ("del", "市委书记蔡奇强调，"), ("ins", "各项"),
    ])
    for paragraph, kind, text in marks:  # inserted words are the copy's own
        assert kind == "del" or text in revised.paragraphs[paragraph].text
    assert _marked(view, pivot) == []  # the pivot's column is plain
    for row in view.side_by_side[0].rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                assert p.diffed
                assert not any(s.shared or s.new for s in p.segments)
                # the document's own text is intact around the struck words
                assert p.text == display_text(
                    comparison.documents[cell.document].paragraphs[p.index]).text
    table = view.side_by_side[0]
    assert table.diffed and not table.unlinked
    # a struck word is set in where it was: 干 just before 谋
    paragraph = next(p for p in (c for r in table.rows for c in r.cells
                                 if c.document == other)
                     for p in p.paragraphs if "谋大事" in p.text)
    runs = [(s.deleted, s.inserted, s.text) for s in paragraph.segments]
    at = runs.index((True, False, "干"))
    assert runs[at + 1] == (False, True, "谋") and runs[at + 2][2].startswith("大事")


def test_unlinked_paragraphs_keep_shared_and_new_wording() -> None:
    """Beijing against Chengdu: two different meetings, few paragraphs linked; those without
    a counterpart still show shared and new wording, and the key says which is which."""
    view = build_view(beijing_chengdu())
    table = view.side_by_side[0]
    assert table.unlinked
    unlinked = [p for r in table.rows for c in r.cells for p in c.paragraphs if not p.diffed]
    assert any(s.new for p in unlinked for s in p.segments)
    assert any(s.shared for p in unlinked for s in p.segments)
    lines = legend_lines(table, view)
    text = " ".join(piece[0] for line in lines for piece in line)
    assert "wording also in another document" in text and "wording in no other document" in text
    assert ("struck" in text) == table.diffed
    assert build_view(beijing_chengdu(), word_diff=False).side_by_side[0].diffed is False


def test_heatmap_colours_span_the_pairs_and_the_diagonal_is_grey() -> None:
    """Five seeds (similarities 0.03–0.10): the palette spans that range, so the least
    similar pair is the lightest cell and the most similar the darkest; one pair alone
    keeps the fixed 0–1 scale (a 0.09 must not look like a copy)."""
    from _export_helpers import comparison_of

    from conftest import ALL_SEEDS
    from tifa.engine.export.view import DIAGONAL, heat_range

    comparison = comparison_of(*ALL_SEEDS)
    view = build_view(comparison)
    assert any(h.stretched for h in view.heatmaps)
    for matrix, heatmap in zip(comparison.similarities, view.heatmaps, strict=True):
        n = len(matrix.values)
        off = [(matrix.values[i][j], i, j) for i in range(n) for j in range(n) if i != j]
        low, high = min(off)[0], max(off)[0]
        if high - low < 0.05:
            assert not heatmap.stretched
            continue
        assert (heatmap.low, heatmap.high) == pytest.approx((low, high))
        position = {d: k for k, d in enumerate(heatmap.order)}
        _, i, j = min(off)
        assert heatmap.cells[position[i]][position[j]].fill == heat_colour(0.0)
        _, i, j = max(off)
        assert heatmap.cells[position[i]][position[j]].fill == heat_colour(1.0)
        assert all(heatmap.cells[k][k].fill == DIAGONAL for k in range(n))
    pair = beijing_chengdu()
    assert heat_range(pair.similarities[0]) == (0.0, 1.0)
    assert not build_view(pair).heatmaps[0].stretched


def test_a_pairs_shared_wording_is_listed_once() -> None:
    """Two provincial readouts of 2020 (tests/real/readouts): the pairs table of the reports
    said “领导小组 · 领导小组” (one wording, two places)."""
    from pathlib import Path

    from tifa.engine.compare.pipeline import compare
    from tifa.engine.ingest import read_document

    real = Path(__file__).parents[1] / "real/readouts"
    comparison = compare([read_document(real / "gdstc-20200321-excerpt.txt"),
                          read_document(real / "ttnews-chengde-20200228-excerpt.txt")])
    (pair,) = build_view(comparison).pairs
    assert len(pair.top_shared) == 6 and len(set(pair.top_shared)) == 6, pair.top_shared
