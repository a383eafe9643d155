"""Applying scenarios: every change kind against hand-computed schedules, stale changes,
chains, and the reuse of the base's compiled plan (which must not change any result)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_plan
from tests.engine.scheduling.test_cpm_properties import networks
from workbench.engine import ScenarioRunner, apply, schedule
from workbench.engine.scenarios.runner import (
    OPERATIONS,
    REBUILD,
    RECOMPILE,
    REUSE_ALL,
    REUSE_NETWORK,
)
from workbench.model import PlanError, Scenario
from workbench.model.scenario import OPS


@pytest.fixture
def plan():
    return small_plan()


def small_plan():
    """A (5) then, inside summary S, B (10) and C (3); B before the milestone M.

    Mon 2027-01-04 start, Mon-Fri: A days 0-5, B 5-15, C 5-8, M at 15 = Fri 2027-01-22.
    """
    return make_plan(
        tasks=[{"id": "A", "name": "Design", "duration": 5},
               {"id": "S", "name": "Build"},
               {"id": "B", "name": "Code", "parent": "S", "duration": 10, "owner": "R1"},
               {"id": "C", "name": "Test plan", "parent": "S", "duration": 3, "owner": "R2"},
               {"id": "M", "name": "Release", "milestone": True}],
        links=[{"from": "A", "to": "B"}, {"from": "A", "to": "C"}, {"from": "B", "to": "M"}],
        resources=[{"id": "R1", "role": "Developer", "rate": 500},
                   {"id": "R2", "role": "Tester", "rate": 400}],
        assignments=[{"task": "A", "resource": "R1"}, {"task": "B", "resource": "R1"},
                     {"task": "C", "resource": "R2"}],
    )


def run(plan, *changes):
    runner = ScenarioRunner(plan)
    outcome = runner.run_changes(changes)
    # The reuse path must give exactly what a fresh apply + schedule gives.
    fresh = schedule(apply(plan, Scenario("check", changes=changes)))
    pd.testing.assert_frame_equal(outcome.schedule.tasks, fresh.tasks)
    return outcome


def finish(outcome) -> dt.date:
    return outcome.schedule.finish.date()


def test_every_declared_operation_is_applied():
    assert set(OPERATIONS) == set(OPS)


def test_base_finish(plan):
    assert schedule(plan).finish.date() == dt.date(2027, 1, 22)


def test_set_a_duration(plan):
    out = run(plan, {"op": "set", "table": "tasks", "id": "B", "field": "duration",
                     "value": 12})
    assert finish(out) == dt.date(2027, 1, 26)
    assert out.reuse == REUSE_NETWORK
    assert plan.tasks.set_index("id").loc["B", "duration"] == 10  # base untouched


def test_set_a_link_lag_by_key(plan):
    out = run(plan, {"op": "set", "table": "links", "id": "A->B", "field": "lag", "value": 2})
    assert out.schedule.length == 17 and out.reuse == REUSE_NETWORK


def test_set_capacity_compiles_again_on_the_base_network(plan):
    # Capacity caps the units of effort-driven tasks, so the compile reads it.
    out = run(plan, {"op": "set", "table": "resources", "id": "R1", "field": "capacity",
                     "value": 0.5})
    assert out.reuse == REUSE_NETWORK
    assert out.plan.resources.set_index("id").loc["R1", "capacity"] == 0.5
    assert finish(out) == dt.date(2027, 1, 22)


def test_scale_a_wbs_branch(plan):
    out = run(plan, {"op": "scale", "table": "tasks", "where": {"parent": "S"},
                     "field": "duration", "factor": 1.5})
    durations = out.plan.tasks.set_index("id")["duration"]
    assert durations["B"] == 15 and durations["C"] == 4.5 and durations["A"] == 5
    assert out.schedule.length == 20 and finish(out) == dt.date(2027, 1, 29)


def test_scale_by_ids_changes_float_only(plan):
    out = run(plan, {"op": "scale", "table": "tasks", "ids": ["C"], "field": "duration",
                     "factor": 2})
    assert out.schedule.length == 15
    assert out.schedule.tasks.loc["C", "total_float"] == 4  # was 7


def test_scale_by_role_and_by_owner(plan):
    by_role = run(plan, {"op": "scale", "table": "tasks", "where": {"role": "Developer"},
                         "field": "duration", "factor": 2})
    assert by_role.schedule.length == 30  # A 10 + B 20
    by_owner = run(plan, {"op": "scale", "table": "tasks", "where": {"owner": "R1"},
                          "field": "duration", "factor": 2})
    assert by_owner.schedule.length == 25  # only B (owned by R1) doubles


def test_scale_duration_of_an_effort_driven_task_scales_its_effort():
    plan = make_plan(tasks=[{"id": "E", "effort": 6}], resources=[{"id": "R1"}, {"id": "R2"}],
                     assignments=[{"task": "E", "resource": "R1"},
                                  {"task": "E", "resource": "R2"}])
    out = run(plan, {"op": "scale", "table": "tasks", "ids": ["E"], "field": "duration",
                     "factor": 2})
    assert out.schedule.tasks.loc["E", "duration"] == 6  # 12 person-days / 2 people


def test_add_a_link_and_a_task(plan):
    out = run(plan, {"op": "add", "table": "links", "row": {"from": "C", "to": "B"}})
    assert out.schedule.length == 18 and out.reuse == REBUILD
    longer = run(plan, {"op": "add", "table": "tasks", "row": {"id": "D", "duration": 20}})
    assert longer.schedule.length == 20


def test_add_an_assignment_shortens_an_effort_task():
    plan = make_plan(tasks=[{"id": "E", "effort": 6}], resources=[{"id": "R1"}, {"id": "R2"}],
                     assignments=[{"task": "E", "resource": "R1"}])
    out = run(plan, {"op": "add", "table": "assignments",
                     "row": {"task": "E", "resource": "R2", "units": 0.5}})
    assert out.schedule.length == 4 and out.reuse == REUSE_NETWORK


def test_remove_a_task_takes_its_links_and_assignments(plan):
    out = run(plan, {"op": "remove", "table": "tasks", "id": "B"})
    assert "B" not in set(out.plan.tasks["id"])
    assert len(out.plan.links) == 1 and len(out.plan.assignments) == 2
    assert out.schedule.length == 8  # A then C


def test_remove_a_summary_removes_its_branch(plan):
    out = run(plan, {"op": "remove", "table": "tasks", "id": "S"})
    assert out.plan.tasks["id"].tolist() == ["A", "M"]


def test_remove_a_resource_clears_owner_and_assignments(plan):
    out = run(plan, {"op": "remove", "table": "resources", "id": "R2"})
    assert out.plan.tasks.set_index("id").loc["C", "owner"] == ""
    assert "R2" not in set(out.plan.assignments["resource"])


def test_delay_a_linked_task_and_an_unlinked_one(plan):
    out = run(plan, {"op": "delay", "id": "B", "days": 3})
    assert out.schedule.tasks.loc["B", "start_offset"] == 8 and out.schedule.length == 18
    first = run(plan, {"op": "delay", "id": "A", "days": 2})
    assert first.plan.tasks.set_index("id").loc["A", "constraint"] == "SNET"
    assert first.schedule.length == 17


def test_delay_moves_a_start_constraint_in_working_days():
    plan = make_plan(tasks=[{"id": "V", "milestone": True, "constraint": "SNET",
                             "constraint_date": "2027-01-08"}])
    out = run(plan, {"op": "delay", "id": "V", "days": 1})
    assert out.plan.tasks.loc[0, "constraint_date"] == pd.Timestamp("2027-01-11")  # Fri->Mon


def test_add_units_shares_the_roles_work(plan):
    out = run(plan, {"op": "add_units", "role": "Developer", "units": 1})
    new = out.plan.resources.set_index("id").loc["R3"]
    assert (new["role"], new["capacity"], new["rate"]) == ("Developer", 1.0, 500.0)
    durations = out.plan.tasks.set_index("id")["duration"]
    assert durations["A"] == 2.5 and durations["B"] == 5 and durations["C"] == 3
    assert out.schedule.length == 7.5 and finish(out) == dt.date(2027, 1, 13)


def test_add_zero_units_changes_nothing(plan):
    assert run(plan, {"op": "add_units", "role": "Developer", "units": 0}).plan.equals(
        plan.replace(scenarios=()))


def test_shift_start_and_non_working_days(plan):
    later = run(plan, {"op": "shift_start", "days": 7})
    assert later.schedule.start.date() == dt.date(2027, 1, 11)
    assert finish(later) == dt.date(2027, 1, 29)
    holidays = run(plan, {"op": "add_non_working_days", "dates": ["2027-01-06..2027-01-07"]})
    assert finish(holidays) == dt.date(2027, 1, 26)
    assert later.reuse == holidays.reuse == RECOMPILE


def test_a_change_nothing_compiles_reuses_the_base_compiled_plan(plan):
    out = run(plan, {"op": "set", "table": "tasks", "id": "B", "field": "name",
                     "value": "Code and review"})
    assert out.reuse == REUSE_ALL and out.schedule.tasks.loc["B", "name"] == "Code and review"


@pytest.mark.parametrize("change, message", [
    ({"op": "set", "table": "tasks", "id": "T30", "field": "duration", "value": 1},
     "task 'T30' does not exist in the base plan"),
    ({"op": "remove", "table": "links", "id": "B->C"}, "link 'B->C' does not exist"),
    ({"op": "scale", "table": "tasks", "where": {"parent": "W9"}, "field": "duration",
      "factor": 2}, "task 'W9' does not exist"),
    ({"op": "scale", "table": "tasks", "where": {"role": "Architect"}, "field": "duration",
      "factor": 2}, "no resource has the role 'Architect'"),
    ({"op": "delay", "id": "S", "days": 2}, "is a summary"),
    ({"op": "add_units", "role": "Architect", "units": 1}, "role 'Architect'"),
    ({"op": "add", "table": "links", "row": {"from": "X", "to": "B"}},
     "links row 'X->B' column 'from': unknown task id 'X'"),
    ({"op": "set", "table": "tasks", "id": "B", "field": "duration", "value": -3},
     "tasks row 'B' column 'duration': must be >= 0, got -3"),
])
def test_stale_or_bad_changes_name_scenario_and_change(plan, change, message):
    scenario = Scenario("what if", changes=({"op": "shift_start", "days": 0}, change))
    with pytest.raises(PlanError) as err:
        apply(plan, scenario)
    assert str(err.value).startswith("scenarios row 'what if' column 'changes[1]': ")
    assert message in str(err.value)


def test_chained_scenarios_apply_base_first(plan):
    chained = plan.replace(scenarios=[
        {"name": "slow build", "changes": [{"op": "scale", "table": "tasks",
                                            "where": {"parent": "S"}, "field": "duration",
                                            "factor": 2}]},
        {"name": "slow and late", "base": "slow build",
         "changes": [{"op": "delay", "id": "A", "days": 1}]},
    ])
    assert schedule(apply(chained, "slow and late")).length == 5 + 20 + 1
    assert apply(chained, "slow and late").scenarios == ()
    assert chained.tasks.set_index("id").loc["B", "duration"] == 10


def test_unknown_scenario_and_loops_are_refused(plan):
    with pytest.raises(PlanError, match="unknown scenario 'nope'"):
        apply(plan, "nope")
    with pytest.raises(PlanError, match="the bases loop: a -> b -> a"):
        plan.replace(scenarios=[{"name": "a", "base": "b"}, {"name": "b", "base": "a"}])


def test_stale_saved_scenario_after_the_plan_changed(plan):
    with_scenario = plan.replace(scenarios=[{"name": "faster tests", "changes": [
        {"op": "set", "table": "tasks", "id": "C", "field": "duration", "value": 1}]}])
    edited = with_scenario.replace(tasks=with_scenario.tasks[with_scenario.tasks["id"] != "C"],
                                   links=with_scenario.links[with_scenario.links["to"] != "C"],
                                   assignments=with_scenario.assignments.iloc[:2])
    with pytest.raises(PlanError, match=r"scenarios row 'faster tests' column 'changes\[0\]': "
                                        r"task 'C' does not exist in the base plan"):
        apply(edited, "faster tests")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(networks(), st.sampled_from([0.5, 1.0, 1.5]))
def test_empty_scenario_is_the_base_and_reuse_matches_a_fresh_schedule(net, factor):
    tasks, links, start = net
    base = make_plan(tasks, links, start=start)
    runner = ScenarioRunner(base)
    empty = runner.run(Scenario("nothing"))
    pd.testing.assert_frame_equal(empty.schedule.tasks, schedule(base).tasks, check_exact=True)
    assert apply(base, Scenario("nothing")).equals(base)
    leaves = [t["id"] for t in tasks if t["id"].startswith("L")]
    change = {"op": "scale", "table": "tasks", "ids": leaves, "field": "duration",
              "factor": factor}
    scaled = runner.run_changes([change])
    assert scaled.reuse <= REUSE_NETWORK  # all durations 0 (or factor 1): nothing changed
    fresh = schedule(apply(base, Scenario("x", changes=(change,))))
    pd.testing.assert_frame_equal(scaled.schedule.tasks, fresh.tasks, check_exact=True)
