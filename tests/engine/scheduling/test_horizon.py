"""Plans reaching beyond the declared span are refused before any array is sized by it.

Validation refuses a single huge duration, lag, effort or date; the calendar refuses
any schedule (or date asked about) more than ``SPAN_YEARS`` from the project start, so
plans that bypass validation, or whose span only shows once scheduled, cannot exhaust
memory or time either.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.scheduler import schedule
from workbench.model import Plan, PlanError, Project
from workbench.model.project import Calendar, project_from_dict
from workbench.model.schema import MAX_WORKING_DAYS, SPAN_YEARS

START = dt.date(2027, 1, 4)
PROJECT = Project(start=START)


def build(tasks, links=(), resources=(), assignments=(), project=PROJECT) -> Plan:
    return Plan.build(project, tasks=list(tasks), links=list(links),
                      resources=list(resources), assignments=list(assignments))


@pytest.mark.parametrize(("rows", "column"), [
    ({"tasks": [{"id": "A", "duration": 1e9}]}, "duration"),
    ({"tasks": [{"id": "A", "duration": 1}, {"id": "B", "duration": 1}],
      "links": [{"from": "A", "to": "B", "lag": 1_000_000_000}]}, "lag"),
    ({"tasks": [{"id": "A", "effort": 1e6}], "resources": [{"id": "R"}],
      "assignments": [{"task": "A", "resource": "R", "units": 0.001}]}, "effort"),
    ({"tasks": [{"id": "A", "duration": 1, "constraint": "SNET",
                 "constraint_date": "9999-12-31"}]}, "constraint_date"),
])
def test_one_huge_value_is_refused_by_validation(rows, column):
    with pytest.raises(PlanError) as info:
        build(**rows)
    assert column in {p.column for p in info.value.problems}


def test_constraint_date_beyond_the_span_is_refused_when_scheduling():
    plan = build([{"id": "A", "duration": 1, "constraint": "SNET",
                   "constraint_date": "2190-01-05"}])
    with pytest.raises(PlanError, match=f"more than {SPAN_YEARS} years from the project "
                                        "start 2027-01-04"):
        schedule(plan)


def test_chain_of_long_tasks_beyond_the_span_is_refused_when_scheduling():
    plan = build([{"id": "A", "duration": 30_000}, {"id": "B", "duration": 30_000}],
                 [{"from": "A", "to": "B"}])
    with pytest.raises(PlanError, match=f"more than {SPAN_YEARS} years"):
        schedule(plan)


def test_plan_just_inside_the_span_is_scheduled():
    plan = build([{"id": "A", "duration": 26_000}])
    result = schedule(plan)
    assert result.length == 26_000
    assert result.finish.year == 2126  # 26,000 Mon-Fri days: about 99.6 years


@pytest.mark.parametrize("duration", [1e6, 1e308])
def test_plan_that_bypassed_validation_cannot_size_arrays_by_its_span(duration):
    plan = build([{"id": "A", "duration": 5}])
    unchecked = Plan(plan.project, {**plan.tables,
                                    "tasks": plan.tasks.assign(duration=duration)})
    with pytest.raises(PlanError, match=f"more than {SPAN_YEARS} years"):
        schedule(unchecked)


def test_calendar_refuses_working_day_indices_beyond_the_span():
    cal = WorkCalendar(PROJECT)
    with pytest.raises(PlanError, match="reaches beyond working day 36525, which is more "
                                        "than 100 years"):
        cal.dates([0, 10 ** 9])
    assert cal.dates([MAX_WORKING_DAYS * 5 // 7 - 100]).tolist()[0].year == 2126


def test_calendar_refuses_dates_beyond_the_span_before_loading_their_holidays():
    cal = WorkCalendar(project_from_dict({"start": START, "calendar": {"country": "DE"}}))
    with pytest.raises(PlanError, match="reaches 2190-01-05, which is more than 100 years"):
        cal.start_offset(np.array(["2190-01-05"], dtype="datetime64[D]"))
    with pytest.raises(PlanError, match="reaches 1900-01-01, which is more than 100 years"):
        cal.is_working(np.array(["1900-01-01"], dtype="datetime64[D]"))


def test_unknown_subdivision_built_in_code_is_a_plan_error():
    project = Project(start=START, calendar=Calendar(country="DE", subdivision="XX"))
    with pytest.raises(PlanError) as info:
        WorkCalendar(project)
    assert (info.value.table, info.value.row, info.value.column) == (
        "project", "calendar", "subdivision")
