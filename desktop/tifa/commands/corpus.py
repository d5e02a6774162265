"""`tifa corpus SUBCOMMAND`: a library of dated documents (engine: ``tifa.engine.corpus``).

    tifa corpus add [--db DB] PATH...            files and folders, recursively
    tifa corpus search [--db DB] QUERY [--limit N] [--json OUT]
    tifa corpus timeline [--db DB] PHRASE... [--by month|quarter|year] [--json OUT]
                         [--html OUT] [--png OUT]
    tifa corpus new [--db DB] --since DATE [--limit N] [--json OUT]
    tifa corpus echoes [--db DB] FILE|ID [--limit N] [--json OUT]
    tifa corpus echoes [--db DB] --all [--engine local|dask] [--scheduler ADDRESS] [--json OUT]
    tifa corpus info [--db DB] [--json OUT]
    tifa corpus list [--db DB] [--all] [--json OUT]

The store is ``$XDG_DATA_HOME/tifa/corpus.sqlite`` (``~/.local/share/tifa``) unless ``--db``
names one. ``--json -`` writes JSON to stdout. Exit codes (``tifa.exit_codes``): 0 done;
2 usage error (a bad date or period, an output that is the store or an input); 3 a file could
not be added (the others were; each named on stderr), or the store cannot be read; 4 an output
(or the store, for add) could not be written; 130/143 interrupted — files already added stay
added, and running the same add again goes on where it stopped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from tifa import exit_codes
from tifa.engine.safe_text import shown_name, terminal_safe
from tifa.engine.wording import counted

PERIODS = ("month", "quarter", "year")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    db_help = "the corpus file (default: $XDG_DATA_HOME/tifa/corpus.sqlite)"
    # `tifa corpus --db X add …` and `tifa corpus add --db X …` both work: the subcommand's
    # --db only replaces the outer one when given (SUPPRESS keeps its default out).
    parser.add_argument("--db", type=Path, metavar="DB", default=None, help=db_help)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", type=Path, metavar="DB", default=argparse.SUPPRESS,
                        help=db_help)
    common.add_argument("--json", type=Path, metavar="OUT",
                        help="also write the result as JSON to OUT ('-': stdout)")
    sub = parser.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND", required=True)

    p = sub.add_parser("add", parents=[common], help="add files and folders (recursively)",
                       description="Add files and folders (recursively: .txt .md .html .docx "
                       ".pdf) to the corpus. The same content again changes nothing; a "
                       "changed file becomes a new version. Interrupted? Run it again.")
    p.add_argument("paths", nargs="+", type=_path, metavar="PATH")
    p.add_argument("--workers", type=_positive, default=None, metavar="N",
                   help="reading processes (default: every core)")
    p.add_argument("--lexicon", action="append", default=[], type=Path, metavar="FILE",
                   help="an extra formulation lexicon (.tsv/.yaml), may be repeated")
    p.add_argument("--max-mb", type=_megabytes, default=20.0, metavar="N",
                   help="skip files larger than N megabytes (default 20)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("search", parents=[common], help="documents containing a phrase",
                       description="Documents containing a phrase, in either script (the "
                       "query is normalised like the documents), with a snippet; ranked by "
                       "matches, then newest first.")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=_positive, default=None, metavar="N")

    p = sub.add_parser("timeline", parents=[common], help="uses of phrases over time",
                       description="Documents and occurrences per period for each phrase "
                       "(its lexicon variants included), first and last use, the documents "
                       "of the first use.")
    p.add_argument("phrases", nargs="+", metavar="PHRASE")
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--html", type=Path, metavar="OUT", help="a page with the chart")
    p.add_argument("--png", type=Path, metavar="OUT", help="the chart as a picture")
    p.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of the HTML page's own words: 'en' (default) or 'zh'")
    p.add_argument("--lexicon", action="append", default=[], type=Path, metavar="FILE")

    p = sub.add_parser("new", parents=[common], help="formulations first used after a date",
                       description="Formulations whose first use in the corpus falls after "
                       "DATE, ranked by documents then occurrences, with their first "
                       "documents.")
    p.add_argument("--since", required=True, type=_date, metavar="DATE",
                   help="YYYY-MM-DD (or YYYY-MM, YYYY)")
    p.add_argument("--limit", type=_positive, default=None, metavar="N")

    from tifa.commands.corpus_echoes import add_echoes_arguments  # echoes, --engine dask

    add_echoes_arguments(sub, common, _positive)

    p = sub.add_parser("info", parents=[common], help="counts, size, schema version")
    p = sub.add_parser("list", parents=[common], help="the documents")
    p.add_argument("--all", action="store_true", help="old versions too")


def _megabytes(text: str) -> float:
    from tifa.commands.normalize import _megabytes as megabytes

    return megabytes(text)


def _path(text: str) -> Path:
    if not text.strip():  # Path('') is '.': the whole current folder, recursively
        raise argparse.ArgumentTypeError("an empty path")
    return Path(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not at least 1")
    return value


def _date(text: str) -> dt.date:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")


def run(args: argparse.Namespace) -> int:
    from tifa.engine.atomic import OutputIsInputError, refuse_inputs
    from tifa.engine.corpus import CorpusError, default_db_path

    db: Path = args.db or default_db_path()
    outputs = [p for p in (args.json, getattr(args, "html", None), getattr(args, "png", None))
               if p is not None and str(p) != "-"]
    try:
        refuse_inputs(outputs, [db, *(Path(f"{db}{s}") for s in ("-wal", "-shm", "-journal")),
                                *getattr(args, "paths", [])])
        _refuse_stored_and_shared(outputs, db)
    except (OutputIsInputError, ValueError) as error:
        print(f"tifa corpus: {error}", file=sys.stderr)
        return exit_codes.USAGE
    command = args.corpus_command
    empty = _empty_query(args)
    if empty:
        print(f"tifa corpus {command}: {empty}", file=sys.stderr)
        return exit_codes.USAGE
    try:
        if command == "echoes" or getattr(args, "engine", "local") == "dask":
            from tifa.commands.corpus_echoes import run_echoes_or_dask

            return run_echoes_or_dask(args, db)
        if command == "add":
            return _add(args, db)
        return int(globals()[f"_{command}"](args, db))
    except CorpusError as error:
        print(f"tifa corpus: {error}", file=sys.stderr)
        return exit_codes.UNWRITABLE if command == "add" else exit_codes.UNREADABLE
    except sqlite3.Error as error:  # locked by another add past the wait, disk full, damage
        print(f"tifa corpus: {db}: {error}" + (
            " (another `tifa corpus add` may be writing to it; what was added is kept)"
            if "locked" in str(error) else ""), file=sys.stderr)
        return exit_codes.UNWRITABLE if command == "add" else exit_codes.UNREADABLE


def _empty_query(args: argparse.Namespace) -> str | None:
    """Why the query or a phrase is a usage error (empty, or nothing left once normalised)."""
    from tifa.engine.corpus.store import normalize_query

    for text in [getattr(args, "query", "x"), *getattr(args, "phrases", [])]:
        if not normalize_query(text):
            return f"an empty query {text!r}: give the phrase to look for"
    return None


def _refuse_stored_and_shared(outputs: Sequence[Path], db: Path) -> None:
    """An output that is a file the corpus holds documents of (`search x --json day.md` would
    replace a document Tifa promises never to write), or two outputs naming one file."""
    import contextlib
    import os

    from tifa.engine.atomic import OutputIsInputError, same_file

    for i, output in enumerate(outputs):
        for other in outputs[i + 1:]:
            if same_file(output, other):
                raise ValueError(f"two outputs name the same file {output}")
    existing = [os.path.realpath(p) for p in outputs if os.path.isfile(p)]
    if not existing or not db.is_file():
        return
    with contextlib.suppress(sqlite3.Error, OSError), contextlib.closing(
        sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
    ) as con:
        for real in existing:
            if con.execute("SELECT 1 FROM files WHERE path = ? LIMIT 1", (real,)).fetchone():
                raise OutputIsInputError(Path(real), Path(real))  # a stored document


def _open(db: Path, *, write: bool = False) -> Any:
    from tifa.engine.corpus import CorpusStore

    return CorpusStore(db, readonly=not write)


def _older(count: int) -> str:
    """", 3 older versions kept" (nothing when none): `info` once said "1001 (1001 with old
    versions)" of a store where nothing had an older version."""
    return f", {counted(count, 'older version')} kept" if count > 0 else ""


def _write_json(target: Path | None, payload: object) -> int:
    """Write JSON to ``target`` ('-': stdout); returns an exit code."""
    if target is None:
        return exit_codes.OK
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    return _write_text(target, text)


def _write_text(target: Path, text: str) -> int:
    if str(target) == "-":
        sys.stdout.write(text)
        return exit_codes.OK
    return _write_bytes(target, text.encode("utf-8"))


def _write_bytes(target: Path, data: bytes) -> int:
    from tifa.engine.atomic import atomic_write_bytes

    try:
        atomic_write_bytes(target, data)
    except OSError as error:
        print(f"tifa corpus: {target}: cannot write ({error.strerror or error})",
              file=sys.stderr)
        return exit_codes.UNWRITABLE
    return exit_codes.OK


class _Bar:
    """A one-line progress bar on stderr (only when stderr is a terminal, at most 10/s).

    ``tifa.cli`` shows control characters written to stderr as ``\\uXXXX``; the bar's
    carriage returns go to the stream's byte buffer instead, the file names in it are made
    safe here."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.shown = 0.0
        self.dirty = False

    def _write(self, text: str) -> None:
        self.stream.flush()
        buffer = getattr(self.stream, "buffer", None)
        if buffer is None:
            self.stream.write(text)
        else:
            buffer.write(text.encode(getattr(self.stream, "encoding", None) or "utf-8",
                                     "replace"))
            buffer.flush()

    def show(self, done: int, total: int, message: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.shown < 0.1):
            return
        self.shown = now
        width = 30
        filled = width * done // total if total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} " \
            f"{terminal_safe(message[:40])}"
        self._write("\r" + line.ljust(90))
        self.dirty = True

    def clear(self) -> None:
        if self.dirty:
            self._write("\r" + " " * 90 + "\r")
            self.dirty = False


def _add(args: argparse.Namespace, db: Path, prepare: Any = None) -> int:
    from tifa.engine.corpus import AddEvent, AddSummary, add_paths
    from tifa.engine.progress import Progress

    if args.lexicon:  # checked once: a bad lexicon failed every file, named as the file
        from tifa.engine.compare.lexicon import load_lexicon
        from tifa.engine.errors import InputError

        try:
            load_lexicon(*(str(p) for p in args.lexicon))
        except InputError as error:
            print(f"tifa corpus: {terminal_safe(str(error))}; nothing was added",
                  file=sys.stderr)
            return exit_codes.UNREADABLE
    store = _open(db, write=True)
    bar = _Bar(sys.stderr, not args.quiet)
    events: list[dict[str, Any]] = []
    summary: AddSummary | None = None
    try:
        for step in add_paths(store, args.paths, workers=args.workers,
                              lexicon_paths=tuple(str(p) for p in args.lexicon),
                              prepare=prepare, max_bytes=int(args.max_mb * 1024 * 1024)):
            if isinstance(step, Progress):
                bar.show(step.done, step.total, step.message)
            elif isinstance(step, AddEvent):
                events.append({"path": str(step.path), "status": step.status,
                               "documents": step.documents, "message": step.message})
                if step.status == "failed":
                    bar.clear()
                    print(f"tifa corpus: skipped {shown_name(step.message)}", file=sys.stderr)
            else:
                summary = step
    finally:
        bar.clear()
        store.close()
    assert summary is not None
    restored = (f"{counted(summary.restored, 'earlier version')} made current again, "
                if summary.restored else "")
    # copies: files added (or new versions) holding the bytes of a file stored under another
    # path; each event says whose ("a copy of PATH"); search folds them into that file's hit
    copies = (f" ({counted(summary.copies, 'copy', 'copies')} of files stored under "
              "another name)" if summary.copies else "")
    print(f"{counted(summary.files, 'file')}: {summary.added} added, "
          f"{counted(summary.versions, 'new version')}, {restored}{summary.unchanged} unchanged, "
          f"{summary.failed} skipped{copies}; {counted(summary.documents, 'document')} stored "
          f"in {db}")
    code = _write_json(args.json, {
        "db": str(db), "files": summary.files, "added": summary.added,
        "versions": summary.versions, "restored": summary.restored,
        "unchanged": summary.unchanged, "copies": summary.copies,
        "failed": summary.failed, "documents": summary.documents, "events": events,
    })
    return max(code, exit_codes.OK if summary.ok else exit_codes.UNREADABLE)


def _search(args: argparse.Namespace, db: Path) -> int:
    with _open(db) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.json is None or str(args.json) != "-":
        for h in hits:
            more = "".join(f"\n\t{shown_name(p)}  (#{i}, a copy)" for i, p in h.copies)
            plus = f"\t(+{counted(len(h.copies), 'copy', 'copies')})" \
                if h.copies else ""
            print(f"#{h.id}\t{h.date or '(no date)'}\t{h.source or ''}\t{h.title}{plus}\n"
                  f"\t{h.snippet}\n\t{shown_name(h.path)}{more}")
        if args.limit is not None and len(hits) == args.limit:  # more may match
            print(f"the first {counted(len(hits), 'document')} (--limit {args.limit}; more may "
                  "match)",
                  file=sys.stderr)
        else:
            print(counted(len(hits), "document"), file=sys.stderr)
    if args.json is None:
        return exit_codes.OK
    # one hit a line, each by the C encoder (``indent`` takes the pure-Python one: ~50 ms a
    # thousand hits); one encoder for all (``json.dumps`` with an option makes one a call)
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = ",\n".join("  " + encode(
        {"id": h.id, "path": h.path, "title": h.title, "date": h.date, "source": h.source,
         "snippet": h.snippet, "copies": [{"id": i, "path": p} for i, p in h.copies]})
        for h in hits)
    return _write_text(args.json, '{"query": ' + json.dumps(args.query, ensure_ascii=False)
                       + ',\n "hits": [' + (f"\n{rows}\n " if hits else "") + "]}\n")


def _timeline(args: argparse.Namespace, db: Path) -> int:
    from tifa.engine.compare.lexicon import load_lexicon
    from tifa.engine.corpus.report import (
        render_timeline_html,
        render_timeline_png,
        timeline_json,
    )
    from tifa.engine.corpus.timeline import phrase_timelines
    from tifa.engine.errors import InputError

    try:
        lexicon = load_lexicon(*args.lexicon)
    except InputError as error:
        print(f"tifa corpus: {error}", file=sys.stderr)
        return exit_codes.UNREADABLE
    with _open(db) as store:
        timelines = phrase_timelines(store, args.phrases, by=args.by, lexicon=lexicon)
        documents = store.infos([i for t in timelines for i in t.first_documents])
        totals = store.documents_per_period(args.by) if args.html is not None else {}
    if args.json is None or str(args.json) != "-":
        for t in timelines:
            variants = f" (with {', '.join(t.variants)})" if t.variants else ""
            if t.first is None:
                print(f"{t.phrase}{variants}: not in any dated document"
                      + (f" (in {t.undated} undated)" if t.undated else ""))
                continue
            undated = f" (and {t.undated} undated)" if t.undated else ""
            copies = (f" ({counted(t.copies, 'copy', 'copies')} of these counted once)"
                      if t.copies else "")
            print(f"{t.phrase}{variants}: first {t.first}, last {t.last}, "
                  f"{counted(t.documents, 'document')}{undated}, "
                  f"{counted(t.occurrences, 'occurrence')}{copies}")
            for p in t.series:
                print(f"  {p.period}\t{p.documents}\t{p.occurrences}")
            for i in t.first_documents:
                d = documents[i]
                print(f"  first: #{d.id} {d.date} {d.source or ''} {d.title}")
    code = _write_json(args.json, timeline_json(timelines))
    if args.html is not None:
        code = max(code, _write_text(args.html, render_timeline_html(
            timelines, args.by, documents, corpus=str(db), totals=totals,
            lang=getattr(args, "lang", "en"))))
    if args.png is not None:
        code = max(code, _write_bytes(args.png, render_timeline_png(timelines, args.by)))
    return code


def _new(args: argparse.Namespace, db: Path) -> int:
    from tifa.engine.corpus.timeline import new_formulations

    with _open(db) as store:
        found = new_formulations(store, args.since, limit=args.limit)
        documents = store.infos([i for f in found for i in f.first_documents])
    if args.json is None or str(args.json) != "-":
        for f in found:
            firsts = "; ".join(f"#{i} {documents[i].title}" for i in f.first_documents[:3])
            print(f"{f.phrase}\t{f.first}\t{counted(f.documents, 'document')}\t"
                  f"{counted(f.occurrences, 'time')}"
                  f"\t{f.category}\t{firsts}")
        print(f"{counted(len(found), 'formulation')} first used after {args.since.isoformat()}",
              file=sys.stderr)
    return _write_json(args.json, {"since": args.since.isoformat(), "formulations": [
        {"phrase": f.phrase, "category": f.category, "origin": f.origin, "first": f.first,
         "documents": f.documents, "occurrences": f.occurrences,
         "first_documents": [_doc_json(documents[i]) for i in f.first_documents]}
        for f in found]})


def _doc_json(d: Any) -> dict[str, Any]:
    return {"id": d.id, "path": d.path, "item": d.item, "version": d.version,
            "current": d.current, "title": d.title, "date": d.date, "source": d.source}


def _info(args: argparse.Namespace, db: Path) -> int:
    from tifa.engine.corpus import CorpusError, CorpusStore

    if not db.exists():  # a folder or a pipe: the store names it
        raise CorpusError(f"{db}: no corpus there (run `tifa corpus add`)")
    import os

    # read-only media or a read-only file: read it as it is
    writable = os.access(db.resolve().parent, os.W_OK) and os.access(db, os.W_OK)
    with CorpusStore(db, readonly=not writable) as store:  # an older store upgraded here
        info = store.info()
    ratio = info.size_bytes / info.text_bytes if info.text_bytes else 0.0
    if args.json is None or str(args.json) != "-":
        print(f"corpus:        {info.path}\nschema:        {info.schema_version}\n"
              f"documents:     {info.documents} current"
              f"{_older(info.stored_documents - info.documents)}\n"
              f"files:         {info.files} "
              f"({counted(info.file_versions, 'version')})\n"
              f"dates:         {info.first_date or '-'} .. {info.last_date or '-'}\n"
              f"formulations:  {info.formulations} "
              f"({counted(info.occurrences, 'document count')})\n"
              f"text:          {info.text_bytes / 1e6:.1f} MB\n"
              f"store:         {info.size_bytes / 1e6:.1f} MB ({ratio:.1f}x the text)")
    return _write_json(args.json, {
        "path": info.path, "schema_version": info.schema_version, "files": info.files,
        "file_versions": info.file_versions, "documents": info.documents,
        "stored_documents": info.stored_documents, "formulations": info.formulations,
        "occurrences": info.occurrences, "text_bytes": info.text_bytes,
        "size_bytes": info.size_bytes, "first_date": info.first_date,
        "last_date": info.last_date})


def _list(args: argparse.Namespace, db: Path) -> int:
    with _open(db) as store:
        documents: Sequence[Any] = store.documents(current_only=not args.all)
    if args.json is None or str(args.json) != "-":
        for d in documents:
            old = "" if d.current else f"\t(old version {d.version})"
            print(f"#{d.id}\t{d.date or '(no date)'}\t{d.source or ''}\t{d.title}\t"
                  f"{shown_name(d.path)}{f' #{d.item}' if d.item else ''}{old}")
    return _write_json(args.json, {"documents": [_doc_json(d) for d in documents]})
