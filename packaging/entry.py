"""The bundled program's entry point: ``tifa`` exactly as the installed command behaves.

One difference: file managers start an app with just the files (``tifa-gui.exe report.docx`` from
a Windows file association, ``tifa a.txt`` from a shell), so arguments that name no subcommand
and are not options mean ``tifa gui FILE...``.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import pkgutil
import sys
import traceback

IMPORT_CHECK_ENV = "TIFA_IMPORT_CHECK"


def _arguments(argv: list[str]) -> list[str]:
    from tifa.cli import SUBCOMMANDS

    argv = [a for a in argv if not a.startswith("-psn_")]  # old macOS Finder process serial
    if argv and argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        return ["gui", *argv]
    return argv


def import_every_module() -> int:
    """Import each tifa module inside the bundle: an excluded dependency fails here, not later.

    Run by packaging/check_bundle.py with TIFA_IMPORT_CHECK=1: lists the modules it finds, then
    reports each failure.
    """
    import tifa

    modules = pkgutil.walk_packages(tifa.__path__, "tifa.")
    names = [m.name for m in modules if not m.name.endswith(".__main__")]  # __main__ runs tifa
    failed = 0
    for name in names:
        print(f"module {name}")
        try:
            importlib.import_module(name)
        except (Exception, SystemExit):  # report every failure; the count sets the status
            failed += 1
            print(f"cannot import {name}:\n{traceback.format_exc()}", file=sys.stderr)
    print(f"imported {len(names) - failed} of {len(names)} tifa modules")
    return 1 if failed or not names else 0


def main() -> int:
    if os.environ.get(IMPORT_CHECK_ENV) == "1":
        return import_every_module()
    from tifa.cli import main as tifa_main

    return tifa_main(_arguments(sys.argv[1:]))


if __name__ == "__main__":
    multiprocessing.freeze_support()  # a process pool in a frozen app re-enters here
    raise SystemExit(main())
