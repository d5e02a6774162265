"""Plain text and Markdown (with YAML or TOML front matter) to paragraph blocks.

A .txt file is often not plain: copied web pages arrive as a front matter block over HTML
(seed 000) or a title line over ``<div>`` soup (seed 001). The content decides.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.html import extract_html, looks_like_html
from tifa.engine.ingest.items import original_link
from tifa.engine.ingest.paragraphs import Block, blocks_from_text, clean_line
from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import DocumentWarning, ParagraphKind
from tifa.engine.safeyaml import YamlRefused, load_yaml

FRONT_MATTER_MAX_CHARS = 64 * 1024

_FRONT_MATTER_RE = re.compile(
    r"\A[\s\ufeff]*(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)\r?\n(?:(?P=fence)|\.\.\.)[ \t]*"
    r"(?:\r?\n|\Z)",
    re.DOTALL,
)
_SIMPLE_FIELD_RE = lazy_compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")


def extract_text(text: str, *, encoding: str = "utf-8", markdown: bool = False) -> Extracted:
    """Blocks of a text file: front matter taken as metadata, an HTML body parsed as HTML,
    Markdown syntax stripped (``markdown`` or when front matter shows it is Markdown)."""
    meta: dict[str, Any] = {}
    warnings: list[DocumentWarning] = []
    m = _FRONT_MATTER_RE.match(text)
    if m:
        try:
            meta = parse_front_matter(m["body"], toml=m["fence"] == "+++")
        except YamlRefused as refused:
            warnings.append(DocumentWarning(
                "front-matter-refused",
                f"the front matter was not read: {refused}; the text is read without it"))
        text = text[m.end():]
        markdown = True
    if looks_like_html(text):
        content = extract_html(text)
        for key, value in content.meta.items():
            meta.setdefault(key, value)
        return Extracted(content.blocks, "markdown" if markdown else "html", encoding, meta,
                         warnings + content.warnings)
    blocks = markdown_blocks(text) if markdown else blocks_from_text(text)
    if markdown:  # the link text alone stays in the text: keep its address (a date source)
        url = original_link(text)
        if url:
            meta.setdefault("url", url)
    return Extracted(blocks, "markdown" if markdown else "txt", encoding, meta, warnings)


def parse_front_matter(body: str, *, toml: bool = False) -> dict[str, Any]:
    """Front matter fields; a block that does not parse is read as simple ``key: value``
    lines rather than refused (hand-written front matter often is not valid YAML).

    Raises ``YamlRefused`` for front matter Tifa will not read at all: YAML aliases (an
    alias bomb expands 745 bytes into gigabytes), more than ``FRONT_MATTER_MAX_CHARS``,
    nesting deeper than Python recurses."""
    if len(body) > FRONT_MATTER_MAX_CHARS:
        raise YamlRefused(f"it is too long ({len(body):,} characters; at most "
                          f"{FRONT_MATTER_MAX_CHARS:,})")
    import tomllib  # only for front matter (its patterns: ~1 ms of every start)

    try:
        data = tomllib.loads(body) if toml else load_yaml(body, max_chars=FRONT_MATTER_MAX_CHARS)
    except YamlRefused:
        raise
    except RecursionError:
        raise YamlRefused("it nests too deeply") from None
    except yaml.constructor.ConstructorError as error:  # !!python/object…: never built
        tag = str(getattr(error, "problem", "") or "a tag")
        raise YamlRefused(f"it asks for an object Tifa never builds ({tag[:80]})") from None
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, TypeError):
        data = None
    if isinstance(data, dict):
        return {str(k).lower(): v for k, v in data.items()}
    fields: dict[str, Any] = {}
    for line in body.splitlines():
        fm = _SIMPLE_FIELD_RE.match(line.strip())
        if fm:
            fields.setdefault(fm[1].lower(), fm[2].strip().strip("'\""))
    return fields


_HEADING_RE = lazy_compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RE = lazy_compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE_RE = lazy_compile(r"^\s{0,3}(```|~~~)")
_RULE_RE = lazy_compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LINK_DEF_RE = lazy_compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_SEP_RE = lazy_compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_INLINE_SUBS = [
    (lazy_compile(r"<!--.*?-->", re.DOTALL), ""),
    (lazy_compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (lazy_compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links keep their text
    (lazy_compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (lazy_compile(r"<br\s*/?>", re.IGNORECASE), "\n"),
    # ruby readings (统<rt>tǒng</rt>, <rp>(</rp>): glosses, left out with their tags
    (lazy_compile(r"<(rt|rp)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL), ""),
    (lazy_compile(r"</?[A-Za-z][^>]*>"), ""),  # stray inline HTML
    (lazy_compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (lazy_compile(r"(?<![A-Za-z0-9*])[*_](?=\S)([^*_\n]+?)(?<=\S)[*_](?![A-Za-z0-9*])"),
     r"\1"),
    (lazy_compile(r"~~(.+?)~~"), r"\1"),
    (lazy_compile(r"`([^`\n]+)`"), r"\1"),
]
_LINE_PREFIX_RE = lazy_compile(r"^\s{0,3}(>\s?)+|^\s*([-*+]|\d{1,3}[.)])\s+(\[[ xX]\]\s+)?")


def markdown_blocks(text: str) -> list[Block]:
    """Markdown to blocks: headings kept as headings, syntax stripped, text kept."""
    blocks: list[Block] = []
    pending: list[str] = []
    in_fence = False

    def flush() -> None:
        if pending:
            blocks.extend(blocks_from_text(_inline("\n".join(pending))))
            pending.clear()

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines):
        if _FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            pending.append(line)
            continue
        heading = _HEADING_RE.match(line)
        if heading:
            flush()
            title = clean_line(_inline(heading[2]))
            if title:
                blocks.append(Block(title, ParagraphKind.HEADING))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _SETEXT_RE.match(nxt) and not _RULE_RE.match(line):
            flush()
            blocks.append(Block(clean_line(_inline(line)), ParagraphKind.HEADING))
            continue
        if _SETEXT_RE.match(line) and pending == [] and blocks and \
                blocks[-1].kind is ParagraphKind.HEADING:
            continue  # the underline of a setext heading
        if _RULE_RE.match(line) or _LINK_DEF_RE.match(line) or _TABLE_SEP_RE.match(line):
            if _RULE_RE.match(line) or _TABLE_SEP_RE.match(line):
                pending.append("")
            continue
        if line.lstrip().startswith("|"):
            line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
        pending.append(_LINE_PREFIX_RE.sub("", line))
    flush()
    return blocks


def _inline(text: str) -> str:
    for pattern, repl in _INLINE_SUBS:
        text = pattern.sub(repl, text)
    return text
