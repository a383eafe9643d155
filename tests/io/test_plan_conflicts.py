"""Two people, one plan file: a save refuses to overwrite a change it did not see; merge helps."""

from __future__ import annotations

import shutil

import pytest

from workbench import sample_plan_path
from workbench.io import (
    MergeConflict,
    PlanFile,
    SaveConflict,
    file_version,
    load_plan,
    merge_plans,
    save_plan,
)
from workbench.model import PlanError, Problem


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "crm.yaml"
    shutil.copy(sample_plan_path(), target)
    return target


def with_cell(plan, table, row_id, column, value):
    frame = plan.tables[table].copy()
    frame.loc[frame["id"] == row_id, column] = value
    return plan.replace(**{table: frame})


def cell(plan, table, row_id, column):
    return plan.tables[table].set_index("id").loc[row_id, column]


def test_the_second_of_two_saves_is_refused(path):
    alice, bob = PlanFile.open(path), PlanFile.open(path)
    assert alice.version == bob.version == file_version(path)
    alice = alice.save(with_cell(alice.plan, "tasks", "T7", "duration", 12))
    assert alice.version == file_version(path) != bob.version
    with pytest.raises(SaveConflict) as info:
        bob.save(with_cell(bob.plan, "tasks", "T9", "duration", 11))
    assert str(info.value) == ("file: crm.yaml changed on disk since it was read; "
                               "reload it (or merge) before saving")
    assert isinstance(info.value, PlanError)
    assert cell(load_plan(path), "tasks", "T7", "duration") == 12
    assert cell(load_plan(path), "tasks", "T9", "duration") == 10
    assert bob.changed_on_disk() and not alice.changed_on_disk()


def test_save_plan_checks_the_expected_version(path):
    version = file_version(path)
    plan = with_cell(load_plan(path), "tasks", "T7", "duration", 12)
    save_plan(plan, path, expected_version=version)  # unchanged since read: fine
    with pytest.raises(SaveConflict):
        save_plan(plan, path, expected_version=version)
    path.unlink()
    with pytest.raises(SaveConflict):  # removed on disk counts as changed
        save_plan(plan, path, expected_version=version)


def test_the_version_is_not_part_of_the_plan(path, tmp_path):
    other = tmp_path / "copy.yaml"
    other.write_text(path.read_text() + "# a note\n")
    first, second = PlanFile.open(path), PlanFile.open(other)
    assert first.version != second.version
    assert first.plan == second.plan


def test_different_cells_changed_on_both_sides_merge(path):
    alice, bob = PlanFile.open(path), PlanFile.open(path)
    mine = with_cell(alice.plan, "tasks", "T7", "duration", 12)
    alice.save(mine)
    theirs_rows = [*bob.plan.resources.to_dict("records"), {"id": "R12", "name": "Ola"}]
    theirs = with_cell(bob.plan, "tasks", "T9", "duration", 11).replace(resources=theirs_rows)
    theirs = with_cell(theirs, "tasks", "T7", "name", "Data profiling")
    with pytest.raises(SaveConflict):
        bob.save(theirs)
    current = PlanFile.open(path)
    merged = merge_plans(bob.plan, theirs, current.plan)
    assert cell(merged, "tasks", "T7", "duration") == 12
    assert cell(merged, "tasks", "T7", "name") == "Data profiling"
    assert cell(merged, "tasks", "T9", "duration") == 11
    assert merged.resources["id"].tolist()[-1] == "R12"
    current.save(merged)
    assert load_plan(path).equals(merged)


def test_the_same_cell_changed_differently_is_a_conflict_naming_it(path):
    base = load_plan(path)
    mine = with_cell(base, "tasks", "T7", "duration", 12)
    theirs = with_cell(with_cell(base, "tasks", "T7", "duration", 14),
                       "resources", "R2", "rate", 1100)
    with pytest.raises(MergeConflict) as info:
        merge_plans(base, mine, theirs)
    assert info.value.problems == [
        Problem("tasks", "T7", "duration", "changed on both sides: mine 12, theirs 14")]


def test_the_same_change_on_both_sides_is_no_conflict(path):
    base = load_plan(path)
    both = with_cell(base, "tasks", "T7", "duration", 12)
    assert merge_plans(base, both, both).equals(both)


def test_removed_on_one_side_changed_on_the_other_is_a_conflict(path):
    base = load_plan(path)
    mine = base.replace(risks=base.risks[base.risks["id"] != "RK6"])
    theirs = with_cell(base, "risks", "RK6", "probability", 0.3)
    with pytest.raises(MergeConflict) as info:
        merge_plans(base, mine, theirs)
    assert info.value.problems == [
        Problem("risks", "RK6", None, "removed on one side, changed on the other")]


def test_rows_added_and_removed_on_either_side_are_kept(path):
    base = load_plan(path)
    mine = base.replace(budget=[*base.budget.to_dict("records"),
                                {"category": "other", "amount": 1000}])
    theirs = base.replace(risks=base.risks[base.risks["id"] != "RK6"])
    merged = merge_plans(base, mine, theirs)
    assert merged.budget["category"].tolist()[-1] == "other"
    assert "RK6" not in merged.risks["id"].tolist()
    assert len(merged.risks) == len(base.risks) - 1
