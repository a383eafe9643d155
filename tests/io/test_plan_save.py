"""Saving over a plan file changes only what changed: comments, order and style survive."""

from __future__ import annotations

import difflib
import shutil

import pandas as pd
import pytest

from workbench import sample_plan_path
from workbench.io import dump_plan, load_plan, save_plan

HAND_WRITTEN = """\
# Office move: written by hand, kept in git.
project:
  start: 2027-01-04   # first Monday
  name: Office move
  status_date: 2027-02-01

resources:
  # The team
  - id: R1
    role: PM
    name: Dana
    rate: 720
  - id: R2
    name: Sam
    capacity: 0.5

tasks:
  - {name: Plan the move, id: T1, duration: 5, owner: R1}   # first

  # The move itself
  - {id: T2, name: Pack, duration: 3, deadline: 2027-02-12}
  - {id: T3, name: Unpack, duration: 2,
     notes: "Each team unpacks its own boxes"}

links:
  - {from: T1, to: T2}
  - {from: T2, to: T3}
"""


def changed_lines(before: str, after: str) -> list[str]:
    """The +/- lines of a unified diff, as a reviewer counts them."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.fixture
def sample_path(tmp_path):
    path = tmp_path / "crm-migration.yaml"
    shutil.copy(sample_plan_path(), path)
    return path


@pytest.fixture
def hand_path(tmp_path):
    path = tmp_path / "office.yaml"
    path.write_text(HAND_WRITTEN)
    return path


def with_cell(plan, table, row_id, column, value):
    frame = plan.tables[table].copy()
    frame.loc[frame["id"] == row_id, column] = value
    return plan.replace(**{table: frame})


def test_one_duration_edit_is_a_one_line_diff_on_the_sample(sample_path):
    before = sample_path.read_text()
    plan = load_plan(sample_path)
    save_plan(with_cell(plan, "tasks", "T7", "duration", 12), sample_path)
    after = sample_path.read_text()
    assert changed_lines(before, after) == [
        "-  - {id: T7, name: Legacy data profiling, parent: W3.1, duration: 10, owner: R6, "
        "percent_complete: 20, optimistic: 8, most_likely: 10, pessimistic: 14}",
        "+  - {id: T7, name: Legacy data profiling, parent: W3.1, duration: 12, owner: R6, "
        "percent_complete: 20, optimistic: 8, most_likely: 10, pessimistic: 14}",
    ]
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    assert len(comments) > 20
    assert comments == [line for line in after.splitlines() if line.lstrip().startswith("#")]
    assert load_plan(sample_path).tasks.set_index("id").loc["T7", "duration"] == 12


def test_saving_an_unchanged_plan_leaves_the_file_byte_for_byte(sample_path):
    before = sample_path.read_bytes()
    save_plan(load_plan(sample_path), sample_path)
    assert sample_path.read_bytes() == before


def test_hand_written_block_rows_comments_and_key_order_survive(hand_path):
    plan = load_plan(hand_path)
    plan = with_cell(plan, "resources", "R2", "rate", 650)
    plan = with_cell(plan, "tasks", "T2", "duration", 4)
    save_plan(plan, hand_path)
    after = hand_path.read_text()
    assert changed_lines(HAND_WRITTEN, after) == [
        "+    rate: 650",
        "-  - {id: T2, name: Pack, duration: 3, deadline: 2027-02-12}",
        "+  - {id: T2, name: Pack, duration: 4, deadline: 2027-02-12}",
    ]
    # The new key goes where the declaration puts it: after capacity, in block style.
    assert "    name: Sam\n    capacity: 0.5\n    rate: 650\n" in after
    assert load_plan(hand_path).equals(plan)


def test_a_cell_set_back_to_its_default(sample_path, hand_path):
    plan = load_plan(sample_path)
    # Spelled out in the file: stays spelled out, now with the default value.
    edited = with_cell(plan, "resources", "R10", "capacity", 1.0)
    # An empty default is written by leaving the key out.
    edited = with_cell(edited, "tasks", "T12", "notes", "")
    before = sample_path.read_text()
    save_plan(edited, sample_path)
    assert changed_lines(before, sample_path.read_text()) == [
        "-  - {id: T12, name: Trial migration 2, parent: W3.2, duration: 5, owner: R6, "
        "optimistic: 4, most_likely: 5, pessimistic: 7,",
        '-     notes: "Full data volume; reconciliation report signed by the business owners."}',
        "+  - {id: T12, name: Trial migration 2, parent: W3.2, duration: 5, owner: R6, "
        "optimistic: 4, most_likely: 5, pessimistic: 7}",
        "-  - {id: R10, name: Clara Neumann, role: Change manager, capacity: 0.5, rate: 850}",
        "+  - {id: R10, name: Clara Neumann, role: Change manager, capacity: 1.0, rate: 850}",
    ]
    # A default that was never in the row stays out of it.
    hand = load_plan(hand_path)
    save_plan(with_cell(hand, "resources", "R1", "capacity", 1.0), hand_path)
    assert hand_path.read_text() == HAND_WRITTEN


def test_a_task_added_under_a_parent_goes_after_its_last_sibling(sample_path):
    plan = load_plan(sample_path)
    rows = [*plan.tasks.to_dict("records"),
            {"id": "T8b", "name": "Archive legacy records", "parent": "W3.1", "duration": 3}]
    before = sample_path.read_text()
    save_plan(plan.replace(tasks=rows), sample_path)
    after = sample_path.read_text()
    assert changed_lines(before, after) == [
        "+  - {id: T8b, name: Archive legacy records, parent: W3.1, duration: 3}"]
    lines = after.splitlines()
    at = lines.index("  - {id: T8b, name: Archive legacy records, parent: W3.1, duration: 3}")
    assert lines[at - 2].startswith("  - {id: T8, name: Data cleansing")
    assert lines[at + 1].startswith("  - {id: W3.2,")
    ids = load_plan(sample_path).tasks["id"].tolist()
    assert ids[ids.index("T8") + 1] == "T8b"


def test_a_row_the_plan_puts_between_rows_stays_there(hand_path):
    plan = load_plan(hand_path)
    rows = plan.tasks.to_dict("records")
    rows.insert(1, {"id": "T1b", "name": "Book movers", "duration": 1})
    plan = plan.replace(tasks=rows)
    save_plan(plan, hand_path)
    assert changed_lines(HAND_WRITTEN, hand_path.read_text()) == [
        "+  - {id: T1b, name: Book movers, duration: 1}"]
    assert load_plan(hand_path).equals(plan)


def test_removing_a_task_removes_its_rows_only(hand_path):
    plan = load_plan(hand_path)
    plan = plan.replace(tasks=plan.tasks[plan.tasks["id"] != "T3"],
                        links=plan.links[plan.links["to"] != "T3"])
    save_plan(plan, hand_path)
    assert changed_lines(HAND_WRITTEN, hand_path.read_text()) == [
        "-  - {id: T3, name: Unpack, duration: 2,",
        '-     notes: "Each team unpacks its own boxes"}',
        "-  - {from: T2, to: T3}",
    ]
    assert load_plan(hand_path).equals(plan)


def test_new_rows_and_tables_look_like_their_neighbours(hand_path):
    plan = load_plan(hand_path)
    plan = plan.replace(
        resources=[*plan.resources.to_dict("records"), {"id": "R3", "name": "Kim"}],
        risks=[{"id": "RK1", "title": "Lift out of order", "probability": 0.2,
                "tasks": "T2, T3", "schedule_impact": "1, 2, 4"}])
    save_plan(plan, hand_path)
    after = hand_path.read_text()
    assert "    capacity: 0.5\n  - id: R3\n    name: Kim\n\ntasks:" in after
    assert after.endswith(
        "\nrisks:\n  - {id: RK1, title: Lift out of order, probability: 0.2, "
        "schedule_impact: [1, 2, 4], tasks: [T2, T3]}\n")
    assert load_plan(hand_path).equals(plan)


def test_project_and_scenario_edits_touch_their_lines_only(sample_path):
    plan = load_plan(sample_path)
    scenarios = [s.to_dict() for s in plan.scenarios]
    scenarios[2]["description"] = "Reports move to release 2"
    plan = plan.replace(project=plan.project.replace(name="CRM migration, phase 1"),
                        scenarios=scenarios)
    before = sample_path.read_text()
    save_plan(plan, sample_path)
    assert changed_lines(before, sample_path.read_text()) == [
        "-  name: CRM migration",
        '+  name: "CRM migration, phase 1"',
        "-    description: Reports and dashboards move to a later release",
        "+    description: Reports move to release 2",
    ]
    assert load_plan(sample_path).equals(plan)


def test_a_plan_without_a_file_is_written_clean(tmp_path):
    plan = load_plan(sample_plan_path())
    text = dump_plan(plan)
    lines = text.splitlines()
    assert "  start: 2027-01-04" in lines
    assert "  - {from: T2, to: T3, type: SS, lag: 5}" in lines
    assert "  - {id: W1, name: Discovery and planning}" in lines
    assert "'20" not in text and '"20' not in text  # dates are bare
    assert "type: FS" not in text and "constraint: ASAP" not in text and "units: 1}" not in text
    assert text.count("\n\n") == len(plan_sections(plan)) - 1  # a blank line between sections
    assert load_plan(save_plan(plan, tmp_path / "clean.yaml")).equals(plan)


def plan_sections(plan) -> list[str]:
    return ["project", *(n for n, f in plan.tables.items() if len(f)),
            *(["scenarios"] if plan.scenarios else [])]


def test_windows_line_ends_are_kept(hand_path):
    hand_path.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode())
    plan = load_plan(hand_path)
    save_plan(with_cell(plan, "tasks", "T2", "duration", 4), hand_path)
    data = hand_path.read_bytes()
    assert data.count(b"\r\n") == HAND_WRITTEN.count("\n")
    assert b"duration: 4, deadline" in data


def test_a_file_that_is_no_plan_is_replaced_by_a_clean_one(hand_path):
    plan = load_plan(hand_path)
    hand_path.write_text("just: [some, notes\n")
    save_plan(plan, hand_path)
    assert hand_path.read_text() == dump_plan(plan)


def test_dates_edited_in_place_stay_bare(hand_path):
    plan = with_cell(load_plan(hand_path), "tasks", "T2", "deadline",
                     pd.Timestamp("2027-02-19"))
    save_plan(plan, hand_path)
    assert "  - {id: T2, name: Pack, duration: 3, deadline: 2027-02-19}\n" in hand_path.read_text()
