"""English counts in messages: ``1 shared passage``, ``2 shared passages``.

The command line and the engine's warnings are written in English; a count other than one
takes the plural. (The GUI says its counts through the translation catalogue.)
"""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None, *, grouped: bool = False) -> str:
    """``count`` and the noun that agrees with it: ``one`` for 1, else ``many`` (``one`` + s).

    ``grouped`` writes the number with thousands separators (``2,596 characters``).
    """
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {one if count == 1 else (many if many is not None else one + 's')}"
