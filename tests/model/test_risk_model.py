"""The risk inputs: three-point estimates, distributions, the register and plan settings."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from tests.conftest import make_plan
from workbench.io.plan_file import dump_plan, plan_from_dict
from workbench.model import PlanError, RiskSettings
from workbench.model.project import project_from_dict

TASKS = [{"id": "A", "duration": 5, "optimistic": 4, "most_likely": 5, "pessimistic": 9},
         {"id": "B", "duration": 3}]
RESOURCES = [{"id": "R1"}]


def build(risks, tasks=TASKS):
    from workbench.model import Plan

    project = project_from_dict({"start": "2027-01-04"})
    return Plan.build(project, tasks=tasks, resources=RESOURCES, risks=risks)


def messages(exc: pytest.ExceptionInfo) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_register_cells_accept_numbers_lists_and_text():
    plan = build([{"id": "RK1", "probability": 0.3, "schedule_impact": "3,5, 10",
                   "cost_impact": 2000, "tasks": ["A", "B"], "owner": "R1"},
                  {"id": "RK2", "probability": 0.1, "schedule_impact": [2], "tasks": "B"}])
    risks = plan.risks.set_index("id")
    assert risks.loc["RK1", "schedule_impact"] == "3, 5, 10"
    assert risks.loc["RK1", "cost_impact"] == "2000"
    assert risks.loc["RK1", "tasks"] == "A, B"
    assert risks.loc["RK2", "schedule_impact"] == "2"
    assert risks.loc["RK2", "status"] == "open"


@pytest.mark.parametrize(("row", "expected"), [
    ({"probability": 1.5},
     "risks row 'RK1' column 'probability': must be <= 1, got 1.5"),
    ({"probability": 0.2, "schedule_impact": "5, 3, 10", "tasks": "A"},
     "risks row 'RK1' column 'schedule_impact': needs optimistic <= most likely <= "
     "pessimistic, got '5, 3, 10'"),
    ({"probability": 0.2, "schedule_impact": "3, 5", "tasks": "A"},
     "risks row 'RK1' column 'schedule_impact': expected a number or three numbers "
     "'optimistic, most likely, pessimistic' like '3, 5, 10', each from 0 to 36525, "
     "got '3, 5'"),
    ({"probability": 0.2, "cost_impact": -100},
     "risks row 'RK1' column 'cost_impact': must be >= 0, got -100"),
    ({"probability": 0.2, "schedule_impact": 4, "tasks": "A, T99"},
     "risks row 'RK1' column 'tasks': unknown task id 'T99'"),
    ({"probability": 0.2, "schedule_impact": 4},
     "risks row 'RK1' column 'tasks': a schedule impact needs the affected task ids"),
    ({"probability": 0.2, "status": "done"},
     "risks row 'RK1' column 'status': must be one of open, mitigating, closed, got 'done'"),
    ({"probability": 0.2, "owner": "R9"},
     "risks row 'RK1' column 'owner': unknown resource id 'R9'"),
    ({},
     "risks row 'RK1' column 'probability': is required: a number from 0 to 1"),
])
def test_register_problems_name_table_row_and_column(row, expected):
    with pytest.raises(PlanError) as exc:
        build([{"id": "RK1", **row}])
    assert messages(exc) == [expected]


def test_risk_on_a_summary_task_is_refused():
    tasks = [{"id": "S"}, {"id": "A", "parent": "S", "duration": 2}]
    with pytest.raises(PlanError) as exc:
        build([{"id": "RK1", "probability": 0.5, "schedule_impact": 2, "tasks": "S"}], tasks)
    assert messages(exc) == ["risks row 'RK1' column 'tasks': 'S' is a summary task; "
                             "list the tasks it affects"]


@pytest.mark.parametrize(("task", "expected"), [
    ({"optimistic": 4, "most_likely": 5},
     "tasks row 'A' column 'pessimistic': give all three estimates (optimistic, most_likely, "
     "pessimistic) or none"),
    ({"optimistic": 6, "most_likely": 5, "pessimistic": 9},
     "tasks row 'A' column 'optimistic': must be <= most_likely (5), got 6"),
    ({"optimistic": 4, "most_likely": 5, "pessimistic": 4.5},
     "tasks row 'A' column 'pessimistic': must be >= most_likely (5), got 4.5"),
    ({"distribution": "normal"},
     "tasks row 'A' column 'distribution': must be one of triangular, pert, got 'normal'"),
])
def test_estimate_problems(task, expected):
    with pytest.raises(PlanError) as exc:
        make_plan([{"id": "A", "duration": 5, **task}])
    assert messages(exc) == [expected]


def test_risk_settings_read_and_refused():
    project = project_from_dict({"start": "2027-01-04", "risk": {
        "distribution": "PERT", "default_spread": [0.8, 1, 1.5], "correlation": 0.7,
        "deadline": "2027-09-30", "budget": 250000}})
    assert project.risk == RiskSettings("pert", (0.8, 1.0, 1.5), 0.7, dt.date(2027, 9, 30),
                                        250000.0)
    with pytest.raises(PlanError, match=r"project row 'risk' column 'default_spread': needs "
                                        r"optimistic <= most likely"):
        project_from_dict({"start": "2027-01-04", "risk": {"default_spread": [1.2, 1, 1.5]}})
    with pytest.raises(PlanError, match=r"project row 'risk' column 'correlation': must be "
                                        r"between 0 and 1, got 2"):
        project_from_dict({"start": "2027-01-04", "risk": {"correlation": 2}})
    with pytest.raises(PlanError, match=r"project row 'risk' column 'spread': unknown key"):
        project_from_dict({"start": "2027-01-04", "risk": {"spread": 2}})


def test_register_and_settings_round_trip_through_yaml(sample_plan):
    assert len(sample_plan.risks) == 6
    text = dump_plan(sample_plan)
    again = plan_from_dict(yaml.safe_load(text))
    assert again.equals(sample_plan)
    data = yaml.safe_load(text)
    assert data["risks"][0]["schedule_impact"] == [5, 10, 20]
    assert data["risks"][2]["cost_impact"] == 12000
    assert data["risks"][5]["tasks"] == ["T13", "T15", "T16"]
    data["project"]["risk"] = {"distribution": "pert", "deadline": "2027-09-30"}
    data["tasks"][1].update(distribution="triangular", correlation_group="analysis")
    edited = plan_from_dict(data)
    assert plan_from_dict(yaml.safe_load(dump_plan(edited))).equals(edited)
    assert edited.project.risk.distribution == "pert"
