"""The Word report (python-docx): the HTML report's sections, with Chinese fonts Word honours.

python-docx's ``font.name`` sets only the Latin fonts, so every run and the Normal, Title and
heading styles get ``w:rFonts/@w:eastAsia`` and ``w:lang/@w:eastAsia`` explicitly. Runs and
tables are written as WordprocessingML text and parsed a paragraph or a table at a time: a
31-document report has thousands of cells and tens of thousands of runs, and python-docx's
object API (``add_row``, ``cell.width``…) took seconds over them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from tifa.engine.compare.model import FormulationStatus
from tifa.engine.compare.vocabulary import term
from tifa.engine.export.i18n import count_places, metric_name
from tifa.engine.export.view import (
    COMPACT_FIELDS,
    Colour,
    ReportView,
    Segment,
    chunked,
    legend_lines,
    status_labels,
    status_meanings,
)
from tifa.engine.palette import COLOUR_NAMES

#: East Asian fonts by language tag: the faces Word on Windows and macOS ships, which WPS and
#: LibreOffice map to their own equivalents.
EAST_ASIAN_FONTS = {"zh-Hans": "SimSun", "zh-Hant": "PMingLiU"}
UI_EAST_ASIAN_FONT = "Microsoft YaHei"
LATIN_FONT = "Calibri"
WORD_LANG = {"zh-Hans": "zh-CN", "zh-Hant": "zh-TW"}

#: Most documents' status columns in one formulations table before it is split.
FORMULATION_COLUMNS = 16
MUTED = "5f6b7a"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TWIPS_PER_MM = 1440 / 25.4

# A4 less margins.
_LANDSCAPE_WIDTH_MM = 297 - 2 * 12
_PORTRAIT_WIDTH_MM = 210 - 2 * 15


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


# --------------------------------------------------------------------------------------------
# Runs, paragraphs and tables as XML text


@cache
def _rpr(east_asia: str, lang: str, bold: bool, size: float | None, colour: str | None,
         fill: str | None, underline: str | None, strike: bool = False) -> str:
    """Run properties in schema order (rFonts, b, strike, color, sz, szCs, u, shd, lang)."""
    parts = [f'<w:rPr><w:rFonts w:eastAsia="{east_asia}"/>']
    if bold:
        parts.append("<w:b/>")
    if strike:
        parts.append("<w:strike/>")
    if colour:
        parts.append(f'<w:color w:val="{colour}"/>')
    if size:
        half_points = round(size * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if underline:
        parts.append(f'<w:u w:val="thick" w:color="{underline}"/>')
    if fill:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    parts.append(f'<w:lang w:eastAsia="{WORD_LANG[lang]}"/></w:rPr>')
    return "".join(parts)


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
    strike: bool = False,
) -> str:
    """A ``w:r`` element as XML text, its East Asian font and language always set."""
    rpr = _rpr(east_asia or EAST_ASIAN_FONTS[lang], lang, bold, size, colour, fill, underline,
               strike)
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r>'


def _ui(text: str, *, size: float = 9, colour: str | None = None, bold: bool = False) -> str:
    """A run of the report's own wording (labels, notes), in a sans-serif Chinese font."""
    return _run(text, east_asia=UI_EAST_ASIAN_FONT, size=size, colour=colour, bold=bold)


def _segment_run(s: Segment, lang: str, size: float, *, bold: bool = False) -> str:
    background = s.background
    if s.deleted:  # the pivot's words, set in where this document left them out
        colour: str | None = Colour.DELETED_INK.value
    else:
        colour = Colour.FLAGGED.value if s.flagged is not None else None
    return _run(
        s.text,
        lang=lang,
        size=size * 0.9 if s.deleted else size,
        bold=bold,
        fill=background.value if background else None,
        underline=Colour.FORMULATION.value if s.formulation is not None else None,
        colour=colour,
        strike=s.deleted,
    )


def _add_paragraph(document: Any, runs: Iterable[str], *, style: str | None = None) -> None:
    paragraph = document.add_paragraph(style=style)
    parsed = parse_xml(f"<w:p {nsdecls('w')}>{''.join(runs)}</w:p>")
    paragraph._p.extend(list(parsed))


@dataclass(frozen=True, slots=True)
class _Cell:
    paragraphs: tuple[str, ...]  # each: the runs of one paragraph, as XML
    fill: str | None = None
    centre: bool = False


def _text(text: str, *, fill: str | None = None, centre: bool = False, **run: Any) -> _Cell:
    return _Cell((_run(text, **run),), fill, centre)


def _ui_cell(text: str, *, fill: str | None = None, centre: bool = False, **run: Any) -> _Cell:
    return _Cell((_ui(text, **run),), fill, centre)


def _cell_xml(cell: _Cell, width: int) -> str:
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>' if cell.fill else ""
    jc = '<w:jc w:val="center"/>' if cell.centre else ""
    spacing = '<w:spacing w:before="0" w:after="20" w:line="264" w:lineRule="auto"/>'
    ppr = f"<w:pPr>{spacing}{jc}</w:pPr>"
    paragraphs = "".join(f"<w:p>{ppr}{runs}</w:p>" for runs in cell.paragraphs or ("",))
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>{paragraphs}</w:tc>'


def _add_table(document: Any, widths_mm: Sequence[float], rows: Iterable[Sequence[_Cell]],
               *, header: Sequence[str] | None = None, header_size: float = 8.5) -> None:
    """A fixed-layout table (Word and LibreOffice both keep the widths); the header row, if
    any, repeats on every page."""
    widths = [round(w * _TWIPS_PER_MM) for w in widths_mm]
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="70" w:type="dxa"/><w:right w:w="70" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    if header is not None:
        parts.append('<w:tr><w:trPr><w:tblHeader/></w:trPr>')
        for label, width in zip(header, widths, strict=True):
            cell = _ui_cell(label, fill=Colour.HEADER.value, bold=True, size=header_size,
                            colour=Colour.HEADER_INK.value)
            parts.append(_cell_xml(cell, width))
        parts.append("</w:tr>")
    for row in rows:
        parts.append("<w:tr>")
        parts.extend(_cell_xml(cell, width) for cell, width in zip(row, widths, strict=True))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    body = document.element.body
    table = parse_xml("".join(parts))
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is not None:
        sect_pr.addprevious(table)
    else:
        body.append(table)
    document.add_paragraph()  # Word needs a paragraph between consecutive tables


# --------------------------------------------------------------------------------------------
# Document setup


def _set_style_fonts(rpr: Any, east_asia: str, lang: str) -> None:
    """Latin and East Asian fonts and the language on a style. Theme-font attributes are
    removed: Word prefers them over the named fonts."""
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


def _setup_styles(document: Any) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        east_asia = EAST_ASIAN_FONTS["zh-Hans"] if name == "Normal" else UI_EAST_ASIAN_FONT
        _set_style_fonts(style.element.get_or_add_rPr(), east_asia, WORD_LANG["zh-Hans"])
    document.styles["Normal"].font.size = Pt(10)


def _landscape(document: Any) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(12)
    section.top_margin = section.bottom_margin = Mm(12)


def _heading(document: Any, text: str, level: int) -> None:
    _add_paragraph(document, [_ui(text, size={0: 20, 1: 15, 2: 12}[level])],
                   style="Title" if level == 0 else f"Heading {level}")


def _note(document: Any, text: str) -> None:
    _add_paragraph(document, [_ui(text, size=8.5, colour=MUTED)])


# --------------------------------------------------------------------------------------------
# Sections


def _documents(document: Any, view: ReportView) -> None:
    _ = view.tr
    _heading(document, _("Documents"), 1)
    if view.compact_documents:
        summary = [
            [_ui_cell(d.label, bold=d.is_pivot, size=8), _text(d.title, lang=d.lang, size=8),
             _ui_cell(d.name, size=7.5),
             *(_text(d.field(k), lang=d.lang, size=8) for k in COMPACT_FIELDS),
             _ui_cell(_(", ").join(w.shown_code for w in d.warnings), size=7.5,
                      colour=Colour.FLAGGED.value)]
            for d in view.documents
        ]
        # label, title, file, date, source, script, paragraphs, characters, warnings
        rest = _PORTRAIT_WIDTH_MM - (9 + 18 + 20 + 14 + 14 + 14)
        widths = (9, rest * 0.45, rest * 0.3, 18, 20, 14, 14, 14, rest * 0.25)
        _add_table(document, widths, summary,
                   header=["", _("title"), _("file"), *map(_, COMPACT_FIELDS), _("warnings")],
                   header_size=8)
        _note(document, _("Pivot: {label}. Full metadata in the XLSX export.").format(
            label=view.doc(view.pivot).label))
        return
    for d in view.documents:
        pivot = _(" (pivot)") if d.is_pivot else ""
        _add_paragraph(document, [_ui(f"{d.label}{pivot}  ", bold=True, size=10),
                                  _run(d.title, lang=d.lang, bold=True, size=10)])
        rows: list[list[_Cell]] = []
        for key, value in d.fields:
            rows.append([_ui_cell(_(key), size=8.5, colour=MUTED),
                         _text(value, lang=d.lang, size=8.5)])
        for w in d.warnings:
            where = (_(" ({places}, marked in red in the text)").format(
                places=count_places(w.positions, view.lang)) if w.positions else "")
            ink = Colour.FLAGGED.value if w.problem else MUTED
            rows.append([_ui_cell(_(w.label), size=8.5, colour=ink),
                         _ui_cell(f"{w.shown_code}{_(': ')}{w.message}{where}", size=8.5,
                                  colour=ink)])
        _add_table(document, (30, _PORTRAIT_WIDTH_MM - 30), rows)


def _similarity(document: Any, view: ReportView, width_mm: float) -> None:
    _ = view.tr
    _heading(document, _("Similarity"), 1)
    _note(document, _("Documents in hierarchical-clustering order, so similar documents sit "
                      "together; 1.00 = identical wording. Cell colours span the lowest to the "
                      "highest similarity between two different documents (given under each "
                      "table); a document against itself is grey."))
    n = len(view.documents)
    size = 8 if n <= 12 else 6
    first = min(45.0, width_mm * 0.3)
    column = min(16.0, (width_mm - first) / n)
    for h in view.heatmaps:
        _heading(document, metric_name(h.metric, view.lang), 2)
        rows = []
        for i, cells in zip(h.order, h.cells, strict=True):
            d = view.doc(i)
            row = [_text(f"{d.label} {d.short_title}", lang=d.lang, size=size)]
            row.extend(
                _ui_cell(c.text if n <= 20 else f"{c.value * 100:.0f}", fill=c.fill,
                         centre=True, size=size, colour=c.ink)
                for c in cells
            )
            rows.append(row)
        _add_table(document, (first, *([column] * n)), rows,
                   header=["", *(view.doc(j).letter for j in h.order)], header_size=size)
        percent = _(" Similarities in per cent.") if n > 20 else ""
        _note(document, _("Lightest {low}, darkest {high}.").format(
            low=f"{h.low:.2f}", high=f"{h.high:.2f}") + percent)
    if not view.pairs:
        return
    many = len(view.pairs) < view.pairs_total
    _heading(document, _("The {shown} most similar of {total} pairs").format(
        shown=len(view.pairs), total=view.pairs_total) if many else _("Pairs"), 2)
    rows = [
        [_ui_cell(f"{view.doc(p.a).label}–{view.doc(p.b).label}", size=8.5),
         *(_ui_cell(f"{s:.2f}", size=8.5, centre=True) for s in p.similarities),
         _ui_cell(p.shared_summary, size=8.5),
         _text(" · ".join(p.top_shared), size=8.5)]
        for p in view.pairs
    ]
    metric_w = [20.0] * len(view.metrics)
    _add_table(document, (16, *metric_w, 30, width_mm - 46 - sum(metric_w)), rows,
               header=[_("pair"), *(metric_name(m, view.lang) for m in view.metrics),
                       _("shared passages"), _("most distinctive shared")])


def _formulations(document: Any, view: ReportView, width_mm: float) -> None:
    _ = view.tr
    _heading(document, _("Formulations (提法)"), 1)
    if not view.formulations:
        _note(document, _("No formulation was found in these documents."))
        return
    pivot = view.doc(view.pivot)
    shown = (FormulationStatus.SHARED, FormulationStatus.NEW, FormulationStatus.DROPPED,
             FormulationStatus.VARIANT)
    words, meanings = status_labels(view.lang), status_meanings(view.lang)
    key = _("; ").join(_("{colour} = {label}: {meaning}").format(
        colour=_(COLOUR_NAMES[term(s).role]), label=words[s], meaning=meanings[s])
        for s in shown)
    _note(document, _("Each cell: times the document uses the formulation, coloured by its "
                      "status against the pivot {label}: bold on grey = the pivot; "
                      "{key}.").format(label=pivot.label, key=key))
    groups = list(chunked(range(len(view.documents)), FORMULATION_COLUMNS))
    for number, group in enumerate(groups, start=1):
        if len(groups) > 1:
            labels = f"{view.doc(group[0]).label}–{view.doc(group[-1]).label}"
            _heading(document, _("Documents {labels} ({number}/{total})").format(
                labels=labels, number=number, total=len(groups)), 2)
        rows = []
        for f in view.formulations:
            phrase = _run(f.phrase, size=10)
            if f.gloss:
                phrase += _run(f"  {f.gloss}", size=7.5, colour=MUTED)
            row = [_Cell((phrase,)), _text(_(f.category), size=8),
                   _ui_cell(str(f.first_year or ""), size=8)]
            for d in group:
                c = f.cells[d]
                row.append(_ui_cell(str(c.count) if c.count else "·", fill=c.colour.value,
                                    centre=True, size=8, bold=c.status is None))
            row.append(_text("、".join(f.variants), size=8))
            rows.append(row)
        doc_w = min(12.0, (width_mm - 120) / len(group))
        rest = width_mm - 36 - doc_w * len(group)
        phrase_w = min(110.0, rest * 0.6)
        _add_table(document, (phrase_w, 24, 12, *([doc_w] * len(group)), rest - phrase_w),
                   rows,
                   header=[_("formulation"), _("category"), _("since"),
                           *(view.doc(d).letter for d in group), _("variants")],
                   header_size=8)


def _side_by_side(document: Any, view: ReportView, width_mm: float) -> None:
    _ = view.tr
    for number, t in enumerate(view.side_by_side, start=1):
        many = len(view.side_by_side) > 1
        _heading(document, _("Side by side ({number}/{total})").format(
            number=number, total=len(view.side_by_side)) if many else _("Side by side"), 1)
        _add_paragraph(document, [_ui(t.caption + _("."), size=8.5, colour=MUTED)])
        for runs in legend_lines(t, view):
            _add_paragraph(document, [
                _run(text, size=8.5, fill=fill, underline=underline, strike=strike,
                     colour=ink) if sample else _ui(text, size=8.5, colour=MUTED)
                for text, sample, fill, underline, strike, ink in runs
            ])
        size = 9.5 if len(t.documents) <= 2 else 8.5
        rows = []
        for row in t.rows:
            label = tuple(_ui(text, size=6.5, colour=MUTED) for text in (row.label, _(row.kind))
                          if text)
            cells = [_Cell(label, centre=True)]
            for c in row.cells:
                d = view.doc(c.document)
                paragraphs = tuple(
                    _ui(f"¶{p.index + 1} ", size=6.5, colour="8a94a3")
                    + "".join(_segment_run(s, d.lang, size, bold=p.heading) for s in p.segments)
                    for p in c.paragraphs
                )
                fill = "f4f4f4" if not c.paragraphs else ("fff4e0" if c.moved else None)
                cells.append(_Cell(paragraphs, fill))
            rows.append(cells)
        column = (width_mm - 16) / len(t.documents)
        _add_table(document, (16, *([column] * len(t.documents))), rows,
                   header=[_("row"), *(f"{view.doc(d).label} {view.doc(d).title}"
                                    for d in t.documents)])


def _settings(document: Any, view: ReportView) -> None:
    _ = view.tr
    _heading(document, _("Settings"), 1)
    rows = [[_ui_cell(key, colour=MUTED), _text(value, size=9)]
            for key, value in (*view.settings, (_("Tifa version"), view.version),
                               (_("generated"), view.generated))]
    _add_table(document, (45, 150), rows)


def write_docx(view: ReportView, path: Path) -> Path:
    document = docx.Document()
    _setup_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    document.core_properties.title = view.title[:250]
    document.core_properties.author = f"Tifa {view.version}"
    _ = view.tr
    document.core_properties.comments = _("Tifa (提法对读) comparison report")

    _heading(document, view.title, 0)
    pivot = view.doc(view.pivot)
    _note(document, " · ".join((
        _("Tifa (提法对读) comparison report"),
        _("{count} documents").format(count=len(view.documents)),
        f"{_('pivot')} {pivot.label} {pivot.title}", f"{_('generated')} {view.generated}",
        f"Tifa {view.version}")))
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

