"""Benchmark: reading real pages (tests/real/, see SOURCES and expected.yaml) — how much page
furniture is left in the text, how much of the article is lost, and whether the title, date
and source are right — for Tifa's reader and for extraction libraries on the HTML pages.

Metrics per document, against ``tests/real/expected.yaml`` (written by reading the pages):
  furniture  paragraphs read before the article's first paragraph or after its last one
             (a paragraph that only repeats the title aside), plus paragraphs inside the
             article that match the furniture patterns below
  lost       anchors of the article (its first and its last paragraph) not found
  title      the headline, compared without spaces (a site name or channel added is wrong)
  date       the page's stated date
  source     the outlet or source the page names (a word of it, in either script)

Methods: ``tifa`` (Tifa's reader as it is: ``read_document``), ``trafilatura`` (with its
metadata: htmldate, site name), ``gne`` (GeneralNewsExtractor), ``justext`` and
``readability`` (body only; title where they give one). Libraries run on the HTML pages only.

    .venv/bin/python bench/extraction.py [--methods tifa,trafilatura,gne] [--details]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "real"
sys.path.insert(0, str(REPO / "desktop"))

from tifa.engine.ingest.metadata import parse_date  # noqa: E402
from tifa.engine.normalize import normalize_paragraph  # noqa: E402

# Lines no article has: navigation, sharing, info bars, copyright, app promotion — in both
# scripts. Used to count furniture left inside the article's span.
FURNITURE_RE = re.compile(
    r"^(责任编辑|责编|编辑|来源|发布时间|发布日期|浏览|字号|打印|分享|关注|扫描|相关|热点|"
    r"上一篇|下一篇|返回|首页|您所在的位置|当前位置|现在位置|版权|声明|免责|【纠错】|"
    r"\[责任编辑|【编辑|点击|下载|加入|看更多|还想看|ios|android)"
    r"|(版权所有|未经授权|客户端|公众号|二维码|粉丝团|app)$|>>|＞＞|>\s*\S+\s*>",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    paragraphs: tuple[str, ...]
    title: str | None
    date: dt.date | None
    source: str | None


@dataclass(frozen=True)
class Score:
    furniture: int
    lost: int
    title: bool
    date: bool | None  # None: the page states no date
    source: bool | None  # None: the page names no source


def expected() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(
        (REAL / "expected.yaml").read_text(encoding="utf-8"))
    for value in data.values():
        if "like" in value:
            value.update({k: v for k, v in data[value["like"]].items() if k not in value})
    return data


def _norm(text: str | None) -> str:
    return normalize_paragraph(re.sub(r"[\s•·]+", "", text or ""))[0] if text else ""


def score(reading: Reading, want: dict[str, Any]) -> Score:
    norms = [_norm(p) for p in reading.paragraphs]
    title = _norm(want.get("title"))
    first = _norm(want.get("first")) if want.get("first") else None
    last = _norm(want.get("last")) if want.get("last") else None
    start = next((i for i, p in enumerate(norms) if first and first in p), None)
    end = next((i for i in range(len(norms) - 1, -1, -1) if last and last in norms[i]), None)
    lost = (first is not None and start is None) + (last is not None and end is None)
    lo = start if start is not None else 0
    hi = end if end is not None else len(norms) - 1
    furniture = 0
    for i, (p, shown) in enumerate(zip(norms, reading.paragraphs, strict=True)):
        if not p or (title and p == title):
            continue
        if i < lo or i > hi or FURNITURE_RE.search(shown.strip()):
            furniture += 1
    want_date = want.get("date")
    date_ok = None if want_date is None else reading.date == want_date
    want_source = want.get("source")
    source_ok = None if not want_source else bool(
        reading.source and _norm(want_source) in _norm(reading.source))
    return Score(furniture, lost, bool(title) and _norm(reading.title) == title, date_ok,
                 source_ok)


def read_tifa(path: Path) -> Reading:
    from tifa.engine.ingest import read_document

    doc = read_document(path)
    return Reading(tuple(p.text for p in doc.paragraphs), doc.title, doc.date, doc.source)


def read_trafilatura(path: Path) -> Reading:
    import trafilatura

    found = trafilatura.bare_extraction(path.read_text(encoding="utf-8"), with_metadata=True)
    if found is None:
        return Reading((), None, None, None)
    data = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = data.get("text") or ""
    return Reading(tuple(line for line in text.split("\n") if line.strip()),
                   data.get("title"), parse_date(data.get("date")), data.get("sitename"))


def read_gne(path: Path) -> Reading:
    from gne import GeneralNewsExtractor

    found = GeneralNewsExtractor().extract(path.read_text(encoding="utf-8"))
    text = found.get("content") or ""
    return Reading(tuple(line for line in text.split("\n") if line.strip()),
                   found.get("title"), parse_date(found.get("publish_time")), None)


def read_justext(path: Path) -> Reading:
    import justext

    paragraphs = justext.justext(path.read_bytes(), justext.get_stoplist("English"),
                                 stopwords_low=0.0, stopwords_high=0.0)
    return Reading(tuple(p.text for p in paragraphs if not p.is_boilerplate), None, None, None)


def read_readability(path: Path) -> Reading:
    from lxml import html as lxml_html
    from readability import Document

    page = Document(path.read_text(encoding="utf-8"))
    tree = lxml_html.fromstring(page.summary())
    lines = [re.sub(r"\s+", " ", el.text_content()).strip()
             for el in tree.iter("p", "h1", "h2", "h3", "li")]
    return Reading(tuple(line for line in lines if line), page.short_title(), None, None)


METHODS: dict[str, Callable[[Path], Reading]] = {
    "tifa": read_tifa, "trafilatura": read_trafilatura, "gne": read_gne,
    "justext": read_justext, "readability": read_readability,
}


def run(methods: list[str], *, details: bool) -> dict[str, dict[str, Score]]:
    want = expected()
    results: dict[str, dict[str, Score]] = {m: {} for m in methods}
    for name, spec in want.items():
        if "first" not in spec:
            continue  # transcripts: split into items, measured by the tests
        path = REAL / name
        for method in methods:
            if method != "tifa" and path.suffix != ".html":
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    reading = METHODS[method](path)
            except Exception as exc:  # a library failing on a page counts as a miss
                print(f"{name}: {method} failed: {exc}", file=sys.stderr)
                reading = Reading((), None, None, None)
            results[method][name] = score(reading, spec)
    print(f"{'document':28} " + " ".join(f"{m[:11]:>23}" for m in methods))
    print(f"{'':28} " + " ".join(f"{'furn lost T D S':>23}" for _ in methods))
    for name in want:
        if not any(name in results[m] for m in methods):
            continue
        cells = []
        for m in methods:
            s = results[m].get(name)
            cells.append(f"{'-':>23}" if s is None else
                         f"{s.furniture:>8} {s.lost:>4} {_mark(s.title)} {_mark(s.date)} "
                         f"{_mark(s.source)}")
        if details:
            print(f"{name[:28]:28} " + " ".join(cells))
    print("totals (furniture paragraphs left, anchors lost, titles/dates/sources right):")
    for m in methods:
        for label, names in (("html", [n for n in results[m] if n.endswith(".html")]),
                             ("text", [n for n in results[m] if not n.endswith(".html")])):
            if not names:
                continue
            rs = [results[m][n] for n in names]
            dates = [r.date for r in rs if r.date is not None]
            sources = [r.source for r in rs if r.source is not None]
            print(f"  {m:12} {label:5} docs {len(rs):2}  furniture {sum(r.furniture for r in rs):4}"
                  f"  lost {sum(r.lost for r in rs):3}  titles {sum(r.title for r in rs):2}/"
                  f"{len(rs)}  dates {sum(dates):2}/{len(dates)}  sources {sum(sources):2}/"
                  f"{len(sources)}")
    return results


def _mark(value: bool | None) -> str:
    return "-" if value is None else "✓" if value else "✗"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--methods", default="tifa,trafilatura,gne,justext,readability")
    parser.add_argument("--details", action="store_true", help="one line per document")
    args = parser.parse_args()
    run([m for m in args.methods.split(",") if m], details=args.details)


if __name__ == "__main__":
    main()
