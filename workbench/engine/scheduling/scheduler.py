"""``schedule(plan)``: the critical-path schedule of a plan, with dates, as a :class:`Schedule`.

Columns of ``Schedule.tasks`` (indexed by task id, in plan order):

{columns}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.columns import SCHEDULE_COLUMNS, bullet_list
from workbench.engine.scheduling.compiled import CompiledPlan, compile_plan
from workbench.engine.scheduling.cpm import run_passes
from workbench.engine.scheduling.dating import task_days
from workbench.model.arguments import expect_plan
from workbench.model.plan import Plan
from workbench.model.tables import DATE_DTYPE

__doc__ = __doc__.format(columns=bullet_list(SCHEDULE_COLUMNS))


@dataclass(frozen=True, eq=False)
class Schedule:
    """The result of :func:`schedule`.

    Attributes
    ----------
    plan : Plan
        The plan that was scheduled.
    tasks : pd.DataFrame
        One row per task, indexed by id in plan order; columns in ``SCHEDULE_COLUMNS``.
    start : pd.Timestamp
        The project's first working day (offset 0).
    finish : pd.Timestamp
        The project finish date: the latest early finish date.
    length : float
        Working days from the start to the latest early finish.
    critical_path : list of str
        Ids of the critical leaf tasks, in start order.
    """

    plan: Plan
    tasks: pd.DataFrame
    start: pd.Timestamp
    finish: pd.Timestamp
    length: float
    critical_path: list[str]

    def __repr__(self) -> str:
        return (f"Schedule({len(self.tasks)} tasks, {self.start.date()} .. "
                f"{self.finish.date()}, {self.length:g} working days)")


def schedule(plan: Plan, critical_tolerance: float = 1e-9,
             compiled: CompiledPlan | None = None) -> Schedule:
    """Schedule a plan by the critical path method and date it with its calendar.

    Parameters
    ----------
    plan : Plan
        A validated plan.
    critical_tolerance : float
        Tasks with total float at or below this are critical.
    compiled : CompiledPlan, optional
        ``compile_plan(plan)`` if already at hand (e.g. cached by the caller).

    Returns
    -------
    Schedule

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Plan, Project
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "A", "duration": 5}, {"id": "B", "duration": 2},
    ...                          {"id": "M", "milestone": True}],
    ...                   links=[{"from": "A", "to": "B"}, {"from": "B", "to": "M"}])
    >>> result = schedule(plan)
    >>> result.tasks.loc["B", ["start", "finish"]].dt.date.tolist()
    [datetime.date(2027, 1, 11), datetime.date(2027, 1, 12)]
    >>> result.length, str(result.finish.date()), result.critical_path
    (7.0, '2027-01-12', ['A', 'B', 'M'])
    """
    expect_plan(plan)
    net = compiled if compiled is not None else compile_plan(plan)
    calendar = net.calendar
    p = run_passes(net)
    n = net.n

    day = task_days(net, p, calendar)
    es_i, ef_i, ls_i, lf_i = day.early_start, day.early_finish, day.late_start, day.late_finish
    finish_i = ef_i[net.is_leaf].max() if net.is_leaf.any() else 0
    days = calendar.dates(np.concatenate([es_i, ef_i, ls_i, lf_i, [0, finish_i]]))
    days = days.astype(DATE_DTYPE)
    early_start, early_finish = days[:n], days[n:2 * n]
    late_start, late_finish = days[2 * n:3 * n], days[3 * n:4 * n]

    tasks = plan.tasks
    critical = p.total_float <= critical_tolerance
    deadline_missed = p.early_finish > net.deadline_offset + 1e-9  # NaN compares False
    columns = {
        "name": tasks["name"].to_numpy(),
        "parent": tasks["parent"].to_numpy(),
        "wbs_level": net.depth,
        "is_summary": net.is_summary,
        "is_milestone": net.is_milestone,
        "duration": p.duration,
        "start_offset": p.early_start,
        "finish_offset": p.early_finish,
        "late_start_offset": p.late_start,
        "late_finish_offset": p.late_finish,
        "early_start": early_start,
        "early_finish": early_finish,
        "late_start": late_start,
        "late_finish": late_finish,
        "start": early_start,
        "finish": early_finish,
        "total_float": p.total_float,
        "free_float": p.free_float,
        "critical": critical,
        "constraint": tasks["constraint"].to_numpy(),
        "constraint_date": tasks["constraint_date"].to_numpy(),
        "deadline": tasks["deadline"].to_numpy(),
        "deadline_missed": deadline_missed,
        "owner": tasks["owner"].to_numpy(),
        "percent_complete": tasks["percent_complete"].to_numpy(),
    }
    frame = pd.DataFrame(columns, index=pd.Index(net.ids, name="id", dtype=object), copy=False)

    on_path = np.flatnonzero(critical & net.is_leaf)
    on_path = on_path[np.lexsort((on_path, p.early_start[on_path]))]
    return Schedule(
        plan=plan,
        tasks=frame,
        start=pd.Timestamp(days[-2]),
        finish=pd.Timestamp(days[-1]),
        length=float(p.project_end),
        critical_path=net.ids[on_path].tolist(),
    )
