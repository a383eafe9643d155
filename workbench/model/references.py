"""What refers to what: removing or renaming a row and everything that points at it.

Derived from the ``references`` of the table declarations, so a new table that
points at tasks or resources is handled without changes here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from workbench.model.schema import TABLES, Column
from workbench.model.tables import split_ids


def referrers(table: str) -> list[tuple[str, Column]]:
    """Every (table name, column) declared as referring to ``table``'s ids.

    Parameters
    ----------
    table : str
        A table name of :data:`workbench.model.schema.TABLES` (``"tasks"``,
        ``"resources"``, ...).

    Returns
    -------
    list of (str, Column)
        The referring tables and columns in declaration order; empty when nothing
        points at ``table``.

    Examples
    --------
    >>> ("links", "from") in [(t, c.name) for t, c in referrers("tasks")]
    True
    """
    return [(name, column) for name, spec in TABLES.items() for column in spec.columns
            if column.references == table]


def descendants(tasks: pd.DataFrame, roots: Iterable[str]) -> np.ndarray:
    """Mask of every task below ``roots`` in the WBS (roots excluded), all levels.

    Parameters
    ----------
    tasks : pd.DataFrame
        The tasks table (``id`` and ``parent``; ``""`` for a top-level task).
    roots : iterable of str
        Task ids whose sub-tasks are wanted.

    Returns
    -------
    np.ndarray
        Boolean mask over the rows of ``tasks``.

    Examples
    --------
    >>> tasks = pd.DataFrame({"id": ["W", "A", "B"], "parent": ["", "W", "A"]})
    >>> descendants(tasks, ["W"]).tolist()
    [False, True, True]
    """
    parent = tasks["parent"].to_numpy()
    inside = np.isin(parent, list(roots))
    while True:
        grown = inside | np.isin(parent, tasks["id"].to_numpy()[inside])
        if (grown == inside).all():
            return inside
        inside = grown


def without_rows(tables: Mapping[str, pd.DataFrame], table: str,
                 doomed: np.ndarray) -> dict[str, pd.DataFrame]:
    """The tables that change when the masked rows of ``table`` are removed.

    A removed task takes its sub-tasks along. Rows that refer to a removed row go
    too when the reference is required (or declared ``removed_with_target``); other
    references are cleared.

    Parameters
    ----------
    tables : mapping
        The plan's tables by name.
    table : str
        The table rows are removed from.
    doomed : np.ndarray
        Boolean mask over ``table``'s rows.

    Returns
    -------
    dict
        New frames for every table that changed.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> changed = without_rows(plan.tables, "tasks", (plan.tasks["id"] == "W1").to_numpy())
    >>> "T1" in set(changed["tasks"]["id"]), sorted(changed)[:3]
    (False, ['actuals', 'assignments', 'baselines'])
    """
    frame = tables[table]
    doomed = np.asarray(doomed, dtype=bool)
    if table == "tasks":
        doomed = doomed | descendants(frame, frame.loc[doomed, "id"])
    changes = {table: frame[~doomed]}
    if TABLES[table].key != ("id",):
        return changes
    removed = set(frame.loc[doomed, "id"])
    for other, column in referrers(table):
        target = changes.get(other, tables[other])
        if column.kind == "ids":  # a list of ids in one cell: drop the removed ones
            changes[other] = _map_ids(target, column.name,
                                      lambda i: None if i in removed else i)
            continue
        hit = target[column.name].isin(removed).to_numpy()
        if not hit.any():
            continue
        if column.required or column.removed_with_target:
            changes[other] = target[~hit]
        else:
            changes[other] = target.assign(**{column.name: target[column.name].where(~hit, "")})
    return changes


def renamed(tables: Mapping[str, pd.DataFrame], table: str, old: str,
            new: str) -> dict[str, pd.DataFrame]:
    """The tables that change when id ``old`` of ``table`` becomes ``new``.

    Parameters
    ----------
    tables : mapping
        The plan's tables by name.
    table : str
        The table whose row is renamed (its key must be ``id``).
    old, new : str
        The current id and its replacement. ``new`` is not checked for clashes here;
        validating the new plan does that.

    Returns
    -------
    dict
        New frames for ``table`` and every table whose references changed.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> changed = renamed(plan.tables, "tasks", "T1", "KICKOFF")
    >>> "KICKOFF" in set(changed["links"]["from"])
    True
    """
    changes = {table: tables[table].assign(id=tables[table]["id"].replace({old: new}))}
    for other, column in referrers(table):
        frame = changes.get(other, tables[other])
        if column.kind == "ids":
            changes[other] = _map_ids(frame, column.name, lambda i: new if i == old else i)
        elif frame[column.name].eq(old).any():
            changes[other] = frame.assign(**{column.name: frame[column.name]
                                             .replace({old: new})})
    return changes


def _map_ids(frame: pd.DataFrame, column: str, fn: Callable[[str], str | None]) -> pd.DataFrame:
    """``frame`` with every id of a list cell passed through ``fn`` (None drops it)."""
    def cell(text: str) -> str:
        kept = (fn(i) for i in split_ids(text))
        return ", ".join(i for i in kept if i is not None)

    return frame.assign(**{column: frame[column].map(cell)})
