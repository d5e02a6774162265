"""Bad input: every kind of unreadable file gives an InputError naming the file and the
reason — fast, without writing to the file — and nothing else escapes."""

from __future__ import annotations

import io
import os
import stat
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BEIJING_2017, CHENGDU_2022
from tifa.engine.errors import InputError
from tifa.engine.ingest import iter_read_documents, read_document
from tifa.engine.model import Document
from tifa.engine.progress import Progress


def _reason(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    return caught.value.reason


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert "folder" in _reason(tmp_path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  ", "\u3000\u3000\n".encode()])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    reason = _reason(path)
    assert "empty" in reason or "no text" in reason


def test_binary_file_with_a_text_extension(tmp_path: Path) -> None:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
           + bytes(range(256)) * 8)
    path = tmp_path / "picture.txt"
    path.write_bytes(png)
    assert "binary" in _reason(path)


def test_bytes_that_do_not_decode(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 151 + 7) % 128 + 128 for i in range(3000)))
    reason = _reason(path)
    assert "decode" in reason or "encoding" in reason or "binary" in reason


def test_corrupt_docx(tmp_path: Path) -> None:
    not_zip = tmp_path / "a.docx"
    not_zip.write_bytes(b"this is not a word file at all")
    assert "not a Word .docx file" in _reason(not_zip)
    truncated = tmp_path / "b.docx"
    good = io.BytesIO()
    import docx

    document = docx.Document()
    document.add_paragraph("会议强调，要坚持稳中求进工作总基调。")
    document.save(good)
    truncated.write_bytes(good.getvalue()[: len(good.getvalue()) // 2])
    assert "docx" in _reason(truncated).lower() or "damaged" in _reason(truncated)
    no_document = tmp_path / "c.docx"
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "Word" in _reason(no_document)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    junk = bytes((i * 97 + 13) % 256 for i in range(500))
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + junk)
    reason = _reason(path)
    assert "PDF" in reason
    fake = tmp_path / "fake.pdf"
    fake.write_text("会议强调，要坚持稳中求进。", encoding="utf-8")
    assert "not a PDF" in _reason(fake)


def test_password_protected_pdf(tmp_path: Path) -> None:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "secret")
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(bytes(pdf.output()))).pages:
        writer.add_page(page)
    writer.encrypt("open sesame")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as target:
        writer.write(target)
    assert "password" in _reason(path)


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")  # a "scan": drawing only, no text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert "no text layer" in _reason(path)


def test_too_large_file_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (sparse: costs no disk)
    # refused from the size alone: the 50 MB are never read into memory (what "fast" means
    # here, measured without a clock)
    tracemalloc.start()
    try:
        reason = _reason(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, f"{peak:,} bytes allocated"
    assert "too large" in reason and "50.0 MB" in reason and "20.0 MB" in reason


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_bytes(CHENGDU_2022.read_bytes())
    assert "too large" in _reason(path, max_bytes=1024)
    assert read_document(path, max_bytes=1024 * 1024).paragraphs


@pytest.mark.parametrize(("name", "words"), [("old.doc", ".docx"), ("x.rtf", "RTF")])
def test_unsupported_formats_say_what_to_do(tmp_path: Path, name: str, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"{\\rtf1 whatever}")
    assert words in _reason(path)


def test_input_files_are_never_written(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    data = BEIJING_2017.read_bytes()
    path.write_bytes(data)
    os.chmod(path, stat.S_IRUSR)  # read-only: a write attempt would fail loudly
    before = path.stat()
    try:
        read_document(path)
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == before.st_mtime_ns
    finally:
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    results = list(iter_read_documents([CHENGDU_2022, missing, empty, BEIJING_2017]))
    progress = [r for r in results if isinstance(r, Progress)]
    values = [r for r in results if not isinstance(r, Progress)]
    assert [type(v) for v in values] == [Document, InputError, InputError, Document]
    assert isinstance(values[1], InputError) and values[1].path == missing
    assert progress[0].total == 4 and progress[-1].fraction == 1.0


def test_cancelling_stops_reading() -> None:
    steps = iter_read_documents([CHENGDU_2022, BEIJING_2017])
    assert isinstance(next(steps), Progress)
    steps.close()  # what the GUI does on Cancel
    with pytest.raises(StopIteration):
        next(steps)


_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"---\ntitle: x\n",
             b"<html><body><p>", "会议强调".encode(), "會議強調".encode("big5"), b"\x00\x00"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(_PREFIXES),
    body=st.binary(max_size=2000),
    suffix=st.sampled_from([".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".xyz", ""]),
)
def test_arbitrary_bytes_raise_nothing_but_input_error(
    tmp_path: Path, prefix: bytes, body: bytes, suffix: str
) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + body)
    try:
        doc = read_document(path)
    except InputError as error:
        assert error.path == path and error.reason
    else:
        assert doc.paragraphs and all(p.normalized for p in doc.paragraphs)


@pytest.mark.parametrize(("encoding", "config"), [("utf-8", None), ("gb18030", None),
                                                  ("big5", "s2tw")])
def test_a_few_damaged_bytes_are_kept_and_reported(
    tmp_path: Path, encoding: str, config: str | None
) -> None:
    """One bad byte must not make a file unreadable, nor make the detector pick an encoding
    that turns the rest into nonsense: the damage shows as U+FFFD and is reported."""
    import opencc

    text = CHENGDU_2022.read_text(encoding="utf-8")
    if config:
        text = opencc.OpenCC(config).convert(text)
    data = text.encode(encoding)
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:500] + b"\xff" + data[500:])
    doc = read_document(path)
    assert doc.encoding == encoding
    assert doc.paragraphs[0].text.startswith(text[:20])
    warning = next(w for w in doc.warnings if w.code == "corrupted-characters")
    assert all(doc.paragraphs[p].text[i] == "\ufffd" for p, i in warning.positions)
    assert 1 <= len(warning.positions) <= 3


def _pdf_with_instructions(instructions: bytes) -> bytes:
    """One page, Helvetica, whose drawing instructions are ``instructions``, deflated (what
    any PDF writer does); the cross-reference table written as PDF asks."""
    import zlib

    stream = zlib.compress(instructions, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_whose_instructions_inflate_past_the_limit_is_refused(tmp_path: Path) -> None:
    """A deflate bomb: 40 MB of instructions in a ~40 KB file (PDFium would take ~0.5 GB
    and seconds to parse the page; 1.1 GB of them took 15 GB and 277 s). Refused before
    PDFium sees it; the same page with a few lines of instructions reads."""
    from tifa.engine.ingest import pdf

    line = b"BT /F1 12 Tf 72 712 Td (AAAA) Tj ET\n"
    small = tmp_path / "small.pdf"
    small.write_bytes(_pdf_with_instructions(line * 3))
    assert read_document(small).paragraphs[0].text == "AAAA"
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(_pdf_with_instructions(line * (pdf.MAX_STREAM // len(line) + 1000)))
    assert bomb.stat().st_size < 1024 * 1024
    reason = _reason(bomb)
    assert "expands to more than 32 MB" in reason and "refused" in reason


def test_inflated_size_counts_a_stream_and_stops_past_the_limit() -> None:
    import zlib

    from tifa.engine.ingest.pdf import inflated_size

    payload = bytes(range(256)) * 40_000  # 10 MB
    data = b"junk before" + zlib.compress(payload) + b"\nendstream junk after"
    assert inflated_size(data, len(b"junk before"), limit=20_000_000) == len(payload)
    stopped = inflated_size(data, len(b"junk before"), limit=3_000_000)
    assert 3_000_000 < stopped <= 3_000_000 + 2 * (1 << 20)
    assert inflated_size(b"not zlib at all", 0, limit=100) == 0
