"""Reading PSPLIB single-mode .sm files into plans."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SHARED_DATA
from workbench.engine import schedule
from workbench.io.psplib import read_psplib, read_psplib_header

SMALL = """\
************************************************************************
file with basedata            : tiny.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  5
horizon                       :  20
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      3      0       9        2        7
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    0
  3      1     6       0    1
  4      1     4       1    3
  5      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    4    3
************************************************************************
"""


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


def test_real_instance():
    path = SHARED_DATA / "psplib" / "j30" / "j301_1.sm"
    if not path.exists():
        pytest.skip(f"PSPLIB instance not found at {path}")
    header = read_psplib_header(path)
    assert (header["jobs"], header["horizon"], header["mpm_time"]) == (32, 158, 38)
    plan = read_psplib(path)
    assert len(plan.tasks) == 32 and len(plan.links) == 48
    assert plan.resources["capacity"].tolist() == [12, 13, 4, 12]
    job3 = plan.assignments[plan.assignments["task"] == "3"]
    assert job3[["resource", "units"]].values.tolist() == [["R1", 10.0]]
