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

import errno
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tifa.engine.compare.model import Comparison
from tifa.engine.export.fonts import MissingFontError
from tifa.engine.export.view import ReportView, build_view

__all__ = [
    "FORMATS",
    "ExportFormat",
    "MissingFontError",
    "build_view",
    "export",
    "export_many",
    "format_for",
]


def _html(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.html import write_html

    return (write_html(v, p),)


def _docx(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.docx import write_docx

    return (write_docx(v, p),)


def _pdf(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.pdf import write_pdf

    return (write_pdf(v, p),)


def _xlsx(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.tables import write_xlsx

    return (write_xlsx(c, v, p),)


def _csv(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.export.tables import write_csv

    return write_csv(v, p)


def _json(c: Comparison, v: ReportView, p: Path) -> tuple[Path, ...]:
    from tifa.engine.compare.report import write_report

    write_report(c, p)
    return (p,)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    name: str
    suffix: str  # "" for a directory
    description: str  # for file dialogs and --help
    write: Callable[[Comparison, ReportView, Path], tuple[Path, ...]]

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
        ExportFormat("csv", "", "CSV files in a folder (formulations, similarity)", _csv),
        ExportFormat("json", ".json", "JSON report (machine-readable)", _json),
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
) -> tuple[Path, ...]:
    """Write ``comparison`` to ``path`` and return the files written.

    ``format`` is one of ``FORMATS`` (default: from the suffix). Pass a ``view`` already built
    with ``build_view`` to export several formats without rebuilding it. Raises ``ValueError``
    for an unknown format and ``MissingFontError`` for a PDF on a computer without a Chinese
    font; ``OSError`` when the file cannot be written.
    """
    chosen = format_for(path, format)
    target = Path(path)
    if not chosen.is_directory:
        folder = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
        if folder is not None and not folder.is_dir():  # mkdir would say "File exists"
            raise NotADirectoryError(errno.ENOTDIR, "a file is in the way of the folder",
                                     str(folder))
        target.parent.mkdir(parents=True, exist_ok=True)
    if view is None:
        view = build_view(comparison)  # milliseconds, even for 31 documents
    return chosen.write(comparison, view, target)


def export_many(
    comparison: Comparison, targets: Mapping[str, Path | str]
) -> dict[str, tuple[tuple[Path, ...], float]]:
    """Export to several formats, building the view once. Returns, per format, the files
    written and the seconds it took."""
    view = build_view(comparison)
    out: dict[str, tuple[tuple[Path, ...], float]] = {}
    for name, path in targets.items():
        start = time.perf_counter()
        paths = export(comparison, path, format=name, view=view)
        out[name] = (paths, time.perf_counter() - start)
    return out
