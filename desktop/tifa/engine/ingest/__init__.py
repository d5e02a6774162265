"""Reading documents: files of any supported format → cleaned, normalised ``Document``s.

    read_document(path, *, max_bytes=DEFAULT_MAX_BYTES) -> Document   # or InputError
    read_documents(path, *, whole_files=False) -> list[Document]     # items of a file
    iter_read_documents(paths, *, whole_files=False) -> Iterator[Progress | Document | InputError]
    document_from_string(text, *, path, title) -> Document            # text already decoded
"""

from __future__ import annotations

import re
from pathlib import Path

from tifa.engine.ingest.assemble import assemble
from tifa.engine.ingest.reader import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    iter_read_documents,
    read_document,
    read_documents,
)
from tifa.engine.ingest.text import extract_text
from tifa.engine.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "document_from_string",
    "iter_read_documents",
    "read_document",
    "read_documents",
]


def document_from_string(
    text: str, *, path: Path | str = "<text>", title: str | None = None
) -> Document:
    """A Document from text already in memory, cleaned exactly as a .txt file would be
    (front matter, HTML and Markdown recognised). May have no paragraphs if ``text`` has
    no text in it."""
    if _SURROGATE_RE.search(text):  # not text any file could hold: shown as damage
        text = _SURROGATE_RE.sub("\ufffd", text)
    return assemble(Path(path), extract_text(text), title=title)


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
