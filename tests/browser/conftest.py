"""Browser fixtures: Debian's Chromium through Playwright (no browser download)."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.support import CHROMIUM_ARGS, chromium_path, served_dashboard
from workbench import sample_plan_path


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    path = chromium_path()
    if path is None:
        message = "Debian chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; browser tests must run in CI")
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture
def plan_copy(tmp_path):
    target = tmp_path / "crm-migration.yaml"
    shutil.copy(sample_plan_path(), target)
    return target


@pytest.fixture
def dashboard(plan_copy):
    with served_dashboard(plan_copy) as url:
        yield url


@pytest.fixture
def read_only_dashboard(plan_copy):
    with served_dashboard(plan_copy, read_only=True) as url:
        yield url
