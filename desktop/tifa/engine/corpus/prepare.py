"""One file made ready for the store (the work done in worker processes): read, split into
items, normalise, count formulations in each item alone. Nothing here touches the database,
so ``prepare_file`` runs in any process; its result is plain picklable values.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tifa.engine.compare.formulations import find_formulations
from tifa.engine.compare.lexicon import Lexicon, load_lexicon, phrase_key
from tifa.engine.corpus.sketch import Sketch, sketch_text
from tifa.engine.errors import InputError
from tifa.engine.ingest import DEFAULT_MAX_BYTES, read_documents
from tifa.engine.ingest.items import item_number
from tifa.engine.model import Document


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
    skipped: tuple[str, ...] = ()  # InputError messages of items refused alone (file#n)


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
        skipped: list[InputError] = []
        documents = read_items(path, max_bytes=max_bytes,  # the reader's InputError first
                               skipped=skipped)
        if not documents and skipped:
            raise skipped[0]  # every item refused: the file gives nothing to store
        digest, size = (file_digest, path.stat().st_size) if file_digest else file_hash(path)
        lexicon = _lexicon(lexicon_paths)
        items = tuple(
            PreparedItem((item_number(d.path) or 0) if d.path != path else 0, d,
                         formulation_counts(d, lexicon), sketch_text(d.normalized))
            for d in documents
        )
    except InputError as error:
        return PreparedFile(path, file_digest, 0, error=str(error))
    except OSError as error:
        return PreparedFile(path, file_digest, 0, error=f"{path}: {error.strerror or error}")
    return PreparedFile(path, digest, size, items, skipped=tuple(map(str, skipped)))


def read_items(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, skipped: list[InputError] | None = None,
) -> tuple[Document, ...]:
    """The file's documents, as the comparison's reader gives them
    (``ingest.read_documents``): its items (addressed ``file#n``) when it holds many, such
    as a transcript's day (``ingest.items``), else the one document. InputError for a file
    that cannot be read; an item refused alone goes to ``skipped``."""
    return tuple(read_documents(path, max_bytes=max_bytes, skipped=skipped))


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
