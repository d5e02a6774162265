"""`tifa compare FILE...`: compare documents, print a readable summary, write reports.

Exit codes (``tifa.exit_codes``): 0 done; 2 usage error (a bad option value, more than 1,000
files, an output that is one of the inputs); 3 a file could not be read (the others are still
compared) or fewer than two could; 4 a report could not be written (the other formats are
still written). Several problems: the highest code.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from tifa import exit_codes
from tifa.engine.compare.model import (
    CompareSettings,
    Comparison,
    Formulation,
    Granularity,
    LinkKind,
    PairComparison,
)
from tifa.engine.compare.rowlayout import notable_shared, shared_count
from tifa.engine.errors import InputError
from tifa.engine.model import Document
from tifa.engine.safe_text import shown_name
from tifa.engine.wording import counted

if TYPE_CHECKING:
    from tifa.engine.compare.report import WrittenAhead

TOP_FORMULATIONS = 15  # shared formulations listed in the summary
TOP_CHANGES = 30  # new / dropped formulations listed per document (most significant first)
TOP_PAIRS = 20  # pairs listed in the summary when there are many
TOP_PASSAGES = 5  # shared passages shown per pair
SEPARATOR = "；"  # between phrases: 、 is inside parallel formulas (讲政治、抓发展…)
MIN_SHARED = (1, 10_000)  # --min-shared: a passage longer than 10,000 characters is a document
OUTPUT_FORMATS = ("json", "html", "docx", "pdf", "xlsx", "csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """All of `tifa compare`'s options: what to compare and how, then what to write."""
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="documents to compare (2 to 1,000)"
    )
    how = parser.add_argument_group("comparison")
    how.add_argument(
        "--pivot",
        metavar="N",
        help="the document the alignment table is built around: its position among the FILEs "
        "(1 = first) or its file name; default: the most central document",
    )
    how.add_argument(
        "--granularity",
        choices=[g.value for g in Granularity],
        default=Granularity.AUTO.value,
        help="align by sentences, by paragraphs, or choose per pair (auto, the default)",
    )
    how.add_argument(
        "--threshold",
        type=_fraction,
        default=CompareSettings().link_threshold,
        metavar="X",
        help="lowest similarity (0..1) at which paragraphs are linked (default %(default)s)",
    )
    how.add_argument(
        "--min-shared",
        type=_count,
        default=CompareSettings().min_shared_chars,
        metavar="N",
        help=f"shortest shared passage, in characters, {MIN_SHARED[0]} to {MIN_SHARED[1]} "
        "(default %(default)s)",
    )
    how.add_argument(
        "--ignore-numbers",
        action="store_true",
        help="ignore digits when scoring paragraphs (dates, statistics)",
    )
    how.add_argument(
        "--keep-punctuation",
        action="store_true",
        help="count punctuation when scoring paragraphs (ignored by default)",
    )
    how.add_argument(
        "--whole-files",
        action="store_true",
        help="read a file of many items (a transcript's day) as one document, not one per item",
    )
    how.add_argument(
        "--max-mb", type=_megabytes, default=20.0, metavar="N",
        help="refuse files larger than N megabytes, at most 1024 (default 20)",
    )
    add_output_arguments(parser.add_argument_group("output"))


def _megabytes(text: str) -> float:
    from tifa.commands.normalize import _megabytes as megabytes  # what normalize accepts

    return megabytes(text)


def add_output_arguments(group: argparse._ArgumentGroup) -> None:
    """Report files. Each writer adds its option here and its call in ``write_outputs``."""
    group.add_argument(
        "--json", metavar="OUT", type=Path, help="write the JSON report (schema_version 1)"
    )
    group.add_argument(
        "--pairs", choices=("computed", "all"), default="computed",
        help="pairs the JSON report lists in full: 'computed' (default: every pair up to 31 "
        "documents, the pivot's pairs beyond) or 'all' (slower with many documents)")
    group.add_argument("--html", metavar="OUT", type=Path,
                       help="write the HTML report (one self-contained file)")
    group.add_argument("--docx", metavar="OUT", type=Path, help="write the Word report")
    group.add_argument("--pdf", metavar="OUT", type=Path,
                       help="write the PDF report (needs a Chinese font, e.g. fonts-noto-cjk)")
    group.add_argument("--xlsx", metavar="OUT", type=Path,
                       help="write formulations and similarity matrices as an Excel workbook")
    group.add_argument("--csv", metavar="DIR", type=Path,
                       help="write formulations and similarity matrices as CSV files in DIR")
    group.add_argument(
        "--lang", choices=("en", "zh"), default="en",
        help="language of the reports' own words (headings, keys, legends, settings, CSV "
        "headers): 'en' (default) or 'zh' (中文, the app's Chinese terms); the JSON report is "
        "the same in both")
    group.add_argument("--quiet", "-q", action="store_true", help="print no summary, only errors")
    group.description = ("OUT '-' writes that report to stdout (one report at most; no "
                         "summary then)")


STDOUT = Path("-")


def _stdout_format(args: argparse.Namespace) -> str | None:
    """The one report asked for on stdout (``--json -``), or None. Two reports on stdout,
    or CSV (a folder), are a usage error."""
    wanted = [f for f, path in requested_outputs(args).items() if path == STDOUT]
    if not wanted:
        return None
    if "csv" in wanted:
        raise ValueError("--csv -: CSV reports are several files; give a folder")
    if len(wanted) > 1:
        raise ValueError(f"--{wanted[0]} - and --{wanted[1]} -: only one report can go to "
                         "stdout")
    return wanted[0]


def _write_to_stdout(comparison: Comparison, args: argparse.Namespace, fmt: str, *,
                     ahead: WrittenAhead | None = None) -> int:
    """Write the report of ``fmt`` to a temporary file, then copy it to stdout whole (the
    writers write whole files, never half a report)."""
    import shutil
    import tempfile

    from tifa.engine.export import FORMATS

    others = {f: path for f, path in requested_outputs(args).items() if f != fmt}
    with tempfile.TemporaryDirectory(prefix="tifa-") as folder:
        target = Path(folder) / f"report{FORMATS[fmt].suffix}"
        only = argparse.Namespace(**{**vars(args), **{f: None for f in others}, fmt: target,
                                     "quiet": True})
        # failures name "-", not target
        code = write_outputs(comparison, only, shown_as="-", ahead=ahead)
        if code == exit_codes.OK:
            try:
                with target.open("rb") as report:
                    shutil.copyfileobj(report, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            except BrokenPipeError:  # `--json - | head`: what is left goes nowhere
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                os.close(devnull)
    if others:  # the other reports, without a word on stdout
        rest = argparse.Namespace(**{**vars(args), fmt: None, "quiet": True})
        code = max(code, write_outputs(comparison, rest, ahead=ahead))
    return code


def requested_outputs(args: argparse.Namespace) -> dict[str, Path]:
    """The report files asked for on the command line, by format."""
    wanted = {f: getattr(args, f) for f in OUTPUT_FORMATS}
    return {f: path for f, path in wanted.items() if path is not None}


def _refuse_shared_outputs(reports: dict[str, Path]) -> None:
    """Two formats asked to write one file: the second would silently replace the first."""
    from tifa.engine.atomic import same_file

    items = list(reports.items())
    for i, (first, a) in enumerate(items):
        for second, b in items[i + 1:]:
            if same_file(a, b):
                raise ValueError(f"--{first} and --{second} name the same file {a}")


def write_outputs(comparison: Comparison, args: argparse.Namespace, *,
                  shown_as: str | None = None, ahead: WrittenAhead | None = None) -> int:
    """Write the report files asked for on the command line. Every format is tried; each one
    that fails is named on stderr with the reason. Returns 0, or ``exit_codes.UNWRITABLE``
    when something could not be written (``USAGE`` when it was an input). ``shown_as``
    names the target in failures (``-`` for a report written through a temporary file);
    ``ahead``: the JSON report's pairs written while comparing (``written_ahead``)."""
    reports = requested_outputs(args)
    if not reports:
        return exit_codes.OK
    from tifa.engine.export import ExportFailures, OutputIsInputError, export_many

    targets = dict(reports)  # every output, the JSON written apart included
    written: dict[str, tuple[tuple[Path, ...], float]] = {}
    failures: dict[str, Exception] = {}
    pairs = getattr(args, "pairs", "computed")
    if (pairs == "all" or ahead is not None) and "json" in reports:
        from tifa.engine.compare.report import write_report

        json_path = reports["json"]
        reports = {f: p for f, p in reports.items() if f != "json"}
        start = time.perf_counter()
        try:
            write_report(comparison, json_path, pairs=pairs, ahead=ahead)
            written["json"] = ((json_path,), time.perf_counter() - start)
        except Exception as error:  # reported with the others
            failures["json"] = error
    try:
        written.update(export_many(comparison, reports, lang=getattr(args, "lang", "en")))
    except ExportFailures as failed:
        written.update(failed.written)
        failures.update(failed.failures)
    if not args.quiet:
        for paths, seconds in written.values():
            print(f"wrote {', '.join(str(p) for p in paths)} ({seconds:.1f} s)")
    code = exit_codes.OK
    for name, error in failures.items():
        reason = _reason(error)
        if shown_as is not None:
            reason = reason.replace(str(targets[name]), shown_as)
        print(f"tifa compare: cannot write {shown_as or shown_name(targets[name])}: {reason}",
              file=sys.stderr)
        usage = isinstance(error, OutputIsInputError)
        code = max(code, exit_codes.USAGE if usage else exit_codes.UNWRITABLE)
    return code


def written_ahead(args: argparse.Namespace) -> WrittenAhead | None:
    """Where the JSON report's pairs are written while comparing (see ``WrittenAhead``), when
    a JSON report is asked for; else None."""
    if getattr(args, "json", None) is None:
        return None
    from tifa.engine.compare.report import WrittenAhead

    return WrittenAhead()


def _reason(error: Exception) -> str:
    """Why a report could not be written, in words (the file it names, if not the target)."""
    from tifa.engine.export import MissingFontError, OutputIsInputError

    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        if error.filename:
            reason += f" ({error.filename})"
        return reason
    if isinstance(error, (OutputIsInputError, MissingFontError, ValueError)):
        return str(error)
    return f"internal error, please report it: {type(error).__name__}: {error}"


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 < value <= 1.0:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"{text} is not in (0, 1]")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    low, high = MIN_SHARED
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text} is not in {low}..{high}")
    return value


def settings_from(args: argparse.Namespace, pivot: int | None) -> CompareSettings:
    return CompareSettings(
        granularity=Granularity(args.granularity),
        link_threshold=args.threshold,
        min_shared_chars=args.min_shared,
        ignore_punctuation=not args.keep_punctuation,
        ignore_numbers=args.ignore_numbers,
        pivot=pivot,
    )


def _requested_pivot(value: str | None, files: Sequence[Path]) -> int | None:
    """The FILE position the user named with --pivot (0-based), or None."""
    if value is None:
        return None
    if value.isdigit():
        position = int(value) - 1
        if not 0 <= position < len(files):
            raise ValueError(f"--pivot {value}: give a number from 1 to {len(files)}")
        return position
    matches = [i for i, f in enumerate(files) if value in (str(f), f.name)]
    base, sep, item = value.rpartition("#")
    if not matches and sep and item.isdigit():  # an item of a file, named as listed: x.md#3
        matches = [i for i, f in enumerate(files) if base in (str(f), f.name)]
    if len(matches) > 1:  # x/r.txt and y/r.txt: which one is meant?
        named = ", ".join(f"{i + 1} ({files[i]})" for i in matches)
        raise ValueError(f"--pivot {value}: {len(matches)} of the files have that name; "
                         f"give its path or its position: {named}")
    if not matches:
        raise ValueError(f"--pivot {value}: not one of the files")
    return matches[0]


def _pivot_item(value: str, file: Path) -> str | None:
    """The item number ``--pivot`` names in a file of many items (``x.md#3`` -> "3"), or None
    when it names the file itself."""
    if value in (str(file), file.name):
        return None
    _, sep, item = value.rpartition("#")
    return item if sep and item.isdigit() else None


def read_all(
    paths: Sequence[Path], err: TextIO, *, whole_files: bool = False,
    max_bytes: int | None = None,
) -> tuple[list[Document], list[int], bool]:
    """Read every file (a file of many items gives one document per item unless
    ``whole_files``); report the ones that fail. Returns the documents, the position in
    ``paths`` each came from, and whether any failed."""
    from tifa.engine.ingest import read_documents

    documents: list[Document] = []
    positions: list[int] = []
    failed = False
    for position, path in enumerate(paths):
        skipped: list[InputError] = []  # items of a many-item file refused alone
        try:
            found = (read_documents(path, whole_files=whole_files, skipped=skipped)
                     if max_bytes is None else
                     read_documents(path, whole_files=whole_files, max_bytes=max_bytes,
                                    skipped=skipped))
            documents.extend(found)
            positions.extend([position] * len(found))
        except InputError as error:
            skipped.insert(0, error)
        for error in skipped:
            print(f"tifa compare: {shown_name(error.path)}: {error.reason}", file=err)
            failed = True
    return documents, positions, failed


#: Up to this many files, ``run`` reads them in a forked process (``read_in_child``): all
#: the documents a comparison in full takes (31 readouts: ~0.18 s sooner with an early
#: worker); more need the document limit checked first, which loads the pipeline.
EARLY_READ_FILES = 31

Reading = tuple[list[Document], list[int], bool]


def _checked_usage(
    args: argparse.Namespace, files: Sequence[Path],
) -> tuple[str | None, int | None] | None:
    """The report on stdout (if any) and the pivot asked for, checked before anything is
    read: no report may overwrite an input (CSV files are checked once their names are
    known). ``None`` for a usage error, said on stderr."""
    from tifa.engine.atomic import OutputIsInputError, refuse_inputs

    try:
        to_stdout = _stdout_format(args)
        requested = _requested_pivot(args.pivot, files)
        files_out = {f: p for f, p in requested_outputs(args).items() if p != STDOUT}
        refuse_inputs((p for f, p in files_out.items() if f != "csv"), files)
        _refuse_shared_outputs(files_out)
    except (ValueError, OutputIsInputError) as error:
        print(f"tifa compare: {error}", file=sys.stderr)
        return None
    return to_stdout, requested


class ChildReading:
    """What a forked reader (``read_in_child``) sends: the documents first, then, while this
    process compares, their formulations (``find_formulations``)."""

    def __init__(self, pid: int, source: io.BufferedReader, paths: Sequence[Path], *,
                 whole_files: bool, max_bytes: int) -> None:
        self._pid, self._source, self._paths = pid, source, paths
        self._whole_files, self._max_bytes = whole_files, max_bytes
        self._ended = False
        self._rest = b""
        self._draining: threading.Thread | None = None

    def documents(self) -> Reading:
        """The documents, positions and failures, with the child's messages printed here as
        ``read_all`` prints them; read here after all if the child failed."""
        import pickle

        found = None
        try:
            head = self._source.read(8)
            if len(head) == 8:
                data = self._source.read(int.from_bytes(head, "little"))
                found, messages = pickle.loads(data)
                sys.stderr.write(messages)
        except Exception:
            found = None
        if found is None:
            self.end()
            return read_all(self._paths, sys.stderr, whole_files=self._whole_files,
                            max_bytes=self._max_bytes)
        # what the child sends next (the formulations) is read as it comes, so that it can
        # end as soon as it has sent them: blocked on a full pipe until the comparison asked
        # for them, it kept ~95 MB through the comparison's peak (10 reports of 40,000
        # characters: 371 MB against a 311 MB budget)
        self._draining = threading.Thread(target=self._drain, name="tifa-child-formulations",
                                          daemon=True)
        self._draining.start()
        return cast(Reading, found)

    def _drain(self) -> None:
        with contextlib.suppress(Exception):
            self._rest = self._source.read()

    def formulations(self) -> tuple[Formulation, ...] | None:
        """The documents' formulations, found by the child meanwhile; None if it could not
        (the comparison then finds them itself)."""
        import pickle

        try:
            if self._ended:
                return None
            if self._draining is not None:
                self._draining.join()
                data = self._rest
            else:
                data = self._source.read()
            return cast("tuple[Formulation, ...]", pickle.loads(data)) if data else None
        except Exception:
            return None
        finally:
            self.end()

    def end(self) -> None:
        """Close the pipe and wait for the child (it then ends on a broken pipe, if still
        writing)."""
        if not self._ended:
            self._ended = True
            if self._draining is not None and self._draining.is_alive():
                # the child is still finding formulations no one will ask for: end it (the
                # thread reading its pipe then meets the end of it)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self._pid, signal.SIGTERM)
                self._draining.join()
            self._rest = b""
            self._source.close()
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)


#: From this many characters in all, the forked reader also finds the formulations: below,
#: building its own rjieba dictionary (~0.1 s) takes longer than finding them here (two
#: small files were 0.27 -> 0.32 s that way; the long pair, 0.2 M characters, 0.76 -> 0.67 s).
FORMULATIONS_IN_CHILD_CHARS = 50_000


#: Up to this many documents: from 21 on, a worker process started ahead takes the second
#: core (31 readouts: three processes on two cores, no faster, 292 -> 338 MB).
FORMULATIONS_IN_CHILD_DOCUMENTS = 20


def _formulations_pay(documents: Sequence[Document]) -> bool:
    """Whether the forked reader should find the formulations: 2 to 20 documents, a second
    core, and enough text."""
    if not 2 <= len(documents) <= FORMULATIONS_IN_CHILD_DOCUMENTS:
        return False
    from tifa.engine.processes import usable_cores

    if usable_cores() < 2:
        return False
    chars = sum(len(p.normalized) for d in documents for p in d.paragraphs)
    if chars < FORMULATIONS_IN_CHILD_CHARS:
        return False
    if len(documents) == 2:  # one pair: always compared in full
        return True
    # the comparison asks for them only when it compares every pair up front: 20 reports of
    # 40,000 characters are compared as many documents are, and a third process finding
    # formulations no one asks for took the peak to 357 MB (budget 322)
    from tifa.engine.compare.pipeline import compared_in_full

    return compared_in_full(documents)


def _formulations_from(
    reading: ChildReading | None, documents: Sequence[Document]
) -> Callable[[], tuple[Formulation, ...] | None] | None:
    """What gives the formulations the forked reader finds, when it finds them (it decides
    by ``_formulations_pay`` on the same documents); else None: the comparison finds them
    itself before the pairs (with a worker started ahead, while it compares pairs; asked for
    a child's that never come, this process found them alone after the last pair: ~0.17 s
    of the 31 readouts)."""
    if reading is None or not _formulations_pay(documents):
        return None
    return reading.formulations


def read_in_child(
    paths: Sequence[Path], *, whole_files: bool, max_bytes: int,
) -> ChildReading | None:
    """Start reading ``paths`` (``read_all``) in a forked process; None where that is not
    done (not Linux, or threads running already: a fork copies only the thread that makes
    it, whatever locks the others hold).

    The process that compares spends ~0.1 s building rjieba's dictionary, holding the GIL
    all along (a thread cannot read the files meanwhile), and ~0.07 s importing the
    comparison; reading the long pair takes ~0.13 s more. The child reads meanwhile and
    sends the documents back pickled (0.6 MB for the long pair, read in a few ms), with what
    it had to say about unreadable files, printed here as ``read_all`` would have. Then, with
    a second core, it finds their formulations (~0.1 s of the long pair) while this process
    compares the pairs. If the child fails in any way, this process does it after all."""
    if sys.platform != "linux" or threading.active_count() > 1:
        return None
    import pickle  # NumPy loads it anyway; not for ``tifa --help``

    try:
        readable, writable = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return None
    if pid == 0:  # the child: read, send, leave at once (nothing of the parent's to tear down)
        code = 1
        try:
            os.close(readable)
            messages = io.StringIO()
            found = read_all(paths, messages, whole_files=whole_files, max_bytes=max_bytes)
            data = pickle.dumps((found, messages.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)
            with open(writable, "wb") as out:
                out.write(len(data).to_bytes(8, "little"))
                out.write(data)
                out.flush()
                if _formulations_pay(found[0]):
                    from tifa.engine.compare.formulations import find_formulations

                    out.write(pickle.dumps(find_formulations(found[0]),
                                           protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            with contextlib.suppress(Exception):  # a warning a library printed itself
                sys.stderr.flush()
            os._exit(code)
    os.close(writable)
    return ChildReading(pid, open(readable, "rb"), paths,
                        whole_files=whole_files, max_bytes=max_bytes)


#: The last comparison ``run`` made (and its pairs' texts), kept when it returns: the process
#: then ends at once (``cli.process_main``), where freeing their objects one by one took
#: ~25 ms after the 31 readouts.
_KEPT: list[object] = []


def run(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    whole_files = getattr(args, "whole_files", False)
    max_bytes = int(getattr(args, "max_mb", 20.0) * 1024 * 1024)
    reading = usage = None
    if len(files) <= EARLY_READ_FILES:  # never too many: the usage checks come first
        if (usage := _checked_usage(args, files)) is None:
            return exit_codes.USAGE
        # before any thread starts (a fork copies only the thread that makes it)
        reading = read_in_child(files, whole_files=whole_files, max_bytes=max_bytes)

    from tifa.engine.compare.tokenize import build_in_background

    build_in_background()  # rjieba's dictionary, built while the imports wait for the disk
    from tifa.engine.compare.pipeline import (
        TooManyDocuments,
        check_document_count,
        compare,
        start_workers_early,
        stop_early_workers,
    )

    if len(files) > EARLY_READ_FILES:
        try:
            check_document_count(len(files))
        except TooManyDocuments as error:  # a usage error: nothing is read
            print(f"usage: tifa compare FILE FILE [FILE ...]\ntifa compare: error: {error}",
                  file=sys.stderr)
            return exit_codes.USAGE
        if (usage := _checked_usage(args, files)) is None:
            return exit_codes.USAGE
    to_stdout, requested = usage
    start_workers_early(len(files))  # they load the engine while the files are read
    documents, positions, failed = (
        reading.documents() if reading is not None else
        read_all(files, sys.stderr, whole_files=whole_files, max_bytes=max_bytes))
    if len(documents) < 2:
        stop_early_workers()
        print(
            f"tifa compare: need at least two readable documents, got {len(documents)}",
            file=sys.stderr,
        )
        return exit_codes.UNREADABLE
    try:  # files of many items (a transcript's day) can hold more documents than files
        check_document_count(len(documents))
    except TooManyDocuments as error:
        stop_early_workers()
        print(f"tifa compare: error: {error} (the files hold {len(documents)} documents; "
              "--whole-files reads each file as one)", file=sys.stderr)
        return exit_codes.USAGE
    pivot = None
    if requested is not None:
        if requested in positions:
            pivot = positions.index(requested)
            item = _pivot_item(args.pivot, files[requested])
            if item is not None:
                named = [i for i, d in enumerate(documents) if positions[i] == requested
                         and d.path.name.endswith(f"#{item}")]
                if named:
                    pivot = named[0]
                else:
                    print(f"tifa compare: --pivot {args.pivot}: {shown_name(files[requested])} "
                          f"holds no item {item}; using its first document", file=sys.stderr)
        else:
            print(
                f"tifa compare: the pivot {shown_name(files[requested])} could not be read; "
                "using the most central document",
                file=sys.stderr,
            )
    ahead = written_ahead(args)
    try:
        comparison = compare(
            documents, settings=settings_from(args, pivot),
            formulations_from=_formulations_from(reading, documents),
            pair_done=ahead.write if ahead is not None else None)
    finally:
        if reading is not None:
            reading.end()
    _KEPT[:] = [comparison, ahead]
    if to_stdout is not None:  # the report is what stdout carries
        written = _write_to_stdout(comparison, args, to_stdout, ahead=ahead)
        return max(written, exit_codes.UNREADABLE if failed else exit_codes.OK)
    if not args.quiet:
        print_summary(comparison, sys.stdout)
        sys.stdout.flush()
    written = write_outputs(comparison, args, ahead=ahead)
    return max(written, exit_codes.UNREADABLE if failed else exit_codes.OK)


# --------------------------------------------------------------------------- summary


def _label(i: int) -> str:
    return f"[{i + 1}]"


def _chronological(documents: Sequence[Document]) -> list[int]:
    """Documents by date when all are dated, else in the order given (the user's)."""
    if any(d.date is None for d in documents):
        return list(range(len(documents)))
    return sorted(range(len(documents)), key=lambda i: (documents[i].date, i))


def _present(formulation: Formulation, d: int) -> bool:
    return formulation.counts[d] > 0


def print_summary(comparison: Comparison, out: TextIO) -> None:
    """The readable summary: documents, similarity, formulations, links."""
    docs = comparison.documents
    n = len(docs)
    print("Documents", file=out)
    for i, d in enumerate(docs):
        date = d.date.isoformat() if d.date else "no date"
        source = d.source or "no source"
        print(f"  {_label(i)} {shown_name(d.name)}", file=out)
        print(f"      {d.title}", file=out)
        print(
            f"      {date} · {source} · {d.script.value} · "
            f"{counted(len(d.paragraphs), 'paragraph')} · "
            f"{counted(d.size, 'character', grouped=True)}",
            file=out,
        )
        for w in d.warnings:
            print(f"      warning: {w.message}", file=out)

    print("", file=out)
    names = " / ".join(m.metric for m in comparison.similarities)
    print(f"Similarity ({names})", file=out)
    header = "      " + "".join(f"{_label(j):>7}" for j in range(n))
    print(header, file=out)
    for i in range(n):
        cells = []
        for j in range(n):
            if i == j:
                cells.append(f"{'—':>7}")
            else:
                cells.append(f"{comparison.similarities[0].at(i, j):>7.2f}")
        print(f"  {_label(i):<4}" + "".join(cells), file=out)
    for matrix in comparison.similarities[1:]:
        if n == 2:
            print(f"  {matrix.metric}: {matrix.at(0, 1):.2f}", file=out)
    if n > 2:
        print("  order by similarity: " + " ".join(_label(i) for i in comparison.order), file=out)
    print(
        f"  alignment table around {_label(comparison.alignment.pivot)}: "
        f"{counted(len(comparison.alignment.rows), 'row')}",
        file=out,
    )

    _print_formulations(comparison, out)
    _print_pairs(comparison, out)


def _print_formulations(comparison: Comparison, out: TextIO) -> None:
    docs = comparison.documents
    print("", file=out)
    print("Formulations", file=out)
    shared = [f for f in comparison.formulations if sum(c > 0 for c in f.counts) >= 2]
    shared.sort(key=lambda f: (-sum(c > 0 for c in f.counts), -sum(f.counts), f.phrase))
    if shared:
        print("  shared (counts per document):", file=out)
        for f in shared[:TOP_FORMULATIONS]:
            counts = " ".join(str(c) for c in f.counts)
            print(f"    {f.phrase}  [{counts}]  {f.category}", file=out)
        if len(shared) > TOP_FORMULATIONS:
            print(f"    … and {len(shared) - TOP_FORMULATIONS} more", file=out)
    else:
        print("  none shared", file=out)
    if len(docs) > 2:
        for d in range(len(docs)):
            only = sorted(
                (
                    f
                    for f in comparison.formulations
                    if f.counts[d] > 0 and sum(f.counts) == f.counts[d]
                ),
                key=_significance(d),
            )
            print(f"  {_label(d)} only here: {_phrases(only)}", file=out)
        # more than two: every document against the pivot, as the table and reports read
        pivot = comparison.alignment.pivot
        steps = [(pivot, d) for d in range(len(docs)) if d != pivot]
    else:
        earlier, later = _chronological(docs)
        steps = [(earlier, later)]
    for before_doc, d in steps:
        _print_changes(comparison, before_doc, d, out)


def _significance(document: int) -> Callable[[Formulation], tuple[int, int, int, str]]:
    """Sort key putting first what a reader of the summary looks for: lexicon formulations
    (most frequent first, then in the lexicon's curated order: 两个维护 before 一岗双责),
    then numbered terms and parallel formulas the documents revealed, then other quoted
    terms."""
    from tifa.engine.compare.lexicon import load_lexicon

    curated = {entry.phrase: rank for rank, entry in enumerate(load_lexicon())}

    def key(formulation: Formulation) -> tuple[int, int, int, str]:
        if formulation.origin == "lexicon":
            group = 0
        elif formulation.category in ("numbered", "parallel"):
            group = 1
        else:
            group = 2
        rank = curated.get(formulation.phrase, len(curated))
        return (group, -formulation.counts[document], rank, formulation.phrase)

    return key


def _print_changes(comparison: Comparison, previous: int, d: int, out: TextIO) -> None:
    """Formulations new in ``d``, dropped from ``previous``, and reworded between them."""
    variant_pairs = []
    new, dropped = [], []
    for f in comparison.formulations:
        here, before = _present(f, d), _present(f, previous)
        if here and not before:
            partner = next(
                (v for v in f.variants if _variant_present(comparison, v, previous)), None
            )
            if partner is not None:
                variant_pairs.append(f"{partner} → {f.phrase}")
            else:
                new.append(f)
        elif (
            before
            and not here
            and not any(_variant_present(comparison, v, d) for v in f.variants)
        ):
            dropped.append(f)
    new.sort(key=_significance(d))
    dropped.sort(key=_significance(previous))
    print(f"  {_label(previous)} → {_label(d)}", file=out)
    print(f"      new in {_label(d)}: {_phrases(new)}", file=out)
    print(f"      dropped from {_label(previous)}: {_phrases(dropped)}", file=out)
    if variant_pairs:
        print(f"      reworded: {SEPARATOR.join(variant_pairs[:TOP_FORMULATIONS])}", file=out)


def _variant_present(comparison: Comparison, phrase: str, d: int) -> bool:
    return any(f.phrase == phrase and f.counts[d] > 0 for f in comparison.formulations)


def _phrases(formulations: Sequence[Formulation]) -> str:
    if not formulations:
        return "—"
    shown = SEPARATOR.join(f.phrase for f in formulations[:TOP_CHANGES])
    more = len(formulations) - TOP_CHANGES
    return shown + (f" … (+{more})" if more > 0 else "")


def _the_same_text(pair: PairComparison, paragraphs_a: int, paragraphs_b: int) -> bool:
    """Every paragraph of both documents in an equal 1:1 link, none moved."""
    return (len(pair.links) == paragraphs_a == paragraphs_b
            and all(link.kind is LinkKind.EQUAL and len(link.a) == len(link.b) == 1
                    for link in pair.links))


def _print_pairs(comparison: Comparison, out: TextIO) -> None:
    docs = comparison.documents
    print("", file=out)
    print("Pairs", file=out)
    for a, b, _ in comparison.ranked_pairs()[:TOP_PAIRS]:
        pair = comparison.pair(a, b)
        kinds = Counter(link.kind for link in pair.links)
        linked_a = {i for link in pair.links for i in link.a}
        linked_b = {j for link in pair.links for j in link.b}
        counts = ", ".join(f"{kinds.get(k, 0)} {k.value}" for k in LinkKind)
        print(
            f"  {_label(pair.a)} × {_label(pair.b)}: similarity {pair.similarity:.2f}; "
            f"links: {counts}",
            file=out,
        )
        print(f"      compared by {pair.granularity.value}s ({pair.granularity_reason.value}"
              f"{': ' + pair.granularity_detail if pair.granularity_detail else ''})", file=out)
        # the shared passages the reports and the window count and show (no 7月27日 alone,
        # no 会议强调), in the pairs of paragraphs holding them
        shown = notable_shared(pair)
        shared = shared_count(shown)
        print(
            f"      paragraphs only in {_label(pair.a)}: "
            f"{len(docs[pair.a].paragraphs) - len(linked_a)}, only in {_label(pair.b)}: "
            f"{len(docs[pair.b].paragraphs) - len(linked_b)}; "
            f"{counted(shared.passages, 'shared passage')} in "
            f"{counted(shared.paragraph_pairs, 'paragraph pair')}",
            file=out,
        )
        if pair.sentence_links:
            print(f"      {counted(len(pair.sentence_links), 'sentence link')}", file=out)
        if _the_same_text(pair, len(docs[pair.a].paragraphs), len(docs[pair.b].paragraphs)):
            # the passages would be the whole text again, once a pair
            print("      the same text: every paragraph equal, in the same order", file=out)
            continue
        # a passage met at several places is shown once ("领导小组" twice said nothing more)
        for text in list(dict.fromkeys(passage.text for passage in shown))[:TOP_PASSAGES]:
            print(f"      “{text}”", file=out)
    if comparison.pair_count > TOP_PAIRS:
        print(
            f"  … and {counted(comparison.pair_count - TOP_PAIRS, 'less similar pair')} "
            f"(see the JSON report)",
            file=out,
        )
