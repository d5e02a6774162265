"""The Corpus tab: a corpus database, its info, adding files, search, timelines, new
formulations and echoes, and opening chosen documents side by side in the comparison.

The tab computes nothing: each action runs a generator of ``operations`` on the app's job
runner (``workers.JobRunner``) and shows what comes back. A newer request of the same kind
cancels the older one and its late results are dropped. Signals named ``*_shown`` tell
(tests, the screenshot) that a result is on screen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QSettings, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tifa.engine.corpus import AddEvent, AddSummary, StoreInfo, default_db_path
from tifa.engine.model import Document
from tifa.engine.progress import Progress
from tifa.engine.safe_text import shown_name
from tifa.gui import counts
from tifa.gui.corpus import operations as ops
from tifa.gui.corpus.chart import TimelineChart
from tifa.gui.corpus.models import ID_ROLE, DocumentsModel, NewFormulationsModel, TimelineModel
from tifa.gui.localize import (
    date_text,
    language,
    period_text,
    reason_text,
    stored_date_text,
)
from tifa.gui.models import SORT_ROLE
from tifa.gui.plain import plain_label, tooltip
from tifa.gui.session import Session
from tifa.gui.workers import Job, JobRunner

SETTINGS_KEY = "corpus/database"
PERIODS = ("month", "quarter", "year")
PHRASE_SEPARATORS = re.compile(r"[;；|\n]+")


def saved_database() -> Path:
    """The corpus last opened (QSettings), else the engine's default place."""
    value = QSettings().value(SETTINGS_KEY, "")
    return Path(str(value)) if value else default_db_path()


def failure_text(event: AddEvent) -> str:
    """A file the corpus could not add: its name and why, the reason in the interface
    language (the event's message is the reader's "NAME: reason", in English)."""
    prefix = f"{shown_name(event.path)}: "
    if not event.message.startswith(prefix):
        return event.message
    return prefix + reason_text(event.message[len(prefix):])


def split_phrases(text: str) -> list[str]:
    """Phrases typed in one box, separated by ``;`` ``；`` or ``|`` (a phrase may hold
    ``、`` and ``，`` itself)."""
    return [p.strip() for p in PHRASE_SEPARATORS.split(text) if p.strip()]


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"


class DocumentTable(QWidget):
    """A sortable table of stored documents with "Compare side by side" for the rows
    selected (and, on the search page, "Echoes" of one)."""

    compare_requested = Signal(list)  # document ids
    echoes_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, *, echoes: bool = False) -> None:
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)  # dates by their ISO date, counts as numbers
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the engine's ranking
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DocumentsModel.SNIPPET, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DocumentsModel.TITLE, 300)
        header.resizeSection(DocumentsModel.SOURCE, 90)
        header.resizeSection(DocumentsModel.COUNT, 70)
        self.summary = plain_label(QLabel(self))
        self.compare_button = QPushButton(self)
        self.compare_button.clicked.connect(self._compare)
        self.echoes_button = QPushButton(self) if echoes else None
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        if self.echoes_button is not None:
            self.echoes_button.clicked.connect(self._echoes)
            bar.addWidget(self.echoes_button)
        bar.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.compare_button.setText(self.tr("Compare side by side"))
        self.compare_button.setToolTip(self.tr("Open the selected documents (two or more) in "
                                               "the comparison"))
        if self.echoes_button is not None:
            self.echoes_button.setText(self.tr("Echoes"))
            self.echoes_button.setToolTip(self.tr("Documents that share passages with the "
                                                  "selected one"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.model.retranslate()
        # the longest date as the interface language writes it (2022年12月28日), with margins;
        # the count's header whole ("Occurrences" was cut at 70 pixels), with its sort arrow
        metrics, header = self.view.fontMetrics(), self.view.horizontalHeader()
        header.resizeSection(
            DocumentsModel.DATE, metrics.horizontalAdvance(date_text(dt.date(2022, 12, 28)))
            + 2 * metrics.horizontalAdvance("0"))
        count = str(self.model.headerData(DocumentsModel.COUNT, Qt.Orientation.Horizontal))
        header.resizeSection(DocumentsModel.COUNT, max(
            70, header.fontMetrics().horizontalAdvance(count) + 28))

    def set_rows(self, rows: Sequence[ops.DocRow], summary: str) -> None:
        self.model.set_rows(rows)
        self.summary.setText(summary)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        return [int(self.proxy.index(r, 0).data(ID_ROLE)) for r in rows]

    def select_rows(self, rows: Sequence[int]) -> None:
        """Select rows as shown (after sorting)."""
        self.view.clearSelection()
        flags = (self.view.selectionModel().SelectionFlag.Select
                 | self.view.selectionModel().SelectionFlag.Rows)
        for r in rows:
            self.view.selectionModel().select(self.proxy.index(r, 0), flags)

    def _update_buttons(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.compare_button.setEnabled(count >= 2)
        if self.echoes_button is not None:
            self.echoes_button.setEnabled(count == 1)

    def _compare(self) -> None:
        ids = self.selected_ids()
        if len(ids) >= 2:
            self.compare_requested.emit(ids)

    def _echoes(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.echoes_requested.emit(ids[0])


class CorpusTab(QWidget):
    database_changed = Signal(str)
    info_shown = Signal()
    add_finished = Signal(object)  # AddSummary, or None when stopped or failed
    search_shown = Signal()
    timeline_shown = Signal()
    period_shown = Signal(str)
    new_shown = Signal()
    first_documents_shown = Signal()
    echoes_shown = Signal()
    comparison_opened = Signal(int)  # documents handed to the session

    PAGE_SEARCH, PAGE_TIMELINE, PAGE_NEW, PAGE_ECHOES = range(4)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 database: Path | None = None, add_workers: int | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.database = database or saved_database()
        self.add_workers = add_workers
        self.runner = JobRunner(self)
        self.info: StoreInfo | None = None
        self.last_summary: AddSummary | None = None
        self.failed_files: list[AddEvent] = []
        self._tickets: dict[str, int] = {}
        self._info_wanted = True  # read the corpus's info when the tab is first shown

        # the corpus: where, what, add
        self.database_label = plain_label(QLabel(self))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label = plain_label(QLabel(self))
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.choose_database)
        self.add_files_button = QPushButton(self)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(self)
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress_label = plain_label(QLabel(self))
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel_add)
        top = QHBoxLayout()
        top.addWidget(self.database_label, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.add_files_button)
        top.addWidget(self.add_folder_button)
        second = QHBoxLayout()
        second.addWidget(self.info_label, 1)
        second.addWidget(self.progress_label)
        second.addWidget(self.progress)
        second.addWidget(self.cancel_button)

        # search
        self.search_box = QLineEdit(self)
        self.search_box.returnPressed.connect(self.search)
        self.search_button = QPushButton(self)
        self.search_button.clicked.connect(self.search)
        self.hits = DocumentTable(self, echoes=True)
        search_page = QWidget(self)
        search_layout = QVBoxLayout(search_page)
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(self.search_button)
        search_layout.addLayout(row)
        search_layout.addWidget(self.hits, 1)

        # timeline
        self.phrases_box = QLineEdit(self)
        self.phrases_box.returnPressed.connect(self.show_timeline)
        self.by_box = QComboBox(self)
        for by in PERIODS:
            self.by_box.addItem("", by)
        self.timeline_button = QPushButton(self)
        self.timeline_button.clicked.connect(self.show_timeline)
        self.timeline = TimelineModel(self)
        self.chart = TimelineChart(self.timeline, self)
        self.chart.period_clicked.connect(self.show_period)
        self.timeline_table = QTableView(self)
        self.timeline_table.setModel(self.timeline)
        self.timeline_table.verticalHeader().setVisible(False)
        self.timeline_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_table.clicked.connect(
            lambda index: self.show_period(self.timeline.periods[index.row()]))
        self.timeline_summary = plain_label(QLabel(self))
        self.timeline_summary.setWordWrap(True)
        self.period_documents = DocumentTable(self, echoes=True)
        timeline_page = QWidget(self)
        timeline_layout = QVBoxLayout(timeline_page)
        row = QHBoxLayout()
        row.addWidget(self.phrases_box, 1)
        self.by_label = QLabel(self)
        row.addWidget(self.by_label)
        row.addWidget(self.by_box)
        row.addWidget(self.timeline_button)
        timeline_layout.addLayout(row)
        timeline_layout.addWidget(self.timeline_summary)
        split = QSplitter(Qt.Orientation.Vertical, self)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.chart)
        upper.addWidget(self.timeline_table)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 1)
        split.addWidget(upper)
        split.addWidget(self.period_documents)
        timeline_layout.addWidget(split, 1)

        # new formulations
        self.since_box = QDateEdit(self)
        self.since_box.setCalendarPopup(True)
        self.since_box.setDate(QDate.currentDate().addMonths(-1))
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.show_new)
        self.new_model = NewFormulationsModel(self)
        new_proxy = QSortFilterProxyModel(self)
        new_proxy.setSourceModel(self.new_model)
        new_proxy.setSortRole(SORT_ROLE)
        self.new_table = QTableView(self)
        self.new_table.setModel(new_proxy)
        self.new_table.setSortingEnabled(True)
        self.new_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.new_table.verticalHeader().setVisible(False)
        self.new_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.new_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.new_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.new_table.selectionModel().currentRowChanged.connect(
            lambda current, _: self._first_documents(new_proxy.mapToSource(current).row()))
        self.first_documents = DocumentTable(self, echoes=True)
        new_page = QWidget(self)
        new_layout = QVBoxLayout(new_page)
        row = QHBoxLayout()
        self.since_label = QLabel(self)
        row.addWidget(self.since_label)
        row.addWidget(self.since_box)
        row.addWidget(self.new_button)
        row.addStretch(1)
        new_layout.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.new_table)
        split.addWidget(self.first_documents)
        new_layout.addWidget(split, 1)

        # echoes
        self.echoes_label = plain_label(QLabel(self))
        self.echoes_label.setWordWrap(True)
        self.echoes = DocumentTable(self, echoes=True)
        echoes_page = QWidget(self)
        echoes_layout = QVBoxLayout(echoes_page)
        echoes_layout.addWidget(self.echoes_label)
        echoes_layout.addWidget(self.echoes, 1)

        self.pages = QTabWidget(self)
        self.pages.addTab(search_page, "")
        self.pages.addTab(timeline_page, "")
        self.pages.addTab(new_page, "")
        self.pages.addTab(echoes_page, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.pages, 1)

        for table in (self.hits, self.period_documents, self.first_documents, self.echoes):
            table.compare_requested.connect(self.compare)
            table.echoes_requested.connect(self.show_echoes)
        self._set_adding(False)
        self.retranslate_ui()
        self.set_database(self.database, remember=False, refresh=False)

    # -- text ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.open_button.setText(self.tr("Open corpus…"))
        self.add_files_button.setText(self.tr("Add files…"))
        self.add_folder_button.setText(self.tr("Add folder…"))
        self.cancel_button.setText(self.tr("Stop"))
        self.search_box.setPlaceholderText(
            self.tr("A phrase in simplified or traditional script, e.g. 两个确立"))
        self.search_button.setText(self.tr("Search"))
        self.phrases_box.setPlaceholderText(
            self.tr("Phrases separated by ; e.g. 两个确立; 共同富裕"))
        self.by_label.setText(self.tr("by"))
        for n, name in enumerate((self.tr("month"), self.tr("quarter"), self.tr("year"))):
            self.by_box.setItemText(n, name)
        self.timeline_button.setText(self.tr("Show"))
        self.since_label.setText(self.tr("Formulations first used after"))
        # the date typed as the tables write it (localize.date_text: 2021年11月15日)
        self.since_box.setDisplayFormat("yyyy年M月d日" if language() == "zh" else "yyyy-MM-dd")
        self.new_button.setText(self.tr("Show"))
        self.pages.setTabText(self.PAGE_SEARCH, self.tr("Search"))
        self.pages.setTabText(self.PAGE_TIMELINE, self.tr("Timeline"))
        self.pages.setTabText(self.PAGE_NEW, self.tr("New formulations"))
        self.pages.setTabText(self.PAGE_ECHOES, self.tr("Echoes"))
        self.hits.model.set_count_header(self.tr("Matches"))
        self.period_documents.model.set_count_header(self.tr("Occurrences"))
        self.first_documents.model.set_count_header(self.tr("Occurrences"))
        self.echoes.model.set_count_header(self.tr("Score"))
        for table in (self.hits, self.period_documents, self.first_documents, self.echoes):
            table.retranslate_ui()
        self.new_model.retranslate()
        self.timeline.retranslate()
        if self.timeline.rowCount():
            self.timeline_table.resizeColumnsToContents()
        self.chart.update()
        if not self.echoes.model.rowCount():
            self.echoes_label.setText(self.tr(
                "Select one document in the search results and press Echoes."))
        self._show_database()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _show_database(self) -> None:
        self.database_label.setText(self.tr("Corpus: %s") % self.database)
        info = self.info
        if info is None:
            return
        self.info_label.setText(
            self.tr("%1 (%2), %3 – %4; %5 on disk; schema version %6")
            .replace("%1", counts.documents(info.documents))
            .replace("%2", counts.files(info.files))
            .replace("%3", stored_date_text(info.first_date) or "?")
            .replace("%4", stored_date_text(info.last_date) or "?")
            .replace("%5", _size(info.size_bytes)).replace("%6", str(info.schema_version)))

    # -- jobs ----------------------------------------------------------------------------

    def _run(self, name: str, factory: Callable[[], Iterator[object]],
             on_item: Callable[[object], None],
             on_end: Callable[[bool], None] | None = None) -> Job:
        """Run ``factory`` as job ``name``; an older job of that name is cancelled and its
        late items dropped."""
        self.runner.cancel(name)
        ticket = self._tickets.get(name, 0) + 1
        self._tickets[name] = ticket

        def item(value: object) -> None:
            if self._tickets.get(name) != ticket:
                return
            if isinstance(value, ops.Failure):
                self.info_label.setText(value.message)
            elif isinstance(value, ops.NoCorpus):
                self.info = None
                self.info_label.setText(self.tr(
                    "No corpus there yet: add files or a folder to create it."))
            else:
                on_item(value)

        def end(cancelled: bool) -> None:
            if on_end is not None and self._tickets.get(name) == ticket:
                on_end(cancelled)

        return self.runner.start(name, factory, on_item=item, on_end=end,
                                 on_error=self._error)

    def _error(self, details: str) -> None:
        self.info_label.setText(self.tr("Something went wrong: %s")
                                % details.strip().splitlines()[-1])

    def shutdown(self) -> None:
        self.runner.wait_all()

    # -- the database --------------------------------------------------------------------

    def choose_database(self) -> None:
        """File › Open Corpus…: an existing corpus, or a new file name for one."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Open corpus"), str(self.database),
            self.tr("Tifa corpus (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.set_database(Path(name))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._info_wanted:
            self.refresh_info()

    def set_database(self, path: Path, *, remember: bool = True, refresh: bool = True) -> None:
        self.database = path
        if remember:
            QSettings().setValue(SETTINGS_KEY, str(path))
        self.info = None
        self.info_label.setText("")
        if not self.cancel_button.isVisibleTo(self):  # the last add's summary was another's
            self.progress_label.setText("")
            self.progress_label.setToolTip("")
        self._clear_results()
        self._show_database()
        self.database_changed.emit(str(path))
        self._info_wanted = True
        if refresh:
            self.refresh_info()

    def refresh_info(self) -> None:
        db = self.database
        self._info_wanted = False

        def shown(value: object) -> None:
            if isinstance(value, StoreInfo):
                self.info = value
                self._show_database()

        self._run("corpus-info", lambda: ops.info_steps(db), shown,
                  lambda _: self.info_shown.emit())

    def _clear_results(self) -> None:
        for table in (self.hits, self.period_documents, self.first_documents, self.echoes):
            table.set_rows((), "")
        self.timeline.set_timelines((), "month")
        self.timeline_summary.setText("")
        self.new_model.set_rows(())

    # -- adding --------------------------------------------------------------------------

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add files to the corpus"), "",
            self.tr("Documents (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;"
                    "All files (*)"))
        if names:
            self.add_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Add a folder to the corpus"))
        if name:
            self.add_paths([Path(name)])

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Add files and folders on a worker, with progress; Stop keeps what was stored."""
        db, workers = self.database, self.add_workers
        self.last_summary = None
        self.failed_files = []
        self._set_adding(True)
        self.progress.setRange(0, 0)
        self.progress_label.setText(self.tr("Adding…"))

        def item(value: object) -> None:
            if isinstance(value, Progress):
                self.progress.setRange(0, max(1, value.total))
                self.progress.setValue(value.done)
                self.progress_label.setText(self.tr("%1 of %2 files").replace(
                    "%1", str(value.done)).replace("%2", str(value.total)))
            elif isinstance(value, AddEvent) and value.status == "failed":
                self.failed_files.append(value)
            elif isinstance(value, AddSummary):
                self.last_summary = value
            elif isinstance(value, StoreInfo):
                self.info = value
                self._show_database()

        job = self._run("corpus-add", lambda: ops.add_steps(db, list(paths), workers=workers),
                        item, self._add_ended)
        job.progressed.connect(item)

    def _add_ended(self, cancelled: bool) -> None:
        self._set_adding(False)
        summary = self.last_summary
        if summary is None:
            self.progress_label.setText(self.tr("Stopped; what was stored is kept."))
            self.refresh_info()
        else:
            changed = summary.versions + summary.restored  # changed back counts as changed
            text = self.tr("%1 added, %2 changed, %3 already there, %4 failed").replace(
                "%1", str(summary.added)).replace("%2", str(changed)).replace(
                "%3", str(summary.unchanged)).replace("%4", str(summary.failed))
            if summary.copies:  # counted in "added" (or "changed"): said, not hidden there
                text += self.tr(" (%n of those added or changed are copies of files "
                                "already stored)", "", summary.copies)
            failed = [failure_text(f) for f in self.failed_files]  # each names its file
            if failed:
                text += " — " + failed[0]
                if len(failed) > 1:  # all of them in the tooltip
                    text += f" (+{len(failed) - 1})"
            self.progress_label.setText(text)
            self.progress_label.setToolTip(tooltip("\n".join(failed)))  # names shown as text
        self.add_finished.emit(summary)

    def cancel_add(self) -> None:
        self.runner.cancel("corpus-add")

    def _set_adding(self, adding: bool) -> None:
        self.progress.setVisible(adding)
        self.cancel_button.setVisible(adding)
        for button in (self.open_button, self.add_files_button, self.add_folder_button):
            button.setEnabled(not adding)

    # -- search, timeline, new, echoes -----------------------------------------------------

    def search(self, query: str | None = None) -> None:
        if query is not None:
            self.search_box.setText(query)
        text = self.search_box.text().strip()
        if not text:  # an empty search shows nothing, not the previous results
            self.runner.cancel("corpus-search")
            self._tickets["corpus-search"] = self._tickets.get("corpus-search", 0) + 1
            self.hits.set_rows((), "")
            return
        db = self.database

        def shown(value: object) -> None:
            if isinstance(value, ops.SearchResult):
                self.hits.set_rows(value.rows, self.tr("%n document(s) contain(s) “%1”", "",
                                                       len(value.rows))
                                   .replace("%1", value.query))
                self.search_shown.emit()

        self.pages.setCurrentIndex(self.PAGE_SEARCH)
        self._run("corpus-search", lambda: ops.search_steps(db, text), shown)

    def show_timeline(self, phrases: Sequence[str] | None = None, by: str | None = None
                      ) -> None:
        if phrases is not None:
            self.phrases_box.setText("; ".join(phrases))
        if by is not None:
            self.by_box.setCurrentIndex(PERIODS.index(by))
        wanted = split_phrases(self.phrases_box.text())
        if not wanted:
            return
        period = str(self.by_box.currentData())
        db = self.database

        def shown(value: object) -> None:
            if isinstance(value, ops.TimelineResult):
                self.timeline.set_timelines(value.timelines, value.by)
                self.timeline_table.resizeColumnsToContents()
                self.period_documents.set_rows((), "")
                lines = []
                for t in value.timelines:
                    undated = self.tr(" (and %1 undated)").replace("%1", str(t.undated)) \
                        if t.undated else ""
                    if t.first is None:
                        lines.append(self.tr("%s: not used in this corpus") % t.phrase
                                     if not t.undated else
                                     self.tr("%1: used only in %n undated document(s)", "",
                                             t.undated).replace("%1", t.phrase))
                    else:
                        lines.append(
                            self.tr("%1: first used %2, last %3; %4%6, %5")
                            .replace("%1", t.phrase)
                            .replace("%2", stored_date_text(t.first))
                            .replace("%3", stored_date_text(t.last))
                            .replace("%4", counts.documents(t.documents))
                            .replace("%5", counts.occurrences(t.occurrences))
                            .replace("%6", undated))
                self.timeline_summary.setText("\n".join(lines))
                self.timeline_shown.emit()

        self.pages.setCurrentIndex(self.PAGE_TIMELINE)
        self._run("corpus-timeline", lambda: ops.timeline_steps(db, wanted, period), shown)

    def show_period(self, period: str) -> None:
        """The documents of one period of the timeline shown."""
        phrases = list(self.timeline.phrases)
        if not phrases:
            return
        by, db = self.timeline.by, self.database
        self.chart.selected = period
        self.chart.update()

        def shown(value: object) -> None:
            if isinstance(value, ops.PeriodResult):
                self.period_documents.set_rows(
                    value.rows, self.tr("%1: %n document(s)", "", len(value.rows))
                    .replace("%1", period_text(value.period)))
                self.period_shown.emit(value.period)

        self._run("corpus-period", lambda: ops.period_steps(db, phrases, by, period), shown)

    def show_new(self, since: dt.date | None = None) -> None:
        if since is not None:
            self.since_box.setDate(QDate(since.year, since.month, since.day))
        qdate = self.since_box.date()
        when = dt.date(qdate.year(), qdate.month(), qdate.day())
        db = self.database

        def shown(value: object) -> None:
            if isinstance(value, ops.NewResult):
                self.new_model.set_rows(value.formulations)
                self.new_table.resizeColumnsToContents()
                self.first_documents.set_rows((), "")
                self.new_shown.emit()

        self.pages.setCurrentIndex(self.PAGE_NEW)
        self._run("corpus-new", lambda: ops.new_steps(db, when), shown)

    def _first_documents(self, row: int) -> None:
        if row < 0:
            return
        formulation = self.new_model.row(row)
        ids, db = formulation.first_documents, self.database

        def shown(value: object) -> None:
            if isinstance(value, ops.DocumentsResult):
                self.first_documents.set_rows(
                    value.rows, self.tr("First used in %n document(s) on %1", "",
                                        len(value.rows))
                    .replace("%1", stored_date_text(formulation.first)))
                self.first_documents_shown.emit()

        self._run("corpus-first", lambda: ops.rows_steps(db, ids), shown)

    def show_echoes(self, doc_id: int) -> None:
        """The documents sharing passages with a stored document; a near-duplicate cluster
        (one text reposted) is one row, its size said before the shared passage."""
        db = self.database
        self.echoes_label.setText(self.tr("Looking for echoes…"))

        def shown(value: object) -> None:
            if isinstance(value, ops.EchoesResult):
                rows = []
                for row, duplicates in value.rows:
                    if duplicates:
                        note = self.tr("(and %n near-duplicate(s)) ", "", duplicates)
                        row = replace(row, snippet=note + row.snippet)
                    rows.append(row)
                self.echoes.set_rows(rows, "")
                self.echoes_label.setText(
                    self.tr("%n document(s) share(s) passages with “%1” (%2)", "", len(rows))
                    .replace("%1", value.document.title)
                    .replace("%2", stored_date_text(value.document.date) or "?"))
                self.echoes_shown.emit()

        def progressed(progress: object) -> None:  # an older corpus is sketched first
            if isinstance(progress, Progress):
                self.progress.setVisible(True)
                self.progress.setRange(0, max(1, progress.total))
                self.progress.setValue(progress.done)
                self.progress_label.setText(self.tr("Preparing echoes: %1 of %2 documents")
                                            .replace("%1", str(progress.done))
                                            .replace("%2", str(progress.total)))

        def ended(cancelled: bool) -> None:
            if not self.runner.running("corpus-add"):
                self.progress.setVisible(False)
            if cancelled:
                self.echoes_label.setText(self.tr("Stopped."))

        self.pages.setCurrentIndex(self.PAGE_ECHOES)
        job = self._run("corpus-echoes", lambda: ops.echoes_steps(db, doc_id), shown, ended)
        job.progressed.connect(progressed)

    # -- to the comparison -----------------------------------------------------------------

    def compare(self, ids: Sequence[int]) -> None:
        """Read the stored documents back from the store and open them in the session."""
        db, wanted = self.database, list(ids)
        read: list[Document] = []

        def item(value: object) -> None:
            if isinstance(value, Document):
                read.append(value)

        def end(cancelled: bool) -> None:
            if read and not cancelled:
                self.session.add_documents(read)
                self.comparison_opened.emit(len(read))

        self._run("corpus-compare", lambda: ops.documents_steps(db, wanted), item, end)
