"""A whole web page's article and metadata through trafilatura (main content; its date
through htmldate), measured against Tifa's own rules on real Chinese pages
(``bench/extraction.py``): trafilatura decides which of the page's paragraphs are the
article; Tifa keeps its own paragraphing (``<p>``/``<div>``/``<br>``, headings) and its
own metadata where its rules were better.

Only pages of a sane size and depth go to the library (hostile or broken pages stay with
Tifa's linear-time rules): a page over ``MAX_CHARS`` characters or nested deeper than
``MAX_DEPTH`` elements is left to them.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

MAX_CHARS = 3_000_000  # decoded characters of markup
MAX_DEPTH = 400  # lxml (libxml2) stops at 256 levels of nesting by default anyway
_MIN_HAN = 100  # a main text with fewer Chinese characters is not believed
_WINDOW = 4000  # how far ahead of the last kept paragraph one is looked for
_SHORT = 10  # characters: a paragraph shorter than this must follow on directly…
_SHORT_GAP = 4  # …within this many characters of the last one kept
_PROSE = 40  # a paragraph this long may be found after a gap of up to _WINDOW…
_GAP = 200  # …a shorter one (a title repeated at the end: 原题为《…》) only this close
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class MainContent:
    """What trafilatura found: the article's text (spaces removed, for matching) and the
    metadata it is good at."""

    text: str
    date: str | None = None
    sitename: str | None = None


def page_is_sane(markup: str, body: LexborNode | None) -> bool:
    """Small and shallow enough for the library (computed in one pass over the tree)."""
    if len(markup) > MAX_CHARS or body is None:
        return False
    stack: list[tuple[LexborNode, int]] = [(body, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        child = node.child
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return True


def main_content(markup: str) -> MainContent | None:
    """The article's text and metadata by trafilatura, or None when it finds too little
    to believe (Tifa's own rules then read the page)."""
    try:
        import trafilatura
    except Exception:  # a dependency (or its data) missing: Tifa's rules read the page
        return None
    import logging  # only here (~2 ms of every start otherwise)

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            precise = trafilatura.bare_extraction(
                markup, favor_precision=True, with_metadata=True, include_comments=False)
        except Exception:  # the library failing on a page: Tifa's rules read it
            return None
        if precise is None:
            return None
        found = precise if isinstance(precise, dict) else precise.as_dict()
        text = str(found.get("text") or "")
        if _han(text) < _MIN_HAN:
            try:
                broad = trafilatura.extract(markup, include_comments=False) or ""
            except Exception:
                broad = ""
            text = broad if _han(broad) > _han(text) else text
    if _han(text) < _MIN_HAN:
        return None
    return MainContent(_SPACE_RE.sub("", text), _shown_on_page(_str(found.get("date")), markup),
                       _str(found.get("sitename")))


def _shown_on_page(date: str | None, markup: str) -> str | None:
    """htmldate's date when the page writes that date somewhere (text, <meta>, an address).
    Its extensive search turns a year alone into January 1st: a page saying
    "2020年03月21日08:55 來源:大眾日報客戶端" in its text was dated 2020-01-01, which beat the
    page's own line. Such a guess is dropped; Tifa's rules read the page's lines."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", date or "")
    if m is None:
        return date
    y, mo, d = m.groups()
    written = (rf"{y}\s*[-/.年]\s*0?{int(mo)}\s*[-/.月]\s*0?{int(d)}(?!\d)"
               rf"|{y}[/_-]?{mo}[/_-]?{d}(?!\d)")
    return date if re.search(written, markup) else None


def _str(value: object) -> str | None:
    return str(value) if value else None


def keep_article(texts: list[str], content: MainContent) -> list[bool]:
    """Which of the page's paragraphs (in page order) are the article: those found in the
    library's text, in order, each looked for a bounded distance ahead of the last one
    found (linear in the page's size). A short line ("图集", "新华网") counts only where
    the article's text goes on with it, a headline-sized one only close by (a headline
    quoted at the article's end must not swallow the article)."""
    keep: list[bool] = []
    pos = last = 0  # the end and the start of the last paragraph found
    main = content.text
    for text in texts:
        probe = _SPACE_RE.sub("", text)
        if not probe:
            keep.append(False)
            continue
        reach = (_SHORT_GAP if len(probe) < _SHORT else
                 _GAP if len(probe) < _PROSE else _WINDOW)
        # A paragraph may overlap the last one found ("IT之家" over "IT之家9月30日消息…").
        since = pos if len(probe) < _SHORT else last
        at = main.find(probe, since, pos + len(probe) + reach)
        if at >= 0:
            keep.append(True)
            if len(probe) >= _PROSE or at <= pos + _SHORT_GAP:
                # a short line found further on (a subtitle that the lede repeats) is
                # kept without moving on: the lede may still come
                last, pos = at, max(pos, at + len(probe))
        else:
            keep.append(False)
    _keep_repeats(texts, keep)
    return keep


def _keep_repeats(texts: list[str], keep: list[bool]) -> None:
    """The library keeps one copy of a paragraph a page repeats: a paragraph equal to one of
    the article's, next to the article (or to such a repeat), is the article's too."""
    kept = {_SPACE_RE.sub("", t) for t, k in zip(texts, keep, strict=True) if k}
    for i, text in enumerate(texts):
        if keep[i] or not ((i > 0 and keep[i - 1]) or (i + 1 < len(keep) and keep[i + 1])):
            continue
        probe = _SPACE_RE.sub("", text)
        if len(probe) >= _SHORT and probe in kept:
            keep[i] = True


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")


# Between a headline and the site or channel a <title> adds: " | ", " - ", "_", "--", "｜".
_TITLE_PARTS_RE = re.compile(r"\s+[-|｜—–]+\s+|\s*(?:_+|｜|\||--+|&#124;)\s*")
_HEADLINE_MIN = 5  # characters: a shorter common part is a section name (新闻动态), not it
_HEADLINE_HAN = 10  # Chinese characters a heading needs to be taken for the headline
_PATH_RE = re.compile(r"[>＞»›]|^(网站)?首[页頁]|^主页")


def headline(page_title: str, og_title: str, headings: list[str]) -> str | None:
    """The article's headline: the longest part the page's <title> shares with one of its
    headings (<h1>…<h5>; GNE's method), else the first part of og:title or <title> before
    the site or channel names it adds ("… | 社會 | 中央社 CNA")."""
    from difflib import SequenceMatcher

    page_title = _SPACES_RE.sub(" ", page_title).strip()
    best = ""
    if page_title:
        for heading in headings[:200]:
            heading = _SPACES_RE.sub(" ", heading).strip()[:300]
            if len(heading) < _HEADLINE_MIN:
                continue
            match = SequenceMatcher(None, page_title[:300], heading, autojunk=False) \
                .find_longest_match(0, min(len(page_title), 300), 0, len(heading))
            common = page_title[match.a: match.a + match.size].strip(" -_|｜—–")
            if len(common) > len(best):
                best = common
    # "新闻动态--中国地理学会官网": what the <title> shares with a heading may be only the
    # site's name it adds after the headline's place (a "联系我们" box repeats it) — then
    # the <title> names no article, and the headline is the first heading long enough to
    # be one that is no path (首页 - 新闻动态).
    parts = [p.strip() for p in _TITLE_PARTS_RE.split(page_title) if p.strip()]
    site_only = len(parts) > 1 and bool(best) and best not in parts[0] \
        and any(best in part for part in parts[1:])
    if len(best) >= _HEADLINE_MIN and not site_only:
        return best
    if site_only:
        for heading in headings[:200]:
            heading = _SPACES_RE.sub(" ", heading).strip()
            if _han(heading) >= _HEADLINE_HAN and len(heading) <= 80 \
                    and not _PATH_RE.search(heading):
                return heading
    for candidate in (og_title, page_title):
        parts = [p.strip() for p in _TITLE_PARTS_RE.split(candidate.strip()) if p.strip()]
        if parts:
            first = _SITE_TAIL_RE.sub("", parts[0])
            return first if len(first) >= _HEADLINE_MIN else max(parts, key=len)
    return None


# "法国全国大罢工再次严重影响交通-新华网", "中华人民共和国监察法-纪检": a short site or channel
# name after a bare hyphen ("1-10月德清县…" keeps its hyphen: what follows is long).
_SITE_TAIL_RE = re.compile(r"(?<=\S)[-—–][^-—–\s]{1,8}$")


_SPACES_RE = re.compile(r"[\s\u3000\u00a0]+")
