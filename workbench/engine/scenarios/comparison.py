"""Comparing scenarios: KPI tables, per-task deltas and one-parameter sweeps.

Result columns:

- :func:`compare` and :func:`sweep`: ``description`` and ``base`` (compare only),
  then the columns of the registered KPIs (see :mod:`workbench.engine.scenarios.kpis`).
- :func:`task_deltas`: one row per task, columns in :data:`TASK_DELTA_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from workbench.engine.scenarios.kpis import KPIS, Kpi, default_kpis
from workbench.engine.scenarios.runner import Outcome, ScenarioRunner
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.scheduler import Schedule
from workbench.model import Plan, PlanError, Problem
from workbench.model.arguments import expect, expect_plan
from workbench.model.scenario import PLAN_BASE, Change, Scenario, change_problems

ScenarioLike = Scenario | Mapping[str, Any] | str

TASK_DELTA_COLUMNS: dict[str, str] = {
    "name": "Task name",
    "status": "'added', 'removed', 'moved' or 'same'",
    "moved": "True when the start or finish date changed",
    "is_summary": "True for summary tasks",
    "base_start": "Start in the base",
    "start": "Start in the scenario",
    "start_change": "Working days the start moved (base calendar; + = later)",
    "base_finish": "Finish in the base",
    "finish": "Finish in the scenario",
    "finish_change": "Working days the finish moved (base calendar; + = later)",
    "base_float": "Total float in the base (working days)",
    "total_float": "Total float in the scenario",
    "float_change": "Change in total float (working days)",
    "base_critical": "Critical in the base",
    "critical": "Critical in the scenario",
}
"""Every column of :func:`task_deltas` and what it means."""


def _kpis(kpis: Sequence[str] | None) -> list[Kpi]:
    names = default_kpis() if kpis is None else list(kpis)
    unknown = [n for n in names if n not in KPIS]
    if unknown:
        raise PlanError(Problem("kpis", None, None, f"unknown KPI(s) {unknown} "
                                                    f"(known: {', '.join(KPIS)})"))
    return [KPIS[n] for n in names]


def kpi_rows(outcomes: Iterable[Outcome], base: Outcome, kpis: Sequence[str] | None = None
             ) -> list[dict[str, Any]]:
    """One mapping of KPI columns per outcome, deltas against ``base``."""
    chosen = _kpis(kpis)
    base_values = [(k.value(base.plan, base.schedule), base.schedule) for k in chosen]
    rows = []
    for outcome in outcomes:
        row: dict[str, Any] = {}
        for kpi, reference in zip(chosen, base_values, strict=True):
            row.update(kpi.row(outcome.plan, outcome.schedule, reference))
        rows.append(row)
    return rows


def compare(plan: Plan, scenarios: Iterable[ScenarioLike] | None = None,
            kpis: Sequence[str] | None = None, runner: ScenarioRunner | None = None
            ) -> pd.DataFrame:
    """The KPIs of the plan and some scenarios, side by side.

    Parameters
    ----------
    plan : Plan
        The base plan (holding the scenarios named).
    scenarios : iterable, optional
        Names of saved scenarios, :class:`Scenario` objects or their mappings;
        default every scenario saved in the plan.
    kpis : sequence of str, optional
        Names of registered KPIs; default all (see
        :data:`workbench.engine.scenarios.kpis.KPIS`).
    runner : ScenarioRunner, optional
        A runner on ``plan`` to reuse (it caches outcomes of saved scenarios).

    Returns
    -------
    pandas.DataFrame
        Indexed by scenario name, the plan first (``"plan"``); columns
        ``description``, ``base`` and the KPI columns, deltas against the plan.

    Raises
    ------
    PlanError
        Naming the scenario and change that does not fit the plan.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> table = compare(plan, ["vendor slips 2 weeks"])
    >>> table.index.tolist()
    ['plan', 'vendor slips 2 weeks']
    >>> table.loc["vendor slips 2 weeks", "slip_days"]
    np.float64(3.0)
    """
    plan = expect_plan(plan)
    if isinstance(scenarios, Scenario | Mapping | str):
        raise TypeError(f"scenarios must be a list of scenarios, got one "
                        f"{type(scenarios).__name__}; wrap it in a list")
    runner = runner or ScenarioRunner(plan)
    chosen = list(plan.scenarios) if scenarios is None else list(scenarios)
    outcomes = [runner.base] + [runner.run(s) for s in chosen]
    info = [{"scenario": PLAN_BASE, "description": "The plan as it is", "base": ""}]
    for item in chosen:
        scenario = _scenario(plan, item)
        info.append({"scenario": scenario.name, "description": scenario.description,
                     "base": scenario.base})
    rows = kpi_rows(outcomes, runner.base, kpis)
    frame = pd.DataFrame([{**i, **r} for i, r in zip(info, rows, strict=True)])
    return frame.set_index("scenario")


def _scenario(plan: Plan, item: ScenarioLike) -> Scenario:
    if isinstance(item, str):
        if item == PLAN_BASE:
            return Scenario("plan (copy)", description="The plan as it is")
        return next(s for s in plan.scenarios if s.name == item)
    return Scenario.from_dict(item)


def task_deltas(plan: Plan, scenario: ScenarioLike, base: ScenarioLike = PLAN_BASE,
                runner: ScenarioRunner | None = None) -> pd.DataFrame:
    """How every task moved between two scenarios (or a scenario and the plan).

    Parameters
    ----------
    plan : Plan
        The plan holding the scenarios.
    scenario, base : str, Scenario or mapping
        The two to compare; ``base`` defaults to the plan itself.
    runner : ScenarioRunner, optional
        A runner on ``plan`` to reuse.

    Returns
    -------
    pandas.DataFrame
        Indexed by task id (the base's tasks in plan order, then added ones);
        columns in :data:`TASK_DELTA_COLUMNS`. Changes are in working days of the
        base's calendar.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> moves = task_deltas(plan, "vendor slips 2 weeks")
    >>> moves.loc["T16", ["start_change", "finish_change"]].tolist()
    [9.0, 9.0]
    >>> moves.loc["T1", "status"]
    'same'
    """
    runner = runner or ScenarioRunner(expect_plan(plan))
    return schedule_deltas(runner.run(base).schedule, runner.run(scenario).schedule)


def schedule_deltas(base: Schedule, other: Schedule) -> pd.DataFrame:
    """Per-task changes from schedule ``base`` to ``other`` (see :func:`task_deltas`)."""
    a, b = base.tasks, other.tasks
    ids = a.index.append(b.index.difference(a.index, sort=False))
    a, b = a.reindex(ids), b.reindex(ids)
    in_a, in_b = ids.isin(base.tasks.index), ids.isin(other.tasks.index)
    busdaycal = WorkCalendar(base.plan.project).busdaycal

    def moved_days(old: pd.Series, new: pd.Series) -> np.ndarray:
        both = old.notna().to_numpy() & new.notna().to_numpy()
        out = np.full(len(ids), np.nan)
        out[both] = np.busday_count(old.to_numpy("datetime64[D]")[both],
                                    new.to_numpy("datetime64[D]")[both], busdaycal=busdaycal)
        return out

    start_change = moved_days(a["start"], b["start"])
    finish_change = moved_days(a["finish"], b["finish"])
    moved = (np.nan_to_num(start_change) != 0) | (np.nan_to_num(finish_change) != 0)
    status = np.select([~in_a, ~in_b, moved], ["added", "removed", "moved"], "same")
    frame = pd.DataFrame({
        "name": b["name"].where(in_b, a["name"]).to_numpy(),
        "status": status,
        "moved": moved,
        "is_summary": b["is_summary"].where(in_b, a["is_summary"]).astype(bool).to_numpy(),
        "base_start": a["start"].to_numpy(),
        "start": b["start"].to_numpy(),
        "start_change": start_change,
        "base_finish": a["finish"].to_numpy(),
        "finish": b["finish"].to_numpy(),
        "finish_change": finish_change,
        "base_float": a["total_float"].to_numpy(dtype=np.float64),
        "total_float": b["total_float"].to_numpy(dtype=np.float64),
        "float_change": (b["total_float"] - a["total_float"]).to_numpy(dtype=np.float64),
        "base_critical": a["critical"].fillna(False).astype(bool).to_numpy(),
        "critical": b["critical"].fillna(False).astype(bool).to_numpy(),
    }, index=pd.Index(ids, name="id", dtype=object))
    return frame


def sweep(plan: Plan, change_template: Change | Mapping[str, Any], values: Iterable[Any],
          base: str = PLAN_BASE, kpis: Sequence[str] | None = None,
          runner: ScenarioRunner | None = None) -> pd.DataFrame:
    """The KPIs over a range of one parameter (a time/cost trade-off, say).

    Parameters
    ----------
    plan : Plan
        The plan holding ``base``.
    change_template : Change or mapping
        One change without its parameter (``value`` for set, ``factor`` for scale,
        ``days`` for delay and shift_start, ``units`` for add_units).
    values : iterable
        The parameter values, one row each.
    base : str
        The plan (default) or a saved scenario the change is applied on.
    kpis : sequence of str, optional
        Names of registered KPIs; default all.
    runner : ScenarioRunner, optional
        A runner on ``plan`` to reuse.

    Returns
    -------
    pandas.DataFrame
        Indexed by the parameter (named after it), KPI columns with deltas against
        ``base``.

    Raises
    ------
    PlanError
        When the template is malformed, or a value gives a change that does not fit.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> vendor = sweep(plan, {"op": "delay", "id": "M3"}, [0, 5, 10])
    >>> vendor["slip_days"].tolist()
    [0.0, 0.0, 4.0]
    """
    plan = expect_plan(plan)
    template = Change.from_dict(expect(change_template, (Change, Mapping), "change_template"))
    if template.parameter is None:
        raise PlanError(Problem("sweep", None, None, f"a {template.op!r} change has no "
                                                     "parameter to vary"))
    values = list(values)
    probe = template.with_parameter(values[0] if values else 0)
    problems = change_problems(probe)
    if problems:
        raise PlanError([Problem("sweep", None, None, p) for p in problems])
    runner = runner or ScenarioRunner(plan)
    origin = runner.run(base)
    outcomes = [runner.run_changes([template.with_parameter(v)], name=f"{template.parameter}"
                                   f"={v}", base=base) for v in values]
    rows = kpi_rows(outcomes, origin, kpis)
    return pd.DataFrame(rows, index=pd.Index(values, name=template.parameter))
