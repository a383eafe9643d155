"""The optimal levelling mode: the slot problem as an OR-Tools CP-SAT model.

One interval variable per task (start in slots, fixed length), one cumulative
constraint per resource (units scaled to integers; days off as fixed intervals that
take the whole capacity), precedence with lags as linear inequalities, and the
makespan to minimise. The heuristic's schedule is the hint (warm start), so the
solver's answer is never worse. Its starts are then left-justified with the serial
SGS, which can only move tasks earlier.

OR-Tools is an optional extra: ``pip install "workbench[solver]"``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.engine.heuristic import justify
from workbench.engine.slots import SlotProblem
from workbench.model.errors import PlanError, Problem

#: Units are scaled by this to integers for the cumulative constraints.
UNIT_SCALE = 100


@dataclass(frozen=True)
class SolverResult:
    """What CP-SAT returned.

    Attributes
    ----------
    start : np.ndarray
        Start slot per task.
    optimal : bool
        The solver proved the makespan optimal.
    bound : float
        The solver's lower bound on the makespan, in slots.
    status : str
        CP-SAT status name (``OPTIMAL``, ``FEASIBLE``, ...).
    """

    start: np.ndarray
    optimal: bool
    bound: float
    status: str


def _import_cp_model():
    try:
        from ortools.sat.python import cp_model
    except ImportError:
        raise PlanError(Problem(
            "level", None, "method",
            "'optimal' needs OR-Tools: install the solver extra with "
            "pip install \"workbench[solver]\"")) from None
    return cp_model


def _constant_runs(values: np.ndarray) -> list[tuple[int, int, int]]:
    """``(start, length, value)`` of each run of one non-zero value."""
    change = np.flatnonzero(np.diff(values) != 0) + 1
    starts = np.r_[0, change]
    lengths = np.diff(np.r_[starts, len(values)])
    return [(int(s), int(n), int(values[s])) for s, n in zip(starts, lengths, strict=True)
            if values[s] > 0]


def solve(prob: SlotProblem, hint: np.ndarray, time_limit: float = 10.0, workers: int = 2,
          seed: int = 0) -> SolverResult:
    """Minimise the makespan of the slot problem with CP-SAT.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    hint : np.ndarray
        A feasible schedule (start slots), used as the warm start and as the fallback.
    time_limit : float
        Seconds the solver may run.
    workers : int
        Solver threads.
    seed : int
        The solver's random seed.

    Returns
    -------
    SolverResult

    Raises
    ------
    PlanError
        When OR-Tools is not installed, naming the ``workbench[solver]`` extra.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.slots import slot_problem
    >>> from workbench.engine.heuristic import level_starts
    >>> prob, start = level_starts(slot_problem(
    ...     workbench.load_plan(workbench.sample_plan_path())), iterations=5)
    >>> result = solve(prob, start, time_limit=5)
    >>> result.status, prob.makespan(result.start) >= result.bound
    ('OPTIMAL', True)
    """
    cp_model = _import_cp_model()
    model = cp_model.CpModel()
    horizon = prob.makespan(hint)  # the hint is feasible: nothing needs to end later
    fixed = prob.fixed >= 0
    starts, intervals = [], []
    for j in range(prob.m):
        if fixed[j]:
            s = model.new_constant(int(prob.fixed[j]))
        else:
            s = model.new_int_var(int(prob.lb[j]), horizon - int(prob.p[j]), f"s{j}")
            model.add_hint(s, int(hint[j]))
        starts.append(s)
        intervals.append(model.new_fixed_size_interval_var(s, int(prob.p[j]), f"i{j}"))
    for i, j, w in zip(prob.edge_src.tolist(), prob.edge_dst.tolist(), prob.edge_w.tolist(),
                       strict=True):
        model.add(starts[j] >= starts[i] + w)
    owner = prob.demand_owner
    fixed_use = prob.usage(np.where(fixed, prob.fixed, 0), fixed)
    for r in range(prob.cap.shape[0]):
        on_r = (prob.dem_res == r) & ~fixed[owner]
        if not on_r.any():
            continue
        top = int(round(prob.cap[r].max() * UNIT_SCALE))
        tasks = [intervals[k] for k in owner[on_r].tolist()]
        demands = np.round(prob.dem_units[on_r] * UNIT_SCALE).astype(np.int64).tolist()
        # Days off and fixed tasks take capacity away at fixed times (never below zero:
        # fixed tasks that collide by themselves are beyond levelling).
        taken = np.round((prob.cap[r].max() - prob.cap[r] + fixed_use[r]) * UNIT_SCALE)
        for s, length, value in _constant_runs(np.clip(taken, 0, top).astype(np.int64)):
            tasks.append(model.new_fixed_size_interval_var(s, length, f"taken{r}_{s}"))
            demands.append(value)
        model.add_cumulative(tasks, demands, top)
    makespan = model.new_int_var(0, horizon, "makespan")
    if prob.m:
        model.add_max_equality(makespan, [starts[j] + int(prob.p[j]) for j in range(prob.m)])
    model.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return SolverResult(hint, False, float(solver.best_objective_bound), name)
    start = np.array([solver.value(s) for s in starts], dtype=np.int64)
    if prob.makespan(start) > prob.makespan(hint):
        start = hint
    return SolverResult(justify(prob, start), status == cp_model.OPTIMAL,
                        float(solver.best_objective_bound), name)
