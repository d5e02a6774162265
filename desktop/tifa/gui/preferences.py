"""What the app remembers between runs, in ``QSettings`` (one place for keys and types).

QSettings hands back strings for everything on some platforms (INI files), so every read here
converts and falls back to the default on a bad value instead of trusting the stored type.
"""

from __future__ import annotations

import math
from dataclasses import fields, replace
from pathlib import Path

from PySide6.QtCore import QSettings

from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.engine.compare.sentences import ECHO_THRESHOLD
from tifa.engine.compare.settings_schema import SCHEMA, settings_from_mapping, stored_flag
from tifa.gui.highlight import HighlightMode

MAX_RECENT = 10
LANGUAGES = ("system", "en", "zh_CN")  # "system": follow the system locale
#: Sentence echoes scoring below this are not listed in the detail pane. The engine finds
#: none below its own cut-off (0.5: eight distinctive characters in common), so that is the
#: default and the lowest choice; raising it keeps only the stronger echoes.
DEFAULT_ECHO_THRESHOLD = ECHO_THRESHOLD

_COMPARE_GROUP = "compare"


def _as_number(value: object, default: float) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return default
    return number if math.isfinite(number) else default


def load_compare_settings(store: QSettings | None = None) -> CompareSettings:
    """The comparison settings the user chose last (the pivot is a workspace matter: None).

    Stored values are checked by the same schema as workspace files
    (``tifa.engine.compare.settings_schema``): a bad one keeps its default."""
    s = store or QSettings()
    s.beginGroup(_COMPARE_GROUP)
    try:
        stored = {key: s.value(key) for key in SCHEMA if s.contains(key)}
    finally:
        s.endGroup()
    settings, _bad = settings_from_mapping(stored, from_strings=True)
    return settings


def save_compare_settings(settings: CompareSettings, store: QSettings | None = None) -> None:
    s = store or QSettings()
    s.beginGroup(_COMPARE_GROUP)
    for f in fields(settings):
        if f.name == "pivot":
            continue
        value = getattr(settings, f.name)
        s.setValue(f.name, value.value if isinstance(value, Granularity) else value)
    s.endGroup()
    s.sync()


def without_pivot(settings: CompareSettings) -> CompareSettings:
    return replace(settings, pivot=None)


def ui_language(store: QSettings | None = None) -> str:
    value = str((store or QSettings()).value("ui/language", "system"))
    return value if value in LANGUAGES else "system"


def set_ui_language(language: str, store: QSettings | None = None) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown UI language {language!r}")
    s = store or QSettings()
    s.setValue("ui/language", language)
    s.sync()


def echo_threshold(store: QSettings | None = None) -> float:
    """The lowest score of a sentence echo the detail pane shows."""
    value = _as_number((store or QSettings()).value("display/echo_threshold"),
                       DEFAULT_ECHO_THRESHOLD)
    return min(1.0, max(DEFAULT_ECHO_THRESHOLD, value))


def set_echo_threshold(value: float, store: QSettings | None = None) -> None:
    s = store or QSettings()
    s.setValue("display/echo_threshold",
               round(min(1.0, max(DEFAULT_ECHO_THRESHOLD, value)), 2))
    s.sync()


def whole_files(store: QSettings | None = None) -> bool:
    """Read a file of many items (a transcript's day) as one document, not one per item."""
    return stored_flag((store or QSettings()).value("files/whole_files"), False)


def set_whole_files(value: bool, store: QSettings | None = None) -> None:
    s = store or QSettings()
    s.setValue("files/whole_files", bool(value))
    s.sync()


def recent_files(store: QSettings | None = None) -> list[Path]:
    value = (store or QSettings()).value("files/recent", [])
    if isinstance(value, str):  # a single entry comes back as a plain string
        value = [value]
    if not isinstance(value, list):
        return []
    return [Path(str(v)) for v in value if str(v)][:MAX_RECENT]


def add_recent_files(paths: list[Path], store: QSettings | None = None) -> list[Path]:
    """Put ``paths`` first in the recent list (no duplicates) and return the new list."""
    s = store or QSettings()
    resolved = [p.resolve() for p in paths]
    merged = resolved + [p for p in recent_files(s) if p not in resolved]
    merged = merged[:MAX_RECENT]
    s.setValue("files/recent", [str(p) for p in merged])
    s.sync()
    return merged


def clear_recent_files(store: QSettings | None = None) -> None:
    s = store or QSettings()
    s.remove("files/recent")
    s.sync()


def highlight_mode(store: QSettings | None = None) -> HighlightMode:
    """What the side-by-side view colours (View › Colours); the diff by default."""
    value = str((store or QSettings()).value("display/highlight_mode", HighlightMode.CHANGES))
    try:
        return HighlightMode(value)
    except ValueError:
        return HighlightMode.CHANGES


def set_highlight_mode(mode: HighlightMode, store: QSettings | None = None) -> None:
    s = store or QSettings()
    s.setValue("display/highlight_mode", mode.value)
    s.sync()
