"""Counts said in the interface language, the noun agreeing with the number: ``1 document``,
``2 documents``.

Qt's numerus forms (``tr("%n document(s)", "", n)``): the Chinese catalogue has one form, the
English one (``resources/i18n/tifa_en.ts``, numerus forms only) singular and plural. For a
sentence holding two counts, each count is said here and put in the sentence. (``tr`` of a
QObject: pyside6-lupdate marks numerus forms only there, not in ``QCoreApplication.translate``.)
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject


class Counts(QObject):
    def documents(self, n: int) -> str:
        return self.tr("%n document(s)", "", n)

    def files(self, n: int) -> str:
        return self.tr("%n file(s)", "", n)

    def occurrences(self, n: int) -> str:
        return self.tr("%n occurrence(s)", "", n)


@cache
def _counts() -> Counts:
    return Counts()


def documents(n: int) -> str:
    return _counts().documents(n)


def files(n: int) -> str:
    return _counts().files(n)


def occurrences(n: int) -> str:
    return _counts().occurrences(n)
