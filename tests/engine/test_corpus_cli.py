"""`tifa corpus`: the subcommands, their JSON shapes and exit codes, on real day files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _corpus_helpers import day_files

from tifa.cli import main
from tifa.engine.corpus import SCHEMA_VERSION

DAYS = r"2021111[1-6]|2022042[89]|20220430"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "c.sqlite"
    assert main(["corpus", "add", "--db", str(path), "--workers", "2",
                 *map(str, day_files(DAYS))]) == 0
    return path


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    payload = json.loads(capsys.readouterr().out)
    assert isinstance(payload, dict)
    return payload


def test_add_reports_and_skips_a_bad_file(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    store = tmp_path / "c.sqlite"
    out = tmp_path / "add.json"
    code = main(["corpus", "add", "--db", str(store), str(empty),
                 str(day_files("20211112")[0]), "--json", str(out)])
    assert code == 3  # exit_codes.UNREADABLE: the other file was added
    err = capsys.readouterr().err
    assert f"skipped {empty}: the file is empty" in err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["added"], report["failed"]) == (1, 1) and report["documents"] > 5
    assert main(["corpus", "add", "--db", str(store), str(day_files("20211112")[0])]) == 0
    assert "0 added, 0 new versions, 1 unchanged" in capsys.readouterr().out


def test_search_json_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "search", "--db", str(db), "兩個確立", "--json", "-"]) == 0
    payload = _json(capsys)
    assert payload["query"] == "兩個確立"
    hits = payload["hits"]
    assert isinstance(hits, list) and hits
    for hit in hits:
        assert set(hit) == {"id", "path", "title", "date", "source", "snippet", "copies"}
        assert hit["copies"] == []  # no text stored twice here
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", hit["date"]) and hit["source"] == "新闻联播"
        assert "【两个确立】" in hit["snippet"]
    assert len({h["id"] for h in hits}) == len(hits)  # one hit a document
    assert main(["corpus", "search", "--db", str(db), "两个确立", "--limit", "1",
                 "--json", "-"]) == 0
    assert len(_json(capsys)["hits"]) == 1  # type: ignore[arg-type]


def test_timeline_json_html_png(db: Path, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    html, png = tmp_path / "t.html", tmp_path / "t.png"
    assert main(["corpus", "timeline", "--db", str(db), "两个确立",
                 "疫情要防住、经济要稳住、发展要安全", "--by", "month",
                 "--json", "-", "--html", str(html), "--png", str(png)]) == 0
    payload = _json(capsys)
    assert set(payload) == {"phrases"}
    first = {p["phrase"]: p["first"] for p in payload["phrases"]}  # type: ignore[attr-defined]
    assert first == {"两个确立": "2021-11-15", "疫情要防住、经济要稳住、发展要安全": "2022-04-29"}
    series = payload["phrases"][0]["series"]  # type: ignore[index]
    assert series[0]["period"] == "2021-11"
    assert "<svg" in html.read_text(encoding="utf-8")
    assert png.read_bytes().startswith(b"\x89PNG")


def test_new_info_list(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "new", "--db", str(db), "--since", "2022-04-28", "--json", "-"]) == 0
    found = _json(capsys)["formulations"]
    assert isinstance(found, list)
    phrases = [f["phrase"] for f in found]
    assert "疫情要防住、经济要稳住、发展要安全" in phrases and "两个确立" not in phrases
    assert main(["corpus", "info", "--db", str(db), "--json", "-"]) == 0
    info = _json(capsys)
    assert info["schema_version"] == SCHEMA_VERSION and info["files"] == len(day_files(DAYS))
    assert main(["corpus", "list", "--db", str(db), "--json", "-"]) == 0
    docs = _json(capsys)["documents"]
    assert isinstance(docs, list) and len(docs) == info["documents"]


def test_errors_and_exit_codes(db: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["corpus", "search", "--db", str(missing), "两个确立"]) == 3
    assert "no corpus there" in capsys.readouterr().err
    assert not missing.exists()  # reading never creates a store
    assert main(["corpus", "search", "--db", str(db), "x", "--json", str(db)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    with pytest.raises(SystemExit) as caught:
        main(["corpus", "new", "--db", str(db), "--since", "yesterday"])
    assert caught.value.code == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["corpus", "timeline", "--db", str(db), "两个确立",
                 "--json", str(blocker / "t.json")]) == 4  # exit_codes.UNWRITABLE
    assert f"{blocker / 't.json'}: cannot write" in capsys.readouterr().err


def test_the_store_lives_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["corpus", "add", str(day_files("20220429")[0])]) == 0
    assert (tmp_path / "data" / "tifa" / "corpus.sqlite").is_file()
    capsys.readouterr()
    assert main(["corpus", "search", "疫情要防住", "--json", "-"]) == 0
    assert len(_json(capsys)["hits"]) == 1  # type: ignore[arg-type]


def test_the_progress_bar_draws_in_place_on_a_terminal() -> None:
    """Carriage returns reach the terminal (tifa.cli escapes control characters in text
    written to stderr, so the bar writes them to the byte buffer); names are made safe."""
    import io

    from tifa.cli import TerminalText
    from tifa.commands.corpus import _Bar

    class Tty(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    tty = Tty(raw, encoding="utf-8")
    bar = _Bar(TerminalText(tty), enabled=True)  # type: ignore[arg-type]
    bar.show(3, 10, "evil\x1b[2Jname.md", force=True)
    bar.clear()
    tty.flush()
    shown = raw.getvalue().decode("utf-8")
    assert shown.startswith("\r[#########.....................] 3/10 evil\\u001b[2Jname.md")
    assert shown.endswith("\r") and "\x1b" not in shown
    assert not _Bar(TerminalText(io.StringIO()), enabled=True).enabled  # type: ignore[arg-type]


def test_a_store_locked_by_another_writer_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from tifa.engine.corpus import store as store_module

    db = tmp_path / "c.sqlite"
    assert main(["corpus", "add", "--db", str(db), str(day_files("20211111")[0])]) == 0
    capsys.readouterr()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another add in the middle of a batch
    try:
        code = main(["corpus", "add", "--db", str(db), str(day_files("20211112")[0])])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 4  # exit_codes.UNWRITABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "database is locked" in err and "another" in err
    assert main(["corpus", "search", "--db", str(db), "卢旺达", "--json", "-"]) == 0
    assert _json(capsys)["hits"] == []  # nothing half-written


def test_db_before_the_subcommand(db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`tifa corpus --db X info`, as a user writes it after reading "--db PATH chooses another
    file", reads X (it was a usage error: "invalid choice: 'X'"); after the subcommand too,
    and the subcommand's --db wins when both are given."""
    assert main(["corpus", "--db", str(db), "info", "--json", "-"]) == 0
    before = _json(capsys)
    assert main(["corpus", "info", "--db", str(db), "--json", "-"]) == 0
    assert _json(capsys) == before
    other = tmp_path / "missing.sqlite"
    assert main(["corpus", "--db", str(other), "info", "--db", str(db), "--json", "-"]) == 0
    assert _json(capsys) == before
    assert main(["corpus", "--db", str(other), "info"]) == 3  # the store cannot be read
    assert not other.exists()


def test_a_limited_search_does_not_pass_for_the_count(
        db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`search 两个确立 --limit 1` ended with "1 documents", which reads as the number of
    documents using the phrase; it says it is the first of possibly more."""
    assert main(["corpus", "search", "--db", str(db), "两个确立"]) == 0
    total = int(re.search(r"^(\d+) documents$", capsys.readouterr().err, re.M)[1])  # type: ignore[index]
    assert total > 1
    assert main(["corpus", "search", "--db", str(db), "两个确立", "--limit", "1"]) == 0
    err = capsys.readouterr().err
    assert "the first 1 document (--limit 1; more may match)" in err
    assert main(["corpus", "search", "--db", str(db), "两个确立", "--limit", str(total + 5)]) == 0
    assert f"\n{total} documents" in "\n" + capsys.readouterr().err
