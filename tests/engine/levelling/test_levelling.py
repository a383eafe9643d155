"""Levelling: hand-checked cases, invariants on random plans, PSPLIB j30 against optima."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from tests.conftest import make_plan
from tests.engine.resources.test_loading import resourced
from workbench.engine import DELAY_COLUMNS, level, loading, schedule
from workbench.engine.levelling.heuristic import level_starts
from workbench.engine.levelling.problem import slot_problem
from workbench.engine.scheduling.compiled import compile_plan
from workbench.engine.scheduling.cpm import edge_weights
from workbench.io.psplib import read_psplib
from workbench.model import PlanError

R1 = {"id": "R1", "name": "Ada", "role": "Developer", "capacity": 1.0}


def two_on_one(priority_a: int, priority_b: int, **r1):
    return make_plan(
        tasks=[{"id": "A", "name": "Build API", "duration": 5, "priority": priority_a},
               {"id": "B", "name": "Build UI", "duration": 5, "priority": priority_b},
               {"id": "C", "duration": 2}],
        links=[{"from": "A", "to": "C"}, {"from": "B", "to": "C"}],
        resources=[{**R1, **r1}],
        assignments=[{"task": "A", "resource": "R1"}, {"task": "B", "resource": "R1"}],
    )


def test_priority_breaks_the_tie_and_the_delay_is_explained():
    levelled = level(two_on_one(700, 500))
    starts = levelled.tasks["start_offset"].to_dict()
    assert starts == {"A": 0.0, "B": 5.0, "C": 10.0}
    assert levelled.unlevelled.length == 7 and levelled.length == 12
    assert list(levelled.delays.columns) == list(DELAY_COLUMNS)
    b = levelled.delays.loc["B"]
    assert (b["delay"], b["held"], b["pushed"]) == (5.0, 5.0, 0.0)
    assert b["resources"] == "R1" and b["blocking_tasks"] == "A"
    assert b["reason"] == "waited 5 d for R1 (Developer), busy with A"
    c = levelled.delays.loc["C"]
    assert (c["delay"], c["held"], c["pushed_by"]) == (5.0, 0.0, "B")
    assert levelled.plan.tasks.set_index("id")["level_delay"].to_dict() == {
        "A": 0.0, "B": 5.0, "C": 0.0}
    flipped = level(two_on_one(500, 700))
    assert flipped.tasks.loc["A", "start_offset"] == 5.0
    assert flipped.tasks.loc["B", "start_offset"] == 0.0


def test_kept_levelling_is_the_cpm_schedule_of_the_levelled_plan():
    levelled = level(two_on_one(700, 500))
    again = schedule(levelled.plan)
    assert again.tasks["start_offset"].equals(levelled.tasks["start_offset"])
    assert again.finish == levelled.finish == levelled.tasks.loc["C", "finish"]
    # Levelling a levelled plan starts afresh and finds the same schedule.
    assert level(levelled.plan).tasks["start_offset"].equals(levelled.tasks["start_offset"])


def test_work_never_falls_on_a_resource_day_off():
    plan = make_plan(tasks=[{"id": "A", "duration": 3}], resources=[
        {**R1, "time_off": "2027-01-05"}], assignments=[{"task": "A", "resource": "R1"}])
    levelled = level(plan)
    assert levelled.tasks.loc["A", "start"].date().isoformat() == "2027-01-06"
    assert levelled.delays.loc["A", "blocking_tasks"] == "R1's time off"
    assert not loading(levelled)["overallocated"].any()


def test_half_days_level_on_half_day_slots():
    plan = make_plan(
        tasks=[{"id": "A", "duration": 1.5}, {"id": "B", "duration": 0.5}],
        resources=[R1],
        assignments=[{"task": "A", "resource": "R1"}, {"task": "B", "resource": "R1"}])
    levelled = level(plan)
    assert sorted(levelled.tasks["start_offset"]) == [0.0, 0.5]
    assert levelled.length == 2.0
    assert not loading(levelled)["overallocated"].any()


def test_started_and_pinned_tasks_are_not_moved():
    plan = make_plan(
        tasks=[{"id": "A", "duration": 4, "percent_complete": 50},
               {"id": "B", "duration": 2, "constraint": "MSO", "constraint_date": "2027-01-05"},
               {"id": "C", "duration": 2}],
        resources=[{**R1, "capacity": 2.0}],
        assignments=[{"task": t, "resource": "R1"} for t in "ABC"])
    levelled = level(plan)
    # A and B fill both units on days 1-2; C fits beside A from day 3.
    assert levelled.tasks["start_offset"].to_dict() == {"A": 0.0, "B": 1.0, "C": 3.0}


def test_unknown_method_and_missing_solver_are_clear_errors(monkeypatch):
    plan = two_on_one(500, 500)
    with pytest.raises(PlanError, match="must be 'heuristic' or 'optimal', got 'fast'"):
        level(plan, method="fast")
    monkeypatch.setitem(sys.modules, "ortools.sat.python", None)
    with pytest.raises(PlanError, match=r'pip install "workbench\[solver\]"'):
        level(plan, method="optimal")


def test_sample_plan_levels_the_data_engineer(sample_plan):
    levelled = level(sample_plan)
    daily = loading(levelled, freq="D")
    ahead = daily[daily["period"] > np.datetime64(sample_plan.project.status_date)]
    assert not ahead["overallocated"].any()
    assert not daily.loc[daily["resource"] == "R6", "overallocated"].any()
    assert (levelled.unlevelled.length, levelled.length) == (164.0, 181.0)
    assert levelled.delays.loc["T10", "resources"] == "R6"
    assert "T8" in levelled.delays.loc["T10", "blocking_tasks"]
    assert levelled.tasks.loc["T26", "start_offset"] == levelled.unlevelled.tasks.loc[
        "T26", "start_offset"]  # MSO: never moved


def assert_links_hold(plan, levelled):
    net = compile_plan(plan.replace(tasks=plan.tasks.assign(level_delay=0.0)))
    start = levelled.tasks["start_offset"].to_numpy()
    w = edge_weights(net, net.duration)
    assert (start[net.dst] >= start[net.src] + w - 1e-9).all()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=resourced())
def test_levelled_plans_fit_capacity_and_keep_links(plan):
    levelled = level(plan, iterations=12)
    assert not loading(levelled)["overallocated"].any()
    assert_links_hold(plan, levelled)
    assert levelled.length >= levelled.unlevelled.length - 1e-9
    unlimited = plan.replace(resources=plan.resources.assign(capacity=1e6, time_off=""))
    free = level(unlimited, iterations=3)
    cpm = schedule(unlimited)
    assert np.allclose(free.tasks["start_offset"], cpm.tasks["start_offset"])
    assert free.delays.empty and free.length == cpm.length


# ------------------------------------------------------------------ PSPLIB j30
def optima(shared_data: Path) -> dict[str, int]:
    found = {}
    for line in (shared_data / "psplib" / "j30opt.sm").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            found[f"j30{parts[0]}_{parts[1]}"] = int(parts[2])
    return found


def test_j30_every_instance_feasible_and_never_below_the_optimum(shared_data):
    best = optima(shared_data)
    files = sorted((shared_data / "psplib" / "j30").glob("*.sm"))
    assert len(files) == 480
    deviation = []
    for path in files:
        prob, start = level_starts(slot_problem(read_psplib(path)), iterations=8)
        assert (prob.usage(start) <= prob.cap + 1e-9).all(), path.name
        assert (start[prob.edge_dst] >= start[prob.edge_src] + prob.edge_w).all(), path.name
        makespan = prob.makespan(start)
        assert makespan >= best[path.stem], path.name
        deviation.append((makespan - best[path.stem]) / best[path.stem])
    assert np.mean(deviation) < 0.03  # a cheap setting: 8 schedules per instance


def test_j30_sample_with_the_full_heuristic(shared_data):
    best = optima(shared_data)
    files = sorted((shared_data / "psplib" / "j30").glob("*.sm"))[::20]
    deviation = []
    for path in files:
        levelled = level(read_psplib(path))
        assert not loading(levelled)["overallocated"].any(), path.name
        assert levelled.length >= best[path.stem]
        deviation.append((levelled.length - best[path.stem]) / best[path.stem])
    assert np.mean(deviation) < 0.01


@pytest.mark.parametrize("name", ["j301_1", "j305_3", "j3037_6", "j3045_7"])
def test_solver_reaches_the_j30_optimum(shared_data, name):
    pytest.importorskip("ortools")
    levelled = level(read_psplib(shared_data / "psplib" / "j30" / f"{name}.sm"),
                     method="optimal", time_limit=20)
    assert levelled.length == optima(shared_data)[name]
    assert levelled.proven_optimal and levelled.gap == 0.0
    assert not loading(levelled)["overallocated"].any()


def test_solver_decides_whether_a_shorter_schedule_exists(shared_data):
    pytest.importorskip("ortools")
    from workbench.engine.levelling.cpsat import schedule_within

    prob = slot_problem(read_psplib(shared_data / "psplib" / "j30" / "j3037_6.sm"))
    optimum = optima(shared_data)["j3037_6"]
    assert prob.bound < optimum - 1  # the answer below needs the solver, not the CPM bound
    found = schedule_within(prob, optimum, time_limit=20)
    assert found.status in ("OPTIMAL", "FEASIBLE")
    assert prob.makespan(found.start) <= optimum
    assert (prob.usage(found.start) <= prob.cap + 1e-9).all()
    assert (found.start[prob.edge_dst] >= found.start[prob.edge_src] + prob.edge_w).all()
    assert schedule_within(prob, optimum - 1, time_limit=20).status == "INFEASIBLE"
