"""Benchmark: hostile and oversized input — time and peak memory of `tifa normalize` and
`tifa compare` on files built to blow up a reader (issue 9, items 4, 5, 7).

Each case is generated in a temporary folder from the seeds' own text and run in a child
process (`python -m tifa ...`); its wall time and peak resident memory (``ru_maxrss`` of that
child, from ``os.wait4``) are printed beside the targets, as ratios (<= 1.00 meets it):

    peak RSS <= 300 MB + 10 x the input size         (every case)
    time     <= 20 s for the 1M-line file            (and reported for all)

`tifa compare` runs against a seed (003) and writes the JSON report (`--json`); the pair
case (`random_pair`) compares its two files with each other (its input size is both).

A child that runs past ``--timeout`` seconds is stopped and reported as such; ``--mem-cap``
(an address-space limit on the child, default 6 GB) keeps a runaway case from taking the
machine down: it then ends in an error that is reported, not a number.

    .venv/bin/python bench/hostile.py [--only nested_div,one_line] [--timeout 180]
                                      [--no-compare] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
PARTNER = SEEDS / "003_3eec6e6b6785901d.txt"

MB = 1024 * 1024


def _seed_text() -> str:
    """The plain text of every seed (markup and front matter are only a small part)."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt")))


def _han(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch in "，。、；：")


def nested_div(folder: Path) -> Path:
    """100k nested <div> (1.1 MB), a sentence at the bottom."""
    n = 100_000
    body = "<div>" * n + _han(_seed_text())[:200] + "</div>" * n
    return _write(folder / "nested_div.html", f"<html><body>{body}</body></html>")


def unclosed(folder: Path) -> Path:
    """100k unclosed <div><p> each opening a short line of text (2 MB)."""
    han = _han(_seed_text())
    parts = [f"<div><p>{han[(i * 7) % (len(han) - 8):][:6]}" for i in range(100_000)]
    return _write(folder / "unclosed.html", "<html><body>" + "".join(parts))


def million_lines(folder: Path) -> Path:
    """1M short lines (7 MB): two characters and a line end each."""
    han = _han(_seed_text())
    lines = [han[(i * 2) % (len(han) - 2):][:2] for i in range(1_000_000)]
    return _write(folder / "million_lines.txt", "\n".join(lines) + "\n")


def big_text(folder: Path) -> Path:
    """The seeds' text repeated into a 19 MB .txt (under the 20 MB limit)."""
    text = _seed_text()
    size = len(text.encode("utf-8"))
    return _write(folder / "big_text.txt", "\n\n".join([text] * (19 * MB // size)))


def one_line(folder: Path) -> Path:
    """One line of 2M characters: the seeds' text without its line ends, repeated."""
    text = _seed_text().replace("\n", "")
    return _write(folder / "one_line.txt", (text * (2_000_000 // len(text) + 1))[:2_000_000])


def random_pair(folder: Path) -> tuple[Path, Path]:
    """Two texts of 6,000 paragraphs of 190 random CJK ideographs (U+4E00..U+9FFF) each,
    3.4 MB apiece, compared with each other: hardly a word or bigram repeats (huge
    vocabularies, nothing cached twice)."""
    import random

    rnd = random.Random(9)
    paths = []
    for name in ("random_a.txt", "random_b.txt"):
        paragraphs = [
            "".join(chr(rnd.randint(0x4E00, 0x9FFF)) for _ in range(190)) for _ in range(6_000)
        ]
        paths.append(_write(folder / name, "\n\n".join(paragraphs) + "\n"))
    return paths[0], paths[1]


def alias_bomb(folder: Path) -> Path:
    """A 745-byte-ish YAML alias bomb in Markdown front matter over a seed's text."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append("title: *i")
    body = (SEEDS / "002_e06962ff7f16f22d.txt").read_text(encoding="utf-8")
    return _write(folder / "alias_bomb.md", "---\n" + "\n".join(lines) + "\n---\n" + body)


def zip_bomb(folder: Path) -> Path:
    """A .docx whose document.xml expands to 1 GB of XML (a few MB on disk)."""
    path = folder / "zip_bomb.docx"
    head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = "<w:p><w:r><w:t>" + "一" * 300 + "</w:t></w:r></w:p>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head.encode())
            chunk = (para * 1000).encode()
            for _ in range(MB * 1024 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)

CASES: dict[str, Callable[[Path], Path | tuple[Path, Path]]] = {
    "nested_div": nested_div,
    "unclosed": unclosed,
    "million_lines": million_lines,
    "big_text": big_text,
    "one_line": one_line,
    "random_pair": random_pair,
    "alias_bomb": alias_bomb,
    "zip_bomb": zip_bomb,
}
TIME_TARGETS = {"million_lines": 20.0}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run_child(
    args: list[str], *, timeout: float, mem_cap: int, code: Path = REPO / "desktop"
) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, outcome) of ``python -m tifa ARGS`` in a child process."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_cap, mem_cap))

    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "tifa", *args], stdout=subprocess.DEVNULL, stderr=err,
            env=env, preexec_fn=limit,
        )
        outcome = ""
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.send_signal(signal.SIGKILL)
                pid, status, usage = os.wait4(child.pid, 0)
                outcome = f"killed after {timeout:.0f} s"
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()
    if not outcome:
        outcome = f"exit {child.returncode}"
        if tail:
            outcome += ": " + tail[-1][:90]
    return seconds, usage.ru_maxrss / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated case names: " + ", ".join(CASES))
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--mem-cap", type=float, default=6.0, help="GB of address space")
    parser.add_argument("--no-compare", action="store_true", help="only `tifa normalize`")
    parser.add_argument("--keep", type=Path, help="generate the files here and keep them")
    parser.add_argument("--code", type=Path, default=REPO / "desktop",
                        help="the desktop/ folder of the Tifa to measure (another checkout's "
                             "for a before/after comparison)")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(CASES)
    mem_cap = int(args.mem_cap * 1024 * MB)

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        over: list[str] = []
        print(f"Tifa from {args.code}")
        print(f"{'case':<14}{'input':>9} {'command':<10}{'time':>8}{'t/target':>9}"
              f"{'peak RSS':>10}{'m/target':>9}  outcome")
        for name in names:
            made = CASES[name](folder)
            # a pair case is compared with itself; its input is both files
            path, partner = made if isinstance(made, tuple) else (made, PARTNER)
            size = path.stat().st_size + (partner.stat().st_size if partner != PARTNER else 0)
            mem_target = 300 + 10 * size / MB
            runs = [("normalize", ["normalize", str(path)])]
            if not args.no_compare:
                # with the JSON report: writing it is part of the cost (a report proportional
                # to the input is expected, several copies of it in memory are not)
                report = folder / f"{name}.report.json"
                runs.append(("compare", ["compare", str(path), str(partner), "-q",
                                         "--json", str(report)]))
            for label, cmd in runs:
                seconds, rss, outcome = run_child(cmd, timeout=args.timeout, mem_cap=mem_cap,
                                                  code=args.code)
                t_target = TIME_TARGETS.get(name)
                t_ratio = f"{seconds / t_target:.2f}" if t_target else "-"
                print(f"{name:<14}{size / MB:>7.2f}MB {label:<10}{seconds:>7.1f}s{t_ratio:>9}"
                      f"{rss:>8.0f}MB{rss / mem_target:>9.2f}  {outcome}", flush=True)
                if rss > mem_target:
                    over.append(f"{name} {label} {rss / mem_target:.2f}x "
                                f"({rss:.0f} of {mem_target:.0f} MB)")
                if t_target and seconds > t_target:
                    over.append(f"{name} {label} {seconds / t_target:.2f}x the time "
                                f"({seconds:.1f} of {t_target:.0f} s)")
        print("over target: " + ("; ".join(over) if over else "none"))


if __name__ == "__main__":
    main()
