"""Blocks and format metadata → a cleaned ``Document``: paragraphs normalised, boilerplate
stripped (its metadata kept), title/date/source/author settled, pull quotes, corrupted
characters and script detected."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tifa.engine.ingest import metadata
from tifa.engine.ingest.boilerplate import clean_value, strip_boilerplate
from tifa.engine.ingest.controls import ControlCleaner, has_controls
from tifa.engine.ingest.corruption import corruption_warning
from tifa.engine.ingest.extracted import Extracted
from tifa.engine.ingest.metadata import (
    date_from_text,
    date_in_title,
    date_in_url,
    first_value,
    implausible_date,
    is_outlet,
    leading_date,
    parse_date,
    site_name,
    title_from_lede,
    without_leading_date,
)
from tifa.engine.ingest.paragraphs import Block, clean_line, decide_kinds
from tifa.engine.ingest.script import detect_script
from tifa.engine.model import Document, DocumentWarning, Paragraph, ParagraphKind
from tifa.engine.normalize import normalize_paragraph, normalize_paragraphs
from tifa.engine.wording import counted

#: The most paragraphs a document is read into. A file of more lines than this (a million
#: two-character lines) has consecutive paragraphs merged, line ends kept, so that it has at
#: most this many: every later step (tokenizing, alignment, highlights, reports) holds
#: something for every paragraph, and a million of them took over 1.3 GB to compare.
MAX_PARAGRAPHS = 20_000
#: The warning of a document whose text is all page furniture (its message: what the lines
#: were); the reader refuses such a file saying so.
ONLY_FURNITURE = "only-furniture"
_TITLE_MAX = 60  # normalised characters: a longer first line is prose, not a title
# …unless the page's info bar (date, source) comes right under it: a headline in parts
# ("…召开会议 认真学习贯彻…重要讲话精神 李希主持会议", 62 characters)
_HEADLINE_MAX = 100
_ATTRIBUTION_RE = re.compile(r"^(——|—|--|－－)[^，。]{1,16}$")
_META_KEYS = {
    "title": ("title", "headline", "标题"),
    "date": ("date", "published", "pubdate", "publishdate", "created", "updated", "日期",
             "时间"),
    "source": ("source", "publisher", "outlet", "site", "来源"),
    "author": ("author", "authors", "creator", "by", "作者"),
}


def assemble(path: Path, extracted: Extracted, *, title: str | None = None) -> Document:
    """The Document for what a format reader extracted from ``path``."""
    warnings: list[DocumentWarning] = list(extracted.warnings)
    cleaner = ControlCleaner()
    _drop_controls(extracted, cleaner)
    if title:
        title = cleaner.text(title)
    warnings.extend(cleaner.warnings())
    merged = _merge_blocks(extracted)
    if merged:
        warnings.append(merged)
    paragraphs = _paragraphs(extracted)
    extracted.blocks = []  # not needed any more: a million short lines hold ~60 MB of blocks
    stripped = strip_boilerplate(paragraphs, page_copy=extracted.format == "txt")
    captured = stripped.metadata
    kept = [_edited(paragraphs[i], stripped.edited.get(i)) for i in stripped.kept]
    if paragraphs and not kept:  # text, all of it editor lines, share prompts, captions…
        what = dict.fromkeys([name for _, name in stripped.removed]
                             + ["photo caption"] * bool(stripped.captions))
        warnings.append(DocumentWarning(ONLY_FURNITURE, ", ".join(what) or "page furniture"))
    if stripped.captions:
        warnings.append(DocumentWarning(
            "dropped-captions",
            f"{counted(len(stripped.captions), 'photo caption')} left out (they describe pictures, "
            "not the text)",
        ))

    meta = extracted.meta
    doc_title = _clean(title) or _clean(_meta(meta, "title"))
    official = _Official()
    kept = _official_header(paragraphs, stripped.removed, kept, official)
    if not doc_title and official.title:
        doc_title = official.title
    elif doc_title:
        kept = _without_repeated_title(kept, doc_title)
    elif stripped.title is not None and kept and kept[0].index == stripped.title:
        # the headline above a copied page's article (joined if set over several lines)
        doc_title = clean_value(stripped.title_text or kept[0].text)
        kept = _without_repeated_title(kept[1:], doc_title)
    elif kept and _is_title_line(kept[0], len(kept), chinese=len(kept) > 1 and bool(
            _HAN_RE.search(kept[1].normalized)), limit=_HEADLINE_MAX if any(
            (i, name) == (kept[0].index + 1, "info bar") for i, name in stripped.removed)
            else _TITLE_MAX):
        doc_title = clean_value(without_leading_date(kept[0].text))
        dated = _DATE_BEFORE_TITLE_RE.match(doc_title)
        if dated:  # "2024-09-20 关于…的通知": the date set before the title on its line
            captured.setdefault("date", dated[1])
            doc_title = doc_title[dated.end():]
        # the headline printed again under it (or under the info bar), as 洛阳网 pages do,
        # unless that copy is all the text there is
        kept = _without_repeated_title(kept[1:], doc_title) or kept[1:]
    kept = _official_under_title(kept, official, doc_title)
    if official.continued and doc_title:  # 国务院关于推动… / …新篇章的意见 / 国发〔2023〕16号
        doc_title += official.continued
    kept = _without_sign_off(kept, stripped.removed, official)
    lede_title = not (doc_title or captured.get("original_title"))
    doc_title = doc_title or captured.get("original_title") or _fallback_title(
        kept, path, official)
    numbered = metadata.number_after_title(doc_title)
    if numbered:  # "…的通知(岳办发〔2017〕2号)": the number is metadata, not the title
        doc_title, number = numbered
        official.number = official.number or number
    if official.number:
        captured.setdefault("document_number", official.number)

    kept, quote_warning = _drop_pull_quotes(kept)
    if quote_warning:
        warnings.append(quote_warning)
    final = tuple(_reindexed(kept))

    source = _clean(_meta(meta, "source")) or captured.get("source") or official.issuer \
        or site_name(meta.get("sitename"))
    author = _clean(_meta(meta, "author"))
    if author and metadata.machine_author(author):  # Word's "Administrator", 微软用户: not a writer
        author = None
    if author and is_outlet(author) and not _looks_like_person_list(author):
        source = source or author
        author = None
    if not author and captured.get("author"):
        author = captured["author"]
        if is_outlet(author) and not _looks_like_person_list(author):
            source = source or author  # 文/德國之聲中文網: the outlet wrote it
            author = None

    # a title made from the lede states the lede's date only if the lede does
    date, how = _document_date(meta, captured, final, "" if lede_title else doc_title)
    odd = next((o for o in (implausible_date(meta.get(k)) for k in _META_KEYS["date"]) if o),
               None)
    if date is None and odd:
        warnings.append(DocumentWarning("no-date", f"its date {odd} is not a plausible date "
                                        "(1900–2100); it is left undated"))
    elif date is None:  # "…its text says 12月8日" when the lede gives the day, not the year
        warnings.append(DocumentWarning("no-date", how if how.startswith(metadata.NO_YEAR)
                                        else "the document does not say its date"))
    elif how not in ("", "stated"):
        warnings.append(DocumentWarning("date-inferred", f"date {date.isoformat()}: {how}"))

    corrupted = corruption_warning(final)
    if corrupted:
        warnings.insert(0, corrupted)
    if captured.get("original_title") == doc_title:
        del captured["original_title"]
    extra = _extra(meta, captured, how if date else "")
    return Document(
        path=path,
        paragraphs=final,
        title=doc_title,
        date=date,
        source=source or None,
        author=author or None,
        encoding=extracted.encoding,
        script=detect_script("".join(p.text for p in final)),
        format=extracted.format,
        warnings=tuple(warnings),
        extra=extra,
    )


def _drop_controls(extracted: Extracted, cleaner: ControlCleaner) -> None:
    """Control and bidi override characters out of the blocks and metadata (in place)."""
    if any(has_controls(b.text) for b in extracted.blocks):
        extracted.blocks = [
            Block(clean_line(cleaner.text(b.text)), b.kind) if has_controls(b.text) else b
            for b in extracted.blocks
        ]
    extracted.meta = {str(cleaner.text(str(k))): cleaner.value(v)
                      for k, v in extracted.meta.items()}


def _merge_blocks(extracted: Extracted, limit: int | None = None) -> DocumentWarning | None:
    """Merge consecutive blocks (in place, joined by line ends) when there are more than
    ``limit`` (default ``MAX_PARAGRAPHS``), so that there are at most ``limit``; the warning
    says so."""
    limit = MAX_PARAGRAPHS if limit is None else limit
    blocks = [b for b in extracted.blocks if b.text]
    if len(blocks) <= limit:
        return None
    size = -(-len(blocks) // limit)  # blocks a paragraph
    extracted.blocks = [
        Block("\n".join(b.text for b in blocks[k: k + size]))
        for k in range(0, len(blocks), size)
    ]
    return DocumentWarning(
        "paragraphs-merged",
        f"{len(blocks):,} paragraphs: more than Tifa keeps apart ({limit:,}); every {size} "
        f"consecutive paragraphs were read as one ({len(extracted.blocks):,} paragraphs)",
    )


def _paragraphs(extracted: Extracted) -> list[Paragraph]:
    blocks = [b for b in extracted.blocks if b.text]
    forms = normalize_paragraphs([b.text for b in blocks])
    kinds = decide_kinds(blocks, [f[0] for f in forms])
    return [
        # an unchanged normalised form shares the displayed string (memory of short lines)
        Paragraph(i, b.text, b.text if norm == b.text else norm, starts, ends, kind)
        for i, (b, (norm, starts, ends), kind) in enumerate(zip(blocks, forms, kinds,
                                                                strict=True))
        if norm  # nothing left to compare: a line of only spaces or glosses
    ]


def _edited(p: Paragraph, text: str | None) -> Paragraph:
    if text is None or text == p.text:
        return p
    norm, starts, ends = normalize_paragraph(text)
    return Paragraph(p.index, text, norm, starts, ends, p.kind)


def _reindexed(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    return [
        p if p.index == i else Paragraph(i, p.text, p.normalized, p.starts, p.ends, p.kind)
        for i, p in enumerate(paragraphs)
    ]


def _meta(meta: dict[str, object], key: str) -> str | None:
    return first_value([meta.get(k) for k in _META_KEYS[key]])


def _clean(value: str | None) -> str | None:
    return clean_value(value) if value else None


_HAN_RE = re.compile(r"[\u3400-\u9fff]")


def _is_title_line(p: Paragraph, count: int, *, chinese: bool = False,
                   limit: int = 0) -> bool:
    """A first line is the title when it is short, not prose, and more text follows."""
    if count < 2 or len(p.normalized) > (limit or _TITLE_MAX):
        return False
    body = p.normalized
    if chinese and not _HAN_RE.search(body):
        return False  # "content", "Menu": a Chinese page's interface label, not its headline
    if body.endswith("？") and body.count("？") == 1 and len(body) <= 30 and not re.search(
            r"[。！；，]", body):
        return True  # a headline that asks (建党周年是哪一天?), short and alone on its line
    return not re.search(r"[。！？；]", body) and not body.endswith(("，", "、", "：", ":"))


def _without_repeated_title(paragraphs: list[Paragraph], title: str) -> list[Paragraph]:
    """Drop the first paragraphs when they only repeat the title (an <h1> under <title>)."""
    target = normalize_paragraph(title)[0]
    numbered = metadata.number_after_title(title)  # the title again without its 文号
    targets = {target, normalize_paragraph(numbered[0])[0]} if numbered else {target}
    for i, p in enumerate(paragraphs[:3]):
        if p.normalized in targets:
            return paragraphs[:i] + paragraphs[i + 1:]
    # …or set over two or three lines at the top (全国人民代表大会常务委员会 / 关于批准… /
    # 调整…的决议), which together are the title
    for n in (2, 3):
        if len(paragraphs) > n and all(p.kind is not ParagraphKind.BODY or
                                       len(p.normalized) <= _TITLE_MAX for p in paragraphs[:n]) \
                and "".join(p.normalized for p in paragraphs[:n]) == target:
            return paragraphs[n:]
    return paragraphs


def _fallback_title(paragraphs: Sequence[Paragraph], path: Path,
                    official: _Official | None = None) -> str:
    """A title for a document without a title line: the lede's first clauses; for an
    official document whose type stood alone on its first line (通知), its issuing body and
    type (福州大学机关一党委通知, as GB/T 9704 titles 发文机关+文种), else the type and the
    lede's first clauses (通知：要学习贯彻…). Not from an addressee line (各部门单位:) or a
    line without Chinese (a stray "<") when other text follows."""
    doc_type = official.doc_type if official else None
    if doc_type and official and official.issuer:
        return official.issuer + doc_type
    bodies = [p for p in paragraphs if p.kind is ParagraphKind.BODY]
    body = next((p for p in bodies if _HAN_RE.search(p.normalized)
                 and not _ADDRESSEE_RE.fullmatch(p.normalized)), bodies[0] if bodies else None)
    if body is not None:
        # glosses out before the lede is cut: 牢記(ji)使命(ming) counted its glosses as title
        lede = clean_value(title_from_lede(clean_value(body.text)))
        return f"{doc_type}：{lede}" if doc_type else lede
    return doc_type or path.stem


# A whole date in digits before a title on its line, apart from it: "2024-09-20 关于…的通知"
_DATE_BEFORE_TITLE_RE = re.compile(
    r"((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)[\s\u3000]+(?=\S{4})")
# Whom a notice addresses: 各部门单位:, 各分党委、党总支、直属党支部：
_ADDRESSEE_RE = re.compile(r"[^，,。；;！？]{2,40}[：:]")


@dataclass(slots=True)
class _Official:
    """What an official document's own lines say (GB/T 9704): its type alone on the first
    line (通知), its number (京政办发〔2016〕26号), its issuing body (above the title, under
    it or in the sign-off) and a title made of an issuing-body line and the line under it."""

    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    title: str | None = None
    continued: str | None = None  # the title's second line, above the number or addressee


_TITLE_OF_DOCUMENT_RE = re.compile(r"^关于|关于.+的|(" + "|".join(metadata._DOC_TYPES) + r")$")


def _official_header(paragraphs: Sequence[Paragraph], removed: Sequence[tuple[int, str]],
                     kept: list[Paragraph], official: _Official) -> list[Paragraph]:
    """``kept`` without the lines above an official document's title: its type alone
    (通知; a site's section label 通知公告 when a title follows), its number; the issuing body
    over a title line (中共XX市委办公厅 / 关于…的通知) joined with it as the title."""
    if paragraphs and kept and paragraphs[0].index < kept[0].index and any(
            i == 0 for i, _ in removed):  # "通知" alone: also a page's button, so a rule took it
        official.doc_type = metadata.document_type(paragraphs[0].text)
    out = list(kept)
    for _ in range(4):
        if len(out) < 2:
            break
        text = out[0].text.strip()
        if metadata.section_label(text) or metadata.document_type(text):
            official.doc_type = official.doc_type or metadata.document_type(text)
            out.pop(0)
            continue
        number = metadata.document_number(text)
        if number is None:
            break
        official.number = official.number or number
        rest = text[len(number):].strip()
        if not rest:
            out.pop(0)
            continue
        if rest.startswith("《") and rest.endswith("》") and rest.count("《") == 1:
            rest = rest[1:-1]  # 京政办发〔2016〕26号《…的通知》: the title in quotes
        norm, starts, ends = normalize_paragraph(rest)
        out[0] = Paragraph(out[0].index, rest, norm, starts, ends, out[0].kind)
        break
    if len(out) > 2:
        issuer = metadata.issuing_body(out[0].text)
        under = out[1].normalized
        if issuer and _TITLE_OF_DOCUMENT_RE.search(under) and _is_title_line(out[1], len(out)):
            official.issuer = issuer
            official.title = clean_value(out[1].text.strip() if under.startswith(
                normalize_paragraph(issuer)[0]) else issuer + out[1].text.strip())
            out = out[2:]
    return out


def _official_under_title(kept: list[Paragraph], official: _Official,
                          title: str | None) -> list[Paragraph]:
    """``kept`` without the issuing body's line and the document number right under the
    title (关于…的通知 / 中共XX市委办公厅 / 各区县委：), and the title again in quotes."""
    out = list(kept)
    if title and len(out) > 2 and _continues_title(title, out[0], out[1]):
        official.continued = clean_value(out[0].text.strip())
        out.pop(0)
    for _ in range(4):
        if len(out) < 2:
            break
        if title and official.number and out[0].text.strip() == f"《{title}》":
            out.pop(0)
            continue
        number = metadata.document_number(out[0].text)
        if number and number == out[0].text.strip():
            official.number = official.number or number
            out.pop(0)
            continue
        issuer = metadata.issuing_body(out[0].text)
        if issuer and not official.title:
            official.issuer = official.issuer or issuer
            out.pop(0)
            continue
        break
    return out


_ENDS_WITH_TYPE_RE = re.compile("(" + "|".join(metadata._DOC_TYPES) + r")$")


def _continues_title(title: str, line: Paragraph, below: Paragraph) -> bool:
    """Whether ``line`` is the second line of an official document's title set over two
    (国务院关于推动内蒙古高质量发展 / 奋力书写中国式现代化新篇章的意见): the title does not
    end with a type of document, the line does, it reads as a heading, and the document
    number or the addressee line comes next."""
    text = line.normalized
    return (not _ENDS_WITH_TYPE_RE.search(normalize_paragraph(title)[0])
            and bool(_ENDS_WITH_TYPE_RE.search(text))
            and len(normalize_paragraph(title)[0]) + len(text) <= _HEADLINE_MAX
            and not re.search(r"[。，；：！？]", text)
            and (metadata.document_number(below.text) == below.text.strip()
                 or bool(_ADDRESSEE_RE.fullmatch(below.normalized))))


def _without_sign_off(kept: list[Paragraph], removed: Sequence[tuple[int, str]],
                      official: _Official) -> list[Paragraph]:
    """``kept`` without the issuing bodies of a sign-off: one or more lines naming an
    issuing body right above the date line (read as the date, already out of the text):
    中共岳阳市委办公室 / 岳阳市人民政府办公室 / 2017年1月10日. The first is the issuer."""
    dated = {i for i, name in removed if name == "info bar"}
    drop: set[int] = set()
    j = 1
    while j < len(kept):
        k = j
        while k < len(kept) and metadata.issuing_body(kept[k].text) and (
                k == j or kept[k].index == kept[k - 1].index + 1):
            k += 1
        if k > j and kept[k - 1].index + 1 in dated:
            drop.update(range(j, k))
            official.issuer = official.issuer or kept[j].text.strip()
        j = max(k, j + 1)
    return [p for i, p in enumerate(kept) if i not in drop] if drop else kept


def _drop_pull_quotes(
    paragraphs: list[Paragraph],
) -> tuple[list[Paragraph], DocumentWarning | None]:
    """A pull quote repeats a sentence of the body above it, often with an attribution line
    (——蔡奇). It is left out so the sentence counts once in a comparison; the warning says
    which body paragraph holds it."""
    dropped: set[int] = set()
    positions: list[tuple[int, int]] = []
    holder: dict[int, tuple[int, int]] = {}  # a dropped quote: (paragraph, offset) holding it
    for i, p in enumerate(paragraphs):
        if p.kind is not ParagraphKind.BODY or not 12 <= len(p.normalized) <= 200:
            continue
        attributed = i + 1 < len(paragraphs) and bool(
            _ATTRIBUTION_RE.match(paragraphs[i + 1].normalized))
        if not attributed and i > 2:
            continue
        for j, other in enumerate(paragraphs):
            if j != i and len(other.normalized) > len(p.normalized) and \
                    p.normalized in other.normalized:
                dropped.add(i)
                if attributed:
                    dropped.add(i + 1)
                positions.append((j, other.normalized.index(p.normalized)))
                holder[i] = positions[-1]
                break
    if not dropped:
        return paragraphs, None
    kept = [p for i, p in enumerate(paragraphs) if i not in dropped]
    # Positions refer to the paragraphs as numbered after the drop.
    renumber = {old: new for new, old in enumerate(i for i in range(len(paragraphs))
                                                   if i not in dropped)}
    shown = []
    for j, offset in positions:
        # the paragraph holding a quote may itself repeat a longer one (A in B in C, both
        # near the top): the quote is then shown where that one's holder has it
        while j in holder:
            j, at = holder[j]
            offset += at
        if j in dropped:  # held by an attribution line alone (never in real text): not shown
            continue
        other = paragraphs[j]
        start = other.starts[offset] if offset < len(other.starts) else 0
        shown.append((renumber[j], start))
    return kept, DocumentWarning(
        "pull-quote",
        f"{counted(len(shown), 'pull quote')} left out: "
        + ("it repeats" if len(shown) == 1 else "they repeat") + " a sentence of the body",
        tuple(shown),
    )


def _looks_like_person_list(value: str) -> bool:
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,4}([ 、,，][\u4e00-\u9fff]{2,4})+", value))


def _document_date(
    meta: dict[str, object], captured: dict[str, str], paragraphs: Sequence[Paragraph],
    title: str = "",
) -> tuple[dt.date | None, str]:
    for key in _META_KEYS["date"]:
        found = parse_date(meta.get(key))
        if found:
            return found, "stated"
    found = date_in_title(title)  # "# 新闻联播 2022-07-28" over a crawler's 更新时间 line
    if found:
        return found, "stated"
    found = parse_date(captured.get("date"))
    if found:
        return found, "stated"
    found = leading_date(paragraphs[0].text) if paragraphs else None
    if found:  # "date 2025-12-08 中共中央…": a page's date label copied with the text
        return found, "stated"
    body = [p for p in paragraphs if p.kind is ParagraphKind.BODY]
    whole = "\n".join(p.normalized for p in paragraphs)
    found, how = date_from_text(_dated_lede(captured, body[0]), whole, title) if body \
        else (None, "")
    if how == "stated":
        return found, how
    in_url = date_in_url(meta.get("url"))  # tv.cctv.com/2023/04/28/…: after stated dates
    if in_url:
        return in_url, "from its address"
    coded = metadata.roc_code_date(captured.get("roc_code", ""))
    day = captured.get("day")  # （中央社記者呂佳蓉北京8日電）: the code must say the same day
    if coded and (not day or int(day) == coded.day):
        return coded, "stated"  # 中央社's （編輯：廖文綺）1141208: 2025-12-08
    return found, how


def _extra(
    meta: dict[str, object], captured: dict[str, str], how: str
) -> tuple[tuple[str, str], ...]:
    used = {k for keys in _META_KEYS.values() for k in keys}
    pairs: list[tuple[str, str]] = []
    for key, value in meta.items():
        if key in used or value is None or isinstance(value, bool):
            continue
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        text = str(value).strip()
        if text and len(text) < 500:
            pairs.append((key, text))
    for key in ("editor", "column", "original_title", "document_number"):
        if captured.get(key):
            pairs.append((key, captured[key]))
    if how and how != "stated":
        pairs.append(("date_basis", how))
    return tuple(pairs)


def _dated_lede(captured: dict[str, str], lede: Paragraph) -> str:
    """The lede a date is read from, with the day of the dateline cut from it before it
    (齐鲁网·闪电新闻9月18日讯 今天上午，…): that day is the report's when the lede has none."""
    day = captured.get("date", "")
    if re.fullmatch(r"\d{1,2}月\d{1,2}日", day):
        return f"{day}，{lede.normalized}"
    return lede.normalized
