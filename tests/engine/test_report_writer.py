"""One piecewise writer for the JSON report (documents, pairs with their shared passages,
formulations, matrices): its text is, to the byte, the plain report dict written by Python's
own encoder in the report's layout (each top-level field and each listed item on a line), on
the seeds and on the real documents of tests/real/compare, in both granularities."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from conftest import ALL_SEEDS
from tifa.engine.compare import compare
from tifa.engine.compare.model import CompareSettings, Comparison, Granularity
from tifa.engine.compare.report import _inert, iter_report_json, report_dict, report_json
from tifa.engine.ingest import read_document, read_documents

REAL = Path(__file__).resolve().parents[1] / "real" / "compare"
LISTED = ("documents", "pairs", "formulations", "similarities")


def plain_layout(data: dict[str, Any]) -> str:
    """The report's text from the plain dict: ``json.dumps`` of each field and item, laid
    out as the report is (what the two hand-made writers wrote before they were one)."""
    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = ["{"]
    for k, (name, value) in enumerate(data.items()):
        parts.append(f"{',' if k else ''}\n{dumps(name)}: ")
        if name in LISTED:
            items = (f"{',' if n else ''}\n  {dumps(item)}" for n, item in enumerate(value))
            parts.append(f"[{''.join(items)}\n]")
        else:
            parts.append(dumps(value))
    parts.append("\n}\n")
    return _inert("".join(parts))


@cache
def seeds(granularity: Granularity) -> Comparison:
    documents = [read_document(p) for p in ALL_SEEDS]
    return compare(documents, settings=CompareSettings(granularity=granularity))


@cache
def real(granularity: Granularity) -> Comparison:
    documents = [d for p in sorted(REAL.glob("*.*")) if p.name != "SOURCES"
                 for d in read_documents(p, whole_files=True)]
    return compare(documents, settings=CompareSettings(granularity=granularity))


@pytest.mark.slow
@pytest.mark.parametrize("made", [seeds, real], ids=["seeds", "real"])
@pytest.mark.parametrize("granularity", [Granularity.AUTO, Granularity.SENTENCE])
def test_the_report_is_the_plain_dict_to_the_byte(made: Any, granularity: Granularity) -> None:
    comparison = made(granularity)
    text = "".join(iter_report_json(comparison))
    assert sum(len(p.shared) for p in comparison.pairs) > 20  # passages were written
    assert text == plain_layout(report_dict(comparison)) == report_json(comparison)
