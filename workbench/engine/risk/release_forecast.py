"""Agile release forecast: how many sprints (and which date) a backlog needs, by Monte Carlo.

Each iteration draws one velocity per sprint, either resampled from the team's
historical velocities (bootstrap) or from a range (uniform ``(low, high)`` or
triangular ``(low, most_likely, high)``), and counts the sprints until the cumulative
velocity covers the backlog. The matrix of iterations × sprints is drawn at once and
extended only for iterations that are not done yet; no loop runs over iterations.

Sprint ``s`` (1-based) ends on the last working day of working days
``(s - 1) * sprint_length + 1 .. s * sprint_length`` counted from ``start`` in the
calendar, so holidays push the dates out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from workbench.engine.risk.sampling import triangular_from_uniform
from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.defaults import SEED
from workbench.model.project import Calendar, Project
from workbench.model.tables import DATE_DTYPE

PERCENTILES = (10, 50, 80, 90)
#: Stop extending when this many sprints did not finish the backlog (zero velocity).
MAX_SPRINTS = 1_000


@dataclass(frozen=True, eq=False)
class DeliveryForecast:
    """The result of :func:`forecast_delivery`.

    Attributes
    ----------
    sprints : np.ndarray
        Sprints needed per iteration.
    finish_dates : np.ndarray
        The last day of the final sprint per iteration (datetime64[D]).
    backlog_points : float
        The backlog forecast.
    sprint_length : int
        Working days per sprint.
    start : datetime.date
        The first day of the first sprint (rolled to a working day).
    """

    sprints: np.ndarray
    finish_dates: np.ndarray
    backlog_points: float
    sprint_length: int
    start: dt.date

    @property
    def iterations(self) -> int:
        """Number of iterations."""
        return len(self.sprints)

    def sprints_percentile(self, p: float) -> int:
        """Sprints that suffice in ``p`` percent of the iterations."""
        return int(np.quantile(self.sprints, p / 100, method="inverted_cdf"))

    def percentile(self, p: float) -> pd.Timestamp:
        """The date by which the backlog is done in ``p`` percent of the iterations."""
        return pd.Timestamp(np.quantile(self.finish_dates.astype(np.int64), p / 100,
                                        method="inverted_cdf").astype("datetime64[D]"))

    def probability_by(self, date: object) -> float:
        """Chance that the backlog is done on or before ``date``."""
        day = np.datetime64(pd.Timestamp(date).date(), "D")
        return float(np.mean(self.finish_dates <= day))

    def distribution(self) -> pd.DataFrame:
        """Per sprint count: its finish date, probability and cumulative probability.

        Examples
        --------
        >>> f = forecast_delivery(100, velocity_range=(20, 30), start="2027-01-04", seed=1)
        >>> f.distribution()["sprints"].tolist()
        [4, 5]
        """
        counts = pd.Series(self.sprints).value_counts().sort_index()
        table = pd.DataFrame({"sprints": counts.index.astype(int),
                              "probability": counts.to_numpy() / self.iterations})
        table["cumulative"] = table["probability"].cumsum()
        ends = dict(zip(self.sprints.tolist(), self.finish_dates.tolist(), strict=True))
        table["finish"] = pd.to_datetime([ends[s] for s in table["sprints"]]).astype(DATE_DTYPE)
        return table[["sprints", "finish", "probability", "cumulative"]]

    def summary(self) -> pd.DataFrame:
        """P10/P50/P80/P90 as sprint counts and dates."""
        return pd.DataFrame(
            {"sprints": [self.sprints_percentile(p) for p in PERCENTILES],
             "finish": [self.percentile(p) for p in PERCENTILES]},
            index=pd.Index([f"P{p}" for p in PERCENTILES], name="measure"),
        ).astype({"finish": DATE_DTYPE})


def _velocity_sampler(samples: Sequence[float] | None, bounds: Sequence[float] | None):
    if (samples is None) == (bounds is None):
        raise ValueError("give either velocity_samples (history) or velocity_range")
    if samples is not None:
        history = np.asarray(samples, dtype=np.float64)
        if history.ndim != 1 or len(history) == 0 or (history < 0).any() or \
                not np.isfinite(history).all():
            raise ValueError("velocity_samples must be a non-empty list of numbers >= 0")
        if history.max() <= 0:
            raise ValueError("velocity_samples are all zero: the backlog never finishes")
        return (lambda rng, shape: rng.choice(history, size=shape)), float(history.mean())
    values = [float(v) for v in bounds]  # type: ignore[union-attr]
    if len(values) not in (2, 3) or values != sorted(values) or values[0] < 0 \
            or values[-1] <= 0:
        raise ValueError("velocity_range must be (low, high) or (low, most_likely, high), "
                         f"ordered, >= 0 and with high > 0; got {tuple(values)}")
    if len(values) == 2:
        low, high = values
        return (lambda rng, shape: rng.uniform(low, high, size=shape)), (low + high) / 2
    low, mode, high = (np.array([v]) for v in values)
    return (lambda rng, shape: triangular_from_uniform(
        rng.random(shape).reshape(1, -1), low, mode, high).reshape(shape)), sum(values) / 3


def forecast_delivery(
    backlog_points: float,
    velocity_samples: Sequence[float] | None = None,
    velocity_range: Sequence[float] | None = None,
    sprint_length: int = 10,
    start: object = None,
    iterations: int = 10_000,
    seed: int = SEED,
    calendar: Calendar | None = None,
) -> DeliveryForecast:
    """Forecast the sprints and the date a backlog needs (Monte Carlo on velocity).

    Parameters
    ----------
    backlog_points : float
        Story points left (> 0).
    velocity_samples : sequence of float, optional
        Historical velocities per sprint, resampled with replacement.
    velocity_range : sequence of float, optional
        ``(low, high)`` (uniform) or ``(low, most_likely, high)`` (triangular) points
        per sprint, when there is no history yet.
    sprint_length : int
        Working days per sprint.
    start : date-like, optional
        First day of the first sprint; today if not given.
    iterations : int
        Number of iterations.
    seed : int
        Seed; the same seed gives the same forecast.
    calendar : Calendar, optional
        Working days and holidays; Mon-Fri without holidays if not given.

    Returns
    -------
    DeliveryForecast

    Raises
    ------
    ValueError
        Without exactly one of ``velocity_samples`` / ``velocity_range``, for bad
        velocities, a backlog <= 0, ``sprint_length < 1`` or ``iterations < 1``.

    Examples
    --------
    >>> f = forecast_delivery(240, velocity_samples=[28, 35, 31, 22, 38, 30],
    ...                       start="2027-01-04", iterations=5_000, seed=7)
    >>> f.sprints_percentile(50), f.sprints_percentile(90)
    (8, 9)
    >>> str(f.percentile(90).date())
    '2027-05-07'
    """
    if not backlog_points > 0:
        raise ValueError(f"backlog_points must be > 0, got {backlog_points}")
    if sprint_length < 1 or iterations < 1:
        raise ValueError("sprint_length and iterations must be >= 1")
    draw, mean_velocity = _velocity_sampler(velocity_samples, velocity_range)
    first_day = pd.Timestamp(start).date() if start is not None else dt.date.today()
    work = WorkCalendar(Project(start=first_day, calendar=calendar or Calendar()))
    rng = np.random.default_rng(seed)

    sprints = np.zeros(iterations, dtype=np.int64)
    covered = np.zeros(iterations)
    todo = np.arange(iterations)
    used = 0
    while len(todo) and used < MAX_SPRINTS:
        # Enough sprints for most iterations at once; the slow few get another round.
        block = max(8, math.ceil(2 * (backlog_points - covered[todo].min()) / mean_velocity))
        block = min(block, MAX_SPRINTS - used)
        reached = covered[todo, None] + np.cumsum(draw(rng, (len(todo), block)), axis=1)
        done = reached >= backlog_points - 1e-9
        finished = done.any(axis=1)
        sprints[todo[finished]] = used + done[finished].argmax(axis=1) + 1
        covered[todo] = reached[:, -1]
        todo = todo[~finished]
        used += block
    if len(todo):
        raise ValueError(f"the backlog is not done after {MAX_SPRINTS} sprints in "
                         f"{len(todo)} iterations; check the velocities")
    ends = work.dates_for_finish(sprints * sprint_length).astype("datetime64[D]")
    return DeliveryForecast(sprints=sprints, finish_dates=ends,
                            backlog_points=float(backlog_points), sprint_length=sprint_length,
                            start=work.start.astype(dt.date))
