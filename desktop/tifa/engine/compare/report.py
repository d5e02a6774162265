"""The JSON report of a comparison: a versioned, documented format for other tools.

The format is described by ``resources/schema/report.schema.json`` (JSON Schema 2020-12),
which the tests validate every report against. Offsets are code points on each paragraph's
``normalized`` text (``[paragraph, start, end]`` spans); document and paragraph indices count
from 0. Fields may be added in later versions of the same ``schema_version``; a field is
renamed or removed only with a new ``schema_version``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from tifa import __version__
from tifa.engine.compare.model import (
    Alignment,
    Comparison,
    Formulation,
    PairComparison,
    ParagraphLink,
    ParagraphMarks,
    SentenceLink,
    SharedPassage,
    SimilarityMatrix,
    SpanRef,
)
from tifa.engine.model import Document
from tifa.engine.paths import resource

SCHEMA_VERSION = 1
# the string encoder json.JSONEncoder(ensure_ascii=False) uses (C when available)
_encode_string: Callable[[str], str] = json.encoder.encode_basestring
SCHEMA_PATH = ("schema", "report.schema.json")

JsonDict = dict[str, Any]


def report_schema() -> JsonDict:
    """The JSON Schema the reports follow."""
    schema: JsonDict = json.loads(resource(*SCHEMA_PATH).read_text(encoding="utf-8"))
    return schema


def _span(span: SpanRef) -> list[int]:
    return [span.paragraph, span.start, span.end]


def _document(document: Document, index: int, marks: Sequence[ParagraphMarks]) -> JsonDict:
    return {
        "index": index,
        "path": str(document.path),
        "name": document.name,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "source": document.source,
        "author": document.author,
        "encoding": document.encoding,
        "script": document.script.value,
        "format": document.format,
        "size": document.size,
        "warnings": [
            {
                "code": w.code,
                "message": w.message,
                "positions": [list(p) for p in w.positions],
            }
            for w in document.warnings
        ],
        "extra": dict(document.extra),
        "paragraphs": [
            {
                "index": p.index,
                "kind": p.kind.value,
                "text": p.text,
                "normalized": p.normalized,
                "shared": [list(s) for s in m.shared],
                "new": [list(s) for s in m.new],
                "formulations": [[s, e, phrase] for s, e, phrase in m.formulations],
            }
            for p, m in zip(document.paragraphs, marks, strict=True)
        ],
    }


def _link(link: ParagraphLink) -> JsonDict:
    return {"a": list(link.a), "b": list(link.b), "score": link.score, "kind": link.kind.value}


def _sentence_link(link: SentenceLink) -> JsonDict:
    return {
        "a": [_span(s) for s in link.a],
        "b": [_span(s) for s in link.b],
        "score": link.score,
        "kind": link.kind.value,
    }


def _shared(passage: SharedPassage) -> JsonDict:
    return {
        "text": passage.text,
        "a": _span(passage.a),
        "b": _span(passage.b),
        "weight": passage.weight,
    }


def _pair(
    pair: PairComparison, similarities: Sequence[SimilarityMatrix], *, streamed: bool = False,
    ahead: WrittenAhead | None = None,
) -> JsonDict:
    """The pair as JSON-ready values; ``streamed``: its links and shared passages as
    ``_Written`` pieces (``_passage_pieces``) for ``_encoded_pieces``, not lists of dicts
    (their text written ahead, if ``ahead`` has it)."""
    links = ahead.text(pair.links) if streamed and ahead is not None else None
    shared = ahead.text(pair.shared) if streamed and ahead is not None else None
    return {
        "a": pair.a,
        "b": pair.b,
        "similarity": pair.similarity,
        "similarities": {m.metric: m.at(pair.a, pair.b) for m in similarities},
        # streamed: one call of the encoder for the whole list (one a link took ~3 µs more)
        "links": _Written((links or _links_text(pair.links),)) if streamed
        else [_link(link) for link in pair.links],
        "sentence_links": [_sentence_link(sl) for sl in pair.sentence_links],
        "shared": _Written((shared,) if shared else _passage_pieces(pair.shared)) if streamed
        else [_shared(p) for p in pair.shared],
        "granularity": {
            "used": pair.granularity.value,
            "reason": pair.granularity_reason.value,
            "detail": pair.granularity_detail,
        },
    }


def _links_text(links: Sequence[ParagraphLink]) -> str:
    return _encode([_link(link) for link in links])


class WrittenAhead:
    """Pairs' links and shared passages written as JSON text while the comparison runs
    (``write``: the command line calls it as each pair's results come, with worker processes
    comparing other pairs meanwhile; after the last pair, it was ~0.13 s of the 31 readouts'
    report, this process alone). ``write_report`` uses a text only for the very tuple it was
    written from (the text depends on nothing else)."""

    __slots__ = ("_texts",)

    def __init__(self) -> None:
        # id of the tuple -> (the tuple, kept so that its id stays its own; its text)
        self._texts: dict[int, tuple[object, str]] = {}

    def write(
        self, links: tuple[ParagraphLink, ...], shared: tuple[SharedPassage, ...]
    ) -> None:
        self._texts[id(links)] = (links, _links_text(links))
        self._texts[id(shared)] = (shared, "".join(_passage_pieces(shared)))

    def text(self, value: tuple[object, ...]) -> str | None:
        """The text written for ``value`` (this very tuple), or None."""
        kept = self._texts.get(id(value))
        return kept[1] if kept is not None and kept[0] is value else None


class _Written:
    """A value already written as JSON text, in pieces that ``_encoded_pieces`` passes on as
    they come (made inert, see ``_inert``)."""

    __slots__ = ("pieces",)

    def __init__(self, pieces: Iterable[str]) -> None:
        self.pieces = pieces


_PASSAGES_A_PIECE = 512


def _passage_pieces(passages: Sequence[SharedPassage]) -> Iterator[str]:
    """``[_shared(p), ...]`` as the compact encoder writes it, a few hundred passages a piece,
    written directly: tens of thousands of small dicts cost more to build and walk than to
    write."""
    text, number = _encode_string, float.__repr__
    yield "["
    for first in range(0, len(passages), _PASSAGES_A_PIECE):
        written = []
        for p in passages[first:first + _PASSAGES_A_PIECE]:
            a, b, weight = p.a, p.b, p.weight
            if type(weight) is not float or not math.isfinite(weight):  # (never: see model)
                written.append(_raw_encode(_shared(p)))
                continue
            written.append(
                f'{{"text": {text(p.text)}, "a": [{a.paragraph}, {a.start}, {a.end}], '
                f'"b": [{b.paragraph}, {b.start}, {b.end}], "weight": {number(weight)}}}')
        yield _inert(f"{', ' if first else ''}{', '.join(written)}")
    yield "]"


def _formulation(formulation: Formulation) -> JsonDict:
    return {
        "phrase": formulation.phrase,
        "category": formulation.category,
        "counts": list(formulation.counts),
        "variants": list(formulation.variants),
        "gloss": formulation.gloss,
        "first_year": formulation.first_year,
        "origin": formulation.origin,
        "source": formulation.source,
        "occurrences": [[o.document, o.paragraph, o.start, o.end] for o in formulation.occurrences],
    }


def _matrix(matrix: SimilarityMatrix) -> JsonDict:
    return {"metric": matrix.metric, "matrix": matrix.rows()}


#: Which pairs the report lists in full (``pairs``): "computed", those the comparison computed
#: up front (every pair of a small comparison, the pivot's pairs of a big one); "all", every
#: pair (those not computed up front are computed as they are written, one at a time).
PAIR_SCOPES = ("computed", "all")


def _listed_pairs(comparison: Comparison, pairs: str) -> Iterable[PairComparison]:
    if pairs not in PAIR_SCOPES:
        raise ValueError(f"pairs must be one of {', '.join(PAIR_SCOPES)}, not {pairs!r}")
    if pairs == "all" and not comparison.all_pairs_computed:
        return comparison.iter_pairs()
    return comparison.pairs


def report_dict(
    comparison: Comparison, *, lists: bool = True, pairs: str = "computed"
) -> JsonDict:
    """The report as plain JSON-ready values (with ``lists=False``, the long lists — see
    ``_LISTED`` — are left empty and ``similarity`` and ``alignment`` are None:
    ``iter_report_json`` writes them item by item, a matrix or table row by row). ``pairs``:
    see ``PAIR_SCOPES``."""
    settings = comparison.settings
    alignment = comparison.alignment
    report = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"tifa {__version__}",
        "settings": {
            "granularity": settings.granularity.value,
            "link_threshold": settings.link_threshold,
            "min_shared_chars": settings.min_shared_chars,
            "ignore_punctuation": settings.ignore_punctuation,
            "ignore_numbers": settings.ignore_numbers,
            "pivot": settings.pivot,
        },
        "documents": [
            _document(d, i, comparison.marks[i]) for i, d in enumerate(comparison.documents)
        ]
        if lists
        else [],
        "pairs": [_pair(p, comparison.similarities) for p in _listed_pairs(comparison, pairs)]
        if lists
        else [],
        "pairs_listed": "all"
        if pairs == "all" or comparison.all_pairs_computed
        else "pivot",
        "formulations": [_formulation(f) for f in comparison.formulations] if lists else [],
        "similarity": _matrix(comparison.similarities[0]) if lists else None,
        "similarities": [_matrix(m) for m in comparison.similarities] if lists else [],
        "order": list(comparison.order),
        "alignment": {
            "pivot": alignment.pivot,
            "rows": [[list(cell) for cell in row.cells] for row in alignment.rows],
            "kinds": [row.kind.value if row.kind else None for row in alignment.rows],
            "moved": [list(row.moved) for row in alignment.rows],
        }
        if lists
        else None,
    }
    return report


def report_json(
    comparison: Comparison, *, indent: int | None = None, pairs: str = "computed"
) -> str:
    """The report as JSON text (UTF-8, Chinese left readable): by default as
    ``iter_report_json`` writes it, one line per document, pair, formulation…; with
    ``indent``, indented throughout (slower: Python's own encoder)."""
    if indent is None:
        return "".join(iter_report_json(comparison, pairs=pairs))
    return _inert(
        json.dumps(report_dict(comparison, pairs=pairs), ensure_ascii=False, indent=indent)
    )


#: Top-level fields whose values are lists written one item a line.
_LISTED = ("documents", "pairs", "formulations", "similarities")


def iter_report_json(
    comparison: Comparison, *, pairs: str = "computed", ahead: WrittenAhead | None = None
) -> Iterator[str]:
    """The report as JSON text in pieces, without building it whole: each top-level field on
    its own line, and each item of the long lists (documents, pairs, formulations,
    similarity matrices) on its own line, compact (the C encoder: fast), written in pieces by
    ``_encoded_pieces``. The value is the same as ``report_dict``'s; the text ends with a
    newline. ``ahead``: pairs' texts written while comparing (``WrittenAhead``)."""
    items: dict[str, Iterable[Any]] = {
        "documents": (
            _document(d, i, comparison.marks[i]) for i, d in enumerate(comparison.documents)
        ),
        "pairs": (
            _pair(p, comparison.similarities, streamed=True, ahead=ahead)
            for p in _listed_pairs(comparison, pairs)
        ),
        "formulations": (_formulation(f) for f in comparison.formulations),
        "similarities": comparison.similarities,
    }
    head = report_dict(comparison, lists=False, pairs=pairs)
    yield "{"
    for k, (name, value) in enumerate(head.items()):
        yield f"{',' if k else ''}\n{_encode(name)}: "
        if name == "similarity":
            yield from _matrix_pieces(comparison.similarities[0])
            continue
        if name == "alignment":
            yield from _alignment_pieces(comparison.alignment)
            continue
        if name not in _LISTED:
            yield _encode(value)
            continue
        yield "["
        for n, item in enumerate(items[name]):
            yield f"{',' if n else ''}\n  "
            if name == "similarities":
                yield from _matrix_pieces(item)
            else:
                yield from _encoded_pieces(item)
        yield "\n]"
    yield "\n}\n"


def _matrix_pieces(matrix: SimilarityMatrix) -> Iterator[str]:
    """``_encode(_matrix(matrix))`` a row at a time: at 1,000 documents the whole matrix as
    Python floats is ~32 MB, its text ~9 MB."""
    yield f"{{{_encode('metric')}: {_encode(matrix.metric)}, {_encode('matrix')}: ["
    for i, row in enumerate(matrix.values):
        yield f"{', ' if i else ''}{_encode(row.tolist())}"
    yield "]}"


def _alignment_pieces(alignment: Alignment) -> Iterator[str]:
    """``_encode(report_dict(...)["alignment"])`` a few rows at a time: its rows hold a cell
    per document (tuples encode as lists do), so the whole table as lists was ~4 × documents²
    lists (at 1,000 documents ~4 million, ~300 MB with its text)."""
    rows = alignment.rows
    yield f"{{{_encode('pivot')}: {_encode(alignment.pivot)}, {_encode('rows')}: "
    yield from _list_pieces(_Written((_raw_encode(row.cells),)) for row in rows)
    kinds = [row.kind.value if row.kind else None for row in rows]
    yield f", {_encode('kinds')}: {_encode(kinds)}, {_encode('moved')}: "
    yield from _list_pieces(_Written((_raw_encode(row.moved),)) for row in rows)
    yield "}"


def _encoded_pieces(value: Any, depth: int = 2) -> Iterator[str]:
    """``_encode(value)`` in pieces: a dict's or list's members (down to ``depth`` levels)
    one at a time, joined as the compact encoder joins them (the same text), so that a huge
    document's paragraphs are not one string (a 19 MB text's line was ~40 MB more, then its
    UTF-8 bytes); a ``_Written`` member (a pair's shared passages) as its own pieces."""
    if isinstance(value, _Written):
        yield from value.pieces
    elif depth and isinstance(value, dict) and all(isinstance(k, str) for k in value):
        yield "{"
        for n, (key, member) in enumerate(value.items()):
            yield f"{', ' if n else ''}{_encode(key)}: "
            yield from _encoded_pieces(member, depth - 1)
        yield "}"
    elif depth > 1 and isinstance(value, (list, tuple)):
        yield "["
        for n, member in enumerate(value):
            if n:
                yield ", "
            yield from _encoded_pieces(member, depth - 1)
        yield "]"
    elif depth and isinstance(value, (list, tuple)):
        yield from _list_pieces(value)
    else:
        yield _encode(value)


_PIECE_CHARS = 64 * 1024


def _list_pieces(members: Iterable[Any]) -> Iterator[str]:
    """A list's members encoded one by one, joined into pieces of about ``_PIECE_CHARS``
    (a document's paragraphs, a pair's links): one piece a member would cost a call and a
    generator step each."""
    yield "["
    batch: list[str] = []
    size, joined = 0, False
    for member in members:
        if isinstance(member, _Written):
            batch.append("".join(member.pieces))
        else:
            batch.append(_raw_encode(member))
        size += len(batch[-1])
        if size >= _PIECE_CHARS:
            yield _inert(f"{', ' if joined else ''}{', '.join(batch)}")
            batch, size, joined = [], 0, True
    if batch:
        yield _inert(f"{', ' if joined else ''}{', '.join(batch)}")
    yield "]"


def write_report(
    comparison: Comparison, target: Path | str | IO[str], *, pairs: str = "computed",
    ahead: WrittenAhead | None = None,
) -> None:
    """Write the report to a path (UTF-8; missing parent folders are created; written whole
    or not at all, see ``tifa.engine.atomic``) or an open text stream, as it is made
    (``iter_report_json``; ``ahead``: pairs' texts written while comparing)."""
    if isinstance(target, (str, Path)):
        from tifa.engine.atomic import atomic_path

        with atomic_path(target) as temporary, temporary.open("w", encoding="utf-8") as out:
            out.writelines(iter_report_json(comparison, pairs=pairs, ahead=ahead))
    else:
        target.writelines(iter_report_json(comparison, pairs=pairs, ahead=ahead))


# Characters JSON leaves raw with ensure_ascii=False that a viewer or terminal could act on:
# C1 controls, the bidi embeddings / overrides / isolates, the line and paragraph separators.
# They only occur inside JSON strings, where a \uXXXX escape means the same character.
_ACTIVE_RE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _inert(text: str) -> str:
    return _ACTIVE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# the compact encoder (C when available), Chinese left readable
_raw_encode: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode


def _encode(value: Any) -> str:
    """``value`` as compact JSON text, made inert."""
    return _inert(_raw_encode(value))
