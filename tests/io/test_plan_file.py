"""The native YAML plan file: load, save atomically, round-trip, clear errors."""

from __future__ import annotations

import os

import pytest

from workbench import sample_plan_path
from workbench.io import dump_plan, load_plan, save_plan
from workbench.model import PlanError

MINIMAL = """\
project: {name: CRM migration, start: 2027-01-04, currency: EUR,
          calendar: {workweek: [Mon, Tue, Wed, Thu, Fri], country: DE, holidays: [2027-05-20]}}
tasks:
  - {id: T1, name: Discovery workshops, duration: 5, owner: R1}
  - {id: T2, name: Solution design, duration: 10}
  - {id: T3, name: Data profiling, duration: 2.5, deadline: 2027-02-01}
links:
  - {from: T1, to: T2}
  - {from: T1, to: T3, type: SS, lag: 2}
resources:
  - {id: R1, name: Dana (PM), role: PM, capacity: 1.0, rate: 720,
     time_off: [2027-02-15, 2027-03-01..2027-03-05]}
assignments:
  - {task: T2, resource: R1, units: 0.5}
"""


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(MINIMAL)
    return path


def test_load_reads_every_table(plan_path):
    plan = load_plan(plan_path)
    assert plan.project.name == "CRM migration"
    assert plan.project.calendar.country == "DE"
    assert plan.tasks["id"].tolist() == ["T1", "T2", "T3"]
    assert plan.tasks.set_index("id").loc["T3", "duration"] == 2.5
    assert plan.links["type"].tolist() == ["FS", "SS"]
    assert plan.links["lag"].tolist() == [0, 2]
    assert plan.resources.loc[0, "time_off"] == "2027-02-15, 2027-03-01..2027-03-05"
    assert plan.assignments.loc[0, "units"] == 0.5


def test_round_trip_gives_an_equal_plan(plan_path, tmp_path):
    plan = load_plan(plan_path)
    again = load_plan(save_plan(plan, tmp_path / "copy.yaml"))
    assert again.equals(plan)
    assert dump_plan(again) == dump_plan(plan)


def test_sample_plan_round_trips(tmp_path):
    plan = load_plan(sample_plan_path())
    assert load_plan(save_plan(plan, tmp_path / "sample.yaml")).equals(plan)


def test_saved_file_is_readable_yaml_without_defaults(plan_path, tmp_path):
    text = dump_plan(load_plan(plan_path))
    assert "type: FS" not in text and "constraint: ASAP" not in text
    assert "- {from: T1, to: T3, type: SS, lag: 2}" in text


def test_unknown_key_is_an_error_naming_it(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(MINIMAL.replace("duration: 10}", "duraton: 10}"))
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert any(p.column == "duraton" for p in info.value.problems)
    path.write_text(MINIMAL + "risk: []\n")
    with pytest.raises(PlanError, match="file column 'risk': unknown key"):
        load_plan(path)
    path.write_text(MINIMAL.replace("currency: EUR", "curency: EUR"))
    with pytest.raises(PlanError, match="project column 'curency': unknown key"):
        load_plan(path)


def test_malformed_yaml_is_a_plan_error(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("project: {start: 2027-01-04\ntasks: [\n")
    with pytest.raises(PlanError, match=r"broken.yaml is not valid YAML at line \d+"):
        load_plan(path)


def test_missing_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "nope.yaml")


def test_bad_plan_in_file_names_table_row_column(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("duration: 10}", "duration: -3}"))
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert str(info.value) == "tasks row 'T2' column 'duration': must be >= 0, got -3"


def test_yaml_is_safe_loaded(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("!!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(PlanError, match="not valid YAML"):
        load_plan(path)


def test_save_is_atomic_when_writing_fails(plan_path, monkeypatch):
    plan = load_plan(plan_path)
    before = plan_path.read_text()

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        save_plan(plan, plan_path)
    assert plan_path.read_text() == before
    assert [p.name for p in plan_path.parent.iterdir()] == ["plan.yaml"]


EVERY_CHANGE = [
    {"op": "set", "table": "tasks", "id": "T3", "field": "deadline", "value": "2027-02-10"},
    {"op": "set", "table": "links", "id": "T1->T2", "field": "lag", "value": 1.5},
    {"op": "scale", "table": "tasks", "ids": ["T2", "T3"], "field": "duration", "factor": 1.2},
    {"op": "scale", "table": "resources", "where": {"role": "PM"}, "field": "rate",
     "factor": 1.1},
    {"op": "add", "table": "tasks", "row": {"id": "T4", "name": "Go-live", "milestone": True}},
    {"op": "add", "table": "links", "row": {"from": "T2", "to": "T4", "type": "FS", "lag": 0}},
    {"op": "remove", "table": "assignments", "id": "T2/R1"},
    {"op": "delay", "id": "T2", "days": 3},
    {"op": "add_units", "role": "PM", "units": 0.5, "id": "R2"},
    {"op": "shift_start", "days": 7},
    {"op": "add_non_working_days", "dates": ["2027-02-01", "2027-03-01..2027-03-03"]},
]


def test_scenarios_round_trip_with_every_change_kind(plan_path, tmp_path):
    from workbench.engine import apply, schedule

    plan = load_plan(plan_path).replace(scenarios=[
        {"name": "everything", "description": "One change of each kind",
         "changes": EVERY_CHANGE},
        {"name": "on top", "base": "everything",
         "changes": [{"op": "remove", "table": "tasks", "id": "T3"}]},
    ])
    again = load_plan(save_plan(plan, tmp_path / "scenarios.yaml"))
    assert again.equals(plan)
    assert dump_plan(again) == dump_plan(plan)
    assert [c.to_dict() for c in again.scenarios[0].changes] == EVERY_CHANGE
    for name in ("everything", "on top"):
        assert schedule(apply(again, name)).tasks.equals(schedule(apply(plan, name)).tasks)


def test_malformed_scenario_in_the_file_is_named(plan_path):
    plan_path.write_text(MINIMAL + "scenarios:\n  - name: late\n    changes:\n"
                                   "      - {op: delay, id: T2, days: soon}\n")
    with pytest.raises(PlanError, match=r"scenarios row 'late' column 'changes\[0\]': "
                                        r"days: expected a number, got 'soon'"):
        load_plan(plan_path)
