"""A page's headline printed twice (headline, maybe its info bar, the headline again): the
copy is not the document's first paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from tifa.engine.ingest import document_from_string
from tifa.engine.model import ParagraphKind
from tifa.engine.normalize import normalize_paragraph

REAL = Path(__file__).resolve().parents[1] / "real"
LYD = REAL / "readouts" / "lyd-20250828-excerpt.txt"
HEADLINE = "洛阳首期“乡村少年洛阳行”文化公益活动举行"


def _lines() -> list[str]:
    # the first line is the page store's date and the site's menu: not the page's text
    return LYD.read_text(encoding="utf-8").splitlines()[1:]


def test_the_headline_and_its_copy_above_the_info_bar() -> None:
    """洛阳网 prints its headline, then again (straight quotes), then the info bar."""
    lines = _lines()
    assert lines[0] == HEADLINE and lines[1] == HEADLINE.replace("“", '"').replace("”", '"')
    document = document_from_string("\n".join(lines), path="lyd.txt")
    assert document.title == HEADLINE
    assert document.paragraphs[0].text.strip().startswith("昨日，我市首期")
    assert document.source == "洛阳网"


@pytest.mark.parametrize("subtitle", [None, "乡村少年走进博物馆和实验室"])
def test_headline_info_bar_headline_again_subtitle(subtitle: str | None) -> None:
    """The order the tester met on 洛阳网 (2025-10-28): headline, info bar, headline again,
    its subtitle; the copy goes, the subtitle stays (a heading) above the text."""
    headline, copy, bar, *body = _lines()
    lines = [headline, bar, copy, *([subtitle] if subtitle else []), *body]
    document = document_from_string("\n".join(lines), path="lyd.txt")
    assert document.title == HEADLINE
    target = normalize_paragraph(HEADLINE)[0]
    assert all(p.normalized != target for p in document.paragraphs)
    first = document.paragraphs[0]
    if subtitle:
        assert (first.text, first.kind) == (subtitle, ParagraphKind.HEADING)
        assert document.paragraphs[1].text.strip().startswith("昨日，我市首期")
    else:
        assert first.text.strip().startswith("昨日，我市首期")


def test_a_repost_with_its_headline_repeated_under_a_portal_line() -> None:
    """A repost (tests/real/compare) gives the headline, a portal line, the headline again:
    the copy is not kept as a paragraph."""
    from tifa.engine.ingest.reader import read_document

    document = read_document(REAL / "compare" / "xinhua-shuping-ccschy-excerpt.txt")
    target = normalize_paragraph(document.title)[0]
    assert document.title.startswith("新华述评")
    assert all(p.normalized != target for p in document.paragraphs[:3])


def test_a_file_of_a_headline_and_its_copy_keeps_the_copy_as_its_text() -> None:
    document = document_from_string(f"{HEADLINE}\n{HEADLINE}\n", path="twice.txt")
    assert document.title == HEADLINE
    assert [p.text for p in document.paragraphs] == [HEADLINE]
