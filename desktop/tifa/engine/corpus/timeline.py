"""Formulation timelines and first uses over the corpus.

A phrase's variants come from the lexicon (its aliases and curated variants). Every phrase
is counted by substring search over the normalised text (so any phrase works), joined with
the occurrences the formulation finder stored when the documents were added (``count_phrase``).
Only current, dated documents count; the undated ones using a phrase are counted apart
(``PhraseTimeline.undated``) so a timeline can say it left them out. A text stored twice
with the same date (from UTF-8 and from GBK, saved again under another name) counts once,
as search folds it (``PhraseTimeline.copies``; ``CorpusStore.copies_among``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from tifa.engine.compare.lexicon import Lexicon, load_lexicon, normalize_phrase, phrase_key
from tifa.engine.corpus.store import CorpusStore, normalize_query

PERIODS = ("month", "quarter", "year")


@dataclass(frozen=True, slots=True)
class PeriodCount:
    period: str  # YYYY-MM, YYYY-Qn or YYYY
    documents: int
    occurrences: int


@dataclass(frozen=True, slots=True)
class PhraseTimeline:
    phrase: str
    variants: tuple[str, ...]
    first: str | None  # YYYY-MM-DD
    last: str | None
    documents: int
    occurrences: int
    series: tuple[PeriodCount, ...]  # every period from first to last, empty ones included
    first_documents: tuple[int, ...]  # ids of the documents of the first use
    counted_by: str  # "formulations" (stored occurrences + text search) or "substring"
    undated: int = 0  # current documents using the phrase that have no date (not counted)
    copies: int = 0  # documents left out as copies of a counted one (same text and date)


@dataclass(frozen=True, slots=True)
class NewFormulation:
    phrase: str
    category: str
    origin: str
    first: str
    documents: int
    occurrences: int
    first_documents: tuple[int, ...]


def period_of(date: str, by: str) -> str:
    """The period of a ``YYYY-MM-DD`` date: ``YYYY-MM``, ``YYYY-Qn`` or ``YYYY``."""
    if by == "month":
        return date[:7]
    if by == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"
    if by == "year":
        return date[:4]
    raise ValueError(f"unknown period {by!r} (month, quarter, year)")


def periods_between(first: str, last: str, by: str) -> tuple[str, ...]:
    """Every period from the one of ``first`` to the one of ``last``, in order."""
    year, month = int(first[:4]), int(first[5:7])
    end = period_of(last, by)
    out: list[str] = []
    step = {"month": 1, "quarter": 3, "year": 12}[by]
    if by == "quarter":
        month = (month - 1) // 3 * 3 + 1
    elif by == "year":
        month = 1
    while True:
        period = period_of(f"{year:04d}-{month:02d}-01", by)
        out.append(period)
        if period == end:
            return tuple(out)
        if year > int(end[:4]):
            raise ValueError(f"{last} is before {first}")
        month += step
        while month > 12:
            month -= 12
            year += 1


def phrase_forms(phrase: str, lexicon: Lexicon) -> tuple[str, tuple[str, ...]]:
    """The phrase (normalised; the lexicon's spelling when it has one) and its variants."""
    normalized = normalize_phrase(phrase)
    entry = lexicon.get(normalized)
    if entry is None:
        return normalized, ()
    variants = [*entry.aliases, *entry.variants]
    for other in lexicon:  # curated links are stored in either direction
        if other is not entry and any(phrase_key(v) == entry.key for v in other.variants):
            variants.append(other.phrase)
    seen = {entry.key}
    unique = []
    for v in variants:
        if phrase_key(v) not in seen:
            seen.add(phrase_key(v))
            unique.append(v)
    return entry.phrase, tuple(unique)


def count_phrase(store: CorpusStore, forms: Sequence[str]) -> tuple[dict[int, int], str]:
    """``{document id: occurrences}`` of any of ``forms`` in current documents, and how they
    were counted.

    Every form is searched in the normalised text; the places the formulation finder found
    when the documents were added are joined to them (it also sees a formulation written
    with other separators or quotes: 疫情要防住，经济要稳住…). Overlapping places count once,
    so forms inside one another (共同富裕 in 全体人民共同富裕) are not counted twice.
    """
    return count_phrases(store, [forms])[0]


def count_phrases(
    store: CorpusStore, phrases: Sequence[Sequence[str]]
) -> list[tuple[dict[int, int], str]]:
    """``count_phrase`` of several phrases (each given as its forms), every candidate text
    read once for all of them.

    The texts are searched as UTF-8 bytes (a byte match of a UTF-8 string is a character
    match), never decoded whole: a document where one form alone matches and the finder
    stored nothing counts its non-overlapping matches (``bytes.count``, what a search
    paragraph by paragraph finds: a form holds no newline); the others have their matches
    mapped to (paragraph, start, end) characters and joined with the stored places."""
    rows = [store.formulation_rows([phrase_key(f) for f in forms]) for forms in phrases]
    by_formulation: dict[int, list[int]] = defaultdict(list)
    for p, found in enumerate(rows):
        for row in found:
            by_formulation[row.id].append(p)
    stored: list[dict[int, set[tuple[int, int, int]]]] = [defaultdict(set) for _ in phrases]
    for doc_id, fid, positions in store.occurrence_positions(list(by_formulation)):
        for p in by_formulation[fid]:
            stored[p][doc_id].update(positions)
    # the texts to read: each candidate document with the (phrase, form) it may hold
    # Latin letters match in either case, as search matches them (the trigram index folds
    # case): such a form is looked for lowered in the lowered text (``bytes.lower`` changes
    # ASCII letters only, so offsets stay the same)
    wanted: dict[int, list[tuple[int, bytes]]] = defaultdict(list)
    fold = False  # some form has Latin letters: the texts are lowered to match them
    everywhere: list[tuple[int, bytes]] = []  # forms no index serves: every text is read
    for p, forms in enumerate(phrases):
        for qb in dict.fromkeys(normalize_query(f).encode("utf-8") for f in forms):
            if not qb or b"\n" in qb:  # a paragraph holds no newline: found nowhere
                continue
            candidates = store.candidates(qb.decode("utf-8"))
            if qb.lower() != qb.upper():  # Latin letters (rcep matches RCEP)
                qb, fold = qb.lower(), True
            if candidates is None:
                everywhere.append((p, qb))
            else:
                for doc_id in candidates:
                    wanted[doc_id].append((p, qb))
    found_text: list[dict[int, int]] = [{} for _ in phrases]
    ids = None if everywhere else list(wanted)
    for doc_id, text in store.normalized_bytes(ids):
        text = text.lower() if fold else text  # only when a form has Latin letters
        matched: dict[int, list[bytes]] = {}
        for p, qb in (*wanted.get(doc_id, ()), *everywhere):
            if qb in text:
                matched.setdefault(p, []).append(qb)
        for p, forms_in in matched.items():
            places = stored[p].get(doc_id)
            if len(forms_in) == 1 and not places:
                found_text[p][doc_id] = text.count(forms_in[0])
                continue
            spans = stored[p][doc_id]
            for qb in forms_in:
                spans.update(_char_spans(text, qb))
    result = []
    for p in range(len(phrases)):
        counts = dict(found_text[p])
        counts.update((doc_id, _clusters(spans)) for doc_id, spans in stored[p].items()
                      if spans)
        result.append((counts, "formulations" if rows[p] else "substring"))
    return result


def _char_spans(text: bytes, qb: bytes) -> Iterator[tuple[int, int, int]]:
    """``(paragraph, start, end)`` in characters of the non-overlapping matches of ``qb``
    in the UTF-8 ``text`` (paragraphs joined by newlines; ``qb`` holds none)."""
    length = len(qb.decode("utf-8"))
    paragraph, line = 0, 0  # the paragraph before ``line`` (its first byte) is counted
    at = text.find(qb)
    while at >= 0:
        newlines = text.count(b"\n", line, at)
        if newlines:
            paragraph += newlines
            line = text.rfind(b"\n", line, at) + 1
        start = len(text[line:at].decode("utf-8"))
        yield paragraph, start, start + length
        at = text.find(qb, at + len(qb))


def _clusters(spans: set[tuple[int, int, int]]) -> int:
    """How many separate places the spans cover (overlapping spans are one place)."""
    count = 0
    last_paragraph, last_end = -1, -1
    for paragraph, start, end in sorted(spans):
        if paragraph != last_paragraph or start >= last_end:
            count += 1
            last_paragraph, last_end = paragraph, end
        else:
            last_end = max(last_end, end)
    return count


def phrase_timelines(
    store: CorpusStore,
    phrases: Sequence[str],
    *,
    by: str = "month",
    lexicon: Lexicon | None = None,
) -> tuple[PhraseTimeline, ...]:
    """One timeline per phrase (variants included), over current dated documents."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r} (month, quarter, year)")
    lexicon = lexicon if lexicon is not None else load_lexicon()
    result = []
    forms = [phrase_forms(phrase, lexicon) for phrase in phrases]
    counted = count_phrases(store, [(main, *variants) for main, variants in forms])
    copies = store.copies_among({d for counts, _ in counted for d in counts})
    for (main, variants), (counts, how) in zip(forms, counted, strict=True):
        left_out = sum(1 for d in counts if d in copies)
        counts = {d: n for d, n in counts.items() if d not in copies}
        dates = store.dates(list(counts))
        dated = [(dates[d], d, n) for d, n in counts.items() if _plausible(dates.get(d))]
        undated = len(counts) - len(dated)
        if not dated:
            result.append(PhraseTimeline(main, variants, None, None, 0, 0, (), (), how,
                                         undated, left_out))
            continue
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for date, _, n in dated:
            cell = per[period_of(str(date), by)]
            cell[0] += 1
            cell[1] += n
        first = min(str(d) for d, _, _ in dated)
        last = max(str(d) for d, _, _ in dated)
        series = tuple(PeriodCount(p, *per.get(p, [0, 0]))
                       for p in periods_between(first, last, by))
        result.append(PhraseTimeline(
            main, variants, first, last, len(dated), sum(n for _, _, n in dated), series,
            tuple(sorted(d for date, d, _ in dated if date == first)), how, undated,
            left_out,
        ))
    return tuple(result)


def _plausible(date: str | None) -> bool:
    """A date the reader would keep (1900–2100): a store made by an older Tifa may hold
    0001-01-01 or 9999-12-31 from front matter, which would stretch a series over millennia;
    such documents count as undated."""
    return bool(date) and "1900" <= str(date)[:4] <= "2100" and str(date)[4:5] == "-"


def new_formulations(
    store: CorpusStore, since: dt.date, *, limit: int | None = None
) -> tuple[NewFormulation, ...]:
    """Formulations whose first use in the corpus falls after ``since``, ranked by
    documents then occurrences, with their first documents; a copy of a document (the same
    text and date) counts once."""
    cut = since.isoformat()
    copies = store.copies_among()
    found = [row for row in store.first_uses(leave_out=copies) if row[4] > cut]
    found.sort(key=lambda r: (-r[5], -r[6], r[4], r[1]))
    if limit is not None:
        found = found[:limit]
    return tuple(
        NewFormulation(phrase, category, origin, first, docs, occ,
                       tuple(d for d in store.documents_on(fid, first) if d not in copies))
        for fid, phrase, category, origin, first, docs, occ in found
    )
