"""Regular expressions compiled when first used.

Compiling a character class of Chinese characters takes a millisecond or more (Python's
compiler fills a table of every code point in the range); a module of such patterns costs
every start that imports it, used or not. ``lazy_compile`` returns a stand-in that compiles
on the first method call and then hands out the compiled pattern's own methods (no cost per
call after that). Use it for module-level patterns that many runs never need (traditional
script, web-page lines, PDF layout); call its methods only (``search``, ``sub``…), never
pass it to ``re.sub`` & co. or test it with ``isinstance``.
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = (
    "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "scanner",
    "pattern", "flags", "groups", "groupindex",
)


class LazyPattern:
    """``re.compile(pattern, flags)`` on first use (``lazy_compile``)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def compiled(self) -> re.Pattern[str]:
        compiled = re.compile(*self._source)
        for name in _METHODS:  # found on the instance from now on: __getattr__ is not called
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def lazy_compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first used; typed as the ``re.Pattern`` it stands for."""
    return cast("re.Pattern[str]", LazyPattern(pattern, flags))
