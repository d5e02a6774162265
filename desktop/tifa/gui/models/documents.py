"""The open documents as a table: title, date, source, script, encoding, warnings."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from tifa.engine.model import Document
from tifa.gui.labels import script_label
from tifa.gui.models import SORT_ROLE
from tifa.gui.session import Session

Index = QModelIndex | QPersistentModelIndex


class DocumentListModel(QAbstractTableModel):
    TITLE, DATE, SOURCE, SCRIPT, ENCODING, PARAGRAPHS, WARNINGS = range(7)

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self._session = session
        self._documents: list[Document] = list(session.documents)
        self._pivot: int | None = session.pivot_index()
        session.documents_changed.connect(self._reload)

    def _reload(self) -> None:
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
        if role == Qt.ItemDataRole.DecorationRole and column == self.WARNINGS and doc.warnings:
            style = QApplication.style()
            return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
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
        if column == self.WARNINGS:
            if not doc.warnings:
                return self.tr("No warnings")
            lines = []
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
