"""The window and the reports say the same things the same way: a document's date as the
interface language writes it (2022年7月29日 in Chinese, sorted as a date), a warning in the
reports' own words, and two documents' shared passages counted alike ("12 passages in 8
paragraph pairs"), on real documents (tests/real)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from tifa.engine.compare.model import Comparison
from tifa.engine.compare.pipeline import compare
from tifa.engine.compare.rowlayout import notable_shared, shared_count
from tifa.engine.export import build_view
from tifa.engine.export.html import render_html
from tifa.engine.export.i18n import long_date
from tifa.engine.export.i18n import warning_text as report_warning
from tifa.engine.ingest import read_document
from tifa.engine.model import Document
from tifa.gui import i18n
from tifa.gui.localize import warning_text
from tifa.gui.models import SORT_ROLE
from tifa.gui.models.alignment import AlignmentModel
from tifa.gui.models.documents import DocumentListModel
from tifa.gui.session import Session

REAL = Path(__file__).resolve().parents[1] / "real"
STHEADLINE = REAL / "50_excerpt_stheadline_20220729.txt"  # 2022-07-29, 2 captions left out
MINGPAO = REAL / "41_excerpt_mingpaocanada_20221017.txt"  # 2022-10-17
XWLB = f"{REAL / '28_xwlb_yuekcc_20220728.md'}#1"  # 2022-07-28, the Politburo meeting


@pytest.fixture
def chinese(qapp: object) -> Iterator[None]:
    i18n.install_language("zh_CN")
    try:
        yield
    finally:
        i18n.install_language("en")


@pytest.fixture(scope="module")
def pair() -> Comparison:
    return compare([read_document(XWLB), read_document(STHEADLINE)])


def _report_text(comparison: Comparison, language: str) -> str:
    """The HTML report's text, tags and white space gone."""
    html = render_html(build_view(comparison, language))
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _listed(documents: list[Document]) -> DocumentListModel:
    session = Session()
    session.documents.extend(documents)
    model = DocumentListModel(session)
    session.documents_changed.emit()
    return model


def test_the_documents_list_writes_dates_in_the_ui_language_and_sorts_them_as_dates(
    qapp: object,
) -> None:
    documents = [read_document(MINGPAO), read_document(STHEADLINE)]
    for language, shown in (("zh_CN", ["2022年10月17日", "2022年7月29日"]),
                            ("en", ["2022-10-17", "2022-07-29"])):
        i18n.install_language(language)
        try:
            model = _listed(documents)
            dates = [model.index(r, model.DATE).data() for r in range(2)]
            assert dates == shown, language
            # the reports' form for that language
            code = "zh" if language == "zh_CN" else "en"
            assert dates == [long_date(d.date, code) for d in documents if d.date]
            proxy = QSortFilterProxyModel()
            proxy.setSourceModel(model)
            proxy.setSortRole(SORT_ROLE)
            proxy.sort(model.DATE, Qt.SortOrder.AscendingOrder)
            assert [proxy.index(r, model.DATE).data() for r in range(2)] == shown[::-1]
            # the display text alone sorts 2022年10月17日 before 2022年7月29日: the role matters
            proxy.setSortRole(Qt.ItemDataRole.DisplayRole)
            proxy.sort(model.DATE, Qt.SortOrder.AscendingOrder)
            by_text = [proxy.index(r, model.DATE).data() for r in range(2)]
            assert (by_text == shown) == (language == "zh_CN")
            tip = model.index(1, model.SOURCE).data(Qt.ItemDataRole.ToolTipRole)  # credits
            assert shown[1] in tip
        finally:
            i18n.install_language("en")


def test_the_side_by_side_headers_and_the_chinese_report_write_one_date(
    chinese: None, pair: Comparison,
) -> None:
    model = AlignmentModel()
    model.set_comparison(pair, (0, 1))
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(2)]
    assert "2022年7月28日" in headers[0] and "2022年7月29日" in headers[1]
    assert not any("2022-07" in h for h in headers)
    report = _report_text(pair, "zh")
    assert "2022年7月28日" in report and "2022年7月29日" in report


def test_a_warning_reads_the_same_in_the_window_and_in_the_report(chinese: None) -> None:
    """The Chinese texts of the warnings live once, in the reports' catalogue."""
    warnings = [*read_document(STHEADLINE).warnings,
                *read_document(REAL / "readouts/xwlb-yuekcc-20230428-item1.md").warnings]
    assert {"dropped-captions", "date-inferred"} <= {w.code for w in warnings}
    for warning in warnings:
        shown = warning_text(warning)
        assert shown == report_warning(warning, "zh")
        assert not re.search(r"[A-Za-z]{2,}", shown), shown
    i18n.install_language("en")
    assert [warning_text(w) for w in warnings] == [w.message for w in warnings]


@pytest.mark.parametrize(("language", "code"), [("en", "en"), ("zh_CN", "zh")])
def test_the_window_and_the_report_count_the_shared_passages_alike(
    qapp: object, pair: Comparison, language: str, code: str,
) -> None:
    """The report's pair table counted every shared passage (dates alone, 会议强调 too), the
    window's shared section only those it lists, one row per pair of paragraphs: two numbers
    for one thing. Now both say the passages it lists and the paragraph pairs holding them."""
    passages = notable_shared(pair.pair(0, 1))
    count = shared_count(passages)
    assert 0 < count.paragraph_pairs < count.passages < len(pair.pair(0, 1).shared)
    i18n.install_language(language)
    try:
        model = AlignmentModel()
        model.set_comparison(pair, (0, 1))
        header = str(model.index(model.header_row(-2), 0).data())
        rows = [r for r in range(model.rowCount()) if model.passage_at(r) is not None]
        listed = sum(len(g.passages) for r in rows if (g := model.passage_at(r)) is not None)
    finally:
        i18n.install_language("en")
    assert (len(rows), listed) == (count.paragraph_pairs, count.passages)
    said = (f"{count.passages} passages in {count.paragraph_pairs} paragraph pairs"
            if code == "en" else f"{count.passages} 处，见于 {count.paragraph_pairs} 对段落")
    assert said in header
    assert said in _report_text(pair, code)


def test_a_metric_is_named_alike_in_the_window_and_the_chinese_report(chinese: None) -> None:
    from tifa.engine.export.i18n import metric_name
    from tifa.gui.localize import metric_label

    metrics = ("shared-text", "tfidf-cosine", "char-bigram-cosine")
    assert [metric_label(m) for m in metrics] == [metric_name(m, "zh") for m in metrics]
    assert metric_label("shared-text") == "共有措辞"
    i18n.install_language("en")
    assert metric_label("shared-text") == "shared wording"  # the report: its identifier
    assert metric_label("a-new-metric") == "a-new-metric"


def test_why_a_pair_was_compared_so_is_said_alike_in_the_window_and_the_report(
    pair: Comparison, chinese: None
) -> None:
    """The granularity reasons were written twice (the window's Qt catalogue, the reports'
    gettext one) and kept in step by a test; the window now takes them from the reports'."""
    from dataclasses import replace

    from tifa.engine.compare.model import GranularityReason
    from tifa.engine.export.i18n import granularity_reason
    from tifa.gui.labels import pair_granularity_label

    compared = pair.pair(0, 1)
    shown = pair_granularity_label(compared)
    reason = granularity_reason(compared.granularity_reason, "zh")
    assert reason.startswith(("自动", "按设置")) and reason in shown
    # the Chinese report's pair table: the reason on its granularity cell
    assert f'title="{reason}"' in render_html(build_view(pair, "zh"))
    said = {pair_granularity_label(replace(compared, granularity_reason=r))
            for r in GranularityReason}
    assert len(said) == len(GranularityReason)  # each reason its own words, in Chinese
    assert not any(re.search("[A-Za-z]{3,}", text) for text in said), said
    i18n.install_language("en")
    assert pair_granularity_label(replace(
        compared, granularity_reason=GranularityReason.LONG_PARAGRAPHS)).endswith(
        "(automatic: a document has few, long paragraphs)")
