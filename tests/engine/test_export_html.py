"""The HTML report: parses, stands alone, holds both documents, and looks right in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _export_helpers import (
    beijing_2017_2022,
    beijing_chengdu,
    beijing_revised,
    chromium,
    with_traditional,
)
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tifa.engine.export import export
from tifa.engine.export.html import render_html
from tifa.engine.export.view import Colour, build_view

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)


def _doc(html: str) -> HTMLParser:
    tree = HTMLParser(html)
    assert tree.body is not None
    return tree


def test_report_parses_and_fetches_nothing() -> None:
    html = render_html(build_view(beijing_chengdu()))
    tree = _doc(html)
    assert not tree.css("script")
    assert not tree.css("link[rel=stylesheet]")
    assert not tree.css("iframe, object, embed, img")
    for node in tree.css("[src], [href]"):
        for attr in ("src", "href"):
            value = node.attributes.get(attr)
            if value is not None:
                assert not EXTERNAL.match(value), f"external {attr}: {value}"
                assert value.startswith("#"), f"only in-page links expected, got {value}"
    style = "".join(n.text() for n in tree.css("style"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    # svg: inline, only its namespace names a URL
    assert tree.css("svg.heatmap rect")


def test_report_holds_every_paragraph_of_both_documents() -> None:
    comparison = beijing_chengdu()
    tree = _doc(render_html(build_view(comparison)))
    cells = tree.css("table.sbs td.text")
    texts = {p.text()[len(p.css_first("span.pn").text()):] for td in cells for p in td.css("p")}
    for document in comparison.documents:
        for paragraph in document.paragraphs:
            assert paragraph.text in texts
    header = " ".join(th.text() for th in tree.css("table.sbs thead th"))
    for document in comparison.documents:
        assert document.title in header


def test_highlights_legend_formulations_and_heatmap() -> None:
    comparison = beijing_2017_2022()
    tree = _doc(render_html(build_view(comparison)))
    assert tree.css("table.sbs span.sh") and tree.css("table.sbs span.nw")
    underlined = {n.attributes.get("title") for n in tree.css("table.sbs span.fm")}
    assert {"两个维护", "四个意识"} <= underlined
    legend = " ".join(n.text() for n in tree.css(".legend"))
    assert "wording also in another document" in legend and "wording in no other" in legend
    assert "formulation" in legend
    phrases = [n.text() for n in tree.css("table.forms .phrase")]
    assert "两个维护" in phrases and "四个意识" in phrases
    n = len(comparison.documents)
    assert len(tree.css("svg.heatmap")) == len(comparison.similarities)
    assert len(tree.css("svg.heatmap")[0].css("rect[fill^='#']")) == n * n
    settings = tree.css_first("#settings").text()
    assert "link threshold" in settings and "0.5" in settings


def test_lang_attributes_follow_each_documents_script() -> None:
    tree = _doc(render_html(build_view(with_traditional())))
    assert tree.css_first("html").attributes["lang"] == "zh-Hans"
    langs = {td.attributes.get("lang") for td in tree.css("table.sbs td.text")}
    assert langs == {"zh-Hans", "zh-Hant"}
    css = tree.css_first("style").text()
    for face in ("Microsoft YaHei", "SimSun", "PingFang SC", "PingFang TC", "Songti SC",
                 "Noto Sans CJK SC", "Noto Serif CJK TC", "WenQuanYi Micro Hei"):
        assert face in css
    assert "@media print" in css and "break-before: page" in css


def test_text_is_escaped() -> None:
    from dataclasses import replace

    comparison = beijing_chengdu()
    doc = comparison.documents[0]
    hostile = replace(doc, title='<script>alert("x")</script>')
    documents = (hostile, *comparison.documents[1:])
    html = render_html(build_view(replace(comparison, documents=documents)))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


# Run in the page by the browser: what it resolved for each selector (how many elements,
# how many have a box on the laid-out page, their computed background colours), written into
# the DOM that --dump-dom prints. Independent of fonts, window size and page length.
_PROBE = """
<script>
(() => {
  const out = {};
  for (const selector of %s) {
    const found = [...document.querySelectorAll(selector)];
    out[selector] = {
      count: found.length,
      laid_out: found.filter(e => { const r = e.getBoundingClientRect();
                                   return r.width > 0 && r.height > 0; }).length,
      with_text: found.filter(e => e.textContent.trim().length > 0).length,
      backgrounds: [...new Set(found.map(e => getComputedStyle(e).backgroundColor))],
    };
  }
  const pre = document.createElement("pre");
  pre.id = "tifa-probe";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""


def _browser_styles(html: Path, selectors: list[str], tmp_path: Path) -> dict[str, dict]:
    """Open a copy of the report with the probe appended in headless Chromium; what the
    browser computed for ``selectors``."""
    import json
    import subprocess
    import tempfile

    from _export_helpers import CHROMIUM_FLAGS

    probed = tmp_path / "probed.html"
    text = html.read_text(encoding="utf-8")
    probe = _PROBE % json.dumps(selectors)
    probed.write_text(text.replace("</body>", probe + "</body>"), encoding="utf-8")
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom",
             probed.resolve().as_uri()],
            check=True, capture_output=True, timeout=120, text=True,
        )
    node = HTMLParser(result.stdout).css_first("#tifa-probe")
    assert node is not None, result.stderr[-2000:]
    return json.loads(node.text())  # type: ignore[no-any-return]


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.skipif(chromium() is None, reason="needs Debian's chromium")
def test_headless_chromium_paints_the_highlights(tmp_path: Path) -> None:
    """Chromium lays out the report and resolves the highlight classes of the side-by-side
    table to the stylesheet's colours: shared wording pale blue, new wording amber, table
    headers dark, on elements that have a box on the page (wherever the page puts them)."""
    html = export(beijing_chengdu(), tmp_path / "report.html")[0]
    css = (html.read_text(encoding="utf-8"))
    shared, new, header = Colour.SHARED.css, Colour.NEW.css, Colour.HEADER.css
    for name, colour in (("--shared", shared), ("--new", new), ("--header", header)):
        assert f"{name}: {colour}" in css  # the report carries the colours it means
    styles = _browser_styles(
        html, ["#side-by-side table.sbs .sh", "#side-by-side table.sbs .nw",
               "table.grid thead th"], tmp_path)
    for selector, colour in (("#side-by-side table.sbs .sh", shared),
                             ("#side-by-side table.sbs .nw", new),
                             ("table.grid thead th", header)):
        found = styles[selector]
        assert found["count"] > 0, selector
        assert found["laid_out"] == found["count"] == found["with_text"], selector
        assert found["backgrounds"] == [_rgb(colour)], selector


def test_linked_paragraphs_carry_del_and_ins_with_a_key() -> None:
    """000 against its revised copy: the revisions are <del>/<ins> in the copy's column,
    the key explains them, and the copy's own text reads intact without the <del>s."""
    comparison = beijing_revised()
    tree = _doc(render_html(build_view(comparison)))
    deleted = sorted(n.text() for n in tree.css("table.sbs del.dl"))
    inserted = sorted(n.text() for n in tree.css("table.sbs ins.in"))
    assert deleted == sorted(["干", "意识", "市委书记蔡奇强调，"])
    assert inserted == sorted(["谋", "自信", "各项"])
    legend = tree.css_first("#side-by-side .legend").text()
    assert "dropped" in legend and "new" in legend and "leaves out" in legend
    assert "shared wording" not in legend  # every paragraph is linked: no such rows
    revised = comparison.documents[1 - comparison.alignment.pivot]
    edited = next(p.text for p in revised.paragraphs if "谋大事" in p.text)
    for node in tree.css("table.sbs del"):
        node.decompose()
    cells = ["".join(n.text().split()) for n in tree.css("table.sbs td.text")]
    assert any("".join(edited.split()) in cell for cell in cells)


def test_reading_notes_are_told_apart_from_damage() -> None:
    """Chengdu's inferred year is a note (muted); the Qiushi article's corrupted characters
    are a warning that counts the places marked in its text."""
    tree = _doc(render_html(build_view(beijing_chengdu())))
    notes = [n.text() for n in tree.css(".doc ul.warnings li.note")]
    assert any("date-inferred" in n for n in notes)
    tree = _doc(render_html(build_view(with_traditional())))
    damage = [n.text() for n in tree.css(".doc ul.warnings li:not(.note)")]
    assert any("corrupted-characters" in n and "places, marked in the text" in n for n in damage)
