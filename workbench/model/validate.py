"""Rules a plan must satisfy; every broken rule becomes a Problem naming table, row, column."""

from __future__ import annotations

from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from workbench.model.errors import Problem
from workbench.model.network import (
    CycleError,
    ancestor_pairs,
    build_hierarchy,
    expand_links,
    topological_levels,
)
from workbench.model.risk_rules import check_estimates, check_risks
from workbench.model.schema import (
    MAX_WORKING_DAYS,
    NUMBER_KINDS,
    SPAN_YEARS,
    TABLES,
    TEXT_KINDS,
    TableSpec,
)
from workbench.model.tables import allowed_text, number_text, row_labels, split_ids
from workbench.model.validate_money import check_money


def check_columns(spec: TableSpec, frame: pd.DataFrame, tables: Mapping[str, pd.DataFrame],
                  labels: list[str]) -> list[Problem]:
    """Required values, allowed values, bounds, references and unique keys of one table.

    Parameters
    ----------
    spec : TableSpec
        The table's declaration.
    frame : pd.DataFrame
        The table, typed by :func:`workbench.model.tables.coerce_table`.
    tables : mapping
        Every table of the plan by name, to check references against (a missing
        target table counts as empty).
    labels : list of str
        The row label of each row of ``frame``, used in the problems.

    Returns
    -------
    list of Problem
        One per broken rule and cell (one per duplicate row for the key).

    Examples
    --------
    >>> from workbench.model.schema import TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "duration": -1}, {"id": "A"}])
    >>> [str(p) for p in check_columns(TASKS, tasks, {"tasks": tasks}, ["A", "A"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    ["tasks row 'A' column 'duration': must be >= 0, got -1",
     "tasks row 'A' column 'id': duplicate id 'A'"]
    """
    problems: list[Problem] = []
    if frame.empty:  # most of a plan's tables; every rule below is about some row
        return problems
    for column in spec.columns:
        values = frame[column.name]
        if column.kind in TEXT_KINDS:
            empty = (values == "").to_numpy()
        else:
            empty = values.isna().to_numpy()
        if column.required:
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"is required: {allowed_text(column)}")
                         for i in np.flatnonzero(empty)]
        if column.allowed is not None:
            bad = ~values.isin(column.allowed).to_numpy() & ~empty
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"must be one of {', '.join(column.allowed)}, "
                                 f"got {values.iloc[i]!r}")
                         for i in np.flatnonzero(bad)]
        if column.minimum is not None and column.kind in NUMBER_KINDS:
            bad = (values < column.minimum).fillna(False).to_numpy(dtype=bool)
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"must be >= {number_text(float(column.minimum))}, "
                                 f"got {number_text(float(values.iloc[i]))}")
                         for i in np.flatnonzero(bad)]
        if column.maximum is not None and column.kind in NUMBER_KINDS:
            bad = (values > column.maximum).fillna(False).to_numpy(dtype=bool)
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"must be <= {number_text(float(column.maximum))}, "
                                 f"got {number_text(float(values.iloc[i]))}")
                         for i in np.flatnonzero(bad)]
        if column.references is not None and column.kind == "ids":
            target = tables.get(column.references)
            known = set(target["id"]) if target is not None else set()
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"unknown {column.references[:-1]} id {item!r}")
                         for i in np.flatnonzero(~empty)
                         for item in split_ids(values.iloc[i]) if item not in known]
        elif column.references is not None:
            target = tables.get(column.references)
            known = set(target["id"]) if target is not None else set()
            bad = ~values.isin(known).to_numpy() & ~empty
            problems += [Problem(spec.name, labels[i], column.name,
                                 f"unknown {column.references[:-1]} id {values.iloc[i]!r}")
                         for i in np.flatnonzero(bad)]
    if spec.unique and len(frame):
        key = list(spec.key)
        complete = frame[key].ne("").all(axis=1)
        dup = frame.duplicated(subset=key, keep="first").to_numpy() & complete.to_numpy()
        problems += [Problem(spec.name, labels[i], spec.key[-1] if len(key) == 1 else None,
                             f"duplicate {'/'.join(key)} {labels[i]!r}")
                     for i in np.flatnonzero(dup)]
    return problems


def check_tasks(tasks: pd.DataFrame, labels: list[str]) -> list[Problem]:
    """Task rules that involve several columns: durations, milestones, summaries, constraints.

    Parameters
    ----------
    tasks : pd.DataFrame
        The typed tasks table (``duration`` and ``effort`` in working days and
        person-days, NaN where not given).
    labels : list of str
        The row label of each task, used in the problems.

    Returns
    -------
    list of Problem
        Grouped by rule, in row order within a rule.

    Examples
    --------
    >>> from workbench.model.schema import TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "M", "milestone": True, "duration": 2},
    ...                                 {"id": "B"}])
    >>> [str(p) for p in check_tasks(tasks, ["M", "B"])]  # doctest: +NORMALIZE_WHITESPACE
    ["tasks row 'B' column 'duration': is required (or give effort in person-days)",
     "tasks row 'M' column 'duration': a milestone has zero duration, got 2"]
    """
    problems: list[Problem] = []
    is_summary = tasks["id"].isin(set(tasks["parent"]) - {""}).to_numpy()
    duration, effort = tasks["duration"].to_numpy(), tasks["effort"].to_numpy()
    for i in np.flatnonzero(is_summary & ~np.isnan(duration)):
        problems.append(Problem("tasks", labels[i], "duration",
                                "a summary task takes its dates from its children; "
                                f"remove its duration (got {number_text(float(duration[i]))})"))
    for i in np.flatnonzero(is_summary & ~np.isnan(effort)):
        problems.append(Problem("tasks", labels[i], "effort",
                                "a summary task rolls up its children's effort; remove it"))
    for i in np.flatnonzero(is_summary & tasks["milestone"].to_numpy()):
        problems.append(Problem("tasks", labels[i], "milestone",
                                "a summary task cannot be a milestone"))
    for i in np.flatnonzero(is_summary & (tasks["constraint"] != "ASAP").to_numpy()):
        problems.append(Problem("tasks", labels[i], "constraint",
                                "constrain the summary's tasks, not the summary"))
    leaf_without = ~is_summary & np.isnan(duration) & np.isnan(effort) \
        & ~tasks["milestone"].to_numpy()
    for i in np.flatnonzero(leaf_without):
        problems.append(Problem("tasks", labels[i], "duration",
                                "is required (or give effort in person-days)"))
    milestone_long = tasks["milestone"].to_numpy() & (np.nan_to_num(duration) > 0)
    for i in np.flatnonzero(milestone_long):
        problems.append(Problem("tasks", labels[i], "duration",
                                "a milestone has zero duration, "
                                f"got {number_text(float(duration[i]))}"))
    needs_date = (tasks["constraint"] != "ASAP").to_numpy() \
        & tasks["constraint_date"].isna().to_numpy()
    for i in np.flatnonzero(needs_date):
        problems.append(Problem("tasks", labels[i], "constraint_date",
                                f"constraint {tasks['constraint'].iloc[i]} needs a date"))
    return problems


def check_effort_durations(tasks: pd.DataFrame, assignments: pd.DataFrame,
                           resources: pd.DataFrame, labels: list[str]) -> list[Problem]:
    """Tasks given by effort must not last longer than a plan may span.

    Such a task lasts its effort divided by its assigned units, each assignment counting
    at most its resource's capacity (the rule of :mod:`workbench.engine.resources.capacity`),
    or by 1 without assignments. Tiny units turn modest effort into centuries, which the
    column bounds alone do not catch.

    Parameters
    ----------
    tasks, assignments, resources : pd.DataFrame
        The typed tables; assignments to unknown tasks or resources count as given
        (:func:`check_columns` reports the unknown ids).
    labels : list of str
        The row label of each task, used in the problems.

    Returns
    -------
    list of Problem
        One per task whose effort-driven duration exceeds ``MAX_WORKING_DAYS``; empty
        while task ids are duplicated.

    Examples
    --------
    >>> from workbench.model.schema import ASSIGNMENTS, RESOURCES, TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "effort": 100}])
    >>> resources, _ = coerce_table(RESOURCES, [{"id": "R"}])
    >>> assignments, _ = coerce_table(ASSIGNMENTS, [{"task": "A", "resource": "R",
    ...                                              "units": 0.001}])
    >>> [str(p) for p in check_effort_durations(tasks, assignments, resources, ["A"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    ["tasks row 'A' column 'effort': 100 person-days at 0.001 units take 100000 working days;
      a plan allows at most 36525 (100 years)"]
    """
    effort = tasks["effort"].to_numpy(dtype=np.float64)
    by_effort = (np.isnan(tasks["duration"].to_numpy(dtype=np.float64)) & ~np.isnan(effort)
                 & ~tasks["milestone"].to_numpy(dtype=bool))
    if not by_effort.any() or tasks["id"].duplicated().any():
        return []
    capacity = resources.drop_duplicates("id").set_index("id")["capacity"]
    units = np.fmin(assignments["units"].to_numpy(dtype=np.float64),
                    assignments["resource"].map(capacity).to_numpy(dtype=np.float64))
    position = pd.Index(tasks["id"]).get_indexer(assignments["task"])
    total = np.zeros(len(tasks))
    np.add.at(total, position[position >= 0], units[position >= 0])
    per = np.where(total > 0, total, 1.0)
    days = effort / per
    return [Problem("tasks", labels[i], "effort",
                    f"{number_text(effort[i])} person-days at {number_text(per[i])} units take "
                    f"{number_text(days[i])} working days; a plan allows at most "
                    f"{MAX_WORKING_DAYS} ({SPAN_YEARS} years)")
            for i in np.flatnonzero(by_effort & (days > MAX_WORKING_DAYS))]


def check_network(tasks: pd.DataFrame, links: pd.DataFrame, task_labels: list[str],
                  link_labels: list[str]) -> list[Problem]:
    """WBS and links: no parent cycles, no links within one branch, no dependency cycles.

    Parameters
    ----------
    tasks : pd.DataFrame
        The typed tasks table (``id``, ``parent``).
    links : pd.DataFrame
        The typed links table (``from``, ``to``); links to unknown ids are skipped
        (:func:`check_columns` reports them).
    task_labels, link_labels : list of str
        The row labels of the two tables, used in the problems.

    Returns
    -------
    list of Problem
        A WBS loop alone when there is one (the links cannot be read without a
        WBS); else self-links, links between a summary and its own tasks, and one
        dependency cycle naming its tasks. Empty while task ids are duplicated or
        empty.

    Examples
    --------
    >>> from workbench.model.schema import LINKS, TASKS
    >>> from workbench.model.tables import coerce_table
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "duration": 1}, {"id": "B", "duration": 1}])
    >>> links, _ = coerce_table(LINKS, [{"from": "A", "to": "B"}, {"from": "B", "to": "A"}])
    >>> [str(p) for p in check_network(tasks, links, ["A", "B"], ["A->B", "B->A"])]
    ["links row 'A->B': closes a cycle: B -> A -> B"]
    """
    ids = tasks["id"]
    if ids.duplicated().any() or (ids == "").any():
        return []  # positions are ambiguous; the id problems are reported already
    position = pd.Series(np.arange(len(ids)), index=ids.to_numpy())
    parent = tasks["parent"].map(position).fillna(-1).to_numpy(dtype=np.int64)
    try:
        hierarchy = build_hierarchy(parent)
    except CycleError as exc:
        names = " -> ".join(ids.iloc[exc.cycle].tolist() + [ids.iloc[exc.cycle[0]]])
        return [Problem("tasks", task_labels[exc.cycle[0]], "parent",
                        f"the WBS loops: {names}")]
    known = links["from"].isin(position.index) & links["to"].isin(position.index)
    rows = np.flatnonzero(known.to_numpy())
    src = position[links["from"].iloc[rows]].to_numpy()
    dst = position[links["to"].iloc[rows]].to_numpy()
    problems: list[Problem] = []
    anc, desc = ancestor_pairs(hierarchy.parent)
    n = len(ids)
    nested = np.isin(src * n + dst, anc * n + desc) | np.isin(dst * n + src, anc * n + desc)
    for k in np.flatnonzero(src == dst):
        problems.append(Problem("links", link_labels[rows[k]], "to",
                                "a task cannot depend on itself"))
    for k in np.flatnonzero(nested):
        problems.append(Problem("links", link_labels[rows[k]], "to",
                                "links a summary task with a task inside it"))
    keep = (src != dst) & ~nested
    src, dst, rows = src[keep], dst[keep], rows[keep]
    leaf_src, leaf_dst, link = expand_links(hierarchy, src, dst)
    try:
        topological_levels(len(ids), leaf_src, leaf_dst)
    except CycleError as exc:
        cycle = exc.cycle
        names = " -> ".join(ids.iloc[cycle].tolist() + [ids.iloc[cycle[0]]])
        closing = (cycle[-1], cycle[0])
        k = int(np.flatnonzero((leaf_src == closing[0]) & (leaf_dst == closing[1]))[0])
        problems.append(Problem("links", link_labels[rows[link[k]]], None,
                                f"closes a cycle: {names}"))
    return problems


def validate_tables(tables: Mapping[str, pd.DataFrame], network: bool = True,
                    only: Collection[str] | None = None) -> list[Problem]:
    """All problems of a set of typed tables (see :func:`workbench.model.tables.coerce_table`).

    Parameters
    ----------
    tables : mapping
        Typed tables by name (any subset of the declared tables).
    network : bool
        False skips the WBS and dependency-cycle checks (for callers that changed no
        task id, parent or link of an already valid plan).
    only : collection of str, optional
        Limits the checks to rules involving these tables (for callers that changed
        only them and know the other tables' references still hold). None checks
        everything.

    Returns
    -------
    list of Problem
        Every problem found; empty for valid tables.

    Examples
    --------
    >>> from workbench.model.tables import coerce_table
    >>> from workbench.model.schema import TASKS, LINKS
    >>> tasks, _ = coerce_table(TASKS, [{"id": "A", "duration": -3}])
    >>> links, _ = coerce_table(LINKS, [])
    >>> [str(p) for p in validate_tables({"tasks": tasks, "links": links})]
    ["tasks row 'A' column 'duration': must be >= 0, got -3"]
    """
    checked = [name for name in tables if only is None or name in only]
    problems: list[Problem] = []
    labels = RowLabels(tables)
    label = labels.__getitem__

    for name in checked:
        problems += check_columns(TABLES[name], tables[name], tables, label(name))
    tasks = tables.get("tasks")
    if tasks is not None and "tasks" in checked:
        problems += check_tasks(tasks, label("tasks"))
        problems += check_estimates(tasks, label("tasks"))
    links = tables.get("links")
    if (network and tasks is not None and links is not None
            and ("tasks" in checked or "links" in checked)
            and not problems_in(problems, "tasks", "parent")):
        problems += check_network(tasks, links, label("tasks"), label("links"))
    assignments = tables.get("assignments")
    if (tasks is not None and assignments is not None and len(assignments)
            and ("tasks" in checked or "assignments" in checked)):
        summaries = set(tasks["parent"]) - {""}
        hit = np.flatnonzero(assignments["task"].isin(summaries).to_numpy())
        problems += [Problem("assignments", label("assignments")[i], "task",
                             "assign work to the summary's tasks, not the summary")
                     for i in hit]
    resources = tables.get("resources")
    if (tasks is not None and assignments is not None and resources is not None
            and {"tasks", "assignments", "resources"} & set(checked)):
        problems += check_effort_durations(tasks, assignments, resources, label("tasks"))
    problems += check_money(tables, labels)
    risks = tables.get("risks")
    if (tasks is not None and risks is not None and len(risks)
            and ("tasks" in checked or "risks" in checked)):
        problems += check_risks(risks, tasks, label("risks"))
    return problems


class RowLabels(dict):
    """Row labels per table, computed on first use (they cost time on large tables)."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        super().__init__()
        self._tables = tables

    def __missing__(self, name: str) -> list[str]:
        self[name] = row_labels(TABLES[name], self._tables[name])
        return self[name]


def problems_in(problems: list[Problem], table: str, column: str) -> bool:
    """Whether any problem concerns ``table``/``column``.

    Parameters
    ----------
    problems : list of Problem
        Problems found so far.
    table, column : str
        The table and column asked about.

    Returns
    -------
    bool

    Examples
    --------
    >>> problems_in([Problem("tasks", "A", "parent", "unknown task id 'X'")], "tasks", "parent")
    True
    """
    return any(p.table == table and p.column == column for p in problems)
