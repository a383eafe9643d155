"""Time-phased cost: planned, baseline and actual cost per day, week or month (S-curve).

- ``planned``: every cost of the current plan (see :mod:`workbench.engine.money.cost`);
- ``baseline``: each task's cost in the current baseline, spread evenly over its
  baseline working days (0 without a current baseline);
- ``actual``: the actuals on their dates (a non-working day counts on the next
  working day).

Columns of :func:`time_phased_cost` (indexed by ``period``, the first day of each day,
week (Monday) or month):

{columns}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.engine.columns import PHASED_COLUMNS, bullet_list
from workbench.engine.money.baseline import MeasurementBaseline, measurement_baseline
from workbench.engine.money.cost import CostItems, cost_items
from workbench.engine.money.phasing import spread
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.defaults import FREQ
from workbench.engine.scheduling.plan_or_schedule import PlanOrSchedule, as_schedule

FREQUENCIES = {"D": "D", "W": "W-SUN", "M": "M"}

__doc__ = __doc__.format(columns=bullet_list(PHASED_COLUMNS))


def daily_series(items: CostItems, base: MeasurementBaseline | None,
                 actual_day: np.ndarray, actual_amount: np.ndarray) -> tuple[int, np.ndarray]:
    """Planned, baseline and actual cost per working day, as one ``(3, n_days)`` array.

    Parameters
    ----------
    items : CostItems
        The plan's costs.
    base : MeasurementBaseline, optional
        The current baseline (``None``: the baseline row stays 0).
    actual_day, actual_amount : np.ndarray
        Working-day index and amount of each actual.

    Returns
    -------
    tuple
        ``(first_day, daily)``: the working-day index of column 0 (negative when costs
        fall before the project start) and the amounts.

    Examples
    --------
    >>> items = CostItems(np.array([0]), np.array([0]), np.array([0.0]), np.array([2.0]),
    ...                   np.array([10.0]), np.array([2.0]), 1)
    >>> first, daily = daily_series(items, None, np.array([3]), np.array([4.0]))
    >>> first, daily.tolist()
    (0, [[5.0, 5.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 4.0]])
    """
    actual_start = np.asarray(actual_day, dtype=np.float64)
    series = [(items.start, items.finish, items.amount)]
    if base is not None:
        has = base.bac != 0
        series.append((base.start[has], base.finish[has], base.bac[has]))
    else:
        series.append((np.empty(0), np.empty(0), np.empty(0)))
    series.append((actual_start, actual_start + 1.0, np.asarray(actual_amount, np.float64)))
    used = [s for s in series if len(s[0])]
    if not used:
        return 0, np.zeros((3, 0))
    first = int(min(0.0, np.floor(min(s[0].min() for s in used))))
    n_days = int(np.ceil(max(s[1].max() for s in used))) - first
    daily = np.stack([spread(start - first, finish - first, amount, n_days)
                      for start, finish, amount in series])
    return first, daily


def time_phased_cost(plan: PlanOrSchedule, freq: str = FREQ) -> pd.DataFrame:
    """Planned, baseline and actual cost per period, with cumulative sums (S-curves).

    Parameters
    ----------
    plan : Plan or Schedule
        The plan, or its schedule if already at hand.
    freq : {"W", "D", "M"}
        Per week (labelled by its Monday), per working day or per month.

    Returns
    -------
    pd.DataFrame
        Columns in ``PHASED_COLUMNS``, one row per period from the first to the last
        cost; the planned column sums to the plan's total cost.

    Raises
    ------
    ValueError
        For an unknown ``freq``.

    Examples
    --------
    >>> import workbench
    >>> monthly = time_phased_cost(workbench.load_plan(workbench.sample_plan_path()), "M")
    >>> str(monthly.index[0].date()), float(monthly["cumulative_planned"].iloc[-1])
    ('2027-01-01', 474380.0)
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, got {freq!r}")
    sched = as_schedule(plan)
    plan = sched.plan
    calendar = WorkCalendar(plan.project)
    items = cost_items(sched, calendar)
    base = (measurement_baseline(sched, calendar)
            if plan.project.current_baseline else None)
    actuals = plan.actuals
    day = calendar.start_offset(actuals["date"].to_numpy("datetime64[D]")).astype(np.int64)
    first, daily = daily_series(items, base, day,
                                actuals["amount"].to_numpy(dtype=np.float64))
    dates = pd.DatetimeIndex(calendar.dates(np.arange(first, first + daily.shape[1])))
    frame = pd.DataFrame(daily.T, index=dates, columns=["planned", "baseline", "actual"])
    if freq != "D":
        periods = dates.to_period(FREQUENCIES[freq]).start_time
        frame = frame.groupby(periods).sum()
    frame.index = pd.DatetimeIndex(frame.index, name="period").astype("datetime64[us]")
    for column in ("planned", "baseline", "actual"):
        frame[f"cumulative_{column}"] = frame[column].cumsum()
    return frame[list(PHASED_COLUMNS)]
