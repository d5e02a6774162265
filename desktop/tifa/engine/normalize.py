"""The normalised form of a paragraph, what comparison runs on, with an exact map back.

``normalize_paragraph`` turns displayed text into the form two documents are compared in:
pinyin glosses dropped (``統(tǒng)籌`` → ``統籌``), traditional → simplified (OpenCC ``t2s`` plus
the Taiwan/Hong Kong variants it leaves alone), Chinese punctuation in full-width form where the
text around it is Chinese (``,`` → ``，`` but ``12,345``, ``1:2`` and Latin text stay),
full-width digits and letters → ASCII, whitespace and invisible characters dropped. Every step
either keeps or drops characters or replaces one character by one, except OpenCC, whose
output is mapped segment by segment; so ``starts``/``ends`` are exact and monotonic.

Normalising twice changes nothing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tifa.engine import gloss
from tifa.engine.gloss import HAN
from tifa.engine.gloss import INVISIBLE as _INVISIBLE
from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import Document, OffsetMap, Paragraph, ParagraphKind, offset_map

if TYPE_CHECKING:
    from opencc import OpenCC

Normalized = tuple[str, Sequence[int], Sequence[int]]

# --- character classes -------------------------------------------------------------------

# Chinese-ish context: Han, kana, hangul, CJK symbols and full-width punctuation, and the curly
# quotes, dashes and ellipsis Chinese text uses. Full-width letters and digits are NOT here:
# they become ASCII, and a class must not change between two passes (idempotence).
_CJK_CLASS = (
    rf"{HAN}\u3000-\u30ff\u3100-\u312f\u31a0-\u31ff\uac00-\ud7af"
    r"\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\ufe10-\ufe1f\ufe30-\ufe6f"
    r"\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7"
)
_CJK_CONTEXT_RE = re.compile(f"[{_CJK_CLASS}]")
_LATIN_ALNUM_RE = re.compile(r"[0-9A-Za-z\u00c0-\u024f]")

# Glosses (统(tǒng), 黨(dang)(dang)) as ``gloss`` defines them, for every place that leaves them
# out; a gloss whose opening parenthesis went into a damaged character ("任務?wù)" for 任務(wù)):
# the tone-marked syllable and its closing parenthesis right after the ``?`` or U+FFFD.
_BROKEN_GLOSS = rf"(?<=[?？\ufffd]){gloss.BROKEN_TAIL}"


@cache
def _drop_re() -> re.Pattern[str]:
    """Glosses, broken glosses and invisible characters (compiled when a text first has a
    parenthesis or an invisible character)."""
    return re.compile(rf"{gloss.gloss()}|{_BROKEN_GLOSS}|[{_INVISIBLE}]+")


_SPACE_RE = re.compile(r"\s+")
_DROP_HINT_RE = re.compile(f"[(（)）{_INVISIBLE}]")  # cheap test before the gloss pattern

# ASCII punctuation that becomes full-width in Chinese context, and those full-width forms:
# both belong to one "run" so a run has the same extent before and after conversion.
_FULLWIDTH_OF = {
    ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。",
}
_RUN_RE = re.compile(r"""[,;:?!().'"，；：？！（）。“”‘’]+""")


# CJK Radicals Supplement → the ideograph it looks like (Unicode's
# EquivalentUnifiedIdeograph.txt, U+2E81..U+2EF3). PDF text layers use these (⻓ for 长, ⺠ for
# 民); NFKC leaves all but two of them alone. Kangxi radicals (⽉ for 月) fold by NFKC.
_RADICAL_SUPPLEMENT = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 "
    "⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 "
    "⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 ⺨犭 "
    "⺩王 ⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 "
    "⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 ⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 "
    "⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 "
    "⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 "
    "⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 "
    "⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟 "
)


def _radical_table() -> dict[int, str]:
    table = {int(code): folded for code in range(0x2F00, 0x2FD6)
             if len(folded := unicodedata.normalize("NFKC", chr(code))) == 1}
    for pair in _RADICAL_SUPPLEMENT.split():
        table[ord(pair[0])] = pair[1]
    return table


RADICAL_TABLE = _radical_table()


def _build_table() -> dict[int, str]:
    """One-to-one character replacements (``str.translate``): widths, variants, quotes."""
    table: dict[int, str] = {}
    keep_fullwidth = set("！，：；？（）")
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        ch = chr(code)
        if ch not in keep_fullwidth:
            table[code] = chr(code - 0xFEE0)
    table.update(RADICAL_TABLE)
    for code in itertools.chain(range(0xF900, 0xFADA), range(0xFE10, 0xFE1A),
                                range(0xFE30, 0xFE6C)):
        # Compatibility ideographs (common in PDF text), vertical and small punctuation
        # forms: their compatibility form when it is one character.
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    for code, folded in list(table.items()):  # small forms may fold to ASCII we'd convert
        table[code] = {"\uff0c": "，"}.get(folded, folded)
    table.update(
        {
            ord("「"): "“", ord("」"): "”", ord("『"): "‘", ord("』"): "’",
            ord("﹁"): "“", ord("﹂"): "”", ord("﹃"): "‘", ord("﹄"): "’",
            ord("\uff61"): "。", ord("\uff64"): "、", ord("\uff62"): "“", ord("\uff63"): "”",
            ord("・"): "·", ord("‧"): "·", ord("•"): "·", ord("∙"): "·", ord("･"): "·",
            ord("―"): "—", ord("─"): "—", ord("〜"): "~",
            ord("＂"): '"', ord("＇"): "'",
        }
    )
    # Whatever the table maps to must itself be left alone (idempotence).
    for code, target in list(table.items()):
        if len(target) == 1 and ord(target) in table and table[ord(target)] != target:
            table[code] = table[ord(target)]
    return table


_TABLE = _build_table()
# str.translate looks up every character: first check that there is anything to replace.
_TABLE_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
_KEEP_AS_SPACE = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\u00a0\u3000\u2002\u2003\u2009"})
_OTHER_SPACE_RE = re.compile(r"[^\S ]")  # whitespace other than a plain space

# Variants OpenCC's t2s leaves as they are but its Taiwan/Hong Kong configs fold (measured over
# all BMP ideographs): applied after t2s. 著 and 么 are left out: tw2s's reading is contextual.
_VARIANTS = str.maketrans(
    {"敍": "叙", "枱": "台", "痺": "痹", "簷": "檐", "粧": "妆", "糭": "粽", "衞": "卫",
     "衹": "只", "睪": "睾", "苧": "苎"}
)
_VARIANTS_RE = re.compile("[敍枱痺簷粧糭衞衹睪苧]")
# Taiwan texts write 着 as 著 — the particle (隨著, 意味著) and zhuó (著力, 著眼); t2s keeps
# 著 everywhere. These pairs are unambiguous; 著名, 显著, 著作 are not touched.
_ZHE_RE = re.compile(
    "(随|接|意味|沿|朝|向|顺|跟|围绕|怀|盯|紧接|伴随|保持|包含|面临|代表|象征|标志|蕴含|承载|"
    "肩负|推动|引领|发挥|扮演|经历|决定|影响|注视|凝聚|闪烁|牵挂|惦记|存在|本|握|守|"
    "穿|戴|挂|藏|坐|站|躺|笑|唱|跑|走|忙|试|拿|带|看|写|说|想|有|等|为)"
    "著(?![名作称述录者书文译论稿])"
    # 著 read zhuó, written 着 in simplified text: 著力, 著眼, 著手, 著重…
    "|()著(?=力|眼|手|重|想|落|陆|迷|急|凉|装|实|色|魔|火|地)"
)


@cache
def _converter() -> OpenCC:
    """The one OpenCC instance (building it reads dictionaries: do it once)."""
    from opencc import OpenCC

    return OpenCC("t2s")


def is_cjk_context(ch: str) -> bool:
    return _CJK_CONTEXT_RE.match(ch) is not None


def _is_latin_alnum(ch: str | None) -> bool:
    return ch is not None and _LATIN_ALNUM_RE.match(ch) is not None


def _is_cjk(ch: str | None) -> bool:
    return ch is not None and _CJK_CONTEXT_RE.match(ch) is not None


# --- the steps ---------------------------------------------------------------------------


def _drop_spans(text: str) -> tuple[str, list[int] | None]:
    """Drop glosses, invisible characters and whitespace; return the kept text and the
    source index of each kept character (None when nothing was dropped). Whitespace between
    Latin words is kept as one space (``COVID 19``, ``Hello, world``); elsewhere (Chinese
    text, indentation) it goes. Glosses go first, so the whitespace decision sees the text
    without them."""
    if _DROP_HINT_RE.search(text):
        first, first_index = _drop_matches(text, _drop_re(), keep_space=False,
                                           accept=gloss.is_gloss)
    else:
        first, first_index = text, None
    second, second_index = _drop_matches(first, _SPACE_RE, keep_space=True)
    if first_index is None:
        return second, second_index
    if second_index is None:
        return second, first_index
    return second, [first_index[i] for i in second_index]


def _drop_matches(
    text: str, pattern: re.Pattern[str], *, keep_space: bool,
    accept: Callable[[re.Match[str]], bool] | None = None,
) -> tuple[str, list[int] | None]:
    """``text`` without the matches of ``pattern`` (those ``accept`` takes, if given) and the
    index of each kept character (None when nothing was dropped)."""
    if accept is None:
        spans = [m.span() for m in pattern.finditer(text)]
    else:
        spans = [m.span() for m in pattern.finditer(text) if accept(m)]
    if not spans:
        return text, None
    if keep_space:  # whitespace between Latin words keeps its first character
        spans = [(a + 1, b) if _between_latin_words(text, a, b) else (a, b) for a, b in spans]
    kept_from = [0, *(b for _, b in spans)]
    kept_to = [*(a for a, _ in spans), len(text)]
    kept = "".join(map(text.__getitem__, map(slice, kept_from, kept_to)))
    return kept, list(itertools.chain.from_iterable(map(range, kept_from, kept_to)))


def _between_latin_words(text: str, a: int, b: int) -> bool:
    """Whether the whitespace ``text[a:b]`` separates Latin words: the nearest characters on
    both sides, looking past punctuation we may convert, are Latin letters or digits."""
    while a > 0 and text[a - 1] in _RUN_CHARS:
        a -= 1
    while b < len(text) and text[b] in _RUN_CHARS:
        b += 1
    return a > 0 and b < len(text) and _is_latin_alnum(text[a - 1]) and _is_latin_alnum(text[b])


def _convert_punctuation(text: str) -> str:
    """ASCII punctuation → full-width where the text around it is Chinese.

    Decided per run of punctuation from the characters on either side of the run; quotes and
    parentheses are decided per pair. A run between two Latin letters/digits (12,345, 1:2,
    5.7, don't) stays as it is."""
    if not _ASCII_PUNCT_RE.search(text):
        return text
    if not _PAIRED_RE.search(text):
        # The common case, only ,;:?! to decide: a run with Chinese on either side converts
        # (then it cannot have Latin letters on both sides).
        return _CHINESE_RUN_RE.sub(_fullwidth_run, text)
    return _convert_punctuation_pairs(text)


def _convert_punctuation_pairs(text: str) -> str:
    """The general case of ``_convert_punctuation``, with quotes, parentheses and dots."""
    n = len(text)
    contexts: dict[int, tuple[bool, bool]] = {}  # index -> (chinese context, between alnum)
    for m in _RUN_RE.finditer(text):
        a, b = m.span()
        ctx = _run_context(text, a, b)
        for i in range(a, b):
            contexts[i] = ctx
    convert = {i: ctx[0] and not ctx[1] for i, ctx in contexts.items()}
    changes: dict[int, str] = {}

    # Parentheses: a pair converts together if either end is in Chinese context.
    stack: list[int] = []
    for i in contexts:  # in text order
        ch = text[i]
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            j = stack.pop()
            both = convert[i] or convert[j]
            convert[i] = convert[j] = both
    # Quotes: ASCII quotes pair in order; a pair converts if either end is in Chinese context.
    for quote, (open_q, close_q) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        positions = [i for i in contexts if text[i] == quote and not contexts[i][1]]
        for k in range(0, len(positions) - 1, 2):
            i, j = positions[k], positions[k + 1]
            if convert[i] or convert[j]:
                changes[i], changes[j] = open_q, close_q
        if len(positions) % 2 and convert[positions[-1]]:
            last = positions[-1]
            after = text[last + 1] if last + 1 < n else None
            changes[last] = open_q if _is_cjk(after) else close_q
    for i in contexts:
        ch = text[i]
        if ch in _FULLWIDTH_OF and convert[i]:
            if ch == "." and not _full_stop(text, i):
                continue
            changes[i] = _FULLWIDTH_OF[ch]
    if not changes:
        return text
    chars = list(text)
    for i, ch in changes.items():
        chars[i] = ch
    return "".join(chars)


def _run_context(text: str, a: int, b: int) -> tuple[bool, bool]:
    """(Chinese on either side, Latin letters/digits on both sides) of ``text[a:b]``."""
    before = text[a - 1] if a > 0 else None
    after = text[b] if b < len(text) else None
    return (_is_cjk(before) or _is_cjk(after),
            _is_latin_alnum(before) and _is_latin_alnum(after))


def _fullwidth_run(m: re.Match[str]) -> str:
    return m.group().translate(_SIMPLE_FULLWIDTH)


_ASCII_PUNCT_RE = re.compile(r"""[,;:?!().'"]""")
_PAIRED_RE = re.compile(r"""[().'"]""")
_RC = r"""\,;:?!().'"，；：？！（）。“”‘’"""  # run characters, as a class body
_CHINESE_RUN_RE = lazy_compile(
    rf"(?<=[{_CJK_CLASS}])(?<![{_RC}])[{_RC}]+|(?<![{_RC}])[{_RC}]+(?=[{_CJK_CLASS}])(?![{_RC}])"
)
_SIMPLE_FULLWIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！"})


def _full_stop(text: str, i: int) -> bool:
    """A '.' is a Chinese full stop only right after Chinese and alone (not '...', not 5.7)."""
    before = text[i - 1] if i > 0 else None
    after = text[i + 1] if i + 1 < len(text) else None
    if not _is_cjk(before) or before in _RUN_CHARS:
        return False
    return after is None or after in _CLOSERS or (_is_cjk(after) and after not in _RUN_CHARS)


_CLOSERS = frozenset(""")'"”’）""")  # either form: the decision must not change on a 2nd pass
_RUN_CHARS = frozenset(""",;:?!().'"，；：？！（）。“”‘’""")


def _pre_opencc(text: str) -> tuple[str, list[int] | None]:
    """Everything before OpenCC; the index of each kept character (None: all kept)."""
    if _TABLE_RE.search(text):
        text = text.translate(_TABLE)
    kept, index = _drop_spans(text)
    if _OTHER_SPACE_RE.search(kept):
        kept = kept.translate(_KEEP_AS_SPACE)
    return _convert_punctuation(kept), index


_SURROGATE_RE = lazy_compile("([\ud800-\udfff]+)")


def _simplify(text: str) -> str:
    try:
        out: str = _converter().convert(text)
    except UnicodeEncodeError:  # lone surrogates (OpenCC takes UTF-8): convert around them
        pieces = _SURROGATE_RE.split(text)
        out = "".join(p if i % 2 else _converter().convert(p) for i, p in enumerate(pieces))
    if _VARIANTS_RE.search(out):
        out = out.translate(_VARIANTS)
    if "著" in out:
        out = _zhe_to_zhe(out)
    return out


def _zhe_to_zhe(text: str) -> str:
    """``_ZHE_RE.sub(…)``: 著 made 着 where the pattern says, the pattern tried only where it
    can match — at each 著 and the two characters before it (every match holds a 著 there) —
    in order, each try after the last match, as ``sub`` scans. ``sub`` tried its
    alternation at every character: 25 ms for the long pair's 200,000 characters."""
    tries: list[int] = []
    at = text.find("著")
    while at >= 0:
        tries.extend(p for p in (at - 2, at - 1, at) if p >= 0 and (not tries or p > tries[-1]))
        at = text.find("著", at + 1)
    pieces: list[str] = []
    done = 0
    for start in tries:
        if start < done:
            continue
        match = _ZHE_RE.match(text, start)
        if match is not None:
            pieces += (text[done:start], match.group(1) or "", "着")
            done = match.end()
    pieces.append(text[done:])
    return "".join(pieces)


_SEGMENT_RE = lazy_compile(rf"[{HAN}]+|[^{HAN}]+")


# The identity maps of short paragraphs, shared: a file of a million short lines would
# otherwise hold two million small ranges (~100 MB).
_SHORT_SPANS = tuple((range(n), range(1, n + 1)) for n in range(128))


def _spans(index: list[int] | None, length: int) -> tuple[Sequence[int], Sequence[int]]:
    """The offset maps of a text whose characters come from source ``index`` one to one
    (None: the identity). Identity maps are ``range``s (no memory per character), the others
    ``OffsetMap``s (4 bytes a character): a 19 MB text held ~330 MB of tuples of ints."""
    if index is None:
        return _identity(length)
    starts = offset_map(index, 0)
    if isinstance(starts, range):
        return _identity(length)
    return starts, OffsetMap(map((1).__add__, index))


def _identity(length: int) -> tuple[range, range]:
    if length < len(_SHORT_SPANS):
        return _SHORT_SPANS[length]
    return range(length), range(1, length + 1)


def _simplify_mapped(
    text: str, index: list[int] | None
) -> tuple[str, Sequence[int], Sequence[int]]:
    """Simplify ``text`` (whose characters come from source ``index``) and map each output
    character to a source span. Equal lengths map one to one; otherwise segment by segment,
    a segment whose length changed mapping all its output to the segment's whole span."""
    out = _simplify(text)
    if len(out) == len(text):
        return (out, *_spans(index, len(text)))
    source = index if index is not None else list(range(len(text)))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _SEGMENT_RE.finditer(text):
        a, b = m.span()
        seg = _simplify(m.group())
        pieces.append(seg)
        if len(seg) == b - a:
            starts.extend(source[a:b])
            ends.extend(i + 1 for i in source[a:b])
        else:
            starts.extend([source[a]] * len(seg))
            ends.extend([source[b - 1] + 1] * len(seg))
    return "".join(pieces), offset_map(starts, 0), offset_map(ends, 1)


def normalize_paragraph(text: str) -> Normalized:
    """``(normalized, starts, ends)`` for one paragraph's displayed text; see module doc."""
    return normalize_paragraphs([text])[0]


def normalize_paragraphs(texts: Sequence[str]) -> list[Normalized]:
    """Normalise many paragraphs at once (one OpenCC call for all: much faster)."""
    prepared = [_pre_opencc(t) for t in texts]
    joined = "\n".join(p for p, _ in prepared)  # no newline survives _pre_opencc
    converted = _simplify(joined)
    results: list[Normalized] = []
    if len(converted) == len(joined):
        pos = 0
        for pre, index in prepared:
            out = converted[pos: pos + len(pre)]
            pos += len(pre) + 1
            results.append((out, *_spans(index, len(pre))))
        return results
    return [_simplify_mapped(pre, index) for pre, index in prepared]


def make_paragraph(index: int, text: str, *, kind: ParagraphKind = ParagraphKind.BODY) -> Paragraph:
    normalized, starts, ends = normalize_paragraph(text)
    return Paragraph(index, text, normalized, starts, ends, kind)


def make_paragraphs(
    texts: Iterable[tuple[str, ParagraphKind]], *, first_index: int = 0
) -> tuple[Paragraph, ...]:
    """Paragraphs for ``(text, kind)`` pairs, normalised in one batch."""
    items = list(texts)
    forms = normalize_paragraphs([t for t, _ in items])
    return tuple(
        Paragraph(first_index + k, text, norm, starts, ends, kind)
        for k, ((text, kind), (norm, starts, ends)) in enumerate(zip(items, forms, strict=True))
    )


# --- sentences ---------------------------------------------------------------------------

_SENTENCE_END_RE = lazy_compile(r"[。！？；!?;]+[”’」』）)》\"']*|\n+")


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Half-open spans of the sentences of ``text``: each ends after 。！？； (or their ASCII
    forms) and any closing quotes/brackets that follow; line breaks also end a sentence.
    Leading/trailing whitespace is left out of the spans; empty sentences are skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        end = m.end() if m.group()[0] != "\n" else m.start()
        _add_span(text, start, end, spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return tuple(spans)


def _add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


# --- documents from plain text -----------------------------------------------------------


def document_from_text(
    text: str, *, path: Path | str = "<text>", title: str | None = None
) -> Document:
    """A document from plain text (one paragraph a line, or blank-line separated), cleaned
    and with metadata detected exactly as for a .txt file."""
    from tifa.engine.ingest import document_from_string

    return document_from_string(text, path=Path(path), title=title)


def search_form(text: str) -> str:
    """``text`` as a typed search is matched: normalised like the documents (simplified
    script, unified punctuation, no spaces) and casefolded, so 山东 finds 山東省… and 兩個維護
    finds 两个维护 (the heatmap's and the formulation table's filters)."""
    return normalize_paragraph(text)[0].casefold()
