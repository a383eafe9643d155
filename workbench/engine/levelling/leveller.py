"""``level(plan)``: a schedule that never books a resource above its capacity.

Levelling delays tasks (never splits or stretches them) until, on every working day,
each resource's booked units fit its capacity (zero on its days off). Links with
their lags, date constraints and the calendar keep holding: the result is the CPM
schedule of the plan with a ``level_delay`` per task, the working days levelling holds
the task back after its predecessors and constraints allow it (as MS Project's
levelling delay). MSO/MFO-pinned tasks and tasks already in progress or done are
never moved.

Two methods share the same problem (:mod:`workbench.engine.levelling.problem`):

- ``"heuristic"`` (:mod:`workbench.engine.levelling.heuristic`): fast, seeded, for live use;
- ``"optimal"`` (:mod:`workbench.engine.levelling.cpsat`): OR-Tools CP-SAT with a time limit,
  warm-started from the heuristic; needs the ``workbench[solver]`` extra.

Columns of ``LevelledSchedule.delays`` (one row per task that moved, by id):

{columns}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from workbench.engine.columns import DELAY_COLUMNS, bullet_list
from workbench.engine.levelling.heuristic import level_starts
from workbench.engine.levelling.problem import SlotProblem, slot_problem
from workbench.engine.scheduling.defaults import SEED
from workbench.engine.scheduling.scheduler import Schedule, schedule
from workbench.model.arguments import expect_plan
from workbench.model.errors import PlanError, Problem
from workbench.model.plan import Plan

Method = Literal["heuristic", "optimal"]


__doc__ = __doc__.format(columns=bullet_list(DELAY_COLUMNS))

_EPS = 1e-6


@dataclass(frozen=True, eq=False)
class LevelledSchedule(Schedule):
    """A levelled schedule: a :class:`Schedule` of the levelled plan, plus what it did.

    Attributes
    ----------
    plan : Plan
        The plan with ``tasks.level_delay`` set; applying it keeps the levelling.
    unlevelled : Schedule
        The schedule before levelling (delays cleared).
    delays : pd.DataFrame
        Why each moved task moved, indexed by id; columns in ``DELAY_COLUMNS``.
    method : str
        ``"heuristic"`` or ``"optimal"``.
    proven_optimal : bool
        The finish cannot be earlier (solver proof, or it meets the lower bound).
    lower_bound : float
        Working days no levelled schedule can beat (critical path, or the solver's bound).
    gap : float
        ``(length - lower_bound) / length``; 0 when proven optimal.
    """

    unlevelled: Schedule
    delays: pd.DataFrame
    method: str
    proven_optimal: bool
    lower_bound: float
    gap: float

    def __repr__(self) -> str:
        return (f"LevelledSchedule({self.method}, {self.unlevelled.length:g} -> "
                f"{self.length:g} working days, {len(self.delays)} tasks moved)")


def _real_holds(prob: SlotProblem, start_slot: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Real start offsets, and the hold of each task after its predecessors/constraints."""
    fixed = prob.fixed >= 0
    start = np.where(fixed, prob.fixed_real, start_slot / prob.q)
    bound = prob.lb_real.copy()
    np.maximum.at(bound, prob.edge_dst, start[prob.edge_src] + prob.edge_w_real)
    hold = np.where(fixed, 0.0, start - bound)
    hold[np.abs(hold) < _EPS] = 0.0
    return start, np.maximum(hold, 0.0)


def explain(prob: SlotProblem, start_slot: np.ndarray, levelled: Schedule) -> pd.DataFrame:
    """Per task that moved: how far, and which resources and tasks made it move.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    start_slot : np.ndarray
        The levelled start slot of each task.
    levelled : Schedule
        The schedule of the levelled plan.

    Returns
    -------
    pd.DataFrame
        Columns ``DELAY_COLUMNS``, indexed by task id, in plan order.
    """
    ids = prob.net.ids[prob.leaf]
    real_start, hold = _real_holds(prob, start_slot)
    delay = levelled.tasks["start_offset"].to_numpy()[prob.leaf] - prob.cpm.early_start[prob.leaf]
    moved = np.flatnonzero(delay > _EPS)
    resources = prob.plan.resources
    res_ids = resources["id"].to_numpy(dtype=object)
    role_of = dict(zip(res_ids, resources["role"], strict=True))
    use = prob.usage(start_slot)
    owner = prob.demand_owner
    rows = []
    for j in moved:
        t1 = int(start_slot[j])
        t0 = t1 - int(round(hold[j] * prob.q))
        busy, blockers = [], []
        for e in range(prob.dem_ptr[j], prob.dem_ptr[j + 1]):
            r, u = prob.dem_res[e], prob.dem_units[e]
            clash = np.flatnonzero(use[r, t0:t1] + u > prob.cap[r, t0:t1] + 1e-9) + t0
            if clash.size == 0:
                continue
            busy.append(str(res_ids[r]))
            on_r = owner[(prob.dem_res == r) & (owner != j)]
            overlap = on_r[(start_slot[on_r] <= clash.max())
                           & (start_slot[on_r] + prob.p[on_r] > clash.min())]
            blockers += [str(ids[k]) for k in overlap]
            if (prob.cap[r, clash] <= 1e-9).any():
                blockers.append(f"{res_ids[r]}'s time off")
        preds = prob.edge_src[prob.edge_dst == j]
        w = prob.edge_w_real[prob.edge_dst == j]
        binding = preds[np.abs(real_start[preds] + w - (real_start[j] - hold[j])) < _EPS]
        pushers = [str(ids[i]) for i in binding if delay[i] > _EPS]
        held, pushed = float(hold[j]), float(delay[j] - hold[j])
        parts = []
        if held > _EPS:
            who = ", ".join(f"{r} ({role_of[r] or 'resource'})" for r in busy) or "a resource"
            parts.append(f"waited {held:g} d for {who}"
                         + (f", busy with {', '.join(dict.fromkeys(blockers))}"
                            if blockers else ""))
        if pushed > _EPS:
            parts.append(f"pushed {pushed:g} d by {', '.join(pushers) or 'its predecessors'}")
        rows.append({"id": ids[j], "name": prob.plan.tasks["name"].iat[prob.leaf[j]],
                     "delay": float(delay[j]), "held": held, "pushed": pushed,
                     "resources": ", ".join(busy),
                     "blocking_tasks": ", ".join(dict.fromkeys(blockers)),
                     "pushed_by": ", ".join(pushers), "reason": "; ".join(parts)})
    frame = pd.DataFrame(rows, columns=["id", *DELAY_COLUMNS])
    return frame.set_index("id").astype({c: object for c in ("name", "resources",
                                                               "blocking_tasks", "pushed_by",
                                                               "reason")})


def assemble(prob: SlotProblem, start_slot: np.ndarray, method: str, proven: bool,
             lower_bound_slots: float) -> LevelledSchedule:
    """The levelled plan, its schedule and the delay explanations from start slots."""
    _, hold = _real_holds(prob, start_slot)
    level_delay = np.zeros(prob.net.n)
    level_delay[prob.leaf] = hold
    # Only level_delay changes, to values >= 0 computed here: the plan stays valid, so
    # it is not validated again (that would cost more than levelling on large plans).
    plan = Plan(prob.plan.project, {**prob.plan.tables,
                                    "tasks": prob.plan.tasks.assign(level_delay=level_delay)})
    levelled = schedule(plan)
    unlevelled = schedule(prob.plan, compiled=prob.net)
    lower = lower_bound_slots / prob.q
    proven = proven or levelled.length <= lower + _EPS
    gap = 0.0 if proven or levelled.length <= 0 else (levelled.length - lower) / levelled.length
    return LevelledSchedule(
        plan=plan, tasks=levelled.tasks, start=levelled.start, finish=levelled.finish,
        length=levelled.length, critical_path=levelled.critical_path,
        unlevelled=unlevelled, delays=explain(prob, start_slot, levelled), method=method,
        proven_optimal=bool(proven), lower_bound=float(lower), gap=float(gap),
    )


def level(plan: Plan, method: Method = "heuristic", *, seed: int = SEED,
          iterations: int | None = None, time_limit: float = 10.0,
          workers: int = 2) -> LevelledSchedule:
    """Level a plan: delay tasks until no resource is booked above its capacity.

    Parameters
    ----------
    plan : Plan
        A validated plan; any ``level_delay`` already in it is cleared first.
    method : {"heuristic", "optimal"}
        ``"heuristic"`` for live use; ``"optimal"`` runs OR-Tools CP-SAT for up to
        ``time_limit`` seconds, warm-started from the heuristic.
    seed : int
        Seed of the heuristic's sampling (and the solver's).
    iterations : int, optional
        Schedules the heuristic samples; default by plan size.
    time_limit : float
        Seconds the solver may run (``"optimal"`` only).
    workers : int
        Solver threads (``"optimal"`` only).

    Returns
    -------
    LevelledSchedule
        Its ``plan`` carries the delays; ``delays`` explains each moved task.

    Raises
    ------
    PlanError
        For an unknown method, or ``"optimal"`` without OR-Tools installed (naming the
        ``workbench[solver]`` extra).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> levelled = workbench.level(plan)
    >>> daily = workbench.loading(levelled, freq="D")
    >>> ahead = daily[daily["period"] > pd.Timestamp(plan.project.status_date)]
    >>> int(ahead["overallocated"].sum()), levelled.unlevelled.length, levelled.length
    (0, 164.0, 181.0)
    >>> levelled.delays.loc["T10", "reason"]
    'waited 3 d for R6 (Data engineer), busy with T8; pushed 5 d by T9'
    """
    plan = expect_plan(plan)
    if method not in ("heuristic", "optimal"):
        raise PlanError(Problem("level", None, "method",
                                f"must be 'heuristic' or 'optimal', got {method!r}"))
    prob, start = level_starts(slot_problem(plan), iterations=iterations, seed=seed)
    bound = prob.bound
    if method == "heuristic":
        return assemble(prob, start, "heuristic", False, bound)
    from workbench.engine.levelling.cpsat import solve

    result = solve(prob, hint=start, time_limit=time_limit, workers=workers, seed=seed)
    return assemble(prob, result.start, "optimal", result.optimal, max(bound, result.bound))
