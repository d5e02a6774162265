"""The memo bounded by what its entries weigh (``tifa.engine.bounded_cache``): behind the
tokenizer's caches, the shared passages' prepared documents and the alignment's features."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.bounded_cache import BoundedCache, bounded_cache

REPO = Path(__file__).resolve().parents[2]


@given(st.lists(st.tuples(st.text(alphabet="会议强调发展", max_size=12), st.integers(0, 2)),
                max_size=40))
def test_answers_as_if_nothing_were_cached_within_the_budget(
    asked: list[tuple[str, int]],
) -> None:
    """Answers are what computing gives; the entries kept weigh at most the budget and are at
    most ``maxsize``; at most the last two too heavy on their own are kept beside them, and
    the last one is not computed again."""
    calls: list[tuple[str, int]] = []

    def compute(text: str, shift: int) -> tuple[str, int]:
        calls.append((text, shift))
        return text[::-1], len(text) + shift

    cache: BoundedCache[tuple[str, int]] = BoundedCache(
        compute, maxsize=5, budget=10, cost=lambda text, shift: len(text))
    for text, shift in asked:
        assert cache(text, shift) == (text[::-1], len(text) + shift)
        kept = list(cache._items)
        assert sum(len(t) for t, _ in kept) == cache.held <= 10 and len(kept) <= 5
        assert len(cache._heavy) <= 2 and all(len(t) > 10 for t, _ in cache._heavy)
    heavy = "会议强调发展" * 3
    cache(heavy, 0)
    cache("会议", 1)
    calls.clear()
    assert cache(heavy, 0) == (heavy[::-1], len(heavy))
    assert calls == []
    cache.cache_clear()
    assert len(cache) == 0 and cache.held == 0
    cache(heavy, 0)
    assert calls == [(heavy, 0)]


def test_none_is_kept_like_any_value() -> None:
    calls: list[int] = []

    @bounded_cache(maxsize=4, budget=100, cost=lambda n: n)
    def nothing(n: int) -> None:
        calls.append(n)

    nothing(3)
    nothing(3)
    assert calls == [3]
    assert nothing.peek(3) is None and len(nothing) == 1


def test_long_reports_prepared_for_shared_passages_stay_within_the_character_budget() -> None:
    """Real readouts made long (each seed's text five times over, ~25,000-60,000 characters):
    comparing them two by two keeps their prepared sides within ``SIDE_CACHE_CHARS`` (an
    entry-counted cache of 128 kept all of them), and the passages are the same as with
    nothing kept."""
    from tifa.engine.compare import shared
    from tifa.engine.ingest import document_from_string, read_documents

    seeds = [d for p in sorted((REPO / "seeds").glob("*.txt")) for d in read_documents(p)]
    long_docs = [
        document_from_string("\n\n".join(p.text for _ in range(5) for p in d.paragraphs),
                             path=Path(f"long-{i}.txt"), title=d.title)
        for i, d in enumerate(seeds)
    ]
    lengths = [sum(len(p.normalized) + 1 for p in d.paragraphs) for d in long_docs]
    shared.clear_caches()
    first = shared.shared_passages(long_docs[0], long_docs[3], min_chars=8)
    old_budget = shared._side._budget
    try:
        shared._side._budget = max(lengths) + min(lengths)  # room for two or three
        shared.clear_caches()
        for a in range(len(long_docs)):
            for b in range(a + 1, len(long_docs)):
                shared.shared_passages(long_docs[a], long_docs[b], min_chars=8)
                assert shared._side.held <= shared._side._budget
        assert len(shared._side) < 2 * len(long_docs)
        assert shared.shared_passages(long_docs[0], long_docs[3], min_chars=8) == first
    finally:
        shared._side._budget = old_budget
        shared.clear_caches()
