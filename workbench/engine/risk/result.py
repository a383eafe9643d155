"""``RiskResult``: what a Monte Carlo schedule and cost risk run found.

Rows of ``RiskResult.summary()`` (index ``measure``): ``P10``, ``P50``, ``P80``, ``P90``,
``mean`` and ``deterministic`` (the plan as scheduled, without uncertainty).

Columns of ``RiskResult.summary()``:

{columns}
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.columns import RISK_SUMMARY_COLUMNS, bullet_list
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.model.plan import Plan
from workbench.model.tables import DATE_DTYPE

__doc__ = __doc__.format(columns=bullet_list(RISK_SUMMARY_COLUMNS))

PERCENTILES = (10, 50, 80, 90)


def average_ranks(x: np.ndarray) -> np.ndarray:
    """Ranks (1..k) along the last axis, ties getting their average rank, vectorised.

    Examples
    --------
    >>> average_ranks(np.array([[3.0, 1.0, 3.0, 2.0], [0, 0, 0, 1]])).tolist()
    [[3.5, 1.0, 3.5, 2.0], [2.0, 2.0, 2.0, 4.0]]
    """
    x = np.atleast_2d(x)
    rows, k = x.shape
    order = np.argsort(x, axis=1, kind="stable")
    ordered = np.take_along_axis(x, order, axis=1)
    new = np.ones((rows, k), dtype=bool)
    new[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    position = np.broadcast_to(np.arange(k), (rows, k))
    first = np.maximum.accumulate(np.where(new, position, 0), axis=1)
    end = np.ones((rows, k), dtype=bool)
    end[:, :-1] = new[:, 1:]
    last = np.minimum.accumulate(np.where(end, position, k - 1)[:, ::-1], axis=1)[:, ::-1]
    ranks = np.empty((rows, k), dtype=np.float64)
    np.put_along_axis(ranks, order, (first + last) / 2 + 1, axis=1)
    return ranks


def spearman_rows(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman rank correlation of every row of ``x`` with ``y`` (0 for constant rows).

    Examples
    --------
    >>> spearman_rows(np.array([[1.0, 2, 3, 4], [4, 3, 2, 1], [5, 5, 5, 5]]),
    ...               np.array([10.0, 20, 30, 45])).tolist()
    [1.0, -1.0, 0.0]
    """
    if len(x) == 0:
        return np.zeros(0)
    rx = average_ranks(x)
    ry = average_ranks(y[None, :])[0]
    rx -= rx.mean(axis=1, keepdims=True)
    ry -= ry.mean()
    spread = np.sqrt((rx * rx).sum(axis=1) * (ry * ry).sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        rho = (rx @ ry) / spread
    return np.where(spread > 0, rho, 0.0)


def quantile_standard_error(values: np.ndarray, p: float) -> float:
    """Standard error of the ``p`` quantile by the order-statistic (binomial) method.

    The number of samples at or below the true quantile is Binomial(k, p), so the order
    statistics at ``k p -/+ sqrt(k p (1 - p))`` bracket it with about 68 % confidence;
    half their distance estimates one standard error, with no distribution assumed.

    Examples
    --------
    >>> x = np.random.default_rng(0).standard_normal(40_000)
    >>> round(quantile_standard_error(x, 0.8), 3)  # theory: 0.0070 for N(0, 1)
    0.007
    """
    k = len(values)
    if k < 2:
        return math.inf
    ordered = np.sort(values)
    half = math.sqrt(k * p * (1 - p))
    lo = min(max(math.floor(k * p - half) - 1, 0), k - 1)
    hi = min(max(math.ceil(k * p + half) - 1, 0), k - 1)
    return float(ordered[hi] - ordered[lo]) / 2


@dataclass(frozen=True, eq=False)
class RiskResult:
    """The result of :func:`workbench.simulate`.

    Attributes
    ----------
    plan : Plan
        The plan that was simulated.
    mode : str
        ``"pre"``, ``"post"`` or ``"none"``: which risk values were used.
    seed : int or None
        The seed of the run.
    durations : np.ndarray
        Project length in working days per iteration.
    costs : np.ndarray
        Total cost per iteration.
    criticality : pd.Series
        Per leaf task id: share of iterations (0-1) in which the task was critical
        (total float at or below ``critical_tolerance``).
    deterministic_length, deterministic_cost : float
        The plan's own length (working days) and cost without uncertainty.
    deadline : pd.Timestamp or None
        Target finish date; ``probability_deadline`` refers to it.
    budget : float or None
        Target cost; ``probability_budget`` refers to it.
    calendar : WorkCalendar
        Turns working-day lengths into dates.
    task_ids : list of str
        Ids of the tasks whose duration varied (rows of ``task_samples``).
    task_samples : np.ndarray
        Their sampled durations including risk delays, shape ``(m, iterations)``.
    risk_ids : list of str
        Ids of the active risks (rows of ``risk_days`` and ``risk_costs``).
    risk_days, risk_costs : np.ndarray
        Schedule and cost impact per risk and iteration (0 where it did not fire).
    """

    plan: Plan
    mode: str
    seed: int | None
    durations: np.ndarray
    costs: np.ndarray
    criticality: pd.Series
    deterministic_length: float
    deterministic_cost: float
    deadline: pd.Timestamp | None
    budget: float | None
    calendar: WorkCalendar
    task_ids: list[str]
    task_samples: np.ndarray
    risk_ids: list[str]
    risk_days: np.ndarray
    risk_costs: np.ndarray

    @property
    def iterations(self) -> int:
        """Number of iterations run."""
        return len(self.durations)

    def _dates(self, lengths: np.ndarray) -> np.ndarray:
        return self.calendar.dates_for_finish(lengths).astype("datetime64[D]")

    @functools.cached_property
    def finish_dates(self) -> np.ndarray:
        """Project finish date per iteration (datetime64[D])."""
        return self._dates(self.durations)

    def length_percentile(self, p: float) -> float:
        """Working days within which ``p`` percent of the iterations finish."""
        return float(np.quantile(self.durations, p / 100, method="inverted_cdf"))

    def percentile(self, p: float) -> pd.Timestamp:
        """The date by which ``p`` percent of the iterations finish (P80: ``p=80``).

        Examples
        --------
        >>> import workbench
        >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
        ...                             iterations=2_000, seed=7)
        >>> result.percentile(50) <= result.percentile(80) <= result.percentile(90)
        True
        """
        return pd.Timestamp(self._dates(np.array([self.length_percentile(p)]))[0])

    def cost_percentile(self, p: float) -> float:
        """The cost not exceeded in ``p`` percent of the iterations."""
        return float(np.quantile(self.costs, p / 100, method="inverted_cdf"))

    def probability_by(self, date: object) -> float:
        """Share of iterations that finish on or before ``date``."""
        limit = self.calendar.finish_offset(np.array([pd.Timestamp(date).date()],
                                                     dtype="datetime64[D]"))[0]
        return float(np.mean(self.durations <= limit + 1e-6))

    def probability_within_days(self, days: float) -> float:
        """Share of iterations whose project length is at most ``days`` working days."""
        return float(np.mean(self.durations <= days + 1e-6))

    def probability_within(self, amount: float) -> float:
        """Share of iterations whose cost is at most ``amount``."""
        return float(np.mean(self.costs <= amount))

    @property
    def probability_deadline(self) -> float:
        """Chance of finishing by the deadline (NaN without a deadline)."""
        return math.nan if self.deadline is None else self.probability_by(self.deadline)

    @property
    def probability_budget(self) -> float:
        """Chance of staying within the budget (NaN without a budget)."""
        return math.nan if self.budget is None else self.probability_within(self.budget)

    @property
    def joint_confidence(self) -> float:
        """Chance of meeting the deadline *and* the budget in the same iteration.

        Without a deadline (budget), only the budget (deadline) counts; NaN without both.
        """
        ok = np.ones(self.iterations, dtype=bool)
        if self.deadline is None and self.budget is None:
            return math.nan
        if self.deadline is not None:
            limit = self.calendar.finish_offset(np.array([self.deadline.date()],
                                                         dtype="datetime64[D]"))[0]
            ok &= self.durations <= limit + 1e-6
        if self.budget is not None:
            ok &= self.costs <= self.budget
        return float(ok.mean())

    @property
    def deterministic_finish(self) -> pd.Timestamp:
        """The plan's own finish date (as :func:`workbench.schedule` gives it)."""
        return pd.Timestamp(self._dates(np.array([self.deterministic_length]))[0])

    @property
    def deterministic_percentile(self) -> float:
        """Share of iterations (0-1) finishing within the plan's own length: its confidence."""
        return float(np.mean(self.durations <= self.deterministic_length + 1e-6))

    @property
    def p80_standard_error(self) -> float:
        """Standard error of the P80 length in working days (order-statistic method)."""
        return quantile_standard_error(self.durations, 0.8)

    @functools.cached_property
    def sensitivity(self) -> pd.Series:
        """Spearman rank correlation of each varying task's duration with the finish.

        Sorted by absolute value, largest first; computed on first use.
        """
        rho = spearman_rows(self.task_samples, self.durations)
        series = pd.Series(rho, index=pd.Index(self.task_ids, name="id"), name="sensitivity")
        return series.iloc[np.argsort(-np.abs(series.to_numpy()), kind="stable")]

    @functools.cached_property
    def risk_sensitivity(self) -> pd.Series:
        """Spearman rank correlation of each risk's schedule impact with the finish."""
        rho = spearman_rows(self.risk_days, self.durations)
        series = pd.Series(rho, index=pd.Index(self.risk_ids, name="id"), name="sensitivity")
        return series.iloc[np.argsort(-np.abs(series.to_numpy()), kind="stable")]

    def summary(self) -> pd.DataFrame:
        """Percentiles, mean and the deterministic plan; columns in ``RISK_SUMMARY_COLUMNS``.

        Examples
        --------
        >>> import workbench
        >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
        ...                             iterations=2_000, seed=7)
        >>> result.summary().index.tolist()
        ['P10', 'P50', 'P80', 'P90', 'mean', 'deterministic']
        """
        lengths = [self.length_percentile(p) for p in PERCENTILES]
        costs = [self.cost_percentile(p) for p in PERCENTILES]
        lengths += [float(self.durations.mean()), self.deterministic_length]
        costs += [float(self.costs.mean()), self.deterministic_cost]
        lengths_arr = np.array(lengths)
        confidence = (self.durations[None, :] <= lengths_arr[:, None] + 1e-6).mean(axis=1)
        return pd.DataFrame(
            {"finish": self._dates(lengths_arr).astype(DATE_DTYPE),
             "working_days": lengths_arr, "cost": costs, "confidence": confidence},
            index=pd.Index([f"P{p}" for p in PERCENTILES] + ["mean", "deterministic"],
                           name="measure"))

    def headline(self) -> dict[str, float]:
        """The single numbers a PM quotes: probabilities, confidence, P80 error, iterations.

        Examples
        --------
        >>> import workbench
        >>> result = workbench.simulate(workbench.load_plan(workbench.sample_plan_path()),
        ...                             iterations=1_000, seed=7)
        >>> sorted(result.headline())  # doctest: +NORMALIZE_WHITESPACE
        ['deterministic_percentile', 'iterations', 'joint_confidence', 'p80_standard_error',
         'probability_budget', 'probability_deadline']
        """
        return {
            "probability_deadline": self.probability_deadline,
            "probability_budget": self.probability_budget,
            "joint_confidence": self.joint_confidence,
            "deterministic_percentile": self.deterministic_percentile,
            "p80_standard_error": self.p80_standard_error,
            "iterations": float(self.iterations),
        }

    def __repr__(self) -> str:
        return (f"RiskResult({self.iterations} iterations, risks={self.mode!r}, "
                f"P50 {self.percentile(50).date()}, P80 {self.percentile(80).date()})")
