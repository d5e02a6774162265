"""Timings of Tifa's word layer: tokenizer start-up and speed, shared wording, formulations.

Run: ``.venv/bin/python bench/words.py``. Inputs are generated from the sample reports: two
documents of ~100,000 characters (paragraphs drawn at random from all seeds, each edited by an
insertion) and 31 documents of ~12,000 characters (one meeting "as reported by every
province"). Each timing is the best of three runs, caches cleared between runs.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tifa.engine.compare.formulations import find_formulations
from tifa.engine.compare.shared import distinctiveness_weights, shared_passages
from tifa.engine.compare.tokenize import WordTokenizer, get_tokenizer
from tifa.engine.ingest import document_from_string, read_document
from tifa.engine.model import Document
from tifa.engine.paths import sample_documents


def best_of(
    runs: int, job: Callable[[], object], before: Callable[[], None] = lambda: None
) -> float:
    times = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        job()
        times.append(time.perf_counter() - started)
    return min(times)


def generated(pool: list[str], size: int, seed: int) -> Document:
    rng = random.Random(seed)
    lines: list[str] = []
    while sum(map(len, lines)) < size:
        line = rng.choice(pool)
        cut = rng.randrange(0, max(1, len(line)))
        lines.append(f"{line[:cut]}第{len(lines)}项{line[cut:]}")
    return document_from_string("\n".join(lines), path=Path(f"gen{seed}.txt"), title="gen")


def cold_start(code: str) -> float:
    """Seconds for a fresh interpreter to run ``code`` (import included), best of three."""
    script = f"import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
    return min(
        float(
            subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            ).stdout.split()[-1]
        )
        for _ in range(3)
    )


def main() -> None:
    seeds = [read_document(p) for p in sample_documents()]
    pool = [p.normalized for d in seeds for p in d.paragraphs if len(p.normalized) > 20]
    print("Tokenizer start-up (fresh process, import + dictionary + lexicon words):")
    rjieba = cold_start("from tifa.engine.compare.tokenize import get_tokenizer; get_tokenizer()")
    jieba = cold_start(
        "from tifa.engine.compare.tokenize import get_tokenizer; get_tokenizer(backend='jieba')"
    )
    print(f"  rjieba {rjieba:.2f} s, jieba (cache file warm) {jieba:.2f} s")

    tokenizer = get_tokenizer()
    a, b = generated(pool, 100_000, 1), generated(pool, 100_000, 2)
    paragraphs = [p.normalized for p in a.paragraphs]
    t = best_of(3, lambda: [tokenizer.tokenize(p) for p in paragraphs], tokenizer.clear_cache)
    print(f"Tokenize {a.size:,} characters ({len(paragraphs)} paragraphs): {t:.3f} s (rjieba)")
    slow = WordTokenizer(tokenizer.words_kept_whole, backend="jieba")
    t_jieba = best_of(1, lambda: [slow.tokenize(p) for p in paragraphs])
    print(f"  same with jieba: {t_jieba:.3f} s")

    weights = distinctiveness_weights((a, b))
    t = best_of(3, lambda: shared_passages(a, b), tokenizer.clear_cache)
    found = shared_passages(a, b, weights=weights)
    print(
        f"Shared passages, {a.size:,} × {b.size:,} characters: {t:.2f} s "
        f"(cold tokenizer cache, weights included), {len(found)} passages"
    )

    t = best_of(3, lambda: find_formulations((a, b)), tokenizer.clear_cache)
    print(f"Formulations in those two documents: {t:.2f} s")
    many = [generated(pool, 12_000, 100 + i) for i in range(31)]
    t = best_of(3, lambda: find_formulations(many), tokenizer.clear_cache)
    print(f"Formulations in 31 documents of ~12,000 characters: {t:.2f} s")
    t = best_of(3, lambda: find_formulations(seeds), tokenizer.clear_cache)
    print(f"Formulations in the five seeds: {t:.2f} s, {len(find_formulations(seeds))} found")


if __name__ == "__main__":
    main()
