"""A page's date label copied before the text ("date 2025-12-08 中共中央…", "日期：…") is
not part of the title made from the first sentence; the date it gives is still read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tifa.engine.ingest import document_from_string, read_document

READOUTS = Path(__file__).resolve().parents[1] / "real" / "readouts"
UDN = READOUTS / "udn-9189489-excerpt.txt"  # begins " date 2025-12-08 中共中央政治局今天召開會議，"


def test_the_date_label_before_the_udn_readout_is_not_its_title() -> None:
    document = read_document(UDN)
    assert document.title == "中共中央政治局今天召開會議"
    assert document.date == dt.date(2025, 12, 8)
    assert "no-date" not in {w.code for w in document.warnings}
    # the text itself is kept as it was captured
    assert document.paragraphs[0].text.startswith("date 2025-12-08 中共中央政治局")


@pytest.mark.parametrize("label", ["日期：2025年12月8日 ", "發布時間：2025-12-08 09:30 ",
                                   "Date: 2025/12/08 "])
def test_other_date_labels(label: str) -> None:
    text = UDN.read_text("utf-8").replace(" date 2025-12-08 ", label, 1)
    document = document_from_string(text)
    assert document.title == "中共中央政治局今天召開會議"
    assert document.date == dt.date(2025, 12, 8)


@pytest.mark.parametrize("start", ["北京时间今天（10月18日）下午，", "2025年12月8日，",
                                   "日期未定的會議，"])
def test_a_sentence_that_only_begins_like_a_label_keeps_its_words(start: str) -> None:
    """No label, or no whole date after it: the title is the first clause as written."""
    text = UDN.read_text("utf-8").replace(" date 2025-12-08 ", start, 1)
    assert document_from_string(text).title.startswith(start.rstrip("，"))
