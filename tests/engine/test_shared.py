"""Shared wording (text reuse) and new wording, on the sample reports and on generated text."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.engine.compare.model import SharedPassage, SpanRef
from tifa.engine.compare.shared import (
    EDGE_WORDS,
    TRAILING_EDGE_WORDS,
    content_length,
    covered_spans,
    distinctiveness_weights,
    greedy_tiles,
    new_wording,
    shared_passages,
)
from tifa.engine.compare.tokenize import get_tokenizer, is_punctuation
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.model import Document
from tifa.engine.normalize import split_sentences


@pytest.fixture(scope="module")
def beijing() -> Document:
    return read_document(BEIJING_2022)


@pytest.fixture(scope="module")
def chengdu() -> Document:
    return read_document(CHENGDU_2022)


@pytest.fixture(scope="module")
def beijing_2017() -> Document:
    return read_document(BEIJING_2017)


@pytest.fixture(scope="module")
def bj_cd(beijing: Document, chengdu: Document) -> tuple[SharedPassage, ...]:
    return shared_passages(beijing, chengdu)


def span_text(document: Document, span: SpanRef) -> str:
    return document.paragraphs[span.paragraph].normalized[span.start : span.end]


def check_invariants(
    a: Document, b: Document, passages: tuple[SharedPassage, ...], min_chars: int = 4
) -> None:
    """What every result must satisfy: real text at both spans, disjoint on each side, clean
    edges on word boundaries of both documents, long enough."""
    tokenizer = get_tokenizer()
    for side, document in (("a", a), ("b", b)):
        taken: dict[int, list[tuple[int, int]]] = {}
        for p in passages:
            span = p.a if side == "a" else p.b
            assert span_text(document, span) == p.text
            text = document.paragraphs[span.paragraph].normalized
            cuts = tokenizer.boundaries(text)
            assert span.start in cuts and span.end in cuts, (p.text, side)
            taken.setdefault(span.paragraph, []).append((span.start, span.end))
        for spans in taken.values():
            spans.sort()
            for (_, end), (start, _) in itertools.pairwise(spans):
                assert end <= start, "passages overlap"
    for p in passages:
        assert content_length(p.text) >= min_chars
        assert 0.0 <= p.weight <= 1.0
        # The first and last word (between boundaries common to both sides) are neither
        # particles nor punctuation, except an opening/closing bracket taken in with its pair.
        cuts_a = tokenizer.boundaries(a.paragraphs[p.a.paragraph].normalized)
        cuts_b = tokenizer.boundaries(b.paragraphs[p.b.paragraph].normalized)
        common = [
            k for k in range(len(p.text) + 1) if p.a.start + k in cuts_a and p.b.start + k in cuts_b
        ]
        first, last = p.text[common[0] : common[1]], p.text[common[-2] : common[-1]]
        assert first not in EDGE_WORDS and last not in TRAILING_EDGE_WORDS, p.text
        assert not is_punctuation(first) or first in "“《（「『‘", p.text
        assert not is_punctuation(last) or last in "”》）」』’", p.text


# --- the user's example: Beijing 000 and Chengdu 003 -----------------------------------------


def test_beijing_and_chengdu_share_the_central_line(
    beijing: Document, chengdu: Document, bj_cd: tuple[SharedPassage, ...]
) -> None:
    check_invariants(beijing, chengdu, bj_cd)
    texts = [p.text for p in bj_cd]
    assert "疫情要防住、经济要稳住、发展要安全" in texts
    assert "《习近平谈治国理政》第四卷" in texts  # the book title keeps its brackets
    assert any("动态清零" in t for t in texts)
    assert any("外防输入、内防反弹" in t for t in texts)


def test_distinctive_passages_outrank_stock_phrases(bj_cd: tuple[SharedPassage, ...]) -> None:
    rank = {p.text: i for i, p in enumerate(bj_cd)}
    weight = {p.text: p.weight for p in bj_cd}
    assert rank["疫情要防住、经济要稳住、发展要安全"] == 0
    assert "会议强调" in weight  # both reports open paragraphs with it...
    assert weight["会议强调"] < 0.1 < weight["疫情要防住、经济要稳住、发展要安全"]
    assert rank["会议强调"] > len(bj_cd) // 2  # ...and it ranks low


def test_passages_stop_at_paragraph_breaks(beijing: Document) -> None:
    """Two paragraphs that continue each other across the break share nothing across it."""
    left = document_from_string(
        "甲地推动高质量发展\n坚持动态清零政策不动摇", path=Path("a"), title="test"
    )
    right = document_from_string(
        "甲地推动高质量发展坚持动态清零政策不动摇", path=Path("b"), title="test"
    )
    passages = shared_passages(left, right)
    assert sorted(p.text for p in passages) == ["坚持动态清零政策不动摇", "甲地推动高质量发展"]


def test_identical_documents_are_covered_except_punctuation(beijing: Document) -> None:
    passages = shared_passages(beijing, beijing)
    check_invariants(beijing, beijing, passages)
    new = new_wording(beijing, passages)
    assert all(spans == () for spans in new), new
    assert all(p.a == p.b for p in passages)


def test_inserted_sentence_is_the_only_new_wording(chengdu: Document) -> None:
    inserted = "要大力推进智慧蓉城建设，让市民尽享数字生活便利。"
    paragraphs = [p.normalized for p in chengdu.paragraphs]
    paragraphs[3] = paragraphs[3] + inserted
    edited = document_from_string("\n".join(paragraphs), path=Path("edited.txt"), title="test")
    passages = shared_passages(chengdu, edited)
    check_invariants(chengdu, edited, passages)
    assert all(spans == () for spans in new_wording(chengdu, passages, side="a"))
    new_b = new_wording(edited, passages, side="b")
    new_text = "".join(
        edited.paragraphs[i].normalized[s:e] for i, spans in enumerate(new_b) for s, e in spans
    )
    assert new_text == "要大力推进智慧蓉城建设让市民尽享数字生活便利"


def test_moved_text_is_found_whatever_the_order(chengdu: Document) -> None:
    paragraphs = [p.normalized for p in chengdu.paragraphs]
    shuffled = paragraphs[::-1]
    other = document_from_string("\n".join(shuffled), path=Path("reversed.txt"), title="test")
    passages = shared_passages(chengdu, other)
    covered = sum(len(p.text) for p in passages)
    assert covered >= 0.97 * chengdu.size


def test_wording_moving_over_five_years(beijing_2017: Document, beijing: Document) -> None:
    passages = shared_passages(beijing_2017, beijing)
    check_invariants(beijing_2017, beijing, passages)
    texts = [p.text for p in passages]
    # 把方向、谋大事、抓党建、保平安 → 把方向、干大事、抓党建、保平安: only the tail is shared.
    assert "抓党建、保平安" in texts
    assert not any("谋大事" in t or "干大事" in t for t in texts)
    assert any("“四个中心”" in t for t in texts)


def test_new_wording_is_everything_else(
    beijing: Document, chengdu: Document, bj_cd: tuple[SharedPassage, ...]
) -> None:
    for side, document in (("a", beijing), ("b", chengdu)):
        shared = covered_spans(document, bj_cd, side=side)  # type: ignore[arg-type]
        new = new_wording(document, bj_cd, side=side)  # type: ignore[arg-type]
        for paragraph, shared_spans, new_spans in zip(
            document.paragraphs, shared, new, strict=True
        ):
            text = paragraph.normalized
            flags = [""] * len(text)
            for s, e in shared_spans:
                flags[s:e] = ["s"] * (e - s)
            for s, e in new_spans:
                assert all(f == "" for f in flags[s:e]), "new wording overlaps shared"
                assert not any(is_punctuation(ch) for ch in text[s:e])
                flags[s:e] = ["n"] * (e - s)
            for ch, flag in zip(text, flags, strict=True):
                assert flag or is_punctuation(ch)


def test_new_wording_accepts_plain_spans(chengdu: Document) -> None:
    new = new_wording(chengdu, [SpanRef(0, 0, 5)])
    assert new[0][0][0] >= 5
    # An untouched paragraph is new wording throughout, cut only at punctuation.
    text = chengdu.paragraphs[1].normalized
    assert "".join(text[s:e] for s, e in new[1]) == "".join(
        ch for ch in text if not is_punctuation(ch)
    )
    assert all(is_punctuation(text[e]) for _, e in new[1][:-1])


def test_weights_come_from_the_documents_at_hand(
    beijing: Document, chengdu: Document, beijing_2017: Document
) -> None:
    weights = distinctiveness_weights([beijing, chengdu, beijing_2017])
    assert weights.passage_weight("会议强调") < 0.1
    assert weights.passage_weight("疫情要防住") > 0.5
    assert weights.weight("两个维护") > weights.weight("发展")


def test_min_chars_is_honoured(beijing: Document, chengdu: Document) -> None:
    passages = shared_passages(beijing, chengdu, min_chars=8)
    check_invariants(beijing, chengdu, passages, min_chars=8)
    assert "动态清零" not in [p.text for p in passages]
    with pytest.raises(ValueError):
        shared_passages(beijing, chengdu, min_chars=0)


def test_tiles_are_greedy_longest_first() -> None:
    a = "ABCDEFG\x00XYZW"
    b = "XYZW\x01ABCDxEFG\x01ABCDEFG"
    assert sorted(greedy_tiles(a, b, 3)) == [(0, 14, 7), (8, 0, 4)]


# --- property: generated documents made of seed sentences -------------------------------------


def _sentences(document: Document) -> list[str]:
    result = []
    for paragraph in document.paragraphs:
        text = paragraph.normalized
        result.extend(text[s:e] for s, e in split_sentences(text))
    return [s for s in result if s]


_POOL = _sentences(read_document(BEIJING_2022)) + _sentences(read_document(CHENGDU_2022))


@st.composite
def documents_from_sentences(draw: st.DrawFn) -> Document:
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(_POOL), min_size=1, max_size=4), min_size=1, max_size=6)
    )
    noise = draw(st.integers(0, 1000))
    rng = random.Random(noise)
    lines = []
    for sentences in paragraphs:
        line = "".join(sentences)
        if noise % 3 == 0 and len(line) > 10:  # an edit inside a sentence
            cut = rng.randrange(1, len(line) - 1)
            line = line[:cut] + "另行" + line[cut:]
        lines.append(line)
    return document_from_string("\n".join(lines), path=Path(f"gen{noise}.txt"), title="test")


@given(documents_from_sentences(), documents_from_sentences())
def test_every_passage_is_real_text_at_both_spans(a: Document, b: Document) -> None:
    check_invariants(a, b, shared_passages(a, b))


# --- size (its speed is measured in bench/words.py, not here) --------------------------------


@pytest.mark.slow
def test_two_documents_of_100000_characters_share_real_passages(
    beijing: Document, chengdu: Document, beijing_2017: Document
) -> None:
    pool = [p.normalized for d in (beijing, chengdu, beijing_2017) for p in d.paragraphs]
    rng = random.Random(7)

    def big(seed: int) -> Document:
        rng.seed(seed)
        lines: list[str] = []
        while sum(map(len, lines)) < 100_000:
            line = rng.choice(pool)
            cut = rng.randrange(0, max(1, len(line)))
            lines.append(line[:cut] + f"第{len(lines)}条" + line[cut:])
        return document_from_string("\n".join(lines), path=Path(f"big{seed}.txt"), title="test")

    a, b = big(1), big(2)
    passages = shared_passages(a, b)
    assert passages
    check_invariants(a, b, passages)
    # both are drawn from the same pool: most of each is shared wording
    covered = sum(p.a.end - p.a.start for p in passages)
    assert covered > sum(len(p.normalized) for p in a.paragraphs) // 2


@given(
    st.text(alphabet="会议强调发展的了\x00\x01\U00020000", max_size=40),
    st.integers(min_value=2, max_value=8),
    st.booleans(),
)
def test_a_prepared_side_keeps_exactly_the_separator_free_kgrams_by_hash(
    text: str, k: int, second: bool
) -> None:
    """The compact side (k-gram hashes recomputed from the prefix hashes, paragraph ends
    looked up among the breaks) gives the plain polynomial hashes of every k-gram free of
    separators, sorted, and each position's paragraph end."""
    from tifa.engine.compare import shared

    side = shared._side(text, k, second)
    base, mask = 1_000_003, (1 << 64) - 1
    codes = [
        (-1 if c == "\x00" else -2 if c == "\x01" else ord(c)) & mask for c in text
    ]
    expected = {}
    for i in range(len(text) - k + 1):
        if "\x00" in text[i : i + k] or "\x01" in text[i : i + k]:
            continue
        h = 0
        for code in codes[i : i + k]:
            h = (h * base + code) & mask
        expected[i] = h
    positions = [int(p) for p in side.positions]
    assert sorted(positions) == sorted(expected)
    hashes = [int(h) for h in side.hashes()]
    assert hashes == [expected[p] for p in positions]
    assert hashes == sorted(hashes)
    if text:
        stops = side.stops(np.arange(len(text)))
        for i in range(len(text)):
            ends = [j for j in range(i, len(text)) if text[j] in "\x00\x01"]
            assert int(stops[i]) == (ends[0] if ends else len(text))


def test_k_grams_searched_in_chunks_find_the_same_passages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One side's k-grams are looked up among the other's a chunk at a time: any chunk size
    gives the same passages."""
    from tifa.engine.compare import shared

    a, b = read_document(BEIJING_2022), read_document(CHENGDU_2022)
    whole = shared_passages(a, b)
    assert whole
    shared.clear_caches()
    monkeypatch.setattr(shared, "_SEARCH_CHUNK", 7)
    assert shared_passages(a, b) == whole


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(1, 30)),
        unique_by=lambda m: (m[0], m[1]),
        max_size=80,
    ),
    st.sampled_from([(61, 61), (90, 200), (2**40, 2**40)]),
)
def test_matches_ordered_longest_first_as_lexsort_orders_them(
    matches: list[tuple[int, int, int]], sizes: tuple[int, int]
) -> None:
    """The tiles' candidates sorted as one integer key (or by lexsort when the key would not
    fit in 63 bits: the last sizes) come out exactly as ``np.lexsort((j, i, -length))``."""
    from tifa.engine.compare.shared import _longest_first

    ia = np.array([m[0] for m in matches], dtype=np.int64)
    jb = np.array([m[1] for m in matches], dtype=np.int64)
    length = np.array([m[2] for m in matches], dtype=np.int64)
    order = np.lexsort((jb, ia, -length))
    got = _longest_first(ia, jb, length, *sizes)
    assert [g.tolist() for g in got] == [(-length)[order].tolist(), ia[order].tolist(),
                                         jb[order].tolist()]


@given(
    st.text(alphabet="会议强调要\U00020000ab\x00\x01", min_size=12, max_size=40),
    st.text(alphabet="会议强调要\U00020000ab\x00\x01", min_size=12, max_size=40),
    st.integers(2, 8),
    st.data(),
)
def test_kgrams_compared_packed_as_one_by_one(
    a: str, b: str, k: int, data: st.DataObject
) -> None:
    """The hash-collision check compares k code points three at a time (packed in one
    integer): the same verdict as comparing them one by one, for k-grams free of separators."""
    from tifa.engine.compare import shared

    pad_a, pad_b = shared._side(a, k, False).padded, shared._side(b, k, True).padded
    free_a = [i for i in range(len(a) - k + 1) if not set(a[i : i + k]) & {"\x00", "\x01"}]
    free_b = [j for j in range(len(b) - k + 1) if not set(b[j : j + k]) & {"\x00", "\x01"}]
    if not free_a or not free_b:
        return
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(free_a), st.sampled_from(free_b)),
                               min_size=1, max_size=20))
    ia = np.array([i for i, _ in pairs], dtype=np.int64)
    jb = np.array([j for _, j in pairs], dtype=np.int64)
    got = shared._same_kgrams(pad_a, pad_b, ia, jb, k).tolist()
    assert got == [a[i : i + k] == b[j : j + k] for i, j in pairs]
