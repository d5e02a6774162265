"""The views at many documents: the heatmap's filter and image painting, a chosen subset read
side by side (issue 12). Real seeds; sizes and timings are bench/gui_stalls.py's business."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from conftest import ALL_SEEDS
from tifa.engine.compare.model import Comparison
from tifa.gui.main_window import TAB_SIDE_BY_SIDE, MainWindow
from tifa.gui.models import VALUE_ROLE
from tifa.gui.models import similarity as similarity_module
from tifa.gui.models.similarity import SimilarityModel, heat_colour, heat_colours

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


def test_heat_colours_of_an_array_are_heat_colour_of_each_value() -> None:
    import numpy as np

    values = np.linspace(-0.2, 1.2, 141)
    for value, rgb in zip(values, heat_colours(values), strict=True):
        colour = heat_colour(float(value))
        assert tuple(int(x) for x in rgb) == (colour.red(), colour.green(), colour.blue())


@pytest.mark.parametrize("relative", [False, True])
def test_the_heatmap_image_has_each_cells_colour(
    all_seeds_comparison: Comparison, relative: bool
) -> None:
    model = SimilarityModel()
    model.set_comparison(all_seeds_comparison)
    model.set_relative(relative)
    n = model.rowCount()
    image = model.image()
    assert (image.width(), image.height()) == (n, n)
    for r in range(n):
        for c in range(n):
            assert image.pixelColor(c, r) == model.shade(r, c), (r, c)
    model.set_filter("市委")  # the image follows the filter
    image = model.image()
    assert image.width() == model.rowCount() < n
    assert image.pixelColor(1, 0) == model.shade(0, 1)


def test_filtering_by_name_keeps_the_clustering_order(
    qtmodeltester: object, all_seeds_comparison: Comparison
) -> None:
    model = SimilarityModel()
    model.set_comparison(all_seeds_comparison)
    docs = all_seeds_comparison.documents
    order = all_seeds_comparison.order
    model.set_filter("市委")
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    wanted = tuple(d for d in order if "市委" in (docs[d].title or "") + docs[d].name)
    assert 2 <= len(wanted) < len(docs)  # Beijing and Chengdu: 市委 in both titles
    assert model.shown_documents == wanted
    assert (model.rowCount(), model.columnCount()) == (len(wanted), len(wanted))
    values = all_seeds_comparison.similarities[0].values
    assert model.index(0, 1).data(VALUE_ROLE) == pytest.approx(values[wanted[0]][wanted[1]])
    assert model.filtered and model.total == len(docs)
    assert model.position_of(next(d for d in order if d not in wanted)) == -1
    model.set_filter("")
    assert model.shown_documents == tuple(order) and not model.filtered


def test_filtering_by_similarity_keeps_documents_with_a_close_partner(
    all_seeds_comparison: Comparison,
) -> None:
    model = SimilarityModel()
    model.set_comparison(all_seeds_comparison)
    values = all_seeds_comparison.similarities[0].values
    n = len(values)
    best = [max(values[d][e] for e in range(n) if e != d) for d in range(n)]
    # a threshold between the documents' closest partners: some pass, some do not
    threshold = sorted(set(best))[-2] + 1e-6
    model.set_filter("", threshold)
    kept = set(model.shown_documents)
    assert kept == {d for d in range(n) if best[d] >= threshold}
    assert 2 <= len(kept) < n
    model.set_filter("", 0.0)
    assert model.rowCount() == n


def test_the_compact_heatmap_paints_its_cells_from_the_image(
    qtbot: object, all_seeds_comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five seeds drawn as if they were hundreds (tiny cells, no values): the painted cells
    have the model's colours, the selected one its ring."""
    from tifa.gui.views.heatmap_panel import HeatmapPanel

    monkeypatch.setattr(similarity_module, "COMPACT_AFTER", 2)
    panel = HeatmapPanel()
    qtbot.addWidget(panel)  # type: ignore[attr-defined]
    panel.resize(900, 600)
    panel.show()
    panel.show_comparison(all_seeds_comparison)
    panel.model.show_values = False
    panel.table.viewport().update()
    qtbot.wait(20)  # type: ignore[attr-defined]
    image = panel.table.viewport().grab().toImage()
    for r, c in ((0, 1), (2, 3), (4, 0)):
        rect = panel.table.visualRect(panel.model.index(r, c))
        assert image.pixelColor(rect.center()) == panel.model.shade(r, c), (r, c)


@pytest.fixture
def window_of_seeds(open_window: object) -> MainWindow:
    return open_window([Path(p) for p in ALL_SEEDS])  # type: ignore[no-any-return, operator]


def test_the_filtered_heatmap_opens_its_documents_side_by_side(
    qtbot: object, window_of_seeds: MainWindow
) -> None:
    window = window_of_seeds
    heatmap = window.heatmap
    comparison = window.session.comparison
    assert comparison is not None
    assert not heatmap.subset_button.isEnabled()  # everything shown: nothing to narrow
    heatmap.filter_box.setText("市委")
    heatmap.apply_filter()  # (typing applies it after a pause)
    shown = heatmap.model.shown_documents
    assert 2 <= len(shown) < len(comparison.documents)
    assert heatmap.count_label.text() == f"{len(shown)} of {len(comparison.documents)}"
    assert heatmap.subset_button.isEnabled()
    qtbot.mouseClick(heatmap.subset_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert window.tabs.currentIndex() == TAB_SIDE_BY_SIDE
    columns = window.side_by_side.alignment.columns
    assert set(columns) == set(shown)
    pivot = comparison.alignment.pivot
    if pivot in shown:
        assert columns[0] == pivot  # read around the pivot
    # the subset stays when its columns are moved, and Show All brings back the rest
    window.move_column(0, 1)
    assert window.side_by_side.alignment.columns == (columns[1], columns[0], *columns[2:])
    window.show_all_documents()
    assert window.side_by_side.alignment.columnCount() == len(comparison.documents)


def test_the_name_filter_reads_either_script() -> None:
    """A researcher types 山东 (simplified) to find the Shandong readout titled in traditional
    script (tests/real/readouts: 山東省委常委會召開會議…); it was not found, as Ctrl+F and the
    corpus search would have found it."""
    from tifa.engine.compare.pipeline import compare
    from tifa.engine.ingest import read_document

    real = Path(__file__).parents[1] / "real/readouts"
    comparison = compare([read_document(real / name) for name in (
        "gdstc-20200321-excerpt.txt", "sd-people-20200321-excerpt.txt",
        "ttnews-chengde-20200228-excerpt.txt")])
    model = SimilarityModel()
    model.set_comparison(comparison)
    for query, wanted in (("山东", [1]), ("山東", [1]), ("护城河", [2]), ("省委常委会", [0, 1]),
                          ("无此文", [])):
        model.set_filter(query)
        shown = sorted(model.shown_documents)
        assert shown == wanted, query
