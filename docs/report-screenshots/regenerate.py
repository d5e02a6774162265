"""Remake the report screenshots in this folder (the README shows them).

    .venv/bin/python docs/report-screenshots/regenerate.py

Needs Debian's chromium and poppler-utils. Compares Beijing 2022 (000) with Chengdu 2022 (003),
000 with a lightly revised copy of itself, and the 31 province variants the export tests
build, exports HTML and PDF, screenshots the HTML in headless Chromium and renders PDF pages
with pdftoppm, then crops.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "engine")]

from _export_helpers import (  # noqa: E402
    beijing_chengdu,
    beijing_revised,
    provinces,
    screenshot,
)

from tifa.engine.export import export_many  # noqa: E402
from tifa.engine.export.view import Colour  # noqa: E402


def _crop(source: Path, target: Path, top: int, bottom: int) -> None:
    image = Image.open(source).convert("RGB")
    part = image.crop((0, top, image.width, min(bottom, image.height)))
    part.quantize(colors=192).save(target, optimize=True)  # a third of the size, same look
    print("wrote", target.relative_to(REPO))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results = export_many(beijing_chengdu(), {"html": work / "bc.html", "pdf": work / "bc.pdf"})
        print({k: round(s, 2) for k, (_, s) in results.items()})
        screenshot(work / "bc.html", work / "bc.png", height=7000)
        _crop(work / "bc.png", HERE / "html-overview.png", 0, 1900)
        full = Image.open(work / "bc.png")
        # the side-by-side table starts below the formulations: find its dark header row
        start = _find_side_by_side(full)
        _crop(work / "bc.png", HERE / "html-side-by-side.png", start, start + 1500)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "40", str(work / "bc.pdf"),
                        str(work / "page")], check=True)
        pages = sorted(work.glob("page-*.png"))
        side = max(pages, key=lambda p: _count(Image.open(p), NEW))
        Image.open(side).convert("RGB").quantize(colors=192).save(
            HERE / "pdf-side-by-side.png", optimize=True
        )
        print("wrote", (HERE / "pdf-side-by-side.png").relative_to(REPO))

        # word-level diff of linked paragraphs: 000 against its revised copy
        export_many(beijing_revised(), {"html": work / "rv.html", "pdf": work / "rv.pdf"})
        _without_formulations(work / "rv.html")  # its status cells share the diff's colours
        screenshot(work / "rv.html", work / "rv.png", height=7000)
        start = _first_row_with(Image.open(work / "rv.png"), DELETED) - 330
        _crop(work / "rv.png", HERE / "html-word-diff.png", start, start + 900)
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(work / "rv.pdf"),
                        str(work / "rvpage")], check=True)
        # the page with the most struck-word ink (a formulation page's "dropped" cells
        # share the deleted words' background, not their ink)
        diffed = max(sorted(work.glob("rvpage-*.png")),
                     key=lambda p: _count(Image.open(p), _rgb(Colour.DELETED_INK)))
        Image.open(diffed).convert("RGB").quantize(colors=192).save(
            HERE / "pdf-word-diff.png", optimize=True
        )
        print("wrote", (HERE / "pdf-word-diff.png").relative_to(REPO))

        start_time = time.perf_counter()
        many = provinces()
        print(f"compared 31 documents in {time.perf_counter() - start_time:.1f} s")
        results = export_many(many, {"html": work / "p.html"})
        print({k: round(s, 2) for k, (_, s) in results.items()})
        _without_formulations(work / "p.html")
        screenshot(work / "p.html", work / "p.png", height=16000)
        start = _first_row_with(Image.open(work / "p.png"), _rgb(Colour.INSERTED)) - 330
        _crop(work / "p.png", HERE / "html-31-documents.png", start, start + 1100)


def _without_formulations(path: Path) -> None:
    """Drop the formulations section from a report copy before a picture of its side-by-side
    table is looked for: "new" and "dropped" cells there have the colours of inserted and
    deleted words (one vocabulary), so a search by colour would stop in that table."""
    text = path.read_text(encoding="utf-8")
    start = text.index('<section class="part" id="formulations">')
    end = text.index("</section>", start) + len("</section>")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


def _count(image: Image.Image, rgb: tuple[int, int, int]) -> int:
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    return sum(n for n, c in colours if sum(abs(a - b) for a, b in zip(c, rgb, strict=True)) < 12)


def _first_row_with(image: Image.Image, rgb: tuple[int, int, int]) -> int:
    """The first pixel row (in steps of 5) with a few pixels of colour ``rgb``."""
    pixels = image.convert("RGB")
    for y in range(0, pixels.height, 5):
        hits = sum(1 for x in range(0, pixels.width, 3)
                   if sum(abs(a - b) for a, b in zip(pixels.getpixel((x, y)), rgb,
                                                     strict=True)) < 12)
        if hits > 3:
            return max(0, y)
    raise ValueError(f"no pixel of colour {rgb} in the screenshot")


def _rgb(colour: Colour) -> tuple[int, int, int]:
    return int(colour.value[0:2], 16), int(colour.value[2:4], 16), int(colour.value[4:6], 16)


NEW = _rgb(Colour.NEW)  # the palette's colour of new wording (also inserted words)
DELETED = _rgb(Colour.DELETED)


def _near(c: tuple[int, int, int], rgb: tuple[int, int, int]) -> bool:
    return sum(abs(a - b) for a, b in zip(c, rgb, strict=True)) < 12


def _find_side_by_side(image: Image.Image) -> int:
    """The first row, from the bottom up, where amber highlights begin after the tables:
    approximated as 80 px above the first row with many amber pixels."""
    rgb = image.convert("RGB")
    for y in range(0, rgb.height, 10):
        row = [rgb.getpixel((x, y)) for x in range(0, rgb.width, 4)]
        amber = sum(1 for c in row if _near(c, NEW))
        if amber > 60:
            return max(0, y - 220)
    return 0


if __name__ == "__main__":
    main()
