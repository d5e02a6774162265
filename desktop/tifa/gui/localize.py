"""Engine texts in the interface language: document warnings, similarity metric names and
the lexicon's glosses (Chinese, with an English gloss after a dash).

The engine writes its warnings in English, with the numbers in them; here each known
warning is recognised by its code and its numbers and said again through the translation
catalogue. An unknown warning shows as the engine wrote it.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from tifa.engine.model import DocumentWarning
from tifa.gui import i18n

translate = QCoreApplication.translate  # lupdate finds translate("context", "text")

_NUMBERS = re.compile(r"\d+")
_COUNTED = frozenset({"corrupted-characters", "dropped-captions", "pull-quote"})


def warning_text(warning: DocumentWarning) -> str:
    """The warning's message in the interface language."""
    message = warning.message
    numbers = _NUMBERS.findall(message)
    code = warning.code
    if code in _COUNTED and i18n.current_language() == i18n.SOURCE_LANGUAGE:
        return message  # the engine's English: "1 photo caption", its nouns agree
    if code == "corrupted-characters" and len(numbers) >= 2:
        places = len({p for p, _ in warning.positions}) or int(numbers[-1])
        count = len(warning.positions) or int(numbers[0])
        return translate("warnings", "%1 corrupted characters (?, U+FFFD or private-use code "
                                     "points left by a wrong encoding) in %2 paragraphs; kept "
                                     "as they are").replace("%1", str(count)).replace(
                                         "%2", str(places))
    if code == "dropped-captions" and numbers:
        return translate("warnings", "%1 photo captions left out (they describe pictures, not "
                                     "the text)").replace("%1", numbers[0])
    if code == "no-date":
        return translate("warnings", "the document does not say its date")
    if code == "pull-quote" and numbers:
        return translate("warnings", "%1 pull quote(s) left out: they repeat a sentence of "
                                     "the body").replace("%1", numbers[0])
    if code == "date-inferred":
        found = re.match(r"date (\S+): (.*)$", message)
        if found:
            date, how = found.groups()
            congress = re.fullmatch(r"year from the upcoming party congress \((\d+)\)", how)
            text = re.fullmatch(r"year from the text \((.*)\)", how)
            if congress:
                how = translate("warnings", "year from the upcoming party congress (%1)"
                                ).replace("%1", congress.group(1))
            elif text:
                how = translate("warnings", "year from the text (%1)").replace(
                    "%1", text.group(1))
            elif how == "from its address":
                how = translate("warnings", "from its address")
            return translate("warnings", "date %1: %2").replace("%1", date).replace("%2", how)
    return message


def metric_label(metric: str) -> str:
    """A similarity metric's name for people."""
    return {
        "shared-text": translate("metrics", "shared wording"),
        "tfidf-cosine": translate("metrics", "word profile (TF-IDF cosine)"),
        "char-bigram-cosine": translate("metrics", "character pairs (bigram cosine)"),
    }.get(metric, metric)


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


def gloss_text(gloss: str) -> str:
    """The gloss for the interface language: in Chinese without its English part (after a
    dash), in English whole."""
    if i18n.current_language() == i18n.SOURCE_LANGUAGE:
        return gloss
    parts = re.split(r"\s*—\s*", gloss)
    chinese = [p for p in parts if not re.search(r"[A-Za-z]{2,}", p)]
    return "—".join(chinese).strip() if chinese else gloss
