"""Echoes: the stored documents that share passages with one document (reprints, local
echoes of a central text), ranked by shared distinctive wording.

1. Candidates from the MinHash signatures (``sketch``): the query's shingles are looked up
   in the signature index (``indexed_hits``: which stored documents have a signature value
   that some shingle of the query takes under the same permutation, rare values weighing
   more; a bounded number of index rows read, however large the corpus), or checked against
   every stored signature at once (``scanned_hits``, the reference, linear in the corpus);
   the documents with the most shingles estimated in common are kept (``MAX_CANDIDATES``).
   Among them, near-duplicates (estimated Jaccard >= ``NEAR_DUPLICATE`` with each other,
   chained) form one cluster; for many queries at once, datasketch's
   ``MinHashLSH`` finds the near-duplicate pairs of the whole corpus (``near_duplicates``).
2. One representative a cluster is scored with the engine's shared-passage tiling
   (``compare.shared.shared_passages``, distinctiveness from the query and the
   representatives together): passages of at least ``MIN_PASSAGE`` content characters and
   weight ``MIN_WEIGHT`` (stock phrases such as 习近平总书记 or 会议强调 weigh 0.05, wording
   found in many of the documents at hand little), each counted by its content length times
   its weight, as ``sentences.echo_scores`` counts distinctive characters in common (its
   ``ECHO_SCALE`` of 8 characters is ``MIN_SCORE``). A candidate whose score reaches
   ``MIN_SCORE`` is an echo.

Signatures are made at add time (in the reading processes); documents stored before (an
older store) are sketched on first use (``ensure_sketches``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tifa.engine.compare.model import SharedPassage
from tifa.engine.compare.shared import content_length, distinctiveness_weights, shared_passages
from tifa.engine.compare.tokenize import get_tokenizer
from tifa.engine.corpus import sketch
from tifa.engine.corpus.prepare import file_hash
from tifa.engine.corpus.store import CorpusStore
from tifa.engine.export.display import display_text
from tifa.engine.ingest import read_document
from tifa.engine.ingest.items import split_item_path
from tifa.engine.model import Document
from tifa.engine.processes import worker_context
from tifa.engine.progress import Progress

MAX_CANDIDATES = 120  # candidates scored with shared passages (clusters count once)
NEAR_DUPLICATE = 0.9  # estimated Jaccard at which two documents are one text reposted
MIN_PASSAGE = 8  # content characters a shared passage needs to count
MIN_WEIGHT = 0.2  # passages of stock phrases (央视网消息, 会议强调…) weigh 0.05: not counted
MIN_SCORE = 8.0  # distinctive characters in common (weighted) that make an echo
MAX_SNIPPETS = 3
ROW_BUDGET = 20_000  # index rows an echo query reads at most (its rarest values first)
SNIPPET_CHARS = 60


@dataclass(frozen=True, slots=True)
class EchoQuery:
    """The document echoes were looked for: a stored one (``id``) or a file read for it."""

    id: int | None
    path: str
    title: str
    date: str | None
    source: str | None
    chars: int


@dataclass(frozen=True, slots=True)
class Echo:
    """A stored document sharing passages with the query (the representative of its cluster
    of near-duplicates, the others in ``members``)."""

    id: int
    score: float  # shared content characters weighted by distinctiveness
    shared_chars: int  # content characters of the counted shared passages
    passages: tuple[str, ...]  # the best shared passages, as displayed in this document
    members: tuple[int, ...]  # near-duplicates of this document among the candidates
    jaccard: float  # estimated Jaccard similarity with the query (MinHash)


@dataclass(frozen=True, slots=True)
class EchoResult:
    query: EchoQuery
    echoes: tuple[Echo, ...]
    candidates: int  # documents the signatures proposed (before clustering and scoring)


@dataclass(frozen=True, slots=True)
class Signatures:
    """The current documents' signatures as one matrix."""

    ids: npt.NDArray[np.int64]
    shingles: npt.NDArray[np.int64]
    values: sketch.UInt32Array  # len(ids) x NUM_PERM

    def row(self, doc_id: int) -> int | None:
        at = int(np.searchsorted(self.ids, doc_id))
        return at if at < len(self.ids) and int(self.ids[at]) == doc_id else None


# --- signatures in the store ----------------------------------------------------------------


def _db(store: CorpusStore) -> sqlite3.Connection:
    return store._db


def missing_sketches(store: CorpusStore) -> tuple[int, ...]:
    """Current documents without a signature made with ``sketch.PARAMS``."""
    db = _db(store)
    row = db.execute("SELECT params FROM sketch_params WHERE id = 1").fetchone()
    if row is not None and row[0] != sketch.PARAMS:
        return tuple(int(r[0]) for r in db.execute(
            "SELECT id FROM documents WHERE current = 1 ORDER BY id"))
    return tuple(int(r[0]) for r in db.execute(
        "SELECT d.id FROM documents d LEFT JOIN sketches s ON s.document_id = d.id"
        " WHERE d.current = 1 AND s.document_id IS NULL ORDER BY d.id"))


def ensure_sketches(store: CorpusStore, *, batch: int = 500) -> Iterator[Progress | int]:
    """Sketch the current documents that have no signature yet (a store filled before
    signatures existed, or by other parameters); finally the number sketched. Needs a
    writable store."""
    db = _db(store)
    row = db.execute("SELECT params FROM sketch_params WHERE id = 1").fetchone()
    todo = missing_sketches(store)
    if row is not None and row[0] != sketch.PARAMS:
        with store.transaction():
            db.execute("DELETE FROM sketches")
            db.execute("DELETE FROM sketch_keys")
    if row is None or row[0] != sketch.PARAMS:
        with store.transaction():
            db.execute("INSERT OR REPLACE INTO sketch_params(id, params) VALUES (1, ?)",
                       (sketch.PARAMS,))
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        yield Progress("sketch", start, len(todo), "Sketching stored documents")
        rows = [(doc_id, s.shingles, s.signature) for doc_id, text in
                store.normalized_texts(chunk) for s in (sketch.sketch_text(text),)]
        with store.transaction():
            db.executemany("INSERT OR REPLACE INTO sketches(document_id, shingles, signature)"
                           " VALUES (?,?,?)", rows)
            for doc_id, _, signature in rows:
                store.insert_sketch_keys(doc_id, signature)
    if todo:
        yield Progress("sketch", len(todo), len(todo), "Sketched")
    yield len(todo)


def load_signatures(store: CorpusStore) -> Signatures:
    rows = _db(store).execute(
        "SELECT s.document_id, s.shingles, s.signature FROM sketches s JOIN documents d"
        " ON d.id = s.document_id WHERE d.current = 1 AND length(s.signature) = ?"
        " ORDER BY s.document_id", (sketch.NUM_PERM * 4,)).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    shingles = np.array([r[1] for r in rows], dtype=np.int64)
    values = (np.frombuffer(b"".join(r[2] for r in rows), dtype="<u4")
              .astype(np.uint32).reshape(len(rows), sketch.NUM_PERM))
    return Signatures(ids, shingles, values)


# --- one query ------------------------------------------------------------------------------


def query_document(
    store: CorpusStore, target: int | Path | str
) -> tuple[Document, EchoQuery, frozenset[int]]:
    """The query's document, its description, and the stored documents that are the query
    itself (left out of its echoes). ``target`` is a document id or a file: a stored file's
    document when it holds one (an item address ``day.md#3``: that item's), else the file
    read with the engine's reader (InputError when it cannot be read). KeyError for an
    unknown id."""
    if isinstance(target, int):
        info = store.document_info(target)
        if info is None:
            raise KeyError(target)
        document = store.document(target)
        return document, EchoQuery(info.id, info.path, info.title, info.date, info.source,
                                   info.chars), frozenset({target})
    path = Path(target)
    document = read_document(path)
    own: frozenset[int] = frozenset()
    item = split_item_path(path)  # ``day.md#3``: item 3 of a file
    try:
        digest, _ = file_hash(item[0] if item else path)
    except OSError:
        digest = ""
    file_id = _stored_file(store, item[0] if item else path, digest) if digest else None
    if file_id is not None:
        own = frozenset(int(r[0]) for r in _db(store).execute(
            "SELECT id FROM documents WHERE file_id = ?" + (" AND item = ?" if item else ""),
            (file_id, item[1]) if item else (file_id,)))
        if len(own) == 1:
            return query_document(store, next(iter(own)))
    return document, EchoQuery(
        None, str(path), document.title, document.date.isoformat() if document.date else None,
        document.source, document.size), own


def _stored_file(store: CorpusStore, path: Path, digest: str) -> int | None:
    """The stored file of this path with these bytes, else one holding the same bytes
    under another path (a copy), if any."""
    here = store.file_at(str(path.resolve()), digest)
    if here is not None:
        return here[0]
    elsewhere = store.file_by_hash(digest)
    return None if elsewhere is None else elsewhere[0]


def find_echoes(
    store: CorpusStore,
    target: int | Path | str,
    *,
    limit: int | None = None,
    signatures: Signatures | None = None,
) -> EchoResult:
    """The echoes of one document (an id or a file), best first. The store must have its
    signatures (``ensure_sketches``). Candidates come from the signature index
    (``indexed_hits``); given ``signatures`` (all of them, loaded once), from a scan of them
    instead (``scanned_hits``: the same candidates)."""
    document, query, own = query_document(store, target)
    return echoes_of(store, document, query, own, signatures, limit=limit)


@dataclass(frozen=True, slots=True)
class Hits:
    """The stored documents some signature value of which a query's shingles take: their
    ids (ascending), hits (values taken), rarity-weighted hits and distinct shingles."""

    ids: npt.NDArray[np.int64]
    hits: npt.NDArray[np.int64]
    weighted: npt.NDArray[np.float64]
    shingles: npt.NDArray[np.int64]


def scanned_hits(hashes: sketch.UInt32Array, signatures: Signatures) -> Hits:
    """``Hits`` from every stored signature at once (``sketch.containment_hits``): the
    reference, linear in the corpus."""
    hits, weighted = sketch.containment_hits(hashes, signatures.values)
    hits[signatures.shingles == 0] = 0
    found = np.flatnonzero(hits > 0)
    return Hits(signatures.ids[found], hits[found], weighted[found], signatures.shingles[found])


def indexed_hits(store: CorpusStore, hashes: sketch.UInt32Array) -> Hits:
    """``Hits`` from the signature index (``sketch_keys``, schema 3): the query's shingles
    under each permutation are looked up as keys (those above the largest stored value of
    that permutation cannot be any document's minimum and are left out), so only the
    documents that share a value are read, never every signature. The values are read
    rarest first up to ``ROW_BUDGET`` rows; the commonest (stock wording: 习近平总书记, 会议强调
    in a large corpus, weight log(N / documents) small) are counted in the index but not
    read, so a query reads a bounded number of rows however large the corpus. Within the
    budget, the same numbers as ``scanned_hits``."""
    db = _db(store)
    empty = Hits(np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float64),
                 np.empty(0, np.int64))
    if not len(hashes):
        return empty
    values = sketch.permuted(hashes)
    keys: list[int] = []
    for i in range(sketch.NUM_PERM):
        row = db.execute("SELECT max(key) FROM sketch_keys WHERE key >= ? AND key < ?",
                         (i << 32, (i + 1) << 32)).fetchone()
        if row[0] is None:
            continue
        column = np.unique(values[:, i])
        column = column[column <= (int(row[0]) & 0xFFFFFFFF)].astype(np.int64)
        keys.extend(((i << 32) | column).tolist())
    if not keys:
        return empty
    # how many documents take each value (the index alone, no table read); the rarest
    # values are read, up to ROW_BUDGET rows: the commonest (stock wording) are left out
    counted = sorted((int(n), int(k)) for k, n in db.execute(
        "SELECT key, count(*) FROM sketch_keys WHERE key IN (SELECT value FROM json_each(?))"
        " GROUP BY key", (json.dumps(keys),)))
    rare: list[int] = []
    budget = ROW_BUDGET
    for n, k in counted:
        budget -= n
        if budget < 0:
            break
        rare.append(k)
    if not rare:
        return empty
    pairs = np.array(db.execute(
        "SELECT key, document_id FROM sketch_keys WHERE key IN (SELECT value FROM json_each(?))",
        (json.dumps(rare),)).fetchall(), dtype=np.int64).reshape(-1, 2)
    # the current documents among them with a usable signature, and their shingle counts
    sizes = dict(db.execute(
        "SELECT s.document_id, s.shingles FROM sketches s JOIN documents d"
        " ON d.id = s.document_id WHERE d.current = 1 AND length(s.signature) = ?"
        " AND s.document_id IN (SELECT value FROM json_each(?))",
        (sketch.NUM_PERM * 4, json.dumps(np.unique(pairs[:, 1]).tolist()))).fetchall())
    if not sizes:
        return empty
    pairs = pairs[np.isin(pairs[:, 1], np.fromiter(sizes, dtype=np.int64, count=len(sizes)))]
    found = np.column_stack((pairs, [sizes[int(d)] for d in pairs[:, 1]])).astype(np.int64)
    total = int(db.execute("SELECT count(*) FROM documents WHERE current = 1").fetchone()[0])
    _, key_at, per_key = np.unique(found[:, 0], return_inverse=True, return_counts=True)
    weight = np.log(total / per_key)[key_at]
    ids, doc_at = np.unique(found[:, 1], return_inverse=True)
    hits = np.bincount(doc_at, minlength=len(ids)).astype(np.int64)
    weighted = np.bincount(doc_at, weights=weight, minlength=len(ids)).astype(np.float64)
    shingles = np.zeros(len(ids), dtype=np.int64)
    shingles[doc_at] = found[:, 2]
    keep = shingles > 0
    return Hits(ids[keep], hits[keep], weighted[keep], shingles[keep])


def _signature_rows(store: CorpusStore, ids: Sequence[int]) -> sketch.UInt32Array:
    """The stored signatures of ``ids``, in that order."""
    marks = ",".join("?" * len(ids))
    found = {int(r[0]): bytes(r[1]) for r in _db(store).execute(
        f"SELECT document_id, signature FROM sketches WHERE document_id IN ({marks})",
        list(ids))}
    return (np.frombuffer(b"".join(found[i] for i in ids), dtype="<u4").astype(np.uint32)
            .reshape(len(ids), sketch.NUM_PERM))


def echoes_of(
    store: CorpusStore,
    document: Document,
    query: EchoQuery,
    own: frozenset[int],
    signatures: Signatures | None = None,
    *,
    limit: int | None = None,
) -> EchoResult:
    hashes = sketch.shingle_hashes(document.normalized)
    if not len(hashes):
        return EchoResult(query, (), 0)
    found = (scanned_hits(hashes, signatures) if signatures is not None
             else indexed_hits(store, hashes))
    mine = np.isin(found.ids, np.fromiter(own, dtype=np.int64, count=len(own)))
    found = Hits(found.ids[~mine], found.hits[~mine], found.weighted[~mine],
                 found.shingles[~mine])
    if not len(found.ids):
        return EchoResult(query, (), 0)
    # estimated distinctive shingles in common: the rarity-weighted hits / NUM_PERM of the
    # stored document's shingles
    common = found.weighted * found.shingles
    order = np.lexsort((found.ids, -found.hits, -common))[:MAX_CANDIDATES]
    candidate_ids = [int(i) for i in found.ids[order]]
    values = _signature_rows(store, candidate_ids)
    query_signature = sketch.permuted(hashes).min(axis=0)
    clusters = _clusters(values)
    # a cluster is shown as its earliest dated member (the original, most likely)
    dated = store.dates(candidate_ids)
    clusters = [sorted(c, key=lambda m: (_date_key(dated.get(candidate_ids[m])), m))
                for c in clusters]
    rep_ids = [candidate_ids[c[0]] for c in clusters]
    stored = {i: store.document(i) for i in rep_ids}
    tokenizer = get_tokenizer()
    weights = distinctiveness_weights([document, *stored.values()], tokenizer=tokenizer)
    echoes: list[Echo] = []
    for cluster, doc_id in zip(clusters, rep_ids, strict=True):
        other = stored[doc_id]
        counted = [p for p in shared_passages(document, other, weights=weights,
                                                   tokenizer=tokenizer, min_chars=4)
                   if content_length(p.text) >= MIN_PASSAGE and p.weight >= MIN_WEIGHT]
        score = sum(content_length(p.text) * p.weight for p in counted)
        if score < MIN_SCORE:
            continue
        echoes.append(Echo(
            doc_id, round(score, 2), sum(content_length(p.text) for p in counted),
            tuple(_display(other, p) for p in counted[:MAX_SNIPPETS]),
            tuple(sorted(candidate_ids[m] for m in cluster[1:])),
            round(sketch.jaccard(query_signature, values[cluster[0]]), 3),
        ))
    dates = store.dates([e.id for e in echoes])
    echoes.sort(key=lambda e: (-e.score, dates.get(e.id) or "9999", e.id))
    return EchoResult(query, tuple(echoes[:limit] if limit else echoes), len(found.ids))


def _date_key(date: str | None) -> tuple[bool, str]:
    return (date is None, date or "")


def _display(document: Document, passage: SharedPassage) -> str:
    """The passage as the echo document shows it (side b of the comparison)."""
    shown = display_text(document.paragraphs[passage.b.paragraph])  # without glosses
    s, e = shown.span(passage.b.start, passage.b.end)
    text = shown.text[s:e]
    return text if len(text) <= SNIPPET_CHARS else text[:SNIPPET_CHARS - 1] + "…"


def _clusters(values: sketch.UInt32Array) -> list[list[int]]:
    """Rows of ``values`` (signatures, best candidate first) grouped into near-duplicate
    clusters (estimated Jaccard >= NEAR_DUPLICATE, chained), each in the rows' order."""
    n = len(values)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        same = np.count_nonzero(values[i + 1:] == values[i], axis=1) / sketch.NUM_PERM
        for j in np.flatnonzero(same >= NEAR_DUPLICATE).tolist():
            a, b = find(i), find(i + 1 + j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


# --- the whole corpus ------------------------------------------------------------------------


def near_duplicates(signatures: Signatures, *, threshold: float = NEAR_DUPLICATE
                    ) -> tuple[tuple[int, ...], ...]:
    """Clusters of near-duplicate documents in the whole corpus (two or more documents
    each), from datasketch's MinHashLSH on the stored signatures: no pair is compared
    unless the LSH buckets bring it together."""
    from datasketch import MinHash, MinHashLSH

    a, b = sketch.permutations()
    lsh = MinHashLSH(threshold=threshold, num_perm=sketch.NUM_PERM)
    minhashes = []
    with lsh.insertion_session() as session:
        for doc_id, size, values in zip(signatures.ids.tolist(), signatures.shingles.tolist(),
                                        signatures.values, strict=True):
            m = MinHash(hashvalues=values, permutations=(a, b), scheme=sketch.SCHEME,
                        seed=sketch.SEED)
            minhashes.append(m)
            if size:
                session.insert(doc_id, m)
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for doc_id, size, m in zip(signatures.ids.tolist(), signatures.shingles.tolist(),
                               minhashes, strict=True):
        if not size:
            continue
        for other in lsh.query(m):
            row = signatures.row(int(other))
            if other == doc_id or row is None:
                continue
            if sketch.jaccard(m.hashvalues, signatures.values[row]) >= threshold:
                x, y = find(doc_id), find(int(other))
                if x != y:
                    parent[max(x, y)] = min(x, y)
    groups: dict[int, list[int]] = {}
    for doc_id in parent:
        groups.setdefault(find(doc_id), []).append(doc_id)
    for root in list(groups):
        groups[root].append(root)
    return tuple(sorted(tuple(sorted(set(g))) for g in groups.values()))


def echoes_of_ids(
    db: Path | str, ids: Sequence[int], limit: int | None = None
) -> tuple[EchoResult, ...]:
    """Echoes of many stored documents, opening the store read-only (what one worker of a
    process pool or a Dask cluster runs on its share of the documents). Each query reads the
    signature index, not every signature: the whole corpus's echoes cost N bounded queries,
    not N scans of N signatures."""
    with CorpusStore(db, readonly=True) as store:
        return tuple(find_echoes(store, int(i), limit=limit) for i in ids)


def all_echoes(
    db: Path | str, *, workers: int | None = None, limit: int | None = 10, batch: int = 25
) -> Iterator[Progress | EchoResult]:
    """Echoes of every current document, in worker processes (``workers``, default every
    core; 1: in this process), in the documents' order. ``distributed.dask_echoes`` is the
    same on a Dask cluster."""
    from concurrent.futures import ProcessPoolExecutor

    from tifa.engine.corpus.add import default_workers

    readonly = not os.access(Path(db).resolve().parent, os.W_OK)  # read-only media
    with CorpusStore(db, readonly=readonly) as store:
        for _ in ensure_sketches(store):
            pass
        ids = sorted(d.id for d in store.documents())
    batches = [ids[i:i + batch] for i in range(0, len(ids), batch)]
    workers = workers or default_workers()
    done = 0
    yield Progress("echoes", 0, len(ids), "Looking for echoes")
    if workers <= 1 or len(batches) <= 1:
        for chunk in batches:
            results = echoes_of_ids(db, chunk, limit=limit)
            done += len(results)
            yield from results
            yield Progress("echoes", done, len(ids), "")
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context()) as pool:
        for results in pool.map(echoes_of_ids, [str(db)] * len(batches), batches,
                                [limit] * len(batches)):
            done += len(results)
            yield from results
            yield Progress("echoes", done, len(ids), "")
