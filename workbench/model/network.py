"""The task network as integer arrays: summary expansion, topological levels, cycles.

This is the structure of a plan (which task waits for which), not its maths: the
model validates with it and the engine schedules level by level over it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


class CycleError(ValueError):
    """The links form a cycle; ``cycle`` holds the task positions in order."""

    def __init__(self, cycle: list[int]):
        self.cycle = cycle
        super().__init__(f"cycle through task positions {cycle}")


@dataclass(frozen=True)
class Hierarchy:
    """The WBS as arrays over task positions.

    Attributes
    ----------
    parent : np.ndarray
        Position of each task's parent, -1 at the top level.
    is_summary : np.ndarray
        True where a task has children.
    leaf_of : tuple[np.ndarray, np.ndarray]
        Pairs (ancestor position, leaf position) for every summary and each leaf
        below it; a leaf is paired with itself.
    depth : np.ndarray
        0 for top-level tasks, 1 for their children, ...
    """

    parent: np.ndarray
    is_summary: np.ndarray
    leaf_of: tuple[np.ndarray, np.ndarray]
    depth: np.ndarray


def build_hierarchy(parent: np.ndarray) -> Hierarchy:
    """Describe the WBS given each task's parent position (-1 for none).

    Parameters
    ----------
    parent : np.ndarray
        Integer array, parent position per task; must be acyclic.

    Returns
    -------
    Hierarchy

    Raises
    ------
    CycleError
        If a task is (indirectly) its own parent.

    Examples
    --------
    >>> h = build_hierarchy(np.array([-1, 0, 0]))
    >>> h.is_summary.tolist(), h.depth.tolist()
    ([True, False, False], [0, 1, 1])
    """
    parent = np.asarray(parent, dtype=np.int64)
    n = len(parent)
    is_summary = np.zeros(n, dtype=bool)
    is_summary[parent[parent >= 0]] = True
    depth = np.zeros(n, dtype=np.int64)
    ancestor = parent.copy()
    anc_pairs, leaf_pairs = [], []
    leaves = np.flatnonzero(~is_summary)
    leaves_anc = parent[leaves]
    # Climb one WBS level per step for all tasks at once.
    for _ in range(n + 1):
        active = ancestor >= 0
        if not active.any():
            break
        depth[active] += 1
        ancestor[active] = parent[ancestor[active]]
    else:
        cyclic = np.flatnonzero(ancestor >= 0)
        raise CycleError(_parent_cycle(parent, int(cyclic[0])))
    current = leaves_anc.copy()
    while (current >= 0).any():
        keep = current >= 0
        anc_pairs.append(current[keep])
        leaf_pairs.append(leaves[keep])
        current = np.where(keep, parent[np.maximum(current, 0)], -1)
    anc = np.concatenate([leaves, *anc_pairs]) if anc_pairs else leaves
    leaf = np.concatenate([leaves, *leaf_pairs]) if leaf_pairs else leaves
    return Hierarchy(parent, is_summary, (anc, leaf), depth)


def _parent_cycle(parent: np.ndarray, start: int) -> list[int]:
    seen: dict[int, int] = {}
    node, order = start, []
    while node not in seen:
        seen[node] = len(order)
        order.append(node)
        node = int(parent[node])
    return order[seen[node]:]


def expand_links(
    hierarchy: Hierarchy, src: np.ndarray, dst: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Replace links on summary tasks by links on every leaf below them.

    Parameters
    ----------
    hierarchy : Hierarchy
    src, dst : np.ndarray
        Link endpoints as task positions.

    Returns
    -------
    tuple of np.ndarray
        ``(src, dst, link)``: leaf-to-leaf endpoints and, for each, the position of
        the plan link it came from.

    Examples
    --------
    >>> h = build_hierarchy(np.array([-1, 0, 0, -1]))
    >>> s, d, k = expand_links(h, np.array([0]), np.array([3]))
    >>> sorted(s.tolist()), d.tolist(), k.tolist()
    ([1, 2], [3, 3], [0, 0])
    """
    anc, leaf = hierarchy.leaf_of
    order = np.argsort(anc, kind="stable")
    anc, leaf = anc[order], leaf[order]
    lo = np.searchsorted(anc, np.arange(len(hierarchy.parent)), side="left")
    hi = np.searchsorted(anc, np.arange(len(hierarchy.parent)), side="right")
    counts = hi - lo

    def explode(ends: np.ndarray, link: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        reps = counts[ends]
        link_rep = np.repeat(link, reps)
        starts = np.repeat(lo[ends], reps)
        within = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
        return leaf[starts + within], link_rep

    link = np.arange(len(src))
    s_leaf, link = explode(np.asarray(src, dtype=np.int64), link)
    d_leaf, link2 = explode(np.asarray(dst, dtype=np.int64)[link], link)
    return np.repeat(s_leaf, counts[np.asarray(dst)[link]]), d_leaf, link2


def topological_levels(n: int, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Level of each node: 0 without predecessors, else 1 + max level of predecessors.

    Kahn's algorithm processed a whole level at a time (see :func:`level_edges`).

    Parameters
    ----------
    n : int
        Number of nodes.
    src, dst : np.ndarray
        Edge endpoints (positions).

    Returns
    -------
    np.ndarray
        Integer level per node.

    Raises
    ------
    CycleError
        Naming one cycle when the edges are not acyclic.

    Examples
    --------
    >>> topological_levels(3, np.array([0, 1]), np.array([1, 2])).tolist()
    [0, 1, 2]
    """
    return level_edges(n, src, dst)[0]


def find_cycle(n: int, src: np.ndarray, dst: np.ndarray, candidates: np.ndarray) -> list[int]:
    """Walk predecessors among unlevelled nodes until one repeats; return that cycle.

    Parameters
    ----------
    n : int
        Number of nodes (tasks).
    src, dst : np.ndarray
        Edge endpoints (task positions), one pair per link.
    candidates : np.ndarray
        Boolean mask of the nodes a topological sort could not level; each of them
        has a predecessor among the others, so the walk always closes a cycle.

    Returns
    -------
    list of int
        The positions of one cycle in link order (each waits for the one before it,
        the first for the last).

    Examples
    --------
    >>> find_cycle(4, np.array([0, 1, 2, 3]), np.array([1, 2, 0, 0]),
    ...            np.array([True, True, True, False]))
    [1, 2, 0]
    """
    keep = candidates[src] & candidates[dst]
    pred: dict[int, int] = {}
    for s, d in zip(src[keep].tolist(), dst[keep].tolist(), strict=True):
        pred.setdefault(d, s)
    node = int(np.flatnonzero(candidates)[0])
    seen: dict[int, int] = {}
    path: list[int] = []
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = pred[node]
    return path[seen[node]:][::-1]


def ancestor_pairs(parent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (ancestor, descendant) pair of the WBS, as two position arrays.

    Parameters
    ----------
    parent : np.ndarray
        Position of each task's parent, -1 at the top level; must be acyclic.

    Returns
    -------
    tuple of np.ndarray
        ``(ancestor, descendant)`` positions, one pair for each task and each of its
        summaries at any depth (a task is not paired with itself).

    Examples
    --------
    >>> a, d = ancestor_pairs(np.array([-1, 0, 1]))
    >>> sorted(zip(a.tolist(), d.tolist()))
    [(0, 1), (0, 2), (1, 2)]
    """
    parent = np.asarray(parent, dtype=np.int64)
    nodes = np.arange(len(parent))
    current = parent.copy()
    anc, desc = [], []
    while (current >= 0).any():
        keep = current >= 0
        anc.append(current[keep])
        desc.append(nodes[keep])
        current = np.where(keep, parent[np.maximum(current, 0)], -1)
    if not anc:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(anc), np.concatenate(desc)


def level_edges(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray,
                                                                   np.ndarray]:
    """Topological levels, and the edges grouped by the level of their source.

    The same levels as :func:`topological_levels` (Kahn's algorithm a level at a time),
    with fewer array operations per level, plus the order in which the level loop
    met the edges: everything a level-by-level CPM pass needs.

    Parameters
    ----------
    n : int
        Number of nodes.
    src, dst : np.ndarray
        Edge endpoints (positions).

    Returns
    -------
    tuple of np.ndarray
        ``(level, order, bounds)``: level per node; edge positions grouped by the
        level of their source; ``order[bounds[L]:bounds[L + 1]]`` are the edges out
        of level ``L`` (``len(bounds)`` is the number of levels + 1).

    Raises
    ------
    CycleError
        Naming one cycle when the edges are not acyclic.

    Examples
    --------
    >>> level, order, bounds = level_edges(3, np.array([1, 0]), np.array([2, 1]))
    >>> level.tolist(), order.tolist(), bounds.tolist()
    ([0, 1, 2], [1, 0], [0, 1, 2, 2])
    """
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    indegree = np.bincount(dst, minlength=n)
    by_src = np.argsort(src, kind="stable")
    targets_sorted = dst[by_src]
    out_count = np.bincount(src, minlength=n)
    out_end = np.cumsum(out_count)
    stamp = np.zeros(n, dtype=np.int64)
    counting = np.arange(max(len(src), n) + 1)
    frontiers: list[np.ndarray] = []
    edge_runs: list[np.ndarray] = []
    frontier = np.flatnonzero(indegree == 0)
    # The loop runs once per level; every line is one array operation, no per-node work.
    while frontier.size:
        frontiers.append(frontier)
        count = out_count[frontier]
        ends = count.cumsum()
        total = ends[-1]
        if not total:
            edge_runs.append(counting[:0])
            break
        idx = np.repeat(out_end[frontier] - ends, count)
        idx += counting[:total]
        edge_runs.append(idx)
        targets = targets_sorted[idx]
        np.subtract.at(indegree, targets, 1)
        ready = targets[indegree[targets] == 0]
        # Keep one copy of each ready node: stamp[x] holds one position of x in ready.
        position = counting[:ready.size]
        stamp[ready] = position
        frontier = ready[stamp[ready] == position]
    level = np.full(n, -1, dtype=np.int64)
    if frontiers:
        sizes = [len(f) for f in frontiers]
        level[np.concatenate(frontiers)] = np.repeat(np.arange(len(frontiers)), sizes)
    if (level < 0).any():
        raise CycleError(find_cycle(n, src, dst, level < 0))
    runs = [len(r) for r in edge_runs]
    bounds = np.concatenate([[0], np.cumsum(runs)]).astype(np.int64)
    order = by_src[np.concatenate(edge_runs)] if edge_runs else np.empty(0, dtype=np.int64)
    return level, order, bounds
