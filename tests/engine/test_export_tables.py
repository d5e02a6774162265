"""CSV and XLSX: the formulations table and the similarity matrices, reopened."""

from __future__ import annotations

import csv
from pathlib import Path

from _export_helpers import beijing_2017_2022
from openpyxl import load_workbook

from tifa.engine.export import export
from tifa.engine.export.view import Colour


def test_csv_is_utf8_with_bom_and_matches_the_comparison(tmp_path: Path) -> None:
    comparison = beijing_2017_2022()
    written = export(comparison, tmp_path / "tables", format="csv")
    names = {p.name for p in written}
    assert "formulations.csv" in names
    assert {f"similarity-{m.metric}.csv" for m in comparison.similarities} <= names
    raw = (tmp_path / "tables" / "formulations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with (tmp_path / "tables" / "formulations.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    expected = {f.phrase: f.counts for f in comparison.formulations if any(f.counts)}
    assert {r[0] for r in body} == set(expected)
    count_cols = [i for i, h in enumerate(header) if h.startswith("count ")]
    assert len(count_cols) == 2
    for row in body:
        assert tuple(int(row[i]) for i in count_cols) == expected[row[0]]
    metric = comparison.similarities[0]
    with (tmp_path / "tables" / f"similarity-{metric.metric}.csv").open(
        encoding="utf-8-sig"
    ) as handle:
        matrix = list(csv.reader(handle))
    order = comparison.order
    for r, i in enumerate(order, start=1):
        for c, j in enumerate(order, start=1):
            assert abs(float(matrix[r][c]) - metric.values[i][j]) < 1e-3


def test_xlsx_reopens_with_styled_frozen_headers_and_a_colour_scale(tmp_path: Path) -> None:
    comparison = beijing_2017_2022()
    path = export(comparison, tmp_path / "report.xlsx")[0]
    book = load_workbook(path)
    assert book.sheetnames[0] == "Formulations"
    forms = book["Formulations"]
    assert forms.freeze_panes == "B2"
    assert forms["A1"].font.bold and forms["A1"].fill.fgColor.rgb.endswith(Colour.HEADER.value)
    phrases = {row[0] for row in forms.iter_rows(min_row=2, values_only=True)}
    assert "两个维护" in phrases and "四个意识" in phrases
    statuses = {
        str(c.value) for row in forms.iter_rows(min_row=2) for c in row if c.value == "shared"
    }
    assert statuses == {"shared"}
    for metric in comparison.similarities:
        sheet = book[f"Similarity {metric.metric}"[:31]]
        assert sheet.freeze_panes == "B2"
        rules = [r for cf in sheet.conditional_formatting for r in cf.rules]
        assert any(r.type == "colorScale" for r in rules)
        i, j = comparison.order[0], comparison.order[1]
        assert abs(sheet["C2"].value - metric.values[i][j]) < 1e-3
    assert {"Pairs", "Documents"} <= set(book.sheetnames)
