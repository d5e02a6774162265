"""Files that hold many items — a broadcast transcript's day (``## 1. title`` … or
``### title`` under ``## 详细新闻``, after a numbered contents list) — split into one
document per item, each with its title and the file's date. The one splitter of Tifa: the
comparison's reader (``reader.read_documents``) and the corpus (``corpus.prepare``) both
use it, so a corpus document and the item the reader gives for its address are the same.

A file is split only when it shows it is such a file: a ``## 详细新闻`` section (the public
新闻联播 archives' shape) whose ``###`` items, two or more, have text under them (items
titled 无标题 there take their first sentence as title); or at least ``MIN_ITEMS`` headings
of one level that each have text under them, and either a contents list before them naming
most of them, or numbered headings (``## 3. …``). A report with section headings has
neither. An item's ``[查看原文](URL)`` line becomes its ``url``. Items are addressed as
``<file>#<n>`` (``item_path``), so a saved session can read one back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tifa.engine.lazy_re import lazy_compile

MIN_ITEMS = 3
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_NUMBERED_RE = lazy_compile(r"^\s*(\d{1,3})\s*[.、．)）]\s*")
_ITEM_NAME_RE = re.compile(r"^(?P<file>.+)#(?P<n>\d{1,4})$")
_COMPACT_DATE_RE = lazy_compile(r"(?<!\d)(19|20)(\d{2})(\d{2})(\d{2})(?!\d)")
_FULL_DATE_RE = lazy_compile(r"(?<!\d)(19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?")
_KEY_CHARS = 8  # a contents line and a heading match on their first Chinese characters
_DETAIL_RE = re.compile(r"^##[ \t]+详细新闻[ \t]*$", re.MULTILINE)
_LINK_LINE_RE = lazy_compile(r"^\[(?:查看原文|原文链接|原文)\]\((\S+?)\)[ \t]*$", re.MULTILINE)
_DATELINE_RE = lazy_compile(r"^[^（(：:\n]{0,12}消息[（(][^）)\n]{0,20}[）)][：:]")
NO_TITLE = frozenset({"(无标题)", "（无标题）", "无标题", ""})


@dataclass(frozen=True, slots=True)
class Item:
    number: int  # 1-based, in file order
    title: str
    body: str  # the item's own Markdown
    url: str | None = None  # the original's address (its 查看原文 line, taken out of body)
    untitled: bool = False  # headed 无标题: ``title`` is the item's first sentence


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[Item, ...]
    date: str | None  # as the file's heading or first lines write it
    source: str | None  # the programme the file's heading names (新闻联播)


def item_path(path: Path, number: int) -> Path:
    """The address of item ``number`` of ``path``: ``20220728.md#3``."""
    return path.with_name(f"{path.name}#{number}")


def item_number(path: Path) -> int | None:
    """``n`` of an item address ``file#n`` (whether or not the file exists), else None."""
    m = _ITEM_NAME_RE.match(path.name)
    return None if m is None else int(m["n"])


def file_name_date(name: str) -> str | None:
    """A compact date in a file's name (``20220429.md``) as ``2022-04-29``, else None: the
    day of a transcript whose heading does not say it."""
    m = _COMPACT_DATE_RE.search(name)
    return None if m is None else f"{m[1]}{m[2]}-{m[3]}-{m[4]}"


def split_item_path(path: Path) -> tuple[Path, int] | None:
    """``(file, n)`` for an item address whose file exists, else None."""
    m = _ITEM_NAME_RE.match(path.name)
    if m is None or path.exists():
        return None
    return path.with_name(m["file"]), int(m["n"])


def original_link(text: str) -> str | None:
    """The address of a ``[查看原文](URL)`` line (原文链接, 原文), else None: an item's
    ``url``, and a single item's (cut from a day file) for the Markdown reader."""
    link = _LINK_LINE_RE.search(text)
    return link[1] if link else None


def split_items(text: str) -> Items | None:
    """The items of a many-item Markdown file, or None for an ordinary document."""
    headings = list(_HEADING_RE.finditer(text))
    detail = _detail_items(text)
    if detail is not None:
        return Items(detail, _file_date(text, headings), _programme(headings))
    if len(headings) < MIN_ITEMS:
        return None
    for level in range(2, 5):
        found = _items_at(text, headings, level)
        if found is not None:
            return Items(found, _file_date(text, headings), _programme(headings))
    return None


def _items_at(text: str, headings: list[re.Match[str]], level: int) -> tuple[Item, ...] | None:
    marks = [h for h in headings if len(h[1]) == level]
    if len(marks) < MIN_ITEMS:
        return None
    items: list[Item] = []
    numbered = 0
    for mark in marks:
        end = len(text)
        for later in headings:  # the next heading of this level or above ends the item
            if later.start() > mark.start() and len(later[1]) <= level:
                end = later.start()
                break
        body = text[mark.end(): end].strip()
        title = mark[2].strip()
        if _NUMBERED_RE.match(title):
            numbered += 1
            title = _NUMBERED_RE.sub("", title, count=1)
        if _has_text(body):
            items.append(Item(len(items) + 1, title, body))
    if len(items) < MIN_ITEMS:
        return None
    contents = _han(text[: marks[0].start()])
    first = items[0]
    if _listed(items[1:], _han(first.body)) * 2 >= len(items) - 1:
        # "## 本期节目主要内容": the contents list under a heading of its own
        contents += _han(first.body)
        items = [Item(i + 1, item.title, item.body) for i, item in enumerate(items[1:])]
    if _listed(items, contents) * 2 >= len(items) or numbered * 2 >= len(items) + 2:
        return tuple(items)
    return None


def _detail_items(text: str) -> tuple[Item, ...] | None:
    """The ``###`` items of a ``## 详细新闻`` section (up to the next ``##``), two or more
    with text, or None."""
    section = _DETAIL_RE.search(text)
    if section is None:
        return None
    rest = text[section.end():]
    following = re.search(r"^#{1,2}[ \t]", rest, re.MULTILINE)
    if following:
        rest = rest[: following.start()]
    heads = [h for h in _HEADING_RE.finditer(rest) if len(h[1]) == 3]
    items: list[Item] = []
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(rest)
        body = rest[head.end(): end]
        url = original_link(body)
        body = _LINK_LINE_RE.sub("", body).strip()
        if not _has_text(body):
            continue
        title = head[2].strip()
        untitled = title in NO_TITLE
        items.append(Item(len(items) + 1, _first_sentence(body) if untitled else title, body,
                          url, untitled))
    return tuple(items) if len(items) >= 2 else None


def _first_sentence(body: str, limit: int = 40) -> str:
    """A title for an untitled item: its first sentence, without a dateline (央视网消息…：)."""
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    text = _DATELINE_RE.sub("", first)
    for stop in "。！？":
        cut = text.find(stop)
        if 0 < cut < limit:
            return text[: cut + 1]
    return text[:limit] + ("…" if len(text) > limit else "")


def _listed(items: list[Item], contents: str) -> int:
    return sum(1 for item in items if _key(item.title) and _key(item.title) in contents)


def _han(text: str) -> str:
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def _has_text(body: str) -> bool:
    """Twenty Chinese characters, or what is left of them: an item whose text did not decode
    (U+FFFD) keeps its place and number, and is refused by name when read."""
    return sum(1 for ch in body if "\u3400" <= ch <= "\u9fff" or ch == "\ufffd") >= 20


def _key(text: str) -> str:
    return _han(text)[:_KEY_CHARS]


def _file_date(text: str, headings: list[re.Match[str]]) -> str | None:
    """The date in the file's first heading or first lines: 2022-07-28, （20220728）."""
    head = headings[0][2] if headings else ""
    for piece in (head, text[:400]):
        full = _FULL_DATE_RE.search(piece)
        if full:
            return full.group(0)
        compact = _COMPACT_DATE_RE.search(piece)
        if compact:
            return f"{compact[1]}{compact[2]}-{compact[3]}-{compact[4]}"
    return None


def _programme(headings: list[re.Match[str]]) -> str | None:
    """The programme the first heading names once its date and brackets are gone:
    "# 《新闻联播》（20220728）" → 新闻联播."""
    if not headings or len(headings[0][1]) != 1:
        return None
    name = _FULL_DATE_RE.sub("", _COMPACT_DATE_RE.sub("", headings[0][2]))
    name = re.sub(r"[《》()（）\[\]【】\s\d:：-]+", "", name)
    return name or None
