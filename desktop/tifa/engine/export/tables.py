"""Spreadsheets: the formulations table and the similarity matrices, as CSV files and as XLSX.

CSV is written ``utf-8-sig`` (a byte-order mark) because Excel otherwise reads UTF-8 Chinese
as mojibake. The XLSX has a styled, frozen header row and a colour scale on each similarity
sheet, so it is readable as soon as it opens. Document text is never a formula: CSV cells that
start like one get an apostrophe, XLSX cells are typed as strings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tifa.engine.atomic import atomic_write_text, ensure_folder
from tifa.engine.compare.model import Comparison, FormulationStatus
from tifa.engine.compare.rowlayout import notable_shared, shared_count
from tifa.engine.export.i18n import metric_name
from tifa.engine.export.view import Colour, ReportView, heat_colour, status_labels
from tifa.engine.safe_text import inert_cell, starts_like_formula

Cell = str | int | float | None
Table = tuple[list[str], list[list[Cell]]]


def _doc_header(view: ReportView, index: int) -> str:
    d = view.doc(index)
    return f"{d.label} {d.title}"


def documents_table(view: ReportView) -> Table:
    keys: list[str] = []
    for d in view.documents:
        for key, _ in d.fields:
            if key not in keys:
                keys.append(key)
    _ = view.tr
    header = [_("label"), _("pivot"), *map(_, keys), _("warnings")]
    rows: list[list[Cell]] = []
    for d in view.documents:
        values = dict(d.fields)
        if d.iso_date:  # a spreadsheet sorts and reads 2022-07-21 as a date, in any language
            values["date"] = d.iso_date
        warnings = _("; ").join(f"{w.shown_code}{_(': ')}{w.message}" for w in d.warnings)
        rows.append([d.label, _("yes") if d.is_pivot else "",
                     *(values.get(k, "") for k in keys), warnings])
    return header, rows


def formulations_table(view: ReportView) -> Table:
    """One row per formulation: its data, then per document a count and a status column."""
    _ = view.tr
    header = [_("formulation"), _("category"), _("origin"), _("first year"), _("gloss"),
              _("variants")]
    for d in view.documents:
        header.append(_("count {document}").format(document=_doc_header(view, d.index)))
    for d in view.documents:
        if not d.is_pivot:
            header.append(_("status {label} vs pivot {pivot}").format(
                label=d.label, pivot=view.doc(view.pivot).label))
    labels = status_labels(view.lang)
    rows: list[list[Cell]] = []
    for f in view.formulations:
        row: list[Cell] = [f.phrase, _(f.category), _(f.origin), f.first_year, f.gloss,
                           "、".join(f.variants)]
        row.extend(c.count for c in f.cells)
        row.extend(labels[c.status] for c in f.cells if c.status is not None)
        rows.append(row)
    return header, rows


def similarity_table(view: ReportView, metric_index: int) -> Table:
    """The matrix in clustering order, labelled on both axes."""
    h = view.heatmaps[metric_index]
    header = [metric_name(h.metric, view.lang), *(_doc_header(view, j) for j in h.order)]
    rows: list[list[Cell]] = []
    for i, cells in zip(h.order, h.cells, strict=True):
        rows.append([_doc_header(view, i), *(round(c.value, 4) for c in cells)])
    return header, rows


def pairs_table(comparison: Comparison, view: ReportView) -> Table:
    """Every pair, most similar first (the HTML shows only the most similar); links, shared
    passages and the paragraph pairs holding them (counted as the report's pair table and the
    window's shared section count them) for the pairs computed in full (all of a small
    comparison; with many documents the pivot's and those looked at), left empty for the
    others."""
    _ = view.tr
    header = [_("a"), _("b"), *(metric_name(m.metric, view.lang) for m in comparison.similarities),
              _("links"), _("shared passages"), _("paragraph pairs")]
    rows: list[list[Cell]] = []
    for a, b, _ in comparison.ranked_pairs():
        counts: list[Cell] = [None, None, None]
        if comparison.pair_ready(a, b):
            p = comparison.pair(a, b)
            shown = shared_count(notable_shared(p))  # as the report's and the window's
            counts = [len(p.links), shown.passages, shown.paragraph_pairs]
        rows.append([view.doc(a).label, view.doc(b).label,
                     *(round(m.at(a, b), 4) for m in comparison.similarities), *counts])
    return header, rows


def _safe_name(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)


def _csv_outputs(view: ReportView) -> list[tuple[str, Table]]:
    outputs: list[tuple[str, Table]] = [("formulations.csv", formulations_table(view))]
    for k, h in enumerate(view.heatmaps):
        outputs.append((f"similarity-{_safe_name(h.metric)}.csv", similarity_table(view, k)))
    outputs.append(("documents.csv", documents_table(view)))
    return outputs


def csv_files(view: ReportView, directory: Path) -> tuple[Path, ...]:
    """The files ``write_csv`` writes in ``directory``."""
    return tuple(directory / name for name, _ in _csv_outputs(view))


def write_csv(view: ReportView, directory: Path) -> tuple[Path, ...]:
    """``formulations.csv``, ``similarity-<metric>.csv`` and ``documents.csv`` in
    ``directory`` (created). Each file is written whole or not at all; text a spreadsheet
    would take for a formula starts with an apostrophe (OWASP, "CSV injection")."""
    ensure_folder(directory)
    written = []
    for name, (header, rows) in _csv_outputs(view):
        path = directory / name
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow([inert_cell(v) for v in header])
        writer.writerows([inert_cell("" if v is None else v) for v in row] for row in rows)
        atomic_write_text(path, buffer.getvalue(), encoding="utf-8-sig")
        written.append(path)
    return tuple(written)


_HEADER_FONT = Font(bold=True, color=Colour.HEADER_INK.value)
_HEADER_FILL = PatternFill("solid", fgColor=Colour.HEADER.value)


def _append(sheet: Worksheet, values: Sequence[Cell]) -> None:
    """A row whose text cells stay text: openpyxl stores a string starting with ``=`` as a
    formula, so every string cell is typed as a string, and one that starts like a formula
    gets Excel's quote prefix (it stays text when edited)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if starts_like_formula(cell.value):
                cell.quotePrefix = True


def _sheet(book: Workbook, title: str, table: Table, widths: Sequence[float]) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    header, rows = table
    _append(sheet, header)
    for row in rows:
        _append(sheet, row)
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "B2"
    for k in range(len(header)):
        width = widths[k] if k < len(widths) else widths[-1]
        sheet.column_dimensions[get_column_letter(k + 1)].width = width
    return sheet


def write_xlsx(comparison: Comparison, view: ReportView, path: Path) -> Path:
    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)

    _ = view.tr
    forms = _sheet(book, _("Formulations"), formulations_table(view),
                   (26, 12, 11, 9, 30, 24, 10))
    labels = status_labels(view.lang)
    status_fills = {
        labels[FormulationStatus.SHARED]: Colour.STATUS_SHARED,
        labels[FormulationStatus.NEW]: Colour.STATUS_NEW,
        labels[FormulationStatus.DROPPED]: Colour.STATUS_DROPPED,
        labels[FormulationStatus.VARIANT]: Colour.STATUS_VARIANT,
    }
    for row in forms.iter_rows(min_row=2, min_col=7 + len(view.documents)):
        for cell in row:
            colour = status_fills.get(str(cell.value))
            if colour is not None:
                cell.fill = PatternFill("solid", fgColor=colour.value)

    n = len(view.documents)
    for k, h in enumerate(view.heatmaps):
        name = _("Similarity {metric}").format(metric=metric_name(h.metric, view.lang))
        sheet = _sheet(book, name[:31], similarity_table(view, k), (34, 12))
        last = f"{get_column_letter(n + 1)}{n + 1}"
        sheet.conditional_formatting.add(
            f"B2:{last}",
            # the report's scale over the range its heatmap spans (the diagonal's 1.00 takes
            # the end colour), stopped at mid-blue so black numbers stay readable
            ColorScaleRule(start_type="num", start_value=round(h.low, 4),
                           start_color=heat_colour(0.0), end_type="num",
                           end_value=round(h.high, 4), end_color=heat_colour(0.55)),
        )
        for row in sheet.iter_rows(min_row=2, min_col=2):
            for cell in row:
                cell.number_format = "0.00"

    _sheet(book, _("Pairs"), pairs_table(comparison, view), (8, 8, 14))
    _sheet(book, _("Documents"), documents_table(view), (8, 8, 28, 36, 12, 20))
    book.properties.title = view.title
    book.properties.creator = f"Tifa {view.version}"
    book.save(path)
    return path
