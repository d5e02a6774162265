"""The Corpus tab on a small real corpus: ten days of 新闻联播 transcripts (November and
December 2021, around the first uses of 两个确立) added through the tab's own add action on a
worker, then searched, charted by period, listed by period and opened side by side."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from tifa.engine.corpus import CorpusStore
from tifa.engine.corpus.echoes import find_echoes
from tifa.engine.corpus.timeline import period_of, phrase_timelines
from tifa.gui.corpus import CorpusTab
from tifa.gui.corpus.models import LEAD_CHARS, DocumentsModel, short_snippet
from tifa.gui.corpus.tab import split_phrases
from tifa.gui.workspace import load_workspace, save_workspace

pytestmark = pytest.mark.gui

XWLB = Path(__file__).resolve().parents[1] / "real" / "corpus" / "xwlb"
DAYS = ("20211115", "20211116", "20211117", "20211119", "20211124", "20211129",
        "20211130", "20211201", "20211202", "20211209")
WAIT_MS = 120_000  # a generous cap on a loaded machine: the wait ends on the signal


@pytest.fixture(scope="module")
def days(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xwlb")
    for day in DAYS:
        shutil.copy(XWLB / f"{day}.md", folder / f"{day}.md")
    return folder


@pytest.fixture
def tab(corpus_tab: CorpusTab) -> CorpusTab:
    corpus_tab.add_workers = 2  # the add in worker processes
    return corpus_tab


@pytest.fixture
def filled(tab: CorpusTab, days: Path, add_to_corpus: Any) -> CorpusTab:
    summary = add_to_corpus(tab, [days])
    assert summary is not None and summary.files == len(DAYS) and summary.failed == 0
    assert summary.documents > len(DAYS)  # each day's broadcast is split into its items
    return tab


def _store(tab: CorpusTab) -> CorpusStore:
    return CorpusStore(tab.database, readonly=True)


def test_adding_a_folder_on_a_worker_fills_the_store_and_the_info(
    filled: CorpusTab, days: Path, add_to_corpus: Any
) -> None:
    with _store(filled) as store:
        documents = len(store.documents())
    assert filled.info is not None and filled.info.documents == documents
    assert str(documents) in filled.info_label.text()
    assert "schema version" in filled.info_label.text()
    assert "0 failed" in filled.progress_label.text()
    # adding the same file again stores nothing new
    again = add_to_corpus(filled, [days / f"{DAYS[0]}.md"])
    assert again.unchanged == 1 and again.added == 0
    # the same bytes under another path are stored under that path too, as a copy (schema 6)
    copy = add_to_corpus(filled, [XWLB / f"{DAYS[0]}.md"])
    assert copy.added == 1 and copy.copies == 1 and copy.unchanged == 0


def test_stop_keeps_what_was_stored_and_adding_again_resumes(
    tab: CorpusTab, days: Path, qtbot: object, add_to_corpus: Any
) -> None:
    with qtbot.waitSignal(tab.add_finished, timeout=WAIT_MS) as blocker:  # type: ignore[attr-defined]
        tab.add_paths([days])
        assert tab.cancel_button.isVisibleTo(tab) and not tab.add_files_button.isEnabled()
        tab.cancel_add()  # the worker stops after the engine's next item
    assert blocker.args == [None]
    assert "Stopped" in tab.progress_label.text()
    assert not tab.cancel_button.isVisibleTo(tab) and tab.add_files_button.isEnabled()
    with CorpusStore(tab.database, readonly=True) as store:
        stored_files = store.info().files
    assert stored_files < len(DAYS)
    summary = add_to_corpus(tab, [days])
    assert summary.unchanged == stored_files and summary.added == len(DAYS) - stored_files
    assert tab.progress.maximum() == len(DAYS)  # the bar followed the engine's progress


def test_a_missing_corpus_is_named_not_created(tab: CorpusTab, qtbot: object,
                                               tmp_path: Path) -> None:
    with qtbot.waitSignal(tab.info_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.refresh_info()
    assert "No corpus there yet" in tab.info_label.text()
    assert not (tmp_path / "corpus.sqlite").exists()


@pytest.mark.parametrize("query", ["两个确立", "兩個確立"])
def test_search_in_either_script_lists_the_hits(filled: CorpusTab, qtbot: object,
                                                query: str) -> None:
    with qtbot.waitSignal(filled.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.search(query)
    model = filled.hits.model
    with _store(filled) as store:
        expected = {h.id for h in store.search("两个确立")}
    assert expected and {r.id for r in model.rows} == expected
    snippet = model.index(0, DocumentsModel.SNIPPET).data()
    assert "【两个确立】" in snippet
    assert model.index(0, DocumentsModel.DATE).data().startswith("2021-1")
    # sortable by date through the view's proxy
    filled.hits.view.sortByColumn(DocumentsModel.DATE, Qt.SortOrder.AscendingOrder)
    proxy = filled.hits.proxy
    dates = [proxy.index(r, DocumentsModel.DATE).data() for r in range(proxy.rowCount())]
    assert dates == sorted(dates)


def test_timeline_counts_per_period_match_the_engine(filled: CorpusTab, qtbot: object) -> None:
    with qtbot.waitSignal(filled.timeline_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.show_timeline(["两个确立"], by="month")
    with _store(filled) as store:
        (expected,) = phrase_timelines(store, ["两个确立"], by="month")
    model = filled.timeline
    assert model.periods == ("2021-11", "2021-12")
    assert [(model.documents(r, 0), model.occurrences(r, 0)) for r in range(2)] == [
        (p.documents, p.occurrences) for p in expected.series]
    assert all(model.documents(r, 0) > 0 for r in range(2))
    assert "first used 2021-11-15" in filled.timeline_summary.text()


def test_clicking_a_period_lists_its_documents(filled: CorpusTab, qtbot: object) -> None:
    with qtbot.waitSignal(filled.timeline_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.show_timeline(["两个确立"], by="month")
    chart = filled.chart
    december = filled.timeline.periods.index("2021-12")
    centre = chart.period_rect(december).center()
    with qtbot.waitSignal(filled.period_shown, timeout=WAIT_MS) as blocker:  # type: ignore[attr-defined]
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(centre))  # type: ignore[attr-defined]
    assert blocker.args == ["2021-12"]
    rows = filled.period_documents.model.rows
    assert len(rows) == filled.timeline.documents(december, 0)
    assert all(r.date is not None and period_of(r.date, "month") == "2021-12" for r in rows)
    with _store(filled) as store:
        assert all("两个确立" in store.document(r.id).normalized for r in rows)


def test_new_formulations_since_a_date_list_their_first_documents(
    filled: CorpusTab, qtbot: object
) -> None:
    with qtbot.waitSignal(filled.new_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.show_new(dt.date(2021, 11, 20))
    model = filled.new_model
    assert model.rowCount() > 0
    assert all(model.row(r).first > "2021-11-20" for r in range(model.rowCount()))
    phrases = {model.row(r).phrase for r in range(model.rowCount())}
    assert "两个确立" not in phrases  # first used on 2021-11-15 in this corpus
    with qtbot.waitSignal(filled.first_documents_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.new_table.selectRow(0)
    shown = filled.new_table.model().index(0, 0).data()
    rows = filled.first_documents.model.rows
    assert rows and all(r.date == model.row(
        next(r for r in range(model.rowCount()) if model.row(r).phrase == shown)).first
        for r in rows)


def test_compare_side_by_side_opens_the_chosen_documents(filled: CorpusTab,
                                                          qtbot: object) -> None:
    with qtbot.waitSignal(filled.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.search("两个确立")
    table = filled.hits
    assert not table.compare_button.isEnabled()
    table.select_rows([0, 1])
    assert table.compare_button.isEnabled()
    chosen = table.selected_ids()
    session = filled.session
    with qtbot.waitSignal(filled.comparison_opened, timeout=WAIT_MS), \
         qtbot.waitSignal(session.comparison_changed, timeout=WAIT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(table.compare_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert len(session.documents) == 2
    with _store(filled) as store:
        titles = [store.document(i).title for i in chosen]
        texts = [store.document(i).text for i in chosen]
    assert [d.title for d in session.documents] == titles
    assert [d.text for d in session.documents] == texts
    assert len({d.path for d in session.documents}) == 2  # items of one day stay apart
    assert session.comparison is not None and len(session.comparison.documents) == 2


def test_a_workspace_with_items_of_a_file_opens_them_again(
    filled: CorpusTab, qtbot: object, make_session: object, tmp_path: Path
) -> None:
    """Items of a day's file opened from the corpus are saved in a workspace as ``file#n``
    and read back from the file as the same items (title, date, text)."""
    with qtbot.waitSignal(filled.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.search("两个确立")
    with _store(filled) as store:
        by_file: dict[str, list[int]] = {}
        for hit in store.search("两个确立"):
            by_file.setdefault(hit.path, []).append(hit.id)
    pair = next(ids[:2] for ids in by_file.values() if len(ids) >= 2)  # two items, one file
    session = filled.session
    with qtbot.waitSignal(filled.comparison_opened, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.compare(pair)
    assert [d.path.name.rsplit("#", 1)[1].isdigit() for d in session.documents] == [True, True]
    target = tmp_path / "items.tifa.json"
    save_workspace(target, session.workspace())
    stored = json.loads(target.read_text(encoding="utf-8"))["documents"]
    assert all("#" in entry for entry in stored) and len(set(stored)) == 2
    again = make_session()  # type: ignore[operator]
    again.load(load_workspace(target))
    qtbot.waitUntil(lambda: len(again.documents) == 2, timeout=WAIT_MS)  # type: ignore[attr-defined]
    expected = {d.path: d for d in session.documents}
    for document in again.documents:
        original = expected[document.path]
        assert (document.title, document.date, document.text) == \
            (original.title, original.date, original.text)


def test_echoes_of_a_chosen_document_are_the_engines(filled: CorpusTab, qtbot: object) -> None:
    with qtbot.waitSignal(filled.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.search("两个确立")
    table = filled.hits
    lecture = "连日来，学习贯彻党的十九届六中全会精神"  # the lecture tour, reported day by day
    row = next(r for r in range(table.proxy.rowCount())
               if table.proxy.index(r, 0).data().startswith(lecture))
    table.select_rows([row])
    (chosen,) = table.selected_ids()
    assert table.echoes_button is not None and table.echoes_button.isEnabled()
    with qtbot.waitSignal(filled.echoes_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        qtbot.mouseClick(table.echoes_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert filled.pages.currentIndex() == filled.PAGE_ECHOES
    with _store(filled) as store:
        expected = find_echoes(store, chosen, limit=200)
        title = store.document(chosen).title
    shown = filled.echoes.model.rows
    assert shown and [r.id for r in shown] == [e.id for e in expected.echoes]
    assert chosen not in {r.id for r in shown}
    assert [r.count for r in shown] == [round(e.score, 1) for e in expected.echoes]
    assert title in filled.echoes_label.text()
    # an echo is opened side by side with the document like any other result
    filled.echoes.select_rows([0, 1])
    assert filled.echoes.compare_button.isEnabled()


def test_echoes_in_a_corpus_without_signatures_sketch_it_first(filled: CorpusTab,
                                                               qtbot: object) -> None:
    import sqlite3

    with _store(filled) as store:
        chosen = store.search("两个确立")[0].id
        before = [e.id for e in find_echoes(store, chosen, limit=200).echoes]
        documents = len(store.documents())
    with sqlite3.connect(filled.database) as db:  # as a store filled before signatures
        db.execute("DELETE FROM sketches")
    with qtbot.waitSignal(filled.echoes_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        filled.show_echoes(chosen)
    assert f"{documents} of {documents}" in filled.progress_label.text()
    assert [r.id for r in filled.echoes.model.rows] == before


def test_long_lead_context_is_shortened_so_the_match_shows() -> None:
    snippet = "…" + "国" * 30 + "【两个确立】" + "家" * 30 + "…"
    shown = short_snippet(snippet)
    assert shown.startswith("…" + "国" * LEAD_CHARS + "【两个确立】")
    assert shown.endswith("家" * 30 + "…")
    assert short_snippet("短【两个确立】") == "短【两个确立】"


def test_phrases_are_split_on_semicolons_not_on_enumeration_commas() -> None:
    assert split_phrases("两个确立；疫情要防住、经济要稳住、发展要安全 ; 共同富裕") == [
        "两个确立", "疫情要防住、经济要稳住、发展要安全", "共同富裕"]


def test_the_chosen_corpus_is_remembered(tab: CorpusTab, tmp_path: Path,
                                         make_session: object, qtbot: object) -> None:
    other = tmp_path / "other.sqlite"
    tab.set_database(other)
    again = CorpusTab(make_session())  # type: ignore[operator]
    qtbot.addWidget(again)  # type: ignore[attr-defined]
    assert again.database == other
    again.shutdown()


def test_the_tab_speaks_chinese(tab: CorpusTab, qtbot: object) -> None:
    from tifa.gui import i18n

    i18n.install_language("zh_CN")
    qtbot.waitUntil(lambda: tab.search_button.text() == "搜索")  # type: ignore[attr-defined]
    assert tab.pages.tabText(tab.PAGE_TIMELINE) == "时间线"
    assert tab.hits.compare_button.text() == "并排对比"
    assert tab.hits.model.headerData(DocumentsModel.SNIPPET, Qt.Orientation.Horizontal) == "摘录"


def test_the_window_opens_a_corpus_from_the_menu_and_compares_from_it(
    qtbot: object, make_session: object, days: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from tifa.gui.main_window import TAB_CORPUS, TAB_SIDE_BY_SIDE, MainWindow

    session = make_session()  # type: ignore[operator]
    window = MainWindow(session, restore_geometry=False)
    window.persist_state = False
    qtbot.addWidget(window)  # type: ignore[attr-defined]
    window.show()
    db = tmp_path / "chosen.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(db), ""))
    window.actions_.open_corpus.trigger()
    assert window.tabs.currentIndex() == TAB_CORPUS
    assert not window.documents.isVisible()  # the corpus tab uses the whole width
    tab = window.corpus
    assert tab.database == db and QSettings().value("corpus/database") == str(db)
    tab.add_workers = 2
    with qtbot.waitSignal(tab.add_finished, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.add_paths([days])
    with qtbot.waitSignal(tab.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.search("两个确立")
    tab.hits.select_rows([0, 2])
    with qtbot.waitSignal(window.comparison_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.hits.compare_button.click()
    assert window.tabs.currentIndex() == TAB_SIDE_BY_SIDE
    assert len(session.documents) == 2 and window.documents.isVisible()
    qtbot.waitUntil(lambda: not session.busy, timeout=WAIT_MS)  # type: ignore[attr-defined]
    window.close()
