"""The shape of scenarios: checked when a plan is built, naming scenario and change."""

from __future__ import annotations

import pytest

from workbench.model import Change, PlanError, Scenario
from workbench.model.scenario import OPS, check_scenarios, scenarios_from_list


def problems(*changes, base="plan"):
    return [str(p) for p in check_scenarios([Scenario("s", base=base, changes=changes)])]


@pytest.mark.parametrize("change, message", [
    ({"op": "grow"}, "unknown op 'grow'"),
    ({"op": "set", "table": "tasks", "id": "T1", "field": "duration"}, "set needs 'value'"),
    ({"op": "set", "table": "task", "id": "T1", "field": "duration", "value": 1},
     "unknown table 'task'"),
    ({"op": "set", "table": "tasks", "id": "T1", "field": "length", "value": 1},
     "unknown field 'length' of tasks"),
    ({"op": "set", "table": "tasks", "id": "T1", "field": "deadline", "value": "soon"},
     "value: expected a date like 2027-01-04"),
    ({"op": "scale", "table": "tasks", "field": "duration", "factor": 2},
     "give either 'where'"),
    ({"op": "scale", "table": "tasks", "field": "priority", "factor": 2, "ids": ["T1"]},
     "not tasks.priority"),
    ({"op": "scale", "table": "tasks", "field": "duration", "factor": 2,
      "where": {"team": "x"}}, "where: unknown field 'team'"),
    ({"op": "add", "table": "links", "row": {"from": "T1"}}, "row: needs 'to'"),
    ({"op": "remove", "table": "tasks", "id": "T1", "cascade": True}, "unknown field 'cascade'"),
    ({"op": "shift_start", "days": 1.5}, "expected a whole number of days"),
    ({"op": "add_units", "role": "Dev", "units": "two"}, "units: expected a number"),
    ({"op": "add_non_working_days", "dates": ["2027-02-30"]},
     "dates: is not a valid date (day is out of range for month), got '2027-02-30'"),
])
def test_malformed_changes_are_named(change, message):
    found = problems(change)
    assert len(found) == 1
    assert found[0].startswith("scenarios row 's' column 'changes[0]': ")
    assert message in found[0]


def test_every_op_has_a_checked_example():
    good = [{"op": "set", "table": "tasks", "id": "T1", "field": "duration", "value": 3},
            {"op": "scale", "table": "tasks", "where": {"parent": "W1"}, "field": "duration",
             "factor": 1.2},
            {"op": "add", "table": "tasks", "row": {"id": "T9", "duration": 2}},
            {"op": "remove", "table": "links", "id": "T1->T2"},
            {"op": "delay", "id": "T1", "days": 3},
            {"op": "add_units", "role": "Dev", "units": 1},
            {"op": "shift_start", "days": -7},
            {"op": "add_non_working_days", "dates": ["2027-02-01..2027-02-03"]}]
    assert {c["op"] for c in good} == set(OPS)
    assert problems(*good) == []
    assert [Change.from_dict(c).summary() for c in good] == [
        "set tasks T1 duration = 3", "scale tasks duration (parent = W1) by 1.2",
        "add tasks row {'id': 'T9', 'duration': 2}", "remove links T1->T2",
        "delay T1 by 3 working days", "add 1 units of Dev", "shift the start by -7 days",
        "add non-working days 2027-02-01..2027-02-03"]


def test_names_and_bases():
    duplicate = [Scenario("a"), Scenario("a"), Scenario("plan")]
    assert [str(p) for p in check_scenarios(duplicate)] == [
        "scenarios row 'a' column 'name': duplicate scenario name",
        "scenarios row 'plan' column 'name': 'plan' names the plan itself; choose another"]
    assert problems(base="other") == [
        "scenarios row 's' column 'base': unknown scenario 'other' (known: plan, s)"]


def test_file_shape_errors():
    with pytest.raises(PlanError, match="scenarios: must be a list"):
        scenarios_from_list({"name": "x"})
    with pytest.raises(PlanError, match="scenarios row 'x' column 'owner': unknown key"):
        scenarios_from_list([{"name": "x", "owner": "me"}])
    with pytest.raises(PlanError, match=r"column 'changes\[0\]': must be a mapping with 'op'"):
        scenarios_from_list([{"name": "x", "changes": ["set T1"]}])


def test_change_is_data():
    change = Change("delay", id="T1", days=3)
    assert Change.from_dict(change.to_dict()) == change
    assert change.with_parameter(5)["days"] == 5 and change["days"] == 3
    with pytest.raises(AttributeError):
        change.op = "set"
    with pytest.raises(PlanError, match="no parameter"):
        Change("remove", table="tasks", id="T1").with_parameter(1)


def test_plan_build_refuses_bad_scenarios_and_keeps_good_ones(sample_plan):
    with pytest.raises(PlanError) as err:
        sample_plan.replace(scenarios=[{"name": "x", "changes": [{"op": "delay", "id": "T1"}]}])
    assert str(err.value) == "scenarios row 'x' column 'changes[0]': delay needs 'days'"
    names = [s.name for s in sample_plan.scenarios]
    assert names[:3] == ["vendor slips 2 weeks", "add a second integration developer",
                         "descope reporting module"]
    assert sample_plan.replace().scenarios == sample_plan.scenarios
    assert not sample_plan.equals(sample_plan.replace(scenarios=()))
