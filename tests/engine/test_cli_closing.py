"""Small CLI findings of the tester (session 16): TIFA_WORKERS checked, plurals, --pdf -."""

from __future__ import annotations

import re
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


def test_corpus_counts_are_singular_after_one(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`tifa corpus new` / `timeline` printed "1 documents", "1 times" (a corpus of one real
    readout: 保山新闻网, 2020-02-27)."""
    db = str(tmp_path / "c.sqlite")
    assert main(["corpus", "add", "--db", db, str(REAL / "baoshan-20200227-excerpt.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 file: 1 added, 0 new versions, 0 unchanged, 0 skipped; "
                          "1 document stored in ")
    assert main(["corpus", "timeline", "--db", db, "两手抓"]) == 0
    assert "两手抓: first 2020-02-27, last 2020-02-27, 1 document, 1 occurrence\n" in \
        capsys.readouterr().out
    assert main(["corpus", "search", "--db", db, "两手抓"]) == 0
    assert capsys.readouterr().err == "1 document\n"
    assert main(["corpus", "new", "--db", db, "--since", "2000-01-01"]) == 0
    out, err = capsys.readouterr()
    assert "统筹疫情防控和经济社会发展\t2020-02-27\t1 document\t2 times\t" in out
    assert "人民群众生命安全和身体健康\t2020-02-27\t1 document\t1 time\t" in out
    assert re.fullmatch(r"\d+ formulations first used after 2000-01-01\n", err)


def test_a_pdf_to_stdout_that_fails_names_stdout(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """`--pdf -` without a usable font named the temporary file (/tmp/tifa-…/report.pdf)."""
    from tifa.engine.export.fonts import find_cjk_font

    find_cjk_font.cache_clear()
    monkeypatch.setenv("TIFA_PDF_FONT", str(tmp_path / "nope.ttf"))
    try:
        assert main(["compare", *PAIR, "--pdf", "-"]) == 4
    finally:
        find_cjk_font.cache_clear()
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("tifa compare: cannot write -: ")
    assert "TIFA_PDF_FONT" in err and "report.pdf" not in err and "tifa-" not in err
