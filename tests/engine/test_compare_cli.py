"""`tifa compare`: the summary, the JSON report, options, unreadable files and exit codes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema.validators import Draft202012Validator

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022
from tifa.cli import main
from tifa.engine.compare.report import report_schema


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["compare", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def load(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator(report_schema()).validate(data)
    return data


def test_summary_and_report_of_the_users_example(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_json = tmp_path / "out.json"
    code, out, err = run(capsys, BEIJING_2022, CHENGDU_2022, "--json", out_json)
    assert code == 0, err
    assert "北京市委利用一天时间召开工作务虚会" in out  # titles
    assert "2022-07-21" in out and "2022-07-27" in out  # dates
    assert "新浪财经" in out and "成都发布" in out  # sources
    assert "shared-text" in out and "tfidf-cosine" in out  # the matrix
    assert "动态清零" in out and "疫情要防住、经济要稳住、发展要安全" in out  # shared
    assert "三城三都" in out  # new in Chengdu
    assert "links: 0 equal, 0 edited, 0 split, 0 merge, 0 moved" in out
    data = load(out_json)
    assert [Path(d["path"]).name for d in data["documents"]] == [
        BEIJING_2022.name,
        CHENGDU_2022.name,
    ]
    assert data["pairs"][0]["links"] == []


def test_summary_lists_curated_formulations_first_and_no_rhetorical_lists(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, BEIJING_2022, CHENGDU_2022)
    assert code == 0, err
    lines = {
        line.split(":")[0].strip(): line.split(": ", 1)[1]
        for line in out.splitlines()
        if line.strip().startswith(("new in", "dropped from"))
    }
    new, dropped = lines["new in [2]"].split("；"), lines["dropped from [1]"].split("；")
    # Chengdu's own vocabulary and Beijing's 2022 political core lead the lists (公园城市 is
    # there only inside the longer formulation, which wins).
    assert {"三个做优做强", "践行新发展理念的公园城市示范区"} <= set(new[:5])
    assert {"四个意识", "两个维护", "两个确立"} <= set(dropped[:6])
    # 000: 抓好暑期消费、文体消费、户外消费、数字消费等 / 形成一个工作专班、一个实施方案、…
    assert "暑期消费" not in out and "一个工作专班" not in out


def test_options_reach_the_comparison(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_json = tmp_path / "out.json"
    code, _, err = run(
        capsys,
        BEIJING_2017,
        BEIJING_2022,
        CHENGDU_2022,
        "--pivot",
        "3",
        "--granularity",
        "sentence",
        "--threshold",
        "0.4",
        "--json",
        out_json,
        "--quiet",
    )
    assert code == 0, err
    data = load(out_json)
    assert data["alignment"]["pivot"] == 2
    assert data["settings"]["link_threshold"] == 0.4
    beijing_chengdu = data["pairs"][2]
    assert (beijing_chengdu["a"], beijing_chengdu["b"]) == (1, 2)
    assert [(lk["a"], lk["b"]) for lk in beijing_chengdu["links"]] == [([10], [8])]
    assert beijing_chengdu["sentence_links"]
    code, _, _ = run(
        capsys, BEIJING_2022, CHENGDU_2022, "--pivot", CHENGDU_2022.name, "--json", out_json, "-q"
    )
    assert code == 0 and load(out_json)["alignment"]["pivot"] == 1


def test_the_json_report_goes_into_new_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_json = tmp_path / "reports" / "2022" / "beijing-chengdu.json"
    code, _, err = run(capsys, BEIJING_2022, CHENGDU_2022, "--json", out_json, "-q")
    assert code == 0, err
    assert load(out_json)["documents"][1]["source"] == "成都发布"


def test_a_command_collects_garbage_less_often_and_restores_the_collector(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a command runs, the objects made by imports are frozen and collections are
    rarer (see tifa.cli); afterwards, a caller in the same process (a test, a script) has
    its collector as it was."""
    import gc

    import tifa.commands.compare as command

    seen = []
    original = command.run

    def spy(args: object) -> int:
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return original(args)  # type: ignore[arg-type]

    monkeypatch.setattr(command, "run", spy)
    before = (gc.get_threshold(), gc.get_freeze_count())
    code, _, err = run(capsys, BEIJING_2022, CHENGDU_2022, "--json", tmp_path / "r.json", "-q")
    assert code == 0, err
    assert seen[0][0][0] > before[0][0] and seen[0][1] > before[1]
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_an_unwritable_json_target_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, BEIJING_2022, CHENGDU_2022, "--json", tmp_path, "-q")  # a folder
    assert code == 4  # exit_codes.UNWRITABLE
    assert "cannot write" in err and str(tmp_path) in err and "Traceback" not in err


def test_bad_pivot_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, BEIJING_2022, CHENGDU_2022, "--pivot", "3")
    assert code == 2 and "--pivot 3" in err


def test_unreadable_files_are_named_and_the_rest_compared(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    out_json = tmp_path / "out.json"
    code, out, err = run(capsys, BEIJING_2022, missing, CHENGDU_2022, "--json", out_json)
    assert code == 3  # exit_codes.UNREADABLE
    assert "missing.txt" in err
    assert "Documents" in out
    assert len(load(out_json)["documents"]) == 2


def test_fewer_than_two_readable_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    code, out, err = run(capsys, BEIJING_2022, missing)
    assert code == 3
    assert "missing.txt" in err and "at least two" in err
    assert out == ""


def test_the_installed_command(tmp_path: Path) -> None:
    out_json = tmp_path / "out.json"
    result = subprocess.run(
        [sys.executable, "-m", "tifa", "compare", BEIJING_2017, BEIJING_2022, "--json", out_json],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "把方向、谋大事、抓党建、保平安" in result.stdout  # reworded as 把方向、干大事…
    assert load(out_json)["schema_version"] == 1


def test_the_command_ends_at_once_with_everything_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``python -m tifa compare`` skips Python's teardown (tifa.cli.process_main): its exit
    code, its whole summary on a pipe and its report are those of ``main()`` in-process."""
    report = tmp_path / "r.json"
    code, expected_out, _ = run(capsys, BEIJING_2017, BEIJING_2022, "--json", report)
    expected_pairs = load(report)["pairs"]
    report.unlink()
    result = subprocess.run(
        [sys.executable, "-m", "tifa", "compare", BEIJING_2017, BEIJING_2022, "--json", report],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )

    def untimed(text: str) -> str:
        return re.sub(r"\d+\.\d+ s\b", "… s", text)

    assert (result.returncode, code) == (0, 0)
    assert untimed(result.stdout) == untimed(expected_out)
    assert len(expected_out.splitlines()) > 20
    assert load(report)["pairs"] == expected_pairs
    missing = subprocess.run(
        [sys.executable, "-m", "tifa", "compare", BEIJING_2017, tmp_path / "missing.txt"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert missing.returncode == 3 and "missing.txt" in missing.stderr


def test_the_summary_shows_each_shared_passage_once(capsys: pytest.CaptureFixture[str]) -> None:
    """Two provincial readouts of 2020 (tests/real/readouts): their best shared passages
    listed “领导小组” twice (two places of one wording); each is listed once, five of them."""
    real = Path(__file__).parents[1] / "real/readouts"
    code, out, err = run(capsys, real / "gdstc-20200321-excerpt.txt",
                         real / "ttnews-chengde-20200228-excerpt.txt")
    assert code == 0, err
    shown = re.findall(r"^      “(.+)”$", out, flags=re.MULTILINE)
    assert len(shown) == 5 and len(set(shown)) == 5, shown


def test_max_mb_lets_a_bigger_file_in(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`tifa compare` had no --max-mb (normalize and corpus add have it): a file over 20 MB
    could not be compared at all. The limit is checked before reading, either way."""
    real = Path(__file__).parents[1] / "real/readouts"
    small = real / "gdstc-20200321-excerpt.txt"
    code, _, err = run(capsys, small, real / "sd-people-20200321-excerpt.txt", "-q",
                       "--max-mb", "0.001")
    assert code == 3 and "Tifa reads files up to 1 KB" in err
    code, _, err = run(capsys, small, real / "sd-people-20200321-excerpt.txt", "-q",
                       "--max-mb", "1")
    assert code == 0, err
    with pytest.raises(SystemExit) as stop:
        main(["compare", str(small), str(small), "--max-mb", "2000"])
    assert stop.value.code == 2


def test_a_report_on_stdout(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`--json -` wrote a file named "-" in the working folder (`tifa corpus … --json -` means
    stdout): now the report goes to stdout, alone (no summary), the other reports to their
    files; two reports on stdout, or CSV, are a usage error."""
    real = Path(__file__).parents[1] / "real/readouts"
    pair = (real / "gdstc-20200321-excerpt.txt", real / "sd-people-20200321-excerpt.txt")
    monkeypatch.chdir(tmp_path)
    html = tmp_path / "r.html"
    code, out, err = run(capsys, *pair, "--json", "-", "--html", html)
    assert code == 0, err
    report = json.loads(out)  # nothing else on stdout
    Draft202012Validator(report_schema()).validate(report)
    assert [d["title"][:5] for d in report["documents"]] == ["省委常委会", "山東省委常"]
    assert html.stat().st_size > 0 and not (tmp_path / "-").exists()
    for args in (("--json", "-", "--html", "-"), ("--csv", "-")):
        code, out, err = run(capsys, *pair, *args)
        assert code == 2 and out == "" and "-" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


def test_a_console_without_chinese_gets_escapes_not_a_traceback() -> None:
    """`tifa compare` on a console that cannot encode Chinese (PYTHONIOENCODING=ascii, as a
    cp1252 Windows console) died with a UnicodeEncodeError traceback at the first title."""
    real = Path(__file__).parents[1] / "real/readouts"
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "compare", str(real / "gdstc-20200321-excerpt.txt"),
         str(real / "sd-people-20200321-excerpt.txt"), str(real / "missing-测试.txt")],
        capture_output=True, timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 3, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"\\u7701\\u59d4" in done.stdout  # 省委, escaped
    assert b"missing-\\u6d4b\\u8bd5.txt: no such file" in done.stderr


def test_an_unknown_tokenizer_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """TIFA_TOKENIZER=bogus (a typo of jieba) ended `tifa compare` with a ValueError
    traceback after reading the files; it is a one-line usage error before anything runs."""
    monkeypatch.setenv("TIFA_TOKENIZER", "jeiba")
    real = Path(__file__).parents[1] / "real/readouts"
    code, out, err = run(capsys, real / "gdstc-20200321-excerpt.txt",
                         real / "sd-people-20200321-excerpt.txt")
    assert code == 2 and out == ""
    assert "TIFA_TOKENIZER='jeiba': give rjieba (the default) or jieba" in err
    monkeypatch.setenv("TIFA_TOKENIZER", "JIEBA")  # any case, as the engine reads it
    assert main(["normalize", str(real / "gdstc-20200321-excerpt.txt")]) == 0


# English counts: a count of one takes the singular ("1 sentence link"), others the plural
_PLURAL_AFTER_ONE = re.compile(
    r"\b1 (paragraphs|characters|rows|shared passages|sentence links|less similar pairs"
    r"|pull quotes|pull quote\(s\)|photo captions|corrupted characters|control characters)\b")


def test_summary_says_one_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    """The five seeds compared: several pairs hold one sentence link, and one document
    left one pull quote out; each count agrees with its noun, in the summary and in the
    warnings it repeats."""
    seeds = sorted(BEIJING_2022.parent.glob("*.txt"))
    code, out, err = run(capsys, *seeds)
    assert code == 0, err
    assert _PLURAL_AFTER_ONE.search(out) is None, _PLURAL_AFTER_ONE.search(out)
    assert re.search(r"^ {6}1 sentence link$", out, re.MULTILINE)
    assert "warning: 1 pull quote left out: it repeats a sentence of the body" in out
    assert re.search(r"\d+ shared passages\b", out)  # the plural stays for other counts
    assert re.search(r"· \d+ paragraphs · [\d,]+ characters$", out, re.MULTILINE)


def test_counted_agrees_with_the_number() -> None:
    from tifa.engine.wording import counted

    assert counted(1, "shared passage") == "1 shared passage"
    assert counted(0, "shared passage") == "0 shared passages"
    assert counted(2, "echo", "echoes") == "2 echoes"
    assert counted(1, "copy", "copies") == "1 copy"
    assert counted(2596, "character", grouped=True) == "2,596 characters"



def test_the_same_text_twice_is_said_in_one_line(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    """Tester18 B6: the same 聯合報 report under two names printed every paragraph as a
    shared passage, once a pair; now one line says they are the same text. A pair that
    differs still lists its passages."""
    real = Path(__file__).parents[1] / "real/tester18/udn-9189360-20251208-excerpt.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(real.read_bytes())
    code, out, err = run(capsys, real, copy)
    assert code == 0, err
    assert "the same text: every paragraph equal, in the same order" in out
    assert not re.findall(r"^      “(.+)”$", out, flags=re.MULTILINE)
    other = Path(__file__).parents[1] / "real/tester18/udn-9189489-20251208-excerpt.txt"
    code, out, err = run(capsys, real, other)
    assert code == 0, err
    assert "the same text" not in out and re.findall(r"^      “(.+)”$", out, flags=re.MULTILINE)
