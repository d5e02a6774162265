"""Word .docx: body paragraphs and table cells in document order, headings by their style,
title and author from the document properties."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tifa.engine.errors import InputError
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.paragraphs import Block, clean_line
from tifa.engine.model import ParagraphKind

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# A .docx is a zip: what it expands to is checked from its directory before anything is
# inflated (ZipInfo.file_size is also an upper bound when reading: zipfile stops there).
MAX_EXPANDED = 256 * 1024 * 1024  # all parts together
MAX_PART = 64 * 1024 * 1024  # any one part (document.xml of a 1,000-page report: ~20 MB)
MAX_RATIO = 200  # uncompressed / compressed of a part above 1 MB (real XML: 5 to 30)
MAX_PARTS = 5_000


DAMAGED_ZIP = "the .docx is damaged: its zip directory does not match its contents"


def check_zip_sizes(data: bytes, path: Path) -> None:
    """InputError if the archive would expand to more than Tifa reads (a zip bomb), or if its
    directory (at the end of the file) disagrees with the parts' own headers."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(path, f"not a readable Word .docx file ({_why(exc)})") from None
    mismatch = _directory_mismatch(data, infos)
    if mismatch is not None:
        raise InputError(path, f"{DAMAGED_ZIP} ({mismatch})")
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"the Word file holds {len(infos):,} parts (at most "
                               f"{MAX_PARTS:,}): not a document Tifa reads")
    total = sum(info.file_size for info in infos)
    biggest = max(infos, key=lambda info: info.file_size, default=None)
    if total > MAX_EXPANDED or (biggest is not None and biggest.file_size > MAX_PART):
        raise InputError(path, f"the Word file expands to {_gb(total)} (Tifa reads up to "
                               f"{_gb(MAX_EXPANDED)}, {_gb(MAX_PART)} a part): refused")
    for info in infos:
        if info.file_size > 1024 * 1024 and \
                info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise InputError(
                path, f"the Word file expands to {_gb(info.file_size)} ({info.filename} is "
                f"compressed {ratio:,} to 1, real documents 5 to 30): a zip bomb, refused")


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, name length, extra length


def _directory_mismatch(data: bytes, infos: list[zipfile.ZipInfo]) -> str | None:
    """The first part whose entry in the zip directory names another place or name than the
    part's local header, in words; None if they all agree. Reads 30 bytes and the name of
    each part (zipfile compares them only when a part is opened, and a renamed entry reads
    as a missing part: "There is no item named …")."""
    for info in infos:
        start = info.header_offset
        if start < 0 or start + _LOCAL_HEADER.size > len(data):
            return f"{info.orig_filename}: its header is past the end of the file"
        signature, name_length, _ = _LOCAL_HEADER.unpack_from(data, start)
        if signature != b"PK\x03\x04":
            return f"{info.orig_filename}: no part header where the directory points"
        raw = data[start + _LOCAL_HEADER.size: start + _LOCAL_HEADER.size + name_length]
        name = raw.decode("utf-8" if info.flag_bits & 0x800 else "cp437", errors="replace")
        if name != info.orig_filename:
            return f"the directory names {info.orig_filename!r}, the part {name!r}"
    return None


def _missing_part(exc: KeyError, data: bytes) -> str:
    """The reason for a part python-docx looked for and the zip directory does not list."""
    text = str(exc.args[0]) if exc.args else ""
    if not text.startswith("There is no item named "):
        return f"not a readable Word .docx file ({_why(exc)})"
    name = text.removeprefix("There is no item named ").removesuffix(" in the archive")
    name = name.strip("'\"")
    if name == "[Content_Types].xml":  # the first part any Office file has
        return "not a Word .docx file (a ZIP archive without [Content_Types].xml)"
    if name and _has_local_header(data, name.encode("utf-8")):  # the directory lost it
        return f"{DAMAGED_ZIP} ({name} is in the file, not in its directory)"
    return f"the .docx is damaged: a part it refers to is missing ({name})"


def _has_local_header(data: bytes, name: bytes) -> bool:
    """Whether a part header naming ``name`` is in ``data`` (not only the name in some text)."""
    at = data.find(name)
    while at >= 0:
        start = at - _LOCAL_HEADER.size
        if start >= 0 and data[start:start + 4] == b"PK\x03\x04" and \
                _LOCAL_HEADER.unpack_from(data, start)[1] == len(name):
            return True
        at = data.find(name, at + 1)
    return False


def _gb(n: int) -> str:
    if n >= 1024 ** 3:
        return f"{n / 1024 ** 3:.1f} GB"
    return f"{n / 1024 ** 2:.0f} MB"


def extract_docx(data: bytes, path: Path) -> Extracted:
    check_zip_sizes(data, path)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except KeyError as exc:  # a part the package refers to
        raise InputError(path, _missing_part(exc, data)) from None
    except (zipfile.BadZipFile, ValueError) as exc:
        raise InputError(path, f"not a readable Word .docx file ({_why(exc)})") from None
    except MemoryError:
        raise InputError(path, "the Word file is too large to read in memory") from None
    except Exception as exc:  # python-docx/lxml raise many kinds on damaged parts
        raise InputError(path, f"the Word file is damaged ({_why(exc)})") from None
    try:
        return _extract(document)
    except MemoryError:
        raise InputError(path, "the Word file is too large to read in memory") from None
    except RecursionError:
        raise InputError(path, "the Word file nests too deeply to read") from None
    except Exception as exc:  # a damaged part found while walking the body
        raise InputError(path, f"the Word file is damaged ({_why(exc)})") from None


def _extract(document: Any) -> Extracted:
    blocks: list[Block] = []
    title_from_style: str | None = None
    for element in _children(document.element.body, f"{_W}p", f"{_W}tbl"):
        if element.tag == f"{_W}p":
            lines, style = _paragraph(element, document)
            if lines:
                if style.lower() == "title" and title_from_style is None:
                    title_from_style = " ".join(lines)
                blocks.extend(Block(line, _kind(style)) for line in lines)
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


def _paragraph(element: Any, document: Any) -> tuple[list[str], str]:
    """The paragraph's lines and its style name. Lines ended by a manual line break
    (Shift+Enter, w:br; the "软回车" of text pasted from a web page) are paragraphs of their
    own, as the lines of a text file are: a document laid out that way was one paragraph."""
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(element, document)
    try:
        style = paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, ValueError):
        style = ""
    lines = [clean_line(line) for line in _text(element).split("\n")]
    return [line for line in lines if line], style or ""


# What a paragraph holds besides its runs: python-docx's ``Paragraph.text`` reads only the
# runs and hyperlinks directly in it, so the words of a tracked insertion (w:ins), a smart
# tag (Chinese Word marks dates, names and places with w:smartTag), a content control
# (w:sdt), a simple field or a moved passage were left out. The text is read as Word shows
# it with the changes accepted: tracked deletions (w:del, w:moveFrom) are not in it.
_NOT_TEXT = frozenset({f"{_W}del", f"{_W}moveFrom", f"{_W}pPr", f"{_W}rPr", f"{_W}sdtPr",
                       f"{_W}sdtEndPr", f"{_W}customXmlPr", f"{_W}smartTagPr",
                       # the copy for older readers of what mc:Choice holds
                       "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"})


def _text(element: Any) -> str:
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}r":
            parts.append(child.text or "")  # python-docx's run text: w:t, tabs, breaks
            ruby = child.find(f"{_W}ruby")  # Word's 拼音指南: the character, not its reading
            base = ruby.find(f"{_W}rubyBase") if ruby is not None else None
            if base is not None:
                parts.append(_text(base))
        elif isinstance(tag, str) and tag not in _NOT_TEXT:
            parts.append(_text(child))  # w:ins, w:hyperlink, w:smartTag, w:sdtContent, …
    return "".join(parts)


def _kind(style: str) -> ParagraphKind | None:
    lowered = style.lower()
    if lowered.startswith(("heading", "title", "subtitle")) or "标题" in style:
        return ParagraphKind.HEADING
    return None


def _table(element: Any, document: Any) -> list[Block]:
    """Each cell's paragraphs, row by row (merged cells appear once); a table in a cell is
    read where it stands, once (``iter`` over the descendants read a table nested in a
    cell two more times: once with its cell, once with its rows)."""
    blocks: list[Block] = []
    for row in _children(element, f"{_W}tr"):
        for cell in _children(row, f"{_W}tc"):
            for child in _children(cell, f"{_W}p", f"{_W}tbl"):
                if child.tag == f"{_W}tbl":
                    blocks.extend(_table(child, document))
                    continue
                lines, _ = _paragraph(child, document)
                blocks.extend(Block(line) for line in lines)
    return blocks


_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})


def _children(element: Any, *tags: str) -> Iterator[Any]:
    """The children of ``element`` with one of ``tags``, looking into the content controls
    and custom XML that may wrap them (a template's fields, a form's rows), but not into a
    table of contents (Word's own list of headings)."""
    for child in element.iterchildren():
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS and not _is_contents(child):
            yield from _children(child, *tags)


def _is_contents(element: Any) -> bool:
    gallery = element.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(f"{_W}val") or "").lower()


def _why(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "…"
