"""The open documents as a table: title, date, source, script, encoding, warnings.

Rows can be dragged to another place (the column order of the side-by-side view): the drag
carries the row number under Tifa's own MIME type, so files dragged in from outside are not
mistaken for it and still reach the window.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from tifa.engine.export.display import is_problem
from tifa.engine.model import Document
from tifa.gui.labels import script_label
from tifa.gui.models import SORT_ROLE
from tifa.gui.session import Session

Index = QModelIndex | QPersistentModelIndex
ROW_MIME_TYPE = "application/x-tifa-document-row"


class DocumentListModel(QAbstractTableModel):
    TITLE, DATE, SOURCE, SCRIPT, ENCODING, PARAGRAPHS, WARNINGS = range(7)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._session = session
        self._documents: list[Document] = list(session.documents)
        self._pivot: int | None = session.pivot_index()
        session.documents_changed.connect(self._reload)

    def _reload(self) -> None:
        if [d.path for d in self._documents] == [d.path for d in self._session.documents] and (
            self._pivot == self._session.pivot_index()
        ):
            return  # already in step (a row this model moved itself)
        self.beginResetModel()
        self._documents = list(self._session.documents)
        self._pivot = self._session.pivot_index()
        self.endResetModel()

    def document(self, row: int) -> Document:
        return self._documents[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._documents)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    # -- moving rows (drag and drop) -------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land between rows, never on one
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsDragEnabled)

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
        """Move one row to before ``destination_child`` (Qt's convention); the session's
        document order follows, and with it the side-by-side columns."""
        n = len(self._documents)
        if (source_parent.isValid() or destination_parent.isValid() or count != 1
                or not 0 <= source_row < n or not 0 <= destination_child <= n):
            return False
        target = destination_child - 1 if destination_child > source_row else destination_child
        if target == source_row:
            return False
        if not self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(),
                                  destination_child):
            return False
        self._documents.insert(target, self._documents.pop(source_row))
        self._pivot = _moved_index(self._pivot, source_row, target)
        self.endMoveRows()
        self._session.move_to(source_row, target)  # in step already: no model reset follows
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1)
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Title"),
            self.tr("Date"),
            self.tr("Source"),
            self.tr("Script"),
            self.tr("Encoding"),
            self.tr("Paragraphs"),
            self.tr("Warnings"),
        )[section] if 0 <= section < 7 else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._documents):
            return None
        doc = self._documents[index.row()]
        column = index.column()
        is_pivot = index.row() == self._pivot
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self._display(doc, column, is_pivot, sort=role == SORT_ROLE)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(doc, column, is_pivot)
        if role == Qt.ItemDataRole.DecorationRole and column in (self.TITLE, self.WARNINGS) and (
            doc.warnings
        ):  # the badge: on the title too, so it shows in a narrow panel
            problem = any(is_problem(w) for w in doc.warnings)
            icon = (QStyle.StandardPixmap.SP_MessageBoxWarning if problem
                    else QStyle.StandardPixmap.SP_MessageBoxInformation)
            return QApplication.style().standardIcon(icon)
        if role == Qt.ItemDataRole.FontRole and is_pivot and column == self.TITLE:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, doc: Document, column: int, is_pivot: bool, *, sort: bool) -> object:
        if column == self.TITLE:
            title = doc.title or doc.name
            return title if sort or not is_pivot else f"★ {title}"
        if column == self.DATE:
            return doc.date.isoformat() if doc.date else ("" if sort else "—")
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

    def _tooltip(self, doc: Document, column: int, is_pivot: bool) -> str | None:
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
                lines.append(f"• {w.message}{where}")
            return "\n".join(lines)
        parts = [doc.title or doc.name, str(doc.path)]
        if is_pivot:
            parts.append(self.tr("Pivot: the other documents are aligned to this one."))
        return "\n".join(parts)


def _moved_index(index: int | None, source: int, target: int) -> int | None:
    """Where row ``index`` is after the row at ``source`` moved to ``target``."""
    if index is None:
        return None
    if index == source:
        return target
    if source < index <= target:
        return index - 1
    if target <= index < source:
        return index + 1
    return index
