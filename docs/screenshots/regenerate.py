"""Remake the app screenshots in this folder (the README shows them).

    .venv/bin/python docs/screenshots/regenerate.py

Each picture is a ``tifa gui --screenshot`` grab, offscreen, at 1400×900: the sample pair in
English and Chinese, the five seeds (the traditional-script Qiushi article among them), the
seeds' formulations from 004 (2017) to 000 (2022), four and 31 "provincial" versions of one
meeting report (``bench/gui.py``'s ``write_provinces``); the Corpus tab on the real
transcripts (``corpus_shot.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "bench"))

from gui import write_provinces  # noqa: E402

SEEDS = sorted(str(p) for p in (REPO / "seeds").glob("0*.txt"))


def grab(name: str, files: list[str], *options: str) -> None:
    target = HERE / name
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "tifa", "gui", *files, "--size", "1400x900",
         "--screenshot", str(target), *options],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    if done.returncode not in (0, 2):
        raise SystemExit(f"{name}: {done.stderr}")
    print("wrote", target.relative_to(REPO), done.stderr.strip().splitlines()[0])


def main() -> None:
    grab("side-by-side.png", [])
    grab("side-by-side-zh.png", [], "--lang", "zh")
    with tempfile.TemporaryDirectory() as tmp:  # two versions of one report, 3 edits
        text = (REPO / "seeds" / "000_9199964eb3750e0c.txt").read_text(encoding="utf-8")
        draft, final = Path(tmp) / "beijing_a.txt", Path(tmp) / "beijing_b.txt"
        draft.write_text(text, encoding="utf-8")
        final.write_text(text.replace("经济要稳住", "经贸要稳住", 1)
                         .replace("谋划工作", "谋划全年工作", 1)
                         .replace("四个自信", "四个认同", 1), encoding="utf-8")
        grab("changes.png", [str(draft), str(final)], "--size", "1600x1000")
        grab("changes-zh.png", [str(draft), str(final)], "--size", "1600x1000", "--lang", "zh")
    grab("seeds.png", SEEDS)
    grab("formulations.png", SEEDS, "--view", "formulations", "--pair", "5,1")
    with tempfile.TemporaryDirectory() as tmp:
        provinces = [str(p) for p in write_provinces(Path(tmp))]
        grab("provinces.png", provinces[:4])
        grab("similarity.png", provinces, "--view", "similarity")
    for name, language in (("corpus.png", "en"), ("corpus-zh.png", "zh")):  # the Corpus tab
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([sys.executable, str(HERE / "corpus_shot.py"), str(HERE / name),
                        language], env=env, check=True, timeout=600)


if __name__ == "__main__":
    main()
