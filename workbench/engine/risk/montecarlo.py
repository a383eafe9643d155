"""``simulate(plan)``: Monte Carlo schedule and cost risk on the compiled plan.

One run samples a tasks × iterations duration matrix (see
:mod:`workbench.engine.risk.sampling`), adds the risk events that fire in each iteration
(see :mod:`workbench.engine.risk.events`) and runs the CPM forward and backward passes
of :mod:`workbench.engine.scheduling.cpm` on all iterations at once: the passes loop over the
plan's topological levels, never over iterations. Each iteration's cost is what the money
engine charges for that iteration's schedule (labour, days off, cost lines; see
:mod:`workbench.engine.money.duration_cost`) plus the cost impacts of the risks that fire,
so with no uncertainty it is the plan's total cost, the budget at completion.

Iterations run in batches whose size depends only on the plan's size, each batch with
its own random stream spawned from ``seed``: the same plan, seed and iteration count
give the same numbers whether or not a progress callback or a convergence target is
used (a target only stops the run early, after a whole batch).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd

from workbench.engine.money.duration_cost import DurationCost, duration_cost
from workbench.engine.risk.events import RiskMode, risk_events, sample_events
from workbench.engine.risk.result import RiskResult, quantile_standard_error
from workbench.engine.risk.sampling import estimates, sample_durations
from workbench.engine.scheduling.compiled import CompiledPlan, compile_plan
from workbench.engine.scheduling.cpm import backward_pass, edge_weights, forward_pass, run_passes
from workbench.engine.scheduling.defaults import SEED
from workbench.model.arguments import expect_plan
from workbench.model.plan import Plan

#: Matrix cells (tasks × iterations) per batch and per CPM chunk: bounds memory and
#: keeps each level's arrays in cache (about 3x faster than one huge matrix).
BATCH_CELLS = 4_000_000
PASS_CELLS = 2_000_000
MAX_BATCH = 4096
#: Tasks with total float at or below this (working days) count as critical; float32
#: sums along a path are exact to about 1e-4 days, far below a working hour.
CRITICAL_TOLERANCE = 1e-3

Progress = Callable[[int, int], None]


def batch_size(n_tasks: int) -> int:
    """Iterations per batch for a plan of ``n_tasks`` tasks.

    Examples
    --------
    >>> batch_size(65), batch_size(1_000), batch_size(100_000)
    (4096, 4000, 40)
    """
    return int(min(MAX_BATCH, max(1, BATCH_CELLS // max(n_tasks, 1))))


def _run_batch(net: CompiledPlan, base: np.ndarray, rows: np.ndarray, varied: np.ndarray,
               tolerance: float, criticality: bool,
               money: DurationCost) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Project lengths, per-task critical counts and unpaid days off for one batch.

    Each chunk's duration matrix is the planned durations with the varying ``rows``
    replaced by their samples, built only for that chunk's iterations.
    """
    n, k = len(base), varied.shape[1]
    step = max(1, PASS_CELLS // max(n, len(net.src), 1))
    lengths = np.zeros(k, dtype=np.float64)
    critical = np.zeros(n, dtype=np.int64)
    days_off = np.zeros(k, dtype=np.float64)
    if n == 0:
        return lengths, critical, days_off
    for c0 in range(0, k, step):
        c1 = min(c0 + step, k)
        d = np.empty((n, c1 - c0), dtype=base.dtype)
        d[:] = base[:, None]
        d[rows] = varied[:, c0:c1]
        w = edge_weights(net, d)
        es = forward_pass(net, d, w)
        # Summaries have zero start and duration here, so the max over all rows is the
        # latest leaf finish (and never below 0, the project start).
        end = (es + d).max(axis=0)
        lengths[c0:c1] = end
        if len(money.off_task):
            # Days off depend on where tasks fall, i.e. on this iteration's starts.
            days_off[c0:c1] = money.days_off(es, d)
        if criticality:
            slack = backward_pass(net, d, end, w)
            slack -= es
            critical += np.count_nonzero(slack <= tolerance, axis=1)
    # Completed work cannot slip: it is never critical (as in the schedule).
    critical[net.done] = 0
    return lengths, critical, days_off


def _join(pieces: list[np.ndarray]) -> np.ndarray:
    """Batches joined along the iteration (last) axis; no copy for a single batch."""
    return pieces[0] if len(pieces) == 1 else np.concatenate(pieces, axis=-1)


def simulate(
    plan: Plan,
    iterations: int = 10_000,
    seed: int = SEED,
    risks: RiskMode = "pre",
    *,
    deadline: object = None,
    budget: float | None = None,
    criticality: bool = True,
    target_se: float | None = None,
    progress: Progress | None = None,
    compiled: CompiledPlan | None = None,
    dtype: type = np.float32,
) -> RiskResult:
    """Monte Carlo schedule and cost risk analysis of a plan.

    Parameters
    ----------
    plan : Plan
        A validated plan; three-point estimates, distributions and correlation groups
        come from its tasks, defaults from ``plan.project.risk``.
    iterations : int
        Number of iterations (the most, when ``target_se`` is given).
    seed : int
        Seed of the random streams; the same seed gives the same numbers.
    risks : {"pre", "post", "none"}
        Risk values before the response, after it (residual values), or no risk events.
    deadline : date-like, optional
        Target finish date; defaults to ``plan.project.risk.deadline``.
    budget : float, optional
        Target total cost; defaults to ``plan.project.risk.budget``.
    criticality : bool
        Also run the backward pass to count how often each task is critical.
    target_se : float, optional
        Stop after the first batch at which the standard error of the P80 length
        (working days) is at or below this (and at least two batches ran).
    progress : callable, optional
        Called as ``progress(done, total)`` after each batch.
    compiled : CompiledPlan, optional
        ``compile_plan(plan)`` if already at hand.
    dtype : numpy float type
        ``np.float32`` (default: half the memory, exact to ~1e-4 days) or ``np.float64``.

    Returns
    -------
    RiskResult

    Raises
    ------
    ValueError
        For ``iterations < 1`` or an unknown ``risks`` mode.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> result = workbench.simulate(plan, iterations=2_000, seed=42)
    >>> result.iterations, result.percentile(80) > result.deterministic_finish
    (2000, True)
    >>> result.criticality["T30"]  # the cut-over is always on the critical path
    np.float64(1.0)
    >>> result.deterministic_cost  # the plan's total cost, as task_costs gives it
    474380.0
    """
    plan = expect_plan(plan)
    if iterations < 1:
        raise ValueError(f"iterations must be >= 1, got {iterations}")
    events = risk_events(plan, risks)
    net = compiled if compiled is not None else compile_plan(plan)
    est = estimates(plan, net)
    money = duration_cost(plan, net.calendar)
    settings = plan.project.risk
    deadline = deadline if deadline is not None else settings.deadline
    budget = budget if budget is not None else settings.budget

    varies = est.varies
    hit = np.unique(events.pair_task)
    rows = np.union1d(varies, hit)  # tasks whose duration changes between iterations
    place = np.searchsorted(rows, varies)
    hit_place = np.searchsorted(rows, events.pair_task)
    base = est.planned.astype(dtype)
    steady = np.setdiff1d(np.arange(net.n), rows)
    fixed_cost = float(money.per_day[steady] @ est.planned[steady]) + money.fixed

    size = batch_size(net.n)
    streams = np.random.SeedSequence(seed).spawn(math.ceil(iterations / size))
    # Per-batch pieces, joined at the end: with a convergence target the run may stop
    # long before ``iterations``, so nothing is allocated for iterations not run.
    samples, lengths, costs, days, risk_costs = [], [], [], [], []
    critical = np.zeros(net.n, dtype=np.int64)
    rate_rows = money.per_day[rows].astype(dtype)
    done = 0
    for stream in streams:
        k = min(size, iterations - done)
        rng = np.random.default_rng(stream)
        varied = np.empty((len(rows), k), dtype=dtype)
        varied[:] = base[rows, None]
        varied[place] = sample_durations(est, rng, k, dtype)
        impact, extra = sample_events(events, rng, k, dtype)
        if events.count:
            np.add.at(varied, hit_place, impact[events.pair_risk])
        batch_lengths, batch_critical, days_off = _run_batch(
            net, base, rows, varied, CRITICAL_TOLERANCE, criticality, money)
        critical += batch_critical
        lengths.append(batch_lengths)
        # Fixed tasks cost the same every iteration (float64); the varying part in
        # float32 is exact to about a millionth of the total.
        costs.append(fixed_cost + (rate_rows @ varied).astype(np.float64) - days_off
                     + extra.sum(axis=0))
        samples.append(varied)
        days.append(impact)
        risk_costs.append(extra)
        done += k
        if progress is not None:
            progress(done, iterations)
        if (target_se is not None and done < iterations and len(lengths) >= 2
                and quantile_standard_error(np.concatenate(lengths), 0.8) <= target_se):
            break

    deterministic = run_passes(net)
    leaf = net.is_leaf
    ids = net.ids
    return RiskResult(
        plan=plan,
        mode=risks,
        seed=seed,
        durations=_join(lengths),
        costs=_join(costs),
        criticality=pd.Series(critical[leaf] / done if criticality else np.nan,
                              index=pd.Index(ids[leaf], name="id"), name="criticality"),
        deterministic_length=float(deterministic.project_end),
        deterministic_cost=float(money.cost(deterministic.early_start, net.duration)),
        deadline=pd.Timestamp(deadline) if deadline is not None else None,
        budget=float(budget) if budget is not None else None,
        calendar=net.calendar,
        task_ids=ids[rows].tolist(),
        task_samples=_join(samples),
        risk_ids=events.ids,
        risk_days=_join(days),
        risk_costs=_join(risk_costs),
    )
