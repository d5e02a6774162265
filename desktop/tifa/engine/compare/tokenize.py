"""Word segmentation of normalised (simplified) text, keeping formulations whole.

Backend: rjieba (jieba-rs) by default. Measured on this machine (2 cores, 164,000 characters
of seed text): rjieba builds its dictionary in ≈0.09 s and segments in ≈0.05 s; a
``jieba.Tokenizer`` instance loads in ≈0.8–1.2 s even from its cache file and segments in
≈0.5 s (HMM off) to ≈0.7 s (HMM on). jieba remains as a fallback (``TIFA_TOKENIZER=jieba``, or
when rjieba is missing), as an instance with its cache file in the user's cache folder.

Either way each tokenizer is its own instance: lexicon words are added with a positive
frequency (never ``freq=0``/``del_word``, which touch jieba's module-global state), so that
两个维护, 四个意识, 高质量发展, 动态清零 and the clauses of parallel formulas stay whole.
"""

from __future__ import annotations

import os
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from itertools import filterfalse
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from tifa.engine.bounded_cache import BoundedCache
from tifa.engine.compare.lexicon import Lexicon, load_lexicon

BACKEND_ENV = "TIFA_TOKENIZER"  # "rjieba" (default) or "jieba"
TEXT_CACHE_SIZE = 16_384  # paragraphs whose tokens are kept per tokenizer
#: ...as long as they hold at most this many characters in all: a token kept costs ~200
#: bytes (its ``Token``, word and offsets; ~175 bytes a character of text without repeats),
#: and segmenting again is cheap (rjieba: ~3 M characters/s). The seeds (164,000 characters)
#: fit whole; a 3.4 MB text kept whole took 200 MB per cache.
TEXT_CACHE_CHARS = 1 << 18


_WORD, _START = itemgetter(0), itemgetter(1)  # a Token's word and start, read at C speed


class Token(NamedTuple):
    """A word and its half-open code point span in the text given to ``tokenize``."""

    word: str
    start: int
    end: int


#: ``Token._make`` without its Python frame: ``tuple.__new__(Token, (word, start, end))``
#: (the long pair's 107,000 tokens: 32 ms, not 41)
_new_token: Callable[[tuple[str, int, int]], Token] = partial(tuple.__new__, Token)


@lru_cache(maxsize=65_536)
def is_punctuation(word: str) -> bool:
    """True for tokens made only of punctuation, symbols or spaces (，、“” 。 …)."""
    return all(unicodedata.category(ch)[0] in "PSZC" for ch in word)


def _is_space(word: str) -> bool:
    return word.isspace()


class _Backend(Protocol):
    name: str

    def segment(self, text: str) -> list[tuple[str, int, int]]: ...

    def dictionary_segment(self, text: str) -> list[str]: ...

    def tag(self, text: str) -> list[tuple[str, str]]: ...


class _RjiebaBackend:
    name = "rjieba"

    def __init__(self, words: Iterable[str]) -> None:
        self._jieba = _rjieba_class()()
        for word in sorted(words):
            # freq None: jieba-rs suggests a frequency high enough to keep the word whole.
            self._jieba.add_word(word, None, None)

    def segment(self, text: str) -> list[tuple[str, int, int]]:
        result: list[tuple[str, int, int]] = self._jieba.tokenize(text, "default", True)
        return result

    def dictionary_segment(self, text: str) -> list[str]:
        words: list[str] = self._jieba.cut(text, False)
        return words

    def tag(self, text: str) -> list[tuple[str, str]]:
        tagged: list[tuple[str, str]] = self._jieba.tag(text, False)
        return tagged


def _rjieba_class() -> Any:
    """rjieba's ``Jieba`` class, from its compiled module alone when it can be found: the
    package's ``__init__`` builds a default tokenizer Tifa never uses (≈0.1 s at every start).
    Anything unexpected (another layout, a bundle) falls back to ``import rjieba``."""
    module = sys.modules.get("rjieba.rjieba")
    if module is None:
        try:
            module = _load_rjieba_extension()
        except (ImportError, OSError, AttributeError, TypeError):
            module = None
    if module is None or not hasattr(module, "Jieba"):
        import rjieba

        return rjieba.Jieba
    return module.Jieba


def _load_rjieba_extension() -> Any:
    import importlib.machinery
    import importlib.util

    package = importlib.util.find_spec("rjieba")  # found, not run
    if package is None or not package.submodule_search_locations:
        return None
    for folder in package.submodule_search_locations:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder) / f"rjieba{suffix}"
            if path.is_file():
                spec = importlib.util.spec_from_file_location("rjieba.rjieba", path)
                if spec is None or spec.loader is None:
                    return None
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules["rjieba.rjieba"] = module
                return module
    return None


class _JiebaBackend:
    name = "jieba"

    def __init__(self, words: Iterable[str]) -> None:
        import jieba

        tokenizer = jieba.Tokenizer()
        cache_dir = user_cache_dir()
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError:  # a cache folder that cannot be made: jieba's own place (the temp dir)
            import tempfile

            cache_dir = Path(tempfile.gettempdir())
        tokenizer.cache_file = str(cache_dir / "jieba-default.cache")
        tokenizer.initialize()
        for word in sorted(words):
            # Positive frequency only: freq=0 would change jieba's module-global HMM state.
            tokenizer.add_word(word, max(1, tokenizer.suggest_freq(word, False)))
        self._tokenizer = tokenizer
        self._tagger: Any = None

    def segment(self, text: str) -> list[tuple[str, int, int]]:
        return list(self._tokenizer.tokenize(text, mode="default", HMM=True))

    def dictionary_segment(self, text: str) -> list[str]:
        return list(self._tokenizer.cut(text, HMM=False))

    def tag(self, text: str) -> list[tuple[str, str]]:
        if self._tagger is None:  # reads jieba's whole dictionary: once
            from jieba import posseg

            self._tagger = posseg.POSTokenizer(self._tokenizer)
        return [(pair.word, pair.flag) for pair in self._tagger.cut(text, HMM=False)]


def user_cache_dir() -> Path:
    """Tifa's cache folder (never the repository): XDG on Linux, the platform's elsewhere."""
    override = os.environ.get("TIFA_CACHE_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "tifa"


def _make_backend(words: Iterable[str], backend: str | None) -> _Backend:
    choice = (backend or os.environ.get(BACKEND_ENV) or "rjieba").lower()
    if choice == "jieba":
        return _JiebaBackend(words)
    if choice != "rjieba":
        raise ValueError(f"unknown tokenizer backend {choice!r} (rjieba or jieba)")
    try:
        return _RjiebaBackend(words)
    except ImportError:  # pragma: no cover - rjieba ships abi3 wheels for every platform
        return _JiebaBackend(words)


_T = TypeVar("_T")


def _text_cache(compute: Callable[[str], _T], size: int, chars: int) -> BoundedCache[_T]:
    """``compute(text)`` for the texts asked most recently: at most ``size`` texts of at most
    ``chars`` characters in all; besides them, the last two texts longer than ``chars`` on
    their own (a huge paragraph asked for again and again between others is not computed
    again each time). Thread-safe."""
    return BoundedCache(compute, maxsize=size, budget=chars, cost=len)


class WordTokenizer:
    """Segments normalised text into words; thread-safe, results cached per text."""

    def __init__(self, words: Iterable[str] = (), *, backend: str | None = None) -> None:
        self.words_kept_whole = frozenset(words)
        self._backend = _make_backend(self.words_kept_whole, backend)
        self._cached = _text_cache(self._tokenize, TEXT_CACHE_SIZE, TEXT_CACHE_CHARS)
        self._cached_boundaries = _text_cache(self._boundaries, TEXT_CACHE_SIZE, TEXT_CACHE_CHARS)
        self._cached_offsets = _text_cache(
            self._boundary_offsets, TEXT_CACHE_SIZE, TEXT_CACHE_CHARS
        )
        # a paragraph's words are asked for twice (distinctiveness weights, tf-idf)
        self._cached_words = _text_cache(self._words, TEXT_CACHE_SIZE, TEXT_CACHE_CHARS)

    @property
    def backend(self) -> str:
        return self._backend.name

    def _tokenize(self, text: str) -> tuple[Token, ...]:
        return tuple(map(_new_token, self._backend.segment(text)))

    def tokenize(self, text: str, *, cache: bool = True) -> tuple[Token, ...]:
        """All tokens, covering ``text`` end to end (punctuation and spaces included).

        Results are cached per text; pass ``cache=False`` for throwaway strings so that they
        do not push paragraphs out of the cache."""
        if not text:
            return ()
        return self._cached(text) if cache else self._tokenize(text)

    def raw_tokens(self, text: str) -> list[tuple[str, int, int]]:
        """``tokenize(text, cache=False)`` as plain (word, start, end) tuples: for many short
        throwaway strings, where building ``Token`` values costs more than segmenting."""
        return self._backend.segment(text) if text else []

    def words(self, text: str) -> tuple[str, ...]:
        """The words of ``text``, punctuation and spaces left out (for bags of words).
        Cached per text, as ``tokenize`` is."""
        return self._cached_words(text) if text else ()

    def _words(self, text: str) -> tuple[str, ...]:
        # at C speed: the words of the tokens, punctuation filtered out by the cached test
        return tuple(filterfalse(is_punctuation, map(_WORD, self.tokenize(text))))

    def dictionary_words(self, text: str) -> tuple[str, ...]:
        """Segmentation with dictionary words only (no HMM guessing of unknown words: 张硕辅
        comes out as 张/硕/辅). Not cached: for short strings."""
        return tuple(self._backend.dictionary_segment(text))

    def tags(self, text: str) -> tuple[tuple[str, str], ...]:
        """(word, part-of-speech) pairs, dictionary words only (jieba's tag set: n noun,
        v verb, a adjective, nr person name…; words added from the lexicon have an empty
        tag with rjieba). Not cached: for short strings."""
        return tuple(self._backend.tag(text))

    def boundaries(self, text: str) -> frozenset[int]:
        """Offsets where a word starts or ends (0 and ``len(text)`` included)."""
        return self._cached_boundaries(text)

    def boundary_offsets(self, text: str) -> tuple[int, ...]:
        """``boundaries(text)`` in increasing order (for bisecting)."""
        return self._cached_offsets(text)

    def _boundary_offsets(self, text: str) -> tuple[int, ...]:
        return tuple(sorted(self.boundaries(text)))

    def _boundaries(self, text: str) -> frozenset[int]:
        # the tokens themselves are not kept for this: comparing many documents asks for
        # the boundaries of every paragraph, and kept tokens took ~13 MB more per process
        # at 300 documents (segmenting again is cheap)
        cuts = {0, len(text)}
        # the tokens kept for ``tokenize`` when there are (the long pair: each paragraph
        # segmented once, not twice, ~35 ms)
        tokens = self._cached.peek(text)
        cuts.update(map(_START, self.raw_tokens(text) if tokens is None else tokens))
        return frozenset(cuts)

    def clear_cache(self) -> None:
        self._cached.cache_clear()
        self._cached_boundaries.cache_clear()
        self._cached_offsets.cache_clear()
        self._cached_words.cache_clear()


_LOCK = threading.Lock()
_TOKENIZERS: dict[tuple[frozenset[str], str | None], WordTokenizer] = {}


def get_tokenizer(lexicon: Lexicon | None = None, *, backend: str | None = None) -> WordTokenizer:
    """The process-wide tokenizer for ``lexicon`` (default: the built-in one), built once.

    Building takes ≈0.1 s with rjieba (≈1 s with jieba), holding the GIL even on another
    thread: the app builds it before its window shows (``tifa.gui.app.load_word_list``);
    ``tifa compare`` starts it early (``build_in_background``).
    """
    lexicon = lexicon if lexicon is not None else load_lexicon()
    key = (lexicon.token_words(), backend or os.environ.get(BACKEND_ENV))
    with _LOCK:
        tokenizer = _TOKENIZERS.get(key)
        if tokenizer is None:
            tokenizer = WordTokenizer(key[0], backend=backend)
            _TOKENIZERS[key] = tokenizer
        return tokenizer


def build_in_background() -> threading.Thread | None:
    """Start building the default tokenizer (``get_tokenizer()``) on a daemon thread and
    return the thread; None when the backend is jieba (≈1 s: not worth it for a command that
    may need no words at all). ``tifa compare`` calls this before it imports the pipeline and
    reads the files. rjieba holds the GIL for about half of its dictionary's build (≈0.1 s; a
    main thread spinning meanwhile kept about half its pace) and the main thread's imports
    leave it for their reads: the long pair ends ≈0.04 s sooner (15 runs each, real-time
    priority), its main thread using ≈0.1 s less CPU. Segmenting the documents here too, as
    they were read, ended it later (rjieba's segmenting holds the GIL as well). A
    ``get_tokenizer()`` meanwhile waits for this build (one build, under ``_LOCK``).
    Whatever goes wrong here is left for the caller's own ``get_tokenizer()`` to meet."""
    if os.environ.get(BACKEND_ENV, "rjieba").lower() not in ("", "rjieba"):
        return None

    def build() -> None:
        try:
            get_tokenizer()
        except Exception:  # the caller's own get_tokenizer() raises it
            return

    thread = threading.Thread(target=build, name="tifa-tokenizer", daemon=True)
    thread.start()
    return thread
