"""Reports people can send on, made from a ``Comparison``: HTML, DOCX, PDF, XLSX, CSV, JSON.

Every format renders the same view-model (``view.build_view``), so they show the same
sections: documents with metadata and warnings, similarity heatmap and pairs, formulations with
a status per document, the side-by-side table with word-level highlights, and the settings.

    export(comparison, "report.html")            # format from the suffix
    export(comparison, "tables/", format="csv")   # CSV: a directory of files
    export_many(comparison, {"pdf": "r.pdf", "xlsx": "r.xlsx"})  # one view for all

No Qt here; the GUI calls this on a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tifa.engine.atomic import (
    OutputIsInputError,
    atomic_path,
    ensure_folder,
    refuse_inputs,
)
from tifa.engine.compare.model import Comparison
from tifa.engine.export.fonts import MissingFontError

if TYPE_CHECKING:
    from tifa.engine.export.view import ReportView


def build_view(comparison: Comparison, lang: str = "en") -> ReportView:
    """``view.build_view``, loaded when a format needs it (the JSON report does not).
    ``lang``: the language of the report's own words, "en" or "zh" (``export.i18n``)."""
    from tifa.engine.export.view import build_view as build

    return build(comparison, lang=lang)


def _need(view: ReportView | None) -> ReportView:
    if view is None:
        raise ValueError("this format is rendered from the report view")
    return view

__all__ = [
    "FORMATS",
    "ExportFailures",
    "ExportFormat",
    "MissingFontError",
    "OutputIsInputError",
    "build_view",
    "export",
    "export_many",
    "format_for",
]


def _html(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.html import write_html

    with atomic_path(p) as temporary:
        write_html(_need(v), temporary)
    return (p,)


def _docx(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.docx import write_docx

    with atomic_path(p) as temporary:
        write_docx(_need(v), temporary)
    return (p,)


def _pdf(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.pdf import write_pdf

    with atomic_path(p) as temporary:
        write_pdf(_need(v), temporary)
    return (p,)


def _xlsx(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.tables import write_xlsx

    with atomic_path(p) as temporary:
        write_xlsx(c, _need(v), temporary)
    return (p,)


def _csv(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.tables import write_csv

    return write_csv(_need(v), p)  # each file written atomically


def _json(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.compare.report import write_report

    write_report(c, p)  # streamed into a temporary file, renamed when complete
    return (p,)


def _files(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    return (p,)


def _csv_files(c: Comparison, v: ReportView | None, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.tables import csv_files

    return csv_files(_need(v), p)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    suffix: str  # "" for a directory
    description: str  # for file dialogs and --help
    write: Callable[[Comparison, ReportView | None, Path], tuple[Path, ...]]
    # the files ``write`` would write (to check none is an input before writing)
    files: Callable[[Comparison, ReportView | None, Path], tuple[Path, ...]] = _files
    needs_view: bool = True  # rendered from ``build_view`` (all but JSON)

    @property
    def is_directory(self) -> bool:
        return self.suffix == ""


FORMATS: Mapping[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("html", ".html", "HTML report (one self-contained file)", _html),
        ExportFormat("docx", ".docx", "Word document", _docx),
        ExportFormat("pdf", ".pdf", "PDF document", _pdf),
        ExportFormat("xlsx", ".xlsx", "Excel workbook (formulations, similarity)", _xlsx),
        ExportFormat("csv", "", "CSV files in a folder (formulations, similarity)", _csv,
                     _csv_files),
        ExportFormat("json", ".json", "JSON report (machine-readable)", _json, needs_view=False),
    )
}

_SUFFIXES = {".htm": "html", **{f.suffix: f.name for f in FORMATS.values() if f.suffix}}


def format_for(path: Path | str, format: str | None = None) -> ExportFormat:
    """The format named, or the one the path's suffix implies (a folder means CSV)."""
    if format is not None:
        try:
            return FORMATS[format.lower().lstrip(".")]
        except KeyError:
            raise ValueError(
                f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}"
            ) from None
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return FORMATS[_SUFFIXES[suffix]]
    if suffix == ".csv":
        raise ValueError("CSV export writes several files: give a folder, not a .csv file")
    if suffix == "" or path.is_dir():
        return FORMATS["csv"]
    raise ValueError(f"cannot tell the export format of {path.name!r}; "
                     f"use one of {', '.join(sorted(_SUFFIXES))} or a folder for CSV")


def export(
    comparison: Comparison,
    path: Path | str,
    *,
    format: str | None = None,
    view: ReportView | None = None,
    lang: str = "en",
) -> tuple[Path, ...]:
    """Write ``comparison`` to ``path`` and return the files written.

    ``format`` is one of ``FORMATS`` (default: from the suffix). Pass a ``view`` already built
    with ``build_view`` to export several formats without rebuilding it. Raises ``ValueError``
    for an unknown format, ``OutputIsInputError`` (a ``ValueError``) when a file to write is
    one of the comparison's documents, ``MissingFontError`` for a PDF on a computer without a
    Chinese font; ``OSError`` when the file cannot be written. Every file is written to a
    temporary file first and renamed over the target when complete: a failure leaves the old
    file as it was. ``lang`` ("en" or "zh") is the language of the report's own words
    (headings, keys, legends, settings, CSV headers); the JSON report is the same in both.
    """
    chosen = format_for(path, format)
    target = Path(path)
    if not chosen.is_directory:
        ensure_folder(target.parent)
    if view is None and chosen.needs_view:
        view = build_view(comparison, lang)  # milliseconds, even for 31 documents
    refuse_inputs(chosen.files(comparison, view, target), (d.path for d in comparison.documents))
    return chosen.write(comparison, view, target)


class ExportFailures(Exception):
    """Raised by ``export_many`` after it tried every format, when some could not be written.
    ``failures`` maps each format that failed to its error, ``written`` has the others."""

    def __init__(self, failures: Mapping[str, Exception],
                 written: Mapping[str, tuple[tuple[Path, ...], float]]) -> None:
        self.failures = dict(failures)
        self.written = dict(written)
        super().__init__("; ".join(f"{name}: {error}" for name, error in failures.items()))


def export_many(
    comparison: Comparison, targets: Mapping[str, Path | str], *, lang: str = "en"
) -> dict[str, tuple[tuple[Path, ...], float]]:
    """Export to several formats, building the view once. Returns, per format, the files
    written and the seconds it took. A format that fails does not stop the others: once all
    were tried, ``ExportFailures`` lists what failed (and what was written)."""
    view: ReportView | None = None
    out: dict[str, tuple[tuple[Path, ...], float]] = {}
    failures: dict[str, Exception] = {}
    for name, path in targets.items():
        start = time.perf_counter()
        try:
            if view is None and format_for(path, name).needs_view:
                view = build_view(comparison, lang)
            paths = export(comparison, path, format=name, view=view, lang=lang)
        except Exception as error:  # reported with the others, then raised
            failures[name] = error
            continue
        out[name] = (paths, time.perf_counter() - start)
    if failures:
        raise ExportFailures(failures, out)
    return out
