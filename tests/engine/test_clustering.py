"""Average linkage and optimal leaf ordering in NumPy, against SciPy (the slow, obviously
correct reference: SciPy stays a dependency for its sparse matrices)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering

from tifa.engine.compare.clustering import (
    average_linkage,
    average_linkage_order,
    leaves,
    optimal_order,
    order_cost,
)
from tifa.engine.compare.similarity import cluster_order


def distance_matrix(values: np.ndarray) -> np.ndarray:
    """A symmetric matrix with a zero diagonal from any square ``values``."""
    symmetric = (values + values.T) / 2
    np.fill_diagonal(symmetric, 0.0)
    return symmetric


def condensed(distances: np.ndarray) -> np.ndarray:
    return distances[np.triu_indices(len(distances), 1)]


def scipy_order(distances: np.ndarray) -> list[int]:
    y = condensed(distances)
    return [int(i) for i in leaves_list(optimal_leaf_ordering(linkage(y, "average"), y))]


def brute_force_best(distances: np.ndarray, merges: list) -> float:
    """The smallest neighbour-distance sum over every way of swapping the tree's nodes."""
    n = len(distances)
    best = np.inf
    for flips in itertools.product((False, True), repeat=n - 1):
        swapped = [(r, left, d, s) if f else (left, r, d, s)
                   for (left, r, d, s), f in zip(merges, flips, strict=True)]
        best = min(best, order_cost(distances, leaves(swapped, n)))
    return float(best)


matrices = st.integers(min_value=3, max_value=9).flatmap(
    lambda n: st.lists(
        st.floats(min_value=0.0, max_value=1.0, allow_nan=False), min_size=n * n, max_size=n * n
    ).map(lambda cells: distance_matrix(np.array(cells).reshape(n, n)))
)


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_linkage_is_scipys_average_linkage(distances: np.ndarray) -> None:
    expected = linkage(condensed(distances), "average")
    found = np.array(average_linkage(distances), dtype=np.float64)
    assert np.array_equal(found[:, [0, 1, 3]], expected[:, [0, 1, 3]])
    assert np.allclose(found[:, 2], expected[:, 2], rtol=0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(matrices)
def test_the_order_costs_no_more_than_scipys_and_is_the_best_of_the_tree(
    distances: np.ndarray,
) -> None:
    order = average_linkage_order(distances)
    assert sorted(order) == list(range(len(distances)))
    ours, theirs = order_cost(distances, order), order_cost(distances, scipy_order(distances))
    assert ours <= theirs + 1e-9
    merges = average_linkage(distances)
    assert ours == pytest.approx(brute_force_best(distances, merges), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=3, max_value=40), st.integers(min_value=0, max_value=2**32 - 1))
def test_without_ties_the_order_is_scipys_where_scipys_is_optimal(n: int, seed: int) -> None:
    # random doubles: no two orders cost the same, and no two clusters are equally near.
    # SciPy sometimes returns an order that is not the best of its tree (scipy/scipy#11227:
    # it computes the best but applies the swaps wrongly); then ours costs less.
    distances = distance_matrix(np.random.default_rng(seed).random((n, n)))
    ours, theirs = average_linkage_order(distances), scipy_order(distances)
    if order_cost(distances, theirs) <= order_cost(distances, ours) + 1e-12:
        assert ours == theirs
    else:
        assert order_cost(distances, ours) < order_cost(distances, theirs)


def test_where_scipy_misses_the_best_order_ours_is_the_best() -> None:
    distances = distance_matrix(np.random.default_rng(1).random((8, 8)))
    ours, theirs = average_linkage_order(distances), scipy_order(distances)
    best = brute_force_best(distances, average_linkage(distances))
    assert order_cost(distances, ours) == pytest.approx(best, abs=1e-12)
    assert order_cost(distances, theirs) > best + 0.4  # 2.88 against 2.42


def test_ties_go_to_the_first_clusters_and_leaves() -> None:
    # all distances equal: every tree and every order cost the same; the merges are SciPy's
    # (its chain's scan order) and the order is the tree's own
    distances = distance_matrix(np.ones((5, 5)))
    merges = average_linkage(distances)
    assert merges == [tuple(row) for row in linkage(condensed(distances), "average").tolist()]
    assert average_linkage_order(distances) == leaves(merges, 5)
    assert order_cost(distances, scipy_order(distances)) == 4.0
    # two pairs, every order joining them costs the same: the documents' own order (SciPy's
    # order, as good, is 0 1 3 2)
    groups = np.array([[0, 0.1, 0.9, 0.9], [0.1, 0, 0.9, 0.9], [0.9, 0.9, 0, 0.1],
                       [0.9, 0.9, 0.1, 0]])
    assert average_linkage_order(groups) == [0, 1, 2, 3]
    assert order_cost(groups, scipy_order(groups)) == order_cost(groups, [0, 1, 2, 3])


def test_a_long_chain_needs_no_recursion() -> None:
    # documents on a line: each merge adds one to the growing cluster (a tree 1,200 deep)
    points = np.cumsum(np.random.default_rng(5).random(1200) + 0.5)
    distances = np.abs(points[:, None] - points[None, :])
    order = average_linkage_order(distances)
    assert order in (list(range(1200)), list(range(1199, -1, -1)))


def test_cluster_order_of_a_similarity_matrix_is_the_best_of_scipys_tree() -> None:
    rng = np.random.default_rng(7)
    values = rng.random((31, 31))
    similarity = np.round((values + values.T) / 2, 6)
    np.fill_diagonal(similarity, 1.0)
    distances = distance_matrix(1.0 - similarity)
    order = list(cluster_order(similarity))
    scipy_tree = linkage(condensed(distances), "average")
    assert np.array_equal(np.array(average_linkage(distances)), scipy_tree)
    assert order_cost(distances, order) <= order_cost(distances, scipy_order(distances))
    # the best of the tree: no single swap of a node's children does better
    merges = average_linkage(distances)
    for node in range(len(merges)):
        swapped = list(merges)
        left, right, height, size = swapped[node]
        swapped[node] = (right, left, height, size)
        assert order_cost(distances, leaves(swapped, 31)) >= order_cost(distances, order) - 1e-12
    assert cluster_order(np.eye(2)) == (0, 1)


def test_bad_matrices_are_refused() -> None:
    with pytest.raises(ValueError, match="square"):
        average_linkage(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        optimal_order(np.full((3, 3), np.nan), [])
