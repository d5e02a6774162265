"""Benchmark: reading + cleaning + normalising documents, in characters per second, one core.

Each seed is repeated into a file of about ``--mb`` megabytes (its own format: the
Markdown/HTML seeds stay Markdown/HTML), written to a temporary folder, and read with
``read_document`` — bytes, encoding detection, format extraction, paragraphs, boilerplate,
normalisation (OpenCC, punctuation, offset maps), metadata, script and corruption checks.
Throughput counts the characters of the decoded input (markup included); the characters of
text that come out (normalised) are shown beside it. The first, cold read (OpenCC and
rule loading) is reported apart. Target: at least 2,000,000 characters a second.

    .venv/bin/python bench/ingest.py [--mb 2] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "desktop"))

from tifa.engine.ingest import read_document  # noqa: E402
from tifa.engine.paths import sample_documents  # noqa: E402


def _pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _big_copy(seed: Path, folder: Path, megabytes: float) -> tuple[Path, int]:
    text = seed.read_text(encoding="utf-8")
    repeats = max(1, int(megabytes * 1024 * 1024 / len(text.encode("utf-8"))))
    body = "\n\n".join([text] * repeats)
    target = folder / seed.name
    target.write_text(body, encoding="utf-8")
    return target, len(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of each test file")
    parser.add_argument("--rounds", type=int, default=3, help="best of N rounds")
    parser.add_argument("--pin", action="store_true", help="pin the process to one CPU")
    args = parser.parse_args()
    if args.pin:
        _pin_one_core()

    seeds = sample_documents()
    started = time.perf_counter()
    read_document(seeds[0])
    cold = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp:
        files = [_big_copy(seed, Path(tmp), args.mb) for seed in seeds]
        total_chars = sum(n for _, n in files)
        print(f"cold first read of {seeds[0].name}: {cold * 1000:.0f} ms "
              "(OpenCC dictionaries, rules)")
        print(f"{'file':28} {'chars in':>10} {'text out':>10} {'paragraphs':>10} "
              f"{'seconds':>8} {'chars/s':>12}")
        best_total = float("inf")
        per_file: dict[str, tuple[float, int, int, int]] = {}
        for _ in range(args.rounds):
            round_total = 0.0
            for path, chars in files:
                t0 = time.process_time()
                doc = read_document(path, max_bytes=200 * 1024 * 1024)
                elapsed = time.process_time() - t0
                round_total += elapsed
                best = per_file.get(path.name)
                if best is None or elapsed < best[0]:
                    per_file[path.name] = (elapsed, chars, doc.size, len(doc.paragraphs))
            best_total = min(best_total, round_total)
        for name, (elapsed, chars, out, paragraphs) in per_file.items():
            print(f"{name:28} {chars:>10,} {out:>10,} {paragraphs:>10,} {elapsed:>8.3f} "
                  f"{chars / elapsed:>12,.0f}")
        rate = total_chars / best_total
        total_out = sum(v[2] for v in per_file.values())
        print(f"{'all':28} {total_chars:>10,} {total_out:>10,} {'':>10} {best_total:>8.3f} "
              f"{rate:>12,.0f}")
        print(f"text out: {total_out / best_total / 1e6:.2f} M normalised chars/s")
        verdict = "meets" if rate >= 2_000_000 else "MISSES"
        print(f"ingest + normalise: {rate / 1e6:.2f} M chars/s on one core ({verdict} the "
              "2 M chars/s target)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
