"""The same report in other clothes — traditional script, legacy encodings, line ends, an HTML
page, a Word file, a PDF — must read back to the same normalised text."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import opencc
import pytest

from conftest import BEIJING_2017, BEIJING_2022, CHENGDU_2022, HAIDIAN_2020
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.model import Document, ParagraphKind, Script
from tifa.engine.normalize import document_from_text

NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@cache
def _original(path: Path) -> Document:
    return read_document(path)


def _normal_forms(doc: Document) -> list[str]:
    return [p.normalized for p in doc.paragraphs]


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    target = tmp_path / name
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8")
    else:
        target.write_bytes(data)
    return target


SIMPLIFIED_SEEDS = [BEIJING_2022, HAIDIAN_2020, CHENGDU_2022, BEIJING_2017]


@pytest.mark.parametrize("config", ["s2t", "s2tw", "s2hk"])
@pytest.mark.parametrize("seed", SIMPLIFIED_SEEDS, ids=lambda p: p.name[:3])
def test_traditional_versions_normalise_to_the_same_text(
    tmp_path: Path, seed: Path, config: str
) -> None:
    """Standard, Taiwan and Hong Kong traditional renderings of a simplified report."""
    original = _original(seed)
    converted = opencc.OpenCC(config).convert(seed.read_text(encoding="utf-8"))
    doc = read_document(_write(tmp_path, f"{config}.txt", converted))
    assert doc.script is Script.TRADITIONAL
    assert _normal_forms(doc) == _normal_forms(original)
    assert doc.date == original.date
    assert [p.kind for p in doc.paragraphs] == [p.kind for p in original.paragraphs]


def test_traditional_display_text_stays_traditional(tmp_path: Path) -> None:
    converted = opencc.OpenCC("s2t").convert(CHENGDU_2022.read_text(encoding="utf-8"))
    doc = read_document(_write(tmp_path, "t.txt", converted))
    assert doc.paragraphs[0].text.startswith("7月27日,成都市委工作會議召開")
    assert doc.source == "成都發布"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16", "utf-16-le"),
     ("utf-16-be", "utf-16-be"), ("utf-8-sig", "utf-8-sig"), ("utf-16-le", "utf-16-le"),
     ("utf-8", "utf-8")],
)
def test_legacy_and_unicode_encodings(tmp_path: Path, encoding: str, expected: str) -> None:
    text = CHENGDU_2022.read_text(encoding="utf-8")
    doc = read_document(_write(tmp_path, "c.txt", text.encode(encoding)))
    assert doc.encoding == expected
    assert _normal_forms(doc) == _normal_forms(_original(CHENGDU_2022))


@pytest.mark.parametrize("seed", [BEIJING_2017, CHENGDU_2022], ids=lambda p: p.name[:3])
def test_big5_is_not_mistaken_for_gb18030(tmp_path: Path, seed: Path) -> None:
    """Big5 bytes also decode as GB18030, into garbage: the detector must tell them apart."""
    text = opencc.OpenCC("s2tw").convert(seed.read_text(encoding="utf-8"))
    doc = read_document(_write(tmp_path, "b.txt", text.encode("big5")))
    assert doc.encoding == "big5"
    assert doc.script is Script.TRADITIONAL
    assert _normal_forms(doc) == _normal_forms(_original(seed))


def test_short_big5_and_gbk_snippets(tmp_path: Path) -> None:
    line = "會議強調，要堅持穩中求進工作總基調。"
    assert read_document(_write(tmp_path, "b.txt", line.encode("big5"))).encoding == "big5"
    simplified = "会议强调，要坚持稳中求进工作总基调。"
    doc = read_document(_write(tmp_path, "g.txt", simplified.encode("gbk")))
    assert doc.encoding == "gb18030" and doc.paragraphs[0].text == simplified


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends(tmp_path: Path, newline: str) -> None:
    text = BEIJING_2017.read_text(encoding="utf-8").replace("\n", newline)
    doc = read_document(_write(tmp_path, "n.txt", text.encode("utf-8")))
    assert _normal_forms(doc) == _normal_forms(_original(BEIJING_2017))
    assert doc.title == "蔡奇:把方向谋大事抓党建保平安"


def _page(title: str, paragraphs: list[str], source_line: str) -> str:
    body = "\n".join(f"<p>　　{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_成都发布</title>
<meta name="publishdate" content="2022-07-27">
<script>var x = "会议指出，不该出现";</script><style>p {{ color: red }}</style></head>
<body>
<nav class="topnav"><a href="/">首页</a> <a href="/news">新闻</a></nav>
<div class="breadcrumb">首页 &gt; 要闻</div>
<div class="main"><div class="article-content">
<h1>{title}</h1>
{body}
<p>{source_line}</p>
<!-- 正文结束 -->
</div>
<div class="share-box">分享到：微信 微博</div>
<div class="related"><ul><li><a href="#">相关新闻：另一个会议召开</a></li></ul></div>
</div>
<footer>版权所有 © 成都发布</footer>
</body></html>"""


def test_html_page_wrapping_a_report(tmp_path: Path) -> None:
    original = _original(CHENGDU_2022)
    page = _page("成都市委工作会议召开", [p.text for p in original.paragraphs], "来源：成都发布")
    doc = read_document(_write(tmp_path, "page.html", page))
    assert doc.format == "html"
    assert doc.title == "成都市委工作会议召开"
    assert doc.date == dt.date(2022, 7, 27)  # <meta name="publishdate">
    assert doc.source == "成都发布"
    assert _normal_forms(doc) == _normal_forms(original)
    for junk in ("首页", "分享到", "相关新闻", "版权所有", "不该出现", "color"):
        assert junk not in doc.text


def test_news_page_with_info_bar_sidebar_and_footer(tmp_path: Path) -> None:
    """A portal page: the date and 来源 sit in an info bar outside the article body; a
    sidebar of <p> links, share and QR blocks, an editor line and a footer around it."""
    original = _original(BEIJING_2017)
    body = "".join(f"<p>{p.text}</p>" for p in original.paragraphs)
    sidebar = "".join(
        f"<p><a href='/n{i}'>相关阅读：北京市召开第{i}次专题会议，部署下一阶段重点工作</a></p>"
        for i in range(25)
    )
    page = f"""<html><head><meta charset="utf-8"><title>{original.title}-新华网</title></head>
<body><div id="header"><ul><li><a>首页</a></li><li><a>时政</a></li></ul></div>
<div class="container"><div class="left"><h1>{original.title}</h1>
<div class="info"><span>2017-08-10 08:00:00</span> <span>来源：新京报</span></div>
<div id="detail">{body}<p>【纠错】 责任编辑：王小明</p></div>
<div class="bdsharebuttonbox"><a>分享到微博</a></div>
<div class="qrcode"><img src="qr.png"><p>扫一扫，用手机看新闻</p></div></div>
<div class="right"><h3>热点推荐</h3>{sidebar}</div></div>
<div id="footer"><p>Copyright © 2000-2017 XINHUANET.com All Rights Reserved.</p></div>
</body></html>"""
    doc = read_document(_write(tmp_path, "xinhua.html", page))
    assert (doc.title, doc.date, doc.source) == (
        original.title, dt.date(2017, 8, 10), "新京报")
    assert _normal_forms(doc) == _normal_forms(original)
    assert [p.kind for p in doc.paragraphs] == [p.kind for p in original.paragraphs]
    for junk in ("相关阅读", "扫一扫", "责任编辑", "Copyright", "首页", "分享到"):
        assert junk not in doc.text


def test_html_fragment_with_br_and_entities(tmp_path: Path) -> None:
    fragment = ("<div>会议强调，要坚持“两个确立”。<br>要增强&ldquo;四个意识&rdquo;。<br/>"
                "<span>第三句&nbsp;在这里。</span></div><p>另一段。</p>")
    doc = read_document(_write(tmp_path, "f.htm", fragment))
    assert [p.text for p in doc.paragraphs] == [
        "会议强调，要坚持“两个确立”。", "要增强“四个意识”。", "第三句 在这里。", "另一段。",
    ]


def test_docx_made_with_python_docx(tmp_path: Path) -> None:
    import docx

    original = _original(BEIJING_2017)
    document = docx.Document()
    document.core_properties.title = original.title
    document.core_properties.author = "新京报记者"
    for p in original.paragraphs:
        if p.kind is ParagraphKind.HEADING:
            document.add_heading(p.text, level=2)
        else:
            document.add_paragraph("\u3000\u3000" + p.text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "附表一"
    table.cell(0, 1).text = "附表二"
    path = tmp_path / "report.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.title == original.title
    forms = _normal_forms(doc)
    assert forms[: len(original.paragraphs)] == _normal_forms(original)
    assert forms[len(original.paragraphs):] == ["附表一", "附表二"]
    assert [p.kind for p in doc.paragraphs[: len(original.paragraphs)]] == [
        p.kind for p in original.paragraphs]


def _cjk_pdf(
    paragraphs: list[str], title: str, *, running_head: str, indent: bool = True
) -> bytes:
    """A multi-page A5 PDF with a running head and page numbers, Noto Sans CJK embedded;
    paragraphs indented (the Chinese 　　) or, with ``indent=False``, set apart by space only.
    fpdf2 writes its CID font's /Encoding as a CMap that pypdf 7 misreads past ~250 distinct
    characters: Tifa reads PDFs with PDFium, which reads them right."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("noto", size=8)
            self.cell(0, 6, running_head, align="C")
            self.ln(10)

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("noto", size=8)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Report(format=(148, 210))  # A5, in mm
    pdf.set_title(title)
    pdf.add_font("noto", "", str(NOTO_CJK), collection_font_number=2)  # Noto Sans CJK SC
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    for text in paragraphs:
        pdf.set_font("noto", size=10)
        pdf.multi_cell(0, 6, ("\u3000\u3000" if indent else "") + text)
        pdf.ln(2 if indent else 5)
    assert pdf.page_no() >= 3
    return bytes(pdf.output())


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="needs fonts-noto-cjk")
def test_pdf_text_layer_with_hard_wrapped_lines(tmp_path: Path) -> None:
    original = _original(CHENGDU_2022).paragraphs[:2]
    texts = [p.text for p in original] * 6
    data = _cjk_pdf(texts, "成都市委工作会议召开", running_head="成都市委工作会议")
    doc = read_document(_write(tmp_path, "report.pdf", data))
    assert doc.format == "pdf"
    assert doc.title == "成都市委工作会议召开"  # the PDF's /Title
    # Lines wrapped at the page width, and paragraphs running over a page break, are
    # joined back; the running head and the page numbers are gone.
    assert _normal_forms(doc) == [p.normalized for p in original] * 6
    assert "成都市委工作会议\n" not in doc.text and "- 2 -" not in doc.text


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="needs fonts-noto-cjk")
def test_pdf_without_pypdfium2_falls_back_to_pypdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pypdf reads the text alone: wrapped lines joined at the indents."""
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    original = _original(CHENGDU_2022).paragraphs[:2]
    texts = [p.text for p in original] * 5  # under pypdf's ~250 distinct characters
    data = _cjk_pdf(texts, "成都市委工作会议召开", running_head="成都市委工作会议")
    doc = read_document(_write(tmp_path, "report.pdf", data))
    assert doc.title == "成都市委工作会议召开"
    assert _normal_forms(doc) == [p.normalized for p in original] * 5


@pytest.mark.skipif(not NOTO_CJK.exists(), reason="needs fonts-noto-cjk")
@pytest.mark.parametrize("seed", [BEIJING_2022, BEIJING_2017])
def test_pdf_of_a_whole_report_with_paragraphs_set_apart_by_space(
    tmp_path: Path, seed: Path
) -> None:
    """Hundreds of distinct characters (pypdf garbled half of them), no indentation: each
    paragraph comes back whole and alone, headings included ([第一], 把方向 in 004)."""
    original = _original(seed)
    data = _cjk_pdf([p.text for p in original.paragraphs], original.title,
                    running_head=original.title[:12], indent=False)
    doc = read_document(_write(tmp_path, "report.pdf", data))
    assert _normal_forms(doc) == _normal_forms(original)
    assert [p.kind for p in doc.paragraphs] == [p.kind for p in original.paragraphs]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_pdf_printed_by_a_browser(tmp_path: Path) -> None:
    """Chromium's PDFs put Kangxi radicals (⽉ for 月) and spaces around CJK characters in
    the text layer: both are undone, in the displayed text too."""
    original = _original(CHENGDU_2022)
    page = "<html><meta charset='utf-8'><body style='font-size:15pt'>" + "".join(
        f"<p>{p.text}</p>" for p in original.paragraphs) + "</body></html>"
    html = _write(tmp_path, "c.html", page)
    pdf = tmp_path / "c.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    doc = read_document(pdf)
    assert doc.paragraphs[0].text.startswith("7月27日,成都市委工作会议召开,深入学习贯彻")
    # Chromium sets paragraphs apart by space, not indentation, and ends lines a character
    # or two short where punctuation may not start the next: the gaps tell the paragraphs.
    assert _normal_forms(doc) == _normal_forms(original)


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    text = """---
title: 全会公报
date: 2021年11月11日
source: 新华社
author: 张三
tags: [全会, 公报]
---

# 全会公报

**中国共产党**第十九届中央委员会第六次全体会议，于2021年11月8日至11日在北京举行。

## 一、总结

- 全会听取和讨论了[习近平](https://example.org)受中央政治局委托作的工作报告。
- 全会认为，*党的百年奋斗*成就举世瞩目。

![图片](pic.png)
"""
    doc = read_document(_write(tmp_path, "a.md", text))
    assert doc.format == "markdown"
    assert (doc.title, doc.date, doc.source, doc.author) == (
        "全会公报", dt.date(2021, 11, 11), "新华社", "张三")
    assert [(p.kind, p.text) for p in doc.paragraphs] == [
        (ParagraphKind.BODY,
         "中国共产党第十九届中央委员会第六次全体会议，于2021年11月8日至11日在北京举行。"),
        (ParagraphKind.HEADING, "一、总结"),
        (ParagraphKind.BODY, "全会听取和讨论了习近平受中央政治局委托作的工作报告。"),
        (ParagraphKind.BODY, "全会认为，党的百年奋斗成就举世瞩目。"),
    ]
    assert dict(doc.extra)["tags"] == "全会, 公报"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Thu, 21 Jul 2022 23:44:13 GMT", dt.date(2022, 7, 21)),
        ("2022-07-21T08:00:00+08:00", dt.date(2022, 7, 21)),
        ("2022/7/21", dt.date(2022, 7, 21)),
        ("2022年7月21日 09:00", dt.date(2022, 7, 21)),
        ("July 21, 2022", dt.date(2022, 7, 21)),
        ("'2022-07-21'", dt.date(2022, 7, 21)),
    ],
)
def test_front_matter_dates_in_common_forms(tmp_path: Path, value: str,
                                            expected: dt.date) -> None:
    text = f"---\ntitle: 测试\ndate: {value}\n---\n会议强调，要坚持稳中求进。\n"
    assert read_document(_write(tmp_path, "d.md", text)).date == expected


def test_hard_wrapped_plain_text_is_joined(tmp_path: Path) -> None:
    original = _original(CHENGDU_2022)
    width = 30
    lines: list[str] = []
    for p in original.paragraphs:
        lines.extend(p.text[i: i + width] for i in range(0, len(p.text), width))
        lines.append("")
    doc = read_document(_write(tmp_path, "wrapped.txt", "\n".join(lines)))
    assert _normal_forms(doc) == _normal_forms(original)


def test_document_from_text_matches_a_txt_file() -> None:
    text = CHENGDU_2022.read_text(encoding="utf-8")
    doc = document_from_text(text, path="chengdu.txt")
    assert _normal_forms(doc) == _normal_forms(_original(CHENGDU_2022))
    assert doc.path == Path("chengdu.txt")
    titled = document_from_string("市委工作会议\n会议强调，要坚持。", title="市委工作会议")
    assert titled.title == "市委工作会议"
    assert [p.text for p in titled.paragraphs] == ["会议强调，要坚持。"]


def test_html_page_in_gbk_declaring_its_charset(tmp_path: Path) -> None:
    original = _original(CHENGDU_2022)
    page = _page("成都市委工作会议召开", [p.text for p in original.paragraphs], "来源：成都发布")
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" '
                        'content="text/html; charset=gb2312">')
    page = page.replace("©", "&copy;")  # not in GBK; an entity, as such pages write it
    doc = read_document(_write(tmp_path, "page.htm", page.encode("gbk")))
    assert doc.encoding == "gb18030"
    assert _normal_forms(doc) == _normal_forms(original)
