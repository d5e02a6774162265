"""The corpus beyond one machine: reading, normalising, sketching (MinHash) and formulation
counting on a Dask cluster (``dask.distributed``), the results coming back as Parquet shards
(pyarrow) that this process merges into the store; echoes of many documents the same way.

    with dask_client("tcp://host:8786") as client:          # or None: a LocalCluster
        run_to_end(dask_add(store, [folder], client=client))
        for result in dask_echoes(db_path, client=client):  # EchoResult per document
            ...

The workers read the input files, and (for echoes) the store, at the paths this process
gives them: on a real cluster, a filesystem every worker mounts at the same place. Each task
prepares a batch of files (``prepare.prepare_file``, exactly what the process-pool add runs)
and returns one Parquet shard; this process writes the shards to ``shard_dir`` and stores
the files from them in the order an ordinary add would (``add.add_paths`` does the rest:
known content skipped, versions, resuming), so the store is the same as after a plain add.

Dask and pyarrow are an optional extra (``pip install 'tifa[corpus-dask]'``): imported only
here, when asked for, with a message naming the extra when they are missing.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tifa.engine.corpus import codec
from tifa.engine.corpus.add import AddEvent, AddSummary, add_paths
from tifa.engine.corpus.echoes import EchoResult, echoes_of_ids, ensure_sketches
from tifa.engine.corpus.prepare import FormulationCount, PreparedFile, PreparedItem, prepare_file
from tifa.engine.corpus.sketch import Sketch
from tifa.engine.corpus.store import CorpusStore
from tifa.engine.ingest import DEFAULT_MAX_BYTES
from tifa.engine.model import Document, Script
from tifa.engine.progress import Progress

EXTRA = "corpus-dask"
BATCH_FILES = 16  # files a task prepares (one Parquet shard)
ECHO_BATCH = 25  # documents a task looks for echoes of


class DaskUnavailable(RuntimeError):
    """dask.distributed or pyarrow is not installed (the ``corpus-dask`` extra)."""


def _module(name: str) -> Any:
    """An optional module, imported by name: the app bundle (PyInstaller follows import
    statements) leaves the extra out."""
    return importlib.import_module(name)


def _require() -> None:
    try:
        _module("dask.distributed")
        _module("pyarrow.parquet")
    except ImportError as error:
        raise DaskUnavailable(
            f"the Dask engine needs dask[distributed] and pyarrow ({error.name} is missing): "
            f"pip install 'tifa[{EXTRA}]'") from None


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 2) -> Iterator[Any]:
    """A ``dask.distributed.Client``: connected to ``scheduler`` (``tcp://host:8786``), or to
    a LocalCluster of ``workers`` single-threaded worker processes when None."""
    _require()
    distributed = _module("dask.distributed")
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


# --- Parquet shards ------------------------------------------------------------------------

def _schema() -> Any:
    pa = _module("pyarrow")

    return pa.schema([
        ("file", pa.int32()), ("path", pa.string()), ("hash", pa.string()),
        ("size", pa.int64()), ("error", pa.string()), ("item", pa.int32()),
        ("title", pa.string()), ("date", pa.string()), ("source", pa.string()),
        ("author", pa.string()), ("format", pa.string()), ("script", pa.string()),
        ("encoding", pa.string()), ("extra", pa.string()), ("texts", pa.binary()),
        ("layout", pa.binary()), ("formulations", pa.string()), ("shingles", pa.int64()),
        ("signature", pa.binary()), ("sketch_params", pa.string()),
    ])


def prepared_to_rows(files: Sequence[PreparedFile]) -> list[dict[str, Any]]:
    """One row per document (one per file that could not be read)."""
    rows: list[dict[str, Any]] = []
    for n, f in enumerate(files):
        base: dict[str, Any] = {"file": n, "path": str(f.path), "hash": f.hash, "size": f.size,
                                "error": f.error}
        if f.error is not None or not f.items:
            rows.append(base)
            continue
        for item in f.items:
            d = item.document
            rows.append(base | {
                "item": item.item, "title": d.title,
                "date": d.date.isoformat() if d.date else None, "source": d.source,
                "author": d.author, "format": d.format, "script": d.script.value,
                "encoding": d.encoding,
                "extra": json.dumps(dict(d.extra), ensure_ascii=False),
                "texts": codec.encode_texts(codec.display_of(d), d.normalized, d.paragraphs),
                "layout": codec.encode_layout(d),
                "formulations": json.dumps(
                    [[c.phrase, c.key, c.category, c.origin, [list(p) for p in c.positions]]
                     for c in item.formulations], ensure_ascii=False),
                "shingles": item.sketch.shingles if item.sketch else None,
                "signature": item.sketch.signature if item.sketch else None,
                "sketch_params": item.sketch.params if item.sketch else None,
            })
    return rows


def rows_to_prepared(rows: Iterable[dict[str, Any]]) -> list[PreparedFile]:
    """The prepared files back from shard rows, in the shard's order."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(int(row["file"]), []).append(row)
    files = []
    for n in sorted(grouped):
        first = grouped[n][0]
        path = Path(first["path"])
        if first["error"] is not None or first["item"] is None:
            files.append(PreparedFile(path, first["hash"], int(first["size"]),
                                      error=first["error"]))
            continue
        items = []
        for row in grouped[n]:
            display, normalized = codec.decode_texts(row["texts"])
            document = Document(
                path, codec.decode_paragraphs(display, normalized, row["layout"]), row["title"],
                dt.date.fromisoformat(row["date"]) if row["date"] else None, row["source"],
                row["author"], encoding=row["encoding"], script=Script(row["script"]),
                format=row["format"], extra=tuple(json.loads(row["extra"]).items()))
            counts = tuple(
                FormulationCount(phrase, key, category, origin,
                                 tuple((int(p[0]), int(p[1]), int(p[2])) for p in positions))
                for phrase, key, category, origin, positions in json.loads(row["formulations"]))
            sketch = (Sketch(int(row["shingles"]), bytes(row["signature"]), row["sketch_params"])
                      if row["signature"] is not None else None)
            items.append(PreparedItem(int(row["item"]), document, counts, sketch))
        files.append(PreparedFile(path, first["hash"], int(first["size"]), tuple(items)))
    return files


def prepare_shard(
    todo: Sequence[tuple[str, str]], lexicon_paths: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> bytes:
    """A Dask task: prepare a batch of ``(path, sha256)`` files and return them as one
    Parquet shard (bytes)."""
    pa, pq = _module("pyarrow"), _module("pyarrow.parquet")
    prepared = [prepare_file(Path(p), digest, lexicon_paths=lexicon_paths, max_bytes=max_bytes)
                for p, digest in todo]
    table = pa.Table.from_pylist(prepared_to_rows(prepared), schema=_schema())
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return bytes(sink.getvalue().to_pybytes())


def read_shard(path: Path) -> list[PreparedFile]:
    return rows_to_prepared(_module("pyarrow.parquet").read_table(path).to_pylist())


# --- add -----------------------------------------------------------------------------------

def dask_add(
    store: CorpusStore,
    paths: Iterable[Path | str],
    *,
    client: Any,
    shard_dir: Path | None = None,
    batch: int = BATCH_FILES,
    lexicon_paths: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Progress | AddEvent | AddSummary]:
    """``add.add_paths`` with the files prepared on the Dask cluster of ``client``: the same
    events, summary and store. Shards go to ``shard_dir`` (a temporary folder when None,
    removed at the end)."""
    yield from add_paths(store, paths, lexicon_paths=lexicon_paths, max_bytes=max_bytes,
                         prepare=cluster_prepare(client, shard_dir=shard_dir, batch=batch,
                                                 lexicon_paths=lexicon_paths,
                                                 max_bytes=max_bytes))


def cluster_prepare(
    client: Any,
    *,
    shard_dir: Path | None = None,
    batch: int = BATCH_FILES,
    lexicon_paths: tuple[str, ...] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Callable[[list[tuple[Path, str]]], Generator[PreparedFile, None, None]]:
    """The ``prepare`` of ``add.add_paths`` that runs on the cluster of ``client``."""
    _require()

    def prepared(todo: list[tuple[Path, str]]) -> Generator[PreparedFile, None, None]:
        with _shard_folder(shard_dir) as folder:
            yield from _prepared_on_cluster(client, todo, folder, batch, lexicon_paths,
                                            max_bytes)

    return prepared


@contextmanager
def _shard_folder(shard_dir: Path | None) -> Iterator[Path]:
    if shard_dir is not None:
        shard_dir.mkdir(parents=True, exist_ok=True)
        yield shard_dir
        return
    with tempfile.TemporaryDirectory(prefix="tifa-shards-") as folder:
        yield Path(folder)


def _prepared_on_cluster(
    client: Any, todo: list[tuple[Path, str]], folder: Path, batch: int,
    lexicon_paths: tuple[str, ...], max_bytes: int,
) -> Generator[PreparedFile, None, None]:
    """Prepared files in ``todo``'s order: batches submitted to the cluster with a bounded
    look-ahead, each shard written to ``folder`` then read back and merged."""
    batches = [[(str(p), d) for p, d in todo[i:i + batch]] for i in range(0, len(todo), batch)]
    window = max(2, 2 * len(client.scheduler_info().get("workers", {})) or 4)
    pending: deque[Any] = deque()
    queue = iter(enumerate(batches))
    try:
        for n, files in queue:
            pending.append((n, client.submit(prepare_shard, files, lexicon_paths, max_bytes,
                                              pure=False)))
            if len(pending) >= window:
                yield from _merge(folder, *pending.popleft())
        while pending:
            yield from _merge(folder, *pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()


def _merge(folder: Path, n: int, future: Any) -> list[PreparedFile]:
    shard = folder / f"shard-{n:06d}.parquet"
    shard.write_bytes(future.result())
    return read_shard(shard)


# --- echoes of every document ----------------------------------------------------------------

def dask_echoes(
    db: Path | str,
    *,
    client: Any,
    ids: Sequence[int] | None = None,
    limit: int | None = 10,
    batch: int = ECHO_BATCH,
) -> Iterator[Progress | EchoResult]:
    """Echoes of every current document (or of ``ids``), computed on the cluster: each task
    opens the store read-only at ``db`` and answers a batch of documents. Results come in
    the documents' order."""
    _require()
    with CorpusStore(db) as store:
        for _ in ensure_sketches(store):
            pass
        wanted = list(ids) if ids is not None else [d.id for d in store.documents()]
    wanted.sort()
    batches = [wanted[i:i + batch] for i in range(0, len(wanted), batch)]
    futures = [client.submit(echoes_of_ids, str(Path(db).resolve()), b, limit=limit,
                             pure=False) for b in batches]
    done = 0
    yield Progress("echoes", 0, len(wanted), "Looking for echoes on the cluster")
    try:
        for future in futures:
            results: tuple[EchoResult, ...] = future.result()
            done += len(results)
            yield from results
            yield Progress("echoes", done, len(wanted), "")
    finally:
        for future in futures:
            future.cancel()
