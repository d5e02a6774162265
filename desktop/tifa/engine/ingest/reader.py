"""Files → Documents: checks before reading, the format from the content, errors as values.

Input files are opened read-only and never written. Anything wrong with a file becomes an
``InputError`` naming the file and the reason; nothing else escapes for bad input.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from tifa.engine.errors import (
    A_FOLDER,
    NOT_REGULAR,
    PERMISSION_DENIED,
    InputError,
    os_reason,
)
from tifa.engine.ingest.assemble import ONLY_FURNITURE, assemble
from tifa.engine.ingest.encoding import damage_reason, decode_text, mostly_damaged
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.items import file_name_date, item_path, split_item_path, split_items
from tifa.engine.ingest.text import extract_text
from tifa.engine.model import Document
from tifa.engine.progress import Progress

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
_UNSUPPORTED = {
    ".doc": "old Word .doc files are not supported: save it as .docx",
    ".wps": "WPS files are not supported: save it as .docx",
    ".rtf": "RTF files are not supported: save it as .docx or .txt",
    ".odt": "OpenDocument files are not supported: save it as .docx",
    ".xls": "spreadsheets are not supported",
    ".xlsx": "spreadsheets are not supported",
    ".pptx": "presentations are not supported",
    ".ppt": "presentations are not supported",
}


def read_document(path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, clean and normalise one file (.txt, .md, .html, .docx, .pdf; others sniffed),
    whole; or one item of a many-item file by its address ``file.md#3``.

    Raises ``InputError`` (and nothing else) for a file that cannot be read.
    """
    path = Path(path)
    item = split_item_path(path)
    if item is not None:
        skipped: list[InputError] = []
        documents = read_documents(item[0], max_bytes=max_bytes, skipped=skipped)
        # found by its number, whichever items before it were refused
        refused = next((error for error in skipped if error.path == path), None)
        if refused is not None:
            raise refused
        found = next((document for document in documents if document.path == path), None)
        if found is not None:
            return found
        raise InputError(path, f"{item[0].name} has no item {item[1]}")
    data = read_bytes(path, max_bytes=max_bytes)
    extracted = extract(path, data)
    try:
        document = assemble(path, extracted)
    except RecursionError:
        raise InputError(path, "the document is nested too deeply to read") from None
    if not document.paragraphs:
        raise InputError(path, _no_text_reason(document))
    refused = _mostly_damaged(document)
    if refused is not None:
        raise refused
    return document


def _no_text_reason(document: Document) -> str:
    """Why a document without paragraphs is refused: no text, or only page furniture."""
    furniture = next((w.message for w in document.warnings if w.code == ONLY_FURNITURE), None)
    if furniture is None:
        return "no text found in the file"
    return f"all its text is page furniture ({furniture}), no article text to compare"


def _mostly_damaged(document: Document) -> InputError | None:
    """The refusal of a document whose text, once the title and the dropped lines are out,
    is mostly undecodable ("�" alone is no document); None for a readable one."""
    damage = mostly_damaged(p.text for p in document.paragraphs)
    if damage is None:
        return None
    text_format = document.format in ("txt", "markdown", "html")
    return InputError(document.path, damage_reason(
        *damage, encoding=document.encoding if text_format else None))


def read_documents(
    path: Path | str, *, max_bytes: int = DEFAULT_MAX_BYTES, whole_files: bool = False,
    skipped: list[InputError] | None = None,
) -> list[Document]:
    """The documents a file holds: one, or — for a file of many items such as a
    transcript's day (``items.split_items``) — one per item, unless ``whole_files``.
    Each item is addressed ``file#n``, has its heading as title and the file's date.

    An item whose text is mostly undecodable is refused alone, as a whole file would be:
    its InputError (naming ``file#n``) goes to ``skipped`` and the other items stay
    (without ``skipped``, such an item is left out, and a file of such items refused)."""
    path = Path(path)
    if whole_files or split_item_path(path) is not None:
        return [read_document(path, max_bytes=max_bytes)]
    data = read_bytes(path, max_bytes=max_bytes)
    if sniff_format(path, data) in ("markdown", "text"):
        text, encoding = decode_text(data, path)
        found = split_items(text)
        if found is not None:
            documents = []
            refusals: list[InputError] = []
            for item in found.items:
                extracted = extract_text(item.body, encoding=encoding, markdown=True)
                date = found.date or file_name_date(path.name)
                if date:
                    extracted.meta.setdefault("date", date)
                if found.source:
                    extracted.meta.setdefault("source", found.source)
                extracted.meta.setdefault("item", f"{item.number} / {len(found.items)}")
                if item.url:
                    extracted.meta.setdefault("url", item.url)
                # an untitled item's first sentence is its title but stays in its text
                document = assemble(item_path(path, item.number), extracted,
                                    title="(无标题)" if item.untitled else item.title)
                if item.untitled:
                    document = replace(document, title=item.title)
                refused = _mostly_damaged(document)
                if refused is not None:
                    refusals.append(refused)
                elif document.paragraphs:
                    documents.append(document)
            if skipped is not None:
                skipped.extend(refusals)
            if documents:
                return documents
            if refusals:  # every item with text refused: the file gives nothing
                if skipped is None:
                    raise refusals[0]
                return []
    return [read_document(path, max_bytes=max_bytes)]


def iter_read_documents(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES,
    whole_files: bool = False,
) -> Iterator[Progress | Document | InputError]:
    """Read files one by one: a Progress before each, then its Documents (several for a
    file of many items, unless ``whole_files``) or its InputError (as a value, so one bad
    file does not stop the others). Close the generator to cancel."""
    items = [Path(p) for p in paths]
    for done, path in enumerate(items):
        yield Progress("read", done, len(items), f"Reading {path.name}")
        skipped: list[InputError] = []
        try:
            yield from read_documents(path, max_bytes=max_bytes, whole_files=whole_files,
                                      skipped=skipped)
        except InputError as error:
            yield error
        yield from skipped
    yield Progress("read", len(items), len(items), "Done")


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, after checks that fail fast: missing, a folder, not a regular file,
    empty, larger than ``max_bytes`` (checked before reading, so a huge file costs nothing)."""
    try:
        info = path.stat()
    except (FileNotFoundError, PermissionError, NotADirectoryError) as exc:
        raise InputError(path, os_reason(exc)) from None
    except OSError as exc:
        raise InputError(path, f"cannot be opened ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(path, A_FOLDER)
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, NOT_REGULAR)
    if info.st_size == 0:
        raise InputError(path, "the file is empty")
    if info.st_size > max_bytes:
        raise InputError(
            path,
            f"the file is too large ({_size(info.st_size)}; Tifa reads files up to "
            f"{_size(max_bytes)})",
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise InputError(path, PERMISSION_DENIED) from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew while we looked
        raise InputError(path, f"the file is too large (more than {_size(max_bytes)})")
    if not data.strip():
        raise InputError(path, "the file is empty")
    suffix = path.suffix.lower()  # the content decides: a .docx or PDF named x.odt is read
    if suffix in _UNSUPPORTED and not (data.startswith(b"%PDF-") or (
            data.startswith(b"PK\x03\x04") and _is_docx(data))):
        raise InputError(path, _UNSUPPORTED[suffix])
    return data


def sniff_format(path: Path, data: bytes) -> str:
    """The reader to use: by content first for the binary formats, else by extension."""
    suffix = path.suffix.lower()
    if data.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if suffix == ".docx" or _is_docx(data):
            return "docx"
        raise InputError(path, "a ZIP archive, not a document Tifa can read")
    if suffix == ".pdf":
        raise InputError(path, "not a PDF file (it does not start with %PDF)")
    if suffix == ".docx":
        raise InputError(path, "not a Word .docx file (it is not a ZIP package)")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "an old Office file (.doc/.xls): save it as .docx")
    if suffix in (".md", ".markdown"):
        return "markdown"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    return "text"  # .txt and unknown: the content decides (front matter, HTML, plain)


def extract(path: Path, data: bytes) -> Extracted:
    fmt = sniff_format(path, data)
    if fmt in ("pdf", "docx"):
        return _binary_reader(fmt)(data, path)
    text, encoding = decode_text(data, path)
    if fmt == "html":
        extracted = extract_text(text, encoding=encoding)
        if extracted.format == "txt":  # an .html file holding plain text
            extracted.format = "html"
        return extracted
    return extract_text(text, encoding=encoding, markdown=fmt == "markdown")


def _binary_reader(fmt: str) -> Callable[[bytes, Path], Extracted]:
    """The reader of .pdf or .docx files, imported when first needed (the PDF reader alone
    brought ~7 ms of imports into every start)."""
    if fmt == "pdf":
        from tifa.engine.ingest.pdf import extract_pdf

        return extract_pdf
    from tifa.engine.ingest.docx import extract_docx

    return extract_docx


def _is_docx(data: bytes) -> bool:
    import io
    import zipfile  # only for a file that starts as a zip archive does (~2 ms of a start)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
