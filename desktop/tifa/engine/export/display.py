"""The text a reader is shown for a paragraph: ``Paragraph.text`` without pinyin glosses.

``Paragraph.text`` keeps what the source had, so a traditional-script article with glosses
after many characters (``統(tǒng)籌``, seed 002) reads as ``統(tǒng)籌`` there. A reader
(the GUI, the reports) wants the cleaned text in the document's own script: ``統籌``. The
normalised text has no glosses, so they are exactly the runs of ``text`` that no normalised
character maps to (``starts``/``ends``) and that look like ``(pinyin)``; those runs (and
invisible characters left uncovered) are left out here, and every offset is mapped through.

Shared by the GUI and every report format, so both show the same characters and highlights.
No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tifa.engine import gloss
from tifa.engine.model import Document, DocumentWarning, Paragraph

#: Warnings whose positions are damaged characters, marked in the text. Other warnings may
#: carry positions too (``pull-quote``: where the repeated sentence is) that are not damage.
CHARACTER_WARNINGS = frozenset({"corrupted-characters"})

#: Warnings that tell how a document was read rather than that something is wrong with it.
INFORMATIONAL_WARNINGS = frozenset({"date-inferred", "no-date", "pull-quote",
                                    "dropped-captions"})


def is_problem(warning: DocumentWarning) -> bool:
    """Whether the warning says something is wrong with the text (a ⚠ badge), not only how
    it was read (an ⓘ badge)."""
    return warning.code not in INFORMATIONAL_WARNINGS


def damaged_characters(document: Document) -> dict[int, dict[int, str]]:
    """Per paragraph, the offsets in ``Paragraph.text`` of damaged characters, with the
    warning's message."""
    out: dict[int, dict[int, str]] = {}
    for warning in document.warnings:
        if warning.code in CHARACTER_WARNINGS:
            for paragraph, offset in warning.positions:
                out.setdefault(paragraph, {})[offset] = warning.message
    return out

_INVISIBLE = gloss.INVISIBLE
# Runs left out: glosses (``gloss``: ``(tǒng)``, ``（xué）``, ``(dang)(dang)``, several in a
# row), invisible characters, the rest of a gloss whose "(" went into a damaged character.
_INVISIBLE_RUN = re.compile(rf"[{_INVISIBLE}]+")
_BROKEN_GLOSS_RUN = re.compile(gloss.BROKEN_TAIL)
_MAYBE_DROPPED = re.compile(rf"[(（)）{_INVISIBLE}]")
# what every run left out holds: a toned vowel (a gloss, a broken one) or an invisible
# character, or else it is a toneless gloss after Han
_TONED_OR_INVISIBLE = re.compile(rf"[{gloss.TONED}{_INVISIBLE}]")


@dataclass(frozen=True, slots=True)
class DisplayText:
    """A paragraph's shown text and the map from ``Paragraph.text`` offsets onto it."""

    text: str
    #: ``position[i]``: where offset ``i`` of ``Paragraph.text`` lands in ``text`` (one entry
    #: more than the paragraph's text has characters); None when nothing was left out.
    position: tuple[int, ...] | None
    paragraph: Paragraph

    def from_text(self, offset: int) -> int:
        """Offset ``offset`` of ``Paragraph.text`` in the shown text (a character that was
        left out maps to where it would have been)."""
        if self.position is None:
            return offset
        return self.position[max(0, min(offset, len(self.position) - 1))]

    def shows(self, offset: int) -> bool:
        """Whether the character at ``offset`` of ``Paragraph.text`` is shown."""
        if self.position is None:
            return 0 <= offset < len(self.text)
        return 0 <= offset < len(self.position) - 1 and (
            self.position[offset + 1] > self.position[offset]
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The normalised span ``[start, end)`` on the shown text."""
        a, b = self.paragraph.display_span(start, end)
        return self.from_text(a), self.from_text(b)


def _covered(paragraph: Paragraph) -> list[bool]:
    covered = [False] * len(paragraph.text)
    for start, end in zip(paragraph.starts, paragraph.ends, strict=True):
        for i in range(start, min(end, len(covered))):
            covered[i] = True
    return covered


def may_leave_out(text: str) -> bool:
    """Whether ``display_text`` may leave something out of a paragraph with this text (a
    quick test: False means the paragraph is shown as it is). Only runs that match a gloss,
    invisible characters or a broken gloss are left out, each holding a toned vowel, an
    invisible character or a toneless syllable right after Han, so a text without them
    (brackets around a byline, say) keeps every character."""
    return _MAYBE_DROPPED.search(text) is not None and (
        _TONED_OR_INVISIBLE.search(text) is not None
        or gloss.toneless_after_han_re().search(text) is not None
    )


def display_text(paragraph: Paragraph) -> DisplayText:
    """What to show for ``paragraph``: its text without glosses (see the module's note)."""
    text = paragraph.text
    if not _MAYBE_DROPPED.search(text):
        return DisplayText(text, None, paragraph)  # the common case: nothing to leave out
    covered = _covered(paragraph)
    dropped = [False] * len(text)
    i = 0
    while i < len(text):
        if covered[i]:
            i += 1
            continue
        j = i
        while j < len(text) and not covered[j]:
            j += 1
        run = text[i:j]
        if (gloss.gloss_run_re().fullmatch(run) or _INVISIBLE_RUN.fullmatch(run)
                or _BROKEN_GLOSS_RUN.fullmatch(run)):
            for k in range(i, j):
                dropped[k] = True
        elif (m := gloss.gloss_run_re().match(run)) and not run[m.end():].strip():
            for k in range(i, i + m.end()):  # 者(zhě) 鞠: the gloss goes, the space stays
                dropped[k] = True
        i = j
    if not any(dropped):
        return DisplayText(text, None, paragraph)
    position = [0] * (len(text) + 1)
    kept: list[str] = []
    for k, ch in enumerate(text):
        position[k] = len(kept)
        if not dropped[k]:
            kept.append(ch)
    position[len(text)] = len(kept)
    return DisplayText("".join(kept), tuple(position), paragraph)
