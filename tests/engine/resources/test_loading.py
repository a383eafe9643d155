"""Resource loading: hand-computed small cases, weeks, time off, and a conservation law."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_plan
from tests.engine.scheduling.test_cpm_properties import networks
from workbench.engine import LOADING_COLUMNS, loading, schedule, task_loading
from workbench.engine.scheduling.compiled import task_durations

R1 = {"id": "R1", "name": "Ada", "role": "Developer", "capacity": 1.0}
R2 = {"id": "R2", "name": "Bo", "role": "Tester", "capacity": 0.5}


def daily_of(result: pd.DataFrame, resource: str, column: str = "load") -> list[float]:
    return result.loc[result["resource"] == resource, column].round(9).tolist()


def test_two_parallel_tasks_overload_three_days():
    plan = make_plan(
        tasks=[{"id": "A", "duration": 5}, {"id": "B", "duration": 3}],
        resources=[R1],
        assignments=[{"task": "A", "resource": "R1"},
                     {"task": "B", "resource": "R1", "units": 0.5}],
    )
    result = loading(schedule(plan), freq="D")
    assert list(result.columns) == list(LOADING_COLUMNS)
    assert daily_of(result, "R1") == [1.5, 1.5, 1.5, 1.0, 1.0]
    assert daily_of(result, "R1", "over") == [0.5, 0.5, 0.5, 0.0, 0.0]
    assert daily_of(result, "R1", "hours") == [12.0, 12.0, 12.0, 8.0, 8.0]
    assert result["overallocated"].sum() == 3
    assert result["period"].iloc[0] == pd.Timestamp("2027-01-04")


def test_half_days_count_half():
    plan = make_plan(
        tasks=[{"id": "A", "duration": 2.5}, {"id": "B", "duration": 1}],
        links=[{"from": "A", "to": "B"}],
        resources=[R1], assignments=[{"task": "A", "resource": "R1"},
                                     {"task": "B", "resource": "R1"}],
    )
    # B starts mid-day 2: half of day 2 is A's, half B's; B ends mid-day 3.
    assert daily_of(loading(schedule(plan), freq="D"), "R1") == [1.0, 1.0, 1.0, 0.5]


def test_time_off_is_zero_capacity_and_work_on_it_is_over_allocation():
    plan = make_plan(
        tasks=[{"id": "A", "duration": 4}],
        resources=[{**R1, "time_off": "2027-01-05, 2027-01-09"}],  # Tue, and a Saturday
        assignments=[{"task": "A", "resource": "R1"}],
    )
    result = loading(schedule(plan), freq="D")
    assert daily_of(result, "R1", "capacity") == [1.0, 0.0, 1.0, 1.0]
    assert daily_of(result, "R1", "over") == [0.0, 1.0, 0.0, 0.0]


def test_weeks_sum_days_and_over_allocation_is_daily():
    # A runs Mon 4 Jan .. Tue 12 Jan (7 days); B overloads R1 on Mon 11 only.
    plan = make_plan(
        tasks=[{"id": "A", "duration": 7}, {"id": "B", "duration": 1,
                                              "constraint": "SNET",
                                              "constraint_date": "2027-01-11"}],
        resources=[R1, R2],
        assignments=[{"task": "A", "resource": "R1"},
                     {"task": "B", "resource": "R1", "units": 0.5},
                     {"task": "A", "resource": "R2", "units": 0.5}],
    )
    weekly = loading(schedule(plan), freq="W")
    r1 = weekly[weekly["resource"] == "R1"]
    assert r1["period"].tolist() == [pd.Timestamp("2027-01-04"), pd.Timestamp("2027-01-11")]
    assert r1["working_days"].tolist() == [5, 2]
    assert r1["load"].tolist() == [5.0, 2.5]
    assert r1["capacity"].tolist() == [5.0, 2.0]
    assert r1["over"].tolist() == [0.0, 0.5]
    assert r1["units"].tolist() == [1.0, 1.25]
    assert weekly.loc[weekly["resource"] == "R2", "load"].tolist() == [2.5, 1.0]
    assert weekly.loc[weekly["resource"] == "R2", "capacity"].tolist() == [2.5, 1.0]
    assert not weekly.loc[weekly["resource"] == "R2", "overallocated"].any()


def test_units_above_capacity_count_as_capacity_in_duration_and_load():
    plan = make_plan(
        tasks=[{"id": "A", "effort": 6}],
        resources=[R1, R2],
        assignments=[{"task": "A", "resource": "R1", "units": 2.0},
                     {"task": "A", "resource": "R2", "units": 1.0}],
    )
    # Effective units 1.0 + 0.5: six person-days take four working days.
    assert task_durations(plan).tolist() == [4.0]
    result = loading(schedule(plan), freq="D")
    assert daily_of(result, "R1") == [1.0] * 4
    assert daily_of(result, "R2") == [0.5] * 4
    assert not result["overallocated"].any()


def test_bad_freq_is_refused():
    plan = make_plan(tasks=[{"id": "A", "duration": 1}])
    with pytest.raises(ValueError, match="freq must be 'D' or 'W'"):
        loading(schedule(plan), freq="M")


def test_sample_plan_overloads_the_data_engineer(sample_plan):
    sched = schedule(sample_plan)
    daily = loading(sched, freq="D")
    r6 = daily[(daily["resource"] == "R6") & daily["overallocated"]]
    assert [d.date().isoformat() for d in r6["period"]][:2] == ["2027-03-30", "2027-03-31"]
    assert len(r6) == 8 and r6["over"].sum() == pytest.approx(8.0)
    by_task = task_loading(sched, freq="W")
    on_r6 = by_task[by_task["resource"] == "R6"].groupby("task")["load"].sum()
    assert on_r6["T8"] == pytest.approx(20.0) and on_r6["T10"] == pytest.approx(15.0)
    weekly = loading(sched, freq="W")
    assert weekly["load"].sum() == pytest.approx(daily["load"].sum())


@st.composite
def resourced(draw):
    tasks, links, start = draw(networks(max_leaves=12))
    n_res = draw(st.integers(1, 3))
    resources = [{"id": f"R{k}", "capacity": draw(st.sampled_from([0.5, 1.0, 2.0])),
                  "time_off": draw(st.sampled_from(["", f"{start.isoformat()}"]))}
                 for k in range(n_res)]
    assignments = []
    for task in tasks:
        if task["id"].startswith("L"):
            for k in range(n_res):
                if draw(st.booleans()):
                    assignments.append({"task": task["id"], "resource": f"R{k}",
                                        "units": draw(st.sampled_from([0.25, 0.5, 1.0, 3.0]))})
    return make_plan(tasks, links, resources, assignments, start=start)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=resourced(), freq=st.sampled_from(["D", "W"]))
def test_total_load_is_units_times_working_days(plan, freq):
    sched = schedule(plan)
    result = loading(sched, freq=freq)
    durations = sched.tasks["duration"].where(~sched.tasks["is_summary"], 0.0)
    capacity = plan.resources.set_index("id")["capacity"]
    a = plan.assignments
    units = np.minimum(a["units"].to_numpy(), capacity.reindex(a["resource"]).to_numpy())
    expected = float((units * durations.reindex(a["task"]).to_numpy()).sum())
    assert result["load"].sum() == pytest.approx(expected, abs=1e-9)
    assert (result["over"] >= 0).all()
    assert (result["load"] - result["capacity"] <= result["over"] + 1e-9).all()
