"""Workspace files: the set of open documents, the pivot and the comparison settings.

A workspace is a small JSON file (``*.tifa.json``). Document paths are stored relative to the
workspace's folder when they lie below it, so a folder of reports with its workspace can be
moved or shared; otherwise absolute. No Qt here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tifa.engine.atomic import atomic_write_text
from tifa.engine.compare.model import CompareSettings, Granularity

FORMAT = "tifa-workspace"
VERSION = 1
SUFFIX = ".tifa.json"


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


def _settings_to_json(settings: CompareSettings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(settings):
        if f.name == "pivot":
            continue
        value = getattr(settings, f.name)
        out[f.name] = value.value if isinstance(value, Granularity) else value
    return out


def _settings_from_json(data: object) -> CompareSettings:
    if not isinstance(data, dict):
        return CompareSettings()
    known = {f.name for f in fields(CompareSettings)} - {"pivot"}
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
    if "granularity" in values:
        values["granularity"] = Granularity(values["granularity"])
    return CompareSettings(**values)


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


def load_workspace(path: Path) -> Workspace:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise WorkspaceError(path, e.strerror or str(e)) from e
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise WorkspaceError(path, f"not a workspace file ({e})") from e
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise WorkspaceError(path, "not a Tifa workspace file")
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise WorkspaceError(path, f"workspace version {data.get('version')!r} is not supported")
    base = path.resolve().parent
    raw_documents = data.get("documents")
    if not isinstance(raw_documents, list) or not all(isinstance(d, str) for d in raw_documents):
        raise WorkspaceError(path, "the document list is missing or malformed")
    documents = tuple((base / d).resolve() for d in raw_documents)
    pivot = data.get("pivot")
    try:
        settings = _settings_from_json(data.get("settings"))
    except (TypeError, ValueError) as e:
        raise WorkspaceError(path, f"bad settings ({e})") from e
    return Workspace(
        documents=documents,
        pivot=(base / pivot).resolve() if isinstance(pivot, str) else None,
        settings=settings,
    )
