"""Sentence-level alignment: inside linked paragraphs, and across documents whose paragraphs do
not correspond at all (the Beijing and Chengdu meetings of July 2022 are different texts whose
sentences echo each other).

Inside a paragraph link, sentences are units for the same aligner as paragraphs
(``align.align_keys``). The sentences still unlinked anywhere in either document are then paired
one to one, best first, by close wording (Indel ratio) or by *echo*: distinctive wording in
common, measured in characters (stock phrases such as 习近平总书记 or 重要讲话精神 and wording
common in the two reports left out), so that a long sentence quoting a slogan scores as high as
a short one (``echo_scores``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tifa.engine.compare.align import (
    align_keys,
    align_paragraphs,
    comparison_key,
    link_threshold_for,
    mirror_links,
    pair_scores,
)
from tifa.engine.compare.model import (
    CompareSettings,
    LinkKind,
    ParagraphLink,
    SentenceLink,
    SpanRef,
)
from tifa.engine.compare.shared import stock_pattern
from tifa.engine.model import Document
from tifa.engine.normalize import split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document: where it is, and what alignment compares."""

    span: SpanRef
    key: str


def document_sentences(document: Document, settings: CompareSettings) -> tuple[Sentence, ...]:
    """The sentences of a document in reading order, with their comparison keys; sentences
    with nothing left to compare (only punctuation) are left out."""
    out: list[Sentence] = []
    for paragraph in document.paragraphs:
        text = paragraph.normalized
        for start, end in split_sentences(text):
            key = comparison_key(
                text[start:end],
                ignore_punctuation=settings.ignore_punctuation,
                ignore_numbers=settings.ignore_numbers,
            )
            if key:
                out.append(Sentence(SpanRef(paragraph.index, start, end), key))
    return tuple(out)


def _ordered_links(
    units_a: Sequence[Sentence], units_b: Sequence[Sentence], threshold: float
) -> list[SentenceLink]:
    """Sentence links inside linked paragraphs: the paragraph aligner on sentences."""
    links = align_keys([u.key for u in units_a], [u.key for u in units_b], threshold=threshold)
    return [
        SentenceLink(
            a=tuple(units_a[i].span for i in link.a),
            b=tuple(units_b[j].span for j in link.b),
            score=link.score,
            kind=link.kind,
        )
        for link in links
    ]


ECHO_GRAM = 4  # characters per n-gram when looking for echoes
ECHO_COMMON_SHARE = 0.05  # n-grams in more than this share of all sentences are not distinctive
ECHO_MIN_CHARS = 6  # a single four-character set phrase (一抓到底) is not an echo by itself
ECHO_MIN_RUN = 5  # shortest stretch of common wording that counts
ECHO_SCALE = 8  # distinctive characters in common at which an echo scores 0.5
# Default cut-off: at least ECHO_SCALE distinctive characters in common (score 0.5), e.g.
# “四个中心”功能建设 or 《习近平谈治国理政》第四卷, whatever the sentences' lengths.
ECHO_THRESHOLD = 0.5


def _grams(key: str) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i in range(len(key) - ECHO_GRAM + 1):
        out.setdefault(key[i : i + ECHO_GRAM], []).append(i)
    return out


def _stock_positions(key: str) -> frozenset[int]:
    """Characters of ``key`` inside stock phrases (习近平总书记, 重要讲话精神, 会议强调…)."""
    pattern = stock_pattern()
    return frozenset(i for m in pattern.finditer(key) for i in range(m.start(), m.end()))


def _evidence(grams: dict[str, list[int]], common: set[str], stock: frozenset[int]) -> int:
    """Characters covered by the occurrences of the ``common`` n-grams, stock phrases aside,
    in stretches of at least ``ECHO_MIN_RUN`` characters (scraps such as 全年 left over around
    a stock phrase say nothing)."""
    covered = sorted({i + k for g in common for i in grams[g] for k in range(ECHO_GRAM)} - stock)
    total, run = 0, 0
    for position, previous in zip(covered, [-2, *covered], strict=False):
        if position == previous + 1:
            run += 1
        else:
            total += run if run >= ECHO_MIN_RUN else 0
            run = 1
    return total + (run if run >= ECHO_MIN_RUN else 0)


def echo_score(evidence: int) -> float:
    """0..1 from the number of distinctive characters two sentences have in common: 0.5 at
    ``ECHO_SCALE``, 0.67 at twice that; the sentences' lengths do not matter (a long sentence
    quoting a slogan echoes it as much as a short one)."""
    return evidence / (evidence + ECHO_SCALE) if evidence > 0 else 0.0


def echo_scores(
    units_a: Sequence[Sentence],
    units_b: Sequence[Sentence],
    *,
    all_keys: Sequence[str] = (),
) -> dict[tuple[int, int], float]:
    """Echo score (``echo_score``) of the pairs of sentences sharing distinctive wording: the
    characters covered, in each sentence, by n-grams the two have in common, stock phrases
    left out; pairs with fewer than ``ECHO_MIN_CHARS`` such characters on either side are
    left out.

    An n-gram is distinctive when it occurs in at most ``ECHO_COMMON_SHARE`` of the sentences
    of ``all_keys`` (default: the units given) and is not wholly inside a stock phrase, so that
    会议强调 or 习近平总书记重要讲话 make no echo while 外防输入内防反弹 does."""
    keys = list(all_keys) or [u.key for u in units_a] + [u.key for u in units_b]
    frequency: dict[str, int] = {}
    for key in keys:
        for g in {key[i : i + ECHO_GRAM] for i in range(len(key) - ECHO_GRAM + 1)}:
            frequency[g] = frequency.get(g, 0) + 1
    limit = max(2, ECHO_COMMON_SHARE * len(keys))
    del keys

    def distinctive(key: str) -> tuple[dict[str, list[int]], frozenset[int]]:
        stock = _stock_positions(key)
        grams = {
            g: starts
            for g, starts in _grams(key).items()
            if frequency.get(g, 0) <= limit
            and any(i + k not in stock for i in starts for k in range(ECHO_GRAM))
        }
        return grams, stock

    # The smaller side is indexed; the other is gone through one sentence at a time, its
    # n-grams let go after each (a million sentences' n-gram tables took ~370 MB). The score
    # is symmetric, so which side is which does not change it.
    swap = len(units_a) > len(units_b)
    small, large = (units_b, units_a) if swap else (units_a, units_b)
    index: dict[str, list[int]] = {}
    for js, unit in enumerate(small):
        for g in distinctive(unit.key)[0]:
            index.setdefault(g, []).append(js)
    small_grams: dict[int, tuple[dict[str, list[int]], frozenset[int]]] = {}
    scores: dict[tuple[int, int], float] = {}
    for il, unit in enumerate(large):
        grams_l, stock_l = distinctive(unit.key)
        shared: dict[int, set[str]] = {}
        for g in grams_l:
            for js in index.get(g, ()):
                shared.setdefault(js, set()).add(g)
        for js, common in shared.items():
            if js not in small_grams:
                small_grams[js] = distinctive(small[js].key)
            grams_s, stock_s = small_grams[js]
            evidence = min(
                _evidence(grams_l, common, stock_l), _evidence(grams_s, common, stock_s)
            )
            if evidence >= ECHO_MIN_CHARS:
                scores[(il, js) if swap else (js, il)] = echo_score(evidence)
    return scores


def _echo_links(
    units_a: Sequence[Sentence],
    units_b: Sequence[Sentence],
    all_keys: Sequence[str],
    threshold: float,
    echo_threshold: float,
) -> list[SentenceLink]:
    """One-to-one links between sentences of unrelated passages: close wording (Indel score
    above ``threshold``) or echoes (``echo_scores`` above ``echo_threshold``), best first."""
    if not units_a or not units_b:
        return []
    scores = pair_scores([u.key for u in units_a], [u.key for u in units_b], ratio_cutoff=threshold)
    best: dict[tuple[int, int], float] = {
        (i, j): r
        for i, j, r in zip(
            scores.rows.tolist(), scores.cols.tolist(), scores.ratios().tolist(), strict=True
        )
        if r >= link_threshold_for(len(units_a[i].key), len(units_b[j].key), threshold)
    }
    for pair, echo in echo_scores(units_a, units_b, all_keys=all_keys).items():
        if echo >= echo_threshold and echo > best.get(pair, 0.0):
            best[pair] = echo
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for (i, j), score in sorted(best.items(), key=lambda item: (-item[1], item[0])):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        kind = LinkKind.EQUAL if units_a[i].key == units_b[j].key else LinkKind.EDITED
        out.append(
            SentenceLink(
                a=(units_a[i].span,), b=(units_b[j].span,), score=round(score, 6), kind=kind
            )
        )
    return out


def align_sentences(
    doc_a: Document,
    doc_b: Document,
    links: Sequence[ParagraphLink] | None = None,
    *,
    settings: CompareSettings | None = None,
    echo_threshold: float = ECHO_THRESHOLD,
) -> tuple[SentenceLink, ...]:
    """Sentence links between two documents, sorted by their first sentence in ``doc_a``.

    ``links`` are the paragraph links (computed when not given). Inside each, sentences are
    aligned in order (equal, edited, split, merge, moved). The sentences left over in both
    documents are then linked one to one wherever they are, by close wording or by echo (see
    ``echo_scores``): such links are ``equal`` or ``edited``, never ``moved``, since order
    means nothing between passages that do not correspond."""
    settings = settings or CompareSettings()
    if links is None:
        links = align_paragraphs(doc_a, doc_b, settings=settings)
    sentences_a = document_sentences(doc_a, settings)
    sentences_b = document_sentences(doc_b, settings)
    by_paragraph_a: dict[int, list[Sentence]] = {}
    by_paragraph_b: dict[int, list[Sentence]] = {}
    for s in sentences_a:
        by_paragraph_a.setdefault(s.span.paragraph, []).append(s)
    for s in sentences_b:
        by_paragraph_b.setdefault(s.span.paragraph, []).append(s)
    threshold = settings.link_threshold
    result: list[SentenceLink] = []
    for link in links:
        units_a = [s for p in link.a for s in by_paragraph_a.get(p, ())]
        units_b = [s for p in link.b for s in by_paragraph_b.get(p, ())]
        result += _ordered_links(units_a, units_b, threshold)
    linked_a = {span for sl in result for span in sl.a}
    linked_b = {span for sl in result for span in sl.b}
    rest_a = [s for s in sentences_a if s.span not in linked_a]
    rest_b = [s for s in sentences_b if s.span not in linked_b]
    all_keys = [s.key for s in sentences_a] + [s.key for s in sentences_b]
    result += _echo_links(rest_a, rest_b, all_keys, threshold, echo_threshold)
    return tuple(sorted(result, key=lambda sl: (sl.a[0], sl.b[0])))


mirror_sentence_links = mirror_links  # the same helper: links of any unit seen from the other side
