"""The side-by-side table's rows: linked rows, bands of unaligned paragraphs that fold,
the shared passages of two documents first; and the changed words F7 visits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.lookup import linked_changes
from tifa.engine.compare.model import AlignmentRow, Comparison, DiffTag, LinkKind
from tifa.engine.compare.pipeline import compare
from tifa.engine.compare.rowlayout import (
    SHARED_SECTION,
    RowFilter,
    RowRole,
    bands,
    bare_date,
    layout_rows,
    linked_share,
    shared_groups,
    shared_rows,
)
from tifa.engine.ingest import read_document
from tifa.engine.model import Document


def _row(*cells: tuple[int, ...], kind: LinkKind | None = None) -> AlignmentRow:
    return AlignmentRow(cells=tuple(cells), kind=kind, moved=(False,) * len(cells))


# linked, then 0 alone, 1 alone, 0 alone, 2 alone (a third document), then linked
ROWS = (
    _row((0,), (0,), (0,), kind=LinkKind.EQUAL),
    _row((1,), (), ()),
    _row((), (1,), ()),
    _row((2,), (), ()),
    _row((), (), (1,)),
    _row((3,), (2,), (2,), kind=LinkKind.EDITED),
)


def test_a_run_of_unaligned_rows_becomes_one_band_per_document_in_its_order() -> None:
    rows = layout_rows(ROWS, (0, 1, 2), 3)
    assert [(r.role, r.source) for r in rows] == [
        (RowRole.LINKED, 0),
        (RowRole.BAND, -1), (RowRole.UNALIGNED, 1), (RowRole.UNALIGNED, 3),
        (RowRole.BAND, -1), (RowRole.UNALIGNED, 2),
        (RowRole.BAND, -1), (RowRole.UNALIGNED, 4),
        (RowRole.LINKED, 5),
    ]
    assert [r.counts for r in rows if r.role is RowRole.BAND] == [(2, 0, 0), (0, 1, 0), (0, 0, 1)]
    # no two documents' unaligned paragraphs share a row
    assert all(sum(map(bool, r.cells)) == 1 for r in rows if r.role is RowRole.UNALIGNED)


def test_folding_hides_a_bands_rows_and_keeps_its_header() -> None:
    first = bands(ROWS, (0, 1, 2), 3)[0]
    rows = layout_rows(ROWS, (0, 1, 2), 3, folded={first.key})
    headers = [r for r in rows if r.role is RowRole.BAND]
    assert [h.folded for h in headers] == [True, False, False]
    assert [r.source for r in rows if r.role is RowRole.UNALIGNED] == [2, 4]


def test_columns_not_shown_make_no_rows_and_no_links() -> None:
    """Shown alone with document 2, document 1's paragraphs vanish; row 0 and row 5 still link
    0 and 2; the run between them has a band for each."""
    rows = layout_rows(ROWS, (0, 2), 3)
    assert all(not r.cells or not r.cells[1] or r.role is RowRole.LINKED for r in rows)
    assert [r.source for r in rows if r.role is RowRole.UNALIGNED] == [1, 3, 4]
    assert linked_share(ROWS, (0, 2)) == pytest.approx(4 / 7)


def test_filters() -> None:
    differences = layout_rows(ROWS, (0, 1, 2), 3, row_filter=RowFilter.DIFFERENCES)
    assert [r.source for r in differences if r.role is RowRole.LINKED] == [5]  # 0 is equal
    assert any(r.role is RowRole.BAND for r in differences)
    shared = layout_rows(ROWS, (0, 1, 2), 3, row_filter=RowFilter.SHARED)
    assert [r.role for r in shared] == [RowRole.LINKED, RowRole.LINKED]


@pytest.fixture(scope="module")
def beijing_chengdu() -> Comparison:
    return compare([read_document(BEIJING_2022), read_document(CHENGDU_2022)])


@pytest.fixture(scope="module")
def with_a_revised_copy(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    """000, 003, 004 and a copy of 000 with a paragraph dropped and one edited: links and
    unaligned paragraphs both."""
    texts = [p.text for p in read_document(BEIJING_2022).paragraphs]
    del texts[4]
    copy = tmp_path_factory.mktemp("copy") / "copy.txt"
    copy.write_text("\n\n".join(texts).replace("干大事", "谋大事"), encoding="utf-8")
    return compare([read_document(p) for p in (BEIJING_2022, CHENGDU_2022, BEIJING_2017, copy)])


def test_every_paragraph_is_shown_once_unfolded(with_a_revised_copy: Comparison) -> None:
    c = with_a_revised_copy
    assert any(r.kind is LinkKind.EDITED for r in c.alignment.rows)
    roles: set[RowRole] = set()
    for shown in ((0, 1, 2, 3), (3, 0), (2, 3, 1), (1, 2)):
        rows = layout_rows(c.alignment.rows, shown, len(c.documents))
        roles |= {r.role for r in rows}
        for d in shown:
            seen = [p for r in rows if r.role in (RowRole.LINKED, RowRole.UNALIGNED)
                    for p in r.cells[d]]
            assert sorted(seen) == list(range(len(c.documents[d].paragraphs)))
        for header in (r for r in rows if r.role is RowRole.BAND):
            (d,) = [d for d, n in enumerate(header.counts) if n]
            members = [r for r in rows if r.band == header.band and r.role is RowRole.UNALIGNED]
            assert sum(len(r.cells[d]) for r in members) == header.counts[d]
    assert {RowRole.LINKED, RowRole.BAND, RowRole.UNALIGNED} <= roles


def test_two_different_meetings_lead_with_what_they_share(beijing_chengdu: Comparison) -> None:
    """Beijing and Chengdu 2022 hardly correspond paragraph by paragraph, but share the
    central line's wording: the passages are listed with their place in each document."""
    c = beijing_chengdu
    assert linked_share(c.alignment.rows, (0, 1)) < 1 / 3
    passages = shared_rows(c, 0, 1)
    texts = [p.text for p in passages]
    assert "疫情要防住、经济要稳住、发展要安全" in texts
    assert "会议强调" not in texts  # stock phrase, not worth leading with
    for passage in passages:
        for d, span in passage.spans:
            assert c.documents[d].paragraphs[span.paragraph].normalized[
                span.start:span.end] == passage.text
    # read from the other side, the same passages, turned
    turned = shared_rows(c, 1, 0)
    assert sorted(p.text for p in turned) == sorted(texts)
    assert all(p.spans[0][0] == 1 for p in turned)
    groups = shared_groups(passages)
    rows = layout_rows(c.alignment.rows, (0, 1), 2, shared=groups)
    assert rows[0].role is RowRole.SHARED_HEADER
    assert rows[0].counts == (len(passages), len(groups))
    assert [r.passage for r in rows if r.role is RowRole.SHARED] == list(range(len(groups)))
    folded = layout_rows(c.alignment.rows, (0, 1), 2, shared=groups, folded={SHARED_SECTION})
    assert not any(r.role is RowRole.SHARED for r in folded)


def test_linked_changes_are_the_edited_words(tmp_path: Path) -> None:
    original = read_document(BEIJING_2022)
    text = BEIJING_2022.read_text(encoding="utf-8")
    revised_path = tmp_path / "revised.txt"
    revised_path.write_text(text.replace("干大事", "谋大事"), encoding="utf-8")
    revised: Document = read_document(revised_path)
    c = compare([original, revised])
    changed = next(i for i, p in enumerate(original.paragraphs) if "干大事" in p.normalized)
    row = next(r for r in c.alignment.rows if changed in r.cells[0])
    for reference, other in ((0, 1), (1, 0)):
        changes = linked_changes(c, row.cells, (0, 1), reference)
        assert changes and all(ch.other == other for ch in changes)
        words = {
            "".join(c.documents[reference].paragraphs[s.paragraph].normalized[s.start:s.end]
                    for s in ch.op.a)
            for ch in changes
        }
        assert any(("干" if reference == 0 else "谋") in w for w in words)
        assert all(ch.op.tag is not DiffTag.EQUAL for ch in changes)
    unchanged = next(r for r in c.alignment.rows if r.kind is LinkKind.EQUAL)
    assert linked_changes(c, unchanged.cells, (0, 1), 0) == ()


REAL = Path(__file__).resolve().parents[1] / "real"
POLITBURO_20220728 = f"{REAL / '28_xwlb_yuekcc_20220728.md'}#1"


def test_passages_of_one_pair_of_paragraphs_make_one_row() -> None:
    """The 2022-07-28 Politburo readout (新闻联播) and a Hong Kong report of it share several
    passages per pair of paragraphs: the shared section showed the same two paragraphs once
    per passage; now once, with all their passages."""
    c = compare([read_document(POLITBURO_20220728),
                 read_document(REAL / "50_excerpt_stheadline_20220729.txt")])
    passages = shared_rows(c, 0, 1)
    groups = shared_groups(passages)
    assert len(groups) < len(passages)  # measured: 12 passages in 7 pairs of paragraphs
    assert any(len(g.passages) >= 2 for g in groups)
    assert len({g.paragraphs for g in groups}) == len(groups)  # one row per pair
    assert sorted(p.text for g in groups for p in g.passages) == sorted(p.text for p in passages)
    for g in groups:
        for p in g.passages:
            assert tuple((d, s.paragraph) for d, s in p.spans) == g.paragraphs
    rows = layout_rows(c.alignment.rows, (0, 1), 2, shared=groups)
    shared = [r for r in rows if r.role is RowRole.SHARED]
    assert len(shared) == len(groups)
    assert [r.cells for r in shared] == [tuple((p,) for _, p in g.paragraphs) for g in groups]


def test_a_date_alone_or_a_stock_meeting_phrase_is_not_listed_as_shared() -> None:
    """Two items of one 新闻联播 day (the Politburo meeting, a 央视快评) share only their date;
    two readouts of different meetings share 召开会议: neither is wording worth listing."""
    meeting = read_document(POLITBURO_20220728)
    commentary = read_document(f"{REAL / '28_xwlb_yuekcc_20220728.md'}#5")
    c = compare([meeting, commentary])
    assert "7月28日" in [p.text for p in c.pair(0, 1).shared]
    assert "7月28日" not in [p.text for p in shared_rows(c, 0, 1)]
    hubei = read_document(REAL / "readouts" / "hubei-mingriaudio-20200423-excerpt.txt")
    c = compare([meeting, hubei])
    assert "召开会议" not in [p.text for p in shared_rows(c, 0, 1)]
    assert "外防输入" in [p.text for p in shared_rows(c, 0, 1)]  # real shared wording stays


@pytest.mark.parametrize(("text", "alone"), [
    ("7月28日", True), ("2022年7月28日", True), ("7月29日下午", True), ("二〇二二年", True),
    ("7月28日召开会议", False), ("中共中央政治局", False), ("年月日", False),
    ("今天（7月28日）", True), ("（7月28日）", True), ("昨日下午", True),
    ("国家卫生健康委今天（7月28日）", False), ("今天", True),
    ("7月28日（星期四）", True), ("7月28日 星期四", True), ("28日凌晨", True),
    ("周一至周五", False), ("星期四召开", False),
])
def test_bare_dates(text: str, alone: bool) -> None:
    assert bare_date(text) is alone
