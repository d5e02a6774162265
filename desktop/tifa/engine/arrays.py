"""``np.unique`` without its cost at start-up: NumPy's own imports ``numpy.ma`` on first use
(~7 ms of every comparison's start, a quarter of what is left to the start-up target). The
same results for the one-dimensional integer arrays the engine passes (tested against
``np.unique`` with hypothesis)."""

from __future__ import annotations

from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[Any]
Scalar = TypeVar("Scalar", bound=np.generic)


def unique(values: npt.NDArray[Scalar]) -> npt.NDArray[Scalar]:
    """The sorted distinct values of a 1-D array (``np.unique(values)``)."""
    distinct: npt.NDArray[Scalar] = unique_with(values)[0]
    return distinct


def unique_with(values: Array, *, return_index: bool = False, return_inverse: bool = False,
                return_counts: bool = False) -> tuple[Array, ...]:
    """The sorted distinct values of a 1-D array, then as asked: the index of each one's first
    occurrence, each value's place among the distinct ones, how often each occurs
    (``np.unique(values, return_index=…, …)``, always a tuple)."""
    values = np.asarray(values).ravel()
    n = len(values)
    wanted = return_index or return_inverse
    order = np.argsort(values, kind="stable") if wanted else None
    ordered = values[order] if order is not None else np.sort(values)
    starts = np.empty(n, dtype=bool)
    if n:
        starts[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    result: list[Array] = [ordered[starts]]
    if return_index:
        assert order is not None
        result.append(order[starts])
    if return_inverse:
        assert order is not None
        inverse = np.empty(n, dtype=np.intp)
        inverse[order] = np.cumsum(starts) - 1
        result.append(inverse)
    if return_counts:
        bounds = np.append(np.flatnonzero(starts), n)
        result.append(np.diff(bounds))
    return tuple(result)
