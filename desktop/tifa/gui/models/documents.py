"""The open documents as a table: title, date, source, script, encoding, warnings.

A ``QStandardItemModel``: the cells' texts, icons and tooltips live in C++, so painting the
list calls no Python. That matters while a comparison runs: every Python call from the GUI
thread waits for the GIL the worker holds, and a Python ``data()`` asked ~1000 times per paint
froze the window for most of a second after 31 documents were read.

Rows can be dragged to another place (the column order of the side-by-side view): the drag
carries the row number under Tifa's own MIME type, so files dragged in from outside are not
mistaken for it and still reach the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from tifa.engine.compare.vocabulary import short_labels
from tifa.engine.export.display import is_problem
from tifa.engine.model import Document
from tifa.gui.labels import script_label
from tifa.gui.localize import date_text, warning_text
from tifa.gui.models import SORT_ROLE
from tifa.gui.plain import tooltip
from tifa.gui.session import Session

Index = QModelIndex | QPersistentModelIndex
ROW_MIME_TYPE = "application/x-tifa-document-row"
_ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemIsDragEnabled)  # not drop-enabled: drops go between rows


class DocumentListModel(QStandardItemModel):
    TITLE, DATE, SOURCE, SCRIPT, ENCODING, PARAGRAPHS, WARNINGS = range(7)
    row_moved = Signal(int)  # a row was dragged here (its new row number)

    def __init__(self, session: Session) -> None:
        super().__init__(0, 7, session)
        self._session = session
        self._documents: list[Document] = []
        self._pivot: int | None = None
        self.invisibleRootItem().setFlags(Qt.ItemFlag.ItemIsDropEnabled)
        self.setSortRole(SORT_ROLE)  # dates sort as ISO dates, shown as the UI writes them
        self.retranslate()
        self._reload(force=True)
        session.documents_changed.connect(self._reload)

    def retranslate(self) -> None:
        """Header labels and every cell's words again (the panel calls this when the UI
        language changed: models get no LanguageChange event)."""
        self.setHorizontalHeaderLabels([
            self.tr("Title"), self.tr("Date"), self.tr("Source"), self.tr("Script"),
            self.tr("Encoding"), self.tr("Paragraphs"), self.tr("Warnings"),
        ])
        if self._documents:
            self._reload(force=True)

    def _reload(self, force: bool = False) -> None:
        documents = list(self._session.documents)
        pivot = self._session.pivot_index()
        if not force and [d.path for d in documents] == [d.path for d in self._documents] and (
            pivot == self._pivot
        ):
            return  # nothing this list shows changed
        self.beginResetModel()
        self.blockSignals(True)  # one reset, not a signal per cell
        try:
            self._documents, self._pivot = documents, pivot
            self.setRowCount(0)
            labels = short_labels(documents)  # A, B… (+ file stem when titles coincide)
            badges: dict[bool, QIcon] = {}  # looked up once a reload, not once a document
            for row, doc in enumerate(documents):
                self.appendRow(self._items(doc, row == pivot, labels[row], badges))
        finally:
            self.blockSignals(False)
        self.endResetModel()

    def document(self, row: int) -> Document:
        return self._documents[row]

    # -- cells -------------------------------------------------------------------------

    def _items(self, doc: Document, is_pivot: bool, label: str = "",
               badges: dict[bool, QIcon] | None = None) -> list[QStandardItem]:
        """The row's cells. 300 documents are listed at once when read (the window waits):
        what every column shares is worked out once (the tooltip of the plain columns; the
        badge, once per ``badges``)."""
        items = []
        icon = None
        if doc.warnings:  # the badge: on the title too, so it shows in a narrow panel
            problem = any(is_problem(w) for w in doc.warnings)
            icon = (badges or {}).get(problem)
            if icon is None:
                icon = QApplication.style().standardIcon(
                    QStyle.StandardPixmap.SP_MessageBoxWarning if problem
                    else QStyle.StandardPixmap.SP_MessageBoxInformation)
                if badges is not None:
                    badges[problem] = icon
        tips: dict[str, str] = {}  # the tooltip text → as shown (the plain columns share one)
        plain_tip = self._tooltip(doc, self.DATE, is_pivot)  # the same for every plain column
        for column in range(7):
            item = QStandardItem()
            item.setFlags(_ITEM_FLAGS)
            shown = self._display(doc, column, is_pivot, sort=False)
            if column == self.TITLE and label:
                shown = f"{label}  {shown}" if not is_pivot else f"★ {label}  {shown[2:]}"
            item.setData(shown, Qt.ItemDataRole.DisplayRole)
            item.setData(self._display(doc, column, is_pivot, sort=True), SORT_ROLE)
            tip = (self._tooltip(doc, column, is_pivot)
                   if column in (self.TITLE, self.WARNINGS) else plain_tip)
            if label and column == self.TITLE:
                tip = f"{label}: {tip}"
            shown_tip = tips.get(tip)
            if shown_tip is None:
                shown_tip = tips[tip] = tooltip(tip)
            item.setToolTip(shown_tip)
            if icon is not None and column in (self.TITLE, self.WARNINGS):
                item.setIcon(icon)
            if is_pivot and column == self.TITLE:
                font = QFont()
                font.setBold(True)
                item.setFont(font)
            items.append(item)
        return items

    def _display(self, doc: Document, column: int, is_pivot: bool, *, sort: bool) -> object:
        if column == self.TITLE:
            title = doc.title or doc.name
            return title if sort or not is_pivot else f"★ {title}"
        if column == self.DATE:
            if sort:  # the ISO date sorts as dates do; shown as the UI language writes it
                return doc.date.isoformat() if doc.date else ""
            return date_text(doc.date) or "—"
        if column == self.SOURCE:
            return doc.source or ("" if sort else "—")
        if column == self.SCRIPT:
            return script_label(doc.script)
        if column == self.ENCODING:
            return doc.encoding
        if column == self.PARAGRAPHS:
            return len(doc.paragraphs)
        if column == self.WARNINGS:
            count = len(doc.warnings)
            return count if sort else (str(count) if count else "")
        return None

    def _tooltip(self, doc: Document, column: int, is_pivot: bool) -> str:
        if column == self.WARNINGS and not doc.warnings:
            return self.tr("No warnings")
        if column in (self.WARNINGS, self.TITLE) and doc.warnings:
            lines = [doc.title or doc.name] if column == self.TITLE else []
            for w in doc.warnings:
                where = ""
                if w.positions:
                    paragraphs = sorted({p + 1 for p, _ in w.positions})
                    shown = ", ".join(str(p) for p in paragraphs[:12])
                    more = "…" if len(paragraphs) > 12 else ""
                    where = " " + self.tr("(paragraphs %s)") % (shown + more)
                lines.append(f"• {warning_text(w)}{where}")
            return "\n".join(lines)
        parts = [doc.title or doc.name, str(doc.path), *self._credits(doc)]
        if is_pivot:
            parts.append(self.tr("Pivot: the other documents are aligned to this one."))
        return "\n".join(parts)

    def _credits(self, doc: Document) -> list[str]:
        """Who and when, as the document states them (source, author, editor, date)."""
        extra = dict(doc.extra)
        shown = [
            (self.tr("Date"), date_text(doc.date)),
            (self.tr("Source"), doc.source or ""),
            (self.tr("Author"), doc.author or ""),
            (self.tr("Editor"), extra.get("editor", "")),
            (self.tr("Item"), extra.get("item", "")),
        ]
        return [f"{label}: {value}" for label, value in shown if value]

    # -- moving rows (drag and drop) -------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            data.setData(ROW_MIME_TYPE, QByteArray(str(rows[0]).encode("ascii")))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        return data.hasFormat(ROW_MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(ROW_MIME_TYPE).data()).decode("ascii"))
        except ValueError:
            return False
        if row < 0:  # dropped below the last row (or on the empty area)
            row = parent.row() if parent.isValid() else self.rowCount()
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)

    def moveRows(self, source_parent: Index, source_row: int, count: int,
                 destination_parent: Index, destination_child: int) -> bool:
        """Move one row to before ``destination_child`` (Qt's convention). The session's
        document order changes, and with it the side-by-side columns; this model follows
        it (a reset of a few rows) and says where the row went (``row_moved``)."""
        n = len(self._documents)
        if (source_parent.isValid() or destination_parent.isValid() or count != 1
                or not 0 <= source_row < n or not 0 <= destination_child <= n):
            return False
        target = destination_child - 1 if destination_child > source_row else destination_child
        if target == source_row:
            return False
        self._session.move_to(source_row, target)
        self.row_moved.emit(target)
        return True
