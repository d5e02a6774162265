"""The Dask engine (`tifa corpus add --engine dask`, `tifa corpus echoes --all --engine
dask`) on a local cluster of two worker processes, on real 新闻联播 items: the store after a
Dask add equals the store after a plain add (documents, hashes, texts, formulation counts and
places, signatures), and echoes of every document are the same as in local processes.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _corpus_helpers import day_files

from tifa.cli import main
from tifa.engine.corpus import CorpusStore
from tifa.engine.corpus.add import AddEvent, AddSummary, add_paths
from tifa.engine.corpus.distributed import (
    DaskUnavailable,
    dask_add,
    dask_client,
    dask_echoes,
    read_shard,
)
from tifa.engine.corpus.echoes import EchoResult, all_echoes
from tifa.engine.progress import Progress

DAYS = r"20211024|20211025|20211128"  # 41 items


def _snapshot(db: Path) -> dict[str, Any]:
    """Everything a store holds about its documents, keyed by path and item (not by ids)."""
    with sqlite3.connect(db) as raw:
        files = sorted(raw.execute("SELECT path, hash, size, version, current FROM files"))
        documents = sorted(raw.execute(
            "SELECT f.path, d.item, d.current, d.title, d.date, d.source, d.author, d.format,"
            " d.script, d.extra, d.chars, d.text, d.layout FROM documents d JOIN files f"
            " ON f.id = d.file_id"))
        occurrences = sorted(raw.execute(
            "SELECT f.path, d.item, m.phrase, m.key, m.category, m.origin, o.count, o.positions"
            " FROM occurrences o JOIN documents d ON d.id = o.document_id"
            " JOIN files f ON f.id = d.file_id JOIN formulations m ON m.id = o.formulation_id"))
        sketches = sorted(raw.execute(
            "SELECT f.path, d.item, s.shingles, s.signature FROM sketches s JOIN documents d"
            " ON d.id = s.document_id JOIN files f ON f.id = d.file_id"))
        params = raw.execute("SELECT params FROM sketch_params").fetchall()
    return {"files": files, "documents": documents, "occurrences": occurrences,
            "sketches": sketches, "params": params}


def _events(steps: Iterator[Progress | AddEvent | AddSummary]) -> tuple[list[Any], Any]:
    events, summary = [], None
    for step in steps:
        if isinstance(step, AddEvent):
            events.append((step.path.name, step.status, step.documents, step.message))
        elif isinstance(step, AddSummary):
            summary = step
    return events, summary


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(None, workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    bad = tmp_path_factory.mktemp("bad") / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a docx")
    return [*day_files(DAYS), bad]


@pytest.mark.slow
def test_a_dask_add_makes_the_same_store_as_a_plain_add(
    client: Any, sources: list[Path], tmp_path: Path
) -> None:
    assert len(client.scheduler_info()["workers"]) == 2
    plain, dask = tmp_path / "plain.sqlite", tmp_path / "dask.sqlite"
    with CorpusStore(plain) as store:
        plain_events, plain_summary = _events(add_paths(store, sources, workers=2))
    shards = tmp_path / "shards"
    with CorpusStore(dask) as store:
        dask_events, dask_summary = _events(dask_add(store, sources, client=client,
                                                     shard_dir=shards, batch=2))
    assert dask_summary == plain_summary
    assert dask_summary.documents == 41 and dask_summary.failed == 1
    assert dask_events == plain_events
    assert any(e[1] == "failed" and "broken.docx" in e[3] for e in dask_events)
    one, two = _snapshot(plain), _snapshot(dask)
    assert len(one["documents"]) == 41 and len(one["occurrences"]) > 50
    assert len(one["sketches"]) == 41
    for table in one:
        assert one[table] == two[table], table
    # the shards are there, in Parquet, and hold what was stored
    written = sorted(shards.glob("shard-*.parquet"))
    assert len(written) == 2  # 4 files, 2 a task
    assert sum(len(f.items) for s in written for f in read_shard(s)) == 41
    # adding the same files again on the cluster changes nothing
    with CorpusStore(dask) as store:
        _, summary = _events(dask_add(store, sources, client=client))
    assert summary.unchanged == 3 and summary.failed == 1 and summary.documents == 0
    assert _snapshot(dask) == two


@pytest.mark.slow
def test_echoes_of_every_document_on_the_cluster(
    client: Any, sources: list[Path], tmp_path: Path
) -> None:
    db = tmp_path / "c.sqlite"
    with CorpusStore(db) as store:
        _events(add_paths(store, sources, workers=1))
    local = [r for r in all_echoes(db, workers=1) if isinstance(r, EchoResult)]
    remote = [r for r in dask_echoes(db, client=client, batch=10)
              if isinstance(r, EchoResult)]
    assert len(remote) == len(local) == 41
    assert remote == local
    with CorpusStore(db) as store:
        spanish = store.search("一书西文版")[0].id
        german = store.search("一书德文版")[0].id
    (found,) = [r for r in remote if r.query.id == spanish]
    assert found.echoes[0].id == german


@pytest.mark.slow
def test_the_command_with_the_dask_engine(
    sources: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "c.sqlite"
    out = tmp_path / "add.json"
    code = main(["corpus", "add", "--db", str(db), "--engine", "dask", "--workers", "2",
                 "--quiet", "--json", str(out), *map(str, sources)])
    assert code == 3  # the broken file was skipped, the others added
    assert "broken.docx" in capsys.readouterr().err
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["added"] == 3 and report["documents"] == 41
    echoes = tmp_path / "echoes.json"
    assert main(["corpus", "echoes", "--db", str(db), "--all", "--engine", "dask",
                 "--workers", "2", "--limit", "3", "--json", str(echoes)]) == 0
    payload = json.loads(echoes.read_text(encoding="utf-8"))
    assert len(payload["documents"]) == 41
    assert all(len(d["echoes"]) <= 3 for d in payload["documents"])


def test_without_dask_the_message_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("pyarrow", "pyarrow.parquet"):  # as if not installed: ImportError
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(DaskUnavailable, match=r"tifa\[corpus-dask\]"), dask_client():
        pass
    code = main(["corpus", "add", "--db", str(tmp_path / "c.sqlite"), "--engine", "dask",
                 str(day_files("20211024")[0])])
    assert code == 2
    err = capsys.readouterr().err
    assert "pip install 'tifa[corpus-dask]'" in err and "pyarrow" in err
