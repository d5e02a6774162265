"""The Word report (python-docx): the HTML report's sections, with Chinese fonts Word honours.

python-docx's ``font.name`` sets only the Latin fonts, so every run and the Normal and heading
styles get ``w:rFonts/@w:eastAsia`` and ``w:lang/@w:eastAsia`` explicitly. Runs are built as
XML directly (in the schema's element order): a 31-document report has tens of thousands of
them and python-docx's property setters would make it slow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from tifa.engine.export.view import (
    Colour,
    ReportView,
    Segment,
    chunked,
)

#: East Asian fonts by language tag: the faces Word on Windows and macOS ships, which WPS and
#: LibreOffice map to their own equivalents.
EAST_ASIAN_FONTS = {"zh-Hans": "SimSun", "zh-Hant": "PMingLiU"}
UI_EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
WORD_LANG = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}

#: Most documents' status columns in one formulations table before it is split.
FORMULATION_COLUMNS = 16

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# A4 landscape less margins.
_LANDSCAPE_WIDTH_MM = 297 - 2 * 12
_PORTRAIT_WIDTH_MM = 210 - 2 * 15


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def _set_fonts(rpr: Any, east_asia: str, lang: str) -> None:
    """Give a style's run properties Latin and East Asian fonts and a language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:eastAsia"), lang)


def _run(
    text: str,
    *,
    lang: str = "zh-Hans",
    east_asia: str | None = None,
    bold: bool = False,
    size: float | None = None,
    colour: str | None = None,
    fill: str | None = None,
    underline: str | None = None,
) -> Any:
    """A ``w:r`` element with its properties in schema order
    (rFonts, b, color, sz, szCs, u, shd, lang)."""
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:eastAsia"), east_asia or EAST_ASIAN_FONTS[lang])
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
    if colour:
        el = OxmlElement("w:color")
        el.set(qn("w:val"), colour)
        rpr.append(el)
    if size:
        for tag in ("w:sz", "w:szCs"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), str(round(size * 2)))
            rpr.append(el)
    if underline:
        el = OxmlElement("w:u")
        el.set(qn("w:val"), "thick")
        el.set(qn("w:color"), underline)
        rpr.append(el)
    if fill:
        el = OxmlElement("w:shd")
        el.set(qn("w:val"), "clear")
        el.set(qn("w:color"), "auto")
        el.set(qn("w:fill"), fill)
        rpr.append(el)
    el = OxmlElement("w:lang")
    el.set(qn("w:eastAsia"), WORD_LANG[lang])
    rpr.append(el)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = _clean(text)
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def _add_runs(paragraph: Any, runs: Iterable[Any]) -> None:
    p = paragraph._p
    for r in runs:
        p.append(r)


def _segment_run(s: Segment, lang: str, size: float) -> Any:
    background = s.background
    return _run(
        s.text,
        lang=lang,
        size=size,
        fill=background.value if background else None,
        underline=Colour.FORMULATION.value if s.formulation is not None else None,
        colour=Colour.FLAGGED.value if s.flagged is not None else None,
    )


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _set_widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _text_cell(cell: Any, text: str, *, lang: str = "zh-Hans", bold: bool = False,
               size: float = 9, colour: str | None = None, east_asia: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    _add_runs(paragraph, [_run(text, lang=lang, bold=bold, size=size, colour=colour,
                               east_asia=east_asia)])


def _header_row(table: Table, labels: Sequence[str], *, size: float = 9) -> None:
    row = table.rows[0]
    for cell, label in zip(row.cells, labels, strict=True):
        _shade(cell, Colour.HEADER.value)
        _text_cell(cell, label, bold=True, size=size, colour=Colour.HEADER_INK.value,
                   east_asia=UI_EAST_ASIAN_FONT)
    _repeat_header(row)


def _new_table(document: Any, columns: int) -> Any:
    table = document.add_table(rows=1, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    return table


def _heading(document: Any, text: str, level: int) -> None:
    paragraph = document.add_heading(level=level)
    _add_runs(paragraph, [_run(text, east_asia=UI_EAST_ASIAN_FONT)])


def _plain(document: Any, text: str, *, size: float = 9, colour: str | None = "5f6b7a") -> None:
    paragraph = document.add_paragraph()
    _add_runs(paragraph, [_run(text, size=size, colour=colour, east_asia=UI_EAST_ASIAN_FONT)])


def _setup_styles(document: Any) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        _set_fonts(rpr, EAST_ASIAN_FONTS["zh-Hans"] if name == "Normal" else UI_EAST_ASIAN_FONT,
                   WORD_LANG["zh-Hans"])
    document.styles["Normal"].font.size = Pt(10)


def _landscape(document: Any) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = section.bottom_margin = Mm(12)


def _documents(document: Any, view: ReportView) -> None:
    _heading(document, "Documents", 1)
    for d in view.documents:
        pivot = " (pivot)" if d.is_pivot else ""
        paragraph = document.add_paragraph()
        _add_runs(paragraph, [
            _run(f"{d.label}{pivot}  ", bold=True, east_asia=UI_EAST_ASIAN_FONT),
            _run(d.title, lang=d.lang, bold=True),
        ])
        table = _new_table(document, 2)
        table.rows[0]._tr.getparent().remove(table.rows[0]._tr)
        for key, value in d.fields:
            cells = table.add_row().cells
            _text_cell(cells[0], key, size=8.5, colour="5f6b7a", east_asia=UI_EAST_ASIAN_FONT)
            _text_cell(cells[1], value, lang=d.lang, size=8.5)
        for w in d.warnings:
            cells = table.add_row().cells
            where = f" ({w.positions} places, marked in red in the text)" if w.positions else ""
            _text_cell(cells[0], "warning", size=8.5, colour=Colour.FLAGGED.value,
                       east_asia=UI_EAST_ASIAN_FONT)
            _text_cell(cells[1], f"{w.code}: {w.message}{where}", size=8.5,
                       colour=Colour.FLAGGED.value, east_asia=UI_EAST_ASIAN_FONT)
        _set_widths(table, (30, _PORTRAIT_WIDTH_MM - 30))


def _similarity(document: Any, view: ReportView, width_mm: float) -> None:
    _heading(document, "Similarity", 1)
    _plain(document, "Documents in hierarchical-clustering order; 1.00 = identical wording. "
                     "Cell colour on a fixed 0–1 scale.")
    n = len(view.documents)
    size = 8 if n <= 12 else 6
    for h in view.heatmaps:
        _heading(document, h.metric, 2)
        table = _new_table(document, n + 1)
        _header_row(table, ["", *(view.doc(j).label for j in h.order)], size=size)
        for i, row in zip(h.order, h.cells, strict=True):
            cells = table.add_row().cells
            d = view.doc(i)
            _text_cell(cells[0], f"{d.label} {d.short_title}", lang=d.lang, size=size)
            for cell, c in zip(cells[1:], row, strict=True):
                _shade(cell, c.fill)
                _text_cell(cell, c.text if n <= 20 else f"{c.value * 100:.0f}", size=size,
                           colour=c.ink)
        first = min(45.0, width_mm * 0.3)
        _set_widths(table, (first, *([(width_mm - first) / n if n > 6 else 16.0] * n)))
    if view.pairs:
        many = len(view.pairs) < view.pairs_total
        title = (f"The {len(view.pairs)} most similar of {view.pairs_total} pairs" if many
                 else "Pairs")
        _heading(document, title, 2)
        table = _new_table(document, 3 + len(view.metrics))
        _header_row(table, ["pair", *view.metrics, "shared passages", "most distinctive shared"])
        for p in view.pairs:
            cells = table.add_row().cells
            _text_cell(cells[0], f"{view.doc(p.a).label}–{view.doc(p.b).label}", size=8.5)
            for cell, s in zip(cells[1:], p.similarities, strict=False):
                _text_cell(cell, f"{s:.2f}", size=8.5)
            _text_cell(cells[-2], str(p.shared_passages), size=8.5)
            _text_cell(cells[-1], " · ".join(p.top_shared), size=8.5)
        metric_w = [20.0] * len(view.metrics)
        _set_widths(table, (16, *metric_w, 22, width_mm - 38 - sum(metric_w)))


def _formulations(document: Any, view: ReportView, width_mm: float) -> None:
    _heading(document, "Formulations (提法)", 1)
    if not view.formulations:
        _plain(document, "No formulation was found in these documents.")
        return
    pivot = view.doc(view.pivot)
    _plain(document, f"Each cell: times the document uses the formulation, coloured by its "
                     f"status against the pivot {pivot.label}: bold on grey = the pivot, green = "
                     "shared with the pivot, amber = new (not in the pivot), light grey = "
                     "dropped (only in the pivot), lilac = a variant of the pivot's form.")
    groups = list(chunked(range(len(view.documents)), FORMULATION_COLUMNS))
    for number, group in enumerate(groups, start=1):
        if len(groups) > 1:
            labels = f"{view.doc(group[0]).label}–{view.doc(group[-1]).label}"
            _heading(document, f"Documents {labels} ({number}/{len(groups)})", 2)
        table = _new_table(document, 4 + len(group))
        _header_row(table, ["formulation", "category", "since",
                            *(view.doc(d).label for d in group), "variants"], size=8)
        for f in view.formulations:
            cells = table.add_row().cells
            paragraph = cells[0].paragraphs[0]
            runs = [_run(f.phrase, size=10)]
            if f.gloss:
                runs.append(_run(f"  {f.gloss}", size=7.5, colour="5f6b7a"))
            _add_runs(paragraph, runs)
            _text_cell(cells[1], f.category, size=8)
            _text_cell(cells[2], str(f.first_year or ""), size=8)
            for cell, d in zip(cells[3:-1], group, strict=True):
                c = f.cells[d]
                _shade(cell, c.colour.value)
                _text_cell(cell, str(c.count) if c.count else "·", size=8,
                           bold=c.status is None)
            _text_cell(cells[-1], "、".join(f.variants), size=8)
        doc_w = min(12.0, (width_mm - 120) / len(group))
        _set_widths(table, (48, 24, 12, *([doc_w] * len(group)),
                            width_mm - 84 - doc_w * len(group)))


def _side_by_side(document: Any, view: ReportView, width_mm: float) -> None:
    for number, t in enumerate(view.side_by_side, start=1):
        many = len(view.side_by_side) > 1
        _heading(document, f"Side by side ({number}/{len(view.side_by_side)})" if many
                 else "Side by side", 1)
        _plain(document, f"{t.caption}. Highlights: pale blue = shared wording (also in another "
                         "document), amber = new wording (in no other), red underline = "
                         "formulation (提法), red = reading warning.")
        table = _new_table(document, 1 + len(t.documents))
        _header_row(table, ["row", *(f"{view.doc(d).label} {view.doc(d).title}"
                                     for d in t.documents)], size=8.5)
        for row in t.rows:
            cells = table.add_row().cells
            label = f"{row.number}\n{row.kind}" if row.kind else str(row.number)
            _text_cell(cells[0], label, size=7, colour="5f6b7a", east_asia=UI_EAST_ASIAN_FONT)
            for cell, c in zip(cells[1:], row.cells, strict=True):
                d = view.doc(c.document)
                if not c.paragraphs:
                    _shade(cell, "f4f4f4")
                    continue
                if c.moved:
                    _shade(cell, "fff4e0")
                for k, p in enumerate(c.paragraphs):
                    paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                    runs = [_run(f"¶{p.index + 1} ", size=6.5, colour="8a94a3",
                                 east_asia=UI_EAST_ASIAN_FONT)]
                    runs.extend(_segment_run(s, d.lang, 9.5) for s in p.segments)
                    if p.heading:
                        for r in runs[1:]:
                            r[0].insert(1, OxmlElement("w:b"))
                    _add_runs(paragraph, runs)
        col = (width_mm - 12) / len(t.documents)
        _set_widths(table, (12, *([col] * len(t.documents))))


def _settings(document: Any, view: ReportView) -> None:
    _heading(document, "Settings", 1)
    table = _new_table(document, 2)
    table.rows[0]._tr.getparent().remove(table.rows[0]._tr)
    for key, value in (*view.settings, ("Tifa version", view.version),
                       ("generated", view.generated)):
        cells = table.add_row().cells
        _text_cell(cells[0], key, size=9, colour="5f6b7a", east_asia=UI_EAST_ASIAN_FONT)
        _text_cell(cells[1], value, size=9)
    _set_widths(table, (45, 150))


def write_docx(view: ReportView, path: Path) -> Path:
    document = docx.Document()
    _setup_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    document.core_properties.title = view.title
    document.core_properties.author = f"Tifa {view.version}"
    document.core_properties.comments = "Tifa (提法对读) comparison report"

    title = document.add_heading(level=0)
    _add_runs(title, [_run(view.title, east_asia=UI_EAST_ASIAN_FONT)])
    pivot = view.doc(view.pivot)
    _plain(document, f"Tifa (提法对读) comparison report · {len(view.documents)} documents · "
                     f"pivot {pivot.label} {pivot.title} · generated {view.generated} · "
                     f"Tifa {view.version}")
    _documents(document, view)
    wide = len(view.documents) > 8
    if not wide:
        _similarity(document, view, _PORTRAIT_WIDTH_MM)
    _landscape(document)
    if wide:
        _similarity(document, view, _LANDSCAPE_WIDTH_MM)
    _formulations(document, view, _LANDSCAPE_WIDTH_MM)
    _side_by_side(document, view, _LANDSCAPE_WIDTH_MM)
    _settings(document, view)
    document.save(str(path))
    return path
