"""Three-way merge of plans by rows: two people edited the same plan file.

Each side's change against the plan both started from (``base``) is kept; when both
sides changed the same cell differently, or one removed a row the other changed,
the merge stops with a :class:`~workbench.io.errors.MergeConflict` naming every
such table, row and column.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from workbench.io.errors import MergeConflict
from workbench.io.plan_file import plan_from_dict, plan_to_dict
from workbench.model import TABLES, Plan, Problem
from workbench.model.tables import row_labels

Row = dict[str, Any]
RowKey = tuple[tuple[str, ...], int]


def merge_plans(base: Plan, mine: Plan, theirs: Plan) -> Plan:
    """The plan with both my changes and theirs since ``base``.

    Rows are matched by their key (task id, link from/to, ...) and merged cell by
    cell; a row only one side added or removed is added or removed. Rows keep my
    order, with rows only they added after the row that precedes them on their side.

    Parameters
    ----------
    base : Plan
        The plan as both sides read it.
    mine, theirs : Plan
        The two edited plans.

    Returns
    -------
    Plan
        The merged, validated plan.

    Raises
    ------
    MergeConflict
        Listing every cell both sides changed differently, and every row one side
        removed while the other changed it.
    PlanError
        When the merged plan is not valid (e.g. they linked to a task I removed).

    Examples
    --------
    >>> base = plan_from_dict({"project": {"start": "2027-01-04"},
    ...     "tasks": [{"id": "T1", "duration": 5}, {"id": "T2", "duration": 3}]})
    >>> mine = base.replace(tasks=[{"id": "T1", "duration": 8}, {"id": "T2", "duration": 3}])
    >>> theirs = base.replace(tasks=[{"id": "T1", "duration": 5}, {"id": "T2", "duration": 4}])
    >>> merge_plans(base, mine, theirs).tasks["duration"].tolist()
    [8.0, 4.0]
    >>> other = base.replace(tasks=[{"id": "T1", "duration": 9}, {"id": "T2", "duration": 3}])
    >>> merge_plans(base, mine, other)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    workbench.io.errors.MergeConflict: tasks row 'T1' column 'duration': changed on both sides...
    """
    b, m, t = plan_to_dict(base), plan_to_dict(mine), plan_to_dict(theirs)
    problems: list[Problem] = []
    merged: dict[str, Any] = {"project": _merge_row("project", None, b["project"], m["project"],
                                                      t["project"], problems)}
    for name, spec in TABLES.items():
        def key(row: Row, spec=spec) -> tuple[str, ...]:
            return tuple(str(row.get(c)) for c in spec.key)

        def label(row: Row, spec=spec) -> str:
            return row_labels(spec, pd.DataFrame([{c: row.get(c) for c in spec.key}]))[0]

        rows = _merge_rows(name, key, label, b.get(name, []), m.get(name, []),
                           t.get(name, []), problems)
        if rows:
            merged[name] = rows
    merged["scenarios"] = _merge_rows("scenarios", lambda s: (s["name"],), lambda s: s["name"],
                                      b.get("scenarios", []), m.get("scenarios", []),
                                      t.get("scenarios", []), problems, cell_by_cell=False)
    if problems:
        raise MergeConflict(problems)
    return plan_from_dict(merged)


def _merge_rows(table: str, key: Any, label: Any, base: list[Row], mine: list[Row],
                theirs: list[Row], problems: list[Problem],
                cell_by_cell: bool = True) -> list[Row]:
    base_rows, my_rows, their_rows = (_by_key(rows, key) for rows in (base, mine, theirs))
    order = list(my_rows)
    previous: RowKey | None = None
    for k in their_rows:
        if k not in my_rows:  # they added it, or I removed it (settled below)
            order.insert(order.index(previous) + 1 if previous in order else len(order), k)
        previous = k
    out = []
    for k in order:
        b, m, t = base_rows.get(k), my_rows.get(k), their_rows.get(k)
        if m == t or t == b:
            row = m
        elif m == b:
            row = t
        elif m is None or t is None or not cell_by_cell:
            row = None
            what = "removed" if m is None or t is None else "changed"
            problems.append(Problem(table, label(m or t), None,
                                    f"{what} on one side, changed on the other"
                                    if what == "removed" else "changed on both sides"))
        else:
            row = _merge_row(table, label(m), b or {}, m, t, problems)
        if row is not None:
            out.append(row)
    return out


def _merge_row(table: str, row: str | None, base: Row, mine: Row, theirs: Row,
               problems: list[Problem]) -> Row:
    out = {}
    for column in dict.fromkeys([*mine, *theirs, *base]):
        b, m, t = base.get(column), mine.get(column), theirs.get(column)
        if m == t or t == b:
            value = m
        elif m == b:
            value = t
        else:
            problems.append(Problem(table, row, column,
                                    f"changed on both sides: mine {m!r}, theirs {t!r}"))
            value = m
        if value is not None:
            out[column] = value
    return out


def _by_key(rows: list[Row], key: Any) -> dict[RowKey, Row]:
    """Rows by key, repeats numbered so tables with non-unique keys merge too."""
    seen: dict[tuple[str, ...], int] = {}
    out = {}
    for row in rows:
        k = key(row)
        seen[k] = seen.get(k, 0) + 1
        out[(k, seen[k])] = row
    return out
