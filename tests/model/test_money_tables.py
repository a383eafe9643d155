"""Cost lines, budget, actuals, progress and baselines: validation and file round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import make_plan
from workbench.io.plan_file import dump_plan, plan_from_dict, plan_to_dict
from workbench.model import PlanError

TASKS = [{"id": "W", "name": "Work package"},
         {"id": "A", "parent": "W", "duration": 5},
         {"id": "B", "parent": "W", "duration": 3}]


def build(**tables):
    base = make_plan(TASKS, resources=[{"id": "R1", "rate": 500}])
    return base.replace(**tables)


def problems(**tables) -> list[str]:
    with pytest.raises(PlanError) as info:
        build(**tables)
    return [str(p) for p in info.value.problems]


def test_money_tables_build_with_types_and_defaults():
    plan = build(cost_lines=[{"id": "C1", "category": "hardware", "task": "A", "amount": "1200"}],
                 budget=[{"category": "labour", "amount": 10000},
                         {"category": "management reserve", "amount": 1500}],
                 actuals=[{"date": "2027-01-05", "task": "A", "amount": 480, "resource": "R1",
                           "hours": 8}])
    assert plan.cost_lines.loc[0, "amount"] == 1200.0
    assert plan.actuals.loc[0, "category"] == "labour"
    assert plan.budget.set_index("category").loc["management reserve", "amount"] == 1500


def test_actual_finish_before_actual_start_names_the_cell():
    tasks = [dict(TASKS[0]), {**TASKS[1], "actual_start": "2027-01-06",
                              "actual_finish": "2027-01-05"}, TASKS[2]]
    assert problems(tasks=tasks) == [
        "tasks row 'A' column 'actual_finish': is before actual_start 2027-01-06"]


def test_actual_finish_needs_a_start_and_summaries_take_no_progress():
    tasks = [{**TASKS[0], "actual_start": "2027-01-04"},
             {**TASKS[1], "actual_finish": "2027-01-08"}, TASKS[2]]
    assert problems(tasks=tasks) == [
        "tasks row 'A' column 'actual_finish': needs an actual_start as well",
        "tasks row 'W' column 'actual_start': "
        "a summary task rolls up its children's progress; remove it"]


def test_actuals_for_unknown_tasks_and_negative_amounts_are_refused():
    found = problems(actuals=[{"date": "2027-01-05", "task": "Z", "amount": 10},
                              {"date": "2027-01-06", "task": "A", "amount": -5}])
    assert found == ["actuals row '2027-01-05/Z' column 'task': unknown task id 'Z'",
                     "actuals row '2027-01-06/A' column 'amount': must be >= 0, got -5"]


def test_cost_lines_need_a_known_category_and_a_task_or_a_date():
    found = problems(cost_lines=[{"id": "C1", "category": "snacks", "task": "A", "amount": 1},
                                 {"id": "C2", "category": "travel", "amount": 300},
                                 {"id": "C3", "category": "cloud", "task": "W", "amount": 9}])
    assert found[0].startswith("cost_lines row 'C1' column 'category': must be one of labour,")
    assert found[1:] == [
        "cost_lines row 'C3' column 'task': book costs on the summary's tasks, not the summary",
        "cost_lines row 'C2' column 'date': give a date, or a task to spread the cost over"]


def test_budget_categories_are_unique():
    found = problems(budget=[{"category": "labour", "amount": 1},
                             {"category": "labour", "amount": 2}])
    assert found == ["budget row 'labour' column 'category': duplicate category 'labour'"]


def test_current_baseline_must_exist():
    plan = build()
    with pytest.raises(PlanError) as info:
        plan.replace(project=plan.project.replace(current_baseline="v2"))
    assert str(info.value) == ("project column 'current_baseline': "
                               "no baseline named 'v2' (saved: none)")


def test_money_tables_round_trip_through_the_file():
    plan = build(cost_lines=[{"id": "C1", "category": "software licences", "amount": 900,
                              "date": "2027-01-07"}],
                 budget=[{"category": "contingency reserve", "amount": 2000}],
                 actuals=[{"date": "2027-01-05", "task": "A", "amount": 480}],
                 baselines=[{"baseline": "v1", "task": "A", "start": "2027-01-04",
                             "finish": "2027-01-08", "duration": 5, "work": 5, "cost": 2500}],
                 tasks=[TASKS[0], {**TASKS[1], "actual_start": "2027-01-04",
                                   "remaining_duration": 2.5, "percent_complete": 40},
                        TASKS[2]])
    plan = plan.replace(project=plan.project.replace(current_baseline="v1",
                                                     status_date=dt.date(2027, 1, 6)))
    data = plan_to_dict(plan)
    assert data["project"]["current_baseline"] == "v1"
    assert data["baselines"][0]["cost"] == 2500
    import yaml

    again = plan_from_dict(yaml.safe_load(dump_plan(plan)))
    assert again.equals(plan)
