"""Invisible characters that do harm, taken out of what was read (text, title, metadata).

- Control characters (C0 but tab and line ends, DEL, C1): no document means them; they break
  the Word and Excel writers (XML 1.0 does not allow them) and ESC sequences would drive a
  terminal that prints a title. Dropped; a page break or record separator becomes a space.
- Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they
  reorder how the text around them is *displayed* ("Trojan Source"), so the text shown
  would not be the text compared. Chinese text never needs them. Dropped, so display and
  comparison see the same order. The marks U+200E/U+200F (no reordering) stay.

Each kind dropped is one warning on the document, with the count.
"""

from __future__ import annotations

import re
from typing import Any

from tifa.engine.model import DocumentWarning
from tifa.engine.wording import counted

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_SEPARATORS = {"\x0b": " ", "\x0c": " ", "\x1c": " ", "\x1d": " ", "\x1e": " ", "\x1f": " ",
               "\x85": " "}
_BIDI_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_ANY_RE = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ControlCleaner:
    """Cleans strings and counts what it dropped; ``warnings()`` says so afterwards."""

    def __init__(self) -> None:
        self.controls = 0
        self.bidi = 0

    def text(self, value: str) -> str:
        if not _ANY_RE.search(value):
            return value
        value, controls = _CONTROL_RE.subn(lambda m: _SEPARATORS.get(m.group(), ""), value)
        value, bidi = _BIDI_RE.subn("", value)
        self.controls += controls
        self.bidi += bidi
        return value

    def value(self, value: Any) -> Any:
        """Strings inside metadata values (lists and mappings from front matter too)."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {self.value(k): self.value(v) for k, v in value.items()}
        return value

    def warnings(self) -> list[DocumentWarning]:
        found = []
        if self.controls:
            found.append(DocumentWarning(
                "control-characters",
                f"{counted(self.controls, 'control character')} (invisible codes such as ESC or "
                "\\x01) removed"))
        if self.bidi:
            found.append(DocumentWarning(
                "bidi-controls",
                f"{counted(self.bidi, 'bidirectional override/isolate character')} (U+202A–U+202E, "
                "U+2066–U+2069) removed: they could display the text in another order than "
                "it is read"))
        return found


def has_controls(text: str) -> bool:
    return _ANY_RE.search(text) is not None
