"""The corpus: a library of dated documents in one SQLite file (``store``), filled by
``add.add_paths`` (reading in worker processes), queried by search, timelines and first uses.

    store = CorpusStore(path or default_db_path())
    run_to_end(add_paths(store, [folder]))               # Progress, AddEvent..., AddSummary
    store.search("两个确立")                             # SearchHit, one a document
    phrase_timelines(store, ["两个确立"], by="month")    # PhraseTimeline (timeline.py)
    new_formulations(store, since=date)                  # NewFormulation (timeline.py)
    store.document(id)                                   # the engine's Document again

Qt-free; the GUI's Corpus tab and ``tifa corpus`` are thin layers over this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tifa.engine.corpus.add import AddEvent, AddSummary, add_paths, collect_files
    from tifa.engine.corpus.prepare import (
        FormulationCount,
        PreparedFile,
        PreparedItem,
        prepare_file,
        read_items,
    )
    from tifa.engine.corpus.store import (
        SCHEMA_VERSION,
        CorpusError,
        CorpusStore,
        DocumentInfo,
        FileOutcome,
        SearchHit,
        StoreInfo,
        default_db_path,
        normalize_query,
    )

# Names load their module on first use: `tifa corpus search` imports the store alone (no
# reader, formulation finder or process pool), which is most of a short command's time.
_EXPORTS = {
    **dict.fromkeys(("AddEvent", "AddSummary", "add_paths", "collect_files"), "add"),
    **dict.fromkeys(("FormulationCount", "PreparedFile", "PreparedItem", "prepare_file",
                     "read_items"), "prepare"),
    **dict.fromkeys(("SCHEMA_VERSION", "CorpusError", "CorpusStore", "DocumentInfo",
                     "FileOutcome", "SearchHit", "StoreInfo", "default_db_path",
                     "normalize_query"), "store"),
}

__all__ = [
    "SCHEMA_VERSION",
    "AddEvent",
    "AddSummary",
    "CorpusError",
    "CorpusStore",
    "DocumentInfo",
    "FileOutcome",
    "FormulationCount",
    "PreparedFile",
    "PreparedItem",
    "SearchHit",
    "StoreInfo",
    "add_paths",
    "collect_files",
    "default_db_path",
    "normalize_query",
    "prepare_file",
    "read_items",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
