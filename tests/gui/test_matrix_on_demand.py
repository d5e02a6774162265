"""The dot plot's paragraph matrix is computed when the similarity view is shown, not while a
new comparison is first put on screen (the worker took the processor from the GUI thread)."""

from __future__ import annotations

import pytest

from conftest import BEIJING_2022, CHENGDU_2022
from tifa.gui.main_window import TAB_SIDE_BY_SIDE, TAB_SIMILARITY

pytestmark = pytest.mark.gui

TIMEOUT_MS = 60_000


def test_matrix_waits_for_the_similarity_view(qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    session = window.session
    assert window.tabs.currentIndex() == TAB_SIDE_BY_SIDE
    assert session.pair is not None
    assert not session.runner.running("matrix")
    assert window.heatmap.dot_plot.matrix is None
    with qtbot.waitSignal(session.paragraph_matrix_ready, timeout=TIMEOUT_MS):  # type: ignore[attr-defined]
        window.tabs.setCurrentIndex(TAB_SIMILARITY)
    a, b = session.pair
    matrix = window.heatmap.dot_plot.matrix
    assert matrix is not None
    assert matrix.shape == (len(session.comparison.documents[a].paragraphs),
                            len(session.comparison.documents[b].paragraphs))


def test_a_pair_chosen_elsewhere_gets_its_matrix_in_the_similarity_view(
        qtbot: object, open_window: object) -> None:
    window = open_window([BEIJING_2022, CHENGDU_2022])  # type: ignore[operator]
    session = window.session
    a, b = session.pair
    session.set_pair(b, a)  # from the side by side: nothing computed yet
    assert not session.runner.running("matrix")
    with qtbot.waitSignal(session.paragraph_matrix_ready, timeout=TIMEOUT_MS) as ready:  # type: ignore[attr-defined]
        window.tabs.setCurrentIndex(TAB_SIMILARITY)
    assert tuple(ready.args[:2]) == (b, a)
    matrix = window.heatmap.dot_plot.matrix
    assert matrix is not None
    assert matrix.shape == (len(session.comparison.documents[b].paragraphs),
                            len(session.comparison.documents[a].paragraphs))
