"""What the side-by-side view shows first at many documents (issue 12): county readouts of
one meeting (bench/scale.py's generator: the real Beijing readout, edited, with real local
paragraphs inserted) open on the text they share, the pivot's column first, the counties'
own paragraphs folded into one band per gap, each band counting the rows it holds. Two
documents and unrelated ones keep their layout. Real text; no pixels or font metrics."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStyleOptionViewItem

from conftest import ALL_SEEDS, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.model import Comparison
from tifa.engine.compare.rowlayout import MANY_DOCUMENTS, RowRole
from tifa.gui.main_window import MainWindow
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.views.band_painting import on_screen

pytestmark = pytest.mark.gui

COUNTIES = 24  # enough that the counties' own paragraphs come before the shared text


@pytest.fixture(scope="module")
def county_paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from scale import county_readouts, write_documents

    folder = tmp_path_factory.mktemp("counties")
    return write_documents(folder, county_readouts(COUNTIES), "county")


@pytest.fixture(scope="module")
def counties(county_paths: list[Path]) -> Comparison:
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.ingest import read_document

    return compare([read_document(p) for p in county_paths])


def _model(comparison: Comparison, columns: object = None) -> AlignmentModel:
    model = AlignmentModel()
    shown = range(len(comparison.documents)) if columns is None else columns
    model.set_comparison(comparison, shown)  # type: ignore[arg-type]
    return model


def _band_rows(model: AlignmentModel, header: int) -> list[int]:
    """The rows under a band header that belong to it (up to the next row that does not)."""
    key = model.display_row(header).band
    rows = []
    for r in range(header + 1, model.rowCount()):
        row = model.display_row(r)
        if row.header or row.band != key:
            break
        rows.append(r)
    return rows


def _paragraphs(model: AlignmentModel, rows: list[int]) -> dict[int, int]:
    """Per column, the paragraphs these rows show in it (columns with none left out)."""
    out: dict[int, int] = {}
    for r in rows:
        for c in range(model.columnCount()):
            if found := len(model.paragraphs_at(r, c)):
                out[c] = out.get(c, 0) + found
    return out


def test_the_readouts_open_on_the_text_they_share(
    qtmodeltester: object, counties: Comparison
) -> None:
    model = _model(counties)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    pivot = counties.alignment.pivot
    column = model.column_of(pivot)
    assert column is not None and model.gathered
    first_text = next(r for r in range(model.rowCount()) if not model.is_header(r))
    # before: the first pivot paragraph came after rows of the counties' own paragraphs
    assert next(s for s, row in enumerate(counties.alignment.rows) if row.cells[pivot]) > 0
    assert first_text <= 1  # now at most one folded band above it
    assert model.paragraphs_at(first_text, column)
    assert model.role_at(first_text) is RowRole.LINKED
    headers = [r for r in range(model.rowCount()) if model.is_header(r)]
    assert headers and all(model.display_row(r).folded for r in headers)
    # outside the bands: rows with the pivot's text, or shared by a tenth of the documents
    for r in range(model.rowCount()):
        if not model.is_header(r):
            held = _paragraphs(model, [r])
            assert column in held or len(held) * 10 >= len(counties.documents), r


def test_every_band_counts_the_rows_it_spans(counties: Comparison) -> None:
    model = _model(counties)
    model.set_all_folded(False)
    headers = [r for r in range(model.rowCount()) if model.is_header(r)]
    gathered = 0
    for header in headers:
        rows = _band_rows(model, header)
        held = _paragraphs(model, rows)
        assert rows and held, header
        counts = model.display_row(header).counts
        assert sum(counts) == sum(held.values())  # the count is the rows' paragraphs
        assert {model.column_of(d) for d, n in enumerate(counts) if n} == set(held)
        label = model.band_label(header)
        if len(held) > 1:
            gathered += 1
            assert f"{sum(held.values())} paragraphs in {len(held)} documents" in label
        else:
            n = sum(held.values())
            assert label.endswith("1 paragraph" if n == 1 else f"{n} paragraphs"), label
    assert gathered  # some gaps hold several counties' paragraphs
    # unfolded, every paragraph of every readout is shown, once
    for column, document in enumerate(counties.documents):
        shown = [p for r in range(model.rowCount()) for p in model.paragraphs_at(r, column)]
        assert sorted(shown) == list(range(len(document.paragraphs))), column


def test_a_band_names_the_documents_it_holds_in_chinese(counties: Comparison) -> None:
    from tifa.gui import i18n

    model = _model(counties)
    header = next(r for r in range(model.rowCount()) if model.is_header(r)
                  and sum(1 for n in model.display_row(r).counts if n) > 1)
    holders = [d for d, n in enumerate(model.display_row(header).counts) if n]
    i18n.install_language("zh_CN")
    try:
        label = model.band_label(header)
    finally:
        i18n.install_language("en")
    assert f"{len(holders)} 份文档共 {sum(model.display_row(header).counts)} 段" in label
    assert "、".join(model.label(d) for d in holders[:2]) in label


def test_two_documents_and_unrelated_ones_keep_their_bands(
    counties: Comparison, all_seeds_comparison: Comparison
) -> None:
    pair = _model(counties, (0, 1))
    assert not pair.gathered  # two readouts: a band per document, unfolded, as before
    seeds = _model(all_seeds_comparison)  # five unrelated reports: read one by one
    assert len(all_seeds_comparison.documents) >= MANY_DOCUMENTS and not seeds.gathered
    for model in (pair, seeds):
        headers = [r for r in range(model.rowCount()) if model.is_header(r)
                   and model.role_at(r) is RowRole.BAND]
        assert headers
        for header in headers:
            assert not model.display_row(header).folded
            held = _paragraphs(model, _band_rows(model, header))
            assert len(held) == 1, header  # one document's paragraphs
            assert sum(model.display_row(header).counts) == sum(held.values())


def test_the_window_opens_on_the_pivots_column(
    open_window: object, county_paths: list[Path]
) -> None:
    window: MainWindow = open_window(county_paths)  # type: ignore[operator]
    view = window.side_by_side
    model = view.alignment
    comparison = window.session.comparison
    assert comparison is not None and model.gathered
    column = model.column_of(comparison.alignment.pivot)
    assert column is not None and column > 0  # not the first in the documents' order
    assert view.visible_columns()[0] == column
    assert len(view.visible_columns()) < model.columnCount()
    assert view.rowAt(0) == 0  # the top of the table
    assert "band: paragraphs only some documents have" in window.legend.text()
    current = view.currentIndex()
    assert current.column() == column and model.paragraphs_at(current.row(), column)
    # the bands' labels are drawn where the view shows them, not at the first column
    header = next(r for r in range(model.rowCount()) if model.is_header(r))
    option = QStyleOptionViewItem()
    option.widget = view
    rect = view.visualRect(model.index(header, 0))
    assert rect.left() < 0  # the header spans every column; the first is off screen
    shown = on_screen(rect, option)
    assert 0 <= shown.left() < shown.right() < view.viewport().width()


def test_a_pair_and_the_seeds_open_on_their_first_column(open_window: object) -> None:
    for paths in ([BEIJING_2022, CHENGDU_2022], [Path(p) for p in ALL_SEEDS]):
        window: MainWindow = open_window(paths)  # type: ignore[operator]
        view = window.side_by_side
        assert view.start_column() == 0
        assert view.visible_columns()[0] == 0
        assert view.currentIndex().row() == 0 and view.currentIndex().column() == 0
        assert "band: paragraphs only one document has" in window.legend.text()
        window.close()
