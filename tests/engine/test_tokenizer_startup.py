"""The tokenizer's build started on a background thread (``tifa compare`` starts it before
it imports the pipeline), and word boundaries taken from the tokens kept for a paragraph."""

from __future__ import annotations

import pytest

from tifa.engine.compare import tokenize
from tifa.engine.compare.tokenize import WordTokenizer, build_in_background, get_tokenizer


def test_builds_the_process_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tokenize.BACKEND_ENV, raising=False)
    thread = build_in_background()
    assert thread is not None
    thread.join(timeout=60)
    assert not thread.is_alive()
    key = (tokenize.load_lexicon().token_words(), None)
    assert tokenize._TOKENIZERS[key] is get_tokenizer()
    assert get_tokenizer().backend == "rjieba"


def test_none_for_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tokenize.BACKEND_ENV, "jieba")
    assert build_in_background() is None


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
