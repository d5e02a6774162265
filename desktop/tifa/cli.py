"""The ``tifa`` command. Each subcommand lives in ``tifa.commands.<name>`` and is imported only
when used, so ``tifa normalize`` never loads Qt and ``tifa gui`` never waits for unused work.

Exit codes (``tifa.exit_codes``): 0 success, 2 usage error (an output that is an input
included), 3 an input could not be read, 4 a report could not be written, 130 interrupted
(Ctrl+C), 143 terminated (SIGTERM). Every message names the file; none is a traceback.

Everything printed goes through ``terminal_safe``: a control character or bidi override in a
document or a file name is shown as ``\\uXXXX``, never acted on by the terminal.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from types import FrameType
from typing import Any, NoReturn, TextIO

from tifa import exit_codes
from tifa.engine.safe_text import terminal_safe

SUBCOMMANDS = {
    "normalize": "Show what Tifa makes of files: cleaned paragraphs and metadata.",
    "compare": "Compare documents: similarity, shared and new formulations, reports.",
    "gui": "Open the desktop app (the sample reports when no file is given).",
    "corpus": "A library of dated documents: add, search, timeline, new, info, list.",
}

EPILOG = (
    "exit codes: 0 done; 2 usage error (bad option or value, an output that is one of the "
    "inputs); 3 an input could not be read; 4 a report could not be written; 130 interrupted; "
    "143 terminated"
)


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so ``finally`` blocks (temporary files) run."""


class TerminalText:
    """A text stream that shows control characters as escapes (see ``terminal_safe``)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            self._stream.write(terminal_safe(text))
        except BrokenPipeError:  # `tifa compare ... | head`: the rest of the run still counts
            self._discard()
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._discard()

    def _discard(self) -> None:
        """Send what is left to /dev/null (also what Python flushes at exit)."""
        with suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def _safe_terminal() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    strict = []
    for stream in (out, err):
        # a console that cannot show Chinese (PYTHONIOENCODING=ascii, a cp1252 Windows
        # console) gets \u6d4b escapes, not a UnicodeEncodeError traceback
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")
                strict.append(stream)
    sys.stdout = TerminalText(out)  # type: ignore[assignment]
    sys.stderr = TerminalText(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
        for stream in strict:
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="strict")


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand; with ``command`` (the one given on the command line),
    only that subcommand's module is imported for its options: the others are there by name
    and help (``tifa --help`` lists them all) but their modules (the corpus: SQLite and its
    echoes; the GUI) are not loaded for nothing. A line naming ``command`` parses alike."""
    parser = argparse.ArgumentParser(
        prog="tifa", description="Tifa (提法对读): compare Chinese political documents.",
        epilog=EPILOG,
    )
    from tifa import __version__

    parser.add_argument("--version", action="version", version=f"tifa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in SUBCOMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EPILOG)
        if command is None or name == command:
            importlib.import_module(f"tifa.commands.{name}").add_arguments(p)
    return parser


def process_main() -> NoReturn:
    """``python -m tifa`` and the ``tifa`` script: ``main()``, then, after ``compare`` or
    ``normalize``, end the process at once. Everything is written and closed by then (reports
    go through ``tifa.engine.atomic``); Python's own teardown would only free, object by
    object, what the command made: ~0.15–0.2 s after a comparison of 2 long or 31 short
    documents (the Comparison's objects, NumPy, rjieba's dictionary). The other commands exit
    normally: the GUI (Qt and its settings torn down in order), the corpus (SQLite closes its
    files), and any run whose worker processes are still there (multiprocessing's exit
    handlers stop them; a comparison's pool is gone, its semaphores with it, once it is
    done)."""
    single_threaded_blas()
    if sys.argv[1:2] and sys.argv[1] in _EXIT_AT_ONCE:
        # from the start, not only once the command runs: its imports made ~25 collections
        # (~10 ms of a start) scanning the same new module objects again and again
        gc.set_threshold(*_COMMAND_GC_THRESHOLDS)
    code = main()
    if _ran.get("command") in _EXIT_AT_ONCE and not _workers_left():
        for stream in (sys.stdout, sys.stderr):
            with suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    raise SystemExit(code)


#: What ``single_threaded_blas`` sets, unless the user's environment says otherwise.
BLAS_THREADS = {"OPENBLAS_NUM_THREADS": "1"}


def single_threaded_blas() -> None:
    """One OpenBLAS thread, set before NumPy is imported (worker processes inherit it).

    NumPy's OpenBLAS otherwise starts a thread per core at import, and its threads spin
    waiting for work after each matrix product: ~0.02 s of CPU for two small files and ~0.09 s
    for the long pair, more than they ever save (Tifa's matrix products are small; many
    documents are compared on worker processes, which use the cores). Results are the same
    (tests/engine/test_startup.py compares the JSON reports)."""
    if "numpy" in sys.modules:  # too late to matter (a test calling it in-process)
        return
    for name, value in BLAS_THREADS.items():
        os.environ.setdefault(name, value)


def _workers_left() -> bool:
    """Whether worker processes of this process are still running."""
    if "multiprocessing" not in sys.modules:
        return False
    import multiprocessing

    return bool(multiprocessing.active_children())


# The command ``main`` ran last (``process_main`` reads it).
_ran: dict[str, str] = {}
_EXIT_AT_ONCE = frozenset({"compare", "normalize"})


def main(argv: Sequence[str] | None = None) -> int:
    _ran.clear()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["gui"]
    with _safe_terminal():
        parser = build_parser(_command_named(argv))
        args = parser.parse_args(argv)  # a usage error exits 2 (exit_codes.USAGE)
        if args.command is None:
            parser.print_help()
            return exit_codes.USAGE
        backend = os.environ.get("TIFA_TOKENIZER", "")
        if backend.lower() not in ("", "rjieba", "jieba"):
            # a typo here was a ValueError traceback at the first comparison (the window:
            # "Something went wrong" at every comparison)
            print(f"tifa: TIFA_TOKENIZER={backend!r}: give rjieba (the default) or jieba",
                  file=sys.stderr)
            return exit_codes.USAGE
        workers = os.environ.get("TIFA_WORKERS", "")  # read by compare.pipeline.worker_count
        if workers and not (workers.isascii() and workers.isdigit() and int(workers) > 0):
            print(f"tifa: TIFA_WORKERS={workers!r}: give a number of processes (1 or more)",
                  file=sys.stderr)
            return exit_codes.USAGE
        module = importlib.import_module(f"tifa.commands.{args.command}")
        if args.command == "gui":
            _ran["command"] = "gui"
            return int(module.run(args))
        _ran["command"] = args.command
        return _run_interruptible(module, args)


def _command_named(argv: Sequence[str]) -> str | None:
    """The subcommand whose options the parser needs: the one ``argv`` starts with; none
    ("") for ``--help`` or ``--version`` alone (the overall help lists the commands by name);
    None (all of them) for anything else, so that errors read as they always did."""
    if argv[0] in SUBCOMMANDS:
        return argv[0]
    return "" if list(argv) in (["-h"], ["--help"], ["--version"]) else None


# A command makes hundreds of thousands of small objects that live to its end (paragraphs,
# tokens, links, passages) and few cycles: Python's default thresholds (700, 10, 10) ran its
# collector often enough to take ~10 % of a 31-document comparison, scanning them again
# and again. The objects made by imports are frozen (never scanned) and collections are
# rarer; cycles are still collected.
_COMMAND_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*_COMMAND_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def _kept(args: argparse.Namespace) -> str:
    """What an interrupted command leaves: a corpus add keeps the files it stored."""
    if args.command == "corpus" and getattr(args, "corpus_command", None) == "add":
        return "what was added is kept; run the same command again to go on where it stopped"
    return "no report was left half-written"


def _run_interruptible(module: Any, args: argparse.Namespace) -> int:
    """Run a command so that Ctrl+C and SIGTERM end it with one line and exit 130 / 143; the
    exception unwinds the stack, so a report being written leaves no temporary file and the
    old report is left as it was."""
    previous = None
    with suppress(ValueError):  # not the main thread (a test's worker): leave signals alone
        previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with _fewer_collections():
            return int(module.run(args))
    except KeyboardInterrupt:
        print(f"tifa {args.command}: interrupted; {_kept(args)}", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except Terminated:
        print(f"tifa {args.command}: terminated; {_kept(args)}", file=sys.stderr)
        return exit_codes.TERMINATED
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
