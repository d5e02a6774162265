"""The tokenizer built and fed on a background thread (``tifa compare`` starts it before it
reads the files): it segments what it is given into the process-wide tokenizer's cache, no
more than the cache keeps, and ends when stopped."""

from __future__ import annotations

import pytest

from tifa.engine.compare import tokenize
from tifa.engine.compare.tokenize import BackgroundTokenizer, WordTokenizer, get_tokenizer


def _cached(text: str) -> bool:
    return text in get_tokenizer()._cached._items


def test_segments_what_it_is_given_then_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tokenize.BACKEND_ENV, raising=False)
    texts = ["坚持以人民为中心的发展思想，背景线程一号。", "推动高质量发展，背景线程二号。"]
    background = BackgroundTokenizer.start()
    assert background is not None
    background.segment(texts)
    background.stop()
    background.thread.join(timeout=60)
    assert not background.thread.is_alive()
    assert all(map(_cached, texts))
    tokens = get_tokenizer().tokenize(texts[0])
    assert "".join(t.word for t in tokens) == texts[0]
    assert tokens == tuple(get_tokenizer().tokenize(texts[0], cache=False))


def test_no_more_than_the_cache_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tokenize.BACKEND_ENV, raising=False)
    monkeypatch.setattr(tokenize, "TEXT_CACHE_CHARS", 30)
    first, second = "全面从严治党永远在路上，预算之内。", "党的自我革命永远在路上，超出预算以后。"
    background = BackgroundTokenizer.start()
    assert background is not None
    background.segment([first, second])
    background.stop()
    background.thread.join(timeout=60)
    assert _cached(first) and not _cached(second)


def test_none_for_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tokenize.BACKEND_ENV, "jieba")
    assert BackgroundTokenizer.start() is None


def test_boundaries_from_the_kept_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph already tokenized is not segmented again for its word boundaries."""
    text = "坚持和发展新时代中国特色社会主义，推动高质量发展。"
    fresh = WordTokenizer()
    expected = fresh.boundaries(text)  # nothing kept: segmented for this
    kept = WordTokenizer()
    tokens = kept.tokenize(text)

    def refuse(text: str) -> list[tuple[str, int, int]]:
        raise AssertionError("segmented again")

    monkeypatch.setattr(kept._backend, "segment", refuse)
    assert kept.boundaries(text) == expected
    assert expected == frozenset({0, len(text)} | {t.start for t in tokens})
    with pytest.raises(AssertionError):
        kept.boundaries(text + "又一段")  # not kept: segmented
