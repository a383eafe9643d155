"""The optimal levelling mode: the slot problem as an OR-Tools CP-SAT model.

One interval variable per task (start in slots, fixed length, start window cut by the
CPM head and tail against the horizon), one cumulative constraint per resource (units
scaled to integers; days off as fixed intervals that take the whole capacity),
precedence with lags as linear inequalities, and the makespan to minimise. The
heuristic's schedule is the hint (warm start), so the solver's answer is never worse.
On plans it cannot settle at once, a genetic search (:mod:`workbench.engine.levelling.genetic`)
improves the hint, and what the minimisation leaves unproven goes to a decision loop
("does a schedule end one slot earlier?", see :func:`solve`). The final starts are
left-justified with the serial SGS, which can only move tasks earlier.

OR-Tools is an optional extra: ``pip install "workbench[solver]"``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from workbench.engine.levelling.genetic import evolve_starts
from workbench.engine.levelling.heuristic import justify
from workbench.engine.levelling.problem import SlotProblem
from workbench.model.errors import PlanError, Problem

#: Units are scaled by this to integers for the cumulative constraints.
UNIT_SCALE = 100
#: A first, short minimisation takes this share of the time limit: it proves most
#: plans at once, so only the hard ones pay for the genetic search.
PROBE_SHARE = 0.1
#: Share of the time limit, at most this many seconds, for the genetic search.
EVOLVE_SHARE, EVOLVE_SECONDS = 0.2, 3.0
#: The second minimisation gets half of the time then left, at most this many seconds;
#: the rest goes to the decision loop, which proves the hard cases where the
#: minimisation stalls.
MINIMISE_SECONDS = 10.0


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

    Up to four phases share the time limit, each only while the best schedule is not
    proven optimal. A short minimisation from the hint (``PROBE_SHARE`` of the time)
    settles most plans. A genetic search (:func:`.genetic.evolve_starts`,
    ``EVOLVE_SHARE``) recombines schedules from the best one, where resources are
    scarce enough to make the solver's own search stall. The makespan is minimised
    again from what it found, for up to half of the time left (at most
    ``MINIMISE_SECONDS``). The rest goes to a decision loop: "is there a schedule
    finishing one slot earlier?", with every task's start window cut to that horizon
    before the search begins. A yes is a better schedule and the loop goes on from
    it; a no proves the best one optimal. The tight windows let the solver prove in
    seconds what the open-ended minimisation often cannot (the hard PSPLIB instances
    with scarce resources).

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    hint : np.ndarray
        A feasible schedule (start slots), used as the warm start and as the fallback.
    time_limit : float
        Seconds the solver may run in all.
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
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> from workbench.engine.levelling.heuristic import level_starts
    >>> prob, start = level_starts(slot_problem(
    ...     workbench.load_plan(workbench.sample_plan_path())), iterations=5)
    >>> result = solve(prob, start, time_limit=5)
    >>> result.status, prob.makespan(result.start) >= result.bound
    ('OPTIMAL', True)
    """
    cp_model = _import_cp_model()
    finish_by = time.perf_counter() + float(time_limit)
    settings = {"num_workers": int(workers), "random_seed": int(seed)}
    best, bound = hint, float(prob.bound)

    def proven() -> bool:
        return prob.makespan(best) <= bound

    def minimise(seconds: float) -> None:
        nonlocal best, bound
        result = _run(cp_model, prob, prob.makespan(best), best, seconds, settings)
        if result.start is not None and prob.makespan(result.start) < prob.makespan(best):
            best = result.start
        bound = max(bound, result.bound)

    minimise(min(PROBE_SHARE * time_limit, MINIMISE_SECONDS))
    if not proven():
        best = evolve_starts(prob, best, min(EVOLVE_SHARE * time_limit, EVOLVE_SECONDS),
                             seed=seed)
    if not proven():
        minimise(min((finish_by - time.perf_counter()) / 2, MINIMISE_SECONDS))
    while not proven():
        left = finish_by - time.perf_counter()
        if left <= 0.05:
            break
        shorter = _run(cp_model, prob, prob.makespan(best) - 1, None, left, settings)
        if shorter.status == "INFEASIBLE":
            bound = float(prob.makespan(best))
        elif shorter.start is not None:
            best = shorter.start
        else:
            break
    optimal = proven()
    return SolverResult(justify(prob, best), optimal, bound,
                        "OPTIMAL" if optimal else "FEASIBLE")


@dataclass(frozen=True)
class Attempt:
    """One CP-SAT call's answer.

    Attributes
    ----------
    start : np.ndarray or None
        Start slot per task of the schedule found, None when there is none.
    bound : float
        Lower bound on the makespan known after the call, in slots.
    status : str
        CP-SAT status name: ``OPTIMAL``/``FEASIBLE`` (a schedule), ``INFEASIBLE``
        (proven: none exists) or ``UNKNOWN`` (time ran out first).
    """

    start: np.ndarray | None
    bound: float
    status: str


def schedule_within(prob: SlotProblem, horizon: int, time_limit: float = 10.0,
                    workers: int = 2, seed: int = 0) -> Attempt:
    """Any schedule of the slot problem that ends by ``horizon``, or proof there is none.

    Parameters
    ----------
    prob : SlotProblem
        The levelling problem.
    horizon : int
        Slot by which every task must end.
    time_limit, workers, seed
        As for :func:`solve`.

    Returns
    -------
    Attempt
        ``status == "INFEASIBLE"`` proves no schedule ends by ``horizon``.

    Examples
    --------
    >>> import workbench
    >>> from workbench.engine.levelling.problem import slot_problem
    >>> prob = slot_problem(workbench.load_plan(workbench.sample_plan_path()))
    >>> schedule_within(prob, prob.bound - 1, time_limit=5).status
    'INFEASIBLE'
    """
    cp_model = _import_cp_model()
    settings = {"num_workers": int(workers), "random_seed": int(seed)}
    return _run(cp_model, prob, int(horizon), None, time_limit, settings)


def _run(cp_model, prob: SlotProblem, horizon: int, hint: np.ndarray | None,
         seconds: float, settings: dict) -> Attempt:
    """One CP-SAT call: minimise the makespan within ``horizon`` when a hint is given,
    else find any schedule that ends by ``horizon``."""
    model = cp_model.CpModel()
    early, late = prob.unconstrained()
    slack = horizon - prob.bound  # every task may start this much after its CPM late start
    if slack < 0:
        return Attempt(None, float(prob.bound), "INFEASIBLE")
    fixed = prob.fixed >= 0
    starts, intervals = [], []
    for j in range(prob.m):
        if fixed[j]:
            s = model.new_constant(int(prob.fixed[j]))
        else:
            s = model.new_int_var(int(max(prob.lb[j], early[j])), int(late[j]) + slack, f"s{j}")
            if hint is not None:
                model.add_hint(s, int(hint[j]))
        starts.append(s)
        intervals.append(model.new_fixed_size_interval_var(s, int(prob.p[j]), f"i{j}"))
    for i, j, w in zip(prob.edge_src.tolist(), prob.edge_dst.tolist(), prob.edge_w.tolist(),
                       strict=True):
        model.add(starts[j] >= starts[i] + w)
    _add_capacity(model, prob, intervals, fixed)
    if hint is not None and prob.m:
        makespan = model.new_int_var(int(prob.bound), horizon, "makespan")
        model.add_max_equality(makespan, [starts[j] + int(prob.p[j]) for j in range(prob.m)])
        model.minimize(makespan)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(float(seconds), 0.01)
    for name, value in settings.items():
        setattr(solver.parameters, name, value)
    status = solver.solve(model)
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Attempt(None, float(prob.bound), name)
    start = np.array([solver.value(s) for s in starts], dtype=np.int64)
    bound = solver.best_objective_bound if hint is not None else prob.bound
    return Attempt(start, float(bound), name)


def _add_capacity(model, prob: SlotProblem, intervals: list, fixed: np.ndarray) -> None:
    """One cumulative constraint per resource; days off and fixed tasks take capacity."""
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
