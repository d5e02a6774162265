"""The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from tifa.engine.compare.model import FormulationStatus
from tifa.engine.export.view import (
    COMPACT_FIELDS,
    STATUS_LABELS,
    STATUS_MEANINGS,
    ReportView,
    heat_colour,
    palette_css,
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
    statuses = [
        (s, f"{STATUS_LABELS[s]}: {STATUS_MEANINGS[s]}", f"st-{s}")
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
        status_labels={**STATUS_LABELS, None: "pivot"},
        scale=scale,
        compact_fields=COMPACT_FIELDS,
        palette_css=palette_css(),
    )


def write_html(view: ReportView, path: Path) -> Path:
    path.write_text(render_html(view), encoding="utf-8")
    return path
