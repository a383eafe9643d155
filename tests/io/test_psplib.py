"""Reading PSPLIB single-mode .sm files into plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.engine import schedule
from workbench.io.psplib import read_psplib, read_psplib_header

#: A five-job instance in PSPLIB's format (ours, small enough to read by eye).
SMALL = (Path(__file__).parent / "data" / "tiny.sm").read_text()


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.sm"
    path.write_text(SMALL)
    return path


def test_header(tiny):
    assert read_psplib_header(tiny) == {"jobs": 5, "horizon": 20, "renewable": 2,
                                        "release_date": 0, "due_date": 9,
                                        "tardiness_cost": 2, "mpm_time": 7}


def test_tasks_links_resources_assignments(tiny):
    plan = read_psplib(tiny)
    tasks = plan.tasks.set_index("id")
    assert list(tasks.index) == ["1", "2", "3", "4", "5"]
    assert tasks.loc["2", "name"] == "Job 2"
    assert tasks["duration"].tolist() == [0, 3, 6, 4, 0]
    assert tasks["milestone"].tolist() == [True, False, False, False, True]
    links = plan.links
    assert list(zip(links["from"], links["to"], strict=True)) == [
        ("1", "2"), ("1", "3"), ("2", "4"), ("3", "5"), ("4", "5")]
    assert set(links["type"]) == {"FS"} and set(links["lag"]) == {0.0}
    resources = plan.resources.set_index("id")
    assert resources["capacity"].to_dict() == {"R1": 4.0, "R2": 3.0}
    assert resources["rate"].tolist() == [0.0, 0.0]
    rows = list(zip(plan.assignments["task"], plan.assignments["resource"],
                    plan.assignments["units"], strict=True))
    assert rows == [("2", "R1", 2.0), ("3", "R2", 1.0), ("4", "R1", 1.0), ("4", "R2", 3.0)]
    assert plan.project.start == dt.date(2027, 1, 4)
    assert plan.project.calendar.weekmask == "1111100"
    assert plan.project.calendar.country is None
    assert plan.project.name == "tiny"


def test_durations_stay_as_given_despite_assignments(tiny):
    # units on an assignment do not change a duration that is given
    result = schedule(read_psplib(tiny))
    assert result.length == 7
    assert result.critical_path == ["1", "2", "4", "5"]


def test_broken_file(tmp_path):
    path = tmp_path / "broken.sm"
    path.write_text(SMALL.replace("  5      1     0       0    0\n", ""))
    with pytest.raises(ValueError, match="5 jobs"):
        read_psplib(path)


def test_real_instance(shared_data):
    path = shared_data / "psplib" / "j30" / "j301_1.sm"
    header = read_psplib_header(path)
    assert (header["jobs"], header["horizon"], header["mpm_time"]) == (32, 158, 38)
    plan = read_psplib(path)
    assert len(plan.tasks) == 32 and len(plan.links) == 48
    assert plan.resources["capacity"].tolist() == [12, 13, 4, 12]
    job3 = plan.assignments[plan.assignments["task"] == "3"]
    assert job3[["resource", "units"]].values.tolist() == [["R1", 10.0]]
