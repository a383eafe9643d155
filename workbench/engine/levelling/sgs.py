"""Compiled kernels of the serial schedule-generation scheme (SGS) on integer time slots.

The levelling problem arrives here as plain arrays (see
:class:`workbench.engine.levelling.problem.SlotProblem`): durations ``p``, lower bounds
``lb``, fixed starts (``fixed >= 0``), precedence edges ``S_j >= S_i + w`` in CSR form
by successor (``pred_*``) and by predecessor (``succ_*``), resource demands in CSR form
(``dem_*``) and a capacity profile ``cap[resource, slot]``.

- :func:`activity_list` turns priority keys into a precedence-feasible order;
- :func:`forward_sgs` schedules each task in list order as early as precedence and
  capacity allow (the serial SGS);
- :func:`backward_sgs` does the mirror image against a deadline (right justification),
  the backward half of forward-backward improvement.

They are compiled with numba: a pass over a 10,000-task plan is one machine-code loop,
where Python would pay per task and per slot.
"""

from __future__ import annotations

import heapq

import numba
import numpy as np

#: Units within this of the capacity fit (guards float noise in fractional units).
FIT_TOLERANCE = 1e-9


@numba.njit(cache=True)
def activity_list(key: np.ndarray, in_ptr: np.ndarray, in_idx: np.ndarray,
                  out_ptr: np.ndarray, out_idx: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Tasks in ascending ``key`` order, each after all tasks it depends on.

    ``in_*`` lists, per task, the tasks that must come before it; ``out_*`` the tasks
    that wait for it. Pass the successor lists as ``in_*`` for a backward list.

    Parameters
    ----------
    key : np.ndarray
        Priority key per task (float); lower goes first.
    in_ptr, in_idx : np.ndarray
        CSR lists of the tasks each task waits for: task ``j``'s are
        ``in_idx[in_ptr[j]:in_ptr[j + 1]]``.
    out_ptr, out_idx : np.ndarray
        CSR lists of the tasks waiting for each task (the reverse of ``in_*``).

    Returns
    -------
    np.ndarray
        Every task index once (int64): among the tasks whose predecessors are all listed,
        always the one with the lowest key next.

    Examples
    --------
    Task 0 before 1 before 2, so the keys cannot reorder them; without links they can:

    >>> i64 = lambda *v: np.array(v, dtype=np.int64)
    >>> activity_list(np.zeros(3), i64(0, 0, 1, 2), i64(0, 1), i64(0, 1, 2, 2), i64(1, 2))
    array([0, 1, 2])
    >>> none = i64(0, 0, 0, 0)
    >>> activity_list(np.array([2.0, 1.0, 0.0]), none, i64(), none, i64())
    array([2, 1, 0])
    """
    n = len(key)
    waiting = np.empty(n, dtype=np.int64)
    heap = [(0.0, np.int64(0)) for _ in range(0)]
    for j in range(n):
        waiting[j] = in_ptr[j + 1] - in_ptr[j]
        if waiting[j] == 0:
            heapq.heappush(heap, (key[j], np.int64(j)))
    order = np.empty(n, dtype=np.int64)
    k = 0
    while heap:
        _, j = heapq.heappop(heap)
        order[k] = j
        k += 1
        for e in range(out_ptr[j], out_ptr[j + 1]):
            s = out_idx[e]
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(heap, (key[s], s))
    return order


@numba.njit(cache=True)
def _book(use: np.ndarray, j: int, t: int, p: np.ndarray, dem_ptr: np.ndarray,
          dem_res: np.ndarray, dem_units: np.ndarray) -> None:  # pragma: no cover
    horizon = use.shape[1]
    for e in range(dem_ptr[j], dem_ptr[j + 1]):
        r = dem_res[e]
        for tau in range(max(t, 0), min(t + p[j], horizon)):
            use[r, tau] += dem_units[e]


@numba.njit(cache=True)
def _conflict(use: np.ndarray, cap: np.ndarray, j: int, tau: int, dem_ptr: np.ndarray,
              dem_res: np.ndarray, dem_units: np.ndarray) -> bool:  # pragma: no cover
    if tau < 0 or tau >= use.shape[1]:
        return True
    for e in range(dem_ptr[j], dem_ptr[j + 1]):
        r = dem_res[e]
        if use[r, tau] + dem_units[e] > cap[r, tau] + FIT_TOLERANCE:
            return True
    return False


@numba.njit(cache=True)
def _place_fixed(use: np.ndarray, start: np.ndarray, fixed: np.ndarray, p: np.ndarray,
                 dem_ptr: np.ndarray, dem_res: np.ndarray,
                 dem_units: np.ndarray) -> None:  # pragma: no cover
    for j in range(len(fixed)):
        if fixed[j] >= 0:
            start[j] = fixed[j]
            _book(use, j, fixed[j], p, dem_ptr, dem_res, dem_units)


@numba.njit(cache=True)
def forward_sgs(order: np.ndarray, p: np.ndarray, lb: np.ndarray, fixed: np.ndarray,
                pred_ptr: np.ndarray, pred_idx: np.ndarray, pred_w: np.ndarray,
                dem_ptr: np.ndarray, dem_res: np.ndarray, dem_units: np.ndarray,
                cap: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Start slot per task: each as early as precedence and free capacity allow.

    Fixed tasks sit at their fixed start whatever the capacity. Returns -1 for every
    task if some task finds no room before the end of the capacity profile.

    Parameters
    ----------
    order : np.ndarray
        Task indices, each after all its predecessors (:func:`activity_list`).
    p : np.ndarray
        Duration per task, in slots.
    lb : np.ndarray
        Earliest start slot per task (project start, SNET/FNET, fixed predecessors).
    fixed : np.ndarray
        Fixed start slot per task, -1 when levelling may move it.
    pred_ptr, pred_idx, pred_w : np.ndarray
        CSR links into each task: ``S_j >= S_pred + w`` with ``w`` in slots.
    dem_ptr, dem_res, dem_units : np.ndarray
        CSR resource demands per task: resource index and units (1.0 = full time).
    cap : np.ndarray
        Capacity per resource and slot, in units; zero on days off.

    Returns
    -------
    np.ndarray
        Start slot per task (int64), or -1 for every task when the profile is too short.

    Examples
    --------
    Two 2-slot tasks share one full-time person over 6 slots: the second waits.

    >>> i64 = lambda *v: np.array(v, dtype=np.int64)
    >>> no_links = (i64(0, 0, 0), i64(), i64())
    >>> demands = (i64(0, 1, 2), i64(0, 0), np.array([1.0, 1.0]))
    >>> forward_sgs(i64(0, 1), i64(2, 2), i64(0, 0), i64(-1, -1), *no_links, *demands,
    ...             np.ones((1, 6)))
    array([0, 2])
    >>> forward_sgs(i64(0, 1), i64(2, 2), i64(0, 0), i64(-1, -1), *no_links, *demands,
    ...             np.ones((1, 3)))
    array([-1, -1])
    """
    n = len(p)
    use = np.zeros(cap.shape)
    start = np.full(n, -1, dtype=np.int64)
    _place_fixed(use, start, fixed, p, dem_ptr, dem_res, dem_units)
    horizon = cap.shape[1]
    for j in order:
        if fixed[j] >= 0:
            continue
        t = lb[j]
        for e in range(pred_ptr[j], pred_ptr[j + 1]):
            t = max(t, start[pred_idx[e]] + pred_w[e])
        if dem_ptr[j + 1] > dem_ptr[j]:
            tau = t
            while tau < t + p[j]:
                if _conflict(use, cap, j, tau, dem_ptr, dem_res, dem_units):
                    t = tau + 1
                    if t + p[j] > horizon:
                        return np.full(n, -1, dtype=np.int64)
                tau += 1
        start[j] = t
        _book(use, j, t, p, dem_ptr, dem_res, dem_units)
    return start


@numba.njit(cache=True)
def backward_sgs(order: np.ndarray, p: np.ndarray, lb: np.ndarray, fixed: np.ndarray,
                 deadline: int, succ_ptr: np.ndarray, succ_idx: np.ndarray,
                 succ_w: np.ndarray, dem_ptr: np.ndarray, dem_res: np.ndarray,
                 dem_units: np.ndarray, cap: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Start slot per task: each as late as its successors, the deadline and capacity allow.

    ``order`` must list every task after all of its successors. Returns -1 for every
    task if some task would have to start before its lower bound.

    Parameters
    ----------
    order : np.ndarray
        Task indices, each after all its successors.
    p : np.ndarray
        Duration per task, in slots.
    lb : np.ndarray
        Earliest start slot per task; starting earlier fails the pass.
    fixed : np.ndarray
        Fixed start slot per task, -1 when levelling may move it.
    deadline : int
        Slot by which every task must finish.
    succ_ptr, succ_idx, succ_w : np.ndarray
        CSR links out of each task: ``S_succ >= S_j + w`` with ``w`` in slots.
    dem_ptr, dem_res, dem_units : np.ndarray
        CSR resource demands per task: resource index and units (1.0 = full time).
    cap : np.ndarray
        Capacity per resource and slot, in units; zero on days off.

    Returns
    -------
    np.ndarray
        Start slot per task (int64), or -1 for every task when one cannot fit.

    Examples
    --------
    The same two tasks as in :func:`forward_sgs`, packed against a deadline of slot 6:

    >>> i64 = lambda *v: np.array(v, dtype=np.int64)
    >>> no_links = (i64(0, 0, 0), i64(), i64())
    >>> demands = (i64(0, 1, 2), i64(0, 0), np.array([1.0, 1.0]))
    >>> backward_sgs(i64(0, 1), i64(2, 2), i64(0, 0), i64(-1, -1), 6, *no_links, *demands,
    ...              np.ones((1, 6)))
    array([4, 2])
    """
    n = len(p)
    use = np.zeros(cap.shape)
    start = np.full(n, -1, dtype=np.int64)
    _place_fixed(use, start, fixed, p, dem_ptr, dem_res, dem_units)
    for j in order:
        if fixed[j] >= 0:
            continue
        t = deadline - p[j]
        for e in range(succ_ptr[j], succ_ptr[j + 1]):
            t = min(t, start[succ_idx[e]] - succ_w[e])
        if dem_ptr[j + 1] > dem_ptr[j]:
            tau = t + p[j] - 1
            while tau >= t:
                if _conflict(use, cap, j, tau, dem_ptr, dem_res, dem_units):
                    t = tau - p[j]
                    if t < lb[j]:
                        return np.full(n, -1, dtype=np.int64)
                tau -= 1
        if t < lb[j]:
            return np.full(n, -1, dtype=np.int64)
        start[j] = t
        _book(use, j, t, p, dem_ptr, dem_res, dem_units)
    return start
