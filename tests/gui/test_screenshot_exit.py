"""`tifa gui --screenshot` with a file it cannot read exits 3, as the README's exit-code table
says (it exited 2, the code of a usage error)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_screenshot_with_an_unreadable_file_exits_3(tmp_path: Path) -> None:
    target = tmp_path / "shot.png"
    missing = tmp_path / "missing.txt"
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "gui", "--screenshot", str(target), "--size", "900x600",
         str(missing), str(SEEDS / "000_9199964eb3750e0c.txt"),
         str(SEEDS / "003_3eec6e6b6785901d.txt")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 3, done.stderr
    assert "missing.txt" in done.stderr
    assert target.is_file()


def test_the_word_list_is_built_before_the_window_shows(tmp_path: Path) -> None:
    """Built on the comparison's worker, rjieba's dictionary held the GIL while the window was
    up (a 180 ms stall comparing 300 documents): the window shows only once it is built."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tifa.engine.compare import tokenize\n"
        "from tifa.gui import app, main_window\n"
        "seen = []\n"
        "show = main_window.MainWindow.show\n"
        "def recording(self):\n"
        "    seen.append(bool(tokenize._TOKENIZERS))\n"
        "    show(self)\n"
        "main_window.MainWindow.show = recording\n"
        "code = app.run([Path(p) for p in sys.argv[2:]], screenshot=Path(sys.argv[1]))\n"
        "print('SHOWN', seen, code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "shot.png"),
         str(SEEDS / "000_9199964eb3750e0c.txt"), str(SEEDS / "003_3eec6e6b6785901d.txt")],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert "SHOWN [True] 0" in done.stdout, done.stderr
