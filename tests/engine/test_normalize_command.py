"""`tifa normalize`: readable and JSON output; bad files reported, the rest still printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import BEIJING_2017, QIUSHI_2020
from tifa.cli import main


def test_readable_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", str(QIUSHI_2020), "--normalized"]) == 0
    out = capsys.readouterr().out
    assert "title:    為統籌推進疫情防控和經濟社會發展作出首都新貢獻" in out
    assert "date:     2020-09-16" in out and "source:   《求是》2020/18" in out
    assert "[corrupted-characters] 19 corrupted characters" in out
    assert "[2]# 始終以習(xí)近平總書記重要講話精神為根本指引" in out  # headings marked
    assert "  ≡ 始终以习近平总书记重要讲话精神为根本指引" in out  # the normal form below


def test_json_output_with_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code = main(["normalize", str(missing), str(BEIJING_2017), str(empty), "--json"])
    captured = capsys.readouterr()
    assert code == 3  # exit_codes.UNREADABLE: the others are still printed
    assert f"{missing}: no such file" in captured.err
    assert f"{empty}: the file is empty" in captured.err
    payload = json.loads(captured.out)
    (doc,) = payload["documents"]
    assert doc["title"] == "蔡奇:把方向谋大事抓党建保平安" and doc["date"] is None
    assert doc["source"] == "新京报" and doc["script"] == "simplified"
    assert len(doc["paragraphs"]) == 30
    assert doc["paragraphs"][4] == {"index": 4, "kind": "heading", "text": "[第一]",
                                    "normalized": "[第一]"}
    assert [w["code"] for w in doc["warnings"]] == ["pull-quote", "no-date"]


def test_json_offsets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", str(QIUSHI_2020), "--json", "--offsets"]) == 0
    paragraph = json.loads(capsys.readouterr().out)["documents"][0]["paragraphs"][0]
    assert len(paragraph["starts"]) == len(paragraph["normalized"]) == len(paragraph["ends"])


def test_size_limit_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", str(QIUSHI_2020), "--max-mb", "0.01"]) == 3  # unreadable
    assert "too large" in capsys.readouterr().err
