"""Immutable values for documents as Tifa reads them.

A document is a tuple of paragraphs, each in two forms: ``text`` (cleaned, in the document's
own script: what the user sees) and ``normalized`` (simplified script, unified punctuation, no
glosses: what comparison runs on). ``starts``/``ends`` map every normalised character back to
the displayed text, so a highlight computed on one lands exactly on the other.

All offsets are Python string indices (code points). The GUI converts to UTF-16 for Qt.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    _IntArray = array[int]
else:
    _IntArray = array


class ParagraphKind(StrEnum):
    BODY = "body"
    HEADING = "heading"  # section markers such as [第一], short titled lines


class Script(StrEnum):
    SIMPLIFIED = "simplified"
    TRADITIONAL = "traditional"
    MIXED = "mixed"
    UNKNOWN = "unknown"  # too little Chinese to tell


class OffsetMap(_IntArray):
    """An offset map that is not the identity, packed 4 bytes an entry (a tuple of ints takes
    8 bytes an entry plus 32 for every int past 256). Hashable like the tuple it replaces;
    never modified once built."""

    __slots__ = ()

    def __new__(cls, values: Iterable[int]) -> OffsetMap:
        return super().__new__(cls, "i", values)  # type: ignore[return-value]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(self.tobytes())

    def __reduce__(self) -> tuple[type[OffsetMap], tuple[list[int]]]:
        return OffsetMap, (self.tolist(),)


def offset_map(values: Sequence[int], first: int) -> Sequence[int]:
    """``values`` in the most compact form: ``range(first, first + len(values))`` when they are
    exactly that (the common case: nothing dropped or merged), else an ``OffsetMap``."""
    packed = OffsetMap(values)
    identity = range(first, first + len(packed))
    if packed == array("i", identity):
        return identity
    return packed


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph in its displayed and its normalised form.

    ``starts[i]``/``ends[i]`` give the half-open span of ``text`` that normalised character
    ``i`` came from. Both have ``len(normalized)`` entries and are non-decreasing. Several
    normalised characters may share one source span (an OpenCC phrase conversion). They are
    read-only sequences: a ``range`` when the map is the identity (``offset_map``), an
    ``OffsetMap`` otherwise — compare them with ``list(...)``, not with a tuple.
    """

    index: int
    text: str
    normalized: str
    starts: Sequence[int]
    ends: Sequence[int]
    kind: ParagraphKind = ParagraphKind.BODY

    def display_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalised span ``[start, end)`` onto ``text``."""
        if not 0 <= start <= end <= len(self.normalized):
            raise IndexError(f"span {start}:{end} outside 0:{len(self.normalized)}")
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else len(self.text)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class DocumentWarning:
    """Something the user should know about a document that did not stop it being read.

    ``positions`` are ``(paragraph, offset in text)`` pairs, e.g. of corrupted characters.
    """

    code: str  # machine-readable: "corrupted-characters", "no-date", ...
    message: str
    positions: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned document with its metadata. Never written back to ``path``."""

    path: Path
    paragraphs: tuple[Paragraph, ...]
    title: str
    date: dt.date | None = None
    source: str | None = None  # outlet, e.g. 新浪财经, 成都发布, 《求是》2020/18
    author: str | None = None
    encoding: str = "utf-8"
    script: Script = Script.UNKNOWN
    format: str = "txt"  # txt, markdown, html, docx, pdf
    warnings: tuple[DocumentWarning, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())  # other metadata, as pairs

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def normalized(self) -> str:
        return "\n".join(p.normalized for p in self.paragraphs)

    @property
    def size(self) -> int:
        """Number of normalised characters, without paragraph breaks."""
        return sum(len(p.normalized) for p in self.paragraphs)
