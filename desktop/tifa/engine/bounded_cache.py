"""A memo bounded by what its entries weigh, not only by how many there are.

``functools.lru_cache(maxsize=128)`` over per-document data is ~10 MB for county readouts of
3,000 characters and ~120 MB for reports of 40,000: the same count of entries, twelve times the
memory. ``bounded_cache`` keeps at most ``maxsize`` entries whose ``cost`` (characters, say)
adds up to at most ``budget``, dropping the least recently used first; besides them, the last
two entries too heavy for the budget on their own (a huge document asked for again and again
between others is not computed again each time). Thread-safe; a value may be computed twice
when two threads ask for it at once (both results are equal; one is kept).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

R = TypeVar("R")


class BoundedCache(Generic[R]):
    """``compute(*args)`` for the arguments asked for most recently (see the module)."""

    def __init__(
        self,
        compute: Callable[..., R],
        *,
        maxsize: int,
        budget: int,
        cost: Callable[..., int],
    ) -> None:
        self._compute, self._cost = compute, cost
        self._maxsize, self._budget = maxsize, budget
        self._items: OrderedDict[Hashable, tuple[R, int]] = OrderedDict()
        self._heavy: OrderedDict[Hashable, R] = OrderedDict()
        self._held = 0
        self._lock = threading.Lock()
        self.__doc__ = compute.__doc__
        self.__wrapped__ = compute

    def __call__(self, *args: Hashable) -> R:
        with self._lock:
            if args in self._items:
                self._items.move_to_end(args)
                return self._items[args][0]
            if args in self._heavy:
                self._heavy.move_to_end(args)
                return self._heavy[args]
        value = self._compute(*args)
        weight = self._cost(*args)
        with self._lock:
            if weight > self._budget:
                self._heavy[args] = value
                if len(self._heavy) > 2:
                    self._heavy.popitem(last=False)
            elif args not in self._items:
                self._items[args] = (value, weight)
                self._held += weight
                while self._held > self._budget or len(self._items) > self._maxsize:
                    _, (_, dropped) = self._items.popitem(last=False)
                    self._held -= dropped
        return value

    def peek(self, *args: Hashable) -> R | None:
        """The value kept for ``args``, if any: nothing computed, nothing moved."""
        with self._lock:
            kept = self._items.get(args)
            return self._heavy.get(args) if kept is None else kept[0]

    def cache_clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._heavy.clear()
            self._held = 0

    def __len__(self) -> int:
        return len(self._items) + len(self._heavy)

    @property
    def held(self) -> int:
        """The cost of the entries kept within the budget."""
        return self._held


def bounded_cache(
    *, maxsize: int, budget: int, cost: Callable[..., int]
) -> Callable[[Callable[..., R]], BoundedCache[R]]:
    """Decorator: a ``BoundedCache`` of the function (positional, hashable arguments only)."""

    def wrap(compute: Callable[..., R]) -> BoundedCache[R]:
        return BoundedCache(compute, maxsize=maxsize, budget=budget, cost=cost)

    return wrap
