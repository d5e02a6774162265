"""Workspace files are input like any other: checked, bounded, never trusted (no Qt here).

Bad settings values keep their defaults and are named (file and key) in the workspace's
warnings, the documents still load; a file that is not a usable workspace is a
``WorkspaceError`` naming the file and the reason; nothing hangs on a pipe or reads a device.
"""

from __future__ import annotations

import json
import math
import os
import threading
from pathlib import Path

import pytest

from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.engine.compare.settings_schema import MAX_MIN_SHARED_CHARS, settings_from_mapping
from tifa.gui.workspace import (
    MAX_WORKSPACE_BYTES,
    MAX_WORKSPACE_DOCUMENTS,
    Workspace,
    WorkspaceError,
    load_workspace,
    save_workspace,
)

DEFAULTS = CompareSettings()


def _workspace(tmp_path: Path, settings: object, *, name: str = "w.tifa.json") -> Path:
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    path = tmp_path / name
    path.write_text(json.dumps({"format": "tifa-workspace", "version": 1,
                                "documents": ["a.txt"], "settings": settings}),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("link_threshold", "abc", "is not a number"),
        ("link_threshold", -5, "is not between 0 (excluded) and 1"),
        ("link_threshold", 0, "is not between 0 (excluded) and 1"),
        ("link_threshold", math.nan, "is not a finite number"),
        ("link_threshold", math.inf, "is not a finite number"),
        ("link_threshold", True, "is not a number"),
        ("min_shared_chars", 10**30, f"is not between 1 and {MAX_MIN_SHARED_CHARS}"),
        ("min_shared_chars", 2.5, "is not a whole number"),
        ("min_shared_chars", 0, "is not between 1"),
        ("ignore_numbers", [1], "is not true or false"),
        ("ignore_punctuation", "yes", "is not true or false"),
        ("granularity", "chapter", "is not one of auto, paragraph, sentence"),
        ("granularity", {"a": 1}, "is not one of"),
    ],
)
def test_a_bad_setting_keeps_its_default_and_is_named_with_the_file(
    tmp_path: Path, key: str, value: object, expected: str
) -> None:
    good = {"link_threshold": 0.7, "min_shared_chars": 6, "ignore_numbers": True,
            "granularity": "sentence"}
    path = _workspace(tmp_path, {**good, key: value})
    workspace = load_workspace(path)
    assert workspace.documents == ((tmp_path / "a.txt").resolve(),)
    assert len(workspace.warnings) == 1
    warning = workspace.warnings[0]
    assert str(path) in warning and f"{key}:" in warning and expected in warning
    assert "default" in warning
    assert getattr(workspace.settings, key) == getattr(DEFAULTS, key)
    for other, good_value in good.items():  # the good keys are used
        if other != key:
            stored = getattr(workspace.settings, other)
            assert (stored.value if isinstance(stored, Granularity) else stored) == good_value


def test_settings_that_are_not_an_object_give_the_defaults_and_one_warning(
    tmp_path: Path,
) -> None:
    workspace = load_workspace(_workspace(tmp_path, [1, 2]))
    assert workspace.settings == DEFAULTS
    assert len(workspace.warnings) == 1 and "defaults are used" in workspace.warnings[0]


def test_unknown_keys_are_ignored_and_good_files_have_no_warnings(tmp_path: Path) -> None:
    workspace = load_workspace(_workspace(tmp_path, {"link_threshold": 1, "future_key": 3}))
    assert workspace.settings.link_threshold == 1.0
    assert workspace.warnings == ()


def test_stored_preferences_written_as_text_are_read_with_the_same_rules() -> None:
    settings, warnings = settings_from_mapping(
        {"link_threshold": "0.6", "min_shared_chars": "7", "ignore_numbers": "true",
         "ignore_punctuation": "nonsense", "granularity": "sentence"},
        from_strings=True,
    )
    assert settings == CompareSettings(granularity=Granularity.SENTENCE, link_threshold=0.6,
                                       min_shared_chars=7, ignore_numbers=True)
    assert [w.key for w in warnings] == ["ignore_punctuation"]
    # without from_strings (JSON), text is not a number
    _, strict = settings_from_mapping({"min_shared_chars": "7"})
    assert [w.key for w in strict] == ["min_shared_chars"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = _workspace(tmp_path, {"min_shared_chars": 5})
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_workspace(path).settings.min_shared_chars == 5


def test_deep_nesting_is_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "deep.tifa.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(WorkspaceError, match="nested too deeply") as caught:
        load_workspace(path)
    assert caught.value.path == path


@pytest.mark.parametrize("where", ["settings", "pivot", "version"])
def test_a_number_of_thousands_of_digits_is_a_clear_message(tmp_path: Path, where: str) -> None:
    """Python refuses to convert integers of more than 4,300 digits (a ValueError that is no
    JSONDecodeError): still a workspace error naming the file, and the app still starts."""
    huge = "9" * 5000
    body = {"settings": f'{{"min_shared_chars": {huge}}}', "pivot": huge, "version": huge}
    path = tmp_path / "big.tifa.json"
    path.write_text(f'{{"format": "tifa-workspace", "version": '
                    f'{body["version"] if where == "version" else 1}, "documents": [], '
                    f'"pivot": {body["pivot"] if where == "pivot" else "null"}, '
                    f'"settings": {body["settings"] if where == "settings" else "{}"}}}',
                    encoding="utf-8")
    with pytest.raises(WorkspaceError, match="too long") as caught:
        load_workspace(path)
    assert caught.value.path == path


def test_a_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gbk.tifa.json"
    path.write_bytes('{"format": "提法"}'.encode("gb18030"))
    with pytest.raises(WorkspaceError, match="not UTF-8"):
        load_workspace(path)


def _load_in_thread(path: Path) -> object:
    """load_workspace on a thread, so a hang fails the test instead of stopping the run."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(load_workspace(path))
        except Exception as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), f"load_workspace({path}) did not return"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_named_like_a_workspace_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "x.tifa.json"
    os.mkfifo(fifo)
    outcome = _load_in_thread(fifo)
    assert isinstance(outcome, WorkspaceError)
    assert outcome.path == fifo and "not a regular file" in outcome.reason


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_a_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.tifa.json"
    link.symlink_to("/dev/zero")
    outcome = _load_in_thread(link)
    assert isinstance(outcome, WorkspaceError) and "not a regular file" in outcome.reason


def test_a_folder_and_an_oversized_file_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.tifa.json"
    folder.mkdir()
    with pytest.raises(WorkspaceError, match="this is a folder, not a file"):
        load_workspace(folder)
    big = tmp_path / "big.tifa.json"
    with big.open("wb") as f:
        f.truncate(MAX_WORKSPACE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(WorkspaceError, match="too large"):
        load_workspace(big)


def test_too_many_documents_are_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.tifa.json"
    path.write_text(json.dumps({"format": "tifa-workspace", "version": 1,
                                "documents": [f"d{i}.txt" for i in range(100_000)]}),
                    encoding="utf-8")
    with pytest.raises(WorkspaceError, match=f"at most {MAX_WORKSPACE_DOCUMENTS:,}"):
        load_workspace(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"format": "tifa-workspace", "version": true, "documents": []}', "not supported"),
        ('{"format": "tifa-workspace", "version": 0, "documents": []}', "not supported"),
        ('{"format": "tifa-workspace", "version": 1, "documents": ["a\\u0000b"]}',
         "not a usable path"),
        ("[]", "not a Tifa workspace"),
    ],
)
def test_malformed_structure_is_refused(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "w.tifa.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=reason):
        load_workspace(path)


def test_a_pivot_that_is_not_a_path_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "w.tifa.json"
    path.write_text(json.dumps({"format": "tifa-workspace", "version": 1,
                                "documents": [], "pivot": 3}), encoding="utf-8")
    workspace = load_workspace(path)
    assert workspace.pivot is None and "pivot" in workspace.warnings[0]


def test_what_tifa_writes_reads_back_without_warnings(tmp_path: Path) -> None:
    settings = CompareSettings(granularity=Granularity.SENTENCE, link_threshold=0.65,
                               min_shared_chars=9, ignore_punctuation=False)
    target = tmp_path / "w.tifa.json"
    save_workspace(target, Workspace((tmp_path / "a.txt",), settings=settings))
    loaded = load_workspace(target)
    assert loaded.settings == settings and loaded.warnings == ()
