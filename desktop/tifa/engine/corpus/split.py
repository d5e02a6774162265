"""Many-item files (a day's broadcast transcript) split into their items on the way in.

The ingest engine has no splitting function yet (checked on main at the time of writing), so
the corpus recognises the two transcript shapes of the public 新闻联播 archives here:

- numbered items: ``## 1. 标题`` (or ``## 1、标题``), two or more;
- the xin-wen-lian-bo shape: a ``## 详细新闻`` section whose items are ``### 标题`` headings,
  each body optionally ending with a ``[查看原文](URL)`` link.

Anything else is one document. ``split_transcript`` works on the decoded text of a Markdown
or plain-text file and returns the items' titles, texts and addresses; the caller cleans each
item exactly as a file would be cleaned (``document_from_string``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_NUMBERED_RE = re.compile(r"^##[ \t]+(\d{1,3})[.、．][ \t]*(.*)$", re.MULTILINE)
_DETAIL_RE = re.compile(r"^##[ \t]+详细新闻[ \t]*$", re.MULTILINE)
_H3_RE = re.compile(r"^###[ \t]+(.*)$", re.MULTILINE)
_H2_RE = re.compile(r"^##[ \t]+", re.MULTILINE)
_LINK_LINE_RE = re.compile(r"^\[(?:查看原文|原文链接|原文)\]\((\S+?)\)[ \t]*$", re.MULTILINE)
_DAY_RE = re.compile(r"(?<!\d)(20\d\d)[-_./]?([01]\d)[-_./]?([0-3]\d)(?!\d)")
_PROGRAMME_RE = re.compile(r"《([^》]{1,20})》")
NO_TITLE = frozenset({"(无标题)", "（无标题）", "无标题", ""})


@dataclass(frozen=True, slots=True)
class TranscriptItem:
    """One item of a transcript: its heading (may be empty), text and original address."""

    title: str
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A many-item file: the programme (from its first heading), its day, and its items."""

    programme: str | None
    day: dt.date | None
    items: tuple[TranscriptItem, ...]


def transcript_day(name: str, text: str) -> dt.date | None:
    """The broadcast day from the first heading (``# 《新闻联播》 (20211112)``) or the name."""
    first = text.lstrip()[:200].split("\n", 1)[0]
    for source in (first, name):
        m = _DAY_RE.search(source)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None


def split_transcript(name: str, text: str) -> Transcript | None:
    """The items of a transcript file, or None when ``text`` is not one (one document)."""
    items = _numbered(text) or _detail_section(text)
    if not items:
        return None
    first = text.lstrip()[:200].split("\n", 1)[0]
    programme = _PROGRAMME_RE.search(first)
    return Transcript(programme[1] if programme else None, transcript_day(name, text), items)


def _item(title: str, body: str) -> TranscriptItem | None:
    url = None
    link = _LINK_LINE_RE.search(body)
    if link:
        url = link[1]
        body = _LINK_LINE_RE.sub("", body)
    body = body.strip()
    if not body:
        return None
    title = title.strip()
    return TranscriptItem("" if title in NO_TITLE else title, body, url)


def _numbered(text: str) -> tuple[TranscriptItem, ...]:
    heads = list(_NUMBERED_RE.finditer(text))
    if len(heads) < 2:
        return ()
    items = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end():end]
        nxt = _H2_RE.search(body)  # a following unnumbered section ends the item
        if nxt:
            body = body[: nxt.start()]
        item = _item(head[2], body)
        if item:
            items.append(item)
    return tuple(items) if len(items) >= 2 else ()


def _detail_section(text: str) -> tuple[TranscriptItem, ...]:
    section = _DETAIL_RE.search(text)
    if not section:
        return ()
    rest = text[section.end():]
    nxt = _H2_RE.search(rest)
    if nxt:
        rest = rest[: nxt.start()]
    heads = list(_H3_RE.finditer(rest))
    items = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(rest)
        item = _item(head[1], rest[head.end():end])
        if item:
            items.append(item)
    return tuple(items) if len(items) >= 2 else ()
