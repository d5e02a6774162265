"""`tifa normalize` (to be written)."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise SystemExit("tifa normalize: not yet available")
