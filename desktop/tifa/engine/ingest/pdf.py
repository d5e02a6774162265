"""PDF text layer: lines of each page, running headers/footers and page numbers dropped, lines
joined back into paragraphs. No text layer: an error, not OCR.

The reader is PDFium (pypdfium2, which bundles it), with pypdf as a fallback when pypdfium2 is
not installed. Measured on the five seeds printed to PDF (bench/ingest.py ``--pdf``): both read
Chromium's PDFs whole, but pypdf garbles half the characters of fpdf2's CJK PDFs (it misreads
their two-byte CID encoding past ~250 glyphs) where PDFium reads them exactly, and PDFium is
5–10 times faster.

PDFium also gives where each line is on the page, so paragraphs are found from the layout: a
line starts a paragraph when a larger vertical gap than the usual line spacing precedes it
(paragraphs set apart by space only, as browsers print them), when it is indented, or when the
line before stops short of the text width. Without positions (pypdf), paragraphs come from the
text alone (``blocks_from_text``): a paragraph whose last line is full runs on into the next.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import threading
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from tifa.engine.errors import InputError
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.paragraphs import (
    CLOSING,
    Block,
    blocks_from_text,
    clean_line,
    join_lines,
    split_lines,
)
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
# Layout thresholds, in line heights: a gap this much above the usual line spacing parts
# paragraphs; a first line starting this much right of the text's left edge is indented; a
# line ending this much left of the text's right edge stops short (a paragraph's last line).
PARAGRAPH_GAP = 0.5
INDENT = 0.7
SHORT_LINE = 1.5

_PDFIUM_LOCK = threading.Lock()  # PDFium is not thread-safe

# A PDF's streams are compressed, and a page's drawing instructions can inflate a thousand
# times over: PDFium parses a page's instructions whole when the page is loaded, at ~13 bytes
# of memory a byte (a 315 KB file of 111 MB of instructions took 1.5 GB and 18 s). So what
# the streams PDFium would inflate to read the text (every stream but images) expand to is
# counted first, at zlib's speed, and a file past these limits is refused. A dense page
# holds 10-100 KB of instructions, a detailed map a few MB, an embedded CJK font ~10-20 MB.
MAX_STREAM = 32 * 1024 * 1024
MAX_STREAMS = 128 * 1024 * 1024
# A stream's dictionary ends where its data begins (``stream`` then CR LF or LF); it starts
# after the object's header, ``N G obj``, less than a few KB before.
_STREAM_START_RE = re.compile(rb"(?<!end)stream\r?\n")
_OBJECT_HEADER_RE = re.compile(rb"\d+\s+\d+\s+obj\b")
_FLATE_RE = re.compile(rb"/Fl(?:ateDecode)?\b")
_IMAGE_RE = re.compile(rb"/Subtype\s*/Image\b")
_FEED = 1 << 16
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of a page with its box (PDF units, y upwards)."""

    text: str
    page: int
    left: float
    right: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def extract_pdf(data: bytes, path: Path) -> Extracted:
    check_expansion(data, path)
    try:
        import pypdfium2  # noqa: F401
    except ImportError:  # a dependency, but pypdf can stand in
        return _extract_with_pypdf(data, path)
    with _PDFIUM_LOCK:
        pages, meta = _pdfium_lines(data, path)
    if not any(line.text for page in pages for line in page):
        raise InputError(
            path, "the PDF has no text layer (a scan or images only); Tifa does not do OCR"
        )
    kept = _strip_running_lines([[line.text for line in page] for page in pages])
    lines = [line for page, keep in zip(pages, kept, strict=True)
             for line, ok in zip(page, keep, strict=True) if ok]
    blocks = [Block(join_lines([line.text for line in group])) for group in paragraphs(lines)]
    return Extracted(blocks, "pdf", "utf-8", meta)


def check_expansion(data: bytes, path: Path) -> None:
    """InputError if the file's compressed streams, images aside, inflate past what Tifa
    reads (a deflate bomb): counted in 1 MB pieces, never held whole. Streams zlib cannot
    read (encrypted, other filters, damaged) are left to the reader."""
    total = 0
    for match in _STREAM_START_RE.finditer(data):
        start = match.start()
        headers = list(_OBJECT_HEADER_RE.finditer(data, max(0, start - 4096), start))
        dictionary = data[headers[-1].end() if headers else max(0, start - 4096): start]
        if not _FLATE_RE.search(dictionary) or _IMAGE_RE.search(dictionary):
            continue
        size = inflated_size(data, match.end(), limit=MAX_STREAM)
        total += size
        if size > MAX_STREAM:
            raise InputError(
                path, f"one of the PDF's compressed streams expands to more than "
                f"{_mb(MAX_STREAM)} (Tifa reads up to {_mb(MAX_STREAMS)} of them, "
                f"{_mb(MAX_STREAM)} a stream): a deflate bomb or not a document, refused")
        if total > MAX_STREAMS:
            raise InputError(
                path, f"the PDF's compressed streams expand to more than {_mb(MAX_STREAMS)} "
                f"(Tifa reads up to {_mb(MAX_STREAMS)}, {_mb(MAX_STREAM)} a stream): refused")


def inflated_size(data: bytes, start: int, *, limit: int) -> int:
    """How many bytes the zlib stream at ``data[start:]`` inflates to, counted up to just
    past ``limit`` (the count stops there): fed 64 KB at a time, inflated 1 MB at a time."""
    inflater = zlib.decompressobj()
    view = memoryview(data)
    total = 0
    position = start
    try:
        while not inflater.eof and total <= limit:
            pending: bytes | memoryview = inflater.unconsumed_tail
            if not pending:
                if position >= len(data):
                    break
                pending = view[position: position + _FEED]
                position += _FEED
            total += len(inflater.decompress(pending, _CHUNK))
    except zlib.error:
        pass  # not zlib after all, or damaged: PDFium decides
    return total


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def _pdfium_lines(data: bytes, path: Path) -> tuple[list[list[_Line]], dict[str, object]]:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "the PDF is password-protected") from None
        raise InputError(path, f"the PDF is damaged or not a PDF ({_why(exc)})") from None
    try:
        meta = _metadata(document.get_metadata_dict())
        pages: list[list[_Line]] = []
        rect = raw.FS_RECTF()
        for number in range(len(document)):
            page = document[number]
            textpage = page.get_textpage()
            try:
                count = raw.FPDFText_CountChars(textpage)
                codes = [raw.FPDFText_GetUnicode(textpage, i) for i in range(count)]

                def char_box(index: int, textpage: object = textpage) -> tuple[float, ...]:
                    # the loose box spans the font's ascent to descent: the same for every
                    # character of a line, where tight boxes shrink around 一 or ，
                    raw.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(rect))
                    return (rect.left, rect.right, rect.bottom, rect.top)

                pages.append(list(_page_lines(number, codes, char_box)))
            finally:
                textpage.close()
                page.close()
    except InputError:
        raise
    except Exception as exc:  # a damaged file can make PDFium fail on any page
        raise InputError(path, f"the PDF is damaged or not a PDF ({_why(exc)})") from None
    finally:
        document.close()
    return pages, meta


def _page_lines(number: int, codes: Sequence[int], char_box: object) -> list[_Line]:
    """The page's lines (PDFium ends each with a generated CR LF) with their boxes: left from
    the first character, right from the last, top and bottom from the tallest."""
    assert callable(char_box)
    out: list[_Line] = []
    start = 0
    for end in [*(i for i, c in enumerate(codes) if c == 0x0A), len(codes)]:
        indices = [i for i in range(start, end) if codes[i] not in (0x0A, 0x0D)]
        start = end + 1
        text = "".join(map(chr, (codes[i] for i in indices)))
        # surrogate pairs come as two code units: make them one character
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        text = clean_line(_clean_page(text))
        if not text:
            continue
        visible = [i for i in indices if not chr(codes[i]).isspace() and codes[i] > 0x1F]
        boxes = [char_box(i) for i in (visible[0], visible[-1])] if visible else []
        if not boxes:
            continue
        (left, _, bottom_a, top_a), (_, right, bottom_b, top_b) = boxes
        out.append(_Line(text, number, left, right, max(top_a, top_b), min(bottom_a, bottom_b)))
    return out


def paragraphs(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Lines grouped into paragraphs by layout (see the module docstring)."""
    if not lines:
        return []
    height = statistics.median(max(line.height, 1e-3) for line in lines)
    # the text's left edge: the leftmost position (in quarter line heights) many lines share
    lefts = Counter(round(line.left / (height / 4)) for line in lines)
    common = max(2, lefts.most_common(1)[0][1] / 3)
    shared = [k for k, n in lefts.items() if n >= common]
    text_left = min(shared) * height / 4 if shared else min(line.left for line in lines)
    rights = sorted(line.right for line in lines)
    text_right = rights[int(len(rights) * 0.9)] if len(rights) > 1 else rights[0]
    gaps = [
        prev.bottom - line.top
        for prev, line in pairwise(lines)
        if prev.page == line.page and line.top < prev.bottom + height
    ]
    spacing = statistics.median(gaps) if gaps else 0.0
    wide = sum(gap > spacing + PARAGRAPH_GAP * height for gap in gaps)
    # Paragraphs set apart by space: within a page the gap says it all (lines end a character
    # or two short of the width anyway, where punctuation may not start a line or a Latin word
    # wraps whole); across a page break, where there is no gap to see, a short last line ends
    # a paragraph when it also ends a sentence.
    spaced = wide >= max(2, len(gaps) // 50)
    groups: list[list[_Line]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        same_page = prev.page == line.page
        short = prev.right < text_right - SHORT_LINE * height
        starts = (
            line.left > text_left + INDENT * height
            or (same_page and line.top > prev.bottom + height)  # a new column, or back up
            or (same_page and prev.bottom - line.top > spacing + PARAGRAPH_GAP * height)
            or (short and not spaced)
            or (short and not same_page and prev.text.endswith(CLOSING))
        )
        if starts:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _metadata(info: dict[str, str]) -> dict[str, object]:
    meta: dict[str, object] = {}
    title = (info.get("Title") or "").strip()
    author = (info.get("Author") or "").strip()
    if title and not title.lower().startswith(("microsoft word", "untitled")):
        meta["title"] = title
    if author:
        meta["author"] = author
    return meta


def _extract_with_pypdf(data: bytes, path: Path) -> Extracted:
    """The text alone, through pypdf: paragraphs from the text (``blocks_from_text``)."""
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
    page_lines = [[clean_line(x) for x in split_lines(_clean_page(p))] for p in pages]
    page_lines = [[x for x in page if x] for page in page_lines]
    kept = _strip_running_lines(page_lines)
    lines = [x for page, keep in zip(page_lines, kept, strict=True)
             for x, ok in zip(page, keep, strict=True) if ok]
    blocks = blocks_from_text("\n".join(lines), wrapped=True)
    meta = _metadata({"Title": (info.title or "") if info else "",
                      "Author": (info.author or "") if info else ""})
    return Extracted(blocks, "pdf", "utf-8", meta)


def _clean_page(text: str) -> str:
    """PDF text quirks: control characters between letters, Kangxi radicals (⽉, ⼯) in place
    of the ideographs they look like, spaces put around CJK characters by the layout."""
    text = _CONTROL_RE.sub("", text).translate(RADICAL_TABLE)
    return _CJK_SPACE_RE.sub("", text)


def _strip_running_lines(pages: list[list[str]]) -> list[list[bool]]:
    """Which lines to keep: page numbers, and lines repeated at the top or bottom of most
    pages (running heads), are not text."""
    edge_counts: Counter[str] = Counter()
    for page in pages:
        nonblank = [x for x in page if x]
        for line in set(nonblank[:2] + nonblank[-2:]):
            edge_counts[line] += 1
    repeated = {line for line, n in edge_counts.items()
                if len(pages) >= 3 and n >= len(pages) * 0.6}
    return [[bool(x) and x not in repeated and not _PAGE_NUMBER_RE.match(x) for x in page]
            for page in pages]


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"
