"""The KPIs scenarios are compared on: a small registry of named functions.

Each :class:`Kpi` computes one value from a plan and its schedule and, optionally,
the columns that say how it differs from the base (``slip_days`` for the finish,
``working_days_delta`` for the length, ...). :func:`workbench.engine.scenarios.comparison.compare`
and :func:`workbench.engine.scenarios.comparison.sweep` show every registered KPI, in registration
order; other parts of the workbench add theirs with :func:`register_kpi` (total cost,
P80 finish, ...).

Columns the built-in KPIs give:

{columns}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.engine.columns import KPI_COLUMNS, bullet_list
from workbench.engine.money.cost import cost_by_category
from workbench.engine.resources.workload import loading
from workbench.engine.risk.montecarlo import simulate
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.defaults import SEED
from workbench.engine.scheduling.scheduler import Schedule
from workbench.model import Plan

Delta = Callable[[Any, Any, Schedule], Mapping[str, Any]]


@dataclass(frozen=True)
class Kpi:
    """One comparison KPI.

    Attributes
    ----------
    name : str
        Column of the value (unless ``show_value`` is False).
    label : str
        What a PM reads in a table header or chart axis.
    value : callable
        ``value(plan, schedule)``: the KPI of one scenario.
    delta : callable, optional
        ``delta(value, base_value, base_schedule)``: a mapping of extra columns saying
        how the scenario differs from the base (the base schedule gives calendars).
    show_value : bool
        Whether ``value`` itself is a column (False for helpers such as the set of
        critical tasks, which only its delta columns show).
    by_default : bool
        Whether comparisons show it unless told which KPIs to show (False for KPIs too
        slow for every comparison, such as the Monte Carlo P80).
    """

    name: str
    label: str
    value: Callable[[Plan, Schedule], Any]
    delta: Delta | None = None
    show_value: bool = True
    by_default: bool = True

    def row(self, plan: Plan, schedule: Schedule, base: tuple[Any, Schedule] | None = None
            ) -> dict[str, Any]:
        """This KPI's columns for one scenario, and the value (for later deltas).

        ``base`` is ``(base_value, base_schedule)``; without it the deltas are left out.
        """
        value = self.value(plan, schedule)
        out: dict[str, Any] = {self.name: value} if self.show_value else {}
        if self.delta is not None and base is not None:
            out.update(self.delta(value, *base))
        return out


KPIS: dict[str, Kpi] = {}
"""Registered KPIs by name, in the order comparisons show them."""


def default_kpis() -> list[str]:
    """Names of the KPIs a comparison shows when not told which.

    Examples
    --------
    >>> "finish" in default_kpis(), "p80_finish" in default_kpis()
    (True, False)
    """
    return [name for name, kpi in KPIS.items() if kpi.by_default]


def register_kpi(kpi: Kpi) -> Kpi:
    """Add (or replace) a KPI that comparisons and sweeps show.

    Examples
    --------
    >>> tasks = register_kpi(Kpi("task_count", "Tasks", lambda plan, s: len(plan.tasks)))
    >>> "task_count" in KPIS
    True
    >>> del KPIS["task_count"]
    """
    KPIS[kpi.name] = kpi
    return kpi


def difference(name: str) -> Delta:
    """A delta giving ``value - base_value`` in the column ``name``.

    Examples
    --------
    >>> difference("x_delta")(5.0, 3.0, None)
    {'x_delta': 2.0}
    """
    return lambda value, base_value, _base: {name: value - base_value}


def slip_days(finish: pd.Timestamp, base_finish: pd.Timestamp, base: Schedule
              ) -> dict[str, float]:
    """Working days (base calendar) from the base finish to the scenario finish.

    Examples
    --------
    >>> import workbench
    >>> base = workbench.schedule(workbench.load_plan(workbench.sample_plan_path()))
    >>> slip_days(pd.Timestamp("2027-08-30"), base.finish, base)  # Wed -> next Mon
    {'slip_days': 3.0}
    """
    calendar = WorkCalendar(base.plan.project)
    days = np.busday_count(np.datetime64(base_finish, "D"), np.datetime64(finish, "D"),
                           busdaycal=calendar.busdaycal)
    return {"slip_days": float(days)}


def total_cost(plan: Plan, schedule: Schedule) -> float:
    """Planned cost at completion: labour, fixed task costs and cost lines (no reserves).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> total_cost(plan, workbench.schedule(plan))
    474380.0
    """
    return float(cost_by_category(schedule)["planned"].sum())


#: Iterations of the Monte Carlo run behind the P80 KPI: enough for a stable P80 to
#: about a working day on plans like the sample, cheap enough for live comparisons.
P80_ITERATIONS = 2_000


def p80_finish(plan: Plan, schedule: Schedule) -> pd.Timestamp:
    """The finish date met in 80 % of a seeded Monte Carlo run (risks before response).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> p80_finish(plan, workbench.schedule(plan)) > pd.Timestamp("2027-08-25")
    True
    """
    return simulate(plan, iterations=P80_ITERATIONS, seed=SEED, criticality=False).percentile(80)


def p80_slip_days(p80: pd.Timestamp, base_p80: pd.Timestamp, base: Schedule
                  ) -> dict[str, float]:
    """Working days from the base's P80 finish to the scenario's."""
    return {"p80_slip_days": slip_days(p80, base_p80, base)["slip_days"]}


def critical_tasks(plan: Plan, schedule: Schedule) -> int:
    """Number of critical work tasks and milestones (summaries not counted)."""
    tasks = schedule.tasks
    return int((tasks["critical"] & ~tasks["is_summary"]).sum())


def critical_path_change(path: tuple[str, ...], base_path: tuple[str, ...], _base: Schedule
                         ) -> dict[str, Any]:
    """Whether the critical tasks changed, and which entered and left the path.

    Examples
    --------
    >>> critical_path_change(("A", "C"), ("A", "B"), None)
    {'critical_path_changed': True, 'entered_critical': 'C', 'left_critical': 'B'}
    """
    entered = [t for t in path if t not in set(base_path)]
    left = [t for t in base_path if t not in set(path)]
    return {"critical_path_changed": bool(entered or left),
            "entered_critical": ", ".join(entered), "left_critical": ", ".join(left)}


def peak_load(plan: Plan, schedule: Schedule) -> float:
    """The highest daily load of any resource as a share of its capacity (1.0 = full).

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> peak_load(plan, workbench.schedule(plan))  # someone is double-booked
    2.0
    """
    daily = loading(schedule, freq="D")
    busy = daily[daily["capacity"] > 0]
    if busy.empty:
        return 0.0
    return float((busy["load"] / busy["capacity"]).max())


def missed_deadlines(plan: Plan, schedule: Schedule) -> int:
    """Number of tasks finishing after their deadline."""
    return int(schedule.tasks["deadline_missed"].sum())


for _kpi in (
    Kpi("finish", "Finish", lambda plan, s: s.finish, slip_days),
    Kpi("working_days", "Working days", lambda plan, s: s.length,
        difference("working_days_delta")),
    Kpi("critical_tasks", "Critical tasks", critical_tasks, difference("critical_tasks_delta")),
    Kpi("critical_path", "Critical path", lambda plan, s: tuple(s.critical_path),
        critical_path_change, show_value=False),
    Kpi("missed_deadlines", "Missed deadlines", missed_deadlines),
    Kpi("peak_load", "Peak resource load", peak_load, difference("peak_load_delta")),
    Kpi("total_cost", "Total cost", total_cost, difference("cost_delta")),
    Kpi("p80_finish", "P80 finish", p80_finish, p80_slip_days, by_default=False),
):
    register_kpi(_kpi)


__doc__ = __doc__.format(columns=bullet_list(KPI_COLUMNS))
