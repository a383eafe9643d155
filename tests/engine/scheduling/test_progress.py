"""Progress-aware scheduling: actual dates fixed, remaining work after the status date."""

from __future__ import annotations

import datetime as dt

import numpy as np
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
    # T1-T4 and M1 are done: the critical path is the work that remains.
    assert sched.critical_path[:4] == ["T7", "T8", "T9", "T10"]
    assert not sched.tasks.loc[["W1", "T1", "T2", "T3", "T4", "M1"], "critical"].any()


def test_a_plan_without_progress_schedules_as_before():
    plan = load_plan(sample_plan_path())
    bare = plan.replace(tasks=plan.tasks.assign(actual_start=pd.NaT, actual_finish=pd.NaT,
                                                remaining_duration=float("nan")),
                        project=plan.project.replace(status_date=None))
    assert schedule(bare).finish == schedule(plan).finish


def test_a_started_milestone_sits_on_its_actual_day():
    tasks = [CHAIN[0], {"id": "M", "milestone": True, "actual_start": "2027-01-06"}]
    sched = schedule(make_plan(tasks, [{"from": "A", "to": "M"}]))
    assert dates(sched, "M") == (dt.date(2027, 1, 6), dt.date(2027, 1, 6))


# Completed work is not critical and has no float left (as in Primavera P6, float is
# about work that can still slip); the critical path is the work that remains.
DONE = {"actual_start": "2027-01-04", "actual_finish": "2027-01-08", "percent_complete": 100}


def test_completed_tasks_are_not_critical_and_have_no_float():
    sched = chain(dt.date(2027, 1, 8), A=DONE)
    t = sched.tasks
    assert not t.loc["A", "critical"]
    assert t.loc["A", ["total_float", "free_float"]].isna().all()
    assert t.loc[["B", "C"], "critical"].all()
    assert t.loc["B", "total_float"] == 0
    assert sched.critical_path == ["B", "C"]
    assert dates(sched, "A") == (dt.date(2027, 1, 4), dt.date(2027, 1, 8))


def test_done_by_percent_complete_alone_is_not_critical_either():
    sched = chain(A={"percent_complete": 100})
    assert not sched.tasks.loc["A", "critical"] and sched.critical_path == ["B", "C"]


def test_summary_float_comes_from_its_remaining_work():
    # A finished after its deadline: that stays flagged, but no longer drives S's float.
    tasks = [{"id": "S"}, {**CHAIN[0], "parent": "S", "deadline": "2027-01-06", **DONE},
             {**CHAIN[1], "parent": "S"}, {"id": "D"},
             {"id": "E", "parent": "D", "duration": 2, **DONE},
             {"id": "X", "duration": 12}]
    plan = make_plan(tasks, [{"from": "A", "to": "B"}])
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    t = schedule(plan).tasks
    assert t.loc["A", "deadline_missed"]
    assert t.loc["S", ["total_float", "critical"]].tolist() == [8, False]
    assert np.isnan(t.loc["D", "total_float"]) and not t.loc["D", "critical"]


def test_pert_critical_path_leaves_out_completed_work():
    from workbench.engine.risk.pert import pert_estimate

    tasks = [{**CHAIN[0], **DONE}, CHAIN[1], CHAIN[2]]
    plan = make_plan(tasks, LINKS)
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    assert pert_estimate(plan).critical_path == ["B", "C"]


def test_a_waiting_milestone_is_due_on_the_status_day_at_the_earliest():
    tasks = [{**CHAIN[0], **DONE}, {"id": "M", "milestone": True},
             {"id": "N", "milestone": True},
             {"id": "P", "milestone": True, "constraint": "SNET",
              "constraint_date": "2027-01-11"}]
    plan = make_plan(tasks, [{"from": "A", "to": "M"}])
    plan = plan.replace(project=plan.project.replace(status_date=dt.date(2027, 1, 8)))
    sched = schedule(plan)
    assert dates(sched, "M") == (dt.date(2027, 1, 8), dt.date(2027, 1, 8))  # A's finish
    assert dates(sched, "N") == (dt.date(2027, 1, 8), dt.date(2027, 1, 8))
    assert dates(sched, "P") == (dt.date(2027, 1, 11), dt.date(2027, 1, 11))
