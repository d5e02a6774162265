"""The documents × documents similarity matrix as a table, in the engine's clustering order,
for the heatmap (coloured by ``BackgroundRole``).

With hundreds of documents the heatmap is painted from one image (``image``: a pixel per cell,
built with NumPy in the same colours ``shade`` gives), not cell by cell; a filter (a name, a
similarity threshold) narrows the rows and columns to the documents wanted, still in
clustering order.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QImage

from tifa.engine.compare.model import Comparison
from tifa.engine.export.view import heat_range
from tifa.engine.normalize import search_form
from tifa.gui.labels import document_label
from tifa.gui.localize import date_text, metric_label
from tifa.gui.models import VALUE_ROLE
from tifa.gui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
COMPACT_AFTER = 12  # documents; beyond, the heatmap is sized to fit (see ``compact``)
DOCUMENTS_ROLE = Qt.ItemDataRole.UserRole + 20  # (a, b): the comparison's document indices

# a sequential palette, light to dark (ColorBrewer "Blues"): value 0 → first, 1 → last
_PALETTE = ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
            "#08519c", "#08306b")
_DIAGONAL = "#d9d9d9"
_PALETTE_RGB = np.array([[int(c[k:k + 2], 16) for k in (1, 3, 5)] for c in _PALETTE],
                        dtype=np.float64)


def heat_colour(value: float) -> QColor:
    """Interpolate the palette at ``value`` (clamped to 0..1)."""
    v = min(1.0, max(0.0, value)) * (len(_PALETTE) - 1)
    i = min(int(v), len(_PALETTE) - 2)
    t = v - i
    a, b = QColor(_PALETTE[i]), QColor(_PALETTE[i + 1])
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def heat_colours(values: npt.NDArray[np.float64]) -> npt.NDArray[np.uint8]:
    """``heat_colour`` over an array at once: (..., 3) red, green, blue."""
    v = np.clip(values, 0.0, 1.0) * (len(_PALETTE) - 1)
    i = np.minimum(v.astype(np.int64), len(_PALETTE) - 2)
    t = (v - i)[..., None]
    a, b = _PALETTE_RGB[i], _PALETTE_RGB[i + 1]
    return np.round(a + (b - a) * t).astype(np.uint8)  # type: ignore[no-any-return]


def text_colour(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#000000") if luminance > 140 else QColor("#ffffff")



class SimilarityModel(QAbstractTableModel):
    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._comparison: Comparison | None = None
        self._order: tuple[int, ...] = ()  # the documents shown, in clustering order
        self._clustered: tuple[int, ...] = ()  # every document, in clustering order
        self._name_filter = ""
        self._threshold = 0.0
        self._image: QImage | None = None
        self._metric = 0
        self._numbers: dict[int, int] = {}
        self._folded_titles: dict[int, str] = {}  # titles simplified, for the name filter
        self._range = (0.0, 1.0)  # off-diagonal minimum and maximum: colours stretch over it
        self.show_values = True  # the view turns numbers off when cells get too small
        self.show_numbers = True  # the headers' numbers, off when cells are tinier still
        # False: colours on the absolute 0–1 scale (0.10 is pale: the documents share little);
        # True: stretched over the values shown, to tell close scores apart
        self.relative = False

    def set_numbering(self, columns: tuple[int, ...]) -> None:
        """Label documents by their place in the user's list (``columns``: comparison indices
        in that order), as the documents list numbers them."""
        self._numbers = {d: i + 1 for i, d in enumerate(columns)}
        if self._order:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._order) - 1)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._order) - 1)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self._comparison = comparison
        self._folded_titles = {}
        n = len(comparison.documents) if comparison else 0
        order = tuple(comparison.order) if comparison else ()
        self._clustered = order if sorted(order) == list(range(n)) else tuple(range(n))
        self._name_filter, self._threshold = "", 0.0
        self._order = self._clustered
        self._metric = 0
        self._update_scale()
        self.endResetModel()

    # -- the filter ----------------------------------------------------------------------

    def set_filter(self, name: str = "", threshold: float = 0.0) -> None:
        """Show only the documents whose title, file name or number contains ``name``
        (case-insensitive) and that have at least one other document so shown at least
        ``threshold`` similar (the metric chosen); still in clustering order."""
        name = name.strip()
        if (name, threshold) == (self._name_filter, self._threshold):
            return
        self.beginResetModel()
        self._name_filter, self._threshold = name, threshold
        self._order = self._filtered()
        self._update_scale()
        self.endResetModel()

    @property
    def filter(self) -> tuple[str, float]:
        return self._name_filter, self._threshold

    @property
    def filtered(self) -> bool:
        """True when the filter hides some documents."""
        return len(self._order) < len(self._clustered)

    @property
    def total(self) -> int:
        """Every document of the comparison, shown or not."""
        return len(self._clustered)

    @property
    def shown_documents(self) -> tuple[int, ...]:
        """The comparison indices shown, in clustering order."""
        return self._order

    def _filtered(self) -> tuple[int, ...]:
        comparison = self._comparison
        if comparison is None:
            return ()
        order = self._clustered
        if self._name_filter:
            needle = self._name_filter.casefold()
            folded = search_form(self._name_filter)  # 山东 finds 山東省委常委會…
            docs = comparison.documents

            def matches(d: int) -> bool:
                number = str(self._numbers.get(d, d + 1))
                if (needle in (docs[d].title or "").casefold()
                        or needle in docs[d].name.casefold() or needle == number):
                    return True
                if not folded:
                    return False
                if d not in self._folded_titles:
                    self._folded_titles[d] = search_form(docs[d].title or "")
                return folded in self._folded_titles[d]

            order = tuple(d for d in order if matches(d))
        if self._threshold > 0 and len(order) > 1:
            values = self._values()[np.ix_(order, order)]
            np.fill_diagonal(values, -np.inf)
            keep = values.max(axis=1) >= self._threshold
            order = tuple(d for d, k in zip(order, keep, strict=True) if k)
        return order

    def _values(self) -> npt.NDArray[np.float64]:
        assert self._comparison is not None
        return self._comparison.similarities[self._metric].values

    def image(self) -> QImage:
        """The shown matrix as an image, a pixel per cell in the cell's colour (``shade``):
        the view paints many small cells from it at once."""
        if self._image is None:
            n = len(self._order)
            pixels = np.zeros((n, n, 3), dtype=np.uint8)
            if n and self._comparison is not None:
                low, high = self._range
                values = self._values()[np.ix_(self._order, self._order)]
                pixels = heat_colours((values - low) / (high - low))
                grey = [int(_DIAGONAL[k:k + 2], 16) for k in (1, 3, 5)]
                pixels[np.arange(n), np.arange(n)] = grey
            pixels = np.ascontiguousarray(pixels)
            self._image = QImage(pixels.data, n, n, 3 * n, QImage.Format.Format_RGB888).copy()
        return self._image

    def set_relative(self, relative: bool) -> None:
        """Colour on the absolute 0–1 scale, or relative to the values shown."""
        if relative != self.relative:
            self.relative = relative
            self._update_scale()
            if self._order:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self._order) - 1, len(self._order) - 1))

    def _update_scale(self) -> None:
        # absolute: 0–1. Relative: the reports' range, off-diagonal minimum to maximum, or
        # still 0–1 when the spread says nothing about which pairs are closer (one pair)
        self._range = (0.0, 1.0)
        self._image = None
        if self.relative and self._comparison and self._order:
            self._range = heat_range(self._comparison.similarities[self._metric])

    def shade(self, row: int, column: int) -> QColor:
        """The cell's colour: the palette stretched over the off-diagonal values (31 reports
        of one meeting all score 0.85–0.92), so the 1.0 diagonal does not wash out the
        differences that matter; the diagonal is grey."""
        if row == column:
            return QColor(_DIAGONAL)
        low, high = self._range
        return heat_colour((self.value(row, column) - low) / (high - low))

    @property
    def compact(self) -> bool:
        """Many documents: rows are labelled by number only (the title is in the tooltip),
        so the whole matrix fits on screen."""
        return len(self._order) > COMPACT_AFTER

    @property
    def scale_range(self) -> tuple[float, float]:
        """The values the palette's lightest and darkest colours stand for."""
        return self._range

    @property
    def comparison(self) -> Comparison | None:
        return self._comparison

    def metrics(self) -> list[str]:
        return [m.metric for m in self._comparison.similarities] if self._comparison else []

    def set_metric(self, index: int) -> None:
        if self._comparison and 0 <= index < len(self._comparison.similarities):
            self._metric = index
            if self._threshold > 0:  # the threshold is on the metric chosen
                self.beginResetModel()
                self._order = self._filtered()
                self._update_scale()
                self.endResetModel()
                return
            self._update_scale()
            if self._order:
                last = len(self._order) - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, last))

    @property
    def metric(self) -> int:
        return self._metric

    def documents_at(self, row: int, column: int) -> tuple[int, int]:
        return self._order[row], self._order[column]

    def position_of(self, document: int) -> int:
        """The row (and column) of ``document``; -1 when the filter hides it."""
        try:
            return self._order.index(document)
        except ValueError:
            return -1

    def value(self, row: int, column: int) -> float:
        assert self._comparison is not None
        a, b = self.documents_at(row, column)
        return self._comparison.similarities[self._metric].at(a, b)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or self._comparison is None:
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._order) and 0 <= column < len(self._order)):
            return None
        value = self.value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if self.compact and not self.show_values:
                return ""  # cells too small for numbers: the tooltip has the value
            return "—" if row == column else f"{value:.2f}"
        if role == VALUE_ROLE:
            return value
        if role == DOCUMENTS_ROLE:
            return self.documents_at(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(self.shade(row, column))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(text_colour(self.shade(row, column)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            docs = self._comparison.documents
            a, b = self.documents_at(row, column)
            metric = self._comparison.similarities[self._metric].metric
            text = self.tr("%s\n%s\nsimilarity %.2f (%s)\n"
                           "Click: this pair; double-click: side by side")
            return tooltip(text % (
                docs[a].title or docs[a].name, docs[b].title or docs[b].name, value,
                metric_label(metric),
            ))
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if self._comparison is None or not 0 <= section < len(self._order):
            return None
        number = self._numbers.get(self._order[section], self._order[section] + 1)
        doc = self._comparison.documents[self._order[section]]
        if role == Qt.ItemDataRole.DisplayRole:
            if not self.show_numbers:
                return ""  # cells too small to number legibly: the tooltip says which
            if orientation == Qt.Orientation.Horizontal or self.compact:
                return str(number)
            return f"{number} · {document_label(doc.title, doc.name, limit=14)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            date = date_text(doc.date)
            return tooltip("\n".join(
                x for x in (f"{number}. {doc.title or doc.name}", date, doc.source or "") if x
            ))
        return None
