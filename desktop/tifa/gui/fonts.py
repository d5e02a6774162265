"""Choose fonts that have Chinese glyphs, so nothing renders as boxes.

The first installed family of a preference list wins; simplified and traditional text get
families with the right glyph forms (骨, 值 differ between SC and TC fonts). If no preferred
family exists, any family Qt reports for the writing system is taken.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from tifa.engine.model import Script

SIMPLIFIED_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "SimSun",
)
TRADITIONAL_FAMILIES = (
    "Noto Sans CJK TC",
    "Source Han Sans TC",
    "Noto Sans TC",
    "Microsoft JhengHei UI",
    "Microsoft JhengHei",
    "PingFang TC",
    "Heiti TC",
    "Noto Sans CJK HK",
    *SIMPLIFIED_FAMILIES,
)


def _first_installed(preferred: tuple[str, ...], system: QFontDatabase.WritingSystem) -> str | None:
    installed = set(QFontDatabase.families())
    for family in preferred:
        if family in installed:
            return family
    candidates = QFontDatabase.families(system)
    return candidates[0] if candidates else None


def cjk_family(script: Script = Script.SIMPLIFIED) -> str | None:
    """The family to show text of ``script`` in, or None when no CJK font is installed."""
    if script == Script.TRADITIONAL:
        return _first_installed(
            TRADITIONAL_FAMILIES, QFontDatabase.WritingSystem.TraditionalChinese
        )
    return _first_installed(SIMPLIFIED_FAMILIES, QFontDatabase.WritingSystem.SimplifiedChinese)


def with_cjk_fallback(font: QFont, script: Script = Script.SIMPLIFIED) -> QFont:
    """``font`` with the script's CJK family first and its own families after.

    CJK first because fontconfig's own fallback may pick a Japanese face for Chinese text;
    Noto/Source Han CJK faces carry good Latin glyphs too.
    """
    result = QFont(font)
    family = cjk_family(script)
    if family:
        own = [f for f in (font.families() or [font.family()]) if f != family]
        result.setFamilies([family, *own])
    return result


def document_font(base: QFont, script: Script, *, point_size: float | None = None) -> QFont:
    """The font for a document's text, in the glyph forms of its script."""
    traditional = script == Script.TRADITIONAL
    font = with_cjk_fallback(base, Script.TRADITIONAL if traditional else Script.SIMPLIFIED)
    if point_size is not None:
        font.setPointSizeF(point_size)
    return font
