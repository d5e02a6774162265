"""The Corpus tab's dates and add summary, on real documents (the five seeds and dated
excerpts of tests/real, 2020 to 2026, some undated): dates are shown as the rest of the window
shows them (``localize.date_text``: 2022年7月21日 in Chinese) and still sort as dates (by the
ISO date, not by the text shown: 2022年10月16日 sorts before 2022年7月21日 as text); counts sort
as numbers; an add that stored copies of files already stored says so."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

from conftest import ALL_SEEDS, BEIJING_2022, CHENGDU_2022, QIUSHI_2020, REPO
from tifa.gui import i18n
from tifa.gui.corpus import CorpusTab
from tifa.gui.corpus.models import DocumentsModel, NewFormulationsModel
from tifa.gui.localize import date_text
from tifa.gui.models import SORT_ROLE

pytestmark = pytest.mark.gui

REAL = REPO / "tests" / "real"
EXCERPTS = tuple(sorted(REAL.glob("4[1-7]_excerpt_*.txt")) + sorted(REAL.glob("5*_excerpt_*.txt")))
WAIT_MS = 120_000  # a generous cap on a loaded machine: the wait ends on the signal
DESCENDING, ASCENDING = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder


@pytest.fixture
def filled(corpus_tab: CorpusTab, add_to_corpus: Any) -> CorpusTab:
    summary = add_to_corpus(corpus_tab, [*ALL_SEEDS, *EXCERPTS])
    assert summary is not None and summary.failed == 0 and summary.copies == 0
    return corpus_tab


def _speak(tab: CorpusTab, qtbot: Any, language: str) -> None:
    i18n.install_language(language)
    search = {"zh_CN": "搜索", "en": "Search"}[language]
    qtbot.waitUntil(lambda: tab.search_button.text() == search)


def _column(proxy: QAbstractItemModel, column: int, role: int = Qt.ItemDataRole.DisplayRole
            ) -> list[Any]:
    return [proxy.index(r, column).data(role) for r in range(proxy.rowCount())]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_dates_are_shown_in_the_interface_language_and_sort_as_dates(
    filled: CorpusTab, qtbot: Any, language: str
) -> None:
    _speak(filled, qtbot, language)
    with qtbot.waitSignal(filled.search_shown, timeout=WAIT_MS):
        filled.search("习近平")  # the seeds and the excerpts, simplified and traditional
    table = filled.hits
    rows = table.model.rows
    dated = [r.date for r in rows if r.date]
    assert len(set(dated)) >= 8 and len(dated) < len(rows)  # some undated ones among them
    for order in (ASCENDING, DESCENDING):
        table.view.sortByColumn(DocumentsModel.DATE, order)
        iso = [d for d in _column(table.proxy, DocumentsModel.DATE, SORT_ROLE) if d]
        assert iso == sorted(dated, reverse=order == DESCENDING)
        shown = [s for s in _column(table.proxy, DocumentsModel.DATE) if s]
        assert shown == [date_text(dt.date.fromisoformat(d)) for d in iso]
    if language == "zh_CN":
        assert "2022年7月21日" in shown and "2022-07-21" not in shown  # seed 000
        # as text, October would sort before July: the sort role is what keeps them in order
        assert sorted(shown) != [date_text(dt.date.fromisoformat(d)) for d in sorted(dated)]
    else:
        assert "2022-07-21" in shown
    # the counts sort as numbers (10 after 9, not after 1)
    table.view.sortByColumn(DocumentsModel.COUNT, DESCENDING)
    counts = _column(table.proxy, DocumentsModel.COUNT)
    assert counts == sorted(counts, reverse=True) and len(set(counts)) > 1
    assert max(counts) >= 10 > min(counts)


def test_new_formulations_and_the_summaries_show_dates_in_chinese(
    filled: CorpusTab, qtbot: Any
) -> None:
    _speak(filled, qtbot, "zh_CN")
    assert "2020年7月31日 – 2026年3月6日" in filled.info_label.text()  # first and last dates
    with qtbot.waitSignal(filled.new_shown, timeout=WAIT_MS):
        filled.show_new(dt.date(2020, 1, 1))
    assert filled.since_box.text() == "2020年1月1日"  # typed as the tables write it
    proxy = filled.new_table.model()
    firsts = {filled.new_model.row(r).first for r in range(filled.new_model.rowCount())}
    assert len(firsts) >= 5
    for order in (ASCENDING, DESCENDING):
        filled.new_table.sortByColumn(NewFormulationsModel.FIRST, order)
        iso = _column(proxy, NewFormulationsModel.FIRST, SORT_ROLE)
        assert iso == sorted(iso, reverse=order == DESCENDING)
        assert _column(proxy, NewFormulationsModel.FIRST) == [
            date_text(dt.date.fromisoformat(d)) for d in iso]
    filled.new_table.sortByColumn(NewFormulationsModel.DOCUMENTS, DESCENDING)
    documents = _column(proxy, NewFormulationsModel.DOCUMENTS)
    assert documents == sorted(documents, reverse=True)
    # the first documents of the earliest one: the summary says the day as the table does
    filled.new_table.sortByColumn(NewFormulationsModel.FIRST, ASCENDING)
    with qtbot.waitSignal(filled.first_documents_shown, timeout=WAIT_MS):
        filled.new_table.selectRow(0)
    assert "2020年7月31日" in filled.first_documents.summary.text()
    # back in English, the same rows are shown as English dates (ISO)
    _speak(filled, qtbot, "en")
    assert _column(proxy, NewFormulationsModel.FIRST)[0] == "2020-07-31"
    assert "2020-07-31" in filled.first_documents.model.index(
        0, DocumentsModel.DATE).data()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_an_add_says_how_many_files_were_copies_of_stored_ones(
    corpus_tab: CorpusTab, add_to_corpus: Any, qtbot: Any, tmp_path: Path, language: str
) -> None:
    _speak(corpus_tab, qtbot, language)
    first = add_to_corpus(corpus_tab, [BEIJING_2022, CHENGDU_2022])
    label = corpus_tab.progress_label
    assert first.copies == 0 and "副本" not in label.text() and "cop" not in label.text()
    copies = tmp_path / "copies"
    copies.mkdir()
    for seed in (BEIJING_2022, CHENGDU_2022):  # the same bytes at a new path
        shutil.copy(seed, copies / f"copy of {seed.name}")
    shutil.copy(QIUSHI_2020, copies / QIUSHI_2020.name)  # a new file
    summary = add_to_corpus(corpus_tab, [copies])
    assert (summary.added, summary.copies, summary.failed) == (3, 2, 0)
    expected = {"en": "3 added, 0 changed, 0 already there, 0 failed (2 of those added or "
                      "changed are copies of files already stored)",
                "zh_CN": "新增 3，更新 0，已存在 0，失败 0"
                         "（新增与更新的文件中有 2 个是已存文件的副本）"}
    assert label.text() == expected[language]
    # a search folds a copy into its original's row, and says so (as `tifa corpus search`)
    with qtbot.waitSignal(corpus_tab.search_shown, timeout=WAIT_MS):
        corpus_tab.search("习近平")  # in 000, 002 (習近平) and 003
    model = corpus_tab.hits.model
    assert sorted(len(r.copies) for r in model.rows) == [0, 1, 1]  # 002 was stored once
    note = {"en": "(+1 copy)", "zh_CN": "（另有 1 份副本）"}[language]
    (alone,) = (r for r in range(3) if not model.row(r).copies)
    assert model.index(alone, DocumentsModel.TITLE).data() == model.row(alone).title
    for row in (r for r in range(3) if model.row(r).copies):
        title = model.index(row, DocumentsModel.TITLE)
        assert title.data() == f"{model.row(row).title}  {note}"
        assert title.data(SORT_ROLE) == model.row(row).title
        assert "copy of " in title.data(Qt.ItemDataRole.ToolTipRole)  # the copy's path
    # one copy: the singular in English
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(QIUSHI_2020, single / "again.txt")
    summary = add_to_corpus(corpus_tab, [single])
    assert (summary.added, summary.copies) == (1, 1)
    expected = {"en": "1 added, 0 changed, 0 already there, 0 failed (1 of those added or "
                      "changed is a copy of a file already stored)",
                "zh_CN": "新增 1，更新 0，已存在 0，失败 0"
                         "（新增与更新的文件中有 1 个是已存文件的副本）"}
    assert label.text() == expected[language]


def test_timeline_periods_are_written_as_the_corpus_report_writes_them(
    filled: CorpusTab, qtbot: Any
) -> None:
    from tifa.engine.export.i18n import period_label

    _speak(filled, qtbot, "zh_CN")
    with qtbot.waitSignal(filled.timeline_shown, timeout=WAIT_MS):
        filled.show_timeline(["习近平"], by="quarter")
    model = filled.timeline
    assert "2022-Q3" in model.periods  # the seeds of July 2022
    shown = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert shown == [period_label(p, "zh") for p in model.periods]
    assert "2022年第3季度" in shown
    assert "首次使用 2020年7月31日" in filled.timeline_summary.text()
    with qtbot.waitSignal(filled.period_shown, timeout=WAIT_MS):
        filled.show_period("2022-Q3")
    assert filled.period_documents.summary.text().startswith("2022年第3季度")
    _speak(filled, qtbot, "en")
    assert model.index(model.periods.index("2022-Q3"), 0).data() == "2022-Q3"
