"""Engine texts in the interface language: document warnings, similarity metric names and
the lexicon's glosses (Chinese, with an English gloss after a dash).

The engine writes its warnings in English, with the numbers in them; the reports' gettext
catalogue (``engine/export/i18n``) says each known one again in Chinese, and the window uses
that one source, so a warning reads the same in the window and in a report. Dates, too, are
written as the reports write them (``date_text``). The reasons a file could not be read are
the window's alone (Qt's catalogue, below).
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QCoreApplication

from tifa.engine.export.i18n import gloss, long_date, period_label, report_language
from tifa.engine.export.i18n import metric_label as engine_metric_label
from tifa.engine.export.i18n import warning_text as engine_warning_text
from tifa.engine.model import DocumentWarning
from tifa.gui import i18n

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")


def language() -> str:
    """The interface language as the engine's texts name it (``"en"`` or ``"zh"``; a
    language the reports lack is English there, as Qt's catalogue falls back to it)."""
    try:
        return report_language(i18n.current_language())
    except ValueError:
        return "en"


def date_text(date: dt.date | None) -> str:
    """A document's date as the interface's readers write it, as the reports do
    (``long_date``): ``2022-07-29``; ``2022年7月29日``. No date: empty."""
    return long_date(date, language()) if date is not None else ""


def stored_date_text(date: str | None) -> str:
    """A date kept as text (``YYYY-MM-DD``: the corpus store's) as ``date_text`` writes it;
    text that is not such a date is shown as it is, no date as empty."""
    if not date:
        return ""
    try:
        return date_text(dt.date.fromisoformat(date))
    except ValueError:
        return date


def period_text(period: str) -> str:
    """A timeline's period as the corpus report writes it (``period_label``): ``2021-11``,
    ``2021-Q4``, ``2021``; ``2021年11月``, ``2021年第4季度``, ``2021年``."""
    return period_label(period, language())


def warning_text(warning: DocumentWarning) -> str:
    """The warning's message in the interface language: the reports' own words for it
    (``engine/export/i18n.warning_text``, their gettext catalogue), so the window and a
    report say the same."""
    return engine_warning_text(warning, language())


def metric_label(metric: str) -> str:
    """A similarity metric's name for people, as the Chinese report names it too."""
    return engine_metric_label(metric, language())


def metric_tooltip(metric: str) -> str:
    """What a similarity metric measures, for its tooltip."""
    return {
        "shared-text": translate(
            "metrics", "The share of each document's text found word for word in the other "
                       "(passages of at least a few characters): 1 = the same text, 0 = "
                       "nothing in common."),
        "tfidf-cosine": translate(
            "metrics", "How alike the two documents' vocabularies are, rare words weighing "
                       "more than common ones (cosine of TF-IDF word vectors, 0 to 1)."),
        "char-bigram-cosine": translate(
            "metrics", "How alike the documents' pairs of adjacent characters are (cosine of "
                       "character-bigram counts, 0 to 1): close for texts on the same subject "
                       "even when reworded."),
    }.get(metric, "")


def gloss_text(text: str) -> str:
    """The gloss for the interface language: in Chinese without its English part (after a
    dash), in English whole (as the reports show it: ``engine/export/i18n.gloss``)."""
    return gloss(text, language())


def _reasons() -> dict[str, str]:
    """The reader's fixed reasons for not reading a file (``InputError.reason``)."""
    return {
        "no such file": translate("reasons", "no such file"),
        "no such file (a part of the path is a file, not a folder)": translate(
            "reasons", "no such file (a part of the path is a file, not a folder)"),
        "this is a folder, not a file": translate("reasons", "this is a folder, not a file"),
        "not a regular file (a pipe or a device)": translate(
            "reasons", "not a regular file (a pipe or a device)"),
        "permission denied": translate("reasons", "permission denied"),
        "not a usable file name": translate("reasons", "not a usable file name"),
        "the file is empty": translate("reasons", "the file is empty"),
        "this is a binary file, not text": translate("reasons", "this is a binary file, not text"),
        "no text found in the file": translate("reasons", "no text found in the file"),
        "the text encoding cannot be recognised (tried UTF-8, GB18030/GBK, Big5, UTF-16)":
            translate("reasons", "the text encoding cannot be recognised (tried UTF-8, "
                                 "GB18030/GBK, Big5, UTF-16)"),
        "the PDF is password-protected": translate("reasons", "the PDF is password-protected"),
        "not a PDF file (it does not start with %PDF)": translate(
            "reasons", "not a PDF file (it does not start with %PDF)"),
        "not a Word .docx file (it is not a ZIP package)": translate(
            "reasons", "not a Word .docx file (it is not a ZIP package)"),
        "an old Office file (.doc/.xls): save it as .docx": translate(
            "reasons", "an old Office file (.doc/.xls): save it as .docx"),
        "old Word .doc files are not supported: save it as .docx": translate(
            "reasons", "old Word .doc files are not supported: save it as .docx"),
        "WPS files are not supported: save it as .docx": translate(
            "reasons", "WPS files are not supported: save it as .docx"),
        "RTF files are not supported: save it as .docx or .txt": translate(
            "reasons", "RTF files are not supported: save it as .docx or .txt"),
        "OpenDocument files are not supported: save it as .docx": translate(
            "reasons", "OpenDocument files are not supported: save it as .docx"),
        "spreadsheets are not supported": translate("reasons", "spreadsheets are not supported"),
        "presentations are not supported": translate(
            "reasons", "presentations are not supported"),
        "a ZIP archive, not a document Tifa can read": translate(
            "reasons", "a ZIP archive, not a document Tifa can read"),
        "the Word file is too large to read in memory": translate(
            "reasons", "the Word file is too large to read in memory"),
        "the Word file nests too deeply to read": translate(
            "reasons", "the Word file nests too deeply to read"),
        "the document is nested too deeply to read": translate(
            "reasons", "the document is nested too deeply to read"),
    }


# Reasons with a value in them: the pattern, and the message with %1, %2, %3 for its groups.
_REASON_PATTERNS = (
    (re.compile(r"the file is too large \(([^;]+); Tifa reads files up to (.+)\)"),
     lambda: translate("reasons", "the file is too large (%1; Tifa reads files up to %2)")),
    (re.compile(r"the file is too large \(more than (.+)\)"),
     lambda: translate("reasons", "the file is too large (more than %1)")),
    (re.compile(r"the PDF is damaged or not a PDF \((.*)\)"),
     lambda: translate("reasons", "the PDF is damaged or not a PDF (%1)")),
    (re.compile(r"one of the PDF's compressed streams expands to more than (.+) \(Tifa reads up "
                r"to (.+) of them, (.+) a stream\): a deflate bomb or not a document, refused"),
     lambda: translate("reasons", "one of the PDF's compressed streams expands to more than "
                                  "%1 (Tifa reads up to %2 of them, %3 a stream): a deflate "
                                  "bomb or not a document, refused")),
    (re.compile(r"the PDF's compressed streams expand to more than (.+) \(Tifa reads up to "
                r"(.+), (.+) a stream\): refused"),
     lambda: translate("reasons", "the PDF's compressed streams expand to more than %1 (Tifa "
                                  "reads up to %2, %3 a stream): refused")),
    (re.compile(r"the Word file is damaged \((.*)\)"),
     lambda: translate("reasons", "the Word file is damaged (%1)")),
    (re.compile(r"not a readable Word \.docx file \((.*)\)"),
     lambda: translate("reasons", "not a readable Word .docx file (%1)")),
    (re.compile(r"no readable text: the bytes do not decode as (\S+) "
                r"\(([\d,]+) undecodable byte sequences?\)"),
     lambda: translate("reasons", "no readable text: the bytes do not decode as %1 (%2 "
                                  "undecodable byte sequences)")),
    (re.compile(r"mostly undecodable: the bytes do not decode as (\S+) \(([\d,]+) "
                r"undecodable byte sequences? against ([\d,]+) readable characters?\)"),
     lambda: translate("reasons", "mostly undecodable: the bytes do not decode as %1 (%2 "
                                  "undecodable byte sequences against %3 readable "
                                  "characters)")),
    (re.compile(r"all its text is page furniture \((.*)\), no article text to compare"),
     # the furniture's kinds are the English rule names of boilerplate.yaml: not repeated
     lambda: translate("reasons", "all its text is page furniture, no article text to "
                                  "compare")),
    (re.compile(r"the bytes do not decode as (\S+) \(at byte (\d+)\)"),
     lambda: translate("reasons", "the bytes do not decode as %1 (at byte %2)")),
    (re.compile(r"the bytes do not decode as text in a known encoding \(closest guess (.+) "
                r"gives noise\)"),
     lambda: translate("reasons", "the bytes do not decode as text in a known encoding "
                                  "(closest guess %1 gives noise)")),
)


def reason_text(reason: str) -> str:
    """Why a file could not be read (``InputError.reason``, in the engine's English) in the
    interface language; a reason not known here shows as the engine wrote it."""
    if i18n.current_language() == i18n.SOURCE_LANGUAGE:
        return reason  # the engine's own words (singular and plural as it wrote them)
    fixed = _reasons().get(reason)
    if fixed is not None:
        return fixed
    for pattern, message in _REASON_PATTERNS:
        found = pattern.fullmatch(reason)
        if found:
            text = message()
            for n, value in enumerate(found.groups(), 1):  # "1000 bytes": the unit too
                value = re.sub(r"(?<=\d) bytes$", " " + translate("reasons", "bytes"), value)
                text = text.replace(f"%{n}", value)
            return text
    return reason
