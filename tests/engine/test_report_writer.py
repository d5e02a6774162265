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
from tifa.engine.compare.model import (
    Alignment,
    AlignmentRow,
    CompareSettings,
    Comparison,
    Granularity,
    LinkKind,
)
from tifa.engine.compare.report import (
    _alignment_pieces,
    _inert,
    iter_report_json,
    report_dict,
    report_json,
)
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


def test_a_big_alignment_table_is_written_in_pieces_with_the_encoders_text() -> None:
    """The N-way table of many documents (a cell per document in every row) is written a few
    rows at a time, never as one string: same text as the encoder's of the plain lists."""
    documents, count = 300, 600
    rows = tuple(
        AlignmentRow(
            cells=tuple((r, r + 1) if d == r % documents else () for d in range(documents)),
            kind=(LinkKind.EDITED, LinkKind.MOVED, None)[r % 3],
            moved=tuple(d == r % documents and r % 3 == 1 for d in range(documents)),
        )
        for r in range(count)
    )
    alignment = Alignment(pivot=7, rows=rows)
    plain = {
        "pivot": 7,
        "rows": [[list(cell) for cell in row.cells] for row in rows],
        "kinds": [row.kind.value if row.kind else None for row in rows],
        "moved": [list(row.moved) for row in rows],
    }
    pieces = list(_alignment_pieces(alignment))
    assert "".join(pieces) == json.dumps(plain, ensure_ascii=False)
    whole = len("".join(pieces))
    assert whole > 1_000_000
    assert max(map(len, pieces)) < whole / 5


def test_pairs_written_ahead_give_the_same_report_without_writing_them_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The command line writes each pair's links and shared passages as JSON text as the
    comparison finds them (``compare(pair_done=ahead.write)``); the report then takes those
    texts (no passage is written again) and is the same, byte for byte."""
    from tifa.engine.compare import report

    documents = [read_document(p) for p in ALL_SEEDS]
    ahead = report.WrittenAhead()
    told: list[tuple[object, object]] = []

    def done(links: Any, shared: Any) -> None:
        told.append((links, shared))
        ahead.write(links, shared)

    comparison = compare(documents, pair_done=done)
    assert len(told) == len(comparison.pairs) == 10  # once a pair, the tuples it holds
    assert {(id(p.links), id(p.shared)) for p in comparison.pairs} == {
        (id(links), id(shared)) for links, shared in told
    }
    expected = "".join(iter_report_json(comparison))

    def unwanted(passages: Any) -> Any:
        raise AssertionError("passages written again")

    monkeypatch.setattr(report, "_passage_pieces", unwanted)
    monkeypatch.setattr(report, "_links_text", unwanted)
    assert "".join(iter_report_json(comparison, ahead=ahead)) == expected


def test_a_text_written_ahead_serves_only_its_own_tuple() -> None:
    from dataclasses import replace

    from tifa.engine.compare.report import WrittenAhead, _links_text, _passage_pieces

    document = read_document(ALL_SEEDS[0])
    pair = compare([document, replace(document, path=Path("copy.txt"))]).pairs[0]
    assert pair.links and pair.shared
    ahead = WrittenAhead()
    ahead.write(pair.links, pair.shared)
    assert ahead.text(pair.shared) == "".join(_passage_pieces(pair.shared))
    assert ahead.text(pair.links) == _links_text(pair.links)
    # the same passages in another tuple (another comparison's, say): not taken on trust
    assert ahead.text(tuple(list(pair.shared))) is None
    assert ahead.text(tuple(list(pair.links))) is None
