"""Safe output: every file Tifa writes goes through here.

``atomic_path`` hands the writer a temporary file in the target's own folder; only when the
writer has finished is the file flushed to disk and renamed over the target (``os.replace``,
atomic on POSIX and Windows). If anything fails on the way — an exception, a full disk,
Ctrl+C, a SIGTERM turned into an exception by the CLI — the temporary file is removed and the
old target, if there was one, is left as it was.

``refuse_inputs`` is the one check that an output is not one of the inputs (the same file by
path, symlink or hard link): Tifa never writes to its inputs.

No Qt here; the GUI uses the same functions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = [
    "OutputIsInputError",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "ensure_folder",
    "refuse_inputs",
    "same_file",
]

TEMP_SUFFIX = ".tifa-tmp"


class OutputIsInputError(ValueError):
    """An output path that is one of the inputs (same path, symlink or hard link)."""

    def __init__(self, output: Path, source: Path) -> None:
        self.output = output
        self.source = source
        how = "" if str(output) == str(source) else " (the same file)"
        #: the reason alone, for a message that names the output already
        self.reason = (f"it is the input {source}{how}; "
                       "Tifa never overwrites the documents it reads")
        super().__init__(f"refusing to write {output}: {self.reason}")


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name the same file: equal once resolved, or the same device and inode
    (hard links, symlinks, bind mounts, case-insensitive file systems)."""
    try:
        if os.path.samefile(a, b):
            return True
    except OSError:  # one of them does not exist (yet)
        pass
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False


def refuse_inputs(outputs: Iterable[Path | str], inputs: Iterable[Path | str]) -> None:
    """Raise ``OutputIsInputError`` naming both files when an output is one of the inputs."""
    sources = [Path(p) for p in inputs]
    for output in outputs:
        for source in sources:
            if same_file(output, source):
                raise OutputIsInputError(Path(output), source)


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` and its parents. A file in the way is named in a ``NotADirectoryError``
    (``mkdir`` alone would say "File exists", which reads as if the report were there)."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "a file is in the way of the folder",
                                 str(existing))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as error:
        raise PermissionError(errno.EACCES, "permission denied: the folder cannot be made",
                              error.filename) from None


def _final_target(path: Path) -> Path:
    """Write through a symlink to the file it names (replacing the link itself would turn it
    into a plain file)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0o666 minus umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; when the ``with`` block ends normally, the
    temporary file (which the block must have written) replaces ``path`` in one step.

    On any exception, ``KeyboardInterrupt`` included, the temporary file is removed, ``path`` is
    untouched and the exception goes on. Missing parent folders are created.
    """
    target = _final_target(Path(path))
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder has this name", str(target))
    try:
        # the path as given, links followed by the system: /dev/stdout on a pipe resolves
        # (realpath) to "/proc/N/fd/pipe:[…]", a name that does not exist, but is a pipe
        existing = os.stat(path)
    except OSError:
        existing = None
    if existing is None or stat.S_ISREG(existing.st_mode):
        try:
            existing = target.stat()
        except OSError:
            existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # a pipe, a device (/dev/null, /dev/stdout…), a socket: renaming over it would
        # replace it with a plain file
        raise OSError(errno.EINVAL, "not a regular file (a pipe or a device): Tifa writes "
                      "reports only to regular files", str(target))
    if existing is not None and not os.access(target, os.W_OK):
        # renaming over it would succeed; writing to it would not: keep what the user meant
        raise PermissionError(errno.EACCES, "the file is read-only", str(target))
    ensure_folder(target.parent)
    temporary: Path | None = None
    try:
        # The name is known before the file exists, so an interruption at any point (a
        # signal turned into an exception) leaves nothing behind.
        while True:
            # os.urandom, as secrets.token_hex does (importing secrets loads hmac and
            # OpenSSL's hashes: ~8 ms of every comparison)
            temporary = target.parent / f".{target.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}"
            try:
                os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                break
            except FileExistsError:
                continue
            except PermissionError:  # name the folder, not the temporary file
                raise PermissionError(errno.EACCES, "permission denied: no new file may be "
                                      "made in the folder", str(target.parent)) from None
        yield temporary
        with temporary.open("rb+") as handle:  # the writer may have closed its own handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    _fsync_folder(target.parent)


def atomic_write_bytes(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; returns ``path``."""
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)


def atomic_write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (no newline translation); returns ``path``."""
    return atomic_write_bytes(path, text.encode(encoding))
