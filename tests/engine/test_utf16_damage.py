"""Damaged UTF-16 (and damaged bytes in general): the rule.

Undecodable bytes — a lone surrogate, an odd last byte, a bad byte — become U+FFFD. A file is
read when its damage is a trace in readable text (each U+FFFD then counted in the
"corrupted-characters" warning); a file with no more readable characters (anything but U+FFFD
and white space) than undecodable sequences is refused with an InputError naming the file and
the encoding. Never a crash, never a surrogate code point in the text, never a silent document
of "�".
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BEIJING_2022
from tifa.engine.errors import InputError
from tifa.engine.ingest import read_document
from tifa.engine.ingest.encoding import decode_text
from tifa.engine.model import Document

_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
BOMS = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


def _outcome(path: Path, data: bytes) -> Document | InputError:
    path.write_bytes(data)
    try:
        return read_document(path)
    except InputError as error:
        assert error.path == path and str(path) in str(error) and error.reason
        return error


def _corrupted(doc: Document) -> int:
    found = [w for w in doc.warnings if w.code == "corrupted-characters"]
    return len(found[0].positions) if found else 0


def _check(outcome: Document | InputError) -> None:
    """The rule, whatever the bytes were."""
    if isinstance(outcome, InputError):
        return
    text = "".join(p.text for p in outcome.paragraphs)
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)  # never a surrogate
    damaged = text.count("\ufffd")
    readable = sum(1 for ch in text if ch != "\ufffd" and not ch.isspace())
    assert readable > damaged  # never a document of mostly "�"
    assert _corrupted(outcome) >= damaged  # each one reported


def test_the_bom_and_a_lone_surrogate_is_refused_not_read_as_one_character(
    tmp_path: Path
) -> None:
    """``\\xff\\xfe\\x00\\xd8`` was read as a one-character document "�"."""
    outcome = _outcome(tmp_path / "x.txt", b"\xff\xfe\x00\xd8")
    assert isinstance(outcome, InputError)
    assert outcome.reason == ("no readable text: the bytes do not decode as utf-16-le (1 "
                              "undecodable byte sequence)")


@pytest.mark.parametrize("data, encoding", [
    (b"\xfe\xff\xd8\x00", "utf-16-be"),  # a lone high surrogate, big-endian
    (b"\xff\xfe\x00\xdc\x00\xdc", "utf-16-le"),  # lone low surrogates
    (b"\xff\xfe\x2d", "utf-16-le"),  # an odd length: half a code unit
    (b"\xff\xfe\x2d\x4e\x87", "utf-16-le"),  # 中 and half a code unit: as much damage as text
    (b"\xff\xfe\x00\xd8\n\x00 \x00\x00\xd8", "utf-16-le"),  # damage and white space
    (b"\xff", "utf-8"),  # one bad byte
])
def test_text_that_is_mostly_undecodable_is_refused(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    outcome = _outcome(tmp_path / "x.txt", data)
    assert isinstance(outcome, InputError)
    assert f"the bytes do not decode as {encoding}" in outcome.reason
    assert outcome.reason.startswith(("no readable text", "mostly undecodable"))


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_trace_of_damage_in_real_text_is_read_and_reported(
    tmp_path: Path, encoding: str
) -> None:
    """A real document with a lone surrogate in it and an odd last byte: read, the two
    places counted in the warning, the rest of the text intact."""
    text = BEIJING_2022.read_text(encoding="utf-8")[:3000]
    body = text.encode(encoding)
    middle = len(body) // 2 // 2 * 2
    surrogate = "\ud800".encode(encoding, "surrogatepass")
    data = BOMS[encoding] + body[:middle] + surrogate + body[middle:] + b"\x0a"
    doc = _outcome(tmp_path / "x.txt", data)
    assert isinstance(doc, Document)
    assert doc.encoding == encoding
    assert _corrupted(doc) == 2
    _check(doc)
    clean = _outcome(tmp_path / "clean.txt", BOMS[encoding] + body)
    assert isinstance(clean, Document) and _corrupted(clean) == 0
    assert len(doc.paragraphs) in (len(clean.paragraphs), len(clean.paragraphs) + 1)


@_SETTINGS
@given(encoding=st.sampled_from(sorted(BOMS)), bom=st.booleans(),
       body=st.binary(min_size=0, max_size=64))
def test_random_utf16_bytes(tmp_path: Path, encoding: str, bom: bool, body: bytes) -> None:
    """Random bytes after a UTF-16 BOM (any length, any surrogates), or without one: a
    Document by the rule or an InputError — nothing else."""
    _check(_outcome(tmp_path / "r.txt", (BOMS[encoding] if bom else b"") + body))


@_SETTINGS
@given(encoding=st.sampled_from(sorted(BOMS)),
       text=st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                    min_size=1, max_size=40),
       units=st.lists(st.tuples(st.integers(0, 80), st.integers(0xD800, 0xDFFF)),
                      max_size=4),
       odd=st.booleans())
def test_utf16_text_with_lone_surrogates(
    tmp_path: Path, encoding: str, text: str, units: list[tuple[int, int]], odd: bool
) -> None:
    """Chinese text in UTF-16 with lone surrogates put anywhere and maybe an odd last byte:
    decoded, each damaged place is one U+FFFD (no surrogate survives, nothing else changes);
    read by the rule."""
    body = bytearray(text.encode(encoding))
    for where, unit in sorted(units, reverse=True):
        at = min(where, len(text)) * 2
        body[at:at] = chr(unit).encode(encoding, "surrogatepass")
    data = BOMS[encoding] + bytes(body) + (b"\x00" if odd else b"")
    try:
        decoded, found = decode_text(data, tmp_path / "d.txt")
    except InputError:
        decoded = None
    if decoded is not None:
        assert found == encoding
        if not units:
            assert decoded.replace("\ufffd", "") == text
        assert not any("\ud800" <= ch <= "\udfff" for ch in decoded)
        assert decoded.count("\ufffd") <= len(units) + odd
    _check(_outcome(tmp_path / "t.txt", data))
