"""Characters an encoding accident left behind (U+FFFD, private-use code points, ``?`` that
replaced Chinese characters): kept in the text, reported with their positions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tifa.engine.lazy_re import lazy_compile
from tifa.engine.model import DocumentWarning, Paragraph
from tifa.engine.wording import counted

_HAN = "\u3400-\u9fff\uf900-\ufaff"
# U+FFFD and private-use characters are always damage. A "?" is damage when it stands in
# Chinese text and is not a question mark: doubled, or followed by latin letters (a pinyin
# gloss whose parenthesis went too) or by other punctuation ("?!", "?,", "?、", the usual
# remains of mis-decoded “。”). Compiled (~3 ms: its Han classes) when a text first has a
# character ``_HINT_RE`` finds.
_CORRUPT_RE = lazy_compile(
    r"[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]"
    rf"|(?<=[{_HAN}，。、”“)）])\?+(?=[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ!,、])"
    rf"|(?<=[{_HAN}，。、”“)）])\?{{2,}}"
    rf"|\?{{2,}}(?=[{_HAN}])"
)

_HINT_RE = re.compile(r"[?\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff]")


def corruption_warning(paragraphs: Sequence[Paragraph]) -> DocumentWarning | None:
    """One warning listing every corrupted character as (paragraph, offset in text)."""
    positions: list[tuple[int, int]] = []
    for p in paragraphs:
        if not _HINT_RE.search(p.text):
            continue
        for m in _CORRUPT_RE.finditer(p.text):
            positions.extend((p.index, i) for i in range(m.start(), m.end()))
    if not positions:
        return None
    places = len({pi for pi, _ in positions})
    return DocumentWarning(
        "corrupted-characters",
        f"{counted(len(positions), 'corrupted character')} (?, U+FFFD or private-use code "
        f"points left by a wrong encoding) in {counted(places, 'paragraph')}; kept as they are",
        tuple(positions),
    )
