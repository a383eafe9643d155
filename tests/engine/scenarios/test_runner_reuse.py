"""The runner's reuse of the base's work never changes a result.

Each case is a change the runner once answered from a stale compiled plan: it must
give what ``schedule(apply(plan, scenario))`` gives, through ``run`` and ``task_deltas``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from workbench.engine import ScenarioRunner, apply, schedule, task_deltas
from workbench.engine.scenarios.runner import REUSE_ALL

# On the sample plan T8 is 30 person-days of effort shared by R5 (1.0) and R6 (0.5);
# assignment units count at most up to a resource's capacity.
HALF_CAPACITY_R6 = {"op": "set", "table": "resources", "id": "R6", "field": "capacity",
                    "value": 0.5}
SCALED_CAPACITY_R6 = {"op": "scale", "table": "resources", "ids": ["R6"],
                      "field": "capacity", "factor": 0.5}


def _scenario(change: dict) -> dict:
    return {"name": "what-if", "changes": [change]}


def _fresh(plan, change):
    return schedule(apply(plan, _scenario(change)))


@pytest.mark.parametrize("change", [HALF_CAPACITY_R6, SCALED_CAPACITY_R6],
                         ids=["set", "scale"])
def test_less_capacity_lengthens_an_effort_driven_task(sample_plan, change):
    fresh = _fresh(sample_plan, change)
    assert fresh.tasks.loc["T8", "duration"] == 30
    assert fresh.tasks.loc["T8", "finish"] == pd.Timestamp("2027-04-22")

    outcome = ScenarioRunner(sample_plan).run(_scenario(change))
    assert outcome.schedule.tasks.loc["T8", "duration"] == 30
    assert outcome.schedule.tasks.loc["T8", "finish"] == pd.Timestamp("2027-04-22")
    pd.testing.assert_frame_equal(outcome.schedule.tasks, fresh.tasks)

    moves = task_deltas(sample_plan, _scenario(change))
    assert moves.loc["T8", "status"] == "moved"
    assert moves.loc["T8", "base_finish"] == pd.Timestamp("2027-04-08")
    assert moves.loc["T8", "finish"] == pd.Timestamp("2027-04-22")


def test_an_actual_start_pins_the_task(sample_plan):
    # T7 (10 days, 20 % done, after T6) really started on Tuesday 2027-02-23; with the
    # status date 2027-03-01 it resumes on 2027-03-02 for the 8 days left.
    change = {"op": "set", "table": "tasks", "id": "T7", "field": "actual_start",
              "value": "2027-02-23"}
    fresh = _fresh(sample_plan, change)
    assert fresh.tasks.loc["T7", "start"] == pd.Timestamp("2027-02-23")

    outcome = ScenarioRunner(sample_plan).run(_scenario(change))
    assert outcome.schedule.tasks.loc["T7", "start"] == pd.Timestamp("2027-02-23")
    pd.testing.assert_frame_equal(outcome.schedule.tasks, fresh.tasks)
    assert task_deltas(sample_plan, _scenario(change)).loc["T7", "status"] == "moved"


def test_a_new_duration_of_a_finished_task_keeps_its_actual_dates(sample_plan):
    # T1 ran 2027-01-04 .. 2027-01-15: its planned duration no longer moves it.
    change = {"op": "set", "table": "tasks", "id": "T1", "field": "duration", "value": 20}
    fresh = _fresh(sample_plan, change)
    outcome = ScenarioRunner(sample_plan).run(_scenario(change))
    assert outcome.schedule.tasks.loc["T1", "finish"] == pd.Timestamp("2027-01-15")
    pd.testing.assert_frame_equal(outcome.schedule.tasks, fresh.tasks)


def test_names_and_rates_still_reuse_the_base_compiled_plan(sample_plan):
    runner = ScenarioRunner(sample_plan)
    renamed = runner.run_changes([{"op": "set", "table": "tasks", "id": "T7",
                                   "field": "name", "value": "Build the data model"}])
    dearer = runner.run_changes([{"op": "scale", "table": "resources", "ids": ["R6"],
                                  "field": "rate", "factor": 1.5}])
    assert renamed.reuse == REUSE_ALL and dearer.reuse == REUSE_ALL
    assert renamed.schedule.tasks.loc["T7", "name"] == "Build the data model"
    assert dearer.schedule.finish.date() == runner.base.schedule.finish.date()
    assert runner.base.schedule.finish.date() > dt.date(2027, 1, 4)
