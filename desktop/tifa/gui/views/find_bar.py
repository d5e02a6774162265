"""Find in the side-by-side view (Ctrl+F): every cell holding the text is highlighted, Enter
and F3 step through them. It also reports the occurrences of a formulation jumped to."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    search_changed = Signal(str)
    step = Signal(bool)  # forward?
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.edit.text()))
        self.edit.textEdited.connect(lambda _: self._debounce.start())
        self.edit.returnPressed.connect(self._return_pressed)
        self.previous_button = QToolButton(self)
        self.previous_button.setText("▲")
        self.previous_button.clicked.connect(lambda: self.step.emit(False))
        self.next_button = QToolButton(self)
        self.next_button.setText("▼")
        self.next_button.clicked.connect(lambda: self.step.emit(True))
        self.count = QLabel(self)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.close_bar)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count)
        layout.addWidget(self.close_button)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.label.setText(self.tr("Find:"))
        self.edit.setPlaceholderText(self.tr("text in any document"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+F3)"))
        self.next_button.setToolTip(self.tr("Next match (F3)"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def open_bar(self, text: str | None = None) -> None:
        self.show()
        if text is not None:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def search_now(self) -> None:
        self._debounce.stop()
        self.search_changed.emit(self.edit.text())

    def _return_pressed(self) -> None:
        if self._debounce.isActive():
            self.search_now()
        else:
            self.step.emit(True)

    def show_count(self, current: int, total: int) -> None:
        if total == 0:
            self.count.setText(self.tr("no match") if self.edit.text() else "")
        else:
            self.count.setText(self.tr("%d of %d") % (current, total))

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QKeyEvent) and (
            event.type() == QEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if event.key() == Qt.Key.Key_Return and event.modifiers() & (
                Qt.KeyboardModifier.ShiftModifier
            ):
                self.step.emit(False)
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
