"""compare, task_deltas and sweep against schedules worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.engine.scenarios.test_scenarios import small_plan
from workbench.engine import KPIS, Kpi, compare, register_kpi, sweep, task_deltas
from workbench.model import PlanError

LATE_CODE = {"name": "late code", "description": "Code takes 12 days",
             "changes": [{"op": "set", "table": "tasks", "id": "B", "field": "duration",
                          "value": 12}]}
LONG_TESTS = {"name": "long test plan",
              "changes": [{"op": "set", "table": "tasks", "id": "C", "field": "duration",
                           "value": 12}]}
DOUBLE_BOOKED = {"name": "double booked",
                 "changes": [{"op": "add", "table": "assignments",
                              "row": {"task": "C", "resource": "R1"}}]}


@pytest.fixture
def with_scenarios():
    return small_plan().replace(scenarios=[LATE_CODE, LONG_TESTS, DOUBLE_BOOKED])


def test_compare_has_the_plan_first_then_each_scenario(with_scenarios):
    table = compare(with_scenarios)
    assert table.index.tolist() == ["plan", "late code", "long test plan", "double booked"]
    assert table.loc["late code", "description"] == "Code takes 12 days"
    assert table["finish"].dt.date.astype(str).tolist() == [
        "2027-01-22", "2027-01-26", "2027-01-26", "2027-01-22"]
    assert table["slip_days"].tolist() == [0, 2, 2, 0]
    assert table["working_days"].tolist() == [15, 17, 17, 15]
    assert table["working_days_delta"].tolist() == [0, 2, 2, 0]


def test_compare_reports_the_critical_path_change(with_scenarios):
    table = compare(with_scenarios, kpis=["critical_tasks", "critical_path"])
    assert table["critical_tasks"].tolist() == [3, 3, 2, 3]  # A B M | A B M | A C | A B M
    long = table.loc["long test plan"]
    assert long["critical_path_changed"]
    assert (long["entered_critical"], long["left_critical"]) == ("C", "B, M")
    assert not table.loc["late code", "critical_path_changed"]
    assert "finish" not in table.columns


def test_peak_load_sees_a_double_booking(with_scenarios):
    table = compare(with_scenarios, kpis=["peak_load"])
    assert table["peak_load"].tolist() == [1.0, 1.0, 1.0, 2.0]  # R1 on B and C, days 5-8
    assert table.loc["double booked", "peak_load_delta"] == 1.0


def test_task_deltas_between_a_scenario_and_the_plan(with_scenarios):
    moves = task_deltas(with_scenarios, "late code")
    assert moves.loc["B", ["start_change", "finish_change"]].tolist() == [0, 2]
    assert moves.loc["M", ["start_change", "finish_change"]].tolist() == [2, 2]
    assert moves.loc["C", "float_change"] == 2 and not moves.loc["C", "moved"]
    assert moves.loc["A", "status"] == "same" and moves.loc["B", "status"] == "moved"


def test_task_deltas_between_two_scenarios_and_removed_tasks(with_scenarios):
    moves = task_deltas(with_scenarios, "long test plan", base="late code")
    assert moves.loc["B", "finish_change"] == -2 and moves.loc["C", "finish_change"] == 9
    gone = task_deltas(with_scenarios, {"name": "no tests", "changes": [
        {"op": "remove", "table": "tasks", "id": "C"}]})
    assert gone.loc["C", "status"] == "removed" and pd.isna(gone.loc["C", "finish"])


def test_sweep_a_delay_and_extra_staff(with_scenarios):
    delays = sweep(with_scenarios, {"op": "delay", "id": "B"}, [0, 1, 2, 5])
    assert delays.index.name == "days"
    assert delays["slip_days"].tolist() == [0, 1, 2, 5]
    staff = sweep(with_scenarios, {"op": "add_units", "role": "Developer"}, [0, 1, 3])
    # A 5/(1+u), B 10/(1+u); with 3 more units C (3 days after A) is the longest: 1.25 + 3
    assert staff["working_days"].tolist() == [15, 7.5, 4.25]


def test_sweep_on_a_scenario_base(with_scenarios):
    table = sweep(with_scenarios, {"op": "set", "table": "tasks", "id": "C",
                                   "field": "duration"}, [3, 12], base="late code")
    assert table["working_days"].tolist() == [17, 17]
    assert table["slip_days"].tolist() == [0, 0]  # against the sweep's base


def test_sweep_rejects_a_template_without_parameter_and_bad_values(with_scenarios):
    with pytest.raises(PlanError, match="no parameter"):
        sweep(with_scenarios, {"op": "remove", "table": "tasks", "id": "C"}, [1])
    with pytest.raises(PlanError, match="factor: must be >= 0"):
        sweep(with_scenarios, {"op": "scale", "table": "tasks", "ids": ["B"],
                               "field": "duration"}, [-1])


def test_a_registered_kpi_shows_up(with_scenarios):
    kpi = register_kpi(Kpi("tasks", "Tasks", lambda plan, s: len(plan.tasks),
                           lambda v, b, _: {"tasks_delta": v - b}))
    try:
        table = compare(with_scenarios, ["late code"])
        assert table["tasks"].tolist() == [5, 5] and table["tasks_delta"].tolist() == [0, 0]
    finally:
        del KPIS[kpi.name]


def test_total_cost_and_its_delta(with_scenarios):
    table = compare(with_scenarios, kpis=["total_cost"])
    # Labour at day rates: A 5 d x 500, B 10 d x 500, C 3 d x 400.
    assert table["total_cost"].tolist() == [8700, 9700, 12300, 10200]
    assert table["cost_delta"].tolist() == [0, 1000, 3600, 1500]


def test_p80_finish_follows_the_durations(with_scenarios):
    table = compare(with_scenarios, kpis=["finish", "p80_finish"])
    assert (table["p80_finish"] >= table["finish"]).all()
    assert table.loc["late code", "p80_slip_days"] >= 2
    assert table.loc["double booked", "p80_slip_days"] == 0
