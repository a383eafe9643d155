"""A plan as a resource-constrained scheduling problem on integer time slots.

Levelling (heuristic and solver) works on whole slots: a slot is one working day, or a
half or quarter day when durations, lags or dates need it. Everything the two methods
share is built here once:

- leaf tasks only (summaries roll up afterwards), with durations ``p`` rounded up to
  slots and effective units (see :mod:`workbench.engine.resources.capacity`);
- links as ``S_j >= S_i + w`` with ``w`` rounded up, so every real link holds;
- lower bounds from the project start, SNET/FNET and from fixed predecessors;
- fixed tasks that levelling never moves: MSO/MFO-pinned tasks and tasks already in
  progress or done (``percent_complete > 0``), at their CPM start;
- capacity per resource and slot, zero on each resource's days off.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.levelling.sgs import activity_list, backward_sgs, forward_sgs
from workbench.engine.resources.capacity import assignment_units, capacity_profile, time_off_index
from workbench.engine.scheduling.compiled import CompiledPlan, compile_plan
from workbench.engine.scheduling.cpm import Passes, _early_bound, edge_weights, run_passes
from workbench.model.plan import Plan

#: Slot sizes tried, in slots per working day; the first that represents all times exactly.
RESOLUTIONS = (1, 2, 4)
_EPS = 1e-6


def _csr(owner: np.ndarray, n: int, *values: np.ndarray) -> tuple[np.ndarray, ...]:
    """Row pointers over ``n`` owners plus ``values`` sorted by owner."""
    order = np.argsort(owner, kind="stable")
    ptr = np.searchsorted(owner[order], np.arange(n + 1)).astype(np.int64)
    return (ptr, *(v[order] for v in values))


def _ceil(x: np.ndarray) -> np.ndarray:
    return np.ceil(np.asarray(x, dtype=np.float64) - _EPS).astype(np.int64)


def _capacity_slots(plan: Plan, net: CompiledPlan, q: int, horizon: int) -> np.ndarray:
    days = capacity_profile(plan, net.calendar, -(-horizon // q))
    return np.repeat(days, q, axis=1)[:, :horizon]


def _resolution(*times: np.ndarray) -> int:
    values = np.concatenate([np.ravel(t) for t in times])
    values = values[np.isfinite(values)]
    for q in RESOLUTIONS:
        if np.all(np.abs(values * q - np.round(values * q)) < _EPS):
            return q
    return RESOLUTIONS[-1]


@dataclass(frozen=True, eq=False)
class SlotProblem:
    """The arrays levelling works on (task index = position among the plan's leaves).

    Attributes
    ----------
    plan : Plan
        The plan with levelling delays cleared (levelling always starts afresh).
    net : CompiledPlan
        ``compile_plan(plan)``.
    cpm : Passes
        Its CPM passes (the unlevelled schedule).
    leaf : np.ndarray
        Plan positions of the leaf tasks.
    q : int
        Slots per working day.
    p, lb, fixed : np.ndarray
        Duration, lower bound and fixed start (-1 when free) in slots.
    pred_ptr, pred_idx, pred_w : np.ndarray
        Links into each task (CSR by successor), ``S_j >= S_i + w``.
    succ_ptr, succ_idx, succ_w : np.ndarray
        The same links by predecessor.
    dem_ptr, dem_res, dem_units : np.ndarray
        Resource demands per task (CSR); resources by plan position.
    cap : np.ndarray
        Capacity per resource and slot.
    edge_src, edge_dst, edge_w, edge_w_real : np.ndarray
        The links between leaves, in slots and in working days (unrounded).
    lb_real, fixed_real, duration : np.ndarray
        Lower bounds, fixed starts (NaN when free) and durations in working days.
    priority : np.ndarray
        The plan's priority per task (higher goes first).
    """

    plan: Plan
    net: CompiledPlan
    cpm: Passes
    leaf: np.ndarray
    q: int
    p: np.ndarray
    lb: np.ndarray
    fixed: np.ndarray
    pred_ptr: np.ndarray
    pred_idx: np.ndarray
    pred_w: np.ndarray
    succ_ptr: np.ndarray
    succ_idx: np.ndarray
    succ_w: np.ndarray
    dem_ptr: np.ndarray
    dem_res: np.ndarray
    dem_units: np.ndarray
    cap: np.ndarray
    edge_src: np.ndarray
    edge_dst: np.ndarray
    edge_w: np.ndarray
    edge_w_real: np.ndarray
    lb_real: np.ndarray
    fixed_real: np.ndarray
    duration: np.ndarray
    priority: np.ndarray

    @property
    def m(self) -> int:
        """Number of tasks (leaves)."""
        return len(self.p)

    @property
    def horizon(self) -> int:
        """Number of slots in the capacity profile."""
        return self.cap.shape[1]

    def forward(self, order: np.ndarray, cap: np.ndarray | None = None) -> np.ndarray:
        """Serial SGS in list order (see :func:`workbench.engine.levelling.sgs.forward_sgs`).

        Parameters
        ----------
        order : np.ndarray
            Leaf task indices, each after all its predecessors (see :meth:`forward_list`).
        cap : np.ndarray, optional
            Capacity per resource and slot to schedule against; default this problem's.

        Returns
        -------
        np.ndarray
            Start slot per leaf task, each as early as links and free capacity allow; -1 for
            every task when some task finds no room within the horizon.
        """
        return forward_sgs(order, self.p, self.lb, self.fixed, self.pred_ptr, self.pred_idx,
                           self.pred_w, self.dem_ptr, self.dem_res, self.dem_units,
                           self.cap if cap is None else cap)

    def backward(self, order: np.ndarray, deadline: int,
                 cap: np.ndarray | None = None) -> np.ndarray:
        """Serial SGS backwards against ``deadline`` (see :func:`.sgs.backward_sgs`).

        Parameters
        ----------
        order : np.ndarray
            Leaf task indices, each after all its successors (see :meth:`backward_list`).
        deadline : int
            Slot by which every task must finish (usually the current project length).
        cap : np.ndarray, optional
            Capacity per resource and slot; default this problem's.

        Returns
        -------
        np.ndarray
            Start slot per leaf task, each as late as successors, the deadline and capacity
            allow; -1 for every task when some task would start before its lower bound.
        """
        return backward_sgs(order, self.p, self.lb, self.fixed, deadline, self.succ_ptr,
                            self.succ_idx, self.succ_w, self.dem_ptr, self.dem_res,
                            self.dem_units, self.cap if cap is None else cap)

    def forward_list(self, key: np.ndarray) -> np.ndarray:
        """Tasks by ascending ``key``, each after its predecessors.

        Parameters
        ----------
        key : np.ndarray
            Priority key per leaf task; lower goes first.

        Returns
        -------
        np.ndarray
            Every leaf task index once, in key order as far as precedence allows.
        """
        return activity_list(key, self.pred_ptr, self.pred_idx, self.succ_ptr, self.succ_idx)

    def backward_list(self, key: np.ndarray) -> np.ndarray:
        """Tasks by ascending ``key``, each after its successors.

        Parameters
        ----------
        key : np.ndarray
            Priority key per leaf task; lower goes first (pass minus the finish slots to list
            the latest-finishing tasks first).

        Returns
        -------
        np.ndarray
            Every leaf task index once, each after all of its successors.
        """
        return activity_list(key, self.succ_ptr, self.succ_idx, self.pred_ptr, self.pred_idx)

    @property
    def demand_owner(self) -> np.ndarray:
        """The task of each demand entry."""
        return np.repeat(np.arange(self.m), np.diff(self.dem_ptr))

    def usage(self, start: np.ndarray, tasks: np.ndarray | None = None) -> np.ndarray:
        """Units booked per resource and slot by a schedule (or some of its tasks).

        Difference arrays: one ``+units`` at each start, ``-units`` at each finish, and
        a cumulative sum per resource.

        Parameters
        ----------
        start : np.ndarray
            Start slot per leaf task.
        tasks : np.ndarray of bool, optional
            Mask of the leaf tasks to count; default all of them.

        Returns
        -------
        np.ndarray
            Booked units (1.0 = one full-time person) per resource (plan order) and slot,
            shape ``(resources, horizon)``; compare with :attr:`cap` to find overloads.
        """
        owner = self.demand_owner
        keep = np.ones(len(owner), dtype=bool) if tasks is None else tasks[owner]
        owner, res, units = owner[keep], self.dem_res[keep], self.dem_units[keep]
        diff = np.zeros((self.cap.shape[0], self.horizon + 1))
        first = np.clip(start[owner], 0, self.horizon)
        np.add.at(diff, (res, first), units)
        np.add.at(diff, (res, np.clip(start[owner] + self.p[owner], 0, self.horizon)), -units)
        return np.cumsum(diff, axis=1)[:, :self.horizon]

    def makespan(self, start: np.ndarray) -> int:
        """Last finish slot of a schedule.

        Parameters
        ----------
        start : np.ndarray
            Start slot per leaf task.

        Returns
        -------
        int
            The latest finish slot (start plus duration), i.e. the project length in slots;
            0 for a plan without leaf tasks.
        """
        return int((start + self.p).max()) if self.m else 0

    def widen(self) -> SlotProblem:
        """The same problem with twice as many slots of capacity profile."""
        return dataclasses.replace(
            self, cap=_capacity_slots(self.plan, self.net, self.q, 2 * self.horizon))

    @functools.cached_property
    def bound(self) -> int:
        """Makespan of the CPM in slots: no levelled schedule is shorter."""
        return self.makespan(self.unconstrained()[0])

    def unconstrained(self) -> tuple[np.ndarray, np.ndarray]:
        """Early and late start slots ignoring capacity (the CPM in slots)."""
        unlimited = np.full((self.cap.shape[0], self.horizon), np.inf)
        early = self.forward(self.forward_list(np.zeros(self.m)), unlimited)
        late = self.backward(self.backward_list(np.zeros(self.m)), self.makespan(early),
                             unlimited)
        return early, late


def slot_problem(plan: Plan) -> SlotProblem:
    """Build the levelling problem of a plan.

    Parameters
    ----------
    plan : Plan
        A validated plan; any ``level_delay`` already in it is cleared first, so
        levelling always starts from the unlevelled schedule.

    Returns
    -------
    SlotProblem
        The leaf tasks as integer slots (``q`` slots per working day, the coarsest of 1,
        2 or 4 that represents every duration, lag and date exactly), with links, fixed
        tasks, resource demands and capacity per slot.

    Examples
    --------
    >>> import workbench
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> prob.q, prob.m, int((prob.fixed >= 0).sum())
    (1, 40, 12)
    """
    if (plan.tasks["level_delay"] > 0).any():
        plan = plan.replace(tasks=plan.tasks.assign(level_delay=0.0))
    net = compile_plan(plan)
    cpm = run_passes(net)
    leaf = np.flatnonzero(net.is_leaf)
    m = len(leaf)
    local = np.full(net.n, -1, dtype=np.int64)
    local[leaf] = np.arange(m)
    d = net.duration[leaf]
    started = plan.tasks["percent_complete"].to_numpy(dtype=np.float64)[leaf] > 0
    fixed_mask = net.pinned[leaf] | started
    fixed_real = np.where(fixed_mask, cpm.early_start[leaf], np.nan)
    lb_real = _early_bound(net, net.duration)[leaf]
    w_all = edge_weights(net, net.duration)
    src, dst = local[net.src], local[net.dst]
    keep = ~fixed_mask[dst]
    src, dst, w_real = src[keep], dst[keep], w_all[keep]

    q = _resolution(d, w_real, lb_real, fixed_real)
    p = _ceil(d * q)
    fixed = np.full(m, -1, dtype=np.int64)
    fixed[fixed_mask] = np.floor(fixed_real[fixed_mask] * q + _EPS).astype(np.int64)
    p[fixed_mask] = _ceil((fixed_real[fixed_mask] + d[fixed_mask]) * q) - fixed[fixed_mask]
    w = _ceil(w_real * q)
    lb = _ceil(lb_real * q)
    from_fixed = fixed_mask[src]
    np.maximum.at(lb, dst[from_fixed], fixed[src[from_fixed]] + w[from_fixed])
    lb[fixed_mask] = fixed[fixed_mask]

    assignments = plan.assignments
    a_task = local[pd.Index(net.ids).get_indexer(assignments["task"])] if len(
        assignments) else np.zeros(0, dtype=np.int64)
    a_res = pd.Index(plan.resources["id"]).get_indexer(assignments["resource"])
    a_units = assignment_units(plan)
    use = (a_task >= 0) & (a_units > 0)
    use[use] &= p[a_task[use]] > 0
    dem_ptr, dem_res, dem_units = _csr(a_task[use], m, a_res[use].astype(np.int64),
                                       a_units[use])
    pred_ptr, pred_idx, pred_w = _csr(dst, m, src, w)
    succ_ptr, succ_idx, succ_w = _csr(src, m, dst, w)

    # Everything before ``settled`` is fixed by bounds, pinned work or days off; after
    # it, three critical paths' worth of slots is room enough for most plans, and
    # :meth:`SlotProblem.widen` doubles it for the rest.
    fixed_end = int((fixed + p)[fixed_mask].max()) if fixed_mask.any() else 0
    _, off_day = time_off_index(plan, net.calendar)
    settled = max(int(lb.max()) if m else 0, fixed_end,
                  (int(off_day.max()) + 1) * q if off_day.size else 0)
    cpm_slots = int(np.ceil(float(cpm.project_end) * q - _EPS)) if m else 0
    horizon = settled + 3 * cpm_slots + 16
    cap = _capacity_slots(plan, net, q, horizon)
    priority = plan.tasks["priority"].to_numpy(dtype=np.float64)[leaf]
    return SlotProblem(
        plan=plan, net=net, cpm=cpm, leaf=leaf, q=q, p=p, lb=lb, fixed=fixed,
        pred_ptr=pred_ptr, pred_idx=pred_idx, pred_w=pred_w,
        succ_ptr=succ_ptr, succ_idx=succ_idx, succ_w=succ_w,
        dem_ptr=dem_ptr, dem_res=dem_res, dem_units=dem_units, cap=cap,
        edge_src=src, edge_dst=dst, edge_w=w, edge_w_real=w_real, lb_real=lb_real,
        fixed_real=fixed_real, duration=d, priority=priority,
    )
