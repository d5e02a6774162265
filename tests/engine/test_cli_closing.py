"""Small CLI findings of the tester (session 16): TIFA_WORKERS checked, plurals, --pdf -."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.cli import main

REAL = Path(__file__).parents[1] / "real/readouts"
PAIR = [str(REAL / "gdstc-20200321-excerpt.txt"), str(REAL / "sd-people-20200321-excerpt.txt")]


@pytest.mark.parametrize("value", ["abc", "-3", "0", "²", "2 "])
def test_a_bad_worker_count_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """TIFA_WORKERS=abc / -3 / 0 were used as "the default" without a word (and ² failed
    with a ValueError traceback at the first comparison)."""
    monkeypatch.setenv("TIFA_WORKERS", value)
    assert main(["compare", *PAIR]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == f"tifa: TIFA_WORKERS={value!r}: give a number of processes (1 or more)"


def test_a_good_worker_count_compares(capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIFA_WORKERS", "1")
    assert main(["compare", *PAIR]) == 0
    assert "TIFA_WORKERS" not in capsys.readouterr().err
