"""What a start loads: heavy modules only where they are used (no timing here: bench/scale.py
measures the start-up)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
