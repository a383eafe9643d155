"""Applying scenarios: a base plan plus declarative changes gives a new plan (and schedule).

:func:`apply` resolves a scenario's chain of bases and applies every change to a copy
of the plan; the base is never touched. A change that no longer fits (the task it
names was removed, a branch is empty) raises a :class:`PlanError` naming the scenario
and the change, e.g. ``scenarios row 'descope' column 'changes[0]': task 'T30' does
not exist in the base plan``.

Most what-ifs change numbers, not the network: durations, effort, units, capacity,
rates, constraint dates, the calendar. :class:`ScenarioRunner` notices that and reuses
what it can from the base: no network re-validation, and the base's compiled level
plan with new durations when only durations moved (see
:mod:`workbench.engine.scheduling.compiled`). Only a change that adds or removes tasks or links
(or renames or re-parents tasks) builds and compiles the plan from scratch.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from workbench.engine.scheduling.calendar import WorkCalendar
from workbench.engine.scheduling.compiled import CompiledPlan, compile_plan, task_durations
from workbench.engine.scheduling.scheduler import Schedule, schedule
from workbench.model import TABLES, Plan, PlanError
from workbench.model.arguments import expect, expect_plan
from workbench.model.references import descendants, without_rows
from workbench.model.scenario import (
    PLAN_BASE,
    Change,
    Scenario,
    base_chain,
    check_scenarios,
    scenario_problem,
)
from workbench.model.tables import canonical_dates, coerce_table, expand_dates, row_labels

# How much of the base's work a scenario plan can reuse, from most to least.
REUSE_ALL = 0  # names, rates, capacity: the base's compiled plan as it is
REUSE_NETWORK = 1  # durations, effort, units: the compiled plan with new durations
RECOMPILE = 2  # constraints, lags, calendar, start: compile again, network unchanged
REBUILD = 3  # tasks or links added/removed, ids or parents changed: build and compile

_DURATION_COLUMNS = {"tasks": ("duration", "effort", "milestone"),
                     "assignments": ("units", "task", "resource")}
_NETWORK_COLUMNS = {"tasks": ("id", "parent"), "links": ("from", "to")}
_SINGULAR = {"tasks": "task", "links": "link", "resources": "resource",
             "assignments": "assignment"}


class Stale(Exception):
    """A change that does not fit the plan it is applied to."""


def _reuse_for(table: str, column: str | None) -> int:
    """Reuse level after changing ``column`` of ``table`` (``None``: rows added/removed)."""
    if column is None:
        if table in _NETWORK_COLUMNS:
            return REBUILD
        return REUSE_NETWORK if table == "assignments" else REUSE_ALL
    if column in _NETWORK_COLUMNS.get(table, ()):
        return REBUILD
    if column in _DURATION_COLUMNS.get(table, ()):
        return REUSE_NETWORK
    if table in ("tasks", "links"):
        return RECOMPILE if column in ("constraint", "constraint_date", "deadline",
                                       "type", "lag") else REUSE_ALL
    return REUSE_ALL


class Draft:
    """A working copy of a plan that changes are applied to, tracking what they touched."""

    def __init__(self, plan: Plan) -> None:
        self.base = plan
        self.project = plan.project
        self.tables: dict[str, pd.DataFrame] = dict(plan.tables)
        self._copied: set[str] = set()
        self.reuse = REUSE_ALL

    def table(self, name: str) -> pd.DataFrame:
        """The draft's table ``name``, copied before the first write."""
        if name not in self._copied:
            self.tables[name] = self.tables[name].copy()
            self._copied.add(name)
        return self.tables[name]

    def put(self, name: str, frame: pd.DataFrame, column: str | None) -> None:
        """Install a new frame for ``name``; ``column`` is what changed (None: rows)."""
        self.tables[name] = frame.reset_index(drop=True)
        self._copied.add(name)
        self.touch(name, column)

    def touch(self, table: str, column: str | None) -> None:
        """Record that ``column`` of ``table`` changed."""
        self.reuse = max(self.reuse, _reuse_for(table, column))

    def calendar(self) -> WorkCalendar:
        return WorkCalendar(self.project)

    def plan(self) -> Plan:
        """The validated plan (raises PlanError); no scenarios of its own."""
        changed = {name: self.tables[name] for name in self._copied}
        plan = self.base.replace_typed(self.project, same_network=self.reuse < REBUILD,
                                       **changed)
        return dataclasses.replace(plan, scenarios=())


def _rows(draft: Draft, table: str, key: str) -> np.ndarray:
    """Positions of the row named ``key`` (id, ``from->to``, ``task/resource``)."""
    frame = draft.tables[table]
    spec = TABLES[table]
    key = str(key)
    if spec.key == ("id",):
        mask = (frame["id"] == key).to_numpy()
    else:
        separator = "->" if spec.key == ("from", "to") else "/"
        parts = key.split(separator)
        if len(parts) != len(spec.key):
            raise Stale(f"{_SINGULAR.get(table, table)} key {key!r} should look like "
                        f"{separator.join(spec.key)}")
        mask = np.logical_and.reduce([(frame[k] == v).to_numpy()
                                      for k, v in zip(spec.key, parts, strict=True)])
    found = np.flatnonzero(mask)
    if not len(found):
        raise Stale(f"{_SINGULAR.get(table, table)} {key!r} does not exist in the base plan")
    return found


def _typed_rows(table: str, rows: list[Mapping[str, Any]]) -> pd.DataFrame:
    frame, problems = coerce_table(TABLES[table], rows)
    if problems:
        raise PlanError(problems)
    return frame


def _typed_value(table: str, field: str, value: Any) -> Any:
    return _typed_rows(table, [{field: value}])[field].iloc[0]


def _set(draft: Draft, change: Change) -> None:
    table, field = change["table"], change["field"]
    rows = _rows(draft, table, change["id"])
    value = _typed_value(table, field, change["value"])
    frame = draft.table(table)
    frame.iloc[rows, frame.columns.get_loc(field)] = value
    draft.touch(table, field)


def _select(draft: Draft, change: Change) -> np.ndarray:
    """Mask of the rows a ``scale`` change works on."""
    table = change["table"]
    frame = draft.tables[table]
    if "ids" in change.fields:
        keys = [str(k) for k in change["ids"]]
        labels = frame["id"] if TABLES[table].key == ("id",) else pd.Series(
            row_labels(TABLES[table], frame), dtype=object)
        missing = sorted(set(keys) - set(labels))
        if missing:
            _rows(draft, table, missing[0])  # raises Stale naming it
        return labels.isin(keys).to_numpy()
    mask = np.ones(len(frame), dtype=bool)
    for field, value in change["where"].items():
        if table == "tasks" and field == "parent":
            _rows(draft, "tasks", value)
            mask &= descendants(frame, [str(value)])
        elif table == "tasks" and field == "role":
            resources = draft.tables["resources"]
            staff = resources.loc[resources["role"] == str(value), "id"]
            if staff.empty:
                raise Stale(f"no resource has the role {value!r} in the base plan")
            assignments = draft.tables["assignments"]
            busy = assignments.loc[assignments["resource"].isin(staff), "task"]
            mask &= frame["id"].isin(busy).to_numpy()
        else:
            mask &= (frame[field] == _typed_value(table, field, value)).to_numpy()
    if not mask.any():
        where = ", ".join(f"{k} = {v!r}" for k, v in change["where"].items())
        raise Stale(f"no {table} where {where} in the base plan")
    return mask


def _scale(draft: Draft, change: Change) -> None:
    table, field, factor = change["table"], change["field"], float(change["factor"])
    mask = _select(draft, change)
    frame = draft.table(table)
    values = frame[field].to_numpy(dtype=np.float64, copy=True)
    values[mask] *= factor
    frame[field] = values
    if table == "tasks" and field == "duration":
        # Effort-driven tasks take their duration from effort: scale that instead.
        effort = frame["effort"].to_numpy(dtype=np.float64, copy=True)
        by_effort = mask & np.isnan(frame["duration"].to_numpy()) & ~np.isnan(effort)
        effort[by_effort] *= factor
        frame["effort"] = effort
    draft.touch(table, field)


def _add(draft: Draft, change: Change) -> None:
    table = change["table"]
    row = _typed_rows(table, [change["row"]])
    draft.put(table, pd.concat([draft.tables[table], row], ignore_index=True), None)


def _remove(draft: Draft, change: Change) -> None:
    table = change["table"]
    doomed = np.zeros(len(draft.tables[table]), dtype=bool)
    doomed[_rows(draft, table, change["id"])] = True
    for name, frame in without_rows(draft.tables, table, doomed).items():
        draft.put(name, frame, None)


def _delay(draft: Draft, change: Change) -> None:
    days = int(change["days"])
    row = _rows(draft, "tasks", change["id"])[0]
    tasks = draft.table("tasks")
    task_id = tasks["id"].iloc[row]
    if (tasks["parent"] == task_id).any():
        raise Stale(f"task {task_id!r} is a summary: delay the tasks inside it")
    links = draft.table("links")
    incoming = (links["to"] == task_id).to_numpy()
    links.loc[incoming, "lag"] = links.loc[incoming, "lag"] + days
    draft.touch("links", "lag")
    constraint = tasks["constraint"].iloc[row]
    calendar = draft.calendar()
    if constraint in ("SNET", "MSO", "FNET", "MFO"):
        day = np.datetime64(tasks["constraint_date"].iloc[row], "D")
        # Finish-type dates roll back to a working day, start-type ones forward.
        roll = "forward" if constraint in ("SNET", "MSO") else "backward"
        moved = np.busday_offset(day, days, roll=roll, busdaycal=calendar.busdaycal)
        tasks.iloc[row, tasks.columns.get_loc("constraint_date")] = pd.Timestamp(moved)
        draft.touch("tasks", "constraint_date")
    elif constraint == "ASAP" and not incoming.any():
        moved = np.busday_offset(calendar.start, max(days, 0), busdaycal=calendar.busdaycal)
        tasks.iloc[row, tasks.columns.get_loc("constraint")] = "SNET"
        tasks.iloc[row, tasks.columns.get_loc("constraint_date")] = pd.Timestamp(moved)
        draft.touch("tasks", "constraint")


def _next_id(ids: pd.Series, prefix: str) -> str:
    numbers = pd.to_numeric(ids.str.extract(rf"^{prefix}(\d+)$")[0], errors="coerce")
    return f"{prefix}{int(numbers.max()) + 1 if numbers.notna().any() else 1}"


def _add_units(draft: Draft, change: Change) -> None:
    role, units = str(change["role"]), float(change["units"])
    resources = draft.tables["resources"]
    staff = resources[resources["role"] == role]
    capacity = float(staff["capacity"].sum())
    if staff.empty or capacity <= 0:
        raise Stale(f"no resource with capacity has the role {role!r} in the base plan")
    if units == 0:
        return
    new_id = str(change.get("id") or _next_id(resources["id"], "R"))
    rate = change.get("rate", float(staff["rate"].mean()))
    _add(draft, Change("add", table="resources", row={
        "id": new_id, "name": change.get("name", f"Additional {role.lower()}"),
        "role": role, "capacity": units, "rate": rate}))
    assignments = draft.tables["assignments"]
    by_role = assignments[assignments["resource"].isin(staff["id"])]
    share = by_role.groupby("task", sort=False)["units"].sum() * (units / capacity)
    share = share[share > 0]
    before = assignments.groupby("task")["units"].sum().reindex(share.index)
    new_rows = pd.DataFrame({"task": share.index.to_numpy(dtype=object),
                             "resource": new_id, "units": share.to_numpy()})
    draft.put("assignments", pd.concat([assignments, _typed_rows("assignments", new_rows)],
                                       ignore_index=True), "units")
    # Duration-given tasks share their work too: effort-driven ones follow the units.
    tasks = draft.table("tasks")
    factor = (before / (before + share)).reindex(tasks["id"]).to_numpy()
    duration = tasks["duration"].to_numpy(dtype=np.float64, copy=True)
    hit = ~np.isnan(factor) & ~np.isnan(duration)
    duration[hit] *= factor[hit]
    tasks["duration"] = duration
    draft.touch("tasks", "duration")


def _shift_start(draft: Draft, change: Change) -> None:
    start = draft.project.start + pd.Timedelta(days=int(change["days"])).to_pytimedelta()
    draft.project = draft.project.replace(start=start)
    draft.reuse = max(draft.reuse, RECOMPILE)


def _add_non_working_days(draft: Draft, change: Change) -> None:
    days = expand_dates(canonical_dates(change["dates"]))
    calendar = draft.project.calendar
    holidays = tuple(sorted(set(calendar.holidays) | set(days)))
    draft.project = draft.project.replace(
        calendar=dataclasses.replace(calendar, holidays=holidays))
    draft.reuse = max(draft.reuse, RECOMPILE)


OPERATIONS: dict[str, Callable[[Draft, Change], None]] = {
    "set": _set, "scale": _scale, "add": _add, "remove": _remove, "delay": _delay,
    "add_units": _add_units, "shift_start": _shift_start,
    "add_non_working_days": _add_non_working_days,
}
"""How each operation of :data:`workbench.model.scenario.OPS` changes a draft."""


def _apply_change(draft: Draft, scenario: str, index: int, change: Change) -> None:
    try:
        OPERATIONS[change.op](draft, change)
    except Stale as exc:
        raise PlanError(scenario_problem(scenario, index, str(exc))) from None
    except PlanError as exc:
        raise PlanError([scenario_problem(scenario, index, str(p))
                         for p in exc.problems]) from None


Steps = list[tuple[str, int, Change]]


def _steps(chain: Iterable[Scenario]) -> Steps:
    return [(s.name, i, c) for s in chain for i, c in enumerate(s.changes)]


def _build(plan: Plan, steps: Steps) -> tuple[Plan, int]:
    """Apply every step to a draft of ``plan``, validate the result once; return it and
    its reuse level.

    On a validation error the steps are replayed one by one to name the change that
    broke the plan (slow, but only on the error path).
    """
    draft = Draft(plan)
    for name, index, change in steps:
        _apply_change(draft, name, index, change)
    try:
        return draft.plan(), draft.reuse
    except PlanError:
        replay = Draft(plan)
        for name, index, change in steps:
            _apply_change(replay, name, index, change)
            try:
                replay.plan()
            except PlanError as exc:
                raise PlanError([scenario_problem(name, index, str(p))
                                 for p in exc.problems]) from None
        raise


def resolve(plan: Plan, scenario: Scenario | Mapping[str, Any] | str) -> list[Scenario]:
    """The chain of scenarios to apply for ``scenario``, the first based on the plan.

    A scenario given as an object (or mapping) need not be saved in the plan; its
    ``base`` may name one that is.

    Raises
    ------
    PlanError
        Unknown scenario or base, loops of bases, or a malformed scenario.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> [s.name for s in resolve(plan, "vendor slips, second developer")]
    ['vendor slips 2 weeks', 'vendor slips, second developer']
    """
    expect(scenario, (Scenario, Mapping, str), "scenario", "put a list of changes in "
           "Scenario(name, changes=...) or {'name': ..., 'changes': [...]}")
    if isinstance(scenario, str):
        if scenario == PLAN_BASE:
            return []
        return base_chain(plan.scenarios, scenario)
    scenario = Scenario.from_dict(scenario)
    # The plan's own scenarios were checked when it was built: check only this one.
    problems = check_scenarios([scenario.replace(base=PLAN_BASE)])
    if problems:
        raise PlanError(problems)
    others = [s for s in plan.scenarios if s.name != scenario.name]
    return base_chain([*others, scenario], scenario.name)


def apply(plan: Plan, scenario: Scenario | Mapping[str, Any] | str) -> Plan:
    """The plan as a scenario would make it; the base plan is left as it was.

    Parameters
    ----------
    plan : Plan
        The base plan (holding the scenarios named by ``base``).
    scenario : Scenario, mapping or str
        A scenario, its plan-file mapping, or the name of one of ``plan.scenarios``
        (``"plan"`` gives the plan itself).

    Returns
    -------
    Plan
        A new validated plan with every change of the scenario's chain applied; it
        carries no scenarios of its own.

    Raises
    ------
    PlanError
        Naming the scenario and the change (``changes[i]``) that does not fit, or
        what is wrong with the scenario itself.

    Examples
    --------
    >>> import workbench
    >>> plan = workbench.load_plan(workbench.sample_plan_path())
    >>> slipped = apply(plan, {"name": "late design", "changes": [
    ...     {"op": "set", "table": "tasks", "id": "T5", "field": "duration", "value": 20}]})
    >>> float(slipped.tasks.set_index("id").loc["T5", "duration"]), len(plan.scenarios) > 0
    (20.0, True)
    """
    steps = _steps(resolve(expect_plan(plan), scenario))
    if not steps:
        return dataclasses.replace(plan, scenarios=())
    return _build(plan, steps)[0]


@dataclass(frozen=True)
class Outcome:
    """A scenario's plan and schedule, and how much of the base they reused."""

    name: str
    plan: Plan
    schedule: Schedule
    reuse: int


class ScenarioRunner:
    """Applies and schedules scenarios of one base plan, reusing the base's work.

    The base's compiled plan is built once; a scenario that changes only numbers
    (durations, units, capacity, rates) is scheduled on it with new durations, and
    outcomes of saved scenarios are kept for the runner's life.

    Examples
    --------
    >>> import workbench
    >>> runner = ScenarioRunner(workbench.load_plan(workbench.sample_plan_path()))
    >>> late = runner.run_changes([{"op": "delay", "id": "M3", "days": 10}])
    >>> bool(late.schedule.finish > runner.base.schedule.finish), late.reuse == RECOMPILE
    (True, True)
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.compiled: CompiledPlan = compile_plan(plan)
        self.base = Outcome(PLAN_BASE, plan, schedule(plan, compiled=self.compiled), REUSE_ALL)
        self._outcomes: dict[str, Outcome] = {PLAN_BASE: self.base}

    def run(self, scenario: Scenario | Mapping[str, Any] | str) -> Outcome:
        """The outcome of a scenario (a saved one by name is computed once)."""
        if isinstance(scenario, str) and scenario in self._outcomes:
            return self._outcomes[scenario]
        chain = resolve(self.plan, scenario)
        outcome = self._run(chain[-1].name if chain else PLAN_BASE, _steps(chain))
        if isinstance(scenario, str):
            self._outcomes[scenario] = outcome
        return outcome

    def run_changes(self, changes: Iterable[Change | Mapping[str, Any]],
                    name: str = "what-if", base: str = PLAN_BASE) -> Outcome:
        """The outcome of changes applied on top of ``base`` (the plan or a scenario)."""
        return self.run(Scenario(name, base=base, changes=tuple(changes)))

    def _run(self, name: str, steps: Steps) -> Outcome:
        if not steps:
            return dataclasses.replace(self.base, name=name)
        plan, reuse = _build(self.plan, steps)
        if reuse == REUSE_ALL:
            net = self.compiled
        elif reuse == REUSE_NETWORK:
            net = self._with_durations(plan)
        else:
            net = compile_plan(plan)
        return Outcome(name, plan, schedule(plan, compiled=net), reuse)

    def _with_durations(self, plan: Plan) -> CompiledPlan:
        net = self.compiled
        duration = task_durations(plan)
        duration[net.is_summary] = 0.0
        return dataclasses.replace(net, duration=duration,
                                   is_milestone=net.is_leaf & (duration == 0))
