"""Word-level diff: covers both texts exactly, equal means equal, changes are as small as the
wording change, and spans follow splits and merges across paragraphs."""

from __future__ import annotations

import itertools
import random

from _witness import seed_document
from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.compare.align import align_paragraphs
from tifa.engine.compare.model import DiffOp, DiffTag, LinkKind, ParagraphLink, SpanRef
from tifa.engine.compare.worddiff import diff_link, diff_spans, diff_texts, refine_replace
from tifa.engine.model import Document, ParagraphKind
from tifa.engine.normalize import make_paragraphs


def document(*texts: str) -> Document:
    paragraphs = make_paragraphs([(t, ParagraphKind.BODY) for t in texts])
    return Document(path=seed_document(0).path, paragraphs=paragraphs, title="t")


def side_text(doc: Document, spans: tuple[SpanRef, ...]) -> str:
    return "".join(doc.paragraphs[s.paragraph].normalized[s.start : s.end] for s in spans)


def check_cover(doc_a: Document, doc_b: Document, ops: tuple[DiffOp, ...]) -> None:
    """Ops read in order rebuild both sides (spaces aside); equal ops are equal."""
    for op in ops:
        if op.tag is DiffTag.EQUAL:
            assert side_text(doc_a, op.a) == side_text(doc_b, op.b) != ""
        if op.tag is DiffTag.INSERT:
            assert side_text(doc_a, op.a) == "" and side_text(doc_b, op.b)
        if op.tag is DiffTag.DELETE:
            assert side_text(doc_a, op.a) and side_text(doc_b, op.b) == ""
        if op.tag is DiffTag.REPLACE:
            assert side_text(doc_a, op.a) != side_text(doc_b, op.b)
    rebuilt_a = "".join(side_text(doc_a, op.a) for op in ops)
    rebuilt_b = "".join(side_text(doc_b, op.b) for op in ops)
    assert rebuilt_a == "".join("".join(p.normalized.split()) for p in doc_a.paragraphs)
    assert rebuilt_b == "".join("".join(p.normalized.split()) for p in doc_b.paragraphs)


def test_one_character_reworded_is_one_character_replaced() -> None:
    ops = diff_texts("把方向、谋大事、抓党建、保平安", "把方向、干大事、抓党建、保平安")
    assert [(t, a, b) for t, a, b in ops if t is not DiffTag.EQUAL] == [
        (DiffTag.REPLACE, "谋", "干")
    ]
    assert diff_texts("外防输入、内防扩散", "外防输入、内防反弹")[-1] == (
        DiffTag.REPLACE,
        "扩散",
        "反弹",
    )


def test_inserted_and_deleted_words() -> None:
    a = "增强“四个意识”、坚定“四个自信”。"
    b = "增强“四个意识”、坚定“四个自信”、做到“两个维护”。"
    changes = [(t, x, y) for t, x, y in diff_texts(a, b) if t is not DiffTag.EQUAL]
    assert changes == [(DiffTag.INSERT, "", "、做到“两个维护”")]
    assert [(t, y, x) for t, x, y in diff_texts(b, a) if t is not DiffTag.EQUAL] == [
        (DiffTag.DELETE, "", "、做到“两个维护”")
    ]
    assert diff_texts("", "") == ()


def test_insertion_points_are_zero_width_spans_where_the_text_goes() -> None:
    doc_a, doc_b = document("坚定四个自信。"), document("坚定四个自信，做到两个维护。")
    ops = diff_link(doc_a, doc_b, ParagraphLink((0,), (0,), 0.6, LinkKind.EDITED))
    (insert,) = [op for op in ops if op.tag is DiffTag.INSERT]
    (anchor,) = insert.a
    assert anchor.start == anchor.end
    assert doc_a.paragraphs[0].normalized[: anchor.start] == "坚定四个自信"


def test_diff_spans_follow_a_split_across_paragraphs() -> None:
    beijing = seed_document(0)
    text = beijing.paragraphs[3].text
    cut = text.index("。") + 1
    doc_b = document(text[:cut], text[cut:].replace("机遇大于挑战", "挑战大于机遇"))
    single = document(text)
    (link,) = align_paragraphs(single, doc_b)
    assert link.kind is LinkKind.SPLIT and link.b == (0, 1)
    ops = diff_link(single, doc_b, link)
    check_cover(single, doc_b, ops)
    assert {s.paragraph for op in ops for s in op.b} == {0, 1}
    changed = [op for op in ops if op.tag is not DiffTag.EQUAL]
    assert changed and all(op.b[0].paragraph == 1 for op in changed)


def test_sentence_links_diff_their_spans_only() -> None:
    doc_a = document("会议强调，要增强“四个意识”。要加强党的建设。")
    doc_b = document("会议指出，要增强“四个意识”。要加强党的建设。")
    ops = diff_spans(doc_a, [SpanRef(0, 0, 15)], doc_b, [SpanRef(0, 0, 15)])
    assert [(op.tag, side_text(doc_a, op.a), side_text(doc_b, op.b)) for op in ops] == [
        (DiffTag.EQUAL, "会议", "会议"),
        (DiffTag.REPLACE, "强调", "指出"),
        (DiffTag.EQUAL, "，要增强“四个意识”。", "，要增强“四个意识”。"),
    ]


chinese = st.text(alphabet="会议强调要坚持稳中求进工作总基调，、。“”四个意识自信 ", max_size=60)


@given(chinese, chinese)
def test_ops_cover_both_texts_in_order(a: str, b: str) -> None:
    doc_a, doc_b = document(a), document(b)
    link = ParagraphLink((0,), (0,), 0.5, LinkKind.EDITED)
    ops = diff_link(doc_a, doc_b, link)
    check_cover(doc_a, doc_b, ops)
    for first, second in itertools.pairwise(ops):
        assert not (first.tag is second.tag is DiffTag.EQUAL), "equal runs are merged"


def test_witness_paragraphs_diff_consistently() -> None:
    """Every link of a seed against an edited copy of itself: ops rebuild both sides."""
    rnd = random.Random(3)
    beijing = seed_document(0)
    texts = [p.text for p in beijing.paragraphs]
    edited = [t.replace("要", "须", rnd.randint(0, 3)) for t in texts]
    variant = document(*edited)
    for link in align_paragraphs(beijing, variant):
        ops = diff_link(beijing, variant, link)
        sub_a = document(*(beijing.paragraphs[i].text for i in link.a))
        sub_b = document(*(variant.paragraphs[j].text for j in link.b))
        assert "".join(side_text(beijing, op.a) for op in ops) == "".join(
            "".join(p.normalized.split()) for p in sub_a.paragraphs
        )
        assert "".join(side_text(variant, op.b) for op in ops) == "".join(
            "".join(p.normalized.split()) for p in sub_b.paragraphs
        )
        replaced = [op for op in ops if op.tag is DiffTag.REPLACE]
        assert all(side_text(beijing, op.a) == "要" for op in replaced)


# -- refinement of replaced words to the characters that changed ---------------------------


def apply_ops(text_a: str, text_b: str, ops: list[tuple[DiffTag, int, int, int, int]]) -> str:
    """Apply the ops to ``text_a``: keep equal ranges, put ``text_b``'s range for the rest."""
    out = []
    for tag, a0, a1, b0, b1 in ops:
        out.append(text_a[a0:a1] if tag is DiffTag.EQUAL else text_b[b0:b1])
    return "".join(out)


@given(chinese, chinese)
def test_refined_ops_turn_a_into_b_and_mark_only_changed_characters(a: str, b: str) -> None:
    ops = refine_replace(a, b)
    assert apply_ops(a, b, ops) == b
    # the ops partition both texts, in order
    assert [op[1] for op in ops] == [0, *[op[2] for op in ops[:-1]]] if ops else a == b == ""
    assert (ops[-1][2], ops[-1][4]) == (len(a), len(b)) if ops else True
    for tag, a0, a1, b0, b1 in ops:
        if tag is DiffTag.EQUAL:
            assert a[a0:a1] == b[b0:b1] != ""
        elif tag is DiffTag.REPLACE:  # no unchanged character at either end of a change
            assert a0 < a1 and b0 < b1
            assert a[a0] != b[b0] and a[a1 - 1] != b[b1 - 1]
        elif tag is DiffTag.INSERT:
            assert a0 == a1 and b0 < b1
        else:
            assert a0 < a1 and b0 == b1
    for first, second in itertools.pairwise(ops):
        assert not (first[0] is second[0] is DiffTag.EQUAL)
    # the changed characters are exactly those outside equal ops
    kept = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag is DiffTag.EQUAL)
    changed = sum(a1 - a0 for tag, a0, a1, _, _ in ops if tag is not DiffTag.EQUAL)
    assert kept + changed == len(a)


def test_one_character_edit_marks_exactly_that_character() -> None:
    """经济要稳住 → 经贸要稳住 (jieba cuts 经济 / 经贸 as words): only 济 / 贸 change."""
    ops = diff_texts("经济要稳住", "经贸要稳住")
    assert [(t, a, b) for t, a, b in ops if t is not DiffTag.EQUAL] == [
        (DiffTag.REPLACE, "济", "贸")
    ]


def test_a_rewritten_phrase_keeps_the_words_it_still_has() -> None:
    ops = diff_texts("全面贯彻落实党的二十大精神", "深入学习贯彻党的二十届三中全会精神")
    assert (DiffTag.EQUAL, "贯彻", "贯彻") in ops
    assert (DiffTag.DELETE, "落实", "") in ops
    assert (DiffTag.REPLACE, "大", "届三中全会") in ops
