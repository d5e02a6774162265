"""The ``tifa`` command. Each subcommand lives in ``tifa.commands.<name>`` and is imported only
when used, so ``tifa normalize`` never loads Qt and ``tifa gui`` never waits for unused work.

Exit codes: 0 success, 1 usage error, 2 a file could not be read (message names the file).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

SUBCOMMANDS = {
    "normalize": "Show what Tifa makes of files: cleaned paragraphs and metadata.",
    "compare": "Compare documents: similarity, shared and new formulations, reports.",
    "gui": "Open the desktop app (the sample reports when no file is given).",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tifa", description="Tifa (提法对读): compare Chinese political documents."
    )
    from tifa import __version__

    parser.add_argument("--version", action="version", version=f"tifa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_text in SUBCOMMANDS.items():
        module = importlib.import_module(f"tifa.commands.{name}")
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        argv = ["gui"]
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 1
    module = importlib.import_module(f"tifa.commands.{args.command}")
    return int(module.run(args))
