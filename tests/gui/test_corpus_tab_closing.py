"""The Corpus tab's words when things go wrong (tester's findings, issue 13): a damaged store
is named, every file that could not be added is listed once, an empty search clears the
results, another store does not keep the last add's summary."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tifa.gui.corpus import CorpusTab

pytestmark = pytest.mark.gui

XWLB = Path(__file__).resolve().parents[1] / "real" / "corpus" / "xwlb"
WAIT_MS = 120_000  # a generous cap on a loaded machine: the wait ends on the signal


@pytest.fixture
def tab(corpus_tab: CorpusTab) -> CorpusTab:
    return corpus_tab  # one reading process (conftest)


def test_bad_files_are_each_named_once_and_another_store_clears_the_summary(
    tab: CorpusTab, add_to_corpus: Any, qtbot: object, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(XWLB / "20211115.md", folder / "20211115.md")
    for n in range(3):
        (folder / f"binary{n}.txt").write_bytes(bytes(range(256)) * 8)
    summary = add_to_corpus(tab, [folder])
    assert summary is not None and summary.failed == 3  # type: ignore[attr-defined]
    text = tab.progress_label.text()
    assert text.count("binary0.txt") == 1, text
    assert "(+2)" in text
    assert all(f"binary{n}.txt" in tab.progress_label.toolTip() for n in range(3))
    tab.set_database(tmp_path / "other.sqlite", remember=False, refresh=False)
    assert tab.progress_label.text() == "" and tab.progress_label.toolTip() == ""


def test_an_empty_search_clears_the_results(
    tab: CorpusTab, add_to_corpus: Any, qtbot: object
) -> None:
    add_to_corpus(tab, [XWLB / "20211115.md"])
    with qtbot.waitSignal(tab.search_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.search("两个确立")
    assert tab.hits.model.rows
    tab.search("  ")
    assert not tab.hits.model.rows and tab.hits.summary.text() == ""


def test_a_damaged_store_is_named(
    tab: CorpusTab, add_to_corpus: Any, qtbot: object, tmp_path: Path
) -> None:
    add_to_corpus(tab, [XWLB / "20211115.md", XWLB / "20211116.md"])
    db = tab.database
    with sqlite3.connect(db) as con:
        (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'documents'"
                              ).fetchone()
        (page,) = con.execute("PRAGMA page_size").fetchone()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(db, "r+b") as f:  # the documents table's first page: zeros, a wrong page type
        f.seek((root - 1) * page)
        f.write(b"\x00" * page)
    tab.search("两个确立")
    qtbot.waitUntil(lambda: str(db) in tab.info_label.text()  # type: ignore[attr-defined]
                    or "went wrong" in tab.info_label.text(), timeout=WAIT_MS)
    message = tab.info_label.text()
    assert str(db) in message and "Something went wrong" not in message, message


def test_failed_file_names_in_the_tooltip_are_shown_as_text(
    tab: CorpusTab, add_to_corpus: Any, qtbot: object, tmp_path: Path
) -> None:
    """A file name is user text: one that looks like markup (<img src=x>) is not rendered as
    rich text in the tooltip listing the files that could not be added."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "<img src=x>.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    summary = add_to_corpus(tab, [folder])
    assert summary is not None and summary.failed == 2  # type: ignore[attr-defined]
    shown = tab.progress_label.toolTip()
    assert "&lt;img src=x&gt;.txt" in shown  # escaped inside a rich paragraph…
    assert "<img" not in shown
    assert "binary.txt" in shown  # every failed file listed


def test_the_timeline_summary_counts_the_undated_documents(tab: CorpusTab, add_to_corpus: Any,
                                                           qtbot: object) -> None:
    import re

    gdstc = Path(__file__).resolve().parents[1] / "real" / "readouts" / \
        "gdstc-20200321-excerpt.txt"
    undated = tab.database.parent / "undated.txt"  # the readout without its dated lines
    undated.write_text(re.sub(r"^.*(20\d\d|\d+月\d+日).*\n", "",
                              gdstc.read_text("utf-8"), flags=re.M), "utf-8")
    add_to_corpus(tab, [gdstc, undated])
    with qtbot.waitSignal(tab.timeline_shown, timeout=WAIT_MS):  # type: ignore[attr-defined]
        tab.show_timeline(["统筹推进疫情防控和经济社会发展"], by="year")
    text = tab.timeline_summary.text()
    assert "1 document (and 1 undated)" in text, text
