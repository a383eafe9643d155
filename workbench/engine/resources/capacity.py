"""What each resource can give: effective assignment units and capacity per working day.

Durations, loading and levelling all read resources through this module, so the two
rules below hold everywhere:

- an assignment never gets more than its resource's capacity
  (``units = min(assigned units, capacity)``);
- a resource's time off is zero capacity on those working days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.reads import Reads
from workbench.model.plan import Plan
from workbench.model.tables import expand_dates

#: Working hours in one person-day, for the ``hours`` columns.
HOURS_PER_DAY = 8.0

#: What :func:`assignment_units` reads.
ASSIGNMENT_UNITS_READS = Reads.of(assignments=("resource", "units"),
                                  resources=("id", "capacity"))


def assignment_units(plan: Plan) -> np.ndarray:
    """Units each assignment row really gets: its units capped at the resource's capacity.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> float(assignment_units(plan).sum())
    53.0
    """
    plan = ASSIGNMENT_UNITS_READS.view(plan)
    assignments = plan.assignments
    capacity = plan.resources["capacity"].to_numpy(dtype=np.float64)
    pos = pd.Index(plan.resources["id"]).get_indexer(assignments["resource"])
    units = assignments["units"].to_numpy(dtype=np.float64)
    return np.minimum(units, capacity[pos]) if len(units) else units


def time_off_index(plan: Plan, calendar: WorkCalendar) -> tuple[np.ndarray, np.ndarray]:
    """Every (resource position, working-day index) pair a resource is off.

    Days off that are not working days anyway are left out.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> res, day = time_off_index(plan, WorkCalendar(plan.project))
    >>> plan.resources["id"].to_numpy()[res[:2]].tolist(), day[:2].tolist()
    (['R1', 'R1'], [30, 31])
    """
    res_parts, day_parts = [], []
    for pos, text in enumerate(plan.resources["time_off"].to_numpy()):
        days = np.array(expand_dates(text), dtype="datetime64[D]")
        if days.size == 0:
            continue
        days = days[calendar.is_working(days)]
        index = calendar.start_offset(days).astype(np.int64)
        res_parts.append(np.full(len(index), pos, dtype=np.int64))
        day_parts.append(index)
    if not res_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(res_parts), np.concatenate(day_parts)


def capacity_profile(plan: Plan, calendar: WorkCalendar, n_days: int) -> np.ndarray:
    """Units available per resource (rows, plan order) and working day (columns).

    Parameters
    ----------
    plan : Plan
        Supplies ``resources.capacity`` and ``resources.time_off``.
    calendar : WorkCalendar
        The project calendar (day 0 = the project's first working day).
    n_days : int
        Number of working days to cover.

    Returns
    -------
    np.ndarray
        Shape ``(len(plan.resources), n_days)``; zero on each resource's days off.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> cap = capacity_profile(plan, WorkCalendar(plan.project), 40)
    >>> cap[0, 29:33].tolist()  # R1 is off on days 30 and 31
    [1.0, 0.0, 0.0, 1.0]
    """
    capacity = plan.resources["capacity"].to_numpy(dtype=np.float64)
    profile = np.repeat(capacity[:, None], max(n_days, 0), axis=1)
    res, day = time_off_index(plan, calendar)
    inside = (day >= 0) & (day < n_days)
    profile[res[inside], day[inside]] = 0.0
    return profile
