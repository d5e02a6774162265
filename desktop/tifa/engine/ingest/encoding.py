"""Bytes → text: BOMs, UTF-8, then charset-normalizer for GB18030/GBK, Big5, UTF-16 and the rest.

A "try GB18030, then Big5" chain is wrong: Big5 bytes decode as GB18030 without error, into
garbage. charset-normalizer tells them apart, even on short samples. Binary files are refused
instead of being decoded into noise.
"""

from __future__ import annotations

import codecs
import itertools
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from tifa.engine.errors import InputError
from tifa.engine.lazy_re import lazy_compile

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Decode with the superset the detector's answer belongs to: GBK/GB2312 text is valid
# GB18030, Big5 text is valid cp950/Big5-HKSCS (which add the characters people actually use).
_SUPERSET = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
}
_CJK_CODECS = frozenset({
    "gb18030", "big5hkscs", "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
    "utf-32-le", "utf-32-be", "euc-jp", "shift-jis", "cp932", "euc-kr", "cp949", "iso2022-jp",
})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# What a reader sees: not white space, not U+FFFD, not a control or invisible format character
# (reading drops those).
_READABLE_RE = lazy_compile(r"[^\s\ufffd\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                            r"\u2060-\u206f\ufeff]")


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes; InputError if they are not text.

    Damaged bytes (a lone UTF-16 surrogate, an odd last byte, a bad GB18030 pair) become
    U+FFFD, which reading reports as corrupted characters, as long as the damage is a trace
    in readable text. A file whose decoded text has no more readable characters (anything
    but U+FFFD and white space) than damaged ones is refused, not read as a document of "�".
    """
    text, encoding = _decode_any(data, path)
    _refuse_mostly_damaged(text, encoding, path)
    return text, encoding


def _refuse_mostly_damaged(text: str, encoding: str, path: Path) -> None:
    counts = mostly_damaged((text,))
    if counts is not None:
        raise InputError(path, damage_reason(*counts, encoding=encoding))


def mostly_damaged(texts: Iterable[str]) -> tuple[int, int] | None:
    """``(undecodable, readable)`` when the U+FFFD in ``texts`` are not outnumbered by
    readable characters (not white space, controls or invisible format characters), else
    None. Readable characters are counted only until they outnumber the damage: a long
    document with a few damaged places costs one ``str.count`` and a short scan."""
    texts = list(texts)
    damaged = sum(t.count("\ufffd") for t in texts)
    if not damaged:
        return None
    readable = 0
    for t in texts:
        readable += sum(1 for _ in itertools.islice(_READABLE_RE.finditer(t),
                                                    damaged + 1 - readable))
        if readable > damaged:
            return None
    return damaged, readable


def damage_reason(damaged: int, readable: int, *, encoding: str | None = None) -> str:
    """The refusal of a mostly undecodable text, in words."""
    counts = f"{damaged:,} undecodable byte sequence{'s' if damaged > 1 else ''}"
    if readable:
        counts += f" against {readable:,} readable character{'s' if readable > 1 else ''}"
    what = "mostly undecodable" if readable else "no readable text"
    if encoding is None:
        return f"{what} ({counts})"
    return f"{what}: the bytes do not decode as {_display_name(encoding)} ({counts})"


def _decode_any(data: bytes, path: Path) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            # recorded as found: "utf-8-sig" says the file starts with a BOM (UTF-16 and
            # UTF-32 files usually do; their names stay plain)
            recorded = "utf-8-sig" if name == "utf-8" else name
            return _checked(_decode(data[len(bom):], name, path), path), recorded
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _checked(_decode(data, utf16, path), path), utf16
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared and declared != "utf-8":  # <meta charset="gbk">: trusted if it decodes cleanly
        try:
            return _checked(data.decode(declared), path), _display_name(declared)
        except UnicodeDecodeError:
            pass
    damaged = _mostly_utf8(data)
    if damaged is not None:  # a few bad bytes in UTF-8: keep it, the U+FFFD get reported
        return _checked(damaged, path), "utf-8"
    if _looks_binary(data):
        raise InputError(path, "this is a binary file, not text")
    detected = _detect(data)
    if detected is None:
        damaged_cjk = _damaged_cjk(data)
        if damaged_cjk is not None:  # GB18030 or Big5 with a few bad bytes: kept, reported
            return _checked(damaged_cjk[0], path), damaged_cjk[1]
        raise InputError(
            path,
            "the text encoding cannot be recognised (tried UTF-8, GB18030/GBK, Big5, UTF-16)",
        )
    text = _checked(_decode(data, detected, path), path)
    if detected not in _CJK_CODECS and _non_ascii_share(text) > 0.05:
        # Random or damaged bytes "decode" in some single-byte code page into noise; a
        # document in such a code page has little beyond ASCII, a Chinese one is not in one.
        raise InputError(
            path,
            f"the bytes do not decode as text in a known encoding (closest guess "
            f"{_display_name(detected)} gives noise)",
        )
    return text, _display_name(detected)


_DECLARED_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,20})""",
                          re.IGNORECASE)


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes, if Python knows it."""
    m = _DECLARED_RE.search(data[:4096])
    return _codec(m.group(1).decode("ascii")) if m else None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    best = from_bytes(data[:200_000] if len(data) > 200_000 else data).best()
    if best is None:
        return _detect_by_pieces(data)
    return _codec(str(best.encoding))


def _detect_by_pieces(data: bytes) -> str | None:
    """A damaged byte makes the detector reject the right encoding for the whole file: ask
    it about pieces cut at line ends instead, and take the answer most pieces give."""
    from collections import Counter

    from charset_normalizer import from_bytes

    votes: Counter[str] = Counter()
    pieces = _line_pieces(data[:400_000], size=max(512, min(8192, len(data) // 8)))
    for piece in pieces[:40]:
        best = from_bytes(piece).best()
        codec = _codec(str(best.encoding)) if best is not None else None
        if codec:
            votes[codec] += 1
    if not votes:
        return None
    codec, count = votes.most_common(1)[0]
    return codec if count * 2 > min(len(pieces), 40) else None


def _line_pieces(data: bytes, *, size: int) -> list[bytes]:
    pieces: list[bytes] = []
    start = 0
    while start < len(data):
        end = data.find(b"\n", start + size)
        end = len(data) if end < 0 else end + 1
        pieces.append(data[start:end])
        start = end
    return [p for p in pieces if len(p.strip()) >= 16]


def _codec(detected: str) -> str | None:
    name = detected.lower().replace("_", "-")
    codec = _SUPERSET.get(name.replace("-", ""), _SUPERSET.get(name, name))
    try:
        codecs.lookup(codec)
    except LookupError:
        return None
    return codec


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII (digits, punctuation, newlines) puts a zero byte in every
    other position, and CJK text has few zero bytes elsewhere."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even_zero = sample[0::2].count(0)
    odd_zero = sample[1::2].count(0)
    half = len(sample) // 2
    for name, zeros, other in (("utf-16-le", odd_zero, even_zero),
                               ("utf-16-be", even_zero, odd_zero)):
        if zeros > half * 0.02 and other * 4 <= zeros:
            try:
                text = data[: len(data) // 2 * 2].decode(name)
            except UnicodeDecodeError:
                continue
            if not _CONTROL_RE.search(text[:4096].replace("\x00", "")) and "\x00" not in text:
                return name
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few damaged bytes (a truncated download, one bad copy-paste) decoded
    with U+FFFD in their place; None if the damage is more than a trace (another encoding).
    Decoding such a file as GB18030 instead would turn all of it into nonsense."""
    text = data.decode("utf-8", errors="replace")
    damage = text.count("\ufffd")
    non_ascii = sum(1 for b in data[:200_000] if b >= 0x80)
    if non_ascii and damage <= max(2, non_ascii // 1000):
        return text
    return None


def _decode(data: bytes, codec: str, path: Path) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if codec in _CJK_CODECS:
            text = data.decode(codec, errors=_RESYNC.get(codec, "replace"))
            if text.count("\ufffd") <= max(2, len(text) // 500):
                return text  # a trace of damage: kept, and reported as corrupted characters
        raise InputError(
            path, f"the bytes do not decode as {_display_name(codec)} (at byte {exc.start})"
        ) from None
    except LookupError:
        raise InputError(path, f"unknown text encoding {codec!r}") from None


# Damaged double-byte text: after a bad byte, the decoder may read the next character's
# second byte as a first one and turn the rest of the line into wrong (valid) characters.
# At each error the handler resumes where the following bytes read as common characters
# (GB2312 level-1 hanzi / Big5 frequent hanzi, CJK punctuation, ASCII): one byte later if
# that reads better. Ranges: (first bytes of common characters, second-byte ranges).
_COMMON = {
    "gb18030": ((0xB0, 0xD7), (0xA1, 0xA3), ((0xA1, 0xFE),)),
    "big5hkscs": ((0xA4, 0xC6), (0xA1, 0xA3), ((0x40, 0x7E), (0xA1, 0xFE))),
}


def _common_run(data: bytes, start: int, codec: str) -> int:
    """How many common characters follow ``start`` (up to 12)."""
    lead_range, punct_range, trails = _COMMON[codec]
    count, i = 0, start
    while count < 12 and i < len(data):
        b = data[i]
        if b < 0x80:
            if b < 0x20 and b not in (9, 10, 13):
                break
            count, i = count + 1, i + 1
            continue
        nxt = data[i + 1] if i + 1 < len(data) else -1
        if not any(lo <= nxt <= hi for lo, hi in trails):
            break
        if not (lead_range[0] <= b <= lead_range[1] or punct_range[0] <= b <= punct_range[1]):
            break
        count, i = count + 1, i + 2
    return count


def _resync_handler(codec: str) -> Callable[[UnicodeError], tuple[str, int]]:
    def handler(exc: UnicodeError) -> tuple[str, int]:
        if not isinstance(exc, UnicodeDecodeError):
            raise exc
        data, end = exc.object, exc.end
        resume = max((end, end + 1), key=lambda r: (_common_run(data, r, codec), -r))
        return "\ufffd", min(resume, len(data))

    return handler


_RESYNC = {codec: f"tifa-resync-{codec}" for codec in _COMMON}
for _name, _handler in _RESYNC.items():
    codecs.register_error(_handler, _resync_handler(_name))


def _damaged_cjk(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` of GB18030 or Big5 text with a few damaged bytes, which make the
    detector reject every encoding: the damaged bytes are set aside, the detector asked about
    the rest, and if it names the encoding that failed, the text is decoded with U+FFFD at the
    damaged places (reported as corrupted characters, like any other damage)."""
    from charset_normalizer import from_bytes

    non_ascii = sum(1 for b in data[:200_000] if b >= 0x80)
    for codec in ("gb18030", "big5hkscs"):
        text = data.decode(codec, errors=_RESYNC[codec])
        damage = text.count("\ufffd")
        if not damage or damage > max(8, non_ascii // 200):
            continue
        clean = data.decode(codec, errors="ignore").encode(codec)
        best = from_bytes(clean[:200_000]).best()
        if best is not None and _codec(str(best.encoding)) == codec:
            return text, _display_name(codec)
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and _utf16_without_bom(data) is None:
        return True
    controls = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return controls > len(sample) * 0.01


def _checked(text: str, path: Path) -> str:
    """Refuse decoded "text" full of control characters: a binary file that happened to
    decode (most byte strings are valid in some legacy encoding)."""
    sample = text[:20_000]
    if sample and len(_CONTROL_RE.findall(sample)) > max(2, len(sample) // 200):
        raise InputError(path, "this is a binary file, not text")
    return text


def _non_ascii_share(text: str) -> float:
    sample = text[:20_000]
    return sum(1 for ch in sample if ord(ch) > 127) / max(1, len(sample))


def _display_name(codec: str) -> str:
    return {"big5hkscs": "big5", "utf-8-sig": "utf-8"}.get(codec, codec)
