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

from tifa.engine.ingest.metadata import parse_info_bar
from tifa.engine.model import Paragraph
from tifa.engine.paths import resource

_GLOSS_RE = re.compile(r"[(（][a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ' ]+[)）]")
_LONG_BODY = 40  # normalised characters: a paragraph this long with a full stop is prose


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    where: str = "anywhere"  # anywhere, header, footer
    max_chars: int = 80


@dataclass(frozen=True, slots=True)
class Rules:
    lines: tuple[Rule, ...]
    captions: tuple[Rule, ...]
    inline: tuple[Rule, ...]


@dataclass(slots=True)
class Stripped:
    """What rule matching found: which paragraphs stay, metadata, and text cut inline."""

    kept: list[int] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # first value per key wins
    removed: list[tuple[int, str]] = field(default_factory=list)  # (paragraph, rule name)
    captions: list[int] = field(default_factory=list)
    edited: dict[int, str] = field(default_factory=dict)  # paragraph -> new text


@cache
def rules_data(path: Path | None = None) -> dict[str, Any]:
    """The parsed rules file (``resources/boilerplate.yaml`` unless another is given)."""
    with open(path or resource("boilerplate.yaml"), encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
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
                pattern=re.compile(str(item["pattern"])),
                where=str(item.get("where", "anywhere")),
                max_chars=int(item.get("max_chars", 80)),
            )
            for item in data.get(key) or ()
        )

    return Rules(rules("lines"), rules("captions"), rules("inline"))


def strip_boilerplate(paragraphs: Sequence[Paragraph], rules: Rules | None = None) -> Stripped:
    """Match every paragraph against the rules; see ``resources/boilerplate.yaml``."""
    rules = rules or load_rules()
    result = Stripped()
    prose = [i for i, p in enumerate(paragraphs) if _is_prose(p.normalized)]
    first_prose = prose[0] if prose else len(paragraphs)
    last_prose = prose[-1] if prose else -1
    longest_line = max((r.max_chars for r in (*rules.lines, *rules.captions)), default=0)
    for i, p in enumerate(paragraphs):
        if len(p.normalized) > longest_line:  # prose: only the inline rules can apply
            result.kept.append(i)
            _cut_inline(p, rules.inline, result)
            continue
        region = "header" if i < first_prose else "footer" if i > last_prose else "body"
        rule = _matching_line_rule(p, rules.lines, region)
        if rule is not None:
            match = rule.pattern.fullmatch(p.normalized)
            assert match is not None
            _capture(p, match, result.metadata)
            result.removed.append((i, rule.name))
            continue
        info = parse_info_bar(p.text)
        if info:  # 发布时间：… 来源：… 作者：… / 新华社 / 2022-08-03: metadata, not text
            for key, value in info.items():
                result.metadata.setdefault(key, clean_value(value))
            result.removed.append((i, "info bar"))
            continue
        if any(_applies(r, p, region) and r.pattern.fullmatch(p.normalized)
               for r in rules.captions):
            result.captions.append(i)
            continue
        result.kept.append(i)
        _cut_inline(p, rules.inline, result)
    return result


def _is_prose(normalized: str) -> bool:
    return len(normalized) >= _LONG_BODY and ("。" in normalized or "，" in normalized)


def _applies(rule: Rule, p: Paragraph, region: str) -> bool:
    if len(p.normalized) > rule.max_chars:
        return False
    return rule.where == "anywhere" or rule.where == region


def _matching_line_rule(p: Paragraph, rules: Sequence[Rule], region: str) -> Rule | None:
    for rule in rules:
        if _applies(rule, p, region) and rule.pattern.fullmatch(p.normalized):
            return rule
    return None


def _capture(p: Paragraph, match: re.Match[str], into: dict[str, str]) -> None:
    for key, value in match.groupdict().items():
        if value is None or key in into:
            continue
        start, end = match.span(key)
        if start == end:
            continue
        a, b = p.display_span(start, end)
        shown = clean_value(p.text[a:b])
        if shown:
            into[key] = shown


def clean_value(text: str) -> str:
    """Metadata as shown: glosses out, spaces collapsed, edge punctuation trimmed."""
    text = _GLOSS_RE.sub("", text)
    text = re.sub(r"[\s\u3000\u00a0]+", " ", text)
    return text.strip(" |｜:：-－—/")


def _cut_inline(p: Paragraph, rules: Sequence[Rule], result: Stripped) -> None:
    for rule in rules:
        match = rule.pattern.search(p.normalized)
        if match is None or match.end() - match.start() == len(p.normalized):
            continue
        _capture(p, match, result.metadata)
        a, b = p.display_span(match.start(), match.end())
        text = result.edited.get(p.index, p.text)
        result.edited[p.index] = (text[:a] + text[b:]).strip()
        return  # one cut per paragraph: the spans of a second rule would be stale
