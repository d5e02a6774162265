"""Compact encodings of a document's display text and layout (paragraphs + offset map).

The layout blob is zstd over ``array('i')``: the paragraph count, each paragraph's kind,
display length and normalised length, then every normalised character's ``start - i`` and
``end - (i + 1)`` (zero for a one-to-one mapping, so long runs compress to almost nothing).
"""

from __future__ import annotations

import struct
import sys
import threading
from array import array
from collections import Counter
from collections.abc import Sequence

import lz4.block
import zstandard

from tifa.engine.model import Document, Paragraph, ParagraphKind, offset_map

_KINDS = tuple(ParagraphKind)
LEVEL = 9  # zstd: about zlib's size, decompressing several times faster
_local = threading.local()


def _native(values: array[int]) -> bytes:
    if sys.byteorder != "little":
        values = array("i", values)
        values.byteswap()
    return values.tobytes()


def _zstd() -> tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]:
    """This thread's compressor and decompressor (zstandard objects are not thread-safe)."""
    pair: tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor] | None = getattr(
        _local, "pair", None)
    if pair is None:
        pair = (zstandard.ZstdCompressor(level=LEVEL), zstandard.ZstdDecompressor())
        _local.pair = pair
    return pair


def _raw_dict(data: bytes) -> zstandard.ZstdCompressionDict:
    return zstandard.ZstdCompressionDict(data, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


_V2 = 1 << 31  # set in the first u32 of a text blob in the second layout (below)
_V4 = 1 << 30  # and this too in schema 4's layout (below)
_V5 = 1 << 29  # and this too in schema 5's: frame 1 as it is from RAW_FROM bytes
_V7 = 1 << 28  # and this too in schema 7's: the map of where display and normalised differ
_COUNTS = 1 << 27  # schema 7: the counts of COMMON's characters before frame 1
_FLAGS = _V2 | _V4 | _V5 | _V7 | _COUNTS
# Schema 7: a text stored as it is (from RAW_FROM bytes) holds how many times each of these
# characters occurs in it, a u16 each (SATURATED: count them), so that a one-character
# search that hits almost every document does not count them in every text (~45 ms of
# ~200 on 10,000 documents). They are the 128 characters in most documents of the
# broadcast slice (tests/real/corpus) and seeds; fixed by the format: never edit (another
# list is another schema).
COMMON = ("央新视。，）看原（文：联消查闻息播网标题无的国、和日中在一大全发为人进成出年了时行动会作"
          "以家有上月对展实近等重加来高个“”平力同主方现是前生体地要部今开持面多共关建不强到民总合"
          "示工业推政过各区天化务经提表长通入设目理与心分增定于续产代度保将制机指能公统系情")
SATURATED = 0xFFFF
NO_MAP = 0xFFFF  # the map's count when the blob holds none (too many differences)
_U16 = struct.Struct("<H")
LZ4_LEVEL = 9  # LZ4 HC: the same speed to decompress as the fast mode, 7 % smaller
# Frame 1 is LZ4 from this many bytes of normalised text (zstd below): LZ4 decompresses a
# text of a few kilobytes ~2.7x faster, but zstd stores a short one ~30 % smaller, and
# decompressing a short text costs little either way
LZ4_FROM = 2048
# Frame 1 (schema 5) is stored as it is from this many bytes of normalised text, zstd below:
# a search reads it without decompressing; shorter texts (broadcast items of ~460
# characters) are few bytes to decompress, and zstd keeps the store of them small
RAW_FROM = 4096
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # the first bytes of a zstd frame (never of an LZ4
# block here: those start with the text's size, below 4 GB)


def encode_texts(display: str, normalized: str,
                 paragraphs: Sequence[Paragraph] | None = None) -> bytes:
    """Normalised and display text (paragraphs joined by newlines, the same number in both):
    ``[u32 len(frame 1) | 1 << 31 | 1 << 30 | 1 << 29 | 1 << 28][u32 paragraphs][bitmap:
    paragraph k's display text is its normalised text][u16 m][m u32: the map of
    differences][frame 1: the normalised text as UTF-8, as it is (zstd below ``RAW_FROM``
    bytes)][frame 2: the display text of the paragraphs that are not plain, joined by
    newlines — the whole display text when none is plain —, an LZ4 block (its size first;
    zstd below ``LZ4_FROM`` bytes)]`` (frame 2 left out when every paragraph is plain). A
    search reads frame 1 alone, and for a match in a plain paragraph (most
    simplified-Chinese text) cuts its snippet from it without frame 2.
    Frame 1 is stored as it is because a search reads thousands of them: LZ4 made it ~30 %
    smaller, and decompressing it was ~a quarter of a search that reads every document
    (schema 5; schema 4 held it as LZ4); frame 2, read for the snippets of those
    paragraphs and for documents, holds only what frame 1 does not (schema 3 repeated
    every paragraph there).

    Schema 7 holds the map of differences, and (``1 << 27`` set) the counts of ``COMMON``'s
    characters as ``len(COMMON)`` u16 right before frame 1 when it is stored as it is.

    The map of differences (schema 7, ``differences``: the byte offsets of the normalised
    text next to which the display text is not the normalised text, sorted) lets a search
    cut from frame 1 the snippet of a match in a paragraph that is not plain (a space
    dropped between two sentences) when none of them lies near the match. ``m`` is
    ``NO_MAP`` (and no offsets follow) when the paragraphs are not given or the text
    differs in too many places (a document in traditional script): then the bitmap alone.

    Stores made before hold no map (schema 5), frame 1 as LZ4 (``1 << 29`` not set either;
    schema 4), or frame 1 as zstd and the whole display text in frame 2 (``1 << 30`` not
    set either; schema 3), or ``[u32 len(frame 1)][frame 1][frame 2 compressed with the
    normalised text as its dictionary]`` (schema 1-2); they are read as they are."""
    data = normalized.encode("utf-8")
    first = data if len(data) >= RAW_FROM else _zstd()[0].compress(data)
    shown, normal = display.split("\n"), normalized.split("\n")
    bits = bytearray((len(normal) + 7) // 8)
    others = shown
    if len(shown) == len(normal):
        others = []
        for k, (d, n) in enumerate(zip(shown, normal, strict=True)):
            if d == n:
                bits[k >> 3] |= 1 << (k & 7)
            else:
                others.append(d)
        if len(others) == len(shown):  # none plain: the whole display text
            others = shown
    second = b"" if display == normalized else _compress("\n".join(others).encode("utf-8"))
    points: list[int] | None = [] if display == normalized else None
    if points is None and paragraphs is not None and len(shown) == len(normal) == len(
            paragraphs):
        points = differences(paragraphs, max(MAP_MIN, len(data) // MAP_PER))
    mapped = _U16.pack(NO_MAP) if points is None else \
        _U16.pack(len(points)) + _native(array("i", points))
    flags = _FLAGS
    if first is data:  # as it is: the counts of the common characters
        held = Counter(normalized)
        counts = array("H", (min(held[ch], SATURATED) for ch in COMMON))
        if sys.byteorder != "little":
            counts.byteswap()
        mapped += counts.tobytes()
    else:
        flags &= ~_COUNTS
    return struct.pack("<II", len(first) | flags, len(normal)) + bytes(bits) + mapped \
        + first + second


# the map of differences holds at most one offset for MAP_PER bytes of normalised text
# (MAP_MIN at least): ~6 % of the text at most (a space dropped here and there takes two
# offsets; a text in traditional script, different almost everywhere, keeps no map)
MAP_PER, MAP_MIN = 64, 8


def differences(paragraphs: Sequence[Paragraph], most: int) -> list[int] | None:
    """The byte offsets of the newline-joined normalised text (UTF-8) next to which its
    display text differs (sorted): for each normalised character that is not its display
    character alone, right after the display character of the one before, its start and
    end; and the end of a paragraph whose display text goes on after its last normalised
    character. A span of normalised text holding none of these offsets, its ends included,
    is its display text, character for character. None when there are more than ``most``."""
    points: set[int] = set()
    base = 0
    for p in paragraphs:
        norm, text = p.normalized, p.text
        at = base
        if text != norm:
            starts, ends = p.starts, p.ends
            after = 0
            for i, ch in enumerate(norm):
                c = ord(ch)
                width = 1 if c < 0x80 else 2 if c < 0x800 else 3 if c < 0x10000 else 4
                s = starts[i]
                if s != after or ends[i] != s + 1 or text[s] != ch:
                    points.add(at)
                    points.add(at + width)
                    if len(points) > most:
                        return None
                after = ends[i]
                at += width
            if after != len(text) or not norm:
                points.add(at)
        else:
            at += len(norm.encode("utf-8"))
        base = at + 1
    return None if len(points) > most else sorted(points)


_HEAD = struct.Struct("<II")


def _compress(data: bytes) -> bytes:
    """Frame 2 (and schema 4's frame 1): LZ4 from ``LZ4_FROM`` bytes, else zstd."""
    if len(data) >= LZ4_FROM:
        block: bytes = lz4.block.compress(data, mode="high_compression",
                                          compression=LZ4_LEVEL)
        return block
    return _zstd()[0].compress(data)


def _decompress(frame: bytes) -> bytes:
    """A frame of a schema 3 or 4 blob back (zstd or LZ4, told by zstd's magic bytes)."""
    if frame[:4] == _ZSTD_MAGIC:
        data: bytes = _zstd()[1].decompress(frame)
        return data
    block: bytes = lz4.block.decompress(frame)
    return block


def _frames(blob: bytes) -> tuple[int, int, int]:
    """``(start of frame 1, end of frame 1, start of the bitmap or -1 (older layout))``."""
    start, end, bitmap, _ = _parts(blob)
    return start, end, bitmap


def _parts(blob: bytes) -> tuple[int, int, int, int]:
    """``_frames`` and the end of the bitmap (-1 in the older layout)."""
    n, paragraphs = _HEAD.unpack_from(blob)
    if not n & _V2:
        return 4, 4 + n, -1, -1
    start = bits_end = 8 + (paragraphs + 7) // 8
    if n & _V7:
        m = _U16.unpack_from(blob, start)[0]
        start += 2 if m == NO_MAP else 2 + 4 * m
        if n & _COUNTS:
            start += 2 * len(COMMON)
    return start, start + (n & ~_FLAGS), 8, bits_end


def search_text(blob: bytes) -> tuple[bytes, int, bool]:
    """What a search needs of a text blob in one call: ``(normalised text as UTF-8, start
    of the plain-paragraph bitmap or -1, whether every paragraph is plain)``."""
    start, end, bitmap, _ = _parts(blob)
    if bitmap < 0:
        data: bytes = _zstd()[1].decompress(blob[start:end])
        return data, -1, False
    if _HEAD.unpack_from(blob)[0] & _V5 and not blob.startswith(_ZSTD_MAGIC, start):
        return blob[start:end], 8, end == len(blob)  # UTF-8 never starts as zstd does
    return _decompress(blob[start:end]), 8, end == len(blob)


_NO_POINTS: tuple[int, ...] = ()


_COUNTS_SIZE = 2 * len(COMMON)


def search_span(
    blob: bytes,
) -> tuple[bytes, int, int, int, bool, Sequence[int] | None, int]:
    """``search_text`` without copying frame 1 when it is stored as it is: ``(buffer,
    start, end, start of the bitmap or -1, whether every paragraph is plain, the map of
    differences or None, where the counts of ``COMMON``'s characters start or -1)``, the
    normalised text being ``buffer[start:end]`` (the blob itself, or the text
    decompressed), the map's offsets counted from its start (an empty one when every
    paragraph is plain; None when the blob holds none: ``encode_texts``)."""
    n, paragraphs = _HEAD.unpack_from(blob)
    if n & _V7:
        start = 8 + (paragraphs + 7) // 8
        m = _U16.unpack_from(blob, start)[0]
        points: Sequence[int] | None
        if m == NO_MAP:
            points, start = None, start + 2
        elif m:
            points = _ints(blob, start + 2, start + 2 + 4 * m)
            start += 2 + 4 * m
        else:
            points, start = _NO_POINTS, start + 2
        if n & _COUNTS:  # frame 1 as it is
            end = start + _COUNTS_SIZE + (n & ~_FLAGS)
            return blob, start + _COUNTS_SIZE, end, 8, end == len(blob), points, start
        end = start + (n & ~_FLAGS)
        if not blob.startswith(_ZSTD_MAGIC, start):  # UTF-8 never starts so
            return blob, start, end, 8, end == len(blob), points, -1
        text = _zstd()[1].decompress(blob[start:end])
        return text, 0, len(text), 8, end == len(blob), points, -1
    if n & _V5:
        start = 8 + (paragraphs + 7) // 8
        end = start + (n & ~_FLAGS)
        if not blob.startswith(_ZSTD_MAGIC, start):
            return blob, start, end, 8, end == len(blob), None, -1
    text, bitmap, all_plain = search_text(blob)
    return text, 0, len(text), bitmap, all_plain, None, -1


def common_count(blob: bytes, ch: str) -> int | None:
    """How many times ``ch`` occurs in the normalised text, as the blob holds it (None when
    it does not: not one of ``COMMON``, a short text, a store made before, or a count too
    large for a u16)."""
    at, k = search_span(blob)[6], COMMON.find(ch)
    if at < 0 or k < 0 or len(ch) != 1:
        return None
    count: int = _U16.unpack_from(blob, at + 2 * k)[0]
    return None if count == SATURATED else count


def _ints(blob: bytes, start: int, end: int) -> Sequence[int]:
    """The int32 values stored in ``blob[start:end]`` (a view: no copy, on little-endian
    machines)."""
    if sys.byteorder == "little":
        return memoryview(blob)[start:end].cast("i")
    values = array("i")
    values.frombytes(blob[start:end])
    values.byteswap()
    return values


def map_of_differences(blob: bytes) -> list[int] | None:
    """The blob's map of differences (``encode_texts``), None when it holds none."""
    points = search_span(blob)[5]
    return None if points is None else list(points)


def is_schema_4(blob: bytes) -> bool:
    """Whether the blob is in schema 4's layout."""
    return bool(_HEAD.unpack_from(blob)[0] & _V4)


def frame_1_is_lz4(blob: bytes) -> bool:
    start, _, _ = _frames(blob)
    return is_schema_4(blob) and not is_schema_5(blob) and blob[start:start + 4] != _ZSTD_MAGIC


def is_schema_5(blob: bytes) -> bool:
    """Whether the blob is in schema 5's layout (frame 1 as it is, zstd below ``RAW_FROM``
    bytes)."""
    return bool(_HEAD.unpack_from(blob)[0] & _V5)


def is_schema_7(blob: bytes) -> bool:
    """Whether the blob is in schema 7's layout (a map of differences, maybe empty or
    ``NO_MAP``)."""
    return bool(_HEAD.unpack_from(blob)[0] & _V7)


def frame_1_is_plain(blob: bytes) -> bool:
    """Whether frame 1 is the normalised text as it is (schema 5, from ``RAW_FROM`` bytes)."""
    start, _, _ = _frames(blob)
    return is_schema_5(blob) and blob[start:start + 4] != _ZSTD_MAGIC


def as_schema_5(blob: bytes) -> bytes:
    """A schema 4 blob in schema 5's layout: its LZ4 frame 1 decompressed, as it is from
    ``RAW_FROM`` bytes, zstd below (a zstd frame 1, a short text, and frame 2 stay as they
    are): what ``encode_texts`` writes. Other blobs as they are."""
    n, paragraphs = _HEAD.unpack_from(blob)
    if not n & _V4 or n & _V5:
        return blob
    start, end, _ = _frames(blob)
    first = blob[start:end]
    if first[:4] != _ZSTD_MAGIC:
        first = _decompress(first)
        if len(first) < RAW_FROM:
            first = _zstd()[0].compress(first)
    return _HEAD.pack(len(first) | _V2 | _V4 | _V5, paragraphs) + blob[8:start] + first \
        + blob[end:]


def plain_paragraph(blob: bytes, k: int) -> bool:
    """Whether paragraph ``k``'s display text is its normalised text (False when the blob
    does not say: a store made before)."""
    _, _, bitmap = _frames(blob)
    return bitmap >= 0 and bool(blob[bitmap + (k >> 3)] >> (k & 7) & 1)


def decode_normalized_bytes(blob: bytes) -> bytes:
    """The normalised text as UTF-8 (what a search scans: no decoding to str)."""
    return search_text(blob)[0]


def _others(blob: bytes, bits_end: int) -> bool:
    """Whether frame 2 of a schema 4 blob holds only the paragraphs that are not plain
    (some paragraph is plain), rather than the whole display text (the bitmap ends at
    ``bits_end``)."""
    return is_schema_4(blob) and any(blob[8:bits_end])


def decode_display(blob: bytes, normalized: bytes) -> str:
    """The display text, given the normalised text's UTF-8 (older stores' dictionary)."""
    _, end, bitmap, bits_end = _parts(blob)
    if bitmap >= 0:
        if len(blob) == end:
            return normalized.decode("utf-8")
        shown = _decompress(blob[end:])
        if not _others(blob, bits_end):
            return shown.decode("utf-8")
        others = iter(shown.decode("utf-8").split("\n"))
        return "\n".join(n if blob[8 + (k >> 3)] >> (k & 7) & 1 else next(others)
                         for k, n in enumerate(normalized.decode("utf-8").split("\n")))
    data: bytes = zstandard.ZstdDecompressor(dict_data=_raw_dict(normalized)).decompress(
        blob[end:])
    return data.decode("utf-8")


def display_paragraph(blob: bytes, normalized: bytes, k: int) -> str | None:
    """Paragraph ``k``'s display text, only it decoded (frame 2 only when the paragraph is
    not plain); None when the display text does not hold one paragraph a line (then
    ``decode_display`` and ``display_span``)."""
    n = _HEAD.unpack_from(blob)[0]
    if not n & _V2:
        return None
    _, end, _, bits_end = _parts(blob)
    if len(blob) == end:
        shown = normalized
    elif n & _V4 and any(blob[8:bits_end]):  # frame 2: the paragraphs that are not plain
        if blob[8 + (k >> 3)] >> (k & 7) & 1:
            shown = normalized
        else:  # paragraph k is the j-th that is not plain
            plain = int.from_bytes(blob[8:bits_end], "little") & ((1 << k) - 1)
            k -= plain.bit_count()
            shown = _decompress(blob[end:])
    else:
        shown = _decompress(blob[end:])
        if shown.count(b"\n") != normalized.count(b"\n"):
            return None
    at = 0
    for _ in range(k):
        at = shown.index(b"\n", at) + 1
    stop = shown.find(b"\n", at)
    return shown[at:stop if stop >= 0 else len(shown)].decode("utf-8")


def paragraph_span(layout: bytes, k: int, start: int, end: int) -> tuple[int, int]:
    """``display_span`` within paragraph ``k``: ``[start, end)`` of its normalised text
    onto its display text (a span running past the paragraph is cut at its end)."""
    values = _layout_values(layout)
    n = values[0]
    pos = 1 + 3 * n + 2 * sum(values[3:3 + 3 * k:3])  # the normalised lengths before k
    _, d_len, n_len = values[1 + 3 * k: 4 + 3 * k]
    a = max(0, min(start, n_len))
    b = max(a, min(end, n_len))
    if a == b:
        at = values[pos + a] + a if a < n_len else d_len
        return at, at
    return values[pos + a] + a, values[pos + n_len + b - 1] + b


def paragraph_at(layout: bytes, k: int, text: str, normalized: str) -> Paragraph:
    """Paragraph ``k`` rebuilt from its display and normalised text and the layout (what
    the gloss-free display text of a snippet needs), without the other paragraphs."""
    values = _layout_values(layout)
    n = values[0]
    pos = 1 + 3 * n + 2 * sum(values[3:3 + 3 * k:3])
    kind, _, n_len = values[1 + 3 * k: 4 + 3 * k]
    starts = offset_map([values[pos + i] + i for i in range(n_len)], 0)
    ends = offset_map([values[pos + n_len + i] + i + 1 for i in range(n_len)], 1)
    return Paragraph(k, text, normalized, starts, ends, _KINDS[kind])


def decode_normalized(blob: bytes) -> str:
    return decode_normalized_bytes(blob).decode("utf-8")


def decode_texts(blob: bytes) -> tuple[str, str]:
    """``(display, normalized)``."""
    normalized = decode_normalized_bytes(blob)
    return decode_display(blob, normalized), normalized.decode("utf-8")


def encode_layout(document: Document) -> bytes:
    paragraphs = document.paragraphs
    head = array("i", [len(paragraphs)])
    for p in paragraphs:
        head.extend((_KINDS.index(p.kind), len(p.text), len(p.normalized)))
    deltas = array("i")
    for p in paragraphs:
        deltas.extend(s - i for i, s in enumerate(p.starts))
        deltas.extend(e - i - 1 for i, e in enumerate(p.ends))
    return _zstd()[0].compress(_native(head) + _native(deltas))


def _layout_values(layout: bytes) -> array[int] | memoryview:
    """The layout's integers (a view of the decompressed bytes: no copy)."""
    data: bytes = _zstd()[1].decompress(layout)
    if sys.byteorder == "little":
        return memoryview(data).cast("i")
    values = array("i")
    values.frombytes(data)
    values.byteswap()
    return values


def decode_paragraphs(display: str, normalized: str, layout: bytes) -> tuple[Paragraph, ...]:
    """The paragraphs back from the stored display text (paragraphs joined by newlines),
    normalised text (likewise) and layout."""
    values = _layout_values(layout)
    n = values[0]
    pos = 1 + 3 * n
    d_at = n_at = 0
    paragraphs = []
    for k in range(n):
        kind, d_len, n_len = values[1 + 3 * k: 4 + 3 * k]
        text = display[d_at: d_at + d_len]
        norm = normalized[n_at: n_at + n_len]
        # the compact form the reader makes (a range when nothing was dropped)
        starts = offset_map([values[pos + i] + i for i in range(n_len)], 0)
        pos += n_len
        ends = offset_map([values[pos + i] + i + 1 for i in range(n_len)], 1)
        pos += n_len
        paragraphs.append(Paragraph(k, text, norm, starts, ends, _KINDS[kind]))
        d_at += d_len + 1
        n_at += n_len + 1
    return tuple(paragraphs)


def display_span(layout: bytes, start: int, end: int) -> tuple[int, int]:
    """Map ``[start, end)`` of the newline-joined normalised text onto the newline-joined
    display text, without rebuilding the paragraphs (what a snippet needs). A span running
    past its paragraph is cut at the paragraph's end."""
    values = _layout_values(layout)
    n = values[0]
    pos = 1 + 3 * n
    d_at = n_at = 0
    for k in range(n):
        _, d_len, n_len = values[1 + 3 * k: 4 + 3 * k]
        if start < n_at + n_len or k == n - 1:
            a = max(0, min(start - n_at, n_len))
            b = max(a, min(end - n_at, n_len))
            if a == b:
                return d_at + (values[pos + a] + a if a < n_len else d_len), \
                    d_at + (values[pos + a] + a if a < n_len else d_len)
            s = values[pos + a] + a
            e = values[pos + n_len + b - 1] + b
            return d_at + s, d_at + e
        pos += 2 * n_len
        d_at += d_len + 1
        n_at += n_len + 1
    return 0, 0


def encode_positions(positions: tuple[tuple[int, int, int], ...]) -> bytes:
    flat = array("i", (v for triple in positions for v in triple))
    return _native(flat)


def decode_positions(blob: bytes) -> tuple[tuple[int, int, int], ...]:
    values = array("i")
    values.frombytes(blob)
    if sys.byteorder != "little":
        values.byteswap()
    return tuple((values[i], values[i + 1], values[i + 2]) for i in range(0, len(values), 3))


def display_of(document: Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)
