"""What a format reader hands on: paragraph blocks and the metadata the format itself holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from tifa.engine.ingest.paragraphs import Block


@dataclass(slots=True)
class Extracted:
    blocks: list[Block]
    format: str  # txt, markdown, html, docx, pdf
    encoding: str = "utf-8"
    # title, date, source, author from front matter, <meta>, document properties; other
    # keys go to Document.extra.
    meta: dict[str, object] = field(default_factory=dict)
