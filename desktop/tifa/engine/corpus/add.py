"""``add_paths``: files and folders into the store, reading in worker processes (all cores)
while this process writes. A generator: ``Progress`` values, an ``AddEvent`` per file, and
finally an ``AddSummary``. Closing it (Ctrl+C, the GUI's cancel) keeps every file already
stored: files are committed in batches, and files already stored (the same path with the
same content) are skipped without being read, so running the same add again resumes it. A
file with the bytes of a file stored under another path is read and stored under its own
path, its event saying whose copy it is (a row per (path, content): store schema 6).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tifa.engine.corpus.prepare import PreparedFile, file_hash, prepare_file
from tifa.engine.corpus.store import CorpusStore
from tifa.engine.ingest import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES
from tifa.engine.processes import worker_context
from tifa.engine.progress import Progress

BATCH_FILES = 32  # files per committed transaction, at most
BATCH_SECONDS = 1.0  # ... and at most this long: readers and another add are not held up


@dataclass(frozen=True, slots=True)
class AddEvent:
    """One file's fate: ``added``, ``version`` (changed file), ``restored`` (changed back to a
    stored version, made current again), ``unchanged``, ``failed``. ``message``: why a file
    failed, or what else happened: ``moved from PATH`` (an unchanged file found at a new
    path, the old one gone), ``a copy of PATH`` (an added file or version holding the bytes
    of a file stored under another path: stored under its own path, search folds it)."""

    path: Path
    status: str
    documents: int = 0
    message: str = ""  # the reason a file failed (the InputError's message), or see above


@dataclass(frozen=True, slots=True)
class AddSummary:
    files: int
    added: int
    versions: int
    unchanged: int
    failed: int
    documents: int  # documents stored by this run
    restored: int = 0  # files changed back to a stored version (made current again)
    #: of the added files and new versions, those whose bytes were stored already under
    #: another path (their event says ``a copy of PATH``)
    copies: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0


def collect_files(paths: Iterable[Path | str]) -> tuple[Path, ...]:
    """Files named and every supported file under folders named (sorted, recursively,
    hidden names skipped). A path that does not exist is kept: it fails as unreadable."""
    found: list[Path] = []
    walked: set[tuple[int, int]] = set()  # folders by device and inode: linked loops end
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=True):  # linked folders too
                try:
                    st = os.stat(root)
                except OSError:
                    continue
                if (st.st_dev, st.st_ino) in walked:
                    dirs[:] = []
                    continue
                walked.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files)
                             if not f.startswith(".")
                             and Path(f).suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = Path(os.path.realpath(path))  # never raises: a symlink loop fails when read
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return tuple(unique)


def default_workers() -> int:
    from tifa.engine.processes import usable_cores

    return usable_cores()


def add_paths(
    store: CorpusStore,
    paths: Iterable[Path | str],
    *,
    workers: int | None = None,
    lexicon_paths: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    prepare: Callable[[list[tuple[Path, str]]], Generator[PreparedFile, None, None]]
    | None = None,
) -> Iterator[Progress | AddEvent | AddSummary]:
    """Add files and folders to ``store``. ``workers=1`` reads in this process (no pool).
    ``prepare`` replaces the process pool: it gets the ``(path, sha256)`` files to read and
    yields their ``PreparedFile`` in that order (``distributed.dask_add``)."""
    files = collect_files(paths)
    total = len(files)
    yield Progress("add", 0, total, "Looking for new files")
    known = store.known_hashes()
    todo: list[tuple[Path, str]] = []
    counts = {"added": 0, "version": 0, "restored": 0, "unchanged": 0, "failed": 0,
              "copies": 0}
    stored_docs = 0
    done = 0
    for path in files:
        try:
            digest, _ = file_hash(path, max_bytes=max_bytes)
        except OSError:
            digest = ""  # prepare_file reports why
        if digest and digest in known:
            here = str(path.resolve())
            stored = store.file_at(here, digest)
            if stored is not None and not stored[1]:
                outcome = store.restore_version(stored[0])  # changed back: nothing to read
                counts["restored"] += 1
                done += 1
                yield AddEvent(path, "restored", len(outcome.document_ids))
                continue
            if stored is not None:
                counts["unchanged"] += 1
                done += 1
                yield AddEvent(path, "unchanged")
                continue
            gone = next((p for _, p, current in store.files_by_hash(digest)
                         if current and not os.path.lexists(p)), None)
            if gone is not None and store.rename_file(gone, here):
                counts["unchanged"] += 1
                done += 1
                yield AddEvent(path, "unchanged", message=f"moved from {gone}")
                continue  # renamed: the store now names the path that exists
            # the same bytes as a file stored under another path that is still there (or
            # not current there): a copy, read and stored under its own path
        # The same content twice in one run is read and stored twice, under each path (the
        # second a copy): taken as "unchanged" here, a copy of a file that then fails (an
        # empty .pdf next to an empty .txt) would be reported as if it were in the corpus.
        todo.append((path, digest))
    if done:
        yield Progress("add", done, total, f"{done} already in the corpus")

    results = (prepare(todo) if prepare is not None else
               _prepared(todo, workers or default_workers(), lexicon_paths, max_bytes))
    batch, batch_start = 0, time.monotonic()
    try:
        for prepared in results:
            done += 1
            if prepared.error is not None:
                counts["failed"] += 1
                yield AddEvent(prepared.path, "failed", message=prepared.error)
            else:
                if batch == 0:
                    batch_start = time.monotonic()
                store.begin()
                outcome = store.store_file(prepared)
                counts[outcome.status] += 1
                if outcome.status != "unchanged":
                    stored_docs += len(outcome.document_ids)
                batch += 1
                if batch >= BATCH_FILES or time.monotonic() - batch_start > BATCH_SECONDS:
                    store.commit()
                    batch = 0
                yield AddEvent(prepared.path, outcome.status, len(outcome.document_ids),
                               copy_message(outcome.copy_of))
                if outcome.copy_of is not None:
                    counts["copies"] += 1
                for message in prepared.skipped:  # an item refused alone (mostly undecodable)
                    counts["failed"] += 1
                    yield AddEvent(prepared.path, "failed", message=message)
            yield Progress("add", done, total, prepared.path.name)
    finally:
        store.commit()  # keep the files stored whole so far, even when stopped
        results.close()
    if stored_docs:
        yield Progress("add", total, total, "Optimising the search index")
        store.optimize()
    yield AddSummary(total, counts["added"], counts["version"], counts["unchanged"],
                     counts["failed"], stored_docs, counts["restored"], counts["copies"])


def copy_message(copy_of: tuple[str, bool] | None) -> str:
    """What an event says of a file stored with the bytes of a file stored under another
    path: ``a copy of PATH``, or ``a copy of an earlier version of PATH``."""
    if copy_of is None:
        return ""
    path, current = copy_of
    return f"a copy of {path}" if current else f"a copy of an earlier version of {path}"


def _prepared(
    todo: list[tuple[Path, str]], workers: int, lexicon_paths: tuple[str, ...],
    max_bytes: int,
) -> Generator[PreparedFile, None, None]:
    """Prepared files in order; in a process pool when there is more than one worker."""
    if workers <= 1 or len(todo) <= 1:
        for path, digest in todo:
            yield prepare_file(path, digest, lexicon_paths=lexicon_paths, max_bytes=max_bytes)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=worker_context(), initializer=_worker_init
    )
    window = workers * 4  # bounded look-ahead: memory stays flat on a big add
    pending: list[Future[PreparedFile]] = []
    try:
        for path, digest in todo:
            pending.append(pool.submit(prepare_file, path, digest,
                                       lexicon_paths=lexicon_paths, max_bytes=max_bytes))
            if len(pending) >= window:
                yield pending.pop(0).result()
        while pending:
            yield pending.pop(0).result()
    finally:
        # Stopped (Ctrl+C, closed generator) or done: drop what has not started; the files
        # being read finish (one a worker) and are thrown away.
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    """Workers leave Ctrl+C to the parent (a terminal sends it to the whole group): the
    parent stops handing out files and keeps what it stored. SIGTERM ends a worker quietly:
    the parent's handler, were it inherited, would raise in every worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's (a traceback a worker)
