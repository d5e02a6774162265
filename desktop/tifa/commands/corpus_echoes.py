"""`tifa corpus echoes` and `tifa corpus add --engine dask` (engine: ``corpus.echoes``,
``corpus.distributed``); plugged into ``commands/corpus.py``.

    tifa corpus echoes [--db DB] FILE|ID [--limit N] [--json OUT]
    tifa corpus echoes [--db DB] --all [--engine local|dask] [--scheduler ADDRESS]
                       [--workers N] [--limit N] [--json OUT]
    tifa corpus add [--db DB] --engine dask [--scheduler ADDRESS] [--shards DIR] PATH...

Exit codes as the other corpus commands; 2 also when the Dask engine is asked for and
dask/pyarrow are not installed (the message names the extra to install).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tifa import exit_codes
from tifa.engine.safe_text import shown_name
from tifa.engine.wording import counted


def add_echoes_arguments(
    sub: Any, common: argparse.ArgumentParser, positive: Callable[[str], int]
) -> None:
    p = sub.add_parser(
        "echoes", parents=[common], help="documents sharing passages with one",
        description="The stored documents that share passages with a document (an id from "
        "`tifa corpus list`/`search`, or a file: read with Tifa's reader when it is not in "
        "the corpus), ranked by shared distinctive wording; near-duplicates (one text "
        "reposted) shown as one entry with its members. --all: the echoes of every "
        "document (in worker processes, or on a Dask cluster with --engine dask).")
    p.add_argument("target", nargs="?", metavar="FILE|ID")
    p.add_argument("--all", action="store_true", help="the echoes of every document")
    p.add_argument("--limit", type=positive, default=None, metavar="N",
                   help="at most N echoes a document (default: all; 10 with --all)")
    _engine_arguments(p)
    p.add_argument("--workers", type=positive, default=None, metavar="N",
                   help="local worker processes (or local Dask workers; default 2)")
    _engine_arguments(sub.choices["add"])
    sub.choices["add"].add_argument(
        "--shards", type=Path, metavar="DIR",
        help="with --engine dask: keep the Parquet shards in DIR (default: a temporary folder)")


def _engine_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (pip install "
                   "'tifa[corpus-dask]')")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --engine dask: the scheduler (tcp://host:8786); default: a "
                   "local cluster of --workers processes")


def run_echoes_or_dask(args: argparse.Namespace, db: Path) -> int:
    from tifa.engine.corpus.distributed import DaskUnavailable

    try:
        if args.corpus_command == "add":
            return _dask_add(args, db)
        return _echoes(args, db)
    except DaskUnavailable as error:
        print(f"tifa corpus: {error}", file=sys.stderr)
        return exit_codes.USAGE


def _dask_add(args: argparse.Namespace, db: Path) -> int:
    from tifa.commands.corpus import _add
    from tifa.engine.corpus.distributed import cluster_prepare, dask_client

    with dask_client(args.scheduler, workers=args.workers or 2) as client:
        return _add(args, db, prepare=cluster_prepare(
            client, shard_dir=args.shards, lexicon_paths=tuple(str(p) for p in args.lexicon)))


def _target(text: str) -> int | Path:
    stripped = text.lstrip("#")
    if stripped.isdigit() and not Path(text).exists():
        return int(stripped)
    return Path(text)


def _echoes(args: argparse.Namespace, db: Path) -> int:
    from tifa.commands.corpus import _write_json
    from tifa.engine.atomic import OutputIsInputError, refuse_inputs
    from tifa.engine.corpus import CorpusStore
    from tifa.engine.corpus.echoes import ensure_sketches, find_echoes
    from tifa.engine.errors import InputError

    if args.all == (args.target is not None):
        print("tifa corpus echoes: give a FILE or an ID, or --all"
              + (", not both" if args.all else ""), file=sys.stderr)
        return exit_codes.USAGE
    if args.all:
        return _echoes_all(args, db)
    target = _target(args.target)
    if isinstance(target, Path) and args.json is not None and str(args.json) != "-":
        try:
            refuse_inputs([args.json], [target])
        except (OutputIsInputError, ValueError) as error:
            print(f"tifa corpus: {error}", file=sys.stderr)
            return exit_codes.USAGE
    import os

    writable = os.access(db.resolve().parent, os.W_OK) and os.access(db, os.W_OK)
    with CorpusStore(db, readonly=not writable) as store:
        for _ in ensure_sketches(store):  # (read-only media: only when none is missing)
            pass
        try:
            result = find_echoes(store, target, limit=args.limit)
        except KeyError:
            print(f"tifa corpus: no document #{target} in {db}", file=sys.stderr)
            return exit_codes.USAGE
        except InputError as error:
            print(f"tifa corpus: {error}", file=sys.stderr)
            return exit_codes.UNREADABLE
        payload = _result_json(store, result)
    if args.json is None or str(args.json) != "-":
        _print_result(payload)
    return _write_json(args.json, payload)


def _result_json(store: Any, result: Any) -> dict[str, Any]:
    infos = store.infos([e.id for e in result.echoes])
    q = result.query
    return {
        "query": {"id": q.id, "path": q.path, "title": q.title, "date": q.date,
                  "source": q.source, "chars": q.chars, "candidates": result.candidates},
        "echoes": [
            {"id": e.id, "path": infos[e.id].path, "title": infos[e.id].title,
             "date": infos[e.id].date, "source": infos[e.id].source, "score": e.score,
             "shared_chars": e.shared_chars, "jaccard": e.jaccard,
             "passages": list(e.passages), "members": list(e.members)}
            for e in result.echoes],
    }


def _print_result(payload: dict[str, Any]) -> None:
    q = payload["query"]
    print(f"echoes of {'#' + str(q['id']) if q['id'] is not None else shown_name(q['path'])} "
          f"{q['date'] or ''} {q['title']}")
    for e in payload["echoes"]:
        members = f"\t(+{counted(len(e['members']), 'near-duplicate')}: "
        members += ", ".join(f"#{m}" for m in e["members"]) + ")" if e["members"] else ""
        print(f"#{e['id']}\t{e['score']:.1f}\t{counted(e['shared_chars'], 'char')}\t"
              f"{e['date'] or '(no date)'}\t{e['source'] or ''}\t{e['title']}"
              f"{members if e['members'] else ''}")
        for passage in e["passages"]:
            print(f"\t「{passage}」")
    print(counted(len(payload['echoes']), 'echo', 'echoes'), file=sys.stderr)


def _echoes_all(args: argparse.Namespace, db: Path) -> int:
    from tifa.commands.corpus import _write_json
    from tifa.engine.corpus import CorpusStore
    from tifa.engine.corpus.echoes import (
        EchoResult,
        all_echoes,
        load_signatures,
        near_duplicates,
    )
    from tifa.engine.progress import Progress

    limit = args.limit or 10
    results: list[EchoResult] = []
    if args.engine == "dask":
        from tifa.engine.corpus.distributed import dask_client, dask_echoes

        with dask_client(args.scheduler, workers=args.workers or 2) as client:
            results = [r for r in dask_echoes(db, client=client, limit=limit)
                       if not isinstance(r, Progress)]
    else:
        results = [r for r in all_echoes(db, workers=args.workers, limit=limit)
                   if not isinstance(r, Progress)]
    with CorpusStore(db, readonly=True) as store:
        clusters = near_duplicates(load_signatures(store))
        payload = {"documents": [_result_json(store, r) for r in results],
                   "near_duplicates": [list(c) for c in clusters]}
    if args.json is None or str(args.json) != "-":
        for doc in payload["documents"]:
            q = doc["query"]
            best = ", ".join(f"#{e['id']} ({e['score']:.0f})" for e in doc["echoes"][:5])
            print(f"#{q['id']}\t{q['date'] or ''}\t{q['title'][:40]}\t"
                  f"{counted(len(doc['echoes']), 'echo', 'echoes')}\t{best}")
        print(f"{counted(len(payload['near_duplicates']), 'cluster')} of near-duplicates",
              file=sys.stderr)
    return _write_json(args.json, payload)
