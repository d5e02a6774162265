"""Pinyin glosses: the one definition every part of Tifa that leaves them out uses.

A gloss is pinyin in parentheses right after the character it reads: ``統(tǒng)``,
``（xué）``, several in a row (``黨(dang)(dang)``, as some mirror sites print them). With a tone
mark it is a gloss after any character; without one, only when it is one syllable of the
closed list (the syllables of ``resources/pinyin/readings.txt``, from pypinyin) right after
a Han character and written in lower case: ``(AI)``, ``(CPC)``, ``(GDP)``, ``(China)`` stay,
and so do the letter list items ``(a)``, ``(e)``, ``(o)`` and the interjections ``(m)``,
``(n)``, ``(ng)``, ``(hm)``. A toneless syllable must also be a reading of the character before it
(``resources/pinyin/readings.txt``, from pypinyin; ``is_gloss``): units and words that are
spelled like syllables stay, ``时间(min)``, ``1公顷(ha)``, ``丙 (xi)`` (a list item),
``粉丝(fan)``.

Four places leave glosses out, and all take their patterns from here: ``normalize`` (the
compared text), ``export.display`` (the text shown: the runs the normalised text does not
cover that are glosses), the corpus snippets (through ``display.may_leave_out``) and
``ingest.boilerplate.clean_value`` (metadata values as shown).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from tifa.engine.paths import resource

HAN = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2e80-\u2fdf"
    "\U00020000-\U0003134f"
)
TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙǕǗǙǛ"
PINYIN = rf"a-zA-ZüÜ{TONED}"
INVISIBLE = "\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"

#: Syllables of the table that are not read as glosses without a tone mark: letter list
#: items and interjections that look like abbreviations.
NOT_GLOSSES = frozenset({"a", "e", "o", "ê", "m", "n", "ng", "hm", "hng"})


@cache
def syllables() -> frozenset[str]:
    """The toneless syllables read as glosses: the table, less ``NOT_GLOSSES``, with ü also
    written as ü and u (``lü``, ``lüe``, ``lue``) besides the table's v."""
    table = _all_syllables()
    spellings = set(table)
    for s in table:
        if "v" in s:
            spellings.add(s.replace("v", "ü"))
            spellings.add(s.replace("v", "u"))
    return frozenset(spellings - NOT_GLOSSES)


def _alternation(words: frozenset[str]) -> str:
    """A regular expression matching exactly ``words``, as a trie (no backtracking over a
    list of 400 alternatives)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:  # type: ignore[type-arg]
        branches = [ch + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        inner = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{inner})?" if "" in node else inner

    return pattern(trie)


#: The rest of a toned gloss whose opening parenthesis went into a damaged character
#: (``任務?wù)`` for 任務(wù)): the syllable and its closing parenthesis.
BROKEN_TAIL = rf"[{PINYIN}' ]*[{TONED}][{PINYIN}' ]*[)）]"

#: One gloss with a tone mark: ``(tǒng)``, ``（tǒng chóu）``.
TONED_UNIT = rf"[(（][{PINYIN}' ]*[{TONED}][{PINYIN}' ]*[)）]"


@cache
def toneless_unit() -> str:
    """One toneless gloss: a syllable of the table in parentheses, ``(dang)``."""
    return rf"[(（]{_alternation(syllables())}[)）]"


@cache
def gloss() -> str:
    """Glosses in a row after the character they read (spaces and invisible characters
    before each go with them): toned after any character, toned or toneless after Han."""
    unit = rf"(?:{TONED_UNIT}|{toneless_unit()})"
    return (  # the lookahead first: most positions fail at once, before the lookbehinds
        rf"(?=[\s{INVISIBLE}]*[(（])"
        rf"(?:(?<=[{HAN}])(?:[\s{INVISIBLE}]*{unit})+"
        rf"|(?<=[^\s{INVISIBLE}])(?:[\s{INVISIBLE}]*{TONED_UNIT})+)"
    )


@cache
def gloss_run() -> str:
    """A run of text that is only glosses (``export.display``: a run the normalised text does
    not cover), toned or toneless. Such a run is one ``normalize`` dropped, so a toneless one
    followed a Han character: no need to look again."""
    return rf"(?:[\s{INVISIBLE}]*(?:{TONED_UNIT}|{toneless_unit()}))+[{INVISIBLE}]*"


@cache
def gloss_re() -> re.Pattern[str]:
    """``gloss()`` compiled."""
    return re.compile(gloss())


@cache
def gloss_run_re() -> re.Pattern[str]:
    """``gloss_run()`` compiled (use ``fullmatch``)."""
    return re.compile(gloss_run())


@cache
def readings() -> dict[str, frozenset[str]]:
    """The toneless syllables each character reads (``resources/pinyin/readings.txt``)."""
    lines = resource("pinyin", "readings.txt").read_text(encoding="utf-8").splitlines()
    sets: dict[str, set[str]] = {}
    for line in lines:
        if line and not line.startswith("#"):
            syllable, _, chars = line.partition(" ")
            for ch in chars:
                sets.setdefault(ch, set()).add(syllable)
    return {ch: frozenset(v) for ch, v in sets.items()}


_UNIT_RE = re.compile(r"[(（]([^()（）]*)[)）]")
_TONED_RE = re.compile(f"[{TONED}]")


def reads(ch: str, syllable: str) -> bool:
    """Whether ``ch`` reads ``syllable`` (toneless; ü written ü, v or u); a character the
    table does not know reads every syllable."""
    known = readings().get(ch)
    if known is None:
        return True
    return any(s in known for s in
               (syllable, syllable.replace("ü", "v"), syllable.replace("u", "v")))


@cache
def _all_syllables() -> frozenset[str]:
    """Every toneless syllable of the reading table (its lines' first words), ü written v,
    the letters a, e, o included."""
    lines = resource("pinyin", "readings.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.split(" ", 1)[0] for x in lines if x.strip() and not x.startswith("#"))


_WORD_SPLIT_RE = re.compile(r"[\s']+")


def _toneless(text: str) -> str:
    """``text`` in lower case without tone marks, ü written v."""
    bare = unicodedata.normalize("NFD", text.casefold().replace("ü", "v"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).replace("u\u0308", "v")


def _pinyin_word(word: str) -> bool:
    """Whether ``word`` (toneless) is syllables of the table one after another (zhongguo)."""
    table = _all_syllables()
    ends = {0}
    for i in range(1, len(word) + 1):
        if any(j in ends and word[j:i] in table for j in range(max(0, i - 6), i)):
            ends.add(i)
    return len(word) in ends


def looks_like_pinyin(unit: str) -> bool:
    """Whether a toned unit's words are pinyin (``Xí Jìnpíng``, ``Xī'ān``), not a name or
    a word of a language with accents (``Pedro Sánchez``, ``café``)."""
    words = [w for w in _WORD_SPLIT_RE.split(_toneless(unit)) if w]
    return bool(words) and all(_pinyin_word(w) for w in words)


def is_gloss(m: re.Match[str]) -> bool:
    """Whether a match of ``gloss()`` (or a pattern holding it) is glosses: a toned unit
    when its words are pinyin (not ``(Pedro Sánchez)``); a toneless one only when it is a
    reading of the character the match follows (``黨(dang)(dang)``, not ``分钟(min)``)."""
    text = m.group()
    if "(" not in text and "（" not in text:
        return True  # invisible characters, the tail of a broken gloss
    before = m.string[m.start() - 1] if m.start() else ""
    return all(_unit_is_gloss(before, u) for u in _UNIT_RE.findall(text))


@lru_cache(maxsize=8192)
def _unit_is_gloss(before: str, unit: str) -> bool:
    """``is_gloss`` for one unit after ``before`` (a glossed page repeats its pairs)."""
    return looks_like_pinyin(unit) if _TONED_RE.search(unit) else reads(before, unit)


def drop_glosses(text: str) -> str:
    """``text`` without its glosses."""
    return gloss_re().sub(lambda m: "" if is_gloss(m) else m.group(), text)


@cache
def toneless_after_han_re() -> re.Pattern[str]:
    """A toneless gloss right after Han (a quick test that a text may hold one)."""
    return re.compile(rf"(?<=[{HAN}])[\s{INVISIBLE}]*{toneless_unit()}")
