"""Progress-aware scheduling: actual dates fixed, remaining work after the status date."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.conftest import make_plan
from workbench import load_plan, sample_plan_path, schedule

CHAIN = [{"id": "A", "duration": 5}, {"id": "B", "duration": 4}, {"id": "C", "duration": 3}]
LINKS = [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}]


def chain(status: dt.date | None = None, **progress) -> schedule:
    tasks = [{**t, **progress.get(t["id"], {})} for t in CHAIN]
    plan = make_plan(tasks, LINKS)
    if status is not None:
        plan = plan.replace(project=plan.project.replace(status_date=status))
    return schedule(plan)


def dates(sched, task: str) -> tuple[dt.date, dt.date]:
    row = sched.tasks.loc[task]
    return row["start"].date(), row["finish"].date()


def test_completed_work_sits_on_its_actual_dates_even_against_links():
    # A finished a day late; B started before A finished (a real-life overlap).
    sched = chain(dt.date(2027, 1, 13),
                  A={"actual_start": "2027-01-04", "actual_finish": "2027-01-11",
                     "percent_complete": 100},
                  B={"actual_start": "2027-01-11", "actual_finish": "2027-01-13",
                     "percent_complete": 100})
    assert dates(sched, "A") == (dt.date(2027, 1, 4), dt.date(2027, 1, 11))
    assert dates(sched, "B") == (dt.date(2027, 1, 11), dt.date(2027, 1, 13))
    assert sched.tasks.loc["A", "duration"] == 6
    assert dates(sched, "C") == (dt.date(2027, 1, 14), dt.date(2027, 1, 18))


def test_remaining_work_resumes_after_the_status_date():
    # A started on time, is 40 % done at the end of Fri 8 Jan: 3 days remain from Mon 11.
    sched = chain(dt.date(2027, 1, 8),
                  A={"actual_start": "2027-01-04", "percent_complete": 40})
    assert dates(sched, "A") == (dt.date(2027, 1, 4), dt.date(2027, 1, 13))
    assert dates(sched, "B")[0] == dt.date(2027, 1, 14)
    assert sched.finish.date() == dt.date(2027, 1, 22)


def test_explicit_remaining_duration_wins_over_percent_complete():
    sched = chain(dt.date(2027, 1, 8),
                  A={"actual_start": "2027-01-04", "percent_complete": 40,
                     "remaining_duration": 1})
    assert dates(sched, "A")[1] == dt.date(2027, 1, 11)


def test_unstarted_work_is_not_planned_in_the_past():
    # Nothing recorded by the status date: the whole chain starts after it.
    sched = chain(dt.date(2027, 1, 6))
    assert dates(sched, "A")[0] == dt.date(2027, 1, 7)
    assert sched.tasks.loc["A", "total_float"] == 0


def test_late_running_task_shows_negative_float_against_a_deadline():
    tasks = [{**CHAIN[0], "actual_start": "2027-01-04", "percent_complete": 20},
             {**CHAIN[1], "deadline": "2027-01-15"}, CHAIN[2]]
    plan = make_plan(tasks, LINKS)
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    sched = schedule(plan)
    assert sched.tasks.loc["B", "deadline_missed"]
    assert sched.tasks.loc["A", "total_float"] < 0


def test_sample_plan_progress_keeps_its_finish_and_critical_path(sample_plan):
    sched = schedule(sample_plan)
    assert sched.finish == pd.Timestamp("2027-08-25")
    done = sample_plan.tasks.set_index("id")
    assert done.loc["T1", "actual_finish"] == pd.Timestamp("2027-01-15")
    assert sched.tasks.loc["T7", "start"] == pd.Timestamp("2027-02-24")
    assert done.loc["T7", "actual_start"] is pd.NaT  # what-ifs on open work stay live
    assert sched.critical_path[:4] == ["T1", "T2", "T3", "T4"]


def test_a_plan_without_progress_schedules_as_before():
    plan = load_plan(sample_plan_path())
    bare = plan.replace(tasks=plan.tasks.assign(actual_start=pd.NaT, actual_finish=pd.NaT,
                                                remaining_duration=float("nan")),
                        project=plan.project.replace(status_date=None))
    assert schedule(bare).finish == schedule(plan).finish
