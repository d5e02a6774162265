"""Tifa's colours, defined once for the app, its key and every report format.

Built on the Okabe–Ito palette (blue, orange, bluish green, yellow, reddish purple), which
readers with the common colour-vision deficiencies tell apart; no two meanings differ by hue
alone where it matters (deleted text is also struck through, changed text underlined). Text
on every background here keeps a contrast of at least 4.5:1 (WCAG 2 AA), checked by
``tests/engine/test_palette.py`` with ``contrast`` below. Colours are hex RGB without ``#``
(DOCX and fpdf2 want them so); ``css`` adds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

# The Okabe–Ito hues the tints below are made from (for reference and the key's swatches).
OKABE_ITO = {
    "orange": "e69f00",
    "sky blue": "56b4e9",
    "bluish green": "009e73",
    "yellow": "f0e442",
    "blue": "0072b2",
    "vermillion": "d55e00",
    "reddish purple": "cc79a7",
}

INK = "1a1a1a"  # body text
PAPER = "ffffff"


@dataclass(frozen=True, slots=True)
class Swatch:
    """A highlight: background and the text colour drawn on it."""

    background: str
    ink: str = INK

    @property
    def css_background(self) -> str:
        return f"#{self.background}"

    @property
    def css_ink(self) -> str:
        return f"#{self.ink}"


class Role(StrEnum):
    """What a colour means. Each role has one swatch (``SWATCHES``)."""

    INSERTED = "inserted"  # this document's words its counterpart lacks; new formulations
    DELETED = "deleted"  # the counterpart's words this document lacks; dropped formulations
    CHANGED = "changed"  # words both have in another form; variant formulations
    SHARED = "shared"  # wording the others have too; shared formulations
    ONLY_HERE = "only-here"  # wording in no other open document
    FORMULATION = "formulation"  # a 提法, underlined
    WARNING = "warning"  # a character the reader could not decode
    FOCUS = "focus"  # a find match, a formulation occurrence jumped to
    NUMBER = "number"  # paragraph numbers
    PIVOT = "pivot"  # the pivot's own cell in a report's formulation table
    ABSENT = "absent"  # neither document has it
    EMPTY = "empty"  # a table cell without a counterpart
    HEADER = "header"  # report table headers


SWATCHES: dict[Role, Swatch] = {
    Role.INSERTED: Swatch("b9dcf5", "0b2545"),  # sky-blue tint
    Role.DELETED: Swatch("fbd3a3", "6b2f00"),  # orange tint, struck through
    Role.CHANGED: Swatch("f5ec8c", "2b2600"),  # yellow tint, underlined
    Role.SHARED: Swatch("bfe7d6", "063d2c"),  # bluish-green tint
    Role.ONLY_HERE: Swatch("b9dcf5", "0b2545"),  # new here = inserted against all others
    Role.FORMULATION: Swatch(PAPER, "0060a0"),  # Okabe-Ito blue, darkened for contrast
    Role.WARNING: Swatch("a63c00", PAPER),  # vermillion, darkened for white text
    Role.FOCUS: Swatch("e7bcd6", "1a1a1a"),  # reddish-purple tint
    Role.NUMBER: Swatch(PAPER, "6b6b6b"),
    Role.PIVOT: Swatch("ececec", INK),
    Role.ABSENT: Swatch(PAPER, "6b6b6b"),
    Role.EMPTY: Swatch("f1f1f1", "6b6b6b"),
    Role.HEADER: Swatch("2f3b52", PAPER),
}


def swatch(role: Role) -> Swatch:
    return SWATCHES[role]


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of hex RGB ``colour`` (with or without ``#``)."""
    colour = colour.lstrip("#")

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio (1..21) of two hex RGB colours."""
    hi, lo = sorted((relative_luminance(foreground), relative_luminance(background)),
                    reverse=True)
    return (hi + 0.05) / (lo + 0.05)


#: How a key names the highlight colours in words (reports written without swatches).
COLOUR_NAMES: dict[Role, str] = {
    Role.INSERTED: "blue",
    Role.DELETED: "orange",
    Role.CHANGED: "yellow",
    Role.SHARED: "green",
    Role.ONLY_HERE: "blue",
    Role.PIVOT: "grey",
}
