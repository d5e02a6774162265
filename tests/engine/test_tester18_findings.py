"""Findings of the tester of stop 18 on real reports of the 2025-12-08 Politburo meeting
(Traditional script: 聯合報, ETtoday, 香港01, 中央社) and on hostile inputs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tifa.engine.corpus import CorpusError, CorpusStore, add_paths
from tifa.engine.corpus.store import SCHEMA_VERSION
from tifa.engine.ingest import read_document
from tifa.engine.progress import run_to_end

REAL = Path(__file__).parents[1] / "real/tester18"
UDN_360 = REAL / "udn-9189360-20251208-excerpt.txt"
UDN_489 = REAL / "udn-9189489-20251208-excerpt.txt"
ETTODAY = REAL / "ettoday-3080482-20251208-excerpt.txt"
CNA = REAL / "cna-yahoo-072052024-20251208-excerpt.txt"


def test_another_programs_database_is_refused_before_anything_is_written(
        tmp_path: Path) -> None:
    """`tifa corpus --db other.sqlite add …` on another program's SQLite file said "not a
    Tifa corpus" after switching the file to WAL journal mode (header bytes 18-19 and the
    change counter rewritten): the other program's file was modified."""
    other = tmp_path / "bookmarks.sqlite"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE bookmarks(id INTEGER PRIMARY KEY, url TEXT)")
        c.execute("INSERT INTO bookmarks(url) VALUES ('https://example.org')")
    c.close()
    before = other.read_bytes()
    with pytest.raises(CorpusError, match="not a Tifa corpus"):
        CorpusStore(other)
    assert other.read_bytes() == before
    with sqlite3.connect(other) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    c.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bookmarks.sqlite"]


def test_a_newer_tifas_corpus_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        run_to_end(add_paths(store, [UDN_360], workers=1))
    with sqlite3.connect(db) as c:
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    c.close()
    before = db.read_bytes()
    with pytest.raises(CorpusError, match="newer Tifa"):
        CorpusStore(db)
    assert db.read_bytes() == before


def test_traditional_reports_read_with_their_reporters_and_agency() -> None:
    """What Tifa gets right on the Taiwan reports: the byline's reporter (記者任以芳／綜合報導,
    （中央社記者呂佳蓉北京8日電）) is the author, the agency the source, the caption under the
    photo (▲…（圖／路透）) and the byline are not text."""
    ettoday = read_document(ETTODAY)
    assert ettoday.author == "任以芳"
    assert ettoday.script == "traditional"
    text = "".join(p.text for p in ettoday.paragraphs)
    assert "路透" not in text and "綜合報導" not in text
    assert text.startswith("中共中央政治局8日召開會議")
    cna = read_document(CNA)
    assert (cna.source, cna.author) == ("中央社", "呂佳蓉")
    assert cna.paragraphs[0].text.startswith("中共中央政治局今天召開會議")


def test_a_simplified_query_finds_the_traditional_reports(tmp_path: Path) -> None:
    """A researcher types 适度宽松的货币政策 (simplified) and finds both 聯合報 reports, which
    print 適度寬鬆的貨幣政策, and not the ETtoday one, whose excerpt does not say it."""
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        run_to_end(add_paths(store, [UDN_360, UDN_489, ETTODAY], workers=1))
    with CorpusStore(db, readonly=True) as store:
        hits = store.search("适度宽松的货币政策")
        assert sorted(Path(h.path).name for h in hits) == sorted([UDN_360.name, UDN_489.name])


def test_the_fiscal_and_monetary_stances_are_formulations() -> None:
    """B4: the wording a researcher looks for first in the 2025-12-08 readouts — the fiscal
    and monetary stance (更加积极的财政政策, 适度宽松的货币政策: new at the 2024-12 meeting),
    逆周期和跨周期调节, 存量政策和增量政策 — was not in the lexicon, so not in the Formulations
    table. Found in 聯合報's report (Traditional script); absent from CNA's, which words it
    otherwise."""
    from tifa.engine.compare.formulations import find_formulations

    documents = [read_document(UDN_360), read_document(CNA)]
    found = {f.phrase: f for f in find_formulations(documents, discover=False)}
    for phrase in ("更加积极的财政政策", "适度宽松的货币政策", "逆周期和跨周期调节",
                   "存量政策和增量政策"):
        assert found[phrase].counts[0] >= 1 and found[phrase].counts[1] == 0, phrase
    assert found["更加积极的财政政策"].counts[0] == 2  # the lede and the closing paragraph
    assert "积极的财政政策" not in found  # the longer wording, not also its shorter part


def test_a_year_end_meeting_on_this_year_and_the_next_is_dated_in_this_year() -> None:
    """B1: 鄂州's 市委常委会 of 12月25日 heard "2023年…完成情况及2024年计划安排": the later year
    won the tie (2024-12-25); the meeting is of 2023-12-25. A January meeting naming both
    plans the later year (the same text dated 1月: 2024)."""
    ezhou = read_document(REAL / "ezhou-cjyun-159947-20231225-excerpt.txt")
    assert ezhou.date is not None and ezhou.date.isoformat() == "2023-12-25"
    from tifa.engine.ingest.metadata import date_from_text

    lede = "1月5日，市委常委会召开会议，听取2023年工作完成情况及2024年计划安排的汇报。"
    found, how = date_from_text(lede, lede)
    assert found is not None and found.isoformat() == "2024-01-05", how


def test_corpus_info_counts_older_versions_only_when_there_are_some(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """B5: `corpus info` said "documents: 1001 (1001 with old versions)" of a new store in
    which nothing had an older version."""
    from tifa.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    for source in (UDN_360, ETTODAY):
        (folder / source.name).write_bytes(source.read_bytes())
    db = str(tmp_path / "c.sqlite")
    assert main(["corpus", "add", "--db", db, "--workers", "1", "--quiet", str(folder)]) == 0
    capsys.readouterr()
    assert main(["corpus", "info", "--db", db]) == 0
    assert "documents:     2 current\n" in capsys.readouterr().out
    changed = folder / ETTODAY.name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\n會議強調，要堅持穩中求進。\n",
                       encoding="utf-8")
    assert main(["corpus", "add", "--db", db, "--workers", "1", "--quiet", str(folder)]) == 0
    capsys.readouterr()
    assert main(["corpus", "info", "--db", db]) == 0
    assert "documents:     2 current, 1 older version kept\n" in capsys.readouterr().out
