"""The documents list says who and when for each document (issue 11): the source, author
and editor a page or transcript states, and which item of a many-item file it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tifa.engine.ingest import read_document, read_documents
from tifa.gui.models.documents import DocumentListModel
from tifa.gui.session import Session

REAL = Path(__file__).resolve().parents[1] / "real"


@pytest.mark.skipif(not (REAL / "33_copied_stcn_1.txt").exists(),
                    reason="the real-document set (tests/real/) is not in this checkout")
def test_tooltip_shows_source_author_editor_and_item(qtbot: object) -> None:
    session = Session()
    session.documents.append(read_document(REAL / "33_copied_stcn_1.txt"))
    session.documents.append(read_document(REAL / "06_zsnews_1.html"))
    session.documents.extend(read_documents(REAL / "40_xwlb_frederickpi_20220728.md")[:2])
    model = DocumentListModel(session)
    session.documents_changed.emit()
    assert model.rowCount() == 4

    def tip(row: int) -> str:
        return str(model.index(row, DocumentListModel.SOURCE).data(Qt.ItemDataRole.ToolTipRole))

    assert "证券时报网" in tip(0) and "李在山" in tip(0) and "2019-09-26" in tip(0)
    assert "龙慧" in tip(1)  # 发布日期：2019-03-06 责任编辑：龙慧
    assert "1 / 15" in tip(2) and "2 / 15" in tip(3) and "2022-07-28" in tip(3)


@pytest.mark.skipif(not (REAL / "40_xwlb_frederickpi_20220728.md").exists(),
                    reason="the real-document set (tests/real/) is not in this checkout")
def test_files_of_many_items_split_unless_kept_whole(qtbot: object) -> None:
    """A transcript's day opens as one document per item, in order; with the File menu's
    setting it opens as one document."""
    day = REAL / "40_xwlb_frederickpi_20220728.md"
    session = Session()
    with qtbot.waitSignal(session.documents_changed, timeout=20_000):  # type: ignore[attr-defined]
        session.open_paths([day])
    assert [d.name for d in session.documents][:3] == [f"{day.name}#{i}" for i in (1, 2, 3)]
    assert len(session.documents) == 15
    session.cancel()  # the comparison it started is not what this test is about
    qtbot.waitUntil(lambda: not session.busy, timeout=20_000)  # type: ignore[attr-defined]
    whole = Session()
    whole.whole_files = True
    with qtbot.waitSignal(whole.documents_changed, timeout=20_000):  # type: ignore[attr-defined]
        whole.open_paths([day])
    assert [d.name for d in whole.documents] == [day.name]
    qtbot.waitUntil(lambda: not whole.busy, timeout=20_000)  # type: ignore[attr-defined]
