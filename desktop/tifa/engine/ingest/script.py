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


@cache
def _s2t() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("s2t")


def detect_script(text: str) -> Script:
    """Count characters only traditional text uses (t2s changes them) against characters
    only simplified text uses (s2t changes them)."""
    from tifa.engine.normalize import _converter

    han = "".join(_HAN_RE.findall(text[: _SAMPLE * 3]))[:_SAMPLE]
    if not han:
        return Script.UNKNOWN
    traditional = _changed(han, _converter().convert(han))
    simplified = _changed(han, _s2t().convert(han))
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
