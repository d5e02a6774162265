"""The exit codes of the ``tifa`` command, one meaning each (README: "What Tifa promises").

Several problems in one run: the highest of USAGE, UNREADABLE, UNWRITABLE wins (all are
reported on stderr, one line each).
"""

from __future__ import annotations

OK = 0
USAGE = 2  # bad command line: unknown option, value out of range, an output that is an input
UNREADABLE = 3  # an input could not be read (named on stderr; the others were still used)
UNWRITABLE = 4  # a report could not be written (named; the other formats were still written)
INTERRUPTED = 130  # Ctrl+C (SIGINT): 128 + 2
TERMINATED = 143  # SIGTERM: 128 + 15
