"""Baselines: named snapshots of a plan's dates, work and cost, and variance against them.

A baseline row per task holds its start, finish, duration, work and cost as they were
when the snapshot was taken (:func:`set_baseline`). The project's
``current_baseline`` names the snapshot that variance and earned value measure
against. A baseline's time-phased cost spreads each task's baseline cost evenly over
its baseline working days (the performance measurement baseline of earned value).

Columns of :func:`baseline_variance` (indexed by task id, plan order):

{columns}
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from workbench.engine.columns import VARIANCE_COLUMNS, bullet_list
from workbench.engine.money.cost import TaskIndex, task_costs, task_spans
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.plan_or_schedule import PlanOrSchedule, as_schedule, plan_of
from workbench.engine.scheduling.scheduler import Schedule
from workbench.model.plan import Plan
from workbench.model.schema import BASELINES

__doc__ = __doc__.format(columns=bullet_list(VARIANCE_COLUMNS))


def set_baseline(plan: PlanOrSchedule, name: str = "baseline") -> Plan:
    """Store the plan's current dates, work and cost as baseline ``name`` and make it current.

    A baseline of the same name is replaced; other baselines are kept.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand (its dates are stored).
    name : str
        Name of the snapshot.

    Returns
    -------
    Plan
        A new plan with the snapshot in ``baselines`` and ``current_baseline = name``.

    Raises
    ------
    PlanError
        If ``name`` is empty.

    Examples
    --------
    >>> import workbench
    >>> plan = set_baseline(workbench.load_plan(workbench.sample_plan_path()), "approved")
    >>> plan.project.current_baseline, len(plan.baselines) == len(plan.tasks)
    ('approved', True)
    """
    sched = as_schedule(plan)
    plan = sched.plan
    costs = task_costs(sched)
    tasks = sched.tasks
    rows = pd.DataFrame({
        "baseline": name, "task": tasks.index.to_numpy(),
        "start": tasks["start"].to_numpy(), "finish": tasks["finish"].to_numpy(),
        "duration": tasks["duration"].to_numpy(), "work": costs["work"].to_numpy(),
        "cost": costs["cost"].to_numpy(),
    })
    kept = plan.baselines[plan.baselines["baseline"] != name]
    frame = pd.concat([kept, rows], ignore_index=True) if len(kept) else rows
    return plan.replace(project=plan.project.replace(current_baseline=name or None),
                        baselines=frame[BASELINES.column_names])


def current_baseline(plan: Plan) -> pd.DataFrame:
    """Rows of the current baseline indexed by task id (empty without one).

    Examples
    --------
    >>> import workbench
    >>> current_baseline(workbench.load_plan(workbench.sample_plan_path())).columns.tolist()
    ['start', 'finish', 'duration', 'work', 'cost']
    """
    rows = plan.baselines[plan.baselines["baseline"] == plan.project.current_baseline]
    return rows.drop(columns="baseline").set_index("task")


@dataclass(frozen=True)
class MeasurementBaseline:
    """Per task position: budget at completion and the span it is planned over.

    Leaves only (summaries have ``bac`` 0); spans are working-day offsets
    ``[start, finish)`` with ``finish > start`` wherever ``bac`` is not 0.
    ``from_plan`` is True when the plan has no current baseline and the current
    schedule and costs stand in for it.
    """

    bac: np.ndarray
    start: np.ndarray
    finish: np.ndarray
    from_plan: bool


def measurement_baseline(plan: PlanOrSchedule, calendar: WorkCalendar | None = None,
                         costs: pd.DataFrame | None = None,
                         index: TaskIndex | None = None) -> MeasurementBaseline:
    """What earned value measures against: the current baseline, else the plan itself.

    Examples
    --------
    >>> import workbench
    >>> mb = measurement_baseline(workbench.load_plan(workbench.sample_plan_path()))
    >>> mb.from_plan, float(mb.bac.sum())
    (False, 474380.0)
    """
    given, plan = plan, plan_of(plan)
    calendar = calendar or WorkCalendar(plan.project)
    index = index or TaskIndex.of(plan)
    n = len(plan.tasks)
    leaf = ~index.hierarchy.is_summary
    if plan.project.current_baseline:
        table = plan.baselines
        rows = table[(table["baseline"] == plan.project.current_baseline).to_numpy()]
        ids = rows["task"].to_numpy()
        # set_baseline writes rows in plan order: then positions need no lookup.
        in_order = len(ids) == n and bool((ids == plan.tasks["id"].to_numpy()).all())
        at = np.arange(n) if in_order else index.position.get_indexer(ids)
        start_day = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        finish_day = start_day.copy()
        cost = np.zeros(n)
        start_day[at] = rows["start"].to_numpy(dtype="datetime64[D]")
        finish_day[at] = rows["finish"].to_numpy(dtype="datetime64[D]")
        cost[at] = rows["cost"].fillna(0.0).to_numpy(dtype=np.float64)
        known = leaf & ~np.isnat(start_day) & ~np.isnat(finish_day)
        start = np.zeros(n)
        finish = np.ones(n)
        start[known] = calendar.start_offset(start_day[known])
        finish[known] = np.maximum(calendar.finish_offset(finish_day[known]), start[known] + 1)
        return MeasurementBaseline(np.where(known, cost, 0.0), start, finish, from_plan=False)
    sched = as_schedule(given)
    costs = costs if costs is not None else task_costs(sched)
    start, finish, _ = task_spans(sched, calendar)
    bac = np.where(leaf, costs["cost"].to_numpy(dtype=np.float64), 0.0)
    return MeasurementBaseline(bac, start, finish, from_plan=True)


def baseline_variance(plan: PlanOrSchedule) -> pd.DataFrame:
    """Start, finish, duration and cost variance per task against the current baseline.

    Tasks missing from the baseline (added since) have NaN/NaT baseline values.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.

    Returns
    -------
    pd.DataFrame
        Columns in ``VARIANCE_COLUMNS``; empty (no rows) without a current baseline.

    Examples
    --------
    >>> import workbench
    >>> plan = set_baseline(workbench.load_plan(workbench.sample_plan_path()))
    >>> tasks = plan.tasks.copy()
    >>> tasks.loc[tasks["id"] == "T8", "effort"] = 40
    >>> late = baseline_variance(plan.replace(tasks=tasks))
    >>> late.loc["T8", ["finish_variance", "cost_variance"]].round(2).tolist()
    [7.0, 6466.67]
    """
    sched = as_schedule(plan)
    plan = sched.plan
    index = pd.Index(sched.tasks.index, name="id", dtype=object)
    if not plan.project.current_baseline:
        return pd.DataFrame(columns=list(VARIANCE_COLUMNS), index=index[:0])
    base = current_baseline(plan).reindex(index)
    calendar = WorkCalendar(plan.project)
    tasks = sched.tasks
    frame = pd.DataFrame({
        "baseline_start": base["start"].to_numpy(), "baseline_finish": base["finish"].to_numpy(),
        "start": tasks["start"].to_numpy(), "finish": tasks["finish"].to_numpy(),
    }, index=index)
    frame["start_variance"] = _working_days_between(calendar, frame["baseline_start"],
                                                    frame["start"])
    frame["finish_variance"] = _working_days_between(calendar, frame["baseline_finish"],
                                                     frame["finish"])
    frame["baseline_duration"] = base["duration"].to_numpy()
    frame["duration_variance"] = tasks["duration"].to_numpy() - frame["baseline_duration"]
    frame["baseline_cost"] = base["cost"].to_numpy()
    frame["cost"] = task_costs(sched)["cost"].to_numpy()
    frame["cost_variance"] = frame["cost"] - frame["baseline_cost"]
    return frame[list(VARIANCE_COLUMNS)]


def _working_days_between(calendar: WorkCalendar, before: pd.Series,
                          after: pd.Series) -> np.ndarray:
    """Signed working days from ``before`` to ``after`` (NaN where either is missing)."""
    first = before.to_numpy(dtype="datetime64[D]")
    last = after.to_numpy(dtype="datetime64[D]")
    known = ~np.isnat(first) & ~np.isnat(last)
    out = np.full(len(first), np.nan)
    if known.any():
        out[known] = np.busday_count(first[known], last[known], busdaycal=calendar.busdaycal)
    return out


def with_baseline(plan: PlanOrSchedule) -> Schedule:
    """The schedule with ``baseline_start`` / ``baseline_finish`` columns for the Gantt.

    The columns hold the current baseline's dates (NaT for tasks it does not know);
    without a current baseline the schedule is returned unchanged.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.

    Examples
    --------
    >>> import workbench
    >>> plan = set_baseline(workbench.load_plan(workbench.sample_plan_path()))
    >>> sched = with_baseline(workbench.schedule(plan))
    >>> str(sched.tasks.loc["T8", "baseline_finish"].date())
    '2027-04-08'
    """
    sched = as_schedule(plan)
    plan = sched.plan
    if not plan.project.current_baseline:
        return sched
    base = current_baseline(plan).reindex(sched.tasks.index)
    tasks = sched.tasks.assign(baseline_start=base["start"].to_numpy(),
                               baseline_finish=base["finish"].to_numpy())
    return replace(sched, tasks=tasks)
