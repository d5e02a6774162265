"""The state the window shows: open documents, settings, pivot, and the current comparison.

Widgets never call the engine; they ask the session, which runs the engine's generators on
worker threads (``workers.JobRunner``) and announces results with signals. Each document-set
change starts a new comparison and cancels the one running; results of a cancelled or
superseded job are dropped by comparing generation numbers.

Indices: ``documents`` is the user's order. A ``Comparison`` keeps the order it was computed
in; ``column_order`` maps the user's order onto it, so reordering needs no recomputation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from tifa.engine.compare.align import background_workers

# The engine is imported here, on the GUI thread at start-up, not lazily in a worker: a worker
# importing NumPy/SciPy holds the import lock and the GIL for most of a second, freezing the
# window (measured with bench/gui.py).
from tifa.engine.compare.model import (
    Alignment,
    AlignmentRow,
    CompareSettings,
    Comparison,
    ParagraphMarks,
    SentenceLink,
    SimilarityMatrix,
)
from tifa.engine.compare.pipeline import MAX_DOCUMENTS, compare_steps
from tifa.engine.compare.sentences import align_sentences
from tifa.engine.compare.similarity import paragraph_matrix
from tifa.engine.errors import InputError
from tifa.engine.ingest import iter_read_documents
from tifa.engine.ingest.items import split_item_path
from tifa.engine.model import Document
from tifa.engine.progress import Progress
from tifa.gui import collector
from tifa.gui.models.table_rows import TableRows, table_rows
from tifa.gui.workers import JobRunner
from tifa.gui.workspace import Workspace, WorkspaceError, load_workspace

Reader = Callable[[Sequence[Path]], Iterator[object]]
Comparer = Callable[..., Iterator[object]]


def _engine_reader(paths: Sequence[Path], *, whole_files: bool = False) -> Iterator[object]:
    return iter(iter_read_documents(list(paths), whole_files=whole_files))


def _engine_comparer(
    documents: Sequence[Document], *, settings: CompareSettings
) -> Iterator[object]:
    return iter(compare_steps(tuple(documents), settings=settings))


def reading(document: Document, settings: CompareSettings) -> Comparison:
    """One document shown to be read, not compared (the engine compares two or more): one
    row per paragraph, nothing shared, no formulations found against others."""
    n = len(document.paragraphs)
    return Comparison(
        documents=(document,),
        settings=settings,
        pairs=(),
        formulations=(),
        similarities=(SimilarityMatrix("shared-text", ((1.0,),)),),
        order=(0,),
        alignment=Alignment(0, tuple(AlignmentRow(((p,),)) for p in range(n))),
        marks=(tuple(ParagraphMarks() for _ in range(n)),),
    )


def _file_of(path: Path) -> Path:
    """The file a document came from (an item ``day.md#3`` comes from ``day.md``)."""
    item = split_item_path(path)
    return item[0] if item is not None else path


@lru_cache(maxsize=8192)  # resolving is a system call per path: 300 documents, many times
def _key(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return path.absolute()


def column_order(comparison: Comparison, documents: Sequence[Document]) -> tuple[int, ...]:
    """``comparison``'s document indices in the order of ``documents`` (the user's), those
    not among them after."""
    index = {_key(d.path): i for i, d in enumerate(comparison.documents)}
    order = [index[_key(d.path)] for d in documents if _key(d.path) in index]
    seen = set(order)
    return tuple(order + [i for i in range(len(index)) if i not in seen])


@dataclass(frozen=True, slots=True)
class Compared:
    """A comparison from the comparing worker, with the side-by-side table's rows it opens
    with, laid out there too (``table_rows``) for the documents' order then."""

    comparison: Comparison
    rows: TableRows


def _with_table_rows(items: Iterator[object], documents: Sequence[Document]
                     ) -> Iterator[object]:
    """``items`` with each comparison laid out for the table, on the thread that runs them
    (300 documents: 100–200 ms that would otherwise freeze the window)."""
    for item in items:
        if isinstance(item, Comparison):
            item = Compared(item, table_rows(item, column_order(item, documents)))
        yield item


class Session(QObject):
    documents_changed = Signal()
    comparison_changed = Signal()  # a new Comparison, or None
    columns_changed = Signal()  # same comparison, other column order
    pair_changed = Signal()
    problem_reported = Signal(str, str)  # file, reason: a file that could not be read
    error_reported = Signal(str)  # an unexpected failure, with details
    status_message = Signal(str)
    notice = Signal(str)  # a problem to show in the message area, in words
    notice_withdrawn = Signal(str)  # a notice that no longer holds (a second document came)
    report_written = Signal(str)  # the report's file (or folder): offered to open
    busy_changed = Signal(bool)
    progressed = Signal(object)  # Progress
    compare_cancelled = Signal()
    paragraph_matrix_ready = Signal(int, int, object)  # a, b, numpy array (a's rows)
    sentence_links_ready = Signal()

    def __init__(
        self,
        settings: CompareSettings | None = None,
        *,
        reader: Reader | None = None,
        comparer: Comparer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # A file of many items (a transcript's day) gives one document per item unless
        # whole_files (File menu; remembered in preferences).
        self.whole_files = False
        self._reader = reader or (
            lambda paths: _engine_reader(paths, whole_files=self.whole_files))
        self._comparer = comparer or _engine_comparer
        self.documents: list[Document] = []
        self.settings = replace(settings or CompareSettings(), pivot=None)
        self.pivot_path: Path | None = None
        self.comparison: Comparison | None = None
        # the side-by-side table's rows laid out on the worker with the comparison, if
        # they were (for the documents' order when it started: see ``opening_rows``)
        self._table_rows: TableRows | None = None
        self.pair: tuple[int, int] | None = None  # comparison indices
        self._pair_wanted: tuple[int, int] | None = None  # being computed to be shown
        self.problems: list[InputError] = []
        self._state_notice = ""  # the notice about the number of documents, while it holds
        self.runner = JobRunner(self)
        self.runner.busy_changed.connect(self.busy_changed)
        self.runner.progressed.connect(self.progressed)
        self._generation = 0  # bumped whenever a running comparison becomes stale
        self._epoch = 0  # bumped when the document set is replaced: pending reads are stale
        self._pending_reads: set[int] = set()
        self._next_read = 0
        self._matrices: dict[tuple[int, int], tuple[Comparison, object]] = {}
        self._sentence_links: dict[tuple[int, int], tuple[SentenceLink, ...]] = {}
        self._sentence_pending: set[tuple[int, int]] = set()
        # what the last Remove / Close All took away: (documents, pivot) to put back
        self._undo: tuple[list[Document], Path | None] | None = None

    # -- reading -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def open_paths(self, paths: Iterable[Path]) -> None:
        """Read ``paths`` on a worker and add what can be read; then compare again."""
        wanted = [Path(p) for p in paths]
        known = {_key(d.path) for d in self.documents}
        fresh: list[Path] = []
        for p in wanted:
            if _key(p) in known:
                self.status_message.emit(self.tr("Already open: %s") % p.name)
                continue
            known.add(_key(p))
            fresh.append(p)
        if not fresh:
            return
        self.runner.cancel("compare")
        self._generation += 1
        epoch, token = self._epoch, self._next_read
        self._next_read += 1
        self._pending_reads.add(token)
        order = {_key(p): i for i, p in enumerate(fresh)}
        read: list[Document] = []

        def on_item(item: object) -> None:
            if isinstance(item, Document):
                read.append(item)
            elif isinstance(item, InputError):
                self._report_problem(item)

        def on_end(cancelled: bool) -> None:
            if epoch != self._epoch:
                return
            self._pending_reads.discard(token)
            # keep the order the user gave, whatever order the reader finished in: an item
            # given as such (day.md#3) by its own address, a file's items by the file's
            read.sort(key=lambda d: order.get(_key(d.path),
                                              order.get(_key(_file_of(d.path)), len(order))))
            have = {_key(d.path) for d in self.documents}
            self.documents.extend(d for d in read if _key(d.path) not in have)
            self.documents_changed.emit()
            if not self._pending_reads and not cancelled:
                self.recompute()

        self.runner.start(
            "read", lambda: self._reader(fresh), on_item=on_item, on_end=on_end,
            on_error=self.error_reported.emit,
        )

    def add_documents(self, documents: Iterable[Document]) -> None:
        """Add documents read elsewhere (the Corpus tab reads them back from its store);
        documents already open (same path) are skipped. Then compare again."""
        have = {_key(d.path) for d in self.documents}
        fresh: list[Document] = []
        for document in documents:
            if _key(document.path) in have:
                self.status_message.emit(self.tr("Already open: %s") % document.title)
                continue
            have.add(_key(document.path))
            fresh.append(document)
        if not fresh:
            return
        self.runner.cancel("compare")
        self._generation += 1
        self.documents.extend(fresh)
        self.documents_changed.emit()
        if not self._pending_reads:
            self.recompute()

    def _report_problem(self, error: InputError) -> None:
        self.problems.append(error)
        self.problem_reported.emit(str(error.path), error.reason)

    def clear_problems(self) -> None:
        self.problems.clear()

    # -- the document list ---------------------------------------------------------------

    def remove(self, index: int) -> None:
        self.remove_many([index])

    def remove_many(self, indices: Iterable[int]) -> None:
        """Remove these documents (Edit › Undo brings them back)."""
        wanted = sorted({i for i in indices if 0 <= i < len(self.documents)}, reverse=True)
        if not wanted:
            return
        self._undo = (list(self.documents), self.pivot_path)
        for index in wanted:
            removed = self.documents.pop(index)
            if self.pivot_path is not None and _key(removed.path) == _key(self.pivot_path):
                self.pivot_path = None
        self.documents_changed.emit()
        self.recompute()

    @property
    def can_undo(self) -> bool:
        return self._undo is not None

    def undo_removal(self) -> bool:
        """Put back the documents the last Remove or Close All took away (already read:
        nothing is read again) and compare again."""
        saved = self._undo
        if saved is None:
            return False
        self._undo = None
        documents, pivot = saved
        have = {_key(d.path) for d in documents}
        self.documents[:] = documents + [d for d in self.documents if _key(d.path) not in have]
        self.pivot_path = pivot
        self.documents_changed.emit()
        self.recompute()
        return True

    def clear(self) -> None:
        if self.documents:
            self._undo = (list(self.documents), self.pivot_path)
        self.runner.cancel()
        self._generation += 1
        self._epoch += 1
        self._pending_reads.clear()
        self.documents.clear()
        self.pivot_path = None
        self.documents_changed.emit()
        self._set_comparison(None)

    def move(self, index: int, delta: int) -> None:
        """Move a document up or down the list; the comparison stays, its columns follow."""
        self.move_to(index, index + delta)

    def move_to(self, index: int, target: int) -> None:
        """Move document ``index`` so that it ends up at ``target`` (drag and drop in the
        documents list); the comparison stays, its columns follow."""
        n = len(self.documents)
        if not (0 <= index < n and 0 <= target < n) or index == target:
            return
        self.documents.insert(target, self.documents.pop(index))
        self.documents_changed.emit()
        self.columns_changed.emit()

    def set_pivot(self, index: int | None) -> None:
        self.pivot_path = None if index is None else self.documents[index].path
        self.documents_changed.emit()
        self.recompute()

    def pivot_index(self) -> int | None:
        """The pivot's index in ``documents``, or None when the engine picks it."""
        if self.pivot_path is None:
            return None
        for i, d in enumerate(self.documents):
            if _key(d.path) == _key(self.pivot_path):
                return i
        return None

    # -- comparing -----------------------------------------------------------------------

    def set_settings(self, settings: CompareSettings) -> None:
        settings = replace(settings, pivot=None)
        if settings != self.settings:
            self.settings = settings
            self.recompute()

    def recompute(self) -> None:
        """Compare the open documents again (on a worker), cancelling any comparison running."""
        self.runner.cancel("compare")
        self._generation += 1
        if self._state_notice:  # "open a second document", "too many": no longer so
            self.notice_withdrawn.emit(self._state_notice)
            self._state_notice = ""
        if not self.documents:
            self._set_comparison(None)
            return
        if len(self.documents) == 1:
            # nothing to compare: the document is shown to be read
            self._set_comparison(reading(self.documents[0], self.settings))
            self._state_notice = self.tr("Open a second document to compare.")
            self.notice.emit(self._state_notice)
            return
        if len(self.documents) > MAX_DOCUMENTS:
            # the documents stay open: removing some brings the comparison back
            self._set_comparison(None)
            self._state_notice = (
                self.tr("%d documents are open; Tifa compares at most %d at a time. "
                        "Remove some to compare the others.") % (len(self.documents),
                                                                  MAX_DOCUMENTS)
            )
            self.notice.emit(self._state_notice)
            return
        generation = self._generation
        documents = tuple(self.documents)
        settings = replace(self.settings, pivot=self.pivot_index())

        def on_item(item: object) -> None:
            if generation == self._generation and isinstance(item, Compared):
                self._set_comparison(item.comparison, item.rows)
                collector.settle()

        def on_end(cancelled: bool) -> None:
            if cancelled and generation == self._generation:
                self.compare_cancelled.emit()

        self.runner.start(
            "compare",
            # full garbage collections would hold the GIL for seconds (see ``collector``)
            lambda: collector.postponing_full_collections(_with_table_rows(
                self._comparer(documents, settings=settings), documents)),
            on_item=on_item,
            on_end=on_end,
            on_error=self.error_reported.emit,
        )

    def cancel(self) -> None:
        """Stop whatever runs; the last finished comparison stays on screen."""
        self._generation += 1
        self.runner.cancel()
        self.compare_cancelled.emit()

    def _set_comparison(self, comparison: Comparison | None,
                        rows: TableRows | None = None) -> None:
        self.comparison = comparison
        self._table_rows = rows
        self._matrices.clear()
        self._sentence_links.clear()
        self._sentence_pending.clear()
        self.pair = None
        self._pair_wanted = None
        if comparison is not None:
            order = self.column_order()
            pivot = comparison.alignment.pivot
            others = [i for i in order if i != pivot]
            if others:
                self.pair = (pivot, others[0])
        self.comparison_changed.emit()
        self.pair_changed.emit()

    def column_order(self) -> tuple[int, ...]:
        """Comparison document indices in the user's order, those not among the user's
        documents after (``column_order``)."""
        if self.comparison is None:
            return ()
        return column_order(self.comparison, self.documents)

    def opening_rows(self, columns: Sequence[int]) -> TableRows | None:
        """The current comparison's table rows for ``columns`` as the worker laid them out
        (None when it did not, or for other columns: the documents were reordered since)."""
        rows = self._table_rows
        return rows if rows is not None and rows.fits(self.comparison, columns) else None

    def documents_of_files(self, files: Sequence[Path]) -> list[int | None]:
        """The comparison index of the document each of ``files`` (as they were given to
        open) gave, in the user's order: the file's own document, the item an item address
        names (``day.md#3``), or the first item of a file of many (as ``tifa compare --pivot
        N`` takes it); None for a file that gave none (not read, or not compared)."""
        if self.comparison is None:
            return [None] * len(files)
        documents = self.comparison.documents
        order = self.column_order()
        given = {_key(Path(f)) for f in files}
        found: list[int | None] = []
        for file in files:
            key = _key(Path(file))
            exact = [i for i in order if _key(documents[i].path) == key]
            items = [i for i in order if _key(_file_of(documents[i].path)) == key
                     and _key(documents[i].path) not in given]  # not an item given itself
            first = exact or items
            found.append(first[0] if first else None)
        return found

    def set_pair(self, a: int, b: int) -> None:
        if self.comparison is None or a == b:
            return
        n = len(self.comparison.documents)
        if not (0 <= a < n and 0 <= b < n):
            raise IndexError((a, b))
        if self.pair == (a, b):
            self._pair_wanted = None
            return
        comparison = self.comparison
        if comparison.pair_ready(a, b):
            self._pair_wanted = None
            self.pair = (a, b)
            self.pair_changed.emit()
            return
        # a pair of many documents not compared in full yet: on a worker, then shown
        self._pair_wanted = (a, b)
        docs = comparison.documents
        self.status_message.emit(f"Comparing {docs[a].name} × {docs[b].name}…")

        def steps() -> Iterator[object]:
            comparison.pair(a, b)  # computed and kept by the comparison
            yield (a, b)

        def on_item(item: object) -> None:
            if self.comparison is comparison and self._pair_wanted == item:
                self._pair_wanted = None
                self.pair = (a, b)
                self.pair_changed.emit()

        self.runner.start("pair", steps, on_item=on_item, on_error=self.error_reported.emit)

    def request_paragraph_matrix(self, a: int, b: int) -> None:
        """Compute the paragraph-by-paragraph similarity of a pair on a worker (for the dot
        plot); ``paragraph_matrix_ready`` brings it."""
        comparison = self.comparison
        if comparison is None or a == b:
            return
        cached = self._matrices.get((a, b))
        if cached is not None and cached[0] is comparison:
            self.paragraph_matrix_ready.emit(a, b, cached[1])
            return
        self.runner.cancel("matrix")
        doc_a, doc_b = comparison.documents[a], comparison.documents[b]
        settings = comparison.settings

        def steps() -> Iterator[object]:
            # every core but one: the GUI thread keeps a core while it is made
            yield paragraph_matrix(doc_a, doc_b, settings=settings, workers=background_workers())

        def on_item(matrix: object) -> None:
            if self.comparison is comparison:
                self._matrices[(a, b)] = (comparison, matrix)
                self.paragraph_matrix_ready.emit(a, b, matrix)

        self.runner.start("matrix", steps, on_item=on_item, on_error=self.error_reported.emit)

    def sentence_links(self, a: int, b: int) -> tuple[SentenceLink, ...] | None:
        """The sentence links of pair ``a < b``: the engine's when it computed them (sentence
        granularity), else those computed on request; None while not computed."""
        if self.comparison is None:
            return None
        if self.comparison.pair_ready(a, b):  # else computed on a worker when requested
            pair = self.comparison.pair(a, b)
            if pair.sentence_links:
                return pair.sentence_links
        return self._sentence_links.get((min(a, b), max(a, b)))

    def request_sentence_links(self, pairs: Iterable[tuple[int, int]]) -> None:
        """Compute missing sentence links (echoes between paragraphs that do not correspond)
        on a worker; ``sentence_links_ready`` follows."""
        comparison = self.comparison
        if comparison is None:
            return
        wanted = sorted(
            {(min(a, b), max(a, b)) for a, b in pairs if a != b}
            - set(self._sentence_links)
            - self._sentence_pending
        )
        # pairs not compared yet (many documents) are compared on the worker, not here
        wanted = [
            p for p in wanted
            if not (comparison.pair_ready(*p) and comparison.pair(*p).sentence_links)
        ]
        if not wanted:
            return
        self._sentence_pending.update(wanted)

        def steps() -> Iterator[object]:
            for a, b in wanted:
                docs = comparison.documents
                pair = comparison.pair(a, b)  # compared here when it was not yet
                links = pair.sentence_links or align_sentences(
                    docs[a], docs[b], pair.links, settings=comparison.settings)
                yield ((a, b), links)

        def on_item(item: object) -> None:
            if self.comparison is comparison and isinstance(item, tuple):
                key, links = item
                self._sentence_pending.discard(key)
                self._sentence_links[key] = links

        def on_end(cancelled: bool) -> None:
            if self.comparison is comparison:
                self._sentence_pending.difference_update(wanted)
                self.sentence_links_ready.emit()

        self.runner.start("sentences", steps, on_item=on_item, on_end=on_end,
                          on_error=self.error_reported.emit)

    # -- workspaces ----------------------------------------------------------------------

    def workspace(self) -> Workspace:
        return Workspace(
            documents=tuple(d.path for d in self.documents),
            pivot=self.pivot_path,
            settings=self.settings,
        )

    def open_workspace(self, path: Path) -> None:
        """Read and check the workspace file on a worker (a slow disk, a huge or hostile file
        never blocks the window), then load it. A file that is not a usable workspace is
        named in ``problem_reported``; settings values that were not used in ``notice``."""
        self.runner.cancel("workspace")
        epoch = self._epoch

        def steps() -> Iterator[object]:
            try:
                yield load_workspace(path)
            except WorkspaceError as error:
                yield error

        def on_item(item: object) -> None:
            if epoch != self._epoch:  # the documents were replaced meanwhile
                return
            if isinstance(item, WorkspaceError):
                self.problem_reported.emit(str(item.path), item.reason)
            elif isinstance(item, Workspace):
                self.load(item)
                for warning in item.warnings:
                    self.notice.emit(warning)

        self.runner.start("workspace", steps, on_item=on_item,
                          on_error=self.error_reported.emit)

    def load(self, workspace: Workspace) -> None:
        """Replace everything with the workspace's documents and settings."""
        self.clear()
        self.settings = replace(workspace.settings, pivot=None)
        self.pivot_path = workspace.pivot
        self.open_paths(workspace.documents)

    def shutdown(self) -> None:
        self.runner.wait_all()


def progress_text(progress: Progress) -> str:
    return progress.message or progress.stage
