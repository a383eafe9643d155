"""Resource loading: who is booked how much, per day or week, against capacity.

Work is spread over each task's working-day span with difference arrays: an
assignment adds its units where the task starts and removes them where it finishes
(split over two days when the offset falls inside a day, so half days count half),
and one cumulative sum per resource gives the daily load. No loop over days or tasks.

A resource's time off is zero capacity (see :mod:`workbench.engine.resources.capacity`), so
work booked on a day off shows as over-allocation.

Columns of :func:`loading` (one row per resource and period):

{columns}

:func:`task_loading` gives the same load split by task (``period``, ``resource``,
``role``, ``task``, ``task_name``, ``load``, ``hours``), for stacked charts.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from workbench.engine.columns import LOADING_COLUMNS, bullet_list
from workbench.engine.resources.capacity import HOURS_PER_DAY, assignment_units, capacity_profile
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.defaults import FREQ
from workbench.engine.scheduling.plan_or_schedule import PlanOrSchedule, as_schedule
from workbench.engine.scheduling.scheduler import Schedule

Freq = Literal["D", "W"]


__doc__ = __doc__.format(columns=bullet_list(LOADING_COLUMNS))

#: Loads closer than this to capacity count as within it (guards float noise).
TOLERANCE = 1e-9


def _assignment_spans(sched: Schedule) -> tuple[pd.DataFrame, np.ndarray, np.ndarray,
                                                  np.ndarray]:
    """Assignments on leaf tasks with work, their effective units and start/finish offsets."""
    plan = sched.plan
    tasks = sched.tasks
    assignments = plan.assignments.assign(units=assignment_units(plan))
    pos = tasks.index.get_indexer(assignments["task"])
    leaf = ~tasks["is_summary"].to_numpy(dtype=bool)[pos]
    start = tasks["start_offset"].to_numpy(dtype=np.float64)[pos]
    finish = tasks["finish_offset"].to_numpy(dtype=np.float64)[pos]
    keep = leaf & (finish > start) & (assignments["units"].to_numpy() > 0)
    kept = assignments[keep].reset_index(drop=True)
    return kept, kept["units"].to_numpy(dtype=np.float64), start[keep], finish[keep]


def _daily(rows: np.ndarray, n_rows: int, units: np.ndarray, start: np.ndarray,
           finish: np.ndarray, n_days: int) -> np.ndarray:
    """Units per row and working day from spans ``[start, finish)`` via difference arrays."""
    diff = np.zeros((n_rows, n_days + 2))
    for offset, sign in ((start, 1.0), (finish, -1.0)):
        day = np.floor(offset).astype(np.int64)
        part = offset - day
        np.add.at(diff, (rows, day), sign * units * (1.0 - part))
        np.add.at(diff, (rows, day + 1), sign * units * part)
    return np.cumsum(diff, axis=1)[:, :n_days]


def _periods(calendar: WorkCalendar, n_days: int, freq: Freq) -> tuple[np.ndarray, np.ndarray]:
    """Per working day the period it belongs to; returns (period starts, first day of each)."""
    dates = calendar.dates(np.arange(n_days)).astype("datetime64[D]")
    if freq == "D":
        return dates, np.arange(n_days)
    if freq != "W":
        raise ValueError(f"freq must be 'D' or 'W', got {freq!r}")
    # 1970-01-01 was a Thursday: shift by 3 days so weeks start on Monday.
    monday = dates - ((dates.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    first = np.flatnonzero(np.r_[True, monday[1:] != monday[:-1]]) if n_days else np.zeros(
        0, dtype=np.int64)
    return monday[first], first


def _span_days(sched: Schedule, finish: np.ndarray) -> int:
    """Working days the loading covers: through the last day with work or the finish."""
    last = sched.tasks["finish_offset"].to_numpy(dtype=np.float64)
    end = max(float(finish.max()) if finish.size else 0.0, float(last.max()) if last.size
              else 0.0)
    return max(int(np.ceil(end - TOLERANCE)), 1)


def loading(plan: PlanOrSchedule, freq: Freq = FREQ) -> pd.DataFrame:
    """Load, capacity and over-allocation per resource and period.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or a schedule of it (levelled or not) whose dates place the work.
    freq : {"W", "D"}
        Per week (Monday to Sunday), or per working day.

    Returns
    -------
    pd.DataFrame
        One row per resource (plan order) and period, columns ``LOADING_COLUMNS``.

    Raises
    ------
    ValueError
        If ``freq`` is neither ``"D"`` nor ``"W"``.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> daily = workbench.loading(sched, freq="D")
    >>> r6 = daily[(daily["resource"] == "R6") & daily["overallocated"]]
    >>> len(r6), str(r6["period"].min().date()), float(r6["load"].max())
    (8, '2027-03-30', 2.0)
    """
    schedule = as_schedule(plan)
    plan = schedule.plan
    resources = plan.resources
    n_res = len(resources)
    kept, units, start, finish = _assignment_spans(schedule)
    n_days = _span_days(schedule, finish)
    calendar = WorkCalendar(plan.project)
    rows = pd.Index(resources["id"]).get_indexer(kept["resource"])
    daily = _daily(rows, n_res, units, start, finish, n_days)
    capacity = capacity_profile(plan, calendar, n_days)
    over = np.maximum(daily - capacity, 0.0)
    over[over <= TOLERANCE] = 0.0
    period, first = _periods(calendar, n_days, freq)
    n_per = len(period)
    width = np.diff(np.r_[first, n_days])

    def per_period(values: np.ndarray) -> np.ndarray:
        return np.add.reduceat(values, first, axis=1) if n_days else values

    load = per_period(daily)
    out = pd.DataFrame({
        "period": np.tile(period.astype("datetime64[us]"), n_res),
        "resource": np.repeat(resources["id"].to_numpy(dtype=object), n_per),
        "name": np.repeat(resources["name"].to_numpy(dtype=object), n_per),
        "role": np.repeat(resources["role"].to_numpy(dtype=object), n_per),
        "working_days": np.tile(width, n_res),
        "load": load.ravel(),
        "hours": load.ravel() * HOURS_PER_DAY,
        "capacity": per_period(capacity).ravel(),
        "units": (load / width).ravel(),
        "over": per_period(over).ravel(),
    })
    out["overallocated"] = out["over"] > 0
    return out


def task_loading(plan: PlanOrSchedule, freq: Freq = FREQ) -> pd.DataFrame:
    """Load per resource, task and period (rows with work only), for stacked charts.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or a schedule of it (levelled or not).
    freq : {"W", "D"}
        Per week, or per working day.

    Returns
    -------
    pd.DataFrame
        Columns ``period``, ``resource``, ``role``, ``task``, ``task_name``, ``load``
        (person-days) and ``hours``.

    Examples
    --------
    >>> import workbench
    >>> sched = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> by_task = task_loading(sched)
    >>> float(by_task.loc[by_task["task"] == "T8", "load"].sum())
    30.0
    """
    schedule = as_schedule(plan)
    plan = schedule.plan
    kept, units, start, finish = _assignment_spans(schedule)
    n_days = _span_days(schedule, finish)
    calendar = WorkCalendar(plan.project)
    daily = _daily(np.arange(len(kept)), len(kept), units, start, finish, n_days)
    period, first = _periods(calendar, n_days, freq)
    load = np.add.reduceat(daily, first, axis=1) if len(kept) else daily[:, :len(period)]
    row, col = np.nonzero(load > TOLERANCE)
    roles = plan.resources.set_index("id")["role"]
    names = schedule.tasks["name"]
    resource = kept["resource"].to_numpy(dtype=object)[row]
    task = kept["task"].to_numpy(dtype=object)[row]
    return pd.DataFrame({
        "period": period.astype("datetime64[us]")[col],
        "resource": resource,
        "role": roles.reindex(resource).to_numpy(dtype=object),
        "task": task,
        "task_name": names.reindex(task).to_numpy(dtype=object),
        "load": load[row, col],
        "hours": load[row, col] * HOURS_PER_DAY,
    })
