"""Run every benchmark script in bench/ (``make bench``), one after the other, each in its own
process so that one's memory does not count against another's.

Benchmarks report; they do not fail on a slow machine. This exits non-zero only when a script
crashes. ``--quick`` sets ``TIFA_BENCH_QUICK=1`` for scripts that offer a shorter run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def scripts() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)


def main(argv: list[str]) -> int:
    env = dict(os.environ)
    if "--quick" in argv:
        env["TIFA_BENCH_QUICK"] = "1"
    failed = []
    for script in scripts():
        print(f"=== {script.name} ===", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], check=False, env=env)
        print(f"=== {script.name}: {time.perf_counter() - start:.0f} s ===\n", flush=True)
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print(f"crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
