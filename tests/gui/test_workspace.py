"""Workspace files round-trip documents, pivot and settings, and refuse what they are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.gui.workspace import Workspace, WorkspaceError, load_workspace, save_workspace


def test_round_trip_with_paths_relative_to_the_workspace(tmp_path: Path) -> None:
    docs = tmp_path / "reports"
    docs.mkdir()
    a, b = docs / "a.txt", docs / "b.txt"
    for p in (a, b):
        p.write_text("x", encoding="utf-8")
    settings = CompareSettings(granularity=Granularity.SENTENCE, link_threshold=0.7,
                               min_shared_chars=6, ignore_numbers=True)
    target = tmp_path / "w.tifa.json"
    save_workspace(target, Workspace((a, b), pivot=b, settings=settings))
    stored = json.loads(target.read_text(encoding="utf-8"))
    assert stored["documents"] == ["reports/a.txt", "reports/b.txt"]
    loaded = load_workspace(target)
    assert loaded == Workspace((a.resolve(), b.resolve()), pivot=b.resolve(), settings=settings)

    moved = tmp_path / "moved"
    moved.mkdir()
    (moved / "reports").mkdir()
    for p in (a, b):
        (moved / "reports" / p.name).write_text("x", encoding="utf-8")
    (moved / "w.tifa.json").write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_workspace(moved / "w.tifa.json").documents[0] == (moved / "reports/a.txt").resolve()


def test_a_document_outside_the_folder_is_stored_absolute(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    outside = tmp_path / "outside.txt"
    save_workspace(inner / "w.tifa.json", Workspace((outside,)))
    stored = json.loads((inner / "w.tifa.json").read_text(encoding="utf-8"))
    assert stored["documents"] == [str(outside.resolve())]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("not json", "not a workspace file"),
        ('{"format": "other", "version": 1}', "not a Tifa workspace"),
        ('{"format": "tifa-workspace", "version": 99, "documents": []}', "not supported"),
        ('{"format": "tifa-workspace", "version": 1, "documents": [3]}', "malformed"),
    ],
)
def test_bad_files_raise_workspace_error(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "w.tifa.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=reason):
        load_workspace(path)


def test_missing_file_names_the_reason(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError) as caught:
        load_workspace(tmp_path / "nope.tifa.json")
    assert caught.value.path.name == "nope.tifa.json"
