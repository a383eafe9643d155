"""Shared fixtures: the sample plan, the shared test data folder, small plan builders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench import sample_plan_path
from workbench.io import load_plan
from workbench.model import Plan, Project

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared real test data folder; skips when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared test data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_plan() -> Plan:
    return load_plan(sample_plan_path())


def make_plan(tasks, links=(), resources=(), assignments=(), start=dt.date(2027, 1, 4),
              **calendar) -> Plan:
    """A validated plan from rows; the calendar is Mon-Fri unless told otherwise."""
    from workbench.model.project import project_from_dict

    project = project_from_dict({"name": "Test", "start": start, "calendar": calendar})
    return Plan.build(project, tasks=list(tasks), links=list(links), resources=list(resources),
                      assignments=list(assignments))


@pytest.fixture
def plan_factory():
    return make_plan


__all__ = ["Project", "make_plan"]
