"""What a format reader hands on: paragraph blocks and the metadata the format itself holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from tifa.engine.ingest.paragraphs import Block
from tifa.engine.model import DocumentWarning


@dataclass(slots=True)
class Extracted:
    blocks: list[Block]
    format: str  # txt, markdown, html, docx, pdf
    encoding: str = "utf-8"
    # title, date, source, author from front matter, <meta>, document properties; other
    # keys go to Document.extra.
    meta: dict[str, object] = field(default_factory=dict)
    # what reading changed or could not use (control characters dropped, a front matter
    # refused, too deep HTML flattened): shown among the document's warnings
    warnings: list[DocumentWarning] = field(default_factory=list)
