"""Reports in the reader's language: ``--lang zh`` / ``export(..., lang="zh")``.

A Chinese report has every one of its own words in Chinese (the app's terms), leaving in
Latin letters only what comes from the documents (file names, addresses, encodings, formats)
and a few names (Tifa, TF-IDF, UTC); an English report is what it always was.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import gettext
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
import lxml.html
import pytest
from _export_helpers import beijing_chengdu, comparison_of, with_traditional
from openpyxl import load_workbook

from conftest import ALL_SEEDS
from tifa.cli import main
from tifa.engine.compare.model import Comparison
from tifa.engine.compare.vocabulary import Status, term
from tifa.engine.export import export, export_many
from tifa.engine.export.html import render_html
from tifa.engine.export.i18n import (
    long_date,
    metric_name,
    report_language,
    timestamp,
    translator,
)
from tifa.engine.export.view import build_view
from tifa.engine.paths import resource

ROOT = Path(__file__).resolve().parents[2]
EXPORT = ROOT / "desktop" / "tifa" / "engine" / "export"
PO = resource("locale", "zh_CN", "LC_MESSAGES", "tifa_report.po")
MO = resource("locale", "zh_CN", "LC_MESSAGES", "tifa_report.mo")
WHEN = dt.datetime(2026, 11, 30, 9, 5, tzinfo=dt.UTC)

#: Latin-letter words a Chinese report may hold besides the documents' own data.
NAMES = {"Tifa", "TF-IDF", "UTC"}
LATIN = re.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")


def _po_entries() -> dict[str, str]:
    """msgid -> msgstr of the catalogue's source (one-line entries, as the file is written)."""
    text = PO.read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, flags=re.M)

    def unquote(s: str) -> str:
        return s.replace('\\"', '"').replace("\\\\", "\\")

    return {unquote(a): unquote(b) for a, b in pairs if a}


def _allowed(comparison: Comparison) -> set[str]:
    """Latin words the documents themselves bring: names, metadata, their text."""
    words = set(NAMES)
    for d in comparison.documents:
        data = [d.name, d.path.name, d.format, d.encoding, d.source or "", d.author or "",
                d.title, *(f"{k} {v}" for k, v in d.extra),
                *(p.text for p in d.paragraphs), *(w.message for w in d.warnings)]
        for value in data:
            words.update(LATIN.findall(value))
    for f in comparison.formulations:
        words.update(LATIN.findall(f"{f.phrase} {f.category} {f.gloss} {' '.join(f.variants)}"))
    return words


def _left_english(text: str, comparison: Comparison) -> set[str]:
    """Latin words of ``text`` that neither the documents nor ``NAMES`` bring; runs of the
    documents' letters (badges set next to each other: "AB") are labels, not words."""
    allowed = _allowed(comparison)
    letters = {chr(ord("A") + i) for i in range(len(comparison.documents))}
    return {w for w in LATIN.findall(text) if w not in allowed and not set(w) <= letters}


def _five() -> Comparison:
    return comparison_of(*ALL_SEEDS)


# --------------------------------------------------------------------------------------------
# The catalogue


def test_every_string_the_reports_translate_is_in_the_catalogue() -> None:
    """Each literal ``_("…")`` of the writers and the template has its Chinese: a label added
    in English and forgotten in the catalogue would show in English in a Chinese report."""
    used: set[str] = set()
    for path in EXPORT.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "tr")
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                used.add(node.args[0].value)
    for name in ("report.html.j2", "corpus_timeline.html.j2"):
        template = resource("templates", name).read_text(encoding="utf-8")
        used.update(m.replace("\\'", "'")
                    for m in re.findall(r'_\("((?:[^"\\]|\\.)*)"\)', template))
    assert len(used) > 90
    entries = _po_entries()
    missing = sorted(s for s in used if s and not entries.get(s))
    assert missing == []


def test_the_compiled_catalogue_is_the_source_compiled() -> None:
    """The .mo the reports read says what the .po says (run resources/locale/update.sh)."""
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    entries = _po_entries()
    assert len(entries) > 150
    for msgid, msgstr in entries.items():
        assert compiled.gettext(msgid) == msgstr, msgid


def test_placeholders_survive_translation() -> None:
    for msgid, msgstr in _po_entries().items():
        assert sorted(re.findall(r"\{\w*\}|%\d", msgid)) == sorted(
            re.findall(r"\{\w*\}|%\d", msgstr)), msgid


def _ts() -> dict[tuple[str, str], str]:
    tree = ET.parse(resource("i18n", "tifa_zh_CN.ts"))
    out = {}
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return out


@pytest.mark.parametrize(("ours", "context", "source"), [
    ("Documents", "MainWindow", "Documents"),
    ("Similarity", "MainWindow", "Similarity"),
    ("Formulations", "MainWindow", "Formulations"),
    ("Side by side", "MainWindow", "Side by side"),
    ("Settings", "MainWindow", "Settings"),
    ("formulation", "FormulationsModel", "Formulation"),
    ("category", "FormulationsModel", "Category"),
    ("variants", "FormulationsModel", "Variants"),
    ("first year", "FormulationsModel", "First year"),
    ("gloss", "FormulationsModel", "Gloss"),
    ("title", "DocumentListModel", "Title"),
    ("date", "DocumentListModel", "Date"),
    ("source", "DocumentListModel", "Source"),
    ("author", "DocumentListModel", "Author"),
    ("script", "DocumentListModel", "Script"),
    ("encoding", "DocumentListModel", "Encoding"),
    ("warnings", "DocumentListModel", "Warnings"),
    ("simplified", "labels", "simplified"),
    ("traditional", "labels", "traditional"),
    ("equal", "labels", "equal"),
    ("edited", "labels", "edited"),
    ("split", "labels", "split"),
    ("merge", "labels", "merged"),
    ("moved", "labels", "moved"),
    ("quoted", "labels", "quoted"),
    # (warnings, metric names and granularity reasons: the window takes them from this
    # catalogue, tests/gui/test_dates_shown.py)
])
def test_the_report_says_what_the_window_says(ours: str, context: str, source: str) -> None:
    ts = _ts()
    matches = [t for (c, s), t in ts.items() if s == source and (c == context or not context)]
    if not matches:  # the context moved: any translation of the same source
        matches = [t for (c, s), t in ts.items() if s == source]
    assert matches, source
    assert _po_entries()[ours] in matches


def test_status_words_are_the_vocabularys() -> None:
    view = build_view(beijing_chengdu(), lang="zh", generated=WHEN)
    html = render_html(view)
    for status in (Status.SHARED, Status.NEW, Status.DROPPED, Status.VARIANT):
        assert term(status).zh in html
    assert "基准文档" in html and "提法" in html


# --------------------------------------------------------------------------------------------
# Languages, dates, numbers


def test_language_names() -> None:
    assert [report_language(n) for n in ("zh", "zh_CN", "zh-Hans", "zh_CN.UTF-8", "ZH")] == [
        "zh"] * 5
    assert [report_language(n) for n in ("en", "en_GB", "C", "POSIX", "", None)] == ["en"] * 6
    with pytest.raises(ValueError, match="en, zh"):
        report_language("fr")


def test_dates_as_chinese_readers_write_them() -> None:
    assert long_date(dt.date(2022, 7, 1), "zh") == "2022年7月1日"
    assert long_date(dt.date(2022, 7, 1), "en") == "2022-07-01"
    assert timestamp(WHEN, "zh") == "2026年11月30日 09:05 UTC"
    assert timestamp(WHEN, "en") == "2026-11-30 09:05 UTC"
    assert translator("zh")("") == ""  # never the catalogue's header
    assert metric_name("tfidf-cosine", "zh") == "词语分布（TF-IDF 余弦）"
    assert metric_name("tfidf-cosine", "en") == "tfidf-cosine"


# --------------------------------------------------------------------------------------------
# Chinese reports of real documents


def _visible_html(html: str) -> str:
    tree = lxml.html.fromstring(html)
    for bad in tree.xpath("//style"):
        bad.drop_tree()
    titles = " ".join(tree.xpath("//@title | //@aria-label"))
    return f"{tree.text_content()} {titles}"


@pytest.mark.parametrize("make", [beijing_chengdu, with_traditional, _five],
                         ids=["beijing-chengdu", "traditional", "five-seeds"])
def test_a_chinese_html_report_has_no_english_label(make: object) -> None:
    comparison = make()  # type: ignore[operator]
    html = render_html(build_view(comparison, lang="zh", generated=WHEN))
    assert _left_english(_visible_html(html), comparison) == set()
    for heading in ("文档", "相似度", "提法", "并排对读", "设置", "2026年11月30日"):
        assert heading in html
    english = render_html(build_view(comparison, generated=WHEN))
    assert "<h2>Side by side" in english and "<h2>并排对读" not in english


def test_a_chinese_html_reports_short_values_stay_on_one_line(tmp_path: Path) -> None:
    """Chinese breaks between any two characters: in the table of many documents (新闻联播
    2022-07-28, 16 items, and a 星岛 report) dates, scripts and counts wrapped beside the
    wide titles (2022年7月28 / 日, 简 / 体). Their cells carry a class the stylesheet keeps on
    one line."""
    real = Path(__file__).resolve().parents[1] / "real"
    out = tmp_path / "r.html"
    assert main(["compare", "-q", "--lang", "zh", "--html", str(out),
                 str(real / "28_xwlb_yuekcc_20220728.md"),
                 str(real / "50_excerpt_stheadline_20220729.txt")]) == 0
    tree = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    table = "//table[contains(@class, 'docs-table')]"
    dates = [d.text_content() for d in tree.xpath(f"{table}//td[contains(@class, 'f-date')]")]
    assert dates.count("2022年7月28日") == 16 and "2022年7月29日" in dates
    assert len(tree.xpath(f"{table}//td[contains(@class, 'f-script')]")) == 17
    css = " ".join(tree.xpath("//style/text()"))
    rule = re.search(r"table\.docs-table td\.f-date[^{]*\{([^}]*)\}", css)
    assert rule is not None and "nowrap" in rule.group(1)


def test_a_chinese_html_report_says_its_warnings_in_chinese() -> None:
    comparison = with_traditional()  # the Qiushi article: corrupted characters, no date
    html = render_html(build_view(comparison, lang="zh", generated=WHEN))
    assert "个损坏字符" in html and "已在正文中标出" in html
    assert "corrupted characters" not in html


def test_every_chinese_format_of_five_documents(tmp_path: Path) -> None:
    comparison = _five()
    targets = {"html": tmp_path / "r.html", "docx": tmp_path / "r.docx",
               "xlsx": tmp_path / "r.xlsx", "csv": tmp_path / "csv"}
    export_many(comparison, targets, lang="zh")

    document = docx.Document(str(targets["docx"]))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert _left_english("\n".join(texts), comparison) == set()
    assert any(t.startswith("并排对读") for t in texts) and "设置" in texts

    book = load_workbook(targets["xlsx"])
    assert book.sheetnames[0] == "提法" and "文档" in book.sheetnames
    headers = " ".join(str(c.value) for sheet in book for c in sheet[1] if c.value is not None)
    assert _left_english(headers + " " + " ".join(book.sheetnames), comparison) == set()
    statuses = {c.value for row in book["提法"].iter_rows(min_row=2) for c in row}
    assert {"共有", "删去"} <= statuses

    for path in sorted(targets["csv"].iterdir()):
        with path.open(encoding="utf-8-sig", newline="") as file:
            header = next(csv.reader(file))
        assert _left_english(" ".join(header), comparison) == set(), path.name
    with (targets["csv"] / "documents.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows[0]["日期"] == "2022-07-21"  # sortable in a spreadsheet, in any language


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_a_chinese_pdf_report(tmp_path: Path) -> None:
    comparison = with_traditional()
    pdf = tmp_path / "r.pdf"
    try:
        export(comparison, pdf, lang="zh")
    except OSError as error:  # MissingFontError: no Chinese font on this computer
        pytest.skip(str(error))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert _left_english(text, comparison) == set()
    assert "提法对读报告" in text and re.search(r"第 \d+ 页", text)


def test_the_json_report_is_the_same_in_both_languages(tmp_path: Path) -> None:
    comparison = beijing_chengdu()
    export(comparison, tmp_path / "en.json", lang="en")
    export(comparison, tmp_path / "zh.json", lang="zh")
    assert (tmp_path / "en.json").read_bytes() == (tmp_path / "zh.json").read_bytes()


def test_the_command_line_writes_chinese_on_request_and_english_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = map(str, ALL_SEEDS[:2])
    assert main(["compare", a, b, "--html", str(tmp_path / "zh.html"), "--lang", "zh",
                 "-q"]) == 0
    assert main(["compare", a, b, "--html", str(tmp_path / "en.html"), "-q"]) == 0
    zh = (tmp_path / "zh.html").read_text(encoding="utf-8")
    en = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert "<h2>并排对读" in zh and "<h2>Side by side" not in zh
    assert "<h2>Side by side" in en and "<h2>并排对读" not in en
    with pytest.raises(SystemExit):
        main(["compare", a, b, "--html", str(tmp_path / "x.html"), "--lang", "fr"])
    assert "invalid choice" in capsys.readouterr().err


def test_a_chinese_corpus_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "corpus.sqlite")
    assert main(["corpus", "--db", db, "add", *map(str, ALL_SEEDS)]) == 0
    pages = {}
    for lang in ("en", "zh"):
        page = tmp_path / f"{lang}.html"
        assert main(["corpus", "--db", db, "timeline", "疫情防控", "--by", "quarter",
                     "--html", str(page), "--lang", lang]) == 0
        pages[lang] = page.read_text(encoding="utf-8")
    capsys.readouterr()
    zh = _visible_html(pages["zh"])
    assert "按季度统计的时间线" in zh and "2022年第3季度" in zh and "2022年7月27日" in zh
    paths = f"{tmp_path} {' '.join(str(p) for p in ALL_SEEDS)} sqlite"  # the documents' paths
    assert {w for w in LATIN.findall(zh) if w not in NAMES and w not in paths} == set()
    assert "Timeline by quarter" in pages["en"] and "2022-Q3" in pages["en"]
