"""Progress-aware scheduling: actual dates fix what happened, the rest waits for the status date.

Applied while a plan is compiled (:func:`workbench.engine.scheduling.compiled.compile_plan`), as
ordinary scheduling bounds, so the CPM passes need no special cases:

- a task with an ``actual_start`` starts there whatever its predecessors say (its
  incoming links are dropped from the forward pass and it gets a start-no-earlier-than
  bound at that day); its backward pass is untouched, so a task that runs late shows
  negative float;
- a task with an ``actual_finish`` lasts from its actual start to the end of its
  actual finish day;
- a task in progress (actual start, no actual finish) resumes after the status date
  (the end of the status day) for its ``remaining_duration`` (default: its duration
  times the share not yet complete); without a status date it keeps its duration;
- with a status date, a task that has not started (no actual start, 0 % complete)
  cannot start before the end of the status day: work is not planned in the past.

A zero-duration task with an actual start happened at the end of that day, and one
still waiting at a status date is due at the end of the status day at the earliest:
both get a finish-no-earlier-than bound (the same offset as a start bound for zero
length), so they are dated on that day, not the next
(see :mod:`workbench.engine.scheduling.dating`).
Tasks with a percent complete but no actual start keep their planned dates;
percent complete on its own only feeds earned value.
"""

from __future__ import annotations

import numpy as np

from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.reads import Reads
from workbench.model.plan import Plan
from workbench.model.schema import CONSTRAINT_TYPES

_ASAP, _SNET, _FNET = (CONSTRAINT_TYPES.index(c) for c in ("ASAP", "SNET", "FNET"))


def completed(plan: Plan, is_summary: np.ndarray) -> np.ndarray:
    """Leaf tasks whose work is done: an actual finish, or 100 percent complete.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(
    ...     Project(start=dt.date(2027, 1, 4)),
    ...     tasks=[{"id": "A", "duration": 5, "actual_start": "2027-01-04",
    ...             "actual_finish": "2027-01-08"},
    ...            {"id": "B", "duration": 2, "percent_complete": 100},
    ...            {"id": "C", "duration": 2, "percent_complete": 50}])
    >>> completed(plan, np.zeros(3, dtype=bool)).tolist()
    [True, True, False]
    """
    tasks = plan.tasks
    finished = ~np.isnat(tasks["actual_finish"].to_numpy(dtype="datetime64[D]"))
    return ~is_summary & (finished | (tasks["percent_complete"].to_numpy() >= 100))

#: What :func:`progress_bounds` reads (besides the calendar it is given).
PROGRESS_READS = Reads.of(tasks=("actual_start", "actual_finish", "percent_complete",
                                 "remaining_duration"), project=("status_date",))


def progress_bounds(
    plan: Plan, calendar: WorkCalendar, duration: np.ndarray, is_summary: np.ndarray,
    constraint: np.ndarray, constraint_offset: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Durations and constraints with the plan's progress applied (see the module docstring).

    Parameters
    ----------
    plan : Plan
    calendar : WorkCalendar
        The project calendar.
    duration : np.ndarray
        Planned working days per task.
    is_summary : np.ndarray
        True for summary tasks (they take no progress of their own).
    constraint, constraint_offset : np.ndarray
        Constraint code (index into ``CONSTRAINT_TYPES``) and offset per task.

    Returns
    -------
    tuple of np.ndarray
        ``(duration, constraint, constraint_offset, started)``: new arrays (the inputs
        are not changed); ``started`` marks tasks whose incoming links no longer move them.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(
    ...     Project(start=dt.date(2027, 1, 4), status_date=dt.date(2027, 1, 6)),
    ...     tasks=[{"id": "A", "duration": 5, "actual_start": "2027-01-05",
    ...             "percent_complete": 40},
    ...            {"id": "B", "duration": 2}])
    >>> d, c, at, started = progress_bounds(
    ...     plan, WorkCalendar(plan.project), np.array([5.0, 2.0]), np.array([False, False]),
    ...     np.array([0, 0], dtype=np.int8), np.full(2, np.nan))
    >>> d.tolist(), c.tolist(), at.tolist(), started.tolist()
    ([5.0, 2.0], [1, 1], [1.0, 3.0], [True, False])
    """
    tasks = PROGRESS_READS.view(plan).tasks
    duration, constraint = duration.copy(), constraint.copy()
    offset = constraint_offset.copy()
    leaf = ~is_summary
    actual_start = tasks["actual_start"].to_numpy(dtype="datetime64[D]")
    actual_finish = tasks["actual_finish"].to_numpy(dtype="datetime64[D]")
    started = leaf & ~np.isnat(actual_start)
    status = plan.project.status_date
    status_end = (float(calendar.finish_offset(np.datetime64(status, "D")))
                  if status is not None else None)

    if started.any():
        idx = np.flatnonzero(started)
        point = duration[idx] == 0
        begin = np.where(point, calendar.finish_offset(actual_start[idx]),
                         calendar.start_offset(actual_start[idx]))
        done = ~np.isnat(actual_finish[idx])
        length = duration[idx]
        if done.any():
            end = calendar.finish_offset(actual_finish[idx][done])
            length[done] = np.where(point[done], 0.0, np.maximum(end - begin[done], 0.0))
        running = ~done & ~point
        if status_end is not None and running.any():
            share_left = 1.0 - tasks["percent_complete"].to_numpy(dtype=np.float64)[idx] / 100
            remaining = tasks["remaining_duration"].to_numpy(dtype=np.float64)[idx]
            remaining = np.where(np.isnan(remaining), length * share_left, remaining)
            resume = np.maximum(begin, status_end)
            length[running] = (resume - begin + remaining)[running]
        duration[idx] = length
        constraint[idx] = np.where(point, _FNET, _SNET)
        offset[idx] = begin

    if status_end is not None:
        waiting = leaf & ~started & (tasks["percent_complete"].to_numpy() == 0)
        to_snet = waiting & (constraint == _ASAP)
        constraint[to_snet] = _SNET
        offset[to_snet] = status_end
        later = waiting & (constraint == _SNET)
        status_bound = to_snet | (later & (offset < status_end))
        offset[later] = np.fmax(offset[later], status_end)
        constraint[status_bound & (duration == 0)] = _FNET
    return duration, constraint, offset, started
