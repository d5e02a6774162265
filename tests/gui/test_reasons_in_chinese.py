"""Why a file could not be read, in the Chinese interface: the message bar said
"无法读取 …/报道.txt：this is a binary file, not text" — the reason stayed in English."""

from __future__ import annotations

import gzip
import re
import zipfile
from pathlib import Path

import pytest

from tifa.engine import errors
from tifa.engine.errors import InputError
from tifa.engine.ingest import read_document
from tifa.gui import i18n
from tifa.gui.localize import _reasons, reason_text
from tifa.gui.views.message_bar import MessageBar

REAL = Path(__file__).parents[1] / "real/tester3/jnsw-shandong-20220729-excerpt.txt"
NAMES = {"PDF", "Word", "docx", "doc", "xls", "txt", "Office", "WPS", "RTF", "OpenDocument",
         "ZIP", "Tifa", "UTF", "GB", "GBK", "Big", "KB", "MB", "utf", "le"}


def _bad_copies(folder: Path) -> list[Path]:
    """The real readout as files arrive broken: empty, compressed, a lone UTF-16 surrogate,
    named .doc / .pdf / .docx, zipped, a folder, missing, below a file."""
    data = REAL.read_bytes()
    made = {"空.txt": b"", "压缩.txt": gzip.compress(data), "utf16.txt": b"\xff\xfe\x00\xd8",
            "报道.doc": data, "报道.pdf": data, "报道.docx": data}
    for name, content in made.items():
        (folder / name).write_bytes(content)
    with zipfile.ZipFile(folder / "报道.zip", "w") as archive:
        archive.writestr("报道.txt", data)
    (folder / "文件夹").mkdir()
    return [*(folder / n for n in made), folder / "报道.zip", folder / "文件夹",
            folder / "没有.txt", folder / "空.txt" / "报道.txt"]


def _reasons_read(folder: Path) -> list[str]:
    found = []
    for path in _bad_copies(folder):
        with pytest.raises(InputError) as caught:
            read_document(path)
        found.append(caught.value.reason)
    with pytest.raises(InputError) as caught:
        read_document(REAL, max_bytes=1000)
    return [*found, caught.value.reason]


def test_every_reason_a_broken_readout_gets_reads_in_chinese(qapp: object,
                                                            tmp_path: Path) -> None:
    reasons = _reasons_read(tmp_path)
    try:
        i18n.install_language("zh_CN")
        for reason in reasons:
            shown = reason_text(reason)
            left = set(re.findall(r"[A-Za-z]+", shown)) - NAMES
            assert not left, (reason, shown)
            assert re.search(r"[\u4e00-\u9fff]", shown), (reason, shown)
        assert reason_text(reasons[-1]) == "文件太大（2 KB；Tifa 最多读取 1000 字节）"
    finally:
        i18n.install_language("en")
    assert [reason_text(r) for r in reasons] == reasons  # English: as the engine wrote it


def test_the_message_bar_says_why_in_chinese(qtbot: object, tmp_path: Path) -> None:
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        read_document(empty)
    try:
        i18n.install_language("zh_CN")
        bar = MessageBar()
        qtbot.addWidget(bar)  # type: ignore[attr-defined]
        bar.add_problem(str(empty), caught.value.reason)
        assert "文件是空的" in bar.label.text()
        assert "the file is empty" not in bar.label.text()
    finally:
        i18n.install_language("en")


def test_the_engines_own_words_for_a_path_are_all_known() -> None:
    """The reasons every reader and command shares (``tifa.engine.errors``) are in the
    table, so a change of wording there shows here."""
    for reason in (errors.NO_SUCH_FILE, errors.PERMISSION_DENIED, errors.A_FOLDER,
                   errors.NOT_REGULAR):
        assert reason in _reasons()


def test_the_corpus_tab_says_why_a_file_was_not_added_in_chinese(qapp: object,
                                                                tmp_path: Path) -> None:
    """The Corpus tab's line after an add ("1 added, … — NAME: reason") gave the reader's
    English reason in the Chinese interface; the real readout added with broken copies."""
    from tifa.engine.corpus import CorpusStore
    from tifa.engine.corpus.add import AddEvent, add_paths
    from tifa.gui.corpus.tab import failure_text

    broken = _bad_copies(tmp_path)[:4]  # empty, binary, lone surrogate, a .doc
    with CorpusStore(tmp_path / "c.sqlite") as store:
        events = [e for e in add_paths(store, [REAL, *broken], workers=1)
                  if isinstance(e, AddEvent)]
    failed = [e for e in events if e.status == "failed"]
    assert len(failed) == 4 and any(e.status == "added" for e in events)
    try:
        i18n.install_language("zh_CN")
        shown = [failure_text(e) for e in failed]
    finally:
        i18n.install_language("en")
    assert any("文件是空的" in s for s in shown)
    for event, text in zip(failed, shown, strict=True):
        name = str(event.path)
        assert text.startswith(name + ": ")
        left = set(re.findall(r"[A-Za-z]+", text[len(name):])) - NAMES
        assert not left, text
    assert [failure_text(e) for e in failed] == [e.message for e in failed]  # English


def test_a_file_of_page_furniture_only_says_so_in_chinese(qapp: object, tmp_path: Path) -> None:
    """A file holding only an editor line is refused as page furniture; the Chinese interface
    says so in Chinese (the reason with its English rule names stayed English)."""
    furniture = tmp_path / "编辑.txt"
    furniture.write_text("责任编辑：张三\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_document(furniture)
    reason = caught.value.reason
    assert reason.startswith("all its text is page furniture")
    try:
        i18n.install_language("zh_CN")
        shown = reason_text(reason)
        assert "网页附属内容" in shown and not re.search(r"[A-Za-z]", shown), shown
    finally:
        i18n.install_language("en")
    assert reason_text(reason) == reason


def test_a_pdf_deflate_bomb_says_why_in_chinese(qapp: object, tmp_path: Path) -> None:
    """The PDF expansion check's refusal (stop 18) reads in Chinese, its sizes kept."""
    import sys

    sys.path.insert(0, str(Path(__file__).parents[1] / "engine"))
    from test_bad_input import _pdf_with_instructions

    from tifa.engine.ingest import pdf

    line = b"BT /F1 12 Tf 72 712 Td (AAAA) Tj ET\n"
    bomb = tmp_path / "炸弹.pdf"
    bomb.write_bytes(_pdf_with_instructions(line * (pdf.MAX_STREAM // len(line) + 1000)))
    with pytest.raises(InputError) as caught:
        read_document(bomb)
    reason = caught.value.reason
    try:
        i18n.install_language("zh_CN")
        shown = reason_text(reason)
        assert "解压炸弹" in shown and "32 MB" in shown and "128 MB" in shown, shown
        assert not re.search(r"[A-Za-z]{3,}", shown.replace("PDF", "").replace("Tifa", "")), shown
    finally:
        i18n.install_language("en")
    assert reason_text(reason) == reason
