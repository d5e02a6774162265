"""HTML — a whole page or a fragment — to paragraph blocks and page metadata, through a
real parser (selectolax/lexbor): article body found, scripts, styles, comments, navigation,
share and QR blocks dropped, the text of stock-quote links kept, <p>/<div>/<br> structure
kept as paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from tifa.engine.ingest import webpage
from tifa.engine.ingest.boilerplate import rules_data
from tifa.engine.ingest.htmldepth import limit_nesting
from tifa.engine.ingest.metadata import is_outlet_or_agency, parse_info_bar, site_name
from tifa.engine.ingest.paragraphs import Block, clean_line
from tifa.engine.model import DocumentWarning, ParagraphKind

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_DROP_TAGS = [
    "script", "style", "noscript", "iframe", "template", "svg", "canvas", "nav", "form",
    "button", "input", "select", "textarea", "object", "embed", "audio", "video", "map",
    "aside", "head", "rt", "rp",  # ruby annotations: the reading of 統 is a gloss
]
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "tr", "td", "th", "table", "thead", "tbody", "tfoot", "section", "article", "main",
    "header", "footer", "blockquote", "pre", "hr", "address", "figure", "figcaption",
    "center", "caption", "body", "html",
})
_HEADING_TAGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_TAG_RE = re.compile(
    r"<\s*(p|div|br|span|a|h[1-6]|table|tr|td|li|ul|html|body|head|meta|strong|b|img|font)"
    r"[\s/>]",
    re.IGNORECASE,
)
_TITLE_SPLIT_RE = re.compile(r"\s*(?:[-_|｜—–]|&#124;)\s*")


@dataclass(slots=True)
class HtmlContent:
    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[DocumentWarning] = field(default_factory=list)


def looks_like_html(text: str) -> bool:
    """Whole pages, and fragments with a few structural tags (a .txt of copied HTML)."""
    head = text[:2000].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(_TAG_RE.findall(text[:50_000])) >= 3


def extract_html(text: str) -> HtmlContent:
    from selectolax.lexbor import LexborHTMLParser

    text, flattened = limit_nesting(text)  # parsing costs time in proportion to depth
    tree = LexborHTMLParser(text)
    meta = _page_meta(tree)
    # a page that had to be flattened is no ordinary page: Tifa's own rules read it
    library = _library_article(text, tree) if not flattened else None
    if library is not None or _WHOLE_PAGE_RE.search(text[:20_000]):
        title = webpage.headline(
            _first_text(tree, "title"), _meta_content(tree, "og:title"),
            [node.text() for node in tree.css("h1, h2, h3, h4, h5")])
        if title:
            meta["title"] = title
    _drop_junk(tree)
    root = _article_root(tree)
    if library is not None:  # trafilatura found the article: its paragraphs, Tifa's cuts
        blocks, found, bar = library
        meta.update(bar)  # what the page shows under its headline beats its <meta> tags
        for key, value in (("date", found.date), ("sitename", site_name(found.sitename))):
            if value:
                meta.setdefault(key, value)
    else:
        blocks = _blocks(root) if root is not None else []
    if root is not None:
        for key, value in _lead_in_meta(root).items():
            meta.setdefault(key, value)
    h1 = next((b.text for b in blocks if b.kind is ParagraphKind.HEADING), None)
    if "title" not in meta and h1:
        meta["title"] = h1
    elif h1 and "title" in meta and h1 in meta["title"]:
        meta["title"] = h1  # <title> usually adds the site name: the heading is cleaner
    elif library is not None and "title" in meta:
        # The article's first line is the headline the <title> begins with, before a
        # column or site name it adds after a space ("…调研工作 东区办事处").
        title = _TITLE_SPACES_RE.sub("", meta["title"])
        for block in blocks[:3]:
            line = _TITLE_SPACES_RE.sub("", block.text)
            if len(line) >= 5 and title.startswith(line) and len(title) > len(line):
                meta["title"] = block.text
                break
    warnings = [DocumentWarning(
        "deep-nesting", f"the page nests elements too deeply: {flattened} tags past "
        "the limit were set aside (their text is kept)")] if flattened else []
    return HtmlContent(blocks, meta, warnings)


_TITLE_SPACES_RE = re.compile(r"[\s\u3000]+")


_WHOLE_PAGE_RE = re.compile(r"<html[\s>]|<!doctype\s+html|<body[\s>]", re.IGNORECASE)


def _library_article(
    text: str, tree: LexborHTMLParser
) -> tuple[list[Block], webpage.MainContent, dict[str, str]] | None:
    """A whole page's article through trafilatura (``webpage``): the page's own paragraphs
    that its main text holds. None for fragments, hostile pages, or when it finds little."""
    from selectolax.lexbor import LexborHTMLParser

    if not _WHOLE_PAGE_RE.search(text[:20_000]) or not webpage.page_is_sane(text, tree.body):
        return None
    found = webpage.main_content(text)
    if found is None:
        return None
    page = LexborHTMLParser(text)
    page.strip_tags(_LIBRARY_DROP_TAGS)
    if page.body is None:
        return None
    blocks = _blocks(page.body)
    keep = webpage.keep_article([b.text for b in blocks], found)
    kept = [b for b, k in zip(blocks, keep, strict=True) if k]
    if not kept:
        return None
    start = keep.index(True)
    bar: dict[str, str] = {}
    above = blocks[max(0, start - _INFO_BAR_REACH): start]
    for i in range(len(above) - 1, -1, -1):  # the nearest line above the article first
        info = parse_info_bar(above[i].text)
        if info.keys() == {"date"} and i > 0 and is_outlet_or_agency(above[i - 1].text) \
                and len(above[i - 1].text) <= _OUTLET_MAX:
            info["source"] = above[i - 1].text.strip()  # 新华社 / 2020-01-03 18:13
        for key, value in info.items():
            bar.setdefault(key, value)
    end = len(keep) - keep[::-1].index(True)
    for block in blocks[end: end + _INFO_BAR_REACH]:  # "来源：当代商报 时间：…" below it
        info = parse_info_bar(block.text)
        if "source" in info:
            bar.setdefault("source", info["source"])
            break
    return kept, found, bar


_OUTLET_MAX = 12


_INFO_BAR_REACH = 15  # paragraphs above the article searched for its info bar


def _first_text(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return node.text() if node is not None else ""


def _meta_content(tree: LexborHTMLParser, name: str) -> str:
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        if key == name:
            return node.attributes.get("content") or ""
    return ""


# Pages wrap their whole body in <form> (ASP.NET) or put the article in <aside>/<nav>-free
# markup the library judges: only what is never text is dropped before it decides.
_LIBRARY_DROP_TAGS = ["script", "style", "noscript", "template", "svg", "canvas", "head",
                      "iframe", "object", "embed", "select", "textarea", "button",
                      "rt", "rp"]  # <ruby>統<rt>tǒng</rt></ruby>: the gloss, not the text


def _page_meta(tree: LexborHTMLParser) -> dict[str, str]:
    meta: dict[str, str] = {}
    names = {
        "og:title": "title", "title": "title",
        "article:published_time": "date", "pubdate": "date", "publishdate": "date",
        "date": "date", "dc.date": "date", "og:release_date": "date",
        "publish_time": "date", "firstpublishedtime": "date",
        "og:site_name": "source", "source": "source", "contentsource": "source",
        "author": "author", "article:author": "author", "dc.creator": "author",
    }
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        value = (node.attributes.get("content") or "").strip()
        target = names.get(key)
        if target and value and target not in meta:
            meta[target] = value
    title_node = tree.css_first("title")
    if title_node is not None and "title" not in meta:
        title = clean_line(title_node.text())
        if title:
            meta["title"] = _TITLE_SPLIT_RE.split(title)[0] or title
    time_node = tree.css_first("time[datetime]")
    if time_node is not None and "date" not in meta:
        meta["date"] = time_node.attributes.get("datetime") or ""
    return meta


@cache
def _drop_class_re() -> re.Pattern[str]:
    words = [re.escape(str(w)) for w in rules_data().get("html_drop_classes") or ()]
    return re.compile("|".join(words) or "(?!)", re.IGNORECASE)


def _drop_junk(tree: LexborHTMLParser) -> None:
    tree.strip_tags(_DROP_TAGS)
    pattern = _drop_class_re()
    doomed = []
    for node in tree.css("[class], [id]"):
        marks = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}"
        if pattern.search(marks) and node.tag not in ("body", "html"):
            doomed.append(node)
    for node in doomed:
        try:
            node.decompose()
        except Exception:  # already gone with an ancestor
            continue


def _article_root(tree: LexborHTMLParser) -> LexborNode | None:
    body = tree.body
    if body is None:
        return tree.root
    total = _han_count(body.text(separator="\n"))
    if total == 0:
        return body
    for selector in rules_data().get("html_body_selectors") or ():
        try:
            node = tree.css_first(str(selector))
        except Exception:  # a selector lexbor does not know
            continue
        if node is not None and _han_count(node.text(separator="\n")) >= total * 0.5:
            return node
    best, best_score = body, 0
    for node in tree.css("div, section, article, td, main"):
        score = sum(_han_count(p.text()) for p in node.iter() if p.tag == "p")
        if score > best_score:
            best, best_score = node, score
    if best_score >= total * 0.5:
        return best
    return body


_LEAD_IN_CHARS = 400  # how much of the page before the article body is read for its meta
_LEAD_IN_DATE_RE = re.compile(
    r"(?<!\d)(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\s*(\d{1,2}[:：]\d{2}))?"
)


_LEAD_IN_SOURCE_RE = re.compile(
    r"(?:文章来源|本文来源|来源|稿源|出处)[：:]\s*([^\s|｜,，。]{2,20})"
)


def _lead_in_meta(root: LexborNode) -> dict[str, str]:
    """Source and date from the lines just before the article body (a page's info bar:
    "2017-08-10 08:00 来源：新京报"), which lie outside it. Nearest lines first."""
    lines: list[str] = []
    size = 0
    node: LexborNode | None = root
    while node is not None and node.tag not in ("body", "html") and size < _LEAD_IN_CHARS:
        sibling = node.prev
        while sibling is not None and size < _LEAD_IN_CHARS:
            text = sibling.text(separator="\n") if sibling.tag != "-comment" else ""
            for line in reversed(text.split("\n")):
                line = clean_line(line)
                if line:
                    lines.append(line)
                    size += len(line)
            sibling = sibling.prev
        node = node.parent
    found: dict[str, str] = {}
    for line in lines:
        match = _LEAD_IN_SOURCE_RE.search(line)
        if match and "source" not in found:
            found["source"] = match.group(1)
        date = _LEAD_IN_DATE_RE.search(line)
        if date and "date" not in found:
            found["date"] = date.group(1)
    return found


def _han_count(text: str) -> int:
    """Roughly the number of CJK characters (3 bytes in UTF-8 against 1 for ASCII): only
    compared with other counts, and computed in C."""
    return (len(text.encode("utf-8", "surrogatepass")) - len(text)) // 2


def _blocks(root: LexborNode) -> list[Block]:
    """Walk the tree (iteratively: pages can nest deeper than Python's recursion limit),
    starting a new paragraph at each block element and <br>."""
    blocks: list[Block] = []
    buffer: list[str] = []
    heading_depth = 0

    def flush() -> None:
        text = clean_line("".join(buffer))
        buffer.clear()
        if text:
            kind = ParagraphKind.HEADING if heading_depth else None
            blocks.append(Block(text, kind))

    # Stack items: (node, entering) — leaving a block element flushes its text.
    stack: list[tuple[LexborNode, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        tag = node.tag or ""
        if not entering:
            if tag in _BLOCK_TAGS:
                flush()
            if tag in _HEADING_TAGS:
                heading_depth -= 1
            continue
        if tag == "-text":
            buffer.append(node.text_content or "")
            continue
        if tag.startswith("-") or tag.startswith("#") or tag.startswith("!"):
            continue  # comments, doctype
        if tag in _BLOCK_TAGS:
            flush()
        if tag in _HEADING_TAGS:
            heading_depth += 1
        stack.append((node, False))
        children = list(node.iter(include_text=True))
        stack.extend((child, True) for child in reversed(children))
    flush()
    return blocks
