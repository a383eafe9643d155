"""Rules for the risk-analysis inputs: three-point estimates on tasks and the risk register."""

from __future__ import annotations

import numpy as np
import pandas as pd

from workbench.model.errors import Problem
from workbench.model.schema import RISKS
from workbench.model.tables import row_labels, split_ids

ESTIMATES = ("optimistic", "most_likely", "pessimistic")


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_estimates(tasks: pd.DataFrame, labels: list[str]) -> list[Problem]:
    """Three-point estimates come all three or not at all, ordered, and only on work tasks.

    Parameters
    ----------
    tasks : pd.DataFrame
        The coerced tasks table (``optimistic``, ``most_likely``, ``pessimistic`` in
        working days, NaN where not given; ``parent``, ``milestone``).
    labels : list of str
        The row label of each task, used in the problems (usually its id).

    Returns
    -------
    list of Problem
        One per broken rule and row; empty when the estimates are fine.

    Examples
    --------
    >>> from workbench.model.schema import TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "duration": 5, "optimistic": 6,
    ...                                  "most_likely": 5, "pessimistic": 9}])
    >>> [str(p) for p in check_estimates(tasks, ["A"])]
    ["tasks row 'A' column 'optimistic': must be <= most_likely (5), got 6"]
    """
    problems: list[Problem] = []
    values = tasks[list(ESTIMATES)].to_numpy(dtype=np.float64)
    given = ~np.isnan(values)
    partial = given.any(axis=1) & ~given.all(axis=1)
    for i in np.flatnonzero(partial):
        missing = ESTIMATES[int(np.flatnonzero(~given[i])[0])]
        problems.append(Problem("tasks", labels[i], missing,
                                "give all three estimates (optimistic, most_likely, "
                                "pessimistic) or none"))
    low, mode, high = values.T
    for i in np.flatnonzero(given.all(axis=1) & (low > mode)):
        problems.append(Problem("tasks", labels[i], "optimistic",
                                f"must be <= most_likely ({_fmt(mode[i])}), got {_fmt(low[i])}"))
    for i in np.flatnonzero(given.all(axis=1) & (mode > high)):
        problems.append(Problem("tasks", labels[i], "pessimistic",
                                f"must be >= most_likely ({_fmt(mode[i])}), got {_fmt(high[i])}"))
    is_summary = tasks["id"].isin(set(tasks["parent"]) - {""}).to_numpy()
    for i in np.flatnonzero(is_summary & given.any(axis=1)):
        problems.append(Problem("tasks", labels[i], "most_likely",
                                "a summary task takes its dates from its children; "
                                "estimate its tasks instead"))
    milestone = tasks["milestone"].to_numpy(dtype=bool)
    for i in np.flatnonzero(milestone & (np.nan_to_num(high) > 0)):
        problems.append(Problem("tasks", labels[i], "pessimistic",
                                "a milestone has zero duration; remove its estimates"))
    return problems


def check_risks(risks: pd.DataFrame, tasks: pd.DataFrame,
                labels: list[str] | None = None) -> list[Problem]:
    """Register rules across columns: affected tasks are work tasks, impacts have tasks.

    Parameters
    ----------
    risks : pd.DataFrame
        The coerced risk register (``tasks``: comma-separated task ids,
        ``schedule_impact`` and ``residual_schedule_impact``: three-point text in
        working days).
    tasks : pd.DataFrame
        The coerced tasks table (for which ids are summaries).
    labels : list of str, optional
        The row label of each risk; default from the table's key.

    Returns
    -------
    list of Problem
        One per broken rule and row; empty when the register is fine.

    Examples
    --------
    >>> from workbench.model.schema import RISKS, TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "S"}, {"id": "A", "parent": "S"}])
    >>> risks, _ = coerce_table(RISKS, [{"id": "R1", "probability": 0.3,
    ...                                  "schedule_impact": 5, "tasks": "S"}])
    >>> [str(p) for p in check_risks(risks, tasks)]
    ["risks row 'R1' column 'tasks': 'S' is a summary task; list the tasks it affects"]
    """
    labels = labels if labels is not None else row_labels(RISKS, risks)
    summaries = set(tasks["parent"]) - {""}
    problems: list[Problem] = []
    for i, (affected, impact, residual) in enumerate(zip(
            risks["tasks"], risks["schedule_impact"], risks["residual_schedule_impact"],
            strict=True)):
        ids = split_ids(affected)
        problems += [Problem("risks", labels[i], "tasks",
                             f"{task!r} is a summary task; list the tasks it affects")
                     for task in ids if task in summaries]
        if (impact or residual) and not ids:
            problems.append(Problem("risks", labels[i], "tasks",
                                    "a schedule impact needs the affected task ids"))
    return problems
