"""``tifa.engine.arrays.unique`` gives what ``np.unique`` gives (without importing numpy.ma)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from tifa.engine.arrays import unique, unique_with

ROOT = Path(__file__).resolve().parents[2]
INTS = st.lists(st.integers(-5, 40), max_size=200)


@given(INTS, st.sampled_from([np.int64, np.int32, np.uint32]))
def test_the_same_as_numpys_unique(values: list[int], dtype: type) -> None:
    array = np.array([v % 37 if dtype is np.uint32 else v for v in values], dtype=dtype)
    expected = np.unique(array, return_index=True, return_inverse=True, return_counts=True)
    assert np.array_equal(unique(array), expected[0]) and unique(array).dtype == array.dtype
    for flags in range(8):
        index, inverse, counts = bool(flags & 1), bool(flags & 2), bool(flags & 4)
        got = unique_with(array, return_index=index, return_inverse=inverse,
                          return_counts=counts)
        flags_on = (index, inverse, counts)
        wanted = [expected[0]] + [part for part, on in zip(expected[1:], flags_on, strict=True)
                                  if on]
        assert len(got) == len(wanted)
        for mine, theirs in zip(got, wanted, strict=True):
            assert np.array_equal(mine, theirs), (flags, mine, theirs)


def test_comparing_two_documents_does_not_import_numpy_ma(tmp_path: Path) -> None:
    """np.unique imports numpy.ma on first use (~7 ms of every start): the comparison of two
    seeds (reading, alignment, similarities, JSON) never needs it."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tifa.engine.ingest.reader import read_document\n"
        "from tifa.engine.compare.pipeline import compare\n"
        "from tifa.engine.compare.report import report_json\n"
        "seeds = sorted(Path('seeds').glob('*.txt'))\n"
        "report_json(compare([read_document(seeds[0]), read_document(seeds[3])]))\n"
        "print('numpy.ma' in sys.modules, 'numpy' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop")}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True"]
