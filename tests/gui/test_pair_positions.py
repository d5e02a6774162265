"""`tifa gui A B#1 C --pair 1,2`: positions are the FILE arguments in the order given, an item
address (``day.md#1``) being its item and a file of many items (a transcript's day, 16 items)
its first item. The window put an item given by its address after the other files (the
documents were sorted by the file they came from, and ``day.md#1``'s file was not among the
names given), so ``--pair 1,2`` of 新闻联播#1, 星岛, 明报 showed 星岛 × 明报; and the items of a
day file given whole shifted the positions after it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tifa.gui.screenshot import Screenshotter

pytestmark = pytest.mark.gui

REAL = Path(__file__).resolve().parents[1] / "real"
DAY = REAL / "28_xwlb_yuekcc_20220728.md"  # 新闻联播 2022-07-28: 16 items
ITEM = Path(f"{DAY}#1")  # the Politburo meeting
STHEADLINE = REAL / "50_excerpt_stheadline_20220729.txt"  # 星島日報 on that meeting
MINGPAO = REAL / "41_excerpt_mingpaocanada_20221017.txt"


def _names(window: Any, indices: Any) -> list[str]:
    documents = window.session.comparison.documents
    return [documents[i].path.name if i is not None else "" for i in indices]


def _shooter(window: Any, tmp_path: Path, pair: tuple[int, int], files: list[Path]
             ) -> Screenshotter:
    return Screenshotter(window, tmp_path / "never.png", view="pair", timeout_s=60,
                         started=0.0, pair=pair, files=files)


def test_an_item_given_by_its_address_keeps_its_place(open_window: Any,
                                                       tmp_path: Path) -> None:
    files = [ITEM, STHEADLINE, MINGPAO]
    window = open_window(files)
    assert [d.path.name for d in window.session.documents] == [
        ITEM.name, STHEADLINE.name, MINGPAO.name]  # the order given, the item first
    assert _names(window, window.session.documents_of_files(files)) == [
        ITEM.name, STHEADLINE.name, MINGPAO.name]
    for pair, expected in (((0, 1), [ITEM.name, STHEADLINE.name]),
                           ((2, 0), [MINGPAO.name, ITEM.name])):
        assert _names(window, _shooter(window, tmp_path, pair, files).pair_documents()) \
            == expected


def test_a_file_of_many_items_counts_once_as_its_first_item(open_window: Any,
                                                            tmp_path: Path) -> None:
    files = [STHEADLINE, DAY, MINGPAO]
    window = open_window(files)
    names = [d.path.name for d in window.session.documents]
    assert len(names) == 18 and names[0] == STHEADLINE.name and names[-1] == MINGPAO.name
    assert _names(window, window.session.documents_of_files(files)) == [
        STHEADLINE.name, f"{DAY.name}#1", MINGPAO.name]
    # position 3 is 明报, not the day's second item
    assert _names(window, _shooter(window, tmp_path, (0, 2), files).pair_documents()) == [
        STHEADLINE.name, MINGPAO.name]
    # no files (a workspace, the samples): positions in the documents list, as before
    assert _names(window, _shooter(window, tmp_path, (0, 2), []).pair_documents()) == [
        STHEADLINE.name, f"{DAY.name}#2"]


def test_the_command_shows_the_pair_of_the_files_given(tmp_path: Path) -> None:
    """End to end: the pair the window has when it is grabbed."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tifa.gui import app, screenshot\n"
        "save = screenshot.Screenshotter._save\n"
        "def recording(self):\n"
        "    session = self.window.session\n"
        "    names = [session.comparison.documents[i].path.name for i in session.pair]\n"
        "    print('PAIR', ' x '.join(names))\n"
        "    return save(self)\n"
        "screenshot.Screenshotter._save = recording\n"
        "sys.exit(app.run([Path(p) for p in sys.argv[2:]], screenshot=Path(sys.argv[1]),\n"
        "                 size=(900, 600), pair=(0, 1)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "shot.png"), str(ITEM), str(STHEADLINE),
         str(MINGPAO)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert f"PAIR {ITEM.name} x {STHEADLINE.name}" in done.stdout, done.stdout + done.stderr
