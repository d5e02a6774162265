"""``clean_view``: a report view whose strings every writer can take (see
``tifa.engine.safe_text``). HTML, DOCX, PDF, XLSX and CSV all render the view, so this one
pass keeps control characters out of all of them, whatever the documents hold."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from tifa.engine.safe_text import UNWRITABLE, writable

T = TypeVar("T")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _clean(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return writable(value) if UNWRITABLE.search(value) else value
    if kind is tuple:
        items = tuple(_clean(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(kind):
            old = getattr(value, name)
            new = _clean(old)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value  # numbers, enums (their values are Tifa's own words), None


def clean_view(view: T) -> T:
    """A copy of a frozen view (dataclasses and tuples) whose strings are all ``writable``;
    the same object when there was nothing to replace."""
    cleaned: T = _clean(view)
    return cleaned
