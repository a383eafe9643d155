"""Agile release forecast: exact small cases, dates through the calendar, bad input."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

import workbench
from workbench.model import Calendar

K = 20_000


def tolerance(p: float, k: int = K) -> float:
    return 4 * math.sqrt(max(p * (1 - p), 1 / k) / k)


def test_constant_velocity_needs_exactly_backlog_over_velocity_sprints():
    forecast = workbench.forecast_delivery(100, velocity_samples=[25], start="2027-01-04",
                                           iterations=500, seed=1)
    assert set(forecast.sprints.tolist()) == {4}
    # 4 two-week sprints from Monday 4 January end on Friday 26 February.
    assert forecast.percentile(50) == pytest.approx(np.datetime64("2027-02-26"))
    assert forecast.probability_by("2027-02-25") == 0.0


def test_bootstrap_distribution_matches_the_exact_one():
    # Velocity 10 or 30 with equal chance, backlog 40: two sprints unless both are 10 (3/4);
    # after 10, 10 a third sprint of 30 finishes (1/8), otherwise a fourth is needed (1/8).
    forecast = workbench.forecast_delivery(40, velocity_samples=[10, 30], start="2027-01-04",
                                           iterations=K, seed=3)
    table = forecast.distribution().set_index("sprints")
    for sprints, p in {2: 0.75, 3: 0.125, 4: 0.125}.items():
        assert table.loc[sprints, "probability"] == pytest.approx(p, abs=tolerance(p))
    assert table["cumulative"].iloc[-1] == pytest.approx(1.0)
    assert forecast.sprints_percentile(50) == 2 and forecast.sprints_percentile(90) == 4


def test_uniform_range_mean_sprints_follows_renewal_theory():
    # Uniform(0, 1) velocities and backlog 1: E[sprints] = e (the number of uniforms whose
    # sum first exceeds 1).
    forecast = workbench.forecast_delivery(1, velocity_range=(0, 1), start="2027-01-04",
                                           iterations=K, seed=5)
    sd = math.sqrt(3 * math.e - math.e**2)
    assert forecast.sprints.mean() == pytest.approx(math.e, abs=4 * sd / math.sqrt(K))


def test_triangular_range_and_holidays_move_the_dates():
    plain = workbench.forecast_delivery(90, velocity_range=(20, 30, 40), start="2027-01-04",
                                        iterations=2_000, seed=2)
    holiday = workbench.forecast_delivery(
        90, velocity_range=(20, 30, 40), start="2027-01-04", iterations=2_000, seed=2,
        calendar=Calendar(holidays=(dt.date(2027, 1, 6),)))
    assert np.array_equal(plain.sprints, holiday.sprints)
    assert set(plain.sprints.tolist()) <= {3, 4, 5}
    # One working day lost: every sprint end moves to the next working day.
    assert np.array_equal(holiday.finish_dates, np.busday_offset(plain.finish_dates, 1))
    summary = plain.summary()
    assert summary["sprints"].is_monotonic_increasing
    assert summary.loc["P50", "finish"] == plain.percentile(50)


def test_same_seed_same_forecast():
    a = workbench.forecast_delivery(300, velocity_samples=[20, 25, 31], start="2027-01-04",
                                    seed=11)
    b = workbench.forecast_delivery(300, velocity_samples=[20, 25, 31], start="2027-01-04",
                                    seed=11)
    assert np.array_equal(a.sprints, b.sprints)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "either velocity_samples"),
    ({"velocity_samples": [10], "velocity_range": (1, 2)}, "either velocity_samples"),
    ({"velocity_samples": [0, 0]}, "all zero"),
    ({"velocity_samples": [-3, 5]}, ">= 0"),
    ({"velocity_range": (30, 20)}, "ordered"),
    ({"velocity_range": (1, 2, 3, 4)}, "velocity_range must be"),
])
def test_bad_velocities_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        workbench.forecast_delivery(100, start="2027-01-04", **kwargs)
