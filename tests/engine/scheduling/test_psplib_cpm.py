"""PSPLIB j30: the unconstrained CPM length of every instance equals its MPM-Time."""

from __future__ import annotations

import pytest

from tests.conftest import SHARED_DATA
from workbench.engine import schedule
from workbench.io.psplib import read_psplib, read_psplib_header

J30 = SHARED_DATA / "psplib" / "j30"
FILES = sorted(J30.glob("*.sm")) if J30.is_dir() else []


def test_all_480_instances_are_present(shared_data):
    # Through the fixture: without the data this skips, and fails on CI.
    assert len(sorted((shared_data / "psplib" / "j30").glob("*.sm"))) == 480


@pytest.mark.skipif(not FILES, reason=f"PSPLIB j30 instances not found at {J30}")
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_schedule_length_equals_mpm_time(path):
    header = read_psplib_header(path)
    result = schedule(read_psplib(path))
    assert result.length == header["mpm_time"]
    # the dummy sink closes the network: it is critical and ends the project
    sink = str(header["jobs"])
    assert result.tasks.loc[sink, "finish_offset"] == header["mpm_time"]
    assert result.critical_path[-1] == sink
