"""Random rows in every declared table and column give a valid plan or a PlanError, quickly.

The rows are generated from the schema declarations, so a column added there is fuzzed
too. Each cell is usually a value of its declared kind (so valid plans come up and get
scheduled) and otherwise anything a file or an edit could hold: huge, negative, NaN or
infinite numbers, text, lists, mappings, None, booleans, impossible or far dates.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from workbench.engine.scheduling.scheduler import schedule
from workbench.model import Plan, PlanError
from workbench.model.project import project_from_dict
from workbench.model.schema import TABLES, Column

TASK_IDS = ("A", "B", "C")
RESOURCE_IDS = ("R1", "R2")
IDS = {"tasks": TASK_IDS, "resources": RESOURCE_IDS}
NEAR = st.dates(dt.date(2026, 6, 1), dt.date(2028, 6, 1))
#: Columns clean rows leave out, and ones they always fill: each is valid only together
#: with others (a parent makes a summary, which must lose its duration; estimates come in
#: threes; a constraint or a finish needs a date; a schedule impact needs tasks; a cost
#: needs a date or a task). Rows that hold anything still fill them all.
CLEAN_SKIP = {"parent", "optimistic", "most_likely", "pessimistic", "actual_finish",
              "constraint", "milestone", "schedule_impact", "residual_schedule_impact"}
CLEAN_ALWAYS = {("tasks", "duration"), ("cost_lines", "date")}

ODD_TEXT = ("2,5", "2,500", "1.000,5", "31/02/2027", "2027-02-31", "9999-12-31", "0001-01-01",
            ".inf", "nan", "-inf", "1e400", "", "   ", "T1, T2", "3, 5, 10", "10, 5",
            "2027-01-04..2027-01-01", "x" * 200)

ANYTHING = st.one_of(
    st.sampled_from([10 ** 400, -10 ** 400, 2 ** 63, 1e308, -1e308, 1e30, -3, 0]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(ODD_TEXT),
    st.lists(st.one_of(st.integers(), st.text(max_size=3), st.floats()), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.none(),
    st.booleans(),
    st.dates(),
)


def of_its_kind(column: Column, ids: dict[str, list[str]]) -> st.SearchStrategy:
    """A plausible value for the column, as its declaration describes it.

    ``ids`` are the task and resource ids the plan has so far, for references.
    """
    if column.kind == "str":
        if column.references:
            return st.sampled_from(ids[column.references] or ["X1"])
        if column.allowed:
            return st.sampled_from(column.allowed)
        if column.required:
            return st.text("ABCDEFGHIJ", min_size=1, max_size=2)
        return st.text(max_size=8)
    if column.kind in ("float", "int"):
        low, high = column.minimum, column.maximum
        small = st.integers(max(int(low), 0), min(int(high), 20))
        anywhere = (st.integers(int(low), int(high)) if column.kind == "int"
                    else st.floats(low, high))
        return st.one_of(small, small, anywhere)
    if column.kind == "bool":
        return st.booleans()
    if column.kind == "date":
        return NEAR
    if column.kind == "dates":
        return st.lists(NEAR, max_size=3)
    if column.kind == "three_point":
        return st.one_of(st.integers(0, 10), st.lists(st.integers(0, 10), min_size=3,
                                                       max_size=3).map(sorted))
    return st.lists(st.sampled_from(ids["tasks"] or ["X1"]), max_size=2)  # ids


@st.composite
def rows(draw: st.DrawFn, name: str, clean: bool, ids: dict[str, list[str]]) -> list[dict]:
    """Up to three rows of a table: key and required columns always, others now and then.

    ``clean`` rows hold values of each column's kind only, tasks and resources with
    distinct ids (so that valid plans come up and get scheduled); the others hold
    anything in a quarter of their cells.
    """
    spec = TABLES[name]
    count = draw(st.integers(1 if clean and name in IDS else 0, 3))
    own_ids = list(IDS.get(name, ()))
    if clean and name in IDS:
        ids[name] = own_ids[:count]  # a WBS parent may name any of them
    out = []
    for k in range(count):
        row = {}
        for column in spec.columns:
            always = column.required or column.name in spec.key or (
                clean and (name, column.name) in CLEAN_ALWAYS)
            if not always and (clean and column.name in CLEAN_SKIP
                               or draw(st.integers(0, 4 if clean else 1)) != 0):
                continue
            good = of_its_kind(column, ids)
            if column.name == "id" and k < len(own_ids):
                good = st.just(own_ids[k])
            row[column.name] = draw(good if clean else st.one_of(good, good, good, ANYTHING))
        out.append(row)
    if clean and spec.unique:
        keys = [tuple(str(r.get(k)) for k in spec.key) for r in out]
        out = [r for i, r in enumerate(out) if keys[i] not in keys[:i]
               and (name != "links" or r["from"] != r["to"])]
    if name in IDS:
        ids[name] = [str(r.get("id")) for r in out]
    return out


CLEAN_PROJECTS = st.fixed_dictionaries(
    {"start": NEAR},
    optional={"status_date": NEAR, "name": st.text(max_size=20),
              "calendar": st.sampled_from([{}, {"country": "DE"},
                                           {"country": "US", "subdivision": "CA"},
                                           {"workweek": ["Mon", "Wed"]}])})

ANY_PROJECTS = st.fixed_dictionaries(
    {"start": st.one_of(NEAR, NEAR, NEAR, ANYTHING)},
    optional={"status_date": st.one_of(NEAR, ANYTHING), "name": ANYTHING,
              "currency": ANYTHING,
              "calendar": st.fixed_dictionaries({}, optional={
                  "country": st.sampled_from(["DE", "US", "XX"]),
                  "subdivision": st.sampled_from(["BY", "CA", "XX"]),
                  "holidays": st.lists(st.one_of(NEAR, ANYTHING), max_size=2),
                  "workweek": st.one_of(st.just(["Mon", "Wed"]), ANYTHING)}),
              "risk": st.fixed_dictionaries({}, optional={
                  "budget": ANYTHING, "correlation": ANYTHING, "deadline": ANYTHING,
                  "default_spread": st.lists(ANYTHING, min_size=3, max_size=3)})})


@st.composite
def plan_input(draw: st.DrawFn) -> tuple[dict, dict[str, list[dict]]]:
    """The ``project:`` mapping and the rows of every table, clean or anything goes."""
    clean = draw(st.booleans())
    project = draw(CLEAN_PROJECTS if clean else ANY_PROJECTS)
    ids: dict[str, list[str]] = {"tasks": [], "resources": []}
    drawn = {name: draw(rows(name, clean, ids)) for name in ("resources", "tasks")}
    return project, {name: drawn[name] if name in drawn else draw(rows(name, clean, ids))
                     for name in TABLES}


# Load what the first examples would otherwise pay for (imports, public holidays), so
# the deadline measures the work on each plan.
schedule(Plan.build(project_from_dict({"start": "2027-01-04", "calendar": {"country": "DE"}}),
                    tasks=[{"id": "A", "duration": 1}]))


@settings(max_examples=150, deadline=2000,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan_input())
def test_random_rows_give_a_plan_or_a_plan_error_and_valid_plans_schedule(drawn):
    project, tables = drawn
    try:
        plan = Plan.build(project_from_dict(project), **tables)
    except PlanError as exc:
        assert exc.problems and all(p.table for p in exc.problems)
        event("refused with a PlanError")
        return
    event(f"valid plan with {len(plan.tasks)} tasks")
    try:
        result = schedule(plan)
    except PlanError:
        event("valid plan refused by the scheduler")
        return
    assert len(result.tasks) == len(plan.tasks)
