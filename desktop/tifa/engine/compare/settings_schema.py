"""Comparison settings read from outside (a workspace file, stored preferences), checked.

Every key of ``CompareSettings`` a user can set has a rule: its type and its range. A value
that breaks its rule is not used: the key keeps its default and a warning names the key, the
value and what was expected ("link_threshold: 'abc' is not a number; the default 0.5 is
used"). Keys the schema does not know are ignored (a newer Tifa may write more). Nothing here
raises on bad values, so one bad key never costs the rest of a workspace.

``from_strings=True`` also accepts numbers and true/false written as text, which is how
QSettings hands back values stored in INI files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from tifa.engine.compare.model import CompareSettings, Granularity

#: The longest "shortest shared passage" a user can ask for (characters). Far beyond any
#: sensible choice; the bound keeps 10**30 out of the engine's arithmetic.
MAX_MIN_SHARED_CHARS = 10_000

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class _Bad(Exception):
    """A value that breaks its rule; the message says what was expected."""


def _number(value: object, from_strings: bool) -> float:
    if isinstance(value, bool):
        raise _Bad("is not a number (true/false)")
    if isinstance(value, str) and from_strings:
        try:
            value = float(value.strip())
        except ValueError:
            raise _Bad("is not a number") from None
    if not isinstance(value, int | float):
        raise _Bad("is not a number")
    try:
        number = float(value)
    except OverflowError:
        raise _Bad("is too large") from None
    if not math.isfinite(number):
        raise _Bad("is not a finite number")
    return number


def _threshold(value: object, from_strings: bool) -> float:
    number = _number(value, from_strings)
    if not 0.0 < number <= 1.0:
        raise _Bad("is not between 0 (excluded) and 1")
    return number


def _min_shared_chars(value: object, from_strings: bool) -> int:
    number = _number(value, from_strings)
    if not number.is_integer():
        raise _Bad("is not a whole number")
    if not 1 <= number <= MAX_MIN_SHARED_CHARS:
        raise _Bad(f"is not between 1 and {MAX_MIN_SHARED_CHARS}")
    return int(number)


def _flag(value: object, from_strings: bool) -> bool:
    if isinstance(value, bool):
        return value
    if from_strings and isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _Bad("is not true or false")


def stored_flag(value: object, default: bool) -> bool:
    """A true/false setting as QSettings hands it back (a bool, or "true"/"false" text);
    anything else is the default."""
    try:
        return _flag(value, True)
    except _Bad:
        return default


def _granularity(value: object, from_strings: bool) -> Granularity:
    choices = [g.value for g in Granularity]
    if isinstance(value, str) and value in choices:
        return Granularity(value)
    raise _Bad("is not one of " + ", ".join(choices))


#: key -> a function turning a stored value into the setting, raising ``_Bad``.
SCHEMA: Mapping[str, Callable[[object, bool], Any]] = {
    "granularity": _granularity,
    "link_threshold": _threshold,
    "min_shared_chars": _min_shared_chars,
    "ignore_punctuation": _flag,
    "ignore_numbers": _flag,
}


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _default_shown(value: object) -> str:
    return str(value.value) if isinstance(value, Granularity) else repr(value)


@dataclass(frozen=True, slots=True)
class SettingWarning:
    """One stored value that was not used."""

    key: str
    value: object
    reason: str
    default: object

    def __str__(self) -> str:
        used = ("the defaults are used" if self.default is None
                else f"the default {_default_shown(self.default)} is used")
        return f"{self.key}: {_shown(self.value)} {self.reason}; {used}"


def settings_from_mapping(
    data: object, *, from_strings: bool = False, defaults: CompareSettings | None = None
) -> tuple[CompareSettings, tuple[SettingWarning, ...]]:
    """Settings from stored values: each valid key is used, each bad one keeps its default
    and gives a warning. ``data`` that is not a mapping gives the defaults and one warning.
    The pivot is never read from here (it is not a stored preference)."""
    base = replace(defaults or CompareSettings(), pivot=None)
    if not isinstance(data, Mapping):
        return base, (SettingWarning("settings", data, "is not a set of keys and values",
                                     None),)
    known = {f.name for f in fields(CompareSettings)}
    values: dict[str, Any] = {}
    warnings: list[SettingWarning] = []
    for key, rule in SCHEMA.items():
        if key not in known or key not in data:
            continue
        try:
            values[key] = rule(data[key], from_strings)
        except _Bad as bad:
            warnings.append(SettingWarning(key, data[key], str(bad), getattr(base, key)))
    return replace(base, **values), tuple(warnings)
