"""Each test session keeps Qt's settings and app data in a home folder of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

from conftest import TEST_HOME


def test_settings_and_app_data_are_in_this_sessions_own_folder() -> None:
    """Not in the user's ~/.qttest, which every pytest process on the machine shared."""
    settings = Path(QSettings().fileName()).resolve()
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert settings.is_relative_to(TEST_HOME.resolve()), settings
    assert Path(data).resolve().is_relative_to(TEST_HOME.resolve()), data
    assert TEST_HOME.name.startswith("tifa-test-home-")


def test_another_session_gets_another_folder() -> None:
    """A second pytest process (here: one importing the same conftest) gets its own home."""
    code = "import conftest, sys; sys.stdout.write(str(conftest.TEST_HOME))"
    tests = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tests), os.environ.get(
        "PYTHONPATH", "")])}
    other = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True).stdout
    assert other and Path(other) != TEST_HOME
    assert not Path(other).exists()  # removed when that process ended
