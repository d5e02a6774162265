"""``export()``: formats by suffix, the JSON report, and the 31-document report in every format."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from _export_helpers import beijing_chengdu, provinces
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tifa.engine.export import FORMATS, export, export_many, format_for


def test_format_follows_the_suffix_and_a_folder_means_csv(tmp_path: Path) -> None:
    assert format_for("a/report.HTML").name == "html"
    assert format_for("report.htm").name == "html"
    assert format_for("r.docx").name == "docx"
    assert format_for("r.pdf").name == "pdf"
    assert format_for("r.xlsx").name == "xlsx"
    assert format_for("r.json").name == "json"
    assert format_for(tmp_path).name == "csv"
    assert format_for("out", "PDF").name == "pdf"
    with pytest.raises(ValueError, match="folder"):
        format_for("r.csv")
    with pytest.raises(ValueError, match="format"):
        format_for("r.odt")
    with pytest.raises(ValueError, match="unknown export format"):
        format_for("r.html", "rtf")
    assert set(FORMATS) == {"html", "docx", "pdf", "xlsx", "csv", "json"}


def test_json_is_the_engines_report_and_validates(tmp_path: Path) -> None:
    from tifa.engine.compare.report import report_schema

    comparison = beijing_chengdu()
    path = export(comparison, tmp_path / "deep" / "report.json")[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, report_schema())
    assert [d["title"] for d in data["documents"]] == [d.title for d in comparison.documents]


@pytest.mark.slow
def test_31_documents_export_to_every_format_and_stay_readable(tmp_path: Path) -> None:
    """Every format is written for a large comparison (its timings: bench/, not here)."""
    comparison = provinces()
    targets = {
        "html": tmp_path / "r.html",
        "docx": tmp_path / "r.docx",
        "pdf": tmp_path / "r.pdf",
        "xlsx": tmp_path / "r.xlsx",
        "csv": tmp_path / "csv",
        "json": tmp_path / "r.json",
    }
    results = export_many(comparison, targets)
    assert set(results) == set(targets)
    for name, target in targets.items():
        assert target.exists(), name
    tree = HTMLParser((tmp_path / "r.html").read_text(encoding="utf-8"))
    tables = tree.css("table.sbs")
    assert len(tables) == 10
    assert all(len(t.css("thead th")) <= 5 for t in tables)  # row number + at most 4 documents
    heatmap = tree.css_first("svg.heatmap")
    assert len(heatmap.css("rect[fill^='#']")) == 31 * 31
    assert (tmp_path / "r.html").stat().st_size < 5_000_000


def test_tifa_compare_writes_the_reports_asked_for(tmp_path: Path) -> None:
    from conftest import BEIJING_2022, CHENGDU_2022
    from tifa.cli import main

    code = main([
        "compare", "-q", str(BEIJING_2022), str(CHENGDU_2022),
        "--html", str(tmp_path / "r.html"), "--docx", str(tmp_path / "r.docx"),
        "--xlsx", str(tmp_path / "r.xlsx"), "--csv", str(tmp_path / "csv"),
    ])
    assert code == 0
    for name in ("r.html", "r.docx", "r.xlsx", "csv/formulations.csv"):
        assert (tmp_path / name).stat().st_size > 1000, name


def test_a_file_in_the_way_of_the_folder_is_named(tmp_path: Path) -> None:
    """Writing below a path that is a file fails with an error naming that file (mkdir
    alone would say "File exists", which reads as if the report were there already)."""
    blocker = tmp_path / "reports"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as caught:
        export(beijing_chengdu(), blocker / "2022" / "report.html")
    assert caught.value.filename == str(blocker)
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"
