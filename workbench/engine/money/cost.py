"""Cost of a plan: labour and fixed costs per task, rolled up the WBS and by category.

Where money comes from:

- **labour**: every assignment costs ``units x rate`` per working day of its task
  (fractions of days pro rata), except on the resource's own days off (its
  ``time_off``: the per-resource calendar);
- **cost lines**: a line with a ``date`` falls due on that day (a non-working day
  counts on the next working day); a line without a date is spread evenly over its
  task's working days (a milestone's on the milestone's day).

Both become :class:`CostItems`, amounts spread over spans of working-day offsets,
which :func:`task_costs`, :func:`cost_by_category` and the time-phased views in
:mod:`workbench.engine.money.time_phased` share.

Columns of :func:`task_costs` (indexed by task id, plan order):

{task_columns}

Columns of :func:`cost_by_category` (indexed by category):

{category_columns}
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.columns import CATEGORY_COLUMNS, TASK_COST_COLUMNS, bullet_list
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.plan_or_schedule import PlanOrSchedule, as_schedule, plan_of
from workbench.engine.scheduling.scheduler import Schedule
from workbench.model.network import Hierarchy, build_hierarchy
from workbench.model.plan import Plan
from workbench.model.schema import COST_CATEGORIES, RESERVE_CATEGORIES
from workbench.model.tables import expand_dates

LABOUR = COST_CATEGORIES.index("labour")


__doc__ = __doc__.format(task_columns=bullet_list(TASK_COST_COLUMNS),
                         category_columns=bullet_list(CATEGORY_COLUMNS))


@dataclass(frozen=True)
class CostItems:
    """Amounts spread over spans of working-day offsets from the project start.

    Attributes
    ----------
    task : np.ndarray
        Task position of each item, -1 for project-level cost lines.
    category : np.ndarray
        Index into ``COST_CATEGORIES``.
    start, finish : np.ndarray
        The span ``[start, finish)`` in working-day offsets (``finish > start``).
    amount : np.ndarray
        Total of the item (negative for a resource's day off inside a task).
    work : np.ndarray
        Person-days of the item (labour only, 0 for cost lines).
    n_tasks : int
        Number of tasks in the plan.
    """

    task: np.ndarray
    category: np.ndarray
    start: np.ndarray
    finish: np.ndarray
    amount: np.ndarray
    work: np.ndarray
    n_tasks: int

    def per_task(self, values: np.ndarray) -> np.ndarray:
        """Sum ``values`` (one per item) per task position; project-level items left out."""
        on_task = self.task >= 0
        return np.bincount(self.task[on_task], values[on_task], minlength=self.n_tasks)


def task_spans(sched: Schedule,
               calendar: WorkCalendar) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Working-day span (start and finish offsets) of every task, and which have zero length.

    A zero-length task (milestone) gets the span of the day it is dated on, so that
    its lump costs have a day to fall on; it takes no labour.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> sched = workbench.schedule(plan)
    >>> start, finish, zero = task_spans(sched, WorkCalendar(plan.project))
    >>> at = sched.tasks.index.get_loc("M3")  # a milestone on Mon 26 April
    >>> bool(zero[at]), float(finish[at] - start[at]), str(sched.tasks["start"].iloc[at].date())
    (True, 1.0, '2027-04-26')
    """
    start = sched.tasks["start_offset"].to_numpy(dtype=np.float64)
    finish = sched.tasks["finish_offset"].to_numpy(dtype=np.float64)
    zero = finish - start <= 1e-9
    day = np.zeros(len(start))
    if zero.any():
        # The schedule dated each milestone by what drives it; its day is that date's.
        dated = sched.tasks["start"].to_numpy(dtype="datetime64[D]")[zero]
        day[zero] = calendar.start_offset(dated)
    return np.where(zero, day, start), np.where(zero, day + 1, finish), zero


def cost_items(plan: PlanOrSchedule, calendar: WorkCalendar | None = None) -> CostItems:
    """Every planned cost of a plan as spread items (see the module docstring).

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.
    calendar : WorkCalendar, optional
        The project calendar, if already built.

    Returns
    -------
    CostItems

    Examples
    --------
    >>> import workbench
    >>> items = cost_items(workbench.load_plan(workbench.sample_plan_path()))
    >>> round(float(items.amount.sum()))
    474380
    """
    sched = as_schedule(plan)
    plan = sched.plan
    calendar = calendar or WorkCalendar(plan.project)
    tasks = plan.tasks
    position = pd.Index(tasks["id"])
    span_start, span_finish, zero = task_spans(sched, calendar)
    parts = [_labour_items(plan, position, span_start, span_finish, ~zero, calendar),
             _cost_line_items(plan, position, span_start, span_finish, calendar)]
    task, category, start, finish, amount, work = (np.concatenate(c) for c in zip(*parts,
                                                                                   strict=True))
    return CostItems(task.astype(np.int64), category.astype(np.int64), start, finish, amount,
                     work, len(tasks))


@dataclass(frozen=True)
class LabourRates:
    """What every assignment costs per working day, and the days its resource is off.

    Attributes
    ----------
    task : np.ndarray
        Task position of each assignment row.
    units, rate : np.ndarray
        Units of each assignment and its resource's day rate.
    off_item, off_day : np.ndarray
        Every (assignment row, working-day index) pair on which the assignment's
        resource is off: such a day inside the task is not paid.
    """

    task: np.ndarray
    units: np.ndarray
    rate: np.ndarray
    off_item: np.ndarray
    off_day: np.ndarray

    @property
    def per_day(self) -> np.ndarray:
        """``units x rate``: what each assignment costs per working day of its task."""
        return self.units * self.rate


def labour_rates(plan: Plan, calendar: WorkCalendar | None = None,
                 position: pd.Index | None = None) -> LabourRates:
    """Day rates and days off of every assignment (see the module docstring).

    Examples
    --------
    >>> import workbench
    >>> labour = labour_rates(workbench.load_plan(workbench.sample_plan_path()))
    >>> float(labour.per_day[labour.task == 1].sum())  # T1: PM, BA, half a change manager
    1725.0
    """
    calendar = calendar or WorkCalendar(plan.project)
    position = position if position is not None else pd.Index(plan.tasks["id"])
    assignments, resources = plan.assignments, plan.resources
    rate = assignments["resource"].map(resources.set_index("id")["rate"]).to_numpy(np.float64)
    pairs = pd.DataFrame({"item": np.arange(len(assignments)),
                          "resource": assignments["resource"].to_numpy()})
    pairs = pairs.merge(_days_off(resources, calendar), on="resource")
    return LabourRates(task=position.get_indexer(assignments["task"]),
                       units=assignments["units"].to_numpy(dtype=np.float64), rate=rate,
                       off_item=pairs["item"].to_numpy(dtype=np.int64),
                       off_day=pairs["day"].to_numpy(dtype=np.float64))


def day_overlap(start: np.ndarray, finish: np.ndarray,
                day: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the spans ``[start, finish)`` meet the working days ``[day, day + 1)``.

    Returns
    -------
    tuple of np.ndarray
        ``(lo, hi)``: the overlap is ``[lo, hi)`` where ``hi > lo``, else there is none.

    Examples
    --------
    >>> lo, hi = day_overlap(np.array([2.0, 2.0]), np.array([4.5, 4.5]), np.array([4.0, 6.0]))
    >>> (hi - lo).tolist()
    [0.5, -1.5]
    """
    return np.maximum(start, day), np.minimum(finish, day + 1)


def _labour_items(plan: Plan, position: pd.Index, span_start: np.ndarray,
                  span_finish: np.ndarray, works: np.ndarray,
                  calendar: WorkCalendar) -> tuple[np.ndarray, ...]:
    labour = labour_rates(plan, calendar, position)
    keep = np.flatnonzero(works[labour.task])
    task, units, rate = labour.task[keep], labour.units[keep], labour.rate[keep]
    start, finish = span_start[task], span_finish[task]
    work = units * (finish - start)
    items = [(task, np.full(len(task), LABOUR), start, finish, work * rate, work)]
    off = works[labour.task[labour.off_item]]
    i, day = labour.off_item[off], labour.off_day[off]
    if len(i):
        off_task = labour.task[i]
        lo, hi = day_overlap(span_start[off_task], span_finish[off_task], day)
        hit = hi > lo
        i, off_task, lo, hi = i[hit], off_task[hit], lo[hit], hi[hit]
        off_work = -labour.units[i] * (hi - lo)
        items.append((off_task, np.full(len(i), LABOUR), lo, hi, off_work * labour.rate[i],
                      off_work))
    return tuple(np.concatenate(c) for c in zip(*items, strict=True))


def _days_off(resources: pd.DataFrame, calendar: WorkCalendar) -> pd.DataFrame:
    """(resource, working-day index) for every day off that is a project working day."""
    rows = [(rid, day) for rid, text in zip(resources["id"], resources["time_off"], strict=True)
            for day in expand_dates(text)]
    if not rows:
        return pd.DataFrame({"resource": pd.Series(dtype=object),
                             "day": pd.Series(dtype=np.int64)})
    frame = pd.DataFrame(rows, columns=["resource", "date"])
    dates = frame["date"].to_numpy(dtype="datetime64[D]")
    working = calendar.is_working(dates)
    frame = frame[working]
    return pd.DataFrame({"resource": frame["resource"].to_numpy(),
                         "day": calendar.start_offset(dates[working]).astype(np.int64)})


def _cost_line_items(plan: Plan, position: pd.Index, span_start: np.ndarray,
                     span_finish: np.ndarray, calendar: WorkCalendar) -> tuple[np.ndarray, ...]:
    lines = plan.cost_lines
    task = position.get_indexer(lines["task"])  # "" -> -1: a project-level line
    dated = lines["date"].notna().to_numpy()
    day = np.zeros(len(lines))
    if dated.any():
        day[dated] = calendar.start_offset(lines["date"].to_numpy("datetime64[D]")[dated])
    safe = np.maximum(task, 0)
    start = np.where(dated, day, span_start[safe]) if len(lines) else day
    finish = np.where(dated, day + 1, span_finish[safe]) if len(lines) else day
    category = pd.Index(COST_CATEGORIES).get_indexer(lines["category"])
    amount = lines["amount"].to_numpy(dtype=np.float64)
    return task, category, start, finish, amount, np.zeros(len(lines))


@dataclass(frozen=True)
class TaskIndex:
    """Task ids as a pandas index (for lookups) and the WBS over their positions."""

    position: pd.Index
    hierarchy: Hierarchy

    @classmethod
    def of(cls, plan: Plan) -> TaskIndex:
        """Build it once per plan; every lookup of task ids then reuses the same index.

        Examples
        --------
        >>> import workbench
        >>> index = TaskIndex.of(workbench.load_plan(workbench.sample_plan_path()))
        >>> int(index.hierarchy.is_summary.sum())
        14
        """
        position = pd.Index(plan.tasks["id"].to_numpy(dtype=object))
        # Few distinct parents: look those up, not every row.
        code, parents = pd.factorize(plan.tasks["parent"].to_numpy(dtype=object))
        parent = position.get_indexer(parents)[code] if len(code) else code
        return cls(position, build_hierarchy(parent))


def wbs_sum(plan: Plan, values: np.ndarray, index: TaskIndex | None = None) -> np.ndarray:
    """Per task: the value itself for a leaf, the sum over its leaves for a summary.

    Parameters
    ----------
    plan : Plan
    values : np.ndarray
        One value per task (summary values are ignored), shape ``(n,)`` or ``(n, k)``.
    index : TaskIndex, optional
        ``TaskIndex.of(plan)`` if already at hand.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model import Project
    >>> plan = Plan.build(Project(start=dt.date(2027, 1, 4)),
    ...                   tasks=[{"id": "S"}, {"id": "A", "parent": "S", "duration": 1},
    ...                          {"id": "B", "parent": "S", "duration": 1}])
    >>> wbs_sum(plan, np.array([0.0, 2.0, 3.0])).tolist()
    [5.0, 2.0, 3.0]
    """
    hierarchy = (index or TaskIndex.of(plan)).hierarchy
    anc, leaf = hierarchy.leaf_of
    values = np.asarray(values, dtype=np.float64)
    leaf_values = np.where(hierarchy.is_summary.reshape(-1, *([1] * (values.ndim - 1))),
                           0.0, values)[leaf]
    if values.ndim == 1:
        return np.bincount(anc, leaf_values, minlength=len(values))
    return np.stack([np.bincount(anc, leaf_values[:, k], minlength=len(values))
                     for k in range(values.shape[1])], axis=1)


def task_costs(plan: PlanOrSchedule, items: CostItems | None = None) -> pd.DataFrame:
    """Work and cost per task, summaries rolled up from their tasks.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.
    items : CostItems, optional
        ``cost_items(plan)`` if already at hand.

    Returns
    -------
    pd.DataFrame
        Columns in ``TASK_COST_COLUMNS``, indexed by task id.

    Examples
    --------
    >>> import workbench
    >>> costs = task_costs(workbench.load_plan(workbench.sample_plan_path()))
    >>> costs.loc["T1", ["work", "labour"]].tolist()  # PM, BA and half a change manager
    [25.0, 17250.0]
    """
    items = items if items is not None else cost_items(plan)
    plan = plan_of(plan)
    is_labour = items.category == LABOUR
    per_task = np.stack([items.per_task(items.work),
                         items.per_task(np.where(is_labour, items.amount, 0.0)),
                         items.per_task(np.where(is_labour, 0.0, items.amount))], axis=1)
    rolled = wbs_sum(plan, per_task)
    frame = pd.DataFrame(rolled, columns=["work", "labour", "fixed"],
                         index=pd.Index(plan.tasks["id"].to_numpy(), name="id", dtype=object))
    frame["cost"] = frame["labour"] + frame["fixed"]
    return frame


def cost_by_category(plan: PlanOrSchedule, items: CostItems | None = None) -> pd.DataFrame:
    """Budget, planned and actual cost per category, reserves as their own rows.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.
    items : CostItems, optional
        ``cost_items(plan)`` if already at hand.

    Returns
    -------
    pd.DataFrame
        Columns in ``CATEGORY_COLUMNS``, one row per cost category and reserve.

    Examples
    --------
    >>> import workbench
    >>> table = cost_by_category(workbench.load_plan(workbench.sample_plan_path()))
    >>> table.loc["labour", "planned"]
    np.float64(393780.0)
    """
    items = items if items is not None else cost_items(plan)
    plan = plan_of(plan)
    categories = list(COST_CATEGORIES) + list(RESERVE_CATEGORIES)
    planned = np.bincount(items.category, items.amount, minlength=len(categories))
    actuals = plan.actuals
    actual = np.bincount(pd.Index(categories).get_indexer(actuals["category"]),
                         actuals["amount"].to_numpy(dtype=np.float64),
                         minlength=len(categories)).astype(np.float64)
    budget = plan.budget.set_index("category")["amount"].reindex(categories).fillna(0.0)
    frame = pd.DataFrame({"budget": budget.to_numpy(), "planned": planned, "actual": actual},
                         index=pd.Index(categories, name="category", dtype=object))
    frame["variance"] = frame["budget"] - frame["planned"]
    frame["remaining"] = frame["budget"] - frame["actual"]
    return frame
