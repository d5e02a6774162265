"""The Chinese catalogue covers every string of the UI and the compiled .qm matches it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from tifa.engine.paths import resource

pytestmark = pytest.mark.gui

TS = resource("i18n", "tifa_zh_CN.ts")
QM = resource("i18n", "tifa_zh_CN.qm")
GUI = Path(__file__).resolve().parents[2] / "desktop" / "tifa" / "gui"


def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [
        (context.findtext("name") or "", message.findtext("source") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


def test_every_message_is_translated() -> None:
    unfinished = [
        source for _, source, m in _messages(TS)
        if (m.find("translation") is None)
        or m.find("translation").get("type") in {"unfinished", "obsolete", "vanished"}  # type: ignore[union-attr]
    ]
    assert not unfinished


def test_the_compiled_catalogue_matches_the_source() -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    for context, source, message in _messages(TS):
        if message.get("numerus") == "yes":
            continue
        expected = message.findtext("translation")
        assert translator.translate(context, source) == expected, (context, source)


def test_the_catalogue_lists_every_string_in_the_code(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True,
                   capture_output=True)
    in_code = {(c, s) for c, s, _ in _messages(fresh)}
    in_catalogue = {(c, s) for c, s, _ in _messages(TS)}
    assert in_code <= in_catalogue, sorted(in_code - in_catalogue)


def test_the_system_language_is_followed() -> None:
    """"system" (the default) means Chinese for any Chinese locale, English otherwise; a
    choice made in the settings wins."""
    from PySide6.QtCore import QLocale

    from tifa.gui import i18n, preferences

    assert preferences.ui_language() == "system"
    for name, expected in (("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh_HK", "zh_CN"),
                           ("en_US", "en"), ("de_DE", "en")):
        assert i18n.resolve_language("system", QLocale(name)) == expected, name
    assert i18n.resolve_language("en", QLocale("zh_CN")) == "en"
    assert i18n.resolve_language("zh_CN", QLocale("en_US")) == "zh_CN"


def test_every_way_a_date_is_inferred_reads_in_chinese(qapp: object) -> None:
    """The reader's reasons for an inferred date (the year from a congress, from the text,
    the day from a news site's address) are shown in Chinese in the Chinese interface: a
    new reason added to the reader without a branch in ``localize`` stayed English."""
    from tifa.engine.ingest.reader import read_document
    from tifa.engine.model import DocumentWarning
    from tifa.gui import i18n
    from tifa.gui.localize import warning_text

    item = Path(__file__).resolve().parents[1] / "real/readouts/xwlb-yuekcc-20230428-item1.md"
    warnings = [w for w in read_document(item).warnings if w.code == "date-inferred"]
    assert warnings and "from its address" in warnings[0].message
    try:
        i18n.install_language("zh_CN")
        shown = warning_text(warnings[0])
        for how in ("from its address", "year from the text (2022)",
                    "year from the upcoming party congress (2022)"):
            text = warning_text(DocumentWarning("date-inferred", f"date 2022-07-21: {how}"))
            assert not any(c.isascii() and c.isalpha() for c in text), text
    finally:
        i18n.install_language("en")
    assert "2023年4月28日" in shown and "取自其网址" in shown  # the date as the UI writes it


EN_TS = resource("i18n", "tifa_en.ts")


def test_the_english_catalogue_gives_every_count_its_singular_and_plural(tmp_path: Path) -> None:
    """English is the source language, but "%n document(s)" must read "1 document" and
    "2 documents": tifa_en.ts holds every numerus message of the code, with both forms."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh), "-pluralonly"], check=True,
                   capture_output=True)
    in_code = {(c, s) for c, s, m in _messages(fresh) if m.get("numerus") == "yes"}
    english = {(c, s): m for c, s, m in _messages(EN_TS)}
    assert in_code and in_code <= set(english), sorted(in_code - set(english))
    for key in in_code:
        forms = [f.text or "" for f in english[key].iter("numerusform")]
        assert len(forms) == 2 and all("%n" in f for f in forms), key
        assert "(s)" not in "".join(forms), key


def test_counts_agree_with_their_number_in_english_and_chinese(
    qtbot: object, open_window: object
) -> None:
    from conftest import BEIJING_2017, BEIJING_2022
    from tifa.gui import counts, i18n

    assert (counts.documents(1), counts.documents(2)) == ("1 document", "2 documents")
    assert (counts.occurrences(1), counts.files(3)) == ("1 occurrence", "3 files")
    window = open_window([BEIJING_2022])  # type: ignore[operator]
    assert window.windowTitle().endswith("— 1 document")
    try:
        i18n.install_language("zh_CN")
        assert counts.documents(1) == "1 篇文档"
        qtbot.waitUntil(lambda: window.windowTitle().endswith("— 1 篇文档"))  # type: ignore[attr-defined]
    finally:
        i18n.install_language("en")
    with qtbot.waitSignal(window.comparison_shown, timeout=60_000):  # type: ignore[attr-defined]
        window.session.open_paths([BEIJING_2017])
    qtbot.waitUntil(lambda: window.windowTitle().endswith("— 2 documents"))  # type: ignore[attr-defined]


def test_document_warnings_with_a_count_agree_with_it_in_english() -> None:
    """The engine says "1 photo caption left out"; the English interface said it again through
    the catalogue as "1 photo captions left out". In Chinese it is still translated."""
    from tifa.engine.model import DocumentWarning
    from tifa.gui import i18n
    from tifa.gui.localize import warning_text

    one = DocumentWarning("dropped-captions",
                          "1 photo caption left out (they describe pictures, not the text)")
    assert warning_text(one) == one.message
    try:
        i18n.install_language("zh_CN")
        assert warning_text(one).startswith("略去 1 条图片说明")
    finally:
        i18n.install_language("en")
