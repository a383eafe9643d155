"""Earned value through real plans: the textbook fence, plans on baseline, history, variance."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import make_plan
from workbench import load_plan, sample_plan_path, schedule
from workbench.engine.money.baseline import baseline_variance, set_baseline, with_baseline
from workbench.engine.money.evm import earned_value, evm_history, record_status
from workbench.engine.money.time_phased import time_phased_cost
from workbench.model import PlanError


@pytest.fixture
def fence():
    """Four fence sides, one a day at 1,000 each; end of day 3: 2.5 sides built for 2,800."""
    sides = [{"id": f"S{i}", "name": f"Side {i}", "duration": 1} for i in range(1, 5)]
    plan = make_plan(sides, [{"from": f"S{i}", "to": f"S{i + 1}"} for i in range(1, 4)],
                     resources=[{"id": "CREW", "rate": 1000}],
                     assignments=[{"task": f"S{i}", "resource": "CREW"} for i in range(1, 5)])
    plan = set_baseline(plan, "contract")
    progress = {"S1": ("2027-01-04", "2027-01-04", 100), "S2": ("2027-01-05", "2027-01-05", 100),
                "S3": ("2027-01-06", None, 50)}
    tasks = plan.tasks.copy()
    for task, (start, finish, done) in progress.items():
        row = tasks["id"] == task
        tasks.loc[row, "actual_start"] = pd.Timestamp(start)
        tasks.loc[row, "actual_finish"] = pd.Timestamp(finish) if finish else pd.NaT
        tasks.loc[row, "percent_complete"] = done
    return plan.replace(
        tasks=tasks,
        actuals=[{"date": "2027-01-04", "task": "S1", "amount": 1000},
                 {"date": "2027-01-05", "task": "S2", "amount": 1100},
                 {"date": "2027-01-06", "task": "S3", "amount": 700},
                 {"date": "2027-01-07", "task": "S3", "amount": 650}],
        project=plan.project.replace(status_date=dt.date(2027, 1, 6)))


def test_fence_known_answers(fence):
    evm = earned_value(fence).loc["project"]
    assert evm[["bac", "pv", "ev", "ac", "sv", "cv"]].tolist() == [4000, 3000, 2500, 2800,
                                                                     -500, -300]
    assert round(evm["spi"], 3) == 0.833
    assert round(evm["cpi"], 3) == 0.893
    assert round(evm["eac"]) == 4480
    assert round(evm["etc"]) == 1680
    assert round(evm["vac"]) == -480
    assert evm["tcpi"] == 1.25
    assert evm["eac_remaining_at_budget"] == 4300
    assert round(evm["eac_cpi_spi"]) == 4816
    # Earned schedule: 2,500 was planned by mid-day 3, and it is the end of day 3.
    assert evm[["es", "at", "sv_t"]].tolist() == [2.5, 3.0, -0.5]


def test_fence_by_task_and_a_later_status_date(fence):
    by_task = earned_value(fence, by="task")
    assert by_task["ev"].tolist() == [1000, 1000, 500, 0]
    assert by_task.loc["S2", "cv"] == -100
    assert by_task.loc["S3", "sv_t"] == -0.5
    later = earned_value(fence, status_date=dt.date(2027, 1, 7)).loc["project"]
    assert later[["pv", "ac"]].tolist() == [4000, 3450]


def test_fence_schedule_uses_actual_dates_and_remaining_work(fence):
    sched = schedule(fence)
    assert sched.tasks.loc["S3", "finish"] == pd.Timestamp("2027-01-07")
    assert sched.finish == pd.Timestamp("2027-01-08")


def test_no_status_date_is_a_plan_error(fence):
    with pytest.raises(PlanError, match="status_date"):
        earned_value(fence.replace(project=fence.project.replace(status_date=None)))
    with pytest.raises(ValueError, match="by must be one of"):
        earned_value(fence, by="resource")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 8), st.booleans(), st.floats(0.25, 2.0)),
                min_size=1, max_size=10),
       st.integers(0, 40))
def test_a_plan_exactly_on_baseline_has_unit_indices(rows, status_day):
    tasks = [{"id": f"T{i}", "parent": "W" if i % 2 else "", "duration": d}
             for i, (d, _, _) in enumerate(rows)]
    if any(i % 2 for i in range(len(rows))):
        tasks.insert(0, {"id": "W"})
    links = [{"from": f"T{i - 1}", "to": f"T{i}"} for i, (_, chained, _) in enumerate(rows)
             if i and chained]
    plan = make_plan(tasks, links, resources=[{"id": "R", "rate": 400}],
                     assignments=[{"task": f"T{i}", "resource": "R", "units": u}
                                  for i, (_, _, u) in enumerate(rows)])
    plan = set_baseline(plan)
    sched = schedule(plan)
    status = sched.start + pd.offsets.BDay(min(status_day, int(sched.length) - 1))
    at = float(status_day if status_day < sched.length else sched.length - 1) + 1
    span = sched.tasks[["start_offset", "finish_offset"]].to_numpy()
    share = np.clip((at - span[:, 0]) / (span[:, 1] - span[:, 0]), 0, 1)
    leaf = ~sched.tasks["is_summary"].to_numpy()
    cost = plan.baselines.set_index("task")["cost"].reindex(sched.tasks.index).to_numpy()
    on_plan = plan.replace(
        tasks=plan.tasks.assign(percent_complete=np.where(leaf, share * 100, 0)),
        actuals=[{"date": status.date(), "task": t, "amount": c * s}
                 for t, c, s, is_leaf in zip(sched.tasks.index, cost, share, leaf, strict=True)
                 if is_leaf and s > 0],
        project=plan.project.replace(status_date=status.date()))
    evm = earned_value(on_plan).loc["project"]
    assert np.isclose(evm["spi"], 1) and np.isclose(evm["cpi"], 1)
    assert np.isclose(evm["sv_t"], 0) and np.isclose(evm["eac"], evm["bac"])
    branches = earned_value(on_plan, by="task")
    assert (branches["ev"] <= branches["bac"] + 1e-9).all()
    assert np.allclose(branches["sv"], 0)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0, 100), min_size=4, max_size=4), st.integers(0, 10))
def test_earned_value_never_exceeds_the_budget(done, day):
    plan = make_plan([{"id": f"T{i}", "duration": 2 + i} for i in range(4)],
                     resources=[{"id": "R", "rate": 100}],
                     assignments=[{"task": f"T{i}", "resource": "R"} for i in range(4)])
    plan = plan.replace(tasks=plan.tasks.assign(percent_complete=done),
                        project=plan.project.replace(
                            status_date=dt.date(2027, 1, 4) + dt.timedelta(days=day)))
    for by in (None, "task"):
        evm = earned_value(plan, by=by)
        assert (evm["ev"] <= evm["bac"] + 1e-9).all()
        assert (evm["pv"] <= evm["bac"] + 1e-9).all()


def test_sample_plan_wbs_branches_add_up_to_the_project(sample_plan):
    project = earned_value(sample_plan).loc["project"]
    wbs = earned_value(sample_plan, by="wbs")
    top = wbs.loc[["W1", "W2", "W3", "W4", "W5", "W6", "W7", "W8", "W9", "W10"]]
    for column in ("bac", "pv", "ev", "ac"):
        assert np.isclose(top[column].sum(), project[column])
    assert wbs.loc["W1", "spi"] == 1.0  # discovery is finished, as planned
    assert wbs.loc["W3.1", "sv_t"] < 0  # profiling is behind
    assert round(project["bac"]) == 474380


def test_record_status_keeps_one_row_per_status_date(sample_plan):
    again = record_status(sample_plan)
    assert len(again.evm_history) == len(sample_plan.evm_history)
    later = record_status(sample_plan.replace(
        project=sample_plan.project.replace(status_date=dt.date(2027, 3, 5))))
    history = evm_history(later)
    assert history.index.tolist()[-1] == pd.Timestamp("2027-03-05")
    assert history["pv"].is_monotonic_increasing
    assert history.loc[pd.Timestamp("2027-03-01"), "cpi"] == pytest.approx(0.943, abs=5e-4)


def test_baseline_variance_and_gantt_columns():
    plan = set_baseline(load_plan(sample_plan_path()), "v2")
    tasks = plan.tasks.copy()
    tasks.loc[tasks["id"] == "T12", "duration"] = 8
    slipped = plan.replace(tasks=tasks)
    variance = baseline_variance(slipped)
    assert variance.loc["T12", ["finish_variance", "duration_variance"]].tolist() == [3, 3]
    assert variance.loc["T12", "start_variance"] == 0
    assert variance.loc["T12", "cost_variance"] == 3 * (680 + 300)
    assert variance.loc["M7", "finish_variance"] == 3
    assert variance.loc["T1", "finish_variance"] == 0
    gantt_tasks = with_baseline(schedule(slipped)).tasks
    assert gantt_tasks.loc["T12", "baseline_finish"] == pd.Timestamp("2027-05-19")
    assert gantt_tasks.loc["T12", "finish"] == pd.Timestamp("2027-05-24")
    assert "v2" in set(plan.baselines["baseline"]) and "approved" in set(plan.baselines["baseline"])


def test_baseline_curve_sums_to_the_budget_at_completion(sample_plan):
    phased = time_phased_cost(sample_plan, "W")
    assert np.isclose(phased["baseline"].sum(), earned_value(sample_plan).loc["project", "bac"])
    assert np.isclose(phased["actual"].sum(), sample_plan.actuals["amount"].sum())
