"""Workspace files: the set of open documents, the pivot and the comparison settings.

A workspace is a small JSON file (``*.tifa.json``). Document paths are stored relative to the
workspace's folder when they lie below it, so a folder of reports with its workspace can be
moved or shared; otherwise absolute. No Qt here.

Reading trusts nothing in the file: only a regular file of at most ``MAX_WORKSPACE_BYTES`` is
read (a pipe named ``x.tifa.json`` is refused without waiting for a writer, a link to
/dev/zero is refused before reading), a UTF-8 byte-order mark is accepted, nesting too deep
for the JSON parser is a message, and the settings are checked key by key against
``tifa.engine.compare.settings_schema``: a bad value keeps its default and becomes a warning
naming the file and the key, while the documents still load. A file that is not a workspace,
or whose document list is malformed or longer than ``MAX_WORKSPACE_DOCUMENTS``, is refused
with a ``WorkspaceError``. The GUI reads workspaces on a worker thread.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tifa.engine.atomic import atomic_write_text
from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.engine.compare.pipeline import MAX_DOCUMENTS
from tifa.engine.compare.settings_schema import settings_from_mapping
from tifa.engine.errors import NOT_REGULAR, file_problem, os_reason

FORMAT = "tifa-workspace"
VERSION = 1
SUFFIX = ".tifa.json"
#: A workspace lists paths and a few settings: 4 MB holds tens of thousands of paths.
MAX_WORKSPACE_BYTES = 4 * 1024 * 1024
#: More documents than this in one workspace is not a workspace Tifa wrote (it compares at
#: most ``MAX_DOCUMENTS`` at a time).
MAX_WORKSPACE_DOCUMENTS = 20 * MAX_DOCUMENTS


class WorkspaceError(Exception):
    """A workspace file that cannot be read, with the reason in words."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True, slots=True)
class Workspace:
    documents: tuple[Path, ...]
    pivot: Path | None = None
    settings: CompareSettings = field(default_factory=CompareSettings)
    #: what was not used, in words naming the file and the key (bad settings values)
    warnings: tuple[str, ...] = ()


def _settings_to_json(settings: CompareSettings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(settings):
        if f.name == "pivot":
            continue
        value = getattr(settings, f.name)
        out[f.name] = value.value if isinstance(value, Granularity) else value
    return out


def _relative(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix() if (
            path.resolve().is_relative_to(base.resolve())
        ) else str(path.resolve())
    except ValueError:  # another drive on Windows
        return str(path.resolve())


def save_workspace(path: Path, workspace: Workspace) -> None:
    base = path.resolve().parent
    data = {
        "format": FORMAT,
        "version": VERSION,
        "documents": [_relative(p, base) for p in workspace.documents],
        "pivot": _relative(workspace.pivot, base) if workspace.pivot else None,
        "settings": _settings_to_json(workspace.settings),
    }
    # whole or not at all: a temporary file in the same folder, renamed over the old one
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes (symbolic
    links followed), else ``WorkspaceError``. Never blocks on a pipe, never reads past
    ``limit``."""
    problem = file_problem(path)  # missing, permission denied, a folder, a pipe or a device
    if problem is not None:
        raise WorkspaceError(path, problem)
    try:
        info = os.stat(path)
    except OSError as e:  # gone since
        raise WorkspaceError(path, os_reason(e)) from e
    if info.st_size > limit:
        raise WorkspaceError(path, f"too large for a workspace ({info.st_size:,} bytes; "
                                   f"at most {limit:,})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
        # the file may have been swapped since the stat: check what was opened
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise WorkspaceError(path, NOT_REGULAR)
        with os.fdopen(fd, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise WorkspaceError(path, os_reason(e)) from e
    if len(data) > limit:
        raise WorkspaceError(path, f"too large for a workspace (more than {limit:,} bytes)")
    return data


def _resolved(base: Path, entry: str, path: Path, what: str) -> Path:
    try:
        return (base / entry).resolve()
    except (OSError, ValueError, RuntimeError) as e:  # NUL bytes, link loops
        raise WorkspaceError(path, f"{what} {entry[:60]!r} is not a usable path ({e})") from e


def load_workspace(path: Path) -> Workspace:
    """Read and check a workspace file. Raises ``WorkspaceError`` (the file named, the reason
    in words) for anything that is not a usable workspace; bad settings values only give
    ``Workspace.warnings``."""
    data_bytes = read_regular_file(path, MAX_WORKSPACE_BYTES)
    try:
        data = json.loads(data_bytes.decode("utf-8-sig"))  # utf-8-sig: a BOM is accepted
    except UnicodeDecodeError as e:
        raise WorkspaceError(path, f"not a workspace file (not UTF-8 text: {e.reason})") from e
    except json.JSONDecodeError as e:
        raise WorkspaceError(path, f"not a workspace file ({e})") from e
    except RecursionError as e:
        raise WorkspaceError(path, "not a workspace file (nested too deeply)") from e
    except ValueError as e:  # an integer of thousands of digits (Python's int limit)
        raise WorkspaceError(path, "not a workspace file (a number too long to read)") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceError(path, "not a Tifa workspace file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= VERSION:
        shown = repr(version) if len(repr(version)) <= 40 else repr(version)[:37] + "…"
        raise WorkspaceError(path, f"workspace version {shown} is not supported")
    base = path.resolve().parent
    raw_documents = data.get("documents")
    if not isinstance(raw_documents, list) or not all(isinstance(d, str) for d in raw_documents):
        raise WorkspaceError(path, "the document list is missing or malformed")
    if len(raw_documents) > MAX_WORKSPACE_DOCUMENTS:
        raise WorkspaceError(
            path, f"lists {len(raw_documents):,} documents; a workspace holds at most "
                  f"{MAX_WORKSPACE_DOCUMENTS:,} (Tifa compares at most {MAX_DOCUMENTS} at a time)"
        )
    documents = tuple(_resolved(base, d, path, "document") for d in raw_documents)
    pivot = data.get("pivot")
    warnings: list[str] = []
    if pivot is not None and not isinstance(pivot, str):
        warnings.append(f"{path}: pivot: {str(pivot)[:40]!r} is not a path; "
                        "the most central document is used")
        pivot = None
    settings, problems = settings_from_mapping(data.get("settings", {}))
    warnings.extend(f"{path}: settings: {p}" for p in problems)
    return Workspace(
        documents=documents,
        pivot=_resolved(base, pivot, path, "pivot") if isinstance(pivot, str) else None,
        settings=settings,
        warnings=tuple(warnings),
    )
