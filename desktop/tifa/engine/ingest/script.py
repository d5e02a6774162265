"""Which script a document is in: simplified, traditional, mixed, or too little to tell."""

from __future__ import annotations

import operator
import re
from functools import cache
from typing import TYPE_CHECKING

from tifa.engine.model import Script

if TYPE_CHECKING:
    from opencc import OpenCC

_HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_SAMPLE = 20_000  # Han characters looked at: plenty to tell, cheap on long documents
_MIN_TELLING = 3  # fewer script-specific characters than this: unknown
#: The characters OpenCC's s2t changes one by one (``resources/script/s2t-characters.txt``).
S2T_CHARACTERS = ("script", "s2t-characters.txt")


@cache
def _s2t() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("s2t")


@cache
def s2t_characters() -> frozenset[str]:
    """The Han characters (of ``_HAN_RE``'s ranges) that OpenCC's s2t changes on their own."""
    from tifa.engine.paths import resource

    text = resource(*S2T_CHARACTERS).read_text(encoding="utf-8")
    return frozenset("".join(line for line in text.splitlines() if not line.startswith("#")))


def detect_script(text: str) -> Script:
    """Count characters only traditional text uses (t2s changes them) against characters
    only simplified text uses (s2t changes them).

    s2t's dictionaries take ~0.04 s to load (its phrase table is ~0.9 MB), so the simplified
    count is first taken character by character (``s2t_characters``): on real text it is
    within a few per cent of s2t's own (phrases such as 皇后 keep a character s2t would
    otherwise change). When the decision is the same for any count from half that estimate
    less 5 to twice it plus 5, that is the decision; otherwise s2t counts."""
    from tifa.engine.normalize import _converter

    han = "".join(_HAN_RE.findall(text[: _SAMPLE * 3]))[:_SAMPLE]
    if not han:
        return Script.UNKNOWN
    traditional = _changed(han, _converter().convert(han))
    estimate = sum(map(s2t_characters().__contains__, han))
    low = _decision(traditional, max(0, estimate // 2 - 5))
    if low is _decision(traditional, 2 * estimate + 5):
        return low  # the same at both ends: the same for every count between (it is monotone)
    return _decision(traditional, _changed(han, _s2t().convert(han)))


def _decision(traditional: int, simplified: int) -> Script:
    telling = traditional + simplified
    if telling < _MIN_TELLING:
        return Script.UNKNOWN
    share = traditional / telling
    if share >= 0.9:
        return Script.TRADITIONAL
    if share <= 0.1:
        return Script.SIMPLIFIED
    return Script.MIXED


def _changed(before: str, after: str) -> int:
    """Places where the two differ, character by character (up to the shorter one's end when
    a phrase changed length), counted at C speed."""
    return sum(map(operator.ne, before, after))
