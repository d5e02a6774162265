"""PDF text layer (pypdf): lines of each page, running headers/footers and page numbers
dropped, hard-wrapped lines joined back into paragraphs. No text layer: an error, not OCR."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from tifa.engine.errors import InputError
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.paragraphs import blocks_from_text, clean_line, split_lines
from tifa.engine.normalize import RADICAL_TABLE

# Some PDF writers' text maps give NUL and other control characters between letters.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u2018\u2019\u201c\u201d"
_CJK_SPACE_RE = re.compile(rf"(?<=[{_CJK}])[ \t]+|[ \t]+(?=[{_CJK}])")
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?([/／]\s*(共\s*)?\d{1,4}\s*页?)?[-—–－\s]*$"
    r"|^[-—–－]?\s*[ivxlcIVXLC]{1,6}\s*[-—–－]?$"
    r"|^(page|Page|PAGE)\s*\d+(\s*(of|/)\s*\d+)?$"
)


def extract_pdf(data: bytes, path: Path) -> Extracted:
    try:
        from pypdf import PdfReader

        # pypdf logs (even at ERROR) every robustness fix it makes on odd files; a damaged
        # file becomes our InputError instead.
        logging.getLogger("pypdf").setLevel(logging.CRITICAL)
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "the PDF is password-protected")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputError:
        raise
    except Exception as exc:  # a damaged file can make pypdf raise anything
        raise InputError(path, f"the PDF is damaged or not a PDF ({_why(exc)})") from None
    if not any(p.strip() for p in pages):
        raise InputError(
            path, "the PDF has no text layer (a scan or images only); Tifa does not do OCR"
        )
    pages = [_clean_page(p) for p in pages]
    lines = _strip_running_lines([[clean_line(x) for x in split_lines(p)] for p in pages])
    blocks = blocks_from_text("\n".join(lines), wrapped=True)
    meta: dict[str, object] = {}
    if info is not None:
        title = (info.title or "").strip()
        author = (info.author or "").strip()
        if title and not title.lower().startswith(("microsoft word", "untitled")):
            meta["title"] = title
        if author:
            meta["author"] = author
    return Extracted(blocks, "pdf", "utf-8", meta)


def _clean_page(text: str) -> str:
    """PDF text quirks: control characters between letters, Kangxi radicals (⽉, ⼯) in place
    of the ideographs they look like, spaces put around CJK characters by the layout."""
    text = _CONTROL_RE.sub("", text).translate(RADICAL_TABLE)
    return _CJK_SPACE_RE.sub("", text)


def _strip_running_lines(pages: list[list[str]]) -> list[str]:
    """Page numbers, and lines repeated at the top or bottom of most pages (running
    heads), are not text. Pages are separated by a blank line only when a page ends a
    sentence, so a paragraph running over a page break is joined back."""
    edge_counts: Counter[str] = Counter()
    for page in pages:
        nonblank = [x for x in page if x]
        for line in set(nonblank[:2] + nonblank[-2:]):
            edge_counts[line] += 1
    repeated = {line for line, n in edge_counts.items()
                if len(pages) >= 3 and n >= len(pages) * 0.6}
    out: list[str] = []
    for page in pages:
        kept = [x for x in page if x and x not in repeated and not _PAGE_NUMBER_RE.match(x)]
        out.extend(kept)
    return out


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"
