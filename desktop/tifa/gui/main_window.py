"""The main window: wires the session to the views. It computes nothing itself."""

from __future__ import annotations

import time
from functools import partial
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from tifa import __version__
from tifa.engine.compare.lookup import (
    documents_with,
    formulation_by_phrase,
    links_between,
    occurrences,
)
from tifa.engine.compare.model import Formulation
from tifa.engine.compare.rowlayout import RowFilter
from tifa.engine.compare.vocabulary import Status
from tifa.engine.model import Script
from tifa.engine.progress import Progress
from tifa.gui import i18n, operations, preferences
from tifa.gui.corpus import CorpusTab
from tifa.gui.dialogs.settings import SettingsDialog
from tifa.gui.exporting import export_available, run_export_dialog
from tifa.gui.fonts import document_font
from tifa.gui.highlight import HighlightMode
from tifa.gui.labels import category_label, status_label
from tifa.gui.localize import gloss_text
from tifa.gui.menus import WindowActions
from tifa.gui.models.alignment import formulation_status_between
from tifa.gui.plain import menu_text, plain_label, tooltip
from tifa.gui.session import Session
from tifa.gui.views.detail_pane import DetailPane
from tifa.gui.views.documents_panel import DocumentsPanel
from tifa.gui.views.find_bar import FindBar
from tifa.gui.views.formulations_panel import FormulationsPanel
from tifa.gui.views.heatmap_panel import HeatmapPanel
from tifa.gui.views.legend import ColourBar, Legend
from tifa.gui.views.message_bar import MessageBar
from tifa.gui.views.overview_strip import OverviewStrip
from tifa.gui.views.side_by_side import SideBySideView

TAB_SIDE_BY_SIDE, TAB_FORMULATIONS, TAB_SIMILARITY, TAB_CORPUS = range(4)


class MainWindow(QMainWindow):
    comparison_shown = Signal()  # a comparison is on screen, every row measured

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 restore_geometry: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self._fonts: dict[int, QFont] = {}
        self._pair_only = False
        self._subset: tuple[int, ...] | None = None  # documents chosen to read side by side
        self._stale_panels: set[int] = set()  # tabs not yet showing the current comparison
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(0)
        self._panel_timer.timeout.connect(self._refresh_next_panel)
        self.persist_state = True  # False: leave geometry and the last workspace alone
        self.last_first_paint_s: float | None = None  # compare result → every row measured
        self.setAcceptDrops(True)
        self.setMinimumSize(800, 500)

        self.messages = MessageBar(self)
        self.documents = DocumentsPanel(session, self)
        self.side_by_side = SideBySideView(self._font_for, self.formulation_tooltip, self)
        self.find_bar = FindBar(self)
        self.legend = Legend(self)
        self.colour_bar = ColourBar(self.legend, self)
        self.formulations = FormulationsPanel(self)
        self.heatmap = HeatmapPanel(self)
        self.detail = DetailPane(self)
        self.detail.set_echo_threshold(preferences.echo_threshold())
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color:#777; font-size:14pt")

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.find_bar)
        side_layout.addWidget(self.colour_bar)
        side_layout.addWidget(self.placeholder, 1)
        table_row = QHBoxLayout()
        table_row.setSpacing(0)
        self.overview = OverviewStrip(self.side_by_side, side)
        table_row.addWidget(self.side_by_side, 1)
        table_row.addWidget(self.overview)
        side_layout.addLayout(table_row, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(side, "")
        self.tabs.addTab(self.formulations, "")
        self.tabs.addTab(self.heatmap, "")
        self.corpus = CorpusTab(session, self)
        self.tabs.addTab(self.corpus, "")
        # the detail pane explains the paragraph clicked side by side; elsewhere it is clutter
        self.tabs.currentChanged.connect(
            lambda index: self.detail.setVisible(index == TAB_SIDE_BY_SIDE)
        )
        # the corpus has its own lists: the open documents' panel would only take room
        self.tabs.currentChanged.connect(
            lambda index: self.documents.setVisible(index != TAB_CORPUS)
        )
        self.tabs.currentChanged.connect(lambda _: QToolTip.hideText())  # not left behind
        self.tabs.currentChanged.connect(self._refresh_panel)
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.addWidget(self.tabs)
        self.right.addWidget(self.detail)
        self.right.setStretchFactor(0, 1)
        self.right.setStretchFactor(1, 0)
        self.main_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_split.addWidget(self.documents)
        self.main_split.addWidget(self.right)
        self.main_split.setStretchFactor(0, 0)  # a narrower window narrows the view last
        self.main_split.setStretchFactor(1, 1)
        self.main_split.setCollapsible(0, True)
        self.main_split.setCollapsible(1, False)
        self.panel_button = QToolButton(self)
        self.panel_button.setAutoRaise(True)
        self.panel_button.clicked.connect(self.toggle_documents_panel)
        self.main_split.splitterMoved.connect(lambda *_: self._update_panel_button())
        self.tabs.setCornerWidget(self.panel_button, Qt.Corner.TopLeftCorner)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.messages)
        layout.addWidget(self.main_split, 1)
        self.setCentralWidget(central)

        self.status_label = plain_label(QLabel(self))  # progress names documents
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton(self)
        self.cancel_button.clicked.connect(session.cancel)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._set_busy(False)

        self.actions_ = WindowActions(self)
        session.whole_files = preferences.whole_files()
        self.actions_.whole_files.setChecked(session.whole_files)
        self.actions_.whole_files.toggled.connect(self._set_whole_files)
        self._connect()
        self.set_highlight_mode(preferences.highlight_mode(), save=False)
        self._rebuild_recent_menu()
        self.retranslate_ui()
        self._show_comparison()
        self._restore_geometry(use_saved=restore_geometry)

    # -- wiring --------------------------------------------------------------------------

    def _connect(self) -> None:
        s, a = self.session, self.actions_
        s.documents_changed.connect(self._documents_changed)
        s.comparison_changed.connect(self._show_comparison)
        s.columns_changed.connect(self._columns_changed)
        s.pair_changed.connect(self._pair_changed)
        s.problem_reported.connect(self.messages.add_problem)
        s.error_reported.connect(self.messages.add_error)
        s.notice.connect(self.messages.add_note)
        s.notice_withdrawn.connect(self.messages.withdraw_note)
        s.report_written.connect(self.messages.add_report)
        s.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        s.busy_changed.connect(self._set_busy)
        s.progressed.connect(self._progressed)
        s.compare_cancelled.connect(
            lambda: self.statusBar().showMessage(self.tr("Comparison cancelled"), 5000)
        )
        s.paragraph_matrix_ready.connect(self._matrix_ready)
        s.sentence_links_ready.connect(self._sentence_links_ready)
        self.documents.add_requested.connect(a.open.trigger)
        self.side_by_side.cell_selected.connect(self._cell_selected)
        self.side_by_side.hits_changed.connect(self.find_bar.show_count)
        self.side_by_side.layout_done.connect(self._layout_done)
        self.side_by_side.column_move_requested.connect(self.move_column)
        self.find_bar.search_changed.connect(self.side_by_side.search)
        self.find_bar.step.connect(self.side_by_side.step_hit)
        self.find_bar.closed.connect(lambda: self.side_by_side.search(""))
        self.formulations.occurrences_requested.connect(self.show_occurrences)
        self.heatmap.pair_clicked.connect(s.set_pair)
        self.heatmap.pair_opened.connect(self.show_pair_side_by_side)
        self.heatmap.subset_opened.connect(self.show_subset_side_by_side)
        self.heatmap.paragraphs_clicked.connect(self._dot_clicked)

        a.open.triggered.connect(lambda: self._after_open(operations.open_documents(self, s)))
        a.open_samples.triggered.connect(lambda: operations.open_samples(s))
        a.open_workspace.triggered.connect(lambda: operations.open_workspace(self, s))
        a.save_workspace.triggered.connect(self._save_workspace)
        a.close_all.triggered.connect(s.clear)
        a.print_preview.triggered.connect(lambda: self._print(preview=True))
        a.print_.triggered.connect(lambda: self._print(preview=False))
        a.undo.triggered.connect(s.undo_removal)
        a.quit.triggered.connect(self.close)
        for fmt, action in a.exports.items():
            action.triggered.connect(partial(run_export_dialog, self, s, fmt))
        a.find.triggered.connect(self._open_find)
        a.find_next.triggered.connect(lambda: self.side_by_side.step_hit(True))
        a.find_previous.triggered.connect(lambda: self.side_by_side.step_hit(False))
        a.settings.triggered.connect(self.open_settings)
        a.next_difference.triggered.connect(lambda: self._step_difference(True))
        a.previous_difference.triggered.connect(lambda: self._step_difference(False))
        a.show_side_by_side.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE))
        a.show_formulations.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_FORMULATIONS))
        a.show_similarity.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_SIMILARITY))
        a.show_corpus.triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_CORPUS))
        a.open_corpus.triggered.connect(self._open_corpus)
        self.corpus.comparison_opened.connect(
            lambda _: self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE))
        a.show_all_documents.triggered.connect(self.show_all_documents)
        a.pack_unaligned.toggled.connect(self.side_by_side.set_packing)
        a.pack_unaligned.toggled.connect(self.legend.set_packing)
        self.colour_bar.mode_chosen.connect(lambda v: self.set_highlight_mode(HighlightMode(v)))
        a.colour_group.triggered.connect(
            lambda action: self.set_highlight_mode(HighlightMode(str(action.data())))
        )
        self.side_by_side.alignment.modelReset.connect(self._update_key)
        a.fold_all.triggered.connect(lambda: self.side_by_side.set_all_folded(True))
        a.unfold_all.triggered.connect(lambda: self.side_by_side.set_all_folded(False))
        for action, row_filter in ((a.rows_all, RowFilter.ALL),
                                   (a.rows_differences, RowFilter.DIFFERENCES),
                                   (a.rows_shared, RowFilter.SHARED)):
            action.triggered.connect(partial(self.side_by_side.set_row_filter, row_filter))
        a.recompute.triggered.connect(s.recompute)
        a.toggle_documents.triggered.connect(self.toggle_documents_panel)
        a.cancel.triggered.connect(s.cancel)
        a.about.triggered.connect(self._about)
        a.guide.triggered.connect(self.open_guide)

    # -- colours -------------------------------------------------------------------------

    def set_highlight_mode(self, mode: HighlightMode, *, save: bool = True) -> None:
        """Colour the side-by-side view another way; the key, the chooser and View › Colours
        follow, and the choice is kept in the settings."""
        self.side_by_side.set_mode(mode)
        self.colour_bar.set_mode(mode)
        for action in self.actions_.colour_modes:
            action.setChecked(action.data() == mode.value)
        self._update_key()
        if save:
            preferences.set_highlight_mode(mode)

    def _update_key(self) -> None:
        model = self.side_by_side.alignment
        reference = model.reference
        label = model.label(reference) if reference is not None else "A"
        self.legend.set_mode(model.mode, label)
        self.legend.set_gathered(model.gathered and not model.packing)

    # -- language ------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.actions_.retranslate()
        self._update_export_actions()
        self.tabs.setTabText(TAB_SIDE_BY_SIDE, self.tr("Side by side"))
        self.tabs.setTabText(TAB_FORMULATIONS, self.tr("Formulations"))
        self.tabs.setTabText(TAB_SIMILARITY, self.tr("Similarity"))
        self.tabs.setTabText(TAB_CORPUS, self.tr("Corpus"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop reading or comparing"))
        self._update_placeholder()
        self._update_title()
        self._update_panel_button()
        model = self.side_by_side.alignment
        if model.columnCount():
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _update_export_actions(self) -> None:
        self.actions_.set_export_available(export_available(),
                                           compared=self.session.comparison is not None
                                           and len(self.session.comparison.documents) > 1)

    def _update_title(self) -> None:
        n = len(self.session.documents)
        self.setWindowTitle(self.tr("Tifa 提法对读 — %n document(s)", "", n))

    def _update_placeholder(self) -> None:
        s = self.session
        if s.comparison is not None:
            text = ""
        elif s.busy:
            text = self.tr("Reading and comparing…")
        elif len(s.documents) < 2:
            text = self.tr("Open two or more documents to compare them\n"
                           "(File › Open, or drop files here)")
        else:
            text = self.tr("Not compared yet: View › Compare Again (F5)")
        self.placeholder.setText(text)
        self.placeholder.setVisible(bool(text))
        self.side_by_side.setVisible(not text)
        self.overview.setVisible(not text)
        self.colour_bar.setVisible(not text)

    # -- session events ------------------------------------------------------------------

    def _documents_changed(self) -> None:
        self.actions_.undo.setEnabled(self.session.can_undo)
        self._update_title()
        self._update_placeholder()

    def _font_for(self, document: int) -> QFont:
        font = self._fonts.get(document)
        if font is None:
            comparison = self.session.comparison
            script = (comparison.documents[document].script if comparison
                      and document < len(comparison.documents) else Script.SIMPLIFIED)
            base = QFont(self.font())
            font = document_font(base, script, point_size=base.pointSizeF() * 1.15)
            self._fonts[document] = font
        return font

    def _columns(self) -> tuple[int, ...]:
        if self._pair_only and self.session.pair is not None:
            return self.session.pair
        if self._subset is not None:
            return self._subset
        return self.session.column_order()

    def _show_comparison(self) -> None:
        comparison = self.session.comparison
        self._fonts.clear()
        self._pair_only = False
        self._subset = None
        start = time.perf_counter()
        self._shown_at = start
        columns = self._columns()
        self._update_placeholder()  # show the table first, so it lays out at its real width
        # its rows laid out on the comparing worker, when they were (for these columns)
        self.side_by_side.show_comparison(comparison, columns,
                                          self.session.opening_rows(columns))
        # the other views follow one by one (hundreds of documents: each takes tens of
        # milliseconds), at once when they are the tab shown
        self._stale_panels = {TAB_FORMULATIONS, TAB_SIMILARITY}
        if self.tabs.currentIndex() in self._stale_panels:
            self._refresh_panel(self.tabs.currentIndex())
        self._panel_timer.start()
        self.detail.show_hint()
        self._update_placeholder()
        self._update_title()
        self._update_export_actions()
        if comparison is not None:
            self.side_by_side.show_start()

    def _refresh_panel(self, tab: int) -> None:
        """Bring a view that was left behind by a new comparison up to date."""
        if tab not in self._stale_panels:
            return
        self._stale_panels.discard(tab)
        comparison = self.session.comparison
        if tab == TAB_FORMULATIONS:
            self.formulations.show_comparison(comparison, self._columns(), self.session.pair)
        elif tab == TAB_SIMILARITY:
            self.heatmap.show_comparison(comparison)
            self.heatmap.model.set_numbering(self.session.column_order())
            self.heatmap.set_pair(self.session.pair)

    def _refresh_next_panel(self) -> None:
        if self._stale_panels:
            self._refresh_panel(min(self._stale_panels))
        if self._stale_panels:
            self._panel_timer.start()

    def refresh_panels(self) -> None:
        """Every view up to date now (before saying the comparison is shown)."""
        for tab in sorted(self._stale_panels):
            self._refresh_panel(tab)

    def _layout_done(self) -> None:
        if self.session.comparison is not None:
            self.refresh_panels()
            self.last_first_paint_s = time.perf_counter() - getattr(self, "_shown_at", 0.0)
            self.comparison_shown.emit()

    def _columns_changed(self) -> None:
        self.refresh_panels()
        self.heatmap.model.set_numbering(self.session.column_order())
        if not self._pair_only and self._subset is None:
            self.side_by_side.set_columns(self._columns())
        self.formulations.show_comparison(
            self.session.comparison, self.session.column_order(), self.session.pair
        )

    def _pair_changed(self) -> None:
        pair = self.session.pair
        if TAB_FORMULATIONS not in self._stale_panels:  # (a stale one gets it when shown)
            self.formulations.set_pair(pair)
        if TAB_SIMILARITY not in self._stale_panels:
            self.heatmap.set_pair(pair)
        if pair is not None:
            self.session.request_paragraph_matrix(*pair)
        if self._pair_only:
            self.side_by_side.set_columns(self._columns())

    def _matrix_ready(self, a: int, b: int, matrix: object) -> None:
        comparison = self.session.comparison
        if comparison is not None:
            self._refresh_panel(TAB_SIMILARITY)
            self.heatmap.show_matrix(a, b, matrix, links_between(comparison, a, b))  # type: ignore[arg-type]

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.status_label.setText(self.tr("Working…"))
        else:
            self.status_label.setText("")
        self._update_placeholder()

    def _progressed(self, progress: Progress) -> None:
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
        else:
            self.progress.setRange(0, 0)
        self.status_label.setText(progress.message or progress.stage)

    # -- navigation ----------------------------------------------------------------------

    def _cell_selected(self, row: int, column: int) -> None:
        comparison = self.session.comparison
        model = self.side_by_side.alignment
        if comparison is None or not model.columnCount():
            return
        if model.is_header(row):  # a band or section header: nothing to explain
            self.detail.show_hint()
            return
        document = model.document_at(column)
        try:
            missing = self.detail.show_cell(comparison, document, model.paragraphs_at(row, column),
                                            model.columns, self.session.sentence_links)
            self.session.request_sentence_links(missing)
        except Exception as e:
            import traceback

            self.messages.add_error("".join(traceback.format_exception(e)))

    def _sentence_links_ready(self) -> None:
        try:
            self.detail.refresh()
        except Exception as e:
            import traceback

            self.messages.add_error("".join(traceback.format_exception(e)))

    def _step_difference(self, forward: bool) -> None:
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
        if not self.side_by_side.step_difference(forward):
            self.statusBar().showMessage(
                self.tr("No more differences") if forward else self.tr("No earlier difference"),
                3000,
            )

    def _open_find(self) -> None:
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
        self.find_bar.open_bar()

    def show_occurrences(self, formulation: Formulation) -> int:
        """Go to the side-by-side view with the formulation's occurrences emphasised."""
        comparison = self.session.comparison
        if comparison is None:
            return 0
        if self._pair_only:
            self.show_all_documents()
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
        self.find_bar.open_bar(formulation.phrase)
        found = self.side_by_side.show_occurrences(occurrences(comparison, formulation))
        if not found:
            self.statusBar().showMessage(self.tr("No occurrence in the open documents"), 4000)
        return found

    def show_subset_side_by_side(self, documents: tuple[int, ...]) -> None:
        """Read only these documents (comparison indices, in this order) side by side, the
        pivot first when it is among them; View › Show All Documents brings back the rest."""
        comparison = self.session.comparison
        if comparison is None:
            return
        n = len(comparison.documents)
        chosen = tuple(dict.fromkeys(d for d in documents if 0 <= d < n))
        if len(chosen) < 2:
            return
        pivot = comparison.alignment.pivot
        if pivot in chosen:
            chosen = (pivot, *(d for d in chosen if d != pivot))
        self._pair_only = False
        self._subset = chosen
        self.side_by_side.set_columns(chosen)
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)

    def show_pair_side_by_side(self, a: int, b: int) -> None:
        self.session.set_pair(a, b)
        self._subset = None
        self._pair_only = True
        self.side_by_side.set_columns((a, b))
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)

    def move_column(self, column: int, target: int) -> None:
        """Move a side-by-side column (dragged header, or Move Left / Right): the documents
        list is reordered, as dragging its rows does, and the columns follow."""
        model = self.side_by_side.alignment
        n = model.columnCount()
        if not (0 <= column < n and 0 <= target < n) or column == target:
            return
        if self._pair_only and self.session.pair is not None:
            a, b = self.session.pair
            self.show_pair_side_by_side(b, a)
            return
        if self._subset is not None:  # a chosen subset is reordered where it is
            order = list(self._subset)
            order.insert(target, order.pop(column))
            self._subset = tuple(order)
            self.side_by_side.set_columns(self._subset)
            return
        comparison = self.session.comparison
        assert comparison is not None
        paths = [d.path for d in self.session.documents]
        here = comparison.documents[model.document_at(column)].path
        there = comparison.documents[model.document_at(target)].path
        if here in paths and there in paths:
            self.session.move_to(paths.index(here), paths.index(there))

    def show_all_documents(self) -> None:
        self._pair_only = False
        self._subset = None
        self.side_by_side.set_columns(self._columns())

    def _dot_clicked(self, a: int, i: int, b: int, j: int) -> None:
        self.show_pair_side_by_side(a, b)
        self.side_by_side.go_to_paragraph(a, i)

    def formulation_tooltip(self, document: int, phrase: str) -> str:
        comparison = self.session.comparison
        if comparison is None:
            return phrase
        formulation = formulation_by_phrase(comparison).get(phrase)
        if formulation is None:
            return phrase
        lines = [f"<b>{escape(phrase)}</b> · {escape(category_label(formulation.category))}"]
        if formulation.gloss:
            lines.append(escape(gloss_text(formulation.gloss)))
        if formulation.first_year:
            lines.append(escape(self.tr("First used: %d") % formulation.first_year))
        model = self.side_by_side.alignment
        status = formulation_status_between(model, formulation, document)
        if status:
            lines.append(escape(status))
        others = [d for d in documents_with(formulation) if d != document]
        if others:
            lines.append(escape(self.tr("Also in: %s") % "; ".join(
                f"{model.label(d)} {comparison.documents[d].title or comparison.documents[d].name}"
                for d in others)))
        else:
            lines.append(escape(status_label(Status.ONLY_IN, x=model.label(document))))
        if formulation.variants:
            lines.append(escape(self.tr("Variants: %s") % "、".join(formulation.variants)))
        return "<br/>".join(lines)

    # -- dialogs -------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.session.settings, preferences.ui_language(), self,
                                echo_threshold=preferences.echo_threshold())
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        self.apply_settings(dialog.compare_settings(), dialog.language_choice(),
                            echo_threshold=dialog.echo_threshold_choice())

    def apply_settings(self, settings: object, language: str, *,
                       echo_threshold: float | None = None) -> None:
        from tifa.engine.compare.model import CompareSettings

        assert isinstance(settings, CompareSettings)
        preferences.save_compare_settings(settings)
        if language != preferences.ui_language():
            preferences.set_ui_language(language)
            i18n.install_language(language)
        if echo_threshold is not None and echo_threshold != preferences.echo_threshold():
            preferences.set_echo_threshold(echo_threshold)
            self.detail.set_echo_threshold(echo_threshold)
        self.session.set_settings(settings)

    def _open_corpus(self) -> None:
        self.tabs.setCurrentIndex(TAB_CORPUS)
        self.corpus.choose_database()

    def _save_workspace(self) -> None:
        path = operations.save_workspace_as(self, self.session)
        if path is not None:
            self.statusBar().showMessage(self.tr("Workspace saved: %s") % path, 5000)

    def _after_open(self, paths: list[Path]) -> None:
        self._rebuild_recent_menu()

    def _set_whole_files(self, whole: bool) -> None:
        self.session.whole_files = whole
        preferences.set_whole_files(whole)

    def _rebuild_recent_menu(self) -> None:
        menu = self.actions_.recent_menu
        menu.clear()
        recent = preferences.recent_files()
        for path in recent:
            action = menu.addAction(menu_text(path.name))
            action.setToolTip(tooltip(str(path)))
            action.triggered.connect(partial(self._open_recent, path))
        menu.setEnabled(bool(recent))
        if recent:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        preferences.clear_recent_files()
        self._rebuild_recent_menu()

    def _open_recent(self, path: Path) -> None:
        operations.open_paths(self.session, [path])
        self._rebuild_recent_menu()

    def _print(self, *, preview: bool) -> None:
        """Print (or preview) the side-by-side rows as shown."""
        from tifa.gui import printing

        if self.session.comparison is None:
            return
        self.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
        if preview:
            printing.print_preview(self.side_by_side, self)
        else:
            printing.print_view(self.side_by_side, self)

    def open_guide(self) -> None:
        from tifa.gui.dialogs.guide import GuideDialog

        GuideDialog(self).exec()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Tifa"),
            self.tr("<b>Tifa 提法对读</b> %s<br/>Compare Chinese political documents side by "
                    "side: paragraphs aligned, wording highlighted, formulations tracked.")
            % __version__,
        )

    # -- drag and drop -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            operations.open_paths(self.session, paths)
            self._rebuild_recent_menu()

    # -- the documents panel -------------------------------------------------------------

    def documents_panel_shown(self) -> bool:
        return self.main_split.sizes()[0] > 0

    def toggle_documents_panel(self) -> None:
        """Collapse the documents panel to give the view the room, or bring it back."""
        sizes = self.main_split.sizes()
        total = sum(sizes)
        if sizes[0] > 0:
            self._panel_width = sizes[0]
            self.main_split.setSizes([0, total])
        else:
            width = min(getattr(self, "_panel_width", 0) or self._panel_cap(), self._panel_cap())
            self.main_split.setSizes([width, total - width])
        self._update_panel_button()

    def _panel_cap(self) -> int:
        return max(200, int(self.width() * 0.24))

    def _update_panel_button(self) -> None:
        shown = self.documents_panel_shown()
        self.panel_button.setArrowType(Qt.ArrowType.LeftArrow if shown
                                       else Qt.ArrowType.RightArrow)
        tip = (self.tr("Hide the documents list (Ctrl+Shift+D)") if shown
               else self.tr("Show the documents list (Ctrl+Shift+D)"))
        self.panel_button.setToolTip(tip)
        self.actions_.toggle_documents.setChecked(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._keep_room_for_the_view)

    def _keep_room_for_the_view(self) -> None:
        """In a small window the documents list and the detail pane give way to the view:
        the list to a quarter of the width, the pane to a fifth of the height."""
        sizes = self.main_split.sizes()
        cap = self._panel_cap()
        if len(sizes) == 2 and sizes[0] > cap:
            self.main_split.setSizes([cap, sum(sizes) - cap])
        sizes = self.right.sizes()
        cap = max(90, int(self.height() * 0.2))
        if len(sizes) == 2 and sizes[1] > cap:
            self.right.setSizes([sum(sizes) - cap, cap])
        self._update_panel_button()

    # -- window state --------------------------------------------------------------------

    def _restore_geometry(self, *, use_saved: bool) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry") if use_saved else None
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        split = settings.value("window/split") if use_saved else None
        if isinstance(split, QByteArray):
            self.main_split.restoreState(split)
        else:
            self.main_split.setSizes([330, 1070])
            self.right.setSizes([650, 200])
        self._update_panel_button()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.persist_state:
            settings = QSettings()
            settings.setValue("window/geometry", self.saveGeometry())
            settings.setValue("window/split", self.main_split.saveState())
            operations.save_last_workspace(self.session)
        self.corpus.shutdown()
        self.side_by_side.shutdown()
        self.session.shutdown()
        super().closeEvent(event)

