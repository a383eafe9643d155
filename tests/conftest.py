"""Shared fixtures: the sample plan, the shared test data folder, small plan builders."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

import pytest

import workbench
from workbench import sample_plan_path
from workbench.io import load_plan
from workbench.model import Plan, Project

REPO = Path(workbench.__file__).resolve().parents[1]
#: Real test data (PSPLIB, MS Project files) beside the repository, never inside it;
#: ``WORKBENCH_SHARED_DATA`` points elsewhere (a git worktree, say).
SHARED_DATA = Path(os.environ.get("WORKBENCH_SHARED_DATA") or REPO.parent / "shared" / "data")


def on_ci(environ: Mapping[str, str] | None = None) -> bool:
    """True under continuous integration (``CI=true``, as CI services set it)."""
    environ = os.environ if environ is None else environ
    return environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def require_shared_data(path: Path = SHARED_DATA,
                        environ: Mapping[str, str] | None = None) -> Path:
    """``path`` when it is a folder; otherwise skip the test, or fail it on CI.

    On CI a missing data folder is a broken set-up, not a reason to pass quietly.
    """
    if path.is_dir():
        return path
    message = f"shared test data not found at {path}"
    if on_ci(environ):
        pytest.fail(f"{message} (CI is set: data tests must run there)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared real test data folder (see :func:`require_shared_data`)."""
    return require_shared_data()


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
