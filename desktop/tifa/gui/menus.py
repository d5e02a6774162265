"""The window's actions (menu entries with shortcuts), created once and re-labelled when the
UI language changes."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

EXPORT_FORMATS = ("html", "docx", "pdf", "csv", "xlsx", "json")


class WindowActions(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

        def make(shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None) -> QAction:
            action = QAction(window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            window.addAction(action)
            return action

        self.open = make(QKeySequence.StandardKey.Open)
        self.open_samples = make()
        self.whole_files = make()
        self.whole_files.setCheckable(True)
        self.open_workspace = make("Ctrl+Shift+O")
        self.save_workspace = make(QKeySequence.StandardKey.Save)
        self.print_preview = make()
        self.print_ = make(QKeySequence.StandardKey.Print)
        self.close_all = make()
        self.quit = make(QKeySequence.StandardKey.Quit)
        self.exports = {fmt: make() for fmt in EXPORT_FORMATS}
        self.undo = make(QKeySequence.StandardKey.Undo)
        self.undo.setEnabled(False)
        self.find = make(QKeySequence.StandardKey.Find)
        self.find_next = make(QKeySequence.StandardKey.FindNext)
        self.find_previous = make(QKeySequence.StandardKey.FindPrevious)
        self.settings = make(QKeySequence.StandardKey.Preferences)
        if self.settings.shortcut().isEmpty():  # an empty QKeySequence is truthy
            self.settings.setShortcut(QKeySequence("Ctrl+,"))
        self.next_difference = make("F7")
        self.previous_difference = make("Shift+F7")
        self.show_side_by_side = make("Ctrl+1")
        self.show_formulations = make("Ctrl+2")
        self.show_similarity = make("Ctrl+3")
        self.show_corpus = make("Ctrl+4")
        self.open_corpus = make()
        self.show_all_documents = make()
        self.pack_unaligned = make()
        self.pack_unaligned.setCheckable(True)
        self.pack_unaligned.setChecked(False)
        self.fold_all = make()
        self.unfold_all = make()
        self.rows_all = make()
        self.rows_differences = make()
        self.rows_shared = make()
        self.row_filter_group = QActionGroup(window)
        for action in (self.rows_all, self.rows_differences, self.rows_shared):
            action.setCheckable(True)
            self.row_filter_group.addAction(action)
        self.rows_all.setChecked(True)
        # View › Colours: what the side-by-side view colours (one of legend.MODES)
        self.colour_menu = QMenu(window)
        self.colour_group = QActionGroup(window)
        self.colour_group.setExclusive(True)
        self.colour_modes: list[QAction] = []
        for _ in range(5):
            action = make()
            action.setCheckable(True)
            self.colour_group.addAction(action)
            self.colour_menu.addAction(action)
            self.colour_modes.append(action)
        self.recompute = make("F5")
        self.toggle_documents = make("Ctrl+Shift+D")
        self.toggle_documents.setCheckable(True)
        self.toggle_documents.setChecked(True)
        self.cancel = make()
        self.guide = make(QKeySequence.StandardKey.HelpContents)
        if self.guide.shortcut().isEmpty():
            self.guide.setShortcut(QKeySequence("F1"))
        self.about = make()

        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(window)
        self.export_menu = QMenu(window)
        self.file_menu.addAction(self.open)
        self.file_menu.addMenu(self.recent_menu)
        self.file_menu.addAction(self.open_samples)
        self.file_menu.addAction(self.whole_files)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_workspace)
        self.file_menu.addAction(self.save_workspace)
        self.file_menu.addAction(self.open_corpus)
        self.file_menu.addSeparator()
        self.file_menu.addMenu(self.export_menu)
        for action in self.exports.values():
            self.export_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.print_preview)
        self.file_menu.addAction(self.print_)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.close_all)
        self.file_menu.addAction(self.quit)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo)
        self.edit_menu.addSeparator()
        for action in (self.find, self.find_next, self.find_previous):
            self.edit_menu.addAction(action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings)
        self.view_menu = bar.addMenu("")
        for action in (self.next_difference, self.previous_difference):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.rows_menu = self.view_menu.addMenu("")
        for action in (self.rows_all, self.rows_differences, self.rows_shared):
            self.rows_menu.addAction(action)
        self.view_menu.addAction(self.fold_all)
        self.view_menu.addAction(self.unfold_all)
        self.view_menu.addSeparator()
        for action in (self.show_side_by_side, self.show_formulations, self.show_similarity,
                       self.show_corpus, self.show_all_documents, self.pack_unaligned):
            self.view_menu.addAction(action)
        self.view_menu.addMenu(self.colour_menu)
        self.view_menu.addAction(self.toggle_documents)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.recompute)
        self.view_menu.addAction(self.cancel)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.guide)
        self.help_menu.addAction(self.about)
        self.retranslate()

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.open.setText(self.tr("&Open…"))
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        self.open_samples.setText(self.tr("Open the &Sample Reports"))
        self.whole_files.setText(self.tr("Read Files of Many Items &Whole"))
        self.whole_files.setToolTip(self.tr(
            "A transcript's day holds many news items: read it as one document instead of "
            "one document per item (applies to files opened from now on)"))
        self.open_workspace.setText(self.tr("Open &Workspace…"))
        self.save_workspace.setText(self.tr("&Save Workspace As…"))
        self.export_menu.setTitle(self.tr("&Export Report"))
        labels = {"html": "HTML…", "docx": "Word (DOCX)…", "pdf": "PDF…", "csv": "CSV…",
                  "xlsx": "Excel (XLSX)…", "json": "JSON…"}
        for fmt, action in self.exports.items():
            action.setText(labels[fmt])
        self.print_preview.setText(self.tr("Print Pre&view…"))
        self.print_.setText(self.tr("&Print…"))
        self.close_all.setText(self.tr("&Close All Documents"))
        self.quit.setText(self.tr("&Quit"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.undo.setText(self.tr("&Undo Removing Documents"))
        self.find.setText(self.tr("&Find…"))
        self.find_next.setText(self.tr("Find &Next"))
        self.find_previous.setText(self.tr("Find &Previous"))
        self.settings.setText(self.tr("&Settings…"))
        self.view_menu.setTitle(self.tr("&View"))
        self.next_difference.setText(self.tr("Next &Difference"))
        self.previous_difference.setText(self.tr("Previous Di&fference"))
        self.show_side_by_side.setText(self.tr("&Side by Side"))
        self.show_formulations.setText(self.tr("F&ormulations"))
        self.show_similarity.setText(self.tr("Si&milarity"))
        self.show_corpus.setText(self.tr("&Corpus"))
        self.open_corpus.setText(self.tr("Open &Corpus…"))
        self.show_all_documents.setText(self.tr("Show &All Documents"))
        self.rows_menu.setTitle(self.tr("Show &Rows"))
        self.rows_all.setText(self.tr("&All Rows"))
        self.rows_differences.setText(self.tr("Only Rows with &Differences"))
        self.rows_shared.setText(self.tr("Only &Shared Wording"))
        self.fold_all.setText(self.tr("F&old All Bands"))
        self.unfold_all.setText(self.tr("&Unfold All Bands"))
        self.pack_unaligned.setText(self.tr("&Pack Unaligned Paragraphs Side by Side"))
        self.colour_menu.setTitle(self.tr("C&olours"))
        from tifa.gui.views.legend import MODES, mode_name

        for mode, action in zip(MODES, self.colour_modes, strict=True):
            action.setText(mode_name(mode))
            action.setData(mode.value)
        self.recompute.setText(self.tr("&Compare Again"))
        self.toggle_documents.setText(self.tr("Documents &List"))
        self.cancel.setText(self.tr("Ca&ncel"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.guide.setText(self.tr("User &Guide"))
        self.about.setText(self.tr("&About Tifa"))

    def set_export_available(self, available: bool, *, compared: bool = True) -> None:
        """Export entries work with the exporter present and a comparison on screen."""
        for action in self.exports.values():
            action.setEnabled(available and compared)
            if not available:
                tip = self.tr("Report export is not available in this build")
            elif not compared:
                tip = self.tr("Compare two or more documents first")
            else:
                tip = ""
            action.setToolTip(tip)
        self.export_menu.setToolTipsVisible(True)
