"""The Qt models over the seeds' real comparison: shapes, counts, statuses, filters.

Expectations come from the seeds (see seeds/README.md): 004 (2017) has “四个意识” and the
把方向、谋大事 formula; 000 (2022) has “四个意识”, “两个维护” and 把方向、干大事; 002 is in
traditional script with corrupted characters.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyle

from tifa.engine.compare.model import Comparison, FormulationStatus
from tifa.engine.export.display import display_text
from tifa.gui.models import SORT_ROLE, VALUE_ROLE
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.models.documents import DocumentListModel
from tifa.gui.models.formulations import FormulationFilter, FormulationModel
from tifa.gui.models.similarity import SimilarityModel
from tifa.gui.session import Session

pytestmark = pytest.mark.gui

BEIJING_2022, QIUSHI, CHENGDU, BEIJING_2017 = 0, 2, 3, 4


def _row(model: FormulationModel, phrase: str) -> int:
    row = model.row_of(phrase)
    assert row is not None, f"{phrase} not found among the formulations"
    return row


def test_alignment_model_shows_every_paragraph_once(
    qtmodeltester: object, all_seeds_comparison: Comparison
) -> None:
    model = AlignmentModel()
    model.set_comparison(all_seeds_comparison, range(5))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.columnCount() == 5
    for column, document in enumerate(all_seeds_comparison.documents):
        shown = [p for r in range(model.rowCount()) for p in model.paragraphs_at(r, column)]
        assert shown == list(range(len(document.paragraphs)))
    # the plain text of a cell is its paragraphs' displayed text: own script, no glosses
    row = model.row_of(QIUSHI, 3)
    assert row is not None
    paragraph = all_seeds_comparison.documents[QIUSHI].paragraphs[3]
    plain = str(model.index(row, QIUSHI).data())
    assert display_text(paragraph).text in plain
    assert "(" in paragraph.text and "(x" not in plain


def test_alignment_model_reorders_columns_without_recomputing(
    all_seeds_comparison: Comparison,
) -> None:
    model = AlignmentModel()
    model.set_comparison(all_seeds_comparison, (4, 0))
    assert model.columnCount() == 2
    assert model.document_at(0) == BEIJING_2017
    assert "蔡奇" in str(model.headerData(0, Qt.Orientation.Horizontal))


def test_unpacked_rows_are_the_engines(all_seeds_comparison: Comparison) -> None:
    model = AlignmentModel()
    model.set_comparison(all_seeds_comparison, range(5))
    model.set_packing(False)
    shown = [model.display_row(r) for r in range(model.rowCount())]
    # every engine row once, in bands of unaligned paragraphs between linked rows
    assert sorted(r.source for r in shown if not r.header) == list(
        range(len(all_seeds_comparison.alignment.rows)))
    model.set_packing(True)
    assert model.rowCount() < len(all_seeds_comparison.alignment.rows)


def test_formulation_statuses_from_2017_to_2022(
    qtmodeltester: object, all_seeds_comparison: Comparison
) -> None:
    model = FormulationModel()
    model.set_comparison(all_seeds_comparison, range(5), (BEIJING_2017, BEIJING_2022))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    status = {
        phrase: model.index(_row(model, phrase), FormulationModel.STATUS).data(VALUE_ROLE)
        for phrase in ("四个意识", "两个维护", "把方向、干大事、抓党建、保平安")
    }
    assert status == {
        "四个意识": FormulationStatus.SHARED.value,
        "两个维护": FormulationStatus.NEW.value,
        "把方向、干大事、抓党建、保平安": FormulationStatus.VARIANT.value,
    }
    # counts per document column: 两个维护 is in 000 only
    row = _row(model, "两个维护")
    counts = [
        model.index(row, FormulationModel.FIXED_BEFORE + d).data(SORT_ROLE) for d in range(5)
    ]
    assert counts[BEIJING_2022] > 0
    assert counts[BEIJING_2017] == 0
    assert model.index(row, FormulationModel.TOTAL).data() == sum(counts)
    # read the other way round, what was new is dropped
    model.set_pair((BEIJING_2022, BEIJING_2017))
    assert model.index(row, FormulationModel.STATUS).data(VALUE_ROLE) == "dropped"


def test_formulation_filter_by_text_and_status(
    qtmodeltester: object, all_seeds_comparison: Comparison
) -> None:
    model = FormulationModel()
    model.set_comparison(all_seeds_comparison, range(5), (BEIJING_2017, BEIJING_2022))
    proxy = FormulationFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    proxy.set_text("两个")
    phrases = [proxy.index(r, FormulationModel.PHRASE).data() for r in range(proxy.rowCount())]
    assert "两个维护" in phrases
    assert all(
        "两个" in " ".join((f.phrase, *f.variants, f.category, f.gloss))
        for f in (model.formulation(proxy.mapToSource(proxy.index(r, 0)).row())
                  for r in range(proxy.rowCount()))
    )
    assert proxy.rowCount() < model.rowCount()
    proxy.set_text("兩個維護")  # typed in traditional script: the simplified entry shows
    phrases = [proxy.index(r, FormulationModel.PHRASE).data() for r in range(proxy.rowCount())]
    assert "两个维护" in phrases
    proxy.set_text("")
    proxy.set_statuses(frozenset({FormulationStatus.NEW}))
    statuses = {proxy.index(r, FormulationModel.STATUS).data(VALUE_ROLE)
                for r in range(proxy.rowCount())}
    assert statuses == {"new"}
    proxy.set_statuses(None)
    assert proxy.rowCount() == model.rowCount()


def test_formulations_sort_by_count_as_numbers(all_seeds_comparison: Comparison) -> None:
    model = FormulationModel()
    model.set_comparison(all_seeds_comparison, range(5), (0, 3))
    proxy = FormulationFilter()
    proxy.setSourceModel(model)
    proxy.sort(FormulationModel.TOTAL, Qt.SortOrder.DescendingOrder)
    totals = [proxy.index(r, FormulationModel.TOTAL).data() for r in range(proxy.rowCount())]
    assert totals == sorted(totals, reverse=True)
    assert totals[0] >= 10  # numbers, not strings: "9" would sort above "13"


def test_similarity_model_in_clustering_order(
    qtmodeltester: object, all_seeds_comparison: Comparison
) -> None:
    model = SimilarityModel()
    model.set_comparison(all_seeds_comparison)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    n = len(all_seeds_comparison.documents)
    assert (model.rowCount(), model.columnCount()) == (n, n)
    order = all_seeds_comparison.order
    values = all_seeds_comparison.similarities[0].values
    for r in range(n):
        assert model.index(r, r).data() == "—"
        for c in range(n):
            assert model.documents_at(r, c) == (order[r], order[c])
            assert model.index(r, c).data(VALUE_ROLE) == pytest.approx(values[order[r]][order[c]])
    model.set_metric(1)
    assert model.index(0, 1).data(VALUE_ROLE) == pytest.approx(
        all_seeds_comparison.similarities[1].values[order[0]][order[1]]
    )


def test_heatmap_colours_stretch_over_the_pairs_but_one_pair_keeps_the_fixed_scale(
    seed_documents: tuple[object, ...], all_seeds_comparison: Comparison
) -> None:
    """Five seeds: the palette spans the lowest to the highest off-diagonal value (the key
    says which). Two unrelated reports (one value, ~0.1): the fixed 0–1 scale, so their
    cell is pale, not the darkest blue of a near copy."""
    from tifa.engine.compare.pipeline import compare
    from tifa.gui.models.similarity import text_colour

    model = SimilarityModel()
    model.set_comparison(all_seeds_comparison)
    assert model.scale_range == (0.0, 1.0)  # absolute by default: 0.10 is pale, not navy
    model.set_relative(True)
    values = all_seeds_comparison.similarities[0].values
    off = [values[i][j] for i in range(5) for j in range(5) if i != j]
    assert model.scale_range == pytest.approx((min(off), max(off)))
    pair = compare((seed_documents[BEIJING_2022], seed_documents[CHENGDU]))  # type: ignore[arg-type]
    model.set_comparison(pair)
    value = pair.similarities[0].values[0][1]
    assert value < 0.3
    assert model.scale_range == (0.0, 1.0)
    shade = model.shade(0, 1)
    assert shade.lightness() > 200  # pale
    assert text_colour(shade).name() == "#000000"


def test_document_list_shows_metadata_and_warnings(
    qtmodeltester: object, qtbot: object, seed_documents: tuple[object, ...]
) -> None:
    session = Session()
    session.documents.extend(seed_documents)  # type: ignore[arg-type]
    model = DocumentListModel(session)
    session.documents_changed.emit()
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 5
    assert model.index(BEIJING_2022, DocumentListModel.DATE).data() == "2022-07-21"
    assert model.index(QIUSHI, DocumentListModel.SCRIPT).data() == "traditional"
    badge = model.index(QIUSHI, DocumentListModel.WARNINGS)
    assert int(badge.data()) >= 1
    assert badge.data(Qt.ItemDataRole.DecorationRole) is not None
    tooltip = badge.data(Qt.ItemDataRole.ToolTipRole)
    corrupted = next(w for w in seed_documents[QIUSHI].warnings  # type: ignore[attr-defined]
                     if w.code == "corrupted-characters")
    assert corrupted.message in tooltip
    assert "paragraphs" in tooltip
    assert model.index(BEIJING_2022, DocumentListModel.WARNINGS).data() == ""
    # the badge is on the title as well, visible in a narrow panel, with the same details
    title = model.index(QIUSHI, DocumentListModel.TITLE)
    assert title.data(Qt.ItemDataRole.DecorationRole) is not None
    assert corrupted.message in title.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(BEIJING_2022, DocumentListModel.TITLE).data(
        Qt.ItemDataRole.DecorationRole) is None
    # how a document was read (Chengdu's year inferred) is news, not trouble: another badge
    style = QApplication.style()
    warning = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).cacheKey()
    chengdu = model.index(CHENGDU, DocumentListModel.TITLE).data(Qt.ItemDataRole.DecorationRole)
    assert [w.code for w in seed_documents[CHENGDU].warnings] == ["date-inferred"]  # type: ignore[attr-defined]
    assert chengdu is not None
    assert chengdu.pixmap(16).toImage() != title.data(
        Qt.ItemDataRole.DecorationRole).pixmap(16).toImage()
    assert title.data(Qt.ItemDataRole.DecorationRole).cacheKey() != chengdu.cacheKey()
    assert warning  # the style has the standard icons


def test_a_moved_paragraph_is_marked_and_is_the_only_difference(
    seed_documents: tuple[object, ...],
) -> None:
    """000 against a copy with its 9th paragraph moved to the top: every row is equal but
    the moved one, which the model flags and F7 would visit."""
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.ingest import document_from_string
    from tifa.gui.models.alignment import MOVED_ROLE

    original = seed_documents[BEIJING_2022]
    texts = [p.text for p in original.paragraphs]  # type: ignore[attr-defined]
    copy = document_from_string("\n".join([texts[8], *texts[:8], *texts[9:]]),
                                path="moved.txt", title="moved")
    model = AlignmentModel()
    model.set_comparison(compare([original, copy]), (0, 1))  # type: ignore[list-item]
    row = model.row_of(1, 0)
    assert row is not None and model.paragraphs_at(row, 0) == (8,)
    index = model.index(row, 1)
    assert index.data(MOVED_ROLE) is True
    assert "Moved" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert model.difference_rows() == [row]


def test_shared_passages_are_shown_as_the_documents_are_without_glosses(
    all_seeds_comparison: Comparison,
) -> None:
    """The shared-passages section shows each passage in its sentence as the side-by-side
    view shows the document: 002 without its pinyin glosses (統籌, not 統(tǒng)籌)."""
    from tifa.engine.compare.rowlayout import RowRole

    model = AlignmentModel()
    model.set_comparison(all_seeds_comparison, (2, 0))  # 002 (glossed) and 000
    shared = [r for r in range(model.rowCount()) if model.role_at(r) is RowRole.SHARED]
    assert shared
    texts = [model.cell(r, 0).text for r in shared]
    assert any("統籌" in t for t in texts)
    assert not any("(tǒng)" in t or "(jì)" in t for t in texts)


def test_formulations_sorted_by_status_follow_a_new_pair(
    all_seeds_comparison: Comparison,
) -> None:
    # the sort values are kept per column: a new pair must sort by its own statuses
    model = FormulationModel()
    model.set_comparison(all_seeds_comparison, range(5), (BEIJING_2017, BEIJING_2022))
    proxy = FormulationFilter()
    proxy.setSourceModel(model)
    proxy.sort(FormulationModel.STATUS, Qt.SortOrder.AscendingOrder)

    def shown() -> list[str]:
        return [proxy.index(r, FormulationModel.STATUS).data(VALUE_ROLE)
                for r in range(proxy.rowCount())]

    before = shown()
    assert before == sorted(before) and "new" in before
    model.set_pair((BEIJING_2022, BEIJING_2017))  # what was new is now dropped
    after = shown()
    assert after == sorted(after)
    assert after.count("dropped") == before.count("new")
    assert after != before


def test_a_pair_of_paragraphs_sharing_several_passages_is_one_row_with_all_of_them() -> None:
    """The 2022-07-28 Politburo readout (新闻联播) and a Hong Kong report of it: the shared
    section showed the same two paragraphs once per passage, one passage lit in each; now one
    row per pair of paragraphs, each of its passages lit in both cells."""
    from pathlib import Path

    from tifa.engine.compare.pipeline import compare
    from tifa.engine.compare.rowlayout import RowRole
    from tifa.engine.ingest import read_document
    from tifa.engine.normalize import normalize_paragraph
    from tifa.gui.highlight import MarkKind

    real = Path(__file__).resolve().parents[1] / "real"
    c = compare([read_document(f"{real / '28_xwlb_yuekcc_20220728.md'}#1"),
                 read_document(real / "50_excerpt_stheadline_20220729.txt")])
    model = AlignmentModel()
    model.set_comparison(c, (0, 1))
    shared = [r for r in range(model.rowCount()) if model.role_at(r) is RowRole.SHARED]
    pairs = [tuple(model.paragraphs_at(r, col) for col in (0, 1)) for r in shared]
    assert len(pairs) == len(set(pairs))  # no pair of paragraphs twice
    assert len(shared) < len(model.shared_passages())
    header = model.header_row(-2)
    assert header is not None and f"{len(model.shared_passages())} passages" in str(
        model.index(header, 0).data())
    several = [r for r in shared if len(model.passage_at(r).passages) >= 2]  # type: ignore[union-attr]
    assert several
    for r in several:
        group = model.passage_at(r)
        assert group is not None
        for column in (0, 1):
            cell = model.cell(r, column)
            lit = [cell.text[m.start:m.end] for m in cell.marks if m.kind is MarkKind.SHARED]
            # shown as the document is (display text): the same once normalised
            assert sorted(normalize_paragraph(x)[0] for x in lit) == sorted(
                p.text for p in group.passages)
