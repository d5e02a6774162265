"""A .docx whose zip directory disagrees with its parts' own headers, or that lacks a part it
refers to, is refused with a reason a user understands (it was "There is no item named
'docProps/thumbnail.jpeg' in the archive", or zipfile's "File name in directory … and header
… differ.")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import BEIJING_2022
from tifa.engine.errors import InputError
from tifa.engine.ingest import read_document

THUMBNAIL = b"docProps/thumbnail.jpeg"  # in every file python-docx's template makes
RENAMED = b"docProps/thumbnaiX.jpeg"  # same length: every offset stays right


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for line in BEIJING_2022.read_text(encoding="utf-8").splitlines()[:40]:
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _reason(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "report.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == path and str(path) in str(caught.value)
    return caught.value.reason


def test_the_unchanged_file_reads(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx())
    assert len(read_document(path).paragraphs) > 10


def test_a_name_changed_in_the_zip_directory_only(tmp_path: Path) -> None:
    data = _docx()
    directory = data.rfind(b"PK\x05\x06")  # the end record; the directory is before it
    at = data.rfind(THUMBNAIL, 0, directory)
    assert at > data.find(b"PK\x01\x02")  # the directory's copy of the name
    damaged = data[:at] + RENAMED + data[at + len(RENAMED):]
    reason = _reason(tmp_path, damaged)
    assert reason.startswith(
        "the .docx is damaged: its zip directory does not match its contents")
    assert "thumbnaiX" in reason and "There is no item" not in reason


def test_a_name_changed_in_the_parts_header_only(tmp_path: Path) -> None:
    data = _docx()
    at = data.find(THUMBNAIL)  # the local header comes first
    assert at < data.find(b"PK\x01\x02")
    damaged = data[:at] + RENAMED + data[at + len(RENAMED):]
    reason = _reason(tmp_path, damaged)
    assert reason.startswith(
        "the .docx is damaged: its zip directory does not match its contents")
    assert "differ." not in reason


def test_a_directory_entry_pointing_at_the_wrong_place(tmp_path: Path) -> None:
    """The directory's offset of a part moved by a few bytes: no part header there."""
    data = bytearray(_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo(THUMBNAIL.decode())
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(THUMBNAIL))  # the entry naming it
    offset_at = entry + 42  # relative offset of local header
    data[offset_at:offset_at + 4] = (info.header_offset + 7).to_bytes(4, "little")
    reason = _reason(tmp_path, bytes(data))
    assert reason == ("the .docx is damaged: its zip directory does not match its contents "
                      "(docProps/thumbnail.jpeg: no part header where the directory points)")


def test_a_part_it_refers_to_is_missing(tmp_path: Path) -> None:
    """A consistent zip without the thumbnail the package's relationships name."""
    source = zipfile.ZipFile(io.BytesIO(_docx()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != THUMBNAIL.decode():
                out.writestr(info, source.read(info))
    reason = _reason(tmp_path, buffer.getvalue())
    assert reason == ("the .docx is damaged: a part it refers to is missing "
                      "(docProps/thumbnail.jpeg)")


def test_a_part_left_out_of_the_zip_directory(tmp_path: Path) -> None:
    """The thumbnail's entry cut out of the directory (the end record's counts fixed): the
    part is in the file, the directory does not list it."""
    import struct

    data = _docx()
    end = data.rfind(b"PK\x05\x06")
    fields = list(struct.unpack_from("<4s4H2LH", data, end))
    entry = data.rfind(b"PK\x01\x02", 0, end)  # the last entry: the thumbnail's
    assert data[entry + 46: entry + 46 + len(THUMBNAIL)] == THUMBNAIL
    fields[3] -= 1
    fields[4] -= 1
    fields[5] -= end - entry
    damaged = data[:entry] + struct.pack("<4s4H2LH", *fields) + data[end + 22:]
    with zipfile.ZipFile(io.BytesIO(damaged)) as archive:  # a valid zip, one part fewer
        assert THUMBNAIL.decode() not in archive.namelist()
    assert _reason(tmp_path, damaged) == (
        "the .docx is damaged: its zip directory does not match its contents "
        "(docProps/thumbnail.jpeg is in the file, not in its directory)")
