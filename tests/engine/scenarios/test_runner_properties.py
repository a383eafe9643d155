"""Property: whatever a scenario changes, the runner's schedule is the fresh one.

Changes are drawn over every declared table and column (from the table declarations,
not a list kept here) and every scenario operation, with values of each column's
declared kind: valid ones, empty ones, out-of-range ones, ids that exist and ids that
do not. For each, ``ScenarioRunner`` (which reuses the base's compiled plan where the
declared reads allow) must give ``schedule(apply(plan, scenario))`` cell for cell, or
the same ``PlanError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench import sample_plan_path
from workbench.engine import ScenarioRunner, apply, schedule
from workbench.io import load_plan
from workbench.model import TABLES, PlanError, Scenario
from workbench.model.scenario import OPS, SCALABLE, TASK_GROUPS
from workbench.model.schema import Column, TableSpec
from workbench.model.tables import row_labels

PLAN = load_plan(sample_plan_path())
RUNNER = ScenarioRunner(PLAN)
MISSING = "NOPE"  # an id no table holds
DAYS = st.dates(dt.date(2026, 12, 1), dt.date(2027, 12, 31))


def _ids(table: str) -> list[str]:
    return row_labels(TABLES[table], PLAN.tables[table])


def _number(column: Column) -> st.SearchStrategy[float]:
    low = column.minimum if column.minimum is not None else -10.0
    high = column.maximum if column.maximum is not None else 60.0
    # Half steps, now and then one step outside the declared bounds.
    return st.integers(int(low * 2) - 1, int(high * 2) + 1).map(lambda h: h / 2)


def _text_value(column: Column) -> st.SearchStrategy[object]:
    if column.references:
        return st.sampled_from(_ids(column.references) + ["", MISSING])
    if column.allowed:
        return st.sampled_from([*column.allowed, "", "bogus"])
    return st.sampled_from(["", "x", "New name", *_ids("tasks")[:3], "R1"])


def _dates_value() -> st.SearchStrategy[str]:
    single = DAYS.map(str)
    span = st.tuples(DAYS, st.integers(0, 10)).map(
        lambda d: f"{d[0]}..{d[0] + dt.timedelta(days=d[1])}")
    return st.lists(st.one_of(single, span), max_size=2).map(", ".join)


def value_for(column: Column) -> st.SearchStrategy[object]:
    """Values a cell of ``column`` may be set to, by its declared kind."""
    by_kind: dict[str, Callable[[], st.SearchStrategy[object]]] = {
        "str": lambda: _text_value(column),
        "float": lambda: st.one_of(st.none(), _number(column)),
        "int": lambda: _number(column).map(int),
        "bool": st.booleans,
        "date": lambda: st.one_of(st.none(), DAYS.map(str)),
        "dates": _dates_value,
        "three_point": lambda: st.sampled_from(["", "5", "3, 5, 10", "10, 5, 3"]),
        "ids": lambda: st.lists(st.sampled_from(_ids(column.references or "tasks")),
                                max_size=3).map(", ".join),
    }
    return by_kind[column.kind]()


def _table() -> st.SearchStrategy[TableSpec]:
    return st.sampled_from(list(TABLES.values()))


@st.composite
def set_change(draw):
    spec = draw(_table())
    column = draw(st.sampled_from(spec.columns))
    row = draw(st.sampled_from(_ids(spec.name) + [MISSING]))
    return {"op": "set", "table": spec.name, "id": row, "field": column.name,
            "value": draw(value_for(column))}


@st.composite
def scale_change(draw):
    table = draw(st.sampled_from(list(SCALABLE)))
    field = draw(st.sampled_from(SCALABLE[table]))
    change = {"op": "scale", "table": table, "field": field,
              "factor": draw(st.sampled_from([0, 0.5, 1, 1.5, 3]))}
    spec, frame = TABLES[table], PLAN.tables[table]
    if spec.key == ("id",) and draw(st.booleans()):
        change["ids"] = draw(st.lists(st.sampled_from(_ids(table)), min_size=1, max_size=4))
        return change
    keys = spec.column_names + (list(TASK_GROUPS) if table == "tasks" else [])
    key = draw(st.sampled_from(keys))
    if key == "role":
        value = draw(st.sampled_from(sorted(set(PLAN.resources["role"]))))
    elif key == "parent" and table == "tasks":
        value = draw(st.sampled_from(sorted(set(frame["parent"]) - {""})))
    else:
        value = draw(st.sampled_from(frame[key].dropna().astype(str).tolist() or [""]))
    change["where"] = {key: value}
    return change


@st.composite
def add_change(draw):
    spec = draw(_table())
    row = {}
    for column in spec.columns:
        if column.required or draw(st.booleans()):
            row[column.name] = draw(value_for(column))
    if spec.key == ("id",) and draw(st.booleans()):
        row["id"] = f"N{draw(st.integers(1, 3))}"
    return {"op": "add", "table": spec.name, "row": row}


@st.composite
def remove_change(draw):
    spec = draw(_table())
    return {"op": "remove", "table": spec.name,
            "id": draw(st.sampled_from(_ids(spec.name) + [MISSING]))}


CHANGES: dict[str, st.SearchStrategy[dict]] = {
    "set": set_change(),
    "scale": scale_change(),
    "add": add_change(),
    "remove": remove_change(),
    "delay": st.builds(lambda i, d: {"op": "delay", "id": i, "days": d},
                       st.sampled_from(_ids("tasks")), st.integers(-10, 20)),
    "add_units": st.builds(
        lambda role, units, rate: {"op": "add_units", "role": role, "units": units,
                                   **({"rate": rate} if rate is not None else {})},
        st.sampled_from(sorted(set(PLAN.resources["role"])) + ["Astronaut"]),
        st.sampled_from([0, 0.5, 1, 2]), st.none() | st.sampled_from([0, 900]),
    ),
    "shift_start": st.builds(lambda d: {"op": "shift_start", "days": d},
                             st.integers(-40, 90)),
    "add_non_working_days": st.builds(lambda d: {"op": "add_non_working_days", "dates": d},
                                      st.lists(DAYS.map(str), min_size=1, max_size=3)),
}


def test_every_operation_has_a_generator():
    assert set(CHANGES) == set(OPS)


def _outcome(run: Callable[[], object]) -> tuple[str, object]:
    try:
        return "ok", run()
    except PlanError as exc:
        return "error", str(exc)


# Each example applies and schedules the sample plan twice (~0.1 s): 60 stay well
# under 20 s, and every run draws new ones.
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(list(OPS)).flatmap(CHANGES.__getitem__),
                min_size=1, max_size=2))
def test_the_runner_schedules_any_scenario_as_a_fresh_schedule_does(changes):
    scenario = Scenario("what-if", changes=tuple(changes))
    fresh = _outcome(lambda: schedule(apply(PLAN, scenario)))
    reused = _outcome(lambda: RUNNER.run(scenario))
    assert fresh[0] == reused[0], (fresh, reused)
    if fresh[0] == "error":
        event("PlanError")
        assert reused[1] == fresh[1]
        return
    event(f"reuse level {reused[1].reuse}")
    got, want = reused[1].schedule, fresh[1]
    pd.testing.assert_frame_equal(got.tasks, want.tasks, check_exact=True)
    assert (got.start, got.finish, got.length) == (want.start, want.finish, want.length)
    assert got.critical_path == want.critical_path
