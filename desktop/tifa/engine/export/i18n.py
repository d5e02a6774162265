"""The reports' own words in the reader's language (English or Chinese).

English is the source: every label is written in English in the code and the templates, and
an English report is made of those strings as they are. For Chinese, each string is looked up
in a gettext catalogue, ``resources/locale/zh_CN/LC_MESSAGES/tifa_report.po`` (compiled to
the ``.mo`` beside it by ``resources/locale/update.sh``), read with the standard library's
``gettext``: no Qt here, the engine stays Qt-free. The Chinese words are the app's own
(``resources/i18n/tifa_zh_CN.ts``): 共有, 新增, 删去, 变体, 提法, 基准文档, 并排对读…,
so the report and the window say the same.

What stays as it is in a Chinese report: document names, titles and metadata values, the
documents' text, the labels A, B, C, the CSV/XLSX file names, and everything of the JSON
report (its keys are an interface for programs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gettext
import re
from collections.abc import Callable
from functools import cache

from tifa.engine.compare.model import GranularityReason
from tifa.engine.model import DocumentWarning
from tifa.engine.paths import resource
from tifa.engine.wording import counted

#: The languages a report can be written in: English (the source) and Chinese.
LANGUAGES = ("en", "zh")
DOMAIN = "tifa_report"

Translate = Callable[[str], str]


def report_language(name: str | None) -> str:
    """``"en"`` or ``"zh"`` from a language name: ``zh``, ``zh_CN``, ``zh-Hans``, ``zh_CN.UTF-8``
    are Chinese; ``en``, ``en_GB``, ``C``, ``POSIX``, ``""`` and ``None`` English. Anything
    else is a ``ValueError`` naming the languages there are."""
    if not name:
        return "en"
    lowered = name.strip().lower()
    if lowered.startswith("zh"):
        return "zh"
    if lowered.startswith("en") or lowered in ("c", "posix") or lowered.startswith("c."):
        return "en"
    raise ValueError(f"no report language {name!r}; choose one of {', '.join(LANGUAGES)}")


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    """The translations for ``language`` (``"en"``: none, the strings as written)."""
    if report_language(language) == "en":
        return gettext.NullTranslations()
    path = resource("locale", "zh_CN", "LC_MESSAGES", f"{DOMAIN}.mo")
    with open(path, "rb") as file:
        return gettext.GNUTranslations(file)


@cache
def translator(language: str) -> Translate:
    """``_(text)``: ``text`` in ``language`` (the empty string stays empty: gettext would
    give the catalogue's header)."""
    lookup = catalogue(language).gettext

    def _(text: str) -> str:
        return lookup(text) if text else text

    return _


def is_chinese(language: str) -> bool:
    return report_language(language) == "zh"


def ui_lang(language: str) -> str:
    """The BCP 47 tag of the report's own words (``lang`` attributes, Word's run language)."""
    return "zh-Hans" if is_chinese(language) else "en"


def long_date(date: dt.date, language: str) -> str:
    """A date as its readers write it: ``2022-07-30``; ``2022年7月30日``."""
    if is_chinese(language):
        return f"{date.year}年{date.month}月{date.day}日"
    return date.isoformat()


def timestamp(when: dt.datetime, language: str) -> str:
    """When the report was made: ``2026-11-30 09:05 UTC``; ``2026年11月30日 09:05 UTC``."""
    if is_chinese(language):
        return f"{long_date(when.date(), language)} {when.strftime('%H:%M %Z')}".strip()
    return when.strftime("%Y-%m-%d %H:%M %Z").strip()


def count_places(count: int, language: str) -> str:
    """How many damaged characters a warning marks: ``3 places``; ``3 处``."""
    if is_chinese(language):
        return f"{count} 处"
    return counted(count, "place")


def places(count: int, language: str) -> str:
    """``3 places, marked in the text``; ``3 处，已在正文中标出``."""
    return translator(language)("{places}, marked in the text").format(
        places=count_places(count, language))


def shared_summary(passages: int, paragraph_pairs: int, language: str) -> str:
    """How much two documents share (``rowlayout.shared_count``), said alike by the reports'
    pair tables and the window's shared section: ``12 passages in 7 paragraph pairs``;
    ``12 处，见于 7 对段落``."""
    if is_chinese(language):
        return f"{passages:,} 处，见于 {paragraph_pairs:,} 对段落"
    return (f"{counted(passages, 'passage', grouped=True)} in "
            f"{counted(paragraph_pairs, 'paragraph pair', grouped=True)}")


_METRICS = {
    "shared-text": "shared wording",
    "tfidf-cosine": "word profile (TF-IDF cosine)",
    "char-bigram-cosine": "character pairs (bigram cosine)",
}


def metric_name(metric: str, language: str) -> str:
    """A similarity metric as the report names it: its identifier in English (as the JSON
    report and the command line spell it), the app's name for it in Chinese."""
    if is_chinese(language):
        return metric_label(metric, language)
    return metric


def metric_label(metric: str, language: str) -> str:
    """A similarity metric's name for people, as the app's menus say it: ``shared wording``;
    ``共有措辞`` (an unknown metric: its identifier)."""
    return translator(language)(_METRICS[metric]) if metric in _METRICS else metric


#: Why a pair was compared by sentences or by paragraphs, in words: the app's detail pane
#: and the reports' pair table say it from here.
_GRANULARITY_REASONS = {
    GranularityReason.CHOSEN: "as chosen in Settings",
    GranularityReason.PARAGRAPHS_MATCH: "automatic: paragraph links hold the shared wording",
    GranularityReason.LONG_PARAGRAPHS: "automatic: a document has few, long paragraphs",
    GranularityReason.WEAK_LINKS: "automatic: most shared wording lies outside paragraph links",
}


def granularity_reason(reason: GranularityReason, language: str) -> str:
    """Why a pair was compared at its granularity: ``automatic: a document has few, long
    paragraphs``; ``自动：有文档段落少而长``."""
    return translator(language)(_GRANULARITY_REASONS[reason])


_NUMBERS = re.compile(r"\d+")


def warning_text(warning: DocumentWarning, language: str) -> str:
    """The warning's message in ``language``: the engine writes them in English with their
    numbers; each known one is recognised by its code and said again (as the app does in
    ``gui/localize.py``); an unknown one stays as the engine wrote it."""
    message = warning.message
    if not is_chinese(language):
        return message
    _ = translator(language)
    numbers = _NUMBERS.findall(message)
    code = warning.code
    if code == "corrupted-characters" and len(numbers) >= 2:
        where = len({p for p, _c in warning.positions}) or int(numbers[-1])
        count = len(warning.positions) or int(numbers[0])
        return _("%1 corrupted characters (?, U+FFFD or private-use code points left by a wrong "
                 "encoding) in %2 paragraphs; kept as they are").replace(
                     "%1", str(count)).replace("%2", str(where))
    if code == "dropped-captions" and numbers:
        return _("%1 photo captions left out (they describe pictures, not the text)").replace(
            "%1", numbers[0])
    if code == "no-date":
        day = re.fullmatch(r"the document does not say its year: its text says (.+)", message)
        odd = re.fullmatch(r"its date (.+) is not a plausible date \(1900–2100\); it is left "
                           r"undated", message)
        if day:
            return _("the document does not say its year: its text says %1").replace(
                "%1", day.group(1))
        if odd:
            return _("its date %1 is not a plausible date (1900–2100); it is left "
                     "undated").replace("%1", odd.group(1))
        return _("the document does not say its date")
    if code == "pull-quote" and numbers:
        return _("%1 pull quote(s) left out: they repeat a sentence of the body").replace(
            "%1", numbers[0])
    if code == "date-inferred":
        found = re.match(r"date (\S+): (.*)$", message)
        if found:
            date, how = found.groups()
            with contextlib.suppress(ValueError):  # else shown as the engine wrote it
                date = long_date(dt.date.fromisoformat(date), language)
            return _("date %1: %2").replace("%1", date).replace("%2", date_basis(how, language))
    return message


def date_basis(how: str, language: str) -> str:
    """How a document's date was found (the ``date_basis`` metadata, the ``date-inferred``
    warning): "year from the text (2020年)"; 年份取自正文（2020年）."""
    if not is_chinese(language):
        return how
    _ = translator(language)
    congress = re.fullmatch(r"year from the upcoming party congress \((\d+)\)", how)
    text = re.fullmatch(r"year from the text \((.*)\)", how)
    if congress:
        return _("year from the upcoming party congress (%1)").replace("%1", congress.group(1))
    if text:
        return _("year from the text (%1)").replace("%1", text.group(1))
    return _(how)


def gloss(text: str, language: str) -> str:
    """A lexicon gloss for the reader: whole in English; in Chinese without its English part
    (after a dash), as the app shows it."""
    if not is_chinese(language):
        return text
    parts = re.split(r"\s*—\s*", text)
    chinese = [p for p in parts if not re.search(r"[A-Za-z]{2,}", p)]
    return "—".join(chinese).strip() if chinese else text


_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def tighten(text: str) -> str:
    """Chinese text without the spaces put between words by templates written for letters
    ("{b} 相对 {a}" with b = 本文档): 本文档相对基准文档."""
    return _CJK_SPACE.sub("", text)


def warning_name(code: str, language: str) -> str:
    """A warning's code in ``language`` (``no-date``; 无日期), for tables that list codes."""
    return translator(language)(code) if is_chinese(language) else code


_MEASURE = {"document": "篇文档", "occurrence": "次"}
_PERIOD = re.compile(r"(\d{4})(?:-Q(\d)|-(\d{2})(?:-(\d{2}))?)?")


def count_of(count: int, noun: str, language: str) -> str:
    """``3 documents``, ``1 occurrence``; ``3 篇文档``, ``1 次``."""
    if is_chinese(language) and noun in _MEASURE:
        return f"{count} {_MEASURE[noun]}"
    return counted(count, noun)


def period_label(label: str, language: str) -> str:
    """A period or a date as its readers write it: ``2022``, ``2022-Q3``, ``2022-07``,
    ``2022-07-21`` in English; ``2022年``, ``2022年第3季度``, ``2022年7月``, ``2022年7月21日``."""
    found = _PERIOD.fullmatch(label)
    if not is_chinese(language) or found is None:
        return label
    year, quarter, month, day = found.groups()
    if quarter:
        return f"{year}年第{quarter}季度"
    if day:
        return f"{year}年{int(month)}月{int(day)}日"
    if month:
        return f"{year}年{int(month)}月"
    return f"{year}年"
