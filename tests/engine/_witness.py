"""Witness pairs for alignment tests: a seed and a variant of it made with known edits, so the
true paragraph links are known.

A witness starts from a seed as Tifa reads it (document ``a``) and builds ``b`` from its
paragraphs with random structural edits (split at a sentence boundary, merge with the next,
move, delete, insert a paragraph of another seed) and textual ones (swap a formulation for
another, small character edits), then possibly converts ``b`` to traditional script and/or
wraps it in HTML and reads it back through the real reader.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory

from opencc import OpenCC

from conftest import ALL_SEEDS
from tifa.engine.compare.model import LinkKind, ParagraphLink
from tifa.engine.ingest import read_document
from tifa.engine.model import Document, ParagraphKind
from tifa.engine.normalize import make_paragraphs, normalize_paragraph, split_sentences

LinkKey = tuple[tuple[int, ...], tuple[int, ...]]

SWAPS = [
    ("四个意识", "四个自信"),
    ("两个维护", "两个确立"),
    ("谋大事", "干大事"),
    ("外防输入、内防反弹", "外防输入、内防扩散"),
    ("高质量发展", "高水平发展"),
    ("动态清零", "精准防控"),
    ("党中央", "中央"),
    ("习近平总书记", "总书记"),
]
EDITABLE_CHARS = 30  # paragraphs shorter than this get no character edits


@cache
def seed_document(index: int) -> Document:
    return read_document(ALL_SEEDS[index])


def seed_paragraph_texts() -> list[str]:
    return [p.normalized for i in range(len(ALL_SEEDS)) for p in seed_document(i).paragraphs]


@dataclass
class _Item:
    text: str
    origin: tuple[int, ...] | None  # paragraphs of ``a`` this came from; None: inserted
    kind: ParagraphKind = ParagraphKind.BODY
    structural: bool = False  # already split, merged, moved or inserted
    part: int = 0  # which part of a split


@dataclass
class Witness:
    a: Document
    b: Document
    links: set[LinkKey]
    kinds: dict[LinkKey, LinkKind] = field(default_factory=dict)
    edits: list[str] = field(default_factory=list)


def _small_edit(text: str, rnd: random.Random, share: float) -> str:
    """About ``share`` of the Chinese characters replaced, dropped or doubled."""
    chars = list(text)
    han = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
    for _ in range(max(1, round(len(han) * share))):
        i = rnd.choice(han)
        action = rnd.random()
        if action < 0.5:
            chars[i] = chars[rnd.choice(han)]
        elif action < 0.75:
            chars[i] = ""
        else:
            chars[i] = chars[i] + chars[rnd.choice(han)]
    return "".join(chars)


def _split_point(text: str) -> int | None:
    sentences = split_sentences(text)
    if len(sentences) < 2:
        return None
    cut = sentences[len(sentences) // 2][0]
    return cut if 10 <= cut <= len(text) - 10 else None


def _position(items: Sequence[_Item], rnd: random.Random) -> int:
    """A random place to insert at that does not fall between the parts of a split."""
    places = [
        t
        for t in range(len(items) + 1)
        if t in (0, len(items)) or items[t - 1].origin != items[t].origin
    ]
    return rnd.choice(places)


def _edit(
    items: list[_Item], rnd: random.Random, other_texts: Sequence[str], edit_share: float
) -> str:
    op = rnd.choice(["split", "merge", "move", "delete", "insert", "swap", "edit", "edit"])
    plain = [k for k, it in enumerate(items) if not it.structural and it.origin is not None]
    if not plain:
        return "none"
    k = rnd.choice(plain)
    item = items[k]
    if op == "split":
        cut = _split_point(item.text)
        if cut is None:
            return "none"
        first = _Item(item.text[:cut].rstrip(), item.origin, item.kind, True, 0)
        second = _Item(item.text[cut:].lstrip(), item.origin, item.kind, True, 1)
        items[k : k + 1] = [first, second]
    elif op == "merge":
        if k + 1 >= len(items) or items[k + 1].structural or items[k + 1].origin is None:
            return "none"
        nxt = items[k + 1]
        assert item.origin is not None and nxt.origin is not None
        if nxt.origin[0] != item.origin[-1] + 1:
            return "none"
        items[k : k + 2] = [_Item(item.text + nxt.text, item.origin + nxt.origin, item.kind, True)]
    elif op == "move":
        del items[k]
        target = _position(items, rnd)
        if abs(target - k) < 2:  # not a move: put it back
            items.insert(k, item)
            return "none"
        item.structural = True
        items.insert(target, item)
    elif op == "delete":
        del items[k]
    elif op == "insert":
        text = rnd.choice(other_texts)
        items.insert(_position(items, rnd), _Item(text, None, structural=True))
    elif op == "swap":
        options = [(x, y) for x, y in SWAPS if x in item.text]
        if not options:
            return "none"
        x, y = rnd.choice(options)
        item.text = item.text.replace(x, y)
    elif op == "edit":
        if len(item.text) < EDITABLE_CHARS:
            return "none"
        item.text = _small_edit(item.text, rnd, edit_share)
    return op


def _truth(items: Sequence[_Item]) -> tuple[set[LinkKey], dict[LinkKey, LinkKind]]:
    by_origin: dict[tuple[int, ...], list[int]] = {}
    for j, item in enumerate(items):
        if item.origin is not None:
            by_origin.setdefault(item.origin, []).append(j)
    links: set[LinkKey] = set()
    kinds: dict[LinkKey, LinkKind] = {}
    for origin, js in by_origin.items():
        key = (origin, tuple(js))
        links.add(key)
        if len(js) > 1:
            kinds[key] = LinkKind.SPLIT
        elif len(origin) > 1:
            kinds[key] = LinkKind.MERGE
    return links, kinds


def _read_back(items: list[_Item], html: bool) -> tuple[Document, list[_Item]]:
    """``b`` as a document: wrapped in HTML and read by the real reader, or built directly.
    When reading drops or changes paragraphs, only the items found unchanged are kept."""
    if not html:
        paragraphs = make_paragraphs([(it.text, it.kind) for it in items])
        return Document(path=Path("variant.txt"), paragraphs=paragraphs, title="variant"), items
    body = "\n".join(f"<p>{it.text}</p>" for it in items)
    page = f"<html><head><title>variant</title></head><body>{body}</body></html>"
    with TemporaryDirectory() as folder:
        path = Path(folder) / "variant.html"
        path.write_text(page, encoding="utf-8")
        document = read_document(path)
    wanted = [normalize_paragraph(it.text)[0] for it in items]
    kept: list[_Item] = []
    position = 0
    for paragraph in document.paragraphs:
        while position < len(wanted) and wanted[position] != paragraph.normalized:
            position += 1
        if position == len(wanted):
            raise AssertionError(f"reader changed a paragraph: {paragraph.normalized[:40]}")
        kept.append(items[position])
        position += 1
    return document, kept


def build_witness(
    seed: int, rnd: random.Random, *, edits: int | None = None, edit_share: float = 1 / 12
) -> Witness:
    """A variant of seed ``seed`` made with ``edits`` random edits (default 4 to 10), character
    edits touching about ``edit_share`` of a paragraph each time."""
    a = seed_document(seed)
    items = [_Item(p.text, (p.index,), p.kind) for p in a.paragraphs]
    others = [
        p.text
        for i in range(len(ALL_SEEDS))
        if i != seed
        for p in seed_document(i).paragraphs
        if len(p.normalized) >= EDITABLE_CHARS
    ]
    done = []
    for _ in range(edits if edits is not None else rnd.randint(4, 10)):
        done.append(_edit(items, rnd, others, edit_share))
    if rnd.random() < 0.5:
        converter = OpenCC("s2t")
        for item in items:
            item.text = converter.convert(item.text)
        done.append("traditional")
    html = rnd.random() < 0.5
    if html:
        done.append("html")
    b, items = _read_back(items, html)
    links, kinds = _truth(items)
    return Witness(a=a, b=b, links=links, kinds=kinds, edits=done)


def link_f1(found: Sequence[ParagraphLink], truth: set[LinkKey]) -> tuple[int, int, int]:
    """(true positives, links found, true links), comparing links by their paragraphs."""
    keys = {(link.a, link.b) for link in found}
    return len(keys & truth), len(keys), len(truth)
