"""Print and print preview of the side-by-side view: the rows shown (bands folded as on
screen, the row filter applied) and the columns on screen, each cell with the colours the
view paints (the delegate's highlighted text), as one HTML table."""

from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from tifa.engine.compare.rowlayout import RowRole
from tifa.gui.views.side_by_side import SideBySideView

translate = QCoreApplication.translate
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)
TEXT_WIDTH = 320  # pixels per column the cells are laid out at for print


def _cell_html(view: SideBySideView, row: int, column: int) -> str:
    model = view.alignment
    cell = model.cell(row, column)
    if not cell.paragraphs:
        return ""
    document = model.document_at(column)
    html = view.cell_delegate.text_document(cell, document, TEXT_WIDTH).toHtml()
    found = _BODY.search(html)
    return found.group(1) if found else escape(cell.text)


def side_by_side_html(view: SideBySideView) -> str:
    """The view's shown rows and on-screen columns as an HTML document."""
    model = view.alignment
    columns = list(view.visible_columns())
    comparison = model.comparison
    head = "".join(
        f"<th>{escape(str(model.headerData(c, Qt.Orientation.Horizontal) or ''))}</th>"
        for c in columns
    ).replace("\n", "<br/>")
    rows = []
    for r in range(model.rowCount()):
        number = escape(str(model.headerData(r, Qt.Orientation.Vertical) or ""))
        if model.is_header(r):
            label = escape(model.band_label(r))
            rows.append(f'<tr><td class="n">{number}</td>'
                        f'<td class="band" colspan="{len(columns)}">{label}</td></tr>')
            continue
        shade = ' class="only"' if model.role_at(r) is RowRole.UNALIGNED else ""
        cells = "".join(f'<td{shade}>{_cell_html(view, r, c)}</td>' for c in columns)
        rows.append(f'<tr><td class="n">{number}</td>{cells}</tr>')
    title = ""
    if comparison is not None:
        title = escape(translate("printing", "Tifa — %1 documents side by side").replace(
            "%1", str(len(columns))))
    style = ("table{border-collapse:collapse} td,th{border:1px solid #bbb;padding:4px;"
             "vertical-align:top} th{background:#eef1f4;text-align:left}"
             " td.band{background:#e8ecf1;font-weight:bold} td.only{background:#fafbfc}"
             " td.n{color:#888;font-size:small}")
    return (f"<html><head><meta charset='utf-8'/><style>{style}</style></head><body>"
            f"<h3>{title}</h3><table width='100%'><tr><th></th>{head}</tr>"
            f"{''.join(rows)}</table></body></html>")


def render(view: SideBySideView, printer: QPrinter) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(side_by_side_html(view))
    document.print_(printer)
    return document


def print_preview(view: SideBySideView, parent: QWidget) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda p: render(view, p))
    dialog.exec()


def print_view(view: SideBySideView, parent: QWidget) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        render(view, printer)
