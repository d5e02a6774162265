"""Shared fixtures: the sample reports in seeds/ are the test corpus."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _own_home() -> Path:
    """A home folder of this test session's own, set before Qt reads it.

    Qt's test mode (``QStandardPaths.setTestModeEnabled``) keeps QSettings and the app-data
    folder in ``$HOME/.qttest``: with the real home, every pytest process on a machine shared
    them, and one suite's wipe or recent files showed up in another's tests. The session's
    subprocesses (``tifa gui --screenshot`` …) inherit it too. Caches (rjieba's dictionary,
    fontconfig) stay where they were: they are made to be shared.
    """
    real = Path.home()
    os.environ.setdefault("XDG_CACHE_HOME", str(real / ".cache"))
    home = Path(tempfile.mkdtemp(prefix="tifa-test-home-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["HOME"] = str(home)
    os.environ.pop("XDG_CONFIG_HOME", None)  # Qt outside test mode (subprocesses) reads it
    return home


TEST_HOME = _own_home()

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"

BEIJING_2022 = SEEDS / "000_9199964eb3750e0c.txt"
HAIDIAN_2020 = SEEDS / "001_765f369fb89ae45f.txt"
QIUSHI_2020 = SEEDS / "002_e06962ff7f16f22d.txt"
CHENGDU_2022 = SEEDS / "003_3eec6e6b6785901d.txt"
BEIJING_2017 = SEEDS / "004_dfc4012b420ba70e.txt"
ALL_SEEDS = (BEIJING_2022, HAIDIAN_2020, QIUSHI_2020, CHENGDU_2022, BEIJING_2017)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


#: Formulations and stock phrases of the seeds, for property tests of the alignment: texts
#: made of them overlap, nearly copy each other, split and merge, as readouts do.
SLOGANS = (
    "疫情要防住经济要稳住发展要安全",
    "坚持外防输入内防反弹",
    "增强四个意识坚定四个自信做到两个维护",
    "把方向谋大事抓党建保平安",
    "把方向干大事抓党建保平安",
    "会议强调",
    "高质量发展",
    "以实际行动迎接党的二十大胜利召开",
)
