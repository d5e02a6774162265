"""Benchmark: the corpus at the size of issue 13's targets, on this machine.

10,000 documents (~20 million characters) are generated from the real slice in
tests/real/corpus (the broadcast items' real paragraphs recombined, deterministically), one
Markdown file each with a date (2018-2023), title and source in front matter. Then:

- add: ``tifa.engine.corpus.add_paths`` with every core (target <= 10 minutes);
- search: several phrases, 1 to 17 characters, all matching documents with snippets
  (target <= 200 ms); the baseline is a plain Python ``in`` scan over every text already in
  memory (what an in-memory list would cost), reported as a ratio;
- timeline: 10 phrases by month (target <= 1 s);
- store size against the UTF-8 size of the documents' text (target <= 3x);
- echoes of one document (target <= 2 s): 20 documents drawn at random, the first query
  (tokenizer loading included) reported apart; near-duplicate clusters of the whole corpus
  (MinHash LSH);
- ``--dask N``: N more generated documents added with the process pool and with a local Dask
  cluster (2 workers, 1 thread each), then the store filled from the Parquet shards alone
  (the single writer's merge rate, the ceiling of a cluster add); extrapolated to a million
  documents.

It reports; it fails only if something crashes.

    .venv/bin/python bench/corpus.py [--docs N] [--workers N] [--keep DIR] [--dask N]
        [--reuse] [--skip-main] [--skip-echoes]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

from tifa.engine.corpus import CorpusStore, add_paths  # noqa: E402
from tifa.engine.corpus.add import AddSummary  # noqa: E402
from tifa.engine.corpus.echoes import (  # noqa: E402
    ensure_sketches,
    find_echoes,
    indexed_hits,
    load_signatures,
    near_duplicates,
    scanned_hits,
)
from tifa.engine.corpus.sketch import shingle_hashes  # noqa: E402
from tifa.engine.corpus.timeline import phrase_timelines  # noqa: E402
from tifa.engine.progress import Progress, run_to_end  # noqa: E402

REAL = ROOT / "tests" / "real" / "corpus" / "xwlb"
QUERIES = ("两个确立", "疫情要防住、经济要稳住、发展要安全", "共同富裕", "高质量发展",
           "兩個確立", "习近平新时代中国特色社会主义思想", "冬奥", "疫",
           "的", "国", "。")  # the last three: in (nearly) every document
PHRASES = ("两个确立", "两个维护", "共同富裕", "高质量发展", "疫情要防住、经济要稳住、发展要安全",
           "动态清零", "新发展格局", "全过程人民民主", "碳达峰", "乡村振兴")


def real_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(REAL.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for line in text.split("\n"):
            line = line.strip()
            if len(line) >= 40 and not line.startswith(("#", "[")):
                paragraphs.append(line)
    return paragraphs


def generate(folder: Path, docs: int, chars: int, seed: int = 13) -> int:
    """``docs`` Markdown files of about ``chars`` characters each; returns the text size."""
    rng = random.Random(seed)
    pool = real_paragraphs()
    start = dt.date(2018, 1, 1)
    total = 0
    for n in range(docs):
        body: list[str] = []
        size = 0
        while size < chars:
            p = rng.choice(pool)
            if len(p) > chars:  # long items: a run of its sentences
                sentences = re.split(r"(?<=。)", p)
                i = rng.randrange(len(sentences))
                p = "".join(sentences[i:i + rng.randint(3, 8)]) or p[:chars]
            body.append(p)
            size += len(p)
        day = start + dt.timedelta(days=rng.randrange(6 * 365))
        title = re.split(r"[，。]", body[0])[0][:30]
        sub = folder / f"{day.year}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{n:05d}.md").write_text(
            f"---\ntitle: {title}\ndate: {day.isoformat()}\nsource: 生成语料\n---\n\n"
            + "\n\n".join(body) + "\n", encoding="utf-8")
        total += size
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=1_700)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--keep", type=Path, help="generate into / keep the store in DIR")
    parser.add_argument("--dask", type=int, default=0, metavar="N",
                        help="also compare a Dask add with the process pool on N documents")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: measure the store already there (no add)")
    parser.add_argument("--skip-main", action="store_true",
                        help="only the --dask comparison")
    parser.add_argument("--skip-echoes", action="store_true",
                        help="leave out the echoes (search, timeline and size only)")
    args = parser.parse_args()
    if not args.skip_main:
        main_bench(args)
    if args.dask:
        dask_bench(args)


def main_bench(args: argparse.Namespace) -> None:
    work = args.keep or Path(tempfile.mkdtemp(prefix="tifa-corpus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    docs_dir = work / "docs"
    if not docs_dir.exists():
        docs_dir.mkdir()
        t = time.perf_counter()
        chars = generate(docs_dir, args.docs, args.chars)
        print(f"generated {args.docs} documents, {chars / 1e6:.1f} M characters "
              f"in {time.perf_counter() - t:.1f} s ({docs_dir})")
    db = work / "corpus.sqlite"
    reuse = args.reuse and db.exists()
    if not reuse:
        for old in work.glob("corpus.sqlite*"):
            old.unlink()

    with CorpusStore(db) as store:
        if not reuse:
            _timed_add(store, docs_dir, args.workers)
        info = store.info()
        print(f"store: {info.size_bytes / 1e6:.1f} MB for {info.text_bytes / 1e6:.1f} MB of "
              f"text = {info.size_bytes / info.text_bytes:.2f}x (target <= 3x); "
              f"{info.formulations} formulations, {info.occurrences} document counts")

        texts = [text for _, text in store.normalized_texts()]
        for query in QUERIES:
            times, cpu = [], []
            for _ in range(5):
                t, c = time.perf_counter(), time.process_time()
                hits = store.search(query)
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            t = time.perf_counter()
            baseline = sum(1 for text in texts if query in text)
            base_s = time.perf_counter() - t
            ms = statistics.median(times) * 1000
            print(f"search {query!r}: {len(hits)} documents in {ms:.0f} ms (median of 5; "
                  f"target <= 200 ms; CPU {statistics.median(cpu) * 1000:.0f} ms, what an "
                  f"idle machine's wall time would be); in-memory scan baseline "
                  f"{base_s * 1000:.0f} ms ({baseline} documents), ratio "
                  f"{ms / max(base_s * 1000, 1e-3):.1f}")
        _command_bench(db)
        for limit in (20,):
            t = time.perf_counter()
            store.search("高质量发展", limit=limit)
            print(f"search '高质量发展' --limit {limit}: "
                  f"{(time.perf_counter() - t) * 1000:.0f} ms")

        times, cpu = [], []
        for _ in range(5):
            t, c = time.perf_counter(), time.process_time()
            timelines = phrase_timelines(store, PHRASES, by="month")
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        print(f"timeline of {len(PHRASES)} phrases: {statistics.median(times) * 1000:.0f} ms "
              f"(median of 5; target <= 1000 ms; CPU {statistics.median(cpu) * 1000:.0f} ms); "
              f"{sum(t.documents for t in timelines)} document hits, "
              f"{sum(t.occurrences for t in timelines)} occurrences")

        t = time.perf_counter()
        sketched = run_to_end(ensure_sketches(store))
        print(f"signatures missing after the add: {sketched} "
              f"({time.perf_counter() - t:.2f} s to check)")
        if not args.skip_echoes:
            echo_bench(store)
    print(f"work folder: {work}")


def _command_bench(db: Path) -> None:
    """``tifa corpus search`` as a user runs it (a new process: start-up, imports, search,
    JSON), against a bare interpreter's start-up measured in the same run."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}

    def wall(*argv: str) -> tuple[float, float]:
        times, cpu = [], []
        for _ in range(5):
            t, before = time.perf_counter(), os.times()
            subprocess.run([sys.executable, *argv], env=env, check=True,
                           stdout=subprocess.DEVNULL)
            after = os.times()
            times.append(time.perf_counter() - t)
            cpu.append(after.children_user + after.children_system
                       - before.children_user - before.children_system)
        return statistics.median(times), statistics.median(cpu)

    bare, bare_cpu = wall("-c", "pass")
    out = Path(tempfile.mkdtemp()) / "hits.json"
    for query in ("两个确立", "高质量发展"):
        s, c = wall("-m", "tifa", "corpus", "search", "--db", str(db), query, "--json",
                    str(out))
        print(f"`tifa corpus search {query} --json`: {s * 1000:.0f} ms wall, CPU "
              f"{c * 1000:.0f} ms (median of 5; a bare interpreter starts in "
              f"{bare * 1000:.0f} ms, CPU {bare_cpu * 1000:.0f} ms)")


def _cpu_with_children() -> float:
    """CPU seconds of this process and its finished children: the add's worker processes
    are the forkserver's children, counted here once it is stopped (it is started again
    when needed)."""
    import multiprocessing.forkserver
    import resource

    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    if server is not None and hasattr(server, "_stop"):
        server._stop()

    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF,
                                                resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed_add(store: CorpusStore, docs_dir: Path, workers: int | None) -> None:
    t, cpu = time.perf_counter(), _cpu_with_children()
    parent = time.process_time()
    summary = None
    last = 0.0
    for step in add_paths(store, [docs_dir], workers=workers):
        if isinstance(step, Progress) and time.perf_counter() - last > 10:
            last = time.perf_counter()
            print(f"  {step.done}/{step.total} after {last - t:.0f} s", flush=True)
        elif isinstance(step, AddSummary):
            summary = step
    add_s = time.perf_counter() - t
    assert summary is not None
    print(f"add: {summary.documents} documents in {add_s:.1f} s "
          f"({summary.documents / add_s:.0f} documents/s; target <= 600 s); CPU "
          f"{_cpu_with_children() - cpu:.0f} s over every process, of which the writing "
          f"process {time.process_time() - parent:.0f} s")


def echo_bench(store: CorpusStore) -> None:
    rng = random.Random(7)
    ids = [d.id for d in store.documents()]
    sample = rng.sample(ids, min(21, len(ids)))
    t = time.perf_counter()
    signatures = load_signatures(store)
    load_s = time.perf_counter() - t
    print(f"signatures: {len(signatures.ids)} documents, "
          f"{signatures.values.nbytes / 1e6:.1f} MB, loaded in {load_s * 1000:.0f} ms")
    t = time.perf_counter()
    first = find_echoes(store, sample[0])
    print(f"echoes, first query (tokenizer loaded, signatures loaded): "
          f"{time.perf_counter() - t:.2f} s, {len(first.echoes)} echoes")
    times, counts, candidates = [], [], []
    for doc_id in sample[1:]:
        t = time.perf_counter()
        result = find_echoes(store, doc_id)  # signatures loaded each time, as the CLI does
        times.append(time.perf_counter() - t)
        counts.append(len(result.echoes))
        candidates.append(result.candidates)
    print(f"echoes of one document: median {statistics.median(times):.2f} s, max "
          f"{max(times):.2f} s over {len(times)} documents (target <= 2 s); "
          f"{statistics.median(counts):.0f} echoes, {statistics.median(candidates):.0f} "
          f"documents with a signature hit (median)")
    # the candidates alone: the signature index against a scan of every signature. The scan
    # grows with the corpus. Of the index look-ups, only counting the documents of each
    # probed value does (an index-only count); building the probes, reading at most
    # ROW_BUDGET rows and scoring MAX_CANDIDATES candidates do not.
    index_s, scan_s, count_s, counted = [], [], [], []
    for doc_id in sample[1:]:
        hashes = shingle_hashes(store.document(doc_id).normalized)
        t = time.perf_counter()
        indexed_hits(store, hashes)
        index_s.append(time.perf_counter() - t)
        keys = _probe_keys(store, hashes)
        t = time.perf_counter()
        rows = store._db.execute(
            "SELECT count(*) FROM sketch_keys WHERE key IN (SELECT value FROM json_each(?))",
            (json.dumps(keys),)).fetchone()[0]
        count_s.append(time.perf_counter() - t)
        counted.append(int(rows))
        t = time.perf_counter()
        scanned_hits(hashes, load_signatures(store))
        scan_s.append(time.perf_counter() - t)
    n = len(ids)
    grow = 1_000_000 / n
    query = statistics.median(times)
    counting = statistics.median(count_s)
    print(f"echo candidates: index {statistics.median(index_s) * 1000:.0f} ms (median; "
          f"counting {counting * 1000:.0f} ms of it over {statistics.median(counted):.0f} "
          f"index rows), scan of every signature (loading included) "
          f"{statistics.median(scan_s) * 1000:.0f} ms")
    print(f"echoes of one document at a million documents, extrapolated: with the index "
          f"~{query + counting * (grow - 1):.1f} s (only the counting grows, x{grow:.0f}); "
          f"with the scan ~{query + statistics.median(scan_s) * (grow - 1):.0f} s")
    t = time.perf_counter()
    clusters = near_duplicates(signatures)
    print(f"near-duplicate clusters of the whole corpus (LSH): {len(clusters)} in "
          f"{time.perf_counter() - t:.1f} s")


def _probe_keys(store: CorpusStore, hashes: object) -> list[int]:
    """The keys ``echoes.indexed_hits`` looks up for a query (the same pruning)."""
    import numpy as np

    from tifa.engine.corpus.sketch import NUM_PERM, permuted

    values = permuted(hashes)  # type: ignore[arg-type]
    keys: list[int] = []
    for i in range(NUM_PERM):
        top = store._db.execute("SELECT max(key) FROM sketch_keys WHERE key >= ? AND key < ?",
                                (i << 32, (i + 1) << 32)).fetchone()[0]
        if top is not None:
            column = np.unique(values[:, i])
            column = column[column <= (int(top) & 0xFFFFFFFF)].astype(np.int64)
            keys.extend(((i << 32) | column).tolist())
    return keys


def _add_rate(store: CorpusStore, steps: object) -> tuple[float, int]:
    t = time.perf_counter()
    summary = None
    for step in steps:  # type: ignore[attr-defined]
        if isinstance(step, AddSummary):
            summary = step
    assert summary is not None
    return time.perf_counter() - t, summary.documents


def dask_bench(args: argparse.Namespace) -> None:
    from tifa.engine.corpus.distributed import dask_add, dask_client, read_shard

    work = (args.keep or Path(tempfile.mkdtemp(prefix="tifa-dask-bench-"))) / "dask"
    work.mkdir(parents=True, exist_ok=True)
    docs_dir = work / "docs"
    if not docs_dir.exists():
        docs_dir.mkdir()
        chars = generate(docs_dir, args.dask, args.chars, seed=31)
        print(f"generated {args.dask} documents, {chars / 1e6:.1f} M characters")
    for old in work.glob("*.sqlite*"):
        old.unlink()
    with CorpusStore(work / "plain.sqlite") as store:
        plain_s, n = _add_rate(store, add_paths(store, [docs_dir], workers=args.workers or 2))
    print(f"plain add (process pool, {args.workers or 2} workers): {n} documents in "
          f"{plain_s:.1f} s = {n / plain_s:.1f} documents/s")
    t = time.perf_counter()
    with dask_client(None, workers=2) as client:
        start_s = time.perf_counter() - t
        shards = work / "shards"
        for old in shards.glob("*.parquet"):
            old.unlink()
        with CorpusStore(work / "dask.sqlite") as store:
            dask_s, n = _add_rate(store, dask_add(store, [docs_dir], client=client,
                                                  shard_dir=shards))
    print(f"dask add (local cluster, 2 workers x 1 thread): {n} documents in {dask_s:.1f} s "
          f"= {n / dask_s:.1f} documents/s (cluster start {start_s:.1f} s apart); "
          f"ratio to the plain add {dask_s / plain_s:.2f}")
    # the single writer alone: the store filled from the shards (no reading, no sketching)
    files = [f for s in sorted(shards.glob("*.parquet")) for f in read_shard(s)]
    with CorpusStore(work / "merge.sqlite") as store:
        t = time.perf_counter()
        for prepared in files:
            if prepared.error is None:
                store.begin()
                store.store_file(prepared)
        store.commit()
        store.optimize()
        merge_s = time.perf_counter() - t
    size = sum(s.stat().st_size for s in shards.glob("*.parquet"))
    per_doc_cpu = dask_s * 2 / n  # two workers busy
    print(f"merge (shards -> store, one writer): {n} documents in {merge_s:.1f} s = "
          f"{n / merge_s:.0f} documents/s; shards {size / 1e6:.1f} MB "
          f"({size / n / 1e3:.1f} kB a document)")
    million = 1_000_000
    print(f"a million documents, extrapolated: plain add on this machine "
          f"{million / (n / plain_s) / 3600:.1f} h; preparing costs ~{per_doc_cpu * 1000:.0f} ms"
          f" of one core a document = {per_doc_cpu * million / 3600:.0f} core-hours, i.e. "
          f"~{per_doc_cpu * million / 3600 / 32:.1f} h on 32 worker cores; the single writer "
          f"merges at {n / merge_s:.0f} documents/s = {million / (n / merge_s) / 3600:.1f} h "
          f"(the floor however many workers); shards {size / n * million / 1e9:.0f} GB")


if __name__ == "__main__":
    main()
