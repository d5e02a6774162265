"""Invariants of normalisation, checked on generated text (hypothesis)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tifa.engine.model import Paragraph
from tifa.engine.normalize import (
    _convert_punctuation,
    _convert_punctuation_pairs,
    make_paragraph,
    normalize_paragraph,
    normalize_paragraphs,
)

# Text that exercises every rule: Han in both scripts, glosses, ASCII and full-width
# punctuation, digits, Latin, spaces of all kinds, invisible and corrupted characters.
_PIECES = [
    "統", "籌", "发", "展", "為", "衞", "著", "隨", "中", "国", "⾼", "薴", "臺灣", "記憶體",
    "(tǒng)", "（chóu）", "(dang)", "（hui）", "(de)(de)", "(yue)", "(a)", "(AI)",
    "(市)", "(2020)", "(GDP)", " ", "　", "\u00a0", "\t", "\u200b",
    ",", ";", ":", "?", "!", "(", ")", ".", "...", '"', "'", "，", "。", "“", "”", "「", "」",
    "：", "（", "）", "5", "12", "7", "a", "G", "Hello", "don't", "ＡＢ", "１２", "％", "%",
    "http://x.cn/a?b=1", "\ufffd", "\ue266", "??", "—", "·", "・", "、",
]
chinese_text = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)
any_text = st.one_of(
    chinese_text,
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Lo", "Po", "Zs"]), max_size=20),  # surrogates too
)


def _check_map(text: str, normalized: str, starts: tuple[int, ...], ends: tuple[int, ...]) -> None:
    assert len(starts) == len(ends) == len(normalized)
    for a, b in zip(starts, ends, strict=True):
        assert 0 <= a < b <= len(text)
    assert list(starts) == sorted(starts)
    assert list(ends) == sorted(ends)


@given(any_text)
@example("統 (tǒng)")
@example('a "b" 中 "c')
@example("a,（b）中")
@example("等.)")
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = normalize_paragraph(text)[0]
    assert normalize_paragraph(once)[0] == once


@given(any_text)
def test_offset_map_is_monotonic_and_in_bounds(text: str) -> None:
    normalized, starts, ends = normalize_paragraph(text)
    _check_map(text, normalized, starts, ends)


# Punctuation converts by context: alone, "," stays ","; in Chinese text it becomes "，".
_IN_CONTEXT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
               ".": "。", '"': "“”", "'": "‘’", " ": " ", "\t": " ", "\u00a0": " ",
               "\u3000": " "}  # and a space between Latin words stays a space


@given(chinese_text)
def test_each_character_comes_from_text_that_normalises_to_it(text: str) -> None:
    """The source span of every normalised character, normalised on its own, gives that
    character back — or, for conversions that depend on context (punctuation in Chinese
    text, 隨著 → 随着), its ASCII form or the normal form of the span with its neighbours."""
    p: Paragraph = make_paragraph(0, text)
    for i, ch in enumerate(p.normalized):
        a, b = p.display_span(i, i + 1)
        source = text[a:b]
        if ch in normalize_paragraph(source)[0] or ch in _IN_CONTEXT.get(source, ""):
            continue
        # Conversions that depend on the neighbours (隨著 → 随着, but 著 alone stays 著).
        window = text[max(0, a - 3): b + 3]
        assert ch in normalize_paragraph(window)[0], (text, i, source)


@given(st.lists(any_text, max_size=6))
def test_batch_is_the_same_as_one_at_a_time(texts: list[str]) -> None:
    assert normalize_paragraphs(texts) == [normalize_paragraph(t) for t in texts]


@given(chinese_text)
def test_display_span_of_everything_is_within_text(text: str) -> None:
    p = make_paragraph(0, text)
    a, b = p.display_span(0, len(p.normalized))
    assert 0 <= a <= b <= len(text)


@given(st.lists(st.sampled_from([p for p in _PIECES if not set(p) & set("().'\"")]),
                max_size=30).map("".join))
def test_fast_punctuation_path_agrees_with_the_general_one(text: str) -> None:
    """Text with only ,;:?! to decide takes a one-regex path; it must decide the same."""
    assert _convert_punctuation(text) == _convert_punctuation_pairs(text)


# Han pieces and glosses of their last character (a toneless gloss is one only when it is a
# reading of the character before it)
_GLOSSED = [("統", "(tǒng)(tong)"), ("籌", "(chou)"), ("发", "(fa)"), ("展", " (zhan)"),
            ("為", "(wei)(wei)"), ("中", "（zhong）"), ("国", "(guo)"), ("臺灣", "(wan)"),
            ("的", "(de)(de)(de)"), ("8日", "(ri)"), ("黨", "(dang)"), ("會", "（hui）"),
            ("新", " (xin)"), ("綠", "(lü)"), ("女", "(nü)")]


@given(st.lists(st.tuples(st.sampled_from(_GLOSSED), st.booleans())
                .map(lambda t: (t[0][0], t[0][1] if t[1] else "")),
                max_size=12),
       st.lists(st.sampled_from([p for p in _PIECES if "(" not in p and "（" not in p]),
                max_size=6).map("".join))
def test_toneless_glosses_after_han_change_nothing(pairs: list[tuple[str, str]],
                                                   tail: str) -> None:
    """Glosses without tone marks (黨(dang)(dang)) after Han characters are left out: the text
    with them normalises as the text without them, and its map still points into it."""
    plain = "".join(han for han, _ in pairs) + tail
    glossed = "".join(han + g for han, g in pairs) + tail
    normalized, starts, ends = normalize_paragraph(glossed)
    assert normalized == normalize_paragraph(plain)[0]
    _check_map(glossed, normalized, tuple(starts), tuple(ends))
    assert normalize_paragraph(normalized)[0] == normalized
