"""Critical path method on a compiled plan: forward and backward passes level by level.

The passes loop over topological levels, never over tasks: for each level all edges
into (forward) or out of (backward) that level's tasks are evaluated with array
operations and reduced per task (``ufunc.at`` for one set of durations, round by round
over each written task's edges for many; see ``LevelEdges.rounds``).

Durations may be shape ``(n,)`` or ``(n, k)``: with ``k`` columns the same passes
schedule ``k`` duration samples at once (Monte Carlo), and every result gains the
same trailing axis.

Constraints (see :mod:`workbench.engine.scheduling.compiled` for the codes):

- SNET / FNET raise the early start's lower bound; MSO / MFO pin early and late
  dates (their incoming links are ignored forward, outgoing ones backward, so a
  conflict shows as negative float on the predecessors, as in MS Project);
- SNLT / FNLT and deadlines only lower the late dates, so a conflict shows as
  negative total float;
- nothing starts before the project start (ES >= 0);
- a levelling delay ``δ_j`` holds a task back after its predecessors and constraints
  allow it: ``ES_j = max(bound_j, max_i ES_i + w_ij) + δ_j``. It is folded into the
  task's early bound and into the weights of the edges into it, so the passes
  themselves need no special case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.engine.scheduling.compiled import (
    FNET,
    FNLT,
    MFO,
    MSO,
    SNET,
    SNLT,
    CompiledPlan,
    LevelEdges,
)


@dataclass(frozen=True)
class Passes:
    """Offsets (working days from the project start) from both CPM passes.

    All arrays are over task positions, shape ``(n,)`` or ``(n, k)``; summary rows
    are rolled up from their leaves. ``project_end`` is a scalar or shape ``(k,)``.
    """

    duration: np.ndarray
    early_start: np.ndarray
    early_finish: np.ndarray
    late_start: np.ndarray
    late_finish: np.ndarray
    total_float: np.ndarray
    free_float: np.ndarray
    project_end: np.ndarray


def _column(values: np.ndarray, like: np.ndarray) -> np.ndarray:
    """Reshape a per-edge or per-task vector to broadcast against ``like``."""
    return values.reshape(values.shape + (1,) * (like.ndim - 1))


def edge_weights(net: CompiledPlan, duration: np.ndarray) -> np.ndarray:
    """Per edge ``w`` such that the link reads ``ES_j >= ES_i + w`` (and ``LS_i <= LS_j - w``).

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2}],
    ...                   links=[{"from": "A", "to": "B", "type": "FF", "lag": 1}])
    >>> net = compile_plan(plan)
    >>> edge_weights(net, net.duration).tolist()
    [2.0]
    """
    d = duration
    # A levelling delay on a task lengthens every link into it.
    lag_total = net.lag + net.level_delay[net.dst]
    if d.ndim == 1:
        a, b, lag = (v.astype(d.dtype, copy=False)
                     for v in (net.from_finish, net.to_finish, lag_total))
        return a * d[net.src] + lag - b * d[net.dst]
    # Many columns (Monte Carlo): touch only the edges each term applies to, which
    # halves the memory traffic of the dense formula above on (edges, k) arrays.
    w = d[net.src]
    starts = np.flatnonzero(net.from_finish == 0)
    w[starts] = 0
    lagged = np.flatnonzero(lag_total)
    w[lagged] += _column(lag_total[lagged].astype(d.dtype), d)
    finishes = np.flatnonzero(net.to_finish)
    w[finishes] -= d[net.dst[finishes]]
    return w


def forward_pass(net: CompiledPlan, duration: np.ndarray,
                 weights: np.ndarray | None = None) -> np.ndarray:
    """Early start offsets of every leaf (summaries get 0; roll them up separately).

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2}],
    ...                   links=[{"from": "A", "to": "B", "lag": -1}])
    >>> net = compile_plan(plan)
    >>> forward_pass(net, net.duration).tolist()
    [0.0, 2.0]
    """
    d = duration
    w = edge_weights(net, d) if weights is None else weights
    es = _early_bound(net, d)
    _relax(es, net.forward, w, np.maximum, sign=1.0)
    return es


def backward_pass(net: CompiledPlan, duration: np.ndarray, project_end: np.ndarray,
                  weights: np.ndarray | None = None) -> np.ndarray:
    """Late start offsets of every leaf, given the project end (scalar or per column).

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2},
    ...                          {"id": "C", "duration": 7}],
    ...                   links=[{"from": "A", "to": "B"}])
    >>> net = compile_plan(plan)
    >>> backward_pass(net, net.duration, 7.0).tolist()
    [2.0, 5.0, 0.0]
    """
    d = duration
    w = edge_weights(net, d) if weights is None else weights
    ls = _late_bound(net, d, project_end)
    _relax(ls, net.backward, w, np.minimum, sign=-1.0)
    return ls


def _relax(start: np.ndarray, groups: LevelEdges, w: np.ndarray, ufunc: np.ufunc,
           sign: float) -> None:
    """Tighten ``start`` in place along the edges, one level at a time."""
    if start.ndim == 1:
        w = w[groups.edge] * sign
        read, write = groups.read, groups.write
        for e0, e1 in groups.bounds:
            ufunc.at(start, write[e0:e1], start[read[e0:e1]] + w[e0:e1])
        return
    shift = np.add if sign > 0 else np.subtract
    for edges, reads, tasks, first, more in groups.rounds:
        candidate = shift(start[reads], w[edges])
        best = candidate[first]
        for slot, position in more:
            best[slot] = ufunc(best[slot], candidate[position])
        start[tasks] = ufunc(start[tasks], best)


def _reduce_into(out: np.ndarray, index: np.ndarray, values: np.ndarray,
                 ufunc: np.ufunc) -> None:
    """``ufunc.at(out, index, values)``, via sort + reduceat for 2-D arrays."""
    if out.ndim == 1:
        ufunc.at(out, index, values)
        return
    if len(index) == 0:
        return
    order = np.argsort(index, kind="stable")
    index = index[order]
    first = np.ones(len(index), dtype=bool)
    first[1:] = index[1:] != index[:-1]
    starts = np.flatnonzero(first)
    tasks = index[starts]
    out[tasks] = ufunc(out[tasks], ufunc.reduceat(values[order], starts, axis=0))


def _early_bound(net: CompiledPlan, d: np.ndarray) -> np.ndarray:
    """Lowest early start per task before links: 0, SNET, FNET, plus any levelling
    delay; pinned MSO/MFO."""
    c, at = net.constraint, net.constraint_offset
    bound = np.zeros(d.shape, dtype=d.dtype)
    snet = np.flatnonzero((c == SNET) | (c == MSO))
    bound[snet] = np.maximum(_column(at[snet], d), 0)
    fnet = np.flatnonzero((c == FNET) | (c == MFO))
    bound[fnet] = np.maximum(_column(at[fnet], d) - d[fnet], 0)
    delayed = np.flatnonzero(net.level_delay)
    bound[delayed] += _column(net.level_delay[delayed].astype(d.dtype), d)
    return bound


def _late_bound(net: CompiledPlan, d: np.ndarray, project_end: np.ndarray) -> np.ndarray:
    """Highest late start per task before links: project end, SNLT/FNLT, deadlines, pins."""
    c, at = net.constraint, net.constraint_offset
    ls = np.asarray(project_end, dtype=d.dtype) - d
    start_cap = np.flatnonzero(c == SNLT)
    ls[start_cap] = np.minimum(ls[start_cap], _column(at[start_cap], d))
    finish_cap = np.flatnonzero(c == FNLT)
    ls[finish_cap] = np.minimum(ls[finish_cap], _column(at[finish_cap], d) - d[finish_cap])
    due = np.flatnonzero(~np.isnan(net.leaf_deadline))
    ls[due] = np.minimum(ls[due], _column(net.leaf_deadline[due], d) - d[due])
    # A pinned task's late start is its (pinned) early start.
    pinned = np.flatnonzero(net.pinned)
    ls[pinned] = _early_bound(net, d)[pinned]
    return ls


def free_float(net: CompiledPlan, es: np.ndarray, weights: np.ndarray,
               project_end: np.ndarray, duration: np.ndarray,
               total_float: np.ndarray) -> np.ndarray:
    """Slack to the nearest successor on early dates (project end minus EF without one),
    never more than the task's total float.

    A deadline or a finish constraint on the task, or a late successor's, lowers total
    float but not the gaps on early dates: as in MS Project, free float is then capped
    by total float (and is negative with it).

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2},
    ...                          {"id": "C", "duration": 7}],
    ...                   links=[{"from": "A", "to": "B"}])
    >>> net = compile_plan(plan)
    >>> passes = run_passes(net)
    >>> passes.free_float.tolist()
    [0.0, 2.0, 0.0]
    """
    ff = np.asarray(project_end, dtype=es.dtype) - (es + duration)
    if len(net.src):
        slack = es[net.dst] - es[net.src] - weights
        has_successor = np.zeros(len(es), dtype=bool)
        has_successor[net.src] = True
        ff[has_successor] = np.inf
        _reduce_into(ff, net.src, slack, np.minimum)
    return np.minimum(ff, total_float)


def roll_up(net: CompiledPlan, values: np.ndarray, ufunc: np.ufunc) -> np.ndarray:
    """Set each summary row to ``ufunc`` (min or max) over the leaves below it.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "S"}, {"id": "A", "parent": "S", "duration": 3},
    ...                          {"id": "B", "parent": "S", "duration": 2}])
    >>> roll_up(compile_plan(plan), np.array([0.0, 3.0, 2.0]), np.maximum).tolist()
    [3.0, 3.0, 2.0]
    """
    out = values.copy()
    if len(net.rollup_summary):
        summary = np.flatnonzero(net.is_summary)
        out[summary] = _identity(ufunc, out.dtype)
        _reduce_into(out, net.rollup_summary, values[net.rollup_leaf], ufunc)
    return out


def _identity(ufunc: np.ufunc, dtype: np.dtype) -> float | int:
    """The start value of a min/max reduction in ``dtype``."""
    info = np.iinfo(dtype) if np.issubdtype(dtype, np.integer) else np.finfo(dtype)
    return info.max if ufunc is np.minimum else info.min


def _float_of_remaining_work(net: CompiledPlan, values: np.ndarray) -> np.ndarray:
    """Leaf floats rolled up to summaries (min), with none (NaN) on completed work.

    Completed work cannot slip any more, so it has no float (as in Primavera P6) and
    is never critical; a summary's float is that of its remaining work, NaN when all
    of it is done.
    """
    if not net.done.any():
        return roll_up(net, values, np.minimum)
    values = values.copy()
    values[net.done] = np.inf
    out = roll_up(net, values, np.minimum)
    remaining = roll_up(net, (~net.done).astype(np.int8), np.maximum).astype(bool)
    out[~remaining] = np.nan
    return out


def run_passes(net: CompiledPlan, duration: np.ndarray | None = None) -> Passes:
    """Both passes, floats and the WBS roll-up for one or ``k`` sets of durations.

    Parameters
    ----------
    net : CompiledPlan
        From :func:`workbench.engine.scheduling.compiled.compile_plan`.
    duration : np.ndarray, optional
        Shape ``(n,)`` or ``(n, k)`` (float64 or float32); defaults to the plan's.
        Summary rows are ignored.

    Returns
    -------
    Passes

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 2}],
    ...                   links=[{"from": "A", "to": "B"}])
    >>> net = compile_plan(plan)
    >>> run_passes(net).project_end
    np.float64(5.0)
    >>> run_passes(net, np.array([[3.0, 4.0], [2.0, 2.0]])).project_end.tolist()
    [5.0, 6.0]
    """
    d = net.duration if duration is None else np.asarray(duration)
    if not np.issubdtype(d.dtype, np.floating):
        d = d.astype(np.float64)
    if net.is_summary.any():
        d = d.copy()
        d[net.is_summary] = 0
    w = edge_weights(net, d)
    es = forward_pass(net, d, w)
    ef = es + d
    leaf = net.is_leaf
    if leaf.any():
        project_end = ef[leaf].max(axis=0)
    else:
        project_end = np.zeros(d.shape[1:], dtype=d.dtype)[()]
    ls = backward_pass(net, d, project_end, w)
    lf = ls + d
    tf = ls - es
    ff = free_float(net, es, w, project_end, d, tf)
    es, ls = roll_up(net, es, np.minimum), roll_up(net, ls, np.minimum)
    ef, lf = roll_up(net, ef, np.maximum), roll_up(net, lf, np.maximum)
    # A summary's float is its tightest descendant's, not LS - ES of the roll-up.
    tf, ff = _float_of_remaining_work(net, tf), _float_of_remaining_work(net, ff)
    if net.is_summary.any():
        d = np.where(_column(net.is_summary, d), ef - es, d)
    return Passes(d, es, ef, ls, lf, tf, ff, project_end)
