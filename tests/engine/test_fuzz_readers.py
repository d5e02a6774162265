"""Fuzzing every reader with random and mutated bytes: the seeds' text (UTF-8, GB18030,
Big5, as .txt/.md/.html), a real .docx and a real .pdf made from a seed. Whatever the bytes,
reading gives a Document or an InputError naming the file — never another exception."""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ALL_SEEDS, BEIJING_2017, CHENGDU_2022
from tifa.engine.errors import InputError
from tifa.engine.ingest import read_document
from tifa.engine.ingest.encoding import decode_text

NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
_FUZZ = settings(max_examples=40, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow, HealthCheck.data_too_large])
_SLOW_FUZZ = settings(_FUZZ, max_examples=25)

# A mutation: (kind, position as a fraction of the length, a byte string).
_MUTATION = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.binary(min_size=1, max_size=8),
)


def _mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, where, chunk in mutations:
        if not out:
            break
        i = min(int(where * len(out)), len(out) - 1)
        if kind == "flip":
            out[i: i + len(chunk)] = bytes(b ^ c for b, c in zip(out[i: i + len(chunk)], chunk,
                                                                 strict=False))
        elif kind == "insert":
            out[i:i] = chunk
        elif kind == "delete":
            del out[i: i + len(chunk) * 16]
        elif kind == "truncate":
            del out[max(1, i):]
        else:  # repeat a slice: nesting, long lines
            out[i:i] = bytes(out[i: i + 64]) * (chunk[0] % 32)
    return bytes(out)


def _read(path: Path) -> None:
    try:
        doc = read_document(path)
    except InputError as error:
        assert error.path == path and error.reason
        assert str(path) in str(error)
    else:
        assert doc.paragraphs and all(p.normalized for p in doc.paragraphs)
        assert all(len(p.starts) == len(p.normalized) == len(p.ends) for p in doc.paragraphs)


@cache
def _seed_bytes(index: int, encoding: str) -> bytes:
    text = ALL_SEEDS[index].read_text(encoding="utf-8")[:6000]
    if encoding == "big5":
        text = opencc.OpenCC("s2tw").convert(text)
    return text.encode(encoding, errors="replace")


@cache
def _docx_bytes() -> bytes:
    import docx

    from tifa.engine.ingest import read_document as read

    document = docx.Document()
    source = read(BEIJING_2017)
    document.core_properties.title = source.title
    for p in source.paragraphs[:12]:
        document.add_paragraph(p.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@cache
def _pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_compression(False)  # mutations reach the page content, not only a zlib stream
    pdf.add_font("noto", "", str(NOTO_CJK), collection_font_number=2)
    pdf.set_font("noto", size=11)
    pdf.add_page()
    for p in read_document(CHENGDU_2022).paragraphs[:4]:
        pdf.multi_cell(0, 7, p.text)
        pdf.ln(2)
    return bytes(pdf.output())


@_FUZZ
@given(data=st.binary(max_size=3000),
       suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ""]))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    _read(path)


@_FUZZ
@given(seed=st.integers(0, len(ALL_SEEDS) - 1),
       encoding=st.sampled_from(["utf-8", "gb18030", "big5", "utf-16"]),
       suffix=st.sampled_from([".txt", ".md", ".html"]),
       mutations=st.lists(_MUTATION, min_size=1, max_size=6))
def test_mutated_seed_text(
    tmp_path: Path, seed: int, encoding: str, suffix: str,
    mutations: list[tuple[str, float, bytes]],
) -> None:
    path = tmp_path / f"mutated{suffix}"
    path.write_bytes(_mutate(_seed_bytes(seed, encoding), mutations))
    _read(path)


@_FUZZ
@given(seed=st.integers(0, len(ALL_SEEDS) - 1),
       encoding=st.sampled_from(["utf-8", "gb18030", "big5"]),
       mutations=st.lists(_MUTATION, max_size=4))
def test_encoding_detection(
    seed: int, encoding: str, mutations: list[tuple[str, float, bytes]]
) -> None:
    data = _mutate(_seed_bytes(seed, encoding), mutations)
    try:
        text, name = decode_text(data, Path("x.txt"))
    except InputError as error:
        assert error.reason
    else:
        assert isinstance(text, str) and name
        if not mutations:
            assert name == {"utf-8": "utf-8", "gb18030": "gb18030", "big5": "big5"}[encoding]


@_SLOW_FUZZ
@given(mutations=st.lists(_MUTATION, min_size=1, max_size=4))
def test_mutated_docx_bytes(tmp_path: Path, mutations: list[tuple[str, float, bytes]]) -> None:
    path = tmp_path / "mutated.docx"
    path.write_bytes(_mutate(_docx_bytes(), mutations))
    _read(path)


@_SLOW_FUZZ
@given(mutations=st.lists(_MUTATION, min_size=1, max_size=4),
       part=st.sampled_from(["word/document.xml", "word/styles.xml", "docProps/core.xml",
                             "[Content_Types].xml"]))
def test_docx_with_a_mutated_part(
    tmp_path: Path, mutations: list[tuple[str, float, bytes]], part: str
) -> None:
    """The zip stays valid, one XML part inside is damaged: the XML readers are reached."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, _mutate(data, mutations) if info.filename == part
                            else data)
    path = tmp_path / "part.docx"
    path.write_bytes(out.getvalue())
    _read(path)


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="needs fonts-noto-cjk")
@_SLOW_FUZZ
@given(mutations=st.lists(_MUTATION, min_size=1, max_size=4))
def test_mutated_pdf_bytes(tmp_path: Path, mutations: list[tuple[str, float, bytes]]) -> None:
    path = tmp_path / "mutated.pdf"
    path.write_bytes(_mutate(_pdf_bytes(), mutations))
    _read(path)


def test_the_unmutated_files_read() -> None:
    """The fuzzing starts from files that read: damage, not the maker, is what is tested."""
    for data, name in ((_docx_bytes(), "ok.docx"), (_seed_bytes(1, "gb18030"), "ok.txt")):
        path = Path(pytest.importorskip("tempfile").mkdtemp()) / name
        path.write_bytes(data)
        assert read_document(path).paragraphs
    if NOTO_CJK.exists():
        path = Path(pytest.importorskip("tempfile").mkdtemp()) / "ok.pdf"
        path.write_bytes(_pdf_bytes())
        assert read_document(path).paragraphs
