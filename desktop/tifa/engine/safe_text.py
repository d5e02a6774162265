"""Text that is safe where it goes: in a report file, in a spreadsheet cell, on a terminal.

Reading drops control characters already, but the writers and the terminal output do not rely
on it:

- ``writable`` replaces each C0/C1 control character (tab and newline kept), DEL, lone
  surrogates, the XML non-characters U+FFFE/U+FFFF and the bidi embedding/override/isolate
  controls with U+FFFD, one character for one, so offsets into the text stay valid. XML (DOCX,
  XLSX) rejects the control characters, ESC sequences in a report are noise at best, and a
  right-to-left override (U+202E) would show the rest of a Chinese line reversed.
- ``inert_cell`` neutralises a CSV cell a spreadsheet would read as a formula (OWASP "CSV
  injection": a leading ``= + - @``, tab or carriage return gets a ``'`` in front).
- ``terminal_safe`` makes text safe to print: control characters, DEL and the bidi controls
  that reorder a line become visible ``\\uXXXX`` escapes (valid inside JSON strings too).
"""

from __future__ import annotations

from typing import TypeVar

from tifa.engine.lazy_re import lazy_compile

T = TypeVar("T")

REPLACEMENT = "\ufffd"

# C0 except tab and newline, DEL, C1, surrogates, U+FFFE/U+FFFF, bidi embeddings/overrides/
# isolates (U+202A-U+202E, U+2066-U+2069; the marks U+200E/U+200F are harmless and kept)
UNWRITABLE = lazy_compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)

# what a terminal could act on: C0 but tab/newline, DEL, C1, and the bidi controls that
# reorder what is shown (U+202A-U+202E, U+2066-U+2069)
UNPRINTABLE = lazy_compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def writable(text: str) -> str:
    """``text`` with every character XML or a report cannot hold replaced by U+FFFD."""
    return UNWRITABLE.sub(REPLACEMENT, text)


def terminal_safe(text: str) -> str:
    """``text`` with control characters and bidi overrides shown as ``\\uXXXX``."""
    return UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown_name(name: object) -> str:
    """A file name or path on one line: line breaks and tabs in it shown as ``\\n``/``\\t``
    (a name that breaks the line could pass for another message), control characters as
    ``terminal_safe`` shows them."""
    return terminal_safe(str(name).replace("\n", "\\n").replace("\r", "\\r")
                         .replace("\t", "\\t"))


def starts_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def inert_cell(value: T) -> T | str:
    """A CSV cell no spreadsheet evaluates: text that starts like a formula gets a leading
    apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value
