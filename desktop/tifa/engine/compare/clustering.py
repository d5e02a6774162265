"""Average-linkage hierarchical clustering and optimal leaf ordering, in NumPy.

What ``scipy.cluster.hierarchy``'s ``linkage(method="average")``, ``optimal_leaf_ordering``
and ``leaves_list`` compute, for the heatmap's order of documents, without importing SciPy's
clustering (~0.25 s of start-up: ``scipy.cluster`` loads ``scipy.spatial`` and
``scipy.linalg``). The tests check both against SciPy.

- ``average_linkage`` merges clusters as SciPy's nearest-neighbour chain does (same scan
  order, same tie-breaking, same distance updates in double precision), so its merges and
  their labels are SciPy's: merges sorted by distance (a stable sort), each row
  ``(smaller label, larger label, distance, size)``, new clusters labelled ``n``, ``n + 1``, …
- ``optimal_order`` finds the leaf order of that tree (each node may swap its two children)
  with the smallest sum of distances between neighbours (Bar-Joseph, Gifford & Jaakkola,
  2001), in double precision by min-plus products over the leaves of each node's
  grandchildren: O(n³) at worst. As in SciPy, the first leaf is in the root's first
  (smaller-labelled) cluster; among orders of equal cost, the one closest to the tree's own
  leaf order (all distances equal: the tree's order). SciPy's order is often not the best
  of its tree (scipy/scipy#11227: it finds the best cost but applies the swaps wrongly);
  where it is, and no two orders cost the same, the two orders are the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

FloatMatrix = npt.NDArray[np.float64]

#: A merge: (left label, right label, distance, leaves under it).
Merge = tuple[int, int, float, int]

# Cells of the temporary sum in one min-plus block (8 bytes each: 4 MB; 16 MB blocks were no
# faster, and at 1,000 documents came on top of the other n × n arrays).
_MINPLUS_CELLS = 1 << 19


def _square(distances: npt.ArrayLike, *, copy: bool = False) -> FloatMatrix:
    """``distances`` as a square float array, checked: a copy only when asked for (or when
    they are not one already: at 1,000 documents each copy is 8 MB)."""
    values = np.array(distances, dtype=np.float64, copy=True if copy else None)
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise ValueError(f"a square distance matrix is needed, not shape {values.shape}")
    if not np.isfinite(values).all():
        raise ValueError("distances must be finite")
    return values


def average_linkage(distances: npt.ArrayLike) -> list[Merge]:
    """The average-linkage merges of a symmetric distance matrix, as SciPy's
    ``linkage(squareform(distances), method="average")`` rows."""
    work = _square(distances, copy=True)  # merged in place
    n = len(work)
    if n < 2:
        return []
    size = np.ones(n, dtype=np.int64)
    active = np.ones(n, dtype=bool)
    found: list[tuple[int, int, float]] = []  # (slot x, slot y, distance), as discovered
    chain: list[int] = []
    for _ in range(n - 1):
        if not chain:
            chain.append(int(np.flatnonzero(active)[0]))
        while True:
            x = chain[-1]
            row = np.where(active, work[x], np.inf)
            row[x] = np.inf
            nearest = int(row.argmin())
            # the previous cluster of the chain is preferred on a tie (no cycles)
            if len(chain) > 1 and not row[nearest] < work[x, chain[-2]]:
                y, distance = chain[-2], float(work[x, chain[-2]])
                break
            y, distance = nearest, float(row[nearest])
            chain.append(y)
        del chain[-2:]
        x, y = min(x, y), max(x, y)
        nx, ny = int(size[x]), int(size[y])
        found.append((x, y, distance))
        active[x] = False
        size[x], size[y] = 0, nx + ny
        others = active.copy()
        others[y] = False
        merged = (nx * work[others, x] + ny * work[others, y]) / (nx + ny)
        work[others, y] = merged
        work[y, others] = merged
    return _labelled(found, n)


def _labelled(found: Sequence[tuple[int, int, float]], n: int) -> list[Merge]:
    """Merges of slots sorted by distance (stable) and relabelled as SciPy labels clusters."""
    parent = list(range(2 * n - 1))
    sizes = [1] * n + [0] * (n - 1)

    def root(label: int) -> int:
        top = label
        while parent[top] != top:
            top = parent[top]
        while parent[label] != top:  # path compression
            parent[label], label = top, parent[label]
        return top

    merges: list[Merge] = []
    for step, index in enumerate(sorted(range(len(found)), key=lambda i: found[i][2])):
        x, y, distance = found[index]
        rx, ry = root(x), root(y)
        new = n + step
        parent[rx] = parent[ry] = new
        sizes[new] = sizes[rx] + sizes[ry]
        merges.append((min(rx, ry), max(rx, ry), distance, sizes[new]))
    return merges


def leaves(merges: Sequence[Merge], n: int) -> list[int]:
    """The tree's leaves left to right (SciPy's ``leaves_list``)."""
    if n < 2:
        return list(range(n))
    order: list[int] = []
    stack = [2 * n - 2]
    while stack:
        node = stack.pop()
        if node < n:
            order.append(node)
        else:
            left, right = merges[node - n][:2]
            stack += [right, left]
    return order


def _min_plus(a: FloatMatrix, b: FloatMatrix) -> FloatMatrix:
    """``out[i, j] = min_k a[i, k] + b[k, j]``, a block of rows at a time."""
    rows = max(1, _MINPLUS_CELLS // max(1, a.shape[1] * b.shape[1]))
    out = np.empty((a.shape[0], b.shape[1]))
    for start in range(0, a.shape[0], rows):
        block = a[start : start + rows, :, None] + b[None, :, :]
        out[start : start + rows] = block.min(axis=1)
    return out


def optimal_order(distances: npt.ArrayLike, merges: Sequence[Merge]) -> list[int]:
    """The leaf order of the tree ``merges`` (children may swap) with the smallest sum of the
    distances between neighbouring leaves."""
    dist = _square(distances)
    n = len(dist)
    if n < 3:
        return leaves(merges, n)
    # leaves of every cluster, in the tree's own order (ties go to the first found)
    position = np.empty(n, dtype=np.int64)
    position[leaves(merges, n)] = np.arange(n)
    members: list[npt.NDArray[np.int64]] = [np.array([i]) for i in range(n)]
    children: list[tuple[int, int]] = [(i, i) for i in range(n)]
    for left, right, _, _ in merges:
        both = np.concatenate([members[left], members[right]])
        members.append(both[np.argsort(position[both], kind="stable")])
        children.append((left, right))

    def sides(node: int) -> list[tuple[int, int]]:
        """(cluster an end leaf is in, cluster its inner neighbour is in)."""
        if node < n:
            return [(node, node)]
        first, second = children[node]
        return [(first, second), (second, first)]

    # best[u, w]: the cost of the best order of the smallest cluster holding u and w (leaves
    # of its two different children) that starts at u and ends at w
    best = np.zeros((n, n))
    for node in range(n, 2 * n - 1):
        left, right = children[node]
        for outer_l, inner_l in sides(left):
            u, m = members[outer_l], members[inner_l]
            to_right = _min_plus(best[np.ix_(u, m)], dist[np.ix_(m, members[right])])
            for outer_r, inner_r in sides(right):
                w, k = members[outer_r], members[inner_r]
                columns = np.searchsorted(position[members[right]], position[k])
                cost = _min_plus(to_right[:, columns], best[np.ix_(k, w)])
                best[np.ix_(u, w)] = cost
                best[np.ix_(w, u)] = cost.T

    root = 2 * n - 2
    left, right = children[root]
    # on a tie, the first leaf of the tree's order and its last (the tree's own order)
    ends = best[np.ix_(members[left], members[right])][:, ::-1]
    first, last = np.unravel_index(int(ends.argmin()), ends.shape)
    last = ends.shape[1] - 1 - last
    return _unfold(root, int(members[left][first]), int(members[right][last]),
                   best, dist, members, children, n)


def _unfold(
    root: int,
    start: int,
    end: int,
    best: FloatMatrix,
    dist: FloatMatrix,
    members: Sequence[npt.NDArray[np.int64]],
    children: Sequence[tuple[int, int]],
    n: int,
) -> list[int]:
    """The order ``best[start, end]`` stands for, node by node (no recursion: a chain of
    1,000 documents is 1,000 deep)."""
    order: list[int] = []
    # (node, first leaf, last leaf) still to lay out, leftmost on top
    stack = [(root, start, end)]
    while stack:
        node, u, w = stack.pop()
        if node < n:
            order.append(u)
            continue
        left, right = children[node]
        if not np.isin(u, members[left]):
            u, w, flipped = w, u, True
        else:
            flipped = False
        inner_l = _other(children[left], u, members) if left >= n else left
        inner_r = _other(children[right], w, members) if right >= n else right
        m, k = members[inner_l], members[inner_r]
        # on a tie, the last of m and the first of k: the tree's own order where it can be
        cost = (best[u, m][:, None] + dist[np.ix_(m, k)] + best[k, w][None, :])[::-1]
        i, j = np.unravel_index(int(cost.argmin()), cost.shape)
        i = len(m) - 1 - i
        halves = [(left, u, int(m[i])), (right, int(k[j]), w)]
        if flipped:  # laid out from w to u: each half reversed, then the halves swapped
            halves = [(right, w, int(k[j])), (left, int(m[i]), u)]
        stack += reversed(halves)
    return order


def _other(pair: tuple[int, int], leaf: int, members: Sequence[npt.NDArray[np.int64]]) -> int:
    """Of a node's two children, the one not holding ``leaf``."""
    first, second = pair
    return second if np.isin(leaf, members[first]) else first


def order_cost(distances: npt.ArrayLike, order: Sequence[int]) -> float:
    """The sum of the distances between neighbours in ``order``."""
    dist = np.asarray(distances, dtype=np.float64)
    index = np.asarray(order, dtype=np.int64)
    return float(dist[index[:-1], index[1:]].sum())


def average_linkage_order(distances: npt.ArrayLike) -> list[int]:
    """Leaves of the average-linkage tree in optimal leaf order (SciPy's
    ``leaves_list(optimal_leaf_ordering(linkage(y, "average"), y))``)."""
    dist = _square(distances)
    return optimal_order(dist, average_linkage(dist))
