"""Rules for progress, costs, actuals and baselines (one Problem per broken rule)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from workbench.model.errors import Problem
from workbench.model.project import Project


def check_money(tables: Mapping[str, pd.DataFrame],
                labels: Mapping[str, list[str]]) -> list[Problem]:
    """Cross-column rules of task progress, cost lines, actuals and baselines.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        Typed tables (see :func:`workbench.model.tables.coerce_table`).
    labels : mapping of str to list of str
        Row labels per table, as messages name rows.

    Returns
    -------
    list of Problem

    Examples
    --------
    >>> from workbench.model.tables import coerce_table, row_labels
    >>> from workbench.model.schema import TASKS
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "duration": 5, "actual_start": "2027-01-06",
    ...                                   "actual_finish": "2027-01-05"}])
    >>> [str(p) for p in check_money({"tasks": tasks}, {"tasks": row_labels(TASKS, tasks)})]
    ["tasks row 'A' column 'actual_finish': is before actual_start 2027-01-06"]
    """
    problems: list[Problem] = []
    tasks = tables.get("tasks")
    if tasks is None:
        return problems
    summaries = set(tasks["parent"]) - {""}
    problems += _check_progress(tasks, summaries, labels["tasks"])
    for name, what in (("cost_lines", "costs"), ("actuals", "actual costs")):
        frame = tables.get(name)
        if frame is None or not len(frame):
            continue
        on_summary = frame["task"].isin(summaries).to_numpy()
        problems += [Problem(name, labels[name][i], "task",
                             f"book {what} on the summary's tasks, not the summary")
                     for i in np.flatnonzero(on_summary)]
        if name == "cost_lines":
            floating = (frame["task"] == "").to_numpy() & frame["date"].isna().to_numpy()
            problems += [Problem(name, labels[name][i], "date",
                                 "give a date, or a task to spread the cost over")
                         for i in np.flatnonzero(floating)]
    baselines = tables.get("baselines")
    if baselines is not None and len(baselines):
        backwards = (baselines["finish"] < baselines["start"]).to_numpy(dtype=bool)
        problems += [Problem("baselines", labels["baselines"][i], "finish",
                             f"is before start {baselines['start'].iloc[i].date()}")
                     for i in np.flatnonzero(backwards)]
    return problems


def _check_progress(tasks: pd.DataFrame, summaries: set[str], labels: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    start, finish = tasks["actual_start"], tasks["actual_finish"]
    backwards = (finish < start).to_numpy(dtype=bool)
    problems += [Problem("tasks", labels[i], "actual_finish",
                         f"is before actual_start {start.iloc[i].date()}")
                 for i in np.flatnonzero(backwards)]
    unstarted = (finish.notna() & start.isna()).to_numpy()
    problems += [Problem("tasks", labels[i], "actual_finish",
                         "needs an actual_start as well")
                 for i in np.flatnonzero(unstarted)]
    is_summary = tasks["id"].isin(summaries).to_numpy()
    for column in ("actual_start", "actual_finish", "remaining_duration"):
        given = tasks[column].notna().to_numpy() & is_summary
        problems += [Problem("tasks", labels[i], column,
                             "a summary task rolls up its children's progress; remove it")
                     for i in np.flatnonzero(given)]
    return problems


def check_current_baseline(project: Project, tables: Mapping[str, pd.DataFrame]) -> list[Problem]:
    """The project's ``current_baseline`` must name a baseline the plan holds.

    Parameters
    ----------
    project : Project
        The plan's metadata (``current_baseline``: a baseline name or None).
    tables : mapping
        The plan's tables by name (``baselines`` is read).

    Returns
    -------
    list of Problem
        One problem when the named baseline is missing, else empty.

    Examples
    --------
    >>> import datetime as dt
    >>> from workbench.model.tables import empty_table
    >>> from workbench.model.schema import BASELINES
    >>> project = Project(start=dt.date(2027, 1, 4), current_baseline="v1")
    >>> [str(p) for p in check_current_baseline(project, {"baselines": empty_table(BASELINES)})]
    ["project column 'current_baseline': no baseline named 'v1' (saved: none)"]
    """
    name = project.current_baseline
    baselines = tables.get("baselines")
    saved = sorted(set(baselines["baseline"])) if baselines is not None else []
    if name is None or name in saved:
        return []
    return [Problem("project", None, "current_baseline",
                    f"no baseline named {name!r} (saved: {', '.join(saved) or 'none'})")]
