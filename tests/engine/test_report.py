"""The JSON report: valid against its schema, faithful to the Comparison, stable names."""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from _witness import seed_document
from hypothesis import given
from hypothesis import strategies as st
from jsonschema.validators import Draft202012Validator

from tifa.engine.compare import compare
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    Granularity,
    PairComparison,
    SharedPassage,
    SpanRef,
)
from tifa.engine.compare.report import SCHEMA_VERSION, report_dict, report_schema, write_report


@cache
def comparison() -> Comparison:
    return compare(
        [seed_document(4), seed_document(0), seed_document(3)],
        settings=CompareSettings(granularity=Granularity.SENTENCE),
    )


def test_the_schema_is_valid_draft_2020_12() -> None:
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_reports_validate_against_the_schema(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    write_report(comparison(), target)
    data = json.loads(target.read_text(encoding="utf-8"))
    Draft202012Validator(report_schema()).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION == 1
    stream = io.StringIO()
    write_report(comparison(), stream)
    assert json.loads(stream.getvalue()) == data
    assert "两个维护" in target.read_text(encoding="utf-8"), "Chinese is written as is"


def test_the_report_is_written_piece_by_piece_as_the_same_text(tmp_path: Path) -> None:
    """Written as it is made (``iter_report_json``), never held whole: the file is the text
    ``report_json`` gives, and its value the report's."""
    from tifa.engine.compare.report import iter_report_json, report_json

    compared = comparison()
    target = tmp_path / "report.json"
    write_report(compared, target)
    text = target.read_text(encoding="utf-8")
    assert text == report_json(compared) == "".join(iter_report_json(compared))
    assert json.loads(text) == json.loads(json.dumps(report_dict(compared)))


def test_each_listed_item_is_written_in_pieces_as_its_compact_encoding() -> None:
    """A document's line is written member by member, its paragraphs in pieces of a bounded
    size (a huge document's paragraphs are not one string), and is exactly the compact
    encoder's line: the pieces are smaller than the line they make up."""
    from tifa.engine.compare.report import _document, _encoded_pieces, _pair

    encode = json.JSONEncoder(ensure_ascii=False).encode
    compared = comparison()
    items = [_document(d, i, compared.marks[i]) for i, d in enumerate(compared.documents)]
    items += [_pair(p, compared.similarities) for p in compared.pairs]
    items += [{}, [], {"a": [], "b": {}, "c": [1, {"d": "两个维护"}]}, "x", [1.5, None, True]]
    for item in items:
        pieces = list(_encoded_pieces(item))
        assert "".join(pieces) == encode(item)
    for pair in compared.pairs:  # the same writer, the passages written directly
        streamed = list(_encoded_pieces(_pair(pair, compared.similarities, streamed=True)))
        assert "".join(streamed) == encode(_pair(pair, compared.similarities))
    from tifa.engine.compare import report

    document = max(items[:len(compared.documents)], key=lambda d: len(encode(d)))
    largest = max(len(encode(p)) for p in document["paragraphs"])
    pieces = list(_encoded_pieces(document))  # paragraphs joined into pieces of ~64 KB
    assert max(map(len, pieces)) <= report._PIECE_CHARS + largest + 2
    saved, report._PIECE_CHARS = report._PIECE_CHARS, 1_000
    try:
        pieces = list(_encoded_pieces(document))
    finally:
        report._PIECE_CHARS = saved
    assert "".join(pieces) == encode(document)
    assert max(map(len, pieces)) <= 1_000 + largest + 2 < len(encode(document)) / 4


def test_the_schema_rejects_what_it_should() -> None:
    validator = Draft202012Validator(report_schema())
    data = report_dict(comparison())
    broken = json.loads(json.dumps(data))
    broken["pairs"][0]["links"].append({"a": [0], "b": [1], "score": 0.9, "kind": "shuffled"})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
    broken = json.loads(json.dumps(data))
    del broken["documents"][0]["paragraphs"][0]["normalized"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)
    broken = json.loads(json.dumps(data))
    broken["documents"][1]["date"] = "21 July 2022"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(broken)


def test_the_report_says_what_the_comparison_says() -> None:
    result = comparison()
    data = report_dict(result)
    documents = data["documents"]
    assert [d["path"] for d in documents] == [str(d.path) for d in result.documents]
    assert documents[1]["date"] == "2022-07-21" and documents[0]["date"] is None
    assert documents[1]["source"] == result.documents[1].source
    for doc_json, document in zip(documents, result.documents, strict=True):
        assert [p["text"] for p in doc_json["paragraphs"]] == [p.text for p in document.paragraphs]
        assert [p["normalized"] for p in doc_json["paragraphs"]] == [
            p.normalized for p in document.paragraphs
        ]
    assert [(p["a"], p["b"]) for p in data["pairs"]] == [(0, 1), (0, 2), (1, 2)]
    for pair_json, pair in zip(data["pairs"], result.pairs, strict=True):
        assert pair_json["similarity"] == pair.similarity
        assert [(tuple(x["a"]), tuple(x["b"]), x["kind"]) for x in pair_json["links"]] == [
            (lk.a, lk.b, lk.kind.value) for lk in pair.links
        ]
        for shared_json, passage in zip(pair_json["shared"], pair.shared, strict=True):
            p, start, end = shared_json["a"]
            text = documents[pair_json["a"]]["paragraphs"][p]["normalized"][start:end]
            assert text == shared_json["text"] == passage.text
        assert len(pair_json["sentence_links"]) == len(pair.sentence_links) > 0
    phrases = {f["phrase"]: f for f in data["formulations"]}
    assert phrases["两个维护"]["counts"][0] == 0 < phrases["两个维护"]["counts"][1]
    assert data["similarity"]["metric"] == "shared-text"
    assert data["similarity"]["matrix"] == [list(r) for r in result.similarities[0].values]
    rows = data["alignment"]["rows"]
    assert data["alignment"]["pivot"] == result.alignment.pivot
    assert sum(len(cell) for row in rows for cell in row) == sum(
        len(d.paragraphs) for d in result.documents
    )


def test_the_streamed_report_is_the_report_dict(tmp_path: Path) -> None:
    """``write_report`` writes the report piece by piece: parsed back, it is exactly
    ``report_dict``, and each document and pair sits on its own line."""
    from tifa.engine.compare.report import iter_report_json, report_json

    made = comparison()
    target = tmp_path / "r.json"
    write_report(made, target)
    text = target.read_text(encoding="utf-8")
    assert json.loads(text) == report_dict(made)
    assert text == "".join(iter_report_json(made)) == report_json(made)
    assert json.loads(report_json(made, indent=2)) == report_dict(made)
    lines = text.splitlines()
    assert sum(line.startswith('  {"index"') for line in lines) == len(made.documents)
    assert sum(line.startswith('  {"a"') for line in lines) == len(made.pairs)


_PASSAGE_TEXTS = st.text(
    alphabet=st.sampled_from(
        [*'会议强调"\\/“”\n\t\x00\x7f\x85\u2028\u202e\u2066\ufeff😀a', "\ud800"]
    ),
    max_size=12,
)
_SPANS = st.builds(SpanRef, *[st.integers(min_value=0, max_value=10**6)] * 3)
_WEIGHTS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0.05, 1e-05, 1e16, 0.1 + 0.2, -0.0, 1.0, float("nan"), float("inf")]  # (NaN: never made)
)


@given(st.lists(st.builds(SharedPassage, _PASSAGE_TEXTS, _SPANS, _SPANS, _WEIGHTS), max_size=5))
def test_pairs_are_written_as_the_json_encoder_writes_them(shared: list[SharedPassage]) -> None:
    """The streamed report writes each pair's shared passages itself (no dicts): the text is
    the encoder's, to the byte, whatever the passage text (quotes, controls, bidi, lone
    surrogates) and weight."""
    from tifa.engine.compare.report import _encoded_pieces, _inert, _pair

    encode = json.JSONEncoder(ensure_ascii=False).encode
    pair = PairComparison(0, 1, 0.5, (), tuple(shared), granularity_detail='x "y"')
    from tifa.engine.compare import report

    expected = _inert(encode(_pair(pair, ())))
    for a_piece in (report._PASSAGES_A_PIECE, 2):  # one piece, and pieces of two passages
        saved, report._PASSAGES_A_PIECE = report._PASSAGES_A_PIECE, a_piece
        try:
            written = list(_encoded_pieces(_pair(pair, (), streamed=True)))
        finally:
            report._PASSAGES_A_PIECE = saved
        assert "".join(written) == expected
