"""Textbook CPM networks, checked cell by cell (offsets from the project start)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import make_plan
from workbench.engine import schedule
from workbench.io import load_plan

DATA = Path(__file__).parents[1] / "data"
CELLS = {"es": "start_offset", "ef": "finish_offset", "ls": "late_start_offset",
         "lf": "late_finish_offset", "total_float": "total_float", "free_float": "free_float"}

# Classic FS network (hand-checked): A3; B4, C2 after A; D5 after B; E1 after C; F2 after D, E.
CLASSIC = dict(
    tasks=[{"id": "A", "duration": 3}, {"id": "B", "duration": 4}, {"id": "C", "duration": 2},
           {"id": "D", "duration": 5}, {"id": "E", "duration": 1}, {"id": "F", "duration": 2}],
    links=[{"from": "A", "to": "B"}, {"from": "A", "to": "C"}, {"from": "B", "to": "D"},
           {"from": "C", "to": "E"}, {"from": "D", "to": "F"}, {"from": "E", "to": "F"}],
)
CLASSIC_EXPECTED = """id,es,ef,ls,lf,total_float,free_float,critical
A,0,3,0,3,0,0,true
B,3,7,3,7,0,0,true
C,3,5,9,11,6,0,false
D,7,12,7,12,0,0,true
E,5,6,11,12,6,6,false
F,12,14,12,14,0,0,true
"""

# Mixed link types with a lead (hand-checked): Q starts 2 after P starts (SS+2), R finishes
# 1 after Q finishes (FF+1), S starts 1 before P finishes (FS-1), milestone T after R and S.
MIXED = dict(
    tasks=[{"id": "P", "duration": 4}, {"id": "Q", "duration": 6}, {"id": "R", "duration": 3},
           {"id": "S", "duration": 2}, {"id": "T", "milestone": True}],
    links=[{"from": "P", "to": "Q", "type": "SS", "lag": 2},
           {"from": "Q", "to": "R", "type": "FF", "lag": 1},
           {"from": "P", "to": "S", "type": "FS", "lag": -1},
           {"from": "R", "to": "T"}, {"from": "S", "to": "T"}],
)
MIXED_EXPECTED = """id,es,ef,ls,lf,total_float,free_float,critical
P,0,4,0,4,0,0,true
Q,2,8,2,8,0,0,true
R,6,9,6,9,0,0,true
S,3,5,7,9,4,4,false
T,9,9,9,9,0,0,true
"""


def check_cells(result: pd.DataFrame, expected: pd.DataFrame) -> None:
    expected = expected.set_index("id")
    assert list(result.index) == list(expected.index)
    for column, ours in CELLS.items():
        assert result[ours].tolist() == pytest.approx(expected[column].astype(float).tolist()), \
            column
    assert result["critical"].tolist() == expected["critical"].astype(bool).tolist()


@pytest.mark.parametrize("network, expected", [(CLASSIC, CLASSIC_EXPECTED),
                                               (MIXED, MIXED_EXPECTED)],
                         ids=["classic_fs", "mixed_links"])
def test_inline_networks(network, expected):
    result = schedule(make_plan(**network))
    check_cells(result.tasks, pd.read_csv(io.StringIO(expected)))


def test_inline_classic_dates_and_path():
    result = schedule(make_plan(**CLASSIC))
    assert result.length == 14
    assert result.critical_path == ["A", "B", "D", "F"]
    assert result.start == pd.Timestamp("2027-01-04")
    # 14 working days from Monday 4 January: the last is Thursday 21 January.
    assert result.finish == pd.Timestamp("2027-01-21")
    assert result.tasks.loc["D", "start"] == pd.Timestamp("2027-01-13")  # offset 7: Wed


@pytest.mark.parametrize("path", sorted(DATA.glob("textbook_*.yaml")), ids=lambda p: p.stem)
def test_textbook_file(path):
    expected_path = path.with_name(path.name.replace(".yaml", ".expected.csv"))
    expected = pd.read_csv(expected_path)
    result = schedule(load_plan(path))
    check_cells(result.tasks, expected)
    assert result.length == expected["ef"].max()
    critical = expected[expected["critical"].astype(bool)].sort_values(["es", "ef"])
    assert set(result.critical_path) == set(critical["id"])


def test_hillier_reliable_dates():
    path = DATA / "textbook_hillier_reliable.yaml"
    if not path.exists():
        pytest.skip("textbook data not present")
    result = schedule(load_plan(path))
    # 44 working days from Monday 2027-01-04: day index 43 is Thursday 2027-03-04.
    assert result.finish == pd.Timestamp(dt.date(2027, 3, 4))
    assert result.critical_path == ["A", "B", "C", "E", "F", "J", "L", "N"]
