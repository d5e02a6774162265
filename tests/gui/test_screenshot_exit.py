"""`tifa gui --screenshot` with a file it cannot read exits 3, as the README's exit-code table
says (it exited 2, the code of a usage error)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


def _gui(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tifa", "gui", "--size", "900x600", *map(str, args)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_screenshot_never_replaces_a_document(tmp_path: Path) -> None:
    """`tifa gui IN.txt B --screenshot IN.txt` emptied IN.txt (QImage.save opened it for
    writing, then found it could not write a .txt image) and exited 4: the documents you open
    are never written. Now it is refused before the window opens (exit 2), through a symlink
    too; a grab Qt cannot write leaves the file there as it was."""
    real = Path(__file__).resolve().parents[1] / "real/readouts"
    document = tmp_path / "in.txt"
    text = (real / "gdstc-20200321-excerpt.txt").read_bytes()
    document.write_bytes(text)
    other = real / "sd-people-20200321-excerpt.txt"
    link = tmp_path / "shot.png"
    link.symlink_to(document)
    for target in (document, link):
        done = _gui(document, other, "--screenshot", target)
        assert done.returncode == 2, done.stderr
        assert "never overwrites the documents it reads" in done.stderr
        assert document.read_bytes() == text
    notes = tmp_path / "notes.txt"  # not an input, but no image format Qt writes
    notes.write_text("my notes", encoding="utf-8")
    done = _gui(document, other, "--screenshot", notes)
    assert done.returncode == 4, done.stderr
    assert f"could not write {notes}: Qt cannot write a TXT image" in done.stderr
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "notes.txt", "shot.png"]


def test_odd_sizes_and_pairs_are_usage_errors() -> None:
    """--size 99999x99999 ran, printed thousands of QPainter warnings and saved nothing;
    --pair 9,1 with two files was silently ignored: both are usage errors (exit 2) now,
    before the window opens."""
    from tifa.cli import main

    real = Path(__file__).resolve().parents[1] / "real/readouts"
    files = [str(real / "gdstc-20200321-excerpt.txt"),
             str(real / "sd-people-20200321-excerpt.txt")]
    for size in ("99999x99999", "0x0", "10x900"):
        with pytest.raises(SystemExit) as stop:
            main(["gui", *files, "--screenshot", "never.png", "--size", size])
        assert stop.value.code == 2
    assert main(["gui", *files, "--screenshot", "never.png", "--pair", "9,1"]) == 2
    assert not Path("never.png").exists()
