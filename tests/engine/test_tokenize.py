"""Word segmentation: offsets exact, formulations whole, per-process tokenizer."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import BEIJING_2017, CHENGDU_2022
from tifa.engine.compare.lexicon import load_lexicon
from tifa.engine.compare.tokenize import (
    Token,
    WordTokenizer,
    get_tokenizer,
    is_punctuation,
)

CHENGDU = CHENGDU_2022.read_text(encoding="utf-8")
BEIJING_2017_TEXT = BEIJING_2017.read_text(encoding="utf-8")


def assert_covers(text: str, tokens: tuple[Token, ...]) -> None:
    position = 0
    for token in tokens:
        assert token.start == position
        assert text[token.start : token.end] == token.word
        position = token.end
    assert position == len(text)


def test_tokens_cover_the_text_with_exact_code_point_offsets() -> None:
    text = "𠮷野家：疫情要防住、经济要稳住、发展要安全。\n" + CHENGDU
    assert_covers(text, get_tokenizer().tokenize(text))


@pytest.mark.parametrize(
    "phrase", ["两个维护", "四个意识", "四个自信", "高质量发展", "动态清零", "三城三都", "两个确立"]
)
def test_lexicon_formulations_stay_whole_in_running_text(phrase: str) -> None:
    text = f"会议要求，坚决做到{phrase}，推进各项工作落实"
    assert phrase in get_tokenizer().words(text)


def test_every_lexicon_word_is_one_token_after_a_verb() -> None:
    tokenizer = get_tokenizer()
    lexicon_words = load_lexicon().token_words()
    assert {"谋大事", "干大事", "疫情要防住", "四个意识"} <= lexicon_words
    for word in lexicon_words:
        words = tokenizer.words(f"坚持{word}。")
        assert word in words, (word, words)


def test_seed_formulations_are_single_tokens() -> None:
    words = set(get_tokenizer().words(CHENGDU))
    assert {"动态清零", "高质量发展", "三城三都", "新发展理念", "三个做优做强"} <= words
    # 004's headline writes the parallel formula without 、: its clauses still come out whole.
    headline = "蔡奇:把方向谋大事抓党建保平安"
    assert headline in BEIJING_2017_TEXT
    assert get_tokenizer().words(headline)[-4:] == ("把方向", "谋大事", "抓党建", "保平安")


def test_words_leave_out_punctuation_and_spaces() -> None:
    words = get_tokenizer().words("增强“四个意识”、坚定“四个自信”， 做到“两个维护”。")
    assert words == ("增强", "四个意识", "坚定", "四个自信", "做到", "两个维护")
    assert all(not is_punctuation(w) for w in words)


def test_get_tokenizer_is_one_instance_per_process_even_across_threads() -> None:
    seen: list[WordTokenizer] = []
    threads = [threading.Thread(target=lambda: seen.append(get_tokenizer())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(t) for t in seen}) == 1
    assert seen[0] is get_tokenizer()


def test_tokenizers_do_not_share_dictionaries() -> None:
    """A tokenizer built with extra words must not change another one's segmentation."""
    plain = WordTokenizer(())
    custom = WordTokenizer(["谋大事"])
    assert "谋大事" in custom.words("把方向谋大事")
    assert "谋大事" not in plain.words("把方向谋大事")
    assert "谋大事" not in WordTokenizer(()).words("把方向谋大事")


def test_jieba_fallback_keeps_formulations_whole_too() -> None:
    tokenizer = WordTokenizer(load_lexicon().token_words(), backend="jieba")
    assert tokenizer.backend == "jieba"
    text = "坚持动态清零，做到两个维护，推动高质量发展"
    assert_covers(text, tokenizer.tokenize(text))
    assert {"动态清零", "两个维护", "高质量发展"} <= set(tokenizer.words(text))


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        WordTokenizer((), backend="thulac")


@given(st.text(alphabet=st.sampled_from([*CHENGDU[:400], " ", "\n", "𠮷", "a"])))
def test_tokens_always_cover_any_text(text: str) -> None:
    assert_covers(text, get_tokenizer().tokenize(text))


def test_tokens_are_the_same_once_the_cache_has_let_them_go() -> None:
    tokenizer = get_tokenizer()
    text = "坚持稳中求进工作总基调，高效统筹疫情防控和经济社会发展。"
    first = tokenizer.tokenize(text)
    tokenizer.clear_cache()
    assert tokenizer.tokenize(text) == first
    assert tokenizer.boundaries(text) == frozenset({0, len(text)} | {t.start for t in first})


def test_jieba_without_a_cache_folder_still_segments(
        monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    """TIFA_CACHE_DIR (or ~/.cache) that cannot be made — a read-only home, a name under
    /proc — ended the jieba fallback with FileNotFoundError at the first comparison; jieba's
    own place (the temporary folder) holds its cache then."""
    from pathlib import Path

    blocker = Path(str(tmp_path)) / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TIFA_CACHE_DIR", str(blocker / "cache"))
    tokenizer = WordTokenizer(["两手抓"], backend="jieba")
    words = tokenizer.words("推动疫情防控和经济社会发展两手抓")
    assert "两手抓" in words


def test_words_are_kept_per_text_and_are_the_words_of_its_tokens() -> None:
    """``words`` is cached per text like ``tokenize``: the same tuple again, equal to the
    tokens without punctuation, and forgotten by ``clear_cache``."""
    from tifa.engine.compare.tokenize import WordTokenizer, is_punctuation

    tokenizer = WordTokenizer()
    text = "疫情要防住、经济要稳住、发展要安全。"
    words = tokenizer.words(text)
    assert words == tuple(t.word for t in tokenizer.tokenize(text) if not is_punctuation(t.word))
    assert tokenizer.words(text) is words and tokenizer.words("") == ()
    tokenizer.clear_cache()
    assert tokenizer.words(text) == words and tokenizer.words(text) is not words
