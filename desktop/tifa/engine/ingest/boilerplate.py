"""Site boilerplate (portal headers, 关注, 原标题, editor and source lines, photo captions…)
removed by the rules in ``resources/boilerplate.yaml``, keeping what they say as metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tifa.engine import gloss
from tifa.engine.ingest.metadata import document_number, names_nobody, parse_info_bar
from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import Paragraph
from tifa.engine.normalize import normalize_paragraph
from tifa.engine.paths import resource

_LONG_BODY = 40  # normalised characters: a paragraph this long with a full stop is prose


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    source: str  # the regular expression, compiled when first used (``pattern``)
    where: str = "anywhere"  # anywhere, header, footer
    max_chars: int = 80
    displayed: bool = False  # matched on the text as shown (spaces kept), not normalised
    _compiled: list[re.Pattern[str]] = field(default_factory=list, compare=False, repr=False)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The rule compiled, once, when first tried (a rule is tried only on lines short
        enough for it, in its part of the page)."""
        if not self._compiled:
            self._compiled.append(re.compile(self.source))
        return self._compiled[0]

    def fullmatch(self, p: Paragraph) -> re.Match[str] | None:
        return self.pattern.fullmatch(p.text.strip() if self.displayed else p.normalized)


@dataclass(frozen=True, slots=True)
class Rules:
    lines: tuple[Rule, ...]
    captions: tuple[Rule, ...]
    inline: tuple[Rule, ...]
    # (The line and caption rules joined in one pattern, to reject most lines in one call,
    # never worked: a rule's leading (?i) made it an error. Made to work, it took 105 ms on
    # the long pair's 786 short lines, against 44 ms for every rule on every line alone.)


@dataclass(slots=True)
class Stripped:
    """What rule matching found: which paragraphs stay, metadata, and text cut inline."""

    kept: list[int] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # first value per key wins
    removed: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, rule name)
    captions: list[int] = field(default_factory=list)
    edited: dict[int, str] = field(default_factory=dict)  # paragraph -> new text
    title: int | None = None  # the headline page_chrome found above the article
    title_text: str | None = None  # …when it is set over several lines, joined


@cache
def rules_data(path: Path | None = None) -> dict[str, Any]:
    """The parsed rules file (``resources/boilerplate.yaml`` unless another is given)."""
    with open(path or resource("boilerplate.yaml"), encoding="utf-8") as f:
        # libyaml's safe loader when PyYAML has it: the same values, read 5× faster (13 ms
        # of every start with the pure-Python one)
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path or 'boilerplate.yaml'}: expected a mapping of rule lists")
    return data


@cache
def load_rules(path: Path | None = None) -> Rules:
    """The boilerplate rules, compiled."""
    data = rules_data(path)

    def rules(key: str) -> tuple[Rule, ...]:
        return tuple(
            Rule(
                name=str(item["name"]),
                source=str(item["pattern"]),
                where=str(item.get("where", "anywhere")),
                max_chars=int(item.get("max_chars", 80)),
                displayed=bool(item.get("displayed", False)),
            )
            for item in data.get(key) or ()
        )

    return Rules(rules("lines"), rules("captions"), rules("inline"))


def strip_boilerplate(
    paragraphs: Sequence[Paragraph], rules: Rules | None = None, *, page_copy: bool = False
) -> Stripped:
    """Match every paragraph against the rules; see ``resources/boilerplate.yaml``.
    ``page_copy``: plain text that may be a whole page as a browser copies it (menus and
    link lists around the article: ``page_chrome``)."""
    rules = rules or load_rules()
    result = Stripped()
    prose = [i for i, p in enumerate(paragraphs) if _is_prose(p.normalized)]
    first_prose = prose[0] if prose else len(paragraphs)
    last_prose = prose[-1] if prose else -1
    chrome = page_chrome(paragraphs, prose, rules) if page_copy else None
    if chrome is not None:  # text copied from a whole page: menus and lists around it
        first_prose, last_prose, dropped, result.title, result.title_text = chrome
        result.removed.extend((i, "page chrome") for i in sorted(dropped))
    longest_line = max((r.max_chars for r in (*rules.lines, *rules.captions)), default=0)
    skip = {i for i, _ in result.removed}
    for i, p in enumerate(paragraphs):
        if i in skip:
            # a header line of a copied page (its info bar, its date line) still says
            # when and where from: metadata, though the line goes with the page's chrome
            if i < first_prose and first_prose - i <= _TITLE_REACH \
                    and len(p.normalized) <= longest_line:
                _header_metadata(p, rules, result.metadata)
            continue
        if len(p.normalized) > longest_line:  # prose: only the inline rules can apply
            result.kept.append(i)
            _cut_inline(p, rules.inline, result)
            continue
        region = "header" if i < first_prose else "footer" if i > last_prose else "body"
        rule = _matching_line_rule(p, rules.lines, region)
        if rule is not None:
            match = rule.fullmatch(p)
            assert match is not None
            if not rule.displayed:
                _capture(p, match, result.metadata)
            result.removed.append((i, rule.name))
            continue
        info = parse_info_bar(p.text)
        if info:  # 发布时间：… 来源：… 作者：… / 新华社 / 2022-08-03: metadata, not text
            for key, value in info.items():
                if not (key == "source" and names_nobody(clean_value(value))):
                    result.metadata.setdefault(key, clean_value(value))
            result.removed.append((i, "info bar"))
            continue
        if _matching_line_rule(p, rules.captions, region) is not None:
            result.captions.append(i)
            continue
        result.kept.append(i)
        _cut_inline(p, rules.inline, result)
    _caption_titles(paragraphs, result)
    return result


def _caption_titles(paragraphs: Sequence[Paragraph], result: Stripped) -> None:
    """A short line right above a caption that the caption begins with is the picture's
    title (its alt text, copied with the page): a caption too."""
    kept = set(result.kept)
    for c in list(result.captions):
        above = c - 1
        if above in kept and above not in result.edited:
            line = paragraphs[above].normalized.rstrip("。")
            if _han(line) >= _TITLE_HAN and len(line) < len(paragraphs[c].normalized) \
                    and paragraphs[c].normalized.startswith(line):
                result.kept.remove(above)
                result.captions.append(above)
    result.captions.sort()


_CHROME_GAP = 4  # non-prose lines that may separate two paragraphs of one article
_TITLE_HAN = 6  # a headline has at least this many Chinese characters
_TITLE_REACH = 20  # lines above the article where its info bar and headline are looked for


def page_chrome(
    paragraphs: Sequence[Paragraph], prose: Sequence[int], rules: Rules
) -> tuple[int, int, set[int], int | None, str | None] | None:
    """For text copied from a whole page (menus, link lists, footers around the article):
    the article's first and last paragraph, the lines to drop and the headline, or None
    for a document
    that is not such a copy.

    The article is the run of prose paragraphs (separated by at most a few short lines)
    holding the most text; a page copy has at least ``chrome_min_lines`` short lines
    outside it. Kept outside it: the headline (the nearest line above the article with
    Chinese text, skipping info bars and short buttons) and, between the headline and the
    article, lines long enough to be a subtitle; the line rules still see those."""
    if not prose:
        return None
    runs: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        gap = [j for j in range(runs[-1][-1] + 1, i) if not _continues(paragraphs[j].normalized)]
        if len(gap) <= _CHROME_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    bars = [i for i, p in enumerate(paragraphs)
            if len(p.normalized) <= _LONG_BODY * 2 and parse_info_bar(p.text)]

    def weight(run: list[int]) -> float:
        size = sum(len(paragraphs[i].normalized) for i in range(run[0], run[-1] + 1))
        # The article sits under the page's first info bar (later ones date link lists).
        dated = bool(bars) and run[0] - _TITLE_REACH <= bars[0] < run[0]
        return size * (10.0 if dated else 1.0)

    best = max(runs, key=weight)
    start, end = best[0], best[-1]
    # A copy cut off mid-sentence ends with a piece of the article's next paragraph, too
    # short to count as prose: the text's very last line, right after the article, some
    # Chinese and no closing punctuation. It is the article's, not the page's.
    tail = len(paragraphs) - 1
    if end + 1 == tail:
        cut = paragraphs[tail].normalized
        if (_han(cut) >= _TITLE_HAN and cut[-1:] not in "。！？；”）)"
                and not any(r.fullmatch(paragraphs[tail])
                            for r in (*rules.lines, *rules.captions))):
            end = tail
    outside = [i for i in range(len(paragraphs)) if not start <= i <= end]
    minimum = int(rules_data().get("chrome_min_lines") or 8)
    if len(outside) < minimum:
        return None
    def headline_like(i: int) -> bool:
        p = paragraphs[i]
        text = p.normalized
        return not (parse_info_bar(p.text) or _han(text) < _TITLE_HAN
                    or len(text) > _LONG_BODY * 2 or text.endswith("。")
                    or (text[:1] in "（(" and text[-1:] in "）)")  # （…会议通过）: a note
                    or any(c in text for c in ">＞»›")
                    or any(r.fullmatch(p) for r in (*rules.lines, *rules.captions)))

    # The headline: above the info bar nearest the article if there is one (topmost of the
    # headline-like lines there: a subtitle sits under it), else the nearest such line.
    above = [b for b in bars if start - _TITLE_REACH <= b < start]
    title = None
    if above:
        i = above[-1] - 1
        while i >= 0 and not headline_like(i) and above[-1] - i <= 3:
            i -= 1
        while i >= 0 and headline_like(i):
            title = i
            i -= 1
    title_text = None
    continued: set[int] = set()
    if title is None:
        last = next((i for i in range(start - 1, -1, -1) if headline_like(i)), None)
        if last is not None and last > 0 and headline_like(last - 1) \
                and _ATTENDANCE_RE.search(paragraphs[last].normalized):
            last -= 1  # 毛伟明李微微朱国贤出席: the subtitle under a paper's headline
        title = last
        if last is not None:
            # A headline set over several lines (全国人民代表大会常务委员会 / 关于批准… / …的决议)
            first = last
            while first > 0 and headline_like(first - 1) and last - first < 2 \
                    and not _complete_headline(paragraphs[first - 1].text) and sum(
                    len(paragraphs[j].normalized) for j in range(first - 1, last + 1)) <= 60:
                first -= 1
            if first < last:
                title_text = "".join(paragraphs[j].text.strip() for j in range(first, last + 1))
                continued = set(range(first + 1, last + 1))
                title = first
    dropped = {i for i in outside if title is None or i < title or i > end}
    if title is not None:
        dropped |= {i for i in range(title + 1, start)
                    if _han(paragraphs[i].normalized) < _TITLE_HAN
                    and not parse_info_bar(paragraphs[i].text)
                    and not _CHAPTER_RE.match(paragraphs[i].normalized)}  # 第一章总则
        if title_text is not None:
            dropped |= continued  # the headline's other lines
    return (start, end, dropped, title, title_text)


# A chapter's or part's heading of the text itself (第一章总则, 第二节), never page chrome
_CHAPTER_RE = lazy_compile(r"第[一二三四五六七八九十百零〇\d]{1,4}[章节编篇部条](?!\S{13})")


def _header_metadata(p: Paragraph, rules: Rules, into: dict[str, str]) -> None:
    """What a header line says (a line rule's named groups, an info bar, a document number
    alone: 镇政发〔2024〕7号 under a page's 发文字号 label), kept as metadata."""
    number = document_number(p.text)
    if number and number == p.text.strip():
        into.setdefault("document_number", number)
        return
    for rule in rules.lines:
        match = None if rule.displayed or rule.where == "footer" else rule.fullmatch(p)
        if match is not None and len(p.normalized) <= rule.max_chars:
            _capture(p, match, into)
            return
    for key, value in parse_info_bar(p.text).items():
        into.setdefault(key, clean_value(value))


# A newspaper's subtitle naming who attended, under the headline (湖南日报: 深入贯彻… /
# 毛伟明李微微朱国贤出席); never the headline itself.
_ATTENDANCE_RE = lazy_compile(r"^[\u4e00-\u9fff、，·]{2,40}(出席|参加|陪同|出席并讲话|出席会议)$")


_LIST_ITEM_RE = lazy_compile(
    r"^(\d{1,2}[)）.、]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)")
_HEADLINE_PARTS_RE = lazy_compile(r"[\u3400-\u9fff」》”]{2,}[ \u3000]+[\u3400-\u9fff「《“]{2,}")


def _continues(normalized: str) -> bool:
    """A short line that belongs to the article around it, not to a menu: an item of a
    numbered list (1) … / （一）… / 一、…) or a line that ends a sentence or introduces
    what follows (…。 / …：). Menus and link lists have neither."""
    return bool(_LIST_ITEM_RE.match(normalized)) or normalized.endswith(("。", "：", "；"))


def _complete_headline(text: str) -> bool:
    """A line set as a headline of its own: two parts with a space between them (李家超述職
    習近平強調…), as Chinese pages set headlines; a headline broken over lines has none."""
    return bool(_HEADLINE_PARTS_RE.search(text.strip()))


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")


def _is_prose(normalized: str) -> bool:
    return len(normalized) >= _LONG_BODY and ("。" in normalized or "，" in normalized)


def _applies(rule: Rule, p: Paragraph, region: str) -> bool:
    if len(p.normalized) > rule.max_chars:
        return False
    return rule.where == "anywhere" or rule.where == region


def _matching_line_rule(p: Paragraph, rules: Sequence[Rule], region: str) -> Rule | None:
    """The first rule that applies (``_applies``, tested inline: it is asked ~50 times a
    short line) and matches the line."""
    size = len(p.normalized)
    for rule in rules:
        if size <= rule.max_chars and rule.where in ("anywhere", region) and rule.fullmatch(p):
            return rule
    return None


def _capture(p: Paragraph, match: re.Match[str], into: dict[str, str]) -> None:
    source = match.groupdict().get("source")
    if source:  # "来源:岳阳市政府门户网 日期:2017-01-12 17:08 字号:【": the rule took it all
        info = parse_info_bar(p.text)
        if (info.get("source") and len(info["source"]) < len(source.strip())
                and source.strip().startswith(info["source"])) or (
                info and "source" not in info and parse_info_bar(source.strip())):
            # …or "来源:  发布时间:2021-7-1 14:41:08 点击率:865": no source, other labels
            for key, value in info.items():
                if not (key == "source" and names_nobody(clean_value(value))):
                    into.setdefault(key, clean_value(value))
            return
    for key, value in match.groupdict().items():
        if value is None or key in into:
            continue
        start, end = match.span(key)
        if start == end:
            continue
        a, b = p.display_span(start, end)
        shown = clean_value(p.text[a:b])
        if key == "source" and _SPACED_LABEL_RE.fullmatch(shown):
            # 要 闻 快 报: a column's name set out letter by letter, a label, not an outlet
            into.setdefault("column", shown.replace(" ", ""))
            continue
        if shown and not (key == "source" and names_nobody(shown)):  # 本报讯: no outlet
            into[key] = shown


# Characters set apart one by one with spaces, as a page sets a column's label (要 闻 快 报)
_SPACED_LABEL_RE = lazy_compile(r"[\u3400-\u9fff]( [\u3400-\u9fff])+")


def clean_value(text: str) -> str:
    """Metadata as shown: glosses out, spaces collapsed, edge punctuation trimmed."""
    if "(" in text or "（" in text:  # every gloss has one: its pattern (~5 ms) compiled only then
        text = gloss.drop_glosses(text)
    text = re.sub(r"[\s\u3000\u00a0]+", " ", text)
    return text.strip(" |｜:：-－—/")


def _cut_inline(p: Paragraph, rules: Sequence[Rule], result: Stripped) -> None:
    """Cut what the inline rules match at the paragraph's start (a dateline) and at its
    end (an editor line, "(下转四版)"): one cut at each end, the second matched on the
    paragraph as the first left it (a one-paragraph wire has both)."""
    current = p
    cut: set[str] = set()
    for rule in rules:
        match = rule.pattern.search(current.normalized)
        if match is None or match.end() - match.start() == len(current.normalized):
            continue
        end = "start" if match.start() == 0 else "end"
        if end in cut:
            continue
        cut.add(end)
        _capture(current, match, result.metadata)
        a, b = current.display_span(match.start(), match.end())
        text = (current.text[:a] + current.text[b:]).strip()
        result.edited[p.index] = text
        if len(cut) == 2:
            return
        norm, starts, ends = normalize_paragraph(text)
        current = Paragraph(p.index, text, norm, starts, ends, p.kind)
