"""Saving keeps a file's nature: mode, symlink, read-only-ness; no temp left; folder synced."""

from __future__ import annotations

import os
import stat

import pytest

from workbench.io import SaveError, load_plan, plan_from_dict, save_plan
from workbench.model import PlanError

PLAN_TEXT = "project: {start: 2027-01-04}\ntasks:\n  - {id: T1, duration: 5}\n"


@pytest.fixture
def plan_path(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN_TEXT)
    return path


def longer(path):
    plan = load_plan(path)
    return plan.replace(tasks=[{"id": "T1", "duration": 8}])


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_saving_keeps_the_permission_bits(plan_path):
    os.chmod(plan_path, 0o664)
    save_plan(longer(plan_path), plan_path)
    assert mode(plan_path) == 0o664
    os.chmod(plan_path, 0o640)
    save_plan(load_plan(plan_path).replace(tasks=[{"id": "T1", "duration": 9}]), plan_path)
    assert mode(plan_path) == 0o640


def test_a_new_file_gets_the_usual_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        path = save_plan(plan_from_dict({"project": {"start": "2027-01-04"}}), tmp_path / "n.yaml")
    finally:
        os.umask(mask)
    assert mode(path) == 0o644


def test_a_read_only_file_is_refused_with_a_clear_message(plan_path):
    os.chmod(plan_path, 0o444)
    with pytest.raises(SaveError) as info:
        save_plan(longer(plan_path), plan_path)
    assert str(info.value) == "file: plan.yaml is read-only; nothing was written"
    assert isinstance(info.value, PlanError)
    assert plan_path.read_text() == PLAN_TEXT
    assert mode(plan_path) == 0o444
    assert [p.name for p in plan_path.parent.iterdir()] == ["plan.yaml"]


def test_saving_through_a_symlink_writes_its_target(plan_path, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(plan_path)
    save_plan(longer(link), link)
    assert link.is_symlink() and os.readlink(link) == str(plan_path)
    assert "duration: 8" in plan_path.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "plan.yaml"]


def test_the_temp_file_is_removed_when_writing_fails(plan_path, monkeypatch):
    plan = longer(plan_path)

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        save_plan(plan, plan_path)
    assert plan_path.read_text() == PLAN_TEXT
    assert [p.name for p in plan_path.parent.iterdir()] == ["plan.yaml"]


def test_the_folder_is_synced_after_the_rename(plan_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append("fsync folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "fsync file")
        real_fsync(fd)

    def replace(src, dst):
        events.append("rename")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    save_plan(longer(plan_path), plan_path)
    assert events == ["fsync file", "rename", "fsync folder"]
