"""Patterns compiled on first use behave as the compiled patterns they stand for."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.lazy_re import LazyPattern, lazy_compile

_SOURCES = (r"[\u3400-\u9fff]+", r"(?i)(skip to )?(main )?content", r"[。！？]+|\n+", r"(\d+)年")


@given(st.sampled_from(_SOURCES), st.text(alphabet="会议强调。！？\n2022年SKIP to Main content",
                                           max_size=40))
def test_a_lazy_pattern_gives_what_the_compiled_one_gives(source: str, text: str) -> None:
    lazy, plain = lazy_compile(source), re.compile(source)
    assert lazy.pattern == plain.pattern and lazy.flags == plain.flags
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.sub("-", text) == plain.sub("-", text)
    assert lazy.split(text) == plain.split(text)
    assert bool(lazy.search(text)) == bool(plain.search(text))
    assert bool(lazy.match(text)) == bool(plain.match(text))
    assert bool(lazy.fullmatch(text)) == bool(plain.fullmatch(text))
    assert lazy.findall(text) == plain.findall(text)


def test_compiled_only_when_first_used_then_its_methods_are_the_patterns_own() -> None:
    lazy = lazy_compile(r"[\u4e00-\u9fff]+")
    assert isinstance(lazy, LazyPattern) and "search" not in vars(lazy)
    assert lazy.search("会议") is not None
    assert vars(lazy)["search"] == re.compile(r"[\u4e00-\u9fff]+").search
