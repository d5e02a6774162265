"""Benchmark: Tifa's pairwise paragraph matching against a plain stdlib-difflib implementation.

Both sides run the same job on the same inputs in the same process: score every pair of
paragraphs of two documents, then match them with the same order-aware alignment (Tifa's
heaviest-chain code, fed either Tifa's scores — rapidfuzz with an exact n-gram prefilter — or
``difflib.SequenceMatcher(None, a, b, autojunk=False)`` scores). Inputs are generated from the
seeds, deterministically:

1. two documents of 400 paragraphs (~100,000 characters each): paragraphs assembled from the
   seeds' clauses, the second document an edited copy (edits, moves, splits, merges,
   deletions, insertions). Target: Tifa at least 50× faster.
2. 31 documents, "one meeting as reported by every province": the seeds' paragraphs of two
   Beijing meetings, each province's copy edited, shuffled in places, cut and extended. All
   465 pairs. Target: at least 30× faster.

difflib is slow (minutes on case 1), so by default it scores a random sample of rows (case 1)
or of document pairs (case 2) and the total is extrapolated; ``--full`` runs all of it.
Peak memory (target < 500 MB) is the process's maximum resident set size after Tifa's runs,
before difflib, plus the tracemalloc peak of Tifa's run. This script reports; it fails only
if something crashes.

    .venv/bin/python bench/compare.py [--full] [--quick]

``province_reports`` and ``seed_paragraphs`` are also used by bench/gui.py.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from itertools import combinations
from pathlib import Path

import numpy as np

from tifa.engine.compare.align import (
    PairScores,
    align_keys,
    candidate_scores,
    clear_caches,
    comparison_key,
)
from tifa.engine.compare.model import ParagraphLink
from tifa.engine.compare.pipeline import compare
from tifa.engine.ingest import read_document
from tifa.engine.model import Document, ParagraphKind
from tifa.engine.normalize import make_paragraphs, split_sentences
from tifa.engine.paths import sample_documents

THRESHOLD = 0.5
CLAUSE_CUTS = "，、；：,;:"


# --------------------------------------------------------------------------- inputs


def seed_paragraphs() -> list[list[str]]:
    return [[p.normalized for p in read_document(path).paragraphs] for path in sample_documents()]


def clauses(paragraphs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for text in paragraphs:
        for start, end in split_sentences(text):
            current = ""
            for ch in text[start:end]:
                current += ch
                if ch in CLAUSE_CUTS:
                    out.append(current)
                    current = ""
            if current:
                out.append(current)
    return [c for c in out if len(c) >= 4]


def small_edit(text: str, rnd: random.Random, rate: float = 0.04) -> str:
    chars = list(text)
    for _ in range(max(1, int(len(chars) * rate))):
        i = rnd.randrange(len(chars))
        chars[i] = rnd.choice(text)
    return "".join(chars)


def variant(
    paragraphs: Sequence[str], rnd: random.Random, extra: Sequence[str], *, moves: int
) -> list[str]:
    """An edited copy: edits, splits, merges, deletions, insertions, then ``moves`` moves."""
    out: list[str] = []
    k = 0
    while k < len(paragraphs):
        text = paragraphs[k]
        roll = rnd.random()
        if roll < 0.04:  # deleted
            pass
        elif roll < 0.07 and len(text) > 40:  # split
            cut = len(text) // 2
            out += [text[:cut], text[cut:]]
        elif roll < 0.10 and k + 1 < len(paragraphs):  # merged with the next
            out.append(text + paragraphs[k + 1])
            k += 1
        elif roll < 0.40:
            out.append(small_edit(text, rnd))
        else:
            out.append(text)
        if rnd.random() < 0.05:
            out.append(rnd.choice(extra))
        k += 1
    for _ in range(moves):
        out.insert(rnd.randrange(len(out)), out.pop(rnd.randrange(len(out))))
    return out


def big_pair(seeds: list[list[str]], rnd: random.Random) -> tuple[list[str], list[str]]:
    pool = clauses([p for doc in seeds for p in doc])
    doc_a = []
    for _ in range(400):
        text = ""
        while len(text) < 240:
            text += rnd.choice(pool)
        doc_a.append(text.rstrip(CLAUSE_CUTS) + "。")
    extra = ["".join(rnd.sample(pool, 12)) for _ in range(60)]
    return doc_a, variant(doc_a, rnd, extra, moves=10)


def province_reports(seeds: list[list[str]], rnd: random.Random) -> list[list[str]]:
    meeting = seeds[0] + seeds[4]  # Beijing 2022 and 2017, as one long meeting report
    pool = clauses([p for doc in seeds for p in doc])
    extra = ["".join(rnd.sample(pool, 10)) for _ in range(200)]
    return [variant(meeting, rnd, extra, moves=rnd.randint(0, 3)) for _ in range(31)]


# --------------------------------------------------------------------------- the two sides


def difflib_scores(keys_a: Sequence[str], keys_b: Sequence[str], threshold: float) -> PairScores:
    """Every pair scored with difflib (matched characters as the common subsequence)."""
    rows, cols, matched = [], [], []
    for i, a in enumerate(keys_a):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(a)  # difflib caches the second sequence: reuse it along a row
        for j, b in enumerate(keys_b):
            matcher.set_seq1(b)
            rows.append(i)
            cols.append(j)
            matched.append(sum(block.size for block in matcher.get_matching_blocks()))
    lengths_a = np.array([len(k) for k in keys_a], dtype=np.int64)
    lengths_b = np.array([len(k) for k in keys_b], dtype=np.int64)
    return PairScores(
        lengths_a, lengths_b, np.array(rows), np.array(cols), np.array(matched, dtype=np.int64)
    )


def keys_of(paragraphs: Sequence[str]) -> list[str]:
    return [comparison_key(p) for p in paragraphs]


def tifa_match(keys_a: Sequence[str], keys_b: Sequence[str]) -> tuple[ParagraphLink, ...]:
    return align_keys(keys_a, keys_b, threshold=THRESHOLD)


def difflib_match(keys_a: Sequence[str], keys_b: Sequence[str]) -> tuple[ParagraphLink, ...]:
    return align_keys(keys_a, keys_b, threshold=THRESHOLD, scorer=difflib_scores)


def best_time(job: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        times.append(time.perf_counter() - start)
    return min(times)


def matching_only_time(doc_a: Sequence[str], doc_b: Sequence[str]) -> float:
    """Time of the alignment with the scores already computed (the part both sides share)."""
    keys_a, keys_b = keys_of(doc_a), keys_of(doc_b)
    cache: dict[tuple[int, int], PairScores] = {}

    def cached(a: Sequence[str], b: Sequence[str], threshold: float) -> PairScores:
        key = (id(a), id(b))
        if key not in cache:
            cache[key] = candidate_scores(a, b, threshold)
        return cache[key]

    align_keys(keys_a, keys_b, threshold=THRESHOLD, scorer=cached)
    return best_time(lambda: align_keys(keys_a, keys_b, threshold=THRESHOLD, scorer=cached), 3)


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def traced_peak_mb(job: Callable[[], object]) -> float:
    tracemalloc.start()
    job()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def agreement(first: Sequence[ParagraphLink], second: Sequence[ParagraphLink]) -> float:
    a = {(lk.a, lk.b) for lk in first}
    b = {(lk.a, lk.b) for lk in second}
    return len(a & b) / max(1, len(a | b))


# --------------------------------------------------------------------------- the cases


def case_two_big(seeds: list[list[str]], *, full: bool, sample_rows: int) -> dict[str, float]:
    rnd = random.Random(20220721)
    doc_a, doc_b = big_pair(seeds, rnd)
    chars = (sum(map(len, doc_a)), sum(map(len, doc_b)))
    print(
        f"Case 1: two documents, {len(doc_a)} and {len(doc_b)} paragraphs, "
        f"{chars[0]:,} and {chars[1]:,} characters"
    )

    def run_tifa() -> tuple[ParagraphLink, ...]:
        clear_caches()  # every run starts cold, as a first comparison would
        return tifa_match(keys_of(doc_a), keys_of(doc_b))

    run_tifa()  # warm-up
    tifa_time = best_time(run_tifa, 3)
    links = run_tifa()
    memory = traced_peak_mb(run_tifa)
    rss = peak_rss_mb()
    print(f"  Tifa:    {tifa_time * 1000:8.1f} ms  ({len(links)} links)")
    print(
        f"  memory:  peak RSS so far {rss:.0f} MB, tracemalloc peak of Tifa's run {memory:.1f} MB"
    )
    keys_a, keys_b = keys_of(doc_a), keys_of(doc_b)
    if full:
        start = time.perf_counter()
        baseline = difflib_match(keys_of(doc_a), keys_of(doc_b))
        difflib_time = time.perf_counter() - start
        print(f"  difflib: {difflib_time:8.1f} s   (measured, all pairs)")
        print(f"  links agreeing with difflib's: {agreement(links, baseline):.1%}")
    else:
        rows = random.Random(1).sample(range(len(keys_a)), sample_rows)
        start = time.perf_counter()
        for i in rows:
            difflib_scores([keys_a[i]], keys_b, THRESHOLD)
        sampled = time.perf_counter() - start
        scoring = sampled * len(keys_a) / sample_rows
        matching = matching_only_time(doc_a, doc_b)
        difflib_time = scoring + matching
        print(
            f"  difflib: {difflib_time:8.1f} s   (EXTRAPOLATED: {sample_rows} of {len(keys_a)} "
            f"rows scored in {sampled:.2f} s, × {len(keys_a) / sample_rows:.0f}, "
            f"+ {matching * 1000:.0f} ms of the shared matching)"
        )
    ratio = difflib_time / tifa_time
    print(f"  ratio:   Tifa {ratio:,.0f}× faster (target ≥ 50×: {verdict(ratio >= 50)})")
    return {"ratio": ratio, "rss": rss, "traced": memory}


def case_provinces(seeds: list[list[str]], *, full: bool, sample_pairs: int) -> dict[str, float]:
    rnd = random.Random(20220727)
    reports = province_reports(seeds, rnd)
    pairs = list(combinations(range(len(reports)), 2))
    sizes = [sum(map(len, r)) for r in reports]
    print(
        f"Case 2: {len(reports)} documents ({min(map(len, reports))}–{max(map(len, reports))} "
        f"paragraphs, {min(sizes):,}–{max(sizes):,} characters), {len(pairs)} pairs"
    )

    def all_tifa() -> list[tuple[ParagraphLink, ...]]:
        clear_caches()  # every run starts cold
        keys = [keys_of(r) for r in reports]  # once per document, as the pipeline does
        return [tifa_match(keys[a], keys[b]) for a, b in pairs]

    all_tifa()
    tifa_time = best_time(all_tifa, 3)
    tifa_links = all_tifa()
    memory = traced_peak_mb(all_tifa)
    rss = peak_rss_mb()
    print(f"  Tifa:    {tifa_time * 1000:8.1f} ms  ({sum(map(len, tifa_links))} links in all)")
    print(
        f"  memory:  peak RSS so far {rss:.0f} MB, tracemalloc peak of Tifa's run {memory:.1f} MB"
    )
    chosen = pairs if full else random.Random(2).sample(pairs, sample_pairs)
    start = time.perf_counter()
    keys = [keys_of(r) for r in reports]
    baseline = [difflib_match(keys[a], keys[b]) for a, b in chosen]
    measured = time.perf_counter() - start
    paragraph_pairs = lambda ps: sum(len(reports[a]) * len(reports[b]) for a, b in ps)  # noqa: E731
    difflib_time = measured * paragraph_pairs(pairs) / paragraph_pairs(chosen)
    how = (
        "measured, all pairs"
        if full
        else (
            f"EXTRAPOLATED: {len(chosen)} of {len(pairs)} document pairs in {measured:.1f} s, "
            "scaled by paragraph pairs"
        )
    )
    print(f"  difflib: {difflib_time:8.1f} s   ({how})")
    agree = statistics.mean(
        agreement(tifa_links[pairs.index(p)], links)
        for p, links in zip(chosen, baseline, strict=True)
    )
    print(f"  links agreeing with difflib's on those pairs: {agree:.1%}")
    ratio = difflib_time / tifa_time
    print(f"  ratio:   Tifa {ratio:,.0f}× faster (target ≥ 30×: {verdict(ratio >= 30)})")

    documents = [
        Document(
            path=Path(f"province-{k:02d}.txt"),
            paragraphs=make_paragraphs([(t, ParagraphKind.BODY) for t in report]),
            title=f"province {k}",
        )
        for k, report in enumerate(reports)
    ]
    start = time.perf_counter()
    compare(documents)
    whole = time.perf_counter() - start
    print(
        f"  (for information: the whole comparison of the 31 documents — alignment, shared "
        f"wording, formulations, similarity, table — took {whole:.1f} s)"
    )
    return {"ratio": ratio, "rss": peak_rss_mb(), "traced": memory}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="run difflib on every pair (slow)")
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("TIFA_BENCH_QUICK") == "1",
        help="smaller difflib samples (also TIFA_BENCH_QUICK=1)",
    )
    args = parser.parse_args(argv)
    seeds = seed_paragraphs()
    print(
        f"Tifa vs difflib, pairwise paragraph matching (threshold {THRESHOLD}); Python "
        f"{sys.version.split()[0]}, rapidfuzz with workers=-1, difflib single-threaded"
    )
    one = case_two_big(seeds, full=args.full, sample_rows=4 if args.quick else 12)
    print()
    two = case_provinces(seeds, full=args.full, sample_pairs=3 if args.quick else 10)
    print()
    rss = max(one["rss"], two["rss"])
    print(
        f"Peak memory of the whole run: {rss:.0f} MB resident (target < 500 MB: "
        f"{verdict(rss < 500)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
