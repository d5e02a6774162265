"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
import markupsafe

from tifa.engine.compare.model import FormulationStatus
from tifa.engine.export.i18n import metric_name, places, ui_lang
from tifa.engine.export.view import (
    COMPACT_FIELDS,
    ReportView,
    heat_colour,
    palette_css,
    status_labels,
    status_meanings,
)
from tifa.engine.paths import resource


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(resource("templates")),
        autoescape=True,  # the CSS comes in by {% include %}, which autoescape leaves alone
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def render_html(view: ReportView) -> str:
    template = _environment().get_template("report.html.j2")
    _ = view.tr
    labels, meanings = status_labels(view.lang), status_meanings(view.lang)
    statuses = [
        (s, _("{label}: {meaning}").format(label=labels[s], meaning=meanings[s]), f"st-{s}")
        for s in (
            FormulationStatus.SHARED,
            FormulationStatus.NEW,
            FormulationStatus.DROPPED,
            FormulationStatus.VARIANT,
        )
    ]
    scale = [(f"{i / 8:.3f}", heat_colour(i / 8)) for i in range(9)]
    return template.render(
        r=view,
        statuses=statuses,
        status_labels={**labels, None: _("pivot")},
        scale=scale,
        compact_fields=COMPACT_FIELDS,
        palette_css=palette_css(),
        _=lambda text: markupsafe.Markup(_(text)),  # our own catalogue's strings
        word=_,  # the engine's words, translated when known, escaped as data
        ui_lang=ui_lang(view.lang),
        metric=lambda m: metric_name(m, view.lang),
        places=lambda n: places(n, view.lang),
    )


def write_html(view: ReportView, path: Path) -> Path:
    path.write_text(render_html(view), encoding="utf-8")
    return path
