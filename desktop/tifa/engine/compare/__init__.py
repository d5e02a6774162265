"""The comparison engine: alignment, word diff, shared wording, formulations, similarity.

The public API, importable from here (loaded on first use, so that importing the result values
in ``tifa.engine.compare.model`` stays cheap)::

    compare_steps(documents, *, settings=None, tokenizer=None) -> Iterator[Progress | Comparison]
    compare(documents, *, settings=None, tokenizer=None) -> Comparison
    align_paragraphs(doc_a, doc_b, *, settings=None) -> tuple[ParagraphLink, ...]
    align_sentences(doc_a, doc_b, links=None, *, settings=None) -> tuple[SentenceLink, ...]
    nway_alignment(paragraph_counts, links, pivot) -> Alignment
    diff_link(doc_a, doc_b, link, *, tokenizer=None) -> tuple[DiffOp, ...]
    paragraph_matrix(doc_a, doc_b, *, settings=None, cutoff=0.0) -> numpy array (n_a × n_b)
    cluster_order(matrix) -> tuple[int, ...]
    report_dict(comparison) -> dict; write_report(comparison, path_or_stream) -> None
    find_formulations(documents) -> tuple[Formulation, ...]; formulation_status(f, a, b)
    shared_passages(doc_a, doc_b, *, min_chars=4) -> tuple[SharedPassage, ...]; new_wording
    get_tokenizer() -> WordTokenizer
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tifa.engine.compare.align import align_keys, align_paragraphs, mirror_links, unlinked
    from tifa.engine.compare.formulations import find_formulations, formulation_status
    from tifa.engine.compare.nway import links_between, nway_alignment
    from tifa.engine.compare.pipeline import compare, compare_steps
    from tifa.engine.compare.report import (
        SCHEMA_VERSION,
        report_dict,
        report_json,
        report_schema,
        write_report,
    )
    from tifa.engine.compare.sentences import align_sentences, mirror_sentence_links
    from tifa.engine.compare.shared import new_wording, shared_passages
    from tifa.engine.compare.similarity import cluster_order, most_central, paragraph_matrix
    from tifa.engine.compare.tokenize import get_tokenizer
    from tifa.engine.compare.worddiff import diff_link, diff_spans, diff_texts

_EXPORTS = {
    "align_keys": "align",
    "align_paragraphs": "align",
    "mirror_links": "align",
    "unlinked": "align",
    "find_formulations": "formulations",
    "formulation_status": "formulations",
    "new_wording": "shared",
    "shared_passages": "shared",
    "get_tokenizer": "tokenize",
    "links_between": "nway",
    "nway_alignment": "nway",
    "compare": "pipeline",
    "compare_steps": "pipeline",
    "SCHEMA_VERSION": "report",
    "report_dict": "report",
    "report_json": "report",
    "report_schema": "report",
    "write_report": "report",
    "align_sentences": "sentences",
    "mirror_sentence_links": "sentences",
    "cluster_order": "similarity",
    "most_central": "similarity",
    "paragraph_matrix": "similarity",
    "diff_link": "worddiff",
    "diff_spans": "worddiff",
    "diff_texts": "worddiff",
}

__all__ = [
    "SCHEMA_VERSION",
    "align_keys",
    "align_paragraphs",
    "align_sentences",
    "cluster_order",
    "compare",
    "compare_steps",
    "diff_link",
    "diff_spans",
    "diff_texts",
    "find_formulations",
    "formulation_status",
    "get_tokenizer",
    "links_between",
    "mirror_links",
    "mirror_sentence_links",
    "most_central",
    "new_wording",
    "nway_alignment",
    "paragraph_matrix",
    "report_dict",
    "report_json",
    "report_schema",
    "shared_passages",
    "unlinked",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
