"""`tifa compare --pivot N`: N is the position of a FILE argument as given, whatever the
arguments before it hold: a file of many items (新闻联播's day, 16 items) counts once, as its
first item, and an item given by its address (``day.md#1``) is that item (the GUI's
``--pair`` takes positions the same way: tests/gui/test_pair_positions.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tifa.cli import main

REAL = Path(__file__).resolve().parents[1] / "real"
DAY = REAL / "28_xwlb_yuekcc_20220728.md"
STHEADLINE = REAL / "50_excerpt_stheadline_20220729.txt"
MINGPAO = REAL / "41_excerpt_mingpaocanada_20221017.txt"


def _pivot(capsys: pytest.CaptureFixture[str], files: list[Path], n: int) -> str:
    assert main(["compare", *map(str, files), "--pivot", str(n), "--json", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    return Path(report["documents"][report["settings"]["pivot"]]["path"]).name


def test_pivot_positions_are_the_files_given(capsys: pytest.CaptureFixture[str]) -> None:
    whole = [STHEADLINE, DAY, MINGPAO]
    assert [_pivot(capsys, whole, n) for n in (1, 2, 3)] == [
        STHEADLINE.name, f"{DAY.name}#1", MINGPAO.name]
    item = [Path(f"{DAY}#2"), STHEADLINE, MINGPAO]
    assert [_pivot(capsys, item, n) for n in (1, 2, 3)] == [
        f"{DAY.name}#2", STHEADLINE.name, MINGPAO.name]
