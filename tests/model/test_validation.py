"""Every validation rule gives a PlanError naming table, row and column."""

from __future__ import annotations

import pytest

from tests.conftest import make_plan
from workbench.model import PlanError

T = [{"id": "A", "duration": 3}, {"id": "B", "duration": 2}, {"id": "C", "duration": 1}]


def problems_of(**kwargs) -> list[tuple[str, str | None, str | None, str]]:
    with pytest.raises(PlanError) as info:
        make_plan(**kwargs)
    return [(p.table, p.row, p.column, p.message) for p in info.value.problems]


def test_message_names_table_row_and_column():
    with pytest.raises(PlanError) as info:
        make_plan(tasks=[{"id": "T12", "duration": -3}])
    assert str(info.value) == "tasks row 'T12' column 'duration': must be >= 0, got -3"
    assert (info.value.table, info.value.row, info.value.column) == ("tasks", "T12", "duration")
    assert isinstance(info.value, ValueError)


def test_missing_id():
    assert problems_of(tasks=[{"name": "no id", "duration": 1}]) == [
        ("tasks", "#1", "id", "is required: text")]


def test_duplicate_id():
    [(table, row, column, message)] = problems_of(tasks=T + [{"id": "B", "duration": 4}])
    assert (table, row, column) == ("tasks", "B", "id")
    assert "duplicate" in message


def test_unknown_references():
    found = problems_of(
        tasks=T + [{"id": "D", "parent": "ZZ", "duration": 1, "owner": "R9"}],
        links=[{"from": "A", "to": "Q"}],
        resources=[{"id": "R1"}],
        assignments=[{"task": "A", "resource": "R2"}, {"task": "X", "resource": "R1"}],
    )
    assert ("tasks", "D", "parent", "unknown task id 'ZZ'") in found
    assert ("tasks", "D", "owner", "unknown resource id 'R9'") in found
    assert ("links", "A->Q", "to", "unknown task id 'Q'") in found
    assert ("assignments", "A/R2", "resource", "unknown resource id 'R2'") in found
    assert ("assignments", "X/R1", "task", "unknown task id 'X'") in found


def test_bad_types_are_reported_per_cell():
    found = problems_of(tasks=[{"id": "A", "duration": "three"},
                               {"id": "B", "duration": 1, "deadline": "next week"},
                               {"id": "C", "duration": 1, "milestone": "maybe"}])
    assert ("tasks", "A", "duration", "expected a number from 0 to 36525, got 'three'") in found
    assert ("tasks", "B", "deadline", "expected a date like 2027-01-04, got 'next week'") in found
    assert ("tasks", "C", "milestone", "expected true or false, got 'maybe'") in found


def test_negative_capacity():
    found = problems_of(tasks=T, resources=[{"id": "R1", "capacity": -1}])
    assert found == [("resources", "R1", "capacity", "must be >= 0, got -1")]


def test_unknown_link_and_constraint_types():
    found = problems_of(tasks=[{"id": "A", "duration": 1, "constraint": "ALAP2",
                                "constraint_date": "2027-01-05"}, {"id": "B", "duration": 1}],
                        links=[{"from": "A", "to": "B", "type": "XY"}])
    assert ("links", "A->B", "type", "must be one of FS, SS, FF, SF, got 'XY'") in found
    assert ("tasks", "A", "constraint",
            "must be one of ASAP, SNET, FNET, MSO, MFO, SNLT, FNLT, got 'ALAP2'") in found


def test_constraint_without_date():
    found = problems_of(tasks=[{"id": "A", "duration": 1, "constraint": "MSO"}])
    assert found == [("tasks", "A", "constraint_date", "constraint MSO needs a date")]


def test_summary_with_own_duration():
    found = problems_of(tasks=[{"id": "W", "duration": 4}, {"id": "A", "parent": "W",
                                                             "duration": 2}])
    assert [(t, r, c) for t, r, c, _ in found] == [("tasks", "W", "duration")]
    assert "summary" in found[0][3]


def test_link_between_summary_and_its_own_task():
    found = problems_of(tasks=[{"id": "W"}, {"id": "A", "parent": "W", "duration": 2}],
                        links=[{"from": "A", "to": "W"}])
    assert found == [("links", "A->W", "to", "links a summary task with a task inside it")]


def test_self_link():
    found = problems_of(tasks=T, links=[{"from": "A", "to": "A"}])
    assert found == [("links", "A->A", "to", "a task cannot depend on itself")]


def test_cycle_lists_its_tasks():
    found = problems_of(tasks=T, links=[{"from": "A", "to": "B"}, {"from": "B", "to": "C"},
                                        {"from": "C", "to": "A", "type": "SS"}])
    [(table, row, column, message)] = found
    assert table == "links" and row in {"A->B", "B->C", "C->A"}
    assert message.startswith("closes a cycle: ")
    cycle = message.removeprefix("closes a cycle: ").split(" -> ")
    assert cycle[0] == cycle[-1] and sorted(cycle[:-1]) == ["A", "B", "C"]


def test_cycle_through_a_summary():
    found = problems_of(
        tasks=[{"id": "W"}, {"id": "A", "parent": "W", "duration": 1}, {"id": "B", "duration": 1}],
        links=[{"from": "W", "to": "B"}, {"from": "B", "to": "A"}],
    )
    assert len(found) == 1 and "closes a cycle" in found[0][3]
    assert {"A", "B"} <= set(found[0][3].split(": ")[1].split(" -> "))


def test_wbs_loop():
    found = problems_of(tasks=[{"id": "A", "parent": "B"}, {"id": "B", "parent": "A"}])
    assert any(column == "parent" and "loops" in msg for _, _, column, msg in found)


def test_several_problems_reported_together():
    found = problems_of(tasks=[{"id": "A", "duration": -1}, {"id": "B", "duration": -2}],
                        links=[{"from": "A", "to": "Z"}])
    assert len(found) == 3


def test_unknown_column_is_an_error():
    found = problems_of(tasks=[{"id": "A", "duraton": 3}])
    assert ("tasks", None, "duraton") in [(t, r, c) for t, r, c, _ in found]


def test_milestone_with_duration():
    found = problems_of(tasks=[{"id": "M", "milestone": True, "duration": 2}])
    assert found == [("tasks", "M", "duration", "a milestone has zero duration, got 2")]


def test_task_needs_duration_or_effort():
    found = problems_of(tasks=[{"id": "A", "name": "nothing"}])
    assert found == [("tasks", "A", "duration", "is required (or give effort in person-days)")]


def test_assignment_to_summary():
    found = problems_of(tasks=[{"id": "W"}, {"id": "A", "parent": "W", "duration": 1}],
                        resources=[{"id": "R1"}], assignments=[{"task": "W", "resource": "R1"}])
    assert found == [("assignments", "W/R1", "task",
                      "assign work to the summary's tasks, not the summary")]


def test_bad_time_off_range():
    found = problems_of(tasks=T, resources=[{"id": "R1", "time_off": ["2027-03-05..2027-03-01"]}])
    assert found[0][:3] == ("resources", "R1", "time_off")


def test_valid_plan_builds_with_defaults():
    plan = make_plan(tasks=T, links=[{"from": "A", "to": "B"}])
    assert plan.links.loc[0, "type"] == "FS" and plan.links.loc[0, "lag"] == 0
    assert plan.tasks["constraint"].eq("ASAP").all()
    assert plan.tasks["id"].dtype == object


def test_replace_never_touches_the_old_plan():
    plan = make_plan(tasks=T)
    with pytest.raises(PlanError):
        plan.replace(tasks=[{"id": "A", "duration": -1}])
    assert plan.tasks["duration"].tolist() == [3, 2, 1]
    changed = plan.replace(tasks=[{"id": "A", "duration": 9}])
    assert changed.tasks["duration"].tolist() == [9]
    assert plan.tasks["duration"].tolist() == [3, 2, 1]


def test_typed_frames_still_get_defaults_and_checks():
    plan = make_plan(tasks=T, links=[{"from": "A", "to": "B"}])
    again = plan.replace(tasks=plan.tasks.assign(constraint=""),
                         links=plan.links.assign(lag=float("nan")))
    assert again.tasks["constraint"].eq("ASAP").all()
    assert again.links["lag"].tolist() == [0.0]
    with pytest.raises(PlanError, match="tasks row 'A' column 'duration': must be >= 0"):
        plan.replace(tasks=plan.tasks.assign(duration=[-1.0, 2.0, 1.0]))
    with pytest.raises(PlanError, match="tasks row 'B' column 'id': duplicate"):
        plan.replace(tasks=plan.tasks.assign(id=["A", "B", "B"]))
