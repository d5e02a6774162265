"""Shared fixtures: the sample reports in seeds/ are the test corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
