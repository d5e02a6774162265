"""`tifa gui [FILE...] [--screenshot PNG] [--lang zh|en]`: the desktop app.

Without files it restores the last workspace, or opens the sample pair (Beijing 000 against
Chengdu 003). With ``--screenshot`` it waits until the comparison is on screen, saves a grab
of the window and exits: for the README's pictures and for tests.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LANGUAGES = {"zh": "zh_CN", "zh_CN": "zh_CN", "en": "en", "system": "system"}
VIEWS = ("side", "formulations", "similarity", "pair", "corpus")
MIN_SIDE, MAX_SIDE = 100, 8192  # --size: a window Qt can lay out and grab in memory


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from e
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        # 99999x99999 made Qt fail to paint (thousands of warnings) and the grab unsavable
        raise argparse.ArgumentTypeError(
            f"{text}: width and height from {MIN_SIDE} to {MAX_SIDE} pixels")
    return width, height


def _pair(text: str) -> tuple[int, int]:
    try:
        a, b = (int(x) - 1 for x in text.split(","))
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected A,B (two file positions), got {text!r}") from e
    if a < 0 or b < 0 or a == b:
        raise argparse.ArgumentTypeError("A and B are two different positions, from 1")
    return a, b


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, help="documents to open")
    parser.add_argument(
        "--screenshot", type=Path, metavar="PNG",
        help="save a grab of the window once the comparison is on screen, then exit",
    )
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help="interface language")
    parser.add_argument(
        "--view", choices=VIEWS, default="side",
        help="with --screenshot: which view to grab (default: side)",
    )
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1400x900")
    parser.add_argument(
        "--pair", type=_pair, metavar="A,B",
        help="with --screenshot: the pair to show, as positions of FILE (1-based), e.g. 5,1; "
        "a file of many items (a transcript's day) counts once, as its first item",
    )
    parser.add_argument(
        "--timeout", type=float, default=180.0,
        help="with --screenshot: give up after this many seconds (default 180)",
    )


def run(args: argparse.Namespace) -> int:
    if args.screenshot is not None:  # never over a document to be opened: usage error
        import sys

        from tifa import exit_codes
        from tifa.engine.atomic import OutputIsInputError, refuse_inputs

        try:
            refuse_inputs([args.screenshot], args.files)
        except OutputIsInputError as error:
            print(f"tifa gui: {error}", file=sys.stderr)
            return exit_codes.USAGE
        if args.pair is not None and args.files and max(args.pair) >= len(args.files):
            print(f"tifa gui: --pair {args.pair[0] + 1},{args.pair[1] + 1}: give positions "
                  f"from 1 to {len(args.files)}", file=sys.stderr)
            return exit_codes.USAGE
    from tifa.gui.app import run as run_app

    return run_app(
        args.files,
        screenshot=args.screenshot,
        language=LANGUAGES[args.lang] if args.lang else None,
        view=args.view,
        size=args.size,
        pair=args.pair,
        timeout_s=args.timeout,
    )
