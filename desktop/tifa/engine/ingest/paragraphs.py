"""Lines → paragraphs: one paragraph a line or blank-line separated, hard-wrapped lines joined
back, indentation stripped, headings (section markers, short title lines) told apart."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import ParagraphKind

# Line ends that close a paragraph: a wrapped line never ends in them.
CLOSING = tuple("。！？；：!?;:…”’」』）)》】]")
_INNER_SPACES_RE = re.compile(r"[ \t\u00a0]{2,}")
_HAN_RE = lazy_compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_END_RE = re.compile(r"[A-Za-z0-9,.]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z0-9(]")

# Section markers: [第一], 【一】, 第一部分, 一、…, （一）…, 1. …, Chinese-numbered chapters.
_NUM = "一二三四五六七八九十百零〇两"
_MARKER_RE = re.compile(
    rf"^(\[[^\]]{{1,8}}\]|【[^】]{{1,8}}】|〔[^〕]{{1,8}}〕|第[{_NUM}\d]+(部分|章|节|篇|条)?)$"
)
_NUMBERED_HEADING_RE = lazy_compile(
    rf"^([{_NUM}]{{1,3}}、|[（(][{_NUM}\d]{{1,3}}[）)]|第[{_NUM}\d]+[部分章节篇]|\d{{1,2}}[.、])"
)
_SENTENCE_PUNCT_RE = lazy_compile(r"[。！？；!?;]")
_HEADING_MAX = 32  # characters, glosses and spaces not counted


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph candidate with the kind its source format gave it (e.g. <h2>, Heading 1)."""

    text: str
    kind: ParagraphKind | None = None  # None: decide from the text


_EDGE_SPACES = " \t\n\r\x0b\x0c\u3000\u00a0\ufeff\u200b\u2002\u2003\u2009\u202f\u205f"


def clean_line(line: str) -> str:
    """Strip indentation and trailing spaces (full-width, nbsp, BOM included); inner nbsp
    becomes a space and runs of spaces one space."""
    line = line.strip(_EDGE_SPACES)
    if "\u00a0" in line:
        line = line.replace("\u00a0", " ")
    if "  " in line or "\t" in line:
        line = _INNER_SPACES_RE.sub(" ", line)
    return line


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` with CRLF/CR/LS/PS line ends all treated alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace(
        "\u2028", "\n").replace("\u2029", "\n").split("\n")


def blocks_from_text(text: str, *, wrapped: bool | None = None) -> list[Block]:
    """Paragraph blocks of plain text.

    Blank lines separate paragraphs; a single line is a paragraph unless the text is
    hard-wrapped (``wrapped``, or detected: most lines about equally long and not ending a
    sentence). Wrapped lines are joined back: within blank-line-separated groups when the
    groups are several lines long, else at each indented line (the usual 　　 of a Chinese
    paragraph), else where a line stops short of the wrap width or closes a sentence.
    """
    raw = split_lines(text)
    lines = [clean_line(x) for x in raw]
    nonblank = [x for x in lines if x]
    if not nonblank:
        return []
    if wrapped is None:
        wrapped = looks_hard_wrapped(nonblank)
    if not wrapped:  # one paragraph a line, but a line ending in 、 runs on into the next
        return [Block(x) for x in _run_on(nonblank)] if any(
            x.endswith(_RUNS_ON) for x in nonblank) else [Block(x) for x in nonblank]
    del nonblank
    groups: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line:
            groups[-1].append(i)
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    if sum(1 for g in groups if len(g) > 1) >= max(1, len(groups) * 0.3) and len(groups) > 1:
        return [Block(join_lines([lines[i] for i in g])) for g in groups]
    indented = [bool(_INDENT_RE.match(raw[i])) for g in groups for i in g]
    share = sum(indented) / len(indented)
    blocks: list[Block] = []
    for g in groups:
        if 0.03 <= share <= 0.8:
            blocks.extend(Block(t) for t in _join_at_indents(
                [lines[i] for i in g], [bool(_INDENT_RE.match(raw[i])) for i in g]))
        else:
            blocks.extend(Block(t) for t in join_wrapped([lines[i] for i in g], wrapped=True))
    return blocks


_INDENT_RE = re.compile(r"^(\u3000|[ \t\u00a0]{2,})")
# A line ending in the enumeration comma is in the middle of a list: never a paragraph's
# end (an e-paper's subtitle over two lines: 听取全国人大常委会、…最高人民法院、/ 最高人民…)
_RUNS_ON = "、"


def _run_on(lines: Sequence[str]) -> list[str]:
    """Lines, each joined with the next when it ends in 、 (there is a next one)."""
    out: list[str] = []
    pending: list[str] = []
    for line in lines:
        pending.append(line)
        if not line.endswith(_RUNS_ON):
            out.append(_joined(pending))
            pending = []
    if pending:
        out.append(_joined(pending))
    return out


def join_lines(lines: Sequence[str]) -> str:
    """Lines of one paragraph joined back: nothing between CJK characters, a space between
    Latin words, a hyphenated word rejoined."""
    return _joined(list(lines))


def _join_at_indents(lines: Sequence[str], indented: Sequence[bool]) -> list[str]:
    """An indented line starts a paragraph; so does a line after a short (heading) line."""
    width = _typical_width(lines) if len(lines) >= 3 else max(_width(x) for x in lines)
    groups: list[list[str]] = []
    last_line = ""
    for line, starts in zip(lines, indented, strict=True):
        if not groups or starts or (_width(last_line) < width * 0.6
                                    and not last_line.endswith(_RUNS_ON)):
            groups.append([line])
        else:
            groups[-1].append(line)
        last_line = line
    return [_joined(group) for group in groups]


def looks_hard_wrapped(lines: Sequence[str]) -> bool:
    """Whether lines were broken at a fixed width: many lines end near the common width
    without closing a sentence."""
    if len(lines) < 4:
        return False
    width = _typical_width(lines)
    if width < 12:
        return False
    full_open = sum(1 for x in lines if _width(x) >= width * 0.85 and not x.endswith(CLOSING))
    return full_open >= max(2, len(lines) * 0.3)


def join_wrapped(lines: Sequence[str], *, wrapped: bool) -> list[str]:
    """Join a group of lines: each its own paragraph, or (``wrapped``) re-joined where a
    line stops at the wrap width without closing a sentence."""
    if not wrapped or len(lines) == 1:
        return list(lines)
    width = _typical_width(lines) if len(lines) >= 3 else max(_width(x) for x in lines)
    out: list[str] = []
    current: list[str] = []
    for line in lines:
        current.append(line)
        runs_on = (_width(line) >= width * 0.8 and not line.endswith(CLOSING)) \
            or line.endswith(_RUNS_ON)
        if not runs_on:
            out.append(_joined(current))
            current = []
    if current:
        out.append(_joined(current))
    return out


def _join(left: str, right: str) -> str:
    return left + _glue(left[-1:], right) + right


def _glue(left_end: str, right: str) -> str:
    """What goes between two joined lines, from the last character of the left one: a space
    between Latin words or numbers, nothing between CJK characters. Looking at one character
    (not searching the paragraph joined so far) keeps joining linear."""
    return " " if _LATIN_END_RE.match(left_end) and _LATIN_START_RE.match(right) else ""


def _joined(pieces: list[str]) -> str:
    """Lines of one paragraph joined at once (joining one by one copies the paragraph so far
    each time: quadratic in a long hard-wrapped paragraph)."""
    out = [pieces[0]]
    tail = pieces[0][-1:]  # the last character joined so far
    for line in pieces[1:]:
        out.append(_glue(tail, line))
        out.append(line)
        tail = line[-1:] or tail
    return "".join(out)


def _width(line: str) -> int:
    """Display width, near enough: CJK characters (3 bytes in UTF-8) count two columns,
    ASCII one. Byte length is computed in C: this runs on every line."""
    return (len(line) + len(line.encode("utf-8", "surrogatepass"))) // 2


def _typical_width(lines: Sequence[str]) -> int:
    widths = sorted(_width(x) for x in lines)
    return widths[int(len(widths) * 0.8)] if len(widths) > 1 else widths[0]


def is_heading_text(text: str, normalized: str | None = None) -> bool:
    """A short line that is a section marker or a title, not prose: no sentence punctuation
    inside, not ending like a clause."""
    plain = normalized if normalized is not None else text.strip()
    if not plain:
        return False
    if _MARKER_RE.match(plain):
        return True
    if len(plain) > _HEADING_MAX:
        return False
    if _SENTENCE_PUNCT_RE.search(plain[:-1]) or plain.endswith(("，", "、", ",", "：", ":")):
        return False
    if plain.endswith(("。", "！", "？", "；")) and not _NUMBERED_HEADING_RE.match(plain):
        return False
    return bool(_HAN_RE.search(plain)) and len(plain) >= 2


def decide_kinds(blocks: Iterable[Block], normalized: Sequence[str]) -> list[ParagraphKind]:
    """The kind of each block: the format's word if it gave one, else from the text."""
    kinds = []
    given: ParagraphKind | None = None  # the last block's kind as its format gave it
    for block, norm in zip(blocks, normalized, strict=True):
        given = block.kind
        if block.kind is not None:
            kinds.append(block.kind)
        elif is_heading_text(block.text, norm):
            kinds.append(ParagraphKind.HEADING)
        else:
            kinds.append(ParagraphKind.BODY)
    if given is None and _cut_off_end(kinds, normalized):
        kinds[-1] = ParagraphKind.BODY  # the format did not say heading: the text said so
    return kinds


_CLOSED_END = frozenset("。！？；…!?;.」』”’）)》〉】]—-：:")


def _cut_off_end(kinds: Sequence[ParagraphKind], normalized: Sequence[str]) -> bool:
    """The last paragraph, taken for a heading from its text, is body text cut off mid-sentence
    (a repost cut at the end): it follows body text, runs on a clause of its own (a comma
    inside, or as long as a clause) and ends with no closing punctuation."""
    if len(kinds) < 2 or kinds[-1] is not ParagraphKind.HEADING:
        return False
    if kinds[-2] is ParagraphKind.HEADING:
        return False
    last = normalized[-1].strip()
    if not last or last[-1] in _CLOSED_END or _MARKER_RE.match(last):
        return False
    return "，" in last or "," in last or len(last) >= 12
