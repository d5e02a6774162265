"""The PDF report: a CJK font embedded, the Chinese extractable, pages that render."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _export_helpers import beijing_2017_2022, beijing_chengdu, beijing_revised, with_traditional
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from conftest import CHENGDU_2022
from tifa.engine.export import export
from tifa.engine.export import fonts as fonts_module
from tifa.engine.export.fonts import MissingFontError, find_cjk_font
from tifa.engine.export.view import Colour


def _rgb(colour: Colour) -> tuple[int, int, int]:
    return int(colour.value[0:2], 16), int(colour.value[2:4], 16), int(colour.value[4:6], 16)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
SPACE = re.compile(r"\s+")


def _text(path: Path) -> str:
    """The PDF's text as poppler (what most Linux viewers use) extracts it, whitespace removed.

    ``-raw`` keeps content-stream order, in which each cell is drawn whole. pypdf does not
    decode fpdf2's embedded CID encoding CMap for CFF fonts (it reads one byte per code), so
    poppler's pdftotext is the reference here.
    """
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True, timeout=120).stdout.decode("utf-8")
    return SPACE.sub("", out)


def _filled_rectangles(path: Path) -> dict[tuple[int, int, int], int]:
    """How many rectangles of positive area each fill colour (0-255 RGB) paints, read from the
    pages' drawing operations: what the report draws, whatever the fonts and page sizes."""
    from pypdf.generic import ContentStream

    reader = PdfReader(path)
    painted: dict[tuple[int, int, int], int] = {}
    for page in reader.pages:
        colour: tuple[int, int, int] = (0, 0, 0)
        stack: list[tuple[int, int, int]] = []
        rectangles: list[float] = []  # areas of the path being built
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(colour)
            elif operator == b"Q" and stack:
                colour = stack.pop()
            elif operator == b"rg":
                colour = tuple(round(float(v) * 255) for v in operands)  # type: ignore[assignment]
            elif operator == b"re":
                rectangles.append(abs(float(operands[2]) * float(operands[3])))
            elif operator in (b"f", b"F", b"f*", b"B", b"B*"):
                painted[colour] = painted.get(colour, 0) + sum(1 for a in rectangles if a > 0)
                rectangles = []
            elif operator in (b"n", b"S", b"s"):
                rectangles = []
    return painted


def _near(painted: dict[tuple[int, int, int], int], rgb: tuple[int, int, int]) -> int:
    return sum(n for c, n in painted.items()
               if sum(abs(a - b) for a, b in zip(c, rgb, strict=True)) <= 3)


def _fonts(path: Path) -> list[dict[str, object]]:
    found = []
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        if resources is None or "/Font" not in resources:
            continue
        for font in resources["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                found.append(dict(descendant.get_object()["/FontDescriptor"].get_object()))
    return found


def test_pdf_embeds_a_cjk_font_and_its_text_extracts(tmp_path: Path) -> None:
    comparison = beijing_chengdu()
    path = export(comparison, tmp_path / "report.pdf")[0]
    descriptors = _fonts(path)
    assert descriptors, "no CID font in the PDF"
    assert all("/FontFile3" in d or "/FontFile2" in d for d in descriptors), "font not embedded"
    text = _text(path)
    for document in comparison.documents:
        assert SPACE.sub("", document.title) in text
    for phrase in ("疫情要防住", "动态清零", "Sidebyside", "Formulations(提法)"):
        assert phrase in text
    # the body: each paragraph's text comes out whole unless it straddles a page break
    found = total = 0
    for document in comparison.documents:
        for paragraph in document.paragraphs:
            total += 1
            found += SPACE.sub("", paragraph.text) in text
    assert found / total > 0.8, f"{found}/{total} paragraphs extracted whole"


def test_traditional_text_gets_its_own_face_and_missing_glyphs_no_box(tmp_path: Path) -> None:
    comparison = with_traditional()
    path = export(comparison, tmp_path / "report.pdf")[0]
    names = {str(d["/FontName"]) for d in _fonts(path)}
    if find_cjk_font("zh-Hant") != find_cjk_font("zh-Hans"):
        assert len(names) == 2, names
    text = _text(path)
    assert "統籌" in text or "統(tǒng)籌" in text
    # the Qiushi article's private-use characters (an encoding accident) become 〓, not boxes
    qiushi = comparison.documents[1].text
    assert any(0xE000 <= ord(ch) <= 0xF8FF for ch in qiushi)
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    assert "〓" in text


def test_pages_render_with_text_and_highlights(tmp_path: Path) -> None:
    path = export(beijing_2017_2022(), tmp_path / "report.pdf")[0]
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(path).pages) >= 4
    for number, page in enumerate(pages, start=1):
        darkest, _ = Image.open(page).convert("L").getextrema()
        assert darkest < 128, f"{page.name} looks blank"  # something is drawn in ink
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), "-enc",
                               "UTF-8", str(path), "-"], check=True, capture_output=True,
                              timeout=120).stdout.decode("utf-8")
        assert text.strip(), f"page {number} has no text"
    # new wording is painted in the palette's tint for it
    assert _near(_filled_rectangles(path), _rgb(Colour.NEW)) > 0


def test_font_search_honours_the_override_and_explains_when_nothing_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    face = find_cjk_font()
    assert face.path.is_file()
    find_cjk_font.cache_clear()
    monkeypatch.setenv("TIFA_PDF_FONT", str(tmp_path / "nope.ttf"))
    with pytest.raises(MissingFontError, match="TIFA_PDF_FONT"):
        find_cjk_font()
    find_cjk_font.cache_clear()
    monkeypatch.setenv("TIFA_PDF_FONT", str(face.path))
    assert find_cjk_font().path == face.path
    find_cjk_font.cache_clear()
    monkeypatch.delenv("TIFA_PDF_FONT")
    monkeypatch.setattr(fonts_module, "font_dirs", lambda: [tmp_path])
    with pytest.raises(MissingFontError, match="fonts-noto-cjk"):
        find_cjk_font()
    find_cjk_font.cache_clear()


@pytest.fixture(scope="module")
def layout() -> object:
    from tifa.engine.export.pdf import _Report

    face = find_cjk_font()
    return _Report({"zh-Hans": face}, "test")


CHENGDU_LINES = [
    line for line in CHENGDU_2022.read_text(encoding="utf-8").splitlines() if len(line) > 20
]


@settings(max_examples=40, deadline=None)
@given(
    line=st.sampled_from(CHENGDU_LINES),
    cuts=st.lists(st.integers(0, 400), max_size=6),
    width=st.floats(20, 200),
)
def test_line_breaking_keeps_every_character_and_the_width(
    layout: object, line: str, cuts: list[int], width: float
) -> None:
    from tifa.engine.export.pdf import _NO_LINE_START, Run, Style

    bounds = sorted({0, len(line), *(c for c in cuts if c < len(line))})
    runs = [Run(line[a:b], Style(fill="ffcf66" if k % 2 else None))
            for k, (a, b) in enumerate(itertools.pairwise(bounds))]
    lines = layout.wrap(runs, width)  # type: ignore[attr-defined]
    text = "".join(p.text for ln in lines for p in ln.pieces)
    # Chengdu's text is all in the font; only spaces at a break may be dropped
    assert text.replace(" ", "") == line.replace(" ", "")
    for ln in lines:
        assert abs(ln.width - sum(p.width for p in ln.pieces)) < 1e-6
        if ln.width > width + 1e-6:  # only hanging punctuation or one unbreakable token
            last = ln.pieces[-1].text[-1]
            assert last in _NO_LINE_START or len(ln.pieces) == 1
        if ln is not lines[0] and ln.pieces:
            assert ln.pieces[0].text[0] not in _NO_LINE_START  # kinsoku


def test_linked_paragraphs_are_drawn_struck_and_green(tmp_path: Path) -> None:
    """000 against its revised copy: the copy's column holds the pivot's dropped phrase too
    (drawn struck, in red on pink), and the page shows green insertions."""
    comparison = beijing_revised()
    path = export(comparison, tmp_path / "report.pdf")[0]
    text = _text(path)
    # in the pivot's column and, struck, in the copy's: twice in the side-by-side table
    assert text.count("市委书记蔡奇强调") >= 2
    painted = _filled_rectangles(path)
    assert _near(painted, _rgb(Colour.DELETED)) > 0  # the tint behind struck words
    assert _near(painted, _rgb(Colour.INSERTED)) > 0  # the tint behind new ones


def _latin_only_font(path: Path) -> Path:
    """A minimal TrueType font drawing only 'A' (built here: no installed font assumed)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 700))
    pen.lineTo((1000, 0))
    pen.closePath()
    glyph = pen.glyph()
    builder.setupGlyf({".notdef": glyph, "A": glyph})
    builder.setupHorizontalMetrics({".notdef": (1000, 0), "A": (1000, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "LatinOnly", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))
    return path


def test_an_override_that_is_no_chinese_font_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """TIFA_PDF_FONT naming a text file gave "internal error, please report it: TTLibError";
    naming a Latin font gave a PDF of 〓. Both say what is wrong with the file."""
    readout = Path(__file__).parents[1] / "real/readouts/gdstc-20200321-excerpt.txt"
    for target, reason in ((readout, "not a font file Tifa can read"),
                           (_latin_only_font(tmp_path / "latin.ttf"),
                            "a font without Chinese characters")):
        find_cjk_font.cache_clear()
        monkeypatch.setenv("TIFA_PDF_FONT", str(target))
        with pytest.raises(MissingFontError, match=reason):
            find_cjk_font()
    find_cjk_font.cache_clear()
