"""A plan's cost as a function of its task durations, for many sets of durations at once.

The money engine (:mod:`workbench.engine.money.cost`) prices one schedule. Schedule risk
needs the same prices for thousands of schedules, so this module states that cost in
the form it has in durations, built from the money engine's own pieces
(:func:`~workbench.engine.money.cost.labour_rates`,
:func:`~workbench.engine.money.cost.day_overlap`):

- **labour** is linear: every assignment costs ``units x rate`` per working day of its
  task, so a task costs ``per_day`` (the sum over its assignments) per day of duration.
  Effort-driven tasks are no exception: effort only sets the planned duration, and a
  task that runs longer pays its people for longer. Milestones (zero length) take none.
- **cost lines** do not depend on durations at all: a dated line falls due on its day,
  an undated one is spread over its task whatever the task's length (``fixed``).
- **resource days off** are *not* linear in durations: whether a day off falls inside a
  task depends on where the task starts, hence on its predecessors' durations. They are
  priced exactly from each task's start and duration, per (assignment, day off) pair
  (:meth:`DurationCost.days_off`), a handful of pairs on a real plan.

The cost of ``k`` schedules is then one matrix product plus that correction:
``per_day @ duration + fixed - days_off(start, duration)``, equal to the total of
:func:`~workbench.engine.money.cost.cost_items` of each schedule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from workbench.engine.money.cost import day_overlap, labour_rates
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.model.plan import Plan


@dataclass(frozen=True)
class DurationCost:
    """The plan's total cost in terms of task durations and starts.

    Attributes
    ----------
    per_day : np.ndarray
        Labour cost per working day of duration, per task position.
    fixed : float
        Cost lines (on tasks or the project): the same whatever the durations.
    off_task, off_day, off_rate : np.ndarray
        Per (assignment, day off) pair: the task position, the working-day index of the
        day off and the labour cost of that whole day (``units x rate``), not paid when
        the day falls inside the task.
    """

    per_day: np.ndarray
    fixed: float
    off_task: np.ndarray
    off_day: np.ndarray
    off_rate: np.ndarray

    def days_off(self, start: np.ndarray, duration: np.ndarray) -> np.ndarray:
        """Labour not paid because a day off falls inside its task.

        Parameters
        ----------
        start, duration : np.ndarray
            Start offset and duration (working days) per task position, shape ``(n,)``
            or ``(n, k)`` for ``k`` schedules.

        Returns
        -------
        np.ndarray
            Shape ``()`` or ``(k,)``.
        """
        tasks, which = np.unique(self.off_task, return_inverse=True)
        first = np.asarray(start)[tasks]
        last = first + np.asarray(duration)[tasks]
        day, rate = self.off_day.astype(first.dtype), self.off_rate
        if first.ndim == 2:
            # A day off no schedule of the batch reaches costs nothing: most pairs of a
            # real plan are weeks away from their task, so drop them before the overlap.
            near = (day + 1 > first.min(axis=1)[which]) & (day < last.max(axis=1)[which])
            which, day, rate = which[near], day[near, None], rate[near]
        first, last = first[which], last[which]
        lo, hi = day_overlap(first, last, day)
        np.subtract(hi, lo, out=hi)
        np.maximum(hi, 0, out=hi)
        return rate @ hi.astype(np.float64, copy=False)

    def cost(self, start: np.ndarray, duration: np.ndarray) -> np.ndarray:
        """Total cost of one ``(n,)`` or ``k`` ``(n, k)`` schedules.

        Examples
        --------
        >>> import workbench
        >>> from workbench.engine.scheduling.compiled import compile_plan
        >>> from workbench.engine.scheduling.cpm import run_passes
        >>> plan = workbench.load_plan(workbench.sample_plan_path())
        >>> net = compile_plan(plan)
        >>> passes = run_passes(net)
        >>> float(duration_cost(plan).cost(passes.early_start, net.duration))
        474380.0
        """
        duration = np.asarray(duration)
        labour = self.per_day @ duration.astype(np.float64)
        return labour + self.fixed - self.days_off(start, duration)


def duration_cost(plan: Plan, calendar: WorkCalendar | None = None) -> DurationCost:
    """The plan's cost as a function of task durations (see the module docstring).

    Parameters
    ----------
    plan : Plan
    calendar : WorkCalendar, optional
        The project calendar, if already built.

    Returns
    -------
    DurationCost

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> form = duration_cost(plan)
    >>> float(form.per_day[list(plan.tasks["id"]).index("T1")]), form.fixed
    (1725.0, 80600.0)
    """
    labour = labour_rates(plan, calendar)
    per_day = labour.per_day
    return DurationCost(
        per_day=np.bincount(labour.task, per_day, minlength=len(plan.tasks)),
        fixed=float(plan.cost_lines["amount"].sum()),
        off_task=labour.task[labour.off_item],
        off_day=labour.off_day,
        off_rate=per_day[labour.off_item])
