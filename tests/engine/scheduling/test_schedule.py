"""schedule(): constraints, deadlines, WBS roll-up, effort, dates and the result frame."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_plan
from workbench.engine import SCHEDULE_COLUMNS, Schedule, schedule

TS = pd.Timestamp
# A5 -> B3 -> C2 (FS), project start Monday 2027-01-04 on a Mon-Fri calendar.
CHAIN = [{"id": "A", "duration": 5}, {"id": "B", "duration": 3}, {"id": "C", "duration": 2}]
CHAIN_LINKS = [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}]


def run(changes: dict[str, dict], extra=(), links=CHAIN_LINKS) -> Schedule:
    tasks = [{**t, **changes.get(t["id"], {})} for t in CHAIN] + list(extra)
    return schedule(make_plan(tasks, links))


def numbers(result: Schedule, column: str) -> dict[str, float]:
    return result.tasks[column].to_dict()


# ---------------------------------------------------------------- constraints
def test_snet_delays_start():
    result = run({"B": {"constraint": "SNET", "constraint_date": "2027-01-13"}})  # index 7
    t = result.tasks
    assert t.loc["B", ["start_offset", "finish_offset"]].tolist() == [7, 10]
    assert t.loc["C", "finish_offset"] == 12 and result.length == 12
    assert numbers(result, "total_float") == {"A": 2, "B": 0, "C": 0}
    assert numbers(result, "free_float") == {"A": 2, "B": 0, "C": 0}
    assert t.loc["B", "start"] == TS("2027-01-13")


def test_fnet_delays_finish():
    result = run({"C": {"constraint": "FNET", "constraint_date": "2027-01-22"}})  # end = 15
    t = result.tasks
    assert t.loc["C", ["start_offset", "finish_offset"]].tolist() == [13, 15]
    assert numbers(result, "total_float") == {"A": 5, "B": 5, "C": 0}
    assert t.loc["B", "free_float"] == 5
    assert t.loc["C", "finish"] == TS("2027-01-22")


def test_mso_pins_early_and_late_dates():
    # X makes the project 30 days long; without the pin B could start as late as 25.
    result = run({"B": {"constraint": "MSO", "constraint_date": "2027-01-18"}},  # index 10
                 extra=[{"id": "X", "duration": 30}])
    t = result.tasks
    assert t.loc["B", ["start_offset", "late_start_offset"]].tolist() == [10, 10]
    assert numbers(result, "total_float") == {"A": 5, "B": 0, "C": 15, "X": 0}


def test_mso_before_predecessors_breaks_the_link_with_negative_float():
    result = run({"B": {"constraint": "MSO", "constraint_date": "2027-01-06"}})  # index 2
    t = result.tasks
    assert t.loc["B", ["start_offset", "finish_offset"]].tolist() == [2, 5]
    assert t.loc["C", ["start_offset", "finish_offset"]].tolist() == [5, 7]
    assert result.length == 7
    assert numbers(result, "total_float") == {"A": -3, "B": 0, "C": 0}
    assert t.loc["A", "free_float"] == -3
    assert t.loc["A", "critical"]


def test_mfo_pins_finish():
    result = run({"C": {"constraint": "MFO", "constraint_date": "2027-01-15"}})  # end 10
    assert result.tasks.loc["C", ["start_offset", "finish_offset"]].tolist() == [8, 10]
    assert numbers(result, "total_float") == {"A": 0, "B": 0, "C": 0}


def test_mfo_too_early_gives_negative_float():
    result = run({"C": {"constraint": "MFO", "constraint_date": "2027-01-08"}})  # end 5
    t = result.tasks
    assert t.loc["C", ["start_offset", "finish_offset"]].tolist() == [3, 5]
    assert result.length == 8
    assert numbers(result, "total_float") == {"A": -5, "B": -5, "C": 0}


def test_snlt_conflict_shows_negative_float_without_moving_the_task():
    result = run({"B": {"constraint": "SNLT", "constraint_date": "2027-01-08"}})  # index 4
    t = result.tasks
    assert t.loc["B", ["start_offset", "late_start_offset"]].tolist() == [5, 4]
    assert t.loc["B", "start"] == TS("2027-01-11")
    assert numbers(result, "total_float") == {"A": -1, "B": -1, "C": 0}


def test_snlt_caps_late_dates_of_predecessors_too():
    result = run({"C": {"constraint": "SNLT", "constraint_date": "2027-01-13"}},  # index 7
                 extra=[{"id": "X", "duration": 20}])
    assert result.tasks.loc["C", ["start_offset", "late_start_offset"]].tolist() == [8, 7]
    assert numbers(result, "total_float") == {"A": -1, "B": -1, "C": -1, "X": 0}


def test_fnlt():
    fine = run({"C": {"constraint": "FNLT", "constraint_date": "2027-01-15"}})  # end 10
    assert numbers(fine, "total_float") == {"A": 0, "B": 0, "C": 0}
    late = run({"C": {"constraint": "FNLT", "constraint_date": "2027-01-13"}})  # end 8
    assert late.tasks.loc["C", ["finish_offset", "late_finish_offset"]].tolist() == [10, 8]
    assert numbers(late, "total_float") == {"A": -2, "B": -2, "C": -2}
    assert late.tasks.loc["C", "finish"] == TS("2027-01-15")


def test_deadline_missed_and_met():
    missed = run({"C": {"deadline": "2027-01-13"}})
    t = missed.tasks
    assert t.loc["C", "deadline_missed"] and not t.loc["B", "deadline_missed"]
    assert t.loc["C", "finish"] == TS("2027-01-15")  # not moved
    assert numbers(missed, "total_float") == {"A": -2, "B": -2, "C": -2}
    met = run({"C": {"deadline": "2027-01-20"}}, extra=[{"id": "X", "duration": 20}])
    assert not met.tasks["deadline_missed"].any()
    assert met.tasks.loc["C", "late_finish_offset"] == 13
    assert met.tasks.loc["C", "total_float"] == 3


def test_deadline_on_a_summary_bounds_its_tasks():
    tasks = [{"id": "S"}, {"id": "A", "parent": "S", "duration": 5},
             {"id": "B", "parent": "S", "duration": 3}, {"id": "C", "duration": 10}]
    plan = make_plan(tasks, [{"from": "A", "to": "B"}])
    plan = plan.replace(tasks=plan.tasks.assign(
        deadline=pd.to_datetime(["2027-01-08", None, None, None])))
    t = schedule(plan).tasks
    assert t.loc["S", "deadline_missed"] and not t.loc["B", "deadline_missed"]
    assert t.loc["B", "late_finish_offset"] == 5
    assert t.loc["S", "total_float"] == -3


def test_free_float_never_exceeds_total_float():
    # A's own deadline (end of Wed, offset 3) leaves it -2 days; the project end 5 more.
    tasks = [{"id": "A", "duration": 5, "deadline": "2027-01-06"}, {"id": "X", "duration": 10},
             {"id": "S"}, {"id": "B", "parent": "S", "duration": 2},
             {"id": "C", "parent": "S", "duration": 3, "constraint": "FNLT",
              "constraint_date": "2027-01-07"}]
    t = schedule(make_plan(tasks)).tasks
    assert t.loc["A", ["total_float", "free_float"]].tolist() == [-2, -2]
    assert t.loc["C", ["total_float", "free_float"]].tolist() == [1, 1]
    assert t.loc["B", ["total_float", "free_float"]].tolist() == [8, 8]
    assert t.loc["S", ["total_float", "free_float"]].tolist() == [1, 1]


def test_free_float_of_a_predecessor_is_bounded_by_a_late_successor():
    # B cannot start before the 20th but must finish by the 13th: A's gap to B is not free.
    result = run({"B": {"constraint": "SNET", "constraint_date": "2027-01-20"},
                  "C": {"deadline": "2027-01-13"}})
    assert numbers(result, "total_float") == {"A": -2, "B": -9, "C": -9}
    assert numbers(result, "free_float") == {"A": -2, "B": -9, "C": -9}  # A: 7 before


# ---------------------------------------------------------------- WBS
def wbs_plan():
    tasks = [{"id": "S1", "name": "Build"}, {"id": "A", "parent": "S1", "duration": 5},
             {"id": "B", "parent": "S1", "duration": 3},
             {"id": "S2", "name": "Roll out"}, {"id": "C", "parent": "S2", "duration": 2},
             {"id": "D", "parent": "S2", "duration": 4}]
    links = [{"from": "A", "to": "B"}, {"from": "S1", "to": "S2"}]
    return make_plan(tasks, links)


def test_summary_link_applies_to_all_leaves_and_rolls_up():
    result = schedule(wbs_plan())
    t = result.tasks
    assert t.loc["C", ["start_offset", "finish_offset"]].tolist() == [8, 10]
    assert t.loc["D", ["start_offset", "finish_offset"]].tolist() == [8, 12]
    assert t.loc["S1", ["start_offset", "finish_offset", "duration"]].tolist() == [0, 8, 8]
    assert t.loc["S2", ["start_offset", "finish_offset", "duration"]].tolist() == [8, 12, 4]
    assert t.loc["S2", ["late_start_offset", "late_finish_offset"]].tolist() == [8, 12]
    assert numbers(result, "total_float") == {"S1": 0, "A": 0, "B": 0, "S2": 0, "C": 2, "D": 0}
    assert t.loc["S2", "free_float"] == 0 and t.loc["C", "free_float"] == 2
    assert t.loc["S1", "start"] == TS("2027-01-04") and t.loc["S1", "finish"] == TS("2027-01-13")
    assert t.loc["S2", "start"] == TS("2027-01-14") and t.loc["S2", "finish"] == TS("2027-01-19")
    assert t["is_summary"].to_dict() == {"S1": True, "A": False, "B": False, "S2": True,
                                         "C": False, "D": False}
    assert t["wbs_level"].tolist() == [0, 1, 1, 0, 1, 1]
    assert t.loc["S1", "critical"] and not t.loc["C", "critical"]
    assert result.critical_path == ["A", "B", "D"]


def test_three_level_wbs_and_task_to_summary_link():
    tasks = [{"id": "P"}, {"id": "M", "parent": "P"}, {"id": "a", "parent": "M", "duration": 2},
             {"id": "b", "parent": "M", "duration": 4}, {"id": "c", "parent": "P", "duration": 1},
             {"id": "X", "duration": 3}]
    t = schedule(make_plan(tasks, [{"from": "X", "to": "P"}])).tasks
    assert t.loc[["a", "b", "c"], "start_offset"].tolist() == [3, 3, 3]
    assert t.loc["M", ["start_offset", "finish_offset"]].tolist() == [3, 7]
    assert t.loc["P", ["start_offset", "finish_offset"]].tolist() == [3, 7]
    assert t.loc["P", "wbs_level"] == 0 and t.loc["a", "wbs_level"] == 2


# ---------------------------------------------------------------- durations
def test_effort_driven_durations():
    tasks = [{"id": "E", "effort": 10}, {"id": "U", "effort": 6},
             {"id": "H", "effort": 3}, {"id": "G", "effort": 99, "duration": 2}]
    resources = [{"id": "R1"}, {"id": "R2"}]
    assignments = [{"task": "E", "resource": "R1", "units": 1.0},
                   {"task": "E", "resource": "R2", "units": 1.0},
                   {"task": "H", "resource": "R1", "units": 0.5},
                   {"task": "G", "resource": "R2"}]
    t = schedule(make_plan(tasks, resources=resources, assignments=assignments)).tasks
    assert t["duration"].to_dict() == {"E": 5, "U": 6, "H": 6, "G": 2}


# ---------------------------------------------------------------- dates
def test_date_rules_for_tasks_and_milestones():
    tasks = [{"id": "M0", "milestone": True}, {"id": "A", "duration": 5},
             {"id": "M", "milestone": True}, {"id": "B", "duration": 2.5},
             {"id": "M2", "milestone": True}, {"id": "N", "duration": 1}]
    links = [{"from": "A", "to": "M"}, {"from": "A", "to": "N"}, {"from": "B", "to": "M2"}]
    t = schedule(make_plan(tasks, links)).tasks
    assert t.loc["A", ["start", "finish"]].tolist() == [TS("2027-01-04"), TS("2027-01-08")]
    assert t.loc["N", "start"] == TS("2027-01-11")
    assert t.loc["M", ["start", "finish"]].tolist() == [TS("2027-01-08")] * 2
    assert t.loc["M0", ["start", "finish"]].tolist() == [TS("2027-01-04")] * 2
    assert t.loc["M2", ["start", "finish"]].tolist() == [TS("2027-01-06")] * 2
    assert t.loc[["M0", "M", "M2"], "is_milestone"].all()


# A milestone sits at the point that drives it: the end of its predecessor's finish day
# (FS/FF), the start of a day (SS/SF link, SNET/MSO, project start). MS Project's own
# New_Product.xml (shared mspdi samples) dates "Prototype completed" (FS after a task)
# at Fri 17:00 early and, as its successor starts on Monday, Mon 08:00 late.
def milestone_dates(result: Schedule, task: str) -> list[pd.Timestamp]:
    return result.tasks.loc[task, ["start", "finish", "late_start", "late_finish"]].tolist()


def test_milestone_after_a_start_sits_on_that_start_day():
    tasks = [{"id": "A", "duration": 5}, {"id": "B", "duration": 3},
             {"id": "M", "milestone": True}, {"id": "M2", "milestone": True}]
    links = [{"from": "A", "to": "B"}, {"from": "B", "to": "M", "type": "SS"},
             {"from": "M", "to": "M2"}]  # M2 follows M's point in time, not a day earlier
    result = schedule(make_plan(tasks, links))
    assert result.tasks.loc["B", "start"] == TS("2027-01-11")
    # Early on Monday with B; late at the end of Wednesday, the project's last day.
    assert milestone_dates(result, "M") == [TS("2027-01-11")] * 2 + [TS("2027-01-13")] * 2
    assert milestone_dates(result, "M2") == [TS("2027-01-11")] * 2 + [TS("2027-01-13")] * 2


def test_milestone_after_a_finish_sits_on_that_finish_day():
    tasks = [{"id": "A", "duration": 5}, {"id": "M", "milestone": True},
             {"id": "C", "duration": 2}, {"id": "L", "milestone": True}]
    links = [{"from": "A", "to": "M"}, {"from": "M", "to": "C"},
             {"from": "A", "to": "L", "lag": 2}]
    result = schedule(make_plan(tasks, links))
    assert result.tasks.loc["M", "total_float"] == 0
    assert milestone_dates(result, "M") == [TS("2027-01-08")] * 2 + [TS("2027-01-11")] * 2
    assert milestone_dates(result, "L")[:2] == [TS("2027-01-12")] * 2  # Fri + 2 days


def test_milestone_start_constraint_dates_it_on_the_constraint_day():
    tasks = [{"id": "M", "milestone": True, "constraint": "SNET",
              "constraint_date": "2027-01-13"},
             {"id": "P", "milestone": True, "constraint": "MSO",
              "constraint_date": "2027-01-12"},
             {"id": "F", "milestone": True, "constraint": "FNET",
              "constraint_date": "2027-01-12"},
             {"id": "X", "duration": 10}]
    t = schedule(make_plan(tasks)).tasks
    assert t.loc["M", ["start_offset", "start", "finish"]].tolist() == [7, TS("2027-01-13"),
                                                                        TS("2027-01-13")]
    assert t.loc["P", ["start", "finish", "late_start"]].tolist() == [TS("2027-01-12")] * 3
    assert t.loc["F", ["start", "finish"]].tolist() == [TS("2027-01-12")] * 2


def test_milestone_late_date_follows_what_bounds_it():
    # M's latest point is the end of its deadline day; N's the start of its SNLT day.
    tasks = [{"id": "M", "milestone": True, "deadline": "2027-01-08"},
             {"id": "N", "milestone": True, "constraint": "SNLT",
              "constraint_date": "2027-01-11"},
             {"id": "X", "duration": 10}]
    t = schedule(make_plan(tasks)).tasks
    assert t.loc["M", ["late_start_offset", "late_finish"]].tolist() == [5, TS("2027-01-08")]
    assert t.loc["N", ["late_start_offset", "late_finish"]].tolist() == [5, TS("2027-01-11")]


def test_summary_of_a_start_driven_milestone_takes_its_day():
    tasks = [{"id": "A", "duration": 5}, {"id": "B", "duration": 3},
             {"id": "S"}, {"id": "M", "parent": "S", "milestone": True}]
    links = [{"from": "A", "to": "B"}, {"from": "B", "to": "M", "type": "SS"}]
    t = schedule(make_plan(tasks, links)).tasks
    assert t.loc["S", ["start", "finish"]].tolist() == [TS("2027-01-11")] * 2


def test_half_day_tasks_share_a_day():
    tasks = [{"id": "H1", "duration": 0.5}, {"id": "H2", "duration": 0.5},
             {"id": "H3", "duration": 0.5}]
    links = [{"from": "H1", "to": "H2"}, {"from": "H2", "to": "H3"}]
    result = schedule(make_plan(tasks, links))
    t = result.tasks
    assert t.loc["H1", ["start", "finish"]].tolist() == [TS("2027-01-04")] * 2
    assert t.loc["H2", ["start", "finish"]].tolist() == [TS("2027-01-04")] * 2
    assert t.loc["H3", ["start", "finish"]].tolist() == [TS("2027-01-05")] * 2
    assert result.length == 1.5 and result.finish == TS("2027-01-05")


def test_holidays_and_weekend_start():
    result = schedule(make_plan([{"id": "A", "duration": 5}], start="2027-05-01",
                                country="DE"))  # Saturday; Thursday 6 May is a holiday
    assert result.start == TS("2027-05-03")
    assert result.tasks.loc["A", ["start", "finish"]].tolist() == [TS("2027-05-03"),
                                                                    TS("2027-05-10")]


def test_late_dates_are_dated_too():
    result = run({}, extra=[{"id": "X", "duration": 20}])
    t = result.tasks
    assert t.loc["C", ["late_start_offset", "late_finish_offset"]].tolist() == [18, 20]
    assert t.loc["C", ["late_start", "late_finish"]].tolist() == [TS("2027-01-28"),
                                                                 TS("2027-01-29")]


# ---------------------------------------------------------------- result shape
def test_result_frame_columns_and_dtypes():
    result = schedule(wbs_plan())
    t = result.tasks
    assert list(t.columns) == list(SCHEDULE_COLUMNS)
    assert t.index.name == "id" and list(t.index) == ["S1", "A", "B", "S2", "C", "D"]
    for column in ("early_start", "early_finish", "late_start", "late_finish", "start",
                   "finish", "constraint_date", "deadline"):
        assert pd.api.types.is_datetime64_dtype(t[column]), column
        assert (t[column].dropna() == t[column].dropna().dt.normalize()).all()
    for column in ("is_summary", "is_milestone", "critical", "deadline_missed"):
        assert t[column].dtype == bool, column
    assert isinstance(result.start, pd.Timestamp) and isinstance(result.finish, pd.Timestamp)
    assert result.length == 12.0
    assert "Schedule(6 tasks" in repr(result)
    doc = sys.modules["workbench.engine.scheduling.scheduler"].__doc__
    assert all(f"``{name}``" in doc for name in SCHEDULE_COLUMNS)


def test_schedule_does_not_mutate_the_plan():
    plan = wbs_plan()
    before = {name: frame.copy() for name, frame in plan.tables.items()}
    schedule(plan)
    assert all(before[name].equals(frame) for name, frame in plan.tables.items())


def test_empty_plan():
    result = schedule(make_plan([]))
    assert result.tasks.empty and result.length == 0 and result.critical_path == []
    assert result.start == result.finish == TS("2027-01-04")


def test_critical_tolerance():
    tasks = [{"id": "A", "duration": 3}, {"id": "B", "duration": 2.5}]
    result = schedule(make_plan(tasks), critical_tolerance=0.5)
    assert result.tasks["critical"].all()
    assert result.critical_path == ["A", "B"]


def test_engine_imports_no_ui_libraries():
    code = ("import sys, workbench.engine; "
            "bad = [m for m in ('panel', 'holoviews', 'bokeh') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_monte_carlo_shaped_durations(dtype):
    from workbench.engine.scheduling.compiled import compile_plan
    from workbench.engine.scheduling.cpm import run_passes

    net = compile_plan(wbs_plan())
    base = net.duration.astype(dtype)
    samples = np.stack([base, base * 2, base + 0.5], axis=1)
    p = run_passes(net, samples)
    assert p.early_start.dtype == dtype and p.early_start.shape == (6, 3)
    assert run_passes(net, base).free_float.dtype == dtype
    for k in range(3):
        one = run_passes(net, samples[:, k])
        assert np.allclose(p.early_start[:, k], one.early_start)
        assert np.allclose(p.total_float[:, k], one.total_float)
        assert np.allclose(p.free_float[:, k], one.free_float)
    assert p.project_end.tolist() == pytest.approx([12, 24, 13.5])
