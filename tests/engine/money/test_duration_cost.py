"""The cost of many sets of durations at once equals the money engine's cost of each."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import make_plan
from workbench.engine.money.cost import cost_items
from workbench.engine.money.duration_cost import duration_cost
from workbench.engine.scheduling.compiled import compile_plan, task_durations
from workbench.engine.scheduling.cpm import run_passes
from workbench.model import Plan


def staffed_plan() -> Plan:
    plan = make_plan(
        tasks=[{"id": "W"}, {"id": "A", "parent": "W", "duration": 4},
               {"id": "B", "parent": "W", "effort": 9}, {"id": "C", "duration": 2.5},
               {"id": "M", "milestone": True}],
        links=[{"from": "A", "to": "B"}, {"from": "A", "to": "C", "type": "SS", "lag": 1},
               {"from": "B", "to": "M"}],
        resources=[{"id": "DEV", "rate": 600, "time_off": ["2027-01-08", "2027-01-13"]},
                   {"id": "PM", "rate": 800, "time_off": ["2027-01-11..2027-01-12"]}],
        assignments=[{"task": "A", "resource": "DEV"},
                     {"task": "B", "resource": "DEV"},
                     {"task": "B", "resource": "PM", "units": 0.5},
                     {"task": "C", "resource": "PM"}])
    return plan.replace(cost_lines=[
        {"id": "L1", "category": "hardware", "task": "A", "amount": 700},
        {"id": "L2", "category": "services", "task": "C", "amount": 450, "date": "2027-01-05"},
        {"id": "L3", "category": "other", "amount": 90, "date": "2027-01-04"}])


def with_durations(plan: Plan, duration: np.ndarray) -> Plan:
    tasks = plan.tasks.copy()
    tasks["duration"] = np.where(tasks["id"].isin(plan.tasks["parent"]), np.nan, duration)
    return plan.replace(tasks=tasks)


@pytest.mark.parametrize("name", ["staffed", "sample"])
def test_cost_of_many_schedules_is_the_money_engines_cost_of_each(name, sample_plan):
    plan = staffed_plan() if name == "staffed" else sample_plan
    net = compile_plan(plan)
    # Tasks that have started keep their actual dates whatever their duration says.
    free = (plan.tasks["actual_start"].isna() & ~plan.tasks["milestone"]).to_numpy()
    scale = np.random.default_rng(5).uniform(0.5, 2.0, (len(plan.tasks), 6))
    duration = np.where(free[:, None], task_durations(plan)[:, None] * scale,
                        net.duration[:, None])
    passes = run_passes(net, duration)
    form = duration_cost(plan)
    expected = [cost_items(with_durations(plan, duration[:, j])).amount.sum()
                for j in range(duration.shape[1])]
    assert form.cost(passes.early_start, duration) == pytest.approx(expected, rel=1e-12)
    assert form.cost(passes.early_start[:, 2], duration[:, 2]) == pytest.approx(expected[2])


def test_days_off_make_the_cost_depend_on_where_a_task_falls():
    plan = staffed_plan()
    net = compile_plan(plan)
    form = duration_cost(plan)
    assert form.fixed == 700 + 450 + 90
    # A two days longer (6 days from Monday 4 January) takes in DEV's day off on Friday
    # 8 January: one more paid day, +600. B (6 days) starts on the 12th instead of the
    # 8th: DEV works 5 of its days, not 4 (+600), PM is off 1 of them, not 2 (+400).
    longer = net.duration.copy()
    longer[list(plan.tasks["id"]).index("A")] += 2
    base_cost = form.cost(run_passes(net).early_start, net.duration)
    new_cost = form.cost(run_passes(net, longer).early_start, longer)
    assert new_cost - base_cost == 1600  # a labour-per-day model alone says 2 x 600
    assert base_cost == cost_items(plan).amount.sum()
    assert new_cost == cost_items(with_durations(plan, longer)).amount.sum()
