"""The corpus's fast counting paths give exactly what the plain paths give, on the real slice
(tests/real/corpus): every lexicon phrase with its variants and hundreds of substrings drawn
from the stored texts (punctuation, one character, across paragraphs, traditional script)."""

from __future__ import annotations

import random
import string
from collections import defaultdict
from collections.abc import Iterator, Sequence

import pytest
from _corpus_helpers import REAL_CORPUS, build_store

from tifa.engine.compare.lexicon import load_lexicon, phrase_key
from tifa.engine.corpus import CorpusStore
from tifa.engine.corpus.store import normalize_query
from tifa.engine.corpus.timeline import count_phrases, phrase_forms, phrase_timelines

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CorpusStore]:
    path = tmp_path_factory.mktemp("corpus") / "real.sqlite"
    summary = build_store(path, [REAL_CORPUS], workers=2)
    assert summary.failed == 0
    store = CorpusStore(path)
    yield store
    store.close()


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _reference_count(store: CorpusStore, forms: Sequence[str]) -> dict[int, int]:
    """The timeline's counting as it was first written: the stored places joined with every
    form's matches found paragraph by paragraph in the decoded text (ASCII letters folded to
    lower case, as search and timelines match them); overlaps count once."""
    rows = store.formulation_rows([phrase_key(f) for f in forms])
    spans: dict[int, set[tuple[int, int, int]]] = defaultdict(set)
    for doc_id, _, positions in store.occurrence_positions([r.id for r in rows]):
        spans[doc_id].update(positions)
    for form in forms:
        q = normalize_query(form).translate(_ASCII_LOWER)  # Latin letters in either case
        if not q:
            continue
        for doc_id, text in store.normalized_texts():
            text = text.translate(_ASCII_LOWER)
            if q not in text:
                continue
            for n, paragraph in enumerate(text.split("\n")):
                at = paragraph.find(q)
                while at >= 0:
                    spans[doc_id].add((n, at, at + len(q)))
                    at = paragraph.find(q, at + len(q))
    result = {}
    for doc_id, found in spans.items():
        count, last_paragraph, last_end = 0, -1, -1
        for paragraph, start, end in sorted(found):
            if paragraph != last_paragraph or start >= last_end:
                count += 1
                last_paragraph, last_end = paragraph, end
            else:
                last_end = max(last_end, end)
        if count:
            result[doc_id] = count
    return result


def _drawn_phrases(store: CorpusStore, n: int, seed: int = 13) -> list[str]:
    """Substrings of the stored texts, 1 to 12 characters (a newline now and then)."""
    rng = random.Random(seed)
    texts = [text for _, text in store.normalized_texts()]
    phrases = []
    while len(phrases) < n:
        text = rng.choice(texts)
        size = rng.choice((1, 1, 2, 2, 3, 4, 5, 6, 8, 12))
        at = rng.randrange(max(1, len(text) - size))
        phrases.append(text[at:at + size])
    return phrases


def test_counts_of_many_phrases_at_once_are_the_plain_counts(real_store: CorpusStore) -> None:
    lexicon = load_lexicon()
    groups = [(main, *variants) for main, variants in
              (phrase_forms(entry.phrase, lexicon) for entry in lexicon)]
    groups += [(p,) for p in _drawn_phrases(real_store, 250)]
    groups += [("两个确立", "兩個確立"), ("共同富裕", "全体人民共同富裕", "共同"), ("。",),
               ("，", "。"), ("疫", "疫情"), ("", "冬奥"), ("确立\n",), ("a",), ("2022",)]
    counted = count_phrases(real_store, groups)
    assert len(counted) == len(groups)
    matched = 0
    for forms, (counts, how) in zip(groups, counted, strict=True):
        assert counts == _reference_count(real_store, forms), forms
        keys = [phrase_key(f) for f in forms]
        assert how == ("formulations" if real_store.formulation_rows(keys) else "substring")
        matched += bool(counts)
    assert matched > len(groups) // 2  # most phrases are found somewhere


def test_one_phrase_alone_counts_as_with_others(real_store: CorpusStore) -> None:
    phrases = ["两个确立", "疫情要防住、经济要稳住、发展要安全", "共同富裕", "冬奥", "。"]
    together = phrase_timelines(real_store, phrases, by="month")
    alone = [phrase_timelines(real_store, [p], by="month")[0] for p in phrases]
    assert list(together) == alone


def _reference_hits(
    store: CorpusStore, query: str, shown_otherwise: list[int]
) -> list[tuple[int, int, str]]:
    """``(id, matches, snippet)`` of every current document holding the query, ranked as a
    search ranks them, the snippet cut from the rebuilt document's paragraph of the first
    match through the reader's own offset maps (not the store's layout). The ids whose
    paragraph of the match is displayed otherwise than normalised go to ``shown_otherwise``."""
    q = normalize_query(query)
    found = []
    dates = {d.id: d.date or "" for d in store.documents()}
    for doc_id, text in store.normalized_texts():
        at = text.find(q)
        if at < 0:
            continue
        k = text.count("\n", 0, at)
        start = at - (text.rfind("\n", 0, at) + 1)
        paragraph = store.document(doc_id).paragraphs[k]
        s, e = paragraph.display_span(start, start + len(q))
        shown = paragraph.text
        if shown != paragraph.normalized:
            shown_otherwise.append(doc_id)
        a, b = max(0, s - 30), min(len(shown), e + 30)
        snippet = ("…" if a > 0 else "") + shown[a:s] + "【" + shown[s:e] + "】" + \
            shown[e:b] + ("…" if b < len(shown) else "")
        found.append((doc_id, text.count(q), snippet, dates[doc_id]))
    found.sort(key=lambda h: h[0])
    found.sort(key=lambda h: h[3], reverse=True)
    found.sort(key=lambda h: -h[1])
    return [(doc_id, n, snippet) for doc_id, n, snippet, _ in found]


def test_search_hits_are_the_plain_scan_hits(real_store: CorpusStore) -> None:
    """Ids, counts, order and snippets of every hit (no limit) against a scan of every
    text, for phrases of the lexicon and substrings drawn from the texts (paragraphs whose
    display text differs from the normalised one included)."""
    queries = ["两个确立", "兩個確立", "冬奥", "疫", "。", "高质量发展", "，", "2022"]
    queries += [q for q in _drawn_phrases(real_store, 60, seed=29) if "\n" not in q]
    shown_otherwise: list[int] = []
    for query in queries:
        hits = real_store.search(query)
        expected = _reference_hits(real_store, query, shown_otherwise)
        assert [(h.id, h.count, h.snippet) for h in hits] == expected, query
    assert shown_otherwise  # some snippets came through the layout and the display text
