"""Time of writing the report in every format for 31 documents ("one meeting as reported by
every province", generated from the seeds as in bench/compare.py).

Reported as seconds and as a ratio to the JSON report measured in the same run (the plain
serialisation of the same comparison), so numbers from different machines compare. This
replaces the wall-clock limit the test suite used to hold (tests/engine/test_export_api.py
now checks only that every format is written and readable).

    .venv/bin/python bench/export.py [--quick]
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

from compare import province_reports, seed_paragraphs
from tifa.engine.compare.pipeline import compare
from tifa.engine.export import export
from tifa.engine.export.view import build_view
from tifa.engine.normalize import document_from_text

FORMATS = ("json", "html", "csv", "xlsx", "docx", "pdf")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv or os.environ.get("TIFA_BENCH_QUICK") == "1"
    reports = province_reports(seed_paragraphs(), random.Random(7))
    if quick:
        reports = reports[:8]
    documents = [
        document_from_text("\n\n".join(paragraphs), path=f"{k:02d}.txt", title=f"第{k}省")
        for k, paragraphs in enumerate(reports, start=1)
    ]
    comparison = compare(documents)
    view = build_view(comparison)
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in FORMATS:
            target = Path(folder) / (name if name == "csv" else f"report.{name}")
            best = float("inf")
            for _ in range(1 if quick else 2):
                started = time.perf_counter()
                export(comparison, target, format=name, view=view)
                best = min(best, time.perf_counter() - started)
            seconds[name] = best
    base = seconds["json"]
    print(f"{len(documents)} documents; best of {1 if quick else 2} runs")
    for name in FORMATS:
        print(f"  {name:5s} {seconds[name]:7.2f} s   {seconds[name] / base:6.1f} × json")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
