"""The settings dialog: how to compare (granularity, thresholds, what to ignore), what the
detail pane lists, and the UI language. Accepting it returns the new values; the window saves
them and compares again when a comparison setting changed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tifa.engine.compare.model import CompareSettings, Granularity
from tifa.gui.labels import granularity_label
from tifa.gui.preferences import DEFAULT_ECHO_THRESHOLD, LANGUAGES


class SettingsDialog(QDialog):
    def __init__(self, settings: CompareSettings, language: str,
                 parent: QWidget | None = None, *,
                 echo_threshold: float = DEFAULT_ECHO_THRESHOLD) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.granularity = QComboBox(self)
        for g in Granularity:
            self.granularity.addItem(granularity_label(g), g.value)
        self.granularity.setCurrentIndex(list(Granularity).index(settings.granularity))
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setRange(0.05, 1.0)
        self.threshold.setSingleStep(0.05)
        self.threshold.setDecimals(2)
        self.threshold.setValue(settings.link_threshold)
        self.threshold.setToolTip(self.tr("How similar two paragraphs must be (0–1) to be "
                                          "put in the same row"))
        self.min_shared = QSpinBox(self)
        self.min_shared.setRange(2, 200)
        self.min_shared.setValue(settings.min_shared_chars)
        self.min_shared.setSuffix(self.tr(" characters"))
        self.ignore_punctuation = QCheckBox(self.tr("Ignore punctuation"), self)
        self.ignore_punctuation.setChecked(settings.ignore_punctuation)
        self.ignore_numbers = QCheckBox(self.tr("Ignore numbers"), self)
        self.ignore_numbers.setChecked(settings.ignore_numbers)
        self.echo_threshold = QDoubleSpinBox(self)
        self.echo_threshold.setRange(DEFAULT_ECHO_THRESHOLD, 1.0)
        self.echo_threshold.setSingleStep(0.05)
        self.echo_threshold.setDecimals(2)
        self.echo_threshold.setValue(echo_threshold)
        self.echo_threshold.setToolTip(self.tr(
            "Where a paragraph has no counterpart, the detail pane lists sentences of the "
            "other documents that echo it; weaker echoes than this are left out. 0.50: "
            "eight distinctive characters in common, 0.67: sixteen, 0.80: thirty-two"))
        self.language = QComboBox(self)
        names = {"system": self.tr("System default"), "en": "English", "zh_CN": "中文（简体）"}
        for code in LANGUAGES:
            self.language.addItem(names[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(language) if language in LANGUAGES else 0)

        form = QFormLayout()
        form.addRow(self.tr("Compare by:"), self.granularity)
        form.addRow(self.tr("Link threshold:"), self.threshold)
        form.addRow(self.tr("Shortest shared passage:"), self.min_shared)
        form.addRow("", self.ignore_punctuation)
        form.addRow("", self.ignore_numbers)
        form.addRow(self.tr("Show sentence echoes from:"), self.echo_threshold)
        form.addRow(self.tr("Interface language:"), self.language)
        note = QLabel(self.tr("Changing a comparison setting compares the documents again."), self)
        note.setWordWrap(True)
        note.setStyleSheet("color:#666")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def compare_settings(self) -> CompareSettings:
        return CompareSettings(
            granularity=Granularity(self.granularity.currentData()),
            link_threshold=round(self.threshold.value(), 2),
            min_shared_chars=self.min_shared.value(),
            ignore_punctuation=self.ignore_punctuation.isChecked(),
            ignore_numbers=self.ignore_numbers.isChecked(),
        )

    def echo_threshold_choice(self) -> float:
        return round(self.echo_threshold.value(), 2)

    def language_choice(self) -> str:
        return str(self.language.currentData())
