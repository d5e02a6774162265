"""The UI language: Qt translators for Tifa's own strings and Qt's standard dialogs.

Tifa's catalogue is ``resources/i18n/tifa_<lang>.qm`` (compiled from the ``.ts`` source with
``pyside6-lrelease``). English, the source language, has a catalogue too: only the numerus
forms (``%n document(s)`` → ``1 document`` / ``2 documents``). Installing a translator makes
Qt send every widget a LanguageChange event; Tifa's widgets answer it by setting their texts
again (``retranslate_ui``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from tifa.engine.paths import resource

SOURCE_LANGUAGE = "en"
_installed: list[QTranslator] = []
_language = SOURCE_LANGUAGE


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """``"system"`` becomes ``"zh_CN"`` for any Chinese locale and ``"en"`` otherwise."""
    if choice != "system":
        return choice
    name = (locale or QLocale.system()).name()
    return "zh_CN" if name.startswith("zh") else SOURCE_LANGUAGE


def catalogue_path(language: str) -> str:
    return str(resource("i18n", f"tifa_{language}.qm"))


def install_language(choice: str) -> str:
    """Install the translators for ``choice`` (``"system"``, ``"en"``, ``"zh_CN"``), replacing
    earlier ones; return the language in effect."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing a language")
    global _language
    language = resolve_language(choice)
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    _language = language
    ours = QTranslator(app)
    if ours.load(catalogue_path(language)):
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
    if language == SOURCE_LANGUAGE:
        return language  # Qt's own dialogs are English already
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(QLocale(language), "qtbase", "_", qt_dir) or qt_own.load(
        QLocale(language), "qt", "_", qt_dir
    ):
        QCoreApplication.installTranslator(qt_own)
        _installed.append(qt_own)
    return language


def current_language() -> str:
    return _language
