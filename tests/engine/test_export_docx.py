"""The Word report, reopened: East Asian fonts everywhere, highlights as shaded runs."""

from __future__ import annotations

from pathlib import Path

import docx
from _export_helpers import beijing_2017_2022, beijing_revised, with_traditional
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tifa.engine.export import export
from tifa.engine.export.view import Colour

W_R = qn("w:r")


def _open(tmp_path: Path, comparison: object) -> docx.document.Document:
    path = export(comparison, tmp_path / "report.docx")[0]  # type: ignore[arg-type]
    return docx.Document(str(path))


def test_every_run_and_the_normal_style_name_an_east_asian_font(tmp_path: Path) -> None:
    document = _open(tmp_path, beijing_2017_2022())
    runs = list(document.element.body.iter(W_R))
    assert len(runs) > 500
    for run in runs:
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.xml[:200]
    normal = document.styles["Normal"].element.rPr
    assert normal.rFonts.get(qn("w:eastAsia")) == "SimSun"
    assert normal.rFonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would win
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"


def test_highlights_are_shaded_runs_and_formulations_underlined(tmp_path: Path) -> None:
    comparison = beijing_2017_2022()
    document = _open(tmp_path, comparison)
    fills: dict[str, str] = {}
    underlined: list[str] = []
    for run in document.element.body.iter(W_R):
        rpr = run.find(qn("w:rPr"))
        text = "".join(t.text or "" for t in run.iter(qn("w:t")))
        shd = rpr.find(qn("w:shd"))
        if shd is not None:
            fills[shd.get(qn("w:fill"))] = fills.get(shd.get(qn("w:fill")), "") + text
        u = rpr.find(qn("w:u"))
        if u is not None:
            assert u.get(qn("w:color")) == Colour.FORMULATION.value
            underlined.append(text)
    assert fills.get(Colour.NEW.value) and fills.get(Colour.SHARED.value)
    joined = "|".join(underlined)
    assert "两个维护" in joined and "四个意识" in joined


def test_side_by_side_is_landscape_and_holds_every_paragraph(tmp_path: Path) -> None:
    comparison = beijing_2017_2022()
    document = _open(tmp_path, comparison)
    orientations = [s.orientation for s in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT and WD_ORIENT.LANDSCAPE in orientations
    landscape = next(s for s in document.sections if s.orientation == WD_ORIENT.LANDSCAPE)
    assert landscape.page_width > landscape.page_height
    texts = set()
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    text = paragraph.text
                    texts.add(text.split(" ", 1)[1] if text.startswith("¶") else text)
    for doc in comparison.documents:
        for paragraph in doc.paragraphs:
            assert paragraph.text in texts


def test_traditional_document_runs_use_a_traditional_font_and_language(tmp_path: Path) -> None:
    document = _open(tmp_path, with_traditional())
    pairs = set()
    for run in document.element.body.iter(W_R):
        rpr = run.find(qn("w:rPr"))
        pairs.add((rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")),
                   rpr.find(qn("w:lang")).get(qn("w:eastAsia"))))
    assert ("PMingLiU", "zh-TW") in pairs and ("SimSun", "zh-CN") in pairs


def test_linked_paragraphs_show_struck_and_green_runs(tmp_path: Path) -> None:
    """000 against its revised copy: the pivot's words the copy left out are struck red
    runs, the copy's own new words green-shaded runs, each with its East Asian font."""
    document = _open(tmp_path, beijing_revised())
    struck, green = [], []
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        rpr = run._r.rPr
                        shd = rpr.find(qn("w:shd")) if rpr is not None else None
                        fill = shd.get(qn("w:fill")) if shd is not None else None
                        if run.font.strike:
                            assert fill == Colour.DELETED.value
                            assert str(run.font.color.rgb).lower() == Colour.DELETED_INK.value
                            struck.append(run.text)
                        elif fill == Colour.INSERTED.value:
                            green.append(run.text)
                        if run.text.strip():
                            assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia"))
    assert sorted(struck) == sorted(["干", "意识", "市委书记蔡奇强调，"])
    assert sorted(green) == sorted(["谋", "自信", "各项"])
