"""Formulations (提法): find them in the documents at hand, count them everywhere, link variants.

A formulation comes from the lexicon or is discovered in the documents:

- quoted terms: “国之大者”, 「…」 (2–25 characters; book titles 《…》 and quoted sentences are
  not formulations);
- numbered terms: 数字+个+term (四个意识, 五个走在前列) and runs of numbered parts (两新两高,
  三城三都, 六稳六保, 一核一城三带两区);
- parallel formulas: at least three short clauses of the same length and shape in a row,
  separated by 、 or ，(疫情要防住、经济要稳住、发展要安全; 讲政治、抓发展、惠民生、保安全).

Once known, a formulation is counted in every document, quoted or not, with or without its
enumeration commas: occurrences are matched on the text with quotes, 、，； and spaces taken
out, then mapped back onto the normalised text. Crossing matches are resolved longest first; a
lexicon formulation inside a longer one still counts (高质量发展 inside
高质量发展、高品质生活、高效能治理).

Variants are formulations of the same shape differing by a character or two, such as
把方向、谋大事、抓党建、保平安 (2017) and 把方向、干大事、抓党建、保平安 (2022). Two lexicon
entries are variants only when the lexicon says so: 四个意识 and 四个自信 are distinct terms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
from rapidfuzz.distance import Levenshtein

from tifa.engine.compare.lexicon import (
    CLAUSE_SEPARATORS,
    TRANSPARENT,
    Lexicon,
    LexiconEntry,
    load_lexicon,
    phrase_clauses,
    phrase_key,
)
from tifa.engine.compare.model import Formulation, FormulationStatus, Occurrence
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import Document, OffsetMap
from tifa.engine.paths import resource

QUOTED, NUMBERED, PARALLEL = "quoted", "numbered", "parallel"
MAX_TERM_CHARS = 25  # a longer quotation is a quotation, not a formulation
MIN_CLAUSES, MIN_CLAUSE_CHARS, MAX_CLAUSE_CHARS = 3, 3, 8
SHORT_KEY = 3  # keys this short must match whole words (两区 not inside 京津冀两区域)

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_NUMERALS = "一二两三四五六七八九十"
_QUOTE_RE = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|『([^『』]{1,60})』|‘([^‘’]{1,60})’")
# 四个意识, 五个走在前列, 八项规定, 三条红线: a number (not 一: 一个 is an article) and a measure
# word, not preceded by 第 or another numeral (第十二次, 二十个).
_COUNTED_RE = re.compile(
    rf"(?<![第{_NUMERALS}百千万\d])(?:十[一二三四五六七八九]|[两二三四五六七八九十])[个项条]"
)
# 两新两高, 三城三都, 一核一城三带两区, 两贯彻一落实: numbered parts, two or more.
_PART = rf"[{_NUMERALS}](?:(?![{_NUMERALS}个项条次年月日])[{_HAN}]){{1,2}}"
_PARTS_RE = lazy_compile(rf"(?:{_PART}){{2,4}}")
_HAN_CHAR_RE = lazy_compile(rf"[{_HAN}]")
_MULTI_RE = re.compile(rf"(?<![第{_NUMERALS}百千万\d])(?:{_PART}){{2,4}}")
_NUMBERED_SHAPE_RE = re.compile(rf"^(?:{_COUNTED_RE.pattern}[{_HAN}]{{1,6}}|(?:{_PART}){{2,4}})$")
_SENTENCE_END = frozenset("。！？!?")
# Tags of a clause's first word that make it verb + object (讲|政治, 稳|经济, 夯|基础, 把|方向).
_VERB_LIKE = frozenset({"v", "vg", "vn", "vd", "a", "ad", "ag", "d", "zg", "p"})
_OPENING, _CLOSING = frozenset("“「『‘"), frozenset("”」』’")
_SEGMENT_RE = re.compile(r"[^\W_]+|\W", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: str
    phrase: str
    category: str
    entry: LexiconEntry | None = None
    needs_repeat: bool = False  # unquoted numbered guesses count only when seen twice
    # counts only where quoted: a quoted everyday word (“抓好”), or a short numbered one
    # (“三要”: elsewhere 三要 opens the third point of a list, 一要…二要…三要…)
    quoted_only: bool = False
    everyday: bool = False  # a dictionary word: not a formulation if the documents use it plainly

    @property
    def single_clause(self) -> bool:
        return not any(ch in CLAUSE_SEPARATORS for ch in self.phrase)


@dataclass(frozen=True, slots=True)
class _Skeleton:
    """A document's paragraphs without transparent characters, joined by newlines, with the
    map back to each paragraph's normalised offsets."""

    text: str
    paragraph_starts: tuple[int, ...]  # offset of each paragraph in ``text``
    # per paragraph: skeleton index -> normalised index (a range when nothing was dropped)
    offsets: tuple[Sequence[int], ...]


_OPAQUE_RUN_RE = re.compile("[^" + re.escape("".join(sorted(TRANSPARENT))) + "]+")
# str.translate deleting characters looks each one up in a dict (12 ms for the long pair's
# 195,000 characters); the regular expression drops them at C speed
_TRANSPARENT_RUN_RE = re.compile("[" + re.escape("".join(sorted(TRANSPARENT))) + "]+")


def _skeleton(document: Document) -> _Skeleton:
    parts: list[str] = []
    starts: list[int] = []
    offsets: list[Sequence[int]] = []
    position = 0
    for paragraph in document.paragraphs:
        part = _TRANSPARENT_RUN_RE.sub("", paragraph.normalized)
        if len(part) == len(paragraph.normalized):
            offsets.append(range(len(part)))  # nothing transparent: the identity
        else:
            kept: list[int] = []
            for run in _OPAQUE_RUN_RE.finditer(paragraph.normalized):
                kept.extend(range(run.start(), run.end()))
            # only ever indexed: packed as it is (no comparison with the identity)
            offsets.append(OffsetMap(kept))
        starts.append(position)
        parts.append(part)
        position += len(part) + 1
    return _Skeleton("\n".join(parts), tuple(starts), tuple(offsets))


# --- discovery -----------------------------------------------------------------------------

FURNITURE_MARKERS = ("lexicon", "furniture.txt")


@cache
def furniture_markers() -> tuple[str, ...]:
    """Words that make a paragraph a site's notice (``resources/lexicon/furniture.txt``)."""
    text = resource(*FURNITURE_MARKERS).read_text(encoding="utf-8")
    return tuple(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def is_furniture(text: str) -> bool:
    """A copyright, source or disclaimer line (``furniture_markers``): no formulation is
    discovered in it."""
    return any(map(text.__contains__, furniture_markers()))


def _han_count(text: str) -> int:
    return len(_HAN_CHAR_RE.findall(text))


def _is_numbered(key: str) -> bool:
    return bool(_NUMBERED_SHAPE_RE.match(key))


def _quoted_terms(text: str, tokenizer: WordTokenizer) -> Iterable[_Candidate]:
    for match in _QUOTE_RE.finditer(text):
        content = next(g for g in match.groups() if g is not None).strip()
        key = phrase_key(content)
        if not 2 <= len(key) <= MAX_TERM_CHARS or _han_count(key) < 2:
            continue
        if any(ch in _SENTENCE_END or ch in "《》〈〉" for ch in content):
            continue  # a quoted sentence, or a book title
        if any(ch in "：:" for ch in content):
            continue  # a label (“来源：中国西藏网”), not a formulation
        if _is_numbered(key):
            category = NUMBERED
        elif len(phrase_clauses(content)) >= 2:
            category = PARALLEL
        else:
            category = QUOTED
        phrase = "、".join(phrase_clauses(content)) if category == PARALLEL else content
        everyday = (
            category == QUOTED and len(key) <= 2 and tokenizer.dictionary_words(key) == (key,)
        )
        numeral_led = category == QUOTED and len(key) <= 3 and key[0] in _NUMERALS
        yield _Candidate(
            key, phrase, category, quoted_only=everyday or numeral_led, everyday=everyday
        )


def _numbered_terms(text: str, tokenizer: WordTokenizer) -> Iterable[_Candidate]:
    counted = list(_COUNTED_RE.finditer(text))
    numbered = list(_MULTI_RE.finditer(text))
    if not counted and not numbered:  # most paragraphs: no number to look at
        return
    tokens = tokenizer.tokenize(text)
    cuts = tokenizer.boundaries(text)
    starts = [t.start for t in tokens]
    for match in counted:
        if match.start() not in cuts:
            continue
        # The term runs to the end of the word holding the measure word (四个意识 kept whole)
        # or, when the number stands alone (四个|意识, 三个|环节), to the end of the next word.
        index = bisect_right(starts, match.end() - 1) - 1
        if tokens[index].end == match.end():
            index += 1
            if index >= len(tokens) or not 2 <= len(tokens[index].word) <= 4:
                continue
        phrase = text[match.start() : tokens[index].end]
        if len(phrase) - (match.end() - match.start()) >= 2 and _han_count(phrase) == len(phrase):
            yield _Candidate(phrase, phrase, NUMBERED, needs_repeat=True)
    lexicon_words = tokenizer.words_kept_whole
    for match in numbered:
        if match.start() not in cuts:
            continue
        candidate = match.group()
        # Shrink to the longest prefix that ends on a word boundary and is still numbered.
        for end in range(len(candidate), 3, -1):
            piece = candidate[:end]
            if match.start() + end in cuts and _PARTS_RE.fullmatch(piece):
                break
        else:
            continue
        if all(ch == "一" for ch in piece if ch in _NUMERALS):
            continue  # 一心一意, 一城一策: 一 is not a count here
        words = tokenizer.words(piece)
        if len(words) == 1 and piece not in lexicon_words:
            continue  # a dictionary word: an idiom (四面八方, 三令五申), not a formulation
        yield _Candidate(piece, piece, NUMBERED)


class _Segment(NamedTuple):
    text: str
    start: int
    end: int
    separator: str  # the punctuation right after it ("" at the end)


_WORDS_RUN_RE = re.compile(rf"[{_HAN}A-Za-z0-9%·]+")


def _segments(text: str) -> list[_Segment]:
    """Stretches of text between punctuation marks, with the punctuation that follows."""
    spans = [m.span() for m in _WORDS_RUN_RE.finditer(text)]
    if not spans:  # only punctuation (a rule of dashes, an ellipsis): no segments
        return []
    following = [s for s, _ in spans[1:]] + [len(text)]
    return [
        _Segment(text[s:e], s, e, text[e:f]) for (s, e), f in zip(spans, following, strict=True)
    ]


_NARRATIVE_PARTICLES = frozenset("了着过的")
_OPEN_LIST = ("等",)  # 暑期消费、文体消费、户外消费、数字消费等: an open list, not a formula


def _same_shape(clauses: Sequence[str], tokenizer: WordTokenizer) -> bool:
    """Clauses of one length (of three characters: each holding a dictionary word, which a
    list of names does not: 张硕辅 is 张/硕/辅) with one character in the same place in every
    clause (疫情要防住 / 经济要稳住: 要; 政治判断力 / 政治领悟力: 政治, 力) or, for three
    characters, the shape verb + object."""
    length = len(clauses[0])
    if any(len(c) != length for c in clauses) or any(_han_count(c) != length for c in clauses):
        return False
    if length == 3 and not all(
        any(len(w) >= 2 for w in tokenizer.dictionary_words(c)) for c in clauses
    ):
        return False
    if any(len({c[i] for c in clauses}) == 1 for i in range(length)):
        return True
    # Three characters, nothing in common: verb + object in every clause (讲|政治、抓|发展、
    # 惠|民生), not a list of nouns (副主任、副市长、市政协).
    return length == 3 and _all_verb_object(clauses, tokenizer)


def _all_verb_object(clauses: Sequence[str], tokenizer: WordTokenizer) -> bool:
    return all(
        c in tokenizer.words_kept_whole or tokenizer.tags(c)[0][1] in _VERB_LIKE for c in clauses
    )


def _starts_with_verb(text: str, tokenizer: WordTokenizer) -> bool:
    return bool(text) and tokenizer.tags(text)[0][1].startswith("v")


def _slogan_shape(clauses: Sequence[str], tokenizer: WordTokenizer) -> bool:
    """Whether clauses of the same shape read as a formula on a single, unquoted sighting,
    rather than as an enumeration of things of one kind.

    A formula frames its varying parts with a constant (疫情|要|防住、经济|要|稳住; 知|责于|心;
    传播速度|最|快), pairs verbs with objects (讲政治、抓发展; 夯基础、补短板; 动员|群众、
    组织|群众、凝聚|群众), or repeats an adverb (不作为、不担当、不落实). A constant only at an
    edge with nouns around it is a list (暑期|消费、文体|消费; 公共|服务、公共|安全;
    市|人大、市|政府; 新|业态、新|模式; 数字|化、智能|化)."""
    words = [tokenizer.words(c) for c in clauses]
    if any(w in _NARRATIVE_PARTICLES for ws in words for w in ws):
        return False  # 标注了历史方位、指明了方向路径: narration, not a formula
    length = len(clauses[0])
    constant = [len({c[i] for c in clauses}) == 1 for i in range(length)]
    if not any(constant):
        return length == 3 and _all_verb_object(clauses, tokenizer)
    varying = [i for i, same in enumerate(constant) if not same]
    if any(constant[i] and varying[0] < i < varying[-1] for i in range(length)):
        return True  # a frame
    prefix = constant.index(False)
    suffix = constant[::-1].index(False)
    if prefix:  # 不作为、不担当; 更加充实、更有保障: an adverb in front of each verb
        return tokenizer.tags(clauses[0][:prefix])[0][1] == "d"
    # a common object after a verb in every clause (动员群众、组织群众、凝聚群众); the tagger
    # misreads some verbs (动员 as a noun), so two thirds of them will do
    verbs = sum(_starts_with_verb(c[: length - suffix], tokenizer) for c in clauses)
    return 3 * verbs >= 2 * len(clauses)


def _parallel_formulas(text: str, tokenizer: WordTokenizer) -> Iterable[_Candidate]:
    cuts = tokenizer.boundaries(text)
    segments = _segments(text)
    index = 0
    while index < len(segments):
        separator = segments[index].separator
        if separator not in ("、", "，"):
            index += 1
            continue
        run_end = index
        while run_end + 1 < len(segments) and segments[run_end].separator == separator:
            run_end += 1
        run = segments[index : run_end + 1]  # joined by the same separator throughout
        yield from _parallel_in_run(run, cuts, tokenizer)
        yield from _yao_formulas(run, cuts)
        if separator == "、":
            yield from _clause_pair(run, tokenizer)
        index = max(run_end, index + 1)  # its last segment may open the next run


_YAO_FRAME_RE = re.compile(rf"^[{_HAN}]{{2,4}}要[{_HAN}]{{1,3}}$")


def _yao_clause(segment: _Segment, where: str, cuts: frozenset[int]) -> str | None:
    """The part of ``segment`` of the shape X要Y (宏观政策要稳, 疫情要防住): the whole segment,
    or, at the start of a run, its end (坚持|宏观政策要稳), at the end of a run its beginning
    (社会政策要托底|的政策思路), cut at a word boundary."""
    text = segment.text
    if _YAO_FRAME_RE.match(text):
        return text
    if where == "first":
        for start in range(1, len(text) - 2):
            if segment.start + start in cuts and _YAO_FRAME_RE.match(text[start:]):
                return text[start:]
    if where == "last":
        for end in range(4, len(text)):
            if segment.start + end in cuts and _YAO_FRAME_RE.match(text[:end]):
                return text[:end]
    return None


def _yao_formulas(run: Sequence[_Segment], cuts: frozenset[int]) -> Iterable[_Candidate]:
    """The 要…、要… pattern: consecutive clauses X要Y of any lengths (宏观政策要稳、产业政策要准、
    微观政策要活、改革政策要实、社会政策要托底). Three or more count on one sighting; two need a
    second (政策要稳、改革要活 may be narration)."""
    if sum("要" in segment.text for segment in run) < 2:
        return  # a clause X要Y holds 要: fewer than two such segments make no group
    last = len(run) - 1
    clauses = [
        _yao_clause(seg, "first" if k == 0 else "last" if k == last else "middle", cuts)
        for k, seg in enumerate(run)
    ]
    k = 0
    while k < len(clauses):
        end = k
        while end < len(clauses) and clauses[end] is not None:
            end += 1
        group = [c for c in clauses[k:end] if c is not None]
        if len(group) >= 2 and len({len(c) for c in group}) > 1:  # equal ones: see below
            phrase = "、".join(group)
            yield _Candidate(phrase_key(phrase), phrase, PARALLEL, needs_repeat=len(group) < 3)
        k = end + 1


MAX_PAIR_CLAUSE_CHARS = 5


def _clause_pair(run: Sequence[_Segment], tokenizer: WordTokenizer) -> Iterable[_Candidate]:
    """Two verb + object clauses of one length that make a whole run (压实地方政府责任，
    保交楼、稳民生; 攻坚三季度、冲刺下半年): a formula if the documents use it twice."""
    if len(run) != 2:
        return
    clauses = [s.text for s in run]
    length = len(clauses[0])
    if not MIN_CLAUSE_CHARS <= length <= MAX_PAIR_CLAUSE_CHARS or len(clauses[1]) != length:
        return
    if any(_han_count(c) != length for c in clauses):
        return
    if _all_verb_object(clauses, tokenizer):
        phrase = "、".join(clauses)
        yield _Candidate(phrase_key(phrase), phrase, PARALLEL, needs_repeat=True)


def _parallel_in_run(
    run: Sequence[_Segment], cuts: frozenset[int], tokenizer: WordTokenizer
) -> Iterable[_Candidate]:
    """Groups of equal-length clauses, with the longer segment on either side trimmed to that
    length at a word boundary when it continues the pattern (以严的作风 → 严的作风;
    扬优势的战略性思考 ends 夯基础、补短板、扬优势 and begins 战略性思考、突破性进展…).

    A group is left out when it is only part of a longer list (一个工作专班、一个实施方案、
    一份项目清单、一个论坛…: the item after it does not fit) or an open one (…数字消费等).
    Groups that do not have the shape of a formula (``_slogan_shape``) need a second sighting
    before they count."""
    if len(run) < MIN_CLAUSES:
        return  # a group's clauses are segments of the run (some trimmed): too few
    index = 0
    while index < len(run):
        length = len(run[index].text)
        group_end = index
        while group_end + 1 < len(run) and len(run[group_end + 1].text) == length:
            group_end += 1
        if MIN_CLAUSE_CHARS <= length <= MAX_CLAUSE_CHARS:
            inner = [s.text for s in run[index : group_end + 1]]
            before = run[index - 1] if index > 0 else None
            after = run[group_end + 1] if group_end + 1 < len(run) else None
            left = (
                before.text[-length:]
                if before and len(before.text) > length and before.end - length in cuts
                else None
            )
            right = (
                after.text[:length]
                if after and len(after.text) > length and after.start + length in cuts
                else None
            )
            for use_left, use_right in ((True, True), (True, False), (False, True)):
                clauses = [
                    *([left] if use_left and left else []),
                    *inner,
                    *([right] if use_right and right else []),
                ]
                if len(clauses) < MIN_CLAUSES or not _same_shape(clauses, tokenizer):
                    continue
                left_out = [
                    (neighbour, at_end)
                    for neighbour, used, at_end in (
                        (before, use_left and left, index - 1 == 0),
                        (after, use_right and right, group_end + 1 == len(run) - 1),
                    )
                    if neighbour is not None and not used
                ]
                # A neighbour left out is another item of the same list, unless it is the
                # run's first (last) segment and longer: the clause leading into (out of) it.
                if any(not (at_end and len(n.text) > length) for n, at_end in left_out):
                    break
                if use_right and right and after and after.text[length:].startswith(_OPEN_LIST):
                    break
                phrase = "、".join(clauses)
                yield _Candidate(
                    phrase_key(phrase),
                    phrase,
                    PARALLEL,
                    needs_repeat=not _slogan_shape(clauses, tokenizer),
                )
                break
        index = group_end + 1


def discover_formulations(
    documents: Sequence[Document], *, tokenizer: WordTokenizer | None = None
) -> tuple[tuple[str, str], ...]:
    """Formulations the documents themselves suggest, as (phrase, category) pairs, before any
    counting (unquoted numbered guesses included)."""
    tokenizer = tokenizer or get_tokenizer()
    return tuple((c.phrase, c.category) for c in _discover(documents, tokenizer).values())


def _discover(documents: Sequence[Document], tokenizer: WordTokenizer) -> dict[str, _Candidate]:
    found: dict[str, _Candidate] = {}

    def add(candidate: _Candidate) -> None:
        known = found.get(candidate.key)
        upgrade = known is not None and (
            (known.needs_repeat and not candidate.needs_repeat)
            or (known.quoted_only and not candidate.quoted_only)
        )
        if known is None or upgrade:
            found[candidate.key] = candidate

    seen: set[str] = set()  # reports repeat paragraphs (pull quotes, boilerplate)
    for document in documents:
        for paragraph in document.paragraphs:
            text = paragraph.normalized
            if not text or text in seen or is_furniture(text):
                continue
            seen.add(text)
            for candidate in _quoted_terms(text, tokenizer):
                add(candidate)
            for candidate in _numbered_terms(text, tokenizer):
                add(candidate)
            for candidate in _parallel_formulas(text, tokenizer):
                add(candidate)
    return found


# --- counting ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Match:
    key: str
    ident: str  # the formulation: a lexicon entry's key (aliases included) or the own key
    paragraph: int
    start: int
    end: int
    from_lexicon: bool
    clauses: tuple[str, ...] = ()  # keys of the formulation's clauses (whole clauses may nest)


def _find_all(
    skeleton: _Skeleton,
    document: Document,
    candidates: dict[str, _Candidate],
    tokenizer: WordTokenizer,
    plain_sightings: set[str],
    sightings: _Sightings | None = None,
) -> list[_Match]:
    """Every match of every candidate, crossing ones included; fills ``plain_sightings`` with
    the quoted-only candidates also seen unquoted as a word of their own."""
    sightings = sightings or _Sightings(skeleton.text)
    matches: list[_Match] = []
    for key, candidate in candidates.items():
        single_clause = candidate.single_clause
        clauses: tuple[str, ...] | None = None
        for position in sightings.of(key):
            paragraph = bisect_right(skeleton.paragraph_starts, position) - 1
            local = position - skeleton.paragraph_starts[paragraph]
            offsets = skeleton.offsets[paragraph]
            start, end = offsets[local], offsets[local + len(key) - 1] + 1
            normalized = document.paragraphs[paragraph].normalized
            inside = normalized[start:end]
            ok = not (single_clause and any(ch in CLAUSE_SEPARATORS for ch in inside))
            if ok and len(key) <= SHORT_KEY:
                cuts = tokenizer.boundaries(normalized)
                ok = start in cuts and end in cuts
            if ok and candidate.quoted_only:
                ok = (
                    normalized[start - 1 : start] in _OPENING
                    and normalized[end : end + 1] in _CLOSING
                )
                if not ok:
                    plain_sightings.add(key)
            if ok:
                entry = candidate.entry
                ident = entry.key if entry is not None else key
                if clauses is None:
                    clauses = phrase_clauses(candidate.phrase)
                matches.append(
                    _Match(key, ident, paragraph, start, end, entry is not None, clauses)
                )
    return matches


#: Longer texts are searched key by key (the sorted pairs take 24 bytes a character).
SIGHTINGS_MAX_CHARS = 1 << 20


class _Sightings:
    """Where keys occur in a text, overlapping occurrences included, in increasing order:
    what ``text.find(key, position + 1)`` finds again and again, found by looking only where
    the key's first two characters are. The text's two-character pairs are sorted once, with
    their positions (a NumPy sort): a search of the whole text for every candidate took
    ~40 ms for the long pair's 420 candidates."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._indexed = 2 <= len(text) <= SIGHTINGS_MAX_CHARS
        if not self._indexed:
            return
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        size = len(codes)
        pairs = (codes[:-1].astype(np.int64) << 21) | codes[1:]  # code points < 2**21
        # (pair, position) in one key (< 2**42 × 2**20: 63 bits), sorted: each pair's
        # positions come out in increasing order
        keyed = pairs * size + np.arange(size - 1, dtype=np.int64)
        del pairs
        keyed.sort()
        self._pairs, self._positions = np.divmod(keyed, size)

    def of(self, key: str) -> list[int]:
        """The starts of ``key`` in the text, in increasing order."""
        text = self.text
        if len(key) < 2 or not self._indexed:
            found, position = [], text.find(key)
            while position >= 0:
                found.append(position)
                position = text.find(key, position + 1)
            return found
        pair = (ord(key[0]) << 21) | ord(key[1])
        lo, hi = np.searchsorted(self._pairs, (pair, pair + 1))
        starts: list[int] = self._positions[lo:hi].tolist()
        return [at for at in starts if text.startswith(key, at)]


INSERTION_MIN_KEY = 8  # lexicon formulations at least this long are also found with an insertion
INSERTION_CHARS = (2, 4)  # of this many characters (新冠肺炎 in 统筹推进新冠肺炎疫情防控…)


class _InsertionPattern:
    """What ``re.compile("|".join(head + "[HAN]{2,4}" + tail …))`` finds, found without
    compiling a regular expression: a class of all Han characters takes milliseconds to
    compile, once per lexicon formulation in every process (a slow start for two small files).
    Same matches: leftmost, alternatives in order, the longest gap first, none overlapping."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[tuple[str, str]]) -> None:
        self.parts = tuple(parts)  # (head, tail): the text before and after the insertion

    def finditer(
        self, text: str, sightings: _Sightings | None = None
    ) -> Iterator[tuple[int, int]]:
        """(start, end) of each match, left to right, not overlapping (``sightings``: of
        ``text``, to find the heads faster)."""
        starts: set[int] = set()
        for head, _ in self.parts:
            if sightings is not None:
                starts.update(sightings.of(head))
                continue
            position = text.find(head)
            while position >= 0:
                starts.add(position)
                position = text.find(head, position + 1)
        reach = 0
        for start in sorted(starts):
            if start < reach:
                continue
            end = self._match_at(text, start)
            if end is not None:
                yield start, end
                reach = end

    def search(self, text: str) -> tuple[int, int] | None:
        return next(self.finditer(text), None)

    def _match_at(self, text: str, start: int) -> int | None:
        low, high = INSERTION_CHARS
        for head, tail in self.parts:
            if not text.startswith(head, start):
                continue
            gap_start = start + len(head)
            han = 0
            while han < high and gap_start + han < len(text) and _is_han(text[gap_start + han]):
                han += 1
            for size in range(han, low - 1, -1):
                if text.startswith(tail, gap_start + size):
                    return gap_start + size + len(tail)
        return None


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0x20000 <= code <= 0x3134F


def _insertion_pattern(key: str, tokenizer: WordTokenizer) -> _InsertionPattern | None:
    """``key`` with 2–4 characters inserted at one word boundary, not before its last word
    (习近平新时代中国特色社会主义|经济|思想 is another formulation, not an insertion)."""
    words = tokenizer.words(key)
    cuts = []
    position = 0
    for word in words[:-2]:
        position += len(word)
        cuts.append(position)
    if not cuts:
        return None
    return _InsertionPattern([(key[:c], key[c:]) for c in cuts])


def _find_insertions(
    skeleton: _Skeleton,
    document: Document,
    candidates: dict[str, _Candidate],
    tokenizer: WordTokenizer,
    sightings: _Sightings | None = None,
) -> list[_Match]:
    """Lexicon formulations written with an insertion (统筹推进新冠肺炎疫情防控和经济社会发展
    for 统筹推进疫情防控和经济社会发展): counted as the formulation itself."""
    matches: list[_Match] = []
    for key, candidate in candidates.items():
        entry = candidate.entry
        if entry is None or len(key) < INSERTION_MIN_KEY or not candidate.single_clause:
            continue
        pattern = _insertion_pattern(key, tokenizer)
        if pattern is None:
            continue
        for found_start, found_end in pattern.finditer(skeleton.text, sightings):
            paragraph = bisect_right(skeleton.paragraph_starts, found_start) - 1
            local = found_start - skeleton.paragraph_starts[paragraph]
            offsets = skeleton.offsets[paragraph]
            start, end = offsets[local], offsets[local + found_end - found_start - 1] + 1
            inside = document.paragraphs[paragraph].normalized[start:end]
            if any(ch in CLAUSE_SEPARATORS for ch in inside):
                continue
            matches.append(
                _Match(key, entry.key, paragraph, start, end, True,
                       (skeleton.text[found_start:found_end],))
            )
    return matches


def _whole_clauses(inner: str, outer: tuple[str, ...]) -> bool:
    """``inner`` is one or more consecutive clauses of ``outer`` (高质量发展 of 高质量发展、
    高品质生活、高效能治理; 保交楼稳民生 of 压实地方政府责任、保交楼、稳民生)."""
    return any(
        "".join(outer[i:j]) == inner
        for i in range(len(outer))
        for j in range(i + 1, len(outer) + 1)
    )


def _resolve(matches: list[_Match]) -> list[_Match]:
    """Longest first: drop a match crossing a longer one, or nested in one unless it is a
    lexicon formulation making whole clauses of the longer one (高质量发展 inside a longer
    parallel formula still counts; 新发展理念 inside 完整、准确、全面贯彻新发展理念 does not:
    the longest formulation wins)."""
    kept: dict[int, list[_Match]] = {}
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.paragraph, m.start)):
        accepted = kept.setdefault(match.paragraph, [])
        ok = True
        for other in accepted:
            if match.end <= other.start or other.end <= match.start:
                continue
            nested = other.start <= match.start and match.end <= other.end
            if not (
                nested
                and match.from_lexicon
                and match.ident != other.ident
                and _whole_clauses(match.key, other.clauses)
            ):
                ok = False
                break
        if ok:
            accepted.append(match)
    return [m for ms in kept.values() for m in ms]


# --- variants ------------------------------------------------------------------------------


def _are_variants(a: _Candidate, b: _Candidate, lexicon: Lexicon) -> bool:
    if a.entry is not None and b.entry is not None:
        return lexicon.curated_variants(a.entry.phrase, b.entry.phrase)
    if len(a.key) != len(b.key) or a.key == b.key:
        return False
    clauses_a, clauses_b = phrase_clauses(a.phrase), phrase_clauses(b.phrase)
    if [len(c) for c in clauses_a] != [len(c) for c in clauses_b] and len(clauses_a) > 1:
        return False
    distance = Levenshtein.distance(a.key, b.key, score_cutoff=max(1, len(a.key) // 4))
    if distance > max(1, len(a.key) // 4):
        return False
    if len(clauses_a) > 1:
        same = sum(x == y for x, y in zip(clauses_a, clauses_b, strict=False))
        return 2 * same >= len(clauses_a)
    # One clause: long enough for one character to be a small part, and not a numbered term
    # (四个意识 / 四个自信, 六稳 / 六保 are different terms).
    return len(a.key) >= 4 and not (_is_numbered(a.key) or _is_numbered(b.key))


def _variant_groups(candidates: Sequence[_Candidate], lexicon: Lexicon) -> dict[str, set[str]]:
    links: dict[str, set[str]] = {c.key: set() for c in candidates}
    by_length: dict[int, list[_Candidate]] = {}
    for candidate in candidates:
        by_length.setdefault(len(candidate.key), []).append(candidate)
    for group in by_length.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if _are_variants(a, b, lexicon):
                    links[a.key].add(b.key)
                    links[b.key].add(a.key)
    return links


# --- the public API ------------------------------------------------------------------------


def find_formulations(
    documents: Sequence[Document],
    *,
    lexicon: Lexicon | None = None,
    tokenizer: WordTokenizer | None = None,
    discover: bool = True,
) -> tuple[Formulation, ...]:
    """Every formulation found in ``documents`` (lexicon entries and, with ``discover``,
    what the documents suggest), counted in each document, with variants linked.

    Ordered by how many documents hold it, then total count, then phrase. Occurrence spans are
    on paragraphs' normalised text.
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    tokenizer = tokenizer or get_tokenizer(lexicon)
    candidates: dict[str, _Candidate] = _discover(documents, tokenizer) if discover else {}
    for lexicon_entry in lexicon:
        for form in lexicon_entry.forms:
            key = phrase_key(form)
            if key:
                candidates[key] = _Candidate(
                    key, lexicon_entry.phrase, lexicon_entry.category, lexicon_entry
                )
    plain: set[str] = set()
    found = []
    for document in documents:
        skeleton = _skeleton(document)
        sightings = _Sightings(skeleton.text)
        found.append(
            _find_all(skeleton, document, candidates, tokenizer, plain, sightings)
            + _find_insertions(skeleton, document, candidates, tokenizer, sightings)
        )
        del sightings
    # A quoted everyday word the documents also use plainly (“抓好” / 抓好下半年工作) is
    # emphasis, not a formulation.
    dropped = {key for key in plain if candidates[key].everyday}
    per_document = [_resolve([m for m in ms if m.key not in dropped]) for ms in found]

    # Gather by formulation (aliases of one entry count together).
    def identity(key: str) -> str:
        entry = candidates[key].entry
        return entry.key if entry is not None else key

    occurrences: dict[str, list[Occurrence]] = {}
    for doc_index, matches in enumerate(per_document):
        for m in matches:
            occurrences.setdefault(m.ident, []).append(
                Occurrence(doc_index, m.paragraph, m.start, m.end)
            )
    main: dict[str, _Candidate] = {}
    for key, candidate in candidates.items():
        ident = identity(key)
        if ident in occurrences and (ident not in main or key == ident):
            main[ident] = candidate
    kept = {
        ident: c for ident, c in main.items() if not c.needs_repeat or len(occurrences[ident]) >= 2
    }
    links = _variant_groups(list(kept.values()), lexicon)
    n = len(documents)

    def counts_of(ident: str) -> tuple[int, ...]:
        counts = [0] * n
        for occurrence in occurrences[ident]:
            counts[occurrence.document] += 1
        return tuple(counts)

    result: list[Formulation] = []
    for ident, candidate in kept.items():
        counts = counts_of(ident)
        variant_keys = sorted(links.get(candidate.key, ()))
        variant_counts = [0] * n
        for variant in variant_keys:
            for d, c in enumerate(counts_of(identity(variant))):
                variant_counts[d] += c
        entry = candidate.entry
        result.append(
            Formulation(
                phrase=candidate.phrase,
                category=candidate.category,
                counts=counts,
                variants=tuple(kept[identity(v)].phrase for v in variant_keys),
                gloss=entry.gloss if entry else "",
                first_year=entry.first_year if entry else None,
                origin="lexicon" if entry else "discovered",
                occurrences=tuple(
                    sorted(occurrences[ident], key=lambda o: (o.document, o.paragraph, o.start))
                ),
                variant_counts=tuple(variant_counts),
                source=entry.source if entry else "",
            )
        )
    result.sort(key=lambda f: (-sum(c > 0 for c in f.counts), -sum(f.counts), f.phrase))
    return tuple(result)


def formulation_status(formulation: Formulation, a: int, b: int) -> FormulationStatus:
    """The formulation between documents ``a`` and ``b``, read "from a to b"."""
    in_a, in_b = formulation.counts[a] > 0, formulation.counts[b] > 0
    if in_a and in_b:
        return FormulationStatus.SHARED
    variants = formulation.variant_counts
    if variants and ((in_a and variants[b] > 0) or (in_b and variants[a] > 0)):
        return FormulationStatus.VARIANT
    if in_a:
        return FormulationStatus.DROPPED
    if in_b:
        return FormulationStatus.NEW
    return FormulationStatus.ABSENT


def formulation_statuses(
    formulations: Iterable[Formulation], a: int, b: int
) -> tuple[tuple[Formulation, FormulationStatus], ...]:
    """Each formulation present in ``a`` or ``b`` with its status between them."""
    pairs = ((f, formulation_status(f, a, b)) for f in formulations)
    return tuple((f, s) for f, s in pairs if s is not FormulationStatus.ABSENT)


def status_table(
    formulations: Sequence[Formulation], *, reference: int
) -> tuple[tuple[FormulationStatus, ...], ...]:
    """For N documents: one row per formulation, one column per document, each cell the
    status from the ``reference`` document to that one (its own column: shared or absent)."""
    return tuple(
        tuple(formulation_status(f, reference, d) for d in range(len(f.counts)))
        for f in formulations
    )


def formulation_marks(
    formulations: Iterable[Formulation], document: int, paragraphs: int
) -> tuple[tuple[tuple[int, int, str], ...], ...]:
    """Per paragraph of ``document``, its (start, end, phrase) formulation spans, in order
    (``ParagraphMarks.formulations``). Spans may nest (a lexicon term in a longer formula)."""
    marks: list[list[tuple[int, int, str]]] = [[] for _ in range(paragraphs)]
    for formulation in formulations:
        for occurrence in formulation.occurrences:
            if occurrence.document == document:
                marks[occurrence.paragraph].append(
                    (occurrence.start, occurrence.end, formulation.phrase)
                )
    return tuple(tuple(sorted(m)) for m in marks)


__all__ = [
    "discover_formulations",
    "find_formulations",
    "formulation_marks",
    "formulation_status",
    "formulation_statuses",
    "status_table",
]
