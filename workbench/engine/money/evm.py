"""Earned value at a status date, by project, task or WBS branch, and its history.

Standard PMI definitions, measured against the current baseline (without one, the
current schedule and costs stand in for it; see
:func:`workbench.engine.money.baseline.measurement_baseline`):

- BAC: a task's baseline cost; PV: the share of it planned up to the *end* of the
  status day (each task's baseline cost spread evenly over its baseline working days);
  EV: ``percent_complete`` x BAC; AC: actuals dated on or before the status date.
- Summaries and the project add up their tasks. Cost lines without a task are not
  part of the measured work (and actuals always name a task).
- ``eac`` = BAC / CPI (AC + BAC - EV while CPI is undefined, i.e. nothing spent);
  ``eac_remaining_at_budget`` = AC + (BAC - EV); ``eac_cpi_spi`` = AC + (BAC - EV) /
  (CPI x SPI); ``tcpi`` = (BAC - EV) / (BAC - AC).
- Earned schedule: ``es`` is the time (working days from the project start) at which
  the baseline planned to have earned today's EV; ``at`` is the time now (end of the
  status day); ``sv_t = es - at`` and ``spi_t = es / at``. Work exactly on plan has
  ``es = at``.

Columns of :func:`earned_value`:

{columns}
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from workbench.engine.columns import EVM_COLUMNS, bullet_list
from workbench.engine.money.baseline import MeasurementBaseline, measurement_baseline
from workbench.engine.money.cost import TaskIndex
from workbench.engine.money.phasing import spread, spread_until
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.plan_or_schedule import PlanOrSchedule, as_schedule, plan_of
from workbench.model.arguments import expect_plan
from workbench.model.errors import PlanError, Problem
from workbench.model.plan import Plan
from workbench.model.schema import EVM_HISTORY

BY = (None, "task", "wbs")

__doc__ = __doc__.format(columns=bullet_list(EVM_COLUMNS))

_BISECTIONS = 48


def evm_indices(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the derived measures (sv ... eac_cpi_spi) to a frame with bac, pv, ev, ac.

    Examples
    --------
    >>> fence = evm_indices(pd.DataFrame({"bac": [4000.0], "pv": [3000.0],
    ...                                   "ev": [2500.0], "ac": [2800.0]}))
    >>> fence[["sv", "cv", "eac"]].round(1).iloc[0].tolist()
    [-500.0, -300.0, 4480.0]
    """
    bac, pv, ev, ac = (frame[c].to_numpy(dtype=np.float64) for c in ("bac", "pv", "ev", "ac"))
    with np.errstate(divide="ignore", invalid="ignore"):
        spi = np.where(pv > 0, ev / pv, np.nan)
        cpi = np.where(ac > 0, ev / ac, np.nan)
        at_budget = ac + bac - ev
        eac = np.where(cpi > 0, bac / cpi, at_budget)
        both = cpi * spi
        eac_cpi_spi = np.where(both > 0, ac + (bac - ev) / both, at_budget)
        tcpi = np.where(bac != ac, (bac - ev) / (bac - ac), np.nan)
    return frame.assign(sv=ev - pv, cv=ev - ac, spi=spi, cpi=cpi, eac=eac, etc=eac - ac,
                        vac=bac - eac, tcpi=tcpi, eac_remaining_at_budget=at_budget,
                        eac_cpi_spi=eac_cpi_spi)


def _status_end(plan: Plan, calendar: WorkCalendar, status_date: dt.date | None) -> tuple:
    status = status_date or plan.project.status_date
    if status is None:
        raise PlanError(Problem("project", None, "status_date",
                                "is needed for earned value (or pass status_date)"))
    day = np.datetime64(pd.Timestamp(status).date(), "D")
    return day, float(calendar.finish_offset(day))


def earned_value(plan: PlanOrSchedule, status_date: dt.date | None = None,
                 by: str | None = None) -> pd.DataFrame:
    """Earned value at the status date for the project, every task or every WBS branch.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand (only scheduled without a
        current baseline).
    status_date : date, optional
        Inclusive: work planned on that day counts in PV. Default: the project's.
    by : {None, "task", "wbs"}
        ``None``: one row for the project (index ``"project"``); ``"task"``: one row
        per task, summaries rolled up; ``"wbs"``: one row per summary task (branch).

    Returns
    -------
    pd.DataFrame
        Columns in ``EVM_COLUMNS``.

    Raises
    ------
    PlanError
        Without a status date.
    ValueError
        For an unknown ``by``.

    Examples
    --------
    >>> import workbench
    >>> evm = earned_value(workbench.load_plan(workbench.sample_plan_path()))
    >>> evm.loc["project", ["spi", "cpi"]].round(3).tolist()
    [0.951, 0.943]
    """
    given, plan = plan, plan_of(plan)
    if by not in BY:
        raise ValueError(f"by must be one of None, 'task', 'wbs', got {by!r}")
    calendar = WorkCalendar(plan.project)
    day, at = _status_end(plan, calendar, status_date)
    index = TaskIndex.of(plan)
    base = measurement_baseline(given, calendar, index=index)
    tasks = plan.tasks
    n = len(tasks)
    pv = spread_until(base.start, base.finish, base.bac, at)
    ev = base.bac * tasks["percent_complete"].to_numpy(dtype=np.float64) / 100
    actuals = plan.actuals
    booked = (actuals["date"].to_numpy("datetime64[D]") <= day)
    ac = np.bincount(index.position.get_indexer(actuals["task"][booked]),
                     actuals["amount"].to_numpy(dtype=np.float64)[booked], minlength=n)
    if by is None:
        group = np.zeros(n, dtype=np.int64)
        leaf = np.arange(n)
        index = pd.Index(["project"], name="group", dtype=object)
        names = np.array([plan.project.name], dtype=object)
        keep = np.array([0])
    else:
        hierarchy = index.hierarchy
        group, leaf = hierarchy.leaf_of
        keep = np.flatnonzero(hierarchy.is_summary) if by == "wbs" else np.arange(n)
        index = pd.Index(tasks["id"].to_numpy()[keep], name="id", dtype=object)
        names = tasks["name"].to_numpy()[keep]
    size = n if by is not None else 1
    sums = [np.bincount(group, v[leaf], minlength=size)[keep] for v in (base.bac, pv, ev, ac)]
    frame = pd.DataFrame(dict(zip(("bac", "pv", "ev", "ac"), sums, strict=True)), index=index)
    frame.insert(0, "name", names)
    frame = evm_indices(frame)
    es = _earned_schedule(base, group, leaf, size, ev, at, by is None)[keep]
    on_plan = np.abs(frame["ev"] - frame["pv"]).to_numpy() <= 1e-9 * np.maximum(
        1.0, frame["bac"].to_numpy())
    frame["es"] = np.where(on_plan, at, es)
    frame["at"] = at
    frame["sv_t"] = frame["es"] - at
    frame["spi_t"] = frame["es"] / at if at > 0 else np.nan
    return frame[list(EVM_COLUMNS)]


def _earned_schedule(base: MeasurementBaseline, group: np.ndarray, leaf: np.ndarray,
                     size: int, ev: np.ndarray, at: float, project: bool) -> np.ndarray:
    """Per group, the earliest time at which the baseline's PV reaches the group's EV."""
    measured = base.bac != 0
    if not measured.any():
        return np.zeros(size)
    target = np.bincount(group, ev[leaf], minlength=size)
    if project:
        # The project's PV curve on the day grid, inverted within the day it crosses.
        first = np.floor(base.start[measured].min())
        daily = spread(base.start[measured] - first, base.finish[measured] - first,
                       base.bac[measured], int(np.ceil(base.finish[measured].max() - first)))
        cumulative = np.concatenate([[0.0], np.cumsum(daily)])
        k = int(np.clip(np.searchsorted(cumulative, target[0] - 1e-9), 1, len(daily)))
        step = daily[k - 1]
        within = (target[0] - cumulative[k - 1]) / step if step > 0 else 1.0
        return np.array([first + k - 1 + float(np.clip(within, 0.0, 1.0))])
    # Any WBS group: bisection on its monotone PV curve, all groups at once.
    on = measured[leaf]
    group, leaf = group[on], leaf[on]
    lo = np.full(size, base.start[measured].min())
    hi = np.full(size, base.finish[measured].max())
    for _ in range(_BISECTIONS):
        mid = (lo + hi) / 2
        planned = np.bincount(group, spread_until(base.start[leaf], base.finish[leaf],
                                                  base.bac[leaf], mid[group]), minlength=size)
        reached = planned >= target - 1e-9
        hi = np.where(reached, mid, hi)
        lo = np.where(reached, lo, mid)
    # A task's own PV is one straight line: invert it exactly.
    own = np.flatnonzero(measured[:size])
    hi[own] = base.start[own] + np.clip(ev[own] / base.bac[own], 0.0, 1.0) * (
        base.finish[own] - base.start[own])
    return hi


def record_status(plan: PlanOrSchedule, status_date: dt.date | None = None) -> Plan:
    """Keep the project's earned value at the status date in ``evm_history``.

    A record for the same status date is replaced, so re-recording after a correction
    is safe.

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand (its finish is recorded).
    status_date : date, optional
        Default: the project's.

    Returns
    -------
    Plan
        A new plan with the record added.

    Examples
    --------
    >>> import workbench
    >>> plan = record_status(workbench.load_plan(workbench.sample_plan_path()))
    >>> str(plan.evm_history["status_date"].iloc[-1].date())
    '2027-03-01'
    """
    sched = as_schedule(plan)
    plan = sched.plan
    evm = earned_value(sched, status_date).iloc[0]
    day = pd.Timestamp(status_date or plan.project.status_date)
    row = {"status_date": day, "bac": evm["bac"], "pv": evm["pv"], "ev": evm["ev"],
           "ac": evm["ac"], "finish": sched.finish}
    history = plan.evm_history
    kept = history[history["status_date"] != day]
    frame = pd.concat([kept, pd.DataFrame([row])], ignore_index=True) if len(kept) \
        else pd.DataFrame([row])
    frame = frame.sort_values("status_date", kind="stable")[EVM_HISTORY.column_names]
    return plan.replace(evm_history=frame)


def evm_history(plan: Plan) -> pd.DataFrame:
    """The recorded status dates with every derived measure, oldest first.

    Returns
    -------
    pd.DataFrame
        Indexed by ``status_date``: bac, pv, ev, ac, finish and the measures of
        :func:`evm_indices`.

    Examples
    --------
    >>> import workbench
    >>> history = evm_history(workbench.load_plan(workbench.sample_plan_path()))
    >>> history["cpi"].round(3).tolist()
    [0.974, 0.943]
    """
    frame = expect_plan(plan).evm_history.sort_values("status_date").set_index("status_date")
    return evm_indices(frame)
