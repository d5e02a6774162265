"""The corpus on real dated material: 新闻联播 day transcripts (tests/real/corpus, see SOURCES).

Well-known first uses come out right, counts agree with a plain substring count over the same
items, and the items are the broadcast's items.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from _corpus_helpers import REAL_CORPUS, build_store

from tifa.engine.corpus import CorpusStore
from tifa.engine.corpus.prepare import read_items
from tifa.engine.corpus.report import render_timeline_html, render_timeline_png, timeline_json
from tifa.engine.corpus.timeline import new_formulations, phrase_timelines

pytestmark = pytest.mark.slow

POLITBURO_2022_04 = "疫情要防住、经济要稳住、发展要安全"


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> CorpusStore:
    path = tmp_path_factory.mktemp("corpus") / "real.sqlite"
    summary = build_store(path, [REAL_CORPUS], workers=2)
    assert summary.failed == 0 and summary.added == len(list(REAL_CORPUS.glob("*.md")))
    store = CorpusStore(path)
    yield store
    store.close()


def _items_by_day() -> dict[str, list[str]]:
    """Each day's items cut from the raw Markdown with a plain regex (not Tifa's splitter)."""
    days: dict[str, list[str]] = {}
    for path in sorted(REAL_CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        detail = text.split("\n## 详细新闻", 1)[1]
        days[path.stem] = [chunk for chunk in re.split(r"^### ", detail, flags=re.M)[1:]]
    return days


def test_transcripts_are_split_into_their_items() -> None:
    raw = _items_by_day()
    path = REAL_CORPUS / "20220429.md"
    items = read_items(path)
    assert len(items) == len(raw["20220429"]) > 10
    assert all(d.date == dt.date(2022, 4, 29) and d.source == "新闻联播" for d in items)
    assert "中共中央政治局4月29日召开会议" in items[0].text
    assert dict(items[0].extra)["url"].startswith("https://tv.cctv.com/2022/04/29/")
    assert not any("查看原文" in d.text for d in items)


def test_two_establishes_first_used_after_the_sixth_plenum(real_store: CorpusStore) -> None:
    (t,) = phrase_timelines(real_store, ["两个确立"], by="month")
    assert t.counted_by == "formulations"
    # The plenum closed on 2021-11-11; the phrase is absent before (days from 2021-10-15,
    # and every day from 10-30, are in the slice) and first appears in the archive on 11-15.
    assert t.first == "2021-11-15"
    assert "2021-11-11" < t.first < "2021-12-01"
    months = {p.period: p.documents for p in t.series}
    assert months["2021-11"] > 0 and months["2021-12"] > 0
    assert t.series[0].period == "2021-11"
    first_docs = real_store.infos(t.first_documents)
    assert all(d.date == "2021-11-15" for d in first_docs.values())
    assert any("两个确立" in real_store.document(i).normalized for i in t.first_documents)


def test_politburo_april_2022_line_first_on_the_day(real_store: CorpusStore) -> None:
    (t,) = phrase_timelines(real_store, [POLITBURO_2022_04], by="month")
    assert t.first == "2022-04-29"
    (doc,) = t.first_documents
    assert "中共中央政治局4月29日召开会议" in real_store.document(doc).text


@pytest.mark.parametrize("phrase", ["两个确立", "两个维护", "共同富裕", POLITBURO_2022_04])
def test_counts_agree_with_a_plain_substring_count(real_store: CorpusStore, phrase: str) -> None:
    """The timeline's numbers against str.count over the raw items' text (outside Tifa's
    reading: the day files split with a regex, markup left in)."""
    (t,) = phrase_timelines(real_store, [phrase], by="year")
    per_doc = [chunk.count(phrase) for chunks in _items_by_day().values() for chunk in chunks]
    assert t.occurrences == sum(per_doc) > 0
    assert t.documents == sum(1 for n in per_doc if n)
    assert sum(p.occurrences for p in t.series) == t.occurrences


def test_any_phrase_works_by_substring(real_store: CorpusStore) -> None:
    phrase = "北京冬奥会"
    (t,) = phrase_timelines(real_store, [phrase], by="quarter")
    assert t.counted_by == "substring"
    raw = [c.count(phrase) for cs in _items_by_day().values() for c in cs]
    assert t.occurrences == sum(raw) and t.documents == sum(1 for n in raw if n)
    assert [p.period for p in t.series][:2] == ["2021-Q4", "2022-Q1"]


def test_search_in_either_script(real_store: CorpusStore) -> None:
    simplified = real_store.search("两个确立")
    traditional = real_store.search("兩個確立")
    assert [h.id for h in traditional] == [h.id for h in simplified]
    assert len(simplified) == phrase_timelines(real_store, ["两个确立"])[0].documents
    assert all("【两个确立】" in h.snippet for h in simplified)
    counts = [h.count for h in simplified]
    assert counts == sorted(counts, reverse=True)
    assert len(real_store.search("兩個確立", limit=3)) == 3


@pytest.mark.parametrize("query", ["两个确立", "冬奥", "疫", "。"])
def test_snippets_are_the_display_text_around_the_first_match(
    real_store: CorpusStore, query: str
) -> None:
    """Every hit's snippet (cut from the normalised text when the display text is the same)
    is the display text around the first match, as the general path through the layout
    makes it."""
    hits = real_store.search(query)
    assert hits
    texts = dict(real_store.normalized_texts([h.id for h in hits]))
    plain = 0
    for hit in hits:
        document = real_store.document(hit.id)
        display = "\n".join(p.text for p in document.paragraphs)
        plain += display == texts[hit.id]
        start = texts[hit.id].index(query)
        expected = real_store.snippet(hit.id, start, len(query))
        assert hit.snippet == expected
        if display == texts[hit.id]:
            assert f"【{query}】" in hit.snippet
    assert plain > 0  # the fast path was taken


def test_short_queries_take_the_scan_path(real_store: CorpusStore) -> None:
    """One and two characters are below the trigram index; the answer is still exact."""
    for query in ("冬奥", "疫"):
        hits = real_store.search(query)
        expected = sum(1 for _, text in real_store.normalized_texts() if query in text)
        assert len(hits) == expected > 0


def test_new_formulations_after_a_date(real_store: CorpusStore) -> None:
    found = new_formulations(real_store, dt.date(2022, 4, 28))
    by_phrase = {f.phrase: f for f in found}
    assert by_phrase[POLITBURO_2022_04].first == "2022-04-29"
    assert "两个确立" not in by_phrase  # first used in 2021
    ranks = [(f.documents, f.occurrences) for f in found]
    assert ranks == sorted(ranks, reverse=True)
    assert all(f.first > "2022-04-28" for f in found)
    assert all(real_store.infos(f.first_documents) for f in found[:10])


def test_timeline_outputs(real_store: CorpusStore, tmp_path: Path) -> None:
    timelines = phrase_timelines(real_store, ["两个确立", POLITBURO_2022_04], by="quarter")
    payload = json.loads(json.dumps(timeline_json(timelines), ensure_ascii=False))
    assert set(payload) == {"phrases"}
    for entry in payload["phrases"]:
        assert set(entry) == {"phrase", "variants", "first", "last", "documents",
                              "occurrences", "undated", "copies", "series"}
        assert entry["undated"] == 0  # every item of the slice is dated
        assert entry["copies"] == 0  # no item of the slice is stored twice
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", entry["first"])
        for p in entry["series"]:
            assert set(p) == {"period", "documents", "occurrences"}
            assert re.fullmatch(r"\d{4}-Q[1-4]", p["period"])
    docs = real_store.infos([i for t in timelines for i in t.first_documents])
    totals = real_store.documents_per_period("quarter")
    assert set(totals) == {"2021-Q4", "2022-Q2"}  # the slice's two stretches
    assert sum(totals.values()) == real_store.info().documents
    html = render_timeline_html(timelines, "quarter", docs, totals=totals)
    assert "<svg" in html and "两个确立" in html and "2021-Q4" in html
    assert f"<td class=\"muted\">{totals['2021-Q4']}</td>" in html
    assert "<script" not in html and "http" not in html.split("<body>")[0]
    png = render_timeline_png(timelines, "quarter")
    assert png.startswith(b"\x89PNG")


def test_store_is_within_three_times_the_text(real_store: CorpusStore) -> None:
    info = real_store.info()
    assert info.documents == sum(len(chunks) for chunks in _items_by_day().values()) > 300
    # the text and its indexes within 3 × the text; each document has fixed costs on top:
    # its MinHash signature (512 bytes), the signature's index for echoes (128 keys, ~2 KB)
    # and its characters' entry in the short-query index (~0.3 KB): small beside articles
    # (2.16 × in all on bench/corpus.py's 10,000 documents of ~2,000 characters) but not
    # beside this slice's broadcast items of ~460 characters
    assert info.size_bytes <= 3 * info.text_bytes + 3 * 1024 * info.documents
