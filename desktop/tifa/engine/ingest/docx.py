"""Word .docx: body paragraphs and table cells in document order, headings by their style,
title and author from the document properties."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from tifa.engine.errors import InputError
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.paragraphs import Block, clean_line
from tifa.engine.model import ParagraphKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def extract_docx(data: bytes, path: Path) -> Extracted:
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word .docx file ({_why(exc)})") from None
    except Exception as exc:  # python-docx/lxml raise many kinds on damaged parts
        raise InputError(path, f"the Word file is damaged ({_why(exc)})") from None
    try:
        return _extract(document)
    except Exception as exc:  # a damaged part found while walking the body
        raise InputError(path, f"the Word file is damaged ({_why(exc)})") from None


def _extract(document: Any) -> Extracted:
    blocks: list[Block] = []
    title_from_style: str | None = None
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            text, style = _paragraph(element, document)
            if text:
                if style.lower() == "title" and title_from_style is None:
                    title_from_style = text
                blocks.append(Block(text, _kind(style)))
        elif element.tag == f"{_W}tbl":
            blocks.extend(_table(element, document))
    meta: dict[str, object] = {}
    props = document.core_properties
    if props.title and props.title.strip():
        meta["title"] = props.title.strip()
    elif title_from_style:
        meta["title"] = title_from_style
    if props.author and props.author.strip():
        meta["author"] = props.author.strip()
    if props.subject and props.subject.strip():
        meta["subject"] = props.subject.strip()
    return Extracted(blocks, "docx", "utf-8", meta)


def _paragraph(element: Any, document: Any) -> tuple[str, str]:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)
    try:
        style = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    return clean_line(paragraph.text), style or ""


def _kind(style: str) -> ParagraphKind | None:
    lowered = style.lower()
    if lowered.startswith(("heading", "title", "subtitle")) or "标题" in style:
        return ParagraphKind.HEADING
    return None


def _table(element: Any, document: Any) -> list[Block]:
    """Each cell's paragraphs, row by row (merged cells appear once)."""
    blocks: list[Block] = []
    for row in element.iter(f"{_W}tr"):
        for cell in row.iter(f"{_W}tc"):
            for p in cell.iter(f"{_W}p"):
                text, _ = _paragraph(p, document)
                if text:
                    blocks.append(Block(text))
    return blocks


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"
