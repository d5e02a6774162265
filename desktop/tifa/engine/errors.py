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


# The words every reader and command uses for a path that cannot be read.
NO_SUCH_FILE = "no such file"
PERMISSION_DENIED = "permission denied"
A_FOLDER = "this is a folder, not a file"
NOT_REGULAR = "not a regular file (a pipe or a device)"


def os_reason(error: OSError) -> str:
    """An ``OSError`` met reading a file, in the words Tifa uses (no errno, no repr)."""
    if isinstance(error, FileNotFoundError):
        return NO_SUCH_FILE
    if isinstance(error, PermissionError):
        return PERMISSION_DENIED
    if isinstance(error, IsADirectoryError):
        return A_FOLDER
    if isinstance(error, NotADirectoryError):
        return f"{NO_SUCH_FILE} (a part of the path is a file, not a folder)"
    return str(error.strerror or error)


def file_problem(path: Path | str) -> str | None:
    """Why ``path`` is not a regular file one can read, or None: missing, permission denied,
    a folder, a pipe/socket/device. Symbolic links are followed; nothing is opened, so a pipe
    never blocks (a file unreadable for its own permissions shows when it is opened)."""
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError as error:
        return os_reason(error)
    except ValueError:  # a NUL byte in the name
        return "not a usable file name"
    if stat.S_ISDIR(info.st_mode):
        return A_FOLDER
    if not stat.S_ISREG(info.st_mode):
        return NOT_REGULAR
    return None
