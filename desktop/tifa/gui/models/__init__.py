"""Qt item models over the session's documents and the engine's comparison results."""

from PySide6.QtCore import Qt

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts right (numbers as numbers)
CELL_ROLE = Qt.ItemDataRole.UserRole + 2  # the alignment table's CellText
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw value behind a displayed one
