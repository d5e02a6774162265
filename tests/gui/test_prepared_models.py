"""Work taken off the GUI thread keeps the models' behaviour.

The side-by-side table's rows are laid out on the comparing worker (``table_rows``) and only
swapped in by ``AlignmentModel``; the formulations are sorted by their model (Python sorts
cached values) instead of by the proxy. On the seeds and on a comparison of many documents
made of their sentences (most paragraphs without a counterpart, most formulations found in
one document, as with hundreds of unrelated documents), the rows, cells and order must be
those the model lays out itself / a ``QSortFilterProxyModel`` sorts.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, QSortFilterProxyModel, Qt

from tifa.engine.compare.model import Comparison
from tifa.engine.compare.rowlayout import RowFilter
from tifa.engine.model import Document
from tifa.gui.models import SORT_ROLE
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.models.formulations import FormulationFilter, FormulationModel
from tifa.gui.models.table_rows import TableRows, table_rows

pytestmark = pytest.mark.gui

MANY = 36  # documents cut from the seeds' sentences
SEEDS_KEPT = 2  # and two seeds whole: linked rows among the orphans


@pytest.fixture(scope="module")
def many_paths(tmp_path_factory: pytest.TempPathFactory,
               seed_documents: tuple[Document, ...]) -> list[Path]:
    """The seeds' sentences in reading order cut into ``MANY`` documents (three sentences to
    a paragraph), and the first two seeds whole."""
    folder = tmp_path_factory.mktemp("many")
    sentences = [s for d in seed_documents for p in d.paragraphs
                 for s in re.findall(r"[^。！？]+[。！？]?", p.text) if len(s) > 4]
    step = len(sentences) // MANY
    paths = []
    for k in range(MANY):
        run = sentences[k * step:(k + 1) * step]
        path = folder / f"doc{k + 1:02d}.txt"
        path.write_text(f"文件{k + 1}\n\n" + "\n\n".join(
            "".join(run[i:i + 3]) for i in range(0, len(run), 3)), encoding="utf-8")
        paths.append(path)
    return paths + [d.path for d in seed_documents[:SEEDS_KEPT]]


@pytest.fixture(scope="module")
def many_comparison(many_paths: list[Path]) -> Comparison:
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.ingest import read_document

    return compare(tuple(read_document(p) for p in many_paths))


@pytest.fixture(params=["seeds", "many"])
def comparison(request: pytest.FixtureRequest, all_seeds_comparison: Comparison,
               many_comparison: Comparison) -> Comparison:
    return all_seeds_comparison if request.param == "seeds" else many_comparison


def _off_the_gui_thread(comparison: Comparison, columns: tuple[int, ...]) -> TableRows:
    made: list[TableRows] = []
    thread = threading.Thread(target=lambda: made.append(table_rows(comparison, columns)))
    thread.start()
    thread.join()
    return made[0]


def _shown(model: AlignmentModel) -> list[tuple[object, ...]]:
    """Every row as the table shows it: the row, its band label, each cell's plain text
    and tooltip, its header."""
    out = []
    for r in range(model.rowCount()):
        row = model.display_row(r)
        cells = tuple((model.index(r, c).data(), model.index(r, c).data(
            Qt.ItemDataRole.ToolTipRole)) for c in range(model.columnCount()))
        out.append((row, model.band_label(r) if row.header else "", cells,
                    model.headerData(r, Qt.Orientation.Vertical)))
    return out


def test_rows_laid_out_on_a_worker_are_those_the_model_lays_out(
    comparison: Comparison,
) -> None:
    n = len(comparison.documents)
    columns = tuple(range(n))
    prepared = _off_the_gui_thread(comparison, columns)
    own, swapped = AlignmentModel(), AlignmentModel()
    own.set_comparison(comparison, columns)
    swapped.set_comparison(comparison, columns, prepared)
    assert swapped.rowCount() == len(prepared.rows) > 0
    assert all(swapped.display_row(r) is prepared.rows[r] for r in range(swapped.rowCount()))
    assert _shown(swapped) == _shown(own)
    assert swapped.difference_rows() == own.difference_rows()
    assert swapped.overview_rows() == own.overview_rows()

    # the same steps on both: other columns, back to all (the prepared rows again), folding,
    # the filter, packing
    subset = columns[::-1][:6] if n > 6 else columns[::-1]
    steps = [
        lambda m: m.set_columns(subset),
        lambda m: m.set_columns(columns),
        lambda m: m.set_all_folded(True),
        lambda m: m.set_all_folded(False),
        lambda m: m.set_filter(RowFilter.DIFFERENCES),
        lambda m: m.set_filter(RowFilter.ALL),
        lambda m: m.set_packing(True),
        lambda m: m.set_packing(False),
    ]
    for step in steps:
        step(own)
        step(swapped)
        assert _shown(swapped) == _shown(own)
    swapped.set_columns(subset)
    swapped.set_columns(columns)
    assert all(swapped.display_row(r) is prepared.rows[r] for r in range(swapped.rowCount()))


def test_rows_laid_out_for_other_columns_are_not_used(comparison: Comparison) -> None:
    n = len(comparison.documents)
    prepared = _off_the_gui_thread(comparison, tuple(range(n)))
    reordered = tuple(range(n))[::-1]
    own, given = AlignmentModel(), AlignmentModel()
    own.set_comparison(comparison, reordered)
    given.set_comparison(comparison, reordered, prepared)  # the documents moved meanwhile
    assert _shown(given) == _shown(own)


def test_the_session_lays_out_the_table_on_its_comparing_worker(
    open_window: object, many_paths: list[Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tifa.gui.session as session_module

    threads: list[int] = []
    original = session_module.table_rows

    def recording(comparison: Comparison, columns: tuple[int, ...]) -> TableRows:
        threads.append(threading.get_ident())
        return original(comparison, columns)

    monkeypatch.setattr(session_module, "table_rows", recording)
    window = open_window(many_paths)  # type: ignore[operator]
    session = window.session
    assert threads and threading.get_ident() not in threads
    columns = session.column_order()
    prepared = session.opening_rows(columns)
    assert prepared is not None and prepared.comparison is session.comparison
    model = window.side_by_side.alignment
    assert model.rowCount() == len(prepared.rows)
    assert all(model.display_row(r) is prepared.rows[r] for r in range(model.rowCount()))
    own = AlignmentModel()
    own.set_comparison(session.comparison, columns)
    assert [model.display_row(r) for r in range(model.rowCount())] == [
        own.display_row(r) for r in range(own.rowCount())]

    # reordered: the worker's rows no longer fit; the table is laid out for the new order
    session.move_to(0, len(session.documents) - 1)
    moved = session.column_order()
    assert moved != columns and session.opening_rows(moved) is None
    own.set_columns(moved)
    assert model.columns == moved
    assert _shown(model) == _shown(own)


def _rows(proxy: QSortFilterProxyModel) -> list[tuple[str, str]]:
    return [(proxy.index(r, FormulationModel.PHRASE).data(),
             proxy.index(r, FormulationModel.STATUS).data()) for r in range(proxy.rowCount())]


def test_formulations_sorted_by_their_model_as_a_sorting_proxy_sorts(
    qtmodeltester: object, comparison: Comparison,
) -> None:
    n = len(comparison.documents)
    columns = tuple(range(n))
    pivot = comparison.alignment.pivot
    pair = (pivot, next(d for d in columns if d != pivot))
    # the reference: Qt's proxy sorting a model that does not sort itself
    plain = FormulationModel()
    plain.set_comparison(comparison, columns, pair)
    reference = QSortFilterProxyModel()
    reference.setSortRole(SORT_ROLE)
    reference.setSourceModel(plain)
    _rows(reference)  # its rows mapped, as a view showing it has (Qt sorts a proxy nothing
    # asked rows of yet another way: ties in descending order come out reversed)
    model = FormulationModel()
    proxy = FormulationFilter()
    proxy.setSourceModel(model)
    proxy.sort(FormulationModel.TOTAL, Qt.SortOrder.DescendingOrder)  # as the panel opens
    model.set_comparison(comparison, columns, pair)
    reference.sort(FormulationModel.TOTAL, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)  # type: ignore[attr-defined]
    assert len(_rows(proxy)) == len(comparison.formulations) > 0
    assert _rows(proxy) == _rows(reference)

    after = FormulationModel.FIXED_BEFORE + n
    sorted_by = [FormulationModel.PHRASE, FormulationModel.CATEGORY, FormulationModel.STATUS,
                 FormulationModel.FIXED_BEFORE, FormulationModel.TOTAL, after, after + 1,
                 after + 2, FormulationModel.STATUS]
    for column in sorted_by:  # each from the order before it, as clicks on headers do
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            reference.sort(column, order)
            assert (proxy.sortColumn(), proxy.sortOrder()) == (column, order)
            assert _rows(proxy) == _rows(reference), (column, order)

    # sorted by status, another pair: every row placed again by its new status
    for source in (model, plain):
        source.set_pair((pair[1], pair[0]))
    assert _rows(proxy) == _rows(reference)
    # a new comparison keeps the sort
    proxy.sort(FormulationModel.PHRASE, Qt.SortOrder.AscendingOrder)
    reference.sort(FormulationModel.PHRASE, Qt.SortOrder.AscendingOrder)
    for source in (model, plain):
        source.set_comparison(comparison, columns[::-1], pair)
    assert _rows(proxy) == _rows(reference)
    proxy.set_text("发展")
    assert [r for r in _rows(reference) if r in set(_rows(proxy))] == _rows(proxy)


def test_a_kept_row_follows_its_formulation_when_sorted(
    all_seeds_comparison: Comparison,
) -> None:
    model = FormulationModel()
    proxy = FormulationFilter()
    proxy.setSourceModel(model)
    model.set_comparison(all_seeds_comparison, range(5), (0, 4))
    proxy.sort(FormulationModel.TOTAL, Qt.SortOrder.DescendingOrder)
    kept = QPersistentModelIndex(proxy.index(3, FormulationModel.PHRASE))
    phrase = kept.data()
    proxy.sort(FormulationModel.PHRASE, Qt.SortOrder.AscendingOrder)
    assert kept.isValid() and kept.data() == phrase
    assert kept.row() == [r[0] for r in _rows(proxy)].index(phrase)


def test_the_formulations_table_sorts_through_its_model(
    qtbot: object, all_seeds_comparison: Comparison,
) -> None:
    """The table asks its proxy to sort (a header clicked): the model sorts, the proxy shows
    its order, the header shows the sort."""
    from tifa.gui.views.formulations_panel import FormulationsPanel

    panel = FormulationsPanel()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    panel.show_comparison(all_seeds_comparison, tuple(range(5)), (0, 4))
    header = panel.table.horizontalHeader()
    assert (header.sortIndicatorSection(), panel.model.sort_column) == (
        FormulationModel.TOTAL, FormulationModel.TOTAL)
    totals = [panel.proxy.index(r, FormulationModel.TOTAL).data()
              for r in range(panel.proxy.rowCount())]
    assert totals == sorted(totals, reverse=True)
    panel.table.sortByColumn(FormulationModel.PHRASE, Qt.SortOrder.AscendingOrder)
    assert panel.model.sort_column == FormulationModel.PHRASE
    phrases = [r[0] for r in _rows(panel.proxy)]
    assert phrases == sorted(phrases, key=lambda p: p.encode("utf-16-be"))
    assert header.sortIndicatorSection() == FormulationModel.PHRASE
