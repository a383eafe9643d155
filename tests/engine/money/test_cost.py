"""Cost roll-up and time-phased cost: hand-checked numbers and sums that must agree."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_plan
from workbench.engine.money.cost import cost_by_category, cost_items, task_costs
from workbench.engine.money.phasing import spread
from workbench.engine.money.time_phased import time_phased_cost
from workbench.engine.scheduling.scheduler import schedule

RESOURCES = [{"id": "DEV", "rate": 600, "time_off": ["2027-01-06"]}, {"id": "PM", "rate": 800}]


def small_plan(**tables):
    plan = make_plan(
        tasks=[{"id": "W", "name": "Build"},
               {"id": "A", "parent": "W", "duration": 5},
               {"id": "B", "parent": "W", "duration": 2.5},
               {"id": "M", "milestone": True}],
        links=[{"from": "A", "to": "B"}, {"from": "B", "to": "M"}],
        resources=RESOURCES,
        assignments=[{"task": "A", "resource": "DEV"}, {"task": "A", "resource": "PM",
                                                        "units": 0.5},
                     {"task": "B", "resource": "DEV"}],
    )
    return plan.replace(**tables)


def test_labour_is_units_times_days_times_rate_less_days_off():
    costs = task_costs(small_plan())
    # A: DEV 4 days (off Wed 6 Jan) x 600 + PM 0.5 x 5 x 800; B: DEV 2.5 x 600.
    assert costs.loc["A", "labour"] == 4 * 600 + 2.5 * 800
    assert costs.loc["A", "work"] == 6.5
    assert costs.loc["B", "labour"] == 1500
    assert costs.loc["W", "cost"] == 4400 + 1500
    assert costs.loc["M", "cost"] == 0


def test_cost_lines_land_on_their_task_and_category():
    plan = small_plan(
        cost_lines=[{"id": "C1", "category": "hardware", "task": "A", "amount": 1000},
                    {"id": "C2", "category": "software licences", "task": "M", "amount": 300},
                    {"id": "C3", "category": "travel", "amount": 250, "date": "2027-01-05"}],
        budget=[{"category": "labour", "amount": 5000},
                {"category": "management reserve", "amount": 700}],
        actuals=[{"date": "2027-01-05", "task": "A", "amount": 1300}])
    costs = task_costs(plan)
    assert costs.loc["A", "fixed"] == 1000
    assert costs.loc["W", "cost"] == 5900 + 1000
    by = cost_by_category(plan)
    assert by.loc["labour", ["budget", "planned", "actual"]].tolist() == [5000, 5900, 1300]
    assert by.loc["labour", "variance"] == -900
    assert by.loc["management reserve", "budget"] == 700
    assert by["planned"].sum() == 5900 + 1000 + 300 + 250


def test_daily_cost_of_a_half_day_and_a_day_off():
    daily = time_phased_cost(small_plan(), "D")
    # Mon 4 .. Fri 8: DEV 600 except Wed, PM 400 every day; then B from Mon 11 for 2.5 days.
    assert daily["planned"].iloc[:5].tolist() == [1000, 1000, 400, 1000, 1000]
    assert daily["planned"].iloc[5:8].tolist() == [600, 600, 300]
    assert daily.index[5] == pd.Timestamp("2027-01-11")


def test_milestone_cost_falls_on_the_milestone_day():
    # M follows B's start (SS): it is on Monday 11th, and so is its lump cost.
    plan = small_plan(cost_lines=[{"id": "C1", "category": "software licences", "task": "M",
                                   "amount": 300}])
    plan = plan.replace(links=plan.links.assign(type=["FS", "SS"]))
    daily = time_phased_cost(plan, "D")
    assert schedule(plan).tasks.loc["M", "start"] == pd.Timestamp("2027-01-11")
    assert daily.loc[pd.Timestamp("2027-01-11"), "planned"] == 600 + 300
    assert daily.loc[pd.Timestamp("2027-01-08"), "planned"] == 1000


def test_weekly_and_monthly_sum_to_the_total_and_s_curve_ends_there():
    plan = small_plan(cost_lines=[{"id": "C1", "category": "cloud", "amount": 90,
                                   "date": "2027-02-02"}])
    total = task_costs(plan).loc[["W", "M"], "cost"].sum() + 90
    for freq in ("D", "W", "M"):
        phased = time_phased_cost(plan, freq)
        assert np.isclose(phased["planned"].sum(), total)
        assert np.isclose(phased["cumulative_planned"].iloc[-1], total)
    assert time_phased_cost(plan, "M").index.tolist() == [pd.Timestamp("2027-01-01"),
                                                          pd.Timestamp("2027-02-01")]


def test_sample_plan_costs_add_up(sample_plan):
    costs = task_costs(sample_plan)
    top = costs.loc[[t for t, p in zip(sample_plan.tasks["id"], sample_plan.tasks["parent"],
                                       strict=True) if p == ""], "cost"].sum()
    assert top == cost_by_category(sample_plan)["planned"].sum() == 474380
    assert costs.loc["T3", "fixed"] == 12000


spans = st.lists(st.tuples(st.floats(0, 30), st.floats(0.05, 12), st.floats(-500, 5000)),
                 min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(spans)
def test_spread_keeps_every_amount(items):
    start = np.array([s for s, _, _ in items])
    finish = start + np.array([d for _, d, _ in items])
    amount = np.array([a for _, _, a in items])
    daily = spread(start, finish, amount, int(np.ceil(finish.max())))
    assert np.isclose(daily.sum(), amount.sum())
    # Each item alone lands only on the days its span touches.
    one = spread(start[:1], finish[:1], amount[:1], int(np.ceil(finish.max())))
    touched = np.flatnonzero(np.abs(one) > 1e-9)
    if len(touched):
        assert touched.min() >= np.floor(start[0]) and touched.max() < np.ceil(finish[0])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.floats(0.5, 8), st.sampled_from([0.5, 1.0]),
                          st.integers(0, 2000)), min_size=2, max_size=8))
def test_roll_up_equals_the_sum_of_its_parts(rows):
    tasks = [{"id": f"S{k}"} for k in range(4)]
    tasks += [{"id": f"T{i}", "parent": f"S{p}", "duration": d} for i, (p, d, _, _)
              in enumerate(rows)]
    used = {f"S{p}" for p, _, _, _ in rows}
    tasks = [t for t in tasks if not t["id"].startswith("S") or t["id"] in used]
    plan = make_plan(tasks, resources=RESOURCES,
                     assignments=[{"task": f"T{i}", "resource": "DEV", "units": u}
                                  for i, (_, _, u, _) in enumerate(rows)])
    plan = plan.replace(cost_lines=[{"id": f"C{i}", "category": "cloud", "task": f"T{i}",
                                     "amount": a} for i, (_, _, _, a) in enumerate(rows)])
    costs = task_costs(plan)
    leaves = costs.loc[[f"T{i}" for i in range(len(rows))]]
    for summary in used:
        mine = [f"T{i}" for i, (p, *_ ) in enumerate(rows) if f"S{p}" == summary]
        assert np.isclose(costs.loc[summary, "cost"], leaves.loc[mine, "cost"].sum())
    items = cost_items(plan)
    assert np.isclose(items.amount.sum(), leaves["cost"].sum())
    assert np.isclose(time_phased_cost(plan, "D")["planned"].sum(), leaves["cost"].sum())
    assert (leaves["labour"] >= 0).all()


def test_costs_follow_the_schedule_not_the_input_order():
    plan = small_plan()
    moved = plan.replace(tasks=plan.tasks.assign(
        constraint=np.where(plan.tasks["id"] == "A", "SNET", "ASAP"),
        constraint_date=np.where(plan.tasks["id"] == "A", pd.Timestamp("2027-01-11"), pd.NaT)))
    daily = time_phased_cost(moved, "D")
    assert daily.index[0] == pd.Timestamp("2027-01-04")
    assert daily.loc[:pd.Timestamp(dt.date(2027, 1, 8)), "planned"].sum() == 0
    assert daily.loc[pd.Timestamp("2027-01-11"), "planned"] == 1000
