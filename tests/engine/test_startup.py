"""What a start loads: heavy modules only where they are used (no timing here: bench/scale.py
measures the start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def loaded_after(code: str) -> set[str]:
    """The modules loaded once ``code`` ran in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_comparing_two_small_documents_loads_no_scipy(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("会议强调，疫情要防住、经济要稳住、发展要安全。\n\n第二段。\n", encoding="utf-8")
    b.write_text("会议指出，疫情要防住、经济要稳住、发展要安全。\n\n第三段。\n", encoding="utf-8")
    out = tmp_path / "r.json"
    loaded = loaded_after(
        "from tifa.cli import main\n"
        f"assert main(['compare', {str(a)!r}, {str(b)!r}, '--json', {str(out)!r}, '-q']) == 0"
    )
    assert out.is_file()
    assert not any(m == "scipy" or m.startswith(("scipy.", "numpy.f2py")) for m in loaded)
    assert "tifa.engine.export.view" not in loaded  # the JSON report needs no report view
    # text files need neither the PDF and Word readers nor e-mail dates (socket)
    assert not {"tifa.engine.ingest.pdf", "tifa.engine.ingest.docx", "email.utils"} & loaded


def test_ordering_three_documents_loads_no_scipy() -> None:
    """Clustering is NumPy's (``compare.clustering``): SciPy's clustering took ~0.25 s to
    load."""
    loaded = loaded_after(
        "from tifa.engine.compare.similarity import cluster_order\n"
        "assert cluster_order([[1, .5, .2], [.5, 1, .3], [.2, .3, 1]]) == (2, 1, 0)"
    )
    assert "tifa.engine.compare.clustering" in loaded
    assert not any(m == "scipy" or m.startswith("scipy.") for m in loaded)


def test_the_tokenizer_does_not_build_rjiebas_default_one() -> None:
    """rjieba's package builds a default tokenizer on import; Tifa loads its compiled module
    alone and segments as before."""
    loaded = loaded_after(
        "from tifa.engine.compare.tokenize import get_tokenizer\n"
        "words = get_tokenizer().words('疫情要防住、经济要稳住、发展要安全')\n"
        "assert words == ('疫情要防住', '经济要稳住', '发展要安全'), words"
    )
    assert "rjieba.rjieba" in loaded and "rjieba" not in loaded


def test_help_loads_no_engine() -> None:
    loaded = loaded_after(
        "from tifa.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass"
    )
    assert "numpy" not in loaded and "tifa.engine.compare.pipeline" not in loaded


def _threads_after_numpy(env: dict[str, str]) -> int:
    script = (
        "from tifa.cli import single_threaded_blas\n"
        "single_threaded_blas()\n"
        "import os, numpy\n"
        "print(len(os.listdir('/proc/self/task')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_the_command_starts_no_blas_threads() -> None:
    """NumPy's OpenBLAS starts a thread per core at import unless told otherwise; the command
    tells it one thread (its threads spin after each product: CPU for nothing). A user's own
    setting is kept."""
    if not os.path.isdir("/proc/self/task") or (os.cpu_count() or 1) < 2:
        return  # nothing to count (not Linux, or one core: OpenBLAS starts no thread anyway)
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = str(DESKTOP)
    assert _threads_after_numpy(env) == 1
    assert _threads_after_numpy({**env, "OPENBLAS_NUM_THREADS": "2"}) == 2


def test_one_blas_thread_gives_the_same_report(tmp_path: Path) -> None:
    """The whole command with OpenBLAS's default threads and with one: the same JSON, byte for
    byte, on the five seeds (the similarity matrices are matrix products)."""
    seeds = sorted((DESKTOP.parent / "seeds").glob("*.txt"))
    outputs = []
    for threads in ("2", None):
        env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
        env["PYTHONPATH"] = str(DESKTOP)
        if threads:
            env["OPENBLAS_NUM_THREADS"] = threads
        out = tmp_path / f"r{threads}.json"
        subprocess.run(
            [sys.executable, "-m", "tifa", "compare", *map(str, seeds), "--json", str(out), "-q"],
            env=env, check=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_command_loads_no_other_commands_module(tmp_path: Path) -> None:
    """``tifa compare`` builds the other subcommands' parsers by name only: the corpus and
    GUI command modules are not imported."""
    a = tmp_path / "a.txt"
    a.write_text("会议强调，疫情要防住、经济要稳住、发展要安全。\n", encoding="utf-8")
    loaded = loaded_after(
        "from tifa.cli import main\n"
        f"assert main(['compare', {str(a)!r}, {str(a)!r}, '-q']) == 0"
    )
    assert "tifa.commands.compare" in loaded
    assert not {"tifa.commands.corpus", "tifa.commands.gui", "tifa.commands.normalize",
                "sqlite3"} & loaded


def test_each_command_parses_as_with_every_parser_built() -> None:
    """Given its command, the parser reads a command line as the full parser does."""
    from tifa.cli import build_parser

    lines = [
        ["compare", "a.txt", "b.txt", "--json", "r.json", "--threshold", "0.4", "-q"],
        ["normalize", "a.txt"],
        ["corpus", "search", "--db", "c.db", "--limit", "3", "两个维护"],
        ["gui"],
    ]
    for argv in lines:
        assert vars(build_parser(argv[0]).parse_args(argv)) == vars(
            build_parser().parse_args(argv)
        )


def test_the_overall_help_is_the_same_without_the_commands_modules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tifa.cli import build_parser

    texts = []
    for command in ("", None):
        with pytest.raises(SystemExit):
            build_parser(command).parse_args(["--help"])
        texts.append(capsys.readouterr().out)
    assert texts[0] == texts[1] and "corpus" in texts[0]


def test_the_command_collects_garbage_less_often_from_its_start(tmp_path: Path) -> None:
    """``tifa compare`` raises the collector's thresholds before its imports (they made ~25
    collections of the same new objects), not only once the command runs; the GUI keeps
    Python's own."""
    a = tmp_path / "a.txt"
    a.write_text("会议强调，疫情要防住、经济要稳住、发展要安全。\n", encoding="utf-8")
    script = (
        "import gc, sys\n"
        "import tifa.cli as cli\n"
        "def main():\n"
        "    print(gc.get_threshold(), flush=True)\n"
        "    return 0\n"
        "cli.main = main\n"
        "cli.process_main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(DESKTOP)}
    found = []
    for command in ("compare", "gui"):
        done = subprocess.run(
            [sys.executable, "-c", script, command, str(a), str(a)],
            env=env, capture_output=True, text=True, check=False,
        )
        found.append(done.stdout.strip())
    from tifa.cli import _COMMAND_GC_THRESHOLDS

    default = subprocess.run(
        [sys.executable, "-c", "import gc; print(gc.get_threshold())"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert found == [str(_COMMAND_GC_THRESHOLDS), default]
