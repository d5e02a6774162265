"""What the Corpus tab asks of the engine, as generators for ``workers.Job``.

Each function opens its own ``CorpusStore`` (an SQLite connection belongs to the thread that
opened it), yields what the tab shows (``Progress`` for long work) and closes the store, so
every call runs on a worker thread and the tab never touches the database itself. Results
are frozen rows the Qt models hold as they are.

"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tifa.engine.compare.lexicon import load_lexicon
from tifa.engine.corpus import CorpusError, CorpusStore, add_paths
from tifa.engine.corpus.echoes import ensure_sketches, find_echoes
from tifa.engine.corpus.timeline import (
    NewFormulation,
    PhraseTimeline,
    count_phrase,
    new_formulations,
    period_of,
    phrase_forms,
    phrase_timelines,
)
from tifa.engine.model import Document
from tifa.engine.progress import Progress


@dataclass(frozen=True, slots=True)
class DocRow:
    """One stored document in a result list."""

    id: int
    title: str
    date: str | None
    source: str | None
    snippet: str = ""
    count: float = 0  # matches, occurrences or an echo score: what ranks the row
    #: files holding the same text, folded into this row (a search's ``SearchHit.copies``)
    copies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NoCorpus:
    """The chosen file holds no corpus yet (it is created by the first add)."""

    path: Path


@dataclass(frozen=True, slots=True)
class Failure:
    """A corpus that cannot be used, in words (``CorpusError``'s message)."""

    message: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    rows: tuple[DocRow, ...]


@dataclass(frozen=True, slots=True)
class TimelineResult:
    phrases: tuple[str, ...]
    by: str
    timelines: tuple[PhraseTimeline, ...]


@dataclass(frozen=True, slots=True)
class PeriodResult:
    period: str
    rows: tuple[DocRow, ...]


@dataclass(frozen=True, slots=True)
class NewResult:
    since: dt.date
    formulations: tuple[NewFormulation, ...]


@dataclass(frozen=True, slots=True)
class DocumentsResult:
    """Rows for document ids (a new formulation's first documents)."""

    rows: tuple[DocRow, ...]


@dataclass(frozen=True, slots=True)
class EchoesResult:
    document: DocRow  # the document whose echoes these are
    rows: tuple[tuple[DocRow, int], ...]  # an echo (snippet: its best shared passage) and
    # how many near-duplicates of it (the same text reposted) it stands for


def _named(steps: Callable[..., Iterator[object]]) -> Callable[..., Iterator[object]]:
    """A damaged store (SQLite's "database disk image is malformed" halfway through a
    search) becomes a ``Failure`` naming the file, not "Something went wrong"."""

    @functools.wraps(steps)
    def wrapped(db: Path, *args: Any, **kwargs: Any) -> Iterator[object]:
        try:
            yield from steps(db, *args, **kwargs)
        except sqlite3.Error as error:
            yield Failure(f"{db}: not a usable corpus ({error})")

    return wrapped


def _open(db: Path, *, readonly: bool = True) -> CorpusStore | Failure | NoCorpus:
    if readonly and not db.is_file():
        return NoCorpus(db)
    try:
        return CorpusStore(db, readonly=readonly)
    except CorpusError as error:
        return Failure(str(error))


def _rows(store: CorpusStore, ids: Sequence[int], counts: dict[int, float] | None = None,
          snippets: dict[int, str] | None = None) -> tuple[DocRow, ...]:
    infos = store.infos(ids)
    return tuple(
        DocRow(i, infos[i].title, infos[i].date, infos[i].source,
               (snippets or {}).get(i, ""), (counts or {}).get(i, 0))
        for i in ids if i in infos
    )


@_named
def info_steps(db: Path) -> Iterator[object]:
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        yield store.info()


@_named
def add_steps(db: Path, paths: Sequence[Path], *, workers: int | None = None
              ) -> Iterator[object]:
    """``add_paths`` into ``db`` (created when new), then the store's info. Closing the
    generator (cancel) keeps what was stored; running it again resumes."""
    store = _open(db, readonly=False)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        yield from add_paths(store, list(paths), workers=workers)
        yield store.info()


@_named
def search_steps(db: Path, query: str) -> Iterator[object]:
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        hits = store.search(query)
        yield SearchResult(query, tuple(
            DocRow(h.id, h.title, h.date, h.source, h.snippet, h.count,
                   tuple(path for _, path in h.copies)) for h in hits))


@_named
def timeline_steps(db: Path, phrases: Sequence[str], by: str) -> Iterator[object]:
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        yield TimelineResult(tuple(phrases), by, phrase_timelines(store, phrases, by=by))


@_named
def period_steps(db: Path, phrases: Sequence[str], by: str, period: str) -> Iterator[object]:
    """The documents of ``period`` using any of ``phrases`` (variants included, counted as
    the timeline counts them), most occurrences first."""
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        lexicon = load_lexicon()
        counts: dict[int, float] = {}
        snippets: dict[int, str] = {}
        for phrase in phrases:
            main, variants = phrase_forms(phrase, lexicon)
            found, _ = count_phrase(store, (main, *variants))
            for doc_id, n in found.items():
                counts[doc_id] = counts.get(doc_id, 0) + n
            for hit in store.search(main):
                snippets.setdefault(hit.id, hit.snippet)
        dates = store.dates(list(counts))
        chosen = [d for d in counts if dates.get(d) and period_of(str(dates[d]), by) == period]
        chosen.sort(key=lambda d: (str(dates[d]), -counts[d], d))
        yield PeriodResult(period, _rows(store, chosen, counts, snippets))


@_named
def new_steps(db: Path, since: dt.date) -> Iterator[object]:
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        yield NewResult(since, new_formulations(store, since))


@_named
def rows_steps(db: Path, ids: Sequence[int]) -> Iterator[object]:
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        yield DocumentsResult(_rows(store, list(ids)))


def stored_document(store: CorpusStore, doc_id: int) -> Document:
    """A stored document as the comparison opens it: an item of a file (a day's broadcast)
    has the address the reader gives it (``file#n``), so a workspace saved with it reads
    that item back."""
    return store.document(doc_id)


@_named
def documents_steps(db: Path, ids: Sequence[int]) -> Iterator[object]:
    """The stored documents, read back from the store, for the comparison."""
    store = _open(db)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        for doc_id in ids:
            try:
                yield stored_document(store, doc_id)
            except KeyError:
                yield Failure(f"{db}: no document {doc_id}")


# --- echoes -------------------------------------------------------------------------------


@_named
def echoes_steps(db: Path, doc_id: int, *, limit: int | None = 200) -> Iterator[object]:
    """The echoes of a stored document (``engine.corpus.echoes.find_echoes``), best first.
    Documents stored before signatures existed are sketched first (with progress), so the
    store is opened for writing."""
    store = _open(db, readonly=False)
    if not isinstance(store, CorpusStore):
        yield store
        return
    with store:
        for step in ensure_sketches(store):  # Progress, then how many were sketched
            if isinstance(step, Progress):
                yield step
        found = find_echoes(store, doc_id, limit=limit)
        infos = store.infos([e.id for e in found.echoes])
        rows = tuple(
            (DocRow(e.id, infos[e.id].title, infos[e.id].date, infos[e.id].source,
                    e.passages[0] if e.passages else "", round(e.score, 1)), len(e.members))
            for e in found.echoes if e.id in infos)
        q = found.query
        yield EchoesResult(DocRow(q.id or doc_id, q.title, q.date, q.source), rows)
