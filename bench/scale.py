"""Benchmark: Tifa as a user meets it — whole `tifa` processes — at every size.

Every case runs a fresh process and measures its wall time and peak resident memory (the
child's own ``ru_maxrss`` from ``os.wait4``), and reports it against a baseline measured in the
same run:

- **long pair** and **31 readouts** (the inputs of bench/compare.py, written as text files):
  ``tifa compare A B … --json OUT`` against the plain difflib pipeline — a process that reads
  the same files with Tifa's reader and scores every pair of paragraphs of every pair of
  documents with ``difflib.SequenceMatcher(autojunk=False)``, then aligns them
  (``bench/compare.py``'s ``difflib_match``). difflib takes minutes, so by default it scores a
  sample of the document pairs / rows and extrapolates (``--full`` runs all of it).
  Target: ratio ≤ 0.02.
- **start-up**: ``tifa --help`` (≤ 0.15 s), ``tifa compare`` of two small files (≤ 0.35 s),
  ``tifa gui --screenshot`` of the sample comparison (≤ 1.0 s from launch to the comparison on
  screen: until the process reports it on stderr, every row of the side by side measured; the
  process's whole time is reported too, but it also waits 0.4 s for the view to settle, grabs
  the PNG and exits), against a bare ``python -c pass`` for reference.
- **many documents**: N county readouts of one provincial meeting (N = 50, 100, 300; 1,000
  with ``--thousand``), built from real text: each county keeps most of the core — the
  paragraphs of a real readout (seed 000, Beijing's 2022 retreat) — with small edits, and adds
  local paragraphs drawn from the other real documents (seeds, tests/real/compare). Targets:
  300 in ≤ 60 s and ≤ 2 GB; 1,000 in ≤ 10 minutes; memory ≤ 300 MB + 10 × the input size.

``--tifa PATH`` runs another checkout's ``desktop`` folder (e.g. the main checkout, for the
numbers before a change). ``--json OUT`` saves the numbers; ``--plot SVG`` draws how the time
grows with the number of documents from one or more saved runs (``--plot-from``).

    .venv/bin/python bench/scale.py [--quick] [--full] [--thousand] [--no-many] [--tifa DIR]
        [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

PYTHON = sys.executable


# --------------------------------------------------------------------------- processes


def run_process(
    argv: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 3600
) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one process run to the end. The peak is the
    larger of the process's own ``ru_maxrss`` and the largest sum, sampled every 50 ms, of its
    and its worker processes' resident memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = start + timeout
    out_parts: list[str] = []
    # both pipes drained as the process writes (a summary over the pipe's 64 KB, e.g. `tifa
    # compare` of two news-broadcast transcripts without --quiet, otherwise blocks it forever)
    err_parts: list[str] = []
    readers = [threading.Thread(target=lambda f=f, into=into: into.append(f.read()), daemon=True)
               for f, into in ((proc.stdout, out_parts), (proc.stderr, err_parts))]
    for reader in readers:
        reader.start()
    tree_peak, pss_peak, polls = 0.0, 0.0, 0
    ticks: dict[int, int] = {}
    while True:
        polls += 1
        if polls % 10 == 0 and os.path.isdir("/proc"):  # the sum over worker processes too
            pss: list[float] = []
            tree_peak = max(tree_peak, tree_rss_mb(proc.pid, ticks, pss))
            pss_peak = max(pss_peak, sum(pss))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    err = "".join(err_parts)
    if proc.returncode not in (0,):
        print(f"    (exit {proc.returncode}: {err.strip()[-400:]})")
    global LAST_CPU, LAST_PSS
    LAST_PSS = pss_peak
    # its own CPU plus its descendants' as last sampled (a forkserver's workers are reaped by
    # the forkserver, which is never waited for: not in ``usage``)
    own = usage.ru_utime + usage.ru_stime
    LAST_CPU = own + sum(ticks.values()) / os.sysconf("SC_CLK_TCK")
    return wall, max(usage.ru_maxrss / 1024, tree_peak), "".join(out_parts)


#: CPU seconds (user + system) of the last process ``run_process`` ran, its worker processes
#: included: on a machine shared with other work, wall time alone says little.
LAST_CPU = 0.0
#: The peak, over the last process ``run_process`` ran, of its and its worker processes'
#: proportional set size (PSS: a page shared by n processes counts 1/n in each): the memory
#: the machine spends on them. The RSS sum counts the pages the workers share with each other
#: and with the forkserver they were forked from (libraries, the interpreter) once per
#: process. 0 where /proc has no ``smaps_rollup``.
LAST_PSS = 0.0


def tree_rss_mb(
    pid: int, cpu_ticks: dict[int, int] | None = None, pss: list[float] | None = None
) -> float:
    """Resident memory of a process and all its descendants (worker processes), from /proc;
    ``cpu_ticks`` gets each descendant's CPU time so far (clock ticks) by process id, ``pss``
    each process's proportional set size (MB)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            if pss is not None:
                with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as rollup:
                    for line in rollup:
                        if line.startswith("Pss:"):
                            pss.append(int(line.split()[1]) / 1024)
                            break
            if cpu_ticks is not None and current != pid:
                with open(f"/proc/{current}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                cpu_ticks[current] = int(fields[11]) + int(fields[12])  # utime + stime
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    todo += [int(k) for k in kids.read().split()]
        except (OSError, ValueError, IndexError):
            continue
    return total / 1024


def tifa_env(desktop: Path) -> dict[str, str]:
    """The environment of a user's process: bytecode caches kept (an installed Tifa has them;
    here they go to a temporary folder, not into the checkout)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(desktop)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "tifa-bench-pycache")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def best_of(runs: int, argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """(least wall seconds, most peak MB) over ``runs`` runs; ``LAST_CPU`` is set to the
    least CPU seconds."""
    global LAST_CPU
    results, cpus = [], []
    for _ in range(runs):
        results.append(run_process(argv, env=env)[:2])
        cpus.append(LAST_CPU)
    LAST_CPU = min(cpus)
    return min(r[0] for r in results), max(r[1] for r in results)


# --------------------------------------------------------------------------- inputs


def write_documents(folder: Path, docs: Sequence[Sequence[str]], stem: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, paragraphs in enumerate(docs, start=1):
        path = folder / f"{stem}-{k:04d}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def real_paragraphs() -> tuple[list[str], list[str]]:
    """(the core readout's paragraphs, a pool of other real paragraphs)."""
    from tifa.engine.ingest import read_document
    from tifa.engine.paths import sample_documents

    seeds = sample_documents()
    core = [p.normalized for p in read_document(seeds[0]).paragraphs]
    pool: list[str] = []
    others = list(seeds[1:]) + sorted(
        p
        for p in (ROOT / "tests" / "real" / "compare").iterdir()
        if p.suffix in (".md", ".txt", ".html")
    )
    for path in others:
        try:
            document = read_document(path)
        except Exception:  # a bench input that does not read is left out
            continue
        pool += [p.normalized for p in document.paragraphs if len(p.normalized) >= 30]
    return core, pool


def county_readouts(count: int, seed: int = 300) -> list[list[str]]:
    """``count`` county readouts of one provincial meeting: the core kept with small edits
    (a few paragraphs dropped), a county title, and 2–8 local paragraphs from other real
    documents inserted at random places."""
    from compare import small_edit

    core, pool = real_paragraphs()
    rnd = random.Random(seed)
    docs = []
    for k in range(count):
        body: list[str] = []
        for text in core:
            roll = rnd.random()
            if roll < 0.08:
                continue
            body.append(small_edit(text, rnd, 0.02) if roll < 0.35 else text)
        for _ in range(rnd.randint(2, 8)):
            body.insert(rnd.randrange(len(body) + 1), rnd.choice(pool))
        docs.append([f"第{k + 1}县传达学习省委全会精神", *body])
    return docs


def long_pair() -> list[list[str]]:
    from compare import big_pair, seed_paragraphs

    return list(big_pair(seed_paragraphs(), random.Random(20220721)))


def readouts_31() -> list[list[str]]:
    from compare import province_reports, seed_paragraphs

    return province_reports(seed_paragraphs(), random.Random(20220727))


def real_pool() -> list[str]:
    """Every distinct paragraph (20+ characters) of every real document in seeds/ and
    tests/real (all folders), in reading order."""
    from tifa.engine.ingest import read_document
    from tifa.engine.paths import sample_documents

    seen: dict[str, None] = {}
    files = list(sample_documents()) + sorted(
        p for p in (ROOT / "tests" / "real").rglob("*")
        if p.is_file() and p.suffix in (".md", ".txt", ".html")
    )
    for path in files:
        try:
            document = read_document(path)
        except Exception:  # a bench input that does not read is left out
            continue
        for paragraph in document.paragraphs:
            if len(paragraph.normalized) >= 20:
                seen.setdefault(paragraph.normalized, None)
    return list(seen)


def unrelated_documents(count: int) -> list[list[str]]:
    """``count`` documents with nothing in common: the real pool's sentences, in reading order,
    cut into ``count`` consecutive runs (no sentence in two documents), three to a paragraph."""
    import re

    sentences = [s for p in real_pool() for s in re.findall(r"[^。！？]+[。！？]?", p) if s]
    step = len(sentences) / count
    docs = []
    for k in range(count):
        run = sentences[int(k * step): int((k + 1) * step)] or sentences[k % len(sentences):][:1]
        docs.append([f"文件{k + 1}"] + ["".join(run[i:i + 3]) for i in range(0, len(run), 3)])
    return docs


def long_documents(count: int, chars: int = 40_000, seed: int = 41) -> list[list[str]]:
    """``count`` long documents (~``chars`` characters each), each real paragraphs drawn at
    random from the whole pool (so any two share a few percent of their paragraphs)."""
    pool = real_pool()
    rnd = random.Random(seed)
    docs = []
    for k in range(count):
        body, size = [f"长文件{k + 1}"], 0
        while size < chars:
            body.append(rnd.choice(pool))
            size += len(body[-1])
        docs.append(body)
    return docs


def huge_and_small(small: int, megabytes: float = 4.0) -> list[list[str]]:
    """One huge document (the real pool, shuffled, repeated with small edits to ``megabytes``
    of UTF-8) and ``small`` county readouts."""
    from compare import small_edit

    pool = real_pool()
    rnd = random.Random(7)
    body, size = ["总汇编"], 0
    while size < megabytes * 2**20:
        order = pool[:]
        rnd.shuffle(order)
        for text in order:
            body.append(small_edit(text, rnd, 0.02) if size else text)
            size += len(body[-1].encode("utf-8")) + 2
    return [body, *county_readouts(small)]


def traditional_readouts(count: int) -> list[list[str]]:
    """The county readouts converted to traditional characters (OpenCC s2t)."""
    from opencc import OpenCC

    convert = OpenCC("s2t").convert
    return [[convert(p) for p in doc] for doc in county_readouts(count)]


def near_copies(count: int, seed: int = 500) -> list[list[str]]:
    """``count`` copies of one real readout (seed 000), each with one to three paragraphs
    slightly edited."""
    from compare import small_edit

    core, _ = real_paragraphs()
    rnd = random.Random(seed)
    docs = []
    for _ in range(count):
        body = list(core)
        for i in rnd.sample(range(len(body)), rnd.randint(1, 3)):
            body[i] = small_edit(body[i], rnd, 0.02)
        docs.append(body)
    return docs


#: ``--shape NAME[:N]``: inputs the county readouts do not cover, and the county readouts
#: themselves (to run them through the GUI with ``--shape-gui``) (name -> (maker, default N)).
SHAPES = {
    "county": (county_readouts, 300),  # the many-document cases' readouts (for --shape-gui)
    "unrelated": (unrelated_documents, 300),
    "long": (long_documents, 150),
    "huge": (huge_and_small, 50),
    "traditional": (traditional_readouts, 300),
    "copies": (near_copies, 500),
}


def case_shape(spec: str, folder: Path, env: dict[str, str], results: dict[str, object],
               gui: bool = False) -> None:
    """One ``--shape`` case: ``tifa compare --json`` (or, with ``gui``, ``tifa gui
    --screenshot``) of the shape's documents; wall, CPU, peak tree memory against the budget."""
    name, _, n = spec.partition(":")
    maker, default = SHAPES[name]
    count = int(n) if n else default
    paths = write_documents(folder / f"{name}{count}", maker(count), name)
    size = input_mb(paths)
    out = folder / f"{name}{count}.json"
    argv = compare_argv(paths, out)
    if gui:
        argv = [PYTHON, "-m", "tifa", "gui", *map(str, paths), "--screenshot",
                str(folder / f"{name}{count}.png")]
    load = os.getloadavg()[0]
    seconds, cpu, mb, budget, json_mb = measured(argv, out, size, env)
    print(
        f"shape {name} ({len(paths)} documents, {size:.1f} MB{', GUI' if gui else ''}; "
        f"load {load:.2f}): {seconds:7.1f} s ({cpu:.1f} s CPU), {mb:6.0f} MB peak (budget "
        f"{budget:.0f} MB: {'met' if mb <= budget else 'NOT met'}; PSS {LAST_PSS:.0f} MB); "
        f"JSON {json_mb:.1f} MB"
    )
    results[f"shape {spec}{' gui' if gui else ''}"] = {
        "documents": len(paths), "seconds": seconds, "cpu": cpu, "rss_mb": mb,
        "pss_mb": LAST_PSS,
        "input_mb": size, "json_mb": json_mb, "load": load}


# --------------------------------------------------------------------------- difflib baseline


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(begin: tuple[float, float]) -> tuple[float, float]:
    now = _clocks()
    return now[0] - begin[0], now[1] - begin[1]


def difflib_pipeline(paths: Sequence[Path], sample: float) -> dict[str, float]:
    """The plain pipeline: read, key, score every paragraph pair with difflib, align.
    With ``sample`` < 1, that share of the document pairs (or, for one pair, of the rows) is
    scored and the time extrapolated by paragraph pairs. Wall and CPU seconds."""
    from compare import THRESHOLD, difflib_match, difflib_scores, keys_of

    start = _clocks()
    from tifa.engine.ingest import read_document

    keys = [keys_of([p.normalized for p in read_document(path).paragraphs]) for path in paths]
    fixed = _since(start)
    pairs = list(combinations(range(len(keys)), 2))
    rnd = random.Random(5)
    if len(pairs) == 1:
        a, b = pairs[0]
        rows = list(range(len(keys[a])))
        if sample < 1:
            rows = rnd.sample(rows, max(1, int(len(rows) * sample)))
        begin = _clocks()
        for i in rows:
            difflib_scores([keys[a][i]], keys[b], THRESHOLD)
        scale = len(keys[a]) / len(rows)
    else:
        chosen = pairs if sample >= 1 else rnd.sample(pairs, max(1, int(len(pairs) * sample)))
        begin = _clocks()
        for a, b in chosen:
            difflib_match(keys[a], keys[b])

        def weight(ps: Sequence[tuple[int, int]]) -> int:
            return sum(len(keys[a]) * len(keys[b]) for a, b in ps)

        scale = weight(pairs) / weight(chosen)
    measured = _since(begin)
    return {"seconds": fixed[0] + measured[0] * scale, "cpu": fixed[1] + measured[1] * scale}


def baseline_process(
    paths: Sequence[Path], sample: float, desktop: Path
) -> tuple[float, float]:
    """(wall, CPU) seconds of the difflib pipeline as one process (extrapolated when
    sampled): the process's own start-up and imports measured, the rest as reported."""
    argv = [PYTHON, __file__, "--difflib-child", str(sample), *map(str, paths)]
    wall, _, out = run_process(argv, env=tifa_env(desktop))
    cpu = LAST_CPU
    reported = json.loads(out.strip().splitlines()[-1])
    return (
        wall - reported["inside"] + reported["seconds"],
        cpu - reported["inside_cpu"] + reported["cpu"],
    )


# --------------------------------------------------------------------------- cases


def compare_argv(paths: Sequence[Path], out: Path) -> list[str]:
    return [PYTHON, "-m", "tifa", "compare", *map(str, paths), "--json", str(out), "--quiet"]


def input_mb(paths: Sequence[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 2**20


def case_versus_difflib(
    name: str, paths: Sequence[Path], env: dict[str, str], desktop: Path, sample: float,
    results: dict[str, object], runs: int,
) -> None:
    out = paths[0].parent / "out.json"
    tifa_s, tifa_mb = best_of(runs, compare_argv(paths, out), env)
    cpu = LAST_CPU
    base_s, base_cpu = baseline_process(paths, sample, desktop)
    ratio, cpu_ratio = tifa_s / base_s, cpu / base_cpu
    how = "extrapolated from a sample" if sample < 1 else "measured"
    print(
        f"{name}: {len(paths)} documents, {input_mb(paths):.2f} MB\n"
        f"  tifa compare --json: {tifa_s:6.2f} s ({cpu:.2f} s CPU), {tifa_mb:5.0f} MB peak\n"
        f"  difflib pipeline:    {base_s:6.2f} s ({base_cpu:.2f} s CPU; {how})\n"
        f"  ratio {ratio:.3f} wall, {cpu_ratio:.3f} CPU "
        f"(target ≤ 0.02: {'met' if ratio <= 0.02 else 'NOT met'})"
    )
    results[name] = {"seconds": tifa_s, "cpu": cpu, "rss_mb": tifa_mb, "difflib_seconds": base_s,
                     "difflib_cpu": base_cpu, "ratio": ratio, "cpu_ratio": cpu_ratio,
                     "documents": len(paths), "input_mb": input_mb(paths)}


def case_startup(folder: Path, env: dict[str, str], results: dict[str, object],
                 runs: int, gui: bool) -> None:
    bare, _ = best_of(runs, [PYTHON, "-c", "pass"], env)
    helped, _ = best_of(runs, [PYTHON, "-m", "tifa", "--help"], env)
    helped_cpu = LAST_CPU
    small = write_documents(
        folder / "small",
        [["第一段：疫情要防住、经济要稳住、发展要安全。", "第二段。"],
         ["第一段：疫情要防住、经济要稳住、发展要安全。", "第三段。"]],
        "small",
    )
    two, two_mb = best_of(runs, compare_argv(small, folder / "small.json"), env)
    two_cpu = LAST_CPU
    print(
        f"start-up (best of {runs}; bare python -c pass {bare:.3f} s):\n"
        f"  tifa --help:                 {helped:.3f} s ({helped_cpu:.3f} s CPU; target ≤ 0.15)\n"
        f"  tifa compare two small files: {two:.3f} s ({two_cpu:.3f} s CPU), {two_mb:.0f} MB "
        "(target ≤ 0.35)"
    )
    results["startup"] = {"python": bare, "help": helped, "help_cpu": helped_cpu,
                          "compare_small": two, "compare_small_cpu": two_cpu}
    if gui:
        shot = folder / "shot.png"
        argv = [PYTHON, "-m", "tifa", "gui", "--screenshot", str(shot)]
        on_screen = min(launch_to_screen(argv, env) for _ in range(max(1, runs - 1)))
        seconds, mb = best_of(max(1, runs - 1), argv, env)
        print(f"  tifa gui, sample pair: comparison on screen {on_screen:.3f} s after launch "
              f"(target ≤ 1.0: {'met' if on_screen <= 1.0 else 'NOT met'}); the whole "
              f"--screenshot process {seconds:.3f} s ({LAST_CPU:.3f} s CPU; it also waits "
              f"{SCREENSHOT_SETTLE_S} s for the view to settle, grabs, saves, exits), "
              f"{mb:.0f} MB")
        results["startup"]["gui_on_screen"] = on_screen  # type: ignore[index]
        results["startup"]["gui_screenshot"] = seconds  # type: ignore[index]
        results["startup"]["gui_screenshot_cpu"] = LAST_CPU  # type: ignore[index]


#: ``tifa gui --screenshot`` waits this long after the comparison is on screen before grabbing
#: (``tifa.gui.screenshot.SETTLE_MS``): in the process's time, not in the launch-to-screen time.
SCREENSHOT_SETTLE_S = 0.4
ON_SCREEN = "comparison on screen"


def launch_to_screen(argv: Sequence[str], env: dict[str, str], timeout: float = 120) -> float:
    """Seconds from starting ``tifa gui --screenshot`` to the moment it reports the comparison
    on screen (every row of the side by side measured: its line on stderr), the process's
    interpreter start-up and imports included; ``inf`` when it never does."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(argv), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    seen = float("inf")
    for line in proc.stderr:  # (stderr is line-buffered: each line arrives as it is written)
        if ON_SCREEN in line and seen == float("inf"):
            seen = time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            proc.kill()
            break
    proc.wait()
    return seen


def measured(
    argv: list[str], out: Path, size: float, env: dict[str, str]
) -> tuple[float, float, float, float, float]:
    """(wall s, CPU s, peak MB, memory budget MB, JSON MB) of one run of ``argv`` whose input
    is ``size`` MB and whose JSON goes to ``out``; the budget is 300 MB + 10 × the input."""
    seconds, mb = run_process(argv, env=env, timeout=3600)[:2]
    json_mb = out.stat().st_size / 2**20 if out.exists() else 0.0
    return seconds, LAST_CPU, mb, 300 + 10 * size, json_mb


def case_many(count: int, folder: Path, env: dict[str, str], results: dict[str, object]) -> None:
    paths = write_documents(folder / f"n{count}", county_readouts(count), "county")
    size = input_mb(paths)
    out = folder / f"n{count}.json"
    seconds, cpu, mb, budget, json_mb = measured(compare_argv(paths, out), out, size, env)
    print(
        f"{count} county readouts ({size:.1f} MB, {count * (count - 1) // 2:,} pairs): "
        f"{seconds:7.1f} s ({cpu:.1f} s CPU), {mb:6.0f} MB peak (memory budget 300 MB + "
        f"10× input = {budget:.0f} MB: {'met' if mb <= budget else 'NOT met'}; PSS "
        f"{LAST_PSS:.0f} MB); JSON {json_mb:.0f} MB"
    )
    results[f"n{count}"] = {"documents": count, "seconds": seconds, "cpu": cpu, "rss_mb": mb,
                            "pss_mb": LAST_PSS, "input_mb": size, "json_mb": json_mb}


# --------------------------------------------------------------------------- plot


def plot_svg(runs: dict[str, dict[str, object]], out: Path, metric: str = "seconds") -> None:
    """Seconds (``metric``: wall "seconds" or "cpu") against documents (log–log), one line per
    saved run: a hand-written SVG."""
    import math

    width, height, left, bottom, top, right = 520, 320, 60, 40, 20, 130
    series = []
    for label, data in runs.items():
        points = sorted(
            (int(v["documents"]), float(v[metric]))  # type: ignore[index,call-overload]
            for k, v in data.items()
            if isinstance(v, dict) and k.startswith("n") and metric in v
        )
        series.append((label, points))
    xs = [p[0] for _, pts in series for p in pts] or [2]
    ys = [p[1] for _, pts in series for p in pts] or [1]
    x0, x1 = math.log10(min(xs) / 1.2), math.log10(max(xs) * 1.2)
    y0, y1 = math.log10(min(ys) / 1.5), math.log10(max(ys) * 1.5)

    def sx(x: float) -> float:
        return left + (math.log10(x) - x0) / (x1 - x0) * (width - left - right)

    def sy(y: float) -> float:
        return height - bottom - (math.log10(y) - y0) / (y1 - y0) * (height - top - bottom)

    colours = ["#c0392b", "#2471a3", "#229954", "#7d3c98"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" '
        'stroke="black"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>',
        f'<text x="{(width - right + left) / 2}" y="{height - 6}" text-anchor="middle">'
        "documents in one comparison (log)</text>",
        f'<text x="14" y="{(height - bottom + top) / 2}" text-anchor="middle" '
        f'transform="rotate(-90 14 {(height - bottom + top) / 2})">'
        f'{"CPU seconds" if metric == "cpu" else "seconds"}, whole process (log)</text>',
    ]
    for x in sorted(set(xs)):
        parts.append(f'<text x="{sx(x):.1f}" y="{height - bottom + 14}" '
                     f'text-anchor="middle">{x}</text>')
    for y in (0.1, 1, 10, 60, 100, 600, 1000):
        if y0 <= math.log10(y) <= y1:
            parts.append(f'<line x1="{left}" y1="{sy(y):.1f}" x2="{width - right}" '
                         f'y2="{sy(y):.1f}" stroke="#ddd"/>')
            parts.append(f'<text x="{left - 4}" y="{sy(y) + 4:.1f}" text-anchor="end">{y:g}'
                         "</text>")
    for k, (label, points) in enumerate(series):
        colour = colours[k % len(colours)]
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                     'stroke-width="2"/>')
        for x, y in points:
            parts.append(f'<circle cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{width - right + 8}" y="{top + 16 + 16 * k}" '
                     f'fill="{colour}">{label}</text>')
    parts.append("</svg>")
    out.write_text("\n".join(parts) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--difflib-child"]:
        begin = _clocks()
        result = difflib_pipeline([Path(p) for p in argv[2:]], float(argv[1]))
        result["inside"], result["inside_cpu"] = _since(begin)
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        default=os.environ.get("TIFA_BENCH_QUICK") == "1",
                        help="smaller difflib samples, no 300-document case")
    parser.add_argument("--full", action="store_true", help="run difflib on everything")
    parser.add_argument("--thousand", action="store_true", help="also 1,000 documents")
    parser.add_argument("--sizes", default="", help="document counts, e.g. 50,100,300")
    parser.add_argument("--no-many", action="store_true",
                        help="skip the many-documents cases (start-up and difflib cases only)")
    parser.add_argument("--no-gui", action="store_true", help="skip the GUI start-up")
    parser.add_argument("--startup-only", action="store_true", help="only the start-up cases")
    parser.add_argument("--no-difflib", action="store_true",
                        help="skip the long pair and the 31 readouts (the difflib cases)")
    parser.add_argument("--tifa", type=Path, default=ROOT / "desktop",
                        help="the desktop folder to run (default: this checkout's)")
    parser.add_argument("--shape", action="append", default=[], metavar="NAME[:N]",
                        help=f"only these input shapes ({', '.join(SHAPES)}), e.g. unrelated:1000")
    parser.add_argument("--shape-gui", action="store_true",
                        help="with --shape: run tifa gui --screenshot instead of tifa compare")
    parser.add_argument("--keep", type=Path, help="write inputs/outputs here (not a temp dir)")
    parser.add_argument("--json", type=Path, help="save the numbers")
    parser.add_argument("--plot", type=Path, help="write an SVG of seconds against documents")
    parser.add_argument("--plot-from", nargs="*", default=[], metavar="LABEL=JSON",
                        help="saved runs to draw (with --plot)")
    parser.add_argument("--plot-metric", choices=["seconds", "cpu"], default="seconds",
                        help="what --plot draws: wall seconds or CPU seconds")
    args = parser.parse_args(argv)
    if args.plot and args.plot_from:
        runs = {}
        for item in args.plot_from:
            label, _, path = item.partition("=")
            runs[label] = json.loads(Path(path).read_text(encoding="utf-8"))
        plot_svg(runs, args.plot, args.plot_metric)
        return 0

    env = tifa_env(args.tifa.resolve())
    sample = 1.0 if args.full else (0.05 if args.quick else 0.15)
    runs = 2 if args.quick else 3
    results: dict[str, object] = {"tifa": str(args.tifa)}
    print(f"whole-process benchmark of {args.tifa} (Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores)")
    if args.shape:
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep or Path(tmp)
            for spec in args.shape:
                case_shape(spec, folder, env, results, gui=args.shape_gui)
        return _save(results, args)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        case_startup(folder, env, results, runs, gui=not args.no_gui)
        if args.startup_only:
            return _save(results, args)
        if not args.no_difflib:
            _difflib_cases(folder, env, args, sample, results, runs)
        if args.no_many:
            return _save(results, args)
        sizes = [int(s) for s in args.sizes.split(",") if s] or (
            [50] if args.quick else [50, 100, 300]
        )
        if args.thousand:
            sizes.append(1000)
        for count in sizes:
            case_many(count, folder, env, results)
    return _save(results, args)


def _difflib_cases(
    folder: Path, env: dict[str, str], args: argparse.Namespace, sample: float,
    results: dict[str, object], runs: int,
) -> None:
    case_versus_difflib("long pair", write_documents(folder / "long", long_pair(), "long"),
                        env, args.tifa.resolve(), sample, results, runs)
    case_versus_difflib("31 readouts", write_documents(folder / "r31", readouts_31(), "province"),
                        env, args.tifa.resolve(), sample, results, 1 if args.quick else 2)


def _save(results: dict[str, object], args: argparse.Namespace) -> int:
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.plot:
        plot_svg({"this run": results}, args.plot, args.plot_metric)  # type: ignore[dict-item]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
