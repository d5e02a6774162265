"""The formulation lexicon (提法词表): curated phrases with a category, gloss and first year.

The built-in lexicon is ``resources/lexicon/formulations.tsv``; users extend it with their own
files in the same format (TSV, or YAML: a list of mappings with the same keys), merged by
``load_lexicon(path, ...)``. A later file overrides an earlier entry with the same phrase.

Phrases are compared on their *key*: the phrase without quotes, enumeration commas and spaces,
so “把方向、谋大事、抓党建、保平安” and 把方向谋大事抓党建保平安 are the same formulation.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from tifa.engine.errors import InputError, file_problem, os_reason
from tifa.engine.paths import resource

BUILTIN_LEXICON = ("lexicon", "formulations.tsv")

# Characters that may appear inside a formulation's written form without changing it: quotes,
# enumeration/clause separators, spaces, middle dots.
TRANSPARENT = frozenset("“”‘’「」『』\"'、，,；; \u3000\t·")
QUOTES = frozenset("“”‘’「」『』\"'")
CLAUSE_SEPARATORS = frozenset("、，,；;")
_CLAUSE_SPLIT = re.compile(r"[、，,；;]")
COLUMNS = ("phrase", "category", "first_year", "gloss", "aliases", "variants", "source")


# the same phrases are keyed again and again (each match of a formulation, each sighting of a
# parallel formula): kept, as the strings and tuples they are
@lru_cache(maxsize=1 << 16)
def phrase_key(phrase: str) -> str:
    """The phrase without quotes, separators and spaces: what matching compares."""
    return "".join(ch for ch in phrase if ch not in TRANSPARENT)


@lru_cache(maxsize=1 << 16)
def phrase_clauses(phrase: str) -> tuple[str, ...]:
    """The clauses of a parallel formula (one clause for a plain term), quotes removed."""
    parts = (phrase_key(p) for p in _CLAUSE_SPLIT.split(phrase))
    return tuple(p for p in parts if p)


def normalize_phrase(phrase: str, *, simplify: bool = True) -> str:
    """Bring a user's phrase to Tifa's normalised form (simplified script, Chinese commas)."""
    phrase = phrase.strip().replace(",", "，").replace(";", "；")
    if simplify and any("\u4e00" <= ch <= "\u9fff" for ch in phrase):
        phrase = _to_simplified(phrase)
    return phrase


@cache
def _opencc_t2s() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(text: str) -> str:
    converter = _opencc_t2s()
    result: str = converter.convert(text)  # type: ignore[attr-defined]
    return result


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    phrase: str  # normalised (simplified) form, as written, 、 kept
    category: str
    gloss: str = ""
    first_year: int | None = None
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()  # other entries this one is a variant of (curated)
    source: str = ""  # where the entry comes from (a document and its address)

    @property
    def key(self) -> str:
        return phrase_key(self.phrase)

    @property
    def forms(self) -> tuple[str, ...]:
        """The phrase and its aliases."""
        return (self.phrase, *self.aliases)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """An ordered, immutable set of entries, looked up by phrase key (aliases included)."""

    entries: tuple[LexiconEntry, ...]
    _by_key: dict[str, LexiconEntry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_key: dict[str, LexiconEntry] = {}
        for entry in self.entries:
            for form in entry.forms:
                by_key.setdefault(phrase_key(form), entry)
        object.__setattr__(self, "_by_key", by_key)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)

    def __contains__(self, phrase: object) -> bool:
        return isinstance(phrase, str) and phrase_key(phrase) in self._by_key

    def get(self, phrase: str) -> LexiconEntry | None:
        """The entry whose phrase or alias has the same key as ``phrase``."""
        return self._by_key.get(phrase_key(phrase))

    def keys(self) -> frozenset[str]:
        """Keys of every phrase and alias."""
        return frozenset(self._by_key)

    def token_words(self) -> frozenset[str]:
        """Words the tokenizer must keep whole: plain phrases, aliases, and the clauses of
        parallel formulas (把方向, 谋大事…), each of at least two characters."""
        words: set[str] = set()
        for entry in self.entries:
            for form in entry.forms:
                clauses = phrase_clauses(form)
                words.update(c for c in clauses if 2 <= len(c) <= 12)
        return frozenset(words)

    def curated_variants(self, a: str, b: str) -> bool:
        """True when the lexicon links the two phrases as variants (either direction)."""
        entry_a, entry_b = self.get(a), self.get(b)
        if entry_a is None or entry_b is None or entry_a is entry_b:
            return False
        return any(phrase_key(v) == entry_b.key for v in entry_a.variants) or any(
            phrase_key(v) == entry_a.key for v in entry_b.variants
        )

    def merged(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries added; ``other`` wins on the same phrase."""
        replaced = {e.key for e in other.entries}
        kept = tuple(e for e in self.entries if e.key not in replaced)
        return Lexicon(kept + other.entries)


LEXICON_MAX_BYTES = 16 * 1024 * 1024


def read_lexicon_file(path: Path, *, simplify: bool = True) -> Lexicon:
    """Read one lexicon file (``.tsv``, or ``.yaml``/``.yml``). Bad files raise InputError.

    ``simplify`` converts traditional phrases to simplified (OpenCC), as users may write them.
    """
    problem = file_problem(path)  # missing, a folder, a pipe: each named as it is
    if problem is not None:
        raise InputError(path, f"cannot read the lexicon: {problem}")
    try:
        if path.stat().st_size > LEXICON_MAX_BYTES:
            raise InputError(path, f"the lexicon is too large (more than "
                                   f"{LEXICON_MAX_BYTES // (1024 * 1024)} MB)")
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(path, f"cannot read the lexicon: {os_reason(exc)}") from None
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot read the lexicon: it is not UTF-8 text (byte "
                               f"{exc.object[exc.start]:#04x} at {exc.start:,})") from None
    if path.suffix.lower() in {".yaml", ".yml"}:
        rows = list(_yaml_rows(path, raw))
    else:
        rows = list(_tsv_rows(path, raw))
    return Lexicon(tuple(_entry(path, line, row, simplify) for line, row in rows))


def _tsv_rows(path: Path, raw: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = [
        (number, line)
        for number, line in enumerate(raw.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return
    header = [h.strip() for h in lines[0][1].split("\t")]
    if "phrase" not in header:
        header = list(COLUMNS)
        body = lines
    else:
        body = lines[1:]
    for number, line in body:
        cells = line.split("\t")
        yield number, {h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header)}


def _yaml_rows(path: Path, raw: str) -> Iterator[tuple[int, dict[str, str]]]:
    import yaml

    from tifa.engine.safeyaml import YamlRefused, load_yaml

    try:
        data = load_yaml(raw, max_chars=LEXICON_MAX_BYTES)  # aliases refused: no alias bomb
    except YamlRefused as refused:
        raise InputError(path, f"the lexicon was not read: {refused}") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        raise InputError(path, f"the lexicon is not valid YAML: {exc}") from None
    if isinstance(data, dict) and "formulations" in data:
        data = data["formulations"]
    if not isinstance(data, list):
        raise InputError(path, "a YAML lexicon is a list of entries with a 'phrase' each")
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise InputError(path, f"entry {number} is not a mapping")
        row = {k: "" if v is None else str(v) for k, v in item.items()}
        for listed in ("aliases", "variants"):
            value = item.get(listed) or ""
            row[listed] = "|".join(map(str, value)) if isinstance(value, list) else str(value)
        yield number, row


def _entry(path: Path, line: int, row: dict[str, str], simplify: bool) -> LexiconEntry:
    phrase = normalize_phrase(row.get("phrase", ""), simplify=simplify)
    if not phrase_key(phrase):
        raise InputError(path, f"line {line}: empty phrase")
    year_text = row.get("first_year", "").strip()
    year: int | None = None
    if year_text:
        if not year_text.isdigit():
            raise InputError(path, f"line {line}: first_year {year_text!r} is not a year")
        year = int(year_text)
    aliases, variants = (
        tuple(
            normalize_phrase(a, simplify=simplify)
            for a in row.get(column, "").split("|")
            if phrase_key(a)
        )
        for column in ("aliases", "variants")
    )
    return LexiconEntry(
        phrase=phrase,
        category=row.get("category", "").strip() or "user",
        gloss=row.get("gloss", "").strip(),
        first_year=year,
        aliases=aliases,
        variants=variants,
        source=row.get("source", "").strip(),
    )


_DEFAULT_LOCK = threading.Lock()


@cache
def _builtin_lexicon() -> Lexicon:
    return read_lexicon_file(resource(*BUILTIN_LEXICON), simplify=False)  # kept simplified


def load_lexicon(*extra_paths: str | Path) -> Lexicon:
    """The built-in lexicon merged with the user's files, in order (later files win).

    The built-in lexicon is read once per process; user files are read on every call.
    """
    with _DEFAULT_LOCK:
        lexicon = _builtin_lexicon()
    for extra in extra_paths:
        lexicon = lexicon.merged(read_lexicon_file(Path(extra)))
    return lexicon
