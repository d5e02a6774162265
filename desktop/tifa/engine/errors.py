"""The one error type bad input becomes, so callers catch exactly this and show its message."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A file Tifa cannot read, with the file and the reason in words a user understands."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        from tifa.engine.safe_text import shown_name

        super().__init__(f"{shown_name(self.path)}: {reason}")
