"""Immutable results of comparing documents: what the GUI shows and the reports export.

Spans are on paragraphs' *normalised* text, as ``SpanRef(paragraph, start, end)``; use
``Paragraph.display_span`` to put them on the displayed text. Document indices refer to
``Comparison.documents``.

The comparison engine may add fields; the names here are relied on by the GUI, the reports
and the JSON report (``resources/schema/report.schema.json``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from tifa.engine.model import Document

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


class SpanRef(NamedTuple):
    paragraph: int
    start: int
    end: int


class LinkKind(StrEnum):
    EQUAL = "equal"  # same normalised text
    EDITED = "edited"  # 1:1, similar
    SPLIT = "split"  # one paragraph of a became several of b
    MERGE = "merge"  # several paragraphs of a became one of b
    MOVED = "moved"  # linked, but out of the order of the other links


class FormulationStatus(StrEnum):
    """A formulation's status between two documents, read as "from a to b"."""

    SHARED = "shared"  # in both
    NEW = "new"  # only in b
    DROPPED = "dropped"  # only in a
    VARIANT = "variant"  # a has one form, b another (把方向、谋大事… vs 把方向、干大事…)
    ABSENT = "absent"  # in neither


class Granularity(StrEnum):
    AUTO = "auto"  # chosen per pair (``PairComparison.granularity`` says which, and why)
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


class GranularityReason(StrEnum):
    """Why a pair was compared at its granularity."""

    CHOSEN = "chosen"  # the user asked for it
    PARAGRAPHS_MATCH = "paragraphs-match"  # auto: paragraph links hold the shared wording
    LONG_PARAGRAPHS = "long-paragraphs"  # auto: a document has few, long paragraphs
    WEAK_LINKS = "weak-links"  # auto: most shared wording lies outside paragraph links


@dataclass(frozen=True, slots=True, kw_only=True)
class CompareSettings:
    """What the user can tune. Changing any of these means recomputing."""

    granularity: Granularity = Granularity.AUTO
    link_threshold: float = 0.5  # minimum paragraph similarity (0..1) to link
    min_shared_chars: int = 4  # shortest shared passage reported
    ignore_punctuation: bool = True
    ignore_numbers: bool = False
    pivot: int | None = None  # None: the most central document


@dataclass(frozen=True, slots=True)
class ParagraphLink:
    """Paragraphs ``a`` of one document correspond to paragraphs ``b`` of the other."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float  # 0..1
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """A maximal passage of wording common to two documents."""

    text: str  # normalised
    a: SpanRef
    b: SpanRef
    weight: float  # distinctiveness: high for 疫情要防住, low for 会议强调


class DiffTag(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"  # only in b
    DELETE = "delete"  # only in a
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One word-level edit between linked text; a side's spans may cover several paragraphs."""

    tag: DiffTag
    a: tuple[SpanRef, ...]
    b: tuple[SpanRef, ...]


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """Sentences ``a`` of one document correspond to sentences ``b`` of the other (spans on
    normalised text; several spans when sentences were split or merged)."""

    a: tuple[SpanRef, ...]
    b: tuple[SpanRef, ...]
    score: float  # 0..1
    kind: LinkKind


@dataclass(frozen=True, slots=True)
class PairComparison:
    """Everything about one pair of documents ``a < b``."""

    a: int
    b: int
    similarity: float  # 0..1, the primary metric
    links: tuple[ParagraphLink, ...]
    shared: tuple[SharedPassage, ...]
    # Filled when the pair is compared by sentences (else computed on demand).
    sentence_links: tuple[SentenceLink, ...] = ()
    # The granularity this pair was compared at (never AUTO) and why (see ``choose_granularity``
    # in ``pipeline``); ``granularity_detail`` gives the measured numbers, in English.
    granularity: Granularity = Granularity.PARAGRAPH
    granularity_reason: GranularityReason = GranularityReason.CHOSEN
    granularity_detail: str = ""


@dataclass(frozen=True, slots=True)
class Occurrence:
    document: int
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Formulation:
    """A formulation (提法), from the lexicon or discovered in the documents."""

    phrase: str  # normalised (simplified) form
    category: str  # lexicon category, or "quoted", "numbered", "parallel"
    counts: tuple[int, ...]  # one per document
    variants: tuple[str, ...] = ()  # other formulations differing by a character or two
    gloss: str = ""
    first_year: int | None = None
    origin: str = "lexicon"  # "lexicon" or "discovered"
    occurrences: tuple[Occurrence, ...] = ()
    # Per document, occurrences of any of ``variants``: lets a formulation's status between two
    # documents (shared / new / dropped / variant) be read from the formulation alone.
    variant_counts: tuple[int, ...] = ()
    source: str = ""  # a lexicon entry's source (where it comes from); "" when discovered


class SimilarityMatrix:
    """One metric's similarity of every two documents: ``values`` is a square, read-only
    NumPy array (documents × documents, 0..1, 1.0 on the diagonal). One array of 8-byte
    floats: at 1,000 documents 8 MB, where tuples of Python floats took ~32 MB a metric.

    ``values[a][b]`` and ``values[a, b]`` are NumPy floats (a ``float`` subclass); ``at``
    gives a plain ``float``, ``rows`` the rows as lists of plain floats (for JSON). Two
    matrices are equal when their metrics and values are."""

    __slots__ = ("metric", "values")

    metric: str  # "shared-text", "tfidf-cosine", ...
    values: npt.NDArray[np.float64]

    def __init__(self, metric: str, values: npt.ArrayLike) -> None:
        import numpy as np  # not at import: ``tifa --help`` imports this module

        array = values
        if not (
            isinstance(array, np.ndarray) and array.dtype == np.float64
            and not array.flags.writeable and array.base is None
        ):  # a private copy that nobody can change
            array = np.array(values, dtype=np.float64)
            if array.size == 0:
                array = array.reshape(0, 0)
            array.flags.writeable = False
        if array.ndim != 2 or array.shape[0] != array.shape[1]:
            raise ValueError(f"a similarity matrix is square, not of shape {array.shape}")
        object.__setattr__(self, "metric", metric)
        object.__setattr__(self, "values", array)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"SimilarityMatrix is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"SimilarityMatrix is immutable: cannot delete {name}")

    def __reduce__(self) -> tuple[type[SimilarityMatrix], tuple[str, npt.NDArray[np.float64]]]:
        return SimilarityMatrix, (self.metric, self.values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SimilarityMatrix):
            return NotImplemented
        return self.metric == other.metric and (
            self.values.shape == other.values.shape and bool((self.values == other.values).all())
        )

    def __hash__(self) -> int:
        # + 0.0: -0.0 becomes 0.0, as equal values must hash alike
        return hash((self.metric, self.values.shape, (self.values + 0.0).tobytes()))

    def __repr__(self) -> str:
        return f"SimilarityMatrix({self.metric!r}, {self.rows()!r})"

    def at(self, a: int, b: int) -> float:
        """The similarity of documents ``a`` and ``b``, as a plain ``float``."""
        return float(self.values[a, b])

    def rows(self) -> list[list[float]]:
        """The values as lists of plain floats, row by row (what the JSON report writes)."""
        rows: list[list[float]] = self.values.tolist()
        return rows


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    """One row of the N-way table: for each document, the paragraphs in that row (maybe none)."""

    cells: tuple[tuple[int, ...], ...]
    kind: LinkKind | None = None  # how the row's paragraphs relate to the pivot's
    moved: tuple[bool, ...] = ()  # per document: this cell is out of the pivot's order


@dataclass(frozen=True, slots=True)
class Alignment:
    pivot: int
    rows: tuple[AlignmentRow, ...]


@dataclass(frozen=True, slots=True)
class ParagraphMarks:
    """What to highlight in one paragraph (normalised offsets): shared wording (quiet colour)
    and formulations (underlined). What is not shared, punctuation aside, is new wording."""

    shared: tuple[tuple[int, int], ...] = ()
    new: tuple[tuple[int, int], ...] = ()
    formulations: tuple[tuple[int, int, str], ...] = ()  # (start, end, phrase)


class PairDetails:
    """Pairs' full comparisons computed when first asked for, and kept (the most recently used
    ``size``): what a ``Comparison`` of many documents holds for the pairs it did not compute
    up front. Safe to call from several threads: one pair is computed at a time, and asking
    what is kept (``cached``) never waits for a computation; the values are immutable."""

    __slots__ = ("_compute", "_computing", "_fixed", "_kept", "_lock", "_size")

    def __init__(
        self,
        compute: Callable[[int, int], PairComparison],
        fixed: tuple[PairComparison, ...] = (),
        size: int = 256,
    ) -> None:
        self._compute = compute
        self._fixed = {(p.a, p.b): p for p in fixed}  # computed up front: always kept
        self._kept: OrderedDict[tuple[int, int], PairComparison] = OrderedDict()
        self._lock = threading.Lock()  # held only to read or change ``_kept``
        self._computing = threading.Lock()  # held while a pair is computed
        self._size = size

    def __getstate__(self) -> tuple[object, ...]:  # pickled without the locks and kept pairs
        return self._compute, tuple(self._fixed.values()), self._size

    def __setstate__(self, state: tuple[object, ...]) -> None:
        compute, fixed, size = state
        self.__init__(compute, fixed, size)  # type: ignore[misc]

    def cached(self, a: int, b: int) -> PairComparison | None:
        """Pair ``a < b`` when already computed, else None (never computes, never waits for
        a computation)."""
        fixed = self._fixed.get((a, b))
        if fixed is not None:
            return fixed
        with self._lock:
            found = self._kept.get((a, b))
            if found is not None:
                self._kept.move_to_end((a, b))
            return found

    def get(self, a: int, b: int, *, keep: bool = True) -> PairComparison:
        """Pair ``a < b``, computed now if needed (and kept unless ``keep`` is false)."""
        found = self.cached(a, b)
        if found is not None:
            return found
        with self._computing:
            found = self.cached(a, b)  # computed by another thread meanwhile
            if found is not None:
                return found
            computed = self._compute(a, b)
            if keep:
                with self._lock:
                    self._kept[(a, b)] = computed
                    while len(self._kept) > self._size:
                        self._kept.popitem(last=False)
        return computed


@dataclass(frozen=True, slots=True)
class Comparison:
    documents: tuple[Document, ...]
    settings: CompareSettings
    # The pairs computed up front, a < b: every pair of a small comparison; with many
    # documents, the pivot's pairs (the others come from ``pair()``, computed on first use).
    pairs: tuple[PairComparison, ...]
    formulations: tuple[Formulation, ...]
    similarities: tuple[SimilarityMatrix, ...]  # the first is the primary metric
    order: tuple[int, ...]  # documents in hierarchical-clustering order
    alignment: Alignment
    marks: tuple[tuple[ParagraphMarks, ...], ...]  # per document, per paragraph
    # Computes (and keeps) the pairs not in ``pairs``; None when ``pairs`` holds them all.
    details: PairDetails | None = field(default=None, compare=False, repr=False)

    @property
    def pair_count(self) -> int:
        """How many pairs the documents make, n(n-1)/2."""
        n = len(self.documents)
        return n * (n - 1) // 2

    @property
    def all_pairs_computed(self) -> bool:
        """Whether ``pairs`` holds every pair (a small comparison)."""
        return len(self.pairs) == self.pair_count

    def similarity(self, a: int, b: int) -> float:
        """The primary similarity of documents ``a`` and ``b`` (what ``pair(a, b).similarity``
        holds), read from the matrix: nothing computed."""
        return self.similarities[0].at(a, b)

    def ranked_pairs(self) -> list[tuple[int, int, float]]:
        """Every pair ``(a, b, similarity)``, ``a < b``, most similar first (then by a, b),
        from the primary similarity matrix: nothing computed."""
        import numpy as np

        values = self.similarities[0].values
        a, b = np.triu_indices(len(self.documents), 1)
        scores = values[a, b]
        order = np.lexsort((b, a, -scores))  # the last key sorts first
        return list(zip(a[order].tolist(), b[order].tolist(), scores[order].tolist(),
                        strict=True))

    def _listed(self, lo: int, hi: int) -> PairComparison | None:
        # pairs are in ``itertools.combinations`` order: (lo, hi) sits at a computed index
        n = len(self.documents)
        index = lo * n - lo * (lo + 1) // 2 + (hi - lo - 1)
        if 0 <= lo < hi < n and index < len(self.pairs):
            found = self.pairs[index]
            if (found.a, found.b) == (lo, hi):
                return found
        if self.details is not None:  # the pivot's pairs, or pairs computed since
            return self.details.cached(lo, hi)
        for p in self.pairs:  # another order (built by hand): a search
            if (p.a, p.b) == (lo, hi):
                return p
        return None

    def pair_ready(self, a: int, b: int) -> bool:
        """Whether ``pair(a, b)`` answers at once (computed up front or already asked for)."""
        lo, hi = sorted((a, b))
        return self._listed(lo, hi) is not None

    def pair(self, a: int, b: int, *, keep: bool = True) -> PairComparison:
        """The comparison of documents ``a`` and ``b`` (either order; ``a`` != ``b``): computed
        on first use when it was not computed up front (``keep=False``: not kept after)."""
        lo, hi = sorted((a, b))
        found = self._listed(lo, hi)
        if found is not None:
            return found
        if self.details is not None and 0 <= lo < hi < len(self.documents):
            return self.details.get(lo, hi, keep=keep)
        raise KeyError((a, b))

    def iter_pairs(self, *, keep: bool = False) -> Iterator[PairComparison]:
        """Every pair a < b in order, those not computed up front computed one at a time (and
        not kept, unless ``keep``): memory stays flat at any size."""
        n = len(self.documents)
        for lo in range(n):
            for hi in range(lo + 1, n):
                yield self.pair(lo, hi, keep=keep)
