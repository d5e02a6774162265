"""Find a Chinese font on this computer for the PDF report, on Linux, Windows and macOS.

The PDF embeds (a subset of) the font, so the reader needs none. fpdf2 reads TrueType and
CFF-flavoured OpenType, single files and collections (.ttc), so Noto/Source Han, Microsoft
YaHei, SimSun, PingFang and WenQuanYi all work. ``TIFA_PDF_FONT`` names a font file to use
instead of searching.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Font files in order of preference: the first one found is used. Regular weights of
#: families that cover both simplified and traditional characters.
CANDIDATE_FILES: tuple[str, ...] = (
    # Linux (Debian/Ubuntu fonts-noto-cjk, Fedora google-noto-sans-cjk), Adobe Source Han
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansSC-Regular.otf",
    "SourceHanSans-Regular.ttc",
    "SourceHanSansSC-Regular.otf",
    # Windows
    "msyh.ttc",
    "msyh.ttf",
    "simsun.ttc",
    "msjh.ttc",
    "simhei.ttf",
    # macOS
    "PingFang.ttc",
    "Hiragino Sans GB.ttc",
    "STHeiti Light.ttc",
    "STHeiti Medium.ttc",
    "Songti.ttc",
    # other Linux fonts
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "NotoSerifCJK-Regular.ttc",
    "uming.ttc",
    "DroidSansFallbackFull.ttf",
)

# Face names (inside a collection) that carry each script's glyph forms.
_FACE_HINTS = {
    "zh-Hans": (" SC", "GB", "YaHei", "SimSun", "Simplified", "Micro Hei", "Zen Hei"),
    "zh-Hant": (" TC", " HK", "JhengHei", "MingLiU", "Traditional", "Micro Hei", "Zen Hei"),
}
_AVOID = ("Mono", "UI", "Light", "Bold")


class MissingFontError(RuntimeError):
    """No Chinese font was found; the message tells the user what to install."""


@dataclass(frozen=True, slots=True)
class FontFace:
    path: Path
    index: int  # face in a collection, 0 for single fonts
    name: str


def font_dirs() -> list[Path]:
    """The standard font folders of this platform, the user's own first."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs = [windir / "Fonts"]
        if local:
            dirs.insert(0, Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [
            home / "Library" / "Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/System/Library/AssetsV2"),  # PingFang on recent macOS (downloadable asset)
        ]
    data_home = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    dirs = [data_home / "fonts", home / ".fonts"]
    for d in os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":"):
        if d:
            dirs.append(Path(d) / "fonts")
    return dirs


def _walk(dirs: Sequence[Path]) -> Iterator[Path]:
    for root in dirs:
        if not root.is_dir():
            continue
        for dirpath, _dirnames, filenames in os.walk(root):
            for filename in filenames:
                yield Path(dirpath) / filename


def _choose_face(path: Path, lang: str) -> FontFace:
    """The face of a collection whose name matches the script, else the first."""
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() not in {".ttc", ".otc"}:
        font = TTFont(str(path), lazy=True)
        return FontFace(path, 0, str(font["name"].getDebugName(4) or path.stem))
    names = [str(f["name"].getDebugName(4) or "") for f in TTCollection(str(path), lazy=True)]
    hints = _FACE_HINTS.get(lang, _FACE_HINTS["zh-Hans"])
    for hint in hints:
        for index, name in enumerate(names):
            if hint in name and not any(a in name for a in _AVOID):
                return FontFace(path, index, name)
    return FontFace(path, 0, names[0] if names else path.stem)


def _has_chinese(face: FontFace) -> bool:
    """Whether the face draws 中 (U+4E2D)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.path), lazy=True, fontNumber=face.index)
    return 0x4E2D in (font.getBestCmap() or {})


@cache
def find_cjk_font(lang: str = "zh-Hans") -> FontFace:
    """The preferred Chinese font face for ``lang`` ("zh-Hans" or "zh-Hant")."""
    override = os.environ.get("TIFA_PDF_FONT")
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise MissingFontError(f"TIFA_PDF_FONT names {path}, which is not a file")
        try:
            face = _choose_face(path, lang)
            chinese = _has_chinese(face)
        except Exception as error:  # fontTools on a file that is no font: many kinds
            raise MissingFontError(f"TIFA_PDF_FONT names {path}, which is not a font file "
                                   f"Tifa can read ({error})") from None
        if not chinese:  # every character of the report would be drawn as 〓
            raise MissingFontError(f"TIFA_PDF_FONT names {path}, a font without Chinese "
                                   "characters; give a Chinese font (.ttf/.otf/.ttc)")
        return face
    dirs = font_dirs()
    found: dict[str, Path] = {}
    wanted = {name.lower() for name in CANDIDATE_FILES}
    for path in _walk(dirs):
        key = path.name.lower()
        if key in wanted and key not in found:
            found[key] = path
    for name in CANDIDATE_FILES:
        if name.lower() in found:
            return _choose_face(found[name.lower()], lang)
    looked = ", ".join(str(d) for d in dirs)
    raise MissingFontError(
        "No Chinese font found for the PDF report (looked in "
        f"{looked}). Install one — Debian/Ubuntu: `apt install fonts-noto-cjk` or "
        "`fonts-wqy-microhei`; Fedora: `dnf install google-noto-sans-cjk-fonts` — or set "
        "TIFA_PDF_FONT to a .ttf/.otf/.ttc file."
    )
