"""The shared real test data: skipped on a machine without it, a failure on CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import workbench
from tests.conftest import SHARED_DATA, require_shared_data


def test_shared_data_sits_next_to_the_repository():
    repo = Path(workbench.__file__).resolve().parents[1]
    assert (repo / "pyproject.toml").is_file()
    expected = os.environ.get("WORKBENCH_SHARED_DATA") or repo.parent / "shared" / "data"
    assert SHARED_DATA == Path(expected)


def test_present_data_is_used(tmp_path):
    assert require_shared_data(tmp_path, {"CI": "true"}) == tmp_path


@pytest.mark.parametrize("ci", [None, "", "false", "0"])
def test_missing_data_skips_off_ci(tmp_path, ci):
    environ = {} if ci is None else {"CI": ci}
    with pytest.raises(pytest.skip.Exception, match="shared test data not found"):
        require_shared_data(tmp_path / "absent", environ)


@pytest.mark.parametrize("ci", ["true", "True", "1", "yes"])
def test_missing_data_fails_on_ci(tmp_path, ci):
    with pytest.raises(pytest.fail.Exception, match=r"not found at .*absent.*CI"):
        require_shared_data(tmp_path / "absent", {"CI": ci})


def test_the_rule_reads_ci_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require_shared_data(tmp_path / "absent")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require_shared_data(tmp_path / "absent")
