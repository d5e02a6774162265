"""YAML from documents and users' files, read without the ways YAML can blow up.

``yaml.safe_load`` runs no code, but it still expands aliases: a 745-byte "billion laughs"
front matter (nested ``&a [*a, *a, ...]``) becomes a value of 10^9 items and takes gigabytes
to build and print. Tifa's YAML (front matter, lexicons, rules) never needs aliases, so they
are refused outright; so is text over a size limit and nesting deeper than Python recurses.
"""

from __future__ import annotations

from typing import Any

import yaml


class YamlRefused(ValueError):
    """YAML Tifa will not read: the reason is in words for the user."""


class NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases (``*name``) instead of expanding them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlRefused(
                f"it uses a YAML alias (*{event.anchor}, line {event.start_mark.line + 1}); "
                "aliases are not accepted"
            )
        return super().compose_node(parent, index)


def load_yaml(text: str, *, max_chars: int) -> Any:
    """The value of the YAML ``text``. Raises ``YamlRefused`` for aliases, text longer than
    ``max_chars`` and too deep nesting, ``yaml.YAMLError`` for text that is not YAML."""
    if len(text) > max_chars:
        raise YamlRefused(f"it is too long ({len(text):,} characters; at most {max_chars:,})")
    try:
        return yaml.load(text, Loader=NoAliasLoader)  # a SafeLoader subclass
    except RecursionError:
        raise YamlRefused("it nests too deeply") from None
