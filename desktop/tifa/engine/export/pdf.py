"""The PDF report, drawn with fpdf2 (pure Python) and a Chinese font found on the computer.

fpdf2 embeds a subset of the font (TrueType or CFF OpenType, collections included), so the PDF
shows the same glyphs everywhere. Its table and multi-cell helpers cannot colour parts of a
line, so this module lays out rich text itself: it breaks lines between characters (Chinese
has no spaces; ASCII words stay whole; closing punctuation never starts a line), paints each
highlighted run's background, draws the text, and underlines formulations. Rows too tall for
what is left of a page continue on the next one, under a repeated header.

Characters the font lacks (e.g. private-use code points left by an encoding error) are drawn
as 〓, the typesetter's mark for a missing character, so no box or blank ever appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode
from fpdf.fonts import TTFFont

from tifa.engine.export.fonts import FontFace, find_cjk_font
from tifa.engine.export.i18n import Translate, count_places, metric_name, translator
from tifa.engine.export.view import (
    COMPACT_FIELDS,
    Colour,
    Heatmap,
    ReportView,
    Segment,
    chunked,
    heat_colour,
    legend_lines,
    status_labels,
    status_meanings,
)

PT = 25.4 / 72  # millimetres per point
MARGIN = 12.0
FORMULATION_COLUMNS = 16
MUTED = "5f6b7a"
RULE = "c9d1dc"

# Characters that must not begin a line (kinsoku): they hang at the end of the previous one.
_NO_LINE_START = set("，。、；：！？）》」』”’〉】〕…—·,.;:!?)]}%")
_ATOM = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/%_+\-]*|\n|.", re.S)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[0:2], 16), int(hex_colour[2:4], 16), int(hex_colour[4:6], 16)


@dataclass(frozen=True, slots=True)
class Style:
    size: float = 9.0  # points
    colour: str = "1d232e"
    fill: str | None = None
    underline: str | None = None
    bold: bool = False
    strike: bool = False


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    style: Style = Style()


@dataclass(slots=True)
class Piece:
    text: str
    style: Style
    width: float


@dataclass(slots=True)
class Line:
    pieces: list[Piece] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


@dataclass(frozen=True, slots=True)
class CellSpec:
    runs: tuple[Run, ...]
    fill: str | None = None
    align: str = "L"  # L or C


class _Report(FPDF):
    """fpdf2 with a page footer and a Chinese font."""

    def __init__(self, faces: dict[str, FontFace], title: str,
                 tr: Translate | None = None) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report_title = title
        self.tr: Translate = tr or translator("en")
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        self.families: dict[str, str] = {}
        loaded: dict[tuple[Path, int], str] = {}
        for lang, face in faces.items():
            key = (face.path, face.index)
            if key not in loaded:
                family = f"cjk{len(loaded)}"
                self.add_font(family, fname=str(face.path), collection_font_number=face.index)
                # The subset keeps the whole font's bounding box: recomputing it walks every
                # CFF charstring and was most of the export time.
                font = self.fonts[family]
                assert isinstance(font, TTFFont)
                font.ttfont.recalcBBoxes = False
                loaded[key] = family
            self.families[lang] = loaded[key]
        self.set_font(self.families["zh-Hans"], size=9)
        self.set_title(title)
        self.set_creator("Tifa")
        self._widths: dict[tuple[str, float, str], float] = {}
        self._cmap: dict[str, set[int]] = {}
        for family in set(self.families.values()):
            font = self.fonts[family]
            assert isinstance(font, TTFFont)
            self._cmap[family] = set(font.cmap)
        self._safe: dict[tuple[str, str], str] = {}
        self.set_lang("zh")

    @property
    def bottom(self) -> float:
        return self.h - MARGIN - 6  # room for the footer

    def footer(self) -> None:
        self.set_font(self.families["zh-Hans"], size=7)
        self.set_text_color(*_rgb(MUTED))
        self.text(MARGIN, self.h - 7, f"{self.tr('Tifa report')} · {self.report_title[:80]}")
        label = self.tr("page {number}").format(number=self.page_no())
        self.text(self.w - MARGIN - self.get_string_width(label) - 4, self.h - 7, label)

    # -- text measurement ---------------------------------------------------------------

    def family(self, lang: str | None = None) -> str:
        return self.families.get(lang or "zh-Hans", self.families["zh-Hans"])

    def safe(self, ch: str, family: str) -> str:
        """The character itself when the font has it, else 〓 (or ? if that is missing too)."""
        key = (ch, family)
        got = self._safe.get(key)
        if got is None:
            cmap = self._cmap[family]
            if ord(ch) in cmap or ch in "\n":
                got = ch
            elif ch.isspace():
                got = " "
            else:
                got = "〓" if ord("〓") in cmap else "?"
            self._safe[key] = got
        return got

    def width(self, text: str, style: Style, family: str) -> float:
        key = (family, style.size, text)
        w = self._widths.get(key)
        if w is None:
            self.set_font(family, size=style.size)
            w = self.get_string_width(text)
            self._widths[key] = w
        return w

    def wrap(self, runs: Iterable[Run], width: float, lang: str | None = None) -> list[Line]:
        """Break runs into lines no wider than ``width``; "\\n" starts a new line."""
        family = self.family(lang)
        lines: list[Line] = [Line()]
        for run in runs:
            style = run.style
            line_height = style.size * PT * 1.5
            for atom in _ATOM.findall(run.text):
                if atom == "\n":
                    lines[-1].height = max(lines[-1].height, line_height)
                    lines.append(Line(height=line_height))
                    continue
                atom = "".join(self.safe(ch, family) for ch in atom)
                w = self.width(atom, style, family)
                line = lines[-1]
                if line.pieces and line.width + w > width and atom not in _NO_LINE_START:
                    lines.append(Line())
                    if atom.isspace():
                        continue
                if w <= width:
                    _place(lines[-1], atom, style, w, line_height)
                    continue
                for ch in atom:  # a token wider than the column: cut it anywhere
                    cw = self.width(ch, style, family)
                    if lines[-1].pieces and lines[-1].width + cw > width:
                        lines.append(Line())
                    _place(lines[-1], ch, style, cw, line_height)
        return [line for line in lines if line.pieces or line.height] or [Line()]

    # -- drawing ------------------------------------------------------------------------

    def draw_line(self, line: Line, x: float, top: float, lang: str | None = None,
                  align: str = "L", width: float = 0.0) -> None:
        family = self.family(lang)
        if align == "C" and width:
            x += max(0.0, (width - line.width) / 2)
        for piece in line.pieces:
            style = piece.style
            size_mm = style.size * PT
            if style.fill:
                self.set_fill_color(*_rgb(style.fill))
                self.rect(x, top + 0.15 * size_mm, piece.width, line.height - 0.1 * size_mm,
                          style="F")
            baseline = top + (line.height - size_mm) / 2 + size_mm * 0.86
            self.set_font(family, size=style.size)
            self.set_text_color(*_rgb(style.colour))
            if style.bold:
                self.text_mode = TextMode.FILL_STROKE
                self.set_draw_color(*_rgb(style.colour))
                self.set_line_width(style.size * 0.012)
            self.text(x, baseline, piece.text)
            if style.bold:
                self.text_mode = TextMode.FILL
            if style.underline:
                self.set_draw_color(*_rgb(style.underline))
                self.set_line_width(0.35)
                self.line(x, baseline + size_mm * 0.16, x + piece.width,
                          baseline + size_mm * 0.16)
            if style.strike:
                self.set_draw_color(*_rgb(style.colour))
                self.set_line_width(0.3)
                middle = baseline - size_mm * 0.3
                self.line(x, middle, x + piece.width, middle)
            x += piece.width

    def ensure(self, height: float) -> None:
        if self.get_y() + height > self.bottom:
            self.add_page()

    def paragraph(self, runs: Sequence[Run], *, lang: str | None = None, gap: float = 1.5,
                  width: float | None = None) -> None:
        width = width or self.w - 2 * MARGIN
        for line in self.wrap(runs, width, lang):
            self.ensure(line.height)
            self.draw_line(line, MARGIN, self.get_y(), lang)
            self.set_y(self.get_y() + line.height)
        self.set_y(self.get_y() + gap)

    def heading(self, text: str, level: int = 1) -> None:
        size = {0: 17.0, 1: 14.0, 2: 11.0}[level]
        self.ensure(size * PT * 6)  # keep with what follows
        if level <= 1 and self.get_y() > MARGIN + 1:
            self.set_y(self.get_y() + 2)
        self.paragraph([Run(text, Style(size=size, bold=True))], gap=0.5)
        if level == 1:
            self.set_draw_color(*_rgb(Colour.HEADER.value))
            self.set_line_width(0.5)
            self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
            self.set_y(self.get_y() + 3)
        else:
            self.set_y(self.get_y() + 1)

    def draw_table(self, widths: Sequence[float], header: Sequence[CellSpec],
              rows: Iterable[tuple[Sequence[CellSpec], Sequence[str | None]]],
              *, pad: float = 1.2) -> None:
        """Draw a table; each row comes with one language tag per cell (None: the default)."""
        header_langs: list[str | None] = [None] * len(header)
        header_lines = [self.wrap(c.runs, w - 2 * pad) for c, w in zip(header, widths,
                                                                          strict=True)]

        def draw_header() -> None:
            self._draw_slice(widths, header, header_lines, header_langs, pad)

        header_height = max(sum(line.height for line in ls) for ls in header_lines) + 2 * pad
        self.ensure(header_height + 8)
        draw_header()
        body = self.bottom - MARGIN - header_height
        for cells, langs in rows:
            wrapped = [self.wrap(c.runs, w - 2 * pad, lang)
                       for c, w, lang in zip(cells, widths, langs, strict=True)]
            height = max(sum(line.height for line in ls) for ls in wrapped) + 2 * pad
            # A short row moves whole to the next page; a long one starts here and continues
            # there, rather than leaving most of a page blank.
            if self.get_y() + height > self.bottom and (
                height <= body / 3 or self.bottom - self.get_y() < body / 4
            ):
                self.add_page()
                draw_header()
            while True:
                available = self.bottom - self.get_y() - 2 * pad
                taken: list[list[Line]] = []
                for lines in wrapped:
                    used, k = 0.0, 0
                    while k < len(lines) and used + lines[k].height <= available:
                        used += lines[k].height
                        k += 1
                    taken.append(lines[:k])
                if not any(taken) and any(wrapped):
                    self.add_page()
                    draw_header()
                    continue
                self._draw_slice(widths, cells, taken, langs, pad)
                wrapped = [lines[len(t):] for lines, t in zip(wrapped, taken, strict=True)]
                if not any(wrapped):
                    break
                self.add_page()
                draw_header()

    def _draw_slice(self, widths: Sequence[float], cells: Sequence[CellSpec],
                    lines: Sequence[Sequence[Line]], langs: Sequence[str | None],
                    pad: float) -> None:
        top = self.get_y()
        height = max(sum(line.height for line in ls) for ls in lines) + 2 * pad
        x = MARGIN
        for cell, w, cell_lines, lang in zip(cells, widths, lines, langs, strict=True):
            self.set_draw_color(*_rgb(RULE))
            self.set_line_width(0.2)
            if cell.fill:
                self.set_fill_color(*_rgb(cell.fill))
                self.rect(x, top, w, height, style="DF")
            else:
                self.rect(x, top, w, height, style="D")
            y = top + pad
            for line in cell_lines:
                self.draw_line(line, x + pad, y, lang, cell.align, w - 2 * pad)
                y += line.height
            x += w
        self.set_y(top + height)


def _place(line: Line, atom: str, style: Style, w: float, height: float) -> None:
    """Append ``atom`` to ``line``, merging it into the last piece when the style matches."""
    if line.pieces and line.pieces[-1].style == style:
        last = line.pieces[-1]
        last.text += atom
        last.width += w
    else:
        line.pieces.append(Piece(atom, style, w))
    line.width += w
    line.height = max(line.height, height)


def _cell(text: str, *, size: float = 8.5, colour: str = "1d232e", fill: str | None = None,
          bold: bool = False, align: str = "L") -> CellSpec:
    return CellSpec((Run(text, Style(size=size, colour=colour, bold=bold)),), fill, align)


def _head(text: str, size: float = 8.5, align: str = "L") -> CellSpec:
    return _cell(text, size=size, colour=Colour.HEADER_INK.value, fill=Colour.HEADER.value,
                 bold=True, align=align)


def _segment_runs(segments: Iterable[Segment], size: float) -> list[Run]:
    runs = []
    for s in segments:
        background = s.background
        if s.deleted:  # the pivot's words, set in where this document left them out
            colour = Colour.DELETED_INK.value
        else:
            colour = Colour.FLAGGED.value if s.flagged is not None else "1d232e"
        runs.append(Run(s.text, Style(
            size=size * 0.9 if s.deleted else size,
            colour=colour,
            fill=background.value if background else None,
            underline=Colour.FORMULATION.value if s.formulation is not None else None,
            strike=s.deleted,
        )))
    return runs


def _documents(pdf: _Report, view: ReportView) -> None:
    _ = view.tr
    pdf.heading(_("Documents"), 1)
    width = pdf.w - 2 * MARGIN
    if view.compact_documents:
        # label, title, file, date, source, script, paragraphs, characters, warnings: a date
        # in Chinese (2022年12月28日) on one line; in Chinese a script (简体) and the counts'
        # headings (段落数) need less room than 'simplified' and 'paragraphs'
        date, script, count = (28, 14, 17) if view.lang == "zh" else (22, 22, 22)
        rest = width - (9 + date + 30 + script + 2 * count)
        widths = (9, rest * 0.45, rest * 0.25, date, 30, script, count, count, rest * 0.3)
        header = (_head(""), _head(_("title")), _head(_("file")),
                  *(_head(_(k)) for k in COMPACT_FIELDS), _head(_("warnings")))
        summary = [
            ((_cell(d.label, bold=d.is_pivot), _cell(d.title), _cell(d.name, size=7.5),
              *(_cell(d.field(k)) for k in COMPACT_FIELDS),
              _cell(_(", ").join(w.shown_code for w in d.warnings), size=7.5,
                    colour=Colour.FLAGGED.value)),
             (None, d.lang, None, *([d.lang] * len(COMPACT_FIELDS)), None))
            for d in view.documents
        ]
        pdf.draw_table(widths, header, summary)
        return
    for d in view.documents:
        pivot = _(" (pivot)") if d.is_pivot else ""
        rows: list[tuple[Sequence[CellSpec], Sequence[str | None]]] = []
        for key, value in d.fields:
            rows.append(((_cell(_(key), colour=MUTED), _cell(value)), (None, d.lang)))
        for w in d.warnings:
            where = (_(" ({places}, marked in red in the text)").format(
                places=count_places(w.positions, view.lang)) if w.positions else "")
            ink = Colour.FLAGGED.value if w.problem else MUTED
            rows.append(((_cell(_(w.label), colour=ink),
                          _cell(f"{w.shown_code}{_(': ')}{w.message}{where}", colour=ink)),
                         (None, None)))
        pdf.ensure(30)
        pdf.draw_table((32, width - 32), (_head(f"{d.label}{pivot}"), _head(d.title)), rows)
        pdf.set_y(pdf.get_y() + 4)


def _heatmap(pdf: _Report, view: ReportView, h: Heatmap) -> None:
    n = len(h.order)
    cs = 12.0 if n <= 6 else (8.0 if n <= 12 else max(3.0, 120 / n))
    left = 62.0
    pdf.ensure(n * cs + 34)
    pdf.heading(metric_name(h.metric, view.lang), 2)
    top = pdf.get_y() + 5
    family = pdf.family()
    label_size = 8.0 if cs >= 8 else 6.0
    pdf.set_font(family, size=label_size)
    pdf.set_text_color(*_rgb("1d232e"))
    for k, j in enumerate(h.order):
        label = view.doc(j).letter
        pdf.set_font(family, size=label_size)
        pdf.text(MARGIN + left + k * cs + (cs - pdf.get_string_width(label)) / 2, top - 1.2, label)
    for r, i in enumerate(h.order):
        d = view.doc(i)
        name = "".join(pdf.safe(ch, family) for ch in f"{d.label} {d.short_title}")
        pdf.set_font(family, size=label_size)
        pdf.set_text_color(*_rgb("1d232e"))
        pdf.text(MARGIN + left - 2 - pdf.get_string_width(name),
                 top + r * cs + cs / 2 + label_size * PT * 0.35, name)
        for k, c in enumerate(h.cells[r]):
            pdf.set_fill_color(*_rgb(c.fill))
            pdf.set_draw_color(255, 255, 255)
            pdf.set_line_width(0.2)
            pdf.rect(MARGIN + left + k * cs, top + r * cs, cs, cs, style="DF")
            if cs >= 8:
                pdf.set_font(family, size=7 if cs < 12 else 8)
                pdf.set_text_color(*_rgb(c.ink))
                tw = pdf.get_string_width(c.text)
                pdf.text(MARGIN + left + k * cs + (cs - tw) / 2, top + r * cs + cs / 2 + 1.1,
                         c.text)
    # colour scale
    y = top + n * cs + 3
    steps = 40
    scale_w = max(40.0, n * cs)
    for s in range(steps):
        pdf.set_fill_color(*_rgb(heat_colour(s / (steps - 1))))
        pdf.rect(MARGIN + left + s * scale_w / steps, y, scale_w / steps + 0.05, 3, style="F")
    pdf.set_font(family, size=7)
    pdf.set_text_color(*_rgb(MUTED))
    low, high = f"{h.low:.2f}", f"{h.high:.2f}"
    pdf.text(MARGIN + left, y + 6.5, low)
    pdf.text(MARGIN + left + scale_w - pdf.get_string_width(high), y + 6.5, high)
    pdf.set_y(y + 10)


def _similarity(pdf: _Report, view: ReportView) -> None:
    _ = view.tr
    pdf.heading(_("Similarity"), 1)
    pdf.paragraph([Run(_("Documents in hierarchical-clustering order, so similar documents sit "
                         "together; 1.00 = identical wording. The colours span the lowest to the "
                         "highest similarity between two different documents (the values under "
                         "each scale); a document against itself is grey."),
                       Style(size=8.5, colour=MUTED))])
    for h in view.heatmaps:
        _heatmap(pdf, view, h)
    if not view.pairs:
        return
    many = len(view.pairs) < view.pairs_total
    pdf.heading(_("The {shown} most similar of {total} pairs").format(
        shown=len(view.pairs), total=view.pairs_total) if many else _("Pairs"), 2)
    width = pdf.w - 2 * MARGIN
    metric_w = [30.0] * len(view.metrics)
    widths = (18.0, *metric_w, 34.0, width - 52 - sum(metric_w))
    header = (_head(_("pair")), *(_head(metric_name(m, view.lang), align="C")
                                  for m in view.metrics),
              _head(_("shared passages")), _head(_("most distinctive shared wording")))
    rows = []
    for p in view.pairs:
        cells = (_cell(f"{view.doc(p.a).label}–{view.doc(p.b).label}"),
                 *(_cell(f"{s:.2f}", align="C") for s in p.similarities),
                 _cell(p.shared_summary), _cell(" · ".join(p.top_shared)))
        rows.append((cells, [None] * len(cells)))
    pdf.draw_table(widths, header, rows)


def _formulations(pdf: _Report, view: ReportView) -> None:
    _ = view.tr
    pdf.heading(_("Formulations (提法)"), 1)
    if not view.formulations:
        pdf.paragraph([Run(_("No formulation was found in these documents."), Style())])
        return
    pivot = view.doc(view.pivot)
    legend = [Run(_("Each cell: times the document uses the formulation, coloured by its status "
                    "against the pivot {label}:  ").format(label=pivot.label),
                  Style(size=8.5, colour=MUTED)),
              Run(" n ", Style(size=8.5, fill=Colour.PIVOT.value, bold=True)),
              Run(f" {_('pivot')}   ", Style(size=8.5, colour=MUTED))]
    meanings = status_meanings(view.lang)
    for status, label in list(status_labels(view.lang).items())[:4]:
        legend.append(Run(" n ", Style(size=8.5, fill=_status_fill(status))))
        legend.append(Run(f" {label}{_(': ')}{meanings[status]}   ",
                          Style(size=8.5, colour=MUTED)))
    pdf.paragraph(legend)
    width = pdf.w - 2 * MARGIN
    groups = list(chunked(range(len(view.documents)), FORMULATION_COLUMNS))
    for number, group in enumerate(groups, start=1):
        if len(groups) > 1:
            labels = f"{view.doc(group[0]).label}–{view.doc(group[-1]).label}"
            pdf.heading(_("Documents {labels} ({number}/{total})").format(
                labels=labels, number=number, total=len(groups)), 2)
        doc_w = min(12.0, (width - 130) / len(group))
        rest = width - 38 - doc_w * len(group)
        phrase_w = min(110.0, rest * 0.6)
        widths = (phrase_w, 26.0, 12.0, *([doc_w] * len(group)), rest - phrase_w)
        header = (_head(_("formulation")), _head(_("category")), _head(_("since")),
                  *(_head(view.doc(d).letter, align="C") for d in group), _head(_("variants")))
        rows = []
        for f in view.formulations:
            phrase = [Run(f.phrase, Style(size=10))]
            if f.gloss:
                phrase.append(Run("\n" + f.gloss, Style(size=7, colour=MUTED)))
            cells = [CellSpec(tuple(phrase)), _cell(_(f.category), size=8),
                     _cell(str(f.first_year or ""), size=8)]
            for d in group:
                c = f.cells[d]
                cells.append(_cell(str(c.count) if c.count else "·", size=8,
                                   fill=c.colour.value, bold=c.status is None, align="C"))
            cells.append(_cell("、".join(f.variants), size=8))
            rows.append((cells, [None] * len(cells)))
        pdf.draw_table(widths, header, rows)


def _status_fill(status: object) -> str:
    from tifa.engine.export.view import STATUS_COLOURS

    return STATUS_COLOURS[status].value  # type: ignore[index]


def _side_by_side(pdf: _Report, view: ReportView) -> None:
    _ = view.tr
    width = pdf.w - 2 * MARGIN
    for number, t in enumerate(view.side_by_side, start=1):
        pdf.add_page()
        many = len(view.side_by_side) > 1
        pdf.heading(_("Side by side ({number}/{total})").format(
            number=number, total=len(view.side_by_side)) if many else _("Side by side"), 1)
        muted = Style(size=8.5, colour=MUTED)
        pdf.paragraph([Run(t.caption + _("."), muted)], gap=0.5)
        for pieces in legend_lines(t, view):
            pdf.paragraph([
                Run(text, Style(size=8.5, colour=ink or "1d232e", fill=fill,
                                underline=underline, strike=strike)) if sample
                else Run(text, muted)
                for text, sample, fill, underline, strike, ink in pieces
            ], gap=0.5)
        pdf.set_y(pdf.get_y() + 1.5)
        size = 9.5 if len(t.documents) <= 2 else 8.5
        col = (width - 14) / len(t.documents)
        widths = (14.0, *([col] * len(t.documents)))
        header = (_head(_("row"), 7.5), *(_head(f"{view.doc(d).label} {view.doc(d).title}")
                                       for d in t.documents))
        rows = []
        for row in t.rows:
            label = f"{row.label}\n{_(row.kind)}" if row.kind else row.label
            cells: list[CellSpec] = [_cell(label, size=6.5, colour=MUTED, align="C")]
            langs: list[str | None] = [None]
            for c in row.cells:
                d = view.doc(c.document)
                runs: list[Run] = []
                for k, p in enumerate(c.paragraphs):
                    if k:
                        runs.append(Run("\n", Style(size=size)))
                    runs.append(Run(f"¶{p.index + 1} ", Style(size=6, colour="8a94a3")))
                    para = _segment_runs(p.segments, size)
                    if p.heading:
                        para = [Run(r.text, replace(r.style, bold=True)) for r in para]
                    runs.extend(para)
                fill = "f4f4f4" if not c.paragraphs else ("fff4e0" if c.moved else None)
                cells.append(CellSpec(tuple(runs), fill))
                langs.append(d.lang)
            rows.append((cells, langs))
        pdf.draw_table(widths, header, rows)


def _settings(pdf: _Report, view: ReportView) -> None:
    pdf.add_page()
    _ = view.tr
    pdf.heading(_("Settings"), 1)
    rows = [((_cell(k, colour=MUTED), _cell(v)), (None, None))
            for k, v in (*view.settings, (_("Tifa version"), view.version),
                         (_("generated"), view.generated))]
    pdf.draw_table((50, 150), (_head(_("setting")), _head(_("value"))), rows)


def write_pdf(view: ReportView, path: Path) -> Path:
    """Write the PDF report. Raises ``MissingFontError`` when no Chinese font is installed."""
    langs = {"zh-Hans"} | {d.lang for d in view.documents}
    faces = {lang: find_cjk_font(lang) for lang in sorted(langs)}
    pdf = _Report(faces, view.title, view.tr)
    _ = view.tr
    pdf.add_page()
    pivot = view.doc(view.pivot)
    pdf.paragraph([Run(view.title, Style(size=17, bold=True))], gap=1)
    pdf.paragraph([Run(" · ".join((
        _("Tifa (提法对读) comparison report"),
        _("{count} documents").format(count=len(view.documents)),
        f"{_('pivot')} {pivot.label} {pivot.title}", f"{_('generated')} {view.generated}",
        f"Tifa {view.version}")), Style(size=8.5, colour=MUTED))], gap=4)
    _documents(pdf, view)
    pdf.add_page()
    _similarity(pdf, view)
    pdf.add_page()
    _formulations(pdf, view)
    _side_by_side(pdf, view)
    _settings(pdf, view)
    pdf.output(str(path))
    return path
