"""Timelines as JSON, as a self-contained HTML page (Jinja2, inline SVG chart) and as a PNG
(Pillow, already a dependency through fpdf2; no Qt). One chart model feeds both pictures.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2

from tifa.engine.corpus.store import DocumentInfo
from tifa.engine.corpus.timeline import PhraseTimeline, periods_between
from tifa.engine.paths import resource

COLOURS = ("#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#148f77", "#a04000",
           "#2e4053", "#d4ac0d", "#884ea0")
WIDTH, HEIGHT = 900, 360
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 20, 70
LINE_GAP = 2.5  # px between the lines of series with the same value (none hides another)


def timeline_json(timelines: Sequence[PhraseTimeline]) -> dict[str, Any]:
    """``{"phrases": [{"phrase", "variants", "first", "last", "documents", "occurrences",
    "undated", "copies", "series": [{"period", "documents", "occurrences"}]}]}``
    (``undated``: the documents using the phrase that have no date, counted nowhere else;
    ``copies``: documents left out as copies of a counted one, same text and date)."""
    return {"phrases": [
        {
            "phrase": t.phrase,
            "variants": list(t.variants),
            "first": t.first,
            "last": t.last,
            "documents": t.documents,
            "occurrences": t.occurrences,
            "undated": t.undated,
            "copies": t.copies,
            "series": [{"period": p.period, "documents": p.documents,
                        "occurrences": p.occurrences} for p in t.series],
        }
        for t in timelines
    ]}


@dataclass(frozen=True, slots=True)
class ChartLine:
    phrase: str
    colour: str
    points: tuple[tuple[float, float, int], ...]  # x, y, documents in the period


@dataclass(frozen=True, slots=True)
class Chart:
    """Documents per period for each phrase, in pixel coordinates of a WIDTH x HEIGHT box."""

    periods: tuple[str, ...]
    labels: tuple[tuple[float, str], ...]  # x, period (thinned to fit)
    ticks: tuple[tuple[float, int], ...]  # y, value
    lines: tuple[ChartLine, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM
    right: int = WIDTH - RIGHT


def chart(timelines: Sequence[PhraseTimeline], by: str) -> Chart:
    used = [t for t in timelines if t.first and t.last]
    if not used:
        return Chart((), (), (), ())
    first = min(str(t.first) for t in used)
    last = max(str(t.last) for t in used)
    periods = periods_between(first, last, by)
    peak = max([p.documents for t in used for p in t.series] + [1])
    step = _nice_step(peak)
    top_value = ((peak + step - 1) // step) * step
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM

    def x_of(i: int) -> float:
        return LEFT + (span_x * (i + 0.5) / len(periods))

    def y_of(v: int) -> float:
        return HEIGHT - BOTTOM - span_y * v / top_value

    index = {p: i for i, p in enumerate(periods)}
    lines = []
    for n, t in enumerate(timelines):
        values = {p.period: p.documents for p in t.series}
        # every series over every period of the chart; series with the same value in a
        # period (years of zeros) would be drawn one over the other and the last hide the
        # others (a series seemed to stop where it ran under another): each is moved by
        # LINE_GAP px from the next, centred on the value
        shift = (n - (len(timelines) - 1) / 2) * LINE_GAP
        lines.append(ChartLine(t.phrase, COLOURS[n % len(COLOURS)], tuple(
            (round(x_of(index[p]), 1), round(y_of(values.get(p, 0)) + shift, 1),
             values.get(p, 0))
            for p in periods)))
    every = max(1, -(-len(periods) // 16))
    labels = tuple((round(x_of(i), 1), p) for i, p in enumerate(periods) if i % every == 0)
    ticks = tuple((round(y_of(v), 1), v) for v in range(0, top_value + 1, step))
    return Chart(periods, labels, ticks, tuple(lines))


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000):
        if peak / step <= 6:
            return step
    return max(1, peak // 5)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_timeline_html(
    timelines: Sequence[PhraseTimeline],
    by: str,
    documents: Mapping[int, DocumentInfo],
    *,
    corpus: str = "",
    totals: Mapping[str, int] | None = None,
    lang: str = "en",
) -> str:
    """A self-contained page: the chart (inline SVG), a table per phrase, first documents.
    ``totals`` (documents in the corpus per period, ``CorpusStore.documents_per_period``)
    tells a period without use from a period without documents. ``lang``: the page's own
    words in English or Chinese ("zh"), as the comparison reports (``export.i18n``)."""
    import markupsafe

    from tifa.engine.export.i18n import count_of, period_label, report_language, translator

    lang = report_language(lang)
    _ = translator(lang)
    template = _environment().get_template("corpus_timeline.html.j2")
    return template.render(
        timelines=timelines, by=by, chart=chart(timelines, by), documents=documents,
        corpus=corpus, totals=totals or {},
        _=lambda text: markupsafe.Markup(_(text)),  # our own catalogue's strings
        count=lambda n, noun: count_of(n, noun, lang),
        period=lambda label: period_label(label, lang),
        day=lambda date: period_label(date, lang) if date else date,
    )


def render_timeline_png(timelines: Sequence[PhraseTimeline], by: str) -> bytes:
    """The chart as a PNG (Pillow; a Chinese font from the system for the legend)."""
    from PIL import Image, ImageDraw, ImageFont

    model = chart(timelines, by)
    legend_top = model.bottom + 36
    image = Image.new("RGB", (model.width, legend_top + 22 * max(1, len(model.lines)) + 8),
                      "white")
    draw = ImageDraw.Draw(image)
    font: Any
    try:
        from tifa.engine.export.fonts import find_cjk_font

        face = find_cjk_font()
        font = ImageFont.truetype(str(face.path), 14, index=face.index)
    except Exception:  # no Chinese font: the legend's phrases may show as boxes
        font = ImageFont.load_default()
    grey = "#999999"
    draw.line([(model.left, model.top), (model.left, model.bottom),
               (model.right, model.bottom)], fill=grey)
    for y, value in model.ticks:
        draw.line([(model.left - 4, y), (model.right, y)], fill="#eeeeee")
        draw.text((model.left - 8, y), str(value), fill="#333333", font=font, anchor="rm")
    for x, label in model.labels:
        draw.text((x, model.bottom + 8), label, fill="#333333", font=font, anchor="mt")
    for line in model.lines:
        xy = [(x, y) for x, y, _ in line.points]
        if len(xy) > 1:
            draw.line(xy, fill=line.colour, width=2)
        for x, y, _ in line.points:
            draw.ellipse([x - 3, y - 3, x + 3, y + 3], fill=line.colour)
    for n, line in enumerate(model.lines):
        y = legend_top + 22 * n
        draw.rectangle([model.left, y + 4, model.left + 14, y + 14], fill=line.colour)
        draw.text((model.left + 22, y), f"{line.phrase} (documents per {by})",
                  fill="#222222", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
