"""Which working day each early and late date of a task falls on.

Offsets say *when* in working time; a whole offset ``k`` is both the end of day
``k - 1`` and the start of day ``k``. A task with work starts on day ``floor(s)`` and
finishes on day ``ceil(f) - 1``. A zero-length task (milestone) has one point, dated
where the link or bound that drives it puts it, as in MS Project:

- early: at the end of a day when driven by a finish (FS/FF link from a task with
  work, an FNET/MFO date, an actual or status date) and at the start of a day when
  driven by a start (SS/SF link, SNET/MSO date, the project start); on a tie the later
  point (the start of the next day) wins;
- late: at the end of a day when bounded by a finish (project end, FNLT, deadline,
  FF/SF link into a task with work) and at the start of a day when bounded by a start
  (SNLT, FS/SS link into a task with work); on a tie the earlier point (the end of a
  day) wins; an MSO/MFO-pinned milestone keeps its early point.

A link from or to another milestone passes that milestone's point on, so a chain of
milestones shares one day. Summaries take the earliest and latest days of their leaves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.engine.scheduling.calendar import EPS, WorkCalendar
from workbench.engine.scheduling.compiled import (
    FNET,
    FNLT,
    MFO,
    CompiledPlan,
    LevelEdges,
)
from workbench.engine.scheduling.cpm import (
    Passes,
    _early_bound,
    edge_weights,
    roll_up,
)


@dataclass(frozen=True)
class TaskDays:
    """Working-day indices (0 = the project's first working day) of each date column."""

    early_start: np.ndarray
    early_finish: np.ndarray
    late_start: np.ndarray
    late_finish: np.ndarray


def milestone_points(net: CompiledPlan, p: Passes) -> tuple[np.ndarray, np.ndarray]:
    """Per task, whether its early and its late point sit at the start of a day.

    Only milestones' values matter (see the module docstring); tasks with work read
    True for their start and False for their finish wherever links pass them on.

    Returns
    -------
    tuple of np.ndarray
        ``(early_at_start, late_at_start)``, boolean over task positions.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> from workbench.engine.scheduling.cpm import run_passes
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 5}, {"id": "M", "milestone": True},
    ...                          {"id": "N", "milestone": True}],
    ...                   links=[{"from": "A", "to": "M"}, {"from": "A", "to": "N",
    ...                                                     "type": "SS", "lag": 5}])
    >>> net = compile_plan(plan)
    >>> early, late = milestone_points(net, run_passes(net))
    >>> early[1:].tolist(), late[1:].tolist()
    ([False, True], [False, False])
    """
    d = np.where(net.is_summary, 0.0, net.duration)
    w = edge_weights(net, d)
    es, ls = p.early_start, p.late_start
    c, at = net.constraint, net.constraint_offset
    milestone = net.is_milestone

    # Early: the bound is a finish only for an FNET/MFO date past the project start.
    finish_bound = np.isin(c, (FNET, MFO)) & (np.nan_to_num(at) - d > EPS)
    early_at_start = (np.abs(es - _early_bound(net, d)) <= EPS) & ~finish_bound
    _pass_on(early_at_start, net.forward, es, es, w, milestone, net.from_finish == 0)

    # Late: finish bounds are the project end, FNLT and deadlines (SNLT is a start); a
    # tie goes to the finish.
    late_at_end = np.abs(ls - (p.project_end - d)) <= EPS
    fnlt = c == FNLT
    late_at_end[fnlt] |= np.abs(ls[fnlt] - (at[fnlt] - d[fnlt])) <= EPS
    due = ~np.isnan(net.leaf_deadline)
    late_at_end[due] |= np.abs(ls[due] - (net.leaf_deadline[due] - d[due])) <= EPS
    late_at_end[net.pinned] = ~early_at_start[net.pinned]
    _pass_on(late_at_end, net.backward, ls, ls, -w, milestone, net.to_finish == 1)
    return early_at_start, ~late_at_end


def _pass_on(flag: np.ndarray, groups: LevelEdges, written: np.ndarray, read: np.ndarray,
             w: np.ndarray, milestone: np.ndarray, edge_flag: np.ndarray) -> None:
    """Set ``flag`` on each written task that a tight edge from a flagged point drives.

    An edge is tight when ``written[task] == read[other] + w``; the point it passes on is
    the other task's own (milestone) or fixed by the edge's end (``edge_flag``).
    Levels are visited in pass order, so a milestone's flag is final before it is read.
    """
    for e0, e1 in groups.bounds:
        edge = groups.edge[e0:e1]
        other, task = groups.read[e0:e1], groups.write[e0:e1]
        tight = np.abs(written[task] - read[other] - w[edge]) <= EPS
        point = np.where(milestone[other], flag[other], edge_flag[edge])
        flag[task[tight & point]] = True


def task_days(net: CompiledPlan, p: Passes, calendar: WorkCalendar) -> TaskDays:
    """Working-day index of every early and late start and finish, summaries rolled up.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> from workbench.engine.scheduling.compiled import compile_plan
    >>> from workbench.engine.scheduling.cpm import run_passes
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 5}, {"id": "M", "milestone": True}],
    ...                   links=[{"from": "A", "to": "M", "type": "SS", "lag": 5}])
    >>> net = compile_plan(plan)
    >>> days = task_days(net, run_passes(net), net.calendar)
    >>> days.early_start.tolist(), days.early_finish.tolist()
    ([0, 5], [4, 5])
    """
    early_at_start, late_at_start = milestone_points(net, p)
    milestone = net.is_milestone

    def day(start: np.ndarray, finish: np.ndarray,
            at_start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        point = np.where(at_start, calendar.start_index(start),
                         calendar.finish_index(start, milestone))
        start_i = np.where(milestone, point, calendar.start_index(start))
        finish_i = np.where(milestone, point, calendar.finish_index(finish))
        return roll_up(net, start_i, np.minimum), roll_up(net, finish_i, np.maximum)

    es_i, ef_i = day(p.early_start, p.early_finish, early_at_start)
    ls_i, lf_i = day(p.late_start, p.late_finish, late_at_start)
    return TaskDays(es_i, ef_i, ls_i, lf_i)
