"""One file made ready for the store (the work done in worker processes): read, split into
items, normalise, count formulations in each item alone. Nothing here touches the database,
so ``prepare_file`` runs in any process; its result is plain picklable values.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from tifa.engine.compare.formulations import find_formulations
from tifa.engine.compare.lexicon import Lexicon, load_lexicon, phrase_key
from tifa.engine.corpus.sketch import Sketch, sketch_text
from tifa.engine.corpus.split import split_transcript
from tifa.engine.errors import InputError
from tifa.engine.ingest import DEFAULT_MAX_BYTES, document_from_string, read_document
from tifa.engine.ingest.encoding import decode_text
from tifa.engine.model import Document

SPLIT_FORMATS = frozenset({"markdown", "txt"})


@dataclass(frozen=True, slots=True)
class FormulationCount:
    """A formulation in one document: how often, and where (paragraph, start, end) on the
    paragraphs' normalised text."""

    phrase: str
    key: str  # phrase_key(phrase): what the store looks formulations up by
    category: str
    origin: str  # "lexicon" or "discovered"
    positions: tuple[tuple[int, int, int], ...]

    @property
    def count(self) -> int:
        return len(self.positions)


@dataclass(frozen=True, slots=True)
class PreparedItem:
    """One document of a file (a transcript's item, or the whole file), ready to store."""

    item: int  # 0 for a single-document file, else the item's number in the file
    document: Document
    formulations: tuple[FormulationCount, ...]
    sketch: Sketch | None = None  # MinHash of the normalised text (sketch.py), for echoes


@dataclass(frozen=True, slots=True)
class PreparedFile:
    path: Path
    hash: str  # sha256 of the file's bytes
    size: int
    items: tuple[PreparedItem, ...] = ()
    error: str | None = None  # InputError's message when the file could not be read


def file_hash(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, int]:
    """sha256 of the file's bytes (the content identity) and its size; OSError passes,
    also for what is not a regular file: opening a pipe would wait for a writer forever."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        while chunk := f.read(1 << 20):
            size += len(chunk)
            digest.update(chunk)
            if size > max_bytes:
                break
    return digest.hexdigest(), size


@cache
def _lexicon(extra: tuple[str, ...]) -> Lexicon:
    return load_lexicon(*extra)


def prepare_file(
    path: Path | str,
    file_digest: str = "",
    *,
    lexicon_paths: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PreparedFile:
    """Read one file into its documents with their formulations; a bad file becomes a
    PreparedFile with ``error`` set (the InputError's message), never an exception."""
    path = Path(path)
    try:
        documents = read_items(path, max_bytes=max_bytes)  # the reader's InputError first
        digest, size = (file_digest, path.stat().st_size) if file_digest else file_hash(path)
        lexicon = _lexicon(lexicon_paths)
        items = tuple(
            PreparedItem(i if len(documents) > 1 else 0, d, formulation_counts(d, lexicon),
                         sketch_text(d.normalized))
            for i, d in enumerate(documents, start=1)
        )
    except InputError as error:
        return PreparedFile(path, file_digest, 0, error=str(error))
    except OSError as error:
        return PreparedFile(path, file_digest, 0, error=f"{path}: {error.strerror or error}")
    return PreparedFile(path, digest, size, items)


def read_items(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document, ...]:
    """The file's documents: its items when it is a transcript (``split.split_transcript``),
    else the one document. InputError for a file that cannot be read."""
    whole = read_document(path, max_bytes=max_bytes)
    if whole.format not in SPLIT_FORMATS:
        return (whole,)
    text, _ = decode_text(path.read_bytes()[: max_bytes + 1], path)
    transcript = split_transcript(path.name, text)
    if transcript is None:
        return (whole,)
    documents = []
    for n, item in enumerate(transcript.items, start=1):
        doc = document_from_string(item.text, path=path, title=item.title or None)
        if not doc.paragraphs:
            continue
        title = item.title or _first_sentence(doc)
        extra = (("item", str(n)),) + ((("url", item.url),) if item.url else ())
        documents.append(replace(
            doc, title=title, date=transcript.day or whole.date,
            source=transcript.programme or whole.source, format=whole.format,
            encoding=whole.encoding, extra=extra,
        ))
    return tuple(documents) or (whole,)


_DATELINE_RE = re.compile(r"^[^（(：:]{0,12}消息[（(][^）)]{0,20}[）)][：:]")


def _first_sentence(document: Document, limit: int = 40) -> str:
    """A title for an untitled item: its first sentence, without a dateline (央视网消息…：)."""
    text = _DATELINE_RE.sub("", document.paragraphs[0].text)
    for stop in "。！？":
        cut = text.find(stop)
        if 0 < cut < limit:
            return text[: cut + 1]
    return text[:limit] + ("…" if len(text) > limit else "")


def formulation_counts(document: Document, lexicon: Lexicon) -> tuple[FormulationCount, ...]:
    """The engine's formulation finder on this one document with the lexicon."""
    found = find_formulations([document], lexicon=lexicon)
    return tuple(
        FormulationCount(
            f.phrase, phrase_key(f.phrase), f.category, f.origin,
            tuple((o.paragraph, o.start, o.end) for o in f.occurrences),
        )
        for f in found
        if f.occurrences
    )
